/* cmd_train.c -- annals train tagger|lemmatizer|parser --train F.conllu
** [--dev F.conllu] -o MODEL [--seed N] [--epochs N] [--prune W] [--licence TEXT]
** [--clusters-model CLU1 (tagger)] [--wordnet DIR] [--right-to-left-below M (tagger)]
** [--beam N] [--beam-temperature T] [--beam-drop D] (parser);
** annals train clusters --train TEXT -o MODEL
** [--clusters N] [--licence TEXT].  Progress goes to stderr. */
#include "cli.h"

#include <annals.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void progress(void *ud, const char *line)
{
    (void)ud;
    fprintf(stderr, "%s\n", line);
}

static int train_usage(void)
{
    fprintf(stderr, "usage: annals train tagger|lemmatizer|parser --train F.conllu "
                    "[--dev F.conllu] -o MODEL [--seed N] [--epochs N] [--prune W] [--licence TEXT]\n"
                    "                    [--clusters-model CLUSTERS.model (tagger)] "
                    "[--wordnet DIR]\n"
                    "                    [--right-to-left-below MARGIN (tagger)]\n"
                    "                    [--without-templates NAME,NAME... (parser)]\n"
                    "                    " CLI_BEAM_USAGE " (parser: its defaults)\n"
                    "       annals train clusters --train TEXT -o MODEL [--clusters N] "
                    "[--licence TEXT]\n"
                    "  (TEXT: one sentence a line, words separated by spaces)\n");
    return 2;
}

/* The date recorded in the model: SOURCE_DATE_EPOCH if set (reproducible
** builds), else today (UTC). */
static void build_date(char *buf, size_t n)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = sde != NULL ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%d", &tm);
}

int cmd_train(int argc, char **argv)
{
    struct annals_train_options o;
    annals_pipeline *p;
    char err[512], date[32];
    int rc;

    if (argc < 2)
        return train_usage();
    memset(&o, 0, sizeof o);
    if (strcmp(argv[1], "tagger") == 0)
        o.type = ANNALS_MODEL_TAGGER;
    else if (strcmp(argv[1], "lemmatizer") == 0)
        o.type = ANNALS_MODEL_LEMMATIZER;
    else if (strcmp(argv[1], "parser") == 0)
        o.type = ANNALS_MODEL_PARSER;
    else if (strcmp(argv[1], "clusters") == 0)
        o.type = ANNALS_MODEL_CLUSTERS;
    else
        return train_usage();
    o.seed = 1;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        int b;
        if (i + 1 >= argc)
            return train_usage();
        b = cli_beam_arg(a, argv[i + 1], &o.beam, &o.beam_temperature, &o.beam_drop);
        if (b < 0)
            return 2;
        if (b > 0)
            i++;
        else if (strcmp(a, "--train") == 0)
            o.train_path = argv[++i];
        else if (strcmp(a, "--dev") == 0)
            o.dev_path = argv[++i];
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            o.out_path = argv[++i];
        else if (strcmp(a, "--seed") == 0)
            o.seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(a, "--epochs") == 0) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end != '\0' || n < 1 || n > 1000)
                return train_usage();
            o.epochs = (int)n;
        }
        else if (strcmp(a, "--clusters") == 0) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end != '\0' || n < 2 || n > 4096)
                return train_usage();
            o.clusters = (int)n;
        }
        else if (strcmp(a, "--clusters-model") == 0)
            o.clusters_path = argv[++i];
        else if (strcmp(a, "--wordnet") == 0)
            o.wordnet_path = argv[++i];
        else if (strcmp(a, "--prune") == 0)
            o.prune = strtod(argv[++i], NULL);
        else if (strcmp(a, "--right-to-left-below") == 0) {
            char *end;
            double m = strtod(argv[++i], &end);
            if (*end != '\0' || !(m > 0 && m <= 1e6))
                return train_usage();
            o.right_to_left_below = m;
        }
        else if (strcmp(a, "--without-templates") == 0)
            o.without_templates = argv[++i];
        else if (strcmp(a, "--licence") == 0 || strcmp(a, "--license") == 0)
            o.data_licence = argv[++i];
        else
            return train_usage();
    }
    if (o.train_path == NULL || o.out_path == NULL)
        return train_usage();
    build_date(date, sizeof date);
    o.date = date;
    o.progress = progress;
    rc = annals_pipeline_open(NULL, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals train: %s\n", err);
        return 2;
    }
    rc = annals_train(p, &o, err, sizeof err);
    annals_pipeline_close(p);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals train: %s: %s\n", annals_strerror(rc), err);
        return 2;
    }
    return 0;
}
