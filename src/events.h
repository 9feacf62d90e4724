/* events.h -- the event stage: who did what to whom, coded in CAMEO.
**
** For each body sentence, patterns of the event lexicon (data/cameo/verbs.tsv,
** compiled by tools/gen_verbs.sh) are matched over the dependency parse; the
** source is the agent, the target the patient or recipient; negated and
** hypothetical statements give nothing, intended or refused ones the intent
** or rejection code.  Actors come from the actor stage (actors.h).  The
** algorithm and its known failure modes: docs/EVENTS.md. */
#ifndef ANNALS_EVENTS_H
#define ANNALS_EVENTS_H

#include "doc.h"

/* Flags of a pattern. */
#define EVP_SYM 1u       /* symmetric: conjoined subjects give both directions */
#define EVP_SPEECH 2u    /* a statement or bare threat: coded only when its complement holds no event */
#define EVP_NEED 4u      /* a target is required */
#define EVP_FROM 8u      /* the target phrase names the doer: "received a loan from X" is X's */

/* One lexicon pattern.  String conditions are '|'-separated lemma sets ("*"
** is any lemma); NULL means no condition. */
struct ev_pattern {
    const char *lemma;          /* the verb or noun */
    const char *code;           /* CAMEO code */
    uint8_t noun;               /* a nominal pattern */
    uint8_t flags;              /* EVP_* */
    uint8_t nconds;             /* conditions to meet: the more, the more specific */
    uint16_t line;              /* line in verbs.tsv */
    const char *obj, *objc;
    const char *pred;           /* what a verb of naming calls its object */
    const char *prt, *xcomp;
    const char *obl_prep, *obl; /* obl=P:lemmas */
    const char *tgt;            /* prepositions introducing the target */
    const char *src;            /* sectors the source must have */
    const char *intent;         /* code when only intended; NULL: the root's default */
    const char *reject;         /* code when refused; NULL: the root's default */
    const char *subj;           /* lemmas one of the subjects must have */
};

/* The generated table (build/gen/verbs_data.c), sorted by lemma then line. */
ANNALS_INTERNAL extern const struct ev_pattern annals__ev_patterns[];
ANNALS_INTERNAL extern const size_t annals__ev_n_patterns;

/* Check the lexicon against the ontology: every code (and intent and reject
** code) exists, the table is sorted, lemmas are lower case.  Returns the
** number of problems, each reported through report (may be NULL). */
ANNALS_INTERNAL size_t annals__events_lexicon_check(void (*report)(void *ud, const char *msg),
                                                    void *ud);

/* Find the events of d (after the syntax, NER, actor, time and geo stages)
** into d->ev and d->evm. */
ANNALS_INTERNAL int annals__events_run(const annals_pipeline *p, annals_doc *d);

/* events_write.c: the "events" member of the JSON record, and the events
** alone, one JSON line each (docs/OUTPUT.md). */
ANNALS_INTERNAL int annals__events_json(struct annals_buf *b, const annals_doc *d);
ANNALS_INTERNAL int annals__events_lines(struct annals_buf *b, const annals_doc *d);

#endif /* ANNALS_EVENTS_H */
