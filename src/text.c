/* text.c -- the text stage: check and normalise the input (utf8.c), find
** the layout of the article (headline, byline, photo captions, dateline,
** body paragraphs), then tokenise each block (tokenize.c) and split it into
** sentences (sentence.c) that carry the block's role.
**
** Blocks are separated by blank lines.  A block of one line is a candidate
** headline, caption or byline; the first body block may open with a
** dateline, which becomes a sentence of its own whose place is kept. */
#include "doc.h"
#include "utf8.h"

#include <string.h>

struct block {
    size_t start, end;          /* working offsets, trimmed of blank space */
    size_t n_lines;
};

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* Offset of the first occurrence of the ASCII string w in s[0..n) at or
** after from, or SIZE_MAX. */
static size_t find(const char *s, size_t n, size_t from, const char *w)
{
    size_t k = strlen(w);
    while (from + k <= n) {
        const char *p = memchr(s + from, w[0], n - from - k + 1);
        if (p == NULL)
            return SIZE_MAX;
        from = (size_t)(p - s);
        if (memcmp(p, w, k) == 0)
            return from;
        from++;
    }
    return SIZE_MAX;
}

static int is_alpha(unsigned char c) { return is_lower(c) || is_upper(c); }

/* Does s[0..n) contain the ASCII word w, not inside a longer word? */
static int has_word(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w), i = 0;
    while ((i = find(s, n, i, w)) != SIZE_MAX) {
        if ((i == 0 || !is_alpha((unsigned char)s[i - 1])) &&
            (i + k == n || !is_alpha((unsigned char)s[i + k])))
            return 1;
        i++;
    }
    return 0;
}

/* Words of s[0..n), counting no further than limit + 1. */
static size_t count_words(const char *s, size_t n, size_t limit)
{
    size_t words = 0;
    int in = 0;
    for (size_t i = 0; i < n && words <= limit; i++) {
        int sp = is_space((unsigned char)s[i]) || s[i] == '\n';
        if (!sp && !in)
            words++;
        in = !sp;
    }
    return words;
}

/* Last byte of s[0..n) that is not a closing quote or bracket. */
static unsigned char final_char(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']')
            n--;
        else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
                 (unsigned char)s[n - 2] == 0x80 &&
                 ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
            n -= 3;                             /* ” or ’ */
        else
            return c;
    }
    return 0;
}

/* Photo captions: a one-line block that names what a picture shows.  They
** are short, so longer lines are not searched at all. */
#define CAPTION_MAX_BYTES 400

static int looks_like_caption(const char *s, size_t n)
{
    static const char *const cues[] = {
        "(L)", "(R)", "(C)", "(L-R)", "(R-L)", "(File)", "(file photo)", "File photo",
        "FILE PHOTO", "Photo:", "PHOTO:", "Photograph:", "Image:", "(Photo", "Getty Images",
        "/AFP", "/Reuters", "/REUTERS", "AFP photo", "Reuters photo", "/AP Photo", "(AP Photo",
        "Caption:", "caption:",
    };
    if (n > CAPTION_MAX_BYTES)
        return 0;
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++)
        if (find(s, n, 0, cues[i]) != SIZE_MAX)
            return 1;
    /* "Combo shows ...", "A man walks past ... in Kabul, Aug. 11" */
    if ((has_word(s, n, "shows") || has_word(s, n, "pictured") || has_word(s, n, "Combo") ||
         has_word(s, n, "Picture")) && count_words(s, n, 40) <= 40)
        return final_char(s, n) != '.' || has_word(s, n, "shows");
    return 0;
}

static int looks_like_byline(const char *s, size_t n)
{
    if (n < 4 || memcmp(s, "By ", 3) != 0 || !is_upper((unsigned char)s[3]))
        return 0;
    return count_words(s, n, 12) <= 12 && final_char(s, n) != '.';
}

/* A heading has no sentence-final punctuation and few words. */
static int looks_like_heading(const char *s, size_t n)
{
    unsigned char c = final_char(s, n);
    return c != '.' && c != '!' && c != '?' && c != ':' && c != ',' && c != ';' &&
           count_words(s, n, 16) <= 16;
}

/* Length of a dateline at the start of s[0..n), or 0, with the place's
** length in *place_len.  Recognised shapes, the place in capitals:
**   WASHINGTON:   KABUL, Afghanistan -   ISLAMABAD, Aug 11 (Reuters) -
**   NEW YORK (AP) --   LONDON, Aug. 11 —  */
static size_t find_dateline(const char *s, size_t n, size_t *place_len)
{
    size_t i = 0, place_end, caps = 0;

    /* The place: words of capitals (with spaces, dots, hyphens, apostrophes). */
    while (i < n && (is_upper((unsigned char)s[i]) || s[i] == ' ' || s[i] == '.' ||
                     s[i] == '-' || s[i] == '\'')) {
        if (is_upper((unsigned char)s[i]))
            caps++;
        if (s[i] == '-' && i + 1 < n && s[i + 1] == ' ')
            break;
        i++;
    }
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '-'))
        i--;
    if (caps < 3 || i == 0)
        return 0;
    place_end = i;
    /* Optional ", Qualifier, Aug 11" and "(Agency)" parts, at most 60 bytes. */
    while (i < n && i < place_end + 60 && s[i] != ':' && s[i] != '\n') {
        if (s[i] == '-' && (i + 1 >= n || s[i + 1] == ' ' || s[i + 1] == '-'))
            break;
        if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0x93))
            break;                              /* — or – */
        if (s[i] == '.' && i + 1 < n && s[i + 1] == ' ' && i > 0 &&
            is_lower((unsigned char)s[i - 1]) && i - place_end > 20)
            return 0;                           /* a sentence, not a dateline */
        i++;
    }
    if (i >= n || i >= place_end + 60 || s[i] == '\n')
        return 0;
    if (i > place_end && s[place_end] != ',' && s[place_end] != ' ')
        return 0;
    if (i > place_end && s[place_end] == ' ' && s[place_end + 1] != '(')
        return 0;
    /* Consume the separator and following space. */
    if (s[i] == ':')
        i++;
    else if ((unsigned char)s[i] == 0xE2)
        i += 3;
    else
        while (i < n && s[i] == '-')
            i++;
    if (i < n && !is_space((unsigned char)s[i]))
        return 0;
    *place_len = place_end;
    return i;
}

static int run_block(annals_doc *d, size_t start, size_t end, int role)
{
    size_t first = d->tok.n;
    int rc = annals__tokenize(d, start, end);
    if (rc != ANNALS_OK)
        return rc;
    if (d->tok.n == first)
        return ANNALS_OK;
    return annals__split_sentences(d, first, d->tok.n - first, role);
}

/* Decide the role of each block and run the tokeniser and splitter on it. */
static int run_blocks(annals_doc *d, const struct block *bl, size_t nb)
{
    const char *t = d->text;
    int body_seen = 0;

    for (size_t k = 0; k < nb; k++) {
        const char *s = t + bl[k].start;
        size_t n = bl[k].end - bl[k].start;
        int role = ANNALS_ROLE_BODY, rc;

        /* Captions, bylines and headings are short lines of their own; a
        ** caption with its credit or label is one even when it comes alone
        ** (a picture's line sent as a record of its own) */
        int caption = bl[k].n_lines == 1 && looks_like_caption(s, n);
        if (bl[k].n_lines == 1 && (nb > 1 || caption) && n <= CAPTION_MAX_BYTES) {
            size_t place_len;
            if (caption)
                role = ANNALS_ROLE_CAPTION;
            else if (!body_seen && looks_like_byline(s, n))
                role = ANNALS_ROLE_BYLINE;
            else if (k + 1 < nb && looks_like_heading(s, n) && !find_dateline(s, n, &place_len))
                role = ANNALS_ROLE_HEADLINE;
        }
        if (role == ANNALS_ROLE_BODY && !body_seen) {
            size_t place_len = 0, dl = find_dateline(s, n, &place_len);
            body_seen = 1;
            if (dl > 0) {
                d->has_dateline = 1;
                d->dateline_start = (uint32_t)bl[k].start;
                d->dateline_end = (uint32_t)(bl[k].start + dl);
                d->place_start = (uint32_t)bl[k].start;
                d->place_end = (uint32_t)(bl[k].start + place_len);
                rc = run_block(d, bl[k].start, bl[k].start + dl, ANNALS_ROLE_DATELINE);
                if (rc != ANNALS_OK)
                    return rc;
                rc = run_block(d, bl[k].start + dl, bl[k].end, ANNALS_ROLE_BODY);
                if (rc != ANNALS_OK)
                    return rc;
                continue;
            }
        }
        rc = run_block(d, bl[k].start, bl[k].end, role);
        if (rc != ANNALS_OK)
            return rc;
    }
    return ANNALS_OK;
}

/* Words given by the caller: each line with a word is a sentence of the
** body. */
static int run_given_lines(annals_doc *d)
{
    size_t i = 0, n = d->text_len;

    if (n >= 3 && memcmp(d->text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n) {
        const char *nl = memchr(d->text + i, '\n', n - i);
        size_t end = nl != NULL ? (size_t)(nl - d->text) : n, first = d->tok.n;
        int rc = annals__tokenize_given(d, i, end > i && d->text[end - 1] == '\r' ? end - 1 : end);
        if (rc == ANNALS_OK && d->tok.n > first)
            rc = annals__add_sentence(d, first, d->tok.n - first, ANNALS_ROLE_BODY);
        if (rc != ANNALS_OK)
            return rc;
        i = end + 1;
    }
    return ANNALS_OK;
}

/* Blocks: runs of lines with text, separated by lines of blank space. */
static int find_blocks(annals_doc *d, struct block **out, size_t *nout)
{
    const char *t = d->text;
    size_t n = d->text_len, i = 0, nb = 0, cap = 0;
    struct block *bl = NULL;

    int open = 0;                   /* the last block may still grow */

    if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
        i = 3;                      /* a byte-order mark is not text */

    while (i < n) {
        size_t line_start = i, line_end, s, e;
        const char *nl = memchr(t + i, '\n', n - i);
        line_end = nl != NULL ? (size_t)(nl - t) : n;
        i = nl != NULL ? line_end + 1 : n;
        s = line_start;
        e = line_end;
        while (s < e && is_space((unsigned char)t[s]))
            s++;
        while (e > s && is_space((unsigned char)t[e - 1]))
            e--;
        if (s == e) {
            open = 0;
            continue;
        }
        if (open) {
            bl[nb - 1].end = e;
            bl[nb - 1].n_lines++;
            continue;
        }
        if (nb == cap) {
            size_t ncap = cap == 0 ? 16 : cap * 2;
            struct block *nbl = annals__arena_alloc(&d->arena, ncap * sizeof *nbl);
            if (nbl == NULL)
                return ANNALS_ENOMEM;
            if (nb > 0)
                memcpy(nbl, bl, nb * sizeof *bl);
            bl = nbl;
            cap = ncap;
        }
        bl[nb].start = s;
        bl[nb].end = e;
        bl[nb].n_lines = 1;
        nb++;
        open = 1;
    }
    *out = bl;
    *nout = nb;
    return ANNALS_OK;
}

int annals__text_run(const annals_pipeline *p, annals_doc *d)
{
    struct utf8_text u;
    struct block *bl;
    size_t nb, bad = 0;
    const char *copy = d->orig;
    size_t len = d->orig_len;
    int rc;

    rc = annals__utf8_prepare(&d->arena, copy, len, p->opt.utf8_policy, &u, &bad);
    if (rc == ANNALS_EUTF8) {
        d->err_offset = bad;
        return annals__doc_fail(d, rc, "%s at byte %zu", copy[bad] == '\0' ?
                                "NUL byte" : "invalid UTF-8", bad);
    }
    if (rc != ANNALS_OK)
        return annals__doc_fail(d, rc, "%s", annals_strerror(rc));
    d->text = u.text;
    d->text_len = u.len;
    d->map = u.map;
    if (d->given_words) {
        rc = run_given_lines(d);
    } else {
        rc = find_blocks(d, &bl, &nb);
        if (rc == ANNALS_OK)
            rc = run_blocks(d, bl, nb);
    }
    if (rc != ANNALS_OK && d->status == ANNALS_OK)
        annals__doc_fail(d, rc, "%s", annals_strerror(rc));
    return rc;
}
