/* quotes.h -- the quotation stage: direct quotes (between quotation marks),
** partial and nested quotes, and indirect speech with its cue verb, each
** with its speaker resolved to an entity of the NER stage where that is
** safe.  Results go to d->quote (doc.h), in text order. */
#ifndef ANNALS_QUOTES_H
#define ANNALS_QUOTES_H

#include "doc.h"

enum quote_kind {
    QUOTE_DIRECT = 0,   /* a sentence or more between quotation marks */
    QUOTE_INDIRECT,     /* reported speech: the clause of a cue verb */
    QUOTE_PARTIAL,      /* a fragment between marks inside a sentence */
    QUOTE_NESTED        /* single quotes inside a direct quote */
};

/* What a cue word introduces (bits). */
#define CUE_SPEECH  1u  /* direct and indirect speech: "said", "warned" */
#define CUE_PARTIAL 2u  /* a partial quote only: "called it ...", "described as" */

/* Find the quotations of d.  Needs the syntax stage (does nothing without
** it); uses the NER stage's entities when they are there.  Returns ANNALS_OK
** or ANNALS_ENOMEM (recorded on d). */
ANNALS_INTERNAL int annals__quotes_run(const annals_pipeline *p, annals_doc *d);

/* "direct", "indirect", "partial", "nested". */
ANNALS_INTERNAL const char *annals__quote_kind_name(int kind);

/* CUE_* bits of the verb lemma s[0..n) (any case), 0 when it is no cue. */
ANNALS_INTERNAL unsigned annals__quote_cue(const char *s, size_t n);

/* Non-zero when the cue table is sorted (the lookup needs it). */
ANNALS_INTERNAL int annals__quote_cues_sorted(void);

#endif /* ANNALS_QUOTES_H */
