/* eval_events.c -- annals_eval_events(): score the event stage against gold
** JSON Lines (format in docs/EVENTS.md).  Within each record, system and
** gold events are paired one to one, first those that agree on the actors
** too, then the rest; a pair counts at the full-code, root-code or
** quad-class level when the codes agree at that level. */
#include "doc.h"
#include "eval_gold.h"
#include "json.h"
#include "ontology.h"

#include <string.h>

#define MAX_EV 64

struct ev_key {
    char code[5];
    char src[20], tgt[20];
};

static void copy_code(char *dst, size_t cap, const struct json_member *m)
{
    dst[0] = '\0';
    if (m->type == JSON_STRING)
        annals__fmt(dst, cap, "%s", m->value);
}

static int read_gold(void *ctx, annals_doc *d, const struct gold_record *rec, void *gold,
                     size_t *ng, char *err, size_t errlen)
{
    const char *arr = rec->items;
    size_t n = rec->items_len, pos = 0, s, e;
    struct ev_key *g = gold;
    (void)ctx;
    *ng = 0;
    while (annals__json_next_object(arr, n, &pos, &s, &e)) {
        struct json_member m[3] = {{"code", 0, NULL, 0}, {"source", 0, NULL, 0},
                                   {"target", 0, NULL, 0}};
        char jerr[128];
        if (*ng == MAX_EV) {
            annals__fmt(err, errlen, "more than %d gold events in a record", MAX_EV);
            return ANNALS_ETOOBIG;
        }
        if (annals__json_object(&d->arena, arr + s, e - s, m, 3, jerr, sizeof jerr) != ANNALS_OK) {
            annals__fmt(err, errlen, "gold event: %s", jerr);
            return ANNALS_EFORMAT;
        }
        if (m[0].type != JSON_STRING ||
            annals__onto_event(annals__onto_builtin(), m[0].value, m[0].len) == NULL) {
            annals__fmt(err, errlen, "gold event needs a known CAMEO \"code\"");
            return ANNALS_EFORMAT;
        }
        copy_code(g[*ng].code, sizeof g[*ng].code, &m[0]);
        copy_code(g[*ng].src, sizeof g[*ng].src, &m[1]);
        copy_code(g[*ng].tgt, sizeof g[*ng].tgt, &m[2]);
        (*ng)++;
    }
    return ANNALS_OK;
}

static int quad_of(const char *code)
{
    return annals__onto_quad_of_root(annals__onto_root(code, strlen(code)));
}

static int same_at(const struct ev_key *a, const struct ev_key *b, int level)
{
    if (level == 0)
        return strcmp(a->code, b->code) == 0;
    if (level == 1)
        return a->code[0] == b->code[0] && a->code[1] == b->code[1];
    return quad_of(a->code) == quad_of(b->code);
}

static int same_actors(const struct ev_key *a, const struct ev_key *b)
{
    return strcmp(a->src, b->src) == 0 && strcmp(a->tgt, b->tgt) == 0;
}

/* Pair system and gold events at one level; returns the pairs made. */
static size_t pair(const struct ev_key *sys, size_t ns, const struct ev_key *g, size_t ng,
                   int level, int *gold_of)
{
    unsigned char used[MAX_EV] = {0};
    size_t made = 0;
    for (size_t i = 0; i < ns; i++)
        gold_of[i] = -1;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ns; i++) {
            if (gold_of[i] >= 0)
                continue;
            for (size_t k = 0; k < ng; k++)
                if (!used[k] && same_at(&sys[i], &g[k], level) &&
                    (pass == 1 || same_actors(&sys[i], &g[k]))) {
                    used[k] = 1;
                    gold_of[i] = (int)k;
                    made++;
                    break;
                }
        }
    return made;
}

static void prf(struct annals_prf *r)
{
    r->precision = r->system ? (double)r->correct / (double)r->system : 0.0;
    r->recall = r->gold ? (double)r->correct / (double)r->gold : 0.0;
    r->f1 = r->precision + r->recall > 0 ?
            2 * r->precision * r->recall / (r->precision + r->recall) : 0.0;
}

static void score(void *ctx, annals_doc *d, const struct gold_record *rec, void *gold,
                  size_t ng)
{
    struct annals_event_scores *sc = ctx;
    const struct ev_key *g = gold;
    (void)rec;
    struct ev_key sys[MAX_EV];
    int gold_of[MAX_EV];
    size_t ns = 0;
    struct annals_prf *lv[3] = {&sc->full, &sc->root, &sc->quad};

    for (size_t i = 0; i < d->ev.n && ns < MAX_EV; i++, ns++) {
        const struct doc_event *e = &d->ev.v[i];
        annals__fmt(sys[ns].code, sizeof sys[ns].code, "%s", e->code);
        annals__fmt(sys[ns].src, sizeof sys[ns].src, "%s", e->src.code);
        annals__fmt(sys[ns].tgt, sizeof sys[ns].tgt, "%s", e->tgt.code);
    }
    if (ng == 0) {
        sc->empty_records++;
        if (ns > 0)
            sc->empty_with_events++;
    }
    for (int level = 0; level < 3; level++) {
        lv[level]->gold += ng;
        lv[level]->system += ns;
        lv[level]->correct += pair(sys, ns, g, ng, level, gold_of);
        if (level != 1)
            continue;
        for (size_t i = 0; i < ns; i++) {
            if (gold_of[i] < 0)
                continue;
            int s_ok = strcmp(sys[i].src, g[gold_of[i]].src) == 0;
            int t_ok = strcmp(sys[i].tgt, g[gold_of[i]].tgt) == 0;
            sc->actor_pairs++;
            sc->source_ok += (size_t)s_ok;
            sc->target_ok += (size_t)t_ok;
            sc->both_ok += (size_t)(s_ok && t_ok);
        }
    }
}

int annals_eval_events(const annals_pipeline *p, const char *jsonl, size_t len,
                       struct annals_event_scores *out, char *errbuf, size_t errlen)
{
    struct gold_eval ev = {"events", sizeof(struct ev_key), MAX_EV, read_gold, score, out};
    int rc;

    if (p == NULL || out == NULL || (jsonl == NULL && len > 0))
        return ANNALS_EINVAL;
    memset(out, 0, sizeof *out);
    if (p->syn == NULL) {
        annals__fmt(errbuf, errlen, "no syntax models: open the pipeline with a model_dir");
        return ANNALS_EINVAL;
    }
    rc = annals__gold_eval(p, jsonl, len, &ev, &out->documents, errbuf, errlen);
    prf(&out->full);
    prf(&out->root);
    prf(&out->quad);
    return rc;
}
