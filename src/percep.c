/* percep.c -- sparse linear scorer and averaged perceptron trainer.
** Run time: an open-addressing table of 64-bit feature keys, each pointing
** at its (class, weight) pairs, or for a feature with many of them at a
** dense row of all classes; lookups are prefetched in a batch because
** they are the cost of tagging and parsing.  Training: the same keys with
** growable rows and lazily averaged weights (Collins 2002; Daume's trick of
** time stamps).  WGHT layout: docs/MODEL-FORMAT.md. */
#define _DEFAULT_SOURCE         /* MADV_HUGEPAGE */
#include "percep.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_BATCH 256
#define MAX_LOCAL 256            /* classes summed in a local array */
/* A feature with at least this many weights is scored from a dense row. */
#define DENSE_MIN 16
#define MAX_ROWS 65535
#define HUGE_MIN ((size_t)4 << 20)

static size_t table_size(size_t n)
{
    size_t c = 16;
    while (c < n * 2)
        c *= 2;
    return c;
}

static inline size_t home(const struct percep_model *m, uint64_t key)
{
    return (size_t)(key >> m->shift);
}

static const struct pm_slot *find_slot(const struct percep_model *m, uint64_t key)
{
    size_t i = home(m, key);
    for (;;) {
        const struct pm_slot *s = &m->slot[i];
        if (s->key == key)
            return s;
        if (s->key == 0)
            return NULL;
        i = (i + 1) & m->mask;
    }
}

static void add_row(float *restrict scores, const float *restrict row, uint32_t n)
{
#pragma GCC unroll 4
    for (uint32_t c = 0; c < n; c++)
        scores[c] += row[c];
}

void annals__pm_prefetch(const struct percep_model *m, const uint64_t *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        __builtin_prefetch(&m->slot[home(m, keys[i])]);
}

/* The first line of a feature's weights; the hardware fetches the rest. */
static void prefetch_weights(const struct percep_model *m, const struct pm_slot *s)
{
    if (s->row != 0)
        __builtin_prefetch(&m->dense[(size_t)(s->row - 1) * m->row_len]);
    else
        __builtin_prefetch(&m->entry[s->off]);
}

/* On x86-64 the scorer is also built for AVX2 and AVX-512, the best one the
** processor has picked at load time: a dense row then takes a half or a
** quarter of the instructions.  The choice needs the C library's ifunc
** support (glibc), and GCC: clang 14 leaves the hidden symbol of a cloned
** function undefined in a static library, so its builds (the libFuzzer
** ones) keep the portable version. */
#if defined(__x86_64__) && defined(__GLIBC__) && defined(__has_attribute) && !defined(__clang__)
#if __has_attribute(target_clones)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
#endif
void annals__pm_score(const struct percep_model *m, const uint64_t *keys, size_t n,
                      float *scores)
{
    const struct pm_slot *hit[MAX_BATCH];
    _Alignas(32) float acc[MAX_LOCAL];
    /* Sums run in a local copy padded to whole vectors, so that a dense row
    ** is added without a scalar tail; the caller's array where it is too
    ** long.  Either way each class adds the same weights in the same order. */
    int local = m->row_len <= MAX_LOCAL;
    float *sum = local ? acc : scores;
    uint32_t len = local ? m->row_len : m->n_classes;
    if (local) {
        memcpy(acc, scores, m->n_classes * sizeof *acc);
        memset(acc + m->n_classes, 0, (m->row_len - m->n_classes) * sizeof *acc);
    }
    while (n > 0) {
        size_t k = n < MAX_BATCH ? n : MAX_BATCH, nh = 0;
        for (size_t i = 0; i < k; i++)
            __builtin_prefetch(&m->slot[home(m, keys[i])]);
        for (size_t i = 0; i < k; i++) {
            const struct pm_slot *s = find_slot(m, keys[i]);
            if (s != NULL) {
                prefetch_weights(m, s);
                hit[nh++] = s;
            }
        }
        /* In key order, dense or not, so that every class sums its weights
        ** in the same order whichever way a feature is stored. */
        for (size_t i = 0; i < nh; i++) {
            if (hit[i]->row != 0) {
                add_row(sum, &m->dense[(size_t)(hit[i]->row - 1) * m->row_len], len);
            } else {
                const struct pm_entry *e = &m->entry[hit[i]->off];
                for (uint32_t j = 0; j < hit[i]->n; j++)
                    sum[e[j].cls] += e[j].w;
            }
        }
        keys += k;
        n -= k;
    }
    if (local)
        memcpy(scores, acc, m->n_classes * sizeof *acc);
}

void annals__pm_free(struct percep_model *m)
{
    if (m == NULL || m->alloc == NULL)
        return;
    annals__free(m->alloc, m->slot, (m->mask + 1) * sizeof *m->slot);
    annals__free(m->alloc, m->entry, (size_t)m->n_entries * sizeof *m->entry);
    annals__free(m->alloc, m->dense, ((size_t)m->cap_rows * m->row_len + 8) * sizeof *m->dense);
    memset(m, 0, sizeof *m);
}

/* Ask for huge pages under a large table: its lookups are random, so with
** small pages nearly each one also misses the TLB, and loading it takes a
** page fault every 4 KiB.  Only a hint; the allocator's memory either way. */
static void advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    long page = sysconf(_SC_PAGESIZE);
    uintptr_t start, end;
    if (n < HUGE_MIN || page <= 0)
        return;
    start = ((uintptr_t)p + (uintptr_t)page - 1) / (uintptr_t)page * (uintptr_t)page;
    end = ((uintptr_t)p + n) / (uintptr_t)page * (uintptr_t)page;
    if (end > start)
        madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

static int pm_alloc(const struct annals_alloc *a, struct percep_model *m, uint32_t n_classes,
                    uint32_t n_feats, uint32_t n_entries, uint32_t n_dense)
{
    size_t cap = table_size(n_feats);
    memset(m, 0, sizeof *m);
    m->alloc = a;
    m->n_classes = n_classes;
    m->n_feats = n_feats;
    m->n_entries = n_entries;
    m->cap_rows = n_dense < MAX_ROWS ? n_dense : MAX_ROWS;
    m->mask = cap - 1;
    m->shift = 64;
    while (((size_t)1 << (64 - m->shift)) < cap)
        m->shift--;
    m->slot = annals__malloc(a, cap * sizeof *m->slot);
    m->entry = annals__malloc(a, (size_t)(n_entries ? n_entries : 1) * sizeof *m->entry);
    m->row_len = (n_classes + 7) / 8 * 8;
    m->dense = annals__malloc(a, ((size_t)m->cap_rows * m->row_len + 8) * sizeof *m->dense);
    if (m->slot == NULL || m->entry == NULL || m->dense == NULL) {
        annals__pm_free(m);
        return ANNALS_ENOMEM;
    }
    advise_huge(m->slot, cap * sizeof *m->slot);
    advise_huge(m->entry, (size_t)n_entries * sizeof *m->entry);
    memset(m->slot, 0, cap * sizeof *m->slot);
    memset(m->dense, 0, (size_t)m->cap_rows * m->row_len * sizeof *m->dense);
    return ANNALS_OK;
}

/* Enter a feature whose n entries from off are already in place; one with
** DENSE_MIN or more also gets a dense row while rows are left. */
static void pm_insert(struct percep_model *m, uint64_t key, uint32_t off, uint32_t n)
{
    size_t i = home(m, key);
    while (m->slot[i].key != 0)
        i = (i + 1) & m->mask;
    m->slot[i].key = key;
    m->slot[i].off = off;
    m->slot[i].n = (uint16_t)n;
    m->slot[i].row = 0;
    if (n >= DENSE_MIN && m->n_rows < m->cap_rows) {
        float *row = &m->dense[(size_t)m->n_rows * m->row_len];
        for (uint32_t j = 0; j < n; j++)
            row[m->entry[off + j].cls] += m->entry[off + j].w;
        m->slot[i].row = (uint16_t)++m->n_rows;
    }
}

/* WGHT: u32 n_classes, u32 n_feats, u32 n_entries, then n_feats x {u64 key,
** u16 count}, then n_entries x {u16 class, f32 weight}.  A first pass over
** the keys checks them and counts the dense rows; then the weights are
** checked as they are copied, and the keys enter the table. */
int annals__pm_load(const struct annals_alloc *a, const struct model_section *s,
                    uint32_t n_classes, struct percep_model *m, char *err, size_t errlen)
{
    struct model_rd r;
    const unsigned char *feat, *wt;
    uint32_t nc, nf, ne, off = 0, n_dense = 0;
    uint64_t prev = 0;
    int rc;

    memset(m, 0, sizeof *m);
    annals__rd_init(&r, s);
    nc = annals__rd_u32(&r);
    nf = annals__rd_u32(&r);
    ne = annals__rd_u32(&r);
    if (r.bad) {
        annals__fmt(err, errlen, "section WGHT: truncated counts");
        return ANNALS_EMODEL;
    }
    if (nc != n_classes) {
        annals__fmt(err, errlen, "section WGHT: %u classes but LABL has %u", (unsigned)nc,
                    (unsigned)n_classes);
        return ANNALS_EMODEL;
    }
    if ((uint64_t)nf * 10 + (uint64_t)ne * 6 != annals__rd_left(&r)) {
        annals__fmt(err, errlen,
                    "section WGHT: %u features and %u weights need %llu bytes, found %zu",
                    (unsigned)nf, (unsigned)ne,
                    (unsigned long long)((uint64_t)nf * 10 + (uint64_t)ne * 6),
                    annals__rd_left(&r));
        return ANNALS_EMODEL;
    }
    feat = annals__rd_bytes(&r, (size_t)nf * 10);
    wt = annals__rd_bytes(&r, (size_t)ne * 6);
    for (uint32_t i = 0; i < nf; i++) {
        uint64_t key = annals__le64(feat + (size_t)i * 10);
        uint32_t cnt = annals__le16(feat + (size_t)i * 10 + 8);
        if (key <= prev || cnt == 0 || cnt > ne - off) {
            annals__fmt(err, errlen,
                        "section WGHT: feature %u: %s", (unsigned)i,
                        key <= prev ? "keys not strictly ascending (or zero)"
                                    : "bad weight count");
            return ANNALS_EMODEL;
        }
        n_dense += cnt >= DENSE_MIN;
        off += cnt;
        prev = key;
    }
    if (off != ne) {
        annals__fmt(err, errlen, "section WGHT: counts cover %u of %u weights", (unsigned)off,
                    (unsigned)ne);
        return ANNALS_EMODEL;
    }
    rc = pm_alloc(a, m, nc, nf, ne, n_dense);
    if (rc != ANNALS_OK) {
        annals__fmt(err, errlen, "section WGHT: out of memory");
        return rc;
    }
    for (uint32_t j = 0; j < ne; j++) {
        uint32_t cls = annals__le16(wt + (size_t)j * 6);
        uint32_t bits = annals__le32(wt + (size_t)j * 6 + 2);
        int nan = (bits & 0x7f800000u) == 0x7f800000u && (bits & 0x007fffffu) != 0;
        if (cls >= nc || nan) {
            annals__fmt(err, errlen, "section WGHT: weight %u: %s", (unsigned)j,
                        cls >= nc ? "class out of range" : "not a number");
            annals__pm_free(m);
            return ANNALS_EMODEL;
        }
        m->entry[j].cls = (uint16_t)cls;
        memcpy(&m->entry[j].w, &bits, sizeof bits);
    }
    off = 0;
    for (uint32_t i = 0; i < nf; i++) {
        uint32_t cnt = annals__le16(feat + (size_t)i * 10 + 8);
        pm_insert(m, annals__le64(feat + (size_t)i * 10), off, cnt);
        off += cnt;
    }
    return ANNALS_OK;
}

static int cmp_slot_key(const void *a, const void *b)
{
    uint64_t x = (*(const struct pm_slot *const *)a)->key;
    uint64_t y = (*(const struct pm_slot *const *)b)->key;
    return x < y ? -1 : x > y;
}

int annals__pm_save(const struct percep_model *m, struct annals_buf *b)
{
    const struct pm_slot **order;
    size_t k = 0;
    int rc = ANNALS_OK;

    order = annals__malloc(m->alloc, (size_t)(m->n_feats ? m->n_feats : 1) * sizeof *order);
    if (order == NULL)
        return ANNALS_ENOMEM;
    for (size_t i = 0; i <= m->mask; i++)
        if (m->slot[i].key != 0)
            order[k++] = &m->slot[i];
    qsort(order, k, sizeof *order, cmp_slot_key);
    rc |= annals__mw_u32(b, m->n_classes);
    rc |= annals__mw_u32(b, m->n_feats);
    rc |= annals__mw_u32(b, m->n_entries);
    for (size_t i = 0; i < k; i++) {
        rc |= annals__mw_u64(b, order[i]->key);
        rc |= annals__mw_u16(b, (uint16_t)order[i]->n);
    }
    for (size_t i = 0; i < k; i++)
        for (uint32_t j = 0; j < order[i]->n; j++) {
            const struct pm_entry *e = &m->entry[order[i]->off + j];
            rc |= annals__mw_u16(b, e->cls);
            rc |= annals__mw_f32(b, e->w);
        }
    annals__free(m->alloc, order, (size_t)(m->n_feats ? m->n_feats : 1) * sizeof *order);
    return rc != ANNALS_OK ? ANNALS_ENOMEM : ANNALS_OK;
}

/* ------------------------------------------------------------ trainer */

int annals__pt_init(struct percep_train *t, const struct annals_alloc *a, uint32_t n_classes)
{
    memset(t, 0, sizeof *t);
    t->alloc = a;
    t->n_classes = n_classes;
    t->cap = (size_t)1 << 16;
    t->keys = annals__malloc(a, t->cap * sizeof *t->keys);
    t->rowof = annals__malloc(a, t->cap * sizeof *t->rowof);
    if (t->keys == NULL || t->rowof == NULL) {
        annals__pt_free(t);
        return ANNALS_ENOMEM;
    }
    memset(t->keys, 0, t->cap * sizeof *t->keys);
    return ANNALS_OK;
}

void annals__pt_free(struct percep_train *t)
{
    if (t == NULL || t->alloc == NULL)
        return;
    for (size_t i = 0; i < t->n_rows; i++)
        annals__free(t->alloc, t->rows[i].e, t->rows[i].cap * sizeof *t->rows[i].e);
    annals__free(t->alloc, t->rows, t->cap_rows * sizeof *t->rows);
    annals__free(t->alloc, t->keys, t->cap * sizeof *t->keys);
    annals__free(t->alloc, t->rowof, t->cap * sizeof *t->rowof);
    memset(t, 0, sizeof *t);
}

static const struct pt_row *pt_find(const struct percep_train *t, uint64_t key)
{
    size_t mask = t->cap - 1, i = (size_t)key & mask;
    for (;;) {
        if (t->keys[i] == key)
            return &t->rows[t->rowof[i]];
        if (t->keys[i] == 0)
            return NULL;
        i = (i + 1) & mask;
    }
}

static int pt_grow(struct percep_train *t)
{
    size_t ncap = t->cap * 2, mask = ncap - 1;
    uint64_t *nk = annals__malloc(t->alloc, ncap * sizeof *nk);
    uint32_t *nr = annals__malloc(t->alloc, ncap * sizeof *nr);
    if (nk == NULL || nr == NULL) {
        annals__free(t->alloc, nk, ncap * sizeof *nk);
        annals__free(t->alloc, nr, ncap * sizeof *nr);
        return ANNALS_ENOMEM;
    }
    memset(nk, 0, ncap * sizeof *nk);
    for (size_t i = 0; i < t->cap; i++) {
        if (t->keys[i] == 0)
            continue;
        size_t j = (size_t)t->keys[i] & mask;
        while (nk[j] != 0)
            j = (j + 1) & mask;
        nk[j] = t->keys[i];
        nr[j] = t->rowof[i];
    }
    annals__free(t->alloc, t->keys, t->cap * sizeof *t->keys);
    annals__free(t->alloc, t->rowof, t->cap * sizeof *t->rowof);
    t->keys = nk;
    t->rowof = nr;
    t->cap = ncap;
    return ANNALS_OK;
}

static struct pt_row *pt_get(struct percep_train *t, uint64_t key)
{
    size_t mask, i;
    if ((t->n_rows + 1) * 2 > t->cap && pt_grow(t) != ANNALS_OK)
        return NULL;
    mask = t->cap - 1;
    i = (size_t)key & mask;
    while (t->keys[i] != 0) {
        if (t->keys[i] == key)
            return &t->rows[t->rowof[i]];
        i = (i + 1) & mask;
    }
    if (t->n_rows == t->cap_rows) {
        size_t nc = t->cap_rows ? t->cap_rows * 2 : 4096;
        struct pt_row *nr = annals__realloc(t->alloc, t->rows, t->cap_rows * sizeof *nr,
                                            nc * sizeof *nr);
        if (nr == NULL)
            return NULL;
        t->rows = nr;
        t->cap_rows = nc;
    }
    t->keys[i] = key;
    t->rowof[i] = (uint32_t)t->n_rows;
    memset(&t->rows[t->n_rows], 0, sizeof *t->rows);
    return &t->rows[t->n_rows++];
}

void annals__pt_score(const struct percep_train *t, const uint64_t *keys, size_t n,
                      float *scores)
{
    for (size_t i = 0; i < n; i++) {
        const struct pt_row *r = pt_find(t, keys[i]);
        if (r == NULL)
            continue;
        for (uint32_t j = 0; j < r->n; j++)
            scores[r->e[j].cls] += r->e[j].w;
    }
}

static int bump(struct percep_train *t, struct pt_row *r, unsigned cls, float delta)
{
    struct pt_entry *e = NULL;
    for (uint32_t j = 0; j < r->n; j++)
        if (r->e[j].cls == cls) {
            e = &r->e[j];
            break;
        }
    if (e == NULL) {
        if (r->n == r->cap) {
            uint32_t nc = r->cap ? r->cap * 2 : 2;
            struct pt_entry *ne = annals__realloc(t->alloc, r->e, r->cap * sizeof *ne,
                                                  nc * sizeof *ne);
            if (ne == NULL)
                return ANNALS_ENOMEM;
            r->e = ne;
            r->cap = nc;
        }
        e = &r->e[r->n++];
        memset(e, 0, sizeof *e);
        e->cls = (uint16_t)cls;
        e->stamp = t->now;
    }
    e->total += (double)(t->now - e->stamp) * e->w;
    e->stamp = t->now;
    e->w += delta;
    return ANNALS_OK;
}

int annals__pt_update(struct percep_train *t, const uint64_t *keys, size_t n, unsigned gold,
                      unsigned guess)
{
    if (gold == guess)
        return ANNALS_OK;
    for (size_t i = 0; i < n; i++) {
        struct pt_row *r = pt_get(t, keys[i]);
        if (r == NULL || bump(t, r, gold, 1.0f) != ANNALS_OK ||
            bump(t, r, guess, -1.0f) != ANNALS_OK)
            return ANNALS_ENOMEM;
    }
    return ANNALS_OK;
}

static float averaged(const struct percep_train *t, const struct pt_entry *e)
{
    double tot = e->total + (double)(t->now - e->stamp) * e->w;
    return t->now > 0 ? (float)(tot / t->now) : 0.0f;
}

int annals__pt_average(const struct percep_train *t, float prune, struct percep_model *out)
{
    uint32_t nf = 0, ne = 0, off = 0, n_dense = 0;
    int rc;

    for (size_t i = 0; i < t->n_rows; i++) {
        uint32_t k = 0;
        for (uint32_t j = 0; j < t->rows[i].n; j++) {
            float w = averaged(t, &t->rows[i].e[j]);
            k += (w >= prune || w <= -prune) && w != 0.0f;
        }
        nf += k > 0;
        ne += k;
        n_dense += k >= DENSE_MIN;
    }
    rc = pm_alloc(t->alloc, out, t->n_classes, nf, ne, n_dense);
    if (rc != ANNALS_OK)
        return rc;
    for (size_t s = 0; s < t->cap; s++) {
        const struct pt_row *r;
        uint32_t k = 0;
        if (t->keys[s] == 0)
            continue;
        r = &t->rows[t->rowof[s]];
        for (uint32_t j = 0; j < r->n; j++) {
            float w = averaged(t, &r->e[j]);
            if ((w >= prune || w <= -prune) && w != 0.0f) {
                out->entry[off + k].cls = r->e[j].cls;
                out->entry[off + k].w = w;
                k++;
            }
        }
        if (k > 0) {
            pm_insert(out, t->keys[s], off, k);
            off += k;
        }
    }
    return ANNALS_OK;
}
