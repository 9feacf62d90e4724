/* syntax.h -- the statistical core: part-of-speech tagger, lemmatiser and
** dependency parser, their models and their trainers.
**
** All three work on an array of struct syn_word (one sentence, syntactic
** words in order): the tagger fills tag/upos/xpos, the lemmatiser lemma, the
** parser head/deprel.  Models are read-only after loading and may be shared
** by threads; all mutable state is in a struct syn_scratch owned by the
** caller.  Algorithms and features: docs/SYNTAX.md. */
#ifndef ANNALS_SYNTAX_H
#define ANNALS_SYNTAX_H

#include "conllu.h"
#include "percep.h"

/* Longest sentence the parser and tagger accept (words). */
#define SYN_MAX_WORDS 1000
/* Longest word form the lemmatiser changes (bytes); longer forms are their
** own lemma. */
#define SYN_MAX_FORM 256

struct syn_word {
    const char *form;           /* not NUL-terminated */
    uint32_t form_len;
    uint16_t tag;               /* tagger label */
    const char *upos, *xpos;    /* into the tagger model */
    uint16_t upos_len, xpos_len;
    uint64_t tag_hash;          /* hash of "UPOS\tXPOS", read by the parser */
    uint64_t cluster[2];        /* the tagger's word cluster, as hashes of its
                                   4-bit and 10-bit prefixes (0: none), read
                                   by the parser */
    uint64_t alt_hash;          /* hash of the tagger's second-best label (0:
                                   none), read by the parser */
    float tag_margin;           /* best label's score minus the second's;
                                   FLT_MAX for words tagged from the lexicon */
    const char *lemma;          /* caller's storage or the form itself */
    uint32_t lemma_len;
    int32_t head;               /* 0 = root, else 1-based word index */
    uint16_t deprel;            /* parser label */
    const char *deprel_s;       /* into the parser model */
    uint16_t deprel_len;
};

/* A label set (LABL section): n strings kept in one block. */
struct labelset {
    uint32_t n;
    const char **s;
    uint16_t *len;
    char *block;
    size_t block_len;
};

ANNALS_INTERNAL int annals__labels_load(const struct annals_alloc *a,
                                        const struct model_section *sec,
                                        struct labelset *ls, char *err, size_t errlen);
ANNALS_INTERNAL int annals__labels_save(const struct labelset *ls, struct annals_buf *b);
ANNALS_INTERNAL void annals__labels_free(const struct annals_alloc *a, struct labelset *ls);
/* Build a sorted label set from n strings (duplicates merged). */
ANNALS_INTERNAL int annals__labels_build(const struct annals_alloc *a,
                                         const struct conllu_str *s, size_t n,
                                         struct labelset *ls);
/* Index of s in ls, or -1. */
ANNALS_INTERNAL int annals__labels_find(const struct labelset *ls, const char *s, size_t n);

/* Per-call working memory, grown on demand and kept between calls. */
struct syn_scratch {
    const struct annals_alloc *alloc;
    void *mem;
    size_t mem_size;
};

ANNALS_INTERNAL void annals__scratch_init(struct syn_scratch *s, const struct annals_alloc *a);
ANNALS_INTERNAL void annals__scratch_free(struct syn_scratch *s);
/* At least n bytes of 16-byte aligned memory, valid until the next call; its
** contents are not kept.  NULL when memory is exhausted. */
ANNALS_INTERNAL void *annals__scratch_get(struct syn_scratch *s, size_t n);

/* A list of template names (comma-separated: the templates= of a FEAT
** section, or a trainer's option), checked against the n_known (<= 128)
** names this build knows: bit i of mask[i/64] is set for known[i].  Errors
** begin with where. */
ANNALS_INTERNAL int annals__templates_parse(const char *where, const char *names, size_t len,
                                            const char *const *known, int n_known,
                                            uint64_t mask[2], char *err, size_t errlen);
/* Write "templates=a,b,c\n" for the set bits of mask. */
ANNALS_INTERNAL int annals__templates_write(struct annals_buf *b, const char *const *known,
                                            int n_known, const uint64_t mask[2]);

/* The number of key in FEAT section feat, in [lo, hi]: *out is left alone
** when the key is absent; a value that is no number or out of range is an
** ANNALS_EMODEL error naming the key. */
ANNALS_INTERNAL int annals__feat_number(const struct model_section *feat, const char *key,
                                        double lo, double hi, double *out, char *err,
                                        size_t errlen);

/* --------------------------------------------------------------- tagger */
struct tagger;
ANNALS_INTERNAL int annals__tagger_open(const struct annals_alloc *a,
                                        const struct annals_model *m,
                                        struct tagger **out, char *err, size_t errlen);
ANNALS_INTERNAL void annals__tagger_free(struct tagger *t);
/* Tag w[0..n).  Returns ANNALS_OK, ANNALS_ENOMEM or ANNALS_ETOOBIG (n over
** SYN_MAX_WORDS). */
ANNALS_INTERNAL int annals__tagger_tag(const struct tagger *t, struct syn_word *w, size_t n,
                                       struct syn_scratch *s);

/* ----------------------------------------------------------- lemmatiser */
struct lemmatizer;
ANNALS_INTERNAL int annals__lemmatizer_open(const struct annals_alloc *a,
                                            const struct annals_model *m,
                                            struct lemmatizer **out, char *err, size_t errlen);
ANNALS_INTERNAL void annals__lemmatizer_free(struct lemmatizer *l);
/* Lemma of one tagged word, written to out[0..cap); cap must be at least
** annals__lemma_room(l, form_len).  Sets w->lemma/lemma_len to out or to
** the form itself. */
ANNALS_INTERNAL void annals__lemmatize(const struct lemmatizer *l, struct syn_word *w,
                                       char *out);
ANNALS_INTERNAL size_t annals__lemma_room(const struct lemmatizer *l, size_t form_len);

/* --------------------------------------------------------------- parser */
struct parser;
ANNALS_INTERNAL int annals__parser_open(const struct annals_alloc *a,
                                        const struct annals_model *m,
                                        struct parser **out, char *err, size_t errlen);
ANNALS_INTERNAL void annals__parser_free(struct parser *p);
/* Override the model's beam settings: each value that is not 0. */
ANNALS_INTERNAL void annals__parser_set_beam(struct parser *p, int width, double temperature,
                                            double drop);
/* Parse tagged w[0..n): fills head and deprel.  The result is a tree with
** exactly one word attached to the root. */
ANNALS_INTERNAL int annals__parser_parse(const struct parser *p, struct syn_word *w, size_t n,
                                         struct syn_scratch *s);

/* ------------------------------------------------------------- pipeline */
struct syn_models;
/* Load tagger.model, lemmatizer.model and parser.model of o->model_dir, the
** parser with o's beam settings. */
ANNALS_INTERNAL int annals__syntax_open(const struct annals_alloc *a,
                                        const struct annals_options *o,
                                        struct syn_models **out, char *err, size_t errlen);
ANNALS_INTERNAL void annals__syntax_close(const struct annals_alloc *a, struct syn_models *s);
/* Tag, lemmatise and parse w[0..n).  lemma_buf has room for
** annals__syntax_lemma_room() bytes and receives the changed lemmas. */
ANNALS_INTERNAL int annals__syntax_sentence(const struct syn_models *m, struct syn_word *w,
                                            size_t n, char *lemma_buf, struct syn_scratch *s);
ANNALS_INTERNAL size_t annals__syntax_lemma_room(const struct syn_models *m,
                                                 const struct syn_word *w, size_t n);

/* ------------------------------------------------------------- training */
struct train_ctx {
    const struct annals_alloc *alloc;
    const struct annals_train_options *opt;
    char *err;
    size_t errlen;
};

/* Calls line(ctx, s, n) on each line of the file name of the WordNet
** database directory c->opt->wordnet_path, stopping at the first result
** that is not ANNALS_OK; ANNALS_ENOMEM is reported in c->err. */
ANNALS_INTERNAL int annals__wordnet_lines(const struct train_ctx *c, const char *name,
                                          int (*line)(void *ctx, const char *s, size_t n),
                                          void *ctx);
/* Progress line through the caller's callback (printf-style). */
ANNALS_INTERNAL void annals__train_say(const struct train_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Deterministic pseudo-random numbers for shuffling (xorshift64*). */
ANNALS_INTERNAL uint64_t annals__rand(uint64_t *state);
/* Save the model w to the output path and free w; rc is the result of
** filling its sections, whose only failure is running out of memory. */
ANNALS_INTERNAL int annals__train_write(struct model_writer *w, const struct train_ctx *c,
                                        int rc);
/* Write the META section common to every model. */
ANNALS_INTERNAL int annals__meta_write(struct model_writer *w, const struct train_ctx *c,
                                       const char *train_data, size_t train_len,
                                       const char *extra);

/* A CoNLL-U training or development file held in memory, its words as
** struct syn_word (forms only) in corpus order. */
struct tcorpus {
    unsigned char *data;
    size_t len, cap;
    struct conllu_corpus c;
    struct syn_word *w;
};
ANNALS_INTERNAL int annals__tcorpus_load(const struct train_ctx *c, const char *path,
                                         struct tcorpus *tc);
ANNALS_INTERNAL void annals__tcorpus_free(const struct train_ctx *c, struct tcorpus *tc);
/* Seconds on a monotonic clock. */
ANNALS_INTERNAL double annals__now(void);

ANNALS_INTERNAL int annals__train_tagger(const struct train_ctx *c);
/* Tag each fold of train (sentence index modulo folds) with a tagger trained
** on the other folds: the training words get the tags (tag_hash, the
** second-best tag and the margin) that a tagger gives to unseen text.  The
** words of dev (may be NULL) get the word clusters of those taggers, keeping
** their own tags. */
ANNALS_INTERNAL int annals__tagger_jackknife(const struct train_ctx *c, struct tcorpus *train,
                                             int folds, struct tcorpus *dev);
ANNALS_INTERNAL int annals__train_lemmatizer(const struct train_ctx *c);
ANNALS_INTERNAL int annals__train_parser(const struct train_ctx *c);
ANNALS_INTERNAL int annals__train_clusters(const struct train_ctx *c);

#endif /* ANNALS_SYNTAX_H */
