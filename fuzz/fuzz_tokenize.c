/* fuzz_tokenize.c -- any bytes through annals_annotate(), under both UTF-8
** policies and with small limits, checking what must hold of any result:
** the status is one the API promises, and on success every sentence, token
** and word is in bounds, in order and non-empty, and annotating the same
** bytes again gives the same annotations. */
#include "annals.h"

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

/* A fingerprint of every annotation, to compare two runs. */
static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
    return h;
}

static uint64_t check_doc(const annals_doc *d, size_t size, size_t max_sent_tokens)
{
    size_t ns = annals_doc_sentence_count(d);
    size_t nt = annals_doc_token_count(d);
    size_t nw = annals_doc_word_count(d);
    size_t next_tok = 0, prev_start = 0, prev_end = 0;
    uint64_t h = mix(mix(mix(0, ns), nt), nw);
    struct annals_span line, place;

    for (size_t i = 0; i < ns; i++) {
        struct annals_sentence_info s;
        CHECK(annals_doc_sentence(d, i, &s) == ANNALS_OK);
        CHECK(s.first_token == next_tok);           /* in order, no gaps */
        CHECK(s.n_tokens >= 1 && s.n_tokens <= max_sent_tokens);
        CHECK(s.first_token + s.n_tokens <= nt);
        CHECK(s.span.start < s.span.end && s.span.end <= size);
        CHECK(annals_role_name(s.role)[0] != 'u');  /* not "unknown" */
        next_tok = s.first_token + s.n_tokens;
        h = mix(mix(mix(h, s.span.start), s.span.end), (uint64_t)s.role);
    }
    CHECK(next_tok == nt);
    for (size_t i = 0; i < nt; i++) {
        struct annals_token_info t;
        CHECK(annals_doc_token(d, i, &t) == ANNALS_OK);
        CHECK(t.span.start < t.span.end && t.span.end <= size);
        /* In order; tokens overlap only where NFC rewrote a stretch of input
        ** and two tokens came from it: then they share its span. */
        CHECK(t.span.start >= prev_end ||
              (t.span.start >= prev_start && t.span.end >= prev_end));
        CHECK(t.form != NULL && t.form_len > 0);
        CHECK(memchr(t.form, '\0', t.form_len) == NULL);
        CHECK(t.n_words >= 1 && t.first_word + t.n_words <= nw);
        for (size_t k = 0; k < t.n_words; k++) {
            struct annals_word_info w;
            CHECK(annals_doc_word(d, t.first_word + k, &w) == ANNALS_OK);
            CHECK(w.token == i && w.form != NULL && w.form_len > 0);
        }
        prev_start = t.span.start;
        prev_end = t.span.end;
        h = mix(mix(h, t.span.start), t.span.end);
    }
    CHECK(annals_doc_token(d, nt, &(struct annals_token_info){0}) == ANNALS_EINVAL);
    if (annals_doc_dateline(d, &line, &place) == ANNALS_OK) {
        CHECK(line.start <= line.end && line.end <= size);
        CHECK(place.start >= line.start && place.end <= line.end);
        h = mix(mix(h, line.start), line.end);
    }
    return h;
}

static void run(const uint8_t *data, size_t size, int policy)
{
    struct annals_options opt;
    annals_pipeline *p = NULL;
    annals_doc *d = NULL;
    uint64_t h1 = 0, h2 = 0;
    int rc1, rc2;

    annals_options_init(&opt);
    opt.utf8_policy = policy;
    opt.max_doc_bytes = 4096;
    opt.max_sentence_tokens = 64;
    CHECK(annals_pipeline_open(&opt, &p, NULL, 0) == ANNALS_OK);
    CHECK(annals_doc_new(p, &d) == ANNALS_OK);

    rc1 = annals_annotate(p, d, (const char *)data, size);
    CHECK(rc1 == ANNALS_OK || rc1 == ANNALS_ETOOBIG || rc1 == ANNALS_EUTF8);
    if (size > opt.max_doc_bytes)
        CHECK(rc1 == ANNALS_ETOOBIG);
    if (rc1 == ANNALS_EUTF8)
        CHECK(policy == ANNALS_UTF8_REJECT);
    if (rc1 == ANNALS_OK) {
        CHECK(annals_doc_errmsg(d)[0] == '\0');
        h1 = check_doc(d, size, opt.max_sentence_tokens);
    } else {
        CHECK(annals_doc_errmsg(d)[0] != '\0');
    }

    /* The same bytes in the reused document give the same result. */
    annals_doc_reset(d);
    CHECK(annals_doc_token_count(d) == 0);
    rc2 = annals_annotate(p, d, (const char *)data, size);
    CHECK(rc2 == rc1);
    if (rc2 == ANNALS_OK) {
        h2 = check_doc(d, size, opt.max_sentence_tokens);
        CHECK(h1 == h2);
    }

    annals_doc_free(d);
    annals_pipeline_close(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run(data, size, ANNALS_UTF8_REJECT);
    run(data, size, ANNALS_UTF8_REPLACE);
    return 0;
}
