/* given_names.h -- given names and the sex of the name lists that hold
** them (data/ner/given-gender.tsv, compiled in by tools/gen_names.sh), for
** the agreement of "he" and "she" with the people an article names. */
#ifndef ANNALS_GIVEN_NAMES_H
#define ANNALS_GIVEN_NAMES_H

#include "internal.h"

struct given_name {
    const char *name;
    char sex;                   /* 'm', 'f', or 'b' (in both lists) */
};

/* Sorted by name in C byte order. */
ANNALS_INTERNAL extern const struct given_name annals__given_names[];
ANNALS_INTERNAL extern const size_t annals__n_given_names;

#endif /* ANNALS_GIVEN_NAMES_H */
