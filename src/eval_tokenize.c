/* eval_tokenize.c -- score the text stage against gold CoNLL-U with the
** definitions of the CoNLL 2018 shared task (conll18_ud_eval.py):
**
**   - the raw text is rebuilt from the "# text" comments: the sentences of a
**     paragraph joined by a space, paragraphs separated by a blank line; each
**     "# newdoc" starts a new document (and so does a paragraph that would
**     take a document past the size limit);
**   - every unit is a span of characters in the text with all whitespace
**     removed, so gold and system units compare by position;
**   - tokens and sentences match when their spans are equal; words outside
**     multiword tokens too, and the words of a stretch touched by multiword
**     tokens are aligned by the longest common subsequence of their forms
**     (lower-cased: ASCII only, where the reference lower-cases all of
**     Unicode).
**
** Spans count bytes rather than code points: both sides are counted the same
** way, so equality of spans is unaffected.
**
** annals_eval_syntax_text() scores the syntax of the same run over the
** aligned words, as conll18_ud_eval.py does: UPOS, XPOS and lemma of an
** aligned pair must be equal; UAS also needs the system head to be aligned
** to the gold head (or both to be roots), LAS also the universal part of the
** relation.  Each is an F1 over gold and system words. */
#include "conllu.h"
#include "doc.h"
#include "syntax.h"

#include <string.h>

/* Word columns kept for the syntax scores. */
enum { UC_UPOS, UC_XPOS, UC_LEMMA, UC_DEPREL, UC_N };

struct unit {
    uint32_t start, end;        /* span in whitespace-free bytes */
    const char *form;           /* words only */
    size_t form_off;            /* system words: form in eval.forms until fixed */
    uint32_t form_len;
    int multi;                  /* part of a multiword token */
    /* words, with syntax only: */
    const char *col[UC_N];
    size_t col_off[UC_N];       /* system words: in eval.forms until fixed */
    uint32_t col_len[UC_N];
    long head;                  /* corpus word index of the head, -1 root */
    long align;                 /* aligned word on the other side, or -1 */
};

struct units {
    struct unit *v;
    size_t n, cap;
};

struct eval {
    const struct annals_alloc *alloc;
    struct units gtok, gword, gsent, stok, sword, ssent;
    struct annals_buf text;     /* the document being rebuilt */
    struct annals_buf forms;    /* system word forms: documents are reused */
    int syntax;                 /* keep the syntax columns */
    double seconds;             /* time in annals_annotate */
};

static struct unit *unit_push(struct eval *ev, struct units *u)
{
    if (u->n == u->cap) {
        size_t ncap = u->cap < 1024 ? 1024 : u->cap * 2;
        struct unit *v = annals__realloc(ev->alloc, u->v, u->cap * sizeof *v,
                                         ncap * sizeof *v);
        if (v == NULL)
            return NULL;
        u->v = v;
        u->cap = ncap;
    }
    memset(&u->v[u->n], 0, sizeof u->v[0]);
    u->v[u->n].align = -1;
    u->v[u->n].head = -1;
    return &u->v[u->n++];
}

static int text_add(struct eval *ev, const char *s, size_t n)
{
    return annals__buf_add(&ev->text, s, n);
}

/* Length of the whitespace character at s[0..n): ASCII blanks and the
** Unicode space separators (the reference removes category Zs). */
static size_t space_len(const unsigned char *s, size_t n)
{
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || s[0] == '\f' ||
        s[0] == '\v')
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xAF))
        return 3;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
        return 3;
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;
    return 0;
}

/* Number of non-whitespace bytes of s[0..n). */
static size_t solid_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = 0, i = 0;
    while (i < n) {
        size_t sp = space_len(u + i, n - i);
        if (sp > 0) {
            i += sp;
        } else {
            i++;
            k++;
        }
    }
    return k;
}

/* Do the forms of the tokens of s spell its "# text", whitespace aside?
** If not, no span of the rebuilt text compares with the gold ones. */
static int spells(const struct conllu_corpus *c, const struct conllu_sentence *s)
{
    const unsigned char *x = (const unsigned char *)s->text.s;
    size_t i = 0, n = s->text.n, sp;

    for (uint32_t k = 0; k < s->n_tokens; k++) {
        const struct conllu_token *t = &c->tok[s->first_token + k];
        const unsigned char *f = (const unsigned char *)t->form.s;
        size_t j = 0;
        while (j < t->form.n) {
            if ((sp = space_len(f + j, t->form.n - j)) > 0) {
                j += sp;
                continue;
            }
            while (i < n && (sp = space_len(x + i, n - i)) > 0)
                i += sp;
            if (i == n || x[i] != f[j])
                return 0;
            i++;
            j++;
        }
    }
    return solid_len(s->text.s + i, n - i) == 0;
}

/* Gold units of the whole corpus. */
static int gold_units(struct eval *ev, const struct conllu_corpus *c, char *err,
                      size_t errlen)
{
    uint32_t pos = 0;

    for (size_t si = 0; si < c->n_sent; si++) {
        const struct conllu_sentence *s = &c->sent[si];
        uint32_t sent_start = pos;
        for (uint32_t k = 0; k < s->n_tokens; k++) {
            const struct conllu_token *t = &c->tok[s->first_token + k];
            struct unit *u = unit_push(ev, &ev->gtok);
            if (u == NULL)
                return ANNALS_ENOMEM;
            u->start = pos;
            pos += (uint32_t)solid_len(t->form.s, t->form.n);
            u->end = pos;
            for (uint32_t w = 0; w < t->n_words; w++) {
                const struct conllu_word *cw = &c->word[t->first_word + w];
                struct unit *wu = unit_push(ev, &ev->gword);
                if (wu == NULL)
                    return ANNALS_ENOMEM;
                wu->start = u->start;
                wu->end = u->end;
                wu->form = cw->col[CONLLU_FORM].s;
                wu->form_len = cw->col[CONLLU_FORM].n;
                wu->multi = t->n_words > 1;
                if (ev->syntax) {
                    static const int cols[UC_N] = {CONLLU_UPOS, CONLLU_XPOS, CONLLU_LEMMA,
                                                   CONLLU_DEPREL};
                    for (int j = 0; j < UC_N; j++) {
                        wu->col[j] = cw->col[cols[j]].s;
                        wu->col_len[j] = cw->col[cols[j]].n;
                    }
                    wu->head = cw->head > 0 ? (long)s->first_word + cw->head - 1 : -1;
                }
            }
        }
        if (s->text.n > 0 && !spells(c, s)) {
            annals__fmt(err, errlen, "line %llu: the tokens do not spell the # text",
                        (unsigned long long)s->line);
            return ANNALS_EFORMAT;
        }
        if (s->n_tokens > 0) {
            struct unit *u = unit_push(ev, &ev->gsent);
            if (u == NULL)
                return ANNALS_ENOMEM;
            u->start = sent_start;
            u->end = pos;
        }
    }
    return ANNALS_OK;
}

/* Append the text of sentence s to the document being rebuilt: its
** "# text", or its tokens and their spacing when there is none. */
static int add_sentence_text(struct eval *ev, const struct conllu_corpus *c,
                             const struct conllu_sentence *s)
{
    int rc = ANNALS_OK;
    if (s->text.n > 0)
        return text_add(ev, s->text.s, s->text.n);
    for (uint32_t k = 0; k < s->n_tokens && rc == ANNALS_OK; k++) {
        const struct conllu_token *t = &c->tok[s->first_token + k];
        rc = text_add(ev, t->form.s, t->form.n);
        if (rc == ANNALS_OK && t->space_after && k + 1 < s->n_tokens)
            rc = text_add(ev, " ", 1);
    }
    return rc;
}

/* Annotate the rebuilt document and append its system units; base is the
** whitespace-free position where the document starts. */
static int system_units(struct eval *ev, const annals_pipeline *p, annals_doc *d,
                        uint32_t *base, char *err, size_t errlen)
{
    const unsigned char *t = (const unsigned char *)ev->text.data;
    size_t at = 0;              /* byte cursor in the text */
    uint32_t pos = *base;       /* whitespace-free position of the cursor */
    size_t nt, ns, word0 = ev->sword.n;
    double t0 = annals__now();
    int rc;

    annals_doc_reset(d);
    rc = annals_annotate(p, d, ev->text.data, ev->text.len);
    ev->seconds += annals__now() - t0;
    if (rc != ANNALS_OK) {
        annals__fmt(err, errlen, "%s", annals_doc_errmsg(d));
        return rc;
    }
    nt = annals_doc_token_count(d);
    ns = annals_doc_sentence_count(d);
    for (size_t i = 0; i < nt; i++) {
        struct annals_token_info ti;
        struct unit *u;
        annals_doc_token(d, i, &ti);
        /* Tokens come in text order, so one forward cursor converts spans. */
        while (at < ti.span.start) {
            size_t sp = space_len(t + at, ev->text.len - at);
            if (sp > 0) {
                at += sp;
            } else {
                at++;
                pos++;
            }
        }
        u = unit_push(ev, &ev->stok);
        if (u == NULL)
            return ANNALS_ENOMEM;
        u->start = pos;
        u->end = pos + (uint32_t)solid_len(ev->text.data + ti.span.start,
                                           ti.span.end - ti.span.start);
        for (size_t w = 0; w < ti.n_words; w++) {
            struct annals_word_info wi;
            struct unit *wu = unit_push(ev, &ev->sword);
            if (wu == NULL)
                return ANNALS_ENOMEM;
            annals_doc_word(d, ti.first_word + w, &wi);
            wu->start = ev->stok.v[ev->stok.n - 1].start;
            wu->end = ev->stok.v[ev->stok.n - 1].end;
            wu->form_off = ev->forms.len;
            wu->form_len = (uint32_t)wi.form_len;
            rc = annals__buf_add(&ev->forms, wi.form, wi.form_len);
            if (rc != ANNALS_OK)
                return rc;
            wu->multi = ti.n_words > 1;
            if (ev->syntax) {
                const char *col[UC_N] = {wi.upos, wi.xpos, wi.lemma, wi.deprel};
                size_t len[UC_N] = {wi.upos != NULL ? strlen(wi.upos) : 0,
                                    wi.xpos != NULL ? strlen(wi.xpos) : 0, wi.lemma_len,
                                    wi.deprel != NULL ? strlen(wi.deprel) : 0};
                for (int k = 0; k < UC_N; k++) {
                    wu->col_off[k] = ev->forms.len;
                    wu->col_len[k] = (uint32_t)len[k];
                    if (len[k] > 0 && (rc = annals__buf_add(&ev->forms, col[k], len[k])) !=
                                          ANNALS_OK)
                        return rc;
                }
                wu->head = wi.head >= 0 ? (long)word0 + wi.head : -1;
            }
        }
    }
    for (size_t i = 0; i < ns; i++) {
        struct annals_sentence_info si;
        size_t tok0 = ev->stok.n - nt;
        struct unit *u = unit_push(ev, &ev->ssent);
        if (u == NULL)
            return ANNALS_ENOMEM;
        annals_doc_sentence(d, i, &si);
        u->start = ev->stok.v[tok0 + si.first_token].start;
        u->end = ev->stok.v[tok0 + si.first_token + si.n_tokens - 1].end;
    }
    *base = pos + (uint32_t)solid_len(ev->text.data + at, ev->text.len - at);
    return ANNALS_OK;
}

/* -------------------------------------------------------------- scoring */

static void prf(struct annals_prf *r, size_t gold, size_t sys, size_t correct)
{
    r->gold = gold;
    r->system = sys;
    r->correct = correct;
    r->precision = sys > 0 ? 100.0 * (double)correct / (double)sys : 0.0;
    r->recall = gold > 0 ? 100.0 * (double)correct / (double)gold : 0.0;
    r->f1 = gold + sys > 0 ? 200.0 * (double)correct / (double)(gold + sys) : 0.0;
}

/* Units with equal spans; both lists are in text order.  Units that start
** together are consumed together, as conll18_ud_eval.py does. */
static size_t count_equal_spans(const struct units *g, const struct units *s)
{
    size_t i = 0, j = 0, n = 0;
    while (i < g->n && j < s->n) {
        if (s->v[j].start < g->v[i].start) {
            j++;
        } else if (g->v[i].start < s->v[j].start) {
            i++;
        } else {
            n += g->v[i].end == s->v[j].end;
            i++;
            j++;
        }
    }
    return n;
}

static int form_eq(const struct unit *a, const struct unit *b)
{
    if (a->form_len != b->form_len)
        return 0;
    for (uint32_t k = 0; k < a->form_len; k++) {
        unsigned x = (unsigned char)a->form[k], y = (unsigned char)b->form[k];
        if (x - 'A' < 26u)
            x |= 32u;
        if (y - 'A' < 26u)
            y |= 32u;
        if (x != y)
            return 0;
    }
    return 1;
}

/* conll18_ud_eval.py's rules for where a multiword stretch ends. */
static int beyond_end(const struct units *w, size_t i, uint32_t end)
{
    if (i >= w->n)
        return 1;
    if (w->v[i].multi)
        return w->v[i].start >= end;
    return w->v[i].end > end;
}

static uint32_t extend_end(const struct unit *u, uint32_t end)
{
    return u->multi && u->end > end ? u->end : end;
}

/* Aligned words of gold[gs, ge) and sys[ss, se) by the longest common
** subsequence of their forms. */
static int lcs_align(struct eval *ev, struct units *g, size_t gs, size_t ge,
                     struct units *s, size_t ss, size_t se, size_t *aligned)
{
    size_t ng = ge - gs, ns = se - ss, cols = ns + 1;
    uint32_t *tab;
    size_t gi = 0, si = 0;

    if (cols > SIZE_MAX / sizeof *tab / (ng + 1))
        return ANNALS_ENOMEM;
    tab = annals__malloc(ev->alloc, (ng + 1) * cols * sizeof *tab);
    if (tab == NULL)
        return ANNALS_ENOMEM;
    /* tab[a][b]: LCS length of gold[gs+a..] and sys[ss+b..] */
    for (size_t a = ng + 1; a-- > 0;) {
        for (size_t b = ns + 1; b-- > 0;) {
            uint32_t v = 0;
            if (a < ng && b < ns) {
                if (form_eq(&g->v[gs + a], &s->v[ss + b]))
                    v = 1 + tab[(a + 1) * cols + b + 1];
                if (tab[(a + 1) * cols + b] > v)
                    v = tab[(a + 1) * cols + b];
                if (tab[a * cols + b + 1] > v)
                    v = tab[a * cols + b + 1];
            }
            tab[a * cols + b] = v;
        }
    }
    while (gi < ng && si < ns) {
        if (form_eq(&g->v[gs + gi], &s->v[ss + si])) {
            (*aligned)++;
            g->v[gs + gi].align = (long)(ss + si);
            s->v[ss + si].align = (long)(gs + gi);
            gi++;
            si++;
        } else if (tab[gi * cols + si] == tab[(gi + 1) * cols + si]) {
            gi++;
        } else {
            si++;
        }
    }
    annals__free(ev->alloc, tab, (ng + 1) * cols * sizeof *tab);
    return ANNALS_OK;
}

static int align_words(struct eval *ev, size_t *aligned)
{
    struct units *g = &ev->gword, *s = &ev->sword;
    size_t gi = 0, si = 0;
    int rc;

    *aligned = 0;
    while (gi < g->n && si < s->n) {
        if (g->v[gi].multi || s->v[si].multi) {
            uint32_t end;
            size_t gs, ss;
            if (g->v[gi].multi) {
                end = g->v[gi].end;
                if (!s->v[si].multi && s->v[si].start < g->v[gi].start)
                    si++;
            } else {
                end = s->v[si].end;
                if (!g->v[gi].multi && g->v[gi].start < s->v[si].start)
                    gi++;
            }
            gs = gi;
            ss = si;
            while (!beyond_end(g, gi, end) || !beyond_end(s, si, end)) {
                if (gi < g->n && (si >= s->n || g->v[gi].start <= s->v[si].start))
                    end = extend_end(&g->v[gi++], end);
                else
                    end = extend_end(&s->v[si++], end);
            }
            if (gi > gs && si > ss) {
                rc = lcs_align(ev, g, gs, gi, s, ss, si, aligned);
                if (rc != ANNALS_OK)
                    return rc;
            }
        } else if (g->v[gi].start == s->v[si].start && g->v[gi].end == s->v[si].end) {
            (*aligned)++;
            g->v[gi].align = (long)si;
            s->v[si].align = (long)gi;
            gi++;
            si++;
        } else if (g->v[gi].start <= s->v[si].start) {
            gi++;
        } else {
            si++;
        }
    }
    return ANNALS_OK;
}

/* ------------------------------------------------------------------ run */

static void eval_free(struct eval *ev)
{
    struct units *all[] = {&ev->gtok, &ev->gword, &ev->gsent,
                           &ev->stok, &ev->sword, &ev->ssent};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        annals__free(ev->alloc, all[k]->v, all[k]->cap * sizeof *all[k]->v);
    annals__buf_free(&ev->text);
    annals__buf_free(&ev->forms);
}

/* Rebuild every document, annotate it and collect the system units. */
static int run_documents(struct eval *ev, const annals_pipeline *p,
                         const struct conllu_corpus *c, size_t *ndocs, char *err,
                         size_t errlen)
{
    annals_doc *d;
    uint32_t base = 0;
    int rc = annals_doc_new(p, &d);

    if (rc != ANNALS_OK)
        return rc;
    *ndocs = 0;
    for (size_t si = 0; si < c->n_sent && rc == ANNALS_OK; si++) {
        const struct conllu_sentence *s = &c->sent[si];
        size_t need = s->text.n > 0 ? s->text.n : (size_t)s->n_tokens * 16;
        int new_doc = si > 0 && (s->newdoc ||
                                 (s->newpar && ev->text.len + 2 + need > p->opt.max_doc_bytes));
        if (new_doc) {
            rc = system_units(ev, p, d, &base, err, errlen);
            ev->text.len = 0;
            ++*ndocs;
        } else if (si > 0) {
            rc = s->newpar ? text_add(ev, "\n\n", 2) : text_add(ev, " ", 1);
        }
        if (rc == ANNALS_OK)
            rc = add_sentence_text(ev, c, s);
    }
    if (rc == ANNALS_OK && c->n_sent > 0) {
        rc = system_units(ev, p, d, &base, err, errlen);
        ++*ndocs;
    }
    annals_doc_free(d);
    return rc;
}

/* Parse the gold corpus, annotate its text and align the words. */
static int eval_run(struct eval *ev, const annals_pipeline *p, const char *conllu, size_t len,
                    struct conllu_corpus *c, struct annals_tokenize_scores *out, char *err,
                    size_t errlen)
{
    size_t aligned = 0, ndocs = 0;
    int rc;

    ev->alloc = &p->alloc;
    annals__buf_init(&ev->text, ev->alloc, 0);
    annals__buf_init(&ev->forms, ev->alloc, 0);
    rc = annals__conllu_parse(&p->alloc, conllu == NULL ? "" : conllu, len, c, err, errlen);
    if (rc != ANNALS_OK)
        return rc;
    rc = gold_units(ev, c, err, errlen);
    if (rc == ANNALS_OK)
        rc = run_documents(ev, p, c, &ndocs, err, errlen);
    if (rc == ANNALS_OK) {
        for (size_t k = 0; k < ev->sword.n; k++) {
            struct unit *u = &ev->sword.v[k];
            u->form = ev->forms.data + u->form_off;
            for (int j = 0; j < UC_N && ev->syntax; j++)
                u->col[j] = ev->forms.data + u->col_off[j];
        }
        rc = align_words(ev, &aligned);
    }
    if (rc == ANNALS_OK) {
        prf(&out->tokens, ev->gtok.n, ev->stok.n, count_equal_spans(&ev->gtok, &ev->stok));
        prf(&out->words, ev->gword.n, ev->sword.n, aligned);
        prf(&out->sentences, ev->gsent.n, ev->ssent.n,
            count_equal_spans(&ev->gsent, &ev->ssent));
        out->documents = ndocs;
    }
    return rc;
}

int annals_eval_tokenize(const annals_pipeline *p, const char *conllu, size_t len,
                         struct annals_tokenize_scores *out, char *errbuf, size_t errlen)
{
    struct conllu_corpus c;
    struct eval ev;
    char err[512] = "";
    int rc;

    if (p == NULL || (conllu == NULL && len > 0) || out == NULL)
        return ANNALS_EINVAL;
    memset(out, 0, sizeof *out);
    memset(&ev, 0, sizeof ev);
    memset(&c, 0, sizeof c);
    rc = eval_run(&ev, p, conllu, len, &c, out, err, sizeof err);
    if (rc != ANNALS_OK)
        annals__fmt(errbuf, errlen, "%s", err[0] != '\0' ? err : annals_strerror(rc));
    annals__conllu_free(&c);
    eval_free(&ev);
    return rc;
}

static int col_eq(const struct unit *a, const struct unit *b, int k, int universal)
{
    size_t an = a->col_len[k], bn = b->col_len[k];
    if (universal) {
        const char *x = memchr(a->col[k], ':', an), *y = memchr(b->col[k], ':', bn);
        an = x != NULL ? (size_t)(x - a->col[k]) : an;
        bn = y != NULL ? (size_t)(y - b->col[k]) : bn;
    }
    return an == bn && memcmp(a->col[k], b->col[k], an) == 0;
}

int annals_eval_syntax_text(const annals_pipeline *p, const char *conllu, size_t len,
                            struct annals_syntax_text_scores *out, char *errbuf,
                            size_t errlen)
{
    struct conllu_corpus c;
    struct eval ev;
    char err[512] = "";
    size_t ok[5] = {0};         /* upos, xpos, lemma, uas, las */
    int rc;

    if (p == NULL || (conllu == NULL && len > 0) || out == NULL)
        return ANNALS_EINVAL;
    memset(out, 0, sizeof *out);
    if (p->syn == NULL) {
        annals__fmt(errbuf, errlen, "the pipeline was opened without a model directory");
        return ANNALS_EINVAL;
    }
    memset(&ev, 0, sizeof ev);
    memset(&c, 0, sizeof c);
    ev.syntax = 1;
    rc = eval_run(&ev, p, conllu, len, &c, &out->text, err, sizeof err);
    if (rc != ANNALS_OK) {
        annals__fmt(errbuf, errlen, "%s", err[0] != '\0' ? err : annals_strerror(rc));
        annals__conllu_free(&c);
        eval_free(&ev);
        return rc;
    }
    for (size_t i = 0; i < ev.gword.n; i++) {
        const struct unit *g = &ev.gword.v[i], *s;
        int head_ok;
        if (g->align < 0)
            continue;
        s = &ev.sword.v[g->align];
        ok[0] += col_eq(g, s, UC_UPOS, 0);
        ok[1] += col_eq(g, s, UC_XPOS, 0);
        ok[2] += col_eq(g, s, UC_LEMMA, 0);
        head_ok = g->head < 0 ? s->head < 0
                              : s->head >= 0 && ev.sword.v[s->head].align == g->head;
        ok[3] += head_ok;
        ok[4] += head_ok && col_eq(g, s, UC_DEPREL, 1);
    }
    prf(&out->upos, ev.gword.n, ev.sword.n, ok[0]);
    prf(&out->xpos, ev.gword.n, ev.sword.n, ok[1]);
    prf(&out->lemma, ev.gword.n, ev.sword.n, ok[2]);
    prf(&out->uas, ev.gword.n, ev.sword.n, ok[3]);
    prf(&out->las, ev.gword.n, ev.sword.n, ok[4]);
    out->sentences = c.n_sent;
    out->seconds = ev.seconds;
    annals__conllu_free(&c);
    eval_free(&ev);
    return ANNALS_OK;
}
