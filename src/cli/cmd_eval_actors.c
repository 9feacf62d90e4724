/* cmd_eval_actors.c -- "annals eval actors": the actor stage against gold.
**
**   annals eval actors --gold FILE.jsonl [--models DIR] [--actors DICT] [--verbose]
**
** prints the accuracy of the actor codes over all gold phrases, the
** coverage of gold actors, and the accuracy over non-actors (format:
** docs/ACTORS.md); --verbose lists every phrase scored wrong. */
#include "cli.h"

#include <annals.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double pct(size_t a, size_t b) { return b == 0 ? 0.0 : 100.0 * (double)a / (double)b; }

int eval_actors(int argc, char **argv)
{
    struct gold_eval g;
    struct annals_actor_scores sc;
    char err[512];
    int rc;

    if (cli_gold_open(argc, argv, GOLD_ACTORS | GOLD_REPORT,
                      "usage: annals eval actors --gold FILE.jsonl [--models DIR] "
                      "[--actors DICT] [--verbose]",
                      &g) != 0)
        return 2;
    rc = annals_eval_actors(g.p, g.data, g.len, &sc, g.report ? cli_print_line : NULL,
                            stdout, err, sizeof err);
    cli_gold_close(&g);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s: %s\n", g.gold, err);
        return 2;
    }
    printf("documents            %zu\n", sc.documents);
    printf("gold phrases         %zu (%zu actors, %zu non-actors)\n", sc.gold, sc.gold_actors,
           sc.gold_none);
    printf("accuracy             %.2f%% (%zu/%zu): the exact code, or no actor\n",
           pct(sc.correct, sc.gold), sc.correct, sc.gold);
    printf("coverage             %.2f%% of gold actors given an actor (%zu/%zu)\n",
           pct(sc.covered, sc.gold_actors), sc.covered, sc.gold_actors);
    printf("code accuracy        %.2f%% of covered (%zu/%zu), %.2f%% of gold actors\n",
           pct(sc.covered_correct, sc.covered), sc.covered_correct, sc.covered,
           pct(sc.covered_correct, sc.gold_actors));
    printf("country accuracy     %.2f%% of covered (%zu/%zu)\n", pct(sc.country_ok, sc.covered),
           sc.country_ok, sc.covered);
    printf("non-actors left out  %.2f%% (%zu/%zu)\n", pct(sc.none_ok, sc.gold_none), sc.none_ok,
           sc.gold_none);
    return 0;
}
