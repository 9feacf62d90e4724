/* eval_quotes.c -- annals_eval_quotes(): score the quotation stage against
** gold JSON Lines (format in docs/QUOTES.md).
**
** Gold and system quotes are paired by their content spans: each gold quote,
** in order, takes the unpaired system quote whose content overlaps it most,
** if the overlap covers at least a third of the shorter of the two.
** Speakers: a system quote has a speaker when it names an entity or a
** phrase; it is right when its gold quote's speaker equals, after
** normalisation (case, a leading article, a final 's), one of the entity's
** mentions or the phrase, or is a whole-word ending of it or the reverse
** ("Kirby" and "John Kirby").  Speaker precision = right / system quotes
** with a speaker (spurious quotes included); recall = right / gold quotes
** with a speaker.  Content: bytes of gold content covered by paired system
** content, over gold bytes (recall) and system bytes (precision), and their
** F1; edge punctuation and spaces are not counted. */
#include "doc.h"
#include "eval_gold.h"
#include "json.h"
#include "quotes.h"

#include <stdio.h>
#include <string.h>

struct gold_quote {
    size_t start, end;          /* content, bytes of the text */
    const char *speaker;        /* NUL-terminated, or NULL */
    int kind;                   /* enum quote_kind, or -1 */
    int32_t sys;                /* paired system quote, or -1 */
};

#define MAX_GOLD 512

static int edge_char(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ',' || c == '.' ||
           c == '"' || c == '\'' || c == ';' || c == ':' || c == '?' || c == '!';
}

/* Shrink [*s, *e) of text past edge punctuation and spaces. */
static void shrink(const char *text, size_t *s, size_t *e)
{
    while (*s < *e && edge_char(text[*s]))
        (*s)++;
    while (*e > *s && edge_char(text[*e - 1]))
        (*e)--;
}

static const char *find_bytes(const char *h, size_t hn, size_t from, const char *n, size_t nn)
{
    if (nn == 0 || nn > hn)
        return NULL;
    for (size_t i = from; i + nn <= hn; i++)
        if (h[i] == n[0] && memcmp(h + i, n, nn) == 0)
            return h + i;
    return NULL;
}

static int kind_of(const char *s)
{
    for (int k = 0; k < 4; k++)
        if (strcmp(s, annals__quote_kind_name(k)) == 0)
            return k;
    return -2;
}

static int read_gold(void *ctx, annals_doc *d, const struct gold_record *rec, void *gold,
                     size_t *ng, char *err, size_t errlen)
{
    const char *text = rec->text, *arr = rec->items;
    size_t tlen = rec->text_len, n = rec->items_len, pos = 0, s, e, cursor = 0;
    struct gold_quote *g = gold;
    (void)ctx;
    *ng = 0;
    while (annals__json_next_object(arr, n, &pos, &s, &e)) {
        struct json_member m[4] = {{"content", 0, NULL, 0}, {"speaker", 0, NULL, 0},
                                   {"kind", 0, NULL, 0}, {"content_span", 0, NULL, 0}};
        char jerr[128];
        if (*ng == MAX_GOLD) {
            annals__fmt(err, errlen, "more than %d gold quotes in a document", MAX_GOLD);
            return ANNALS_ETOOBIG;
        }
        if (annals__json_object(&d->arena, arr + s, e - s, m, 4, jerr, sizeof jerr) !=
            ANNALS_OK) {
            annals__fmt(err, errlen, "gold quote: %s", jerr);
            return ANNALS_EFORMAT;
        }
        struct gold_quote *q = &g[*ng];
        if (m[3].type == JSON_ARRAY) {
            unsigned long a = 0, b = 0;
            const char *p = m[3].value + 1;
            while (*p >= '0' && *p <= '9')
                a = a * 10 + (unsigned long)(*p++ - '0');
            if (*p++ != ',') {
                annals__fmt(err, errlen, "gold quote: bad content_span");
                return ANNALS_EFORMAT;
            }
            while (*p >= '0' && *p <= '9')
                b = b * 10 + (unsigned long)(*p++ - '0');
            if (b <= a || b > tlen) {
                annals__fmt(err, errlen, "gold quote: bad content_span");
                return ANNALS_EFORMAT;
            }
            q->start = a;
            q->end = b;
        } else if (m[0].type == JSON_STRING) {
            const char *hit = find_bytes(text, tlen, cursor, m[0].value, m[0].len);
            if (hit == NULL)
                hit = find_bytes(text, tlen, 0, m[0].value, m[0].len);
            if (hit == NULL) {
                annals__fmt(err, errlen, "gold content not in the text: %.60s", m[0].value);
                return ANNALS_EFORMAT;
            }
            q->start = (size_t)(hit - text);
            q->end = q->start + m[0].len;
        } else {
            annals__fmt(err, errlen, "gold quote needs \"content\" or \"content_span\"");
            return ANNALS_EFORMAT;
        }
        cursor = q->start;
        q->speaker = m[1].type == JSON_STRING && m[1].len > 0 ? m[1].value : NULL;
        q->kind = m[2].type == JSON_STRING ? kind_of(m[2].value) : -1;
        if (q->kind == -2) {
            annals__fmt(err, errlen, "gold quote: unknown kind \"%s\"", m[2].value);
            return ANNALS_EFORMAT;
        }
        q->sys = -1;
        (*ng)++;
    }
    return ANNALS_OK;
}

/* Lower-case s[0..n) into out (cap bytes) without a leading article or a
** final "'s"; spaces collapsed.  Returns its length. */
static size_t norm_name(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    while (n > 0 && (s[0] == ' ' || s[0] == '\n'))
        s++, n--;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = s[i];
        if (c == '\n' || c == '\t')
            c = ' ';
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c == ' ' && (k == 0 || out[k - 1] == ' '))
            continue;
        out[k++] = c;
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    if (k >= 2 && out[k - 2] == '\'' && out[k - 1] == 's')
        k -= 2;
    out[k] = '\0';
    static const char *const art[] = {"the ", "a ", "an "};
    for (size_t a = 0; a < 3; a++) {
        size_t an = strlen(art[a]);
        if (k > an && strncmp(out, art[a], an) == 0) {
            memmove(out, out + an, k - an + 1);
            k -= an;
            break;
        }
    }
    return k;
}

/* Same name, or one a whole-word ending of the other. */
static int name_match(const char *gold, const char *s, size_t n)
{
    char a[256], b[256];
    size_t na = norm_name(gold, strlen(gold), a, sizeof a);
    size_t nb = norm_name(s, n, b, sizeof b);
    if (na == 0 || nb == 0)
        return 0;
    if (na == nb)
        return memcmp(a, b, na) == 0;
    if (na > nb)
        return a[na - nb - 1] == ' ' && memcmp(a + na - nb, b, nb) == 0;
    return b[nb - na - 1] == ' ' && memcmp(b + nb - na, a, na) == 0;
}

static int speaker_right(const annals_doc *d, const struct doc_quote *q, const char *gold)
{
    if (gold == NULL)
        return 0;
    if (q->name_end > q->name_start &&
        name_match(gold, d->text + q->name_start, q->name_end - q->name_start))
        return 1;
    if (q->entity >= 0)
        for (int32_t k = (int32_t)d->ent.v[q->entity].first; k >= 0; k = d->ment.v[k].next) {
            const struct doc_mention *m = &d->ment.v[k];
            size_t s = d->tok.v[m->tok].start, e = d->tok.v[m->tok + m->n_tok - 1].end;
            if (name_match(gold, d->text + s, e - s))
                return 1;
        }
    return 0;
}

static void say(void (*report)(void *, const char *), void *ud, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(void (*report)(void *, const char *), void *ud, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    if (report == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    report(ud, line);
}

struct quote_eval {
    struct annals_quote_scores *sc;
    double cbytes[3];           /* gold, system, overlapping content bytes */
    void (*report)(void *, const char *);
    void *ud;
};

static void score_doc(void *ctx, annals_doc *d, const struct gold_record *rec,
                      void *gold, size_t ng)
{
    struct quote_eval *qe = ctx;
    struct gold_quote *g = gold;
    struct annals_quote_scores *sc = qe->sc;
    double *cbytes = qe->cbytes;
    size_t line = rec->line;
    void (*report)(void *, const char *) = qe->report;
    void *ud = qe->ud;
    size_t nq = d->quote.n;
    uint8_t *taken = annals__arena_alloc(&d->arena, nq + 1);
    size_t cap = taken != NULL ? nq : 0;     /* out of memory: nothing pairs */

    if (taken != NULL)
        memset(taken, 0, nq + 1);
    sc->gold += ng;
    sc->system += nq;
    for (size_t j = 0; j < cap; j++) {
        size_t s = annals__doc_orig_offset(d, d->quote.v[j].cstart);
        size_t e = annals__doc_orig_offset(d, d->quote.v[j].cend);
        shrink(d->orig, &s, &e);
        cbytes[1] += (double)(e - s);
    }
    for (size_t i = 0; i < ng; i++) {
        size_t gs = g[i].start, ge = g[i].end, best = 0;
        int32_t bj = -1;
        shrink(d->orig, &gs, &ge);
        cbytes[0] += (double)(ge - gs);
        sc->gold_speakers += g[i].speaker != NULL;
        for (size_t j = 0; j < cap; j++) {
            if (taken[j])
                continue;
            size_t s = annals__doc_orig_offset(d, d->quote.v[j].cstart);
            size_t e = annals__doc_orig_offset(d, d->quote.v[j].cend);
            shrink(d->orig, &s, &e);
            size_t lo = s > gs ? s : gs, hi = e < ge ? e : ge;
            size_t ov = hi > lo ? hi - lo : 0;
            size_t shorter = e - s < ge - gs ? e - s : ge - gs;
            if (ov * 3 >= shorter && ov > best) {
                best = ov;
                bj = (int32_t)j;
            }
        }
        g[i].sys = bj;
        if (bj < 0) {
            say(report, ud, "line %zu: missed %s quote \"%.*s\" (speaker %s)", line,
                g[i].kind >= 0 ? annals__quote_kind_name(g[i].kind) : "a",
                (int)(ge - gs > 80 ? 80 : ge - gs), d->orig + gs,
                g[i].speaker ? g[i].speaker : "none");
            continue;
        }
        taken[bj] = 1;
        sc->matched++;
        cbytes[2] += (double)best;
        const struct doc_quote *q = &d->quote.v[bj];
        size_t s = annals__doc_orig_offset(d, q->cstart), e = annals__doc_orig_offset(d, q->cend);
        shrink(d->orig, &s, &e);
        if (s == gs && e == ge)
            sc->content_exact++;
        if (g[i].kind < 0 || g[i].kind == q->kind)
            sc->kind_ok++;
        int has = q->entity >= 0 || q->name_end > q->name_start;
        if (has && speaker_right(d, q, g[i].speaker)) {
            sc->speaker_right++;
        } else if (has || g[i].speaker != NULL) {
            char name[128];
            size_t nn = 0;
            if (q->name_end > q->name_start) {
                nn = q->name_end - q->name_start < sizeof name - 1 ? q->name_end - q->name_start
                                                                   : sizeof name - 1;
                memcpy(name, d->text + q->name_start, nn);
            }
            name[nn] = '\0';
            say(report, ud, "line %zu: speaker %s%s%s, gold %s: \"%.*s\"", line,
                has ? name : "none", q->entity >= 0 ? " (entity)" : "",
                has && nn == 0 ? "?" : "", g[i].speaker ? g[i].speaker : "none",
                (int)(ge - gs > 60 ? 60 : ge - gs), d->orig + gs);
        }
    }
    for (size_t j = 0; j < nq; j++) {
        const struct doc_quote *q = &d->quote.v[j];
        int has = q->entity >= 0 || q->name_end > q->name_start;
        sc->system_speakers += has;
        if (j < cap && !taken[j]) {
            size_t s = annals__doc_orig_offset(d, q->cstart), e = annals__doc_orig_offset(d, q->cend);
            say(report, ud, "line %zu: spurious %s quote \"%.*s\"%s", line,
                annals__quote_kind_name(q->kind), (int)(e - s > 80 ? 80 : e - s), d->orig + s,
                has ? " with a speaker" : "");
        }
    }
}

static void prf(double correct, double sys, double gold, double *p, double *r, double *f)
{
    *p = sys > 0 ? 100.0 * correct / sys : 0.0;
    *r = gold > 0 ? 100.0 * correct / gold : 0.0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

int annals_eval_quotes(const annals_pipeline *p, const char *jsonl, size_t len,
                       struct annals_quote_scores *out,
                       void (*report)(void *ud, const char *line), void *ud, char *errbuf,
                       size_t errlen)
{
    struct quote_eval qe = {out, {0, 0, 0}, report, ud};
    struct gold_eval ev = {"quotes", sizeof(struct gold_quote), MAX_GOLD, read_gold, score_doc,
                           &qe};
    int rc;

    if (p == NULL || out == NULL || (jsonl == NULL && len > 0))
        return ANNALS_EINVAL;
    memset(out, 0, sizeof *out);
    if (p->syn == NULL) {
        annals__fmt(errbuf, errlen, "no syntax models: open the pipeline with a model_dir");
        return ANNALS_EINVAL;
    }
    rc = annals__gold_eval(p, jsonl, len, &ev, &out->documents, errbuf, errlen);
    prf((double)out->matched, (double)out->system, (double)out->gold, &out->quotes.precision,
        &out->quotes.recall, &out->quotes.f1);
    out->quotes.gold = out->gold;
    out->quotes.system = out->system;
    out->quotes.correct = out->matched;
    prf((double)out->speaker_right, (double)out->system_speakers, (double)out->gold_speakers,
        &out->speakers.precision, &out->speakers.recall, &out->speakers.f1);
    out->speakers.gold = out->gold_speakers;
    out->speakers.system = out->system_speakers;
    out->speakers.correct = out->speaker_right;
    prf(qe.cbytes[2], qe.cbytes[1], qe.cbytes[0], &out->content.precision, &out->content.recall,
        &out->content.f1);
    out->content.gold = (size_t)qe.cbytes[0];
    out->content.system = (size_t)qe.cbytes[1];
    out->content.correct = (size_t)qe.cbytes[2];
    return rc;
}
