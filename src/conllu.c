/* conllu.c -- CoNLL-U reader.  Validates the shape of every line (ten tab-
** separated columns, ids in order, ranges covering the words that follow)
** and reports the first problem with its line number. */
#include "conllu.h"

#include <string.h>

static int grow(const struct annals_alloc *a, void **v, size_t *cap, size_t elem,
                size_t need)
{
    size_t ncap = *cap < 256 ? 256 : *cap;
    void *p;
    while (ncap < need)
        ncap *= 2;
    if (ncap == *cap)
        return ANNALS_OK;
    if (ncap > SIZE_MAX / elem)
        return ANNALS_ENOMEM;
    p = annals__realloc(a, *v, *cap * elem, ncap * elem);
    if (p == NULL)
        return ANNALS_ENOMEM;
    *v = p;
    *cap = ncap;
    return ANNALS_OK;
}

#define PUSH(c, arr, n, cap) \
    ((c)->n < (c)->cap || grow((c)->alloc, (void **)&(c)->arr, &(c)->cap, \
                               sizeof *(c)->arr, (c)->n + 1) == ANNALS_OK \
         ? &(c)->arr[(c)->n++] : NULL)

void annals__conllu_free(struct conllu_corpus *c)
{
    if (c == NULL || c->alloc == NULL)
        return;
    annals__free(c->alloc, c->sent, c->cap_sent * sizeof *c->sent);
    annals__free(c->alloc, c->tok, c->cap_tok * sizeof *c->tok);
    annals__free(c->alloc, c->word, c->cap_word * sizeof *c->word);
    memset(c, 0, sizeof *c);
}

/* Parse a positive decimal integer occupying all of s[0..n). */
static int parse_uint(const char *s, size_t n, long *out)
{
    long v = 0;
    if (n == 0 || n > 9)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static int has_space_after_no(struct conllu_str misc)
{
    static const char key[] = "SpaceAfter=No";
    const char *p = misc.s, *end = misc.s + misc.n;
    while (p < end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        const char *stop = bar != NULL ? bar : end;
        if ((size_t)(stop - p) == sizeof key - 1 && memcmp(p, key, sizeof key - 1) == 0)
            return 1;
        p = stop + 1;
    }
    return 0;
}

/* Value of a "# key = value" comment, or NULL. */
static const char *comment_value(const char *line, size_t n, const char *key,
                                 size_t *vlen)
{
    size_t k = strlen(key), i = 1;
    while (i < n && line[i] == ' ')
        i++;
    if (n - i < k || memcmp(line + i, key, k) != 0)
        return NULL;
    i += k;
    while (i < n && line[i] == ' ')
        i++;
    if (i < n && line[i] == '=') {
        i++;
        if (i < n && line[i] == ' ')
            i++;
    } else if (i != n) {
        return NULL;
    }
    *vlen = n - i;
    return line + i;
}

struct parse_state {
    struct conllu_corpus *c;
    struct conllu_sentence *cur;    /* sentence being read, or NULL */
    int pending_doc, pending_par;
    struct conllu_str pending_text, pending_id;
    uint64_t pending_line;
    long range_end;                 /* last id covered by the open range */
    long last_id;
};

static int fail(char *err, size_t errlen, uint64_t line, const char *why)
{
    annals__fmt(err, errlen, "line %llu: %s", (unsigned long long)line, why);
    return ANNALS_EFORMAT;
}

/* End the open sentence, if any, at a blank line or the end of the input. */
static int close_sentence(struct parse_state *st, uint64_t lineno, char *err,
                          size_t errlen)
{
    if (st->cur == NULL)
        return ANNALS_OK;
    if (st->range_end > st->last_id)
        return fail(err, errlen, lineno, "multiword token range not covered");
    if (st->cur->n_words == 0)
        return fail(err, errlen, lineno, "sentence has no words");
    st->cur = NULL;
    return ANNALS_OK;
}

static int open_sentence(struct parse_state *st, uint64_t line)
{
    struct conllu_corpus *c = st->c;
    struct conllu_sentence *s = PUSH(c, sent, n_sent, cap_sent);
    if (s == NULL)
        return ANNALS_ENOMEM;
    memset(s, 0, sizeof *s);
    s->text = st->pending_text;
    s->sent_id = st->pending_id;
    s->newdoc = st->pending_doc;
    s->newpar = st->pending_par || st->pending_doc;
    s->first_token = (uint32_t)c->n_tok;
    s->first_word = (uint32_t)c->n_word;
    s->line = st->pending_line != 0 ? st->pending_line : line;
    st->cur = s;
    st->range_end = 0;
    st->last_id = 0;
    st->pending_doc = st->pending_par = 0;
    st->pending_text.s = st->pending_id.s = NULL;
    st->pending_text.n = st->pending_id.n = 0;
    st->pending_line = 0;
    return ANNALS_OK;
}

static int word_line(struct parse_state *st, const char *line, size_t n, uint64_t lineno,
                     char *err, size_t errlen)
{
    struct conllu_corpus *c = st->c;
    struct conllu_str col[CONLLU_NCOLS];
    const char *p = line, *end = line + n, *tab = NULL;
    size_t k = 0;
    int rc;

    while (k < CONLLU_NCOLS) {
        const char *stop;
        tab = memchr(p, '\t', (size_t)(end - p));
        stop = tab != NULL ? tab : end;
        col[k].s = p;
        col[k].n = (uint32_t)(stop - p);
        k++;
        if (tab == NULL)
            break;
        p = tab + 1;
    }
    /* Ten columns, and the tenth one ends the line. */
    if (k != CONLLU_NCOLS || tab != NULL)
        return fail(err, errlen, lineno, "expected 10 tab-separated columns");
    if (st->cur == NULL) {
        rc = open_sentence(st, lineno);
        if (rc != ANNALS_OK)
            return rc;
    }
    const char *dash = memchr(col[0].s, '-', col[0].n);
    if (memchr(col[0].s, '.', col[0].n) != NULL)
        return ANNALS_OK;                       /* empty node */
    if (dash != NULL) {
        long a, b;
        if (!parse_uint(col[0].s, (size_t)(dash - col[0].s), &a) ||
            !parse_uint(dash + 1, (size_t)(col[0].s + col[0].n - dash - 1), &b) ||
            a != st->last_id + 1 || b <= a)
            return fail(err, errlen, lineno, "bad multiword token range");
        struct conllu_token *t = PUSH(c, tok, n_tok, cap_tok);
        if (t == NULL)
            return ANNALS_ENOMEM;
        t->form = col[CONLLU_FORM];
        t->first_word = (uint32_t)c->n_word;
        t->n_words = (uint32_t)(b - a + 1);
        t->space_after = !has_space_after_no(col[CONLLU_MISC]);
        st->cur->n_tokens++;
        st->range_end = b;
        return ANNALS_OK;
    }
    long id, head = -1;
    if (!parse_uint(col[0].s, col[0].n, &id) || id != st->last_id + 1)
        return fail(err, errlen, lineno, "word id out of sequence");
    if (!(col[CONLLU_HEAD].n == 1 && col[CONLLU_HEAD].s[0] == '_') &&
        !parse_uint(col[CONLLU_HEAD].s, col[CONLLU_HEAD].n, &head))
        return fail(err, errlen, lineno, "HEAD is not a number");
    st->last_id = id;
    struct conllu_word *w = PUSH(c, word, n_word, cap_word);
    if (w == NULL)
        return ANNALS_ENOMEM;
    memcpy(w->col, col, sizeof col);
    w->head = (int)head;
    if (id <= st->range_end) {
        w->token = (uint32_t)(c->n_tok - 1);
    } else {
        struct conllu_token *t = PUSH(c, tok, n_tok, cap_tok);
        if (t == NULL)
            return ANNALS_ENOMEM;
        t->form = col[CONLLU_FORM];
        t->first_word = (uint32_t)(c->n_word - 1);
        t->n_words = 1;
        t->space_after = !has_space_after_no(col[CONLLU_MISC]);
        st->cur->n_tokens++;
        w->token = (uint32_t)(c->n_tok - 1);
    }
    st->cur->n_words++;
    return ANNALS_OK;
}

int annals__conllu_parse(const struct annals_alloc *a, const char *data, size_t len,
                         struct conllu_corpus *out, char *err, size_t errlen)
{
    struct parse_state st;
    const char *p = data, *end = data + len;
    uint64_t lineno = 0;
    int rc = ANNALS_OK;

    memset(out, 0, sizeof *out);
    out->alloc = a;
    memset(&st, 0, sizeof st);
    st.c = out;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl != NULL ? nl : end;
        size_t n = (size_t)(stop - p);
        lineno++;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if (n == 0) {
            rc = close_sentence(&st, lineno, err, errlen);
            if (rc != ANNALS_OK)
                break;
        } else if (p[0] == '#') {
            const char *v;
            size_t vlen;
            if (st.cur != NULL) {
                rc = fail(err, errlen, lineno, "comment inside a sentence");
                break;
            }
            if (st.pending_line == 0)
                st.pending_line = lineno;
            if ((v = comment_value(p, n, "text", &vlen)) != NULL) {
                st.pending_text.s = v;
                st.pending_text.n = (uint32_t)vlen;
            } else if ((v = comment_value(p, n, "sent_id", &vlen)) != NULL) {
                st.pending_id.s = v;
                st.pending_id.n = (uint32_t)vlen;
            } else if (comment_value(p, n, "newdoc", &vlen) != NULL ||
                       comment_value(p, n, "newdoc id", &vlen) != NULL) {
                st.pending_doc = 1;
            } else if (comment_value(p, n, "newpar", &vlen) != NULL ||
                       comment_value(p, n, "newpar id", &vlen) != NULL) {
                st.pending_par = 1;
            }
        } else {
            rc = word_line(&st, p, n, lineno, err, errlen);
            if (rc != ANNALS_OK)
                break;
        }
        p = nl != NULL ? nl + 1 : end;
    }
    if (rc == ANNALS_OK)
        rc = close_sentence(&st, lineno, err, errlen);
    if (rc == ANNALS_ENOMEM)
        annals__fmt(err, errlen, "out of memory");
    if (rc != ANNALS_OK)
        annals__conllu_free(out);
    return rc;
}
