/* keytab.c -- open-addressing tables keyed by a leading uint64_t (keytab.h). */
#include "keytab.h"

#include <string.h>

static uint64_t key_at(const unsigned char *slot)
{
    uint64_t k;
    memcpy(&k, slot, sizeof k);
    return k;
}

void *annals__keytab_build(const struct annals_alloc *a, const void *entries, size_t n,
                           size_t elem, size_t *mask)
{
    const unsigned char *e = entries;
    unsigned char *tab;
    size_t cap = 16;

    while (cap < n * 2)
        cap *= 2;
    tab = annals__malloc(a, cap * elem);
    if (tab == NULL)
        return NULL;
    memset(tab, 0, cap * elem);
    *mask = cap - 1;
    for (size_t k = 0; k < n; k++) {
        size_t i = (size_t)key_at(e + k * elem) & *mask;
        while (key_at(tab + i * elem) != 0)
            i = (i + 1) & *mask;
        memcpy(tab + i * elem, e + k * elem, elem);
    }
    return tab;
}

const void *annals__keytab_find(const void *tab, size_t mask, size_t elem, uint64_t key)
{
    const unsigned char *t = tab;
    size_t i = (size_t)key & mask;
    for (;;) {
        uint64_t k = key_at(t + i * elem);
        if (k == key)
            return t + i * elem;
        if (k == 0)
            return NULL;
        i = (i + 1) & mask;
    }
}
