/* tokenize.c -- split text into tokens with byte offsets (baseline: blank
** space and edge punctuation). */
#include "doc.h"

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_edge_punct(unsigned char c)
{
    return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' ||
           c == '"' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\'';
}

static int push_token(annals_doc *d, size_t s, size_t e, int space_after)
{
    struct doc_token *t = DOC_PUSH(d, d->tok);
    struct doc_word *w;
    if (t == NULL)
        return ANNALS_ENOMEM;
    w = DOC_PUSH(d, d->word);
    if (w == NULL)
        return ANNALS_ENOMEM;
    t->start = (uint32_t)s;
    t->end = (uint32_t)e;
    t->first_word = (uint32_t)(d->word.n - 1);
    t->n_words = 1;
    t->space_after = (uint8_t)space_after;
    w->form = d->text + s;
    w->form_len = (uint32_t)(e - s);
    w->token = (uint32_t)(d->tok.n - 1);
    return ANNALS_OK;
}

int annals__tokenize(annals_doc *d, size_t start, size_t end)
{
    const unsigned char *t = (const unsigned char *)d->text;
    size_t i = start;
    int rc;

    while (i < end) {
        size_t s, e, ws, we;
        while (i < end && is_blank(t[i]))
            i++;
        if (i >= end)
            break;
        s = i;
        while (i < end && !is_blank(t[i]))
            i++;
        e = i;
        ws = s;
        we = e;
        while (ws < we && is_edge_punct(t[ws])) {
            rc = push_token(d, ws, ws + 1, 0);
            if (rc != ANNALS_OK)
                return rc;
            ws++;
        }
        while (we > ws && is_edge_punct(t[we - 1]))
            we--;
        if (we > ws) {
            rc = push_token(d, ws, we, we == e && e < end);
            if (rc != ANNALS_OK)
                return rc;
        }
        for (size_t k = we; k < e; k++) {
            rc = push_token(d, k, k + 1, k + 1 == e && e < end);
            if (rc != ANNALS_OK)
                return rc;
        }
    }
    return ANNALS_OK;
}
