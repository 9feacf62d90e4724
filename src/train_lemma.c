/* train_lemma.c -- `annals train lemmatizer`: derives an edit script for
** every training word from its form and lemma, then keeps, for each exact
** form + tag, lower-cased form + tag and suffix + tag, the most frequent
** script.  With --wordnet, adds WordNet's exception lists (as scripts) and
** its lemmas of each part of speech.  Scores the development data (gold
** tags) and writes a LEM1 model (docs/MODEL-FORMAT.md). */
#include "lemma.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUFFIX_MIN_COUNT 2      /* suffix rules seen less often are dropped */

struct pair {
    uint64_t key;
    uint32_t script;
    uint32_t weight;            /* 1, or 0 for keys that need SUFFIX_MIN_COUNT */
};

static int cmp_pair(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->script > y->script) - (x->script < y->script);
}

/* Edit script turning form into lemma, as "mode|strip|append" in buf.  On
** a tie lower-casing wins when prefer_lower is set (all but proper nouns):
** the script a small-letter form teaches then also lower-cases the
** capitalised form of a heading or a sentence start when it reaches it
** through the lower-cased or suffix lookup. */
static int script_of(const char *form, size_t n, const char *lemma, size_t m, int prefer_lower,
                     char *buf, size_t cap)
{
    size_t best_cost = (size_t)-1;
    int len = 0;
    for (int k = 0; k < 2; k++) {
        int mode = prefer_lower ? 1 - k : k;
        size_t p = 0;
        while (p < n && p < m) {
            unsigned char c = (unsigned char)form[p];
            if (mode == 1 && c >= 'A' && c <= 'Z')
                c += 32;
            if (c != (unsigned char)lemma[p])
                break;
            p++;
        }
        /* Never split a UTF-8 sequence. */
        while (p > 0 && p < n && ((unsigned char)form[p] & 0xc0) == 0x80)
            p--;
        size_t cost = (n - p) + (m - p);
        if (cost < best_cost) {
            best_cost = cost;
            len = snprintf(buf, cap, "%d|%zu|%.*s", mode, n - p, (int)(m - p), lemma + p);
        }
    }
    return len > 0 && (size_t)len < cap ? len : -1;
}

/* WordNet's data for the model: the exception entries (key of the form,
** script to the lemma) and the keys of its lemmas. */
struct wn_exception {
    uint64_t key;
    char script[48];
};

struct wordnet {
    struct wn_exception *exc;
    size_t n_exc, cap_exc;
    uint64_t *lemma;
    size_t n_lemma, cap_lemma;
};

static const char *const WN_POS_NAME[LM_WN_N_POS] = {NULL, "noun", "verb", "adj", "adv"};

static int grow(const struct train_ctx *c, void **p, size_t *cap, size_t need, size_t elem)
{
    size_t nc = *cap ? *cap : 1024;
    void *q;
    if (need <= *cap)
        return ANNALS_OK;
    while (nc < need)
        nc *= 2;
    q = annals__realloc(c->alloc, *p, *cap * elem, nc * elem);
    if (q == NULL)
        return ANNALS_ENOMEM;
    *p = q;
    *cap = nc;
    return ANNALS_OK;
}

struct wn_reading {
    const struct train_ctx *c;
    struct wordnet *wn;
    int pos, exceptions;
};

/* One line of an exception list ("form lemma [lemma...]": the first lemma
** is kept) or of an index ("lemma pos ..."; licence lines start with a
** space).  Multiword entries (with "_") are left out. */
static int wn_line(void *ctx, const char *s, size_t n)
{
    const struct wn_reading *r = ctx;
    const struct train_ctx *c = r->c;
    struct wordnet *wn = r->wn;
    int pos = r->pos;
    size_t a = 0, b;
    struct wn_exception *x;
    while (a < n && s[a] != ' ')
        a++;
    if (a == 0 || memchr(s, '_', a) != NULL)
        return ANNALS_OK;
    if (!r->exceptions) {
        if (grow(c, (void **)&wn->lemma, &wn->cap_lemma, wn->n_lemma + 1, sizeof *wn->lemma))
            return ANNALS_ENOMEM;
        wn->lemma[wn->n_lemma++] =
            annals__lm_key(LM_WN_LEMMA, annals__lm_hash_lower(s, a), (uint64_t)pos);
        return ANNALS_OK;
    }
    b = a + 1;
    while (b < n && s[b] != ' ')
        b++;
    if (b <= a + 1 || memchr(s + a + 1, '_', b - a - 1) != NULL)
        return ANNALS_OK;
    if (grow(c, (void **)&wn->exc, &wn->cap_exc, wn->n_exc + 1, sizeof *wn->exc))
        return ANNALS_ENOMEM;
    x = &wn->exc[wn->n_exc];
    x->key = annals__lm_key(LM_WN_EXCEPTION, annals__lm_hash_lower(s, a), (uint64_t)pos);
    wn->n_exc += script_of(s, a, s + a + 1, b - a - 1, 1, x->script, sizeof x->script) > 0;
    return ANNALS_OK;
}

static int wn_file(const struct train_ctx *c, struct wordnet *wn, int pos, int exceptions)
{
    struct wn_reading r = {c, wn, pos, exceptions};
    char name[32];
    snprintf(name, sizeof name, exceptions ? "%s.exc" : "index.%s", WN_POS_NAME[pos]);
    return annals__wordnet_lines(c, name, wn_line, &r);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_exception(const void *a, const void *b)
{
    const struct wn_exception *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(x->script, y->script);
}

/* Reads the exception lists and indexes of c->opt->wordnet_path; the keys
** sorted, one entry per key (a form listed twice for one part of speech
** keeps the script that sorts first, so the model does not depend on the
** order of the files). */
static int wn_load(const struct train_ctx *c, struct wordnet *wn)
{
    size_t k = 0;
    int rc = ANNALS_OK;
    for (int pos = LM_WN_NOUN; pos < LM_WN_N_POS && rc == ANNALS_OK; pos++) {
        rc = wn_file(c, wn, pos, 1);
        if (rc == ANNALS_OK)
            rc = wn_file(c, wn, pos, 0);
    }
    if (rc != ANNALS_OK)
        return rc;
    qsort(wn->exc, wn->n_exc, sizeof *wn->exc, cmp_exception);
    for (size_t i = 0; i < wn->n_exc; i++)
        if (k == 0 || wn->exc[i].key != wn->exc[k - 1].key)
            wn->exc[k++] = wn->exc[i];
    wn->n_exc = k;
    qsort(wn->lemma, wn->n_lemma, sizeof *wn->lemma, cmp_u64);
    k = 0;
    for (size_t i = 0; i < wn->n_lemma; i++)
        if (k == 0 || wn->lemma[i] != wn->lemma[k - 1])
            wn->lemma[k++] = wn->lemma[i];
    wn->n_lemma = k;
    return ANNALS_OK;
}

static void wn_free(const struct train_ctx *c, struct wordnet *wn)
{
    annals__free(c->alloc, wn->exc, wn->cap_exc * sizeof *wn->exc);
    annals__free(c->alloc, wn->lemma, wn->cap_lemma * sizeof *wn->lemma);
}

/* A key section: u32 n, then n x {u64 key[, u32 script]}. */
static int save_keys(struct model_writer *w, const char *name, const struct lm_entry *e,
                     const uint64_t *keys, size_t n)
{
    struct annals_buf *b = annals__mw_section(w, name);
    int rc;
    if (b == NULL)
        return ANNALS_ENOMEM;
    rc = annals__mw_u32(b, (uint32_t)n);
    for (size_t i = 0; i < n; i++) {
        rc |= annals__mw_u64(b, e != NULL ? e[i].key : keys[i]);
        if (e != NULL)
            rc |= annals__mw_u32(b, e[i].script);
    }
    return rc;
}

static int save(const struct train_ctx *c, const struct tcorpus *train,
                const struct lemmatizer *l, const struct lm_entry *e, size_t n,
                const struct lm_entry *wx, const struct wordnet *wn, double dev)
{
    struct model_writer w;
    struct annals_buf *b;
    char extra[64];
    int rc = ANNALS_OK;

    annals__mw_init(&w, c->alloc, "LEM1");
    snprintf(extra, sizeof extra, "dev_lemma_gold_tags=%.2f\n", dev);
    rc |= annals__meta_write(&w, c, (const char *)train->data, train->len,
                             c->opt->dev_path != NULL ? extra : NULL);
    b = annals__mw_section(&w, "FEAT");
    rc |= b == NULL ? ANNALS_ENOMEM
                    : annals__buf_printf(b, "lookup=exact+xpos,%slower+xpos,suffix+xpos\n"
                                            "max_suffix=%d\nsuffix_min_count=%d\n",
                                         wn->n_lemma ? "wordnet," : "", LM_MAX_SUFFIX,
                                         SUFFIX_MIN_COUNT);
    b = annals__mw_section(&w, "LABL");
    rc |= b != NULL ? annals__labels_save(&l->labels, b) : ANNALS_ENOMEM;
    rc |= save_keys(&w, "LEXS", e, NULL, n);
    if (wn->n_lemma > 0) {
        rc |= save_keys(&w, "WNEX", wx, NULL, wn->n_exc);
        rc |= save_keys(&w, "WNLM", NULL, wn->lemma, wn->n_lemma);
    }
    return annals__train_write(&w, c, rc);
}

int annals__train_lemmatizer(const struct train_ctx *c)
{
    struct tcorpus train, dev;
    struct lemmatizer l;
    struct conllu_str *names = NULL;
    struct pair *pairs = NULL;
    struct lm_entry *e = NULL, *wx = NULL;
    struct wordnet wn;
    char *sbuf = NULL, out[SYN_MAX_FORM + 512];
    size_t nw = 0, np = 0, ne = 0, cap_pairs = 0, cap_e = 0;
    double dev_acc = 0;
    int rc;

    memset(&l, 0, sizeof l);
    memset(&dev, 0, sizeof dev);
    memset(&wn, 0, sizeof wn);
    l.alloc = c->alloc;
    rc = annals__tcorpus_load(c, c->opt->train_path, &train);
    if (rc != ANNALS_OK)
        return rc;
    if (c->opt->wordnet_path != NULL) {
        rc = wn_load(c, &wn);
        if (rc != ANNALS_OK)
            goto out;
    }
    if (c->opt->dev_path != NULL) {
        rc = annals__tcorpus_load(c, c->opt->dev_path, &dev);
        if (rc != ANNALS_OK)
            goto out;
    }
    nw = train.c.n_word;
    names = annals__malloc(c->alloc, (nw + wn.n_exc ? nw + wn.n_exc : 1) * sizeof *names);
    wx = annals__malloc(c->alloc, (wn.n_exc ? wn.n_exc : 1) * sizeof *wx);
    sbuf = annals__malloc(c->alloc, (nw ? nw : 1) * 64);
    cap_pairs = (nw ? nw : 1) * (LM_MAX_SUFFIX + 3);
    pairs = annals__malloc(c->alloc, cap_pairs * sizeof *pairs);
    if (names == NULL || wx == NULL || sbuf == NULL || pairs == NULL)
        goto oom;
    for (size_t i = 0; i < nw; i++) {
        const struct conllu_word *w = &train.c.word[i];
        int proper = w->col[CONLLU_XPOS].n >= 3 && memcmp(w->col[CONLLU_XPOS].s, "NNP", 3) == 0;
        int k = script_of(w->col[CONLLU_FORM].s, w->col[CONLLU_FORM].n, w->col[CONLLU_LEMMA].s,
                          w->col[CONLLU_LEMMA].n, !proper, sbuf + i * 64, 64);
        names[i].s = sbuf + i * 64;
        names[i].n = k > 0 ? (uint32_t)k : 4;
        if (k <= 0)
            memcpy(sbuf + i * 64, "0|0|", 5);   /* too long to learn: keep the form */
    }
    for (size_t j = 0; j < wn.n_exc; j++) {
        names[nw + j].s = wn.exc[j].script;
        names[nw + j].n = (uint32_t)strlen(wn.exc[j].script);
    }
    rc = annals__labels_build(c->alloc, names, nw + wn.n_exc, &l.labels);
    if (rc == ANNALS_OK)
        rc = annals__lm_scripts(&l, c->err, c->errlen);
    if (rc != ANNALS_OK)
        goto out;
    for (size_t j = 0; j < wn.n_exc; j++) {
        wx[j].key = wn.exc[j].key;
        wx[j].script = (uint32_t)annals__labels_find(&l.labels, names[nw + j].s, names[nw + j].n);
    }
    for (size_t i = 0; i < nw; i++) {
        const struct conllu_word *w = &train.c.word[i];
        const char *s = w->col[CONLLU_FORM].s;
        size_t n = w->col[CONLLU_FORM].n;
        uint64_t th = annals__hash_bytes(w->col[CONLLU_XPOS].s, w->col[CONLLU_XPOS].n);
        uint32_t id = (uint32_t)annals__labels_find(&l.labels, names[i].s, names[i].n);
        if (n > SYN_MAX_FORM)
            continue;
        pairs[np++] = (struct pair){annals__lm_key(LM_EXACT, annals__hash_bytes(s, n), th), id, 1};
        pairs[np++] = (struct pair){annals__lm_key(LM_LOWER, annals__lm_hash_lower(s, n), th),
                                    id, 1};
        for (int k = annals__lm_top_suffix(s, n); k >= 0; k--) {
            size_t b = annals__lm_suffix(s, n, k);
            pairs[np++] = (struct pair){
                annals__lm_key(LM_SUFFIX + k, annals__lm_hash_lower(s + b, n - b), th), id,
                k == 0 ? 1u : 0u};
        }
    }
    qsort(pairs, np, sizeof *pairs, cmp_pair);
    cap_e = np + wn.n_exc + wn.n_lemma + 1;
    e = annals__malloc(c->alloc, cap_e * sizeof *e);
    if (e == NULL)
        goto oom;
    for (size_t i = 0; i < np;) {
        size_t j = i, total = 0, best_n = 0;
        uint32_t best = 0;
        int always = 0;
        while (j < np && pairs[j].key == pairs[i].key) {
            size_t k = j;
            while (k < np && pairs[k].key == pairs[i].key && pairs[k].script == pairs[j].script)
                always |= pairs[k++].weight != 0;
            if (k - j > best_n) {
                best_n = k - j;
                best = pairs[j].script;
            }
            total += k - j;
            j = k;
        }
        if (always || total >= SUFFIX_MIN_COUNT) {
            e[ne].key = pairs[i].key;
            e[ne].script = best;
            ne++;
        }
        i = j;
    }
    /* The table also holds WordNet's keys, after the learned ones. */
    memcpy(e + ne, wx, wn.n_exc * sizeof *e);
    for (size_t j = 0; j < wn.n_lemma; j++)
        e[ne + wn.n_exc + j] = (struct lm_entry){wn.lemma[j], 0};
    rc = annals__lm_table(&l, e, ne + wn.n_exc + wn.n_lemma);
    if (rc != ANNALS_OK)
        goto oom;
    if (dev.c.n_word > 0) {
        size_t ok = 0;
        for (size_t i = 0; i < dev.c.n_word; i++) {
            const struct conllu_word *g = &dev.c.word[i];
            struct syn_word *w = &dev.w[i];
            w->xpos = g->col[CONLLU_XPOS].s;
            w->xpos_len = (uint16_t)g->col[CONLLU_XPOS].n;
            if (annals__lemma_room(&l, w->form_len) > sizeof out)
                continue;
            annals__lemmatize(&l, w, out);
            ok += w->lemma_len == g->col[CONLLU_LEMMA].n &&
                  memcmp(w->lemma, g->col[CONLLU_LEMMA].s, w->lemma_len) == 0;
        }
        dev_acc = 100.0 * (double)ok / (double)dev.c.n_word;
    }
    annals__train_say(c, "lemmatizer: %zu words, %u edit scripts, %zu entries, WordNet %zu "
                      "exceptions and %zu lemmas; dev (gold tags) lemma %.2f",
                      nw, (unsigned)l.labels.n, ne, wn.n_exc, wn.n_lemma, dev_acc);
    rc = save(c, &train, &l, e, ne, wx, &wn, dev_acc);
    goto out;
oom:
    rc = ANNALS_ENOMEM;
    annals__fmt(c->err, c->errlen, "out of memory");
out:
    annals__lm_release(&l);
    annals__labels_free(c->alloc, &l.labels);
    annals__free(c->alloc, e, cap_e * sizeof *e);
    annals__free(c->alloc, wx, (wn.n_exc ? wn.n_exc : 1) * sizeof *wx);
    annals__free(c->alloc, pairs, cap_pairs * sizeof *pairs);
    annals__free(c->alloc, sbuf, (nw ? nw : 1) * 64);
    annals__free(c->alloc, names, (nw + wn.n_exc ? nw + wn.n_exc : 1) * sizeof *names);
    wn_free(c, &wn);
    annals__tcorpus_free(c, &dev);
    annals__tcorpus_free(c, &train);
    return rc;
}
