/* main.c -- the annals command: dispatch to a subcommand. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "eval") == 0)
        return cmd_eval(argc - 1, argv + 1);
    fprintf(stderr, "usage: annals eval ...\n");
    return 2;
}
