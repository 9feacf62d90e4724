/* write.c -- the write stage: a document (or its error record) as one line
** of JSON, or as CoNLL-U.  Output is canonical: fixed key order, no floats,
** no timestamps, so the same input always gives the same bytes.  The JSON
** schema is specified in docs/OUTPUT.md. */
#include "doc.h"

#include <string.h>

#define TRY(x) do { int rc_ = (x); if (rc_ != ANNALS_OK) return rc_; } while (0)

static int json_str(struct annals_buf *b, const char *s, size_t n)
{
    TRY(annals__buf_addc(b, '"'));
    TRY(annals__buf_json_str(b, s, n));
    return annals__buf_addc(b, '"');
}

static int json_str_or_null(struct annals_buf *b, const char *s, size_t n)
{
    if (s == NULL)
        return annals__buf_add(b, "null", 4);
    return json_str(b, s, n);
}

static int json_span(struct annals_buf *b, size_t s, size_t e)
{
    return annals__buf_printf(b, "[%zu,%zu]", s, e);
}

static const char *const meta_key[ANNALS_META_COUNT] = {
    "id", "date", "url", "source", "title"
};

static int json_head(struct annals_buf *b, const annals_doc *d)
{
    TRY(annals__buf_printf(b, "{\"schema\":%d", ANNALS_SCHEMA_VERSION));
    for (int k = 0; k < ANNALS_META_COUNT; k++) {
        TRY(annals__buf_printf(b, ",\"%s\":", meta_key[k]));
        TRY(json_str_or_null(b, d->meta[k], d->meta_len[k]));
    }
    TRY(annals__buf_add(b, ",\"input\":{\"file\":", 17));
    TRY(json_str_or_null(b, d->origin_file, d->origin_file ? strlen(d->origin_file) : 0));
    if (d->origin_line > 0)
        TRY(annals__buf_printf(b, ",\"line\":%llu", (unsigned long long)d->origin_line));
    return annals__buf_addc(b, '}');
}

/* Line of the failure: for a text file, the line holding the bad byte. */
static uint64_t error_line(const annals_doc *d)
{
    uint64_t line = d->origin_line;
    if (line > 0 && !d->origin_escaped && d->err_offset != SIZE_MAX && d->orig != NULL)
        for (size_t i = 0; i < d->err_offset && i < d->orig_len; i++)
            line += d->orig[i] == '\n';
    return line;
}

static int json_error(struct annals_buf *b, const annals_doc *d)
{
    TRY(json_head(b, d));
    TRY(annals__buf_add(b, ",\"error\":{\"status\":", 19));
    TRY(json_str(b, annals_strerror(d->status), strlen(annals_strerror(d->status))));
    TRY(annals__buf_add(b, ",\"file\":", 8));
    TRY(json_str_or_null(b, d->origin_file, d->origin_file ? strlen(d->origin_file) : 0));
    if (d->origin_line > 0)
        TRY(annals__buf_printf(b, ",\"line\":%llu", (unsigned long long)error_line(d)));
    if (d->err_offset != SIZE_MAX)
        TRY(annals__buf_printf(b, ",\"offset\":%zu", d->err_offset));
    TRY(annals__buf_add(b, ",\"reason\":", 10));
    TRY(json_str(b, d->errmsg, strlen(d->errmsg)));
    return annals__buf_add(b, "}}\n", 3);
}

/* Working text of tokens [s, s+n) and their span in the original input. */
static int json_tokens_text(struct annals_buf *b, const annals_doc *d, size_t s, size_t n)
{
    const struct doc_token *f = &d->tok.v[s], *l = &d->tok.v[s + n - 1];
    struct annals_token_info a, z;
    annals_doc_token(d, s, &a);
    annals_doc_token(d, s + n - 1, &z);
    TRY(annals__buf_add(b, "\"text\":", 7));
    TRY(json_str(b, d->text + f->start, l->end - f->start));
    TRY(annals__buf_add(b, ",\"span\":", 8));
    return json_span(b, a.span.start, z.span.end);
}

/* "entities": one object per entity of the article (docs/OUTPUT.md). */
static int json_entities(struct annals_buf *b, const annals_doc *d)
{
    TRY(annals__buf_add(b, ",\"entities\":[", 13));
    for (size_t e = 0; e < d->ent.n; e++) {
        const struct doc_entity *en = &d->ent.v[e];
        const struct doc_mention *c = &d->ment.v[en->canon];
        TRY(annals__buf_printf(b, "%s{\"id\":%zu,\"type\":\"%s\",\"name\":", e ? "," : "",
                               e + 1, annals__ent_type_name(en->type)));
        TRY(json_str(b, d->text + d->tok.v[c->tok].start,
                     d->tok.v[c->tok + c->n_tok - 1].end - d->tok.v[c->tok].start));
        TRY(annals__buf_add(b, ",\"mentions\":[", 13));
        int first = 1, roles = 0;
        for (int32_t k = (int32_t)en->first; k >= 0; k = d->ment.v[k].next) {
            const struct doc_mention *m = &d->ment.v[k];
            TRY(annals__buf_add(b, first ? "{" : ",{", first ? 1 : 2));
            first = 0;
            TRY(json_tokens_text(b, d, m->tok, m->n_tok));
            TRY(annals__buf_printf(b, ",\"tokens\":[%u,%u],\"type\":\"%s\"", m->tok, m->n_tok,
                                   annals__ent_type_name(m->type)));
            if (m->acronym && m->long_n > 0) {
                TRY(annals__buf_add(b, ",\"long_form\":{", 14));
                TRY(json_tokens_text(b, d, m->long_tok, m->long_n));
                TRY(annals__buf_addc(b, '}'));
            }
            TRY(annals__buf_addc(b, '}'));
            roles += m->role_n > 0;
        }
        TRY(annals__buf_add(b, "],\"roles\":[", 11));
        first = 1;
        for (int32_t k = (int32_t)en->first; roles > 0 && k >= 0; k = d->ment.v[k].next) {
            const struct doc_mention *m = &d->ment.v[k];
            if (m->role_n == 0)
                continue;
            TRY(annals__buf_add(b, first ? "{" : ",{", first ? 1 : 2));
            first = 0;
            TRY(json_tokens_text(b, d, m->role_tok, m->role_n));
            TRY(annals__buf_add(b, ",\"org\":", 7));
            if (m->role_org >= 0)
                TRY(annals__buf_printf(b, "%u", d->ment.v[m->role_org].entity + 1));
            else
                TRY(annals__buf_add(b, "null", 4));
            TRY(annals__buf_printf(b, ",\"mention\":[%u,%u]}", m->tok, m->n_tok));
        }
        TRY(annals__buf_add(b, "]}", 2));
    }
    return annals__buf_addc(b, ']');
}

static int json_doc(struct annals_buf *b, const annals_doc *d)
{
    TRY(json_head(b, d));
    TRY(annals__buf_printf(b, ",\"bytes\":%zu", d->orig_len));
    if (d->has_dateline) {
        struct annals_span line, place;
        annals_doc_dateline(d, &line, &place);
        TRY(annals__buf_add(b, ",\"dateline\":{\"span\":", 20));
        TRY(json_span(b, line.start, line.end));
        TRY(annals__buf_add(b, ",\"place\":", 9));
        TRY(json_str(b, d->text + d->place_start, d->place_end - d->place_start));
        TRY(annals__buf_add(b, ",\"place_span\":", 14));
        TRY(json_span(b, place.start, place.end));
        TRY(annals__buf_addc(b, '}'));
    }
    TRY(annals__buf_add(b, ",\"sentences\":[", 14));
    for (size_t i = 0; i < d->sent.n; i++) {
        struct annals_sentence_info s;
        annals_doc_sentence(d, i, &s);
        TRY(annals__buf_add(b, i ? ",{\"span\":" : "{\"span\":", i ? 9 : 8));
        TRY(json_span(b, s.span.start, s.span.end));
        TRY(annals__buf_printf(b, ",\"role\":\"%s\",\"tokens\":[%zu,%zu]}",
                               annals_role_name(s.role), s.first_token, s.n_tokens));
    }
    TRY(annals__buf_add(b, "],\"tokens\":[", 12));
    for (size_t i = 0; i < d->tok.n; i++) {
        struct annals_token_info t;
        annals_doc_token(d, i, &t);
        TRY(annals__buf_add(b, i ? ",[" : "[", i ? 2 : 1));
        TRY(json_str(b, t.form, t.form_len));
        TRY(annals__buf_printf(b, ",%zu,%zu", t.span.start, t.span.end));
        if (t.n_words > 1) {
            TRY(annals__buf_add(b, ",[", 2));
            for (size_t w = 0; w < t.n_words; w++) {
                const struct doc_word *dw = &d->word.v[t.first_word + w];
                if (w > 0)
                    TRY(annals__buf_addc(b, ','));
                TRY(json_str(b, dw->form, dw->form_len));
            }
            TRY(annals__buf_addc(b, ']'));
        }
        TRY(annals__buf_addc(b, ']'));
    }
    TRY(annals__buf_addc(b, ']'));
    if (d->has_ner)
        TRY(json_entities(b, d));
    return annals__buf_add(b, "}\n", 2);
}

/* A CoNLL-U field may hold no tab or newline, and "_" stands for empty. */
static int conllu_field(struct annals_buf *b, const char *s, size_t n)
{
    if (n == 0)
        return annals__buf_addc(b, '_');
    for (size_t i = 0; i < n; i++)
        TRY(annals__buf_addc(b, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]));
    return ANNALS_OK;
}

/* The original text of a span on one line, as "# text" wants it. */
static int conllu_text(struct annals_buf *b, const annals_doc *d, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        char c = d->orig[i];
        TRY(annals__buf_addc(b, c == '\n' || c == '\r' || c == '\t' ? ' ' : c));
    }
    return ANNALS_OK;
}

static int conllu_doc(struct annals_buf *b, const annals_doc *d)
{
    const char *id = d->meta[ANNALS_META_ID];

    if (d->status != ANNALS_OK) {
        TRY(annals__buf_add(b, "# error = ", 10));
        if (d->origin_file != NULL)
            TRY(conllu_field(b, d->origin_file, strlen(d->origin_file)));
        TRY(annals__buf_printf(b, ":%llu: ", (unsigned long long)error_line(d)));
        TRY(conllu_field(b, d->errmsg, strlen(d->errmsg)));
        return annals__buf_add(b, "\n\n", 2);
    }
    if (id != NULL) {
        TRY(annals__buf_add(b, "# newdoc id = ", 14));
        TRY(conllu_field(b, id, d->meta_len[ANNALS_META_ID]));
        TRY(annals__buf_addc(b, '\n'));
    } else {
        TRY(annals__buf_add(b, "# newdoc\n", 9));
    }
    for (size_t i = 0; i < d->sent.n; i++) {
        struct annals_sentence_info s;
        annals_doc_sentence(d, i, &s);
        TRY(annals__buf_add(b, "# sent_id = ", 12));
        if (id != NULL) {
            TRY(conllu_field(b, id, d->meta_len[ANNALS_META_ID]));
            TRY(annals__buf_addc(b, '-'));
        }
        TRY(annals__buf_printf(b, "%zu\n", i + 1));
        if (s.role != ANNALS_ROLE_BODY)
            TRY(annals__buf_printf(b, "# role = %s\n", annals_role_name(s.role)));
        TRY(annals__buf_add(b, "# text = ", 9));
        TRY(conllu_text(b, d, s.span.start, s.span.end));
        TRY(annals__buf_addc(b, '\n'));
        size_t wid = 1;
        for (size_t k = s.first_token; k < s.first_token + s.n_tokens; k++) {
            const struct doc_token *t = &d->tok.v[k];
            const char *misc = t->space_after || k + 1 == s.first_token + s.n_tokens
                                   ? "_" : "SpaceAfter=No";
            if (t->n_words > 1) {
                TRY(annals__buf_printf(b, "%zu-%zu\t", wid, wid + t->n_words - 1));
                TRY(conllu_field(b, d->text + t->start, t->end - t->start));
                TRY(annals__buf_printf(b, "\t_\t_\t_\t_\t_\t_\t_\t%s\n", misc));
                misc = "_";
            }
            for (size_t w = 0; w < t->n_words; w++, wid++) {
                const struct doc_word *dw = &d->word.v[t->first_word + w];
                TRY(annals__buf_printf(b, "%zu\t", wid));
                TRY(conllu_field(b, dw->form, dw->form_len));
                TRY(annals__buf_printf(b, "\t_\t_\t_\t_\t_\t_\t_\t%s\n", misc));
            }
        }
        TRY(annals__buf_addc(b, '\n'));
    }
    return ANNALS_OK;
}

int annals_doc_write(annals_doc *d, int format, const char **out, size_t *len)
{
    int rc;

    if (d == NULL || out == NULL || len == NULL)
        return ANNALS_EINVAL;
    d->out.len = 0;
    if (format == ANNALS_FORMAT_JSON)
        rc = d->status != ANNALS_OK ? json_error(&d->out, d) : json_doc(&d->out, d);
    else if (format == ANNALS_FORMAT_CONLLU)
        rc = conllu_doc(&d->out, d);
    else
        return ANNALS_EINVAL;
    if (rc != ANNALS_OK)
        return rc;
    *out = d->out.data;
    *len = d->out.len;
    return ANNALS_OK;
}
