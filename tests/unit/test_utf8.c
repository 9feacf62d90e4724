/* test_utf8.c -- decoding, checking and NFC with an offset map (src/utf8.c),
** and the offsets that reach the public API through annals_annotate(). */
#include "unit.h"
#include "utf8.h"

static size_t dec(const char *s, size_t n, int32_t *cp)
{
    *cp = -1;
    return annals__utf8_decode((const unsigned char *)s, n, cp);
}

static void test_decode_accepts_each_length_and_the_extremes(void **state)
{
    int32_t cp;
    (void)state;

    assert_int_equal(dec("A", 1, &cp), 1);
    assert_int_equal(cp, 0x41);
    assert_int_equal(dec("\x7F", 1, &cp), 1);
    assert_int_equal(dec("\xC2\x80", 2, &cp), 2);
    assert_int_equal(cp, 0x80);
    assert_int_equal(dec("\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(dec("\xDF\xBF", 2, &cp), 2);
    assert_int_equal(cp, 0x7FF);
    assert_int_equal(dec("\xE0\xA0\x80", 3, &cp), 3);
    assert_int_equal(cp, 0x800);
    assert_int_equal(dec("\xED\x9F\xBF", 3, &cp), 3);
    assert_int_equal(cp, 0xD7FF);
    assert_int_equal(dec("\xEE\x80\x80", 3, &cp), 3);
    assert_int_equal(cp, 0xE000);
    assert_int_equal(dec("\xEF\xBF\xBF", 3, &cp), 3);
    assert_int_equal(cp, 0xFFFF);
    assert_int_equal(dec("\xF0\x90\x80\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x10000);
    assert_int_equal(dec("\xF4\x8F\xBF\xBF", 4, &cp), 4);
    assert_int_equal(cp, 0x10FFFF);
    /* Only the first code point is decoded. */
    assert_int_equal(dec("\xC3\xA9xyz", 5, &cp), 2);
}

static void test_decode_rejects_overlongs_surrogates_and_out_of_range(void **state)
{
    int32_t cp;
    (void)state;

    assert_int_equal(dec("\xC0\x80", 2, &cp), 0);            /* overlong NUL */
    assert_int_equal(dec("\xC1\xBF", 2, &cp), 0);            /* overlong 0x7F */
    assert_int_equal(dec("\xE0\x9F\xBF", 3, &cp), 0);        /* overlong 0x7FF */
    assert_int_equal(dec("\xF0\x8F\xBF\xBF", 4, &cp), 0);    /* overlong 0xFFFF */
    assert_int_equal(dec("\xED\xA0\x80", 3, &cp), 0);        /* U+D800 */
    assert_int_equal(dec("\xED\xBF\xBF", 3, &cp), 0);        /* U+DFFF */
    assert_int_equal(dec("\xF4\x90\x80\x80", 4, &cp), 0);    /* U+110000 */
    assert_int_equal(dec("\xF5\x80\x80\x80", 4, &cp), 0);
    assert_int_equal(dec("\xFF", 1, &cp), 0);
    assert_int_equal(dec("\xFE", 1, &cp), 0);
}

static void test_decode_rejects_stray_and_missing_continuation_bytes(void **state)
{
    int32_t cp;
    (void)state;

    assert_int_equal(dec("\x80", 1, &cp), 0);
    assert_int_equal(dec("\xBF\x80", 2, &cp), 0);
    assert_int_equal(dec("\xC3", 1, &cp), 0);                /* truncated */
    assert_int_equal(dec("\xE2\x82", 2, &cp), 0);
    assert_int_equal(dec("\xF0\x9F\x98", 3, &cp), 0);
    assert_int_equal(dec("\xC3\x41", 2, &cp), 0);            /* not a continuation */
    assert_int_equal(dec("\xE2\x28\xA1", 3, &cp), 0);
    assert_int_equal(dec("\xF0\x9F\x98\xC0", 4, &cp), 0);
    /* The length limit is honoured even when more bytes follow in memory. */
    assert_int_equal(dec("\xE2\x82\xAC", 2, &cp), 0);
}

/* Prepare s[0..n) with a fresh arena; the arena is returned for freeing. */
static int prep(struct annals_arena *ar, const struct annals_alloc *a, const char *s,
                size_t n, int policy, struct utf8_text *u, size_t *bad)
{
    annals__arena_init(ar, a);
    *bad = (size_t)-1;
    memset(u, 0, sizeof *u);
    return annals__utf8_prepare(ar, s, n, policy, u, bad);
}

static void test_prepare_uses_nfc_ascii_input_in_place_without_a_map(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    const char in[] = "Ferries resumed \xE2\x80\x9C" "at dawn\xE2\x80\x9D \xE2\x80\x94 briefly.";
    (void)state;

    assert_int_equal(prep(&ar, &a, in, sizeof in - 1, ANNALS_UTF8_REJECT, &u, &bad),
                     ANNALS_OK);
    assert_ptr_equal(u.text, in);
    assert_int_equal(u.len, sizeof in - 1);
    assert_null(u.map);
    assert_int_equal(t.calls, 0);
    annals__arena_free(&ar);
}

static void test_prepare_composes_e_acute_to_nfc_with_offset_map(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    /* c a f e U+0301 ! : the decomposed e-acute is bytes 3..5 of the input. */
    const char in[] = "cafe\xCC\x81!";
    (void)state;

    assert_int_equal(prep(&ar, &a, in, sizeof in - 1, ANNALS_UTF8_REJECT, &u, &bad),
                     ANNALS_OK);
    assert_int_equal(u.len, 6);
    assert_memory_equal(u.text, "caf\xC3\xA9!", 6);
    assert_non_null(u.map);
    assert_int_equal(u.map[0], 0);
    assert_int_equal(u.map[1], 1);
    assert_int_equal(u.map[2], 2);
    assert_int_equal(u.map[3], 3);      /* both bytes of U+00E9 come from byte 3 */
    assert_int_equal(u.map[4], 3);
    assert_int_equal(u.map[5], 6);      /* '!' */
    assert_int_equal(u.map[6], 7);      /* the end maps to the end */
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
}

static void test_prepare_composes_the_bare_pair_e_combining_acute(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    (void)state;

    assert_int_equal(prep(&ar, &a, "e\xCC\x81", 3, ANNALS_UTF8_REJECT, &u, &bad), ANNALS_OK);
    assert_int_equal(u.len, 2);
    assert_memory_equal(u.text, "\xC3\xA9", 2);
    assert_int_equal(u.map[0], 0);
    assert_int_equal(u.map[1], 0);
    assert_int_equal(u.map[2], 3);
    annals__arena_free(&ar);
}

static void test_prepare_composes_conjoining_hangul_jamo(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    /* U+1100 U+1161 -> U+AC00; then U+AC00 U+11A8 -> U+AC01. */
    const char in[] = "\xE1\x84\x80\xE1\x85\xA1 \xEA\xB0\x80\xE1\x86\xA8";
    (void)state;

    assert_int_equal(prep(&ar, &a, in, sizeof in - 1, ANNALS_UTF8_REJECT, &u, &bad),
                     ANNALS_OK);
    assert_int_equal(u.len, 7);
    assert_memory_equal(u.text, "\xEA\xB0\x80 \xEA\xB0\x81", 7);
    assert_int_equal(u.map[3], 6);      /* the space */
    assert_int_equal(u.map[7], sizeof in - 1);
    annals__arena_free(&ar);
}

static void test_prepare_reorders_combining_marks_canonically(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    /* q + U+0301 (ccc 230) + U+0323 (ccc 220): NFC puts the dot below first. */
    (void)state;

    assert_int_equal(prep(&ar, &a, "q\xCC\x81\xCC\xA3", 5, ANNALS_UTF8_REJECT, &u, &bad),
                     ANNALS_OK);
    assert_int_equal(u.len, 5);
    assert_memory_equal(u.text, "q\xCC\xA3\xCC\x81", 5);
    annals__arena_free(&ar);
}

static void test_prepare_reject_names_the_byte_offset_of_bad_utf8(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    (void)state;

    assert_int_equal(prep(&ar, &a, "ok \xC3\xA9 \xE2\x28\xA1", 9, ANNALS_UTF8_REJECT, &u, &bad),
                     ANNALS_EUTF8);
    assert_int_equal(bad, 6);
    annals__arena_free(&ar);
    assert_int_equal(prep(&ar, &a, "tail \xF0\x9F\x98", 8, ANNALS_UTF8_REJECT, &u, &bad),
                     ANNALS_EUTF8);
    assert_int_equal(bad, 5);
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
}

static void test_prepare_reject_refuses_a_nul_byte(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    (void)state;

    assert_int_equal(prep(&ar, &a, "ab\0cd", 5, ANNALS_UTF8_REJECT, &u, &bad), ANNALS_EUTF8);
    assert_int_equal(bad, 2);
    annals__arena_free(&ar);
}

static void test_prepare_replace_turns_each_bad_byte_into_fffd_keeping_offsets(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    /* x, a stray byte, an overlong pair (two bad bytes), y, NUL, z */
    const char in[] = "x\xFF\xC0\x80y\0z";
    (void)state;

    assert_int_equal(prep(&ar, &a, in, sizeof in - 1, ANNALS_UTF8_REPLACE, &u, &bad),
                     ANNALS_OK);
    assert_int_equal(u.len, 1 + 3 * 3 + 1 + 3 + 1);
    assert_memory_equal(u.text,
                        "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy\xEF\xBF\xBDz", u.len);
    assert_int_equal(u.map[0], 0);
    assert_int_equal(u.map[1], 1);
    assert_int_equal(u.map[3], 1);
    assert_int_equal(u.map[4], 2);
    assert_int_equal(u.map[7], 3);
    assert_int_equal(u.map[10], 4);     /* y */
    assert_int_equal(u.map[11], 5);     /* the NUL's replacement */
    assert_int_equal(u.map[14], 6);     /* z */
    assert_int_equal(u.map[15], 7);
    assert_null(memchr(u.text, '\0', u.len));
    annals__arena_free(&ar);
}

static void test_prepare_output_never_holds_a_nul_under_replace(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    const char in[] = "\0\0e\xCC\x81\0";
    (void)state;

    assert_int_equal(prep(&ar, &a, in, sizeof in - 1, ANNALS_UTF8_REPLACE, &u, &bad),
                     ANNALS_OK);
    assert_int_equal(u.len, 3 + 3 + 2 + 3);
    assert_null(memchr(u.text, '\0', u.len));
    assert_memory_equal(u.text + 6, "\xC3\xA9", 2);
    annals__arena_free(&ar);
}

static void test_prepare_refused_allocation_is_enomem(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    struct utf8_text u;
    size_t bad;
    (void)state;

    t.fail_at = 1;
    assert_int_equal(prep(&ar, &a, "e\xCC\x81", 3, ANNALS_UTF8_REJECT, &u, &bad),
                     ANNALS_ENOMEM);
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
}

/* ------------------------------------------- through the public API */

static annals_pipeline *open_pipeline(int policy)
{
    struct annals_options opt;
    annals_pipeline *p = NULL;
    annals_options_init(&opt);
    opt.utf8_policy = policy;
    assert_int_equal(annals_pipeline_open(&opt, &p, NULL, 0), ANNALS_OK);
    return p;
}

static void test_annotate_token_spans_point_into_the_original_bytes(void **state)
{
    annals_pipeline *p = open_pipeline(ANNALS_UTF8_REJECT);
    annals_doc *d = NULL;
    struct annals_token_info t;
    /* "cafe" + U+0301, then "reopened" */
    const char in[] = "cafe\xCC\x81 reopened";
    (void)state;

    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, in, sizeof in - 1), ANNALS_OK);
    assert_int_equal(annals_doc_token_count(d), 2);
    assert_int_equal(annals_doc_token(d, 0, &t), ANNALS_OK);
    assert_int_equal(t.span.start, 0);
    assert_int_equal(t.span.end, 6);
    assert_int_equal(t.form_len, 5);
    assert_memory_equal(t.form, "caf\xC3\xA9", 5);
    assert_int_equal(annals_doc_token(d, 1, &t), ANNALS_OK);
    assert_int_equal(t.span.start, 7);
    assert_int_equal(t.span.end, 15);
    assert_memory_equal(t.form, "reopened", 8);
    annals_doc_free(d);
    annals_pipeline_close(p);
}

static void test_annotate_replace_policy_keeps_offsets_of_later_tokens(void **state)
{
    annals_pipeline *p = open_pipeline(ANNALS_UTF8_REPLACE);
    annals_doc *d = NULL;
    struct annals_token_info t;
    const char in[] = "gr\xFFy dock";
    (void)state;

    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, in, sizeof in - 1), ANNALS_OK);
    assert_int_equal(annals_doc_token_count(d), 2);
    assert_int_equal(annals_doc_token(d, 0, &t), ANNALS_OK);
    assert_int_equal(t.span.start, 0);
    assert_int_equal(t.span.end, 4);
    assert_int_equal(t.form_len, 6);
    assert_memory_equal(t.form, "gr\xEF\xBF\xBDy", 6);
    assert_int_equal(annals_doc_token(d, 1, &t), ANNALS_OK);
    assert_int_equal(t.span.start, 5);
    assert_int_equal(t.span.end, 9);
    annals_doc_free(d);
    annals_pipeline_close(p);
}

static void test_annotate_reject_policy_message_names_the_byte(void **state)
{
    annals_pipeline *p = open_pipeline(ANNALS_UTF8_REJECT);
    annals_doc *d = NULL;
    (void)state;

    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, "quay \xFF", 6), ANNALS_EUTF8);
    assert_string_equal(annals_doc_errmsg(d), "invalid UTF-8 at byte 5");
    assert_int_equal(annals_doc_token_count(d), 0);
    assert_int_equal(annals_annotate(p, d, "a\0b", 3), ANNALS_EUTF8);
    assert_string_equal(annals_doc_errmsg(d), "NUL byte at byte 1");
    annals_doc_free(d);
    annals_pipeline_close(p);
}

static void test_annotate_mark_after_punctuation_gives_non_empty_spans(void **state)
{
    annals_pipeline *p = open_pipeline(ANNALS_UTF8_REJECT);
    annals_doc *d = NULL;
    struct annals_token_info t;
    size_t prev_end = 0;
    /* "(" + U+0301 + "x": the mark joins the bracket in one NFC segment. */
    const char in[] = "(\xCC\x81x";
    (void)state;

    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, in, sizeof in - 1), ANNALS_OK);
    assert_true(annals_doc_token_count(d) >= 2);
    for (size_t i = 0; i < annals_doc_token_count(d); i++) {
        assert_int_equal(annals_doc_token(d, i, &t), ANNALS_OK);
        assert_true(t.span.start < t.span.end);
        assert_true(t.span.start >= prev_end);
        prev_end = t.span.end;
    }
    assert_int_equal(annals_doc_token(d, 0, &t), ANNALS_OK);
    assert_int_equal(t.span.start, 0);
    assert_int_equal(t.span.end, 1);
    assert_int_equal(prev_end, sizeof in - 1);
    annals_doc_free(d);
    annals_pipeline_close(p);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_accepts_each_length_and_the_extremes),
        cmocka_unit_test(test_decode_rejects_overlongs_surrogates_and_out_of_range),
        cmocka_unit_test(test_decode_rejects_stray_and_missing_continuation_bytes),
        cmocka_unit_test(test_prepare_uses_nfc_ascii_input_in_place_without_a_map),
        cmocka_unit_test(test_prepare_composes_e_acute_to_nfc_with_offset_map),
        cmocka_unit_test(test_prepare_composes_the_bare_pair_e_combining_acute),
        cmocka_unit_test(test_prepare_composes_conjoining_hangul_jamo),
        cmocka_unit_test(test_prepare_reorders_combining_marks_canonically),
        cmocka_unit_test(test_prepare_reject_names_the_byte_offset_of_bad_utf8),
        cmocka_unit_test(test_prepare_reject_refuses_a_nul_byte),
        cmocka_unit_test(test_prepare_replace_turns_each_bad_byte_into_fffd_keeping_offsets),
        cmocka_unit_test(test_prepare_output_never_holds_a_nul_under_replace),
        cmocka_unit_test(test_prepare_refused_allocation_is_enomem),
        cmocka_unit_test(test_annotate_token_spans_point_into_the_original_bytes),
        cmocka_unit_test(test_annotate_replace_policy_keeps_offsets_of_later_tokens),
        cmocka_unit_test(test_annotate_reject_policy_message_names_the_byte),
        cmocka_unit_test(test_annotate_mark_after_punctuation_gives_non_empty_spans),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
