/* cmd_quotes.c -- "annals eval quotes": score the quotation stage.
**
**   annals eval quotes --gold F.jsonl [--models DIR] [--errors]
**
** Gold format and scoring: docs/QUOTES.md.  Prints quote detection, speaker
** precision and recall, and content-span F1; --errors lists the missed,
** spurious and wrongly attributed quotes. */
#include "cli.h"

#include <annals.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_line(void *ud, const char *line)
{
    fprintf(ud, "%s\n", line);
}

static void row(const char *name, const struct annals_prf *r)
{
    printf("%-9s %8.2f %8.2f %8.2f %8zu %8zu %8zu\n", name, r->precision, r->recall, r->f1,
           r->gold, r->system, r->correct);
}

int eval_quotes(int argc, char **argv)
{
    const char *gold = NULL, *models = getenv("ANNALS_MODELS");
    struct annals_quote_scores sc;
    struct annals_options opt;
    annals_pipeline *p;
    int errors = 0, rc;
    char err[512];
    size_t len;
    char *data;

    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--gold") == 0 && i + 1 < argc) {
            gold = argv[++i];
        } else if ((strcmp(argv[i], "--models") == 0 || strcmp(argv[i], "-m") == 0) &&
                   i + 1 < argc) {
            models = argv[++i];
        } else if (strcmp(argv[i], "--errors") == 0) {
            errors = 1;
        } else {
            fprintf(stderr, "annals eval quotes: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (gold == NULL) {
        fprintf(stderr, "usage: annals eval quotes --gold FILE.jsonl [--models DIR] [--errors]\n");
        return 2;
    }
    data = cli_read_file(gold, &len);
    if (data == NULL) {
        fprintf(stderr, "annals eval: %s: %s\n", gold, strerror(errno));
        return 2;
    }
    annals_options_init(&opt);
    opt.model_dir = models != NULL ? models : "models";
    rc = annals_pipeline_open(&opt, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s\n", err);
        free(data);
        return 2;
    }
    rc = annals_eval_quotes(p, data, len, &sc, errors ? print_line : NULL, stdout, err,
                            sizeof err);
    annals_pipeline_close(p);
    free(data);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s: %s\n", gold, err);
        return 2;
    }
    printf("documents %zu\n", sc.documents);
    printf("%-9s %8s %8s %8s %8s %8s %8s\n", "unit", "P", "R", "F1", "gold", "system",
           "correct");
    row("quotes", &sc.quotes);
    row("speakers", &sc.speakers);
    row("content", &sc.content);
    printf("content spans exact %zu of %zu paired; kind agrees on %zu\n", sc.content_exact,
           sc.matched, sc.kind_ok);
    return 0;
}
