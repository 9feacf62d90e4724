/* tagger.c -- part-of-speech tagger: one greedy left-to-right pass of an
** averaged perceptron over joint "UPOS\tXPOS" labels (Collins 2002), with
** word, affix, shape, neighbour, previous-tag and ambiguity-class features;
** frequent unambiguous words are tagged from the lexicon without scoring.
** Reads model sections META, FEAT, LABL, LEXN, WGHT (docs/MODEL-FORMAT.md);
** algorithm and features: docs/SYNTAX.md#tagger. */
#include "tagger.h"
#include "keytab.h"
#include "lemma.h"

#include <float.h>
#include <string.h>

const char *const annals__tg_template_names[TG_N_TEMPLATES] = {
    "bias", "w", "form", "s1", "s2", "s3", "s4", "p1", "p2", "p3",
    "shape", "w-1", "w-2", "w+1", "w+2", "t-1", "t-2", "t-1t-2", "t-1w",
    "s3-1", "s3+1", "a", "a+1", "a+2", "t-1a+1", "ww+1", "w-1w", "shape+1",
    "shape-1", "flags", "t-1s3", "a+1a+2", "s5", "p4", "hyph", "w-1s3",
    "wn", "wn-1", "wn+1", "c4", "c6", "c10", "c-1", "c+1"
};

const int annals__tg_cluster_prefix_len[TG_CLUSTER_PREFIXES] = { 4, 6, 10 };

#define PAD_START 0x5354415254ull   /* atom of a position before the sentence */
#define PAD_END 0x454e44ull         /* ... and after it */

/* Byte offset where the last k characters of s[0..n) begin. */
static size_t last_chars(const char *s, size_t n, int k)
{
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
            i--;
        k--;
    }
    return i;
}

/* Byte length of the first k characters of s[0..n). */
static size_t first_chars(const char *s, size_t n, int k)
{
    size_t i = 0;
    while (i < n && k > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
            i++;
        k--;
    }
    return i;
}

static uint64_t shape_of(const char *s, size_t n, uint32_t *flags)
{
    char buf[24];
    size_t k = 0;
    char last = 0;
    int run = 0, letters = 0, uppers = 0;
    uint32_t f = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char cls;
        if (c >= 'A' && c <= 'Z') {
            cls = 'X';
            letters++;
            uppers++;
        } else if (c >= 'a' && c <= 'z') {
            cls = 'x';
            letters++;
        } else if (c >= '0' && c <= '9') {
            cls = 'd';
            f |= 1;
        } else if (c >= 0x80) {
            if ((c & 0xc0) == 0x80)
                continue;
            cls = 'u';
            f |= 128;
        } else {
            cls = (char)c;
            if (c == '-')
                f |= 4;
            if (c == '.')
                f |= 64;
        }
        run = cls == last ? run + 1 : 1;
        last = cls;
        if (run <= 2 && k < sizeof buf)
            buf[k++] = cls;
    }
    if (uppers > 0)
        f |= 2;
    if (letters > 0 && uppers == letters)
        f |= 8;
    if (n > 0 && s[0] >= 'A' && s[0] <= 'Z')
        f |= 16;
    *flags = f;
    return annals__hash_bytes(buf, k);
}

const struct tg_lex *annals__tg_lookup(const struct tagger *t, uint64_t key)
{
    if (t->lex == NULL)
        return NULL;
    return annals__keytab_find(t->lex, t->lex_mask, sizeof *t->lex, key);
}

/* The class bit of an inflection that detachment rule d undoes. */
static uint32_t inflection_bit(const struct lm_detachment *d)
{
    size_t n = strlen(d->ending);
    if (d->pos == LM_WN_NOUN)
        return TG_WN_PLURAL;
    if (d->pos == LM_WN_ADJ)
        return TG_WN_COMPARE;
    if (n >= 3 && memcmp(d->ending + n - 3, "ing", 3) == 0)
        return TG_WN_GERUND;
    return n >= 2 && memcmp(d->ending + n - 2, "ed", 2) == 0 ? TG_WN_PAST : TG_WN_3SG;
}

static uint32_t wordnet_bits(const struct tagger *t, const char *s, size_t n)
{
    const struct tg_lex *lx = annals__tg_lookup(t, annals__tg_wordnet_key(annals__hash_lower(s, n)));
    return lx != NULL ? lx->amb : 0;
}

/* The WordNet class of the lower-cased form b[0..n) (n < 60): its own
** entry, and the inflections the detachment rules reach, also through a
** doubled final consonant ("stopped", "running"). */
static uint32_t wordnet_form(const struct tagger *t, char *b, size_t n)
{
    uint32_t bits = wordnet_bits(t, b, n);
    char stem[64];
    for (size_t r = 0; r < annals__lm_n_detach; r++) {
        const struct lm_detachment *d = &annals__lm_detach[r];
        uint32_t pos = TG_WN_NOUN << (d->pos - LM_WN_NOUN), bit = inflection_bit(d);
        size_t ls = strlen(d->ending), la = strlen(d->base), m;
        if (n <= ls + 1 || memcmp(b + n - ls, d->ending, ls) != 0 || (bits & bit))
            continue;
        m = n - ls;
        memcpy(stem, b, m);
        memcpy(stem + m, d->base, la);
        if (wordnet_bits(t, stem, m + la) & pos)
            bits |= bit;
        else if (la == 0 && (bit & (TG_WN_PAST | TG_WN_GERUND)) && m >= 3 &&
                 stem[m - 1] == stem[m - 2] && (wordnet_bits(t, stem, m - 1) & pos))
            bits |= bit;
    }
    return bits;
}

/* The WordNet class of word s[0..n) (docs/SYNTAX.md#wordnet-classes). */
static uint32_t wordnet_class(const struct tagger *t, const char *s, size_t n)
{
    char b[60];
    uint32_t bits;
    size_t h;
    if (n == 0 || n > sizeof b - 4)
        return TG_WN_LOOKED;
    for (size_t i = 0; i < n; i++)
        b[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
    bits = wordnet_form(t, b, n);
    h = n;
    while (h > 0 && b[h - 1] != '-')
        h--;
    if (bits == 0 && h > 1 && h < n)
        bits = wordnet_form(t, b + h, n - h) | TG_WN_HYPHEN;
    return bits | TG_WN_LOOKED;
}

void annals__tg_atoms(const struct tagger *t, const struct syn_word *w, size_t n,
                      struct tg_atoms *a)
{
    /* The lexicon, WordNet and cluster lookups miss the cache: start them
    ** all for the sentence before the first is needed. */
    for (size_t i = 0; i < n; i++) {
        a[i].w = annals__hash_lower(w[i].form, w[i].form_len);
        a[i].form = annals__hash_bytes(w[i].form, w[i].form_len);
        if (t->lex != NULL) {
            annals__keytab_prefetch(t->lex, t->lex_mask, sizeof *t->lex,
                                    annals__tg_form_key(a[i].form));
            annals__keytab_prefetch(t->lex, t->lex_mask, sizeof *t->lex,
                                    annals__tg_lower_key(a[i].w));
            annals__keytab_prefetch(t->lex, t->lex_mask, sizeof *t->lex,
                                    annals__tg_wordnet_key(a[i].w));
        }
        if (t->clusters != NULL)
            annals__clusters_prefetch(t->clusters, a[i].w);
    }
    for (size_t i = 0; i < n; i++) {
        const char *s = w[i].form;
        size_t len = w[i].form_len;
        const struct tg_lex *lx;
        for (int k = 0; k < 5; k++) {
            size_t b = last_chars(s, len, k + 1);
            a[i].suf[k] = annals__hash_lower(s + b, len - b);
        }
        for (int k = 0; k < 4; k++)
            a[i].pre[k] = annals__hash_lower(s, first_chars(s, len, k + 1));
        {
            size_t h = len;
            while (h > 0 && s[h - 1] != '-')
                h--;
            a[i].hyph = h > 1 && h < len ? annals__hash_lower(s + h, len - h) : 0;
        }
        a[i].shape = shape_of(s, len, &a[i].flags);
        if (i == 0)
            a[i].flags |= TG_FLAG_FIRST;
        lx = annals__tg_lookup(t, annals__tg_form_key(a[i].form));
        if (lx == NULL)
            lx = annals__tg_lookup(t, annals__tg_lower_key(a[i].w));
        a[i].amb = lx != NULL ? lx->amb : 0;
        a[i].fixed = lx != NULL && lx->fixed ? (int32_t)lx->top : -1;
        a[i].wn = (t->tmask[0] & ((uint64_t)1 << TG_WN)) ? wordnet_class(t, s, len) : 0;
        {
            const uint64_t *cp =
                t->clusters != NULL ? annals__clusters_word_prefixes(t->clusters, a[i].w) : NULL;
            for (int k = 0; k < TG_CLUSTER_PREFIXES; k++)
                a[i].cluster[k] = cp != NULL ? cp[k] : 0;
        }
    }
}

static uint64_t key2(int tpl, uint64_t a, uint64_t b)
{
    uint64_t h = annals__hash_mix((uint64_t)(tpl + 1) * 0x9e3779b97f4a7c15ull, a);
    return annals__hash_final(annals__hash_mix(h, b));
}

size_t annals__tg_features(const struct tagger *t, const struct tg_atoms *a, size_t i,
                           size_t n, const uint32_t *tags, uint64_t *keys)
{
    const struct tg_atoms *c = &a[i];
    uint64_t wm1 = i >= 1 ? a[i - 1].w : PAD_START, wm2 = i >= 2 ? a[i - 2].w : PAD_START;
    uint64_t wp1 = i + 1 < n ? a[i + 1].w : PAD_END, wp2 = i + 2 < n ? a[i + 2].w : PAD_END;
    uint64_t tm1 = i >= 1 ? tags[i - 1] : 0, tm2 = i >= 2 ? tags[i - 2] : 0;
    uint64_t ap1 = i + 1 < n ? a[i + 1].amb : PAD_END, ap2 = i + 2 < n ? a[i + 2].amb : PAD_END;
    uint64_t s3m1 = i >= 1 ? a[i - 1].suf[2] : PAD_START;
    uint64_t s3p1 = i + 1 < n ? a[i + 1].suf[2] : PAD_END;
    uint64_t shp1 = i + 1 < n ? a[i + 1].shape : PAD_END;
    uint64_t shm1 = i >= 1 ? a[i - 1].shape : PAD_START;
    uint64_t m = t->tmask[0];
    size_t k = 0;
#define F(tpl, x, y) \
    if (m & ((uint64_t)1 << (tpl))) \
        keys[k++] = key2((tpl), (x), (y))
    F(TG_BIAS, 0, 0);
    F(TG_W, c->w, 0);
    F(TG_FORM, c->form, 0);
    F(TG_S1, c->suf[0], 0);
    F(TG_S2, c->suf[1], 0);
    F(TG_S3, c->suf[2], 0);
    F(TG_S4, c->suf[3], 0);
    F(TG_P1, c->pre[0], 0);
    F(TG_P2, c->pre[1], 0);
    F(TG_P3, c->pre[2], 0);
    F(TG_SHAPE, c->shape, 0);
    F(TG_WM1, wm1, 0);
    F(TG_WM2, wm2, 0);
    F(TG_WP1, wp1, 0);
    F(TG_WP2, wp2, 0);
    F(TG_TM1, tm1, 0);
    F(TG_TM2, tm2, 0);
    F(TG_TM1TM2, tm1, tm2);
    F(TG_TM1W, tm1, c->w);
    F(TG_S3M1, s3m1, 0);
    F(TG_S3P1, s3p1, 0);
    F(TG_A, c->amb, 0);
    F(TG_AP1, ap1, 0);
    F(TG_AP2, ap2, 0);
    F(TG_TM1AP1, tm1, ap1);
    F(TG_WWP1, c->w, wp1);
    F(TG_WM1W, wm1, c->w);
    F(TG_SHAPEP1, shp1, 0);
    F(TG_SHAPEM1, shm1, 0);
    F(TG_FLAGS, c->flags, 0);
    F(TG_TM1S3, tm1, c->suf[2]);
    F(TG_AP1AP2, ap1, ap2);
    F(TG_S5, c->suf[4], 0);
    F(TG_P4, c->pre[3], 0);
    if (c->hyph != 0)
        F(TG_HYPH, c->hyph, 0);
    F(TG_WM1S3, wm1, c->suf[2]);
    if (c->wn != 0) {
        F(TG_WN, c->wn, 0);
        F(TG_WNM1, i >= 1 ? a[i - 1].wn : PAD_START, 0);
        F(TG_WNP1, i + 1 < n ? a[i + 1].wn : PAD_END, 0);
    }
    if (t->clusters != NULL) {
        F(TG_C4, c->cluster[0], 0);
        F(TG_C6, c->cluster[1], 0);
        F(TG_C10, c->cluster[2], 0);
        F(TG_CM1, i >= 1 ? a[i - 1].cluster[1] : PAD_START, 0);
        F(TG_CP1, i + 1 < n ? a[i + 1].cluster[1] : PAD_END, 0);
    }
#undef F
    return k;
}

void annals__tg_mirror(const struct tg_atoms *a, size_t n, struct tg_atoms *r)
{
    for (size_t j = 0; j < n; j++) {
        r[j] = a[n - 1 - j];
        r[j].flags &= ~(uint32_t)TG_FLAG_FIRST;
    }
    if (n > 0)
        r[0].flags |= TG_FLAG_FIRST;
}

void annals__tg_mark_clusters(const struct tg_atoms *a, struct syn_word *w, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        w[i].cluster[0] = a[i].cluster[0];
        w[i].cluster[1] = a[i].cluster[TG_CLUSTER_PREFIXES - 1];
    }
}

/* Give word w label c. */
static void set_label(const struct tagger *t, struct syn_word *w, uint32_t c)
{
    w->tag = (uint16_t)c;
    w->upos = t->upos[c];
    w->upos_len = t->upos_len[c];
    w->xpos = t->xpos[c];
    w->xpos_len = t->xpos_len[c];
    w->tag_hash = t->tag_hash[c];
}

/* Best and runner-up label of scores[0..nl). */
static void best_two(const float *scores, size_t nl, uint32_t *best, uint32_t *second)
{
    *best = 0;
    *second = UINT32_MAX;
    for (uint32_t c = 1; c < nl; c++) {
        if (scores[c] > scores[*best]) {
            *second = *best;
            *best = c;
        } else if (*second == UINT32_MAX || scores[c] > scores[*second]) {
            *second = c;
        }
    }
}

/* Is w tagged as a finite verb (Penn VBD, VBZ, VBP)? */
static int finite_verb(const struct syn_word *w)
{
    return w->xpos_len == 3 && w->xpos[0] == 'V' && w->xpos[1] == 'B' &&
           (w->xpos[2] == 'D' || w->xpos[2] == 'Z' || w->xpos[2] == 'P');
}

/* The right-to-left model's say on the words the left-to-right pass was
** unsure of (margin below t->rtl_below): it reads the sentence backwards,
** with the first pass's labels as the labels already given to its right,
** and its scores are added to that pass's (kept[i * nl ...], for those
** words only).  The word's margin stays the first pass's, and its
** runner-up becomes the runner-up of the sum.  A finite verb of the first
** pass stays one: its evidence is the subject on its left, whose tag that
** pass had and the right-to-left one has not ("forces demolished
** Palestinian homes", which read from the right looks like an adjective). */
static void rescore_right_to_left(const struct tagger *t, struct syn_word *w, size_t n,
                                  const struct tg_atoms *a, const uint32_t *tags,
                                  float *kept, struct tg_atoms *r, uint32_t *rtags)
{
    size_t nl = t->labels.n;
    uint64_t keys[TG_MAX_FEATS];
    annals__tg_mirror(a, n, r);
    for (size_t j = 0; j < n; j++)
        rtags[j] = tags[n - 1 - j];
    for (size_t i = 0; i < n; i++) {
        uint32_t best, second;
        float *sum = kept + i * nl;
        if (a[i].fixed >= 0 || !(w[i].tag_margin < t->rtl_below) || finite_verb(&w[i]))
            continue;
        annals__pm_score(&t->rtl, keys, annals__tg_features(t, r, n - 1 - i, n, rtags, keys),
                         sum);
        best_two(sum, nl, &best, &second);
        set_label(t, &w[i], best);
        w[i].alt_hash = second != UINT32_MAX ? t->tag_hash[second] : 0;
    }
}

int annals__tagger_tag(const struct tagger *t, struct syn_word *w, size_t n,
                       struct syn_scratch *s)
{
    struct tg_atoms *a, *r = NULL;
    uint32_t *tags, *rtags = NULL;
    float *scores, *kept = NULL;
    uint64_t keys[TG_MAX_FEATS];
    size_t nl = t->labels.n, unsure = 0;
    size_t rtl_room = t->rtl_below > 0 ? n * sizeof *r + n * sizeof *rtags + n * nl * sizeof *kept : 0;
    unsigned char *mem;

    if (n > SYN_MAX_WORDS)
        return ANNALS_ETOOBIG;
    if (n == 0)
        return ANNALS_OK;
    mem = annals__scratch_get(s, n * sizeof *a + n * sizeof *tags + nl * sizeof *scores + rtl_room +
                                     64);
    if (mem == NULL)
        return ANNALS_ENOMEM;
    a = (struct tg_atoms *)mem;
    tags = (uint32_t *)(a + n);
    if (rtl_room > 0) {
        r = (struct tg_atoms *)(mem + n * sizeof *a);
        tags = (uint32_t *)(r + n);
        rtags = tags + n;
    }
    scores = (float *)(tags + (rtl_room > 0 ? 2 * n : n));
    if (rtl_room > 0)
        kept = scores + nl;
    annals__tg_atoms(t, w, n, a);
    annals__tg_mark_clusters(a, w, n);
    for (size_t i = 0; i < n; i++) {
        uint32_t best = 0, second = UINT32_MAX;
        float margin = FLT_MAX;
        if (a[i].fixed >= 0) {
            best = (uint32_t)a[i].fixed;
        } else {
            size_t nk = annals__tg_features(t, a, i, n, tags, keys);
            memset(scores, 0, nl * sizeof *scores);
            annals__pm_score(&t->pm, keys, nk, scores);
            /* the runner-up too: the parser learns how far to trust a tag */
            best_two(scores, nl, &best, &second);
            if (second != UINT32_MAX)
                margin = scores[best] - scores[second];
            if (kept != NULL && margin < t->rtl_below) {
                memcpy(kept + i * nl, scores, nl * sizeof *scores);
                unsure++;
            }
        }
        w[i].alt_hash = second != UINT32_MAX ? t->tag_hash[second] : 0;
        w[i].tag_margin = margin;
        tags[i] = best + 1;
        set_label(t, &w[i], best);
    }
    if (unsure > 0)
        rescore_right_to_left(t, w, n, a, tags, kept, r, rtags);
    return ANNALS_OK;
}

int annals__tg_prepare_labels(struct tagger *t)
{
    size_t n = t->labels.n;
    const struct annals_alloc *a = t->alloc;
    t->split = annals__malloc(a, t->labels.block_len + n);
    t->upos = annals__malloc(a, n * sizeof *t->upos);
    t->xpos = annals__malloc(a, n * sizeof *t->xpos);
    t->upos_len = annals__malloc(a, n * sizeof *t->upos_len);
    t->xpos_len = annals__malloc(a, n * sizeof *t->xpos_len);
    t->tag_hash = annals__malloc(a, n * sizeof *t->tag_hash);
    if (t->split == NULL || t->upos == NULL || t->xpos == NULL || t->upos_len == NULL ||
        t->xpos_len == NULL || t->tag_hash == NULL)
        return ANNALS_ENOMEM;
    char *q = t->split;
    for (size_t i = 0; i < n; i++) {
        const char *s = t->labels.s[i];
        size_t len = t->labels.len[i];
        const char *tab = memchr(s, '\t', len);
        size_t ul = tab != NULL ? (size_t)(tab - s) : len;
        size_t xl = tab != NULL ? len - ul - 1 : 0;
        if (tab == NULL || ul == 0 || xl == 0 || memchr(tab + 1, '\t', xl) != NULL)
            return ANNALS_EMODEL;
        memcpy(q, s, ul);
        q[ul] = '\0';
        t->upos[i] = q;
        t->upos_len[i] = (uint16_t)ul;
        q += ul + 1;
        memcpy(q, tab + 1, xl);
        q[xl] = '\0';
        t->xpos[i] = q;
        t->xpos_len[i] = (uint16_t)xl;
        q += xl + 1;
        t->tag_hash[i] = annals__hash_bytes(s, len);
    }
    return ANNALS_OK;
}

int annals__tg_set_lexicon(struct tagger *t, const struct tg_lex *e, size_t n)
{
    t->lex = annals__keytab_build(t->alloc, e, n, sizeof *e, &t->lex_mask);
    if (t->lex == NULL)
        return ANNALS_ENOMEM;
    t->n_lex = (uint32_t)n;
    return ANNALS_OK;
}

int annals__tg_set_clusters(struct tagger *t, struct clusters *cl)
{
    t->clusters = cl;
    if (cl == NULL)
        return ANNALS_OK;
    return annals__clusters_prefixes(cl, annals__tg_cluster_prefix_len, TG_CLUSTER_PREFIXES);
}

void annals__tg_drop_clusters(struct tagger *t)
{
    annals__clusters_free(t->clusters);
    t->clusters = NULL;
}

void annals__tg_release(struct tagger *t)
{
    size_t n = t->labels.n;
    const struct annals_alloc *a = t->alloc;
    annals__free(a, t->split, t->labels.block_len + n);
    annals__free(a, t->upos, n * sizeof *t->upos);
    annals__free(a, t->xpos, n * sizeof *t->xpos);
    annals__free(a, t->upos_len, n * sizeof *t->upos_len);
    annals__free(a, t->xpos_len, n * sizeof *t->xpos_len);
    annals__free(a, t->tag_hash, n * sizeof *t->tag_hash);
    if (t->lex != NULL)
        annals__free(a, t->lex, (t->lex_mask + 1) * sizeof *t->lex);
    t->split = NULL;
    t->upos = t->xpos = NULL;
    t->upos_len = t->xpos_len = NULL;
    t->tag_hash = NULL;
    t->lex = NULL;
}

void annals__tagger_free(struct tagger *t)
{
    if (t == NULL)
        return;
    annals__tg_release(t);
    annals__labels_free(t->alloc, &t->labels);
    annals__pm_free(&t->pm);
    annals__pm_free(&t->rtl);
    annals__tg_drop_clusters(t);
    annals__free(t->alloc, t, sizeof *t);
}

/* LEXN: u32 n, then n x {u64 key, u32 ambiguity class, u16 top tag, u16 fixed},
** keys strictly ascending. */
static int load_lexicon(struct tagger *t, const struct model_section *s, char *err,
                        size_t errlen)
{
    struct model_rd r;
    struct tg_lex *e;
    uint32_t n;
    uint64_t prev = 0;
    int rc;

    annals__rd_init(&r, s);
    n = annals__rd_u32(&r);
    if (r.bad || (uint64_t)n * 16 != annals__rd_left(&r)) {
        annals__fmt(err, errlen, "section LEXN: %u entries do not fit %zu bytes", (unsigned)n,
                    annals__rd_left(&r));
        return ANNALS_EMODEL;
    }
    e = annals__malloc(t->alloc, (size_t)(n ? n : 1) * sizeof *e);
    if (e == NULL)
        return ANNALS_ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        e[i].key = annals__rd_u64(&r);
        e[i].amb = annals__rd_u32(&r);
        e[i].top = annals__rd_u16(&r);
        e[i].fixed = annals__rd_u16(&r);
        if (e[i].key <= prev || e[i].top >= t->labels.n || e[i].fixed > 1) {
            annals__fmt(err, errlen, "section LEXN: entry %u: %s", (unsigned)i,
                        e[i].key <= prev ? "keys not strictly ascending"
                        : e[i].top >= t->labels.n ? "tag out of range" : "bad flag");
            annals__free(t->alloc, e, (size_t)(n ? n : 1) * sizeof *e);
            return ANNALS_EMODEL;
        }
        prev = e[i].key;
    }
    rc = annals__tg_set_lexicon(t, e, n);
    annals__free(t->alloc, e, (size_t)(n ? n : 1) * sizeof *e);
    return rc;
}

int annals__tagger_open(const struct annals_alloc *a, const struct annals_model *m,
                        struct tagger **out, char *err, size_t errlen)
{
    struct tagger *t;
    const struct model_section *feat, *lexn, *wght;
    const char *v;
    size_t vlen;
    int rc;

    *out = NULL;
    if (memcmp(m->kind, "POS1", 4) != 0) {
        annals__fmt(err, errlen, "model kind %.4s is not a tagger (POS1)", m->kind);
        return ANNALS_EMODEL;
    }
    feat = annals__model_find(m, "FEAT");
    lexn = annals__model_find(m, "LEXN");
    wght = annals__model_find(m, "WGHT");
    if (lexn == NULL || wght == NULL) {
        annals__fmt(err, errlen, "required section %s missing", lexn == NULL ? "LEXN" : "WGHT");
        return ANNALS_EMODEL;
    }
    t = annals__malloc(a, sizeof *t);
    if (t == NULL)
        return ANNALS_ENOMEM;
    memset(t, 0, sizeof *t);
    t->alloc = a;
    v = annals__model_kv(feat, "templates", &vlen);
    if (v == NULL) {
        annals__fmt(err, errlen, "section FEAT: no templates key");
        rc = ANNALS_EMODEL;
        goto fail;
    }
    rc = annals__templates_parse("section FEAT", v, vlen, annals__tg_template_names,
                                 TG_N_TEMPLATES, t->tmask, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    rc = annals__labels_load(a, annals__model_find(m, "LABL"), &t->labels, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    rc = annals__tg_prepare_labels(t);
    if (rc != ANNALS_OK) {
        if (rc == ANNALS_EMODEL)
            annals__fmt(err, errlen, "section LABL: a label is not \"UPOS<tab>XPOS\"");
        goto fail;
    }
    rc = load_lexicon(t, lexn, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    if (annals__model_find(m, "CLBL") != NULL) {
        struct clusters *cl;
        rc = annals__clusters_open(a, annals__model_find(m, "CLBL"),
                                   annals__model_find(m, "WCLS"), &cl, err, errlen);
        if (rc != ANNALS_OK)
            goto fail;
        rc = annals__tg_set_clusters(t, cl);
        if (rc != ANNALS_OK)
            goto fail;
    } else if (t->tmask[0] >> TG_C4 != 0) {
        annals__fmt(err, errlen, "cluster features without word clusters (CLBL, WCLS)");
        rc = ANNALS_EMODEL;
        goto fail;
    }
    rc = annals__pm_load(a, wght, t->labels.n, &t->pm, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    {
        double below = 0;
        const struct model_section *rtl = annals__model_find(m, "WGRL");
        rc = annals__feat_number(feat, "right_to_left_below", 0, 1e6, &below, err, errlen);
        if (rc != ANNALS_OK)
            goto fail;
        if ((rtl != NULL) != (below > 0)) {
            annals__fmt(err, errlen, rtl != NULL ? "section WGRL without right_to_left_below"
                                                 : "right_to_left_below without section WGRL");
            rc = ANNALS_EMODEL;
            goto fail;
        }
        if (rtl != NULL) {
            rc = annals__pm_load(a, rtl, t->labels.n, &t->rtl, err, errlen);
            if (rc != ANNALS_OK)
                goto fail;
            t->rtl_below = (float)below;
        }
    }
    *out = t;
    return ANNALS_OK;
fail:
    if (rc == ANNALS_ENOMEM)
        annals__fmt(err, errlen, "out of memory");
    annals__tagger_free(t);
    return rc;
}
