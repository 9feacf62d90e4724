/* cmd_eval.c -- "annals eval": accuracy of the pipeline against gold data.
**
**   annals eval tokenize --gold FILE.conllu
**
** prints precision, recall and F1 of tokens, words and sentences, scored as
** in the CoNLL 2018 shared task.  "annals eval time" is in cmd_time.c.
**
**   annals eval geo --gold FILE.jsonl [--models DIR]
**
** prints how many gold places were found and, of those, the country
** accuracy and the share within 161 km (format: docs/GEO.md). */
#include "cli.h"

#include <annals.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_prf(const char *name, const struct annals_prf *r)
{
    printf("%-10s %8.2f %8.2f %8.2f %9zu %9zu %9zu\n", name, r->precision, r->recall,
           r->f1, r->gold, r->system, r->correct);
}

static int eval_tokenize(int argc, char **argv)
{
    const char *gold = NULL;
    struct annals_tokenize_scores sc;
    annals_pipeline *p;
    char err[512];
    size_t len;
    char *data;
    int rc;

    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--gold") == 0 && i + 1 < argc) {
            gold = argv[++i];
        } else {
            fprintf(stderr, "annals eval tokenize: unexpected argument '%s'\n", argv[i]);
            return 2;
        }
    }
    if (gold == NULL) {
        fprintf(stderr, "usage: annals eval tokenize --gold FILE.conllu\n");
        return 2;
    }
    data = cli_read_file(gold, &len);
    if (data == NULL) {
        fprintf(stderr, "annals eval: %s: %s\n", gold, strerror(errno));
        return 2;
    }
    rc = annals_pipeline_open(NULL, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s\n", err);
        free(data);
        return 2;
    }
    rc = annals_eval_tokenize(p, data, len, &sc, err, sizeof err);
    annals_pipeline_close(p);
    free(data);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s: %s\n", gold, err);
        return 2;
    }
    printf("%-10s %8s %8s %8s %9s %9s %9s\n", "unit", "P", "R", "F1", "gold", "system",
           "correct");
    print_prf("tokens", &sc.tokens);
    print_prf("words", &sc.words);
    print_prf("sentences", &sc.sentences);
    printf("documents  %zu\n", sc.documents);
    return 0;
}

static double pct(size_t a, size_t b) { return b == 0 ? 0.0 : 100.0 * (double)a / (double)b; }

static int eval_geo(int argc, char **argv)
{
    struct gold_eval g;
    struct annals_geo_scores sc;
    char err[512];
    int rc;

    if (cli_gold_open(argc, argv, 0, "usage: annals eval geo --gold FILE.jsonl [--models DIR]",
                      &g) != 0)
        return 2;
    rc = annals_eval_geo(g.p, g.data, g.len, &sc, err, sizeof err);
    cli_gold_close(&g);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s: %s\n", g.gold, err);
        return 2;
    }
    printf("documents            %zu\n", sc.documents);
    printf("gold places          %zu\n", sc.gold);
    printf("system places        %zu\n", sc.system);
    printf("found (overlap)      %zu  recall %.2f%%  precision %.2f%%\n", sc.matched,
           pct(sc.matched, sc.gold), pct(sc.matched, sc.system));
    printf("country accuracy     %.2f%% of found (%zu/%zu), %.2f%% of gold\n",
           pct(sc.country_ok, sc.matched), sc.country_ok, sc.matched,
           pct(sc.country_ok, sc.gold));
    printf("within 161 km        %.2f%% of found with coordinates (%zu/%zu), %.2f%% of gold\n",
           pct(sc.within_161, sc.with_coords), sc.within_161, sc.with_coords,
           pct(sc.within_161, sc.gold));
    printf("mean error           %.1f km\n", sc.mean_km);
    return 0;
}

/* annals eval events --gold FILE.jsonl [--models DIR] */
static int eval_events(int argc, char **argv)
{
    struct gold_eval g;
    struct annals_event_scores sc;
    char err[512];
    int rc;

    if (cli_gold_open(argc, argv, 0,
                      "usage: annals eval events --gold FILE.jsonl [--models DIR]", &g) != 0)
        return 2;
    rc = annals_eval_events(g.p, g.data, g.len, &sc, err, sizeof err);
    cli_gold_close(&g);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s: %s\n", g.gold, err);
        return 2;
    }
    printf("records    %zu (%zu expect no event; events found in %zu of those)\n",
           sc.documents, sc.empty_records, sc.empty_with_events);
    printf("%-10s %8s %8s %8s %9s %9s %9s\n", "level", "P", "R", "F1", "gold", "system",
           "correct");
    print_prf("code", &sc.full);
    print_prf("root", &sc.root);
    print_prf("quad", &sc.quad);
    printf("actors (of %zu root-level matches): source %.2f%%, target %.2f%%, both %.2f%%\n",
           sc.actor_pairs, pct(sc.source_ok, sc.actor_pairs), pct(sc.target_ok, sc.actor_pairs),
           pct(sc.both_ok, sc.actor_pairs));
    return 0;
}

int cmd_eval(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: annals eval tokenize --gold FILE.conllu\n"
                        "       annals eval time --gold FILE.tml [--gold FILE.tml ...]\n"
                        "       annals eval quotes --gold FILE.jsonl [--errors]\n"
                        "       annals eval events --gold FILE.jsonl [--models DIR]\n");
        return 2;
    }
    if (strcmp(argv[1], "tokenize") == 0)
        return eval_tokenize(argc, argv);
    if (strcmp(argv[1], "time") == 0)
        return eval_time(argc, argv);
    if (strcmp(argv[1], "geo") == 0)
        return eval_geo(argc, argv);
    if (strcmp(argv[1], "actors") == 0)
        return eval_actors(argc, argv);
    if (strcmp(argv[1], "quotes") == 0)
        return eval_quotes(argc, argv);
    if (strcmp(argv[1], "events") == 0)
        return eval_events(argc, argv);
    fprintf(stderr, "annals eval: unknown evaluation '%s'\n", argv[1]);
    return 2;
}
