/* syntax.c -- pieces shared by the tagger, lemmatiser and parser: label
** sets, scratch memory, template lists, META, and the public entry points
** annals_train() and annals_model_dump(). */
#include "syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

/* ------------------------------------------------------------ labels */

/* LABL: u32 n, then n x {u16 length, bytes}. */
int annals__labels_load(const struct annals_alloc *a, const struct model_section *sec,
                        struct labelset *ls, char *err, size_t errlen)
{
    struct model_rd r;
    size_t total;
    uint32_t n;

    memset(ls, 0, sizeof *ls);
    annals__rd_init(&r, sec);
    n = annals__rd_u32(&r);
    if (r.bad || n == 0 || n > 65535 || (size_t)n * 2 > annals__rd_left(&r)) {
        annals__fmt(err, errlen, "section LABL: bad label count %u", (unsigned)n);
        return ANNALS_EMODEL;
    }
    total = annals__rd_left(&r) - (size_t)n * 2 + n;    /* bytes plus NULs */
    ls->s = annals__malloc(a, n * sizeof *ls->s);
    ls->len = annals__malloc(a, n * sizeof *ls->len);
    ls->block = annals__malloc(a, total);
    ls->block_len = total;
    ls->n = n;
    if (ls->s == NULL || ls->len == NULL || ls->block == NULL) {
        annals__labels_free(a, ls);
        annals__fmt(err, errlen, "section LABL: out of memory");
        return ANNALS_ENOMEM;
    }
    char *q = ls->block;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t k = annals__rd_u16(&r);
        const unsigned char *b = annals__rd_bytes(&r, k);
        if (b == NULL || k == 0 || memchr(b, 0, k) != NULL) {
            annals__labels_free(a, ls);
            annals__fmt(err, errlen, "section LABL: label %u: %s", (unsigned)i,
                        b == NULL ? "runs past the section end" : "empty or holds a NUL");
            return ANNALS_EMODEL;
        }
        memcpy(q, b, k);
        q[k] = '\0';
        ls->s[i] = q;
        ls->len[i] = k;
        q += k + 1;
    }
    if (annals__rd_left(&r) != 0) {
        annals__labels_free(a, ls);
        annals__fmt(err, errlen, "section LABL: %zu trailing bytes", annals__rd_left(&r));
        return ANNALS_EMODEL;
    }
    for (uint32_t i = 1; i < n; i++)
        if (annals__labels_find(ls, ls->s[i], ls->len[i]) != (int)i) {
            annals__fmt(err, errlen, "section LABL: label \"%s\" appears twice", ls->s[i]);
            annals__labels_free(a, ls);
            return ANNALS_EMODEL;
        }
    return ANNALS_OK;
}

int annals__labels_save(const struct labelset *ls, struct annals_buf *b)
{
    int rc = annals__mw_u32(b, ls->n);
    for (uint32_t i = 0; i < ls->n && rc == ANNALS_OK; i++) {
        rc = annals__mw_u16(b, ls->len[i]);
        if (rc == ANNALS_OK)
            rc = annals__buf_add(b, ls->s[i], ls->len[i]);
    }
    return rc;
}

void annals__labels_free(const struct annals_alloc *a, struct labelset *ls)
{
    if (ls == NULL)
        return;
    annals__free(a, ls->s, (ls->n ? ls->n : 1) * sizeof *ls->s);
    annals__free(a, ls->len, (ls->n ? ls->n : 1) * sizeof *ls->len);
    annals__free(a, ls->block, ls->block_len);
    memset(ls, 0, sizeof *ls);
}

int annals__labels_find(const struct labelset *ls, const char *s, size_t n)
{
    for (uint32_t i = 0; i < ls->n; i++)
        if (ls->len[i] == n && memcmp(ls->s[i], s, n) == 0)
            return (int)i;
    return -1;
}

/* ----------------------------------------------------------- scratch */

void annals__scratch_init(struct syn_scratch *s, const struct annals_alloc *a)
{
    memset(s, 0, sizeof *s);
    s->alloc = a;
}

void annals__scratch_free(struct syn_scratch *s)
{
    if (s == NULL || s->alloc == NULL)
        return;
    annals__free(s->alloc, s->mem, s->mem_size);
    s->mem = NULL;
    s->mem_size = 0;
}

void *annals__scratch_get(struct syn_scratch *s, size_t n)
{
    if (n <= s->mem_size)
        return s->mem;
    size_t want = s->mem_size ? s->mem_size : 4096;
    while (want < n)
        want *= 2;
    void *p = annals__malloc(s->alloc, want);
    if (p == NULL)
        return NULL;
    annals__free(s->alloc, s->mem, s->mem_size);
    s->mem = p;
    s->mem_size = want;
    return p;
}

/* --------------------------------------------------------- templates */

int annals__templates_parse(const char *where, const char *names, size_t len,
                            const char *const *known, int n_known, uint64_t mask[2], char *err,
                            size_t errlen)
{
    const char *p = names, *end = names + len;
    mask[0] = mask[1] = 0;
    while (p < end) {
        const char *c = memchr(p, ',', (size_t)(end - p));
        const char *stop = c != NULL ? c : end;
        int found = -1;
        for (int i = 0; i < n_known; i++)
            if (strlen(known[i]) == (size_t)(stop - p) &&
                memcmp(known[i], p, (size_t)(stop - p)) == 0)
                found = i;
        if (found < 0) {
            annals__fmt(err, errlen, "%s: unknown feature template \"%.*s\"", where,
                        (int)(stop - p), p);
            return ANNALS_EMODEL;
        }
        mask[found / 64] |= (uint64_t)1 << (found % 64);
        p = stop + 1;
    }
    if (mask[0] == 0 && mask[1] == 0) {
        annals__fmt(err, errlen, "%s: no feature templates", where);
        return ANNALS_EMODEL;
    }
    return ANNALS_OK;
}

int annals__templates_write(struct annals_buf *b, const char *const *known, int n_known,
                            const uint64_t mask[2])
{
    int rc = annals__buf_printf(b, "templates=");
    const char *sep = "";
    for (int i = 0; i < n_known && rc == ANNALS_OK; i++)
        if (mask[i / 64] & ((uint64_t)1 << (i % 64))) {
            rc = annals__buf_printf(b, "%s%s", sep, known[i]);
            sep = ",";
        }
    return rc == ANNALS_OK ? annals__buf_addc(b, '\n') : rc;
}

int annals__feat_number(const struct model_section *feat, const char *key, double lo,
                        double hi, double *out, char *err, size_t errlen)
{
    size_t vlen;
    const char *v = annals__model_kv(feat, key, &vlen);
    char num[32], *end;
    double x;
    if (v == NULL)
        return ANNALS_OK;
    if (vlen == 0 || vlen >= sizeof num)
        goto bad;
    memcpy(num, v, vlen);
    num[vlen] = '\0';
    x = strtod(num, &end);
    if (end != num + vlen || !(x >= lo && x <= hi))
        goto bad;
    *out = x;
    return ANNALS_OK;
bad:
    annals__fmt(err, errlen, "section FEAT: bad %s", key);
    return ANNALS_EMODEL;
}

/* ---------------------------------------------------------- training */

void annals__train_say(const struct train_ctx *c, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    if (c->opt->progress == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    c->opt->progress(c->opt->progress_ud, line);
}

uint64_t annals__rand(uint64_t *state)
{
    uint64_t x = *state != 0 ? *state : 0x9e3779b97f4a7c15ull;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dull;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s != NULL ? s + 1 : path;
}

int annals__train_write(struct model_writer *w, const struct train_ctx *c, int rc)
{
    if (rc == ANNALS_OK) {
        rc = annals__mw_save(w, c->opt->out_path, c->err, c->errlen);
    } else {
        annals__fmt(c->err, c->errlen, "out of memory");
        rc = ANNALS_ENOMEM;
    }
    annals__mw_free(w);
    return rc;
}

int annals__meta_write(struct model_writer *w, const struct train_ctx *c,
                       const char *train_data, size_t train_len, const char *extra)
{
    struct annals_buf *b = annals__mw_section(w, "META");
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t left = train_len;
    const unsigned char *q = (const unsigned char *)train_data;
    int rc;

    if (b == NULL)
        return ANNALS_ENOMEM;
    while (left > 0) {
        uInt k = left > 0x40000000u ? 0x40000000u : (uInt)left;
        crc = crc32(crc, q, k);
        q += k;
        left -= k;
    }
    rc = annals__buf_printf(b, "builder=annals %s\ntrain_file=%s\ntrain_bytes=%zu\n"
                               "train_crc32=%08lx\nseed=%llu\n",
                            ANNALS_VERSION_STRING, base_name(c->opt->train_path), train_len,
                            (unsigned long)crc, (unsigned long long)c->opt->seed);
    if (rc == ANNALS_OK && c->opt->dev_path != NULL)
        rc = annals__buf_printf(b, "dev_file=%s\n", base_name(c->opt->dev_path));
    if (rc == ANNALS_OK && c->opt->date != NULL)
        rc = annals__buf_printf(b, "date=%s\n", c->opt->date);
    if (rc == ANNALS_OK && c->opt->data_licence != NULL)
        rc = annals__buf_printf(b, "data_licence=%s\n", c->opt->data_licence);
    if (rc == ANNALS_OK && extra != NULL)
        rc = annals__buf_printf(b, "%s", extra);
    return rc;
}

int annals_train(const annals_pipeline *p, const struct annals_train_options *opt,
                 char *errbuf, size_t errlen)
{
    struct train_ctx c;
    if (p == NULL || opt == NULL || opt->train_path == NULL || opt->out_path == NULL) {
        annals__fmt(errbuf, errlen, "training needs a pipeline, training data and an output");
        return ANNALS_EINVAL;
    }
    c.alloc = &p->alloc;
    c.opt = opt;
    c.err = errbuf;
    c.errlen = errlen;
    switch (opt->type) {
    case ANNALS_MODEL_TAGGER: return annals__train_tagger(&c);
    case ANNALS_MODEL_LEMMATIZER: return annals__train_lemmatizer(&c);
    case ANNALS_MODEL_PARSER: return annals__train_parser(&c);
    case ANNALS_MODEL_CLUSTERS: return annals__train_clusters(&c);
    default:
        annals__fmt(errbuf, errlen, "unknown model type %d", opt->type);
        return ANNALS_EINVAL;
    }
}

/* -------------------------------------------------------------- dump */

static void put(void (*write)(void *, const char *, size_t), void *ud, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void put(void (*write)(void *, const char *, size_t), void *ud, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0)
        write(ud, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* Text sections are printed line by line, indented. */
static void dump_text(void (*write)(void *, const char *, size_t), void *ud,
                      const struct model_section *s)
{
    const char *p = (const char *)s->data, *end = p + s->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl != NULL ? nl : end;
        put(write, ud, "  %.*s\n", (int)(stop - p), p);
        p = stop + 1;
    }
}

int annals_model_dump(const annals_pipeline *p, const char *path,
                      void (*write)(void *ud, const char *s, size_t n), void *ud,
                      char *errbuf, size_t errlen)
{
    struct annals_model m;
    struct labelset ls;
    int rc;

    if (p == NULL || path == NULL || write == NULL)
        return ANNALS_EINVAL;
    rc = annals__model_load(&p->alloc, path, &m, errbuf, errlen);
    if (rc != ANNALS_OK)
        return rc;
    put(write, ud, "format %u.%u\nkind %.4s\nsize %zu\nheader %zu\nsections %u\n", m.major,
        m.minor, m.kind, m.size, m.header_size, (unsigned)m.n_sections);
    for (uint32_t i = 0; i < m.n_sections; i++)
        put(write, ud, "section %.4s offset %llu length %zu crc32 %08x\n", m.sec[i].id,
            (unsigned long long)m.sec[i].offset, m.sec[i].len, (unsigned)m.sec[i].crc);
    put(write, ud, "META\n");
    dump_text(write, ud, annals__model_find(&m, "META"));
    put(write, ud, "FEAT\n");
    dump_text(write, ud, annals__model_find(&m, "FEAT"));
    rc = annals__labels_load(&p->alloc, annals__model_find(&m, "LABL"), &ls, errbuf, errlen);
    if (rc == ANNALS_OK) {
        put(write, ud, "LABL %u\n", (unsigned)ls.n);
        for (uint32_t i = 0; i < ls.n; i++)
            put(write, ud, "  %u\t%s\n", (unsigned)i, ls.s[i]);
        annals__labels_free(&p->alloc, &ls);
    }
    const struct model_section *wg = annals__model_find(&m, "WGHT");
    if (rc == ANNALS_OK && wg != NULL && wg->len >= 12) {
        struct model_rd r;
        annals__rd_init(&r, wg);
        uint32_t nc = annals__rd_u32(&r), nf = annals__rd_u32(&r), ne = annals__rd_u32(&r);
        put(write, ud, "WGHT classes %u features %u weights %u\n", (unsigned)nc, (unsigned)nf,
            (unsigned)ne);
    }
    annals__model_free(&m);
    return rc;
}

/* ----------------------------------------------------- training data */

int annals__tcorpus_load(const struct train_ctx *c, const char *path, struct tcorpus *tc)
{
    char why[300];
    int rc;

    memset(tc, 0, sizeof *tc);
    rc = annals__slurp(c->alloc, path, &tc->data, &tc->len, &tc->cap, c->err, c->errlen);
    if (rc != ANNALS_OK)
        return rc;
    rc = annals__conllu_parse(c->alloc, (const char *)tc->data, tc->len, &tc->c, why,
                              sizeof why);
    if (rc != ANNALS_OK) {
        annals__fmt(c->err, c->errlen, "%s: %s", path, why);
        annals__free(c->alloc, tc->data, tc->cap);
        memset(tc, 0, sizeof *tc);
        return rc;
    }
    tc->w = annals__malloc(c->alloc, (tc->c.n_word ? tc->c.n_word : 1) * sizeof *tc->w);
    if (tc->w == NULL) {
        annals__tcorpus_free(c, tc);
        annals__fmt(c->err, c->errlen, "out of memory");
        return ANNALS_ENOMEM;
    }
    memset(tc->w, 0, (tc->c.n_word ? tc->c.n_word : 1) * sizeof *tc->w);
    for (size_t i = 0; i < tc->c.n_word; i++) {
        tc->w[i].form = tc->c.word[i].col[CONLLU_FORM].s;
        tc->w[i].form_len = tc->c.word[i].col[CONLLU_FORM].n;
    }
    for (size_t i = 0; i < tc->c.n_sent; i++)
        if (tc->c.sent[i].n_words > SYN_MAX_WORDS) {
            annals__fmt(c->err, c->errlen, "%s: line %llu: sentence of %u words (limit %d)",
                        path, (unsigned long long)tc->c.sent[i].line,
                        (unsigned)tc->c.sent[i].n_words, SYN_MAX_WORDS);
            annals__tcorpus_free(c, tc);
            return ANNALS_ETOOBIG;
        }
    return ANNALS_OK;
}

void annals__tcorpus_free(const struct train_ctx *c, struct tcorpus *tc)
{
    if (tc->w != NULL)
        annals__free(c->alloc, tc->w, (tc->c.n_word ? tc->c.n_word : 1) * sizeof *tc->w);
    annals__conllu_free(&tc->c);
    annals__free(c->alloc, tc->data, tc->cap);
    memset(tc, 0, sizeof *tc);
}

double annals__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_str(const void *a, const void *b)
{
    const struct conllu_str *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->s, y->s, n);
    return c != 0 ? c : (x->n > y->n) - (x->n < y->n);
}

int annals__labels_build(const struct annals_alloc *a, const struct conllu_str *s, size_t n,
                         struct labelset *ls)
{
    struct conllu_str *v;
    size_t k = 0, total = 0;

    memset(ls, 0, sizeof *ls);
    v = annals__malloc(a, (n ? n : 1) * sizeof *v);
    if (v == NULL)
        return ANNALS_ENOMEM;
    memcpy(v, s, n * sizeof *v);
    qsort(v, n, sizeof *v, cmp_str);
    for (size_t i = 0; i < n; i++)
        if (v[i].n > 0 && v[i].n < 65536 && (k == 0 || cmp_str(&v[k - 1], &v[i]) != 0)) {
            v[k++] = v[i];
            total += v[i].n + 1;
        }
    ls->n = (uint32_t)k;
    ls->block_len = total ? total : 1;
    ls->s = annals__malloc(a, (k ? k : 1) * sizeof *ls->s);
    ls->len = annals__malloc(a, (k ? k : 1) * sizeof *ls->len);
    ls->block = annals__malloc(a, ls->block_len);
    if (ls->s == NULL || ls->len == NULL || ls->block == NULL) {
        annals__free(a, v, (n ? n : 1) * sizeof *v);
        annals__labels_free(a, ls);
        return ANNALS_ENOMEM;
    }
    char *q = ls->block;
    for (size_t i = 0; i < k; i++) {
        memcpy(q, v[i].s, v[i].n);
        q[v[i].n] = '\0';
        ls->s[i] = q;
        ls->len[i] = (uint16_t)v[i].n;
        q += v[i].n + 1;
    }
    annals__free(a, v, (n ? n : 1) * sizeof *v);
    return ANNALS_OK;
}
