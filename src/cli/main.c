/* main.c -- the annals command: dispatch to subcommands. */
#include "annals.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: annals COMMAND [OPTIONS] [ARGS]\n"
            "\n"
            "commands:\n"
            "  code [FILE|DIR|-]...      annotate articles (text or JSON Lines, gzip or not)\n"
            "  eval tokenize --gold F    score the text stage against CoNLL-U\n"
            "  eval tag|parse --gold F --gold-tokens [-m DIR]\n"
            "                            score tagger, lemmatiser and parser\n"
            "  eval ner --gold F.iob2    score named entities (entity-level P/R/F1)\n"
            "  eval time --gold F.tml    score the time stage against TimeML\n"
            "  eval geo --gold F         score the geo stage against gold places (JSON Lines)\n"
            "  eval actors --gold F      score the actor codes of noun phrases (JSON Lines)\n"
            "  train tagger|lemmatizer|parser --train F --dev F -o MODEL\n"
            "                            train a model (see models/README.md)\n"
            "  train ner -o MODEL        train the named-entity tagger (tools/train_ner.sh)\n"
            "  dump MODEL                print a model's metadata and sections\n"
            "  ontology check|show|lookup|dump   the CAMEO, PLOVER and actor tables\n"
            "  version                   print the version\n"
            "\n"
            "'annals COMMAND --help' describes a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "code") == 0)
        return cmd_code(argc - 1, argv + 1);
    if (strcmp(argv[1], "eval") == 0 && argc >= 3 &&
        (strcmp(argv[2], "tag") == 0 || strcmp(argv[2], "parse") == 0))
        return cmd_eval_syntax(argv[2], argc - 2, argv + 2);
    if (strcmp(argv[1], "eval") == 0 && argc >= 3 && strcmp(argv[2], "ner") == 0)
        return cmd_eval_ner(argc - 2, argv + 2);
    if (strcmp(argv[1], "eval") == 0)
        return cmd_eval(argc - 1, argv + 1);
    if (strcmp(argv[1], "train") == 0 && argc >= 3 && strcmp(argv[2], "ner") == 0)
        return cmd_train_ner(argc - 2, argv + 2);
    if (strcmp(argv[1], "train") == 0)
        return cmd_train(argc - 1, argv + 1);
    if (strcmp(argv[1], "dump") == 0)
        return cmd_dump(argc - 1, argv + 1);
    if (strcmp(argv[1], "ontology") == 0)
        return cmd_ontology(argc - 1, argv + 1);
    if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("annals %s (schema %d)\n", ANNALS_VERSION_STRING, ANNALS_SCHEMA_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "annals: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
