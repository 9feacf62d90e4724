/* train_clusters.c -- `annals train clusters`: Brown clustering (Brown et al.
** 1992) of the words of a plain-text corpus (one sentence a line, words
** separated by spaces), with the windowed algorithm of Liang (2005): words
** enter in decreasing frequency; each new word becomes a cluster of its own
** and then the two clusters whose merge loses the least mutual information
** between adjacent clusters are merged, so at most C + 1 clusters exist at
** a time.  When every word is in, the C clusters are merged down to one,
** and the path from the root of that merge tree names each cluster
** ("0" for the cluster kept, "1" for the one merged into it).  Writes a
** CLU1 model (docs/MODEL-FORMAT.md). */
#include "clusters.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_CLUSTERS 256
#define MIN_COUNT 3             /* rarer words are left out, and break bigrams */

struct vocab_word {
    uint64_t hash;              /* annals__hash_lower() of the form */
    uint32_t count;
};

struct pair {
    uint32_t a, b, count;
};

/* State of the clustering over K = C + 1 slots.  P holds the bigram
** probabilities between the clusters of the slots, p their unigram
** probabilities, q the mutual-information terms P log(P / p p), and L the
** loss of merging two slots (upper triangle). */
struct brown {
    size_t k;
    double *P, *q, *L, *p;
    unsigned char *active;
    int32_t *rep;               /* a word of each slot's cluster */
};

/* Entry (i, j) of a K x K matrix of the struct brown *b in scope. */
#define AT(m, i, j) ((m)[(size_t)(i) * b->k + (size_t)(j)])

static double mi_term(double pxy, double px, double py)
{
    return pxy > 0 ? pxy * log(pxy / (px * py)) : 0.0;
}

/* Change of the loss of merging i and j due to slot d: their terms with d
** before the merge minus the merged cluster's terms with d. */
static double with_slot(const struct brown *b, size_t i, size_t j, size_t d)
{
    double pij = b->p[i] + b->p[j];
    return AT(b->q, i, d) + AT(b->q, d, i) + AT(b->q, j, d) + AT(b->q, d, j) -
           mi_term(AT(b->P, i, d) + AT(b->P, j, d), pij, b->p[d]) -
           mi_term(AT(b->P, d, i) + AT(b->P, d, j), b->p[d], pij);
}

static double loss(const struct brown *b, size_t i, size_t j)
{
    double pij = b->p[i] + b->p[j];
    double l = AT(b->q, i, i) + AT(b->q, i, j) + AT(b->q, j, i) + AT(b->q, j, j) -
               mi_term(AT(b->P, i, i) + AT(b->P, i, j) + AT(b->P, j, i) + AT(b->P, j, j), pij,
                       pij);
    for (size_t d = 0; d < b->k; d++)
        if (b->active[d] && d != i && d != j)
            l += with_slot(b, i, j, d);
    return l;
}

static void set_terms(struct brown *b, size_t s)
{
    for (size_t d = 0; d < b->k; d++)
        if (b->active[d]) {
            AT(b->q, s, d) = mi_term(AT(b->P, s, d), b->p[s], b->p[d]);
            AT(b->q, d, s) = mi_term(AT(b->P, d, s), b->p[d], b->p[s]);
        }
}

/* Add (sign 1) or remove (sign -1) the terms of slot d from the losses of
** every other pair of active slots. */
static void update_losses(struct brown *b, size_t d, double sign, size_t skip)
{
    for (size_t i = 0; i < b->k; i++) {
        if (!b->active[i] || i == d || i == skip)
            continue;
        for (size_t j = i + 1; j < b->k; j++)
            if (b->active[j] && j != d && j != skip)
                AT(b->L, i, j) += sign * with_slot(b, i, j, d);
    }
}

static void refresh_losses(struct brown *b, size_t s)
{
    for (size_t d = 0; d < b->k; d++)
        if (b->active[d] && d != s) {
            size_t i = d < s ? d : s, j = d < s ? s : d;
            AT(b->L, i, j) = loss(b, i, j);
        }
}

/* The active pair of least loss. */
static void best_pair(const struct brown *b, size_t *bi, size_t *bj)
{
    double best = HUGE_VAL;
    for (size_t i = 0; i < b->k; i++) {
        if (!b->active[i])
            continue;
        for (size_t j = i + 1; j < b->k; j++)
            if (b->active[j] && AT(b->L, i, j) < best) {
                best = AT(b->L, i, j);
                *bi = i;
                *bj = j;
            }
    }
}

/* Merge slot j into slot i (i < j). */
static void merge(struct brown *b, size_t i, size_t j, int32_t *uf)
{
    update_losses(b, i, -1, j);
    update_losses(b, j, -1, i);
    for (size_t d = 0; d < b->k; d++)
        if (b->active[d] && d != i && d != j) {
            AT(b->P, i, d) += AT(b->P, j, d);
            AT(b->P, d, i) += AT(b->P, d, j);
        }
    AT(b->P, i, i) += AT(b->P, i, j) + AT(b->P, j, i) + AT(b->P, j, j);
    b->p[i] += b->p[j];
    b->active[j] = 0;
    for (size_t d = 0; d < b->k; d++) {
        AT(b->P, j, d) = AT(b->P, d, j) = 0;
        AT(b->q, j, d) = AT(b->q, d, j) = 0;
    }
    uf[b->rep[j]] = b->rep[i];
    set_terms(b, i);
    update_losses(b, i, 1, i);
    refresh_losses(b, i);
}

static int32_t find_root(int32_t *uf, int32_t w)
{
    int32_t r = w;
    while (uf[r] != r)
        r = uf[r];
    while (uf[w] != r) {
        int32_t n = uf[w];
        uf[w] = r;
        w = n;
    }
    return r;
}

static int cmp_vocab(const void *x, const void *y)
{
    const struct vocab_word *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->hash < b->hash ? -1 : a->hash > b->hash;
}

static int cmp_pair(const void *x, const void *y)
{
    const struct pair *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

/* Words of the corpus: distinct hashes with their counts. */
struct vocab {
    const struct annals_alloc *alloc;
    uint64_t *key;
    uint32_t *count;
    size_t cap, n;
};

static uint32_t *vocab_count(struct vocab *v, uint64_t h)
{
    size_t i;
    if ((v->n + 1) * 2 > v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 1 << 16;
        uint64_t *nk = annals__malloc(v->alloc, nc * sizeof *nk);
        uint32_t *ncount = annals__malloc(v->alloc, nc * sizeof *ncount);
        if (nk == NULL || ncount == NULL) {
            annals__free(v->alloc, nk, nc * sizeof *nk);
            annals__free(v->alloc, ncount, nc * sizeof *ncount);
            return NULL;
        }
        memset(nk, 0, nc * sizeof *nk);
        for (size_t j = 0; j < v->cap; j++)
            if (v->key[j] != 0) {
                size_t s = (size_t)v->key[j] & (nc - 1);
                while (nk[s] != 0)
                    s = (s + 1) & (nc - 1);
                nk[s] = v->key[j];
                ncount[s] = v->count[j];
            }
        annals__free(v->alloc, v->key, v->cap * sizeof *v->key);
        annals__free(v->alloc, v->count, v->cap * sizeof *v->count);
        v->key = nk;
        v->count = ncount;
        v->cap = nc;
    }
    i = (size_t)h & (v->cap - 1);
    while (v->key[i] != 0 && v->key[i] != h)
        i = (i + 1) & (v->cap - 1);
    if (v->key[i] == 0) {
        v->key[i] = h;
        v->count[i] = 0;
        v->n++;
    }
    return &v->count[i];
}

static void vocab_free(struct vocab *v)
{
    annals__free(v->alloc, v->key, v->cap * sizeof *v->key);
    annals__free(v->alloc, v->count, v->cap * sizeof *v->count);
}

/* Calls fn(ud, hash, 0) for each word of the corpus (words whose hash is 0
** are skipped: it marks empty slots) and fn(ud, 0, 1) at each line end. */
static int each_word(const char *s, size_t n, int (*fn)(void *, uint64_t, int), void *ud)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] == '\n' || s[i] == '\r') {
            if (fn(ud, 0, 1) != ANNALS_OK)
                return ANNALS_ENOMEM;
            i++;
        } else if (s[i] == ' ' || s[i] == '\t') {
            i++;
        } else {
            size_t j = i;
            while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
                j++;
            uint64_t h = annals__hash_lower(s + i, j - i);
            if (h != 0 && fn(ud, h, 0) != ANNALS_OK)
                return ANNALS_ENOMEM;
            i = j;
        }
    }
    return fn(ud, 0, 1);
}

static int count_word(void *ud, uint64_t h, int end)
{
    uint32_t *c;
    if (end)
        return ANNALS_OK;
    c = vocab_count(ud, h);
    if (c == NULL)
        return ANNALS_ENOMEM;
    (*c)++;
    return ANNALS_OK;
}

/* Bigram collection: word ids of adjacent kept words of a line. */
struct bigrams {
    const struct annals_alloc *alloc;
    const uint64_t *key;        /* vocab table, for the ids */
    const int32_t *id;
    size_t mask;
    int32_t prev;
    struct pair *pairs;
    size_t n, cap;
};

static int add_bigram(void *ud, uint64_t h, int end)
{
    struct bigrams *g = ud;
    int32_t id = -1;
    if (!end) {
        size_t i = (size_t)h & g->mask;
        while (g->key[i] != h)
            i = (i + 1) & g->mask;
        id = g->id[i];
    }
    if (id >= 0 && g->prev >= 0) {
        if (g->n == g->cap) {
            size_t nc = g->cap ? g->cap * 2 : 1 << 16;
            struct pair *p = annals__realloc(g->alloc, g->pairs, g->cap * sizeof *p,
                                             nc * sizeof *p);
            if (p == NULL)
                return ANNALS_ENOMEM;
            g->pairs = p;
            g->cap = nc;
        }
        g->pairs[g->n].a = (uint32_t)g->prev;
        g->pairs[g->n].b = (uint32_t)id;
        g->pairs[g->n].count = 1;
        g->n++;
    }
    g->prev = id;
    return ANNALS_OK;
}

/* Sort and merge equal pairs; returns the number of distinct ones. */
static size_t merge_pairs(struct pair *p, size_t n)
{
    size_t k = 0;
    qsort(p, n, sizeof *p, cmp_pair);
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && p[k - 1].a == p[i].a && p[k - 1].b == p[i].b)
            p[k - 1].count += p[i].count;
        else
            p[k++] = p[i];
    }
    return k;
}

struct cluster_run {
    const struct annals_alloc *alloc;
    size_t nv, n_clusters;
    struct vocab_word *words;   /* by decreasing count */
    struct pair *right, *left;  /* bigrams sorted by first, by second word
                                   (right is borrowed) */
    size_t *right_at, *left_at; /* nv + 1 offsets into them */
    double total_bigrams, total_words;
    int32_t *uf, *slot_of_root;
    struct brown b;
    int32_t *leaf_of_slot;      /* tree node of each slot in the final merges */
    int32_t *child;             /* 2 per inner node of the tree */
    char **path;                /* of each tree node */
};

/* Put word w into the free slot s. */
static void add_word(struct cluster_run *r, int32_t w, size_t s)
{
    struct brown *b = &r->b;
    for (size_t d = 0; d < b->k; d++)
        AT(b->P, s, d) = AT(b->P, d, s) = 0;
    for (size_t e = r->right_at[w]; e < r->right_at[w + 1]; e++)
        if ((int32_t)r->right[e].b <= w) {
            size_t d = r->right[e].b == (uint32_t)w
                           ? s : (size_t)r->slot_of_root[find_root(r->uf, (int32_t)r->right[e].b)];
            AT(b->P, s, d) += r->right[e].count / r->total_bigrams;
        }
    for (size_t e = r->left_at[w]; e < r->left_at[w + 1]; e++)
        if ((int32_t)r->left[e].a < w) {
            size_t d = (size_t)r->slot_of_root[find_root(r->uf, (int32_t)r->left[e].a)];
            AT(b->P, d, s) += r->left[e].count / r->total_bigrams;
        }
    b->p[s] = r->words[w].count / r->total_words;
    b->active[s] = 1;
    b->rep[s] = w;
    r->slot_of_root[w] = (int32_t)s;
    set_terms(b, s);
    update_losses(b, s, 1, s);
    refresh_losses(b, s);
}

/* Merge the best pair; keep slot_of_root current.  Returns the slot kept
** in *kept and the one merged into it in *gone. */
static void merge_best(struct cluster_run *r, size_t *kept, size_t *gone)
{
    size_t i = 0, j = 0;
    best_pair(&r->b, &i, &j);
    merge(&r->b, i, j, r->uf);
    r->slot_of_root[r->b.rep[i]] = (int32_t)i;
    *kept = i;
    *gone = j;
}

static int build_paths(struct cluster_run *r, int32_t node, char *buf, size_t depth,
                       size_t n_leaves)
{
    if ((size_t)node < n_leaves) {
        r->path[node] = annals__malloc(r->alloc, depth + 1);
        if (r->path[node] == NULL)
            return ANNALS_ENOMEM;
        memcpy(r->path[node], buf, depth);
        r->path[node][depth] = '\0';
        return ANNALS_OK;
    }
    for (int side = 0; side < 2; side++) {
        buf[depth] = (char)('0' + side);
        int rc = build_paths(r, r->child[2 * ((size_t)node - n_leaves) + (size_t)side], buf,
                             depth + 1, n_leaves);
        if (rc != ANNALS_OK)
            return rc;
    }
    return ANNALS_OK;
}

static int cmp_pair_second(const void *x, const void *y)
{
    const struct pair *a = x, *b = y;
    if (a->b != b->b)
        return a->b < b->b ? -1 : 1;
    return a->a < b->a ? -1 : a->a > b->a;
}

/* Offsets of each word's run in pairs sorted by the word (first or second). */
static void runs(const struct pair *p, size_t n, int second, size_t *at, size_t nv)
{
    size_t e = 0;
    for (size_t w = 0; w <= nv; w++) {
        while (e < n && (second ? p[e].b : p[e].a) < w)
            e++;
        at[w] = e;
    }
}

static void run_free(struct cluster_run *r, size_t n_pairs)
{
    const struct annals_alloc *a = r->alloc;
    size_t k = r->b.k, nv = r->nv, inner = r->n_clusters ? r->n_clusters - 1 : 0;
    annals__free(a, r->words, (nv ? nv : 1) * sizeof *r->words);
    annals__free(a, r->left, (n_pairs ? n_pairs : 1) * sizeof *r->left);
    annals__free(a, r->right_at, (nv + 1) * sizeof *r->right_at);
    annals__free(a, r->left_at, (nv + 1) * sizeof *r->left_at);
    annals__free(a, r->uf, (nv ? nv : 1) * sizeof *r->uf);
    annals__free(a, r->slot_of_root, (nv ? nv : 1) * sizeof *r->slot_of_root);
    annals__free(a, r->b.P, k * k * sizeof *r->b.P);
    annals__free(a, r->b.q, k * k * sizeof *r->b.q);
    annals__free(a, r->b.L, k * k * sizeof *r->b.L);
    annals__free(a, r->b.p, k * sizeof *r->b.p);
    annals__free(a, r->b.active, k);
    annals__free(a, r->b.rep, k * sizeof *r->b.rep);
    annals__free(a, r->leaf_of_slot, k * sizeof *r->leaf_of_slot);
    annals__free(a, r->child, (2 * inner + 1) * sizeof *r->child);
    if (r->path != NULL)
        for (size_t i = 0; i < r->n_clusters; i++)
            if (r->path[i] != NULL)
                annals__free(a, r->path[i], strlen(r->path[i]) + 1);
    annals__free(a, r->path, (r->n_clusters ? r->n_clusters : 1) * sizeof *r->path);
}

/* Cluster the words; on success r->path names each leaf (cluster) and
** leaf_of_word gives each word's leaf. */
static int cluster(const struct train_ctx *c, struct cluster_run *r, int32_t *leaf_of_word)
{
    struct brown *b = &r->b;
    size_t k = r->n_clusters + 1, n_active = 0, inner = r->n_clusters - 1;
    double t0 = annals__now();
    char *buf;

    b->k = k;
    b->P = annals__malloc(r->alloc, k * k * sizeof *b->P);
    b->q = annals__malloc(r->alloc, k * k * sizeof *b->q);
    b->L = annals__malloc(r->alloc, k * k * sizeof *b->L);
    b->p = annals__malloc(r->alloc, k * sizeof *b->p);
    b->active = annals__malloc(r->alloc, k);
    b->rep = annals__malloc(r->alloc, k * sizeof *b->rep);
    r->uf = annals__malloc(r->alloc, r->nv * sizeof *r->uf);
    r->slot_of_root = annals__malloc(r->alloc, r->nv * sizeof *r->slot_of_root);
    r->leaf_of_slot = annals__malloc(r->alloc, k * sizeof *r->leaf_of_slot);
    r->child = annals__malloc(r->alloc, (2 * inner + 1) * sizeof *r->child);
    r->path = annals__malloc(r->alloc, r->n_clusters * sizeof *r->path);
    if (b->P == NULL || b->q == NULL || b->L == NULL || b->p == NULL || b->active == NULL ||
        b->rep == NULL || r->uf == NULL || r->slot_of_root == NULL || r->leaf_of_slot == NULL ||
        r->child == NULL || r->path == NULL)
        return ANNALS_ENOMEM;
    memset(b->P, 0, k * k * sizeof *b->P);
    memset(b->q, 0, k * k * sizeof *b->q);
    memset(b->L, 0, k * k * sizeof *b->L);
    memset(b->active, 0, k);
    memset(r->path, 0, r->n_clusters * sizeof *r->path);
    for (size_t w = 0; w < r->nv; w++)
        r->uf[w] = (int32_t)w;
    for (size_t w = 0; w < r->nv; w++) {
        size_t s = 0, kept, gone;
        while (b->active[s])
            s++;
        add_word(r, (int32_t)w, s);
        if (++n_active > r->n_clusters) {
            merge_best(r, &kept, &gone);
            n_active--;
        }
        if ((w + 1) % 5000 == 0)
            annals__train_say(c, "clusters: %zu of %zu words in; %.0f s", w + 1, r->nv,
                              annals__now() - t0);
    }
    /* The final merges build the tree over the clusters now active. */
    {
        int32_t leaf = 0;
        for (size_t s = 0; s < k; s++)
            r->leaf_of_slot[s] = b->active[s] ? leaf++ : -1;
        for (size_t w = 0; w < r->nv; w++)
            leaf_of_word[w] = r->leaf_of_slot[r->slot_of_root[find_root(r->uf, (int32_t)w)]];
    }
    for (size_t t = 0; t < inner; t++) {
        size_t kept, gone;
        merge_best(r, &kept, &gone);
        r->child[2 * t] = r->leaf_of_slot[kept];
        r->child[2 * t + 1] = r->leaf_of_slot[gone];
        r->leaf_of_slot[kept] = (int32_t)(r->n_clusters + t);
    }
    buf = annals__malloc(r->alloc, r->n_clusters + 1);
    if (buf == NULL)
        return ANNALS_ENOMEM;
    {
        int rc = build_paths(r, (int32_t)(r->n_clusters + inner - 1), buf, 0, r->n_clusters);
        annals__free(r->alloc, buf, r->n_clusters + 1);
        annals__train_say(c, "clusters: %zu words in %zu clusters; %.0f s", r->nv, r->n_clusters,
                          annals__now() - t0);
        return rc;
    }
}

static int save(const struct train_ctx *c, const unsigned char *data, size_t len,
                const struct clusters *cl, size_t n_clusters, size_t n_tokens)
{
    struct model_writer w;
    struct annals_buf *b;
    int rc;

    annals__mw_init(&w, c->alloc, "CLU1");
    rc = annals__meta_write(&w, c, (const char *)data, len, NULL);
    b = annals__mw_section(&w, "FEAT");
    if (b == NULL)
        rc = ANNALS_ENOMEM;
    else
        rc |= annals__buf_printf(b, "method=brown\nclusters=%zu\nmin_count=%d\nwords=%u\n"
                                    "corpus_words=%zu\nkey=lower-cased form\n",
                                 n_clusters, MIN_COUNT, (unsigned)cl->n_words, n_tokens);
    if (rc == ANNALS_OK)
        rc = annals__clusters_save(cl, &w, "LABL");
    return annals__train_write(&w, c, rc);
}

int annals__train_clusters(const struct train_ctx *c)
{
    struct cluster_run r;
    struct vocab v;
    struct bigrams g;
    struct clusters *cl = NULL;
    struct labelset ls;
    struct conllu_str *names = NULL;
    struct cl_entry *entries = NULL;
    int32_t *id = NULL, *leaf_of_word = NULL;
    unsigned char *data;
    size_t len, cap, n_pairs = 0, n_tokens = 0, want;
    int rc;

    memset(&r, 0, sizeof r);
    memset(&v, 0, sizeof v);
    memset(&g, 0, sizeof g);
    memset(&ls, 0, sizeof ls);
    r.alloc = v.alloc = g.alloc = c->alloc;
    want = c->opt->clusters > 0 ? (size_t)c->opt->clusters : DEFAULT_CLUSTERS;
    if (want < 2 || want > 65535) {
        annals__fmt(c->err, c->errlen, "clusters: %zu asked, 2 to 65535 possible", want);
        return ANNALS_EINVAL;
    }
    rc = annals__slurp(c->alloc, c->opt->train_path, &data, &len, &cap, c->err, c->errlen);
    if (rc != ANNALS_OK)
        return rc;
    rc = each_word((const char *)data, len, count_word, &v);
    if (rc != ANNALS_OK)
        goto oom;
    /* Words kept, by decreasing count; their ids index the vocab slots. */
    r.words = annals__malloc(c->alloc, (v.n ? v.n : 1) * sizeof *r.words);
    id = annals__malloc(c->alloc, (v.cap ? v.cap : 1) * sizeof *id);
    if (r.words == NULL || id == NULL)
        goto oom;
    for (size_t i = 0; i < v.cap; i++) {
        n_tokens += v.key[i] != 0 ? v.count[i] : 0;
        if (v.key[i] != 0 && v.count[i] >= MIN_COUNT) {
            r.words[r.nv].hash = v.key[i];
            r.words[r.nv].count = v.count[i];
            r.nv++;
        }
    }
    qsort(r.words, r.nv, sizeof *r.words, cmp_vocab);
    if (r.nv < 2) {
        annals__fmt(c->err, c->errlen, "%s: fewer than two words seen %d times",
                    c->opt->train_path, MIN_COUNT);
        rc = ANNALS_EFORMAT;
        goto out;
    }
    r.n_clusters = want < r.nv ? want : r.nv;
    for (size_t i = 0; i < v.cap; i++)
        id[i] = -1;
    for (size_t w = 0; w < r.nv; w++) {
        size_t i = (size_t)r.words[w].hash & (v.cap - 1);
        while (v.key[i] != r.words[w].hash)
            i = (i + 1) & (v.cap - 1);
        id[i] = (int32_t)w;
    }
    g.key = v.key;
    g.id = id;
    g.mask = v.cap - 1;
    g.prev = -1;
    rc = each_word((const char *)data, len, add_bigram, &g);
    if (rc != ANNALS_OK)
        goto oom;
    n_pairs = merge_pairs(g.pairs, g.n);
    r.right = g.pairs;
    r.left = annals__malloc(c->alloc, (n_pairs ? n_pairs : 1) * sizeof *r.left);
    r.right_at = annals__malloc(c->alloc, (r.nv + 1) * sizeof *r.right_at);
    r.left_at = annals__malloc(c->alloc, (r.nv + 1) * sizeof *r.left_at);
    leaf_of_word = annals__malloc(c->alloc, r.nv * sizeof *leaf_of_word);
    if (r.left == NULL || r.right_at == NULL || r.left_at == NULL || leaf_of_word == NULL)
        goto oom;
    memcpy(r.left, r.right, n_pairs * sizeof *r.left);
    qsort(r.left, n_pairs, sizeof *r.left, cmp_pair_second);
    runs(r.right, n_pairs, 0, r.right_at, r.nv);
    runs(r.left, n_pairs, 1, r.left_at, r.nv);
    for (size_t e = 0; e < n_pairs; e++)
        r.total_bigrams += r.right[e].count;
    for (size_t w = 0; w < r.nv; w++)
        r.total_words += r.words[w].count;
    annals__train_say(c, "clusters: %zu words in the corpus, %zu distinct words seen %d times, "
                         "%zu distinct bigrams", n_tokens, r.nv, MIN_COUNT, n_pairs);
    rc = cluster(c, &r, leaf_of_word);
    if (rc != ANNALS_OK)
        goto oom;
    names = annals__malloc(c->alloc, r.n_clusters * sizeof *names);
    entries = annals__malloc(c->alloc, r.nv * sizeof *entries);
    if (names == NULL || entries == NULL)
        goto oom;
    for (size_t i = 0; i < r.n_clusters; i++) {
        names[i].s = r.path[i];
        names[i].n = (uint32_t)strlen(r.path[i]);
    }
    if (annals__labels_build(c->alloc, names, r.n_clusters, &ls) != ANNALS_OK)
        goto oom;
    for (size_t w = 0; w < r.nv; w++) {
        const char *p = r.path[leaf_of_word[w]];
        entries[w].key = annals__cl_key(r.words[w].hash);
        entries[w].cluster = (uint32_t)annals__labels_find(&ls, p, strlen(p));
    }
    rc = annals__clusters_build(c->alloc, &ls, entries, r.nv, &cl);
    if (rc != ANNALS_OK)
        goto oom;
    rc = save(c, data, len, cl, r.n_clusters, n_tokens);
    goto out;
oom:
    rc = ANNALS_ENOMEM;
    annals__fmt(c->err, c->errlen, "out of memory");
out:
    annals__clusters_free(cl);
    annals__labels_free(c->alloc, &ls);
    annals__free(c->alloc, names, (r.n_clusters ? r.n_clusters : 1) * sizeof *names);
    annals__free(c->alloc, entries, (r.nv ? r.nv : 1) * sizeof *entries);
    annals__free(c->alloc, leaf_of_word, (r.nv ? r.nv : 1) * sizeof *leaf_of_word);
    annals__free(c->alloc, id, (v.cap ? v.cap : 1) * sizeof *id);
    annals__free(c->alloc, g.pairs, g.cap * sizeof *g.pairs);
    run_free(&r, n_pairs);
    vocab_free(&v);
    annals__free(c->alloc, data, cap);
    return rc;
}
