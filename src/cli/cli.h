/* cli.h -- subcommands of the annals command.  Each returns the process
** exit status: 0 success, 1 some records or checks failed, 2 usage or a
** fatal error.  Only the CLI prints. */
#ifndef ANNALS_CLI_H
#define ANNALS_CLI_H

int cmd_code(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_train(int argc, char **argv);     /* annals train tagger|lemmatizer|parser */
int cmd_dump(int argc, char **argv);      /* annals dump MODEL */
/* annals eval tag|parse: what is "tag" or "parse"; argv[0] is what. */
int cmd_eval_syntax(const char *what, int argc, char **argv);
int cmd_ontology(int argc, char **argv);
/* annals eval time (cmd_time.c), called by cmd_eval. */
int eval_time(int argc, char **argv);
/* annals eval actors (cmd_eval_actors.c), called by cmd_eval. */
int eval_actors(int argc, char **argv);
/* cmd_ner.c: annals train ner / annals eval ner; argv[0] is "ner". */
int cmd_train_ner(int argc, char **argv);
int cmd_eval_ner(int argc, char **argv);

#endif
