/* test_tagger.c -- the tagger's WordNet classes, from a tagger trained on a
** few invented sentences with a small invented WordNet directory: a word's
** own entries (part of speech, capitals, irregular forms), the inflections
** WordNet's detachment rules reach (with a doubled consonant), the part
** after a hyphen, and nothing for a word WordNet lacks; a tagger trained
** without WordNet has no such features.  The right-to-left model: atoms
** read backwards, and a tagger trained with one stores and uses it. */
#include "unit.h"

#include "model.h"
#include "tagger.h"
#include "wordnet_fixture.h"

#define W(id, form, lemma, upos, xpos, head, rel) \
    id "\t" form "\t" lemma "\t" upos "\t" xpos "\t_\t" head "\t" rel "\t_\t_\n"

static const char CORPUS[] =
    W("1", "Rebels", "rebel", "NOUN", "NNS", "2", "nsubj")
    W("2", "shelled", "shell", "VERB", "VBD", "0", "root")
    W("3", "the", "the", "DET", "DT", "4", "det")
    W("4", "port", "port", "NOUN", "NN", "2", "obj") "\n";

/* WordNet's layouts: data lines "offset lexfile type count word lexid ...
** | gloss" (licence lines start with spaces; an adjective may carry a
** marker such as "(p)"), exception lines "form lemma". */
static const struct wn_file WORDNET[] = {
    {"data.noun", "  1 invented licence line\n"
                  "00000001 15 n 02 Tarvona 0 tarvona 0 000 | an invented port\n"
                  "00000002 04 n 01 march 0 000 | a walk\n"
                  "00000003 04 n 01 goose 0 000 | a bird\n"},
    {"data.verb", "00000004 38 v 02 march 0 stop 0 000 | to walk\n"},
    {"data.adj", "00000005 00 s 01 careful(p) 0 000 | taking care\n"},
    {"data.adv", "00000006 02 r 01 soon 0 000 | before long\n"},
    {"noun.exc", "geese goose\n"},
    {"verb.exc", ""},
    {"adj.exc", ""},
    {"adv.exc", ""},
};

static struct wn_fixture fx;

static int setup(void **state)
{
    (void)state;
    return wn_fixture_open(&fx, CORPUS, WORDNET, sizeof WORDNET / sizeof *WORDNET, ANNALS_MODEL_TAGGER, 2);
}

static int teardown(void **state)
{
    (void)state;
    wn_fixture_close(&fx);
    return 0;
}

/* The WordNet class the tagger of model name gives form, through a
** checking allocator that must end with nothing live. */
static uint32_t class_of(const char *name, const char *form)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_model m;
    struct tagger *tg;
    struct syn_word w;
    struct tg_atoms at;
    char path[128], err[256];
    wn_fixture_path(&fx, name, path, sizeof path);
    if (annals__model_load(&a, path, &m, err, sizeof err) != ANNALS_OK ||
        annals__tagger_open(&a, &m, &tg, err, sizeof err) != ANNALS_OK)
        fail_msg("%s: %s", name, err);
    memset(&w, 0, sizeof w);
    w.form = form;
    w.form_len = (uint32_t)strlen(form);
    annals__tg_atoms(tg, &w, 1, &at);
    annals__tagger_free(tg);
    annals__model_free(&m);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
    return at.wn;
}

static void test_own_entries(void **state)
{
    (void)state;
    assert_int_equal(class_of("wordnet.model", "Tarvona"),
                     TG_WN_NOUN | TG_WN_CAPITAL | TG_WN_LOWER | TG_WN_LOOKED);
    assert_int_equal(class_of("wordnet.model", "march"),
                     TG_WN_NOUN | TG_WN_VERB | TG_WN_LOWER | TG_WN_LOOKED);
    /* the marker "(p)" is not part of the word */
    assert_int_equal(class_of("wordnet.model", "Careful"), TG_WN_ADJ | TG_WN_LOWER | TG_WN_LOOKED);
    assert_int_equal(class_of("wordnet.model", "geese"), TG_WN_EXC_NOUN | TG_WN_LOOKED);
}

static void test_inflections(void **state)
{
    (void)state;
    assert_int_equal(class_of("wordnet.model", "marches"),
                     TG_WN_PLURAL | TG_WN_3SG | TG_WN_LOOKED);
    assert_int_equal(class_of("wordnet.model", "marching"), TG_WN_GERUND | TG_WN_LOOKED);
    assert_int_equal(class_of("wordnet.model", "stopped"), TG_WN_PAST | TG_WN_LOOKED);
    assert_int_equal(class_of("wordnet.model", "geeses"), TG_WN_LOOKED);
}

static void test_hyphen_and_unknown(void **state)
{
    (void)state;
    assert_int_equal(class_of("wordnet.model", "over-careful"),
                     TG_WN_ADJ | TG_WN_LOWER | TG_WN_HYPHEN | TG_WN_LOOKED);
    assert_int_equal(class_of("wordnet.model", "Zelmar"), TG_WN_LOOKED);
    /* too long to look up, but still looked at */
    assert_int_equal(class_of("wordnet.model",
                              "marchmarchmarchmarchmarchmarchmarchmarchmarchmarchmarchmarch"),
                     TG_WN_LOOKED);
}

static void test_without_wordnet(void **state)
{
    (void)state;
    assert_int_equal(class_of("plain.model", "march"), 0);
}

static void test_mirrored_atoms_move_the_first_word_flag(void **state)
{
    struct tg_atoms a[3], r[3];
    (void)state;
    memset(a, 0, sizeof a);
    for (int i = 0; i < 3; i++)
        a[i].w = (uint64_t)(10 + i);
    a[0].flags = TG_FLAG_FIRST | 2;
    a[2].flags = 4;
    annals__tg_mirror(a, 3, r);
    assert_int_equal(r[0].w, 12);
    assert_int_equal(r[1].w, 11);
    assert_int_equal(r[2].w, 10);
    assert_int_equal(r[0].flags, TG_FLAG_FIRST | 4);
    assert_int_equal(r[2].flags, 2);
}

/* A tagger trained with a right-to-left model keeps it in section WGRL
** with its margin in FEAT, loads it, and retags with it the words whose
** margin is below (here every word) without losing the training tags. */
static void test_right_to_left_model_is_kept_and_used(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_train_options o;
    struct annals_model m;
    struct syn_scratch sc;
    struct syn_word w[4];
    const char *forms[] = {"Rebels", "shelled", "the", "port"};
    const char *xpos[] = {"NNS", "VBD", "DT", "NN"};
    struct tagger *tg;
    char out[128], err[256];
    size_t vlen;
    (void)state;
    memset(&o, 0, sizeof o);
    o.type = ANNALS_MODEL_TAGGER;
    o.epochs = 3;
    o.right_to_left_below = 1e6;
    wn_fixture_train_opts(&fx, "both.model", &o);
    wn_fixture_path(&fx, "both.model", out, sizeof out);
    if (annals__model_load(&a, out, &m, err, sizeof err) != ANNALS_OK ||
        annals__tagger_open(&a, &m, &tg, err, sizeof err) != ANNALS_OK)
        fail_msg("%s", err);
    assert_non_null(annals__model_find(&m, "WGRL"));
    assert_non_null(annals__model_kv(annals__model_find(&m, "FEAT"), "right_to_left_below", &vlen));
    assert_true(tg->rtl_below > 1e5 && tg->rtl.n_feats > 0);
    memset(w, 0, sizeof w);
    for (int i = 0; i < 4; i++) {
        w[i].form = forms[i];
        w[i].form_len = (uint32_t)strlen(forms[i]);
    }
    annals__scratch_init(&sc, &a);
    assert_int_equal(annals__tagger_tag(tg, w, 4, &sc), ANNALS_OK);
    for (int i = 0; i < 4; i++)
        assert_memory_equal(w[i].xpos, xpos[i], strlen(xpos[i]));
    annals__scratch_free(&sc);
    annals__tagger_free(tg);
    annals__model_free(&m);
    remove(out);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

/* Training stops with an error naming the file, leaving nothing allocated
** and writing no model, when the development file or the WordNet directory
** is missing. */
static void train_fails(const char *dev, const char *wordnet, const char *named)
{
    struct annals_train_options o;
    memset(&o, 0, sizeof o);
    o.type = ANNALS_MODEL_TAGGER;
    o.dev_path = dev;
    o.wordnet_path = wordnet;
    wn_fixture_train_fails(&fx, &o, named);
}

static void test_missing_files_are_errors(void **state)
{
    char missing[128];
    (void)state;
    wn_fixture_path(&fx, "no-such-dir", missing, sizeof missing);
    train_fails(missing, fx.wndir, "no-such-dir");
    train_fails(NULL, missing, "data.noun");
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_entries),
        cmocka_unit_test(test_inflections),
        cmocka_unit_test(test_hyphen_and_unknown),
        cmocka_unit_test(test_without_wordnet),
        cmocka_unit_test(test_missing_files_are_errors),
        cmocka_unit_test(test_mirrored_atoms_move_the_first_word_flag),
        cmocka_unit_test(test_right_to_left_model_is_kept_and_used),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, setup, teardown);
}
