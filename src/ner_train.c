/* ner_train.c -- 'annals train ner': build the gazetteer (GAZE) from TSV
** lists, word classes (LEXC) from CoNLL-U treebanks, read the labelled
** sets, and train the averaged perceptron with greedy decoding (predicted
** label history, as at run time).  Deterministic for a seed: sets are read
** in the order given, sentences shuffled with the seed's generator, tables
** serialised in key order. */
#include "ner.h"
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
            int cls = gz_class(cs, (size_t)(ce - cs));
            if (cls < 0) {
                annals__fmt(err, errlen, "%s:%zu: unknown class '%.*s'", paths[f], line_no,
                            (int)(ce - cs), cs);
                rc = ANNALS_EFORMAT;
                break;
            }
            /* tokens of the phrase, split at spaces */
            uint64_t h = 0x67617a2d70687261ull, keys[NER_GAZ_MAX_TOKENS];
            size_t nt = 0;
            for (const char *q = line; q < t1 && nt <= NER_GAZ_MAX_TOKENS;) {
                while (q < t1 && *q == ' ')
                    q++;
                if (q >= t1)
                    break;
                const char *e = q;
                while (e < t1 && *e != ' ')
                    e++;
                if (nt < NER_GAZ_MAX_TOKENS) {
                    h = annals__hash_mix(h, annals__ner_lower_hash(q, (size_t)(e - q)));
                    keys[nt] = annals__hash_final(h);
                }
                nt++;
                q = e;
            }
            if (nt == 0 || nt > NER_GAZ_MAX_TOKENS)
                continue;
            for (size_t k = 0; k < nt && rc == ANNALS_OK; k++)
                rc = gz_put(m, keys[k], k + 1 == nt ? (uint16_t)(1u << cls) : 0,
                            k + 1 < nt ? 1 : 0);
        }
        annals__free(m->alloc, data, cap);
    }
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

/* Tag held-out sentences with the averaged model and count per set. */
static int score_heldout(struct ner_model *m, const struct ner_corpus *c, const struct sref *h,
                         size_t nh, size_t n_sets, struct ner_counts *per_set)
{
    uint8_t *lab = annals__malloc(m->alloc, NER_MAX_SENT + 1);
    struct ner_scratch s;
    if (lab == NULL)
        return ANNALS_ENOMEM;
    annals__ner_scratch_init(&s, m->alloc);
    memset(per_set, 0, n_sets * sizeof *per_set);
    for (size_t i = 0; i < nh; i++) {
        size_t b = c->sent[h[i].sent], e = sent_end(c, h[i].sent), n = e - b;
        uint32_t zero = 0;
        if (n > NER_MAX_SENT)
            n = NER_MAX_SENT;
        if (annals__ner_tag_doc(m, c->tok + b, n, &zero, 1, lab, &s) != ANNALS_OK)
            break;
        annals__ner_count(c->gold + b, lab, n, &per_set[h[i].set]);
    }
    annals__ner_scratch_free(&s);
    annals__free(m->alloc, lab, NER_MAX_SENT + 1);
    return ANNALS_OK;
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

int annals__ner_train(const struct annals_alloc *a, const struct ner_train_options *o,
                      char *err, size_t errlen)
{
    struct ner_model m;
    struct ner_corpus c;
    struct blobs bl = { NULL, 0, 0 };
    struct annals_buf meta, gazraw;
    struct percep_train pt;
    struct sref *tr = NULL, *ho = NULL;
    size_t ntr = 0, nho = 0, cap_tr = 0, cap_ho = 0;
    int epochs = o->epochs > 0 ? o->epochs : 12;
    float prune = o->prune > 0 ? (float)o->prune : 0.001f;
    int rc;
    uint8_t lab[NER_MAX_SENT + 1];
    struct ner_atoms *at = NULL;
    size_t *set_first_sent = NULL;

    memset(&m, 0, sizeof m);
    m.alloc = a;
    annals__ner_corpus_init(&c, a);
    annals__buf_init(&meta, a, 0);
    annals__buf_init(&gazraw, a, 0);
    memset(&pt, 0, sizeof pt);
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
    if (rc == ANNALS_OK)
        rc = build_lex(&m, o, &meta, err, errlen);
    if (rc != ANNALS_OK)
        goto out;
    say(o, "gazetteer: %u phrases and prefixes; word classes: %u forms", m.n_gaz, m.n_lex);

    set_first_sent = annals__malloc(a, (o->n_sets + 1) * sizeof *set_first_sent);
    if (set_first_sent == NULL) {
        rc = ANNALS_ENOMEM;
        goto out;
    }
    size_t *set_first_doc = annals__malloc(a, (o->n_sets + 1) * sizeof *set_first_doc);
    if (set_first_doc == NULL) {
        rc = ANNALS_ENOMEM;
        goto out;
    }
    for (size_t s = 0; s < o->n_sets && rc == ANNALS_OK; s++) {
        set_first_sent[s] = c.n_sent;
        set_first_doc[s] = c.n_doc;
        size_t tok0 = c.n_tok, skip0 = c.skipped_docs;
        /* each set starts a document */
        rc = read_set(a, &c, &bl, &o->sets[s], &m, &meta, err, errlen);
        if (rc == ANNALS_OK && (c.n_doc == set_first_doc[s] || c.doc[set_first_doc[s]] != set_first_sent[s])) {
            /* ensure a document boundary at the set's start */
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
            c.doc[set_first_doc[s]] = (uint32_t)set_first_sent[s];
            c.n_doc++;
        }
        size_t ents = 0;
        for (size_t i = tok0; i < c.n_tok; i++)
            ents += NER_IS_B(c.gold[i]);
        say(o, "set %s: %zu sentences, %zu tokens, %zu mentions, %zu documents%s",
            o->sets[s].path, c.n_sent - set_first_sent[s], c.n_tok - tok0, ents,
            c.n_doc - set_first_doc[s], c.skipped_docs > skip0 ? " (some left out by genre)" : "");
        if (c.skipped_docs > skip0)
            say(o, "  left out %zu documents of non-commercial genres", c.skipped_docs - skip0);
    }
    set_first_sent[o->n_sets] = c.n_sent;
    set_first_doc[o->n_sets] = c.n_doc;
    if (rc != ANNALS_OK) {
        annals__free(a, set_first_doc, (o->n_sets + 1) * sizeof *set_first_doc);
        goto out;
    }
    /* Split: every heldout-th document of each set is held out. */
    for (size_t s = 0; s < o->n_sets; s++) {
        for (size_t d = set_first_doc[s]; d < set_first_doc[s + 1]; d++) {
            size_t sb = c.doc[d], se = d + 1 < c.n_doc ? c.doc[d + 1] : c.n_sent;
            int held = o->heldout > 0 && (d - set_first_doc[s]) % (size_t)o->heldout ==
                                             (size_t)o->heldout - 1;
            int rep = held ? 1 : (o->sets[s].repeat > 0 ? o->sets[s].repeat : 1);
            for (size_t i = sb; i < se; i++)
                for (int r = 0; r < rep; r++) {
                    struct sref **v = held ? &ho : &tr;
                    size_t *nv = held ? &nho : &ntr, *cv = held ? &cap_ho : &cap_tr;
                    if (*nv == *cv) {
                        size_t nc = *cv ? *cv * 2 : 4096;
                        struct sref *q = annals__realloc(a, *v, *cv * sizeof *q, nc * sizeof *q);
                        if (q == NULL) {
                            rc = ANNALS_ENOMEM;
                            annals__free(a, set_first_doc, (o->n_sets + 1) * sizeof *set_first_doc);
                            goto out;
                        }
                        *v = q;
                        *cv = nc;
                    }
                    (*v)[*nv].sent = (uint32_t)i;
                    (*v)[*nv].set = (uint16_t)s;
                    (*nv)++;
                }
        }
    }
    annals__free(a, set_first_doc, (o->n_sets + 1) * sizeof *set_first_doc);
    say(o, "training sentences (with repeats): %zu; held out: %zu", ntr, nho);

    rc = annals__pt_init(&pt, a, NER_N_LABELS);
    if (rc != ANNALS_OK)
        goto out;
    at = annals__malloc(a, (NER_MAX_SENT + 1) * sizeof *at);
    if (at == NULL) {
        rc = ANNALS_ENOMEM;
        goto out;
    }
    uint64_t rng = o->seed ? o->seed : 1;
    for (int ep = 1; ep <= epochs; ep++) {
        double t0 = annals__now();
        size_t errs = 0, toks = 0;
        for (size_t i = ntr; i > 1; i--) {
            size_t j = (size_t)(annals__rand(&rng) % i);
            struct sref x = tr[i - 1];
            tr[i - 1] = tr[j];
            tr[j] = x;
        }
        for (size_t k = 0; k < ntr; k++) {
            size_t b = c.sent[tr[k].sent], e = sent_end(&c, tr[k].sent), n = e - b;
            uint64_t keys[NER_MAX_FEATS];
            float sc[NER_N_LABELS];
            if (n > NER_MAX_SENT)
                n = NER_MAX_SENT;
            annals__ner_atoms(&m, c.tok + b, n, at);
            for (size_t i = 0; i < n; i++) {
                size_t nk = annals__ner_features(at, i, n, lab, keys);
                memset(sc, 0, sizeof sc);
                annals__pt_score(&pt, keys, nk, sc);
                unsigned guess = annals__ner_best(sc, i ? lab[i - 1] : 0);
                unsigned gold = c.gold[b + i];
                if (guess != gold) {
                    rc = annals__pt_update(&pt, keys, nk, gold, guess);
                    if (rc != ANNALS_OK)
                        goto out;
                    errs++;
                }
                annals__pt_tick(&pt);
                lab[i] = (uint8_t)guess;
                toks++;
            }
        }
        char line[400] = "";
        if (nho > 0) {
            struct ner_counts per[64], all;
            annals__pm_free(&m.pm);
            rc = annals__pt_average(&pt, prune, &m.pm);
            if (rc != ANNALS_OK)
                goto out;
            size_t ns = o->n_sets < 64 ? o->n_sets : 64;
            score_heldout(&m, &c, ho, nho, ns, per);
            memset(&all, 0, sizeof all);
            for (size_t s = 0; s < ns; s++)
                for (int t = 0; t < NER_N_TYPES; t++) {
                    all.gold[t] += per[s].gold[t];
                    all.sys[t] += per[s].sys[t];
                    all.ok[t] += per[s].ok[t];
                }
            prf_line(line, sizeof line, &all);
            say(o, "epoch %d: %.2f%% token errors, %.1fs; held out:%s", ep,
                100.0 * errs / (toks ? toks : 1), annals__now() - t0, line);
            for (size_t s = 0; s < ns; s++) {
                prf_line(line, sizeof line, &per[s]);
                say(o, "    %-40s%s", base_name(o->sets[s].path), line);
            }
        } else
            say(o, "epoch %d: %.2f%% token errors, %.1fs", ep, 100.0 * errs / (toks ? toks : 1),
                annals__now() - t0);
    }
    annals__pm_free(&m.pm);
    rc = annals__pt_average(&pt, prune, &m.pm);
    if (rc != ANNALS_OK)
        goto out;
    say(o, "model: %u features, %u weights", m.pm.n_feats, m.pm.n_entries);

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
            rc |= annals__buf_printf(b, "ner_features=1\ndoc_features=%d\nlabels=O,B-PER,I-PER,"
                                        "B-ORG,I-ORG,B-LOC,I-LOC,B-NORP,I-NORP\nepochs=%d\n"
                                        "prune=%.4f\nheldout=%d\n",
                                     0 /* the trainer does not learn document hints yet */, epochs, (double)prune, o->heldout);
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
        b = annals__mw_section(&w, "WGHT");
        rc |= b ? annals__pm_save(&m.pm, b) : ANNALS_ENOMEM;
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
    if (at)
        annals__free(a, at, (NER_MAX_SENT + 1) * sizeof *at);
    if (set_first_sent)
        annals__free(a, set_first_sent, (o->n_sets + 1) * sizeof *set_first_sent);
    if (tr)
        annals__free(a, tr, cap_tr * sizeof *tr);
    if (ho)
        annals__free(a, ho, cap_ho * sizeof *ho);
    if (pt.keys != NULL)
        annals__pt_free(&pt);
    annals__pm_free(&m.pm);
    if (m.gaz)
        annals__free(a, m.gaz, (m.gaz_mask + 1) * sizeof *m.gaz);
    if (m.lex)
        annals__free(a, m.lex, (m.lex_mask + 1) * sizeof *m.lex);
    annals__ner_corpus_free(&c);
    blobs_free(a, &bl);
    annals__buf_free(&meta);
    annals__buf_free(&gazraw);
    return rc;
}
