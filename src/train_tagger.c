/* train_tagger.c -- `annals train tagger`: builds the label set and the
** lexicon from the training data, then runs averaged-perceptron epochs over
** shuffled sentences, scoring the development data after each and keeping
** the best epoch.  Writes a POS1 model (docs/MODEL-FORMAT.md). */
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_EPOCHS 15
#define LEX_MIN_COUNT 3
#define AMB_MIN_SHARE 0.05
#define FIXED_MIN_COUNT 20
#define FIXED_MIN_SHARE 0.995    /* ... with this share of one tag */
#define LEX_FOLDS 10            /* jackknife folds for the training atoms */
#define PRUNE 0.001f             /* averaged weights below this are dropped */

/* Counts of tags per lexicon key, in a growable open-addressing map. */
struct lexcount {
    const struct annals_alloc *alloc;
    uint32_t n_labels;
    uint64_t *key;
    uint32_t *idx;
    size_t cap, n;
    uint32_t *counts;           /* n x n_labels */
    size_t cap_counts;
};

static uint32_t *lexcount_get(struct lexcount *lc, uint64_t key)
{
    size_t mask, i;
    if ((lc->n + 1) * 2 > lc->cap) {
        size_t nc = lc->cap ? lc->cap * 2 : 1 << 16;
        uint64_t *nk = annals__malloc(lc->alloc, nc * sizeof *nk);
        uint32_t *ni = annals__malloc(lc->alloc, nc * sizeof *ni);
        if (nk == NULL || ni == NULL) {
            annals__free(lc->alloc, nk, nc * sizeof *nk);
            annals__free(lc->alloc, ni, nc * sizeof *ni);
            return NULL;
        }
        memset(nk, 0, nc * sizeof *nk);
        for (size_t j = 0; j < lc->cap; j++) {
            if (lc->key[j] == 0)
                continue;
            size_t h = (size_t)lc->key[j] & (nc - 1);
            while (nk[h] != 0)
                h = (h + 1) & (nc - 1);
            nk[h] = lc->key[j];
            ni[h] = lc->idx[j];
        }
        annals__free(lc->alloc, lc->key, lc->cap * sizeof *lc->key);
        annals__free(lc->alloc, lc->idx, lc->cap * sizeof *lc->idx);
        lc->key = nk;
        lc->idx = ni;
        lc->cap = nc;
    }
    mask = lc->cap - 1;
    i = (size_t)key & mask;
    while (lc->key[i] != 0) {
        if (lc->key[i] == key)
            return &lc->counts[(size_t)lc->idx[i] * lc->n_labels];
        i = (i + 1) & mask;
    }
    if ((lc->n + 1) * lc->n_labels > lc->cap_counts) {
        size_t nc = lc->cap_counts ? lc->cap_counts * 2 : (size_t)lc->n_labels * 4096;
        uint32_t *p = annals__realloc(lc->alloc, lc->counts, lc->cap_counts * sizeof *p,
                                      nc * sizeof *p);
        if (p == NULL)
            return NULL;
        lc->counts = p;
        lc->cap_counts = nc;
    }
    lc->key[i] = key;
    lc->idx[i] = (uint32_t)lc->n;
    uint32_t *row = &lc->counts[lc->n * lc->n_labels];
    memset(row, 0, lc->n_labels * sizeof *row);
    lc->n++;
    return row;
}

static void lexcount_free(struct lexcount *lc)
{
    annals__free(lc->alloc, lc->key, lc->cap * sizeof *lc->key);
    annals__free(lc->alloc, lc->idx, lc->cap * sizeof *lc->idx);
    annals__free(lc->alloc, lc->counts, lc->cap_counts * sizeof *lc->counts);
}

static int cmp_lex(const void *a, const void *b)
{
    uint64_t x = ((const struct tg_lex *)a)->key, y = ((const struct tg_lex *)b)->key;
    return x < y ? -1 : x > y;
}

/* Lexicon entries from the counts and the n_extra entries of extra (the
** WordNet classes), sorted by key. */
static int build_lexicon(struct lexcount *lc, const struct tg_lex *extra, size_t n_extra,
                         struct tg_lex **out, size_t *nout)
{
    size_t cap = lc->n + n_extra ? lc->n + n_extra : 1;
    struct tg_lex *e = annals__malloc(lc->alloc, cap * sizeof *e), *shrunk;
    size_t k = 0;
    if (e == NULL)
        return ANNALS_ENOMEM;
    for (size_t s = 0; s < lc->cap; s++) {
        const uint32_t *row;
        uint32_t total = 0, top = 0;
        uint64_t h = 0x616d62ull;
        if (lc->key[s] == 0)
            continue;
        row = &lc->counts[(size_t)lc->idx[s] * lc->n_labels];
        for (uint32_t c = 0; c < lc->n_labels; c++) {
            total += row[c];
            if (row[c] > row[top])
                top = c;
        }
        if (total < LEX_MIN_COUNT)
            continue;
        for (uint32_t c = 0; c < lc->n_labels; c++)
            if (row[c] > 0 && row[c] >= AMB_MIN_SHARE * total)
                h = annals__hash_mix(h, c + 1);
        e[k].key = lc->key[s];
        e[k].amb = (uint32_t)(annals__hash_final(h) >> 32) | 1;
        e[k].top = (uint16_t)top;
        e[k].fixed = total >= FIXED_MIN_COUNT && row[top] >= FIXED_MIN_SHARE * total;
        k++;
    }
    if (n_extra > 0)
        memcpy(e + k, extra, n_extra * sizeof *e);
    k += n_extra;
    qsort(e, k, sizeof *e, cmp_lex);
    /* the caller frees k entries */
    shrunk = annals__realloc(lc->alloc, e, cap * sizeof *e, (k ? k : 1) * sizeof *e);
    if (shrunk == NULL) {
        annals__free(lc->alloc, e, cap * sizeof *e);
        return ANNALS_ENOMEM;
    }
    *out = shrunk;
    *nout = k;
    return ANNALS_OK;
}

/* WordNet classes of word forms (TG_WN_*), as lexicon entries. */
struct wn_classes {
    const struct train_ctx *c;
    struct tg_lex *e;
    size_t n, cap;
    uint32_t bit;               /* of the file being read */
    int exceptions;
};

static int wn_add(struct wn_classes *w, const char *s, size_t n, uint32_t bits)
{
    if (n == 0 || memchr(s, '_', n) != NULL) /* multiword entries */
        return ANNALS_OK;
    if (w->n == w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 1 << 16;
        struct tg_lex *e = annals__realloc(w->c->alloc, w->e, w->cap * sizeof *e, nc * sizeof *e);
        if (e == NULL)
            return ANNALS_ENOMEM;
        w->e = e;
        w->cap = nc;
    }
    w->e[w->n].key = annals__tg_wordnet_key(annals__hash_lower(s, n));
    w->e[w->n].amb = bits;
    w->e[w->n].top = 0;
    w->e[w->n].fixed = 0;
    w->n++;
    return ANNALS_OK;
}

/* A line of data.POS ("offset lexfile type count word lexid word lexid
** ... | gloss"; the licence lines start with a space; an adjective may end
** in a marker such as "(p)") or of POS.exc ("form lemma..."). */
static int wn_line(void *ctx, const char *s, size_t n)
{
    struct wn_classes *w = ctx;
    const char *end = s + n, *f[4];
    unsigned long count;
    if (n == 0 || s[0] == ' ')
        return ANNALS_OK;
    if (w->exceptions) {
        const char *sp = memchr(s, ' ', n);
        return wn_add(w, s, sp != NULL ? (size_t)(sp - s) : n, w->bit);
    }
    for (int k = 0; k < 4; k++) {
        f[k] = s;
        s = memchr(s, ' ', (size_t)(end - s));
        if (s == NULL)
            return ANNALS_OK;
        s++;
    }
    count = strtoul(f[3], NULL, 16);
    for (unsigned long k = 0; k < count && s < end; k++) {
        const char *sp = memchr(s, ' ', (size_t)(end - s)), *paren;
        size_t len = sp != NULL ? (size_t)(sp - s) : (size_t)(end - s);
        int rc;
        paren = memchr(s, '(', len);
        if (paren != NULL)
            len = (size_t)(paren - s);
        rc = wn_add(w, s, len, w->bit | (s[0] >= 'A' && s[0] <= 'Z' ? TG_WN_CAPITAL : TG_WN_LOWER));
        if (rc != ANNALS_OK || sp == NULL)
            return rc;
        sp = memchr(sp + 1, ' ', (size_t)(end - sp - 1)); /* lex_id */
        if (sp == NULL)
            return ANNALS_OK;
        s = sp + 1;
    }
    return ANNALS_OK;
}

/* The WordNet classes of every form of c->opt->wordnet_path's data files
** and exception lists, one entry per form (its bits ORed), sorted. */
static int wn_load(const struct train_ctx *c, struct wn_classes *w)
{
    static const char *const pos[4] = {"noun", "verb", "adj", "adv"};
    char name[32];
    size_t k = 0;
    int rc = ANNALS_OK;
    memset(w, 0, sizeof *w);
    w->c = c;
    if (c->opt->wordnet_path == NULL)
        return ANNALS_OK;
    for (int p = 0; p < 4 && rc == ANNALS_OK; p++) {
        w->bit = TG_WN_NOUN << p;
        w->exceptions = 0;
        snprintf(name, sizeof name, "data.%s", pos[p]);
        rc = annals__wordnet_lines(c, name, wn_line, w);
        if (rc != ANNALS_OK)
            break;
        w->bit = TG_WN_EXC_NOUN << p;
        w->exceptions = 1;
        snprintf(name, sizeof name, "%s.exc", pos[p]);
        rc = annals__wordnet_lines(c, name, wn_line, w);
    }
    if (rc != ANNALS_OK)
        return rc;
    qsort(w->e, w->n, sizeof *w->e, cmp_lex);
    for (size_t i = 0; i < w->n; i++) {
        if (k > 0 && w->e[k - 1].key == w->e[i].key)
            w->e[k - 1].amb |= w->e[i].amb;
        else
            w->e[k++] = w->e[i];
    }
    w->n = k;
    return ANNALS_OK;
}

static void wn_free(struct wn_classes *w)
{
    if (w->c != NULL)
        annals__free(w->c->alloc, w->e, w->cap * sizeof *w->e);
    memset(w, 0, sizeof *w);
}

/* Gold label index of each word of tc ("UPOS\tXPOS"); -1 if not in ls. */
static int gold_labels(const struct train_ctx *c, const struct tcorpus *tc,
                       const struct labelset *ls, int32_t *gold)
{
    char buf[256];
    for (size_t i = 0; i < tc->c.n_word; i++) {
        const struct conllu_word *w = &tc->c.word[i];
        size_t u = w->col[CONLLU_UPOS].n, x = w->col[CONLLU_XPOS].n;
        if (u + x + 1 > sizeof buf) {
            annals__fmt(c->err, c->errlen, "tag too long in word %zu", i);
            return ANNALS_EFORMAT;
        }
        memcpy(buf, w->col[CONLLU_UPOS].s, u);
        buf[u] = '\t';
        memcpy(buf + u + 1, w->col[CONLLU_XPOS].s, x);
        gold[i] = annals__labels_find(ls, buf, u + 1 + x);
    }
    return ANNALS_OK;
}

/* UPOS and XPOS accuracy of t on the development corpus. */
static int score_dev(const struct tagger *t, struct tcorpus *dev, struct syn_scratch *s,
                     double *upos, double *xpos)
{
    size_t ok_u = 0, ok_x = 0, n = dev->c.n_word;
    for (size_t i = 0; i < dev->c.n_sent; i++) {
        const struct conllu_sentence *cs = &dev->c.sent[i];
        int rc = annals__tagger_tag(t, dev->w + cs->first_word, cs->n_words, s);
        if (rc != ANNALS_OK)
            return rc;
    }
    for (size_t i = 0; i < n; i++) {
        const struct conllu_word *g = &dev->c.word[i];
        const struct syn_word *w = &dev->w[i];
        ok_u += g->col[CONLLU_UPOS].n == w->upos_len &&
                memcmp(g->col[CONLLU_UPOS].s, w->upos, w->upos_len) == 0;
        ok_x += g->col[CONLLU_XPOS].n == w->xpos_len &&
                memcmp(g->col[CONLLU_XPOS].s, w->xpos, w->xpos_len) == 0;
    }
    *upos = n ? 100.0 * (double)ok_u / (double)n : 0;
    *xpos = n ? 100.0 * (double)ok_x / (double)n : 0;
    return ANNALS_OK;
}

static int save(const struct train_ctx *c, const struct tcorpus *train, const struct tagger *t,
                const struct tg_lex *lex, size_t n_lex, float prune, int epochs, int best_epoch,
                double dev_upos, double dev_xpos)
{
    struct model_writer w;
    struct annals_buf *b;
    char extra[160];
    int rc = ANNALS_OK;

    annals__mw_init(&w, c->alloc, "POS1");
    snprintf(extra, sizeof extra, "dev_upos=%.2f\ndev_xpos=%.2f\n", dev_upos, dev_xpos);
    rc |= annals__meta_write(&w, c, (const char *)train->data, train->len,
                             c->opt->dev_path != NULL ? extra : NULL);
    b = annals__mw_section(&w, "FEAT");
    if (b == NULL)
        rc = ANNALS_ENOMEM;
    else {
        rc |= annals__templates_write(b, annals__tg_template_names, TG_N_TEMPLATES, t->tmask);
        rc |= annals__buf_printf(b, "labels=UPOS<tab>XPOS\nlexicon_min_count=%d\n"
                                    "ambiguity_min_share=%.3f\nfixed_min_count=%d\n"
                                    "fixed_min_share=%.3f\nprune=%.4f\nepochs=%d\n"
                                    "best_epoch=%d\n",
                                 LEX_MIN_COUNT, AMB_MIN_SHARE, FIXED_MIN_COUNT, FIXED_MIN_SHARE,
                                 (double)prune, epochs, best_epoch);
        if (t->rtl_below > 0)
            rc |= annals__buf_printf(b, "right_to_left_below=%.4f\n", (double)t->rtl_below);
    }
    b = annals__mw_section(&w, "LABL");
    rc |= b != NULL ? annals__labels_save(&t->labels, b) : ANNALS_ENOMEM;
    b = annals__mw_section(&w, "LEXN");
    if (b == NULL)
        rc = ANNALS_ENOMEM;
    else {
        rc |= annals__mw_u32(b, (uint32_t)n_lex);
        for (size_t i = 0; i < n_lex; i++) {
            rc |= annals__mw_u64(b, lex[i].key);
            rc |= annals__mw_u32(b, lex[i].amb);
            rc |= annals__mw_u16(b, lex[i].top);
            rc |= annals__mw_u16(b, lex[i].fixed);
        }
    }
    if (t->clusters != NULL)
        rc |= annals__clusters_save(t->clusters, &w, "CLBL");
    b = annals__mw_section(&w, "WGHT");
    rc |= b != NULL ? annals__pm_save(&t->pm, b) : ANNALS_ENOMEM;
    if (t->rtl_below > 0) {
        b = annals__mw_section(&w, "WGRL");
        rc |= b != NULL ? annals__pm_save(&t->rtl, b) : ANNALS_ENOMEM;
    }
    return annals__train_write(&w, c, rc);
}

/* Give t the word clusters of c->opt->clusters_path, if any. */
static int load_clusters(const struct train_ctx *c, struct tagger *t)
{
    struct clusters *cl;
    int rc;

    if (c->opt->clusters_path == NULL)
        return ANNALS_OK;
    rc = annals__clusters_load(c->alloc, c->opt->clusters_path, &cl, c->err, c->errlen);
    if (rc != ANNALS_OK)
        return rc;
    rc = annals__tg_set_clusters(t, cl);
    if (rc != ANNALS_OK)
        annals__fmt(c->err, c->errlen, "out of memory");
    return rc;
}

/* What the epochs of either direction work on. */
struct epochs {
    const struct train_ctx *c;
    struct tagger *t;
    const struct tcorpus *train;
    struct tcorpus *dev;            /* NULL: the last epoch is kept */
    const struct tg_atoms *atoms;   /* of the training words, jackknifed */
    const int32_t *gold;
    uint32_t *order;                /* the training sentences, shuffled each epoch */
    size_t n_order;
    uint64_t *rng;
    int epochs;
    float prune;
    struct syn_scratch *scratch;
};

/* Train e->t->pm, or with mirror e->t->rtl on the sentences read
** backwards, keeping the epoch with the best dev UPOS + XPOS; the
** right-to-left weights are scored together with the left-to-right ones,
** as they tag. */
static int run_epochs(const struct epochs *e, int mirror, int *best_epoch, double *best_u,
                      double *best_x)
{
    const struct train_ctx *c = e->c;
    struct tagger *t = e->t;
    struct percep_model *target = mirror ? &t->rtl : &t->pm;
    struct percep_model best;
    struct percep_train pt;
    float *scores = annals__malloc(c->alloc, t->labels.n * sizeof *scores);
    uint32_t *tags = annals__malloc(c->alloc, (SYN_MAX_WORDS + 1) * sizeof *tags);
    struct tg_atoms *ma = mirror ? annals__malloc(c->alloc, SYN_MAX_WORDS * sizeof *ma) : NULL;
    int32_t *mg = mirror ? annals__malloc(c->alloc, SYN_MAX_WORDS * sizeof *mg) : NULL;
    double best_score = -1;
    int rc = annals__pt_init(&pt, c->alloc, t->labels.n);

    memset(&best, 0, sizeof best);
    if (scores == NULL || tags == NULL || (mirror && (ma == NULL || mg == NULL)))
        rc = ANNALS_ENOMEM;
    for (int ep = 1; ep <= e->epochs && rc == ANNALS_OK; ep++) {
        size_t seen = 0, right = 0;
        double t0 = annals__now(), u = 0, x = 0;
        for (size_t s = e->n_order; s > 1; s--) {
            size_t j = (size_t)(annals__rand(e->rng) % s);
            uint32_t tmp = e->order[s - 1];
            e->order[s - 1] = e->order[j];
            e->order[j] = tmp;
        }
        for (size_t s = 0; s < e->n_order && rc == ANNALS_OK; s++) {
            const struct conllu_sentence *cs = &e->train->c.sent[e->order[s]];
            const struct tg_atoms *a = e->atoms + cs->first_word;
            const int32_t *g = e->gold + cs->first_word;
            if (mirror) {
                annals__tg_mirror(a, cs->n_words, ma);
                for (size_t i = 0; i < cs->n_words; i++)
                    mg[i] = g[cs->n_words - 1 - i];
                a = ma;
                g = mg;
            }
            for (size_t i = 0; i < cs->n_words && rc == ANNALS_OK; i++) {
                uint64_t keys[TG_MAX_FEATS];
                uint32_t guess = 0;
                if (a[i].fixed >= 0) {
                    tags[i] = (uint32_t)a[i].fixed + 1;
                    continue;
                }
                size_t nk = annals__tg_features(t, a, i, cs->n_words, tags, keys);
                memset(scores, 0, t->labels.n * sizeof *scores);
                annals__pt_score(&pt, keys, nk, scores);
                for (uint32_t k = 1; k < t->labels.n; k++)
                    if (scores[k] > scores[guess])
                        guess = k;
                rc = annals__pt_update(&pt, keys, nk, (unsigned)g[i], guess);
                annals__pt_tick(&pt);
                seen++;
                right += guess == (uint32_t)g[i];
                tags[i] = guess + 1;
            }
        }
        if (rc != ANNALS_OK)
            break;
        annals__pm_free(target);
        rc = annals__pt_average(&pt, e->prune, target);
        if (rc == ANNALS_OK && e->dev != NULL)
            rc = score_dev(t, e->dev, e->scratch, &u, &x);
        if (rc != ANNALS_OK)
            break;
        if (e->dev != NULL)
            annals__train_say(c, "%sepoch %d/%d: train %.2f%% of %zu scored words; dev UPOS %.2f "
                                 "XPOS %.2f; %u features, %u weights; %.1f s",
                              mirror ? "right to left: " : "", ep, e->epochs,
                              seen ? 100.0 * (double)right / (double)seen : 0.0, seen, u, x,
                              (unsigned)target->n_feats, (unsigned)target->n_entries,
                              annals__now() - t0);
        if (e->dev == NULL || u + x > best_score) {
            best_score = u + x;
            *best_u = u;
            *best_x = x;
            *best_epoch = ep;
            annals__pm_free(&best);
            best = *target;
            memset(target, 0, sizeof *target);
        }
    }
    annals__pm_free(target);
    *target = best;
    annals__pt_free(&pt);
    annals__free(c->alloc, scores, t->labels.n * sizeof *scores);
    annals__free(c->alloc, tags, (SYN_MAX_WORDS + 1) * sizeof *tags);
    if (mirror) {
        annals__free(c->alloc, ma, SYN_MAX_WORDS * sizeof *ma);
        annals__free(c->alloc, mg, SYN_MAX_WORDS * sizeof *mg);
    }
    if (rc == ANNALS_ENOMEM)
        annals__fmt(c->err, c->errlen, "out of memory");
    return rc;
}

/* Train a tagger on the sentences of *train_in except those with index
** s % folds == skip (none when skip < 0), scoring dev_in (may be NULL)
** after each epoch and keeping the best.  On success *out owns the labels,
** lexicon and weights, and *lex_out the sorted lexicon entries. */
static int fit(const struct train_ctx *c, const struct wn_classes *wn,
               const struct tcorpus *train_in, const struct tcorpus *dev_in, int skip,
               int folds, int epochs, float prune,
               struct tagger *out, struct tg_lex **lex_out, size_t *n_lex_out,
               int *best_epoch_out, double *best_u_out, double *best_x_out)
{
    struct tcorpus train = *train_in, dev;
    struct tagger t;
    struct lexcount lc;
    struct syn_scratch scratch;
    struct conllu_str *names = NULL;
    struct tg_atoms *atoms = NULL;
    struct tg_lex *lex = NULL;
    int32_t *gold = NULL;
    uint64_t *hashes = NULL;
    uint32_t *order = NULL;
    size_t n_lex = 0, nw = 0;
    size_t n_order = 0;
    int best_epoch = 0;
    double best_u = 0, best_x = 0;
    uint64_t rng = c->opt->seed ^ 0x7461676765720000ull ^ (uint64_t)(skip + 1);
    int rc;

#define HELD(s) (skip >= 0 && (int)((s) % (size_t)folds) == skip)
    *lex_out = NULL;
    memset(&t, 0, sizeof t);
    memset(&lc, 0, sizeof lc);
    memset(&dev, 0, sizeof dev);
    if (dev_in != NULL)
        dev = *dev_in;
    annals__scratch_init(&scratch, c->alloc);
    t.alloc = c->alloc;
    rc = load_clusters(c, &t);
    if (rc != ANNALS_OK)
        goto out;
    if (train.c.n_word == 0) {
        annals__fmt(c->err, c->errlen, "%s: no words", c->opt->train_path);
        rc = ANNALS_EFORMAT;
        goto out;
    }
    /* Label set: every "UPOS\tXPOS" pair of the training data. */
    nw = train.c.n_word;
    names = annals__malloc(c->alloc, nw * sizeof *names);
    gold = annals__malloc(c->alloc, nw * sizeof *gold);
    atoms = annals__malloc(c->alloc, nw * sizeof *atoms);
    order = annals__malloc(c->alloc, (train.c.n_sent ? train.c.n_sent : 1) * sizeof *order);
    if (names == NULL || gold == NULL || atoms == NULL || order == NULL)
        goto oom;
    {
        char *pairs = annals__malloc(c->alloc, nw * 64);
        if (pairs == NULL)
            goto oom;
        for (size_t i = 0; i < nw; i++) {
            const struct conllu_word *w = &train.c.word[i];
            int k = snprintf(pairs + i * 64, 64, "%.*s\t%.*s", (int)w->col[CONLLU_UPOS].n,
                             w->col[CONLLU_UPOS].s, (int)w->col[CONLLU_XPOS].n,
                             w->col[CONLLU_XPOS].s);
            names[i].s = pairs + i * 64;
            names[i].n = (uint32_t)(k < 64 ? k : 63);
        }
        rc = annals__labels_build(c->alloc, names, nw, &t.labels);
        annals__free(c->alloc, pairs, nw * 64);
        if (rc != ANNALS_OK)
            goto oom;
    }
    rc = annals__tg_prepare_labels(&t);
    if (rc != ANNALS_OK) {
        if (rc == ANNALS_EMODEL) {
            annals__fmt(c->err, c->errlen, "%s: a word has an empty UPOS or XPOS",
                        c->opt->train_path);
            rc = ANNALS_EFORMAT;
            goto out;
        }
        goto oom;
    }
    rc = gold_labels(c, &train, &t.labels, gold);
    if (rc != ANNALS_OK)
        goto out;
    if (skip < 0)
        annals__train_say(c, "tagger: %zu sentences, %zu words, %u labels", train.c.n_sent, nw,
                          (unsigned)t.labels.n);
    for (int i = 0; i < (t.clusters != NULL ? TG_N_TEMPLATES : TG_C4); i++)
        if (wn->n > 0 || i < TG_WN || i > TG_WNP1)
            t.tmask[0] |= (uint64_t)1 << i;
    /* Lexicon: tag counts per exact form and per lower-cased form.  The atoms
    ** of the training words come from lexicons built without their own fold
    ** (jackknifing), so that rare words look as they will in new text. */
    for (size_t s = 0; s < train.c.n_sent; s++) {
        const struct conllu_sentence *cs = &train.c.sent[s];
        annals__tg_atoms(&t, train.w + cs->first_word, cs->n_words, atoms + cs->first_word);
    }
    hashes = annals__malloc(c->alloc, nw * 2 * sizeof *hashes);
    if (hashes == NULL)
        goto oom;
    for (size_t i = 0; i < nw; i++) {
        hashes[2 * i] = annals__tg_form_key(atoms[i].form);
        hashes[2 * i + 1] = annals__tg_lower_key(atoms[i].w);
    }
    for (int fold = 0; fold <= LEX_FOLDS; fold++) {
        memset(&lc, 0, sizeof lc);
        lc.alloc = c->alloc;
        lc.n_labels = t.labels.n;
        for (size_t s = 0; s < train.c.n_sent; s++) {
            const struct conllu_sentence *cs = &train.c.sent[s];
            if ((fold < LEX_FOLDS && (int)(s % LEX_FOLDS) == fold) || HELD(s))
                continue;
            for (size_t i = cs->first_word; i < cs->first_word + cs->n_words; i++)
                for (int k = 0; k < 2; k++) {
                    uint32_t *row = lexcount_get(&lc, hashes[2 * i + (size_t)k]);
                    if (row == NULL)
                        goto oom;
                    row[gold[i]]++;
                }
        }
        rc = build_lexicon(&lc, wn->e, wn->n, &lex, &n_lex);
        if (rc != ANNALS_OK)
            goto oom;
        annals__tg_release(&t);
        rc = annals__tg_prepare_labels(&t);
        if (rc == ANNALS_OK)
            rc = annals__tg_set_lexicon(&t, lex, n_lex);
        if (rc != ANNALS_OK)
            goto oom;
        if (fold < LEX_FOLDS) {
            for (size_t s = (size_t)fold; s < train.c.n_sent; s += LEX_FOLDS) {
                const struct conllu_sentence *cs = &train.c.sent[s];
                annals__tg_atoms(&t, train.w + cs->first_word, cs->n_words,
                                 atoms + cs->first_word);
            }
            annals__free(c->alloc, lex, (n_lex ? n_lex : 1) * sizeof *lex);
            lex = NULL;
            lexcount_free(&lc);
        }
    }
    for (size_t s = 0; s < train.c.n_sent; s++)
        if (!HELD(s))
            order[n_order++] = (uint32_t)s;
    {
        struct epochs e = {c, &t, &train, dev.c.n_word > 0 ? &dev : NULL, atoms, gold,
                           order, n_order, &rng, epochs, prune, &scratch};
        rc = run_epochs(&e, 0, &best_epoch, &best_u, &best_x);
        if (rc == ANNALS_OK && skip < 0 && c->opt->right_to_left_below > 0) {
            int rtl_epoch = 0;
            t.rtl_below = (float)c->opt->right_to_left_below;
            rc = run_epochs(&e, 1, &rtl_epoch, &best_u, &best_x);
            if (rc == ANNALS_OK)
                annals__train_say(c, "right to left: keeping epoch %d (dev UPOS %.2f XPOS %.2f, "
                                     "both directions)", rtl_epoch, best_u, best_x);
        }
        if (rc != ANNALS_OK)
            goto out;
    }
    *out = t;
    memset(&t, 0, sizeof t);
    *lex_out = lex;
    *n_lex_out = n_lex;
    lex = NULL;
    *best_epoch_out = best_epoch;
    *best_u_out = best_u;
    *best_x_out = best_x;
    rc = ANNALS_OK;
    goto out;
oom:
    rc = ANNALS_ENOMEM;
    annals__fmt(c->err, c->errlen, "out of memory");
out:
    annals__scratch_free(&scratch);
    lexcount_free(&lc);
    annals__tg_release(&t);
    annals__tg_drop_clusters(&t);
    annals__labels_free(c->alloc, &t.labels);
    annals__pm_free(&t.pm);
    annals__pm_free(&t.rtl);
    if (lex != NULL)
        annals__free(c->alloc, lex, (n_lex ? n_lex : 1) * sizeof *lex);
    if (rc != ANNALS_OK && *lex_out != NULL) {
        annals__free(c->alloc, *lex_out, (n_lex ? n_lex : 1) * sizeof **lex_out);
        *lex_out = NULL;
    }
    annals__free(c->alloc, names, nw * sizeof *names);
    annals__free(c->alloc, gold, nw * sizeof *gold);
    annals__free(c->alloc, hashes, nw * 2 * sizeof *hashes);
    annals__free(c->alloc, atoms, nw * sizeof *atoms);
    annals__free(c->alloc, order, (train.c.n_sent ? train.c.n_sent : 1) * sizeof *order);
    return rc;
}
#undef HELD

static void tagger_clear(const struct annals_alloc *a, struct tagger *t, struct tg_lex *lex,
                         size_t n_lex)
{
    annals__tg_release(t);
    annals__tg_drop_clusters(t);
    annals__labels_free(a, &t->labels);
    annals__pm_free(&t->pm);
    annals__pm_free(&t->rtl);
    annals__free(a, lex, (n_lex ? n_lex : 1) * sizeof *lex);
}

int annals__train_tagger(const struct train_ctx *c)
{
    struct tcorpus train, dev;
    struct tagger t;
    struct wn_classes wn;
    struct tg_lex *lex = NULL;
    size_t n_lex = 0;
    int epochs = c->opt->epochs > 0 ? c->opt->epochs : DEFAULT_EPOCHS, best_epoch = 0;
    float prune = c->opt->prune > 0 ? (float)c->opt->prune : PRUNE;
    double u = 0, x = 0;
    int rc;

    memset(&t, 0, sizeof t);
    memset(&dev, 0, sizeof dev);
    memset(&wn, 0, sizeof wn);  /* freed even when a corpus fails to load */
    rc = annals__tcorpus_load(c, c->opt->train_path, &train);
    if (rc != ANNALS_OK)
        return rc;
    if (c->opt->dev_path != NULL)
        rc = annals__tcorpus_load(c, c->opt->dev_path, &dev);
    if (rc == ANNALS_OK)
        rc = wn_load(c, &wn);
    if (rc == ANNALS_OK)
        rc = fit(c, &wn, &train, c->opt->dev_path != NULL ? &dev : NULL, -1, 1, epochs, prune, &t,
                 &lex, &n_lex, &best_epoch, &u, &x);
    if (rc == ANNALS_OK) {
        annals__train_say(c, "keeping epoch %d (dev UPOS %.2f XPOS %.2f)", best_epoch, u, x);
        rc = save(c, &train, &t, lex, n_lex, prune, epochs, best_epoch, u, x);
        tagger_clear(c->alloc, &t, lex, n_lex);
    }
    wn_free(&wn);
    annals__tcorpus_free(c, &dev);
    annals__tcorpus_free(c, &train);
    return rc;
}

int annals__tagger_jackknife(const struct train_ctx *c, struct tcorpus *train, int folds,
                             struct tcorpus *dev)
{
    struct syn_scratch s;
    struct wn_classes wn;
    int rc = wn_load(c, &wn);

    annals__scratch_init(&s, c->alloc);
    for (int f = 0; f < folds && rc == ANNALS_OK; f++) {
        struct tagger t;
        struct tg_lex *lex = NULL;
        size_t n_lex = 0, ok = 0, n = 0;
        int best_epoch;
        double u, x, t0 = annals__now();
        memset(&t, 0, sizeof t);
        rc = fit(c, &wn, train, NULL, f, folds, DEFAULT_EPOCHS, PRUNE, &t, &lex, &n_lex,
                 &best_epoch, &u, &x);
        if (rc != ANNALS_OK)
            break;
        for (size_t si = (size_t)f; si < train->c.n_sent && rc == ANNALS_OK; si += (size_t)folds) {
            const struct conllu_sentence *cs = &train->c.sent[si];
            struct syn_word *w = train->w + cs->first_word;
            rc = annals__tagger_tag(&t, w, cs->n_words, &s);
            for (size_t i = 0; i < cs->n_words && rc == ANNALS_OK; i++) {
                const struct conllu_word *g = &train->c.word[cs->first_word + i];
                ok += g->col[CONLLU_XPOS].n == w[i].xpos_len &&
                      memcmp(g->col[CONLLU_XPOS].s, w[i].xpos, w[i].xpos_len) == 0;
                n++;
            }
        }
        /* every fold's tagger has the same clusters: the first marks dev */
        for (size_t si = 0; f == 0 && dev != NULL && si < dev->c.n_sent && rc == ANNALS_OK;
             si++) {
            const struct conllu_sentence *cs = &dev->c.sent[si];
            struct tg_atoms *a = annals__scratch_get(&s, cs->n_words * sizeof *a + 16);
            if (a == NULL) {
                rc = ANNALS_ENOMEM;
                break;
            }
            annals__tg_atoms(&t, dev->w + cs->first_word, cs->n_words, a);
            annals__tg_mark_clusters(a, dev->w + cs->first_word, cs->n_words);
        }
        annals__train_say(c, "jackknife fold %d/%d: XPOS %.2f on %zu held-out words; %.1f s",
                          f + 1, folds, n ? 100.0 * (double)ok / (double)n : 0.0, n,
                          annals__now() - t0);
        tagger_clear(c->alloc, &t, lex, n_lex);
    }
    annals__scratch_free(&s);
    wn_free(&wn);
    if (rc == ANNALS_ENOMEM)
        annals__fmt(c->err, c->errlen, "out of memory");
    return rc;
}
