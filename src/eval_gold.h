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

/* One evaluation over a gold file: for each record, read its gold items
** into a buffer of max_gold items of gold_size bytes, then score the
** annotated document against them. */
struct gold_eval {
    const char *items;          /* the key of the gold array ("places") */
    size_t gold_size, max_gold;
    /* Read rec's gold items into gold; *ng gets their number.  A failure
    ** gives a status and its reason in why. */
    int (*read)(void *ud, annals_doc *d, const struct gold_record *rec, void *gold,
                size_t *ng, char *why, size_t whylen);
    void (*score)(void *ud, annals_doc *d, const struct gold_record *rec, void *gold,
                  size_t ng);
    void *ud;                   /* the evaluation's own state and scores */
};

/* Run ev over every record of jsonl[0..len); *documents counts the records
** scored.  Returns ANNALS_OK, or a failure with errbuf holding "line N:
** reason". */
ANNALS_INTERNAL int annals__gold_eval(const annals_pipeline *p, const char *jsonl, size_t len,
                                      const struct gold_eval *ev, size_t *documents,
                                      char *errbuf, size_t errlen);

#endif /* ANNALS_EVAL_GOLD_H */
