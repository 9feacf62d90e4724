/* fuzz_json.c -- any bytes as one JSON Lines record: the reader must accept
** or refuse them with a message, never crash, hang or leak. */
#include "json.h"

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
    struct annals_arena arena;
    struct json_member m[3] = {{"id", 0, NULL, 0}, {"text", 0, NULL, 0}, {"date", 0, NULL, 0}};
    char err[128];

    annals__arena_init(&arena, &a);
    annals__json_object(&arena, (const char *)data, size, m, 3, err, sizeof err);
    annals__arena_free(&arena);
    return 0;
}
