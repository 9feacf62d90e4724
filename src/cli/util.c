/* util.c -- small helpers shared by the subcommands. */
#include "cli.h"

#include <annals.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *cli_read_file(const char *path, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL)
        return NULL;
    for (;;) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 1 << 20;
            char *nb = realloc(buf, nc);
            if (nb == NULL) {
                free(buf);
                if (!is_stdin)
                    fclose(f);
                return NULL;
            }
            buf = nb;
            cap = nc;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(buf);
        buf = NULL;
    }
    if (!is_stdin)
        fclose(f);
    *len = n;
    return buf;
}

int cli_beam_arg(const char *a, const char *v, int *beam, double *temperature, double *drop)
{
    char *end;
    double x;
    if (strcmp(a, "--beam") != 0 && strcmp(a, "--beam-temperature") != 0 &&
        strcmp(a, "--beam-drop") != 0)
        return 0;
    x = v != NULL ? strtod(v, &end) : 0;
    if (v == NULL || end == v || *end != '\0') {
        fprintf(stderr, "annals: %s needs a number\n", a);
        return -1;
    }
    if (strcmp(a, "--beam") == 0) {
        if (x != (int)x || x < 1 || x > ANNALS_MAX_BEAM) {
            fprintf(stderr, "annals: --beam must be a whole number from 1 to %d\n",
                    ANNALS_MAX_BEAM);
            return -1;
        }
        *beam = (int)x;
    } else if (!(x > 0 && x <= 1e6)) {
        fprintf(stderr, "annals: %s must be above 0\n", a);
        return -1;
    } else if (strcmp(a, "--beam-temperature") == 0) {
        *temperature = x;
    } else {
        *drop = x;
    }
    return 1;
}

int cli_gold_open(int argc, char **argv, unsigned accepts, const char *usage,
                  struct gold_eval *g)
{
    struct annals_options opt;
    const char *models = getenv("ANNALS_MODELS"), *dict = NULL;
    char err[512];
    int beam = 0, b;
    double temperature = 0, drop = 0;

    memset(g, 0, sizeof *g);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        b = cli_beam_arg(a, has_value ? argv[i + 1] : NULL, &beam, &temperature, &drop);
        if (b != 0) {
            if (b < 0)
                return 2;
            i++;
        } else if (strcmp(a, "--gold") == 0 && has_value) {
            g->gold = argv[++i];
        } else if ((strcmp(a, "--models") == 0 || strcmp(a, "-m") == 0) && has_value) {
            models = argv[++i];
        } else if ((accepts & GOLD_ACTORS) && strcmp(a, "--actors") == 0 && has_value) {
            dict = argv[++i];
        } else if ((accepts & GOLD_REPORT) && (strcmp(a, "--errors") == 0 ||
                                               strcmp(a, "--verbose") == 0 ||
                                               strcmp(a, "-v") == 0)) {
            g->report = 1;
        } else {
            fprintf(stderr, "annals eval %s: unexpected argument '%s'\n", argv[1], a);
            return 2;
        }
    }
    if (g->gold == NULL) {
        fprintf(stderr, "%s\n", usage);
        return 2;
    }
    g->data = cli_read_file(g->gold, &g->len);
    if (g->data == NULL) {
        fprintf(stderr, "annals eval: %s: %s\n", g->gold, strerror(errno));
        return 2;
    }
    annals_options_init(&opt);
    opt.model_dir = models != NULL ? models : "models";
    opt.actors_file = dict;
    opt.parse_beam = beam;
    opt.parse_beam_temperature = temperature;
    opt.parse_beam_drop = drop;
    if (annals_pipeline_open(&opt, &g->p, err, sizeof err) != ANNALS_OK) {
        fprintf(stderr, "annals eval: %s\n", err);
        free(g->data);
        return 2;
    }
    return 0;
}

void cli_gold_close(struct gold_eval *g)
{
    annals_pipeline_close(g->p);
    free(g->data);
    g->p = NULL;
    g->data = NULL;
}

void cli_print_line(void *ud, const char *line)
{
    fprintf((FILE *)ud, "%s\n", line);
}
