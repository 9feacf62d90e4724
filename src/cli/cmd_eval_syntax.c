/* cmd_eval_syntax.c -- annals eval tag|parse --gold F.conllu --gold-tokens
** [-m MODEL_DIR] [-o OUT.conllu]: re-annotate the gold words and print
** UPOS, XPOS, lemma accuracy, UAS and LAS (CoNLL 2018 definitions), with
** the speed of the syntax stage. */
#include "cli.h"

#include <annals.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int eval_usage(const char *what)
{
    fprintf(stderr, "usage: annals eval %s --gold F.conllu --gold-tokens [-m MODEL_DIR] "
                    "[-o OUT.conllu]\n", what);
    return 2;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
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
    fclose(f);
    *len = n;
    return buf;
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
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--gold-tokens") == 0)
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
    if (gold == NULL)
        return eval_usage(what);
    if (!gold_tokens) {
        fprintf(stderr, "annals eval %s: only --gold-tokens is implemented; scoring from raw "
                        "text needs the tokeniser's alignment\n", what);
        return 2;
    }
    data = read_all(gold, &len);
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
