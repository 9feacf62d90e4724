/* cmd_dump.c -- annals dump MODEL: validate a model file and print it as
** deterministic text on stdout. */
#include "cli.h"

#include <annals.h>

#include <stdio.h>

static void out(void *ud, const char *s, size_t n)
{
    fwrite(s, 1, n, (FILE *)ud);
}

int cmd_dump(int argc, char **argv)
{
    annals_pipeline *p;
    char err[512];
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: annals dump MODEL\n");
        return 2;
    }
    rc = annals_pipeline_open(NULL, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals dump: %s\n", err);
        return 2;
    }
    rc = annals_model_dump(p, argv[1], out, stdout, err, sizeof err);
    annals_pipeline_close(p);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals dump: %s\n", err);
        return 1;
    }
    return 0;
}
