/* fuzz_pipeline.c -- any bytes through every stage with the shipped models
** (syntax, entities, quotations, time, places, actors, events, tone) and
** every output format, then as words already cut (one sentence a line):
** nothing may crash, read out of bounds or leak, the JSON written must be
** one line, and a second run of the text must give the same bytes.
** The models are read once from ./models (or $ANNALS_MODELS); without them
** the target has nothing to test and returns at once. */
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

/* Loading the models takes longer than many runs: it is done once. */
static annals_pipeline *pipeline(void)
{
    static annals_pipeline *p;
    static int tried;
    if (!tried) {
        struct annals_options opt;
        const char *dir = getenv("ANNALS_MODELS");
        tried = 1;
        annals_options_init(&opt);
        opt.model_dir = dir != NULL ? dir : "models";
        opt.max_doc_bytes = 1 << 16;
        opt.max_sentence_tokens = 200;
        opt.utf8_policy = ANNALS_UTF8_REPLACE;
        if (annals_pipeline_open(&opt, &p, NULL, 0) != ANNALS_OK)
            p = NULL;
    }
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    annals_pipeline *p = pipeline();
    annals_doc *d = NULL;
    char *first = NULL;
    size_t first_len = 0;

    if (p == NULL)
        return 0;
    CHECK(annals_doc_new(p, &d) == ANNALS_OK);
    /* A date makes the time and event stages resolve relative expressions. */
    CHECK(annals_doc_set_meta(d, ANNALS_META_DATE, "2024-02-29", 10) == ANNALS_OK);
    for (int run = 0; run < 2; run++) {
        int rc = annals_annotate(p, d, (const char *)data, size);
        const char *out;
        size_t len;
        CHECK(rc == ANNALS_OK || rc == ANNALS_ETOOBIG || rc == ANNALS_EUTF8);
        CHECK(annals_doc_write(d, ANNALS_FORMAT_CONLLU, &out, &len) == ANNALS_OK);
        CHECK(annals_doc_write(d, ANNALS_FORMAT_JSON, &out, &len) == ANNALS_OK);
        CHECK(len > 0 && out[len - 1] == '\n' && memchr(out, '\n', len - 1) == NULL);
        if (run == 0) {
            first = malloc(len);
            CHECK(first != NULL);
            memcpy(first, out, len);
            first_len = len;
        } else {
            CHECK(len == first_len && memcmp(first, out, len) == 0);
        }
    }
    free(first);
    /* The same bytes as words already cut (one sentence a line). */
    {
        int rc = annals_doc_set_tokens(d, (const char *)data, size);
        const char *out;
        size_t len;
        if (rc == ANNALS_OK)
            rc = annals_doc_annotate(p, d);
        CHECK(rc == ANNALS_OK || rc == ANNALS_ETOOBIG || rc == ANNALS_EUTF8);
        CHECK(annals_doc_write(d, ANNALS_FORMAT_IOB2, &out, &len) == ANNALS_OK);
        CHECK(annals_doc_write(d, ANNALS_FORMAT_JSON, &out, &len) == ANNALS_OK);
        CHECK(len > 0 && out[len - 1] == '\n' && memchr(out, '\n', len - 1) == NULL);
    }
    annals_doc_free(d);
    return 0;
}
