/* test_tone.c -- the tone lexicon and the tone stage (src/tone.c) over the
** committed models/tone.model.  Run from the repository root. */
#include "unit.h"

#include "doc.h"
#include "tone.h"

static const struct doc_tone *tone_of(struct model_fixture *f, const char *text)
{
    annals_doc_reset(f->d);
    assert_int_equal(annals_annotate(f->p, f->d, text, strlen(text)), ANNALS_OK);
    assert_true(f->d->has_tone);
    assert_int_equal(f->d->stone.n, f->d->sent.n);
    return &f->d->tone;
}

static void test_lexicon_knows_signs_of_plain_words(void **state)
{
    struct model_fixture *f = *state;
    assert_true(annals__tone_valence(f->p->tone, "happy", 5) > 0);
    assert_true(annals__tone_valence(f->p->tone, "killed", 6) < 0);
    assert_int_equal(annals__tone_valence(f->p->tone, "table", 5), 0);
    /* left out on purpose: mostly neutral in news */
    assert_int_equal(annals__tone_valence(f->p->tone, "party", 5), 0);
}

static void test_counts_words_and_sentiment_words(void **state)
{
    struct model_fixture *f = *state;
    /* 8 words, one positive (praised), one negative (failed) */
    const struct doc_tone *t = tone_of(f, "The council praised the plan that failed last year.");
    assert_int_equal(t->words, 9);
    assert_int_equal(t->pos, 1);
    assert_int_equal(t->neg, 1);
    assert_true(t->pos_score == 1.0);
    assert_true(t->neg_score == 1.0);
}

static void test_negation_turns_good_into_negative(void **state)
{
    struct model_fixture *f = *state;
    const struct doc_tone *t = tone_of(f, "The harvest was not good this year.");
    assert_int_equal(t->pos, 0);
    assert_int_equal(t->neg, 1);
    assert_true(t->neg_score > 0.74 && t->neg_score < 0.76);
}

static void test_negation_stops_at_a_comma(void **state)
{
    struct model_fixture *f = *state;
    const struct doc_tone *t = tone_of(f, "It was not, by any measure, a good week.");
    assert_int_equal(t->pos, 1);
    assert_int_equal(t->neg, 0);
}

static void test_intensifier_scales_and_diminisher_shrinks(void **state)
{
    struct model_fixture *f = *state;
    const struct doc_tone *t = tone_of(f, "The roads were very bad.");
    assert_true(t->neg_score > 1.29 && t->neg_score < 1.31);
    t = tone_of(f, "The roads were slightly bad.");
    assert_true(t->neg_score > 0.69 && t->neg_score < 0.71);
}

static void test_pronouns_count_as_self_and_group(void **state)
{
    struct model_fixture *f = *state;
    const struct doc_tone *t = tone_of(f, "I told them we would stay with our neighbours.");
    assert_int_equal(t->self, 1);
    assert_int_equal(t->group, 3);
}

static void test_activity_words_are_counted(void **state)
{
    struct model_fixture *f = *state;
    const struct doc_tone *t = tone_of(f, "Troops stormed the town and seized the bridge.");
    assert_int_equal(t->activity, 2);
}

static void test_each_sentence_has_its_own_tone(void **state)
{
    struct model_fixture *f = *state;
    const struct doc_tone *t = tone_of(f, "Crops failed. The rain was welcome.");
    assert_int_equal(f->d->stone.n, 2);
    assert_int_equal(f->d->stone.v[0].neg, 1);
    assert_int_equal(f->d->stone.v[0].pos, 0);
    assert_int_equal(f->d->stone.v[1].pos, 1);
    assert_int_equal(t->words, f->d->stone.v[0].words + f->d->stone.v[1].words);
}

static void test_damaged_lexicon_is_refused(void **state)
{
    struct model_fixture *f = *state;
    struct annals_alloc a = test_alloc_of(&f->t);
    struct annals_tone_lexicon *lex = NULL;
    unsigned char *img;
    size_t len, cap;
    char err[256];
    assert_int_equal(annals__slurp(&a, "models/tone.model", &img, &len, &cap, err, sizeof err),
                     ANNALS_OK);
    assert_int_equal(annals__tone_open_memory(&a, img, len, &lex, err, sizeof err), ANNALS_OK);
    annals__tone_close(&a, lex);
    img[len - 3] ^= 0x21;
    assert_int_equal(annals__tone_open_memory(&a, img, len, &lex, err, sizeof err),
                     ANNALS_EMODEL);
    assert_null(lex);
    annals__free(&a, img, cap);
}

static void test_missing_model_dir_fails_to_open(void **state)
{
    struct annals_options opt;
    annals_pipeline *p = (annals_pipeline *)1;
    char err[256] = "";
    (void)state;
    annals_options_init(&opt);
    opt.model_dir = "no-such-directory";
    assert_int_not_equal(annals_pipeline_open(&opt, &p, err, sizeof err), ANNALS_OK);
    assert_null(p);
    assert_non_null(strstr(err, "no-such-directory/"));   /* names the missing file */
}

#define T(name) cmocka_unit_test_setup_teardown(name, model_fixture_setup, model_fixture_teardown)

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        T(test_lexicon_knows_signs_of_plain_words),
        T(test_counts_words_and_sentiment_words),
        T(test_negation_turns_good_into_negative),
        T(test_negation_stops_at_a_comma),
        T(test_intensifier_scales_and_diminisher_shrinks),
        T(test_pronouns_count_as_self_and_group),
        T(test_activity_words_are_counted),
        T(test_each_sentence_has_its_own_tone),
        T(test_damaged_lexicon_is_refused),
        cmocka_unit_test(test_missing_model_dir_fails_to_open),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
