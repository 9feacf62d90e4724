/* arena.c -- bump allocator of chained blocks, one per document.
** A reset keeps the blocks for the next document, so a worker that reuses
** one document reaches a steady state with no allocation at all. */
#include "internal.h"

#include <string.h>

#define ARENA_BLOCK 65536u
#define ARENA_ALIGN 16u

struct arena_block {
    struct arena_block *next;
    size_t size;                 /* usable bytes in data */
    size_t used;
    _Alignas(16) unsigned char data[];
};

void annals__arena_init(struct annals_arena *a, const struct annals_alloc *alloc)
{
    a->alloc = alloc;
    a->head = NULL;
    a->spare = NULL;
}

static struct arena_block *new_block(struct annals_arena *a, size_t need)
{
    size_t size = need > ARENA_BLOCK ? need : ARENA_BLOCK;
    struct arena_block *b;

    /* Reuse a kept block that is big enough. */
    for (struct arena_block **pp = &a->spare; *pp != NULL; pp = &(*pp)->next) {
        if ((*pp)->size >= need) {
            b = *pp;
            *pp = b->next;
            b->used = 0;
            return b;
        }
    }
    if (size > SIZE_MAX - sizeof *b)
        return NULL;
    b = annals__malloc(a->alloc, sizeof *b + size);
    if (b == NULL)
        return NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *annals__arena_alloc(struct annals_arena *a, size_t n)
{
    struct arena_block *b = a->head;
    size_t off;

    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    if (b != NULL) {
        off = (b->used + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
        if (off <= b->size && b->size - off >= n) {
            b->used = off + n;
            return b->data + off;
        }
    }
    b = new_block(a, n);
    if (b == NULL)
        return NULL;
    b->next = a->head;
    a->head = b;
    b->used = n;
    return b->data;
}

char *annals__arena_strdup(struct annals_arena *a, const char *s, size_t len)
{
    char *p;
    if (len == SIZE_MAX)
        return NULL;
    p = annals__arena_alloc(a, len + 1);
    if (p == NULL)
        return NULL;
    if (len > 0)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void annals__arena_reset(struct annals_arena *a)
{
    while (a->head != NULL) {
        struct arena_block *b = a->head;
        a->head = b->next;
        b->next = a->spare;
        a->spare = b;
    }
}

static void free_chain(struct annals_arena *a, struct arena_block *b)
{
    while (b != NULL) {
        struct arena_block *next = b->next;
        annals__free(a->alloc, b, sizeof *b + b->size);
        b = next;
    }
}

void annals__arena_free(struct annals_arena *a)
{
    free_chain(a, a->head);
    free_chain(a, a->spare);
    a->head = NULL;
    a->spare = NULL;
}
