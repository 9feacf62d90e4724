/* test_sentence.c -- the sentence splitter on invented paragraphs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "annals.h"

static annals_pipeline *pipe_;
static annals_doc *doc_;

static int setup(void **state)
{
    char err[128];
    (void)state;
    if (annals_pipeline_open(NULL, &pipe_, err, sizeof err) != ANNALS_OK)
        return -1;
    return annals_doc_new(pipe_, &doc_) == ANNALS_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    annals_doc_free(doc_);
    annals_pipeline_close(pipe_);
    return 0;
}

/* The sentences of text, each as its original text, joined by " || ". */
static const char *sents(const char *text)
{
    static char out[4096];
    size_t n = 0;

    annals_doc_reset(doc_);
    assert_int_equal(annals_annotate(pipe_, doc_, text, strlen(text)), ANNALS_OK);
    out[0] = '\0';
    for (size_t i = 0; i < annals_doc_sentence_count(doc_); i++) {
        struct annals_sentence_info s;
        annals_doc_sentence(doc_, i, &s);
        n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", i > 0 ? " || " : "",
                              (int)(s.span.end - s.span.start), text + s.span.start);
    }
    return out;
}

static void test_sent_split_after_period(void **state)
{
    (void)state;
    assert_string_equal(sents("The bridge reopened. Traffic was light!"),
                        "The bridge reopened. || Traffic was light!");
}

static void test_sent_no_split_after_title(void **state)
{
    (void)state;
    assert_string_equal(sents("Dr. Venn and Mr. Ardo met Lt. Col. Ramu at 10 a.m. today."),
                        "Dr. Venn and Mr. Ardo met Lt. Col. Ramu at 10 a.m. today.");
}

static void test_sent_split_after_acronym_at_end(void **state)
{
    (void)state;
    assert_string_equal(sents("She moved to the U.S. The visa came later."),
                        "She moved to the U.S. || The visa came later.");
}

static void test_sent_split_after_quote(void **state)
{
    (void)state;
    assert_string_equal(sents("He said: \"We are ready.\" The vote followed."),
                        "He said: \"We are ready.\" || The vote followed.");
    assert_string_equal(sents("\xE2\x80\x9CNever again.\xE2\x80\x9D Then silence."),
                        "\xE2\x80\x9CNever again.\xE2\x80\x9D || Then silence.");
}

static void test_sent_split_after_parenthesis(void **state)
{
    (void)state;
    assert_string_equal(sents("Prices rose (again.) Buyers waited."),
                        "Prices rose (again.) || Buyers waited.");
}

static void test_sent_no_split_inside_ellipsis(void **state)
{
    (void)state;
    assert_string_equal(sents("We waited... and waited. Nothing came."),
                        "We waited... and waited. || Nothing came.");
}

static void test_sent_split_after_ellipsis_before_capital(void **state)
{
    (void)state;
    assert_string_equal(sents("We waited... Nobody came."), "We waited... || Nobody came.");
}

static void test_sent_split_lower_case_start(void **state)
{
    (void)state;
    assert_string_equal(sents("the pier is closed. the cafe is open."),
                        "the pier is closed. || the cafe is open.");
}

static void test_sent_no_split_before_comma(void **state)
{
    (void)state;
    assert_string_equal(sents("Go now!, she shouted."), "Go now!, she shouted.");
}

static void test_sent_split_at_paragraph(void **state)
{
    (void)state;
    assert_string_equal(sents("First part without a stop\n\nSecond part."),
                        "First part without a stop || Second part.");
}

static void test_sent_split_short_line_without_stop(void **state)
{
    (void)state;
    assert_string_equal(sents("Road closures\nThe main road is shut until Friday."),
                        "Road closures || The main road is shut until Friday.");
}

static void test_sent_no_split_wrapped_line(void **state)
{
    (void)state;
    assert_string_equal(
        sents("The council met on Tuesday to discuss the repairs of the old harbour\n"
              "wall and the new ferry timetable."),
        "The council met on Tuesday to discuss the repairs of the old harbour\n"
        "wall and the new ferry timetable.");
}

static void test_sent_over_limit_is_error(void **state)
{
    struct annals_options opt;
    annals_pipeline *p;
    annals_doc *d;
    char err[128];
    const char *text = "one two three four five six seven eight nine ten.";
    (void)state;
    annals_options_init(&opt);
    opt.max_sentence_tokens = 5;
    assert_int_equal(annals_pipeline_open(&opt, &p, err, sizeof err), ANNALS_OK);
    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, text, strlen(text)), ANNALS_ETOOBIG);
    assert_non_null(strstr(annals_doc_errmsg(d), "limit"));
    annals_doc_free(d);
    annals_pipeline_close(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sent_split_after_period),
        cmocka_unit_test(test_sent_no_split_after_title),
        cmocka_unit_test(test_sent_split_after_acronym_at_end),
        cmocka_unit_test(test_sent_split_after_quote),
        cmocka_unit_test(test_sent_split_after_parenthesis),
        cmocka_unit_test(test_sent_no_split_inside_ellipsis),
        cmocka_unit_test(test_sent_split_after_ellipsis_before_capital),
        cmocka_unit_test(test_sent_split_lower_case_start),
        cmocka_unit_test(test_sent_no_split_before_comma),
        cmocka_unit_test(test_sent_split_at_paragraph),
        cmocka_unit_test(test_sent_split_short_line_without_stop),
        cmocka_unit_test(test_sent_no_split_wrapped_line),
        cmocka_unit_test(test_sent_over_limit_is_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
