/* cmd_ner.c -- "annals train ner" and "annals eval ner".
**
**   annals train ner --set FORMAT:PATH[*N] ... [--gazetteer F.tsv] ...
**                    [--lexicon F.conllu] ... -o MODEL [--seed N] [--epochs N]
**                    [--heldout N] [--prune W] [--licence TEXT]
**                    [--tagger TAGGER.model] [--doc-features 0|1] [--folds N]
**                    [--places geo.model] [--places-min POPULATION]
**                    [--clusters-model CLUSTERS.model]
**   annals eval ner --gold F [-m MODEL] [--tagger TAGGER.model] [--output F.iob2]
**
** FORMAT is one of auto (CoNLL/IOB2), uner, gum, wikigold, wnut17, btc, re3d;
** PATH a file or a directory of .conll files; *N repeats the set N times per
** epoch.  eval ner reads token and tag columns (IOB1 or IOB2; an integer ID
** column first is skipped), tags the gold tokens document by document
** (-DOCSTART- or "# newdoc" lines) and prints entity-level exact-match
** precision, recall and F1 per type and overall.  GPE counts as LOC; gold
** MISC mentions are ignored; the overall figure is over PER, ORG and LOC.
** --tagger gives the part-of-speech tags that a model with POS features
** reads (default models/tagger.model); --doc-features 1 trains the
** document-aware second pass from cross-validated first-pass labels;
** --places adds the towns and cities of the geo stage's gazetteer with at
** least --places-min people (default 15000) to the NER gazetteer;
** --clusters-model copies word clusters (annals train clusters) into the
** model and adds features of their bit-string prefixes.
** These commands reach library internals (src/ner.h): the NER trainer and
** scorer have no public API yet. */
#include "cli.h"
#include "internal.h"
#include "model.h"
#include "ner.h"
#include "syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void progress(void *ud, const char *line)
{
    (void)ud;
    fprintf(stderr, "%s\n", line);
}

static int train_usage(void)
{
    fprintf(stderr,
            "usage: annals train ner --set FORMAT:PATH[*N] ... [--gazetteer F.tsv] ...\n"
            "                        [--lexicon F.conllu] ... -o MODEL [--seed N] [--epochs N]\n"
            "                        [--heldout N] [--prune W] [--licence TEXT]\n"
            "                        [--tagger TAGGER.model] [--doc-features 0|1] [--folds N]\n"
            "                        [--places geo.model] [--places-min POPULATION]\n"
            "                        [--clusters-model CLUSTERS.model]\n"
            "FORMAT: auto uner gum wikigold wnut17 btc re3d\n");
    return 2;
}

#define MAX_LIST 64

/* A small positive count from the command line; 1 when it is not one. */
static int parse_count(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    return *end != '\0' || n < 1 || n > 1000000 ? 1 : (int)n;
}

int cmd_train_ner(int argc, char **argv)
{
    struct ner_train_set sets[MAX_LIST];
    const char *gaz[MAX_LIST], *lex[MAX_LIST];
    struct ner_train_options o;
    annals_pipeline *p;
    char err[512], date[32];
    int rc;

    memset(&o, 0, sizeof o);
    o.seed = 1;
    o.places_min = 15000;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc)
            return train_usage();
        const char *v = argv[++i];
        if (strcmp(a, "--set") == 0) {
            if (o.n_sets == MAX_LIST)
                return train_usage();
            const char *colon = strchr(v, ':');
            char fmt[32];
            if (colon == NULL || (size_t)(colon - v) >= sizeof fmt)
                return train_usage();
            memcpy(fmt, v, (size_t)(colon - v));
            fmt[colon - v] = '\0';
            struct ner_train_set *s = &sets[o.n_sets];
            s->format = annals__ner_format_parse(fmt);
            if (s->format < 0) {
                fprintf(stderr, "annals train ner: unknown format '%s'\n", fmt);
                return 2;
            }
            char *path = strdup(colon + 1), *star = strrchr(path, '*');
            s->repeat = 1;
            if (star != NULL) {
                *star = '\0';
                s->repeat = parse_count(star + 1);
            }
            s->path = path;
            o.n_sets++;
        } else if (strcmp(a, "--gazetteer") == 0 && o.n_gazetteers < MAX_LIST)
            gaz[o.n_gazetteers++] = v;
        else if (strcmp(a, "--lexicon") == 0 && o.n_lexicons < MAX_LIST)
            lex[o.n_lexicons++] = v;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            o.out_path = v;
        else if (strcmp(a, "--seed") == 0)
            o.seed = strtoull(v, NULL, 10);
        else if (strcmp(a, "--epochs") == 0)
            o.epochs = parse_count(v);
        else if (strcmp(a, "--heldout") == 0)
            o.heldout = parse_count(v);
        else if (strcmp(a, "--prune") == 0)
            o.prune = strtod(v, NULL);
        else if (strcmp(a, "--licence") == 0 || strcmp(a, "--license") == 0)
            o.licence = v;
        else if (strcmp(a, "--tagger") == 0)
            o.tagger = v;
        else if (strcmp(a, "--doc-features") == 0)
            o.doc_features = strcmp(v, "1") == 0;
        else if (strcmp(a, "--folds") == 0)
            o.folds = parse_count(v);
        else if (strcmp(a, "--places") == 0)
            o.places = v;
        else if (strcmp(a, "--places-min") == 0)
            o.places_min = strtoul(v, NULL, 10);
        else if (strcmp(a, "--clusters-model") == 0)
            o.clusters = v;
        else
            return train_usage();
    }
    if (o.n_sets == 0 || o.out_path == NULL)
        return train_usage();
    o.sets = sets;
    o.gazetteers = gaz;
    o.lexicons = lex;
    {
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        time_t t = sde != NULL ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        o.date = date;
    }
    o.progress = progress;
    rc = annals_pipeline_open(NULL, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals train ner: %s\n", err);
        return 2;
    }
    rc = annals__ner_train(&p->alloc, &o, err, sizeof err);
    annals_pipeline_close(p);
    for (size_t i = 0; i < o.n_sets; i++)
        free((char *)sets[i].path);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals train ner: %s: %s\n", annals_strerror(rc), err);
        return 2;
    }
    return 0;
}

/* ------------------------------------------------------------- eval */

static int eval_usage(void)
{
    fprintf(stderr, "usage: annals eval ner --gold F.iob2 [-m MODEL] [--tagger TAGGER.model]\n"
                    "                       [--output F.iob2]\n");
    return 2;
}

static void print_row(const char *name, size_t g, size_t s, size_t ok)
{
    double p = s ? 100.0 * ok / s : 0, r = g ? 100.0 * ok / g : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-8s %8.2f %8.2f %8.2f %8zu %8zu %8zu\n", name, p, r, f, g, s, ok);
}

int cmd_eval_ner(int argc, char **argv)
{
    const char *gold = NULL, *model = "models/ner.model", *outp = NULL;
    const char *tagger = "models/tagger.model";
    annals_pipeline *p;
    struct annals_model mod;
    struct ner_model *m = NULL;
    struct ner_corpus c;
    struct ner_scratch s;
    unsigned char *data = NULL;
    size_t len = 0, cap = 0;
    char err[512];
    int rc, status = 0;

    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            return eval_usage();
        if (strcmp(argv[i], "--gold") == 0)
            gold = argv[++i];
        else if (strcmp(argv[i], "-m") == 0 || strcmp(argv[i], "--model") == 0)
            model = argv[++i];
        else if (strcmp(argv[i], "--output") == 0)
            outp = argv[++i];
        else if (strcmp(argv[i], "--tagger") == 0)
            tagger = argv[++i];
        else
            return eval_usage();
    }
    if (gold == NULL)
        return eval_usage();
    rc = annals_pipeline_open(NULL, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval ner: %s\n", err);
        return 2;
    }
    const struct annals_alloc *a = &p->alloc;
    annals__ner_corpus_init(&c, a);
    annals__ner_scratch_init(&s, a);
    rc = annals__model_load(a, model, &mod, err, sizeof err);
    if (rc == ANNALS_OK) {
        char why[400];
        rc = annals__ner_open(a, &mod, &m, why, sizeof why);
        annals__model_free(&mod);
        if (rc != ANNALS_OK)
            snprintf(err, sizeof err, "%s: %s", model, why);
    }
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval ner: %s\n", err);
        status = 2;
        goto out;
    }
    rc = annals__slurp(a, gold, &data, &len, &cap, err, sizeof err);
    if (rc == ANNALS_OK) {
        char why[400] = "";
        rc = annals__ner_corpus_read(&c, (const char *)data, len, NERF_AUTO, NULL, why,
                                     sizeof why);
        if (rc != ANNALS_OK)
            snprintf(err, sizeof err, "%s: %s", gold, why);
    }
    if (rc == ANNALS_OK && m->pos_features) {
        /* the tags the syntax stage would give these words */
        struct tagger *tg = NULL;
        char why[400];
        rc = annals__model_load(a, tagger, &mod, err, sizeof err);
        if (rc == ANNALS_OK) {
            rc = annals__tagger_open(a, &mod, &tg, why, sizeof why);
            annals__model_free(&mod);
            if (rc != ANNALS_OK)
                snprintf(err, sizeof err, "%s: %s", tagger, why);
        }
        if (rc == ANNALS_OK) {
            rc = annals__ner_corpus_pos(tg, &c);
            if (rc != ANNALS_OK)
                snprintf(err, sizeof err, "%s", annals_strerror(rc));
        }
        annals__tagger_free(tg);
    }
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals eval ner: %s\n", err);
        status = 2;
        goto out;
    }
    uint8_t *sys = malloc(c.n_tok + 1);
    uint32_t *sb = malloc((c.n_sent + 1) * sizeof *sb);
    if (sys == NULL || sb == NULL) {
        free(sys);
        free(sb);
        fprintf(stderr, "annals eval ner: out of memory\n");
        status = 2;
        goto out;
    }
    memset(sys, 0, c.n_tok + 1);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t d = 0; d < c.n_doc; d++) {
        size_t s0 = c.doc[d], s1 = d + 1 < c.n_doc ? c.doc[d + 1] : c.n_sent;
        size_t b = c.sent[s0], e = s1 < c.n_sent ? c.sent[s1] : c.n_tok;
        for (size_t k = s0; k < s1; k++)
            sb[k - s0] = c.sent[k] - (uint32_t)b;
        rc = annals__ner_tag_doc(m, c.tok + b, e - b, sb, s1 - s0, sys + b, &s);
        if (rc != ANNALS_OK)
            break;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    struct ner_counts k;
    memset(&k, 0, sizeof k);
    for (size_t i = 0; i < c.n_sent; i++) {
        size_t b = c.sent[i], e = i + 1 < c.n_sent ? c.sent[i + 1] : c.n_tok;
        annals__ner_count(c.gold + b, sys + b, e - b, &k);
    }
    printf("%-8s %8s %8s %8s %8s %8s %8s\n", "type", "P", "R", "F1", "gold", "system", "correct");
    size_t g = 0, sy = 0, ok = 0;
    for (int t = 0; t < NER_N_TYPES; t++) {
        if (k.gold[t] == 0 && k.sys[t] == 0)
            continue;
        print_row(annals__ner_type_names[t], k.gold[t], k.sys[t], k.ok[t]);
        if (t != NER_NORP) {
            g += k.gold[t];
            sy += k.sys[t];
            ok += k.ok[t];
        }
    }
    print_row("overall", g, sy, ok);
    printf("(overall: PER, ORG, LOC; GPE counted as LOC; NORP and MISC left out)\n");
    printf("%zu documents, %zu sentences, %zu tokens, %.3f s tagging, %.0f tokens/s\n", c.n_doc,
           c.n_sent, c.n_tok, secs, secs > 0 ? c.n_tok / secs : 0);
    if (outp != NULL) {
        FILE *f = fopen(outp, "w");
        if (f == NULL) {
            perror(outp);
            status = 2;
        } else {
            size_t si = 0;
            for (size_t i = 0; i < c.n_tok; i++) {
                while (si < c.n_sent && c.sent[si] == i) {
                    if (i > 0)
                        fputc('\n', f);
                    si++;
                }
                unsigned l = sys[i];
                if (l == 0)
                    fprintf(f, "%.*s\tO\n", (int)c.tok[i].len, c.tok[i].s);
                else
                    fprintf(f, "%.*s\t%c-%s\n", (int)c.tok[i].len, c.tok[i].s,
                            NER_IS_B(l) ? 'B' : 'I', annals__ner_type_names[NER_TYPE(l)]);
            }
            fputc('\n', f);
            fclose(f);
        }
    }
    free(sys);
    free(sb);
out:
    annals__ner_scratch_free(&s);
    annals__ner_free(m);
    annals__ner_corpus_free(&c);
    if (data)
        annals__free(a, data, cap);
    annals_pipeline_close(p);
    return status;
}
