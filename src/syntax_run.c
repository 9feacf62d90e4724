/* syntax_run.c -- the syntax stage inside the pipeline: loads the three
** models of a model directory and annotates the words of a document,
** sentence by sentence (tag, lemmatise, parse).  Writes only the syntax
** fields of struct doc_word and arena strings for changed lemmas. */
#include "doc.h"
#include "syntax.h"

#include <stdio.h>
#include <string.h>

struct syn_models {
    struct tagger *tagger;
    struct lemmatizer *lemmatizer;
    struct parser *parser;
};

static int open_one(const struct annals_alloc *a, const char *dir, const char *name,
                    struct annals_model *m, char *err, size_t errlen)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        annals__fmt(err, errlen, "%s: model directory path too long", dir);
        return ANNALS_EINVAL;
    }
    return annals__model_load(a, path, m, err, errlen);
}

int annals__syntax_open(const struct annals_alloc *a, const struct annals_options *o,
                        struct syn_models **out, char *err, size_t errlen)
{
    const char *dir = o->model_dir;
    struct syn_models *s;
    struct annals_model m;
    char why[400];
    int rc;

    *out = NULL;
    s = annals__malloc(a, sizeof *s);
    if (s == NULL) {
        annals__fmt(err, errlen, "out of memory");
        return ANNALS_ENOMEM;
    }
    memset(s, 0, sizeof *s);
    rc = open_one(a, dir, "tagger.model", &m, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    rc = annals__tagger_open(a, &m, &s->tagger, why, sizeof why);
    annals__model_free(&m);
    if (rc != ANNALS_OK) {
        annals__fmt(err, errlen, "%s/tagger.model: %s", dir, why);
        goto fail;
    }
    rc = open_one(a, dir, "lemmatizer.model", &m, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    rc = annals__lemmatizer_open(a, &m, &s->lemmatizer, why, sizeof why);
    annals__model_free(&m);
    if (rc != ANNALS_OK) {
        annals__fmt(err, errlen, "%s/lemmatizer.model: %s", dir, why);
        goto fail;
    }
    rc = open_one(a, dir, "parser.model", &m, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    rc = annals__parser_open(a, &m, &s->parser, why, sizeof why);
    annals__model_free(&m);
    if (rc != ANNALS_OK) {
        annals__fmt(err, errlen, "%s/parser.model: %s", dir, why);
        goto fail;
    }
    annals__parser_set_beam(s->parser, o->parse_beam, o->parse_beam_temperature,
                            o->parse_beam_drop);
    *out = s;
    return ANNALS_OK;
fail:
    annals__syntax_close(a, s);
    return rc;
}

void annals__syntax_close(const struct annals_alloc *a, struct syn_models *s)
{
    if (s == NULL)
        return;
    annals__tagger_free(s->tagger);
    annals__lemmatizer_free(s->lemmatizer);
    annals__parser_free(s->parser);
    annals__free(a, s, sizeof *s);
}

int annals__syntax_sentence(const struct syn_models *m, struct syn_word *w, size_t n,
                            char *lemma_buf, struct syn_scratch *s)
{
    int rc = annals__tagger_tag(m->tagger, w, n, s);
    if (rc != ANNALS_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        annals__lemmatize(m->lemmatizer, &w[i], lemma_buf);
        lemma_buf += annals__lemma_room(m->lemmatizer, w[i].form_len);
    }
    return annals__parser_parse(m->parser, w, n, s);
}

size_t annals__syntax_lemma_room(const struct syn_models *m, const struct syn_word *w,
                                 size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += annals__lemma_room(m->lemmatizer, w[i].form_len);
    return k;
}

int annals__syntax_run(const annals_pipeline *p, annals_doc *d)
{
    const struct syn_models *m = p->syn;
    struct syn_scratch s;
    struct syn_word *w = NULL;
    size_t cap = 0;
    int rc = ANNALS_OK;

    annals__scratch_init(&s, d->alloc);
    for (size_t si = 0; si < d->sent.n && rc == ANNALS_OK; si++) {
        const struct doc_sentence *sent = &d->sent.v[si];
        size_t first, n;
        char *lemmas;
        if (sent->n_tokens == 0)
            continue;
        first = d->tok.v[sent->first_token].first_word;
        {
            const struct doc_token *last = &d->tok.v[sent->first_token + sent->n_tokens - 1];
            n = last->first_word + last->n_words - first;
        }
        if (n > SYN_MAX_WORDS) {
            rc = annals__doc_fail(d, ANNALS_ETOOBIG, "sentence %zu: %zu words, the parser "
                                  "takes at most %d", si, n, SYN_MAX_WORDS);
            break;
        }
        if (n > cap) {
            void *nw = annals__realloc(d->alloc, w, cap * sizeof *w, n * sizeof *w);
            if (nw == NULL) {
                rc = annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
                break;
            }
            w = nw;
            cap = n;
        }
        memset(w, 0, n * sizeof *w);
        for (size_t i = 0; i < n; i++) {
            w[i].form = d->word.v[first + i].form;
            w[i].form_len = d->word.v[first + i].form_len;
        }
        lemmas = annals__arena_alloc(&d->arena, annals__syntax_lemma_room(m, w, n));
        if (lemmas == NULL) {
            rc = annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
            break;
        }
        rc = annals__syntax_sentence(m, w, n, lemmas, &s);
        if (rc != ANNALS_OK) {
            annals__doc_fail(d, rc, "sentence %zu: syntax stage failed", si);
            break;
        }
        for (size_t i = 0; i < n; i++) {
            struct doc_word *dw = &d->word.v[first + i];
            dw->upos = w[i].upos;
            dw->xpos = w[i].xpos;
            dw->lemma = w[i].lemma;
            dw->lemma_len = w[i].lemma_len;
            dw->head = w[i].head == 0 ? -1 : (int64_t)(first + (size_t)w[i].head - 1);
            dw->deprel = w[i].deprel_s;
        }
    }
    annals__free(d->alloc, w, cap * sizeof *w);
    annals__scratch_free(&s);
    d->has_syntax = rc == ANNALS_OK;
    return rc;
}
