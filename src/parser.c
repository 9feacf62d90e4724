/* parser.c -- labelled dependency parser: the arc-hybrid transition system
** (Kuhlmann et al. 2011) with the root at the end of the buffer
** (Ballesteros and Nivre 2013), scored by an averaged perceptron over
** Zhang and Nivre (2011) style features and decoded greedily or with a
** small beam over the softmax of those scores.  One word is
** attached to the root, with the label "root".  Reads model sections META,
** FEAT, LABL, WGHT (docs/MODEL-FORMAT.md); details: docs/SYNTAX.md#parser. */
#include "parser.h"

#include <math.h>
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

/* The templates that see only the buffer's first three words: their
** features change only when the front does. */
static const int front_templates[] = {
    PT_B0W, PT_B0P, PT_B0WP, PT_B1W, PT_B1P, PT_B1WP, PT_B2P, PT_B2W, PT_B0P_B1P,
    PT_B0P_B1P_B2P, PT_B0C, PT_B1C, PT_B0X, PT_B0P_B0X, PT_B0W_B0X, PT_B1X
};

#define ATOM_NONE 0x6e6f6e65ull
#define ATOM_ROOT 0x726f6f74ull

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* A state is the words' atoms (read only) followed by the arrays that moves
** change, which a fork of the state copies. */
#define PS_ATOMS 5              /* wh ph ch c4 xh */

/* Bytes of the changing arrays of k words, rounded up so that blocks of
** them laid end to end keep the 64-bit arrays aligned. */
static size_t mutable_size(size_t k)
{
    return (k * (sizeof(uint64_t) * 2 + sizeof(int) * 9) + 15) & ~(size_t)15;
}

size_t annals__ps_state_size(int n)
{
    size_t k = (size_t)n + 2;
    return k * sizeof(uint64_t) * PS_ATOMS + mutable_size(k) + 64;
}

/* Point st's changing arrays into mut, which holds mutable_size() bytes. */
static void lay_out_mutable(struct ps_state *st, void *mut)
{
    size_t k = (size_t)st->n + 2;
    uint64_t *u = mut;
    int *q = (int *)(u + 2 * k);
    st->lset = u;
    st->rset = u + k;
    st->stack = q;
    st->head = q + k;
    st->label = q + 2 * k;
    st->l1 = q + 3 * k;
    st->l2 = q + 4 * k;
    st->r1 = q + 5 * k;
    st->r2 = q + 6 * k;
    st->nl = q + 7 * k;
    st->nr = q + 8 * k;
}

void annals__ps_state_init(const struct parser *p, struct ps_state *st, void *mem,
                           const struct syn_word *w, int n)
{
    size_t k = (size_t)n + 2;
    uint64_t *u = mem;

    st->n = n;
    st->wh = u;
    st->ph = u + k;
    st->ch = u + 2 * k;
    st->c4 = u + 3 * k;
    st->xh = u + 4 * k;
    lay_out_mutable(st, u + PS_ATOMS * k);
    memset(st->lset, 0, mutable_size(k));
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

/* The classes mv allows: ranges [lo, hi) but skip, in class order. */
struct move_ranges {
    int n, lo[3], hi[3], skip[3];
};

static void allowed_ranges(const struct parser *p, const struct ps_moves *mv,
                           struct move_ranges *r)
{
    int L = (int)p->labels.n, root = p->root_label;
    r->n = 0;
#define RANGE(from, to, except) \
    (r->lo[r->n] = (from), r->hi[r->n] = (to), r->skip[r->n++] = (except))
    if (mv->shift)
        RANGE(PS_SHIFT, PS_SHIFT + 1, -1);
    if (mv->left == 2)
        RANGE(PS_LEFT(L, root), PS_LEFT(L, root) + 1, -1);
    else if (mv->left == 1)
        RANGE(PS_LEFT(L, 0), PS_LEFT(L, L), PS_LEFT(L, root));
    if (mv->right)
        RANGE(PS_RIGHT(L, 0), PS_RIGHT(L, L), PS_RIGHT(L, root));
#undef RANGE
}

/* The allowed class with the highest score, the lowest on ties: the classes
** are visited in order, as a scan of annals__ps_valid()'s mask would. */
static int best_move(const struct parser *p, const struct ps_moves *mv, const float *scores)
{
    struct move_ranges r;
    int best = -1;
    allowed_ranges(p, mv, &r);
    for (int i = 0; i < r.n; i++)
        best = range_best(scores, r.lo[i], r.hi[i], r.skip[i], best);
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

size_t annals__ps_features(const struct ps_state *st, const uint64_t m[2], uint64_t *keys)
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

/* Beam search over the locally trained model (docs/SYNTAX.md#beam-decoding): a
** derivation scores the sum of its moves' log-probabilities, each the
** softmax of the allowed moves' scores divided by the model's temperature.
** Every derivation of n words takes 2n moves, so the beam advances in step
** and all its derivations end together. */
struct beam_item {
    struct ps_state st;
    int block;                  /* index of the mutable block st uses */
    float logp;
};

struct beam_move {
    int from;                   /* item it extends */
    int cls;
    float logp;                 /* of the derivation it makes */
};

/* Does a rank before b (higher log-probability, then earlier item and
** lower class, as the greedy scan prefers)? */
static int move_before(const struct beam_move *a, const struct beam_move *b)
{
    if (a->logp != b->logp)
        return a->logp > b->logp;
    return a->from != b->from ? a->from < b->from : a->cls < b->cls;
}

/* Insert m into the ranked list top[0..*n) of at most k moves. */
static void keep_move(struct beam_move *top, int *n, int k, struct beam_move m)
{
    int i = *n < k ? (*n)++ : k;
    if (i == k && !move_before(&m, &top[k - 1]))
        return;
    if (i == k)
        i = k - 1;
    while (i > 0 && move_before(&m, &top[i - 1])) {
        top[i] = top[i - 1];
        i--;
    }
    top[i] = m;
}

/* e^x for x <= 0 (e^-80 below -80), within 1e-4 of it relatively, in
** branch-free arithmetic that the compiler vectorises: 2^(x log2 e) as a
** power of two times a polynomial of the fraction.  Only the softmax's
** normaliser uses it. */
static inline float exp_nonpositive(float x)
{
    union { float f; uint32_t u; } in = {x}, out;
    uint32_t magnitude = in.u & 0x7fffffffu, cap = 0x42a00000u;    /* 80.0f */
    in.u = 0x80000000u | (magnitude < cap ? magnitude : cap);
    float y = in.f * 1.44269504f;
    int32_t i = (int32_t)y;
    i -= (int32_t)((float)i > y);   /* floor */
    float f = y - (float)i;
    out.f = 1.0f + f * (0.69314718f + f * (0.24022651f + f * (0.05550411f +
            f * (0.00961813f + f * 0.00133336f))));
    out.u += (uint32_t)i << 23;
    return out.f;
}

/* The sum of e^((scores[c] - top) / t) over classes [lo, hi), in eight
** running sums so that the compiler can vectorise it. */
static float softmax_sum(const float *scores, int lo, int hi, float top, float t)
{
    float lane[8] = {0}, z = 0, inv = 1.0f / t;
    int c = lo;
    for (; c + 8 <= hi; c += 8)
        for (int j = 0; j < 8; j++)
            lane[j] += exp_nonpositive((scores[c + j] - top) * inv);
    for (; c < hi; c++)
        z += exp_nonpositive((scores[c] - top) * inv);
    for (int j = 0; j < 8; j++)
        z += lane[j];
    return z;
}

/* Rank the k best allowed moves of a state (scores computed), extending
** item `from` of log-probability logp, into top[0..*n).  Without normalise
** the softmax's normaliser is left out: a beam of one item may shift all
** its derivations' log-probabilities alike. */
static void best_moves(const struct parser *p, const struct ps_moves *mv, const float *scores,
                       int from, float logp, int normalise, struct beam_move *top, int *n,
                       int k)
{
    struct move_ranges r;
    struct beam_move mine[PS_MAX_BEAM];
    float t = p->beam_temperature, top_score, z = 0;
    int nl = 0;

    allowed_ranges(p, mv, &r);
    for (int i = 0; i < r.n; i++)
        for (int c = r.lo[i]; c < r.hi[i]; c++)
            if ((nl < k || scores[c] > mine[nl - 1].logp) && c != r.skip[i]) {
                struct beam_move m = {from, c, scores[c]};
                keep_move(mine, &nl, k, m);
            }
    top_score = mine[0].logp;
    if (normalise) {
        for (int i = 0; i < r.n; i++) {
            z += softmax_sum(scores, r.lo[i], r.hi[i], top_score, t);
            if (r.skip[i] >= 0)
                z -= exp_nonpositive((scores[r.skip[i]] - top_score) / t);
        }
        logp -= logf(z);
    }
    for (int j = 0; j < nl; j++) {
        mine[j].logp = logp + (mine[j].logp - top_score) / t;
        keep_move(top, n, k, mine[j]);
    }
}

/* The features of the buffer's first words alone (front_templates) are the
** same at every state with the same buffer front: their scores are summed
** once per front word, and each state adds its other features to them. */
struct front_sums {
    uint64_t front[2], rest[2]; /* the model's templates of each kind */
    size_t nc;
    float *sum;                 /* [front word][class] */
};

/* Sum into sum ((n+2) x classes) the front features of every front word
** 1..n+1 of the sentence starting at st, the slots of the word two ahead
** prefetched while one is summed (the sums of consecutive fronts do not
** wait on each other). */
static void sum_fronts(const struct parser *p, const struct ps_state *st, float *sum,
                       struct front_sums *f)
{
    enum { AHEAD = 2 };
    uint64_t keys[AHEAD + 1][PS_MAX_FEATS];
    size_t nk[AHEAD + 1];
    struct ps_state at = *st;
    int last = st->n + 1;
    memset(f->front, 0, sizeof f->front);
    for (size_t i = 0; i < sizeof front_templates / sizeof *front_templates; i++) {
        int t = front_templates[i];
        f->front[t / 64] |= p->tmask[t / 64] & (uint64_t)1 << (t % 64);
    }
    for (int i = 0; i < 2; i++)
        f->rest[i] = p->tmask[i] & ~f->front[i];
    f->nc = p->pm.n_classes;
    f->sum = sum;
    for (int b = 1; b <= last + AHEAD; b++) {
        int s = b - AHEAD;      /* the front summed now */
        if (b <= last) {
            at.b = b;
            nk[b % (AHEAD + 1)] = annals__ps_features(&at, f->front, keys[b % (AHEAD + 1)]);
            annals__pm_prefetch(&p->pm, keys[b % (AHEAD + 1)], nk[b % (AHEAD + 1)]);
        }
        if (s >= 1) {
            float *row = f->sum + (size_t)s * f->nc;
            memset(row, 0, f->nc * sizeof *row);
            annals__pm_score(&p->pm, keys[s % (AHEAD + 1)], nk[s % (AHEAD + 1)], row);
        }
    }
}

/* The scores of st's moves: its front's sum, if the fronts were summed,
** and its other features. */
static void score_state(const struct parser *p, const struct ps_state *st,
                        const struct front_sums *f, float *scores)
{
    uint64_t keys[PS_MAX_FEATS];
    if (f->sum != NULL)
        memcpy(scores, f->sum + (size_t)st->b * f->nc, f->nc * sizeof *scores);
    else
        memset(scores, 0, f->nc * sizeof *scores);
    annals__pm_score(&p->pm, keys, annals__ps_features(st, f->rest, keys), scores);
}

/* Derivations that reach the same stack and buffer front have the same
** moves ahead; only their attached words' labels and children, which the
** features see, differ.  Keep the first (the most probable) of each such
** group: the others would mostly follow it and cost a scoring each. */
static int recombine(struct beam_item *items, int n)
{
    int kept = 0;
    for (int j = 0; j < n; j++) {
        const struct ps_state *b = &items[j].st;
        int same = 0;
        for (int i = 0; i < kept && !same; i++) {
            const struct ps_state *a = &items[i].st;
            same = a->b == b->b && a->depth == b->depth &&
                   memcmp(a->stack, b->stack, (size_t)b->depth * sizeof *b->stack) == 0;
        }
        if (!same)
            items[kept++] = items[j];
    }
    return kept;
}

/* The items that moves[0..n_moves) make of cur[0..n_items), into next;
** returns their number once recombined.  The last move kept from an item
** takes over its arrays; the others copy them into a free one of the
** blocks (2 x width of `block` bytes) first. */
static int extend(const struct parser *p, const struct beam_item *cur, int n_items,
                  const struct beam_move *moves, int n_moves, struct beam_item *next,
                  unsigned char *blocks, size_t block)
{
    unsigned char used[2 * PS_MAX_BEAM] = {0};
    for (int i = 0; i < n_items; i++)
        used[cur[i].block] = 1;
    for (int j = 0; j < n_moves; j++) {
        const struct beam_item *from = &cur[moves[j].from];
        int last = 1;
        for (int l = j + 1; l < n_moves && last; l++)
            last = moves[l].from != moves[j].from;
        next[j] = *from;
        if (!last) {
            int b = 0;
            while (used[b])
                b++;
            used[b] = 1;
            next[j].block = b;
            lay_out_mutable(&next[j].st, blocks + (size_t)b * block);
            memcpy(next[j].st.lset, from->st.lset, block);
        }
    }
    for (int j = 0; j < n_moves; j++) {
        annals__ps_apply(p, &next[j].st, moves[j].cls);
        next[j].logp = moves[j].logp;
    }
    return recombine(next, n_moves);
}

int annals__parser_parse(const struct parser *p, struct syn_word *w, size_t n,
                         struct syn_scratch *s)
{
    size_t nc = p->pm.n_classes, k = n + 2;
    int width = p->beam, n_items = 1, n_moves;
    size_t atoms = k * sizeof(uint64_t) * PS_ATOMS, block = mutable_size(k);
    unsigned char *mem, *blocks;
    struct beam_item items[2][PS_MAX_BEAM], *cur = items[0], *next = items[1];
    struct beam_move moves[PS_MAX_BEAM];
    struct front_sums front;
    float *scores;

    if (n > SYN_MAX_WORDS)
        return ANNALS_ETOOBIG;
    if (n == 0)
        return ANNALS_OK;
    mem = annals__scratch_get(s, atoms + 2 * (size_t)width * block + (k + 1) * nc * sizeof *scores
                                     + 64);
    if (mem == NULL)
        return ANNALS_ENOMEM;
    blocks = mem + atoms;
    scores = (float *)(blocks + 2 * (size_t)width * block);
    annals__ps_state_init(p, &cur[0].st, mem, w, (int)n);
    /* Shared front sums pay where several derivations reach a front; a
    ** greedy parse reaches each about twice and scores every state whole. */
    if (width > 1) {
        sum_fronts(p, &cur[0].st, scores + nc, &front);
    } else {
        memcpy(front.rest, p->tmask, sizeof front.rest);
        front.nc = nc;
        front.sum = NULL;
    }
    cur[0].block = 0;           /* its mutable arrays follow the atoms */
    cur[0].logp = 0;
    while (!annals__ps_terminal(&cur[0].st)) {
        n_moves = 0;
        for (int i = 0; i < n_items; i++) {
            const struct ps_state *st = &cur[i].st;
            struct ps_moves mv = moves_of(st);
            /* A forced move (an empty stack must shift, the last word must
            ** attach to the root) needs no scores and keeps the log-probability. */
            if (move_count(p, &mv) == 1 || width == 1) {
                struct beam_move m = {i, 0, cur[i].logp};
                if (move_count(p, &mv) > 1)
                    score_state(p, st, &front, scores);
                m.cls = best_move(p, &mv, scores);   /* reads no score when forced */
                keep_move(moves, &n_moves, width, m);
                continue;
            }
            score_state(p, st, &front, scores);
            best_moves(p, &mv, scores, i, cur[i].logp, n_items > 1, moves, &n_moves, width);
        }
        /* Derivations far below the best are not worth their scoring. */
        while (n_moves > 1 && moves[n_moves - 1].logp < moves[0].logp - p->beam_drop)
            n_moves--;
        if (n_items == 1 && n_moves == 1) {     /* one derivation goes on */
            annals__ps_apply(p, &cur[0].st, moves[0].cls);
            cur[0].logp = moves[0].logp;
            continue;
        }
        n_items = extend(p, cur, n_items, moves, n_moves, next, blocks, block);
        struct beam_item *t = cur;
        cur = next;
        next = t;
    }
    for (size_t i = 1; i <= n; i++) {
        int h = cur[0].st.head[i], l = cur[0].st.label[i];
        w[i - 1].head = h == (int)n + 1 ? 0 : h;
        w[i - 1].deprel = (uint16_t)l;
        w[i - 1].deprel_s = p->labels.s[l];
        w[i - 1].deprel_len = p->labels.len[l];
    }
    return ANNALS_OK;
}

void annals__parser_set_beam(struct parser *p, int width, double temperature, double drop)
{
    if (width > 0)
        p->beam = width;
    if (temperature > 0)
        p->beam_temperature = (float)temperature;
    if (drop > 0)
        p->beam_drop = (float)drop;
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
    rc = annals__templates_parse("section FEAT", v, vlen, annals__ps_template_names,
                                 PT_N_TEMPLATES, p->tmask, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    {
        double x = 0;
        rc = annals__feat_number(feat, "alt_margin", 0, 1e6, &x, err, errlen);
        if (rc != ANNALS_OK)
            goto fail;
        p->alt_margin = (float)x;
        x = 1;
        rc = annals__feat_number(feat, "beam", 1, PS_MAX_BEAM, &x, err, errlen);
        if (rc != ANNALS_OK)
            goto fail;
        p->beam = (int)x;
        if (p->beam != x) {
            annals__fmt(err, errlen, "section FEAT: bad beam");
            rc = ANNALS_EMODEL;
            goto fail;
        }
        x = 1;
        rc = annals__feat_number(feat, "beam_temperature", 1e-3, 1e6, &x, err, errlen);
        if (rc != ANNALS_OK)
            goto fail;
        p->beam_temperature = (float)x;
        x = 1e30;
        rc = annals__feat_number(feat, "beam_drop", 0, 1e30, &x, err, errlen);
        if (rc != ANNALS_OK)
            goto fail;
        p->beam_drop = (float)x;
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
