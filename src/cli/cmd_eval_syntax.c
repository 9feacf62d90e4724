/* cmd_eval_syntax.c -- annals eval tag|parse --gold F.conllu [--gold-tokens]
** [-m MODEL_DIR] [-o OUT.conllu] [--beam N ...]: print UPOS, XPOS, lemma accuracy, UAS and
** LAS (CoNLL 2018 definitions).  With --gold-tokens the gold words are
** re-annotated (and can be written with -o), with the speed of the syntax
** stage; without it the text is rebuilt from the "# text" lines, run through
** the whole pipeline, and the system words are aligned to the gold words by
** their character spans (F1 figures). */
#include "cli.h"

#include <annals.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int eval_usage(const char *what)
{
    fprintf(stderr, "usage: annals eval %s --gold F.conllu [--gold-tokens] [-m MODEL_DIR] "
                    "[-o OUT.conllu]\n       " CLI_BEAM_USAGE "\n       (-o needs --gold-tokens)\n",
            what);
    return 2;
}

/* From raw text: tokeniser, splitter and syntax together. */
static int eval_text(const char *what, const char *gold, annals_pipeline *p, const char *data,
                     size_t len)
{
    struct annals_syntax_text_scores sc;
    char err[512];
    int rc = annals_eval_syntax_text(p, data, len, &sc, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval %s: %s: %s\n", what, gold, err);
        return 2;
    }
    printf("gold:      %s (raw text, annals' tokeniser and splitter)\n", gold);
    printf("sentences: %zu gold, %zu system (F1 %.2f)\n", sc.text.sentences.gold,
           sc.text.sentences.system, sc.text.sentences.f1);
    printf("tokens:    F1 %.2f\n", sc.text.tokens.f1);
    printf("words:     %zu gold, %zu system (F1 %.2f)\n", sc.text.words.gold,
           sc.text.words.system, sc.text.words.f1);
    printf("UPOS:      %.2f\nXPOS:      %.2f\nLemma:     %.2f\n", sc.upos.f1, sc.xpos.f1,
           sc.lemma.f1);
    if (strcmp(what, "parse") == 0)
        printf("UAS:       %.2f\nLAS:       %.2f\n", sc.uas.f1, sc.las.f1);
    printf("speed:     %.0f words/s (whole pipeline from text, one thread)\n",
           sc.seconds > 0 ? (double)sc.text.words.system / sc.seconds : 0.0);
    return 0;
}

int cmd_eval_syntax(const char *what, int argc, char **argv)
{
    struct annals_options o;
    struct annals_syntax_scores sc;
    annals_pipeline *p;
    const char *gold = NULL, *out_path = NULL;
    char err[512], *data, *out = NULL;
    size_t len, out_len = 0;
    int gold_tokens = 0, rc;

    annals_options_init(&o);
    o.model_dir = "models";
    o.stages = ANNALS_STAGE_SYNTAX;
    for (int i = 1; i < argc; i++) {
        int b = cli_beam_arg(argv[i], i + 1 < argc ? argv[i + 1] : NULL, &o.parse_beam,
                             &o.parse_beam_temperature, &o.parse_beam_drop);
        if (b < 0)
            return 2;
        if (b > 0)
            i++;
        else if (strcmp(argv[i], "--gold-tokens") == 0)
            gold_tokens = 1;
        else if (strcmp(argv[i], "--gold") == 0 && i + 1 < argc)
            gold = argv[++i];
        else if ((strcmp(argv[i], "-m") == 0 || strcmp(argv[i], "--models") == 0) &&
                 i + 1 < argc)
            o.model_dir = argv[++i];
        else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out_path = argv[++i];
        else
            return eval_usage(what);
    }
    if (gold == NULL || (!gold_tokens && out_path != NULL))
        return eval_usage(what);
    data = cli_read_file(gold, &len);
    if (data == NULL) {
        fprintf(stderr, "annals eval %s: cannot read %s\n", what, gold);
        return 2;
    }
    rc = annals_pipeline_open(&o, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval %s: %s\n", what, err);
        free(data);
        return 2;
    }
    if (!gold_tokens) {
        rc = eval_text(what, gold, p, data, len);
        free(data);
        annals_pipeline_close(p);
        return rc;
    }
    rc = annals_eval_syntax(p, data, len, &sc, out_path != NULL ? &out : NULL, &out_len, err,
                            sizeof err);
    free(data);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval %s: %s: %s\n", what, gold, err);
        annals_pipeline_close(p);
        return 2;
    }
    if (out_path != NULL) {
        FILE *f = fopen(out_path, "wb");
        int ok = f != NULL && fwrite(out, 1, out_len, f) == out_len;
        if (f != NULL && fclose(f) != 0)
            ok = 0;
        annals_free(p, out, out_len + 1);
        if (!ok) {
            fprintf(stderr, "annals eval %s: cannot write %s\n", what, out_path);
            annals_pipeline_close(p);
            return 2;
        }
    }
    annals_pipeline_close(p);
    printf("gold:      %s (gold tokens)\n", gold);
    printf("sentences: %zu\nwords:     %zu\n", sc.sentences, sc.words);
    printf("UPOS:      %.2f\nXPOS:      %.2f\nLemma:     %.2f\n", sc.upos, sc.xpos, sc.lemma);
    if (strcmp(what, "parse") == 0)
        printf("UAS:       %.2f\nLAS:       %.2f\n", sc.uas, sc.las);
    printf("speed:     %.0f words/s (tag + lemmatise + parse, one thread)\n",
           sc.seconds > 0 ? (double)sc.words / sc.seconds : 0.0);
    return 0;
}
