/* eval_actors.c -- annals_eval_actors(): score the actor stage against gold
** JSON Lines (format in docs/ACTORS.md).  Each gold phrase is found in the
** text (its nth whole-word occurrence); the system's answer for it is the
** actor of the last word inside it that has one, or none. */
#include "actors.h"
#include "eval_gold.h"
#include "json.h"

#include <string.h>

#define MAX_GOLD 256

struct gold_actor {
    const char *phrase;
    size_t len;
    size_t nth;                 /* 1 = first occurrence */
    char code[ACTOR_CODE_MAX];  /* "" = no actor */
};

static int word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           (unsigned char)ch >= 0x80;
}

/* Byte offset of the nth whole-word occurrence of (s, n) in text, or SIZE_MAX. */
static size_t find_phrase(const char *text, size_t tlen, const char *s, size_t n, size_t nth)
{
    if (n == 0 || n > tlen)
        return SIZE_MAX;
    for (size_t i = 0; i + n <= tlen; i++) {
        if (memcmp(text + i, s, n) != 0)
            continue;
        if ((i > 0 && word_char(text[i - 1]) && word_char(s[0])) ||
            (i + n < tlen && word_char(text[i + n]) && word_char(s[n - 1])))
            continue;
        if (--nth == 0)
            return i;
    }
    return SIZE_MAX;
}

static int read_gold(void *ctx, annals_doc *d, const struct gold_record *rec, void *gold,
                     size_t *ng, char *err, size_t errlen)
{
    const char *arr = rec->items;
    size_t n = rec->items_len, pos = 0, s, e;
    struct gold_actor *g = gold;
    (void)ctx;
    *ng = 0;
    while (annals__json_next_object(arr, n, &pos, &s, &e)) {
        struct json_member m[3] = {{"phrase", 0, NULL, 0}, {"code", 0, NULL, 0},
                                   {"nth", 0, NULL, 0}};
        char jerr[128];
        if (*ng == MAX_GOLD) {
            annals__fmt(err, errlen, "more than %d gold phrases in a document", MAX_GOLD);
            return ANNALS_ETOOBIG;
        }
        if (annals__json_object(&d->arena, arr + s, e - s, m, 3, jerr, sizeof jerr) !=
            ANNALS_OK) {
            annals__fmt(err, errlen, "gold actor: %s", jerr);
            return ANNALS_EFORMAT;
        }
        if (m[0].type != JSON_STRING || m[0].len == 0 ||
            (m[1].type != JSON_STRING && m[1].type != JSON_NULL) ||
            (m[1].type == JSON_STRING && (m[1].len == 0 || m[1].len >= ACTOR_CODE_MAX))) {
            annals__fmt(err, errlen, "gold actor needs a \"phrase\" and a \"code\" (or null)");
            return ANNALS_EFORMAT;
        }
        struct gold_actor *x = &g[(*ng)++];
        x->phrase = m[0].value;
        x->len = m[0].len;
        x->nth = 1;
        if (m[2].type == JSON_NUMBER) {
            size_t v = 0;
            for (const char *q = m[2].value; *q >= '0' && *q <= '9'; q++)
                v = v * 10 + (size_t)(*q - '0');
            if (v == 0 || v > 1000) {
                annals__fmt(err, errlen, "gold actor: \"nth\" must be 1 to 1000");
                return ANNALS_EFORMAT;
            }
            x->nth = v;
        }
        x->code[0] = '\0';
        if (m[1].type == JSON_STRING)
            memcpy(x->code, m[1].value, m[1].len + 1);
    }
    return ANNALS_OK;
}

/* The system's actor for text bytes [s, e): the last word inside with one. */
static const struct doc_actor *actor_in(const annals_doc *d, size_t s, size_t e)
{
    for (size_t w = d->word.n; w-- > 0;) {
        const struct doc_token *t = &d->tok.v[d->word.v[w].token];
        size_t ts = annals__doc_orig_offset(d, t->start), te = annals__doc_orig_offset(d, t->end);
        if (ts >= s && te <= e) {
            const struct doc_actor *a = annals__actor_of_word(d, w);
            if (a != NULL)
                return a;
        }
    }
    return NULL;
}

struct actor_eval {
    struct annals_actor_scores *sc;
    void (*report)(void *ud, const char *line);
    void *ud;
};

static void score_doc(void *ctx, annals_doc *d, const struct gold_record *rec,
                      void *gold, size_t ng)
{
    const struct actor_eval *ae = ctx;
    const struct gold_actor *g = gold;
    struct annals_actor_scores *sc = ae->sc;
    const char *text = rec->text;
    size_t tlen = rec->text_len, line = rec->line;
    void (*report)(void *ud, const char *line) = ae->report;
    void *ud = ae->ud;
    for (size_t i = 0; i < ng; i++) {
        char got[ACTOR_CODE_MAX] = "", msg[512];
        size_t at = find_phrase(text, tlen, g[i].phrase, g[i].len, g[i].nth);
        const struct doc_actor *a = at != SIZE_MAX ? actor_in(d, at, at + g[i].len) : NULL;
        int ok;

        sc->gold++;
        if (a != NULL)
            annals__actor_code(a, got);
        ok = strcmp(got, g[i].code) == 0;
        sc->correct += (size_t)ok;
        if (g[i].code[0] == '\0') {
            sc->gold_none++;
            sc->none_ok += (size_t)ok;
        } else {
            sc->gold_actors++;
            if (a != NULL) {
                sc->covered++;
                sc->covered_correct += (size_t)ok;
                sc->country_ok += (size_t)(strncmp(got, g[i].code, 3) == 0);
            }
        }
        if (!ok && report != NULL) {
            annals__fmt(msg, sizeof msg, "line %zu: '%.*s'%s: expected %s, got %s", line,
                        (int)g[i].len, g[i].phrase, at == SIZE_MAX ? " (not in the text)" : "",
                        g[i].code[0] ? g[i].code : "none", got[0] ? got : "none");
            report(ud, msg);
        }
    }
}

int annals_eval_actors(const annals_pipeline *p, const char *jsonl, size_t len,
                       struct annals_actor_scores *out,
                       void (*report)(void *ud, const char *line), void *ud, char *errbuf,
                       size_t errlen)
{
    struct actor_eval ae = {out, report, ud};
    struct gold_eval ev = {"actors", sizeof(struct gold_actor), MAX_GOLD, read_gold, score_doc,
                           &ae};

    if (p == NULL || out == NULL || (jsonl == NULL && len > 0))
        return ANNALS_EINVAL;
    memset(out, 0, sizeof *out);
    if (p->syn == NULL) {
        annals__fmt(errbuf, errlen, "no syntax models: open the pipeline with a model_dir");
        return ANNALS_EINVAL;
    }
    return annals__gold_eval(p, jsonl, len, &ev, &out->documents, errbuf, errlen);
}
