/* eval_syntax.c -- annals_eval_syntax(): re-annotate the gold words of a
** CoNLL-U corpus with the pipeline's syntax models and score them by the
** CoNLL 2018 shared task definitions (with gold tokens every word aligns:
** UPOS, XPOS and lemma exact match; UAS head; LAS head and the universal
** part of the relation, before any ':').  Optionally writes the annotated
** corpus as CoNLL-U. */
#include "syntax.h"

#include <string.h>

static size_t uprefix(const char *s, size_t n)
{
    const char *c = memchr(s, ':', n);
    return c != NULL ? (size_t)(c - s) : n;
}

static int same(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && memcmp(a, b, an) == 0;
}

static int put_col(struct annals_buf *b, const char *s, size_t n, char end)
{
    int rc = n > 0 ? annals__buf_add(b, s, n) : annals__buf_addc(b, '_');
    return rc == ANNALS_OK ? annals__buf_addc(b, end) : rc;
}

/* One sentence as CoNLL-U. */
static int write_sentence(struct annals_buf *b, const struct conllu_corpus *c,
                          const struct conllu_sentence *cs, const struct syn_word *w)
{
    int rc = ANNALS_OK;
    /* (comments and forms may be longer than annals__buf_printf takes) */
    if (cs->sent_id.n > 0) {
        rc |= annals__buf_add(b, "# sent_id = ", 12);
        rc |= annals__buf_add(b, cs->sent_id.s, cs->sent_id.n);
        rc |= annals__buf_addc(b, '\n');
    }
    if (cs->text.n > 0) {
        rc |= annals__buf_add(b, "# text = ", 9);
        rc |= annals__buf_add(b, cs->text.s, cs->text.n);
        rc |= annals__buf_addc(b, '\n');
    }
    for (uint32_t t = cs->first_token; t < cs->first_token + cs->n_tokens; t++) {
        const struct conllu_token *tok = &c->tok[t];
        uint32_t w0 = tok->first_word - cs->first_word + 1;
        if (tok->n_words > 1) {
            rc |= annals__buf_printf(b, "%u-%u\t", (unsigned)w0,
                                     (unsigned)(w0 + tok->n_words - 1));
            rc |= annals__buf_add(b, tok->form.s, tok->form.n);
            rc |= annals__buf_printf(b, "\t_\t_\t_\t_\t_\t_\t_\t%s\n",
                                     tok->space_after ? "_" : "SpaceAfter=No");
        }
        for (uint32_t k = 0; k < tok->n_words; k++) {
            const struct syn_word *x = &w[tok->first_word - cs->first_word + k];
            int last_single = tok->n_words == 1 && !tok->space_after;
            rc |= annals__buf_printf(b, "%u\t", (unsigned)(w0 + k));
            rc |= put_col(b, x->form, x->form_len, '\t');
            rc |= put_col(b, x->lemma, x->lemma_len, '\t');
            rc |= put_col(b, x->upos, x->upos_len, '\t');
            rc |= put_col(b, x->xpos, x->xpos_len, '\t');
            rc |= annals__buf_printf(b, "_\t%d\t", (int)x->head);
            rc |= put_col(b, x->deprel_s, x->deprel_len, '\t');
            rc |= annals__buf_printf(b, "_\t%s\n", last_single ? "SpaceAfter=No" : "_");
        }
    }
    rc |= annals__buf_addc(b, '\n');
    return rc != ANNALS_OK ? ANNALS_ENOMEM : ANNALS_OK;
}

int annals_eval_syntax(const annals_pipeline *p, const char *conllu, size_t len,
                       struct annals_syntax_scores *out, char **conllu_out,
                       size_t *conllu_out_len, char *errbuf, size_t errlen)
{
    struct conllu_corpus c;
    struct syn_scratch s;
    struct syn_word *w = NULL;
    struct annals_buf ob;
    char *lemmas = NULL;
    size_t cap_w = 0, cap_l = 0;
    size_t ok_u = 0, ok_x = 0, ok_lem = 0, ok_h = 0, ok_l = 0;
    double secs = 0;
    int rc;

    if (conllu_out != NULL)
        *conllu_out = NULL;
    if (p == NULL || out == NULL || (conllu == NULL && len > 0))
        return ANNALS_EINVAL;
    memset(out, 0, sizeof *out);
    if (p->syn == NULL) {
        annals__fmt(errbuf, errlen, "the pipeline was opened without a model directory");
        return ANNALS_EINVAL;
    }
    rc = annals__conllu_parse(&p->alloc, conllu, len, &c, errbuf, errlen);
    if (rc != ANNALS_OK)
        return rc;
    annals__scratch_init(&s, &p->alloc);
    annals__buf_init(&ob, &p->alloc, 0);
    for (size_t si = 0; si < c.n_sent; si++) {
        const struct conllu_sentence *cs = &c.sent[si];
        size_t n = cs->n_words, room;
        double t0;
        if (n > SYN_MAX_WORDS) {
            annals__fmt(errbuf, errlen, "line %llu: sentence of %zu words (limit %d)",
                        (unsigned long long)cs->line, n, SYN_MAX_WORDS);
            rc = ANNALS_ETOOBIG;
            goto out;
        }
        if (n > cap_w) {
            void *nw = annals__realloc(&p->alloc, w, cap_w * sizeof *w, n * sizeof *w);
            if (nw == NULL)
                goto oom;
            w = nw;
            cap_w = n;
        }
        memset(w, 0, n * sizeof *w);
        for (size_t i = 0; i < n; i++) {
            w[i].form = c.word[cs->first_word + i].col[CONLLU_FORM].s;
            w[i].form_len = c.word[cs->first_word + i].col[CONLLU_FORM].n;
        }
        room = annals__syntax_lemma_room(p->syn, w, n);
        if (room > cap_l) {
            char *nl = annals__realloc(&p->alloc, lemmas, cap_l, room);
            if (nl == NULL)
                goto oom;
            lemmas = nl;
            cap_l = room;
        }
        t0 = annals__now();
        rc = annals__syntax_sentence(p->syn, w, n, lemmas, &s);
        secs += annals__now() - t0;
        if (rc != ANNALS_OK) {
            annals__fmt(errbuf, errlen, "line %llu: %s", (unsigned long long)cs->line,
                        annals_strerror(rc));
            goto out;
        }
        for (size_t i = 0; i < n; i++) {
            const struct conllu_word *g = &c.word[cs->first_word + i];
            const struct syn_word *x = &w[i];
            ok_u += same(g->col[CONLLU_UPOS].s, g->col[CONLLU_UPOS].n, x->upos, x->upos_len);
            ok_x += same(g->col[CONLLU_XPOS].s, g->col[CONLLU_XPOS].n, x->xpos, x->xpos_len);
            ok_lem += same(g->col[CONLLU_LEMMA].s, g->col[CONLLU_LEMMA].n, x->lemma,
                           x->lemma_len);
            if (g->head == x->head) {
                ok_h++;
                ok_l += same(g->col[CONLLU_DEPREL].s,
                             uprefix(g->col[CONLLU_DEPREL].s, g->col[CONLLU_DEPREL].n),
                             x->deprel_s, uprefix(x->deprel_s, x->deprel_len));
            }
        }
        if (conllu_out != NULL && write_sentence(&ob, &c, cs, w) != ANNALS_OK)
            goto oom;
    }
    out->sentences = c.n_sent;
    out->words = c.n_word;
    if (c.n_word > 0) {
        double n = (double)c.n_word;
        out->upos = 100.0 * (double)ok_u / n;
        out->xpos = 100.0 * (double)ok_x / n;
        out->lemma = 100.0 * (double)ok_lem / n;
        out->uas = 100.0 * (double)ok_h / n;
        out->las = 100.0 * (double)ok_l / n;
    }
    out->seconds = secs;
    if (conllu_out != NULL) {
        char *exact = ob.len + 1 < ob.cap ? annals__realloc(&p->alloc, ob.data, ob.cap, ob.len + 1)
                                          : ob.data;
        if (exact == NULL)
            goto oom;
        *conllu_out = exact;
        *conllu_out_len = ob.len;
        ob.data = NULL;
        ob.cap = 0;
    }
    rc = ANNALS_OK;
    goto out;
oom:
    rc = ANNALS_ENOMEM;
    annals__fmt(errbuf, errlen, "out of memory");
out:
    annals__buf_free(&ob);
    annals__free(&p->alloc, w, cap_w * sizeof *w);
    annals__free(&p->alloc, lemmas, cap_l);
    annals__scratch_free(&s);
    annals__conllu_free(&c);
    return rc;
}

int annals_annotate_conllu(const annals_pipeline *p, const char *conllu, size_t len,
                           char **out, size_t *out_len, char *errbuf, size_t errlen)
{
    struct annals_syntax_scores sc;
    if (out == NULL || out_len == NULL)
        return ANNALS_EINVAL;
    return annals_eval_syntax(p, conllu, len, &sc, out, out_len, errbuf, errlen);
}
