/* timex.h -- the time stage: temporal expressions found over the tokens of
** the text stage and normalised to TIMEX3 values against the publication
** date.  Results go to d->timex (doc.h); the public accessors are
** annals_doc_time_count() and annals_doc_time(). */
#ifndef ANNALS_TIMEX_H
#define ANNALS_TIMEX_H

#include "doc.h"

/* Find and normalise the temporal expressions of d, which the text stage has
** tokenised.  Expressions that need the publication date get a NULL value
** when d has none.  Returns ANNALS_OK or ANNALS_ENOMEM (recorded on d). */
ANNALS_INTERNAL int annals__timex_run(const annals_pipeline *p, annals_doc *d);

/* Calendar helpers, exposed for the unit tests.  Days count from
** 1970-01-01 in the proleptic Gregorian calendar. */
ANNALS_INTERNAL long annals__timex_days(int y, int m, int dd);
ANNALS_INTERNAL void annals__timex_civil(long days, int *y, int *m, int *dd);
/* ISO 8601 week of a day: its week-numbering year and week 1..53. */
ANNALS_INTERNAL void annals__timex_iso_week(long days, int *wy, int *wn);
/* Non-zero when the stage's word table is sorted (binary search needs it). */
ANNALS_INTERNAL int annals__timex_lexicon_sorted(void);

#endif /* ANNALS_TIMEX_H */
