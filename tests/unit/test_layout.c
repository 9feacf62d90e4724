/* test_layout.c -- the layout rules of the text stage: headline, byline,
** caption and dateline, seen through the public API. */
#include "unit.h"

struct run {
    annals_pipeline *p;
    annals_doc *d;
};

static void annotate(struct run *r, const char *text)
{
    assert_int_equal(annals_pipeline_open(NULL, &r->p, NULL, 0), ANNALS_OK);
    assert_int_equal(annals_doc_new(r->p, &r->d), ANNALS_OK);
    assert_int_equal(annals_annotate(r->p, r->d, text, strlen(text)), ANNALS_OK);
}

static void finish(struct run *r)
{
    annals_doc_free(r->d);
    annals_pipeline_close(r->p);
}

static int role_of(const struct run *r, size_t i)
{
    struct annals_sentence_info s;
    assert_int_equal(annals_doc_sentence(r->d, i, &s), ANNALS_OK);
    return s.role;
}

/* The dateline's place as a string, or "" when there is none. */
static void assert_dateline(const char *text, const char *place, const char *line)
{
    struct run r;
    struct annals_span sl, sp;
    annotate(&r, text);
    if (place == NULL) {
        assert_int_equal(annals_doc_dateline(r.d, &sl, &sp), ANNALS_DONE);
        assert_int_equal(role_of(&r, 0), ANNALS_ROLE_BODY);
    } else {
        assert_int_equal(annals_doc_dateline(r.d, &sl, &sp), ANNALS_OK);
        assert_int_equal(sp.end - sp.start, strlen(place));
        assert_memory_equal(text + sp.start, place, strlen(place));
        assert_int_equal(sl.end - sl.start, strlen(line));
        assert_memory_equal(text + sl.start, line, strlen(line));
        assert_int_equal(role_of(&r, 0), ANNALS_ROLE_DATELINE);
        assert_int_equal(role_of(&r, 1), ANNALS_ROLE_BODY);
    }
    finish(&r);
}

static void test_layout_finds_datelines_of_common_shapes(void **state)
{
    (void)state;
    assert_dateline("OSLO: The talks ended early.", "OSLO", "OSLO:");
    assert_dateline("NEW DELHI, March 3 (Example Wire) - Rain fell.", "NEW DELHI",
                    "NEW DELHI, March 3 (Example Wire) -");
    assert_dateline("QUITO, Ecuador \xE2\x80\x94 Voters queued at dawn.", "QUITO",
                    "QUITO, Ecuador \xE2\x80\x94");
    assert_dateline("SAN JOSE (Example Wire) -- Prices rose.", "SAN JOSE",
                    "SAN JOSE (Example Wire) --");
}

static void test_layout_capitals_without_separator_are_no_dateline(void **state)
{
    (void)state;
    assert_dateline("NATO officials met in Brussels on Monday.", NULL, NULL);
    assert_dateline("The UN said aid was on its way.", NULL, NULL);
}

static void test_layout_marks_caption_headline_and_byline(void **state)
{
    struct run r;
    (void)state;
    annotate(&r, "Farmers load sacks onto a truck near the border (R)\n\n"
                 "Grain exports resume after pause\n\n"
                 "By Ana Ferreira\n\n"
                 "LISBON: Grain shipments resumed on Tuesday. Traders welcomed the news.\n");
    assert_int_equal(annals_doc_sentence_count(r.d), 6);
    assert_int_equal(role_of(&r, 0), ANNALS_ROLE_CAPTION);
    assert_int_equal(role_of(&r, 1), ANNALS_ROLE_HEADLINE);
    assert_int_equal(role_of(&r, 2), ANNALS_ROLE_BYLINE);
    assert_int_equal(role_of(&r, 3), ANNALS_ROLE_DATELINE);
    assert_int_equal(role_of(&r, 4), ANNALS_ROLE_BODY);
    assert_int_equal(role_of(&r, 5), ANNALS_ROLE_BODY);
    finish(&r);
}

static void test_layout_single_block_is_all_body(void **state)
{
    struct run r;
    (void)state;
    annotate(&r, "Shipping resumed");
    assert_int_equal(annals_doc_sentence_count(r.d), 1);
    assert_int_equal(role_of(&r, 0), ANNALS_ROLE_BODY);
    finish(&r);
}

static void test_layout_last_short_line_is_not_a_heading(void **state)
{
    struct run r;
    (void)state;
    annotate(&r, "The meeting ended without a deal.\n\nMore talks are planned");
    assert_int_equal(role_of(&r, 1), ANNALS_ROLE_BODY);
    finish(&r);
}

static void test_layout_long_sentence_line_is_body(void **state)
{
    struct run r;
    (void)state;
    annotate(&r, "Ministers arrive for the summit\n\n"
                 "The summit opened on Monday with a call for calm.\n\n"
                 "Delegates from twelve countries attended.\n");
    assert_int_equal(role_of(&r, 0), ANNALS_ROLE_HEADLINE);
    assert_int_equal(role_of(&r, 1), ANNALS_ROLE_BODY);
    assert_int_equal(role_of(&r, 2), ANNALS_ROLE_BODY);
    finish(&r);
}

static void test_layout_byte_order_mark_is_skipped_but_counted(void **state)
{
    struct run r;
    struct annals_token_info t;
    (void)state;
    annotate(&r, "\xEF\xBB\xBF" "ACCRA: Markets opened.");
    assert_int_equal(annals_doc_token(r.d, 0, &t), ANNALS_OK);
    assert_int_equal(t.span.start, 3);
    assert_int_equal(role_of(&r, 0), ANNALS_ROLE_DATELINE);
    finish(&r);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_finds_datelines_of_common_shapes),
        cmocka_unit_test(test_layout_capitals_without_separator_are_no_dateline),
        cmocka_unit_test(test_layout_marks_caption_headline_and_byline),
        cmocka_unit_test(test_layout_single_block_is_all_body),
        cmocka_unit_test(test_layout_last_short_line_is_not_a_heading),
        cmocka_unit_test(test_layout_long_sentence_line_is_body),
        cmocka_unit_test(test_layout_byte_order_mark_is_skipped_but_counted),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
