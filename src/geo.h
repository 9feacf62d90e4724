/* geo.h -- the geo stage: place mentions to gazetteer places.
** Algorithm and known failure modes: docs/GEO.md. */
#ifndef ANNALS_GEO_H
#define ANNALS_GEO_H

#include "doc.h"
#include "gazetteer.h"

enum geo_source {
    GEO_SRC_TEXT = 0,           /* a capitalised sequence the gazetteer knows */
    GEO_SRC_DATELINE = 1,       /* the dateline place */
    GEO_SRC_NER = 2             /* a LOC mention of the NER stage */
};

/* A mention to geocode: a run of tokens of one sentence. */
struct geo_span {
    uint32_t first_token, n_tokens;
    uint8_t source;             /* enum geo_source */
};

/* Geocode the given mentions (and the dateline) of d into d->place,
** replacing what was there.  Mentions the gazetteer does not know, or that
** look like a person or an organisation, are left out.  This is the entry
** for the NER stage: pass its LOC mentions. */
ANNALS_INTERNAL int annals__geo_resolve(const annals_pipeline *p, annals_doc *d,
                                        const struct geo_span *m, size_t n);

/* Candidate mentions without NER: capitalised token sequences of body,
** headline and caption sentences that the gazetteer knows, longest first,
** minus sentence-initial common words and person contexts.  Appended to
** d->place (scratch) by annals__geo_run(). */

#endif /* ANNALS_GEO_H */
