/* fuzz_actordict.c -- any bytes through the user actor dictionary loader.
** On success every entry must have a name inside the loaded text, a range
** that does not end before it starts, and be found again by a lookup on its
** own name and first day; on failure the message must name a line or the
** error must be ENOMEM, and nothing may be returned. */
#include "ontology.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                   \
    do {                                                                           \
        if (!(c)) {                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
            abort();                                                               \
        }                                                                          \
    } while (0)

static void *libc_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct annals_alloc a = {libc_alloc, NULL};
    struct annals_actordict *d = NULL;
    char err[256];
    size_t i;
    int rc = annals__actordict_load(&a, annals__onto_builtin(), (const char *)data, size, &d,
                                    err, sizeof err);

    if (rc != ANNALS_OK) {
        CHECK(d == NULL);
        CHECK(rc == ANNALS_ENOMEM || (rc == ANNALS_EFORMAT && strncmp(err, "line ", 5) == 0));
        return 0;
    }
    CHECK(d != NULL);
    for (i = 0; i < d->n; i++) {
        const struct actor_entry *e = &d->ent[i];
        const struct actor_entry *f;
        CHECK(e->name >= d->text && e->name + e->name_len < d->text + d->text_size);
        CHECK(e->name_len > 0 && strlen(e->name) == e->name_len);
        CHECK(e->from <= e->until);
        CHECK(e->code[0] != '\0' || e->sector[0] != '\0');
        f = annals__actordict_lookup(d, e->name, e->name_len, e->from > 0 ? e->from : 1);
        CHECK(f == e);
    }
    annals__actordict_free(d);
    return 0;
}
