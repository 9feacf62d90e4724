/* read.c -- the read stage: plain-text articles, JSON Lines, text already
** cut into words and CoNLL-U, any of them gzip-compressed (recognised by
** zlib from the content, not the name), from a file or standard input.
**
** Every record read yields one document: annotated, or holding an error that
** names the file, the line and the reason.  A record over a limit is read to
** its end and reported, never truncated; a damaged stream ends with an error
** record.  Blank JSON Lines lines carry no record and are skipped. */
#include "doc.h"
#include "json.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define READ_CHUNK 65536

struct annals_reader {
    const struct annals_alloc *alloc;
    const struct annals_options *opt;
    gzFile gz;
    char *path;                     /* as given, for error records */
    int input;                      /* enum annals_input, decided on first read */
    const char *field[ANNALS_META_COUNT + 1];   /* JSON names; last is text */
    char *default_date;
    unsigned char *chunk;
    size_t pos, len;
    int eof;                        /* no more bytes */
    int damaged;                    /* stream error seen, reported once */
    char zerr[160];
    uint64_t line;                  /* lines consumed so far */
    struct annals_buf rec;          /* current record */
    struct annals_buf words;        /* CoNLL-U: the words of the document read */
    char *next_doc_id;              /* CoNLL-U: id of a "# newdoc" read ahead */
    int newdoc_ahead;               /* CoNLL-U: that comment was read ahead */
};

static const char *const default_field[ANNALS_META_COUNT + 1] = {
    "id", "date", "url", "source", "title", "text"
};

static char *dup_str(const struct annals_alloc *a, const char *s)
{
    size_t n = strlen(s);
    char *p = annals__malloc(a, n + 1);
    if (p != NULL)
        memcpy(p, s, n + 1);
    return p;
}

void annals_reader_close(annals_reader *r)
{
    if (r == NULL)
        return;
    if (r->gz != NULL)
        gzclose(r->gz);
    for (int k = 0; k <= ANNALS_META_COUNT; k++)
        if (r->field[k] != default_field[k])
            annals__free(r->alloc, (void *)r->field[k], strlen(r->field[k]) + 1);
    annals__free(r->alloc, r->path, strlen(r->path) + 1);
    if (r->default_date != NULL)
        annals__free(r->alloc, r->default_date, strlen(r->default_date) + 1);
    annals__free(r->alloc, r->chunk, READ_CHUNK);
    annals__buf_free(&r->rec);
    annals__buf_free(&r->words);
    if (r->next_doc_id != NULL)
        annals__free(r->alloc, r->next_doc_id, strlen(r->next_doc_id) + 1);
    annals__free(r->alloc, r, sizeof *r);
}

int annals_reader_open(const annals_pipeline *p, const char *path, int input,
                       const struct annals_fields *fields, annals_reader **out,
                       char *errbuf, size_t errlen)
{
    annals_reader *r;
    int fd;

    if (p == NULL || path == NULL || out == NULL || input < ANNALS_INPUT_AUTO ||
        input > ANNALS_INPUT_CONLLU) {
        annals__fmt(errbuf, errlen, "invalid argument");
        return ANNALS_EINVAL;
    }
    *out = NULL;
    r = annals__malloc(&p->alloc, sizeof *r);
    if (r == NULL)
        goto nomem;
    memset(r, 0, sizeof *r);
    r->alloc = &p->alloc;
    r->opt = &p->opt;
    r->input = input;
    memcpy(r->field, default_field, sizeof r->field);
    r->path = dup_str(r->alloc, path);
    r->chunk = annals__malloc(r->alloc, READ_CHUNK);
    if (r->path == NULL || r->chunk == NULL)
        goto nomem;
    for (int k = 0; fields != NULL && k <= ANNALS_META_COUNT; k++) {
        const char *name = k < ANNALS_META_COUNT ? fields->name[k] : fields->text;
        if (name == NULL)
            continue;
        r->field[k] = dup_str(r->alloc, name);
        if (r->field[k] == NULL) {
            r->field[k] = default_field[k];
            goto nomem;
        }
    }
    if (fields != NULL && fields->default_date != NULL) {
        r->default_date = dup_str(r->alloc, fields->default_date);
        if (r->default_date == NULL)
            goto nomem;
    }
    /* Records may be JSON-escaped, so a line can be longer than its text. */
    annals__buf_init(&r->rec, r->alloc, 2 * p->opt.max_doc_bytes + READ_CHUNK);
    annals__buf_init(&r->words, r->alloc, p->opt.max_doc_bytes);
    fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY);
    if (fd < 0) {
        annals__fmt(errbuf, errlen, "%s: %s", path, strerror(errno));
        annals_reader_close(r);
        return ANNALS_EIO;
    }
    r->gz = gzdopen(fd, "rb");
    if (r->gz == NULL) {
        close(fd);
        goto nomem;
    }
    gzbuffer(r->gz, READ_CHUNK);
    *out = r;
    return ANNALS_OK;
nomem:
    annals__fmt(errbuf, errlen, "out of memory");
    annals_reader_close(r);
    return ANNALS_ENOMEM;
}

/* Refill the chunk; sets eof, and damaged with a reason on a stream error. */
static void refill(annals_reader *r)
{
    int n, zcode;

    r->pos = r->len = 0;
    if (r->eof)
        return;
    n = gzread(r->gz, r->chunk, READ_CHUNK);
    if (n > 0) {
        r->len = (size_t)n;
        return;
    }
    r->eof = 1;
    const char *msg = gzerror(r->gz, &zcode);
    if (n < 0 || (zcode != Z_OK && zcode != Z_STREAM_END)) {
        r->damaged = 1;
        annals__fmt(r->zerr, sizeof r->zerr, "%s",
                    zcode == Z_ERRNO ? strerror(errno)
                    : zcode == Z_BUF_ERROR ? "compressed input is truncated"
                                           : msg);
    }
}

/* Decide text or JSON Lines from the first non-blank byte (after a BOM). */
static void detect(annals_reader *r)
{
    if (r->len == 0 && !r->eof)
        refill(r);
    size_t i = 0;
    if (r->len >= 3 && r->chunk[0] == 0xEF && r->chunk[1] == 0xBB && r->chunk[2] == 0xBF)
        i = 3;
    while (i < r->len && (r->chunk[i] == ' ' || r->chunk[i] == '\t' ||
                          r->chunk[i] == '\r' || r->chunk[i] == '\n'))
        i++;
    r->input = i < r->len && r->chunk[i] == '{' ? ANNALS_INPUT_JSONL : ANNALS_INPUT_TEXT;
}

/* Append bytes to the record; past the limit, keep counting but stop storing.
** Returns 1 while the record still fits. */
static int keep(annals_reader *r, const unsigned char *p, size_t n, int fits)
{
    if (!fits)
        return 0;
    return annals__buf_add(&r->rec, p, n) == ANNALS_OK;
}

static int record_error(annals_reader *r, annals_doc *d, uint64_t line, int status,
                        const char *fmt, const char *detail)
{
    char msg[400];
    annals_doc_set_origin(d, r->path, line);
    annals__fmt(msg, sizeof msg, fmt, detail);
    annals_doc_set_error(d, status, msg);
    return d->status;
}

static int set_default_date(annals_reader *r, annals_doc *d)
{
    if (r->default_date == NULL || d->meta[ANNALS_META_DATE] != NULL)
        return ANNALS_OK;
    return annals_doc_set_meta(d, ANNALS_META_DATE, r->default_date,
                               strlen(r->default_date));
}

static int next_text(annals_reader *r, annals_doc *d, int given_words)
{
    int fits = 1, rc;
    size_t total = 0;
    const char *text;
    size_t len;

    r->rec.len = 0;
    for (;;) {
        if (r->pos == r->len)
            refill(r);
        if (r->len == 0)
            break;
        total += r->len - r->pos;
        fits = keep(r, r->chunk + r->pos, r->len - r->pos, fits) &&
               r->rec.len <= r->opt->max_doc_bytes;
        r->pos = r->len;
    }
    r->input = -1;                          /* one article per input: done */
    if (r->damaged) {
        char why[200];
        annals__fmt(why, sizeof why, "%s after %zu bytes", r->zerr, total);
        return record_error(r, d, 1, ANNALS_EIO, "%s", why);
    }
    if (!fits) {
        char why[120];
        annals__fmt(why, sizeof why, "document of %zu bytes exceeds the limit of %zu",
                    total, r->opt->max_doc_bytes);
        return record_error(r, d, 1, ANNALS_ETOOBIG, "%s", why);
    }
    text = r->rec.data != NULL ? r->rec.data : "";
    len = r->rec.len;
    annals_doc_set_origin(d, r->path, 1);
    if (len == 0)
        return record_error(r, d, 1, ANNALS_EFORMAT, "%s", "empty document: no text");
    rc = set_default_date(r, d);
    if (rc != ANNALS_OK)
        return rc;
    return given_words ? annals_doc_set_tokens(d, text, len) : annals_doc_set_text(d, text, len);
}

/* Read one line into r->rec (without its newline).  Returns 0 at the end of
** input, else 1; *fits is 0 when the line was longer than the record limit. */
static int read_line(annals_reader *r, int *fits, size_t *total)
{
    int any = 0;
    *fits = 1;
    *total = 0;
    r->rec.len = 0;
    for (;;) {
        if (r->pos == r->len)
            refill(r);
        if (r->len == 0)
            return any;
        any = 1;
        const unsigned char *start = r->chunk + r->pos;
        const unsigned char *nl = memchr(start, '\n', r->len - r->pos);
        size_t n = nl != NULL ? (size_t)(nl - start) : r->len - r->pos;
        *fits = keep(r, start, n, *fits);
        *total += n;
        r->pos += n;
        if (nl != NULL) {
            r->pos++;
            return 1;
        }
    }
}

static int set_member(annals_doc *d, enum annals_meta k, const struct json_member *m,
                      const char *name, char *why, size_t whylen)
{
    int ok = m->type == JSON_STRING || m->type == JSON_ABSENT || m->type == JSON_NULL ||
             (k == ANNALS_META_ID && m->type == JSON_NUMBER);
    if (!ok) {
        annals__fmt(why, whylen, "field \"%s\" is not a string", name);
        return ANNALS_EFORMAT;
    }
    if (m->value == NULL)
        return ANNALS_OK;
    if (annals_doc_set_meta(d, k, m->value, m->len) != ANNALS_OK) {
        annals__fmt(why, whylen, "field \"%s\": %s", name, d->errmsg);
        return d->status;
    }
    return ANNALS_OK;
}

static int next_jsonl(annals_reader *r, annals_doc *d)
{
    struct json_member m[ANNALS_META_COUNT + 1];
    char why[300];
    size_t total;
    int fits, rc;
    const char *line;
    size_t len;

    for (;;) {
        if (!read_line(r, &fits, &total)) {
            if (r->damaged) {
                r->damaged = 0;             /* report it once */
                annals__fmt(why, sizeof why, "%s", r->zerr);
                return record_error(r, d, r->line + 1, ANNALS_EIO, "%s", why);
            }
            return ANNALS_DONE;
        }
        r->line++;
        if (!fits) {
            annals__fmt(why, sizeof why, "line of %zu bytes exceeds the record limit of %zu",
                        total, r->rec.limit);
            return record_error(r, d, r->line, ANNALS_ETOOBIG, "%s", why);
        }
        line = r->rec.data;
        len = r->rec.len;
        if (r->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3;
            len -= 3;
        }
        while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
                           line[len - 1] == '\t'))
            len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len)
            continue;                       /* a blank line holds no record */
        if (r->eof && r->damaged && r->pos == r->len)
            break;                          /* a partial last line of a damaged stream */
        annals_doc_set_origin(d, r->path, r->line);
        d->origin_escaped = 1;
        for (int f = 0; f <= ANNALS_META_COUNT; f++)
            m[f].name = r->field[f];
        rc = annals__json_object(&d->arena, line, len, m, ANNALS_META_COUNT + 1, why,
                                 sizeof why);
        if (rc != ANNALS_OK)
            return record_error(r, d, r->line, rc, "invalid JSON: %s", why);
        for (int f = 0; f < ANNALS_META_COUNT; f++) {
            rc = set_member(d, (enum annals_meta)f, &m[f], r->field[f], why, sizeof why);
            if (rc != ANNALS_OK)
                return record_error(r, d, r->line, rc, "%s", why);
        }
        const struct json_member *t = &m[ANNALS_META_COUNT];
        if (t->type == JSON_ABSENT) {
            annals__fmt(why, sizeof why, "missing field \"%s\"", r->field[ANNALS_META_COUNT]);
            return record_error(r, d, r->line, ANNALS_EFORMAT, "%s", why);
        }
        if (t->type != JSON_STRING) {
            annals__fmt(why, sizeof why, "field \"%s\" is not a string",
                        r->field[ANNALS_META_COUNT]);
            return record_error(r, d, r->line, ANNALS_EFORMAT, "%s", why);
        }
        rc = set_default_date(r, d);
        if (rc != ANNALS_OK)
            return rc;
        return annals_doc_set_text(d, t->value, t->len);
    }
    r->damaged = 0;
    annals__fmt(why, sizeof why, "%s (last line incomplete)", r->zerr);
    return record_error(r, d, r->line, ANNALS_EIO, "%s", why);
}

/* CoNLL-U, line by line: the FORM of every word line (IDs 1, 2, ...; the
** lines of multiword tokens and empty nodes are left out) joined by spaces,
** a newline after each sentence.  A space inside a form becomes U+00A0 so
** that the form stays one word.  "# newdoc" ends the document before it. */

/* Is the comment line "# newdoc" or "# newdoc id = ID"?  *id is the ID, or
** empty. */
static int newdoc_comment(const char *line, size_t len, const char **id, size_t *id_len)
{
    size_t i = 1;
    while (i < len && line[i] == ' ')
        i++;
    if (len - i < 6 || memcmp(line + i, "newdoc", 6) != 0)
        return 0;
    i += 6;
    if (i < len && line[i] != ' ')
        return 0;
    while (i < len && line[i] == ' ')
        i++;
    if (len - i >= 2 && memcmp(line + i, "id", 2) == 0)
        i += 2;
    while (i < len && (line[i] == ' ' || line[i] == '='))
        i++;
    *id = line + i;
    *id_len = len - i;
    return 1;
}

static int add_form(annals_reader *r, const char *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int rc = f[i] == ' ' ? annals__buf_add(&r->words, "\xC2\xA0", 2)
                             : annals__buf_addc(&r->words, f[i]);
        if (rc != ANNALS_OK)
            return rc;
    }
    return annals__buf_addc(&r->words, ' ');
}

/* Is the ID field a word's (digits only), not a range or an empty node? */
static int word_id(const char *s, size_t n, int *is_word)
{
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    *is_word = i == n && i > 0;
    return i > 0 && (i == n || (i + 1 < n && (s[i] == '-' || s[i] == '.')));
}

static int next_conllu(annals_reader *r, annals_doc *d)
{
    uint64_t first_line = 0, bad_line = 0;
    const char *why = NULL;
    size_t total, vlen;
    int fits, any = 0, too_big = 0, opened = r->newdoc_ahead;

    r->words.len = 0;
    if (r->next_doc_id != NULL) {
        size_t n = strlen(r->next_doc_id);
        int rc = n > 0 ? annals_doc_set_meta(d, ANNALS_META_ID, r->next_doc_id, n) : ANNALS_OK;
        annals__free(r->alloc, r->next_doc_id, n + 1);
        r->next_doc_id = NULL;
        if (rc != ANNALS_OK)
            return rc;
    }
    if (r->newdoc_ahead) {
        r->newdoc_ahead = 0;
        first_line = r->line;
    }
    while (read_line(r, &fits, &total)) {
        const char *line = r->rec.data, *v;
        size_t len = r->rec.len;
        r->line++;
        if (first_line == 0)
            first_line = r->line;
        if (!fits) {
            if (bad_line == 0) {
                bad_line = r->line;
                why = "line exceeds the record limit";
            }
            continue;
        }
        if (r->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3;
            len -= 3;
        }
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (len == 0) {
            if (r->words.len > 0 && r->words.data[r->words.len - 1] == ' ')
                r->words.data[r->words.len - 1] = '\n';
            continue;
        }
        if (line[0] == '#') {
            if (!newdoc_comment(line, len, &v, &vlen))
                continue;
            if (any || bad_line != 0 || opened) {   /* a "# newdoc" ends the one before */
                r->newdoc_ahead = 1;
                r->next_doc_id = annals__malloc(r->alloc, vlen + 1);
                if (r->next_doc_id == NULL)
                    return ANNALS_ENOMEM;
                memcpy(r->next_doc_id, v, vlen);
                r->next_doc_id[vlen] = '\0';
                break;
            }
            first_line = r->line;
            opened = 1;
            if (vlen > 0 && annals_doc_set_meta(d, ANNALS_META_ID, v, vlen) != ANNALS_OK)
                return d->status;
            continue;
        }
        const char *tab = memchr(line, '\t', len);
        const char *form = tab != NULL ? tab + 1 : NULL;
        const char *form_end = form != NULL ? memchr(form, '\t', len - (size_t)(form - line)) : NULL;
        int is_word = 0;
        if (form_end == NULL || !word_id(line, (size_t)(tab - line), &is_word)) {
            if (bad_line == 0) {
                bad_line = r->line;
                why = "not a CoNLL-U line (ID, FORM and more fields, tab-separated)";
            }
            continue;
        }
        if (!is_word || bad_line != 0 || too_big)
            continue;
        if (form_end == form) {
            bad_line = r->line;
            why = "empty FORM";
            continue;
        }
        any = 1;
        if (add_form(r, form, (size_t)(form_end - form)) != ANNALS_OK)
            too_big = 1;
    }
    if (r->damaged) {
        char msg[200];
        r->damaged = 0;
        annals__fmt(msg, sizeof msg, "%s", r->zerr);
        return record_error(r, d, r->line + 1, ANNALS_EIO, "%s", msg);
    }
    if (first_line == 0)
        return ANNALS_DONE;
    if (bad_line != 0)
        return record_error(r, d, bad_line, ANNALS_EFORMAT, "%s", why);
    if (too_big) {
        char msg[120];
        annals__fmt(msg, sizeof msg, "document exceeds the limit of %zu bytes",
                    r->opt->max_doc_bytes);
        return record_error(r, d, first_line, ANNALS_ETOOBIG, "%s", msg);
    }
    annals_doc_set_origin(d, r->path, first_line);
    if (!any)
        return record_error(r, d, first_line, ANNALS_EFORMAT, "%s", "document without words");
    int rc = set_default_date(r, d);
    if (rc != ANNALS_OK)
        return rc;
    return annals_doc_set_tokens(d, r->words.data, r->words.len);
}

int annals_reader_read(annals_reader *r, annals_doc *d)
{
    if (r == NULL || d == NULL)
        return ANNALS_EINVAL;
    annals_doc_reset(d);
    if (r->input == ANNALS_INPUT_AUTO)
        detect(r);
    if (r->input == ANNALS_INPUT_TEXT || r->input == ANNALS_INPUT_TOKENS)
        return next_text(r, d, r->input == ANNALS_INPUT_TOKENS);
    if (r->input == ANNALS_INPUT_JSONL)
        return next_jsonl(r, d);
    if (r->input == ANNALS_INPUT_CONLLU)
        return next_conllu(r, d);
    return ANNALS_DONE;
}

int annals_reader_next(annals_reader *r, const annals_pipeline *p, annals_doc *d)
{
    int rc;

    if (p == NULL)
        return ANNALS_EINVAL;
    rc = annals_reader_read(r, d);
    if (rc != ANNALS_OK)
        return rc;
    return annals_doc_annotate(p, d);
}
