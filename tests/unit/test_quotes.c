/* test_quotes.c -- the quotation stage (src/quotes.c) over the committed
** models.  Run from the repository root. */
#include "unit.h"

#include "doc.h"
#include "quotes.h"

#include <stdio.h>

static annals_doc *annotate(void **state, const char *text)
{
    struct model_fixture *f = *state;
    assert_int_equal(annals_annotate(f->p, f->d, text, strlen(text)), ANNALS_OK);
    assert_true(f->d->has_quotes);
    return f->d;
}

/* The quote whose content is exactly s, or NULL. */
static const struct doc_quote *quote_with(const annals_doc *d, const char *s)
{
    for (size_t i = 0; i < d->quote.n; i++) {
        const struct doc_quote *q = &d->quote.v[i];
        if (q->cend - q->cstart == strlen(s) && memcmp(d->text + q->cstart, s, strlen(s)) == 0)
            return q;
    }
    return NULL;
}

static int text_is(const annals_doc *d, uint32_t s, uint32_t e, const char *want)
{
    return e - s == strlen(want) && memcmp(d->text + s, want, e - s) == 0;
}

/* Name of the speaker entity of q, or "" when it has none. */
static const char *speaker(const annals_doc *d, const struct doc_quote *q, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (q->entity < 0)
        return buf;
    const struct doc_mention *m = &d->ment.v[d->ent.v[q->entity].canon];
    size_t s = d->tok.v[m->tok].start, e = d->tok.v[m->tok + m->n_tok - 1].end;
    snprintf(buf, cap, "%.*s", (int)(e - s), d->text + s);
    return buf;
}

/* The quote whose content is content has the speaker want. */
static const struct doc_quote *assert_speaker(void **state, const char *text,
                                              const char *content, const char *want)
{
    char name[64];
    annals_doc *d = annotate(state, text);
    const struct doc_quote *q = quote_with(d, content);
    assert_non_null(q);
    assert_string_equal(speaker(d, q, name, sizeof name), want);
    return q;
}

static void test_cue_table(void **state)
{
    (void)state;
    assert_true(annals__quote_cues_sorted());
    assert_int_equal(annals__quote_cue("say", 3), CUE_SPEECH);
    assert_int_equal(annals__quote_cue("Warn", 4), CUE_SPEECH);
    assert_int_equal(annals__quote_cue("call", 4), CUE_PARTIAL);
    assert_int_equal(annals__quote_cue("eat", 3), 0);
    assert_int_equal(annals__quote_cue("", 0), 0);
}

static void test_direct_quote_then_pronoun(void **state)
{
    char name[64];
    annals_doc *d = annotate(state, "Police chief Omar Benali spoke on Monday. \"We have "
                                    "arrested three men,\" he told reporters.");
    const struct doc_quote *q = quote_with(d, "We have arrested three men");
    assert_non_null(q);
    assert_int_equal(q->kind, QUOTE_DIRECT);
    assert_string_equal(speaker(d, q, name, sizeof name), "Omar Benali");
    assert_true(text_is(d, q->sp_start, q->sp_end, "he"));
    assert_true(text_is(d, q->cue_start, q->cue_end, "told"));
    /* the span holds the marks */
    assert_int_equal(d->text[q->start], '"');
    assert_int_equal(d->text[q->end - 1], '"');
}

static void test_indirect_and_it_added(void **state)
{
    annals_doc *d = annotate(state, "The ministry said the drill was routine. It added that "
                                    "no troops had crossed the border.");
    const struct doc_quote *a = quote_with(d, "the drill was routine");
    const struct doc_quote *b = quote_with(d, "no troops had crossed the border");
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(a->kind, QUOTE_INDIRECT);
    assert_int_equal(b->kind, QUOTE_INDIRECT);
    assert_true(text_is(d, a->name_start, a->name_end, "The ministry"));
    /* "it" goes to the organisation that spoke before */
    assert_true(text_is(d, b->sp_start, b->sp_end, "It"));
    assert_true(text_is(d, b->name_start, b->name_end, "The ministry"));
    assert_true(text_is(d, b->cue_start, b->cue_end, "added"));
}

static void test_according_to_a_handout(void **state)
{
    annals_doc *d = annotate(state, "The exercise involved 60 aircraft, according to a handout "
                                    "issued by the foreign office.");
    const struct doc_quote *q = quote_with(d, "The exercise involved 60 aircraft");
    assert_non_null(q);
    assert_true(text_is(d, q->cue_start, q->cue_end, "according to"));
    assert_true(text_is(d, q->name_start, q->name_end, "the foreign office"));
}

static void test_according_to_before_a_direct_quote(void **state)
{
    annals_doc *d = annotate(state, "According to a statement issued by the Kenyan foreign "
                                    "ministry, \"The talks went well.\"\n\n"
                                    "\"Both sides will meet again,\" it added.");
    const struct doc_quote *a = quote_with(d, "The talks went well.");
    const struct doc_quote *b = quote_with(d, "Both sides will meet again");
    assert_non_null(a);
    assert_non_null(b);
    assert_true(text_is(d, a->cue_start, a->cue_end, "According to"));
    assert_true(text_is(d, a->name_start, a->name_end, "the Kenyan foreign ministry"));
    assert_true(text_is(d, b->cue_start, b->cue_end, "added"));
    assert_true(text_is(d, b->name_start, b->name_end, "the Kenyan foreign ministry"));
}

static void test_quote_over_two_paragraphs(void **state)
{
    annals_doc *d = annotate(state, "\"The vote was fair,\" said Joao Mendes.\n\n\"We saw no fraud.\n\n"
                                    "\"There were delays,\" he said.\n");
    const struct doc_quote *q = quote_with(d, "We saw no fraud.\n\n\"There were delays");
    assert_non_null(q);
    assert_int_equal(q->kind, QUOTE_DIRECT);
    assert_int_equal(q->sent_last - q->sent_first, 1);
}

static void test_curly_marks_and_nested_single_quotes(void **state)
{
    annals_doc *d = annotate(state, "\xE2\x80\x9COur officers told us, \xE2\x80\x98hold the "
                                    "bridge,\xE2\x80\x99 and we did,\xE2\x80\x9D said Lena Brandt.");
    const struct doc_quote *outer =
        quote_with(d, "Our officers told us, \xE2\x80\x98hold the bridge,\xE2\x80\x99 and we did");
    const struct doc_quote *inner = quote_with(d, "hold the bridge");
    assert_non_null(outer);
    assert_non_null(inner);
    assert_int_equal(inner->kind, QUOTE_NESTED);
    assert_int_equal(inner->within, (int)(outer - d->quote.v));
}

static void test_partial_quote_keeps_its_speaker(void **state)
{
    const struct doc_quote *q =
        assert_speaker(state, "Opposition leader Grace Mwangi called the result \"a theft in "
                       "broad daylight\" on Sunday.", "a theft in broad daylight", "Grace Mwangi");
    assert_int_equal(q->kind, QUOTE_PARTIAL);
}

/* A reporting clause after what it reports, whatever the parse hangs it on. */
static void test_trailing_attribution_reports_the_clause_before_it(void **state)
{
    annals_doc *d = annotate(state, "Floods in the delta cut off twelve villages, the relief "
                                    "agency said.");
    const struct doc_quote *q = quote_with(d, "Floods in the delta cut off twelve villages");
    assert_non_null(q);
    assert_int_equal(q->kind, QUOTE_INDIRECT);
}

/* The speaker of a verb joined to a relative clause is the clause's noun. */
static void test_speaker_through_a_relative_clause(void **state)
{
    assert_speaker(state, "Finance Minister Tomas Ruiz, who arrived from Lima on "
                   "Friday, told reporters that the port would reopen.",
                   "the port would reopen", "Tomas Ruiz");
}

/* The word spelt form in d. */
static size_t word_spelt(const annals_doc *d, const char *form)
{
    size_t w = 0;
    while (w < d->word.n && !(d->word.v[w].form_len == strlen(form) &&
                              memcmp(d->word.v[w].form, form, strlen(form)) == 0))
        w++;
    assert_true(w < d->word.n);
    return w;
}

/* The speaker of "the port would reopen" once quotations are found again
** over d's parse as changed. */
static void assert_speaker_after_reparse(void **state, annals_doc *d, const char *want)
{
    struct model_fixture *f = *state;
    char name[64];
    assert_int_equal(annals__quotes_run(f->p, d), ANNALS_OK);
    const struct doc_quote *q = quote_with(d, "the port would reopen");
    assert_non_null(q);
    assert_string_equal(speaker(d, q, name, sizeof name), want);
}

/* ... also when the parse hangs the relative clause on the name as a
** parataxis, as a retrained parser does. */
static void test_speaker_through_a_relative_clause_read_as_a_parataxis(void **state)
{
    annals_doc *d = annotate(state, "Finance Minister Tomas Ruiz, who arrived from Lima on "
                                    "Friday, told reporters that the port would reopen.");
    d->word.v[word_spelt(d, "arrived")].deprel = "parataxis";
    assert_speaker_after_reparse(state, d, "Tomas Ruiz");
}

/* ... and when it makes the relative clause the root, the name a second
** subject of its verb and the cue a conjunct of it. */
static void test_speaker_named_as_a_second_subject_of_a_relative_clause(void **state)
{
    annals_doc *d = annotate(state, "Finance Minister Tomas Ruiz, who arrived from Lima on "
                                    "Friday, told reporters that the port would reopen.");
    size_t arrived = word_spelt(d, "arrived");
    d->word.v[arrived].head = -1;
    d->word.v[arrived].deprel = "root";
    d->word.v[word_spelt(d, "Tomas")].head = (int64_t)arrived;
    d->word.v[word_spelt(d, "Tomas")].deprel = "nsubj";
    d->word.v[word_spelt(d, "told")].head = (int64_t)arrived;
    d->word.v[word_spelt(d, "told")].deprel = "conj";
    assert_speaker_after_reparse(state, d, "Tomas Ruiz");
}

/* Quoted words are never the speaker of the cue after them. */
static void test_quoted_words_are_no_speaker(void **state)
{
    assert_speaker(state, "The deal met the \"shared goals of both ports,\" Harbour "
                   "Minister Elin Sand said on Monday.",
                   "shared goals of both ports", "Elin Sand");
}

static void test_scare_quotes_are_no_quotes(void **state)
{
    annals_doc *d = annotate(state, "The so-called \"green corridor\" has been closed since March.");
    assert_int_equal(d->quote.n, 0);
}

static void test_unsure_pronoun_gets_no_speaker(void **state)
{
    annals_doc *d = annotate(state, "Anna Berg and Tom Hale met in Oslo on Monday. \"We agreed on "
                                    "nothing,\" he said.");
    const struct doc_quote *q = quote_with(d, "We agreed on nothing");
    assert_non_null(q);
    assert_int_equal(q->entity, -1);
    assert_int_equal(q->name_end, q->name_start);
}

/* A reporting clause between commas inside the clause it reports. */
static void test_attribution_in_the_middle(void **state)
{
    const struct doc_quote *q =
        assert_speaker(state, "Rosa Linde spoke after the vote. The coalition, she added, had won "
                       "every district in the north.", "had won every district in the north",
                       "Rosa Linde");
    assert_int_equal(q->kind, QUOTE_INDIRECT);
}

/* A verb with a clause of its own after a quote reports that clause. */
static void test_next_sentence_cue_reports_its_own_clause(void **state)
{
    assert_speaker(state, "\"We waited for hours. Nobody came.\" Mara Lindqvist said "
                   "the ferry had been cancelled.",
                   "the ferry had been cancelled", "Mara Lindqvist");
}

/* A quote after an attribution cut off as its own sentence continues it. */
static void test_quote_after_a_question_continues_its_speaker(void **state)
{
    assert_speaker(state, "\"Where is the money?\" asked Senator Ruth Obi. \"Nobody "
                   "will tell us.\"",
                   "Nobody will tell us.", "Ruth Obi");
}

/* An office as subject names its holder in apposition. */
static void test_office_holder_in_apposition(void **state)
{
    assert_speaker(state, "\"The bridge is safe,\" said the head of the roads agency, "
                   "Pavel Dorn, who inspected it last week.",
                   "The bridge is safe", "Pavel Dorn");
}

/* Words named after "the phrase" are no quotation; nor is an infinitive. */
static void test_named_words_and_requests_are_no_quotes(void **state)
{
    annals_doc *d = annotate(state, "Officials said the phrase \"quiet diplomacy\" was no longer "
                                    "in use.");
    assert_non_null(quote_with(d, "the phrase \"quiet diplomacy\" was no longer in use"));
    assert_null(quote_with(d, "quiet diplomacy"));
    d = annotate(state, "A guard described the fire to the agency, asking not to be named.");
    assert_int_equal(d->quote.n, 0);
}

/* A sentence ending with a colon introduces the quote after it. */
static void test_colon_sentence_names_the_speaker(void **state)
{
    assert_speaker(state, "Mayor Ines Kohl was direct on Tuesday:\n\n\"The budget is "
                   "empty.\"",
                   "The budget is empty.", "Ines Kohl");
}

/* A report speaks for the organisation named before it, not for whoever saw
** it; a cue the parse read as a participle has the noun before it. */
static void test_report_and_participle_cue(void **state)
{
    char name[64];
    annals_doc *d = annotate(state, "Ten villages were flooded, according to a World Bank report "
                                    "seen by the agency.");
    const struct doc_quote *q = quote_with(d, "Ten villages were flooded");
    assert_non_null(q);
    assert_string_equal(speaker(d, q, name, sizeof name), "World Bank");
    d = annotate(state, "The regional bank acknowledged on Monday that its profits had fallen.");
    q = quote_with(d, "its profits had fallen");
    assert_non_null(q);
    assert_true(text_is(d, q->name_start, q->name_end, "The regional bank"));
}

/* "the company" names the one organisation that was a subject just before,
** though it never spoke. */
static void test_the_company_is_the_organisation_before(void **state)
{
    assert_speaker(state, "Northwind Energy will close two plants next year. The "
                   "closures, the company said on Monday, would cost 400 jobs.",
                   "would cost 400 jobs", "Northwind Energy");
}

static void test_offsets_point_into_the_original(void **state)
{
    struct model_fixture *f = *state;
    /* "Cafe\xCC\x81" (e + combining accent) becomes shorter under NFC */
    const char *text = "Cafe\xCC\x81 owner Rita Sousa said: \"We will reopen soon.\"";
    const char *out;
    size_t len;
    annotate(state, text);
    assert_int_equal(annals_doc_write(f->d, ANNALS_FORMAT_JSON, &out, &len), ANNALS_OK);
    const char *c = strstr(out, "\"content_span\":[");
    assert_non_null(c);
    unsigned long s = strtoul(c + 16, NULL, 10);
    assert_memory_equal(text + s, "We will reopen soon.", 20);
}

#define T(name) cmocka_unit_test_setup_teardown(name, model_fixture_setup, model_fixture_teardown)

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cue_table),
        T(test_direct_quote_then_pronoun),
        T(test_indirect_and_it_added),
        T(test_according_to_a_handout),
        T(test_according_to_before_a_direct_quote),
        T(test_quote_over_two_paragraphs),
        T(test_curly_marks_and_nested_single_quotes),
        T(test_partial_quote_keeps_its_speaker),
        T(test_scare_quotes_are_no_quotes),
        T(test_trailing_attribution_reports_the_clause_before_it),
        T(test_speaker_through_a_relative_clause),
        T(test_speaker_through_a_relative_clause_read_as_a_parataxis),
        T(test_speaker_named_as_a_second_subject_of_a_relative_clause),
        T(test_quoted_words_are_no_speaker),
        T(test_unsure_pronoun_gets_no_speaker),
        T(test_attribution_in_the_middle),
        T(test_next_sentence_cue_reports_its_own_clause),
        T(test_quote_after_a_question_continues_its_speaker),
        T(test_office_holder_in_apposition),
        T(test_named_words_and_requests_are_no_quotes),
        T(test_colon_sentence_names_the_speaker),
        T(test_report_and_participle_cue),
        T(test_the_company_is_the_organisation_before),
        T(test_offsets_point_into_the_original),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
