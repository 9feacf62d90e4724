/* test_clusters.c -- word clusters trained on invented text: words used in
** the same places share a cluster, the lookup ignores case, training is
** deterministic and frees what it takes, a tagger trained with the clusters
** carries them and still tags its training data, and a damaged word table
** is refused. */
#include "unit.h"

#include <stdio.h>
#include <unistd.h>

#include "clusters.h"
#include "model.h"
#include "syntax.h"

/* Animals do things; people say things.  Each word occurs at least three
** times, so every word is clustered. */
static const char TEXT[] =
    "the cat sleeps\nthe dog sleeps\nthe bird sleeps\n"
    "the cat eats\nthe dog eats\nthe bird eats\n"
    "the cat runs\nthe dog runs\nthe bird runs\n"
    "she said yes\nhe said no\nshe said no\nhe said yes\nshe said yes\nhe said no\n";

#define W(id, form, upos, xpos, head, rel) \
    id "\t" form "\t_\t" upos "\t" xpos "\t_\t" head "\t" rel "\t_\t_\n"

static const char CORPUS[] =
    W("1", "the", "DET", "DT", "2", "det") W("2", "cat", "NOUN", "NN", "3", "nsubj")
    W("3", "sleeps", "VERB", "VBZ", "0", "root") "\n"
    W("1", "the", "DET", "DT", "2", "det") W("2", "bird", "NOUN", "NN", "3", "nsubj")
    W("3", "eats", "VERB", "VBZ", "0", "root") "\n"
    W("1", "she", "PRON", "PRP", "2", "nsubj") W("2", "said", "VERB", "VBD", "0", "root")
    W("3", "no", "INTJ", "UH", "2", "obj") "\n";

static char dir[64];

static void path_of(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", dir, name);
}

static void write_file(const char *name, const char *s, size_t n)
{
    char path[128];
    FILE *f;
    path_of(path, sizeof path, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(s, 1, n, f), n);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/annals-test-XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    write_file("text.txt", TEXT, sizeof TEXT - 1);
    write_file("train.conllu", CORPUS, sizeof CORPUS - 1);
    return 0;
}

static int teardown(void **state)
{
    const char *names[] = {"text.txt", "train.conllu", "a.model", "b.model", "tagger.model"};
    char path[128];
    (void)state;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        path_of(path, sizeof path, names[i]);
        remove(path);
    }
    rmdir(dir);
    return 0;
}

/* Train clusters (n of them) from TEXT into name, through a checking
** allocator that must end with nothing live. */
static void train_clusters(const char *name, int n)
{
    struct test_alloc t = {0};
    struct annals_options po;
    struct annals_train_options o;
    annals_pipeline *p;
    char in[128], out[128], err[256];
    annals_options_init(&po);
    po.alloc = test_alloc_fn;
    po.alloc_ud = &t;
    assert_int_equal(annals_pipeline_open(&po, &p, err, sizeof err), ANNALS_OK);
    memset(&o, 0, sizeof o);
    path_of(in, sizeof in, "text.txt");
    path_of(out, sizeof out, name);
    o.type = ANNALS_MODEL_CLUSTERS;
    o.train_path = in;
    o.out_path = out;
    o.clusters = n;
    if (annals_train(p, &o, err, sizeof err) != ANNALS_OK)
        fail_msg("training clusters: %s", err);
    annals_pipeline_close(p);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

static void test_one_cluster_is_refused(void **state)
{
    struct annals_train_options o;
    annals_pipeline *p;
    char in[128], out[128], err[256];
    (void)state;
    assert_int_equal(annals_pipeline_open(NULL, &p, err, sizeof err), ANNALS_OK);
    memset(&o, 0, sizeof o);
    path_of(in, sizeof in, "text.txt");
    path_of(out, sizeof out, "b.model");
    o.type = ANNALS_MODEL_CLUSTERS;
    o.train_path = in;
    o.out_path = out;
    o.clusters = 1;
    assert_int_equal(annals_train(p, &o, err, sizeof err), ANNALS_EINVAL);
    assert_non_null(strstr(err, "2 to 65535"));
    annals_pipeline_close(p);
}

static int32_t cluster_of(const struct clusters *cl, const char *word)
{
    return annals__clusters_find(cl, annals__hash_lower(word, strlen(word)));
}

static void test_words_of_the_same_places_share_a_cluster(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_model m;
    struct clusters *cl;
    char path[128], err[256];
    (void)state;
    train_clusters("a.model", 4);
    path_of(path, sizeof path, "a.model");
    assert_int_equal(annals__model_load(&a, path, &m, err, sizeof err), ANNALS_OK);
    assert_int_equal(annals__clusters_model_open(&a, &m, &cl, err, sizeof err), ANNALS_OK);
    annals__model_free(&m);
    assert_int_equal(cl->paths.n, 4);
    assert_true(cluster_of(cl, "cat") >= 0);
    assert_int_equal(cluster_of(cl, "cat"), cluster_of(cl, "dog"));
    assert_int_equal(cluster_of(cl, "cat"), cluster_of(cl, "Bird"));
    assert_int_equal(cluster_of(cl, "sleeps"), cluster_of(cl, "RUNS"));
    assert_int_equal(cluster_of(cl, "yes"), cluster_of(cl, "no"));
    assert_int_not_equal(cluster_of(cl, "cat"), cluster_of(cl, "sleeps"));
    assert_int_not_equal(cluster_of(cl, "cat"), cluster_of(cl, "yes"));
    assert_int_equal(cluster_of(cl, "giraffe"), -1);
    annals__clusters_free(cl);
    assert_int_equal(t.live, 0);
}

static void test_clustering_is_deterministic(void **state)
{
    char a[128], b[128];
    (void)state;
    train_clusters("a.model", 3);
    train_clusters("b.model", 3);
    path_of(a, sizeof a, "a.model");
    path_of(b, sizeof b, "b.model");
    assert_same_file(a, b);
}

static void collect(void *ud, const char *s, size_t n)
{
    strncat((char *)ud, s, n < 200 ? n : 200);
}

/* Load the tagger at path and tag a sentence made of training words. */
static void tag_with(const char *path)
{
    static const char *const forms[] = {"the", "dog", "eats"};
    static const char *const want[] = {"DT", "NN", "VBZ"};
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_model m;
    struct tagger *tg;
    struct syn_scratch s;
    struct syn_word w[3];
    char err[256];
    assert_int_equal(annals__model_load(&a, path, &m, err, sizeof err), ANNALS_OK);
    assert_int_equal(annals__tagger_open(&a, &m, &tg, err, sizeof err), ANNALS_OK);
    annals__model_free(&m);
    memset(w, 0, sizeof w);
    for (int i = 0; i < 3; i++) {
        w[i].form = forms[i];
        w[i].form_len = strlen(forms[i]);
    }
    annals__scratch_init(&s, &a);
    assert_int_equal(annals__tagger_tag(tg, w, 3, &s), ANNALS_OK);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(w[i].xpos_len, strlen(want[i]));
        assert_memory_equal(w[i].xpos, want[i], w[i].xpos_len);
    }
    annals__scratch_free(&s);
    annals__tagger_free(tg);
    assert_int_equal(t.live, 0);
}

static void test_tagger_carries_its_clusters(void **state)
{
    struct annals_train_options o;
    annals_pipeline *p;
    char in[128], out[128], cl[128], err[256], *text = calloc(1, 1 << 16);
    (void)state;
    train_clusters("a.model", 4);
    assert_int_equal(annals_pipeline_open(NULL, &p, err, sizeof err), ANNALS_OK);
    memset(&o, 0, sizeof o);
    path_of(in, sizeof in, "train.conllu");
    path_of(out, sizeof out, "tagger.model");
    path_of(cl, sizeof cl, "a.model");
    o.type = ANNALS_MODEL_TAGGER;
    o.train_path = in;
    o.dev_path = in;
    o.out_path = out;
    o.clusters_path = cl;
    o.seed = 3;
    o.epochs = 5;
    if (annals_train(p, &o, err, sizeof err) != ANNALS_OK)
        fail_msg("training the tagger: %s", err);
    assert_int_equal(annals_model_dump(p, out, collect, text, err, sizeof err), ANNALS_OK);
    assert_non_null(strstr(text, "section CLBL"));
    assert_non_null(strstr(text, "section WCLS"));
    assert_non_null(strstr(text, ",c4,"));
    annals_pipeline_close(p);
    free(text);
    tag_with(out);
}

/* A WCLS section of two entries (key, cluster) over the bit strings "0"
** and "1", little-endian as in docs/MODEL-FORMAT.md. */
static int open_two(uint64_t k1, uint16_t c1, uint64_t k2, uint16_t c2, char *err, size_t n)
{
    static const unsigned char paths[] = {2, 0, 0, 0, 1, 0, '0', 1, 0, '1'};
    unsigned char words[4 + 2 * 10] = {2, 0, 0, 0};
    struct model_section ps = {{'L', 'A', 'B', 'L'}, 0, 0, paths, sizeof paths, 0};
    struct model_section ws = {{'W', 'C', 'L', 'S'}, 0, 0, words, sizeof words, 0};
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct clusters *cl = NULL;
    uint64_t key[2] = {k1, k2};
    uint16_t cluster[2] = {c1, c2};
    int rc;
    for (int e = 0; e < 2; e++)
        for (int b = 0; b < 10; b++)
            words[4 + 10 * e + b] = (unsigned char)(b < 8 ? key[e] >> (8 * b)
                                                          : (uint64_t)cluster[e] >> (8 * (b - 8)));
    rc = annals__clusters_open(&a, &ps, &ws, &cl, err, n);
    annals__clusters_free(cl);
    assert_int_equal(t.live, 0);
    return rc;
}

static void test_damaged_word_table_is_refused(void **state)
{
    char err[256];
    (void)state;
    assert_int_equal(open_two(5, 0, 9, 1, err, sizeof err), ANNALS_OK);
    assert_int_equal(open_two(5, 0, 9, 2, err, sizeof err), ANNALS_EMODEL);
    assert_non_null(strstr(err, "cluster out of range"));
    assert_int_equal(open_two(9, 0, 5, 1, err, sizeof err), ANNALS_EMODEL);
    assert_non_null(strstr(err, "not strictly ascending"));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_of_the_same_places_share_a_cluster),
        cmocka_unit_test(test_clustering_is_deterministic),
        cmocka_unit_test(test_tagger_carries_its_clusters),
        cmocka_unit_test(test_damaged_word_table_is_refused),
        cmocka_unit_test(test_one_cluster_is_refused),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, setup, teardown);
}
