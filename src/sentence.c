/* sentence.c -- group the tokens of a block into sentences.
**
** A sentence ends after final punctuation (". ! ? ..." and their runs),
** together with the closing quotes and brackets that follow it, unless the
** next token shows the sentence goes on (a lower-case word, a comma).  The
** tokeniser has already decided which periods belong to abbreviations
** ("Mr." is one token, so its period never ends a sentence).  A line break
** ends a short line that has no final punctuation (a list item, a sign-off).
** The block end is always a sentence end. */
#include "doc.h"

#include <string.h>

static int is_upper(unsigned c) { return c - 'A' < 26u; }
static int is_lower(unsigned c) { return c - 'a' < 26u; }
static int is_digit(unsigned c) { return c - '0' < 10u; }

enum tok_class {
    T_WORD,         /* anything else */
    T_FINAL,        /* . ! ? and runs of them */
    T_ELLIPSIS,     /* ... .. and the ellipsis character */
    T_DQUOTE,       /* " (opening or closing) */
    T_CLOSE,        /* ) ] ” ’ '' */
    T_OPEN,         /* ( [ “ ‘ */
    T_ABBR,         /* a word with its period: etc. */
    T_EMOTICON,     /* :) :( */
    T_LINE,         /* a rule such as ***** or ===== */
    T_SOFT,         /* ends a header line: URL, e-mail, ">>", "]", "PM" */
    T_SQUOTE        /* ' */
};

static int classify(const annals_doc *d, const struct doc_token *tk)
{
    const unsigned char *s = (const unsigned char *)d->text + tk->start;
    size_t n = tk->end - tk->start, dots = 0, other = 0;

    if ((s[0] | 32u) - 'a' < 26u || s[0] - (unsigned)'0' < 10u) {
        /* words: only a few kinds matter here */
        if (n == 2 && (s[0] == 'A' || s[0] == 'P') && s[1] == 'M')
            return T_SOFT;
        if (n == 4 && memcmp(s, "etc.", 4) == 0)
            return T_ABBR;
        if (n > 4 && (memcmp(s, "http", 4) == 0 || memcmp(s, "www.", 4) == 0))
            return T_SOFT;
        for (size_t i = 1; i < n; i++)
            if (s[i] == '@')
                return T_SOFT;
        return T_WORD;
    }
    if (n == 3 && s[0] == 0xE2 && s[1] == 0x80) {
        switch (s[2]) {
        case 0xA6: return T_ELLIPSIS;                   /* … */
        case 0x9D: case 0x99: return T_CLOSE;           /* ” ’ */
        case 0x9C: case 0x98: return T_OPEN;            /* “ ‘ */
        default: return T_WORD;
        }
    }
    if (n == 1) {
        switch (s[0]) {
        case '.': case '!': case '?': return T_FINAL;
        case '"': return T_DQUOTE;
        case '\'': return T_SQUOTE;
        case ')': return T_CLOSE;
        case ']': case '>': return T_SOFT;
        case '(': case '[': return T_OPEN;
        default: return T_WORD;
        }
    }
    if (s[0] == '>' || s[0] == '@')
        return T_SOFT;
    if (n == 2 && s[0] == '\'' && s[1] == '\'')
        return T_CLOSE;
    if (n >= 3 && (s[0] == '*' || s[0] == '=' || s[0] == '_' || s[0] == '-' || s[0] == '~') &&
        s[n - 1] == s[0] && s[1] == s[0])
        return T_LINE;
    if (n == 2 && (s[0] == ':' || s[0] == ';' || s[0] == '=') &&
        (s[1] == ')' || s[1] == '(' || s[1] == 'D' || s[1] == 'P'))
        return T_EMOTICON;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.')
            dots++;
        else if (s[i] != '!' && s[i] != '?')
            other++;
    }
    if (other == 0)
        return dots == n ? T_ELLIPSIS : T_FINAL;
    return T_WORD;
}

/* First byte of token k, or 0 past the end. */
static unsigned first_byte(const annals_doc *d, size_t k, size_t end)
{
    return k < end ? (unsigned char)d->text[d->tok.v[k].start] : 0;
}

/* Does the text after token k (skipping opening quotes and brackets) start
** like a new sentence: a capital, a digit, or nothing at all? */
static int starts_sentence(const annals_doc *d, size_t k, size_t end)
{
    while (k < end) {
        int c = classify(d, &d->tok.v[k]);
        if (c != T_DQUOTE && c != T_OPEN)
            break;
        k++;
    }
    if (k >= end)
        return 1;
    unsigned b = first_byte(d, k, end);
    return is_upper(b) || is_digit(b) || b >= 0x80;
}

/* Does the next token show that the sentence goes on?  A lower-case word
** does after an ellipsis ("so... maybe"); after a period, in informal
** text, it usually starts the next sentence. */
static int continues(const annals_doc *d, size_t k, size_t end, int lower_too)
{
    unsigned b = first_byte(d, k, end);
    if (k >= end)
        return 0;
    if (lower_too && is_lower(b))
        return 1;
    return b == ',' || b == ';' || b == ':' || b == '-';
}

static int line_break_between(const annals_doc *d, size_t a, size_t b)
{
    const char *s = d->text + d->tok.v[a].end;
    size_t n = d->tok.v[b].start - d->tok.v[a].end;
    return memchr(s, '\n', n) != NULL;
}

int annals__add_sentence(annals_doc *d, size_t first, size_t n, int role)
{
    struct doc_sentence *s;
    if (n > d->opt->max_sentence_tokens)
        return annals__doc_fail(d, ANNALS_ETOOBIG,
                                "sentence of %zu tokens exceeds the limit of %zu", n,
                                d->opt->max_sentence_tokens);
    s = DOC_PUSH(d, d->sent);
    if (s == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    s->first_token = (uint32_t)first;
    s->n_tokens = (uint32_t)n;
    s->role = (uint8_t)role;
    return ANNALS_OK;
}

int annals__split_sentences(annals_doc *d, size_t first, size_t n, int role)
{
    size_t start = first, end = first + n, line_start = first;
    int dq_open = 0;                    /* a double quote is open */
    int rc;

    for (size_t i = first; i < end; i++) {
        int c = classify(d, &d->tok.v[i]);
        size_t last = i;
        int boundary = 0;

        if (c == T_DQUOTE)
            dq_open = !dq_open;
        if (c == T_FINAL || c == T_ELLIPSIS || c == T_ABBR || c == T_EMOTICON ||
            c == T_LINE) {
            /* Take the closing quotes and brackets that follow: a quote is
            ** closing when one is open or when it is glued to the text. */
            size_t k = i + 1;
            int q = dq_open;
            while (k < end) {
                int ck = classify(d, &d->tok.v[k]);
                int glued = !d->tok.v[k - 1].space_after;
                if (ck == T_CLOSE || (ck == T_DQUOTE && (q || glued)) ||
                    (ck == T_SQUOTE && glued)) {
                    if (ck == T_DQUOTE)
                        q = 0;
                    last = k++;
                } else if (ck == T_FINAL && c == T_FINAL) {
                    last = k++;
                } else {
                    break;
                }
            }
            if (k >= end)
                boundary = 1;
            else if (c == T_FINAL)
                boundary = !continues(d, k, end, 0);
            else
                boundary = starts_sentence(d, k, end) && !continues(d, k, end, 1);
            if (boundary) {
                dq_open = q;
                i = last;
            }
        } else if (c == T_SOFT && i + 1 < end) {
            /* "... 10:02 AM Thanks", "see www.example.org The" */
            unsigned b = first_byte(d, i + 1, end);
            boundary = is_upper(b) || is_digit(b);
        } else if (i + 1 < end && line_break_between(d, i, i + 1) &&
                   i + 1 - line_start <= 12 && c == T_WORD &&
                   starts_sentence(d, i + 1, end)) {
            boundary = 1;               /* a short line without final punctuation */
        }
        if (i + 1 < end && line_break_between(d, i, i + 1))
            line_start = i + 1;
        if (boundary) {
            rc = annals__add_sentence(d, start, i + 1 - start, role);
            if (rc != ANNALS_OK)
                return rc;
            start = i + 1;
            line_start = start;
        }
    }
    if (start < end)
        return annals__add_sentence(d, start, end - start, role);
    return ANNALS_OK;
}
