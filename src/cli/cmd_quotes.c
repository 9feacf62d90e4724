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

static void row(const char *name, const struct annals_prf *r)
{
    printf("%-9s %8.2f %8.2f %8.2f %8zu %8zu %8zu\n", name, r->precision, r->recall, r->f1,
           r->gold, r->system, r->correct);
}

int eval_quotes(int argc, char **argv)
{
    struct gold_eval g;
    struct annals_quote_scores sc;
    char err[512];
    int rc;

    if (cli_gold_open(argc, argv, GOLD_REPORT,
                      "usage: annals eval quotes --gold FILE.jsonl [--models DIR] [--errors]",
                      &g) != 0)
        return 2;
    rc = annals_eval_quotes(g.p, g.data, g.len, &sc, g.report ? cli_print_line : NULL,
                            stdout, err, sizeof err);
    cli_gold_close(&g);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s: %s\n", g.gold, err);
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
