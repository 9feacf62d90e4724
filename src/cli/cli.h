/* cli.h -- subcommands of the annals command.  Each returns the process
** exit status: 0 success, 1 some records or checks failed, 2 usage or a
** fatal error.  Only the CLI prints. */
#ifndef ANNALS_CLI_H
#define ANNALS_CLI_H

#include <stddef.h>

int cmd_code(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_train(int argc, char **argv);     /* annals train tagger|lemmatizer|parser */
int cmd_dump(int argc, char **argv);      /* annals dump MODEL */
/* annals eval tag|parse: what is "tag" or "parse"; argv[0] is what. */
int cmd_eval_syntax(const char *what, int argc, char **argv);
/* The whole of a file ("-": standard input), malloc'd; NULL on error. */
char *cli_read_file(const char *path, size_t *len);

/* What the gold evaluations of annals eval (geo, quotes, actors, events)
** share: --gold FILE, -m/--models DIR (default $ANNALS_MODELS, else
** models), and where the evaluation accepts them --actors DICT and
** --errors (--verbose, -v) for a line per scoring error. */
enum { GOLD_ACTORS = 1, GOLD_REPORT = 2 };
struct gold_eval {
    const char *gold;           /* the gold file */
    char *data;                 /* its contents */
    size_t len;
    struct annals_pipeline *p;  /* opened with the models */
    int report;                 /* --errors given */
};
/* Parse argv (argv[1] names the evaluation), read the gold file and open
** the pipeline.  Returns 0, or the exit status 2 after saying why. */
int cli_gold_open(int argc, char **argv, unsigned accepts, const char *usage,
                  struct gold_eval *g);
void cli_gold_close(struct gold_eval *g);
/* The parser's beam options --beam N, --beam-temperature T and --beam-drop
** D, read into *beam, *temperature and *drop: 1 if a (with its value v)
** was one of them, 0 if not, -1 (after saying why) if v is not valid. */
int cli_beam_arg(const char *a, const char *v, int *beam, double *temperature, double *drop);
#define CLI_BEAM_USAGE "[--beam N] [--beam-temperature T] [--beam-drop D]"
/* A report callback printing each line to the FILE * ud. */
void cli_print_line(void *ud, const char *line);
int cmd_ontology(int argc, char **argv);
/* annals eval time (cmd_time.c), called by cmd_eval. */
int eval_time(int argc, char **argv);
/* annals eval actors (cmd_eval_actors.c), called by cmd_eval. */
int eval_actors(int argc, char **argv);
/* annals eval quotes (cmd_quotes.c), called by cmd_eval. */
int eval_quotes(int argc, char **argv);
/* cmd_ner.c: annals train ner / annals eval ner; argv[0] is "ner". */
int cmd_train_ner(int argc, char **argv);
int cmd_eval_ner(int argc, char **argv);

#endif
