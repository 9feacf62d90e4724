/* train_lemma.c -- `annals train lemmatizer`: derives an edit script for
** every training word from its form and lemma, then keeps, for each exact
** form + tag, lower-cased form + tag and suffix + tag, the most frequent
** script.  Scores the development data (gold tags) and writes a LEM1 model
** (docs/MODEL-FORMAT.md). */
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

/* Edit script turning form into lemma, as "mode|strip|append" in buf. */
static int script_of(const char *form, size_t n, const char *lemma, size_t m, char *buf,
                     size_t cap)
{
    size_t best_cost = (size_t)-1;
    int len = 0;
    for (int mode = 0; mode < 2; mode++) {
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

static int save(const struct train_ctx *c, const struct tcorpus *train,
                const struct lemmatizer *l, const struct lm_entry *e, size_t n, double dev)
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
                    : annals__buf_printf(b, "lookup=exact+xpos,lower+xpos,suffix+xpos\n"
                                            "max_suffix=%d\nsuffix_min_count=%d\n",
                                         LM_MAX_SUFFIX, SUFFIX_MIN_COUNT);
    b = annals__mw_section(&w, "LABL");
    rc |= b != NULL ? annals__labels_save(&l->labels, b) : ANNALS_ENOMEM;
    b = annals__mw_section(&w, "LEXS");
    if (b == NULL)
        rc = ANNALS_ENOMEM;
    else {
        rc |= annals__mw_u32(b, (uint32_t)n);
        for (size_t i = 0; i < n; i++) {
            rc |= annals__mw_u64(b, e[i].key);
            rc |= annals__mw_u32(b, e[i].script);
        }
    }
    if (rc != ANNALS_OK) {
        annals__mw_free(&w);
        annals__fmt(c->err, c->errlen, "out of memory");
        return ANNALS_ENOMEM;
    }
    rc = annals__mw_save(&w, c->opt->out_path, c->err, c->errlen);
    annals__mw_free(&w);
    return rc;
}

int annals__train_lemmatizer(const struct train_ctx *c)
{
    struct tcorpus train, dev;
    struct lemmatizer l;
    struct conllu_str *names = NULL;
    struct pair *pairs = NULL;
    struct lm_entry *e = NULL;
    char *sbuf = NULL, out[SYN_MAX_FORM + 512];
    size_t nw = 0, np = 0, ne = 0, cap_pairs = 0;
    double dev_acc = 0;
    int rc;

    memset(&l, 0, sizeof l);
    memset(&dev, 0, sizeof dev);
    l.alloc = c->alloc;
    rc = annals__tcorpus_load(c, c->opt->train_path, &train);
    if (rc != ANNALS_OK)
        return rc;
    if (c->opt->dev_path != NULL) {
        rc = annals__tcorpus_load(c, c->opt->dev_path, &dev);
        if (rc != ANNALS_OK)
            goto out;
    }
    nw = train.c.n_word;
    names = annals__malloc(c->alloc, (nw ? nw : 1) * sizeof *names);
    sbuf = annals__malloc(c->alloc, (nw ? nw : 1) * 64);
    cap_pairs = (nw ? nw : 1) * (LM_MAX_SUFFIX + 3);
    pairs = annals__malloc(c->alloc, cap_pairs * sizeof *pairs);
    if (names == NULL || sbuf == NULL || pairs == NULL)
        goto oom;
    for (size_t i = 0; i < nw; i++) {
        const struct conllu_word *w = &train.c.word[i];
        int k = script_of(w->col[CONLLU_FORM].s, w->col[CONLLU_FORM].n, w->col[CONLLU_LEMMA].s,
                          w->col[CONLLU_LEMMA].n, sbuf + i * 64, 64);
        names[i].s = sbuf + i * 64;
        names[i].n = k > 0 ? (uint32_t)k : 4;
        if (k <= 0)
            memcpy(sbuf + i * 64, "0|0|", 5);   /* too long to learn: keep the form */
    }
    rc = annals__labels_build(c->alloc, names, nw, &l.labels);
    if (rc == ANNALS_OK)
        rc = annals__lm_scripts(&l, c->err, c->errlen);
    if (rc != ANNALS_OK)
        goto out;
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
    e = annals__malloc(c->alloc, (np ? np : 1) * sizeof *e);
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
    rc = annals__lm_table(&l, e, ne);
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
    annals__train_say(c, "lemmatizer: %zu words, %u edit scripts, %zu entries; dev (gold tags) "
                      "lemma %.2f", nw, (unsigned)l.labels.n, ne, dev_acc);
    rc = save(c, &train, &l, e, ne, dev_acc);
    goto out;
oom:
    rc = ANNALS_ENOMEM;
    annals__fmt(c->err, c->errlen, "out of memory");
out:
    annals__lm_release(&l);
    annals__labels_free(c->alloc, &l.labels);
    annals__free(c->alloc, e, (np ? np : 1) * sizeof *e);
    annals__free(c->alloc, pairs, cap_pairs * sizeof *pairs);
    annals__free(c->alloc, sbuf, (nw ? nw : 1) * 64);
    annals__free(c->alloc, names, (nw ? nw : 1) * sizeof *names);
    annals__tcorpus_free(c, &dev);
    annals__tcorpus_free(c, &train);
    return rc;
}
