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

int cli_gold_open(int argc, char **argv, unsigned accepts, const char *usage,
                  struct gold_eval *g)
{
    struct annals_options opt;
    const char *models = getenv("ANNALS_MODELS"), *dict = NULL;
    char err[512];

    memset(g, 0, sizeof *g);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        int has_value = i + 1 < argc;
        if (strcmp(a, "--gold") == 0 && has_value) {
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
