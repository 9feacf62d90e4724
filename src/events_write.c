/* events_write.c -- events out of the document: the public accessors, the
** "events" member of the JSON record, one-event-per-line JSON, and the
** cross-article aggregator that writes GDELT 2.0 event-table rows.  Output
** is canonical (fixed key order, numbers printed from integers). */
#include "events.h"
#include "gazetteer.h"
#include "ontology.h"

#include <math.h>
#include <string.h>

#define TRY(x) do { int rc_ = (x); if (rc_ != ANNALS_OK) return rc_; } while (0)

/* ------------------------------------------------------------- accessors */

static void actor_info(const annals_doc *d, const struct doc_event_arg *a,
                       struct annals_event_actor *o)
{
    memset(o, 0, sizeof *o);
    o->entity = -1;
    o->code = o->country = o->sector = "";
    if (a->word < 0)
        return;
    o->present = 1;
    o->span.start = annals__doc_orig_offset(d, a->start);
    o->span.end = annals__doc_orig_offset(d, a->end);
    o->text = d->text + a->start;
    o->text_len = a->end - a->start;
    o->entity = a->entity;
    o->code = a->code;
    o->country = a->country;
    o->sector = a->sector;
}

size_t annals_doc_event_count(const annals_doc *d) { return d == NULL ? 0 : d->ev.n; }

int annals_doc_event(const annals_doc *d, size_t i, struct annals_event_info *out)
{
    const struct onto_tables *t = annals__onto_builtin();

    if (d == NULL || out == NULL || i >= d->ev.n)
        return ANNALS_EINVAL;
    const struct doc_event *e = &d->ev.v[i];
    const struct ev_pattern *pt = e->pattern;
    const struct onto_event *oe = annals__onto_event(t, e->code, strlen(e->code));
    const struct onto_plover *pl = annals__onto_plover_of(t, e->code, strlen(e->code));
    memset(out, 0, sizeof *out);
    out->code = e->code;
    out->root[0] = e->code[0];
    out->root[1] = e->code[1];
    out->root[2] = '\0';
    out->quad = oe != NULL ? oe->quad : 0;
    out->goldstein = oe != NULL ? oe->goldstein : 0.0;
    out->plover_type = pl != NULL ? pl->type : "-";
    out->plover_mode = pl != NULL ? pl->mode : "-";
    out->mode = e->mode;
    actor_info(d, &e->src, &out->source);
    actor_info(d, &e->tgt, &out->target);
    out->date = e->date[0] != '\0' ? e->date : NULL;
    out->date_source = e->date_source;
    out->place = e->place;
    out->sentence = e->sentence;
    out->span.start = annals__doc_orig_offset(d, e->start);
    out->span.end = annals__doc_orig_offset(d, e->end);
    out->mentions = e->mentions;
    out->lemma = pt->lemma;
    out->lexicon_line = pt->line;
    out->confidence = e->confidence;
    return ANNALS_OK;
}

int annals_doc_event_mention(const annals_doc *d, size_t i, size_t k, size_t *sentence,
                             struct annals_span *span)
{
    if (d == NULL || i >= d->ev.n || k >= d->ev.v[i].mentions)
        return ANNALS_EINVAL;
    int32_t m = (int32_t)d->ev.v[i].first_mention;
    for (size_t j = 0; j < k && m >= 0; j++)
        m = d->evm.v[m].next;
    if (m < 0)
        return ANNALS_EINVAL;
    if (sentence != NULL)
        *sentence = d->evm.v[m].sentence;
    if (span != NULL) {
        span->start = annals__doc_orig_offset(d, d->evm.v[m].start);
        span->end = annals__doc_orig_offset(d, d->evm.v[m].end);
    }
    return ANNALS_OK;
}

/* ------------------------------------------------------------------ JSON */

static int json_str(struct annals_buf *b, const char *s, size_t n)
{
    TRY(annals__buf_addc(b, '"'));
    TRY(annals__buf_json_str(b, s, n));
    return annals__buf_addc(b, '"');
}

/* v with one decimal, from tenths; no locale. */
static int tenths(struct annals_buf *b, double v)
{
    long long m = llround(v * 10.0), a = m < 0 ? -m : m;
    return annals__buf_printf(b, "%s%lld.%lld", m < 0 ? "-" : "", a / 10, a % 10);
}

static int json_actor(struct annals_buf *b, const struct annals_event_actor *a)
{
    if (!a->present)
        return annals__buf_add(b, "null", 4);
    TRY(annals__buf_add(b, "{\"text\":", 8));
    TRY(json_str(b, a->text, a->text_len));
    TRY(annals__buf_printf(b, ",\"span\":[%zu,%zu],\"entity\":", a->span.start, a->span.end));
    if (a->entity >= 0)
        TRY(annals__buf_printf(b, "%ld", a->entity));
    else
        TRY(annals__buf_add(b, "null", 4));
    const char *f[3] = {a->code, a->country, a->sector};
    const char *k[3] = {",\"code\":", ",\"country\":", ",\"sector\":"};
    for (int i = 0; i < 3; i++) {
        TRY(annals__buf_add(b, k[i], strlen(k[i])));
        if (f[i][0] != '\0')
            TRY(json_str(b, f[i], strlen(f[i])));
        else
            TRY(annals__buf_add(b, "null", 4));
    }
    return annals__buf_addc(b, '}');
}

static const char *const date_source_name[] = {"none", "text", "publication"};
static const char *const mode_name[] = {"stated", "intended", "refused"};

/* One event object. */
static int json_event(struct annals_buf *b, const annals_doc *d, size_t i)
{
    struct annals_event_info e;
    annals_doc_event(d, i, &e);
    TRY(annals__buf_add(b, "{\"code\":", 8));
    TRY(json_str(b, e.code, strlen(e.code)));
    TRY(annals__buf_printf(b, ",\"root\":\"%s\",\"quad\":%d,\"goldstein\":", e.root, e.quad));
    TRY(tenths(b, e.goldstein));
    TRY(annals__buf_add(b, ",\"plover\":{\"type\":", 18));
    TRY(json_str(b, e.plover_type, strlen(e.plover_type)));
    TRY(annals__buf_add(b, ",\"mode\":", 8));
    TRY(json_str(b, e.plover_mode, strlen(e.plover_mode)));
    TRY(annals__buf_printf(b, "},\"mode\":\"%s\",\"source\":", mode_name[e.mode]));
    TRY(json_actor(b, &e.source));
    TRY(annals__buf_add(b, ",\"target\":", 10));
    TRY(json_actor(b, &e.target));
    TRY(annals__buf_add(b, ",\"date\":", 8));
    if (e.date != NULL)
        TRY(json_str(b, e.date, strlen(e.date)));
    else
        TRY(annals__buf_add(b, "null", 4));
    TRY(annals__buf_printf(b, ",\"date_source\":\"%s\",\"place\":", date_source_name[e.date_source]));
    if (e.place >= 0) {
        const struct doc_place *pl = &d->place.v[e.place];
        TRY(annals__buf_printf(b, "{\"index\":%ld,\"text\":", e.place));
        TRY(json_str(b, d->text + pl->start, pl->end - pl->start));
        TRY(annals__buf_printf(b, ",\"span\":[%zu,%zu]}", annals__doc_orig_offset(d, pl->start),
                               annals__doc_orig_offset(d, pl->end)));
    } else {
        TRY(annals__buf_add(b, "null", 4));
    }
    TRY(annals__buf_printf(b, ",\"sentence\":%zu,\"span\":[%zu,%zu],\"mentions\":[", e.sentence,
                           e.span.start, e.span.end));
    for (size_t k = 0; k < e.mentions; k++) {
        size_t s;
        struct annals_span sp;
        annals_doc_event_mention(d, i, k, &s, &sp);
        TRY(annals__buf_printf(b, "%s{\"sentence\":%zu,\"span\":[%zu,%zu]}", k ? "," : "", s,
                               sp.start, sp.end));
    }
    TRY(annals__buf_add(b, "],\"lexicon\":{\"lemma\":", 21));
    TRY(json_str(b, e.lemma, strlen(e.lemma)));
    return annals__buf_printf(b, ",\"line\":%zu},\"confidence\":%d.%02d}", e.lexicon_line,
                              e.confidence / 100, e.confidence % 100);
}

int annals__events_json(struct annals_buf *b, const annals_doc *d)
{
    TRY(annals__buf_add(b, ",\"events\":[", 11));
    for (size_t i = 0; i < d->ev.n; i++) {
        if (i > 0)
            TRY(annals__buf_addc(b, ','));
        TRY(json_event(b, d, i));
    }
    return annals__buf_addc(b, ']');
}

int annals__events_lines(struct annals_buf *b, const annals_doc *d)
{
    for (size_t i = 0; i < d->ev.n; i++) {
        TRY(annals__buf_add(b, "{\"doc\":", 7));
        if (d->meta[ANNALS_META_ID] != NULL)
            TRY(json_str(b, d->meta[ANNALS_META_ID], d->meta_len[ANNALS_META_ID]));
        else
            TRY(annals__buf_add(b, "null", 4));
        TRY(annals__buf_printf(b, ",\"event\":%zu,", i));
        /* the event object without its opening brace */
        size_t at = b->len;
        TRY(json_event(b, d, i));
        memmove(b->data + at, b->data + at + 1, b->len - at - 1);
        b->len--;
        TRY(annals__buf_addc(b, '\n'));
    }
    return ANNALS_OK;
}

/* ------------------------------------------------------------ aggregator */

/* One row: the first event seen with its key, and the counts. */
struct agg_row {
    char day[9];                /* YYYYMMDD or "" */
    char src[20], tgt[20];      /* actor codes */
    char root[3];
    char code[5];
    char src_country[4], src_sector[4], tgt_country[4], tgt_sector[4];
    char *src_name, *tgt_name;  /* arena strings */
    char *url;                  /* first article's URL, or NULL */
    double goldstein;
    int quad;
    int is_root;                /* first seen in the article's first body sentence */
    int has_place;
    struct gaz_place place;
    char place_cc[3];
    uint32_t mentions, sources, articles;
    double tone_sum;            /* article tones, for the mean */
    uint32_t toned;
    uint64_t last_doc;          /* serial of the last article counted */
    uint32_t first_source;      /* index into the source list */
    uint32_t n_source_ids;
};

struct annals_events_agg {
    const annals_pipeline *p;
    struct annals_alloc alloc;
    struct annals_arena arena;  /* names and URLs */
    struct agg_row *row;
    size_t n, cap;
    uint32_t *hash;             /* open addressing: row index + 1, 0 empty */
    size_t hcap;
    const char **srcs;          /* per row, the distinct sources seen (chained lists) */
    uint32_t *src_next;
    size_t ns, scap;
    uint64_t docs;
};

int annals_events_agg_new(const annals_pipeline *p, annals_events_agg **out)
{
    if (p == NULL || out == NULL)
        return ANNALS_EINVAL;
    annals_events_agg *a = annals__malloc(&p->alloc, sizeof *a);
    if (a == NULL)
        return ANNALS_ENOMEM;
    memset(a, 0, sizeof *a);
    a->p = p;
    a->alloc = p->alloc;
    annals__arena_init(&a->arena, &a->alloc);
    *out = a;
    return ANNALS_OK;
}

void annals_events_agg_free(annals_events_agg *a)
{
    if (a == NULL)
        return;
    annals__free(&a->alloc, a->row, a->cap * sizeof *a->row);
    annals__free(&a->alloc, a->hash, a->hcap * sizeof *a->hash);
    annals__free(&a->alloc, a->srcs, a->scap * sizeof *a->srcs);
    annals__free(&a->alloc, a->src_next, a->scap * sizeof *a->src_next);
    annals__arena_free(&a->arena);
    struct annals_alloc al = a->alloc;
    annals__free(&al, a, sizeof *a);
}

size_t annals_events_agg_count(const annals_events_agg *a) { return a == NULL ? 0 : a->n; }

static uint32_t fnv(const char *s, uint32_t h)
{
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return (h ^ 0xff) * 16777619u;
}

static uint32_t row_hash(const char *day, const char *src, const char *tgt, const char *root)
{
    return fnv(root, fnv(tgt, fnv(src, fnv(day, 2166136261u))));
}

static int grow_hash(annals_events_agg *a)
{
    size_t ncap = a->hcap == 0 ? 256 : a->hcap * 2;
    uint32_t *h = annals__malloc(&a->alloc, ncap * sizeof *h);
    if (h == NULL)
        return ANNALS_ENOMEM;
    memset(h, 0, ncap * sizeof *h);
    for (size_t i = 0; i < a->n; i++) {
        const struct agg_row *r = &a->row[i];
        size_t k = row_hash(r->day, r->src, r->tgt, r->root) & (ncap - 1);
        while (h[k] != 0)
            k = (k + 1) & (ncap - 1);
        h[k] = (uint32_t)(i + 1);
    }
    annals__free(&a->alloc, a->hash, a->hcap * sizeof *a->hash);
    a->hash = h;
    a->hcap = ncap;
    return ANNALS_OK;
}

static int add_source(annals_events_agg *a, struct agg_row *r, const char *src)
{
    uint32_t k = r->first_source;
    for (uint32_t j = 0; j < r->n_source_ids; j++, k = a->src_next[k])
        if (strcmp(a->srcs[k], src) == 0)
            return ANNALS_OK;
    if (a->ns == a->scap) {
        size_t ncap = a->scap == 0 ? 256 : a->scap * 2;
        const char **s = annals__realloc(&a->alloc, a->srcs, a->scap * sizeof *s, ncap * sizeof *s);
        if (s == NULL)
            return ANNALS_ENOMEM;
        a->srcs = s;
        uint32_t *nx = annals__realloc(&a->alloc, a->src_next, a->scap * sizeof *nx,
                                       ncap * sizeof *nx);
        if (nx == NULL)
            return ANNALS_ENOMEM;
        a->src_next = nx;
        a->scap = ncap;
    }
    /* push at the head of the row's list */
    a->srcs[a->ns] = src;
    a->src_next[a->ns] = r->first_source;
    r->first_source = (uint32_t)a->ns++;
    r->n_source_ids++;
    r->sources++;
    return ANNALS_OK;
}

static char *arena_str(annals_events_agg *a, const char *s, size_t n)
{
    return annals__arena_strdup(&a->arena, s, n);
}

/* The article's source: its source field, else the host of its URL, else
** its id; "" when it has none. */
static const char *doc_source(annals_events_agg *a, const annals_doc *d)
{
    const char *s = d->meta[ANNALS_META_SOURCE];
    size_t n = d->meta_len[ANNALS_META_SOURCE];
    if (s == NULL && d->meta[ANNALS_META_URL] != NULL) {
        const char *u = d->meta[ANNALS_META_URL], *h = strstr(u, "://");
        h = h != NULL ? h + 3 : u;
        n = strcspn(h, "/?#");
        s = h;
    }
    if (s == NULL) {
        s = d->meta[ANNALS_META_ID];
        n = d->meta_len[ANNALS_META_ID];
    }
    return s == NULL ? "" : arena_str(a, s, n);
}

int annals_events_agg_add(annals_events_agg *a, const annals_doc *d)
{
    if (a == NULL || d == NULL)
        return ANNALS_EINVAL;
    if (d->status != ANNALS_OK || d->ev.n == 0)
        return ANNALS_OK;
    a->docs++;
    const char *source = doc_source(a, d);
    if (source == NULL)
        return ANNALS_ENOMEM;
    uint32_t first_body = UINT32_MAX;
    for (size_t s = 0; s < d->sent.n && first_body == UINT32_MAX; s++)
        if (d->sent.v[s].role == ANNALS_ROLE_BODY)
            first_body = (uint32_t)s;
    for (size_t i = 0; i < d->ev.n; i++) {
        struct annals_event_info e;
        char day[9] = "";
        annals_doc_event(d, i, &e);
        if (e.date != NULL) {
            memcpy(day, e.date, 4);
            memcpy(day + 4, e.date + 5, 2);
            memcpy(day + 6, e.date + 8, 2);
            day[8] = '\0';
        }
        if (a->n * 2 >= a->hcap)
            TRY(grow_hash(a));
        size_t k = row_hash(day, e.source.code, e.target.code, e.root) & (a->hcap - 1);
        struct agg_row *r = NULL;
        for (; a->hash[k] != 0; k = (k + 1) & (a->hcap - 1)) {
            struct agg_row *c = &a->row[a->hash[k] - 1];
            if (strcmp(c->day, day) == 0 && strcmp(c->src, e.source.code) == 0 &&
                strcmp(c->tgt, e.target.code) == 0 && strcmp(c->root, e.root) == 0) {
                r = c;
                break;
            }
        }
        if (r == NULL) {
            if (a->n == a->cap) {
                size_t ncap = a->cap == 0 ? 64 : a->cap * 2;
                struct agg_row *nr = annals__realloc(&a->alloc, a->row, a->cap * sizeof *nr,
                                                     ncap * sizeof *nr);
                if (nr == NULL)
                    return ANNALS_ENOMEM;
                a->row = nr;
                a->cap = ncap;
            }
            r = &a->row[a->n];
            memset(r, 0, sizeof *r);
            memcpy(r->day, day, sizeof day);
            annals__fmt(r->src, sizeof r->src, "%s", e.source.code);
            annals__fmt(r->tgt, sizeof r->tgt, "%s", e.target.code);
            memcpy(r->root, e.root, 3);
            annals__fmt(r->code, sizeof r->code, "%s", e.code);
            annals__fmt(r->src_country, sizeof r->src_country, "%s", e.source.country);
            annals__fmt(r->src_sector, sizeof r->src_sector, "%s", e.source.sector);
            annals__fmt(r->tgt_country, sizeof r->tgt_country, "%s", e.target.country);
            annals__fmt(r->tgt_sector, sizeof r->tgt_sector, "%s", e.target.sector);
            r->src_name = arena_str(a, e.source.present ? e.source.text : "",
                                    e.source.present ? e.source.text_len : 0);
            r->tgt_name = arena_str(a, e.target.present ? e.target.text : "",
                                    e.target.present ? e.target.text_len : 0);
            if (d->meta[ANNALS_META_URL] != NULL)
                r->url = arena_str(a, d->meta[ANNALS_META_URL], d->meta_len[ANNALS_META_URL]);
            if (r->src_name == NULL || r->tgt_name == NULL)
                return ANNALS_ENOMEM;
            r->goldstein = e.goldstein;
            r->quad = e.quad;
            r->is_root = e.sentence == first_body;
            if (e.place >= 0 && a->p->gaz != NULL) {
                struct gaz_country gc;
                annals__gaz_place(a->p->gaz, d->place.v[e.place].place, &r->place);
                annals__gaz_country(a->p->gaz, r->place.country, &gc);
                memcpy(r->place_cc, gc.alpha2, 3);
                r->has_place = 1;
            }
            a->hash[k] = (uint32_t)(a->n + 1);
            a->n++;
        }
        r->mentions += (uint32_t)e.mentions;
        if (r->last_doc != a->docs) {
            r->last_doc = a->docs;
            r->articles++;
            if (d->has_tone && d->tone.words > 0) {
                r->tone_sum += (d->tone.pos_score - d->tone.neg_score) * 100.0 / d->tone.words;
                r->toned++;
            }
            TRY(add_source(a, r, source));
        }
    }
    return ANNALS_OK;
}

/* A fixed-point number without locale. */
static int fixed(struct annals_buf *b, double v, int places)
{
    long long scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    long long m = llround(v * (double)scale), x = m < 0 ? -m : m;
    return annals__buf_printf(b, "%s%lld.%0*lld", m < 0 ? "-" : "", x / scale, places,
                              x % scale);
}

/* A TSV field: tabs and newlines become spaces. */
static int field(struct annals_buf *b, const char *s)
{
    TRY(annals__buf_addc(b, '\t'));
    for (; s != NULL && *s != '\0'; s++)
        TRY(annals__buf_addc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s));
    return ANNALS_OK;
}

static int actor_cols(struct annals_buf *b, const char *code, const char *name,
                      const char *country, const char *sector)
{
    TRY(field(b, code));
    TRY(field(b, name));
    TRY(field(b, country));
    for (int i = 0; i < 4; i++)       /* known group, ethnic, religion 1 and 2 */
        TRY(field(b, ""));
    TRY(field(b, sector));
    TRY(field(b, ""));
    return field(b, "");
}

int annals_events_agg_gdelt(const annals_events_agg *a,
                            int (*write)(void *ud, const char *s, size_t n), void *ud)
{
    struct annals_buf b;
    int rc = ANNALS_OK;

    if (a == NULL || write == NULL)
        return ANNALS_EINVAL;
    annals__buf_init(&b, &a->alloc, 0);
    for (size_t i = 0; i < a->n && rc == ANNALS_OK; i++) {
        const struct agg_row *r = &a->row[i];
        b.len = 0;
        rc = annals__buf_printf(&b, "%zu", i + 1);
        if (rc == ANNALS_OK && r->day[0] != '\0') {
            int y = (r->day[0] - '0') * 1000 + (r->day[1] - '0') * 100 +
                    (r->day[2] - '0') * 10 + (r->day[3] - '0');
            int m = (r->day[4] - '0') * 10 + (r->day[5] - '0');
            int dd = (r->day[6] - '0') * 10 + (r->day[7] - '0');
            /* GDELT's FractionDate: year + (month * 30 + day) / 365 */
            rc = annals__buf_printf(&b, "\t%s\t%.6s\t%.4s\t", r->day, r->day, r->day);
            if (rc == ANNALS_OK)
                rc = fixed(&b, y + ((m - 1) * 30 + dd) / 365.0, 4);
        } else if (rc == ANNALS_OK) {
            rc = annals__buf_add(&b, "\t\t\t\t", 4);
        }
        if (rc == ANNALS_OK)
            rc = actor_cols(&b, r->src, r->src_name, r->src_country, r->src_sector);
        if (rc == ANNALS_OK)
            rc = actor_cols(&b, r->tgt, r->tgt_name, r->tgt_country, r->tgt_sector);
        if (rc == ANNALS_OK)
            rc = annals__buf_printf(&b, "\t%d\t%s\t%.3s\t%s\t%d\t", r->is_root, r->code,
                                    r->code, r->root, r->quad);
        if (rc == ANNALS_OK)
            rc = fixed(&b, r->goldstein, 1);
        if (rc == ANNALS_OK)
            rc = annals__buf_printf(&b, "\t%u\t%u\t%u\t", (unsigned)r->mentions,
                                    (unsigned)r->sources, (unsigned)r->articles);
        if (rc == ANNALS_OK && r->toned > 0)
            rc = fixed(&b, r->tone_sum / r->toned, 4);
        /* Actor1Geo and Actor2Geo: 8 empty columns each */
        for (int k = 0; k < 16 && rc == ANNALS_OK; k++)
            rc = field(&b, "");
        if (rc == ANNALS_OK && r->has_place) {
            int us = strcmp(r->place_cc, "US") == 0;
            int type = r->place.kind == GAZ_COUNTRY ? 1 : r->place.kind == GAZ_ADMIN1 ?
                       (us ? 2 : 5) : (us ? 3 : 4);
            rc = annals__buf_printf(&b, "\t%d", type);
            if (rc == ANNALS_OK)
                rc = field(&b, r->place.name);
            if (rc == ANNALS_OK)
                rc = field(&b, r->place_cc);
            if (rc == ANNALS_OK)
                rc = annals__buf_add(&b, "\t\t\t", 3);      /* ADM1, ADM2 */
            if (rc == ANNALS_OK && (r->place.flags & GAZ_F_COORDS)) {
                rc = fixed(&b, r->place.lat / 100000.0, 5);
                if (rc == ANNALS_OK)
                    rc = annals__buf_addc(&b, '\t');
                if (rc == ANNALS_OK)
                    rc = fixed(&b, r->place.lon / 100000.0, 5);
            } else if (rc == ANNALS_OK) {
                rc = annals__buf_addc(&b, '\t');
            }
            if (rc == ANNALS_OK)
                rc = r->place.geonameid != 0 ?
                     annals__buf_printf(&b, "\t%u", (unsigned)r->place.geonameid) :
                     field(&b, "");
        } else {
            for (int k = 0; k < 8 && rc == ANNALS_OK; k++)
                rc = field(&b, "");
        }
        /* DATEADDED: the event day (the run keeps no clock, for determinism) */
        if (rc == ANNALS_OK)
            rc = r->day[0] != '\0' ? annals__buf_printf(&b, "\t%s000000", r->day) : field(&b, "");
        if (rc == ANNALS_OK)
            rc = field(&b, r->url);
        if (rc == ANNALS_OK)
            rc = annals__buf_addc(&b, '\n');
        if (rc == ANNALS_OK)
            rc = write(ud, b.data, b.len);
    }
    annals__buf_free(&b);
    return rc;
}
