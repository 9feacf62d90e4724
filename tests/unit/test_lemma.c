/* test_lemma.c -- the lemmatiser trained on a few invented sentences with a
** small invented WordNet directory: an unseen irregular form takes its
** exception-list lemma, an unseen regular form the first detachment whose
** result is a WordNet lemma, a form seen in training keeps its learned
** lemma unless WordNet knows no such lemma and lists the form as an
** exception, a model trained without WordNet loads and guesses as before, a
** missing WordNet file stops training, and damaged WordNet sections are
** refused. */
#include "unit.h"

#include "lemma.h"
#include "model.h"
#include "wordnet_fixture.h"

#define W(id, form, lemma, upos, xpos, head, rel) \
    id "\t" form "\t" lemma "\t" upos "\t" xpos "\t_\t" head "\t" rel "\t_\t_\n"

/* "bases" is the plural of "basis" here, though WordNet's detachment and
** exception list would make it "base"; "fled" carries a slip of the
** annotator, a lemma WordNet does not know. */
static const char CORPUS[] =
    W("1", "Rebels", "rebel", "NOUN", "NNS", "2", "nsubj")
    W("2", "attacked", "attack", "VERB", "VBD", "0", "root")
    W("3", "two", "two", "NUM", "CD", "4", "nummod")
    W("4", "bases", "basis", "NOUN", "NNS", "2", "obj") "\n"
    W("1", "Troops", "troop", "NOUN", "NNS", "2", "nsubj")
    W("2", "guarded", "guard", "VERB", "VBD", "0", "root")
    W("3", "the", "the", "DET", "DT", "4", "det")
    W("4", "towns", "town", "NOUN", "NNS", "2", "obj") "\n"
    W("1", "Civilians", "civilian", "NOUN", "NNS", "2", "nsubj")
    W("2", "fled", "flead", "VERB", "VBD", "0", "root") "\n";

/* Licence lines of an index start with spaces, as in WordNet's files. */
static const struct wn_file WORDNET[] = {
    {"verb.exc", "fled flee\nfroze freeze\nfought fight\n"},
    {"noun.exc", "bases base\nmice mouse\n"},
    {"adj.exc", "worse bad\n"},
    {"adv.exc", "worse badly\n"},
    {"index.verb", "  1 invented licence line\nattack v 1\nflee v 1\nfreeze v 1\nshell v 1\n"},
    {"index.noun", "  1 invented licence line\nbase n 1\nbasis n 1\nbus n 1\ntown n 1\n"},
    {"index.adj", "bad a 1\n"},
    {"index.adv", "badly r 1\n"},
};

static struct wn_fixture fx;

static int setup(void **state)
{
    (void)state;
    return wn_fixture_open(&fx, CORPUS, WORDNET, sizeof WORDNET / sizeof *WORDNET, ANNALS_MODEL_LEMMATIZER, 0);
}

static int teardown(void **state)
{
    (void)state;
    wn_fixture_close(&fx);
    return 0;
}

/* The lemma of form tagged xpos by the model name, through a checking
** allocator that must end with nothing live. */
static void expect_lemma(const char *name, const char *form, const char *xpos, const char *lemma)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_model m;
    struct lemmatizer *l;
    struct syn_word w;
    char path[128], err[256], out[256];
    wn_fixture_path(&fx, name, path, sizeof path);
    if (annals__model_load(&a, path, &m, err, sizeof err) != ANNALS_OK ||
        annals__lemmatizer_open(&a, &m, &l, err, sizeof err) != ANNALS_OK)
        fail_msg("%s: %s", name, err);
    memset(&w, 0, sizeof w);
    w.form = form;
    w.form_len = (uint32_t)strlen(form);
    w.xpos = xpos;
    w.xpos_len = (uint16_t)strlen(xpos);
    assert_true(annals__lemma_room(l, w.form_len) <= sizeof out);
    annals__lemmatize(l, &w, out);
    if (w.lemma_len != strlen(lemma) || memcmp(w.lemma, lemma, w.lemma_len) != 0)
        fail_msg("%s %s: lemma \"%.*s\", expected \"%s\"", form, xpos, (int)w.lemma_len, w.lemma,
                 lemma);
    annals__lemmatizer_free(l);
    annals__model_free(&m);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

static void test_unseen_irregular_form_takes_its_exception(void **state)
{
    (void)state;
    expect_lemma("wordnet.model", "froze", "VBD", "freeze");
    expect_lemma("wordnet.model", "Froze", "VBD", "freeze");
    expect_lemma("wordnet.model", "mice", "NNS", "mouse");
    /* each tag class reads its own list */
    expect_lemma("wordnet.model", "worse", "JJR", "bad");
    expect_lemma("wordnet.model", "worse", "RBR", "badly");
}

static void test_detachment_needs_a_wordnet_lemma(void **state)
{
    (void)state;
    expect_lemma("wordnet.model", "shelled", "VBD", "shell");
    expect_lemma("wordnet.model", "SHELLED", "VBN", "shell");
    /* "-s" would give "buse", not a WordNet noun; "-ses" -> "s" gives one */
    expect_lemma("wordnet.model", "buses", "NNS", "bus");
    /* no rule gives a WordNet verb: the learned "-ed" script decides */
    expect_lemma("wordnet.model", "blorped", "VBD", "blorp");
}

static void test_form_seen_in_training_keeps_its_lemma(void **state)
{
    (void)state;
    expect_lemma("wordnet.model", "bases", "NNS", "basis");
    expect_lemma("wordnet.model", "attacked", "VBD", "attack");
}

static void test_learned_lemma_unknown_to_wordnet_yields_to_its_exception(void **state)
{
    (void)state;
    expect_lemma("wordnet.model", "fled", "VBD", "flee");
    expect_lemma("plain.model", "fled", "VBD", "flead");
}

static void test_model_without_wordnet_keeps_learned_guesses(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_model m;
    char path[128], err[256];
    (void)state;
    wn_fixture_path(&fx, "plain.model", path, sizeof path);
    assert_int_equal(annals__model_load(&a, path, &m, err, sizeof err), ANNALS_OK);
    assert_null(annals__model_find(&m, "WNEX"));
    assert_null(annals__model_find(&m, "WNLM"));
    annals__model_free(&m);
    /* the learned "-s" script, not WordNet's "-ses" */
    expect_lemma("plain.model", "buses", "NNS", "buse");
    expect_lemma("plain.model", "bases", "NNS", "basis");
}

static void test_missing_wordnet_file_is_an_error(void **state)
{
    struct annals_train_options o;
    char missing[128];
    (void)state;
    wn_fixture_path(&fx, "no-such-dir", missing, sizeof missing);
    memset(&o, 0, sizeof o);
    o.type = ANNALS_MODEL_LEMMATIZER;
    o.wordnet_path = missing;
    wn_fixture_train_fails(&fx, &o, "noun.exc");
}

/* A LEM1 model of one script "0|0|", an empty LEXS and the WordNet
** sections given (NULL: absent), opened through a checking allocator. */
static int open_sections(const unsigned char *wnex, size_t nx, const unsigned char *wnlm,
                         size_t nl, char *err, size_t errlen)
{
    static const unsigned char labl[] = {1, 0, 0, 0, 4, 0, '0', '|', '0', '|'};
    static const unsigned char lexs[] = {0, 0, 0, 0};
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_model m;
    struct lemmatizer *l = NULL;
    int rc;
    memset(&m, 0, sizeof m);
    memcpy(m.kind, "LEM1", 4);
    m.sec[m.n_sections++] = (struct model_section){{'L', 'A', 'B', 'L'}, 0, 0, labl, 10, 0};
    m.sec[m.n_sections++] = (struct model_section){{'L', 'E', 'X', 'S'}, 0, 0, lexs, 4, 0};
    if (wnex != NULL)
        m.sec[m.n_sections++] = (struct model_section){{'W', 'N', 'E', 'X'}, 0, 0, wnex, nx, 0};
    if (wnlm != NULL)
        m.sec[m.n_sections++] = (struct model_section){{'W', 'N', 'L', 'M'}, 0, 0, wnlm, nl, 0};
    rc = annals__lemmatizer_open(&a, &m, &l, err, errlen);
    annals__lemmatizer_free(l);
    assert_int_equal(t.live, 0);
    return rc;
}

static void test_damaged_wordnet_sections_are_refused(void **state)
{
    /* little-endian: n, then keys (and scripts) */
    static const unsigned char lemmas[] = {2, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0,
                                           9, 0, 0, 0, 0, 0, 0, 0};
    static const unsigned char unsorted[] = {2, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0,
                                             5, 0, 0, 0, 0, 0, 0, 0};
    static const unsigned char bad_script[] = {1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
    char err[256];
    (void)state;
    assert_int_equal(open_sections(NULL, 0, lemmas, sizeof lemmas, err, sizeof err), ANNALS_OK);
    assert_int_equal(open_sections(NULL, 0, lemmas, sizeof lemmas - 1, err, sizeof err),
                     ANNALS_EMODEL);
    assert_non_null(strstr(err, "section WNLM: 2 entries do not fit 15 bytes"));
    assert_int_equal(open_sections(NULL, 0, unsorted, sizeof unsorted, err, sizeof err),
                     ANNALS_EMODEL);
    assert_non_null(strstr(err, "not strictly ascending"));
    assert_int_equal(open_sections(bad_script, sizeof bad_script, NULL, 0, err, sizeof err),
                     ANNALS_EMODEL);
    assert_non_null(strstr(err, "section WNEX: entry 0: script out of range"));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unseen_irregular_form_takes_its_exception),
        cmocka_unit_test(test_detachment_needs_a_wordnet_lemma),
        cmocka_unit_test(test_form_seen_in_training_keeps_its_lemma),
        cmocka_unit_test(test_learned_lemma_unknown_to_wordnet_yields_to_its_exception),
        cmocka_unit_test(test_model_without_wordnet_keeps_learned_guesses),
        cmocka_unit_test(test_missing_wordnet_file_is_an_error),
        cmocka_unit_test(test_damaged_wordnet_sections_are_refused),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, setup, teardown);
}
