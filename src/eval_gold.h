/* eval_gold.h -- reading the project's gold JSON Lines for evaluation.
** Every evaluation set of the later stages has the same record shape:
**   {"text": "...", "date": "YYYY-MM-DD" (optional), "<items>": [...]}
** where <items> names what that stage is scored on (places, actors...). */
#ifndef ANNALS_EVAL_GOLD_H
#define ANNALS_EVAL_GOLD_H

#include "doc.h"

struct gold_record {
    const char *text;           /* the record's text (arena memory of the doc) */
    size_t text_len;
    const char *items;          /* the raw JSON array of gold items */
    size_t items_len;
    size_t line;                /* 1-based line of the record */
};

/* Read the next record of jsonl[*pos..len) into d (reset first): set its
** date, annotate its text with p, and point rec at the text and the items
** array.  Blank lines are skipped.  Returns ANNALS_OK for a record,
** ANNALS_DONE at the end, or a negative status with errbuf holding
** "line N: reason". */
ANNALS_INTERNAL int annals__gold_next(const annals_pipeline *p, annals_doc *d,
                                      const char *jsonl, size_t len, size_t *pos,
                                      size_t *line, const char *items,
                                      struct gold_record *rec, char *errbuf, size_t errlen);

#endif /* ANNALS_EVAL_GOLD_H */
