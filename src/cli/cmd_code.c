/* cmd_code.c -- `annals code`: read articles, annotate them, write one
** record per article read (a result or an error record). */
#include "annals.h"
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
            "  --input auto|text|jsonl     input format (default auto: JSON Lines when\n"
            "                              the first non-blank byte is '{')\n"
            "  --format json|conllu        output format (default json)\n"
            "  --date YYYY-MM-DD           publication date for records without one\n"
            "  --field KEY=NAME            read metadata KEY (id, date, url, source,\n"
            "                              title, text) from JSON member NAME\n"
            "  --utf8 reject|replace       invalid UTF-8 fails the record (default) or\n"
            "                              becomes U+FFFD, offsets kept\n"
            "  --max-doc-bytes N           largest article (default 16777216)\n"
            "  --max-sentence-tokens N     longest sentence (default 1000)\n"
            "  -o FILE                     write to FILE instead of standard output\n"
            "  --ner MODEL                 find named entities with MODEL (models/ner.model)\n"
            "\n"
            "Exit status: 0 all records succeeded, 1 some failed, 2 usage error.\n");
}

struct run {
    const annals_pipeline *p;
    annals_doc *doc;
    struct annals_fields fields;
    int input, format;
    const char *date;
    FILE *out;
    unsigned long records, failed;
    int write_failed;
};

static void emit(struct run *r)
{
    const char *s;
    size_t n;
    int rc = annals_doc_write(r->doc, r->format, &s, &n);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals: cannot serialise a record: %s\n", annals_strerror(rc));
        r->failed++;
        return;
    }
    if (fwrite(s, 1, n, r->out) != n)
        r->write_failed = 1;
}

static void code_file(struct run *r, const char *path)
{
    annals_reader *rd;
    char err[512];
    int rc = annals_reader_open(r->p, path, r->input, &r->fields, &rd, err, sizeof err);

    if (rc != ANNALS_OK) {
        annals_doc_reset(r->doc);
        annals_doc_set_origin(r->doc, path, 0);
        annals_doc_set_error(r->doc, rc, err);
        r->records++;
        r->failed++;
        emit(r);
        return;
    }
    for (;;) {
        rc = annals_reader_next(rd, r->p, r->doc);
        if (rc == ANNALS_DONE)
            break;
        r->records++;
        if (rc != ANNALS_OK)
            r->failed++;
        emit(r);
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
        annals_doc_reset(r->doc);
        annals_doc_set_origin(r->doc, dir, 0);
        annals_doc_set_error(r->doc, ANNALS_EIO, err);
        r->records++;
        r->failed++;
        emit(r);
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
    int i, nfiles = 0, rc;

    annals_options_init(&opt);
    memset(&r, 0, sizeof r);
    r.input = ANNALS_INPUT_AUTO;
    r.format = ANNALS_FORMAT_JSON;
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
        if (a[0] != '-' || strcmp(a, "-") == 0)
            break;
        if (v == NULL) {
            fprintf(stderr, "annals code: option %s needs a value\n", a);
            return 2;
        }
        i++;
        if (strcmp(a, "--input") == 0) {
            if (strcmp(v, "auto") == 0) r.input = ANNALS_INPUT_AUTO;
            else if (strcmp(v, "text") == 0) r.input = ANNALS_INPUT_TEXT;
            else if (strcmp(v, "jsonl") == 0) r.input = ANNALS_INPUT_JSONL;
            else goto bad_value;
        } else if (strcmp(a, "--format") == 0) {
            if (strcmp(v, "json") == 0) r.format = ANNALS_FORMAT_JSON;
            else if (strcmp(v, "conllu") == 0) r.format = ANNALS_FORMAT_CONLLU;
            else goto bad_value;
        } else if (strcmp(a, "--utf8") == 0) {
            if (strcmp(v, "reject") == 0) opt.utf8_policy = ANNALS_UTF8_REJECT;
            else if (strcmp(v, "replace") == 0) opt.utf8_policy = ANNALS_UTF8_REPLACE;
            else goto bad_value;
        } else if (strcmp(a, "--date") == 0) {
            r.date = v;
        } else if (strcmp(a, "--field") == 0) {
            if (!set_field(&r.fields, v))
                goto bad_value;
        } else if (strcmp(a, "--max-doc-bytes") == 0) {
            if (!parse_size(v, &opt.max_doc_bytes))
                goto bad_value;
        } else if (strcmp(a, "--max-sentence-tokens") == 0) {
            if (!parse_size(v, &opt.max_sentence_tokens))
                goto bad_value;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            outpath = v;
        } else if (strcmp(a, "--ner") == 0) {
            opt.ner_model = v;
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
    rc = annals_pipeline_open(&opt, &p, err, sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals code: %s\n", err);
        return 2;
    }
    rc = annals_doc_new(p, &r.doc);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals code: %s\n", annals_strerror(rc));
        annals_pipeline_close(p);
        return 2;
    }
    r.fields.default_date = r.date;
    if (r.date != NULL) {
        /* Check the default date once, before any input is read. */
        if (annals_doc_set_meta(r.doc, ANNALS_META_DATE, r.date, strlen(r.date)) != ANNALS_OK) {
            fprintf(stderr, "annals code: --date %s: %s\n", r.date, annals_doc_errmsg(r.doc));
            annals_doc_free(r.doc);
            annals_pipeline_close(p);
            return 2;
        }
        annals_doc_reset(r.doc);
    }
    r.p = p;
    r.out = stdout;
    if (outpath != NULL) {
        r.out = fopen(outpath, "wb");
        if (r.out == NULL) {
            fprintf(stderr, "annals code: %s: %s\n", outpath, strerror(errno));
            annals_doc_free(r.doc);
            annals_pipeline_close(p);
            return 2;
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
    if (fflush(r.out) != 0 || r.write_failed || (r.out != stdout && fclose(r.out) != 0)) {
        fprintf(stderr, "annals code: write error: %s\n", strerror(errno));
        annals_doc_free(r.doc);
        annals_pipeline_close(p);
        return 2;
    }
    if (r.failed > 0)
        fprintf(stderr, "annals code: %lu of %lu records failed\n", r.failed, r.records);
    annals_doc_free(r.doc);
    annals_pipeline_close(p);
    return r.failed > 0 ? 1 : 0;
}
