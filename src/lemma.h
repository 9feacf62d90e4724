/* lemma.h -- internals of the lemmatiser shared by lemma.c (run time) and
** train_lemma.c (training).  Not used by other modules. */
#ifndef ANNALS_LEMMA_H
#define ANNALS_LEMMA_H

#include "syntax.h"

#define LM_MAX_SUFFIX 7         /* longest suffix (characters) with rules */

/* Keys of the lexicon: a kind mixed with the hash of a string and of the
** Penn tag (for the WordNet kinds: of a WordNet part of speech). */
enum lm_kind {
    LM_EXACT = 1,
    LM_LOWER = 2,
    LM_SUFFIX = 3,              /* + suffix length */
    LM_WN_EXCEPTION = 16,       /* inflected form of an exception list -> script */
    LM_WN_LEMMA = 17            /* a lemma of WordNet (script unused) */
};

/* WordNet's parts of speech, in the order of its files. */
enum lm_wn_pos { LM_WN_NONE = 0, LM_WN_NOUN, LM_WN_VERB, LM_WN_ADJ, LM_WN_ADV, LM_WN_N_POS };

/* WordNet's detachment rules (morphy): an ending of an inflected form of a
** part of speech and what replaces it in the lemma, in morphy's order.
** The lemmatiser finds lemmas with them, the tagger word classes. */
struct lm_detachment {
    uint8_t pos;                /* enum lm_wn_pos */
    const char *ending, *base;
};
extern const struct lm_detachment annals__lm_detach[];
extern const size_t annals__lm_n_detach;

struct lm_entry {
    uint64_t key;
    uint32_t script;            /* label index */
};

/* An edit script: lower-case the form first (or not), strip bytes from its
** end, append a string.  Written "mode|strip|append" in LABL. */
struct lm_script {
    uint8_t lower;
    uint16_t strip;
    const char *append;
    uint16_t append_len;
};

struct lemmatizer {
    const struct annals_alloc *alloc;
    struct labelset labels;
    struct lm_script *script;
    size_t max_append;
    struct lm_entry *tab;       /* open addressing, key 0 = empty */
    size_t mask;
    uint32_t n_entries;
};

static inline uint64_t annals__lm_key(int kind, uint64_t str_hash, uint64_t tag_hash)
{
    return annals__hash_final(annals__hash_mix(annals__hash_mix((uint64_t)kind, str_hash),
                                               tag_hash));
}
ANNALS_INTERNAL uint64_t annals__lm_hash_lower(const char *s, size_t n);
/* The WordNet part of speech whose exception list and detachment rules
** serve an inflected Penn tag (NNS, VBD, JJR...), or LM_WN_NONE. */
ANNALS_INTERNAL int annals__lm_wn_pos(const char *xpos, size_t n);
/* Byte offset of the last k characters of s[0..n). */
ANNALS_INTERNAL size_t annals__lm_suffix(const char *s, size_t n, int k);
/* Longest suffix length tried for s: its characters, at most LM_MAX_SUFFIX. */
ANNALS_INTERNAL int annals__lm_top_suffix(const char *s, size_t n);
/* Parse the scripts of l->labels; ANNALS_EMODEL names a bad one in err. */
ANNALS_INTERNAL int annals__lm_scripts(struct lemmatizer *l, char *err, size_t errlen);
ANNALS_INTERNAL int annals__lm_table(struct lemmatizer *l, const struct lm_entry *e, size_t n);
ANNALS_INTERNAL void annals__lm_release(struct lemmatizer *l);

#endif /* ANNALS_LEMMA_H */
