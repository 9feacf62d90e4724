/* test_parser.c -- the parser's decoder on a model written by hand: greedy
** parsing takes the locally best move, the beam the most probable sequence
** of moves, and a drop below the best's probability prunes the beam.
**
** The words are x y z and the model has two relations, dep and root, and two
** templates: b0w (the buffer's front word) and s1w.s0w (the second and first
** words of the stack).  After x is shifted, b0w=y slightly prefers SHIFT
** (score 1) to x <-dep- y (0.9).  After SHIFT nothing is known about y and z
** (three moves of score 0), while after the arc s1w.s0w = (none, y) makes
** y <-dep- z all but certain (10).  Greedy parsing shifts: x is the root,
** x -> y -> z.  Over the whole sequence the arc is more probable (log
** probabilities about -0.74 against -0.64 - 1.10 = -1.74): x <- y <- z,
** z the root. */
#include "unit.h"

#include "model.h"
#include "parser.h"

static struct test_alloc counts;
static const struct annals_alloc A = {test_alloc_fn, &counts};

/* Every block the test and the library took is given back, as it was. */
static int all_freed(void **state)
{
    (void)state;
    return counts.live == 0 && counts.bad_osize == 0 ? 0 : -1;
}

/* Relations in class order: SHIFT, LEFT-dep, LEFT-root, RIGHT-dep, RIGHT-root. */
enum { DEP = 0, ROOT = 1, N_LABELS = 2 };

static void words(struct syn_word *w)
{
    static const char *const forms[3] = {"x", "y", "z"};
    memset(w, 0, 3 * sizeof *w);
    for (int i = 0; i < 3; i++) {
        w[i].form = forms[i];
        w[i].form_len = 1;
        w[i].tag_hash = 77;
        w[i].tag_margin = 1e30f;
    }
}

/* The key of template tpl at the state reached from the start by moves. */
static uint64_t key_at(int tpl, const int *moves, int n_moves)
{
    struct parser p;
    struct ps_state st;
    struct syn_word w[3];
    uint64_t mask[2] = {0, 0}, keys[PS_MAX_FEATS];
    unsigned char mem[4096];
    memset(&p, 0, sizeof p);
    p.labels.n = N_LABELS;
    words(w);
    assert_true(annals__ps_state_size(3) <= sizeof mem);
    annals__ps_state_init(&p, &st, mem, w, 3);
    for (int i = 0; i < n_moves; i++)
        annals__ps_apply(&p, &st, moves[i]);
    mask[tpl / 64] = (uint64_t)1 << (tpl % 64);
    assert_int_equal(annals__ps_features(&st, mask, keys), 1);
    return keys[0];
}

struct weight {
    uint64_t key;
    uint16_t cls;
    float w;
};

static int by_key(const void *a, const void *b)
{
    const struct weight *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->cls - y->cls;
}

/* A WGHT section of the n weights wt (sorted here). */
static void write_weights(struct annals_buf *b, struct weight *wt, int n)
{
    uint32_t feats = 0;
    if (n > 0)
        qsort(wt, (size_t)n, sizeof *wt, by_key);
    for (int i = 0; i < n; i++)
        feats += i == 0 || wt[i].key != wt[i - 1].key;
    assert_int_equal(annals__mw_u32(b, 2 * N_LABELS + 1), ANNALS_OK);
    assert_int_equal(annals__mw_u32(b, feats), ANNALS_OK);
    assert_int_equal(annals__mw_u32(b, (uint32_t)n), ANNALS_OK);
    for (int i = 0, j; i < n; i = j) {
        for (j = i; j < n && wt[j].key == wt[i].key; j++)
            ;
        assert_int_equal(annals__mw_u64(b, wt[i].key), ANNALS_OK);
        assert_int_equal(annals__mw_u16(b, (uint16_t)(j - i)), ANNALS_OK);
    }
    for (int i = 0; i < n; i++) {
        assert_int_equal(annals__mw_u16(b, wt[i].cls), ANNALS_OK);
        assert_int_equal(annals__mw_f32(b, wt[i].w), ANNALS_OK);
    }
}

/* Load a DEP1 model of FEAT text feat, the relations dep and root, and the
** n weights wt. */
static int open_model(const char *feat, struct weight *wt, int n, struct parser **p, char *err,
                      size_t errlen)
{
    struct model_writer mw;
    struct annals_buf *b, file;
    struct annals_model m;
    int rc;
    annals__mw_init(&mw, &A, "DEP1");
    annals__buf_init(&file, &A, 0);
    b = annals__mw_section(&mw, "META");
    assert_non_null(b);
    assert_int_equal(annals__buf_printf(b, "builder=test_parser\n"), ANNALS_OK);
    b = annals__mw_section(&mw, "FEAT");
    assert_non_null(b);
    assert_int_equal(annals__buf_printf(b, "system=%s\n%s", PS_SYSTEM, feat), ANNALS_OK);
    b = annals__mw_section(&mw, "LABL");
    assert_non_null(b);
    assert_int_equal(annals__mw_u32(b, N_LABELS), ANNALS_OK);
    assert_int_equal(annals__mw_u16(b, 3), ANNALS_OK);
    assert_int_equal(annals__buf_add(b, "dep", 3), ANNALS_OK);
    assert_int_equal(annals__mw_u16(b, 4), ANNALS_OK);
    assert_int_equal(annals__buf_add(b, "root", 4), ANNALS_OK);
    b = annals__mw_section(&mw, "WGHT");
    assert_non_null(b);
    write_weights(b, wt, n);
    assert_int_equal(annals__mw_finish(&mw, &file), ANNALS_OK);
    if (annals__model_parse(file.data, file.len, "hand", &m, err, errlen) != ANNALS_OK)
        fail_msg("%s", err);
    rc = annals__parser_open(&A, &m, p, err, errlen);
    annals__mw_free(&mw);
    annals__buf_free(&file);
    return rc;
}

/* The hand-written model, with beam settings `beam` (FEAT lines). */
static struct parser *model(const char *beam)
{
    const int shift[] = {PS_SHIFT}, arc[] = {PS_SHIFT, PS_LEFT(N_LABELS, DEP), PS_SHIFT};
    struct weight wt[3] = {
        {key_at(PT_B0W, shift, 1), PS_SHIFT, 1.0f},
        {key_at(PT_B0W, shift, 1), PS_LEFT(N_LABELS, DEP), 0.9f},
        {key_at(PT_S1W_S0W, arc, 3), PS_LEFT(N_LABELS, DEP), 10.0f},
    };
    struct parser *p;
    char feat[200], err[200];
    snprintf(feat, sizeof feat, "templates=b0w,s1w.s0w\n%s", beam);
    if (open_model(feat, wt, 3, &p, err, sizeof err) != ANNALS_OK)
        fail_msg("%s", err);
    return p;
}

/* Parse x y z; heads[i] is word i+1's head (0: root). */
static void parse(const struct parser *p, int heads[3])
{
    struct syn_word w[3];
    struct syn_scratch s;
    words(w);
    annals__scratch_init(&s, &A);
    assert_int_equal(annals__parser_parse(p, w, 3, &s), ANNALS_OK);
    for (int i = 0; i < 3; i++)
        heads[i] = w[i].head;
    annals__scratch_free(&s);
}

static void expect_heads(const struct parser *p, int x, int y, int z)
{
    int h[3];
    parse(p, h);
    if (h[0] != x || h[1] != y || h[2] != z)
        fail_msg("heads %d %d %d, expected %d %d %d", h[0], h[1], h[2], x, y, z);
}

static void test_greedy_takes_the_locally_best_move(void **state)
{
    struct parser *p = model("");
    (void)state;
    assert_int_equal(p->beam, 1);
    expect_heads(p, 0, 1, 2);
    annals__parser_free(p);
}

static void test_beam_finds_the_more_probable_parse(void **state)
{
    struct parser *p = model("beam=2\nbeam_temperature=1\n");
    (void)state;
    expect_heads(p, 2, 3, 0);
    annals__parser_set_beam(p, 1, 0, 0);        /* a caller asking for speed */
    expect_heads(p, 0, 1, 2);
    annals__parser_free(p);
}

static void test_drop_prunes_the_beam(void **state)
{
    /* the arc starts 0.1 below the shift (in log-probability) */
    struct parser *p = model("beam=2\nbeam_temperature=1\nbeam_drop=0.05\n");
    (void)state;
    expect_heads(p, 0, 1, 2);
    annals__parser_set_beam(p, 0, 0, 0.2);
    expect_heads(p, 2, 3, 0);
    annals__parser_free(p);
}

static void test_bad_beam_settings_are_refused(void **state)
{
    const char *bad[] = {"beam=0\n", "beam=17\n", "beam=1.5\n", "beam=2\nbeam_temperature=0\n",
                         "beam=2\nbeam_drop=-1\n"};
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct parser *p;
        char feat[200], err[200];
        snprintf(feat, sizeof feat, "templates=b0w\n%s", bad[i]);
        assert_int_equal(open_model(feat, NULL, 0, &p, err, sizeof err), ANNALS_EMODEL);
        assert_null(p);
        assert_non_null(strstr(err, "beam"));
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_greedy_takes_the_locally_best_move, all_freed),
        cmocka_unit_test_teardown(test_beam_finds_the_more_probable_parse, all_freed),
        cmocka_unit_test_teardown(test_drop_prunes_the_beam, all_freed),
        cmocka_unit_test_teardown(test_bad_beam_settings_are_refused, all_freed),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
