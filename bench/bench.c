/* bench.c -- throughput of the pipeline on a JSON Lines corpus: reading,
** text stage (checking, tokenising, sentence splitting) and serialising are
** timed separately, on one thread.  Prints articles/s, MB/s, tokens/s and
** the peak resident memory.  Times are CPU time of the thread, so other
** load on the machine disturbs them little.  Not part of `make test`. */
#include "annals.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    annals_pipeline *p;
    annals_doc *d;
    annals_reader *r;
    char err[256];
    size_t docs = 0, failed = 0, bytes = 0, tokens = 0, sentences = 0, out_bytes = 0;
    double t0, t_read = 0, t_write = 0;
    struct rusage ru;
    struct annals_options opt;
    size_t limit = SIZE_MAX, words = 0;
    int rc, write = 0;

    annals_options_init(&opt);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--write") == 0)
            write = 1;
        else if (strcmp(argv[i], "--models") == 0 && i + 1 < argc)
            opt.model_dir = argv[++i];
        else if (strcmp(argv[i], "--text-only") == 0)
            opt.stages = 0;
        else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
            limit = strtoul(argv[++i], NULL, 10);
        else
            argc = 0;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: bench CORPUS.jsonl [--write] [--models DIR] [--text-only] "
                        "[--limit N]\n");
        return 2;
    }
    if (annals_pipeline_open(&opt, &p, err, sizeof err) != ANNALS_OK ||
        annals_doc_new(p, &d) != ANNALS_OK) {
        fprintf(stderr, "bench: %s\n", err);
        return 2;
    }
    if (annals_reader_open(p, argv[1], ANNALS_INPUT_JSONL, NULL, &r, err, sizeof err) !=
        ANNALS_OK) {
        fprintf(stderr, "bench: %s\n", err);
        return 2;
    }
    while (docs < limit) {
        t0 = now();
        rc = annals_reader_next(r, p, d);
        t_read += now() - t0;
        if (rc == ANNALS_DONE)
            break;
        docs++;
        if (rc != ANNALS_OK) {
            failed++;
            continue;
        }
        tokens += annals_doc_token_count(d);
        words += annals_doc_word_count(d);
        sentences += annals_doc_sentence_count(d);
        if (annals_doc_token_count(d) > 0) {
            /* Text bytes up to the end of the last token. */
            struct annals_token_info t;
            annals_doc_token(d, annals_doc_token_count(d) - 1, &t);
            bytes += t.span.end;
        }
        if (write) {
            const char *s;
            size_t n;
            t0 = now();
            annals_doc_write(d, ANNALS_FORMAT_JSON, &s, &n);
            t_write += now() - t0;
            out_bytes += n;
        }
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("articles          %zu (%zu failed)\n", docs, failed);
    printf("text bytes        %.1f MB\n", (double)bytes / 1e6);
    printf("tokens            %zu\n", tokens);
    printf("sentences         %zu\n", sentences);
    printf("%-17s %.3f s: %.1f MB/s, %.0f tokens/s, %.0f words/s, %.0f articles/s, "
           "%.0f sentences/s (one core)\n",
           opt.stages == 0 ? "read+text stage" : opt.model_dir != NULL ? "whole pipeline"
                                                                  : "no-model stages", t_read,
           (double)bytes / 1e6 / t_read, (double)tokens / t_read, (double)words / t_read,
           (double)docs / t_read, (double)sentences / t_read);
    if (write)
        printf("JSON writing      %.3f s: %.1f MB/s of output\n", t_write,
               (double)out_bytes / 1e6 / t_write);
    printf("peak RSS          %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    annals_reader_close(r);
    annals_doc_free(d);
    annals_pipeline_close(p);
    return failed > 0 ? 1 : 0;
}
