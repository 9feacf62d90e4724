/* ner_train.c -- 'annals train ner': build the gazetteer (GAZE) from TSV
** lists, word classes (LEXC) from CoNLL-U treebanks, read the labelled
** sets, and train the averaged perceptron with greedy decoding (predicted
** label history, as at run time).  Deterministic for a seed: sets are read
** in the order given, sentences shuffled with the seed's generator, tables
** serialised in key order. */
#include "ner.h"
#include "gazetteer.h"
#include "syntax.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void say(const struct ner_train_options *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say(const struct ner_train_options *o, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    if (o->progress == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->progress(o->progress_ud, line);
}

/* ------------------------------------------------------------ files */

struct blob {
    unsigned char *data;
    size_t len, cap;
};

struct blobs {
    struct blob *v;
    size_t n, cap;
};

static void blobs_free(const struct annals_alloc *a, struct blobs *b)
{
    for (size_t i = 0; i < b->n; i++)
        annals__free(a, b->v[i].data, b->v[i].cap);
    if (b->v)
        annals__free(a, b->v, b->cap * sizeof *b->v);
    memset(b, 0, sizeof *b);
}

static int load(const struct annals_alloc *a, struct blobs *b, const char *path, char *err,
                size_t errlen, struct blob **out)
{
    if (b->n == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 16;
        struct blob *q = annals__realloc(a, b->v, b->cap * sizeof *q, nc * sizeof *q);
        if (q == NULL)
            return ANNALS_ENOMEM;
        b->v = q;
        b->cap = nc;
    }
    struct blob *x = &b->v[b->n];
    int rc = annals__slurp(a, path, &x->data, &x->len, &x->cap, err, errlen);
    if (rc != ANNALS_OK)
        return rc;
    b->n++;
    *out = x;
    return ANNALS_OK;
}

static int cmp_cstr(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* ---------------------------------------------------------- gazetteer */

struct gz_tmp {
    uint64_t key;
    uint16_t bits, prefix;
};

static int gz_class(const char *s, size_t n)
{
    for (int c = 0; c < GZ_N_CLASSES; c++)
        if (strlen(annals__ner_gaz_names[c]) == n && memcmp(annals__ner_gaz_names[c], s, n) == 0)
            return c;
    return -1;
}

static int gz_put(struct ner_model *m, uint64_t key, uint16_t bits, uint16_t prefix)
{
    if ((size_t)(m->n_gaz + 1) * 2 > m->gaz_mask + 1) {
        size_t nc = (m->gaz_mask + 1) * 2;
        struct ner_gaz_entry *g = annals__malloc(m->alloc, nc * sizeof *g);
        if (g == NULL)
            return ANNALS_ENOMEM;
        memset(g, 0, nc * sizeof *g);
        for (size_t i = 0; i <= m->gaz_mask; i++) {
            if (m->gaz[i].key == 0)
                continue;
            size_t j = (size_t)m->gaz[i].key & (nc - 1);
            while (g[j].key != 0)
                j = (j + 1) & (nc - 1);
            g[j] = m->gaz[i];
        }
        annals__free(m->alloc, m->gaz, (m->gaz_mask + 1) * sizeof *g);
        m->gaz = g;
        m->gaz_mask = nc - 1;
    }
    size_t j = (size_t)key & m->gaz_mask;
    while (m->gaz[j].key != 0 && m->gaz[j].key != key)
        j = (j + 1) & m->gaz_mask;
    if (m->gaz[j].key == 0)
        m->n_gaz++;
    m->gaz[j].key = key;
    m->gaz[j].bits |= bits;
    m->gaz[j].prefix |= prefix;
    return ANNALS_OK;
}

/* Keys of the first 1, 2, ... words of the phrase [p, e) (words split at
** spaces), as annals__ner_gaz_lookup computes them; returns the number of
** words (more than NER_GAZ_MAX_TOKENS: too long, keys incomplete). */
static size_t phrase_keys(const char *p, const char *e, uint64_t *keys)
{
    uint64_t h = 0x67617a2d70687261ull;
    size_t nt = 0;
    for (const char *q = p; q < e && nt <= NER_GAZ_MAX_TOKENS;) {
        while (q < e && *q == ' ')
            q++;
        if (q >= e)
            break;
        const char *w = q;
        while (w < e && *w != ' ')
            w++;
        if (nt < NER_GAZ_MAX_TOKENS) {
            h = annals__hash_mix(h, annals__ner_lower_hash(q, (size_t)(w - q)));
            keys[nt] = annals__hash_final(h);
        }
        nt++;
        q = w;
    }
    return nt;
}

static int alias_put(struct ner_model *m, uint64_t key, uint64_t group)
{
    if ((size_t)(m->n_alias + 1) * 2 > m->alias_mask + 1) {
        size_t oc = m->alias != NULL ? m->alias_mask + 1 : 0, nc = oc ? oc * 2 : 256;
        struct ner_alias_entry *v = annals__malloc(m->alloc, nc * sizeof *v);
        if (v == NULL)
            return ANNALS_ENOMEM;
        memset(v, 0, nc * sizeof *v);
        for (size_t i = 0; i < oc; i++) {
            if (m->alias[i].key == 0)
                continue;
            size_t j = (size_t)m->alias[i].key & (nc - 1);
            while (v[j].key != 0)
                j = (j + 1) & (nc - 1);
            v[j] = m->alias[i];
        }
        if (m->alias != NULL)
            annals__free(m->alloc, m->alias, oc * sizeof *v);
        m->alias = v;
        m->alias_mask = nc - 1;
    }
    size_t j = (size_t)key & m->alias_mask;
    while (m->alias[j].key != 0 && m->alias[j].key != key)
        j = (j + 1) & m->alias_mask;
    if (m->alias[j].key == 0)
        m->n_alias++;
    m->alias[j].key = key;
    m->alias[j].group = group;
    return ANNALS_OK;
}

static int cmp_alias(const void *x, const void *y)
{
    const struct ner_alias_entry *a = x, *b = y;
    return (a->key > b->key) - (a->key < b->key);
}

static int save_alias(const struct ner_model *m, struct annals_buf *b)
{
    struct ner_alias_entry *v = annals__malloc(m->alloc, (m->n_alias + 1) * sizeof *v);
    size_t k = 0;
    int rc;
    if (v == NULL)
        return ANNALS_ENOMEM;
    for (size_t i = 0; m->alias != NULL && i <= m->alias_mask; i++)
        if (m->alias[i].key != 0)
            v[k++] = m->alias[i];
    qsort(v, k, sizeof *v, cmp_alias);
    rc = annals__mw_u32(b, (uint32_t)k);
    for (size_t i = 0; i < k && rc == ANNALS_OK; i++) {
        rc |= annals__mw_u64(b, v[i].key);
        rc |= annals__mw_u64(b, v[i].group);
    }
    annals__free(m->alloc, v, (m->n_alias + 1) * sizeof *v);
    return rc;
}

int annals__ner_build_gaz(struct ner_model *m, const char *const *paths, size_t n,
                          struct annals_buf *raw, char *err, size_t errlen)
{
    int rc = ANNALS_OK;
    if (m->gaz == NULL) {
        m->gaz = annals__malloc(m->alloc, 1024 * sizeof *m->gaz);
        if (m->gaz == NULL)
            return ANNALS_ENOMEM;
        memset(m->gaz, 0, 1024 * sizeof *m->gaz);
        m->gaz_mask = 1023;
    }
    for (size_t f = 0; f < n && rc == ANNALS_OK; f++) {
        unsigned char *data;
        size_t len, cap, line_no = 0;
        rc = annals__slurp(m->alloc, paths[f], &data, &len, &cap, err, errlen);
        if (rc != ANNALS_OK)
            return rc;
        if (raw != NULL)
            rc = annals__buf_add(raw, data, len);
        const char *p = (const char *)data, *end = p + len;
        while (p < end && rc == ANNALS_OK) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *le = nl ? nl : end, *line = p;
            p = nl ? nl + 1 : end;
            line_no++;
            if (le > line && le[-1] == '\r')
                le--;
            if (le == line || line[0] == '#')
                continue;
            const char *t1 = memchr(line, '\t', (size_t)(le - line));
            if (t1 == NULL) {
                annals__fmt(err, errlen, "%s:%zu: expected NAME<TAB>CLASS", paths[f], line_no);
                rc = ANNALS_EFORMAT;
                break;
            }
            const char *cs = t1 + 1, *ce = memchr(cs, '\t', (size_t)(le - cs));
            if (ce == NULL)
                ce = le;
            int alias = (size_t)(ce - cs) == 5 && memcmp(cs, "alias", 5) == 0;
            int cls = alias ? 0 : gz_class(cs, (size_t)(ce - cs));
            if (cls < 0 || (alias && ce == le)) {
                annals__fmt(err, errlen, "%s:%zu: %s '%.*s'", paths[f], line_no,
                            alias ? "alias without the name it stands for" : "unknown class",
                            (int)(ce - cs), cs);
                rc = ANNALS_EFORMAT;
                break;
            }
            uint64_t keys[NER_GAZ_MAX_TOKENS];
            size_t nt = phrase_keys(line, t1, keys);
            if (nt == 0 || nt > NER_GAZ_MAX_TOKENS)
                continue;
            if (alias) {
                /* NAME stands for the institution named in the third column */
                uint64_t gk[NER_GAZ_MAX_TOKENS];
                const char *ns = ce + 1, *ne = memchr(ns, '\t', (size_t)(le - ns));
                size_t ng = phrase_keys(ns, ne != NULL ? ne : le, gk);
                if (ng == 0 || ng > NER_GAZ_MAX_TOKENS)
                    continue;
                rc = alias_put(m, keys[nt - 1], gk[ng - 1]);
                if (rc == ANNALS_OK)
                    rc = alias_put(m, gk[ng - 1], gk[ng - 1]);
                continue;
            }
            for (size_t k = 0; k < nt && rc == ANNALS_OK; k++)
                rc = gz_put(m, keys[k], k + 1 == nt ? (uint16_t)(1u << cls) : 0,
                            k + 1 < nt ? 1 : 0);
        }
        annals__free(m->alloc, data, cap);
    }
    return rc;
}

/* Towns and cities of the geo stage's gazetteer (GeoNames) with at least
** min_pop people: "city" from 100,000 up, "town" below.  Names are split at
** spaces like the TSV lists. */
static int add_places(struct ner_model *m, const char *path, unsigned long min_pop,
                      struct annals_buf *meta, size_t *added, char *err, size_t errlen)
{
    struct annals_gazetteer *g;
    int rc = annals__gaz_open(m->alloc, path, &g, err, errlen);
    *added = 0;
    if (rc != ANNALS_OK)
        return rc;
    for (size_t i = 0; i < g->n_places && rc == ANNALS_OK; i++) {
        struct gaz_place p;
        uint64_t keys[NER_GAZ_MAX_TOKENS];
        annals__gaz_place(g, (uint32_t)i, &p);
        if (p.kind != GAZ_CITY || p.population < min_pop || p.name == NULL)
            continue;
        size_t nt = phrase_keys(p.name, p.name + strlen(p.name), keys);
        if (nt == 0 || nt > NER_GAZ_MAX_TOKENS)
            continue;
        unsigned cls = p.population >= 100000 ? GZ_CITY : GZ_TOWN;
        for (size_t k = 0; k < nt && rc == ANNALS_OK; k++)
            rc = gz_put(m, keys[k], k + 1 == nt ? (uint16_t)(1u << cls) : 0, k + 1 < nt ? 1 : 0);
        (*added)++;
    }
    if (rc == ANNALS_OK)
        rc = annals__buf_printf(meta, "places=%s min_population=%lu names=%zu\n", path, min_pop,
                                *added);
    annals__gaz_close(m->alloc, g);
    return rc;
}

static int cmp_gaz(const void *x, const void *y)
{
    const struct ner_gaz_entry *a = x, *b = y;
    return (a->key > b->key) - (a->key < b->key);
}

static int save_gaz(const struct ner_model *m, struct annals_buf *b)
{
    struct ner_gaz_entry *v = annals__malloc(m->alloc, (m->n_gaz + 1) * sizeof *v);
    size_t k = 0;
    int rc;
    if (v == NULL)
        return ANNALS_ENOMEM;
    for (size_t i = 0; m->gaz != NULL && i <= m->gaz_mask; i++)
        if (m->gaz[i].key != 0)
            v[k++] = m->gaz[i];
    qsort(v, k, sizeof *v, cmp_gaz);
    rc = annals__mw_u32(b, (uint32_t)k);
    for (size_t i = 0; i < k && rc == ANNALS_OK; i++) {
        rc |= annals__mw_u64(b, v[i].key);
        rc |= annals__mw_u16(b, v[i].bits);
        rc |= annals__mw_u16(b, v[i].prefix);
    }
    annals__free(m->alloc, v, (m->n_gaz + 1) * sizeof *v);
    return rc;
}

/* ------------------------------------------------------------ lexicon */

struct lx_count {
    uint64_t key;
    uint32_t total, propn, inner, cap;
};

struct lx_table {
    struct lx_count *v;
    size_t mask, n;
};

static struct lx_count *lx_get(const struct annals_alloc *a, struct lx_table *t, uint64_t key)
{
    if ((t->n + 1) * 2 > t->mask + 1) {
        size_t nc = t->mask ? (t->mask + 1) * 2 : 1 << 16;
        struct lx_count *v = annals__malloc(a, nc * sizeof *v);
        if (v == NULL)
            return NULL;
        memset(v, 0, nc * sizeof *v);
        for (size_t i = 0; t->v != NULL && i <= t->mask; i++) {
            if (t->v[i].key == 0)
                continue;
            size_t j = (size_t)t->v[i].key & (nc - 1);
            while (v[j].key != 0)
                j = (j + 1) & (nc - 1);
            v[j] = t->v[i];
        }
        if (t->v)
            annals__free(a, t->v, (t->mask + 1) * sizeof *v);
        t->v = v;
        t->mask = nc - 1;
    }
    size_t j = (size_t)key & t->mask;
    while (t->v[j].key != 0 && t->v[j].key != key)
        j = (j + 1) & t->mask;
    if (t->v[j].key == 0) {
        t->v[j].key = key;
        t->n++;
    }
    return &t->v[j];
}

/* Count forms of a CoNLL-U file: UPOS PROPN share and capitalisation inside
** sentences.  GUM documents of non-commercial genres are skipped. */
static int lx_count_file(const struct annals_alloc *a, struct lx_table *t, const char *data,
                         size_t len)
{
    const char *p = data, *end = data + len;
    int skip = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *line = p;
        p = nl ? nl + 1 : end;
        if (le == line)
            continue;
        if (line[0] == '#') {
            static const char nd[] = "# newdoc id = GUM_";
            if ((size_t)(le - line) > sizeof nd && memcmp(line, nd, sizeof nd - 1) == 0) {
                static const char *const bad[] = { "whow_", "fiction_", "essay_", "letter_",
                                                   "podcast_", "reddit_" };
                skip = 0;
                for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
                    if (strncmp(line + sizeof nd - 1, bad[i], strlen(bad[i])) == 0)
                        skip = 1;
            }
            continue;
        }
        if (skip)
            continue;
        const char *f[5];
        size_t fl[5], nf = 0;
        for (const char *q = line; q < le && nf < 5;) {
            const char *e = memchr(q, '\t', (size_t)(le - q));
            if (e == NULL)
                e = le;
            f[nf] = q;
            fl[nf] = (size_t)(e - q);
            nf++;
            q = e + 1;
        }
        if (nf < 4)
            continue;
        int simple = 1, first = fl[0] == 1 && f[0][0] == '1';
        for (size_t i = 0; i < fl[0]; i++)
            if (f[0][i] < '0' || f[0][i] > '9')
                simple = 0;
        if (!simple)
            continue;
        struct lx_count *c = lx_get(a, t, annals__ner_lower_hash(f[1], fl[1]) | 1);
        if (c == NULL)
            return ANNALS_ENOMEM;
        c->total++;
        c->propn += fl[3] == 5 && memcmp(f[3], "PROPN", 5) == 0;
        if (!first) {
            c->inner++;
            c->cap += f[1][0] >= 'A' && f[1][0] <= 'Z';
        }
    }
    return ANNALS_OK;
}

static uint8_t lx_class(const struct lx_count *c)
{
    double pr = (double)c->propn / c->total;
    int pb = c->propn == 0 ? 0 : pr < 0.2 ? 1 : pr < 0.5 ? 2 : pr < 0.8 ? 3 : 4;
    int cb = 4;
    if (c->inner > 0) {
        double cr = (double)c->cap / c->inner;
        cb = c->cap == 0 ? 0 : cr < 0.3 ? 1 : cr < 0.7 ? 2 : 3;
    }
    int fb = c->total <= 2 ? 0 : c->total <= 20 ? 1 : 2;
    return (uint8_t)(1 + pb + 5 * cb + 25 * fb);
}

static int cmp_lx(const void *x, const void *y)
{
    const struct ner_lex_entry *a = x, *b = y;
    return (a->key > b->key) - (a->key < b->key);
}

static int build_lex(struct ner_model *m, const struct ner_train_options *o,
                     struct annals_buf *raw, char *err, size_t errlen)
{
    struct lx_table t = { NULL, 0, 0 };
    int rc = ANNALS_OK;
    for (size_t i = 0; i < o->n_lexicons && rc == ANNALS_OK; i++) {
        unsigned char *data;
        size_t len, cap;
        rc = annals__slurp(m->alloc, o->lexicons[i], &data, &len, &cap, err, errlen);
        if (rc != ANNALS_OK)
            break;
        uLong crc = crc32(0L, data, (uInt)len);
        rc = annals__buf_printf(raw, "lexicon=%s bytes=%zu crc32=%08lx\n", o->lexicons[i], len,
                                (unsigned long)crc);
        if (rc == ANNALS_OK)
            rc = lx_count_file(m->alloc, &t, (const char *)data, len);
        annals__free(m->alloc, data, cap);
    }
    if (rc == ANNALS_OK && t.n > 0) {
        size_t cap = 16;
        while (cap < t.n * 2)
            cap *= 2;
        m->lex = annals__malloc(m->alloc, cap * sizeof *m->lex);
        if (m->lex == NULL)
            rc = ANNALS_ENOMEM;
        else {
            memset(m->lex, 0, cap * sizeof *m->lex);
            m->lex_mask = cap - 1;
            for (size_t i = 0; i <= t.mask; i++) {
                if (t.v[i].key == 0)
                    continue;
                size_t j = (size_t)t.v[i].key & m->lex_mask;
                while (m->lex[j].key != 0)
                    j = (j + 1) & m->lex_mask;
                m->lex[j].key = t.v[i].key;
                m->lex[j].cls = lx_class(&t.v[i]);
                m->n_lex++;
            }
        }
    }
    if (t.v)
        annals__free(m->alloc, t.v, (t.mask + 1) * sizeof *t.v);
    return rc;
}

static int save_lex(const struct ner_model *m, struct annals_buf *b)
{
    struct ner_lex_entry *v = annals__malloc(m->alloc, (m->n_lex + 1) * sizeof *v);
    size_t k = 0;
    int rc;
    if (v == NULL)
        return ANNALS_ENOMEM;
    for (size_t i = 0; m->lex != NULL && i <= m->lex_mask; i++)
        if (m->lex[i].key != 0)
            v[k++] = m->lex[i];
    qsort(v, k, sizeof *v, cmp_lx);
    rc = annals__mw_u32(b, (uint32_t)k);
    for (size_t i = 0; i < k && rc == ANNALS_OK; i++) {
        rc |= annals__mw_u64(b, v[i].key);
        rc |= annals__buf_addc(b, (char)v[i].cls);
    }
    annals__free(m->alloc, v, (m->n_lex + 1) * sizeof *v);
    return rc;
}

/* ----------------------------------------------------------- training */

struct sref {
    uint32_t sent;              /* sentence index in the corpus */
    uint16_t set;               /* which training set */
};

static size_t sent_end(const struct ner_corpus *c, size_t s)
{
    return s + 1 < c->n_sent ? c->sent[s + 1] : c->n_tok;
}

static void prf_line(char *buf, size_t cap, const struct ner_counts *k)
{
    size_t g = 0, s = 0, ok = 0, off = 0;
    for (int t = 0; t < NER_N_TYPES; t++) {
        double p = k->sys[t] ? 100.0 * k->ok[t] / k->sys[t] : 0;
        double r = k->gold[t] ? 100.0 * k->ok[t] / k->gold[t] : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        if (t != NER_NORP) {
            g += k->gold[t];
            s += k->sys[t];
            ok += k->ok[t];
        }
        if (k->gold[t] > 0 && off < cap)
            off += (size_t)snprintf(buf + off, cap - off, " %s %.1f", annals__ner_type_names[t], f);
    }
    double p = s ? 100.0 * ok / s : 0, r = g ? 100.0 * ok / g : 0;
    if (off < cap)
        snprintf(buf + off, cap - off, " | P %.1f R %.1f F1 %.2f", p, r,
                 p + r > 0 ? 2 * p * r / (p + r) : 0);
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int read_set(const struct annals_alloc *a, struct ner_corpus *c, struct blobs *bl,
                    const struct ner_train_set *set, const struct ner_model *m,
                    struct annals_buf *meta, char *err, size_t errlen)
{
    DIR *d = opendir(set->path);
    char msg[300];
    int rc = ANNALS_OK;
    if (d == NULL) {
        struct blob *x;
        rc = load(a, bl, set->path, err, errlen, &x);
        if (rc != ANNALS_OK)
            return rc;
        rc = annals__buf_printf(meta, "set=%s bytes=%zu crc32=%08lx\n", set->path, x->len,
                                (unsigned long)crc32(0L, x->data, (uInt)x->len));
        msg[0] = '\0';
        if (rc == ANNALS_OK)
            rc = annals__ner_corpus_read(c, (const char *)x->data, x->len, set->format, m, msg,
                                         sizeof msg);
        if (rc != ANNALS_OK)
            annals__fmt(err, errlen, "%s: %s", set->path, msg);
        return rc;
    }
    /* A directory: its .conll files (and those of its subdirectories), sorted. */
    char *names[4096];
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && nn < 4096) {
        if (e->d_name[0] == '.')
            continue;
        size_t l = strlen(set->path) + strlen(e->d_name) + 2;
        char *s = annals__malloc(a, l);
        if (s == NULL) {
            rc = ANNALS_ENOMEM;
            break;
        }
        annals__fmt(s, l, "%s/%s", set->path, e->d_name);
        names[nn++] = s;
    }
    closedir(d);
    qsort(names, nn, sizeof *names, cmp_cstr);
    for (size_t i = 0; i < nn && rc == ANNALS_OK; i++) {
        size_t l = strlen(names[i]);
        DIR *sub = opendir(names[i]);
        if (sub != NULL) {
            closedir(sub);
            if (strcmp(base_name(names[i]), "LICENSES") == 0)
                continue;
            struct ner_train_set s2 = *set;
            s2.path = names[i];
            rc = read_set(a, c, bl, &s2, m, meta, err, errlen);
            continue;
        }
        if (l < 6 || strcmp(names[i] + l - 6, ".conll") != 0)
            continue;
        struct ner_train_set s2 = *set;
        s2.path = names[i];
        rc = read_set(a, c, bl, &s2, m, meta, err, errlen);     /* one file, one document */
    }
    for (size_t i = 0; i < nn; i++)
        annals__free(a, names[i], strlen(names[i]) + 1);
    return rc;
}

/* What the trainer knows of each document. */
struct tdoc {
    uint16_t set;               /* training set */
    uint8_t held;               /* held out: scored, never trained on */
    uint8_t real;               /* a real document (its set marks them): hints apply */
};

static size_t doc_first_tok(const struct ner_corpus *c, size_t d)
{
    return c->sent[c->doc[d]];
}

static size_t doc_end_tok(const struct ner_corpus *c, size_t d)
{
    return d + 1 < c->n_doc ? c->sent[c->doc[d + 1]] : c->n_tok;
}

static size_t doc_end_sent(const struct ner_corpus *c, size_t d)
{
    return d + 1 < c->n_doc ? c->doc[d + 1] : c->n_sent;
}

/* Sentences of the documents that are not held out and, when folds > 0,
** not in fold `fold` (document index modulo folds), each repeated as often
** as its set asks. */
static int refs_build(const struct annals_alloc *a, const struct ner_corpus *c,
                      const struct tdoc *td, const struct ner_train_options *o, int fold,
                      int folds, struct sref **out, size_t *n, size_t *cap)
{
    *n = 0;
    for (size_t d = 0; d < c->n_doc; d++) {
        if (td[d].held || (folds > 0 && (int)(d % (size_t)folds) == fold))
            continue;
        int rep = o->sets[td[d].set].repeat > 0 ? o->sets[td[d].set].repeat : 1;
        for (size_t i = c->doc[d]; i < doc_end_sent(c, d); i++)
            for (int r = 0; r < rep; r++) {
                if (*n == *cap) {
                    size_t nc = *cap ? *cap * 2 : 4096;
                    struct sref *q = annals__realloc(a, *out, *cap * sizeof *q, nc * sizeof *q);
                    if (q == NULL)
                        return ANNALS_ENOMEM;
                    *out = q;
                    *cap = nc;
                }
                (*out)[*n].sent = (uint32_t)i;
                (*out)[*n].set = td[d].set;
                (*n)++;
            }
    }
    return ANNALS_OK;
}

/* Tag documents with m as at run time (both passes when m->doc_features):
** the documents d with want(d) get their labels in lab (corpus-indexed). */
static int tag_docs(const struct ner_model *m, const struct ner_corpus *c, const struct tdoc *td,
                    int fold, int folds, int held, uint8_t *lab)
{
    struct ner_scratch s;
    uint32_t *sb = NULL;
    size_t cap = 0;
    int rc = ANNALS_OK;
    annals__ner_scratch_init(&s, m->alloc);
    for (size_t d = 0; d < c->n_doc && rc == ANNALS_OK; d++) {
        if (held ? !td[d].held : (td[d].held || (int)(d % (size_t)folds) != fold))
            continue;
        size_t s0 = c->doc[d], s1 = doc_end_sent(c, d), b = doc_first_tok(c, d);
        if (s1 - s0 > cap) {
            uint32_t *q = annals__realloc(m->alloc, sb, cap * sizeof *q, (s1 - s0) * sizeof *q);
            if (q == NULL) {
                rc = ANNALS_ENOMEM;
                break;
            }
            sb = q;
            cap = s1 - s0;
        }
        for (size_t k = s0; k < s1; k++)
            sb[k - s0] = c->sent[k] - (uint32_t)b;
        rc = annals__ner_tag_doc(m, c->tok + b, doc_end_tok(c, d) - b, sb, s1 - s0, lab + b, &s);
    }
    annals__ner_scratch_free(&s);
    if (sb != NULL)
        annals__free(m->alloc, sb, cap * sizeof *sb);
    return rc;
}

/* Score the held-out documents, tagged as at run time, per set. */
static int score_heldout(const struct ner_model *m, const struct ner_corpus *c,
                         const struct tdoc *td, size_t n_sets, uint8_t *lab,
                         struct ner_counts *per_set)
{
    int rc = tag_docs(m, c, td, 0, 0, 1, lab);
    memset(per_set, 0, n_sets * sizeof *per_set);
    for (size_t d = 0; d < c->n_doc && rc == ANNALS_OK; d++) {
        if (!td[d].held)
            continue;
        for (size_t s = c->doc[d]; s < doc_end_sent(c, d); s++) {
            size_t b = c->sent[s];
            annals__ner_count(c->gold + b, lab + b, sent_end(c, s) - b, &per_set[td[d].set]);
        }
    }
    return rc;
}

static void report(const struct ner_train_options *o, const char *what, int ep, double secs,
                   double err_rate, const struct ner_counts *per, size_t ns)
{
    struct ner_counts all;
    char line[400] = "";
    memset(&all, 0, sizeof all);
    for (size_t s = 0; s < ns; s++)
        for (int t = 0; t < NER_N_TYPES; t++) {
            all.gold[t] += per[s].gold[t];
            all.sys[t] += per[s].sys[t];
            all.ok[t] += per[s].ok[t];
        }
    prf_line(line, sizeof line, &all);
    say(o, "%s epoch %d: %.2f%% token errors, %.1fs; held out:%s", what, ep, err_rate, secs,
        line);
    for (size_t s = 0; s < ns; s++) {
        prf_line(line, sizeof line, &per[s]);
        say(o, "    %-40s%s", base_name(o->sets[s].path), line);
    }
}

/* The trainer's counterpart of struct ner_weights. */
struct ner_trainer {
    struct percep_train word, pair;
};

static void score_train(const void *w, int pair, const uint64_t *keys, size_t n, float *scores)
{
    const struct ner_trainer *t = w;
    annals__pt_score(pair ? &t->pair : &t->word, keys, n, scores);
}

/* The structured perceptron's step (Collins 2002) on one sentence: the
** features of the gold sequence gain and those of the predicted one lose,
** the word features wherever the labels differ, the label features
** wherever the pairs of a label and the one before it differ. */
static int update(struct ner_trainer *t, const struct ner_atoms *at, size_t n,
                  const uint8_t *gold, const uint8_t *pred)
{
    uint64_t keys[NER_MAX_FEATS];
    int rc = ANNALS_OK;
    for (size_t i = 0; i < n && rc == ANNALS_OK; i++) {
        unsigned gp = i > 0 ? gold[i - 1] + 1u : 0, pp = i > 0 ? pred[i - 1] + 1u : 0;
        unsigned gpair = gp * NER_N_LABELS + gold[i], ppair = pp * NER_N_LABELS + pred[i];
        size_t nk;
        if (gold[i] != pred[i]) {
            nk = annals__ner_features(at, i, n, keys);
            rc = annals__pt_update(&t->word, keys, nk, gold[i], pred[i]);
        }
        if (rc == ANNALS_OK && gpair != ppair) {
            nk = annals__ner_label_features(at, i, keys);
            rc = annals__pt_update(&t->pair, keys, nk, gpair, ppair);
        }
    }
    return rc;
}

static void trainer_free(struct ner_trainer *t)
{
    if (t->word.keys != NULL)
        annals__pt_free(&t->word);
    if (t->pair.keys != NULL)
        annals__pt_free(&t->pair);
}

/* The averaged weights of t into *out (freed first). */
static int trainer_average(const struct ner_trainer *t, float prune, struct ner_weights *out)
{
    int rc;
    annals__ner_weights_free(out);
    rc = annals__pt_average(&t->word, prune, &out->word);
    if (rc == ANNALS_OK)
        rc = annals__pt_average(&t->pair, prune, &out->pair);
    return rc;
}

/* Train weights on the sentences tr[0..ntr) into *out (which is m->w or
** m->w2), with document hints from hint (corpus-indexed) when not NULL.
** With what != NULL and held-out documents, scores them after each epoch. */
static int train_weights(struct ner_model *m, const struct ner_corpus *c, struct sref *tr,
                         size_t ntr, const uint8_t *hint, const struct ner_train_options *o,
                         int epochs, float prune, struct ner_weights *out,
                         const struct tdoc *td, int any_held, uint8_t *lab_all,
                         const char *what)
{
    struct ner_trainer t;
    struct ner_atoms *at = annals__malloc(m->alloc, (NER_MAX_SENT + 1) * sizeof *at);
    uint8_t lab[NER_MAX_SENT + 1];
    uint64_t rng = o->seed ? o->seed : 1;
    int rc;
    if (at == NULL)
        return ANNALS_ENOMEM;
    memset(&t, 0, sizeof t);
    rc = annals__pt_init(&t.word, m->alloc, NER_N_LABELS);
    if (rc == ANNALS_OK)
        rc = annals__pt_init(&t.pair, m->alloc, NER_N_PAIRS);
    for (int ep = 1; ep <= epochs && rc == ANNALS_OK; ep++) {
        double t0 = annals__now();
        size_t errs = 0, toks = 0;
        for (size_t i = ntr; i > 1; i--) {
            size_t j = (size_t)(annals__rand(&rng) % i);
            struct sref x = tr[i - 1];
            tr[i - 1] = tr[j];
            tr[j] = x;
        }
        for (size_t k = 0; k < ntr && rc == ANNALS_OK; k++) {
            size_t b = c->sent[tr[k].sent], n = sent_end(c, tr[k].sent) - b;
            if (n > NER_MAX_SENT)
                n = NER_MAX_SENT;
            annals__ner_atoms(m, c->tok + b, n, at);
            if (hint != NULL)
                for (size_t i = 0; i < n; i++)
                    at[i].doc = hint[b + i];
            annals__ner_viterbi(at, n, score_train, &t, lab);
            for (size_t i = 0; i < n; i++)
                errs += lab[i] != c->gold[b + i];
            rc = update(&t, at, n, c->gold + b, lab);
            annals__pt_tick(&t.word);
            annals__pt_tick(&t.pair);
            toks += n;
        }
        if (rc == ANNALS_OK && what != NULL && any_held) {
            struct ner_counts per[64];
            size_t ns = o->n_sets < 64 ? o->n_sets : 64;
            rc = trainer_average(&t, prune, out);
            if (rc == ANNALS_OK)
                rc = score_heldout(m, c, td, ns, lab_all, per);
            if (rc == ANNALS_OK)
                report(o, what, ep, annals__now() - t0, 100.0 * errs / (toks ? toks : 1), per,
                       ns);
        } else if (rc == ANNALS_OK && what != NULL)
            say(o, "%s epoch %d: %.2f%% token errors, %.1fs", what, ep,
                100.0 * errs / (toks ? toks : 1), annals__now() - t0);
    }
    if (rc == ANNALS_OK) {
        rc = trainer_average(&t, prune, out);
    }
    trainer_free(&t);
    annals__free(m->alloc, at, (NER_MAX_SENT + 1) * sizeof *at);
    return rc;
}

/* Document hints for training the second pass, from first-pass labels that
** no model trained on the same document gave: the training documents are
** cut into folds, each fold tagged by a first-pass model trained on the
** others (cross-validation), and the hints computed from those labels as at
** run time.  Sets without real documents get no hints. */
static int cv_hints(struct ner_model *m, const struct ner_corpus *c, const struct tdoc *td,
                    const struct ner_train_options *o, int epochs, float prune, uint8_t *hint)
{
    int folds = o->folds > 1 ? o->folds : 5;
    uint8_t *lab = annals__malloc(m->alloc, c->n_tok + 1);
    struct sref *tr = NULL;
    size_t ntr = 0, cap = 0, maxdoc = 0;
    struct ner_atoms *at = NULL;
    int rc = lab != NULL ? ANNALS_OK : ANNALS_ENOMEM;
    int saved = m->doc_features;

    m->doc_features = 0;
    for (int f = 0; f < folds && rc == ANNALS_OK; f++) {
        struct ner_weights w;
        memset(&w, 0, sizeof w);
        rc = refs_build(m->alloc, c, td, o, f, folds, &tr, &ntr, &cap);
        if (rc == ANNALS_OK)
            rc = train_weights(m, c, tr, ntr, NULL, o, epochs, prune, &w, td, 0, NULL, NULL);
        if (rc == ANNALS_OK) {
            struct ner_weights keep = m->w;
            m->w = w;
            rc = tag_docs(m, c, td, f, folds, 0, lab);
            m->w = keep;
        }
        annals__ner_weights_free(&w);
        say(o, "first pass, fold %d of %d: tagged", f + 1, folds);
    }
    m->doc_features = saved;
    memset(hint, 0, c->n_tok + 1);
    for (size_t d = 0; d < c->n_doc; d++)
        if (doc_end_tok(c, d) - doc_first_tok(c, d) > maxdoc)
            maxdoc = doc_end_tok(c, d) - doc_first_tok(c, d);
    if (rc == ANNALS_OK) {
        at = annals__malloc(m->alloc, (maxdoc + 1) * sizeof *at);
        if (at == NULL)
            rc = ANNALS_ENOMEM;
    }
    for (size_t d = 0; d < c->n_doc && rc == ANNALS_OK; d++) {
        if (td[d].held || !td[d].real)
            continue;
        size_t b = doc_first_tok(c, d), n = doc_end_tok(c, d) - b;
        for (size_t s = c->doc[d]; s < doc_end_sent(c, d); s++)
            annals__ner_atoms(m, c->tok + c->sent[s], sent_end(c, s) - c->sent[s],
                              at + (c->sent[s] - b));
        annals__ner_doc_hints(c->tok + b, n, lab + b, at, m->alloc);
        for (size_t i = 0; i < n; i++)
            hint[b + i] = at[i].doc;
    }
    if (at != NULL)
        annals__free(m->alloc, at, (maxdoc + 1) * sizeof *at);
    if (tr != NULL)
        annals__free(m->alloc, tr, cap * sizeof *tr);
    if (lab != NULL)
        annals__free(m->alloc, lab, c->n_tok + 1);
    return rc;
}

/* Sets whose files mark documents (the others are cut into pseudo-documents
** of unrelated sentences, where document hints mean nothing). */
static int has_real_docs(int format)
{
    return format == NERF_UNER || format == NERF_GUM || format == NERF_WIKIGOLD ||
           format == NERF_RE3D;
}

static int save_weights(struct model_writer *w, const char *word_id, const char *pair_id,
                        const struct ner_weights *nw)
{
    struct annals_buf *b = annals__mw_section(w, word_id);
    int rc = b ? annals__pm_save(&nw->word, b) : ANNALS_ENOMEM;
    b = annals__mw_section(w, pair_id);
    return rc | (b ? annals__pm_save(&nw->pair, b) : ANNALS_ENOMEM);
}

/* Give m a copy of the word clusters of the CLU1 model at path, and name
** them in the model's META. */
static int add_clusters(struct ner_model *m, const char *path, struct annals_buf *meta,
                        char *err, size_t errlen)
{
    struct clusters *cl;
    int rc = annals__clusters_load(m->alloc, path, &cl, err, errlen);
    if (rc != ANNALS_OK)
        return rc;
    rc = annals__buf_printf(meta, "clusters=%s words=%u bit_strings=%u\n", path,
                            (unsigned)cl->n_words, (unsigned)cl->paths.n);
    if (rc != ANNALS_OK) {
        annals__clusters_free(cl);
        return rc;
    }
    return annals__ner_set_clusters(m, cl);
}

int annals__ner_train(const struct annals_alloc *a, const struct ner_train_options *o,
                      char *err, size_t errlen)
{
    struct ner_model m;
    struct ner_corpus c;
    struct blobs bl = { NULL, 0, 0 };
    struct annals_buf meta, gazraw;
    struct sref *tr = NULL;
    size_t ntr = 0, cap_tr = 0;
    int epochs = o->epochs > 0 ? o->epochs : 12;
    float prune = o->prune > 0 ? (float)o->prune : 0.001f;
    int rc, any_held = 0;
    size_t *set_first_doc = NULL;
    struct tdoc *td = NULL;
    uint8_t *lab_all = NULL, *hint = NULL;

    memset(&m, 0, sizeof m);
    m.alloc = a;
    annals__ner_corpus_init(&c, a);
    annals__buf_init(&meta, a, 0);
    annals__buf_init(&gazraw, a, 0);
    err[0] = '\0';

    rc = annals__buf_printf(&meta, "builder=annals %s\nseed=%llu\n", ANNALS_VERSION_STRING,
                            (unsigned long long)o->seed);
    if (rc == ANNALS_OK && o->date)
        rc = annals__buf_printf(&meta, "date=%s\n", o->date);
    if (rc == ANNALS_OK && o->licence)
        rc = annals__buf_printf(&meta, "data_licence=%s\n", o->licence);
    if (rc == ANNALS_OK)
        rc = annals__ner_build_gaz(&m, o->gazetteers, o->n_gazetteers, &gazraw, err, errlen);
    if (rc == ANNALS_OK) {
        for (size_t i = 0; i < o->n_gazetteers && rc == ANNALS_OK; i++)
            rc = annals__buf_printf(&meta, "gazetteer=%s\n", o->gazetteers[i]);
        rc |= annals__buf_printf(&meta, "gazetteer_crc32=%08lx\n",
                                 (unsigned long)crc32(0L, (const Bytef *)gazraw.data,
                                                      (uInt)gazraw.len));
    }
    if (rc == ANNALS_OK && o->places != NULL) {
        size_t added;
        rc = add_places(&m, o->places, o->places_min, &meta, &added, err, errlen);
        if (rc == ANNALS_OK)
            say(o, "places: %zu towns and cities of %lu people or more from %s", added,
                o->places_min, o->places);
    }
    if (rc == ANNALS_OK)
        rc = build_lex(&m, o, &meta, err, errlen);
    if (rc == ANNALS_OK && o->clusters != NULL)
        rc = add_clusters(&m, o->clusters, &meta, err, errlen);
    if (rc != ANNALS_OK)
        goto out;
    say(o, "gazetteer: %u phrases and prefixes, %u aliases; word classes: %u forms", m.n_gaz,
        m.n_alias, m.n_lex);

    set_first_doc = annals__malloc(a, (o->n_sets + 1) * sizeof *set_first_doc);
    if (set_first_doc == NULL) {
        rc = ANNALS_ENOMEM;
        goto out;
    }
    for (size_t s = 0; s < o->n_sets && rc == ANNALS_OK; s++) {
        size_t first_sent = c.n_sent, tok0 = c.n_tok, skip0 = c.skipped_docs;
        set_first_doc[s] = c.n_doc;
        rc = read_set(a, &c, &bl, &o->sets[s], &m, &meta, err, errlen);
        if (rc == ANNALS_OK && c.n_sent > first_sent &&
            (c.n_doc == set_first_doc[s] || c.doc[set_first_doc[s]] != first_sent)) {
            /* each set starts a document */
            if (c.n_doc == c.cap_doc) {
                size_t nc = c.cap_doc ? c.cap_doc * 2 : 64;
                uint32_t *q = annals__realloc(a, c.doc, c.cap_doc * sizeof *q, nc * sizeof *q);
                if (q == NULL) {
                    rc = ANNALS_ENOMEM;
                    break;
                }
                c.doc = q;
                c.cap_doc = nc;
            }
            memmove(c.doc + set_first_doc[s] + 1, c.doc + set_first_doc[s],
                    (c.n_doc - set_first_doc[s]) * sizeof *c.doc);
            c.doc[set_first_doc[s]] = (uint32_t)first_sent;
            c.n_doc++;
        }
        size_t ents = 0;
        for (size_t i = tok0; i < c.n_tok; i++)
            ents += NER_IS_B(c.gold[i]);
        say(o, "set %s: %zu sentences, %zu tokens, %zu mentions, %zu documents%s",
            o->sets[s].path, c.n_sent - first_sent, c.n_tok - tok0, ents,
            c.n_doc - set_first_doc[s], c.skipped_docs > skip0 ? " (some left out by genre)" : "");
        if (c.skipped_docs > skip0)
            say(o, "  left out %zu documents of non-commercial genres", c.skipped_docs - skip0);
    }
    set_first_doc[o->n_sets] = c.n_doc;
    if (rc != ANNALS_OK)
        goto out;
    /* NORP comes from the demonym gazetteer at run time, not from the tagger. */
    for (size_t i = 0; i < c.n_tok; i++)
        if (c.gold[i] >= NER_N_LABELS)
            c.gold[i] = 0;
    if (o->tagger != NULL) {
        struct annals_model tm;
        struct tagger *tg = NULL;
        char why[400];
        unsigned char *data;
        size_t len, cap;
        rc = annals__slurp(a, o->tagger, &data, &len, &cap, err, errlen);
        if (rc != ANNALS_OK)
            goto out;
        rc = annals__buf_printf(&meta, "tagger=%s bytes=%zu crc32=%08lx\n", o->tagger, len,
                                (unsigned long)crc32(0L, data, (uInt)len));
        annals__free(a, data, cap);
        if (rc == ANNALS_OK)
            rc = annals__model_load(a, o->tagger, &tm, err, errlen);
        if (rc != ANNALS_OK)
            goto out;
        rc = annals__tagger_open(a, &tm, &tg, why, sizeof why);
        annals__model_free(&tm);
        if (rc != ANNALS_OK) {
            annals__fmt(err, errlen, "%s: %s", o->tagger, why);
            goto out;
        }
        rc = annals__ner_corpus_pos(tg, &c);
        annals__tagger_free(tg);
        if (rc != ANNALS_OK)
            goto out;
        m.pos_features = 1;
        say(o, "part of speech: %zu tokens tagged with %s", c.n_tok, o->tagger);
    }
    /* Every heldout-th document of each set is held out. */
    td = annals__malloc(a, (c.n_doc + 1) * sizeof *td);
    lab_all = annals__malloc(a, c.n_tok + 1);
    hint = annals__malloc(a, c.n_tok + 1);
    if (td == NULL || lab_all == NULL || hint == NULL) {
        rc = ANNALS_ENOMEM;
        goto out;
    }
    for (size_t s = 0; s < o->n_sets; s++)
        for (size_t d = set_first_doc[s]; d < set_first_doc[s + 1]; d++) {
            td[d].set = (uint16_t)s;
            td[d].held = o->heldout > 0 &&
                         (d - set_first_doc[s]) % (size_t)o->heldout == (size_t)o->heldout - 1;
            td[d].real = (uint8_t)has_real_docs(o->sets[s].format);
            any_held |= td[d].held;
        }
    rc = refs_build(a, &c, td, o, -1, 0, &tr, &ntr, &cap_tr);
    if (rc != ANNALS_OK)
        goto out;
    say(o, "training sentences (with repeats): %zu", ntr);

    if (o->doc_features) {
        rc = cv_hints(&m, &c, td, o, epochs, prune, hint);
        if (rc != ANNALS_OK)
            goto out;
    }
    rc = train_weights(&m, &c, tr, ntr, NULL, o, epochs, prune, &m.w, td, any_held, lab_all,
                       "first pass");
    if (rc == ANNALS_OK && o->doc_features) {
        m.doc_features = 1;
        rc = train_weights(&m, &c, tr, ntr, hint, o, epochs, prune, &m.w2, td, any_held,
                           lab_all, "second pass");
    }
    if (rc != ANNALS_OK)
        goto out;
    say(o, "model: %u + %u word and %u + %u pair features, %u + %u and %u + %u weights",
        m.w.word.n_feats, m.w2.word.n_feats, m.w.pair.n_feats, m.w2.pair.n_feats,
        m.w.word.n_entries, m.w2.word.n_entries, m.w.pair.n_entries, m.w2.pair.n_entries);

    {
        struct model_writer w;
        struct annals_buf *b;
        annals__mw_init(&w, a, "NERT");
        b = annals__mw_section(&w, "META");
        rc = b ? annals__buf_add(b, meta.data, meta.len) : ANNALS_ENOMEM;
        b = annals__mw_section(&w, "FEAT");
        if (b == NULL)
            rc = ANNALS_ENOMEM;
        else
            rc |= annals__buf_printf(b, "ner_features=3\ndoc_features=%d\npos_features=%d\n"
                                        "labels=O,B-PER,I-PER,B-ORG,I-ORG,B-LOC,I-LOC\n"
                                        "epochs=%d\nprune=%.4f\nheldout=%d\nfolds=%d\n",
                                     m.doc_features, m.pos_features, epochs, (double)prune,
                                     o->heldout, o->doc_features ? (o->folds > 1 ? o->folds : 5)
                                                                 : 0);
        b = annals__mw_section(&w, "LABL");
        if (b == NULL)
            rc = ANNALS_ENOMEM;
        else {
            rc |= annals__mw_u32(b, NER_N_LABELS);
            for (unsigned l = 0; l < NER_N_LABELS; l++) {
                char name[16];
                annals__ner_label_name(l, name, sizeof name);
                rc |= annals__mw_u16(b, (uint16_t)strlen(name));
                rc |= annals__buf_add(b, name, strlen(name));
            }
        }
        b = annals__mw_section(&w, "GAZE");
        rc |= b ? save_gaz(&m, b) : ANNALS_ENOMEM;
        b = annals__mw_section(&w, "LEXC");
        rc |= b ? save_lex(&m, b) : ANNALS_ENOMEM;
        if (m.n_alias > 0) {
            b = annals__mw_section(&w, "ALIA");
            rc |= b ? save_alias(&m, b) : ANNALS_ENOMEM;
        }
        if (m.clusters != NULL)
            rc |= annals__clusters_save(m.clusters, &w, "CLBL");
        rc |= save_weights(&w, "WGHT", "WPAR", &m.w);
        if (m.doc_features)
            rc |= save_weights(&w, "WGH2", "WPA2", &m.w2);
        if (rc != ANNALS_OK) {
            rc = ANNALS_ENOMEM;
            annals__fmt(err, errlen, "out of memory");
        } else
            rc = annals__mw_save(&w, o->out_path, err, errlen);
        annals__mw_free(&w);
    }
out:
    if (rc != ANNALS_OK && err[0] == '\0')
        annals__fmt(err, errlen, "%s", annals_strerror(rc));
    if (set_first_doc)
        annals__free(a, set_first_doc, (o->n_sets + 1) * sizeof *set_first_doc);
    if (td)
        annals__free(a, td, (c.n_doc + 1) * sizeof *td);
    if (lab_all)
        annals__free(a, lab_all, c.n_tok + 1);
    if (hint)
        annals__free(a, hint, c.n_tok + 1);
    if (tr)
        annals__free(a, tr, cap_tr * sizeof *tr);
    annals__ner_weights_free(&m.w);
    annals__ner_weights_free(&m.w2);
    if (m.gaz)
        annals__free(a, m.gaz, (m.gaz_mask + 1) * sizeof *m.gaz);
    if (m.lex)
        annals__free(a, m.lex, (m.lex_mask + 1) * sizeof *m.lex);
    if (m.alias)
        annals__free(a, m.alias, (m.alias_mask + 1) * sizeof *m.alias);
    annals__clusters_free(m.clusters);
    annals__ner_corpus_free(&c);
    blobs_free(a, &bl);
    annals__buf_free(&meta);
    annals__buf_free(&gazraw);
    return rc;
}
