/* test_percep.c -- the linear scorer: features with few weights (scored
** entry by entry) and with many (scored from dense rows) add up exactly as
** their weights say, with few classes and with more than the scorer sums
** locally; damaged WGHT sections are refused; a trained model survives a
** save and a load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "percep.h"

#define N_CLASSES 40
#define MANY_CLASSES 300
#define N_FEATS 90

static void *test_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

static const struct annals_alloc A = {test_alloc, NULL};

/* Feature i has key 1000 + 7i and 1 + i % nc weights, so counts run from
** one weight to every class (to 90 of MANY_CLASSES); weights are multiples
** of 1/8, all positive, so that sums are exact whatever the order and no
** class can come out right by cancellation. */
static uint64_t key_of(int i) { return 1000 + 7 * (uint64_t)i; }
static int count_of(int i, int nc) { return 1 + i % nc; }
static int class_of(int i, int j, int nc) { return (j * 3 + i) % nc; }
static float weight_of(int i, int j) { return (float)((i * 5 + j * 11) % 23 + 1) / 8.0f; }

static void build_wght(struct annals_buf *b, int nc)
{
    uint32_t ne = 0;
    for (int i = 0; i < N_FEATS; i++)
        ne += (uint32_t)count_of(i, nc);
    annals__buf_init(b, &A, 0);
    assert_int_equal(annals__mw_u32(b, (uint32_t)nc), ANNALS_OK);
    assert_int_equal(annals__mw_u32(b, N_FEATS), ANNALS_OK);
    assert_int_equal(annals__mw_u32(b, ne), ANNALS_OK);
    for (int i = 0; i < N_FEATS; i++) {
        assert_int_equal(annals__mw_u64(b, key_of(i)), ANNALS_OK);
        assert_int_equal(annals__mw_u16(b, (uint16_t)count_of(i, nc)), ANNALS_OK);
    }
    for (int i = 0; i < N_FEATS; i++)
        for (int j = 0; j < count_of(i, nc); j++) {
            assert_int_equal(annals__mw_u16(b, (uint16_t)class_of(i, j, nc)), ANNALS_OK);
            assert_int_equal(annals__mw_f32(b, weight_of(i, j)), ANNALS_OK);
        }
}

static int load(const struct annals_buf *b, int nc, struct percep_model *m, char *err,
                size_t errlen)
{
    struct model_section s;
    memset(&s, 0, sizeof s);
    memcpy(s.id, "WGHT", 4);
    s.data = (const unsigned char *)b->data;
    s.len = b->len;
    return annals__pm_load(&A, &s, (uint32_t)nc, m, err, errlen);
}

static void check_sums(int nc)
{
    struct annals_buf b;
    struct percep_model m;
    uint64_t keys[N_FEATS + 2];
    float got[MANY_CLASSES], want[MANY_CLASSES];
    char err[200];
    size_t n = 0;
    build_wght(&b, nc);
    assert_int_equal(load(&b, nc, &m, err, sizeof err), ANNALS_OK);
    assert_true(m.n_rows > 0);
    assert_true(m.n_rows < N_FEATS);
    memset(want, 0, sizeof want);
    keys[n++] = 3;                      /* unknown keys add nothing */
    for (int i = N_FEATS - 1; i >= 0; i -= 2) {
        keys[n++] = key_of(i);
        for (int j = 0; j < count_of(i, nc); j++)
            want[class_of(i, j, nc)] += weight_of(i, j);
    }
    keys[n++] = key_of(N_FEATS) + 1;
    for (int c = 0; c < nc; c++)
        got[c] = (float)c;              /* the scorer adds to what is there */
    for (int c = 0; c < nc; c++)
        want[c] += (float)c;
    annals__pm_score(&m, keys, n, got);
    for (int c = 0; c < nc; c++)
        assert_true(got[c] == want[c]);
    annals__pm_free(&m);
    annals__buf_free(&b);
}

static void test_scores_are_the_sums_of_the_weights(void **state)
{
    (void)state;
    check_sums(N_CLASSES);
    check_sums(MANY_CLASSES);
}

static void expect_refused(struct annals_buf *b, const char *why)
{
    struct percep_model m;
    char err[200];
    assert_int_equal(load(b, N_CLASSES, &m, err, sizeof err), ANNALS_EMODEL);
    if (strstr(err, why) == NULL)
        fail_msg("expected \"%s\", got \"%s\"", why, err);
    annals__buf_free(b);
}

static void put16(struct annals_buf *b, size_t at, uint16_t v)
{
    b->data[at] = (char)(v & 0xff);
    b->data[at + 1] = (char)(v >> 8);
}

static void test_damaged_weights_are_refused(void **state)
{
    struct annals_buf b;
    size_t feats = 12, weights = 12 + (size_t)N_FEATS * 10;
    (void)state;
    build_wght(&b, N_CLASSES);
    put16(&b, weights, N_CLASSES);
    expect_refused(&b, "class out of range");
    build_wght(&b, N_CLASSES);
    put16(&b, weights + 6 * 5 + 2, 0x0000);  /* a quiet NaN: 0x7fc00000 */
    put16(&b, weights + 6 * 5 + 4, 0x7fc0);
    expect_refused(&b, "not a number");
    build_wght(&b, N_CLASSES);
    memcpy(b.data + feats + 10, b.data + feats, 8);
    expect_refused(&b, "keys not strictly ascending");
    build_wght(&b, N_CLASSES);
    put16(&b, feats + 10 + 8, 1);             /* feature 1 has 2 weights */
    expect_refused(&b, "counts cover");
    build_wght(&b, N_CLASSES);
    b.len--;
    expect_refused(&b, "need");
}

/* Train a few updates in which one feature collects weights for every
** class, then check the averaged model against a save and reload. */
static void test_trained_model_survives_save_and_load(void **state)
{
    struct percep_train t;
    struct percep_model m, again;
    struct annals_buf b, b2;
    uint64_t keys[3] = {11, 22, 33};
    float s1[N_CLASSES], s2[N_CLASSES];
    char err[200];
    (void)state;
    assert_int_equal(annals__pt_init(&t, &A, N_CLASSES), ANNALS_OK);
    for (unsigned i = 0; i < 3 * N_CLASSES; i++) {
        size_t n = 1 + i % 3;
        assert_int_equal(annals__pt_update(&t, keys, n, i % N_CLASSES, (i * 7 + 1) % N_CLASSES),
                         ANNALS_OK);
        annals__pt_tick(&t);
    }
    assert_int_equal(annals__pt_average(&t, 0.001f, &m), ANNALS_OK);
    assert_true(m.n_rows > 0);
    annals__buf_init(&b, &A, 0);
    assert_int_equal(annals__pm_save(&m, &b), ANNALS_OK);
    assert_int_equal(load(&b, N_CLASSES, &again, err, sizeof err), ANNALS_OK);
    assert_int_equal(again.n_rows, m.n_rows);
    memset(s1, 0, sizeof s1);
    memset(s2, 0, sizeof s2);
    annals__pm_score(&m, keys, 3, s1);
    annals__pm_score(&again, keys, 3, s2);
    assert_memory_equal(s1, s2, sizeof s1);
    annals__buf_init(&b2, &A, 0);
    assert_int_equal(annals__pm_save(&again, &b2), ANNALS_OK);
    assert_int_equal(b.len, b2.len);
    assert_memory_equal(b.data, b2.data, b.len);
    annals__buf_free(&b);
    annals__buf_free(&b2);
    annals__pm_free(&m);
    annals__pm_free(&again);
    annals__pt_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scores_are_the_sums_of_the_weights),
        cmocka_unit_test(test_damaged_weights_are_refused),
        cmocka_unit_test(test_trained_model_survives_save_and_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
