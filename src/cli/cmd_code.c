/* cmd_code.c -- `annals code`: read articles, annotate them, write one
** record per article read (a result or an error record). */
#include "annals.h"
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: annals code [OPTIONS] [FILE|DIR|-]...\n"
            "\n"
            "Annotates news articles and writes one record per article read.  A FILE\n"
            "is one plain-text article or JSON Lines (one article per line); either\n"
            "may be gzip-compressed.  A DIR is read recursively in sorted order.  With\n"
            "no FILE, or with -, standard input is read.\n"
            "\n"
            "options:\n"
            "  --input auto|text|jsonl|tokens|conllu\n"
            "                              input format (default auto: JSON Lines when\n"
            "                              the first non-blank byte is '{'); tokens:\n"
            "                              one article already cut into words, a\n"
            "                              sentence a line, words between spaces;\n"
            "                              conllu: the words and sentences of a CoNLL-U\n"
            "                              file, an article per \"# newdoc\" (with\n"
            "                              --format conllu the file is re-annotated\n"
            "                              as it is, tokens and comments kept)\n"
            "  --format json|conllu|events|gdelt|iob2\n"
            "                              output format (default json); events: one\n"
            "                              event per line; gdelt: GDELT 2.0 event rows,\n"
            "                              counted over the whole run, written at the end;\n"
            "                              iob2: each word and its entity label (for\n"
            "                              gold words: annals eval ner --output)\n"
            "  --date YYYY-MM-DD           publication date for records without one\n"
            "  --date-order mdy|dmy        read 3/4/2021 as March 4 (default) or 3 April\n"
            "  --field KEY=NAME            read metadata KEY (id, date, url, source,\n"
            "                              title, text) from JSON member NAME\n"
            "  --utf8 reject|replace       invalid UTF-8 fails the record (default) or\n"
            "                              becomes U+FFFD, offsets kept\n"
            "  --max-doc-bytes N           largest article (default 16777216)\n"
            "  --max-sentence-tokens N     longest sentence (default 1000)\n"
            "  --stages LIST               stages to run after the text stage: none, or\n"
            "                              any of syntax,ner,quotes,time,geo,actors,\n"
            "                              events,tone\n"
            "                              (default all)\n"
            "  --threads N                 annotate on N threads (default: all cores,\n"
            "                              at most 64); the output is the same for any N\n"
            "  -m, --models DIR            directory of the models (default: $ANNALS_MODELS,\n"
            "                              else ./models, else the installed models)\n"
            "  --no-models, -m none        text stage only: no models\n"
            "  -o FILE                     write to FILE instead of standard output\n"
            "  --ner MODEL                 find named entities with MODEL (models/ner.model)\n"
            "  --actors FILE               user actor dictionary (docs/ACTORS.md): its\n"
            "                              codes override the inferred ones\n"
            "  --beam N                    parse keeping N derivations (1: greedy, the\n"
            "                              fastest); default: the parser model's\n"
            "  --beam-temperature T, --beam-drop D\n"
            "                              the beam's other settings (docs/SYNTAX.md)\n"
            "\n"
            "Exit status: 0 all records succeeded, 1 some failed, 2 usage error.\n");
}

/* Records are read on the main thread into a batch of documents, annotated
** and serialised by worker threads, and written in input order, so output
** is the same whatever the thread count. */
#define BATCH 256
#define MAX_THREADS 64

struct run {
    const annals_pipeline *p;
    annals_doc *docs[BATCH];
    const char *text[BATCH];        /* each document's serialised record */
    size_t len[BATCH];
    int wrote[BATCH];               /* status of annals_doc_write */
    size_t n;                       /* documents filled in this batch */
    struct annals_fields fields;
    int input, format, threads;
    annals_events_agg *agg;         /* --format gdelt: events counted over the run */
    const char *date;
    FILE *out;
    unsigned long records, failed;
    int write_failed;
    atomic_size_t next;             /* next document for a worker */
};

static void *worker(void *arg)
{
    struct run *r = arg;
    size_t i;

    while ((i = atomic_fetch_add(&r->next, 1)) < r->n) {
        annals_doc_annotate(r->p, r->docs[i]);
        r->wrote[i] = annals_doc_write(r->docs[i], r->format, &r->text[i], &r->len[i]);
    }
    return NULL;
}

/* Annotate and write the documents of the batch, then empty it. */
static void flush(struct run *r)
{
    pthread_t th[MAX_THREADS];
    int started = 0;

    atomic_store(&r->next, 0);
    for (int t = 1; t < r->threads && (size_t)t < r->n; t++)
        if (pthread_create(&th[started], NULL, worker, r) == 0)
            started++;
    worker(r);                      /* the main thread works too */
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (size_t i = 0; i < r->n; i++) {
        r->records++;
        if (annals_doc_status(r->docs[i]) != ANNALS_OK)
            r->failed++;
        if (r->wrote[i] != ANNALS_OK) {
            fprintf(stderr, "annals: cannot serialise a record: %s\n",
                    annals_strerror(r->wrote[i]));
            r->failed++;
            continue;
        }
        if (r->agg != NULL && annals_doc_status(r->docs[i]) == ANNALS_OK) {
            int rc = annals_events_agg_add(r->agg, r->docs[i]);
            if (rc != ANNALS_OK) {
                fprintf(stderr, "annals: cannot count events: %s\n", annals_strerror(rc));
                r->failed++;
            }
            continue;
        }
        /* in gdelt mode an error record goes to standard error */
        if (fwrite(r->text[i], 1, r->len[i], r->agg != NULL ? stderr : r->out) != r->len[i])
            r->write_failed = 1;
    }
    r->n = 0;
}

static int write_rows(void *ud, const char *s, size_t n)
{
    return fwrite(s, 1, n, ud) == n ? ANNALS_OK : ANNALS_EIO;
}

/* The next free document of the batch, reset. */
static annals_doc *slot(struct run *r)
{
    if (r->n == BATCH)
        flush(r);
    annals_doc_reset(r->docs[r->n]);
    return r->docs[r->n];
}

static void fail_input(struct run *r, const char *path, int rc, const char *why)
{
    annals_doc *d = slot(r);
    annals_doc_set_origin(d, path, 0);
    annals_doc_set_error(d, rc, why);
    r->n++;
}

/* --input conllu --format conllu: re-annotate the words of a CoNLL-U file as
** they are (annals_annotate_conllu); one record per file. */
static void code_conllu(struct run *r, const char *path)
{
    char err[512], *out = NULL;
    size_t len, out_len = 0;
    char *data = cli_read_file(path, &len);
    int rc;

    flush(r);
    r->records++;
    if (data == NULL) {
        fprintf(stderr, "annals code: %s: %s\n", path, strerror(errno));
        r->failed++;
        return;
    }
    rc = annals_annotate_conllu(r->p, data, len, &out, &out_len, err, sizeof err);
    free(data);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals code: %s: %s\n", path, err);
        r->failed++;
        return;
    }
    if (fwrite(out, 1, out_len, r->out) != out_len)
        r->write_failed = 1;
    annals_free(r->p, out, out_len + 1);
}

static void code_file(struct run *r, const char *path)
{
    annals_reader *rd;
    char err[512];
    int rc;

    if (r->input == ANNALS_INPUT_CONLLU && r->format == ANNALS_FORMAT_CONLLU) {
        code_conllu(r, path);
        return;
    }
    rc = annals_reader_open(r->p, path, r->input, &r->fields, &rd, err, sizeof err);

    if (rc != ANNALS_OK) {
        fail_input(r, path, rc, err);
        return;
    }
    for (;;) {
        rc = annals_reader_read(rd, slot(r));
        if (rc == ANNALS_DONE)
            break;
        r->n++;
        if (rc == ANNALS_EIO)
            break;
    }
    annals_reader_close(rd);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under dir, recursively, in byte order of their names. */
static void code_dir(struct run *r, const char *dir)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;

    if (dp == NULL) {
        char err[512];
        snprintf(err, sizeof err, "%s: %s", dir, strerror(errno));
        fail_input(r, dir, ANNALS_EIO, err);
        return;
    }
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *names);
            if (nn == NULL)
                break;
            names = nn;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (names[n] == NULL)
            break;
        size_t dlen = strlen(dir);
        snprintf(names[n], len, "%.*s/%s", (int)(dlen > 1 && dir[dlen - 1] == '/' ? dlen - 1 : dlen),
                 dir, e->d_name);
        n++;
    }
    closedir(dp);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (lstat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
            code_dir(r, names[i]);
        else if (lstat(names[i], &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
            code_file(r, names[i]);
        free(names[i]);
    }
    free(names);
}

/* Where the models are when none is named: $ANNALS_MODELS, then ./models
** (a source tree), then the installed ones; NULL if none holds a tagger. */
static const char *find_models(void)
{
    static const char *const dirs[] = {"models", ANNALS_MODEL_DIR};
    const char *env = getenv("ANNALS_MODELS");
    char path[4096];
    struct stat st;

    if (env != NULL && env[0] != '\0')
        return env;
    for (size_t k = 0; k < sizeof dirs / sizeof dirs[0]; k++) {
        snprintf(path, sizeof path, "%s/tagger.model", dirs[k]);
        if (stat(path, &st) == 0)
            return dirs[k];
    }
    return NULL;
}

/* "none" or a comma-separated list of the stage names below. */
static int parse_stages(const char *s, unsigned *out)
{
    static const struct { const char *name; unsigned bit; } stage[] = {
        {"syntax", ANNALS_STAGE_SYNTAX}, {"ner", ANNALS_STAGE_NER},
        {"time", ANNALS_STAGE_TIME}, {"geo", ANNALS_STAGE_GEO},
        {"quotes", ANNALS_STAGE_QUOTES}, {"actors", ANNALS_STAGE_ACTORS},
        {"events", ANNALS_STAGE_EVENTS}, {"tone", ANNALS_STAGE_TONE},
    };
    *out = 0;
    if (strcmp(s, "none") == 0)
        return 1;
    while (*s != '\0') {
        size_t n = strcspn(s, ",");
        size_t k = 0;
        while (k < sizeof stage / sizeof stage[0] &&
               !(strlen(stage[k].name) == n && memcmp(stage[k].name, s, n) == 0))
            k++;
        if (k == sizeof stage / sizeof stage[0])
            return 0;
        *out |= stage[k].bit;
        s += n;
        if (*s == ',')
            s++;
    }
    return *out != 0;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v == 0 || s[0] == '-')
        return 0;
    *out = (size_t)v;
    return 1;
}

static int set_field(struct annals_fields *f, const char *spec)
{
    static const char *const keys[ANNALS_META_COUNT] = {"id", "date", "url", "source",
                                                        "title"};
    const char *eq = strchr(spec, '=');
    if (eq == NULL || eq[1] == '\0')
        return 0;
    size_t klen = (size_t)(eq - spec);
    if (klen == 4 && memcmp(spec, "text", 4) == 0) {
        f->text = eq + 1;
        return 1;
    }
    for (int k = 0; k < ANNALS_META_COUNT; k++) {
        if (strlen(keys[k]) == klen && memcmp(spec, keys[k], klen) == 0) {
            f->name[k] = eq + 1;
            return 1;
        }
    }
    return 0;
}

int cmd_code(int argc, char **argv)
{
    struct annals_options opt;
    struct run r;
    annals_pipeline *p = NULL;
    char err[512];
    const char *outpath = NULL;
    int i, nfiles = 0, rc, status, no_models = 0;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);

    annals_options_init(&opt);
    memset(&r, 0, sizeof r);
    r.input = ANNALS_INPUT_AUTO;
    r.format = ANNALS_FORMAT_JSON;
    r.threads = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (int)cpus;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "--no-models") == 0) {
            no_models = 1;
            continue;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0)
            break;
        if (v == NULL) {
            fprintf(stderr, "annals code: option %s needs a value\n", a);
            return 2;
        }
        i++;
        int b = cli_beam_arg(a, v, &opt.parse_beam, &opt.parse_beam_temperature,
                             &opt.parse_beam_drop);
        if (b < 0)
            return 2;
        if (b > 0)
            continue;
        if (strcmp(a, "--input") == 0) {
            if (strcmp(v, "auto") == 0) r.input = ANNALS_INPUT_AUTO;
            else if (strcmp(v, "text") == 0) r.input = ANNALS_INPUT_TEXT;
            else if (strcmp(v, "jsonl") == 0) r.input = ANNALS_INPUT_JSONL;
            else if (strcmp(v, "tokens") == 0) r.input = ANNALS_INPUT_TOKENS;
            else if (strcmp(v, "conllu") == 0) r.input = ANNALS_INPUT_CONLLU;
            else goto bad_value;
        } else if (strcmp(a, "--format") == 0) {
            if (strcmp(v, "json") == 0) r.format = ANNALS_FORMAT_JSON;
            else if (strcmp(v, "conllu") == 0) r.format = ANNALS_FORMAT_CONLLU;
            else if (strcmp(v, "events") == 0) r.format = ANNALS_FORMAT_EVENTS;
            else if (strcmp(v, "iob2") == 0) r.format = ANNALS_FORMAT_IOB2;
            else if (strcmp(v, "gdelt") == 0) r.format = -1;
            else goto bad_value;
        } else if (strcmp(a, "--utf8") == 0) {
            if (strcmp(v, "reject") == 0) opt.utf8_policy = ANNALS_UTF8_REJECT;
            else if (strcmp(v, "replace") == 0) opt.utf8_policy = ANNALS_UTF8_REPLACE;
            else goto bad_value;
        } else if (strcmp(a, "--date") == 0) {
            r.date = v;
        } else if (strcmp(a, "--date-order") == 0) {
            if (strcmp(v, "mdy") == 0) opt.date_order = ANNALS_DATE_MDY;
            else if (strcmp(v, "dmy") == 0) opt.date_order = ANNALS_DATE_DMY;
            else goto bad_value;
        } else if (strcmp(a, "--field") == 0) {
            if (!set_field(&r.fields, v))
                goto bad_value;
        } else if (strcmp(a, "--max-doc-bytes") == 0) {
            if (!parse_size(v, &opt.max_doc_bytes))
                goto bad_value;
        } else if (strcmp(a, "--max-sentence-tokens") == 0) {
            if (!parse_size(v, &opt.max_sentence_tokens))
                goto bad_value;
        } else if (strcmp(a, "-m") == 0 || strcmp(a, "--models") == 0) {
            if (strcmp(v, "none") == 0)
                no_models = 1;
            else
                opt.model_dir = v;
        } else if (strcmp(a, "--stages") == 0) {
            if (!parse_stages(v, &opt.stages))
                goto bad_value;
        } else if (strcmp(a, "--threads") == 0) {
            size_t n;
            if (!parse_size(v, &n) || n > MAX_THREADS)
                goto bad_value;
            r.threads = (int)n;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            outpath = v;
        } else if (strcmp(a, "--ner") == 0) {
            opt.ner_model = v;
        } else if (strcmp(a, "--actors") == 0) {
            opt.actors_file = v;
        } else {
            fprintf(stderr, "annals code: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
        continue;
    bad_value:
        fprintf(stderr, "annals code: bad value '%s' for %s\n", v, a);
        return 2;
    }
    if (r.input == ANNALS_INPUT_CONLLU && r.format == ANNALS_FORMAT_CONLLU && no_models) {
        fprintf(stderr, "annals code: --input conllu --format conllu needs the models\n");
        return 2;
    }
    if (!no_models && opt.model_dir == NULL) {
        opt.model_dir = find_models();
        if (opt.model_dir == NULL)
            fprintf(stderr, "annals code: no models found ($ANNALS_MODELS, ./models, "
                            "%s): tagging and parsing skipped\n", ANNALS_MODEL_DIR);
    }
    rc = annals_pipeline_open(&opt, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals code: %s\n", err);
        return 2;
    }
    r.p = p;
    status = 2;
    if (r.format == -1) {
        r.format = ANNALS_FORMAT_EVENTS;
        rc = annals_events_agg_new(p, &r.agg);
        if (rc != ANNALS_OK) {
            fprintf(stderr, "annals code: %s\n", annals_strerror(rc));
            goto done;
        }
    }
    for (size_t k = 0; k < BATCH; k++) {
        rc = annals_doc_new(p, &r.docs[k]);
        if (rc != ANNALS_OK) {
            fprintf(stderr, "annals code: %s\n", annals_strerror(rc));
            goto done;
        }
    }
    r.fields.default_date = r.date;
    /* Check the default date once, before any input is read. */
    if (r.date != NULL &&
        annals_doc_set_meta(r.docs[0], ANNALS_META_DATE, r.date, strlen(r.date)) != ANNALS_OK) {
        fprintf(stderr, "annals code: --date %s: %s\n", r.date, annals_doc_errmsg(r.docs[0]));
        goto done;
    }
    r.out = stdout;
    if (outpath != NULL) {
        r.out = fopen(outpath, "wb");
        if (r.out == NULL) {
            fprintf(stderr, "annals code: %s: %s\n", outpath, strerror(errno));
            goto done;
        }
    }
    for (; i < argc; i++, nfiles++) {
        struct stat st;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            code_dir(&r, argv[i]);
        else
            code_file(&r, argv[i]);
    }
    if (nfiles == 0)
        code_file(&r, "-");
    flush(&r);
    if (r.agg != NULL && annals_events_agg_gdelt(r.agg, write_rows, r.out) != ANNALS_OK)
        r.write_failed = 1;
    if (fflush(r.out) != 0 || r.write_failed || (r.out != stdout && fclose(r.out) != 0)) {
        fprintf(stderr, "annals code: write error: %s\n", strerror(errno));
        goto done;
    }
    if (r.failed > 0)
        fprintf(stderr, "annals code: %lu of %lu records failed\n", r.failed, r.records);
    status = r.failed > 0 ? 1 : 0;
done:
    annals_events_agg_free(r.agg);
    for (size_t k = 0; k < BATCH; k++)
        annals_doc_free(r.docs[k]);
    annals_pipeline_close(p);
    return status;
}
