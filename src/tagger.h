/* tagger.h -- internals of the part-of-speech tagger shared by tagger.c
** (run time) and train_tagger.c (training).  Not used by other modules. */
#ifndef ANNALS_TAGGER_H
#define ANNALS_TAGGER_H

#include "clusters.h"

#define TG_MAX_FEATS 48

/* Feature templates, in the order of their bit in the template mask. */
enum tg_template {
    TG_BIAS, TG_W, TG_FORM, TG_S1, TG_S2, TG_S3, TG_S4, TG_P1, TG_P2, TG_P3,
    TG_SHAPE, TG_WM1, TG_WM2, TG_WP1, TG_WP2, TG_TM1, TG_TM2, TG_TM1TM2, TG_TM1W,
    TG_S3M1, TG_S3P1, TG_A, TG_AP1, TG_AP2, TG_TM1AP1, TG_WWP1, TG_WM1W, TG_SHAPEP1,
    TG_SHAPEM1, TG_FLAGS, TG_TM1S3, TG_AP1AP2, TG_S5, TG_P4, TG_HYPH, TG_WM1S3,
    TG_WN, TG_WNM1, TG_WNP1,   /* WordNet classes (docs/SYNTAX.md) */
    TG_C4, TG_C6, TG_C10, TG_CM1, TG_CP1, /* word clusters: keep them last */
    TG_N_TEMPLATES
};
extern const char *const annals__tg_template_names[TG_N_TEMPLATES];
/* annals__tg_features writes at most one key per template */
_Static_assert(TG_N_TEMPLATES <= TG_MAX_FEATS, "TG_MAX_FEATS below the template count");

/* Lexicon entry: what the training data says about one word form. */
struct tg_lex {
    uint64_t key;               /* hash of the exact form, or lower-case key */
    uint32_t amb;               /* ambiguity class (hash of its tag set) */
    uint16_t top;               /* most frequent tag */
    uint16_t fixed;             /* 1: always tagged top, the model is skipped */
};

struct tagger {
    const struct annals_alloc *alloc;
    struct labelset labels;     /* "UPOS\tXPOS" */
    char *split;                /* the labels split into UPOS and XPOS */
    const char **upos, **xpos;
    uint16_t *upos_len, *xpos_len;
    uint64_t *tag_hash;
    struct percep_model pm;
    uint64_t tmask[2];          /* enabled templates */
    struct tg_lex *lex;         /* open addressing, key 0 = empty */
    size_t lex_mask;
    uint32_t n_lex;
    struct clusters *clusters;  /* word clusters with TG_CLUSTER_PREFIXES prefixes, or NULL */
    /* A second model over the same templates, trained on the sentences
    ** reversed (docs/SYNTAX.md#tagger): a word whose margin is below
    ** rtl_below takes the best label of the two models' summed scores.
    ** rtl_below 0: no such model. */
    struct percep_model rtl;
    float rtl_below;
};

/* The flags bit of a sentence's first word (tg_atoms.flags). */
#define TG_FLAG_FIRST 32

/* Bit-string prefixes of a word's cluster used as features (characters). */
#define TG_CLUSTER_PREFIXES 3
extern const int annals__tg_cluster_prefix_len[TG_CLUSTER_PREFIXES];

/* Atoms of one word, computed once per sentence. */
struct tg_atoms {
    uint64_t w, form, suf[5], pre[4], shape, hyph; /* hyph: after the last '-' */
    uint64_t cluster[TG_CLUSTER_PREFIXES]; /* prefixes of its cluster; 0 when none */
    uint32_t amb;
    uint32_t wn;                /* WordNet class (TG_WN_*); 0 without WordNet */
    int32_t fixed;              /* fixed tag, or -1 */
    uint32_t flags;
};

ANNALS_INTERNAL void annals__tg_atoms(const struct tagger *t, const struct syn_word *w,
                                      size_t n, struct tg_atoms *a);
/* The atoms of a sentence read backwards: r[j] = a[n - 1 - j], with the
** first-word flag on r[0], as the right-to-left model saw its sentences. */
ANNALS_INTERNAL void annals__tg_mirror(const struct tg_atoms *a, size_t n, struct tg_atoms *r);
/* Copy the cluster prefixes of atoms a into the words, for the parser. */
ANNALS_INTERNAL void annals__tg_mark_clusters(const struct tg_atoms *a, struct syn_word *w,
                                              size_t n);
/* Feature keys of word i given the tags already chosen for words before it
** (tags[j] + 1, so 0 is free for "no word"). */
ANNALS_INTERNAL size_t annals__tg_features(const struct tagger *t, const struct tg_atoms *a,
                                           size_t i, size_t n, const uint32_t *tags,
                                           uint64_t *keys);
ANNALS_INTERNAL const struct tg_lex *annals__tg_lookup(const struct tagger *t, uint64_t key);
/* Lower-case key of a lexicon entry, from the hash of the lower-cased form. */
static inline uint64_t annals__tg_lower_key(uint64_t h) { return annals__hash_mix(h, 1) | 1; }
static inline uint64_t annals__tg_form_key(uint64_t h) { return annals__hash_mix(h, 2) | 1; }
/* Lexicon key of a lower-cased WordNet word form; its entry's amb holds
** TG_WN_* bits (top and fixed are 0). */
static inline uint64_t annals__tg_wordnet_key(uint64_t h) { return annals__hash_mix(h, 3) | 1; }

/* Bits of a WordNet class.  The first ten are stored per word form in the
** lexicon; the rest are found at run time by WordNet's detachment rules
** (morphy), which reach the inflected forms of its lemmas. */
enum {
    /* a lemma of that part of speech (in the order of enum lm_wn_pos) */
    TG_WN_NOUN = 1, TG_WN_VERB = 2, TG_WN_ADJ = 4, TG_WN_ADV = 8,
    TG_WN_CAPITAL = 16,         /* written with a capital in some synset */
    TG_WN_LOWER = 32,           /* ... and in small letters in some synset */
    TG_WN_EXC_NOUN = 64, TG_WN_EXC_VERB = 128, /* an irregular form (the .exc lists) */
    TG_WN_EXC_ADJ = 256, TG_WN_EXC_ADV = 512,
    TG_WN_PLURAL = 1 << 10,     /* a noun lemma + "s", "es", "ies"... */
    TG_WN_3SG = 1 << 11,        /* a verb lemma + "s" */
    TG_WN_PAST = 1 << 12,       /* a verb lemma + "ed" */
    TG_WN_GERUND = 1 << 13,     /* a verb lemma + "ing" */
    TG_WN_COMPARE = 1 << 14,    /* an adjective + "er", "est" */
    TG_WN_HYPHEN = 1 << 15,     /* the class is that of the part after the last hyphen */
    TG_WN_LOOKED = 1u << 31     /* set on every class looked up, so that none is 0 */
};
/* Split labels and compute tag hashes; needs t->labels. */
ANNALS_INTERNAL int annals__tg_prepare_labels(struct tagger *t);
/* Build the lexicon table from n entries. */
ANNALS_INTERNAL int annals__tg_set_lexicon(struct tagger *t, const struct tg_lex *e, size_t n);
/* Take over cl (may be NULL; t owns it even on failure) and hash its prefixes. */
ANNALS_INTERNAL int annals__tg_set_clusters(struct tagger *t, struct clusters *cl);
ANNALS_INTERNAL void annals__tg_drop_clusters(struct tagger *t);
/* Free what the tagger owns except labels, weights and clusters. */
ANNALS_INTERNAL void annals__tg_release(struct tagger *t);

#endif /* ANNALS_TAGGER_H */
