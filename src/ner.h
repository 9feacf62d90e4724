/* ner.h -- named entities: the tagger (ner.c), its trainer (ner_train.c),
** readers for the training and evaluation formats (ner_data.c) and the
** mention/entity layer (entities.c).
**
** The tagger labels words with BIO tags over three types: PER, ORG and LOC.
** NORP mentions (demonyms and nationality adjectives) come from the demonym
** gazetteer, not from the tagger (entities.c); the fourth type exists for
** the readers and scorers of labelled data.  A LOC
** mention whose text the gazetteer knows as a country, region or city is
** reported as GPE (entities.c).  Model: a container of kind "NERT" (see
** docs/MODEL-FORMAT.md) with sections META, FEAT, LABL, GAZE (gazetteer), LEXC
** (word classes from treebanks), optionally CLBL and WCLS (a copy of the word
** clusters, as the part-of-speech tagger keeps one), WGHT and WPAR (the
** word and label-pair weights of a structured averaged perceptron) and, for
** the document pass, WGH2 and WPA2. */
#ifndef ANNALS_NER_H
#define ANNALS_NER_H

#include "clusters.h"
#include "percep.h"

enum ner_type { NER_PER, NER_ORG, NER_LOC, NER_NORP, NER_N_TYPES };
/* Types the tagger learns (PER, ORG, LOC); NORP gold labels are O to it. */
#define NER_N_TAGGED 3
#define NER_N_LABELS (1 + 2 * NER_N_TAGGED)
/* Labels: 0 = O, 1 + 2t = B-t, 2 + 2t = I-t. */
#define NER_B(t) (1 + 2 * (t))
#define NER_I(t) (2 + 2 * (t))
#define NER_TYPE(l) (((l) - 1) / 2)
#define NER_IS_B(l) ((l) != 0 && ((l) & 1) == 1)

/* End (one past the last word) of the mention that starts at word i of
** labels[0..n): its B- or I- label, then the I- labels of its type. */
static inline size_t annals__ner_run_end(const uint8_t *labels, size_t n, size_t i)
{
    size_t j = i + 1;
    while (j < n && labels[j] == NER_I(NER_TYPE(labels[i])))
        j++;
    return j;
}

/* Longest sentence tagged as one unit (tokens); longer ones are cut. */
#define NER_MAX_SENT 1000
/* Longest gazetteer phrase, in tokens. */
#define NER_GAZ_MAX_TOKENS 6

extern const char *const annals__ner_type_names[NER_N_TYPES];   /* "PER", ... */

/* Gazetteer classes (bit numbers). */
enum ner_gaz_class {
    GZ_COUNTRY, GZ_REGION, GZ_CITY, GZ_DEMONYM, GZ_GIVEN, GZ_ORG, GZ_ORGKEY, GZ_TITLE,
    GZ_LOCKEY, GZ_TOWN, GZ_N_CLASSES
};
extern const char *const annals__ner_gaz_names[GZ_N_CLASSES];   /* "country", ... */

struct ner_tok {
    const char *s;
    uint32_t len;
    uint8_t pos;                /* UPOS (annals__ner_upos), 0 unknown */
};

/* Universal POS tags as small numbers: 1 + index in the UD list, 0 unknown. */
#define NER_N_UPOS 18
ANNALS_INTERNAL uint8_t annals__ner_upos(const char *s, size_t n);

struct ner_gaz_entry {
    uint64_t key;               /* hash of the lower-cased phrase; 0 = empty */
    uint16_t bits;              /* classes of the phrase */
    uint16_t prefix;            /* bit n-1: some phrase starts with these n tokens */
};

struct ner_lex_entry {
    uint64_t key;               /* hash of the lower-cased form; 0 = empty */
    uint8_t cls;                /* word class (1..), see ner.c */
};

/* An institution's other names: phrase key -> key of its reference name. */
struct ner_alias_entry {
    uint64_t key;               /* phrase key as for the gazetteer; 0 = empty */
    uint64_t group;             /* phrase key of the reference name */
};

/* Classes of the label-pair weights: (previous label + 1) * NER_N_LABELS +
** label, the previous label + 1 being 0 at the start of a sentence. */
#define NER_N_PAIRS ((NER_N_LABELS + 1) * NER_N_LABELS)

/* The weights of one pass: features of the word score each label; label
** features score each pair of a label and the one before it, so that a
** sentence's best labels are found by Viterbi (annals__ner_viterbi). */
struct ner_weights {
    struct percep_model word;   /* NER_N_LABELS classes */
    struct percep_model pair;   /* NER_N_PAIRS classes */
};

struct ner_model {
    const struct annals_alloc *alloc;
    struct ner_weights w;
    struct ner_gaz_entry *gaz;
    size_t gaz_mask;
    uint32_t n_gaz;
    struct ner_lex_entry *lex;
    size_t lex_mask;
    uint32_t n_lex;
    struct ner_alias_entry *alias;  /* ALIA section, or NULL */
    size_t alias_mask;
    uint32_t n_alias;
    int doc_features;           /* second, document-aware pass (weights pm2) */
    int pos_features;           /* features read ner_tok.pos */
    struct ner_weights w2;      /* second-pass weights (doc_features) */
    struct clusters *clusters;  /* word clusters with NER_CLUSTER_PREFIXES prefixes, or NULL */
};

/* Bit-string prefixes of a word's cluster used as features (Ratinov and
** Roth 2009 take the same lengths). */
#define NER_CLUSTER_PREFIXES 4
extern const int annals__ner_cluster_prefix_len[NER_CLUSTER_PREFIXES];

/* Per-token atoms, computed once per sentence. */
struct ner_atoms {
    uint64_t lower, form, shape, sshape, suf[3], pre[2];
    uint32_t flags;             /* NF_* */
    uint16_t gz_b, gz_i;        /* gazetteer classes beginning / continuing here */
    uint8_t lex;                /* word class, 0 unknown */
    uint8_t doc;                /* document hint (second pass), 0 none */
    uint8_t pos;                /* UPOS, 0 unknown */
    uint8_t seq;                /* capitalised run: position and length (see ner.c) */
    uint16_t seq_gz;            /* gazetteer classes of the run's last word */
    uint64_t seq_last;          /* lower-case hash of the run's last word */
    uint64_t cl[NER_CLUSTER_PREFIXES]; /* cluster prefixes; NER_NO_CLUSTER when the
                                          word has none, 0 when the model has none */
};
#define NER_NO_CLUSTER 2        /* prefix hashes are odd */

/* Working memory of one tagging call, grown on demand. */
struct ner_scratch {
    const struct annals_alloc *alloc;
    struct ner_atoms *at;
    size_t cap;
};

/* ------------------------------------------------------------ ner.c */
/* "O", "B-PER", ... into buf. */
ANNALS_INTERNAL void annals__ner_label_name(unsigned l, char *buf, size_t cap);
ANNALS_INTERNAL uint64_t annals__ner_lower_hash(const char *s, size_t n);
/* Lower-case ASCII bytes of s into out (cap bytes), returns the length. */
ANNALS_INTERNAL size_t annals__ner_lower(const char *s, size_t n, char *out, size_t cap);
ANNALS_INTERNAL int annals__ner_open(const struct annals_alloc *a, const struct annals_model *m,
                                     struct ner_model **out, char *err, size_t errlen);
ANNALS_INTERNAL void annals__ner_free(struct ner_model *m);
ANNALS_INTERNAL void annals__ner_weights_free(struct ner_weights *w);
ANNALS_INTERNAL void annals__ner_scratch_init(struct ner_scratch *s, const struct annals_alloc *a);
ANNALS_INTERNAL void annals__ner_scratch_free(struct ner_scratch *s);
/* Give m the word clusters cl (taken over, even on failure). */
ANNALS_INTERNAL int annals__ner_set_clusters(struct ner_model *m, struct clusters *cl);
/* Gazetteer classes of a phrase of n tokens (0 when unknown). */
ANNALS_INTERNAL uint16_t annals__ner_gaz_lookup(const struct ner_model *m, const struct ner_tok *t,
                                                size_t n);
/* The reference name (a phrase key) that the phrase t[0..n) is an alias
** of in the model's alias list, or 0. */
ANNALS_INTERNAL uint64_t annals__ner_alias(const struct ner_model *m, const struct ner_tok *t,
                                           size_t n);
/* Compute the atoms of t[0..n) into at (no document hints). */
ANNALS_INTERNAL void annals__ner_atoms(const struct ner_model *m, const struct ner_tok *t,
                                       size_t n, struct ner_atoms *at);
/* Feature keys of token i that do not depend on labels; returns the count. */
#define NER_MAX_FEATS 112
ANNALS_INTERNAL size_t annals__ner_features(const struct ner_atoms *at, size_t i, size_t n,
                                            uint64_t *keys);
/* Feature keys of token i whose weights score label pairs (NER_N_PAIRS
** classes); returns the count. */
ANNALS_INTERNAL size_t annals__ner_label_features(const struct ner_atoms *at, size_t i,
                                                  uint64_t *keys);
/* Whether label l may follow label prev (0 = O, also the sentence start):
** I-t only continues B-t or I-t. */
static inline int annals__ner_follows(unsigned prev, unsigned l)
{
    return l == 0 || NER_IS_B(l) || (prev != 0 && NER_TYPE(prev) == NER_TYPE(l));
}
/* Add the weights of n keys to scores: the word weights of w when pair is
** 0, else its pair weights (w is a model's or a trainer's). */
typedef void (*ner_score_fn)(const void *w, int pair, const uint64_t *keys, size_t n,
                             float *scores);
/* The best labels of the sentence at[0..n), n <= NER_MAX_SENT, under the
** weights w: the sum over its words of the scores of their labels and
** label pairs, over valid BIO sequences only (first-order Viterbi). */
ANNALS_INTERNAL void annals__ner_viterbi(const struct ner_atoms *at, size_t n, ner_score_fn score,
                                         const void *w, uint8_t *labels);
/* Tag a document: n tokens, sentence starts in sent[0..n_sent) (token
** indexes, ascending, sent[0] = 0).  labels receives one label per token. */
ANNALS_INTERNAL int annals__ner_tag_doc(const struct ner_model *m, const struct ner_tok *t,
                                        size_t n, const uint32_t *sent, size_t n_sent,
                                        uint8_t *labels, struct ner_scratch *s);
/* The post-passes of annals__ner_tag_doc over a document's labels (see the
** top of ner.c), in their order. */
ANNALS_INTERNAL void annals__ner_refine(const struct ner_model *m, const struct ner_tok *t,
                                        const struct ner_atoms *at, size_t n, uint8_t *labels,
                                        const struct annals_alloc *a);
/* Document hints: for each token, what the first pass said about the same
** word elsewhere in the document (see ner.c). */
ANNALS_INTERNAL void annals__ner_doc_hints(const struct ner_tok *t, size_t n,
                                           const uint8_t *labels, struct ner_atoms *at,
                                           const struct annals_alloc *a);

/* ------------------------------------------------------- ner_data.c */
/* A labelled corpus: tokens with gold labels, sentences and documents. */
struct ner_corpus {
    const struct annals_alloc *alloc;
    struct ner_tok *tok;
    uint8_t *gold;
    size_t n_tok, cap_tok, cap_gold;
    uint32_t *sent;             /* first token of each sentence */
    size_t n_sent, cap_sent;
    uint32_t *doc;              /* first sentence of each document */
    size_t n_doc, cap_doc;
    size_t skipped_docs;        /* left out (genre, licence) */
};

enum ner_format {
    NERF_AUTO,      /* CoNLL/IOB: token first (or after an integer ID), tag last */
    NERF_UNER,      /* ID FORM TAG ...: PER ORG LOC */
    NERF_GUM,       /* FORM UPOS TAG with # newdoc id = GUM_<genre>_...: PERSON ORG LOC ... */
    NERF_WIKIGOLD,  /* CoNLL-2003 style IOB1: PER ORG LOC MISC */
    NERF_WNUT17,    /* person location group corporation product creative-work */
    NERF_BTC,       /* PER ORG LOC */
    NERF_RE3D       /* Person Organisation Location Nationality ... */
};

/* Mapping of a foreign type name onto ours: -1 = O, -2 = MISC (NORP when
** the mention is a known demonym, else O). */
ANNALS_INTERNAL void annals__ner_corpus_init(struct ner_corpus *c, const struct annals_alloc *a);
ANNALS_INTERNAL void annals__ner_corpus_free(struct ner_corpus *c);
/* Parse data[0..len) in format f and append its sentences; tokens point
** into data, which must outlive the corpus.  demonyms (may be
** NULL) decides MISC mentions.  Returns ANNALS_OK or an error with err set. */
ANNALS_INTERNAL int annals__ner_corpus_read(struct ner_corpus *c, const char *data, size_t len,
                                            int f, const struct ner_model *demonyms,
                                            char *err, size_t errlen);
ANNALS_INTERNAL int annals__ner_format_parse(const char *name);
/* Set tok[].pos of every sentence of c with the part-of-speech tagger tg.
** Returns ANNALS_OK or ANNALS_ENOMEM. */
struct tagger;
ANNALS_INTERNAL int annals__ner_corpus_pos(const struct tagger *tg, struct ner_corpus *c);
/* Spans of labels: calls back per entity [start, end) of type t. */
struct ner_span {
    uint32_t start, end;
    uint8_t type;
};
/* Entity spans of labels[0..n) (an I-t not continuing t starts an entity). */
ANNALS_INTERNAL size_t annals__ner_spans(const uint8_t *labels, size_t n, struct ner_span *out);

/* ------------------------------------------------------ ner_train.c */
struct ner_train_set {
    const char *path;           /* a file, or a directory of .conll files */
    int format;                 /* enum ner_format */
    int repeat;                 /* times each epoch sees it (>= 1) */
};

struct ner_train_options {
    const struct ner_train_set *sets;
    size_t n_sets;
    const char *const *gazetteers;  /* TSV files */
    size_t n_gazetteers;
    const char *const *lexicons;    /* CoNLL-U files for word classes */
    size_t n_lexicons;
    const char *out_path;
    const char *date;
    const char *licence;
    uint64_t seed;
    int epochs;
    double prune;
    int heldout;                /* every Nth document held out and scored; 0: none */
    int doc_features;
    int folds;                  /* cross-validation folds for the first-pass labels */
    const char *tagger;         /* tagger model giving the POS features, or NULL */
    const char *places;         /* geo.model whose towns join the gazetteer, or NULL */
    const char *clusters;       /* word clusters (CLU1) copied into the model, or NULL */
    unsigned long places_min;   /* smallest population taken from it */
    void (*progress)(void *ud, const char *line);
    void *progress_ud;
};

ANNALS_INTERNAL int annals__ner_train(const struct annals_alloc *a,
                                      const struct ner_train_options *o, char *err,
                                      size_t errlen);
/* Build the gazetteer and lexicon parts of a model from files (used by the
** trainer; exposed for tests). */
ANNALS_INTERNAL int annals__ner_build_gaz(struct ner_model *m, const char *const *paths,
                                          size_t n, struct annals_buf *raw, char *err,
                                          size_t errlen);

/* ------------------------------------------------------- entity scores */
struct ner_counts {
    size_t gold[NER_N_TYPES], sys[NER_N_TYPES], ok[NER_N_TYPES];
};
/* Add exact-match counts of sys against gold spans. */
ANNALS_INTERNAL void annals__ner_count(const uint8_t *gold, const uint8_t *sys, size_t n,
                                       struct ner_counts *c);

#endif /* ANNALS_NER_H */
