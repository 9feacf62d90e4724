/* unit.h -- what every unit test needs: cmocka and a checking allocator for
** struct annals_options.alloc.  Every test main() passes argv[1] to
** cmocka_set_test_filter(), so `build/tests/test_buf '*limit*'` runs the
** matching tests only. */
#ifndef ANNALS_UNIT_H
#define ANNALS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "annals.h"
#include "internal.h"

/* A lua_Alloc-style allocator that counts calls, can refuse the Nth
** allocation (fail_at, 1-based; 0 never), and checks the library's side of
** the contract: every block is freed once, with the size it was given. */
struct test_alloc {
    long calls;          /* allocations and reallocations asked for */
    long fail_at;        /* refuse this call; 0: never */
    long failed;         /* how many calls were refused */
    long live;           /* blocks not yet freed */
    size_t live_bytes;
    long bad_osize;      /* frees or reallocs with a wrong old size */
};

#define TEST_ALLOC_HDR 16     /* keeps the block 16-byte aligned */
#define TEST_ALLOC_MAX ((size_t)1 << 40)

static inline void *test_alloc_fn(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct test_alloc *t = ud;
    unsigned char *base = ptr != NULL ? (unsigned char *)ptr - TEST_ALLOC_HDR : NULL;
    size_t old = 0;

    if (base != NULL) {
        memcpy(&old, base, sizeof old);
        if (old != osize)
            t->bad_osize++;
    }
    if (nsize == 0) {
        if (base != NULL) {
            t->live--;
            t->live_bytes -= old;
            free(base);
        }
        return NULL;
    }
    t->calls++;
    if (t->fail_at != 0 && t->calls == t->fail_at) {
        t->failed++;
        return NULL;
    }
    if (nsize > TEST_ALLOC_MAX)
        return NULL;                /* as malloc would; sanitizers would abort */
    base = realloc(base, nsize + TEST_ALLOC_HDR);
    if (base == NULL)
        return NULL;
    memcpy(base, &nsize, sizeof nsize);
    if (ptr == NULL)
        t->live++;
    t->live_bytes = t->live_bytes - old + nsize;
    return base + TEST_ALLOC_HDR;
}

/* struct annals_alloc for internal modules, over t. */
static inline struct annals_alloc test_alloc_of(struct test_alloc *t)
{
    struct annals_alloc a = {test_alloc_fn, t};
    return a;
}

/* Fails the test unless the files at paths a and b hold the same bytes
** (a trainer run twice with one seed must write the same model). */
static inline void assert_same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int ca, cb;
    assert_non_null(fa);
    assert_non_null(fb);
    do {
        ca = getc(fa);
        cb = getc(fb);
        assert_int_equal(ca, cb);
    } while (ca != EOF);
    fclose(fa);
    fclose(fb);
}

/* A pipeline with the shipped models (tests run from the repository root,
** as make does) and one document, over a checking allocator. */
struct model_fixture {
    struct test_alloc t;
    annals_pipeline *p;
    annals_doc *d;
};

/* Open the fixture into *state; actors_file may name a user dictionary. */
static inline int model_fixture_open(void **state, const char *actors_file)
{
    struct model_fixture *f = calloc(1, sizeof *f);
    struct annals_options opt;
    if (f == NULL)
        return -1;
    annals_options_init(&opt);
    opt.alloc = test_alloc_fn;
    opt.alloc_ud = &f->t;
    opt.model_dir = "models";
    opt.actors_file = actors_file;
    if (annals_pipeline_open(&opt, &f->p, NULL, 0) != ANNALS_OK ||
        annals_doc_new(f->p, &f->d) != ANNALS_OK)
        return -1;
    *state = f;
    return 0;
}

static inline int model_fixture_setup(void **state) { return model_fixture_open(state, NULL); }

/* Fails the test group when memory leaked or was freed with a wrong size. */
static inline int model_fixture_teardown(void **state)
{
    struct model_fixture *f = *state;
    annals_doc_free(f->d);
    annals_pipeline_close(f->p);
    if (f->t.live != 0 || f->t.bad_osize != 0)
        return -1;
    free(f);
    return 0;
}

#endif /* ANNALS_UNIT_H */
