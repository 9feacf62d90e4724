/* internal.h -- declarations shared inside src/; never installed.
**
** Naming: annals__<module>_<verb> for cross-file internals, all hidden from
** the shared library's symbol table by ANNALS_INTERNAL. */
#ifndef ANNALS_INTERNAL_H
#define ANNALS_INTERNAL_H

#include "annals.h"

#include <stdarg.h>
#include <stdint.h>

#define ANNALS_INTERNAL __attribute__((visibility("hidden")))

/* ------------------------------------------------------------- allocator */
struct annals_alloc {
    annals_alloc_fn fn;
    void *ud;
};

ANNALS_INTERNAL void *annals__malloc(const struct annals_alloc *a, size_t n);
ANNALS_INTERNAL void *annals__realloc(const struct annals_alloc *a, void *p,
                                      size_t osize, size_t nsize);
ANNALS_INTERNAL void annals__free(const struct annals_alloc *a, void *p, size_t size);

/* Copy at most cap-1 bytes of a printf-style message into buf; NUL-terminated.
** cap == 0 writes nothing. */
ANNALS_INTERNAL void annals__fmt(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ----------------------------------------------------------------- arena */

/* A bump allocator of chained blocks.  Everything of one document lives in
** one arena and is released at once. */
struct arena_block;
struct annals_arena {
    const struct annals_alloc *alloc;
    struct arena_block *head;     /* block being filled */
    struct arena_block *spare;    /* blocks kept by a reset */
};

ANNALS_INTERNAL void annals__arena_init(struct annals_arena *a,
                                        const struct annals_alloc *alloc);
/* 16-byte aligned; NULL when memory is exhausted. */
ANNALS_INTERNAL void *annals__arena_alloc(struct annals_arena *a, size_t n);
ANNALS_INTERNAL char *annals__arena_strdup(struct annals_arena *a, const char *s,
                                           size_t len);
ANNALS_INTERNAL void annals__arena_reset(struct annals_arena *a);
ANNALS_INTERNAL void annals__arena_free(struct annals_arena *a);

/* ---------------------------------------------------------------- buffer */

/* A growable byte buffer with a cap (curl's dynbuf): going past the cap is an
** error, never a silent truncation.  On any failure the buffer is emptied. */
struct annals_buf {
    const struct annals_alloc *alloc;
    char *data;
    size_t len;
    size_t cap;        /* allocated bytes */
    size_t limit;      /* most bytes it may hold; 0 means SIZE_MAX */
};

ANNALS_INTERNAL void annals__buf_init(struct annals_buf *b,
                                      const struct annals_alloc *alloc, size_t limit);
ANNALS_INTERNAL void annals__buf_free(struct annals_buf *b);
/* Both return ANNALS_OK, ANNALS_ENOMEM or ANNALS_ETOOBIG. */
ANNALS_INTERNAL int annals__buf_add(struct annals_buf *b, const void *p, size_t n);
ANNALS_INTERNAL int annals__buf_addc(struct annals_buf *b, char c);
ANNALS_INTERNAL int annals__buf_printf(struct annals_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append the decimal digits of v (no locale, no printf). */
ANNALS_INTERNAL int annals__buf_u64(struct annals_buf *b, uint64_t v);
/* Append s as the body of a JSON string (escaped, without quotes). */
ANNALS_INTERNAL int annals__buf_json_str(struct annals_buf *b, const char *s, size_t n);
/* Make room for n more bytes after len; same returns as annals__buf_add. */
ANNALS_INTERNAL int annals__buf_reserve(struct annals_buf *b, size_t n);

/* ------------------------------------------------------------- pipeline */
struct syn_models;
struct annals_gazetteer;
struct annals_tone_lexicon;
struct ner_model;
struct annals_actordict;
struct annals_pipeline {
    struct annals_alloc alloc;
    struct annals_options opt;
    struct syn_models *syn;             /* syntax models, or NULL (syntax_run.c) */
    struct ner_model *ner;              /* named-entity model, or NULL (entities.c) */
    struct annals_gazetteer *gaz;       /* geo.model, or NULL: no geo stage */
    struct annals_tone_lexicon *tone;   /* tone.model, or NULL: no tone stage */
    struct annals_actordict *actors;    /* user actor dictionary, or NULL */
};

#endif /* ANNALS_INTERNAL_H */
