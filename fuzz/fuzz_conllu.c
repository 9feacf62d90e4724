/* fuzz_conllu.c -- any bytes through the CoNLL-U reader.  On success the
** corpus must be self-consistent (every index in range, words and tokens
** partitioned by sentences, every string inside the input); on failure the
** message must name a line or memory, and the corpus must be empty. */
#include "conllu.h"

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

static int inside(struct conllu_str s, const char *base, size_t size)
{
    if (s.n == 0)
        return 1;
    return s.s >= base && s.n <= size && (size_t)(s.s - base) <= size - s.n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct annals_alloc a = {libc_alloc, NULL};
    struct conllu_corpus c;
    const char *base = (const char *)data;
    char err[256];
    int rc;

    err[0] = '\0';
    rc = annals__conllu_parse(&a, base, size, &c, err, sizeof err);
    CHECK(rc == ANNALS_OK || rc == ANNALS_EFORMAT);
    if (rc != ANNALS_OK) {
        CHECK(strncmp(err, "line ", 5) == 0);
        CHECK(c.n_sent == 0 && c.sent == NULL && c.tok == NULL && c.word == NULL);
        return 0;
    }
    size_t tok = 0, word = 0;
    for (size_t i = 0; i < c.n_sent; i++) {
        const struct conllu_sentence *s = &c.sent[i];
        CHECK(s->first_token == tok && s->first_word == word);
        CHECK(s->n_tokens >= 1 && s->n_words >= 1);
        CHECK(inside(s->text, base, size) && inside(s->sent_id, base, size));
        CHECK(s->line >= 1);
        tok += s->n_tokens;
        word += s->n_words;
        for (uint32_t k = s->first_token; k < s->first_token + s->n_tokens; k++) {
            const struct conllu_token *t = &c.tok[k];
            CHECK(t->n_words >= 1);
            CHECK(t->first_word >= s->first_word &&
                  t->first_word + t->n_words <= s->first_word + s->n_words);
            CHECK(inside(t->form, base, size));
        }
    }
    CHECK(tok == c.n_tok && word == c.n_word);
    for (size_t i = 0; i < c.n_word; i++) {
        const struct conllu_word *w = &c.word[i];
        const struct conllu_token *t;
        CHECK(w->token < c.n_tok);
        t = &c.tok[w->token];
        CHECK(i >= t->first_word && i < (size_t)t->first_word + t->n_words);
        CHECK(w->head >= -1);
        for (int k = 0; k < CONLLU_NCOLS; k++)
            CHECK(inside(w->col[k], base, size));
    }
    annals__conllu_free(&c);
    return 0;
}
