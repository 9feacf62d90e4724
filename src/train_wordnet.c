/* train_wordnet.c -- reading the files of the WordNet 3.0 database
** (Debian wordnet-base, /usr/share/wordnet), for the trainers that take
** --wordnet DIR: the lemmatiser and the tagger. */
#include "syntax.h"
#include "model.h"

#include <stdio.h>
#include <string.h>

int annals__wordnet_lines(const struct train_ctx *c, const char *name,
                          int (*line)(void *ctx, const char *s, size_t n), void *ctx)
{
    char path[4096];
    unsigned char *data;
    size_t len, cap;
    int rc;

    snprintf(path, sizeof path, "%s/%s", c->opt->wordnet_path, name);
    rc = annals__slurp(c->alloc, path, &data, &len, &cap, c->err, c->errlen);
    for (size_t i = 0; rc == ANNALS_OK && i < len;) {
        const unsigned char *nl = memchr(data + i, '\n', len - i);
        size_t end = nl != NULL ? (size_t)(nl - data) : len;
        rc = line(ctx, (const char *)data + i, end - i);
        i = end + 1;
    }
    if (rc == ANNALS_ENOMEM)
        annals__fmt(c->err, c->errlen, "out of memory");
    annals__free(c->alloc, data, cap);
    return rc;
}
