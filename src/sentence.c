/* sentence.c -- group tokens into sentences (baseline: final punctuation). */
#include "doc.h"

static int push_sentence(annals_doc *d, size_t first, size_t n, int role)
{
    struct doc_sentence *s;
    if (n > d->opt->max_sentence_tokens)
        return annals__doc_fail(d, ANNALS_ETOOBIG,
                                "sentence of %zu tokens exceeds the limit of %zu", n,
                                d->opt->max_sentence_tokens);
    s = DOC_PUSH(d, d->sent);
    if (s == NULL)
        return ANNALS_ENOMEM;
    s->first_token = (uint32_t)first;
    s->n_tokens = (uint32_t)n;
    s->role = (uint8_t)role;
    return ANNALS_OK;
}

int annals__split_sentences(annals_doc *d, size_t first, size_t n, int role)
{
    size_t start = first, end = first + n;
    for (size_t i = first; i < end; i++) {
        const struct doc_token *t = &d->tok.v[i];
        char c = d->text[t->end - 1];
        if (t->end - t->start == 1 && (c == '.' || c == '!' || c == '?')) {
            int rc = push_sentence(d, start, i + 1 - start, role);
            if (rc != ANNALS_OK)
                return rc;
            start = i + 1;
        }
    }
    if (start < end)
        return push_sentence(d, start, end - start, role);
    return ANNALS_OK;
}
