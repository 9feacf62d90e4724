/* clusters.c -- word clusters at run time: load, look up, save (clusters.h). */
#include "clusters.h"
#include "keytab.h"

#include <stdlib.h>
#include <string.h>

/* Bytes of a prefix table (one spare hash, so that it is never empty). */
static size_t prefix_size(size_t n_clusters, unsigned n_prefix)
{
    return (n_clusters * n_prefix + 1) * sizeof(uint64_t);
}

int32_t annals__clusters_find(const struct clusters *cl, uint64_t lower_hash)
{
    const struct cl_entry *e =
        annals__keytab_find(cl->tab, cl->mask, sizeof *cl->tab, annals__cl_key(lower_hash));
    return e != NULL ? (int32_t)e->cluster : -1;
}

void annals__clusters_prefetch(const struct clusters *cl, uint64_t lower_hash)
{
    annals__keytab_prefetch(cl->tab, cl->mask, sizeof *cl->tab, annals__cl_key(lower_hash));
}

int annals__clusters_build(const struct annals_alloc *a, struct labelset *paths,
                           const struct cl_entry *e, size_t n, struct clusters **out)
{
    struct clusters *cl = annals__malloc(a, sizeof *cl);
    *out = NULL;
    if (cl == NULL) {
        annals__labels_free(a, paths);
        return ANNALS_ENOMEM;
    }
    memset(cl, 0, sizeof *cl);
    cl->alloc = a;
    cl->paths = *paths;
    memset(paths, 0, sizeof *paths);
    cl->tab = annals__keytab_build(a, e, n, sizeof *e, &cl->mask);
    if (cl->tab == NULL) {
        annals__clusters_free(cl);
        return ANNALS_ENOMEM;
    }
    cl->n_words = (uint32_t)n;
    *out = cl;
    return ANNALS_OK;
}

void annals__clusters_free(struct clusters *cl)
{
    if (cl == NULL)
        return;
    if (cl->tab != NULL)
        annals__free(cl->alloc, cl->tab, (cl->mask + 1) * sizeof *cl->tab);
    if (cl->prefix != NULL)
        annals__free(cl->alloc, cl->prefix, prefix_size(cl->paths.n, cl->n_prefix));
    annals__labels_free(cl->alloc, &cl->paths);
    annals__free(cl->alloc, cl, sizeof *cl);
}

/* WCLS: u32 n, then n x {u64 key, u16 cluster}, keys strictly ascending. */
int annals__clusters_open(const struct annals_alloc *a, const struct model_section *paths,
                          const struct model_section *words, struct clusters **out, char *err,
                          size_t errlen)
{
    struct labelset ls;
    struct model_rd r;
    struct cl_entry *e;
    uint32_t n;
    uint64_t prev = 0;
    int rc;

    *out = NULL;
    if (paths == NULL || words == NULL) {
        annals__fmt(err, errlen, "word clusters: section %s missing",
                    paths == NULL ? "of bit strings" : "WCLS");
        return ANNALS_EMODEL;
    }
    rc = annals__labels_load(a, paths, &ls, err, errlen);
    if (rc != ANNALS_OK)
        return rc;
    for (uint32_t i = 0; i < ls.n; i++)
        if (strspn(ls.s[i], "01") != ls.len[i]) {
            annals__fmt(err, errlen, "word clusters: bit string %u is not made of 0 and 1",
                        (unsigned)i);
            annals__labels_free(a, &ls);
            return ANNALS_EMODEL;
        }
    annals__rd_init(&r, words);
    n = annals__rd_u32(&r);
    if (r.bad || (uint64_t)n * 10 != annals__rd_left(&r)) {
        annals__fmt(err, errlen, "section WCLS: %u entries do not fit %zu bytes", (unsigned)n,
                    annals__rd_left(&r));
        annals__labels_free(a, &ls);
        return ANNALS_EMODEL;
    }
    e = annals__malloc(a, (size_t)(n ? n : 1) * sizeof *e);
    if (e == NULL) {
        annals__labels_free(a, &ls);
        return ANNALS_ENOMEM;
    }
    for (uint32_t i = 0; i < n; i++) {
        e[i].key = annals__rd_u64(&r);
        e[i].cluster = annals__rd_u16(&r);
        if (e[i].key <= prev || e[i].cluster >= ls.n) {
            annals__fmt(err, errlen, "section WCLS: entry %u: %s", (unsigned)i,
                        e[i].key <= prev ? "keys not strictly ascending"
                                         : "cluster out of range");
            annals__free(a, e, (size_t)(n ? n : 1) * sizeof *e);
            annals__labels_free(a, &ls);
            return ANNALS_EMODEL;
        }
        prev = e[i].key;
    }
    rc = annals__clusters_build(a, &ls, e, n, out);
    annals__free(a, e, (size_t)(n ? n : 1) * sizeof *e);
    if (rc == ANNALS_ENOMEM)
        annals__fmt(err, errlen, "out of memory");
    return rc;
}

int annals__clusters_model_open(const struct annals_alloc *a, const struct annals_model *m,
                                struct clusters **out, char *err, size_t errlen)
{
    *out = NULL;
    if (memcmp(m->kind, "CLU1", 4) != 0) {
        annals__fmt(err, errlen, "model kind %.4s is not word clusters (CLU1)", m->kind);
        return ANNALS_EMODEL;
    }
    return annals__clusters_open(a, annals__model_find(m, "LABL"),
                                 annals__model_find(m, "WCLS"), out, err, errlen);
}

int annals__clusters_load(const struct annals_alloc *a, const char *path, struct clusters **out,
                          char *err, size_t errlen)
{
    struct annals_model m;
    char why[400];
    int rc;

    *out = NULL;
    rc = annals__model_load(a, path, &m, err, errlen);
    if (rc != ANNALS_OK)
        return rc;
    rc = annals__clusters_model_open(a, &m, out, why, sizeof why);
    annals__model_free(&m);
    if (rc != ANNALS_OK)
        annals__fmt(err, errlen, "%s: %s", path, why);
    return rc;
}

int annals__clusters_prefixes(struct clusters *cl, const int *len, unsigned n)
{
    uint64_t *p = annals__malloc(cl->alloc, prefix_size(cl->paths.n, n));
    if (p == NULL)
        return ANNALS_ENOMEM;
    for (uint32_t c = 0; c < cl->paths.n; c++)
        for (unsigned k = 0; k < n; k++) {
            size_t have = cl->paths.len[c], want = (size_t)len[k];
            p[(size_t)c * n + k] = annals__hash_bytes(cl->paths.s[c], have < want ? have : want) | 1;
        }
    if (cl->prefix != NULL)
        annals__free(cl->alloc, cl->prefix, prefix_size(cl->paths.n, cl->n_prefix));
    cl->prefix = p;
    cl->n_prefix = n;
    return ANNALS_OK;
}

static int cmp_entry(const void *x, const void *y)
{
    uint64_t a = ((const struct cl_entry *)x)->key, b = ((const struct cl_entry *)y)->key;
    return a < b ? -1 : a > b;
}

int annals__clusters_save(const struct clusters *cl, struct model_writer *w,
                          const char *paths_id)
{
    struct annals_buf *b = annals__mw_section(w, paths_id);
    struct cl_entry *e;
    size_t k = 0;
    int rc;

    if (b == NULL || annals__labels_save(&cl->paths, b) != ANNALS_OK)
        return ANNALS_ENOMEM;
    b = annals__mw_section(w, "WCLS");
    e = annals__malloc(cl->alloc, (cl->n_words ? cl->n_words : 1) * sizeof *e);
    if (b == NULL || e == NULL) {
        annals__free(cl->alloc, e, (cl->n_words ? cl->n_words : 1) * sizeof *e);
        return ANNALS_ENOMEM;
    }
    for (size_t i = 0; i <= cl->mask; i++)
        if (cl->tab[i].key != 0)
            e[k++] = cl->tab[i];
    qsort(e, k, sizeof *e, cmp_entry);
    rc = annals__mw_u32(b, (uint32_t)k);
    for (size_t i = 0; i < k && rc == ANNALS_OK; i++) {
        rc = annals__mw_u64(b, e[i].key);
        rc |= annals__mw_u16(b, (uint16_t)e[i].cluster);
    }
    annals__free(cl->alloc, e, (cl->n_words ? cl->n_words : 1) * sizeof *e);
    return rc;
}
