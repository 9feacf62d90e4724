/* clusters.h -- word clusters: a read-only lookup from a word (lower-cased)
** to its cluster, and each cluster's bit string in the merge tree of Brown
** clustering (Brown et al. 1992), so that prefixes of the string name
** coarser clusters.  Made by `annals train clusters` (train_clusters.c),
** stored as a CLU1 model (docs/MODEL-FORMAT.md); a stage that uses them
** keeps its own copy in its model, so it never meets other clusters than
** those it was trained with. */
#ifndef ANNALS_CLUSTERS_H
#define ANNALS_CLUSTERS_H

#include "syntax.h"

/* FNV-1a over the ASCII-lower-cased bytes: the key of a word. */
static inline uint64_t annals__hash_lower(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        h ^= c >= 'A' && c <= 'Z' ? c + 32u : c;
        h *= 0x100000001b3ull;
    }
    return h;
}

struct cl_entry {
    uint64_t key;               /* annals__cl_key() of the word */
    uint32_t cluster;           /* label index */
};

struct clusters {
    const struct annals_alloc *alloc;
    struct labelset paths;      /* bit strings, "0110..." */
    struct cl_entry *tab;       /* open addressing, key 0 = empty */
    size_t mask;
    uint32_t n_words;
    uint64_t *prefix;           /* n_prefix hashes per cluster, or NULL */
    unsigned n_prefix;          /* (annals__clusters_prefixes) */
};

static inline uint64_t annals__cl_key(uint64_t lower_hash)
{
    return annals__hash_mix(lower_hash, 3) | 1;
}

/* Load clusters from a label section (the bit strings) and a WCLS section. */
ANNALS_INTERNAL int annals__clusters_open(const struct annals_alloc *a,
                                          const struct model_section *paths,
                                          const struct model_section *words,
                                          struct clusters **out, char *err, size_t errlen);
/* Load the clusters of a CLU1 model (sections LABL and WCLS). */
ANNALS_INTERNAL int annals__clusters_model_open(const struct annals_alloc *a,
                                                const struct annals_model *m,
                                                struct clusters **out, char *err,
                                                size_t errlen);
/* Load the clusters of the CLU1 model file at path (errors name the file). */
ANNALS_INTERNAL int annals__clusters_load(const struct annals_alloc *a, const char *path,
                                          struct clusters **out, char *err, size_t errlen);
/* Append the bit strings as section paths_id and the words as WCLS. */
ANNALS_INTERNAL int annals__clusters_save(const struct clusters *cl, struct model_writer *w,
                                          const char *paths_id);
/* Build from n entries and an owned label set (taken over, even on failure). */
ANNALS_INTERNAL int annals__clusters_build(const struct annals_alloc *a, struct labelset *paths,
                                           const struct cl_entry *e, size_t n,
                                           struct clusters **out);
ANNALS_INTERNAL void annals__clusters_free(struct clusters *cl);

/* Start loading what annals__clusters_find() of lower_hash will read. */
ANNALS_INTERNAL void annals__clusters_prefetch(const struct clusters *cl, uint64_t lower_hash);
/* Cluster of the word whose annals__hash_lower() is lower_hash, or -1. */
ANNALS_INTERNAL int32_t annals__clusters_find(const struct clusters *cl, uint64_t lower_hash);

/* Hash, for each cluster, the first len[k] bits of its string (all of it
** when shorter) for k < n, so that a stage's features name coarser and
** finer clusters of a word without building strings at run time.  The
** hashes are never 0.  Returns ANNALS_OK or ANNALS_ENOMEM. */
ANNALS_INTERNAL int annals__clusters_prefixes(struct clusters *cl, const int *len, unsigned n);
/* The n_prefix prefix hashes of the word's cluster, or NULL when the word
** has none. */
static inline const uint64_t *annals__clusters_word_prefixes(const struct clusters *cl,
                                                             uint64_t lower_hash)
{
    int32_t c = annals__clusters_find(cl, lower_hash);
    return c >= 0 ? cl->prefix + (size_t)c * cl->n_prefix : NULL;
}

#endif /* ANNALS_CLUSTERS_H */
