/* fuzz_model_load.c -- any bytes as a model file: the container must be
** validated or refused, then each stage loader (tagger, lemmatiser, parser)
** must accept or refuse it without reading out of bounds or leaking. */
#include "model.h"
#include "syntax.h"

#include <stdlib.h>

static void *fuzz_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct annals_alloc a = {fuzz_alloc, NULL};
    struct annals_model m;
    char err[256];
    struct tagger *t;
    struct lemmatizer *l;
    struct parser *p;

    if (annals__model_parse(data, size, "fuzz", &m, err, sizeof err) != ANNALS_OK)
        return 0;
    if (annals__tagger_open(&a, &m, &t, err, sizeof err) == ANNALS_OK)
        annals__tagger_free(t);
    if (annals__lemmatizer_open(&a, &m, &l, err, sizeof err) == ANNALS_OK)
        annals__lemmatizer_free(l);
    if (annals__parser_open(&a, &m, &p, err, sizeof err) == ANNALS_OK)
        annals__parser_free(p);
    return 0;
}
