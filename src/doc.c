/* doc.c -- document lifecycle, metadata and the read-only accessors of the
** public API.  Stages write into the document through doc.h. */
#include "doc.h"
#include "actors.h"
#include "quotes.h"
#include "events.h"
#include "timex.h"

#include <stdio.h>
#include <string.h>

int annals_doc_new(const annals_pipeline *p, annals_doc **out)
{
    annals_doc *d;

    if (p == NULL || out == NULL)
        return ANNALS_EINVAL;
    *out = NULL;
    d = annals__malloc(&p->alloc, sizeof *d);
    if (d == NULL)
        return ANNALS_ENOMEM;
    memset(d, 0, sizeof *d);
    d->alloc = &p->alloc;
    d->opt = &p->opt;
    d->pipeline = p;
    d->err_offset = SIZE_MAX;
    annals__arena_init(&d->arena, d->alloc);
    annals__buf_init(&d->out, d->alloc, 0);
    *out = d;
    return ANNALS_OK;
}

void annals_doc_reset(annals_doc *d)
{
    if (d == NULL)
        return;
    annals__arena_reset(&d->arena);
    memset(d->meta, 0, sizeof d->meta);
    memset(d->meta_len, 0, sizeof d->meta_len);
    d->origin_file = NULL;
    d->origin_line = 0;
    d->origin_escaped = 0;
    d->given_words = 0;
    d->orig = d->text = NULL;
    d->orig_len = d->text_len = 0;
    d->map = NULL;
    d->tok.n = d->word.n = d->sent.n = 0;
    d->timex.n = 0;
    d->place.n = d->stone.n = 0;
    d->has_geo = d->has_tone = 0;
    d->has_dateline = 0;
    d->has_syntax = 0;
    d->has_ner = 0;
    d->ment.n = d->ent.n = 0;
    d->actor = NULL;
    d->n_actor = 0;
    d->word_actor = NULL;
    d->has_actors = 0;
    d->quote.n = 0;
    d->has_quotes = 0;
    d->ev.n = d->evm.n = 0;
    d->has_events = 0;
    d->status = ANNALS_OK;
    d->err_offset = SIZE_MAX;
    d->errmsg[0] = '\0';
    d->out.len = 0;
}

void annals_doc_free(annals_doc *d)
{
    if (d == NULL)
        return;
    const struct annals_alloc *a = d->alloc;
    annals__arena_free(&d->arena);
    annals__free(a, d->tok.v, d->tok.cap * sizeof *d->tok.v);
    annals__free(a, d->word.v, d->word.cap * sizeof *d->word.v);
    annals__free(a, d->sent.v, d->sent.cap * sizeof *d->sent.v);
    annals__free(a, d->timex.v, d->timex.cap * sizeof *d->timex.v);
    annals__free(a, d->place.v, d->place.cap * sizeof *d->place.v);
    annals__free(a, d->stone.v, d->stone.cap * sizeof *d->stone.v);
    annals__free(a, d->ment.v, d->ment.cap * sizeof *d->ment.v);
    annals__free(a, d->ent.v, d->ent.cap * sizeof *d->ent.v);
    annals__free(a, d->quote.v, d->quote.cap * sizeof *d->quote.v);
    annals__free(a, d->ev.v, d->ev.cap * sizeof *d->ev.v);
    annals__free(a, d->evm.v, d->evm.cap * sizeof *d->evm.v);
    annals__buf_free(&d->out);
    annals__free(a, d, sizeof *d);
}

int annals_doc_status(const annals_doc *d)
{
    return d == NULL ? ANNALS_EINVAL : d->status;
}

const char *annals_doc_errmsg(const annals_doc *d)
{
    return d == NULL ? "no document" : d->errmsg;
}

int annals__doc_grow(annals_doc *d, void **v, size_t *cap, size_t elem, size_t need)
{
    size_t ncap = *cap < 64 ? 64 : *cap;
    void *p;

    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem)
            return ANNALS_ENOMEM;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        return ANNALS_ENOMEM;
    p = annals__realloc(d->alloc, *v, *cap * elem, ncap * elem);
    if (p == NULL)
        return ANNALS_ENOMEM;
    *v = p;
    *cap = ncap;
    return ANNALS_OK;
}

int annals__doc_fail(annals_doc *d, int status, const char *fmt, ...)
{
    va_list ap;
    d->status = status;
    va_start(ap, fmt);
    vsnprintf(d->errmsg, sizeof d->errmsg, fmt, ap);
    va_end(ap);
    return status;
}

void annals_doc_set_error(annals_doc *d, int status, const char *reason)
{
    if (d == NULL)
        return;
    annals__doc_fail(d, status < 0 ? status : ANNALS_EFORMAT, "%s",
                     reason != NULL ? reason : annals_strerror(status));
}

size_t annals__doc_orig_offset(const annals_doc *d, size_t off)
{
    return d->map == NULL ? off : d->map[off];
}

/* The original span of working span [s, e).  Inside a stretch that NFC
** rewrote, several working offsets map to one input byte; a span that would
** come out empty is widened to the end of that stretch, so every annotation
** keeps non-empty evidence. */
static struct annals_span orig_span(const annals_doc *d, size_t s, size_t e)
{
    struct annals_span sp;
    sp.start = annals__doc_orig_offset(d, s);
    sp.end = annals__doc_orig_offset(d, e);
    while (sp.end <= sp.start && e < d->text_len && e > s)
        sp.end = annals__doc_orig_offset(d, ++e);
    return sp;
}

/* Days in a month of the proleptic Gregorian calendar. */
static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Accept YYYY-MM-DD, optionally followed by an RFC 3339 time part
** ("T12:00:00Z", "T12:00:00.5+05:00"); only the date part is kept. */
static int check_date(const char *s, size_t len)
{
    int y, m, dd;
    size_t i;

    if (len < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
        s[7] != '-' || !digits(s + 8, 2))
        return 0;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    dd = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || dd < 1 || dd > month_days(y, m))
        return 0;
    if (len == 10)
        return 1;
    if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || len < 19 ||
        !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' ||
        !digits(s + 17, 2))
        return 0;
    i = 19;
    if (i < len && s[i] == '.') {
        i++;
        if (i >= len || !digits(s + i, 1))
            return 0;
        while (i < len && digits(s + i, 1))
            i++;
    }
    if (i < len && (s[i] == 'Z' || s[i] == 'z'))
        return i + 1 == len;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        return len == i + 6 && digits(s + i + 1, 2) && s[i + 3] == ':' &&
               digits(s + i + 4, 2);
    return 0;
}

int annals_doc_set_meta(annals_doc *d, enum annals_meta field, const char *s,
                        size_t len)
{
    char *copy;

    if (d == NULL || (s == NULL && len > 0) || (int)field < 0 ||
        field >= ANNALS_META_COUNT)
        return ANNALS_EINVAL;
    if (field == ANNALS_META_DATE) {
        if (!check_date(s, len))
            return annals__doc_fail(d, ANNALS_EFORMAT,
                                    "date is neither YYYY-MM-DD nor RFC 3339");
        len = 10;
    }
    copy = annals__arena_strdup(&d->arena, s, len);
    if (copy == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    d->meta[field] = copy;
    d->meta_len[field] = len;
    return ANNALS_OK;
}

const char *annals_doc_meta(const annals_doc *d, enum annals_meta field, size_t *len)
{
    if (d == NULL || (int)field < 0 || field >= ANNALS_META_COUNT)
        return NULL;
    if (len != NULL)
        *len = d->meta_len[field];
    return d->meta[field];
}

int annals_doc_set_origin(annals_doc *d, const char *file, uint64_t line)
{
    if (d == NULL)
        return ANNALS_EINVAL;
    d->origin_file = NULL;
    if (file != NULL) {
        d->origin_file = annals__arena_strdup(&d->arena, file, strlen(file));
        if (d->origin_file == NULL)
            return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    }
    d->origin_line = line;
    return ANNALS_OK;
}

/* Forget the annotations (not the metadata, origin or text). */
static void clear_annotations(annals_doc *d)
{
    d->text = NULL;
    d->text_len = 0;
    d->map = NULL;
    d->tok.n = d->word.n = d->sent.n = 0;
    d->timex.n = 0;
    d->place.n = d->stone.n = 0;
    d->has_geo = d->has_tone = 0;
    d->has_dateline = 0;
    d->has_syntax = 0;
    d->has_ner = 0;
    d->ment.n = d->ent.n = 0;
    d->actor = NULL;
    d->n_actor = 0;
    d->word_actor = NULL;
    d->has_actors = 0;
    d->quote.n = 0;
    d->has_quotes = 0;
    d->ev.n = d->evm.n = 0;
    d->has_events = 0;
    d->status = ANNALS_OK;
    d->err_offset = SIZE_MAX;
    d->errmsg[0] = '\0';
}

int annals_doc_set_text(annals_doc *d, const char *text, size_t len)
{
    char *copy;

    if (d == NULL || (text == NULL && len > 0))
        return ANNALS_EINVAL;
    clear_annotations(d);
    d->orig = NULL;
    d->orig_len = 0;
    if (len > d->opt->max_doc_bytes)
        return annals__doc_fail(d, ANNALS_ETOOBIG,
                                "document of %zu bytes exceeds the limit of %zu", len,
                                d->opt->max_doc_bytes);
    copy = annals__arena_alloc(&d->arena, len + 1);
    if (copy == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    if (len > 0)
        memcpy(copy, text, len);
    copy[len] = '\0';
    d->orig = copy;
    d->orig_len = len;
    d->given_words = 0;
    return ANNALS_OK;
}

int annals_doc_set_tokens(annals_doc *d, const char *text, size_t len)
{
    int rc = annals_doc_set_text(d, text, len);
    if (rc == ANNALS_OK)
        d->given_words = 1;
    return rc;
}

/* Is stage selected by the pipeline's options? */
static int wants(const annals_pipeline *p, unsigned stage)
{
    return (p->opt.stages & stage) != 0;
}

int annals_doc_annotate(const annals_pipeline *p, annals_doc *d)
{
    if (p == NULL || d == NULL)
        return ANNALS_EINVAL;
    if (d->status != ANNALS_OK)
        return d->status;            /* an error record stays one */
    if (d->orig == NULL)
        return annals__doc_fail(d, ANNALS_EINVAL, "the document holds no text");
    clear_annotations(d);
    int rc = annals__text_run(p, d);
    if (rc == ANNALS_OK && p->syn != NULL && wants(p, ANNALS_STAGE_SYNTAX))
        rc = annals__syntax_run(p, d);
    if (rc == ANNALS_OK && p->ner != NULL && wants(p, ANNALS_STAGE_NER))
        rc = annals__ner_run(p, d);
    if (rc == ANNALS_OK && d->has_syntax && wants(p, ANNALS_STAGE_QUOTES))
        rc = annals__quotes_run(p, d);
    if (rc == ANNALS_OK && wants(p, ANNALS_STAGE_TIME))
        rc = annals__timex_run(p, d);
    if (rc == ANNALS_OK && p->gaz != NULL && wants(p, ANNALS_STAGE_GEO))
        rc = annals__geo_run(p, d);
    if (rc == ANNALS_OK && wants(p, ANNALS_STAGE_ACTORS))
        rc = annals__actors_run(p, d);
    if (rc == ANNALS_OK && p->syn != NULL && wants(p, ANNALS_STAGE_EVENTS))
        rc = annals__events_run(p, d);
    if (rc == ANNALS_OK && p->tone != NULL && wants(p, ANNALS_STAGE_TONE))
        rc = annals__tone_run(p, d);
    return rc;
}

int annals_annotate(const annals_pipeline *p, annals_doc *d, const char *text,
                    size_t len)
{
    int rc;

    if (p == NULL || d == NULL || (text == NULL && len > 0))
        return ANNALS_EINVAL;
    rc = annals_doc_set_text(d, text, len);
    if (rc != ANNALS_OK)
        return rc;
    return annals_doc_annotate(p, d);
}

size_t annals_doc_sentence_count(const annals_doc *d) { return d == NULL ? 0 : d->sent.n; }
size_t annals_doc_token_count(const annals_doc *d) { return d == NULL ? 0 : d->tok.n; }
size_t annals_doc_word_count(const annals_doc *d) { return d == NULL ? 0 : d->word.n; }

int annals_doc_sentence(const annals_doc *d, size_t i, struct annals_sentence_info *out)
{
    const struct doc_sentence *s;

    if (d == NULL || out == NULL || i >= d->sent.n)
        return ANNALS_EINVAL;
    s = &d->sent.v[i];
    out->first_token = s->first_token;
    out->n_tokens = s->n_tokens;
    out->role = s->role;
    out->span.start = out->span.end = 0;
    if (s->n_tokens > 0) {
        out->span = orig_span(d, d->tok.v[s->first_token].start,
                              d->tok.v[s->first_token + s->n_tokens - 1].end);
    }
    return ANNALS_OK;
}

int annals_doc_token(const annals_doc *d, size_t i, struct annals_token_info *out)
{
    const struct doc_token *t;

    if (d == NULL || out == NULL || i >= d->tok.n)
        return ANNALS_EINVAL;
    t = &d->tok.v[i];
    out->span = orig_span(d, t->start, t->end);
    out->form = d->text + t->start;
    out->form_len = t->end - t->start;
    out->first_word = t->first_word;
    out->n_words = t->n_words;
    out->space_after = t->space_after;
    return ANNALS_OK;
}

int annals_doc_word(const annals_doc *d, size_t i, struct annals_word_info *out)
{
    if (d == NULL || out == NULL || i >= d->word.n)
        return ANNALS_EINVAL;
    const struct doc_word *w = &d->word.v[i];
    out->form = w->form;
    out->form_len = w->form_len;
    out->token = w->token;
    out->upos = d->has_syntax ? w->upos : NULL;
    out->xpos = d->has_syntax ? w->xpos : NULL;
    out->lemma = d->has_syntax ? w->lemma : NULL;
    out->lemma_len = d->has_syntax ? w->lemma_len : 0;
    out->head = d->has_syntax ? (long)w->head : -1;
    out->deprel = d->has_syntax ? w->deprel : NULL;
    return ANNALS_OK;
}

int annals_doc_dateline(const annals_doc *d, struct annals_span *line,
                        struct annals_span *place)
{
    if (d == NULL || !d->has_dateline)
        return ANNALS_DONE;
    if (line != NULL)
        *line = orig_span(d, d->dateline_start, d->dateline_end);
    if (place != NULL)
        *place = orig_span(d, d->place_start, d->place_end);
    return ANNALS_OK;
}

const char *annals_role_name(int role)
{
    switch (role) {
    case ANNALS_ROLE_BODY: return "body";
    case ANNALS_ROLE_HEADLINE: return "headline";
    case ANNALS_ROLE_DATELINE: return "dateline";
    case ANNALS_ROLE_CAPTION: return "caption";
    case ANNALS_ROLE_BYLINE: return "byline";
    default: return "unknown";
    }
}
