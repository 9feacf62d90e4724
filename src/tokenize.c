/* tokenize.c -- split text into tokens and syntactic words, following the
** conventions of UD English-EWT:
**
**   - clitics make multiword tokens: "don't" = do + n't, "Ali's" = Ali + 's,
**     "parents'" = parents + ', "cannot" = can + not, "gonna" = gon + na;
**   - most hyphenated compounds are split ("search - engine"), but words with
**     a bound prefix ("e-mail", "non-stop"), a few nouns of protest and
**     conflict ("sit-in", "walk-out") and phone numbers are kept whole;
**   - numbers keep their inner punctuation (1,000.50 9/11 3:30), URLs and
**     e-mail addresses are one token, and so are emoticons and runs of
**     punctuation ("...", "!!", "--", ">>");
**   - an abbreviation keeps its period (Mr. U.S. Jan.) except where the
**     period also ends the sentence after a dotted acronym ("in the U.S" + ".").
**
** One pass over the bytes: the range is cut into chunks of non-blank
** characters and each chunk into tokens by looking at most a few bytes ahead
** (URLs and e-mail addresses scan to the end of their chunk once). */
#include "doc.h"
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------ character classes */

static int is_upper(unsigned c) { return c - 'A' < 26u; }
static int is_lower(unsigned c) { return c - 'a' < 26u; }
static int is_alpha(unsigned c) { return (c | 32u) - 'a' < 26u; }
static int is_digit(unsigned c) { return c - '0' < 10u; }
static int is_alnum(unsigned c) { return is_alpha(c) || is_digit(c); }
static unsigned to_lower(unsigned c) { return is_upper(c) ? c | 32u : c; }

static int is_ascii_blank(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct scan {
    annals_doc *d;
    const unsigned char *t;
    size_t end;                 /* end of the range */
    int squote_open;            /* an opening single quote awaits its close */
};

enum { K_SPACE, K_WORD, K_OTHER };

/* Kind and byte length of the non-ASCII code point at i.  Invalid bytes do
** not occur (the text is checked UTF-8) but are still read as one byte. */
static int high_kind(const struct scan *sc, size_t i, size_t *len)
{
    int32_t cp;
    size_t n = annals__utf8_decode(sc->t + i, sc->end - i, &cp);
    if (n == 0) {
        *len = 1;
        return K_OTHER;
    }
    *len = n;
    if (cp == 0x200B || cp == 0xFEFF || cp == 0x2060)
        return K_SPACE;                 /* zero-width spaces separate words */
    if (cp == 0xFFFD)
        return K_WORD;                  /* a replaced byte stays inside its word */
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return K_SPACE;
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return K_WORD;
    default:
        return K_OTHER;
    }
}

/* Length of the blank at i (0 if none). */
static size_t blank_len(const struct scan *sc, size_t i)
{
    size_t n;
    if (sc->t[i] < 0x80)
        return is_ascii_blank(sc->t[i]);
    return high_kind(sc, i, &n) == K_SPACE ? n : 0;
}

/* Length of the word character at i (letter, digit or mark), 0 if none. */
static size_t word_len(const struct scan *sc, size_t i, size_t ce)
{
    size_t n;
    if (i >= ce)
        return 0;
    if (sc->t[i] < 0x80)
        return is_alnum(sc->t[i]);
    return high_kind(sc, i, &n) == K_WORD ? n : 0;
}

/* Length of an apostrophe at i: ' or U+2019 (and ` as a clitic mark). */
static size_t apos_len(const unsigned char *t, size_t i, size_t ce)
{
    if (i >= ce)
        return 0;
    if (t[i] == '\'' || t[i] == '`')
        return 1;
    if (t[i] == 0xE2 && i + 2 < ce && t[i + 1] == 0x80 && t[i + 2] == 0x99)
        return 3;
    return 0;
}

/* Does t[i..i+n) equal the lower-case ASCII string w, ignoring case? */
static int eq_ci(const unsigned char *t, size_t n, const char *w)
{
    size_t k = 0;
    for (; k < n && w[k] != '\0'; k++)
        if (to_lower(t[k]) != (unsigned char)w[k])
            return 0;
    return k == n && w[k] == '\0';
}

/* Compare t[0..n) with w: ASCII case folded on the text side when fold is
** set (w is then lower case), byte order otherwise. */
static int cmp_word(const unsigned char *t, size_t n, const char *w, int fold)
{
    size_t k = 0;
    for (; k < n && w[k] != '\0'; k++) {
        unsigned a = fold ? to_lower(t[k]) : t[k], b = (unsigned char)w[k];
        if (a != b)
            return a < b ? -1 : 1;
    }
    if (k < n)
        return 1;
    return w[k] == '\0' ? 0 : -1;
}

/* Binary search in a sorted word list of n entries. */
static int in_sorted(const unsigned char *t, size_t len, const char *const *list, size_t n,
                     int fold)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_word(t, len, list[mid], fold);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

#define IN_LIST_CI(t, n, list) in_sorted((t), (n), (list), sizeof(list) / sizeof(list[0]), 1)
#define IN_LIST(t, n, list) in_sorted((t), (n), (list), sizeof(list) / sizeof(list[0]), 0)

/* ------------------------------------------------------------ word lists */

/* Every list is kept sorted (byte order, lower case where matched ignoring
** case): lookups are binary searches. */

/* Abbreviations that keep their period, matched ignoring case: none of
** them is an English word that could end a sentence. */
static const char *const abbr_ci[] = {
    "adm", "al", "ala", "amb", "approx", "apr", "apt", "ariz", "ark", "arrv", "assn",
    "attn", "atty", "aug", "ave", "bldg", "blvd", "brig", "bros", "calif", "capt",
    "cdr", "cf", "chap", "cmdr", "col", "colo", "conf", "conn", "corp", "cpl", "dec",
    "dept", "dr", "drs", "eds", "esp", "etc", "excl", "ext", "feb", "figs", "fla",
    "fri", "ft", "gen", "gov", "govt", "hon", "hrs", "hwy", "inc", "incl", "info",
    "insp", "intl", "jan", "jr", "jul", "jun", "kan", "kans", "ky", "lbs", "lt", "ltd",
    "maj", "md", "messrs", "mich", "minn", "mins", "misc", "mmes", "mont", "mos", "mph",
    "mr", "mrs", "ms", "msgr", "mt", "neb", "nev", "nos", "nov", "oct", "okla", "oz",
    "para", "pp", "pres", "prof", "pt", "pvt", "que", "rd", "ref", "rep", "reps", "rev",
    "sen", "sens", "sep", "sept", "sgt", "spec", "sq", "sr", "st", "ste", "sts", "supt",
    "tel", "tenn", "tex", "thu", "thur", "thurs", "tue", "tues", "univ", "viz", "vol",
    "vols", "vs", "vt", "wis", "wisc", "wyo", "yr", "yrs",
};

/* Abbreviations that are also words: they keep their period only when
** written exactly so ("Co." but not "co." in "so co."). */
static const char *const abbr_exact[] = {
    "Co", "Det", "Div", "Dom", "Ed", "Est", "Fax", "Fig", "Fr", "Ga", "Inst", "La",
    "Mar", "Mass", "Mo", "Mob", "Mon", "Ore", "PS", "Pa", "Ph", "Rec", "Sat", "Sc",
    "Sec", "Sun", "Va", "Vol", "Wash", "Wed", "co", "dom", "ect", "ed", "eg", "est",
    "et", "eve", "fig", "ft", "hr", "lb", "lv", "max", "min", "mo", "ps", "rec", "rep",
    "sec", "v",
};

/* Prefixes that stay joined to the rest of the word by a hyphen. */
static const char *const hyphen_prefix[] = {
    "anti", "arch", "co", "counter", "cross", "e", "ex", "inter", "intra", "micro",
    "mid", "mis", "multi", "neo", "non", "over", "post", "pre", "pro", "psycho", "re",
    "semi", "sub", "un", "x",
};

/* Nouns of protest and conflict made of a verb, a hyphen and a particle,
** kept whole so that the tagger sees one noun ("staged a sit-in"); none
** occurs in UD English-EWT or GUM, whose convention splits hyphens. */
static const char *const hyphen_whole[] = {
    "clamp-down", "crack-down", "die-in", "hand-over", "lock-down", "pull-out",
    "shoot-out", "sit-in", "take-over", "teach-in", "walk-out",
};

/* File name extensions and top-level domains: "report.doc", "cnn.com". */
static const char *const dot_suffix[] = {
    "af", "asp", "aspx", "au", "biz", "ca", "cfm", "cn", "co", "com", "csv", "de",
    "doc", "docx", "edu", "exe", "fr", "gif", "gov", "htm", "html", "in", "info", "int",
    "io", "jp", "jpeg", "jpg", "jsp", "mil", "mp3", "mp4", "net", "org", "pdf", "php",
    "pk", "png", "ppt", "pptx", "ru", "tv", "txt", "uk", "url", "us", "xls", "xlsx",
    "xml", "zip",
};

/* Words that usually start a sentence: a dotted acronym followed by one of
** them gives its period to the sentence ("in the U.S" + "." + "The"). */
static const char *const starters[] = {
    "A", "After", "All", "Also", "An", "And", "Are", "As", "At", "Before", "But", "Do",
    "For", "He", "Her", "His", "How", "However", "I", "If", "In", "Is", "It", "Its",
    "Let", "My", "No", "Now", "On", "One", "Our", "Please", "She", "So", "Some",
    "Thank", "Thanks", "That", "The", "Their", "Then", "There", "These", "They", "This",
    "Those", "We", "What", "When", "Where", "Why", "Yes", "You",
};

/* Clitic-bearing words written without an apostrophe, and where they split
** (split2 > 0 for a third word). */
struct fused {
    const char *word;
    unsigned char split, split2;
};

static const struct fused fused_words[] = {
    {"aint", 2, 0}, {"arent", 3, 0}, {"cannot", 3, 0}, {"cant", 2, 0},
    {"couldnt", 5, 0}, {"didnt", 3, 0}, {"doesnt", 4, 0}, {"dont", 2, 0},
    {"dunno", 2, 3}, {"gimme", 3, 0}, {"gonna", 3, 0}, {"gotta", 3, 0},
    {"hadnt", 3, 0}, {"hasnt", 3, 0}, {"havent", 4, 0}, {"im", 1, 0},
    {"isnt", 2, 0}, {"itll", 2, 0}, {"ive", 1, 0}, {"kinda", 4, 0},
    {"lemme", 3, 0}, {"outta", 3, 0}, {"shouldnt", 6, 0}, {"sorta", 4, 0},
    {"thats", 4, 0}, {"theyre", 4, 0}, {"theyve", 4, 0}, {"wanna", 3, 0},
    {"wasnt", 3, 0}, {"werent", 4, 0}, {"whats", 4, 0}, {"wont", 2, 0},
    {"wouldnt", 5, 0}, {"youll", 3, 0}, {"youre", 3, 0}, {"youve", 3, 0},
};

/* A quick filter before the search in fused_words: the endings they have. */
static int maybe_fused(const unsigned char *w, size_t n)
{
    unsigned a = to_lower(w[n - 2]), b = to_lower(w[n - 1]);
    switch (b) {
    case 't': return a == 'n' || a == 'o';           /* cannot, dont */
    case 'a': return a == 'n' || a == 't' || a == 'd'; /* gonna, gotta, kinda */
    case 'e': return a == 'm' || a == 'v' || a == 'r'; /* lemme, ive, youre */
    case 'o': return a == 'n';                       /* dunno */
    case 'm': return n == 2;                         /* im */
    case 's': return a == 't';                       /* thats */
    case 'l': return a == 'l';                       /* itll */
    default: return 0;
    }
}

/* Emoticons kept as one token. */
static const char *const emoticons[] = {
    ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ";-)", ":'(", ":)", ":(", ":D", ":P", ":p",
    ":/", ";)", "=)", "=(", ":]", ":[", ":o", ":O", "<3", "^_^", "^^", ":|", "XD",
    NULL
};

/* ---------------------------------------------------------------- output */

struct split {
    size_t at[2];               /* word boundaries inside the token */
    int n;
};

static int push_token(struct scan *sc, size_t s, size_t e, const struct split *sp)
{
    annals_doc *d = sc->d;
    struct doc_token *t = DOC_PUSH(d, d->tok);
    size_t ws = s;

    if (t == NULL)
        return ANNALS_ENOMEM;
    t->start = (uint32_t)s;
    t->end = (uint32_t)e;
    t->first_word = (uint32_t)d->word.n;
    t->n_words = (uint16_t)(sp->n + 1);
    t->space_after = (uint8_t)(e < d->text_len && blank_len(sc, e) > 0);
    for (int k = 0; k <= sp->n; k++) {
        size_t we = k < sp->n ? sp->at[k] : e;
        struct doc_word *w = DOC_PUSH(d, d->word);
        if (w == NULL)
            return ANNALS_ENOMEM;
        w->form = d->text + ws;
        w->form_len = (uint32_t)(we - ws);
        w->token = (uint32_t)(d->tok.n - 1);
        ws = we;
    }
    return ANNALS_OK;
}

/* --------------------------------------------------------- special tokens */

static int has_prefix_ci(const unsigned char *t, size_t i, size_t ce, const char *p)
{
    size_t n = strlen(p);
    return ce - i >= n && eq_ci(t + i, n, p);
}

/* A URL starting at i: scheme or "www.", then everything to the end of the
** chunk but trailing punctuation and an unbalanced closing bracket. */
static size_t url_len(const struct scan *sc, size_t cs, size_t i, size_t ce)
{
    const unsigned char *t = sc->t;
    size_t e = i, depth = 0;

    if (!(has_prefix_ci(t, i, ce, "http://") || has_prefix_ci(t, i, ce, "https://") ||
          has_prefix_ci(t, i, ce, "ftp://") || has_prefix_ci(t, i, ce, "mailto:") ||
          (has_prefix_ci(t, i, ce, "www.") && (i == cs || !is_alnum(t[i - 1])) &&
           i + 4 < ce && is_alnum(t[i + 4]))))
        return 0;
    while (e < ce && t[e] != '<' && t[e] != '>' && t[e] != '"') {
        if (t[e] == '(')
            depth++;
        else if (t[e] == ')' && depth-- == 0)
            break;
        e++;
    }
    while (e > i && (t[e - 1] == '.' || t[e - 1] == ',' || t[e - 1] == ';' ||
                     t[e - 1] == ':' || t[e - 1] == '!' || t[e - 1] == '?' ||
                     t[e - 1] == '\'' || t[e - 1] == ']' || t[e - 1] >= 0x80))
        e--;
    while (e > i && t[e - 1] >= 0x80 && t[e - 1] < 0xC0)
        e++;                            /* never cut inside a code point */
    return e - i;
}

static int is_local_char(unsigned c)
{
    return is_alnum(c) || c == '.' || c == '_' || c == '-' || c == '+';
}

/* An e-mail address at i: local@domain.tld.  The local part is at most 64
** bytes, so a long chunk is never rescanned from every token start. */
static size_t email_len(const struct scan *sc, size_t i, size_t ce)
{
    const unsigned char *t = sc->t;
    size_t j = i, dots = 0, e;

    while (j < ce && j - i < 64 && is_local_char(t[j]))
        j++;
    if (j == i || j >= ce || t[j] != '@' || j + 1 >= ce || !is_alnum(t[j + 1]))
        return 0;
    e = ++j;
    while (e < ce && (is_alnum(t[e]) || t[e] == '.' || t[e] == '-' || t[e] == '_')) {
        if (t[e] == '.')
            dots++;
        e++;
    }
    while (e > j && (t[e - 1] == '.' || t[e - 1] == '-')) {
        if (t[e - 1] == '.')
            dots--;
        e--;
    }
    return dots > 0 ? e - i : 0;
}

static size_t emoticon_len(const unsigned char *t, size_t i, size_t ce)
{
    for (const char *const *e = emoticons; *e != NULL; e++) {
        size_t n = strlen(*e);
        if (ce - i >= n && memcmp(t + i, *e, n) == 0) {
            /* ":D" and "XD" only when no letter follows ("Note:Do"). */
            if (i + n < ce && is_alnum(t[i + n]))
                continue;
            if ((*e)[0] == 'X' && i > 0 && is_alnum(t[i - 1]))
                continue;
            return n;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ words */

/* Is the sentence over at i (just after a period)?  Closing quotes and
** brackets may come first; then the end of the range or a word that
** usually starts a sentence. */
static int sentence_ends_at(const struct scan *sc, size_t i)
{
    const unsigned char *t = sc->t;
    size_t e;

    while (i < sc->end && (t[i] == '"' || t[i] == '\'' || t[i] == ')' || t[i] == ']'))
        i++;
    while (i < sc->end && is_ascii_blank(t[i]))
        i++;
    if (i >= sc->end)
        return 1;
    if (t[i] == '"')
        i++;
    e = i;
    while (e < sc->end && is_alpha(t[e]))
        e++;
    return e > i && is_upper(t[i]) && IN_LIST(t + i, e - i, starters);
}

/* Does the whole run of digits and hyphens at s look like a phone number,
** a ZIP+4 code, an extension or a date (713-555-0100, 1-800-555-0100,
** 77002-1234, 3-5213, 11-20-2000)?  Returns its length, or 0. */
static size_t phone_len(const unsigned char *t, size_t s, size_t ce)
{
    size_t g[5], ng = 0, i = s;

    while (ng < 5) {
        size_t b = i;
        while (i < ce && is_digit(t[i]))
            i++;
        if (i == b)
            return 0;
        g[ng++] = i - b;
        if (i + 1 < ce && t[i] == '-' && is_digit(t[i + 1]))
            i++;
        else
            break;
    }
    if (i < ce && (is_alpha(t[i]) || t[i] == '-'))
        return 0;
    if ((ng == 2 && g[0] == 3 && g[1] == 4) || (ng == 2 && g[0] == 5 && g[1] == 4) ||
        (ng == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4) ||
        (ng == 4 && g[0] == 1 && g[1] == 3 && g[2] == 3 && g[3] == 4) ||
        (ng == 3 && g[0] <= 2 && g[1] <= 2 && g[2] == 4) ||
        (ng == 2 && g[0] == 1 && g[1] == 4))
        return i - s;
    return 0;
}

/* Is the run at s digits/digits/digits (a date)? */
static int slash_date(const unsigned char *t, size_t s, size_t ce)
{
    int groups = 0;
    size_t i = s;
    for (;;) {
        size_t b = i;
        while (i < ce && is_digit(t[i]))
            i++;
        if (i == b)
            return 0;
        groups++;
        if (i < ce && t[i] == '/' && groups < 3)
            i++;
        else
            break;
    }
    return groups == 3;
}

/* A run of word characters from i; returns its end.  Inside the run, a
** number glued to a unit ("5pm", "65k") ends after the number: only
** ordinals, decades and single-letter labels stay ("3rd", "90s", "220b"). */
static size_t word_run(const struct scan *sc, size_t cs, size_t i, size_t ce)
{
    const unsigned char *t = sc->t;
    size_t j = i, n;

    if (is_digit(t[i])) {
        while (j < ce && is_digit(t[j]))
            j++;
        if (j < ce && is_alpha(t[j])) {
            size_t a = j;
            while (a < ce && is_alpha(t[a]))
                a++;
            if (a < ce && word_len(sc, a, ce) > 0)
                ;                       /* mixed code such as 4x4: keep whole */
            else if (eq_ci(t + j, a - j, "st") || eq_ci(t + j, a - j, "nd") ||
                     eq_ci(t + j, a - j, "rd") || eq_ci(t + j, a - j, "th") ||
                     eq_ci(t + j, a - j, "s"))
                return a;
            else if (a - j == 1 && t[j] != 'k' && t[j] != 'K' && t[cs] != '$')
                return a;
            else
                return j;
        }
    }
    while ((n = word_len(sc, j, ce)) > 0)
        j += n;
    return j;
}

static int is_clitic(const unsigned char *t, size_t n)
{
    return eq_ci(t, n, "s") || eq_ci(t, n, "m") || eq_ci(t, n, "d") ||
           eq_ci(t, n, "ll") || eq_ci(t, n, "ve") || eq_ci(t, n, "re");
}

/* Length of the letters-only segment ending at e and starting at or after s. */
static size_t seg_back(const unsigned char *t, size_t s, size_t e)
{
    size_t b = e;
    while (b > s && is_alpha(t[b - 1]))
        b--;
    return e - b;
}

static size_t alpha_run(const unsigned char *t, size_t i, size_t ce)
{
    size_t e = i;
    while (e < ce && is_alpha(t[e]))
        e++;
    return e - i;
}

/* Should the period at p, which ends the word [s, p), stay in the token? */
static int keeps_period(const struct scan *sc, size_t s, size_t p, int dotted)
{
    const unsigned char *t = sc->t;
    size_t n = p - s;

    if (dotted)                         /* U.S. a.m. e.g. Ph.D. */
        return !sentence_ends_at(sc, p + 1);
    if (n == 1 && is_upper(t[s]))       /* an initial: "J. Smith" */
        return !sentence_ends_at(sc, p + 1) || p + 1 < sc->end;
    /* At the end of a sentence the period is the sentence's: "etc" + ".". */
    if (IN_LIST_CI(t + s, n, abbr_ci) || IN_LIST(t + s, n, abbr_exact))
        return !sentence_ends_at(sc, p + 1);
    /* "No. 5", "no. 12" */
    if (eq_ci(t + s, n, "no") && p + 2 < sc->end && t[p + 1] == ' ' &&
        is_digit(t[p + 2]))
        return 1;
    return 0;
}

/* Scan the word token starting at i; returns its end and fills sp with the
** boundaries of its syntactic words. */
static size_t scan_word(struct scan *sc, size_t cs, size_t i, size_t ce, struct split *sp)
{
    const unsigned char *t = sc->t;
    size_t j = i, seg = i, a;
    int dotted = 0, plain = 1;          /* plain: letters only so far */

    sp->n = 0;
    for (;;) {
        size_t r = word_run(sc, cs, j, ce);
        for (size_t k = j; k < r; k++)
            if (!is_alpha(t[k]))
                plain = 0;
        j = r;
        if (j >= ce || (j > seg && word_len(sc, j, ce) > 0))
            break;                      /* a number cut from its unit */
        unsigned c = t[j];
        unsigned next = j + 1 < ce ? t[j + 1] : 0;
        unsigned prev = t[j - 1];

        if ((a = apos_len(t, j, ce)) > 0) {
            size_t k = j + a, cl = alpha_run(t, k, ce);
            int after_word = k + cl >= ce || word_len(sc, k + cl, ce) == 0;
            if ((prev == 'n' || prev == 'N') && j - 1 > i && cl == 1 &&
                (t[k] == 't' || t[k] == 'T') && after_word && c != '`') {
                sp->at[sp->n++] = j - 1;         /* do|n't */
                return k + 1;
            }
            if (cl > 0 && after_word && is_clitic(t + k, cl)) {
                sp->at[sp->n++] = j;             /* Ali|'s, I|'m */
                return k + cl;
            }
            if (cl == 0 && (prev == 's' || prev == 'S') && c != '`' &&
                word_len(sc, k, ce) == 0 && !sc->squote_open && plain) {
                sp->at[sp->n++] = j;             /* parents|' */
                return k;
            }
            if (c != '`' && word_len(sc, k, ce) > 0 && is_alpha(prev)) {
                j = k;                           /* O'Brien */
                plain = 0;
                continue;
            }
            break;
        }
        if (c >= 0x80)
            break;
        if (c == '.') {
            if (is_digit(prev) && is_digit(next)) {
                j++;
                plain = 0;
                continue;
            }
            if (is_alpha(next)) {
                size_t before = seg_back(t, seg, j), after = alpha_run(t, j + 1, ce);
                int whole = j + 1 + after >= ce || word_len(sc, j + 1 + after, ce) == 0;
                if (whole && before > 0 && before <= 2 && after <= 2 &&
                    (before == 1 || after == 1)) {
                    dotted = 1;                  /* U.S, e.g, Ph.D */
                } else if (!(whole && IN_LIST_CI(t + j + 1, after, dot_suffix)) &&
                           !(is_lower(prev) && is_lower(next) && !dotted)) {
                    break;
                }
                j++;
                seg = j;
                plain = 0;
                continue;
            }
            if (j + 1 < ce && t[j + 1] == '.') {
                /* "word..." is a word and an ellipsis, but "Inc.." an
                ** abbreviation and a full stop */
                if (!(j + 2 >= ce || t[j + 2] != '.') || dotted ||
                    !(IN_LIST_CI(t + seg, j - seg, abbr_ci) ||
                      IN_LIST(t + seg, j - seg, abbr_exact)))
                    break;
                return j + 1;
            }
            if (keeps_period(sc, dotted ? i : seg, j, dotted))
                return j + 1;
            break;
        }
        if (c == ',' && is_digit(prev) && j + 3 < ce && is_digit(next) &&
            is_digit(t[j + 2]) && is_digit(t[j + 3]) &&
            (j + 4 >= ce || !is_digit(t[j + 4]))) {
            j++;
            plain = 0;
            continue;
        }
        if (c == ':' && is_digit(prev) && is_digit(next)) {
            j++;
            plain = 0;
            continue;
        }
        /* Dates keep their slashes (12/25/2001) and so does 9/11; a
        ** fraction or a ratio is split (3 / 4, 24 / 7). */
        if (c == '/' && is_digit(prev) && is_digit(next) &&
            (slash_date(t, seg, ce) || (j - i == 1 && t[i] == '9' && ce - j >= 3 &&
                                        t[j + 1] == '1' && t[j + 2] == '1' &&
                                        (j + 3 == ce || !is_alnum(t[j + 3]))))) {
            j++;
            plain = 0;
            continue;
        }
        if (c == '/' && is_alpha(prev) && j - seg == 1 && is_alpha(next) &&
            alpha_run(t, j + 1, ce) <= 3 &&
            word_len(sc, j + 1 + alpha_run(t, j + 1, ce), ce) == 0) {
            j++;                                 /* w/o, b/c, I/S */
            plain = 0;
            continue;
        }
        if (c == '-' && word_len(sc, j + 1, ce) > 0) {
            size_t pl;
            if (!is_alpha(prev)) {
                if (is_digit(prev) && seg == i && (pl = phone_len(t, i, ce)) > 0) {
                    j = i + pl;
                    plain = 0;
                    if (j >= ce || word_len(sc, j, ce) == 0)
                        break;
                    continue;
                }
                break;
            }
            size_t b = seg_back(t, seg, j);
            if (b == j - seg && IN_LIST_CI(t + seg, b, hyphen_prefix)) {
                j++;
                seg = j;
                plain = 0;
                continue;
            }
            size_t part = alpha_run(t, j + 1, ce);
            if (seg == i && b == j - seg && word_len(sc, j + 1 + part, ce) == 0 &&
                IN_LIST_CI(t + seg, b + 1 + part, hyphen_whole)) {
                j += 1 + part;  /* "sit-in" */
                plain = 0;
                break;
            }
            break;
        }
        if ((c == '@' || c == '_') && word_len(sc, j + 1, ce) > 0) {
            j++;                                 /* Jo@ACME, snake_case */
            plain = 0;
            continue;
        }
        if (c == '&' && is_upper(prev) && is_upper(next)) {
            j++;                                 /* AT&T, Q&A */
            plain = 0;
            continue;
        }
        break;
    }
    if (plain && sp->n == 0 && j - i >= 2 && j - i <= 8 && maybe_fused(t + i, j - i)) {
        size_t lo = 0, hi = sizeof fused_words / sizeof fused_words[0];
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            int cmp = cmp_word(t + i, j - i, fused_words[mid].word, 1);
            if (cmp == 0) {
                sp->at[sp->n++] = i + fused_words[mid].split;
                if (fused_words[mid].split2 > 0)
                    sp->at[sp->n++] = i + fused_words[mid].split2;
                break;
            }
            if (cmp < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
    }
    return j;
}

/* ----------------------------------------------------------- punctuation */

static int is_run_char(unsigned c)
{
    return c == '-' || c == '=' || c == '*' || c == '_' || c == '~' || c == '#' ||
           c == '<' || c == '>' || c == '+' || c == '^' || c == '|' || c == '/' ||
           c == '\\' || c == '\'' || c == '`';
}

/* The token at i when it is not a word: emoticons, runs, quotes, symbols. */
static size_t scan_other(struct scan *sc, size_t cs, size_t i, size_t ce,
                         struct split *sp)
{
    const unsigned char *t = sc->t;
    size_t n, e;
    unsigned c = t[i];

    sp->n = 0;
    if (c >= 0x80) {
        high_kind(sc, i, &n);
        /* ‘’ and ’’ typed as a double quote stay one token */
        e = i;
        while (apos_len(t, e, ce) == 3 ||
               (e + 2 < ce && t[e] == 0xE2 && t[e + 1] == 0x80 && t[e + 2] == 0x98))
            e += 3;
        if (e > i + 3)
            return e - i;
        if (n == 3 && t[i] == 0xE2 && t[i + 1] == 0x80 && t[i + 2] == 0x98)
            sc->squote_open = 1;
        else if (apos_len(t, i, ce) == 3)
            sc->squote_open = 0;
        return n;
    }
    if ((c == ':' || c == ';' || c == '=' || c == '<' || c == '^') &&
        (n = emoticon_len(t, i, ce)) > 0)
        return n;
    if (c == '.' && i + 1 < ce && is_digit(t[i + 1])) {
        e = i + 1;                               /* .5 */
        while (e < ce && is_digit(t[e]))
            e++;
        return e - i;
    }
    if (c == '.' && i + 1 < ce && t[i + 1] == '.') {
        e = i + 2;                               /* an ellipsis, without the "?" of "...?" */
        while (e < ce && t[e] == '.')
            e++;
        return e - i;
    }
    if (c == '+' && i + 1 < ce && is_digit(t[i + 1]) && i == cs) {
        e = i + 1;                               /* +44, a country calling code */
        while (e < ce && is_digit(t[e]))
            e++;
        return e - i;
    }
    if (c == '.' || c == '!' || c == '?') {
        e = i + 1;
        while (e < ce && (t[e] == '.' || t[e] == '!' || t[e] == '?'))
            e++;
        return e - i;
    }
    if (c == '\'' || c == '`') {
        size_t k = i + 1, cl = alpha_run(t, k, ce);
        if (k < ce && t[k] == c)
            return 2;                            /* '' and `` */
        if (c == '\'' && cl > 0 && is_clitic(t + k, cl) &&
            (k + cl >= ce || word_len(sc, k + cl, ce) == 0) && i == cs)
            return 1 + cl;                       /* a lone 's */
        if (c == '\'' && k + 1 < ce && is_digit(t[k]) && is_digit(t[k + 1]) &&
            (k + 2 >= ce || !is_digit(t[k + 2]))) {
            e = k + 2;                           /* '90s */
            if (e < ce && t[e] == 's')
                e++;
            return e - i;
        }
        if (c == '\'')
            sc->squote_open = word_len(sc, k, ce) > 0;
        return 1;
    }
    if (is_run_char(c)) {
        /* rules such as ----== mix dashes and equals signs */
        int rule = c == '-' || c == '=';
        e = i + 1;
        while (e < ce && (t[e] == c || (rule && (t[e] == '-' || t[e] == '='))))
            e++;
        return e - i;
    }
    return 1;
}

/* ------------------------------------------------------------------ main */

/* Cut the chunk [cs, ce) of non-blank characters into tokens; has_at says
** whether it holds an '@' (and so maybe an e-mail address). */
static int split_chunk(struct scan *sc, size_t cs, size_t ce, int has_at)
{
    const unsigned char *t = sc->t;
    struct split sp;
    size_t i = cs, n;
    int rc;

    while (i < ce) {
        unsigned c = t[i] | 32u;        /* URLs start with h, f, m or w */
        sp.n = 0;
        if (((c == 'h' || c == 'f' || c == 'm' || c == 'w') &&
             (n = url_len(sc, cs, i, ce)) > 0) ||
            (has_at && (n = email_len(sc, i, ce)) > 0))
            n += i;
        else if (word_len(sc, i, ce) > 0)
            n = scan_word(sc, cs, i, ce, &sp);
        else
            n = i + scan_other(sc, cs, i, ce, &sp);
        rc = push_token(sc, i, n, &sp);
        if (rc != ANNALS_OK)
            return rc;
        i = n;
    }
    return ANNALS_OK;
}

int annals__tokenize_given(annals_doc *d, size_t start, size_t end)
{
    struct scan sc = {d, (const unsigned char *)d->text, end, 0};
    const struct split whole = {{0, 0}, 0};
    size_t i = start;

    while (i < end) {
        size_t e = i;
        while (e < end && sc.t[e] != ' ' && sc.t[e] != '\t')
            e++;
        if (e > i) {
            int rc = push_token(&sc, i, e, &whole);
            if (rc != ANNALS_OK)
                return annals__doc_fail(d, rc, "%s", annals_strerror(rc));
        }
        i = e + 1;
    }
    return ANNALS_OK;
}

int annals__tokenize(annals_doc *d, size_t start, size_t end)
{
    struct scan sc = {d, (const unsigned char *)d->text, end, 0};
    size_t i = start;

    while (i < end) {
        size_t b = blank_len(&sc, i), ce;
        if (b > 0) {
            i += b;
            continue;
        }
        int has_at = 0;
        for (ce = i + 1; ce < end; ce++) {
            unsigned c = sc.t[ce];
            if (c >= 0x80 ? blank_len(&sc, ce) > 0 : is_ascii_blank(c))
                break;
            has_at |= c == '@';
        }
        int rc = split_chunk(&sc, i, ce, has_at || sc.t[i] == '@');
        if (rc != ANNALS_OK)
            return annals__doc_fail(d, rc, "%s", annals_strerror(rc));
        i = ce;
    }
    return ANNALS_OK;
}
