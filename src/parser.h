/* parser.h -- internals of the dependency parser shared by parser.c (run
** time) and train_parser.c (training).  Not used by other modules. */
#ifndef ANNALS_PARSER_H
#define ANNALS_PARSER_H

#include "syntax.h"

#define PS_MAX_FEATS 100
#define PS_MAX_BEAM ANNALS_MAX_BEAM

enum ps_template {
    PT_S0W, PT_S0P, PT_S0WP, PT_S1W, PT_S1P, PT_S1WP, PT_S2P, PT_S2WP,
    PT_B0W, PT_B0P, PT_B0WP, PT_B1W, PT_B1P, PT_B1WP, PT_B2P, PT_B2W,
    PT_S0WP_B0WP, PT_S0WP_B0W, PT_S0W_B0WP, PT_S0WP_B0P, PT_S0P_B0WP, PT_S0W_B0W,
    PT_S0P_B0P, PT_B0P_B1P, PT_S1WP_S0WP, PT_S1P_S0P, PT_S1W_S0W, PT_S1P_S0WP,
    PT_S1WP_S0P, PT_B0P_B1P_B2P, PT_S0P_B0P_B1P, PT_S1P_S0P_B0P, PT_S2P_S1P_S0P,
    PT_S0P_S0L1P_B0P, PT_S0P_S0R1P_B0P, PT_S0P_B0P_B0L1P, PT_S1P_S1R1P_S0P,
    PT_S1P_S0P_S0L1P, PT_S1P_S0P_S0R1P,
    PT_D01_S0W, PT_D01_S0P, PT_D01_B0W, PT_D01_B0P, PT_D01_S0P_B0P, PT_D10_S1P_S0P,
    PT_D10_S1W_S0W,
    PT_S0VL_S0W, PT_S0VL_S0P, PT_S0VR_S0W, PT_S0VR_S0P, PT_B0VL_B0W, PT_B0VL_B0P,
    PT_S1VR_S1P,
    PT_S0L1W, PT_S0L1P, PT_S0L1L, PT_S0R1W, PT_S0R1P, PT_S0R1L, PT_S1R1P, PT_S1R1L,
    PT_B0L1W, PT_B0L1P, PT_B0L1L, PT_S0L2P, PT_S0L2L, PT_S0R2P, PT_S0R2L, PT_B0L2P,
    PT_B0L2L, PT_S1L1P, PT_S1L1L,
    PT_S0P_S0L1L_S0L2L, PT_S0P_S0R1L_S0R2L, PT_B0P_B0L1L_B0L2L, PT_S1P_S1R1L_S0P,
    PT_S0W_S0LSET, PT_S0P_S0LSET, PT_S0W_S0RSET, PT_S0P_S0RSET, PT_B0W_B0LSET,
    PT_B0P_B0LSET, PT_S1P_S1RSET,
    PT_S0C, PT_B0C, PT_S1C, PT_B1C, PT_S0C_B0C, PT_S0C_B0P, PT_S0P_B0C, PT_S0C4_B0C4,
    PT_S1C_S0C,
    PT_S0X, PT_S0P_S0X, PT_S0W_S0X, PT_B0X, PT_B0P_B0X, PT_B0W_B0X, PT_S1X, PT_B1X,
    PT_N_TEMPLATES
};
extern const char *const annals__ps_template_names[PT_N_TEMPLATES];
/* annals__ps_features writes at most one key per template */
_Static_assert(PT_N_TEMPLATES <= PS_MAX_FEATS, "PS_MAX_FEATS below the template count");

struct parser {
    const struct annals_alloc *alloc;
    struct labelset labels;     /* dependency relations */
    int root_label;             /* index of "root" */
    struct percep_model pm;     /* classes: SHIFT, LEFT-l..., RIGHT-l... */
    uint64_t tmask[2];
    int beam;                   /* derivations kept while parsing; 1: greedy */
    float beam_temperature;     /* divides the scores before the softmax */
    float beam_drop;            /* a derivation this far below the best (in
                                   log-probability) is dropped */
    float alt_margin;           /* a tag whose margin is below this brings its
                                   second-best tag (the x templates); 0: never */
};

/* The transition system, as named in FEAT. */
#define PS_SYSTEM "arc-hybrid,root-at-end"

/* Transition classes. */
#define PS_SHIFT 0
#define PS_LEFT(L, l) (1 + (l))
#define PS_RIGHT(L, l) (1 + (L) + (l))

/* The state of the arc-hybrid system over words 1..n; n+1 is the root,
** which sits at the end of the buffer. */
struct ps_state {
    int n;
    int *stack;
    int depth;
    int b;                      /* front of the buffer */
    int *head;                  /* 0: none yet */
    int *label;
    int *l1, *l2, *r1, *r2;     /* nearest-outside children (0: none) */
    int *nl, *nr;               /* numbers of left and right children */
    uint64_t *lset, *rset;      /* label sets of the children */
    uint64_t *wh, *ph;          /* word and tag atoms; [0] = none */
    uint64_t *ch, *c4;          /* word cluster and its 4-bit prefix (Koo et
                                   al. 2008); [0] = none */
    uint64_t *xh;               /* the tagger's second-best tag of a word whose
                                   margin is below alt_margin, else 0 */
};

/* Bytes of scratch memory a state of n words needs. */
ANNALS_INTERNAL size_t annals__ps_state_size(int n);
/* Lay a state out over mem and start it on w[0..n). */
ANNALS_INTERNAL void annals__ps_state_init(const struct parser *p, struct ps_state *st,
                                           void *mem, const struct syn_word *w, int n);
ANNALS_INTERNAL int annals__ps_terminal(const struct ps_state *st);
/* valid[c] = 1 for each class allowed in st. */
ANNALS_INTERNAL void annals__ps_valid(const struct parser *p, const struct ps_state *st,
                                      unsigned char *valid);
ANNALS_INTERNAL void annals__ps_apply(const struct parser *p, struct ps_state *st, int cls);
/* The keys of st's features of the templates in mask. */
ANNALS_INTERNAL size_t annals__ps_features(const struct ps_state *st, const uint64_t mask[2],
                                           uint64_t *keys);

#endif /* ANNALS_PARSER_H */
