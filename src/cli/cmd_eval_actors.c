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

static void print_line(void *ud, const char *line)
{
    fprintf((FILE *)ud, "%s\n", line);
}

static double pct(size_t a, size_t b) { return b == 0 ? 0.0 : 100.0 * (double)a / (double)b; }

int eval_actors(int argc, char **argv)
{
    const char *gold = NULL, *models = getenv("ANNALS_MODELS"), *dict = NULL;
    struct annals_actor_scores sc;
    struct annals_options opt;
    annals_pipeline *p;
    int verbose = 0, rc;
    char err[512];
    size_t len;
    char *data;

    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--gold") == 0 && i + 1 < argc) {
            gold = argv[++i];
        } else if ((strcmp(argv[i], "--models") == 0 || strcmp(argv[i], "-m") == 0) &&
                   i + 1 < argc) {
            models = argv[++i];
        } else if (strcmp(argv[i], "--actors") == 0 && i + 1 < argc) {
            dict = argv[++i];
        } else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0) {
            verbose = 1;
        } else {
            fprintf(stderr, "annals eval actors: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (gold == NULL) {
        fprintf(stderr, "usage: annals eval actors --gold FILE.jsonl [--models DIR] "
                        "[--actors DICT] [--verbose]\n");
        return 2;
    }
    data = cli_read_file(gold, &len);
    if (data == NULL) {
        fprintf(stderr, "annals eval: %s: %s\n", gold, strerror(errno));
        return 2;
    }
    annals_options_init(&opt);
    opt.model_dir = models != NULL ? models : "models";
    opt.actors_file = dict;
    rc = annals_pipeline_open(&opt, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s\n", err);
        free(data);
        return 2;
    }
    rc = annals_eval_actors(p, data, len, &sc, verbose ? print_line : NULL, stdout, err,
                            sizeof err);
    annals_pipeline_close(p);
    free(data);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s: %s\n", gold, err);
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
