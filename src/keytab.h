/* keytab.h -- open-addressing tables of fixed-size entries whose first
** member is a nonzero uint64_t key (the tagger's lexicon, the lemmatiser's
** edit-script table).  Linear probing, load factor at most one half. */
#ifndef ANNALS_KEYTAB_H
#define ANNALS_KEYTAB_H

#include "internal.h"

/* A table of n entries of elem bytes each: allocated with a, zeroed slots
** for the empty ones; *mask is its slot count minus one.  NULL when memory
** is exhausted.  Free it with annals__free(a, tab, (*mask + 1) * elem). */
ANNALS_INTERNAL void *annals__keytab_build(const struct annals_alloc *a, const void *entries,
                                           size_t n, size_t elem, size_t *mask);

/* Start loading the slot where a search for key begins. */
static inline void annals__keytab_prefetch(const void *tab, size_t mask, size_t elem,
                                           uint64_t key)
{
    __builtin_prefetch((const unsigned char *)tab + ((size_t)key & mask) * elem);
}
/* The entry of key in the table, or NULL. */
ANNALS_INTERNAL const void *annals__keytab_find(const void *tab, size_t mask, size_t elem,
                                                uint64_t key);

#endif /* ANNALS_KEYTAB_H */
