/* main.c -- the annals command: dispatch to a subcommand. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: annals train tagger|lemmatizer|parser --train F --dev F -o MODEL\n"
                    "       annals eval tag|parse --gold F.conllu --gold-tokens [-m DIR]\n"
                    "       annals dump MODEL\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "train") == 0)
        return cmd_train(argc - 1, argv + 1);
    if (strcmp(argv[1], "dump") == 0)
        return cmd_dump(argc - 1, argv + 1);
    if (strcmp(argv[1], "eval") == 0 && argc >= 3 &&
        (strcmp(argv[2], "tag") == 0 || strcmp(argv[2], "parse") == 0))
        return cmd_eval_syntax(argv[2], argc - 2, argv + 2);
    return usage();
}
