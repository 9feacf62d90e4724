/* wordnet_fixture.h -- a temporary directory for the tests of the trainers
** that read WordNet (--wordnet DIR): a training corpus, a small invented
** WordNet directory beside it, the models trained from them, and their
** removal.  Include after unit.h. */
#ifndef ANNALS_WORDNET_FIXTURE_H
#define ANNALS_WORDNET_FIXTURE_H

#include <sys/stat.h>
#include <unistd.h>

struct wn_file {
    const char *name, *text;
};

struct wn_fixture {
    char dir[64];               /* the corpus (train.conllu) and the models */
    char wndir[96];             /* dir/wordnet */
    const struct wn_file *files;
    size_t n_files;
};

static inline void wn_write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(s, 1, strlen(s), f), strlen(s));
    fclose(f);
}

/* path = fx->dir/name */
static inline void wn_fixture_path(const struct wn_fixture *fx, const char *name, char *path,
                                   size_t n)
{
    snprintf(path, n, "%s/%s", fx->dir, name);
}

/* Make the directory with corpus as train.conllu and files[0..n) in its
** WordNet directory; -1 when it cannot be made. */
static inline int wn_fixture_make(struct wn_fixture *fx, const char *corpus,
                                  const struct wn_file *files, size_t n)
{
    char path[160];
    strcpy(fx->dir, "/tmp/annals-test-XXXXXX");
    if (mkdtemp(fx->dir) == NULL)
        return -1;
    snprintf(fx->wndir, sizeof fx->wndir, "%s/wordnet", fx->dir);
    if (mkdir(fx->wndir, 0700) != 0)
        return -1;
    fx->files = files;
    fx->n_files = n;
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", fx->wndir, files[i].name);
        wn_write_file(path, files[i].text);
    }
    wn_fixture_path(fx, "train.conllu", path, sizeof path);
    wn_write_file(path, corpus);
    return 0;
}

/* Train a model as options o say (type, epochs, ...) from the corpus into
** dir/name, through a checking allocator that must end with nothing live;
** the trainer's code, its message in err. */
static inline int wn_fixture_run(const struct wn_fixture *fx, const char *name,
                                 struct annals_train_options *o, char *err, size_t errlen)
{
    struct test_alloc t = {0};
    struct annals_options po;
    annals_pipeline *p;
    char in[128], out[128];
    int rc;
    annals_options_init(&po);
    po.alloc = test_alloc_fn;
    po.alloc_ud = &t;
    assert_int_equal(annals_pipeline_open(&po, &p, err, errlen), ANNALS_OK);
    wn_fixture_path(fx, "train.conllu", in, sizeof in);
    wn_fixture_path(fx, name, out, sizeof out);
    o->train_path = in;
    o->out_path = out;
    rc = annals_train(p, o, err, errlen);
    annals_pipeline_close(p);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
    return rc;
}

/* ... which must succeed. */
static inline void wn_fixture_train_opts(const struct wn_fixture *fx, const char *name,
                                         struct annals_train_options *o)
{
    char err[256];
    if (wn_fixture_run(fx, name, o, err, sizeof err) != ANNALS_OK)
        fail_msg("training %s: %s", name, err);
}

/* ... which must stop with an input error naming named and write no model. */
static inline void wn_fixture_train_fails(const struct wn_fixture *fx,
                                          struct annals_train_options *o, const char *named)
{
    char out[128], err[256];
    assert_int_equal(wn_fixture_run(fx, "never.model", o, err, sizeof err), ANNALS_EIO);
    assert_non_null(strstr(err, named));
    wn_fixture_path(fx, "never.model", out, sizeof out);
    assert_int_equal(access(out, F_OK), -1);
}

/* Train a model of type (ANNALS_MODEL_*) from the corpus into dir/name,
** with the WordNet directory when wordnet is set; epochs 0: the default. */
static inline void wn_fixture_train(const struct wn_fixture *fx, int type, const char *name,
                                    int wordnet, int epochs)
{
    struct annals_train_options o;
    memset(&o, 0, sizeof o);
    o.type = type;
    o.epochs = epochs;
    o.wordnet_path = wordnet ? fx->wndir : NULL;
    wn_fixture_train_opts(fx, name, &o);
}

/* Remove the WordNet files, the corpus, the n files names[] of dir (the
** models) and both directories. */
static inline void wn_fixture_remove(const struct wn_fixture *fx, const char *const *names,
                                     size_t n)
{
    char path[160];
    for (size_t i = 0; i < fx->n_files; i++) {
        snprintf(path, sizeof path, "%s/%s", fx->wndir, fx->files[i].name);
        remove(path);
    }
    rmdir(fx->wndir);
    wn_fixture_path(fx, "train.conllu", path, sizeof path);
    remove(path);
    for (size_t i = 0; i < n; i++) {
        wn_fixture_path(fx, names[i], path, sizeof path);
        remove(path);
    }
    rmdir(fx->dir);
}

/* The usual setup: the directory, then a model of type trained with the
** WordNet directory (dir/wordnet.model) and one without (dir/plain.model). */
static inline int wn_fixture_open(struct wn_fixture *fx, const char *corpus,
                                  const struct wn_file *files, size_t n, int type, int epochs)
{
    if (wn_fixture_make(fx, corpus, files, n) != 0)
        return -1;
    wn_fixture_train(fx, type, "wordnet.model", 1, epochs);
    wn_fixture_train(fx, type, "plain.model", 0, epochs);
    return 0;
}

/* ... and its teardown. */
static inline void wn_fixture_close(const struct wn_fixture *fx)
{
    const char *names[] = {"wordnet.model", "plain.model"};
    wn_fixture_remove(fx, names, sizeof names / sizeof *names);
}

#endif /* ANNALS_WORDNET_FIXTURE_H */
