/* test_syntax.c -- tagger, lemmatiser and parser trained on a few invented
** sentences: training is deterministic, the models load and dump, and they
** reproduce their training data through annals_eval_syntax() and
** annals_annotate(). */
#include "unit.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define W(id, form, lemma, upos, xpos, head, rel) \
    id "\t" form "\t" lemma "\t" upos "\t" xpos "\t_\t" head "\t" rel "\t_\t_\n"

static const char CORPUS[] =
    "# text = Rebels attacked the town.\n"
    W("1", "Rebels", "rebel", "NOUN", "NNS", "2", "nsubj")
    W("2", "attacked", "attack", "VERB", "VBD", "0", "root")
    W("3", "the", "the", "DET", "DT", "4", "det")
    W("4", "town", "town", "NOUN", "NN", "2", "obj")
    W("5", ".", ".", "PUNCT", ".", "2", "punct") "\n"
    "# text = The army attacked rebels.\n"
    W("1", "The", "the", "DET", "DT", "2", "det")
    W("2", "army", "army", "NOUN", "NN", "3", "nsubj")
    W("3", "attacked", "attack", "VERB", "VBD", "0", "root")
    W("4", "rebels", "rebel", "NOUN", "NNS", "3", "obj")
    W("5", ".", ".", "PUNCT", ".", "3", "punct") "\n"
    "# text = Police arrested the leaders.\n"
    W("1", "Police", "police", "NOUN", "NNS", "2", "nsubj")
    W("2", "arrested", "arrest", "VERB", "VBD", "0", "root")
    W("3", "the", "the", "DET", "DT", "4", "det")
    W("4", "leaders", "leader", "NOUN", "NNS", "2", "obj")
    W("5", ".", ".", "PUNCT", ".", "2", "punct") "\n";

static char dir[64];

static void path_of(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", dir, name);
}

static void train_opts(annals_pipeline *p, int type, const char *name,
                       const struct annals_train_options *given)
{
    struct annals_train_options o = *given;
    char in[128], out[128], err[256];
    path_of(in, sizeof in, "train.conllu");
    path_of(out, sizeof out, name);
    o.type = type;
    o.train_path = in;
    o.dev_path = in;
    o.out_path = out;
    o.seed = 7;
    o.epochs = 5;
    if (annals_train(p, &o, err, sizeof err) != ANNALS_OK)
        fail_msg("training %s: %s", name, err);
}

static void train(annals_pipeline *p, int type, const char *name)
{
    struct annals_train_options o;
    memset(&o, 0, sizeof o);
    train_opts(p, type, name, &o);
}

static int setup(void **state)
{
    char path[128];
    annals_pipeline *p;
    char err[256];
    FILE *f;
    (void)state;
    strcpy(dir, "/tmp/annals-test-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    path_of(path, sizeof path, "train.conllu");
    f = fopen(path, "wb");
    if (f == NULL || fwrite(CORPUS, 1, sizeof CORPUS - 1, f) != sizeof CORPUS - 1)
        return -1;
    fclose(f);
    if (annals_pipeline_open(NULL, &p, err, sizeof err) != ANNALS_OK)
        return -1;
    train(p, ANNALS_MODEL_TAGGER, "tagger.model");
    train(p, ANNALS_MODEL_LEMMATIZER, "lemmatizer.model");
    train(p, ANNALS_MODEL_PARSER, "parser.model");
    annals_pipeline_close(p);
    return 0;
}

static int teardown(void **state)
{
    const char *names[] = {"train.conllu", "tagger.model", "lemmatizer.model", "parser.model",
                           "again.model", "without.model", "beam/tagger.model",
                           "beam/lemmatizer.model", "beam/parser.model"};
    char path[128];
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        path_of(path, sizeof path, names[i]);
        remove(path);
    }
    path_of(path, sizeof path, "beam");
    rmdir(path);
    rmdir(dir);
    return 0;
}

static void test_training_is_deterministic(void **state)
{
    annals_pipeline *p;
    struct annals_train_options o;
    char in[128], a[128], b[128], err[256];
    (void)state;
    assert_int_equal(annals_pipeline_open(NULL, &p, err, sizeof err), ANNALS_OK);
    memset(&o, 0, sizeof o);
    path_of(in, sizeof in, "train.conllu");
    path_of(a, sizeof a, "parser.model");
    path_of(b, sizeof b, "again.model");
    o.type = ANNALS_MODEL_PARSER;
    o.train_path = in;
    o.dev_path = in;
    o.out_path = b;
    o.seed = 7;
    o.epochs = 5;
    assert_int_equal(annals_train(p, &o, err, sizeof err), ANNALS_OK);
    annals_pipeline_close(p);
    assert_same_file(a, b);
}

static void collect(void *ud, const char *s, size_t n)
{
    strncat((char *)ud, s, n < 100 ? n : 100);
}

static void test_dump_describes_model(void **state)
{
    annals_pipeline *p;
    char path[128], err[256];
    char *text = calloc(1, 1 << 16);
    (void)state;
    assert_int_equal(annals_pipeline_open(NULL, &p, err, sizeof err), ANNALS_OK);
    path_of(path, sizeof path, "tagger.model");
    assert_int_equal(annals_model_dump(p, path, collect, text, err, sizeof err), ANNALS_OK);
    assert_non_null(strstr(text, "kind POS1"));
    assert_non_null(strstr(text, "train_file=train.conllu"));
    assert_non_null(strstr(text, "NOUN\tNNS"));
    path_of(path, sizeof path, "train.conllu");
    assert_int_equal(annals_model_dump(p, path, collect, text, err, sizeof err), ANNALS_EMODEL);
    assert_non_null(strstr(err, "not an annals model"));
    annals_pipeline_close(p);
    free(text);
}

static void test_models_reproduce_training_data(void **state)
{
    struct annals_options o;
    struct annals_syntax_scores sc;
    annals_pipeline *p;
    char err[256], *out = NULL;
    size_t out_len = 0;
    (void)state;
    annals_options_init(&o);
    o.model_dir = dir;
    assert_int_equal(annals_pipeline_open(&o, &p, err, sizeof err), ANNALS_OK);
    assert_int_equal(annals_eval_syntax(p, CORPUS, sizeof CORPUS - 1, &sc, &out, &out_len, err,
                                        sizeof err),
                     ANNALS_OK);
    assert_int_equal(sc.sentences, 3);
    assert_int_equal(sc.words, 15);
    assert_true(sc.upos == 100.0);
    assert_true(sc.lemma == 100.0);
    assert_true(sc.las == 100.0);
    assert_non_null(strstr(out, "4\tleaders\tleader\tNOUN\tNNS\t_\t2\tobj\t_\t_\n"));
    annals_free(p, out, out_len + 1);
    annals_pipeline_close(p);
}

static void test_missing_model_is_refused(void **state)
{
    struct annals_options o;
    annals_pipeline *p;
    char err[256];
    (void)state;
    annals_options_init(&o);
    o.model_dir = "/nonexistent-annals-models";
    assert_int_equal(annals_pipeline_open(&o, &p, err, sizeof err), ANNALS_EIO);
    assert_null(p);
    assert_non_null(strstr(err, "tagger.model"));
}

static void test_annotate_fills_word_syntax(void **state)
{
    static const char text[] = "Rebels attacked the town.";
    struct annals_options o;
    struct annals_word_info wi;
    annals_pipeline *p;
    annals_doc *d;
    char err[256];
    int roots = 0;
    (void)state;
    annals_options_init(&o);
    o.model_dir = dir;
    assert_int_equal(annals_pipeline_open(&o, &p, err, sizeof err), ANNALS_OK);
    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, text, sizeof text - 1), ANNALS_OK);
    assert_true(annals_doc_word_count(d) > 0);
    for (size_t i = 0; i < annals_doc_word_count(d); i++) {
        assert_int_equal(annals_doc_word(d, i, &wi), ANNALS_OK);
        assert_non_null(wi.upos);
        assert_non_null(wi.xpos);
        assert_non_null(wi.deprel);
        assert_non_null(wi.lemma);
        assert_true(wi.head >= -1 && wi.head < (long)annals_doc_word_count(d));
        roots += wi.head == -1;
    }
    assert_int_equal(roots, (int)annals_doc_sentence_count(d));
    assert_int_equal(annals_doc_word(d, 1, &wi), ANNALS_OK);
    assert_string_equal(wi.upos, "VERB");
    assert_int_equal(wi.lemma_len, 6);
    assert_memory_equal(wi.lemma, "attack", 6);
    annals_doc_free(d);
    annals_pipeline_close(p);
}

/* LAS of the parser of dir/beam on its training data, with the beam
** width `width` (0: the model's). */
static double beam_las(int width)
{
    struct annals_options o;
    struct annals_syntax_scores sc;
    annals_pipeline *p;
    char models[128], err[256];
    annals_options_init(&o);
    path_of(models, sizeof models, "beam");
    o.model_dir = models;
    o.parse_beam = width;
    assert_int_equal(annals_pipeline_open(&o, &p, err, sizeof err), ANNALS_OK);
    assert_int_equal(annals_eval_syntax(p, CORPUS, sizeof CORPUS - 1, &sc, NULL, NULL, err,
                                        sizeof err),
                     ANNALS_OK);
    annals_pipeline_close(p);
    return sc.las;
}

static void test_beam_settings_are_stored_and_used(void **state)
{
    struct annals_train_options o;
    annals_pipeline *p;
    char path[128], err[256], *text = calloc(1, 1 << 16);
    const char *copy[] = {"tagger.model", "lemmatizer.model"};
    (void)state;
    path_of(path, sizeof path, "beam");
    assert_int_equal(mkdir(path, 0700), 0);
    for (size_t i = 0; i < 2; i++) {
        char from[128], to[128];
        path_of(from, sizeof from, copy[i]);
        snprintf(to, sizeof to, "%s/beam/%s", dir, copy[i]);
        assert_int_equal(link(from, to), 0);
    }
    assert_int_equal(annals_pipeline_open(NULL, &p, err, sizeof err), ANNALS_OK);
    memset(&o, 0, sizeof o);
    o.beam = 3;
    o.beam_temperature = 4;
    o.beam_drop = 2.5;
    train_opts(p, ANNALS_MODEL_PARSER, "beam/parser.model", &o);
    path_of(path, sizeof path, "beam/parser.model");
    assert_int_equal(annals_model_dump(p, path, collect, text, err, sizeof err), ANNALS_OK);
    assert_non_null(strstr(text, "beam=3\n"));
    assert_non_null(strstr(text, "beam_temperature=4\n"));
    assert_non_null(strstr(text, "beam_drop=2.5\n"));
    annals_pipeline_close(p);
    free(text);
    /* the model's beam, the widest, and greedy parsing all parse what
    ** they were trained on */
    assert_true(beam_las(0) == 100.0);
    assert_true(beam_las(ANNALS_MAX_BEAM) == 100.0);
    assert_true(beam_las(1) == 100.0);
}

static void collect_whole(void *ud, const char *s, size_t n)
{
    size_t have = strlen((char *)ud);
    if (have + n < 1 << 16)
        memcpy((char *)ud + have, s, n);
}

/* A parser trained without some templates leaves them out of its FEAT (and
** so never computes their features); an unknown name is refused. */
static void test_parser_trains_without_named_templates(void **state)
{
    struct annals_train_options o;
    annals_pipeline *p;
    char path[128], out[128], err[256], *text = calloc(1, 1 << 16);
    const char *list;
    (void)state;
    assert_non_null(text);
    assert_int_equal(annals_pipeline_open(NULL, &p, err, sizeof err), ANNALS_OK);
    memset(&o, 0, sizeof o);
    o.without_templates = "s0w,b0p.b1p";
    train_opts(p, ANNALS_MODEL_PARSER, "without.model", &o);
    path_of(path, sizeof path, "without.model");
    assert_int_equal(annals_model_dump(p, path, collect_whole, text, err, sizeof err), ANNALS_OK);
    list = strstr(text, "templates=");
    assert_non_null(list);
    assert_true(strncmp(list, "templates=s0p,", 14) == 0);
    assert_null(strstr(list, ",b0p.b1p,"));
    assert_non_null(strstr(list, ",b0p.b1p.b2p,"));
    /* an unknown name stops training before the model is written */
    remove(path);
    path_of(path, sizeof path, "train.conllu");
    path_of(out, sizeof out, "without.model");
    o.type = ANNALS_MODEL_PARSER;
    o.train_path = path;
    o.out_path = out;
    o.without_templates = "s0w,no.such.template";
    assert_int_equal(annals_train(p, &o, err, sizeof err), ANNALS_EINVAL);
    assert_non_null(strstr(err, "\"no.such.template\""));
    assert_int_equal(access(out, F_OK), -1);
    annals_pipeline_close(p);
    free(text);
}

static void test_beam_options_are_checked(void **state)
{
    const struct {
        int width;
        double temperature, drop;
    } bad[] = {{-1, 0, 0}, {ANNALS_MAX_BEAM + 1, 0, 0}, {2, -1, 0}, {2, 0, -0.5}};
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct annals_options o;
        annals_pipeline *p;
        char err[256];
        annals_options_init(&o);
        o.parse_beam = bad[i].width;
        o.parse_beam_temperature = bad[i].temperature;
        o.parse_beam_drop = bad[i].drop;
        assert_int_equal(annals_pipeline_open(&o, &p, err, sizeof err), ANNALS_EINVAL);
        assert_null(p);
        assert_non_null(strstr(err, "parse_beam"));
    }
    /* nor does training write a model that would be refused */
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct annals_train_options t;
        annals_pipeline *p;
        char in[128], out[128], err[256];
        assert_int_equal(annals_pipeline_open(NULL, &p, err, sizeof err), ANNALS_OK);
        memset(&t, 0, sizeof t);
        path_of(in, sizeof in, "train.conllu");
        path_of(out, sizeof out, "again.model");
        t.type = ANNALS_MODEL_PARSER;
        t.train_path = in;
        t.out_path = out;
        t.beam = bad[i].width;
        t.beam_temperature = bad[i].temperature;
        t.beam_drop = bad[i].drop;
        assert_int_equal(annals_train(p, &t, err, sizeof err), ANNALS_EINVAL);
        assert_non_null(strstr(err, "beam"));
        annals_pipeline_close(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_training_is_deterministic),
        cmocka_unit_test(test_dump_describes_model),
        cmocka_unit_test(test_models_reproduce_training_data),
        cmocka_unit_test(test_missing_model_is_refused),
        cmocka_unit_test(test_annotate_fills_word_syntax),
        cmocka_unit_test(test_beam_settings_are_stored_and_used),
        cmocka_unit_test(test_beam_options_are_checked),
        cmocka_unit_test(test_parser_trains_without_named_templates),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
