/* eval_gold.c -- the record loop shared by the evaluations of the places,
** quotations, actors and events stages, and the driver that runs one of
** them over a whole gold file (eval_gold.h). */
#include "eval_gold.h"
#include "json.h"

#include <string.h>

int annals__gold_next(const annals_pipeline *p, annals_doc *d, const char *jsonl,
                      size_t len, size_t *pos, size_t *line, const char *items,
                      struct gold_record *rec, char *errbuf, size_t errlen)
{
    while (*pos < len) {
        const char *nl = memchr(jsonl + *pos, '\n', len - *pos);
        size_t end = nl != NULL ? (size_t)(nl - jsonl) : len;
        const char *s = jsonl + *pos;
        size_t n = end - *pos;
        struct json_member m[3] = {{"text", 0, NULL, 0}, {"date", 0, NULL, 0},
                                   {items, 0, NULL, 0}};
        char why[128];
        int rc;

        (*line)++;
        *pos = end + 1;
        while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' '))
            n--;
        if (n == 0)
            continue;
        annals_doc_reset(d);
        rc = annals__json_object(&d->arena, s, n, m, 3, why, sizeof why);
        if (rc != ANNALS_OK) {
            annals__fmt(errbuf, errlen, "line %zu: %s", *line, why);
            return rc;
        }
        if (m[0].type != JSON_STRING || m[2].type != JSON_ARRAY) {
            annals__fmt(errbuf, errlen, "line %zu: needs \"text\" and \"%s\"", *line, items);
            return ANNALS_EFORMAT;
        }
        if (m[1].type == JSON_STRING) {
            rc = annals_doc_set_meta(d, ANNALS_META_DATE, m[1].value, m[1].len);
            if (rc != ANNALS_OK) {
                annals__fmt(errbuf, errlen, "line %zu: %s", *line, annals_doc_errmsg(d));
                return rc;
            }
        }
        /* The text lives in the arena, which annotation keeps. */
        rc = annals_annotate(p, d, m[0].value, m[0].len);
        if (rc != ANNALS_OK) {
            annals__fmt(errbuf, errlen, "line %zu: %s", *line, annals_doc_errmsg(d));
            return rc;
        }
        rec->text = m[0].value;
        rec->text_len = m[0].len;
        rec->items = m[2].value;
        rec->items_len = m[2].len;
        rec->line = *line;
        return ANNALS_OK;
    }
    return ANNALS_DONE;
}

int annals__gold_eval(const annals_pipeline *p, const char *jsonl, size_t len,
                      const struct gold_eval *ev, size_t *documents, char *errbuf, size_t errlen)
{
    annals_doc *d = NULL;
    size_t line = 0, pos = 0, bytes = ev->gold_size * ev->max_gold;
    void *gold;
    int rc = annals_doc_new(p, &d);

    if (rc != ANNALS_OK)
        return rc;
    gold = annals__malloc(&p->alloc, bytes);
    if (gold == NULL) {
        annals_doc_free(d);
        return ANNALS_ENOMEM;
    }
    for (;;) {
        struct gold_record rec;
        size_t ng = 0;
        char why[256];
        rc = annals__gold_next(p, d, jsonl, len, &pos, &line, ev->items, &rec, errbuf, errlen);
        if (rc != ANNALS_OK)
            break;
        rc = ev->read(ev->ud, d, &rec, gold, &ng, why, sizeof why);
        if (rc != ANNALS_OK) {
            annals__fmt(errbuf, errlen, "line %zu: %s", rec.line, why);
            break;
        }
        (*documents)++;
        ev->score(ev->ud, d, &rec, gold, ng);
    }
    if (rc == ANNALS_DONE)
        rc = ANNALS_OK;
    annals__free(&p->alloc, gold, bytes);
    annals_doc_free(d);
    return rc;
}
