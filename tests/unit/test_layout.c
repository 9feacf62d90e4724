/* test_layout.c -- the layout rules of the text stage: headline, byline,
** caption and dateline, seen through the public API. */
#include "unit.h"

#include <unistd.h>

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

static void test_layout_lone_caption_with_its_credit_is_a_caption(void **state)
{
    struct run r;
    (void)state;
    annotate(&r, "Riot police hold back a crowd outside the court in Tunis. (AP Photo/Staff)");
    assert_int_equal(role_of(&r, 0), ANNALS_ROLE_CAPTION);
    finish(&r);
    annotate(&r, "Photo caption: Sudanese soldiers guard a checkpoint near Omdurman.");
    assert_int_equal(role_of(&r, 0), ANNALS_ROLE_CAPTION);
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

static void assert_word(const annals_doc *d, size_t i, const char *form)
{
    struct annals_word_info w;
    assert_int_equal(annals_doc_word(d, i, &w), ANNALS_OK);
    assert_int_equal(w.form_len, strlen(form));
    assert_memory_equal(w.form, form, w.form_len);
}

/* Words given by the caller are kept as they are: no clitic split, no
** dateline, one sentence per line whatever its punctuation. */
static void test_layout_given_words_are_kept(void **state)
{
    const char *text = "LOME : Togo's minister didn't sign .\r\n\n  Talks resume  Friday\n";
    annals_pipeline *p;
    annals_doc *d;
    struct annals_sentence_info s;
    (void)state;
    assert_int_equal(annals_pipeline_open(NULL, &p, NULL, 0), ANNALS_OK);
    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_doc_set_tokens(d, text, strlen(text)), ANNALS_OK);
    assert_int_equal(annals_doc_annotate(p, d), ANNALS_OK);
    assert_int_equal(annals_doc_sentence_count(d), 2);
    assert_int_equal(annals_doc_word_count(d), 10);
    assert_int_equal(annals_doc_token_count(d), 10);
    assert_word(d, 0, "LOME");
    assert_word(d, 2, "Togo's");
    assert_word(d, 4, "didn't");
    assert_word(d, 6, ".");
    assert_word(d, 9, "Friday");
    assert_int_equal(annals_doc_sentence(d, 0, &s), ANNALS_OK);
    assert_int_equal(s.role, ANNALS_ROLE_BODY);
    assert_int_equal(s.n_tokens, 7);
    assert_int_equal(annals_doc_dateline(d, NULL, NULL), ANNALS_DONE);
    /* set_text after set_tokens tokenises again */
    assert_int_equal(annals_doc_set_text(d, text, strlen(text)), ANNALS_OK);
    assert_int_equal(annals_doc_annotate(p, d), ANNALS_OK);
    assert_true(annals_doc_word_count(d) > 10);
    annals_doc_free(d);
    annals_pipeline_close(p);
}

/* CoNLL-U input: one document per "# newdoc", FORM of the word lines only,
** a space inside a form kept inside the word. */
static void test_layout_conllu_documents(void **state)
{
    static const char conllu[] =
        "# newdoc id = first\n"
        "# text = Mali's army left.\n"
        "1-2\tMali's\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "1\tMali\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "2\t's\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "3\tarmy\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "3.1\tghost\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "4\tleft\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "\n"
        "1\t10 000\tO\n"
        "2\ttroops\tO\n"
        "\n"
        "# newdoc id = second\n"
        "1\tQuiet\tO\n";
    char path[] = "/tmp/annals-test-XXXXXX";
    int fd = mkstemp(path);
    annals_pipeline *p;
    annals_doc *d;
    annals_reader *rd;
    size_t n;
    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, conllu, sizeof conllu - 1), (ssize_t)(sizeof conllu - 1));
    close(fd);
    assert_int_equal(annals_pipeline_open(NULL, &p, NULL, 0), ANNALS_OK);
    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_reader_open(p, path, ANNALS_INPUT_CONLLU, NULL, &rd, NULL, 0),
                     ANNALS_OK);
    assert_int_equal(annals_reader_next(rd, p, d), ANNALS_OK);
    assert_string_equal(annals_doc_meta(d, ANNALS_META_ID, &n), "first");
    assert_int_equal(annals_doc_sentence_count(d), 2);
    assert_int_equal(annals_doc_word_count(d), 6);
    assert_word(d, 0, "Mali");
    assert_word(d, 1, "'s");
    assert_word(d, 3, "left");
    assert_word(d, 4, "10\xC2\xA0" "000");
    assert_int_equal(annals_reader_next(rd, p, d), ANNALS_OK);
    assert_string_equal(annals_doc_meta(d, ANNALS_META_ID, &n), "second");
    assert_int_equal(annals_doc_word_count(d), 1);
    assert_int_equal(annals_reader_next(rd, p, d), ANNALS_DONE);
    annals_reader_close(rd);
    annals_doc_free(d);
    annals_pipeline_close(p);
    unlink(path);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_finds_datelines_of_common_shapes),
        cmocka_unit_test(test_layout_capitals_without_separator_are_no_dateline),
        cmocka_unit_test(test_layout_marks_caption_headline_and_byline),
        cmocka_unit_test(test_layout_lone_caption_with_its_credit_is_a_caption),
        cmocka_unit_test(test_layout_single_block_is_all_body),
        cmocka_unit_test(test_layout_last_short_line_is_not_a_heading),
        cmocka_unit_test(test_layout_long_sentence_line_is_body),
        cmocka_unit_test(test_layout_byte_order_mark_is_skipped_but_counted),
        cmocka_unit_test(test_layout_given_words_are_kept),
        cmocka_unit_test(test_layout_conllu_documents),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
