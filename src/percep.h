/* percep.h -- sparse linear models: feature keys, the read-only scorer used
** at run time, and the averaged perceptron that trains it.
**
** A feature is a 64-bit key (a template id mixed with the hashes of its
** atoms); each known key carries a short list of (class, weight) pairs.
** The weights are stored in a WGHT section (docs/MODEL-FORMAT.md). */
#ifndef ANNALS_PERCEP_H
#define ANNALS_PERCEP_H

#include "model.h"

/* ------------------------------------------------------------- hashing */

/* FNV-1a over bytes: the hash of one atom (a word, a suffix, a tag). */
static inline uint64_t annals__hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static inline uint64_t annals__hash_mix(uint64_t h, uint64_t v)
{
    h = (h << 5 | h >> 59) ^ v;
    return h * 0x9e3779b97f4a7c15ull;
}

/* Final key of a feature; never 0 (0 marks an empty slot). */
static inline uint64_t annals__hash_final(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h != 0 ? h : 1;
}

/* ------------------------------------------------------------- scorer */

struct pm_entry {
    uint16_t cls;
    float w;
};

struct pm_slot {
    uint64_t key;               /* 0: empty */
    uint32_t off;               /* first entry */
    uint16_t n;                 /* number of entries (a WGHT count is a u16) */
    uint16_t row;               /* 0: scored from its entries; else 1 + its
                                   row in the dense block */
};

struct percep_model {
    const struct annals_alloc *alloc;
    uint32_t n_classes;
    uint32_t n_feats;
    uint32_t n_entries;
    size_t mask;                /* table size - 1 (a power of two minus one) */
    unsigned shift;             /* a key's home slot is key >> shift: its top
                                   bits, so the ascending keys of a WGHT
                                   section fill the table in order at load */
    struct pm_slot *slot;
    struct pm_entry *entry;
    /* Features with many weights also have a dense row of n_classes floats:
    ** adding a row is one vectorised loop, where scattering its entries one
    ** by one costs several times as much.  The entries stay the model's
    ** contents (pm_save writes them); the rows are derived at load. */
    uint32_t n_rows, cap_rows;
    uint32_t row_len;           /* n_classes rounded up to a multiple of 8 */
    float *dense;               /* cap_rows x row_len (+8 so never empty) */
};

/* Start loading the table slots of the n keys, to be scored soon. */
ANNALS_INTERNAL void annals__pm_prefetch(const struct percep_model *m, const uint64_t *keys,
                                         size_t n);
/* Add the weights of the n keys to scores[0..n_classes). */
ANNALS_INTERNAL void annals__pm_score(const struct percep_model *m, const uint64_t *keys,
                                      size_t n, float *scores);
/* Read a WGHT section.  n_classes must match the model's label count. */
ANNALS_INTERNAL int annals__pm_load(const struct annals_alloc *a, const struct model_section *s,
                                    uint32_t n_classes, struct percep_model *m,
                                    char *err, size_t errlen);
/* Append the WGHT payload of m to b (features in ascending key order). */
ANNALS_INTERNAL int annals__pm_save(const struct percep_model *m, struct annals_buf *b);
ANNALS_INTERNAL void annals__pm_free(struct percep_model *m);

/* ------------------------------------------------------------ trainer */

struct pt_entry {
    double total;               /* sum of the weight over past instances */
    float w;
    uint32_t stamp;             /* instance count at the last change of w */
    uint16_t cls;
};

struct pt_row {
    struct pt_entry *e;
    uint32_t n, cap;
};

struct percep_train {
    const struct annals_alloc *alloc;
    uint32_t n_classes;
    uint32_t now;               /* instances seen so far */
    uint64_t *keys;             /* open addressing, 0 = empty */
    uint32_t *rowof;
    size_t cap;                 /* table size, a power of two */
    size_t n_rows;
    struct pt_row *rows;
    size_t cap_rows;
};

ANNALS_INTERNAL int annals__pt_init(struct percep_train *t, const struct annals_alloc *a,
                                    uint32_t n_classes);
ANNALS_INTERNAL void annals__pt_free(struct percep_train *t);
/* Current (not averaged) scores. */
ANNALS_INTERNAL void annals__pt_score(const struct percep_train *t, const uint64_t *keys,
                                      size_t n, float *scores);
/* One perceptron step: +1 to class gold, -1 to class guess on every key. */
ANNALS_INTERNAL int annals__pt_update(struct percep_train *t, const uint64_t *keys, size_t n,
                                      unsigned gold, unsigned guess);
/* Count one training instance (advance the averaging clock). */
static inline void annals__pt_tick(struct percep_train *t) { t->now++; }
/* The averaged model; weights with |w| < prune are dropped. */
ANNALS_INTERNAL int annals__pt_average(const struct percep_train *t, float prune,
                                       struct percep_model *out);

#endif /* ANNALS_PERCEP_H */
