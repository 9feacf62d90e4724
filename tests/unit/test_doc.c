/* test_doc.c -- the document: metadata, dates, origin, errors, reset and
** reuse, accessors (src/doc.c), plus options and status strings
** (src/annals.c). */
#include "unit.h"

struct fixture {
    struct test_alloc t;
    annals_pipeline *p;
    annals_doc *d;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct annals_options opt;
    if (f == NULL)
        return -1;
    annals_options_init(&opt);
    opt.alloc = test_alloc_fn;
    opt.alloc_ud = &f->t;
    if (annals_pipeline_open(&opt, &f->p, NULL, 0) != ANNALS_OK ||
        annals_doc_new(f->p, &f->d) != ANNALS_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    annals_doc_free(f->d);
    annals_pipeline_close(f->p);
    if (f->t.live != 0 || f->t.bad_osize != 0)
        return -1;                  /* a leak or a wrong size fails the test */
    free(f);
    return 0;
}

static int set_date(annals_doc *d, const char *s)
{
    return annals_doc_set_meta(d, ANNALS_META_DATE, s, strlen(s));
}

static void expect_date(annals_doc *d, const char *in, const char *stored)
{
    size_t len = 99;
    const char *v;
    assert_int_equal(set_date(d, in), ANNALS_OK);
    v = annals_doc_meta(d, ANNALS_META_DATE, &len);
    assert_non_null(v);
    assert_int_equal(len, 10);
    assert_string_equal(v, stored);
}

static void test_date_accepts_yyyy_mm_dd(void **state)
{
    struct fixture *f = *state;
    expect_date(f->d, "2021-03-04", "2021-03-04");
    expect_date(f->d, "1999-12-31", "1999-12-31");
    expect_date(f->d, "2021-01-31", "2021-01-31");
}

static void test_date_accepts_rfc3339_and_keeps_the_date_part(void **state)
{
    struct fixture *f = *state;
    expect_date(f->d, "2021-03-04T10:20:30Z", "2021-03-04");
    expect_date(f->d, "2021-03-04t10:20:30z", "2021-03-04");
    expect_date(f->d, "2021-03-04 10:20:30+05:30", "2021-03-04");
    expect_date(f->d, "2021-03-04T23:59:59.123456-08:00", "2021-03-04");
}

static void test_date_accepts_february_29_of_leap_years_only(void **state)
{
    struct fixture *f = *state;
    expect_date(f->d, "2020-02-29", "2020-02-29");
    expect_date(f->d, "2000-02-29", "2000-02-29");
    assert_int_equal(set_date(f->d, "1900-02-29"), ANNALS_EFORMAT);
    assert_int_equal(set_date(f->d, "2021-02-29"), ANNALS_EFORMAT);
}

static void test_date_rejects_impossible_days_and_months(void **state)
{
    struct fixture *f = *state;
    static const char *const bad[] = {
        "2021-02-30", "2021-04-31", "2021-13-01", "2021-00-10", "2021-05-00",
        "2021-05-32",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(set_date(f->d, bad[i]), ANNALS_EFORMAT);
        assert_string_equal(annals_doc_errmsg(f->d),
                            "date is neither YYYY-MM-DD nor RFC 3339");
    }
}

static void test_date_rejects_other_shapes(void **state)
{
    struct fixture *f = *state;
    static const char *const bad[] = {
        "", "2021-3-4", "21-03-04", "2021/03/04", "04-03-2021", "2021-03-04x",
        "2021-03-04T10:20", "2021-03-04T10:20:30", "2021-03-04T10:20:30+0530",
        "2021-03-04T10:20:30.Z", "2021-03-04T10:20:30Zjunk", "2021-03-04T1a:20:30Z",
        "2021-03-04X10:20:30Z", "March 4, 2021", "２０２１-03-04",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(set_date(f->d, bad[i]), ANNALS_EFORMAT);
    /* A refused date leaves the field unset. */
    assert_null(annals_doc_meta(f->d, ANNALS_META_DATE, NULL));
}

static void test_date_check_reads_only_the_given_length(void **state)
{
    struct fixture *f = *state;
    /* The first ten bytes are a date; the rest is not part of the value. */
    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_DATE, "2021-03-04junk", 10),
                     ANNALS_OK);
    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_DATE, "2021-03-04", 9),
                     ANNALS_EFORMAT);
}

static void test_meta_is_copied_and_returned_with_its_length(void **state)
{
    struct fixture *f = *state;
    char title[] = "Ferry \"Mara\" returns\0after repairs";
    size_t len = 0;
    const char *v;

    assert_null(annals_doc_meta(f->d, ANNALS_META_TITLE, &len));
    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_TITLE, title, sizeof title - 1),
                     ANNALS_OK);
    memset(title, 'x', sizeof title - 1);
    v = annals_doc_meta(f->d, ANNALS_META_TITLE, &len);
    assert_int_equal(len, sizeof title - 1);
    assert_memory_equal(v, "Ferry \"Mara\" returns\0after repairs", len);
    assert_int_equal(v[len], '\0');
    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_URL, "", 0), ANNALS_OK);
    v = annals_doc_meta(f->d, ANNALS_META_URL, &len);
    assert_non_null(v);
    assert_int_equal(len, 0);
    /* Setting again replaces the value. */
    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_TITLE, "New", 3), ANNALS_OK);
    assert_string_equal(annals_doc_meta(f->d, ANNALS_META_TITLE, NULL), "New");
}

static void test_meta_rejects_bad_arguments(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(annals_doc_set_meta(NULL, ANNALS_META_ID, "a", 1), ANNALS_EINVAL);
    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_ID, NULL, 1), ANNALS_EINVAL);
    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_COUNT, "a", 1), ANNALS_EINVAL);
    assert_int_equal(annals_doc_set_meta(f->d, (enum annals_meta)-1, "a", 1), ANNALS_EINVAL);
    assert_null(annals_doc_meta(f->d, ANNALS_META_COUNT, NULL));
    assert_null(annals_doc_meta(NULL, ANNALS_META_ID, NULL));
}

static void test_reset_forgets_meta_annotations_and_errors(void **state)
{
    struct fixture *f = *state;
    const char text[] = "Gulls circled. The tide turned.";

    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_ID, "n-1", 3), ANNALS_OK);
    assert_int_equal(annals_doc_set_origin(f->d, "feed.jsonl", 12), ANNALS_OK);
    assert_int_equal(annals_annotate(f->p, f->d, text, sizeof text - 1), ANNALS_OK);
    assert_int_equal(annals_doc_sentence_count(f->d), 2);
    assert_int_equal(set_date(f->d, "2021-02-30"), ANNALS_EFORMAT);
    assert_string_not_equal(annals_doc_errmsg(f->d), "");

    annals_doc_reset(f->d);
    assert_null(annals_doc_meta(f->d, ANNALS_META_ID, NULL));
    assert_int_equal(annals_doc_sentence_count(f->d), 0);
    assert_int_equal(annals_doc_token_count(f->d), 0);
    assert_int_equal(annals_doc_word_count(f->d), 0);
    assert_string_equal(annals_doc_errmsg(f->d), "");
    assert_int_equal(annals_doc_dateline(f->d, NULL, NULL), ANNALS_DONE);
}

static void test_reset_document_is_reused_without_new_allocations(void **state)
{
    struct fixture *f = *state;
    const char text[] = "HILLTOWN: The council met. It voted to repair the caf\x65\xCC\x81 roof.";
    size_t ntok;
    long calls;

    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_SOURCE, "Example Wire", 12),
                     ANNALS_OK);
    assert_int_equal(annals_annotate(f->p, f->d, text, sizeof text - 1), ANNALS_OK);
    ntok = annals_doc_token_count(f->d);
    assert_true(ntok > 10);
    calls = f->t.calls;
    for (int round = 0; round < 3; round++) {
        annals_doc_reset(f->d);
        assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_SOURCE, "Example Wire", 12),
                         ANNALS_OK);
        assert_int_equal(annals_annotate(f->p, f->d, text, sizeof text - 1), ANNALS_OK);
        assert_int_equal(annals_doc_token_count(f->d), ntok);
    }
    assert_int_equal(f->t.calls, calls);
}

static void test_annotate_again_replaces_the_previous_annotations(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(annals_annotate(f->p, f->d, "One. Two. Three.", 16), ANNALS_OK);
    assert_int_equal(annals_doc_sentence_count(f->d), 3);
    assert_int_equal(annals_annotate(f->p, f->d, "Just one", 8), ANNALS_OK);
    assert_int_equal(annals_doc_sentence_count(f->d), 1);
    assert_int_equal(annals_doc_token_count(f->d), 2);
}

static void test_annotate_keeps_meta_and_origin_on_failure(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(annals_doc_set_meta(f->d, ANNALS_META_ID, "a9", 2), ANNALS_OK);
    assert_int_equal(annals_doc_set_origin(f->d, "in.txt", 3), ANNALS_OK);
    assert_int_equal(annals_annotate(f->p, f->d, "bad \xC3", 5), ANNALS_EUTF8);
    assert_string_equal(annals_doc_meta(f->d, ANNALS_META_ID, NULL), "a9");
    assert_string_equal(annals_doc_errmsg(f->d), "invalid UTF-8 at byte 4");
}

static void test_annotate_over_the_size_limit_is_etoobig(void **state)
{
    struct annals_options opt;
    annals_pipeline *p = NULL;
    annals_doc *d = NULL;
    (void)state;

    annals_options_init(&opt);
    opt.max_doc_bytes = 10;
    assert_int_equal(annals_pipeline_open(&opt, &p, NULL, 0), ANNALS_OK);
    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, "0123456789", 10), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, "0123456789A", 11), ANNALS_ETOOBIG);
    assert_string_equal(annals_doc_errmsg(d),
                        "document of 11 bytes exceeds the limit of 10");
    assert_int_equal(annals_doc_token_count(d), 0);
    annals_doc_free(d);
    annals_pipeline_close(p);
}

static void test_annotate_sentence_over_the_token_limit_is_etoobig(void **state)
{
    struct annals_options opt;
    annals_pipeline *p = NULL;
    annals_doc *d = NULL;
    (void)state;

    annals_options_init(&opt);
    opt.max_sentence_tokens = 3;
    assert_int_equal(annals_pipeline_open(&opt, &p, NULL, 0), ANNALS_OK);
    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, "a b. c d.", 9), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, "a b c d", 7), ANNALS_ETOOBIG);
    assert_string_equal(annals_doc_errmsg(d),
                        "sentence of 4 tokens exceeds the limit of 3");
    annals_doc_free(d);
    annals_pipeline_close(p);
}

static void test_annotate_empty_text_gives_an_empty_document(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(annals_annotate(f->p, f->d, NULL, 0), ANNALS_OK);
    assert_int_equal(annals_doc_sentence_count(f->d), 0);
    assert_int_equal(annals_annotate(f->p, f->d, " \n\t\r\n", 5), ANNALS_OK);
    assert_int_equal(annals_doc_token_count(f->d), 0);
    assert_int_equal(annals_annotate(f->p, f->d, NULL, 3), ANNALS_EINVAL);
    assert_int_equal(annals_annotate(NULL, f->d, "a", 1), ANNALS_EINVAL);
    assert_int_equal(annals_annotate(f->p, NULL, "a", 1), ANNALS_EINVAL);
}

static void test_accessors_refuse_out_of_range_indexes(void **state)
{
    struct fixture *f = *state;
    struct annals_sentence_info s;
    struct annals_token_info t;
    struct annals_word_info w;

    assert_int_equal(annals_annotate(f->p, f->d, "Rain fell.", 10), ANNALS_OK);
    assert_int_equal(annals_doc_token_count(f->d), 3);
    assert_int_equal(annals_doc_word_count(f->d), 3);
    assert_int_equal(annals_doc_token(f->d, 2, &t), ANNALS_OK);
    assert_int_equal(t.span.start, 9);
    assert_int_equal(t.span.end, 10);
    assert_int_equal(annals_doc_token(f->d, 3, &t), ANNALS_EINVAL);
    assert_int_equal(annals_doc_word(f->d, 2, &w), ANNALS_OK);
    assert_int_equal(w.token, 2);
    assert_int_equal(annals_doc_word(f->d, 3, &w), ANNALS_EINVAL);
    assert_int_equal(annals_doc_sentence(f->d, 0, &s), ANNALS_OK);
    assert_int_equal(s.span.start, 0);
    assert_int_equal(s.span.end, 10);
    assert_int_equal(s.n_tokens, 3);
    assert_int_equal(annals_doc_sentence(f->d, 1, &s), ANNALS_EINVAL);
    assert_int_equal(annals_doc_sentence(f->d, 0, NULL), ANNALS_EINVAL);
    assert_int_equal(annals_doc_token_count(NULL), 0);
}

static void test_set_error_records_status_and_reason(void **state)
{
    struct fixture *f = *state;
    annals_doc_set_error(f->d, ANNALS_EFORMAT, "line 4: unterminated string");
    assert_string_equal(annals_doc_errmsg(f->d), "line 4: unterminated string");
    annals_doc_set_error(f->d, ANNALS_EIO, NULL);
    assert_string_equal(annals_doc_errmsg(f->d), "input/output error");
    annals_doc_set_error(NULL, ANNALS_EIO, "ignored");
    assert_string_equal(annals_doc_errmsg(NULL), "no document");
}

static void test_destroy_functions_accept_null(void **state)
{
    (void)state;
    annals_doc_free(NULL);
    annals_doc_reset(NULL);
    annals_pipeline_close(NULL);
}

static void test_pipeline_open_validates_options_with_a_reason(void **state)
{
    struct annals_options opt;
    annals_pipeline *p = (annals_pipeline *)&opt;
    char err[128];
    (void)state;

    annals_options_init(&opt);
    opt.max_doc_bytes = 0;
    assert_int_equal(annals_pipeline_open(&opt, &p, err, sizeof err), ANNALS_EINVAL);
    assert_null(p);
    assert_string_equal(err, "max_doc_bytes must be between 1 and 4294967294");
    annals_options_init(&opt);
    opt.max_sentence_tokens = 0;
    assert_int_equal(annals_pipeline_open(&opt, &p, err, sizeof err), ANNALS_EINVAL);
    assert_string_equal(err, "max_sentence_tokens must be at least 1");
    annals_options_init(&opt);
    opt.utf8_policy = 7;
    assert_int_equal(annals_pipeline_open(&opt, &p, err, sizeof err), ANNALS_EINVAL);
    assert_string_equal(err, "unknown UTF-8 policy 7");
    /* A short error buffer still gets a terminated prefix. */
    assert_int_equal(annals_pipeline_open(&opt, &p, err, 5), ANNALS_EINVAL);
    assert_string_equal(err, "unkn");
    assert_int_equal(annals_pipeline_open(&opt, NULL, NULL, 0), ANNALS_EINVAL);
    assert_int_equal(annals_pipeline_open(NULL, &p, NULL, 0), ANNALS_OK);
    annals_pipeline_close(p);
}

static void test_options_defaults_are_documented_values(void **state)
{
    struct annals_options opt;
    (void)state;
    memset(&opt, 0x5A, sizeof opt);
    annals_options_init(&opt);
    assert_null(opt.alloc);
    assert_int_equal(opt.max_doc_bytes, 16u << 20);
    assert_int_equal(opt.max_sentence_tokens, 1000);
    assert_int_equal(opt.utf8_policy, ANNALS_UTF8_REJECT);
}

static void test_strerror_names_every_status(void **state)
{
    static const int codes[] = {
        ANNALS_OK, ANNALS_DONE, ANNALS_ENOMEM, ANNALS_EINVAL, ANNALS_EIO,
        ANNALS_ETOOBIG, ANNALS_EUTF8, ANNALS_EFORMAT, ANNALS_EMODEL,
    };
    (void)state;
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        assert_non_null(annals_strerror(codes[i]));
        assert_string_not_equal(annals_strerror(codes[i]), "unknown status");
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(annals_strerror(codes[i]), annals_strerror(codes[k]));
    }
    assert_string_equal(annals_strerror(-999), "unknown status");
    assert_int_equal(annals_version_number(), ANNALS_VERSION_MAJOR * 10000 +
                                                  ANNALS_VERSION_MINOR * 100 +
                                                  ANNALS_VERSION_PATCH);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        T(test_date_accepts_yyyy_mm_dd),
        T(test_date_accepts_rfc3339_and_keeps_the_date_part),
        T(test_date_accepts_february_29_of_leap_years_only),
        T(test_date_rejects_impossible_days_and_months),
        T(test_date_rejects_other_shapes),
        T(test_date_check_reads_only_the_given_length),
        T(test_meta_is_copied_and_returned_with_its_length),
        T(test_meta_rejects_bad_arguments),
        T(test_reset_forgets_meta_annotations_and_errors),
        T(test_reset_document_is_reused_without_new_allocations),
        T(test_annotate_again_replaces_the_previous_annotations),
        T(test_annotate_keeps_meta_and_origin_on_failure),
        cmocka_unit_test(test_annotate_over_the_size_limit_is_etoobig),
        cmocka_unit_test(test_annotate_sentence_over_the_token_limit_is_etoobig),
        T(test_annotate_empty_text_gives_an_empty_document),
        T(test_accessors_refuse_out_of_range_indexes),
        T(test_set_error_records_status_and_reason),
        cmocka_unit_test(test_destroy_functions_accept_null),
        cmocka_unit_test(test_pipeline_open_validates_options_with_a_reason),
        cmocka_unit_test(test_options_defaults_are_documented_values),
        cmocka_unit_test(test_strerror_names_every_status),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
