/* write.c -- the write stage: a document (or its error record) as one line
** of JSON, or as CoNLL-U.  Output is canonical: fixed key order, no floats,
** no timestamps, so the same input always gives the same bytes.  The JSON
** schema is specified in docs/OUTPUT.md. */
#include "doc.h"
#include "events.h"
#include "gazetteer.h"
#include "geo.h"
#include "quotes.h"

#include <math.h>
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
    TRY(annals__buf_addc(b, '['));
    TRY(annals__buf_u64(b, s));
    TRY(annals__buf_addc(b, ','));
    TRY(annals__buf_u64(b, e));
    return annals__buf_addc(b, ']');
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

/* "words": [form, lemma, UPOS, XPOS, head, relation] per syntactic word;
** head is a document word index, -1 for the root of a sentence. */
static int json_words(struct annals_buf *b, const annals_doc *d)
{
    TRY(annals__buf_add(b, ",\"words\":[", 10));
    for (size_t i = 0; i < d->word.n; i++) {
        const struct doc_word *w = &d->word.v[i];
        TRY(annals__buf_add(b, i ? ",[" : "[", i ? 2 : 1));
        TRY(json_str(b, w->form, w->form_len));
        TRY(annals__buf_addc(b, ','));
        TRY(json_str(b, w->lemma, w->lemma_len));
        TRY(annals__buf_addc(b, ','));
        TRY(json_str(b, w->upos, strlen(w->upos)));
        TRY(annals__buf_addc(b, ','));
        TRY(json_str(b, w->xpos, strlen(w->xpos)));
        if (w->head < 0) {
            TRY(annals__buf_add(b, ",-1,", 4));
        } else {
            TRY(annals__buf_addc(b, ','));
            TRY(annals__buf_u64(b, (uint64_t)w->head));
            TRY(annals__buf_addc(b, ','));
        }
        TRY(json_str(b, w->deprel, strlen(w->deprel)));
        TRY(annals__buf_addc(b, ']'));
    }
    return annals__buf_addc(b, ']');
}

/* Working-text span of word i: its bytes when the form lies in d->text,
** else (a form the tokenizer rewrote) its whole token. */
static void word_span(const annals_doc *d, size_t i, size_t *start, size_t *end)
{
    const struct doc_word *w = &d->word.v[i];
    if (w->form >= d->text && w->form + w->form_len <= d->text + d->text_len) {
        *start = (size_t)(w->form - d->text);
        *end = *start + w->form_len;
    } else {
        *start = d->tok.v[w->token].start;
        *end = d->tok.v[w->token].end;
    }
}

/* Working text of words [s, s+n) and their span in the original input. */
static int json_words_text(struct annals_buf *b, const annals_doc *d, size_t s, size_t n)
{
    size_t a, z, u, v;
    word_span(d, s, &a, &u);
    word_span(d, s + n - 1, &v, &z);
    TRY(annals__buf_add(b, "\"text\":", 7));
    TRY(json_str(b, d->text + a, z - a));
    TRY(annals__buf_add(b, ",\"span\":", 8));
    return json_span(b, annals__doc_orig_offset(d, a), annals__doc_orig_offset(d, z));
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
        {
            size_t a, z, u, v;
            word_span(d, c->word, &a, &u);
            word_span(d, c->word + c->n_word - 1, &v, &z);
            TRY(json_str(b, d->text + a, z - a));
        }
        TRY(annals__buf_add(b, ",\"mentions\":[", 13));
        int first = 1, roles = 0;
        for (int32_t k = (int32_t)en->first; k >= 0; k = d->ment.v[k].next) {
            const struct doc_mention *m = &d->ment.v[k];
            TRY(annals__buf_add(b, first ? "{" : ",{", first ? 1 : 2));
            first = 0;
            TRY(json_words_text(b, d, m->word, m->n_word));
            TRY(annals__buf_printf(b, ",\"tokens\":[%u,%u],\"words\":[%u,%u],\"type\":\"%s\"",
                                   m->tok, m->n_tok, m->word, m->n_word,
                                   annals__ent_type_name(m->type)));
            if (m->acronym && m->long_n > 0) {
                TRY(annals__buf_add(b, ",\"long_form\":{", 14));
                TRY(json_words_text(b, d, m->long_word, m->long_n));
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
            TRY(json_words_text(b, d, m->role_word, m->role_n));
            TRY(annals__buf_add(b, ",\"org\":", 7));
            if (m->role_org >= 0)
                TRY(annals__buf_printf(b, "%u", d->ment.v[m->role_org].entity + 1));
            else
                TRY(annals__buf_add(b, "null", 4));
            TRY(annals__buf_printf(b, ",\"mention\":[%u,%u]}", m->word, m->n_word));
        }
        TRY(annals__buf_add(b, "]}", 2));
    }
    return annals__buf_addc(b, ']');
}

/* "times": the temporal expressions of the time stage (timex.c). */
static int json_times(struct annals_buf *b, const annals_doc *d)
{
    TRY(annals__buf_add(b, ",\"times\":[", 10));
    for (size_t i = 0; i < annals_doc_time_count(d); i++) {
        struct annals_time_info x;
        const char *type;
        annals_doc_time(d, i, &x);
        type = annals_time_type_name(x.type);
        TRY(annals__buf_add(b, i ? ",{\"span\":" : "{\"span\":", i ? 9 : 8));
        TRY(json_span(b, x.span.start, x.span.end));
        TRY(annals__buf_add(b, ",\"text\":", 8));
        TRY(json_str(b, d->orig + x.span.start, x.span.end - x.span.start));
        TRY(annals__buf_printf(b, ",\"type\":\"%s\",\"value\":", type));
        TRY(json_str_or_null(b, x.value, x.value_len));
        TRY(annals__buf_printf(b, ",\"vague\":%s,\"anchor\":", x.vague ? "true" : "false"));
        if (x.anchor == ANNALS_ANCHOR_PUBLICATION)
            TRY(annals__buf_add(b, "\"publication\"", 13));
        else if (x.anchor == ANNALS_ANCHOR_EXPRESSION)
            TRY(annals__buf_printf(b, "\"expression %zu\"", x.anchor_index));
        else
            TRY(annals__buf_add(b, "null", 4));
        TRY(annals__buf_printf(b, ",\"sentence\":%zu}", x.sentence));
    }
    return annals__buf_addc(b, ']');
}

/* A working span [s, e) as an original-input span, or null when empty. */
static int json_wspan_or_null(struct annals_buf *b, const annals_doc *d, uint32_t s, uint32_t e)
{
    if (e <= s)
        return annals__buf_add(b, "null", 4);
    return json_span(b, annals__doc_orig_offset(d, s), annals__doc_orig_offset(d, e));
}

static int json_wtext_or_null(struct annals_buf *b, const annals_doc *d, uint32_t s, uint32_t e)
{
    if (e <= s)
        return annals__buf_add(b, "null", 4);
    return json_str(b, d->text + s, e - s);
}

/* "quotes": the quotations of the quote stage (quotes.c), in text order. */
static int json_quotes(struct annals_buf *b, const annals_doc *d)
{
    TRY(annals__buf_add(b, ",\"quotes\":[", 11));
    for (size_t i = 0; i < d->quote.n; i++) {
        const struct doc_quote *q = &d->quote.v[i];
        TRY(annals__buf_add(b, i ? ",{\"span\":" : "{\"span\":", i ? 9 : 8));
        TRY(json_wspan_or_null(b, d, q->start, q->end));
        TRY(annals__buf_printf(b, ",\"kind\":\"%s\",\"content\":",
                               annals__quote_kind_name(q->kind)));
        TRY(json_wtext_or_null(b, d, q->cstart, q->cend));
        TRY(annals__buf_add(b, ",\"content_span\":", 16));
        TRY(json_wspan_or_null(b, d, q->cstart, q->cend));
        if (q->entity >= 0)
            TRY(annals__buf_printf(b, ",\"speaker\":%d", q->entity + 1));
        else
            TRY(annals__buf_add(b, ",\"speaker\":null", 15));
        TRY(annals__buf_add(b, ",\"speaker_name\":", 16));
        TRY(json_wtext_or_null(b, d, q->name_start, q->name_end));
        TRY(annals__buf_add(b, ",\"speaker_text\":", 16));
        TRY(json_wtext_or_null(b, d, q->sp_start, q->sp_end));
        TRY(annals__buf_add(b, ",\"speaker_span\":", 16));
        TRY(json_wspan_or_null(b, d, q->sp_start, q->sp_end));
        TRY(annals__buf_add(b, ",\"cue\":", 7));
        TRY(json_wtext_or_null(b, d, q->cue_start, q->cue_end));
        TRY(annals__buf_add(b, ",\"cue_span\":", 12));
        TRY(json_wspan_or_null(b, d, q->cue_start, q->cue_end));
        if (q->within >= 0)
            TRY(annals__buf_printf(b, ",\"within\":%d", q->within));
        else
            TRY(annals__buf_add(b, ",\"within\":null", 14));
        TRY(annals__buf_printf(b, ",\"sentences\":[%u,%u]}", q->sent_first, q->sent_last));
    }
    return annals__buf_addc(b, ']');
}

/* Degrees * 1e5 as a decimal, without floating point or locale. */
static int json_coord(struct annals_buf *b, int32_t v)
{
    long long a = v < 0 ? -(long long)v : v;
    return annals__buf_printf(b, "%s%lld.%05lld", v < 0 ? "-" : "", a / 100000, a % 100000);
}

/* A percentage with three decimals, rounded, without locale. */
static int json_pct(struct annals_buf *b, double part, uint32_t whole)
{
    long long m = whole == 0 ? 0 : llround(part * 100000.0 / whole);
    long long a = m < 0 ? -m : m;
    return annals__buf_printf(b, "%s%lld.%03lld", m < 0 ? "-" : "", a / 1000, a % 1000);
}

static const char *const place_kind[] = {"country", "admin1", "city", "feature"};
static const char *const place_source[] = {"text", "dateline", "ner"};

static int json_places(struct annals_buf *b, const annals_doc *d,
                       const struct annals_gazetteer *g)
{
    TRY(annals__buf_add(b, ",\"places\":[", 11));
    for (size_t i = 0; i < d->place.n; i++) {
        const struct doc_place *pl = &d->place.v[i];
        struct gaz_place gp;
        struct gaz_country gc;
        struct annals_span sp;
        annals__gaz_place(g, pl->place, &gp);
        annals__gaz_country(g, gp.country, &gc);
        sp.start = annals__doc_orig_offset(d, pl->start);
        sp.end = annals__doc_orig_offset(d, pl->end);
        TRY(annals__buf_add(b, i ? ",{\"span\":" : "{\"span\":", i ? 9 : 8));
        TRY(json_span(b, sp.start, sp.end));
        TRY(annals__buf_add(b, ",\"text\":", 8));
        TRY(json_str(b, d->text + pl->start, pl->end - pl->start));
        TRY(annals__buf_add(b, ",\"name\":", 8));
        TRY(json_str(b, gp.name, strlen(gp.name)));
        TRY(annals__buf_printf(b, ",\"kind\":\"%s\",\"geonameid\":", place_kind[gp.kind]));
        if (gp.geonameid != 0)
            TRY(annals__buf_printf(b, "%u", (unsigned)gp.geonameid));
        else
            TRY(annals__buf_add(b, "null", 4));
        if (gp.flags & GAZ_F_COORDS) {
            TRY(annals__buf_add(b, ",\"lat\":", 7));
            TRY(json_coord(b, gp.lat));
            TRY(annals__buf_add(b, ",\"lon\":", 7));
            TRY(json_coord(b, gp.lon));
        } else {
            TRY(annals__buf_add(b, ",\"lat\":null,\"lon\":null", 22));
        }
        TRY(annals__buf_printf(b, ",\"country\":\"%s\",\"country3\":\"%s\",\"admin1\":",
                               gc.alpha2, gc.alpha3));
        if (gp.admin1 != GAZ_NONE16) {
            struct gaz_admin ga;
            annals__gaz_admin(g, gp.admin1, &ga);
            TRY(json_str(b, ga.code, strlen(ga.code)));
            TRY(annals__buf_add(b, ",\"admin1_name\":", 15));
            TRY(json_str_or_null(b, ga.name[0] ? ga.name : NULL, strlen(ga.name)));
        } else {
            TRY(annals__buf_add(b, "null,\"admin1_name\":null", 23));
        }
        TRY(annals__buf_printf(b, ",\"source\":\"%s\"}", place_source[pl->source]));
    }
    return annals__buf_addc(b, ']');
}

/* GDELT V2Tone order: tone, positive, negative, polarity, activity
** density, self/group density, word count. */
static int json_tone_fields(struct annals_buf *b, const struct doc_tone *t, int named)
{
    static const char *const key[] = {"\"tone\":", ",\"positive\":", ",\"negative\":",
                                      ",\"polarity\":", ",\"activity\":",
                                      ",\"self_group\":", ",\"words\":"};
    double v[6];
    v[0] = t->pos_score - t->neg_score;
    v[1] = t->pos_score;
    v[2] = t->neg_score;
    v[3] = t->pos_score + t->neg_score;
    v[4] = t->activity;
    v[5] = (double)t->self + t->group;
    for (int k = 0; k < 6; k++) {
        if (named)
            TRY(annals__buf_add(b, key[k], strlen(key[k])));
        else if (k > 0)
            TRY(annals__buf_addc(b, ','));
        TRY(json_pct(b, v[k], t->words));
    }
    if (named)
        TRY(annals__buf_add(b, key[6], strlen(key[6])));
    else
        TRY(annals__buf_addc(b, ','));
    return annals__buf_printf(b, "%u", (unsigned)t->words);
}

static int json_tone(struct annals_buf *b, const annals_doc *d)
{
    TRY(annals__buf_add(b, ",\"tone\":{", 9));
    TRY(json_tone_fields(b, &d->tone, 1));
    TRY(annals__buf_add(b, ",\"sentences\":[", 14));
    for (size_t i = 0; i < d->stone.n; i++) {
        TRY(annals__buf_add(b, i ? ",[" : "[", i ? 2 : 1));
        TRY(json_tone_fields(b, &d->stone.v[i], 0));
        TRY(annals__buf_addc(b, ']'));
    }
    return annals__buf_add(b, "]}", 2);
}

static int json_doc(struct annals_buf *b, const annals_doc *d, const annals_pipeline *p)
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
        TRY(annals__buf_addc(b, ','));
        TRY(annals__buf_u64(b, t.span.start));
        TRY(annals__buf_addc(b, ','));
        TRY(annals__buf_u64(b, t.span.end));
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
    if (d->has_syntax)
        TRY(json_words(b, d));
    if (d->has_ner)
        TRY(json_entities(b, d));
    if (d->has_quotes)
        TRY(json_quotes(b, d));
    TRY(json_times(b, d));
    if (d->has_geo)
        TRY(json_places(b, d, p->gaz));
    if (d->has_actors)
        TRY(annals__actors_json(b, d));
    if (d->has_events)
        TRY(annals__events_json(b, d));
    if (d->has_tone)
        TRY(json_tone(b, d));
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
        size_t first_word = d->tok.v[s.first_token].first_word;
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
                if (d->has_syntax) {
                    size_t head = dw->head < 0 ? 0 : (size_t)dw->head - first_word + 1;
                    TRY(annals__buf_addc(b, '\t'));
                    TRY(conllu_field(b, dw->lemma, dw->lemma_len));
                    TRY(annals__buf_printf(b, "\t%s\t%s\t_\t%zu\t%s\t_\t%s\n", dw->upos,
                                           dw->xpos, head, dw->deprel, misc));
                } else {
                    TRY(annals__buf_printf(b, "\t_\t_\t_\t_\t_\t_\t_\t%s\n", misc));
                }
            }
        }
        TRY(annals__buf_addc(b, '\n'));
    }
    return ANNALS_OK;
}

/* IOB2: the entity label of every syntactic word, sentence by sentence.
** Countries and cities (GPE) are LOC; nationality words (NORP) are O, as
** in the three-type scheme of UNER and CoNLL. */
static int iob2_doc(struct annals_buf *b, const annals_doc *d)
{
    size_t m = 0;

    if (d->status != ANNALS_OK)
        return conllu_doc(b, d);    /* the same "# error = ..." record */
    for (size_t i = 0; i < d->sent.n; i++) {
        const struct doc_sentence *st = &d->sent.v[i];
        for (size_t k = st->first_token; k < st->first_token + st->n_tokens; k++) {
            const struct doc_token *t = &d->tok.v[k];
            for (size_t w = t->first_word; w < t->first_word + t->n_words; w++) {
                const struct doc_word *dw = &d->word.v[w];
                while (m < d->ment.n && d->ment.v[m].word + d->ment.v[m].n_word <= w)
                    m++;
                const struct doc_mention *mt = m < d->ment.n && d->ment.v[m].word <= w
                                                   ? &d->ment.v[m] : NULL;
                const char *type = mt == NULL || mt->type == ENT_NORP ? NULL
                                   : mt->type == ENT_PER              ? "PER"
                                   : mt->type == ENT_ORG              ? "ORG"
                                                                      : "LOC";
                TRY(conllu_field(b, dw->form, dw->form_len));
                if (type == NULL)
                    TRY(annals__buf_add(b, "\tO\n", 3));
                else
                    TRY(annals__buf_printf(b, "\t%c-%s\n", w == mt->word ? 'B' : 'I', type));
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
        rc = d->status != ANNALS_OK ? json_error(&d->out, d) : json_doc(&d->out, d, d->pipeline);
    else if (format == ANNALS_FORMAT_CONLLU)
        rc = conllu_doc(&d->out, d);
    else if (format == ANNALS_FORMAT_EVENTS)
        rc = d->status != ANNALS_OK ? json_error(&d->out, d) : annals__events_lines(&d->out, d);
    else if (format == ANNALS_FORMAT_IOB2)
        rc = iob2_doc(&d->out, d);
    else
        return ANNALS_EINVAL;
    if (rc != ANNALS_OK)
        return rc;
    *out = d->out.data;
    *len = d->out.len;
    return ANNALS_OK;
}
