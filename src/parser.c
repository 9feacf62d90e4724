/* parser.c -- labelled dependency parser: the arc-hybrid transition system
** (Kuhlmann et al. 2011) with the root at the end of the buffer
** (Ballesteros and Nivre 2013), decoded greedily with an averaged
** perceptron over Zhang and Nivre (2011) style features.  One word is
** attached to the root, with the label "root".  Reads model sections META,
** FEAT, LABL, WGHT (docs/MODEL-FORMAT.md); details: docs/SYNTAX.md#parser. */
#include "parser.h"

#include <stdlib.h>
#include <string.h>

const char *const annals__ps_template_names[PT_N_TEMPLATES] = {
    "s0w", "s0p", "s0wp", "s1w", "s1p", "s1wp", "s2p", "s2wp",
    "b0w", "b0p", "b0wp", "b1w", "b1p", "b1wp", "b2p", "b2w",
    "s0wp.b0wp", "s0wp.b0w", "s0w.b0wp", "s0wp.b0p", "s0p.b0wp", "s0w.b0w",
    "s0p.b0p", "b0p.b1p", "s1wp.s0wp", "s1p.s0p", "s1w.s0w", "s1p.s0wp",
    "s1wp.s0p", "b0p.b1p.b2p", "s0p.b0p.b1p", "s1p.s0p.b0p", "s2p.s1p.s0p",
    "s0p.s0l1p.b0p", "s0p.s0r1p.b0p", "s0p.b0p.b0l1p", "s1p.s1r1p.s0p",
    "s1p.s0p.s0l1p", "s1p.s0p.s0r1p",
    "d01.s0w", "d01.s0p", "d01.b0w", "d01.b0p", "d01.s0p.b0p", "d10.s1p.s0p",
    "d10.s1w.s0w",
    "s0vl.s0w", "s0vl.s0p", "s0vr.s0w", "s0vr.s0p", "b0vl.b0w", "b0vl.b0p",
    "s1vr.s1p",
    "s0l1w", "s0l1p", "s0l1l", "s0r1w", "s0r1p", "s0r1l", "s1r1p", "s1r1l",
    "b0l1w", "b0l1p", "b0l1l", "s0l2p", "s0l2l", "s0r2p", "s0r2l", "b0l2p",
    "b0l2l", "s1l1p", "s1l1l",
    "s0p.s0l1l.s0l2l", "s0p.s0r1l.s0r2l", "b0p.b0l1l.b0l2l", "s1p.s1r1l.s0p",
    "s0w.s0lset", "s0p.s0lset", "s0w.s0rset", "s0p.s0rset", "b0w.b0lset",
    "b0p.b0lset", "s1p.s1rset",
    "s0c", "b0c", "s1c", "b1c", "s0c.b0c", "s0c.b0p", "s0p.b0c", "s0c4.b0c4", "s1c.s0c",
    "s0x", "s0p.s0x", "s0w.s0x", "b0x", "b0p.b0x", "b0w.b0x", "s1x", "b1x"
};

#define ATOM_NONE 0x6e6f6e65ull
#define ATOM_ROOT 0x726f6f74ull

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

size_t annals__ps_state_size(int n)
{
    size_t k = (size_t)n + 2;
    return k * (sizeof(int) * 11 + sizeof(uint64_t) * 7) + 64;
}

void annals__ps_state_init(const struct parser *p, struct ps_state *st, void *mem,
                           const struct syn_word *w, int n)
{
    size_t k = (size_t)n + 2;
    uint64_t *u = mem;
    int *q;

    st->n = n;
    st->lset = u;
    st->rset = u + k;
    st->wh = u + 2 * k;
    st->ph = u + 3 * k;
    st->ch = u + 4 * k;
    st->c4 = u + 5 * k;
    st->xh = u + 6 * k;
    q = (int *)(u + 7 * k);
    st->stack = q;
    st->head = q + k;
    st->label = q + 2 * k;
    st->l1 = q + 3 * k;
    st->l2 = q + 4 * k;
    st->r1 = q + 5 * k;
    st->r2 = q + 6 * k;
    st->nl = q + 7 * k;
    st->nr = q + 8 * k;
    memset(st->lset, 0, 2 * k * sizeof *u);
    memset(q + k, 0, 8 * k * sizeof *q);
    st->depth = 0;
    st->b = 1;
    st->wh[0] = st->ph[0] = st->ch[0] = st->c4[0] = ATOM_NONE;
    st->wh[n + 1] = st->ph[n + 1] = st->ch[n + 1] = st->c4[n + 1] = ATOM_ROOT;
    st->xh[0] = st->xh[n + 1] = 0;
    for (int i = 1; i <= n; i++) {
        const struct syn_word *x = &w[i - 1];
        uint64_t h = 0xcbf29ce484222325ull;
        for (uint32_t j = 0; j < x->form_len; j++) {
            h ^= lower((unsigned char)x->form[j]);
            h *= 0x100000001b3ull;
        }
        st->wh[i] = h;
        st->ph[i] = x->tag_hash;
        st->ch[i] = x->cluster[1];
        st->c4[i] = x->cluster[0];
        st->xh[i] = x->tag_margin < p->alt_margin ? x->alt_hash : 0;
    }
}

int annals__ps_terminal(const struct ps_state *st)
{
    return st->depth == 0 && st->b == st->n + 1;
}

/* The moves the transition system allows in st. */
struct ps_moves {
    int shift;
    int left;                   /* 0: none; 1: every relation but root; 2: root only */
    int right;                  /* every relation but root */
};

static struct ps_moves moves_of(const struct ps_state *st)
{
    struct ps_moves mv;
    int at_root = st->b == st->n + 1;
    mv.shift = !at_root;
    mv.left = st->depth >= 1 ? (at_root ? 2 * (st->depth == 1) : 1) : 0;
    mv.right = st->depth >= 2;
    return mv;
}

void annals__ps_valid(const struct parser *p, const struct ps_state *st, unsigned char *valid)
{
    int L = (int)p->labels.n;
    struct ps_moves mv = moves_of(st);
    memset(valid, 0, (size_t)(2 * L + 1));
    valid[PS_SHIFT] = (unsigned char)mv.shift;
    if (mv.left == 2)
        valid[PS_LEFT(L, p->root_label)] = 1;
    for (int l = 0; l < L; l++) {
        valid[PS_LEFT(L, l)] |= mv.left == 1 && l != p->root_label;
        valid[PS_RIGHT(L, l)] = mv.right && l != p->root_label;
    }
}

/* The first class of [from, to) but skip with the highest score above
** scores[best] (best < 0: any), else best. */
static int range_best(const float *scores, int from, int to, int skip, int best)
{
    for (int c = from; c < to; c++)
        if (c != skip && (best < 0 || scores[c] > scores[best]))
            best = c;
    return best;
}

/* The allowed class with the highest score, the lowest on ties: the classes
** are visited in order, as a scan of annals__ps_valid()'s mask would. */
static int best_move(const struct parser *p, const struct ps_moves *mv, const float *scores)
{
    int L = (int)p->labels.n, root = p->root_label, best = mv->shift ? PS_SHIFT : -1;
    if (mv->left == 2)
        best = range_best(scores, PS_LEFT(L, root), PS_LEFT(L, root) + 1, -1, best);
    else if (mv->left == 1)
        best = range_best(scores, PS_LEFT(L, 0), PS_LEFT(L, L), PS_LEFT(L, root), best);
    if (mv->right)
        best = range_best(scores, PS_RIGHT(L, 0), PS_RIGHT(L, L), PS_RIGHT(L, root), best);
    return best;
}

/* How many moves mv allows. */
static int move_count(const struct parser *p, const struct ps_moves *mv)
{
    int others = (int)p->labels.n - 1;
    return mv->shift + (mv->left == 2 ? 1 : mv->left == 1 ? others : 0) +
           (mv->right ? others : 0);
}

static void add_arc(struct ps_state *st, int h, int d, int l)
{
    st->head[d] = h;
    st->label[d] = l;
    if (d < h) {
        if (st->l1[h] == 0 || d < st->l1[h]) {
            st->l2[h] = st->l1[h];
            st->l1[h] = d;
        } else if (st->l2[h] == 0 || d < st->l2[h]) {
            st->l2[h] = d;
        }
        st->nl[h]++;
        st->lset[h] |= (uint64_t)1 << (l < 63 ? l : 63);
    } else {
        if (st->r1[h] == 0 || d > st->r1[h]) {
            st->r2[h] = st->r1[h];
            st->r1[h] = d;
        } else if (st->r2[h] == 0 || d > st->r2[h]) {
            st->r2[h] = d;
        }
        st->nr[h]++;
        st->rset[h] |= (uint64_t)1 << (l < 63 ? l : 63);
    }
}

void annals__ps_apply(const struct parser *p, struct ps_state *st, int cls)
{
    int L = (int)p->labels.n;
    if (cls == PS_SHIFT) {
        st->stack[st->depth++] = st->b++;
    } else if (cls <= L) {
        int s0 = st->stack[--st->depth];
        add_arc(st, st->b, s0, cls - 1);
    } else {
        int s0 = st->stack[--st->depth];
        add_arc(st, st->stack[st->depth - 1], s0, cls - 1 - L);
    }
}

static uint64_t key3(int tpl, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t h = annals__hash_mix((uint64_t)(tpl + 1) * 0x9e3779b97f4a7c15ull, a);
    return annals__hash_final(annals__hash_mix(annals__hash_mix(h, b), c));
}

static uint64_t dist_bucket(int d)
{
    if (d < 0)
        d = -d;
    return (uint64_t)(d <= 4 ? d : d <= 9 ? 5 : 6);
}

static uint64_t cap5(int v) { return (uint64_t)(v < 5 ? v : 5); }

size_t annals__ps_features(const struct parser *p, const struct ps_state *st, uint64_t *keys)
{
    const uint64_t *W = st->wh, *P = st->ph, *C = st->ch, *X = st->xh;
    int n = st->n;
    int s0 = st->depth >= 1 ? st->stack[st->depth - 1] : 0;
    int s1 = st->depth >= 2 ? st->stack[st->depth - 2] : 0;
    int s2 = st->depth >= 3 ? st->stack[st->depth - 3] : 0;
    int b0 = st->b <= n + 1 ? st->b : 0;
    int b1 = b0 != 0 && b0 + 1 <= n + 1 ? b0 + 1 : 0;
    int b2 = b1 != 0 && b1 + 1 <= n + 1 ? b1 + 1 : 0;
    int s0l1 = s0 ? st->l1[s0] : 0, s0l2 = s0 ? st->l2[s0] : 0;
    int s0r1 = s0 ? st->r1[s0] : 0, s0r2 = s0 ? st->r2[s0] : 0;
    int s1l1 = s1 ? st->l1[s1] : 0, s1r1 = s1 ? st->r1[s1] : 0;
    int b0l1 = b0 ? st->l1[b0] : 0, b0l2 = b0 ? st->l2[b0] : 0;
#define LB(x) ((x) != 0 ? (uint64_t)st->label[(x)] + 1 : 0)
    uint64_t d01 = s0 && b0 ? dist_bucket(b0 - s0) : 7;
    uint64_t d10 = s0 && s1 ? dist_bucket(s0 - s1) : 7;
    uint64_t s0wp = annals__hash_mix(W[s0], P[s0]), b0wp = annals__hash_mix(W[b0], P[b0]);
    uint64_t s1wp = annals__hash_mix(W[s1], P[s1]);
    const uint64_t *m = p->tmask;
    size_t k = 0;
#define F(tpl, x, y, z) \
    if (m[(tpl) / 64] & ((uint64_t)1 << ((tpl) % 64))) \
        keys[k++] = key3((tpl), (x), (y), (z))
    F(PT_S0W, W[s0], 0, 0);
    F(PT_S0P, P[s0], 0, 0);
    F(PT_S0WP, s0wp, 0, 0);
    F(PT_S1W, W[s1], 0, 0);
    F(PT_S1P, P[s1], 0, 0);
    F(PT_S1WP, s1wp, 0, 0);
    F(PT_S2P, P[s2], 0, 0);
    F(PT_S2WP, W[s2], P[s2], 0);
    F(PT_B0W, W[b0], 0, 0);
    F(PT_B0P, P[b0], 0, 0);
    F(PT_B0WP, b0wp, 0, 0);
    F(PT_B1W, W[b1], 0, 0);
    F(PT_B1P, P[b1], 0, 0);
    F(PT_B1WP, W[b1], P[b1], 0);
    F(PT_B2P, P[b2], 0, 0);
    F(PT_B2W, W[b2], 0, 0);
    F(PT_S0WP_B0WP, s0wp, b0wp, 0);
    F(PT_S0WP_B0W, s0wp, W[b0], 0);
    F(PT_S0W_B0WP, W[s0], b0wp, 0);
    F(PT_S0WP_B0P, s0wp, P[b0], 0);
    F(PT_S0P_B0WP, P[s0], b0wp, 0);
    F(PT_S0W_B0W, W[s0], W[b0], 0);
    F(PT_S0P_B0P, P[s0], P[b0], 0);
    F(PT_B0P_B1P, P[b0], P[b1], 0);
    F(PT_S1WP_S0WP, s1wp, s0wp, 0);
    F(PT_S1P_S0P, P[s1], P[s0], 0);
    F(PT_S1W_S0W, W[s1], W[s0], 0);
    F(PT_S1P_S0WP, P[s1], s0wp, 0);
    F(PT_S1WP_S0P, s1wp, P[s0], 0);
    F(PT_B0P_B1P_B2P, P[b0], P[b1], P[b2]);
    F(PT_S0P_B0P_B1P, P[s0], P[b0], P[b1]);
    F(PT_S1P_S0P_B0P, P[s1], P[s0], P[b0]);
    F(PT_S2P_S1P_S0P, P[s2], P[s1], P[s0]);
    F(PT_S0P_S0L1P_B0P, P[s0], P[s0l1], P[b0]);
    F(PT_S0P_S0R1P_B0P, P[s0], P[s0r1], P[b0]);
    F(PT_S0P_B0P_B0L1P, P[s0], P[b0], P[b0l1]);
    F(PT_S1P_S1R1P_S0P, P[s1], P[s1r1], P[s0]);
    F(PT_S1P_S0P_S0L1P, P[s1], P[s0], P[s0l1]);
    F(PT_S1P_S0P_S0R1P, P[s1], P[s0], P[s0r1]);
    F(PT_D01_S0W, d01, W[s0], 0);
    F(PT_D01_S0P, d01, P[s0], 0);
    F(PT_D01_B0W, d01, W[b0], 0);
    F(PT_D01_B0P, d01, P[b0], 0);
    F(PT_D01_S0P_B0P, d01, P[s0], P[b0]);
    F(PT_D10_S1P_S0P, d10, P[s1], P[s0]);
    F(PT_D10_S1W_S0W, d10, W[s1], W[s0]);
    F(PT_S0VL_S0W, s0 ? cap5(st->nl[s0]) : 6, W[s0], 0);
    F(PT_S0VL_S0P, s0 ? cap5(st->nl[s0]) : 6, P[s0], 0);
    F(PT_S0VR_S0W, s0 ? cap5(st->nr[s0]) : 6, W[s0], 0);
    F(PT_S0VR_S0P, s0 ? cap5(st->nr[s0]) : 6, P[s0], 0);
    F(PT_B0VL_B0W, b0 ? cap5(st->nl[b0]) : 6, W[b0], 0);
    F(PT_B0VL_B0P, b0 ? cap5(st->nl[b0]) : 6, P[b0], 0);
    F(PT_S1VR_S1P, s1 ? cap5(st->nr[s1]) : 6, P[s1], 0);
    F(PT_S0L1W, W[s0l1], 0, 0);
    F(PT_S0L1P, P[s0l1], 0, 0);
    F(PT_S0L1L, LB(s0l1), 0, 0);
    F(PT_S0R1W, W[s0r1], 0, 0);
    F(PT_S0R1P, P[s0r1], 0, 0);
    F(PT_S0R1L, LB(s0r1), 0, 0);
    F(PT_S1R1P, P[s1r1], 0, 0);
    F(PT_S1R1L, LB(s1r1), 0, 0);
    F(PT_B0L1W, W[b0l1], 0, 0);
    F(PT_B0L1P, P[b0l1], 0, 0);
    F(PT_B0L1L, LB(b0l1), 0, 0);
    F(PT_S0L2P, P[s0l2], 0, 0);
    F(PT_S0L2L, LB(s0l2), 0, 0);
    F(PT_S0R2P, P[s0r2], 0, 0);
    F(PT_S0R2L, LB(s0r2), 0, 0);
    F(PT_B0L2P, P[b0l2], 0, 0);
    F(PT_B0L2L, LB(b0l2), 0, 0);
    F(PT_S1L1P, P[s1l1], 0, 0);
    F(PT_S1L1L, LB(s1l1), 0, 0);
    F(PT_S0P_S0L1L_S0L2L, P[s0], LB(s0l1), LB(s0l2));
    F(PT_S0P_S0R1L_S0R2L, P[s0], LB(s0r1), LB(s0r2));
    F(PT_B0P_B0L1L_B0L2L, P[b0], LB(b0l1), LB(b0l2));
    F(PT_S1P_S1R1L_S0P, P[s1], LB(s1r1), P[s0]);
    F(PT_S0W_S0LSET, W[s0], s0 ? st->lset[s0] : 1, 0);
    F(PT_S0P_S0LSET, P[s0], s0 ? st->lset[s0] : 1, 0);
    F(PT_S0W_S0RSET, W[s0], s0 ? st->rset[s0] : 1, 0);
    F(PT_S0P_S0RSET, P[s0], s0 ? st->rset[s0] : 1, 0);
    F(PT_B0W_B0LSET, W[b0], b0 ? st->lset[b0] : 1, 0);
    F(PT_B0P_B0LSET, P[b0], b0 ? st->lset[b0] : 1, 0);
    F(PT_S1P_S1RSET, P[s1], s1 ? st->rset[s1] : 1, 0);
    F(PT_S0C, C[s0], 0, 0);
    F(PT_B0C, C[b0], 0, 0);
    F(PT_S1C, C[s1], 0, 0);
    F(PT_B1C, C[b1], 0, 0);
    F(PT_S0C_B0C, C[s0], C[b0], 0);
    F(PT_S0C_B0P, C[s0], P[b0], 0);
    F(PT_S0P_B0C, P[s0], C[b0], 0);
    F(PT_S0C4_B0C4, st->c4[s0], st->c4[b0], 0);
    F(PT_S1C_S0C, C[s1], C[s0], 0);
    /* an uncertain tag's runner-up, only where there is one */
    if (X[s0] != 0) {
        F(PT_S0X, X[s0], 0, 0);
        F(PT_S0P_S0X, P[s0], X[s0], 0);
        F(PT_S0W_S0X, W[s0], X[s0], 0);
    }
    if (X[b0] != 0) {
        F(PT_B0X, X[b0], 0, 0);
        F(PT_B0P_B0X, P[b0], X[b0], 0);
        F(PT_B0W_B0X, W[b0], X[b0], 0);
    }
    if (X[s1] != 0)
        F(PT_S1X, X[s1], 0, 0);
    if (X[b1] != 0)
        F(PT_B1X, X[b1], 0, 0);
#undef F
#undef LB
    return k;
}

int annals__parser_parse(const struct parser *p, struct syn_word *w, size_t n,
                         struct syn_scratch *s)
{
    struct ps_state st;
    size_t nc = p->pm.n_classes;
    unsigned char *mem;
    float *scores;
    uint64_t keys[PS_MAX_FEATS];
    size_t ssz;

    if (n > SYN_MAX_WORDS)
        return ANNALS_ETOOBIG;
    if (n == 0)
        return ANNALS_OK;
    ssz = annals__ps_state_size((int)n);
    mem = annals__scratch_get(s, ssz + nc * sizeof *scores + 16);
    if (mem == NULL)
        return ANNALS_ENOMEM;
    annals__ps_state_init(p, &st, mem, w, (int)n);
    scores = (float *)(mem + ssz);
    while (!annals__ps_terminal(&st)) {
        struct ps_moves mv = moves_of(&st);
        int best;
        /* A forced move (an empty stack must shift, the last word must
        ** attach to the root) needs no scores. */
        if (move_count(p, &mv) > 1) {
            size_t nk = annals__ps_features(p, &st, keys);
            memset(scores, 0, nc * sizeof *scores);
            annals__pm_score(&p->pm, keys, nk, scores);
        }
        best = best_move(p, &mv, scores);   /* reads no score when forced */
        annals__ps_apply(p, &st, best);
    }
    for (size_t i = 1; i <= n; i++) {
        int h = st.head[i], l = st.label[i];
        w[i - 1].head = h == (int)n + 1 ? 0 : h;
        w[i - 1].deprel = (uint16_t)l;
        w[i - 1].deprel_s = p->labels.s[l];
        w[i - 1].deprel_len = p->labels.len[l];
    }
    return ANNALS_OK;
}

void annals__parser_free(struct parser *p)
{
    if (p == NULL)
        return;
    annals__labels_free(p->alloc, &p->labels);
    annals__pm_free(&p->pm);
    annals__free(p->alloc, p, sizeof *p);
}

int annals__parser_open(const struct annals_alloc *a, const struct annals_model *m,
                        struct parser **out, char *err, size_t errlen)
{
    struct parser *p;
    const struct model_section *feat, *wght;
    const char *v;
    size_t vlen;
    int rc;

    *out = NULL;
    if (memcmp(m->kind, "DEP1", 4) != 0) {
        annals__fmt(err, errlen, "model kind %.4s is not a parser (DEP1)", m->kind);
        return ANNALS_EMODEL;
    }
    feat = annals__model_find(m, "FEAT");
    wght = annals__model_find(m, "WGHT");
    if (wght == NULL) {
        annals__fmt(err, errlen, "required section WGHT missing");
        return ANNALS_EMODEL;
    }
    v = annals__model_kv(feat, "system", &vlen);
    if (v == NULL || vlen != strlen(PS_SYSTEM) || memcmp(v, PS_SYSTEM, vlen) != 0) {
        annals__fmt(err, errlen, "section FEAT: transition system is not \"%s\"", PS_SYSTEM);
        return ANNALS_EMODEL;
    }
    p = annals__malloc(a, sizeof *p);
    if (p == NULL)
        return ANNALS_ENOMEM;
    memset(p, 0, sizeof *p);
    p->alloc = a;
    v = annals__model_kv(feat, "templates", &vlen);
    if (v == NULL) {
        annals__fmt(err, errlen, "section FEAT: no templates key");
        rc = ANNALS_EMODEL;
        goto fail;
    }
    rc = annals__templates_parse(v, vlen, annals__ps_template_names, PT_N_TEMPLATES, p->tmask,
                                 err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    {
        double x = 0;
        rc = annals__feat_number(feat, "alt_margin", 0, 1e6, &x, err, errlen);
        if (rc != ANNALS_OK)
            goto fail;
        p->alt_margin = (float)x;
    }
    rc = annals__labels_load(a, annals__model_find(m, "LABL"), &p->labels, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    p->root_label = annals__labels_find(&p->labels, "root", 4);
    if (p->root_label < 0 || p->labels.n > 32767) {
        annals__fmt(err, errlen, "section LABL: %s",
                    p->root_label < 0 ? "no \"root\" relation" : "too many relations");
        rc = ANNALS_EMODEL;
        goto fail;
    }
    rc = annals__pm_load(a, wght, 2 * p->labels.n + 1, &p->pm, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    *out = p;
    return ANNALS_OK;
fail:
    if (rc == ANNALS_ENOMEM)
        annals__fmt(err, errlen, "out of memory");
    annals__parser_free(p);
    return rc;
}
