/* test_alloc_torture.c -- allocation-failure injection (SQLite's anomaly
** tests, Lua's l_memcontrol, curl's torture mode).
**
** A scenario opens pipelines and documents through a counting allocator and
** annotates a few documents.  A clean run counts N allocations; then the
** scenario is replayed N times, the k-th replay refusing the k-th
** allocation.  Every call that meets the refusal must return ANNALS_ENOMEM
** (never succeed silently, never crash), must leave its object usable (the
** same call, retried with memory available, gives exactly the clean
** result), and at the end every block must have been freed once with the
** size it was allocated with.  ANNALS_TEST_FAILALLOC=k replays only k. */
#include "unit.h"

#include <stdio.h>

struct text {
    int replace;                    /* annotate with the replace policy */
    const char *s;
    size_t len;                     /* 0: strlen */
};

#define NTEXT 5
#define BIG_REPEAT 900

static char big_text[BIG_REPEAT * 41 + 1];
static const char bad_text[] =
    "Bad bytes \xFF here, an overlong \xC0\xAF pair and a NUL \0 too. Then (\xCC\x81"
    "marks.";

static struct text texts[NTEXT] = {
    {0, "Ferry strike ends\n\nPORT ELLEN, May 2 (Example Wire) - Crews returned to the "
        "boats on Monday. Timetables resume at noon!\n\nA ferry leaves the pier (L) in "
        "this photo\n\nOfficials said repairs \xE2\x80\x9Cwent well.\xE2\x80\x9D", 0},
    {1, bad_text, sizeof bad_text - 1},
    {0, "The cafe\xCC\x81 on the quay reopened. Hangul \xE1\x84\x80\xE1\x85\xA1 and "
        "q\xCC\x81\xCC\xA3 were normalised.", 0},
    {0, big_text, 0},
    {1, "", 0},
};

struct outcome {
    size_t ntok[NTEXT], nsent[NTEXT], nword[NTEXT];
    size_t span_sum[NTEXT];
};

static void fill_big_text(void)
{
    size_t n = 0;
    for (int i = 0; i < BIG_REPEAT; i++) {
        /* At most 40 bytes; every third line ends a block, one in five
        ** needs NFC. */
        const char *line = i % 5 == 0 ? "Rope, tar and nets ran out. Cafe\xCC\x81 ok.\n"
                                       : "Rope, tar and nets ran out at the pier.\n";
        size_t k = strlen(line);
        assert_true(k <= 40);
        memcpy(big_text + n, line, k);
        n += k;
        if (i % 3 == 2)
            big_text[n++] = '\n';       /* a blank line */
    }
    big_text[n] = '\0';
}

/* Retry a call that met the refused allocation, with memory available. */
#define TRY(t, seen, call)                                                      \
    do {                                                                        \
        long failed_before = (t)->failed;                                       \
        int rc_ = (call);                                                       \
        if ((t)->failed != failed_before) {                                     \
            assert_int_equal(rc_, ANNALS_ENOMEM);                               \
            (t)->fail_at = 0;                                                   \
            (seen)++;                                                           \
            rc_ = (call);                                                       \
        }                                                                       \
        assert_int_equal(rc_, ANNALS_OK);                                       \
    } while (0)

static size_t span_sum(const annals_doc *d)
{
    size_t sum = 0;
    for (size_t i = 0; i < annals_doc_token_count(d); i++) {
        struct annals_token_info t;
        assert_int_equal(annals_doc_token(d, i, &t), ANNALS_OK);
        sum += t.span.start * 3 + t.span.end + t.form_len;
    }
    return sum;
}

static void scenario(struct test_alloc *t, struct outcome *out)
{
    annals_pipeline *p[2] = {NULL, NULL};
    annals_doc *d[2] = {NULL, NULL};
    struct annals_options opt;
    char err[64];
    int seen = 0;

    for (int k = 0; k < 2; k++) {
        annals_options_init(&opt);
        opt.alloc = test_alloc_fn;
        opt.alloc_ud = t;
        opt.utf8_policy = k ? ANNALS_UTF8_REPLACE : ANNALS_UTF8_REJECT;
        err[0] = '\0';
        TRY(t, seen, annals_pipeline_open(&opt, &p[k], err, sizeof err));
        TRY(t, seen, annals_doc_new(p[k], &d[k]));
    }
    for (int i = 0; i < NTEXT; i++) {
        const struct text *x = &texts[i];
        size_t len = x->len != 0 ? x->len : strlen(x->s);
        annals_doc *doc = d[x->replace];
        annals_pipeline *pl = p[x->replace];
        char id[16];

        annals_doc_reset(doc);
        snprintf(id, sizeof id, "doc-%d", i);
        TRY(t, seen, annals_doc_set_meta(doc, ANNALS_META_ID, id, strlen(id)));
        TRY(t, seen, annals_doc_set_meta(doc, ANNALS_META_DATE, "2022-06-01T08:00:00Z", 20));
        TRY(t, seen, annals_doc_set_origin(doc, "torture.jsonl", (uint64_t)i + 1));
        TRY(t, seen, annals_annotate(pl, doc, x->s, len));
        /* A failed annotation kept the metadata. */
        assert_string_equal(annals_doc_meta(doc, ANNALS_META_ID, NULL), id);
        assert_string_equal(annals_doc_errmsg(doc), "");
        out->ntok[i] = annals_doc_token_count(doc);
        out->nsent[i] = annals_doc_sentence_count(doc);
        out->nword[i] = annals_doc_word_count(doc);
        out->span_sum[i] = span_sum(doc);
    }
    for (int k = 0; k < 2; k++) {
        annals_doc_free(d[k]);
        annals_pipeline_close(p[k]);
    }
    /* The refusal, if it happened, was reported exactly once. */
    assert_int_equal(seen, t->failed);
    assert_int_equal(t->live, 0);
    assert_int_equal(t->live_bytes, 0);
    assert_int_equal(t->bad_osize, 0);
}

static void test_torture_clean_run_annotates_every_document(void **state)
{
    struct test_alloc t = {0};
    struct outcome o;
    (void)state;

    fill_big_text();
    memset(&o, 0, sizeof o);
    scenario(&t, &o);
    assert_int_equal(t.failed, 0);
    assert_true(o.ntok[0] > 20 && o.nsent[0] >= 5);
    assert_true(o.ntok[1] > 10);
    assert_true(o.ntok[3] > 5000);      /* grows every vector many times */
    assert_int_equal(o.ntok[4], 0);
    assert_true(t.calls > 20);
}

static void test_torture_every_refused_allocation_is_enomem_and_recoverable(void **state)
{
    struct test_alloc t = {0};
    struct outcome clean, o;
    const char *only = getenv("ANNALS_TEST_FAILALLOC");
    long n, first = 1, last;
    (void)state;

    fill_big_text();
    memset(&clean, 0, sizeof clean);
    scenario(&t, &clean);
    n = t.calls;
    last = n;
    if (only != NULL && only[0] != '\0') {
        first = last = strtol(only, NULL, 10);
        assert_true(first >= 1 && first <= n);
    }
    for (long k = first; k <= last; k++) {
        memset(&t, 0, sizeof t);
        memset(&o, 0, sizeof o);
        t.fail_at = k;
        scenario(&t, &o);
        if (t.failed != 1)
            fail_msg("allocation %ld of %ld was never asked for", k, n);
        assert_memory_equal(&o, &clean, sizeof o);
    }
    print_message("# refused each of allocations %ld..%ld in turn\n", first, last);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_torture_clean_run_annotates_every_document),
        cmocka_unit_test(test_torture_every_refused_allocation_is_enomem_and_recoverable),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
