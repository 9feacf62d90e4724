/* quotes.c -- the quotation stage.  Reads the tokens, sentences, dependency
** parse and named entities of a document; appends to d->quote only.
**
** Direct quotes: double quotation marks (straight, curly, guillemets, `` '')
** are paired in text order; a straight mark opens or closes by the spaces
** around it.  A paragraph that ends inside a quote continues it when the
** next paragraph opens with a mark (the news convention for quotes running
** over paragraphs); otherwise the quote ends with its paragraph.  Single
** marks inside a direct quote make nested quotes.  A quote that starts in
** the middle of a clause ("called for "mutual goals of security"") is
** partial; a partial quote with no cue verb in its sentence is dropped (scare
** quotes, titles).
** Cues: a direct quote's cue verb is looked for right after its closing mark
** (", he said", ", said Kirby", ", according to ..."), then right before its
** opening mark ("Kirby said: "), then in the sentence before when that one
** ends with a colon; a quote without its own cue continues the speaker of
** the quote just before it when no person is named in between.
** Indirect speech: a cue verb outside quotes whose clausal complement
** (ccomp) or parataxis is not itself quoted: the complement is the content
** and the verb's subject the speaker; "according to X" makes the rest of
** its sentence the content and X the speaker.  Surface patterns stand in
** for parses that hang a reporting clause elsewhere: after the clause it
** reports ("..., the ministry said") or between commas inside it ("The
** talks, the minister said, would resume").
** Speakers: the subject phrase of the cue verb.  Its entity is the mention
** that heads it, or a person named inside it; "he"/"she" resolves to the
** person who is the nearest subject in this or the two sentences before
** (or the only person named there); "it" and "they" to the organisation or
** group that spoke last; "the spokesperson" to the last person holding
** that role; "the ministry" to the last organisation whose name ends so; a
** document ("a handout issued by the foreign office") to its issuer.
** Whenever the antecedent is not clear the speaker stays unknown: a wrong
** speaker costs more than a missing one. */
#include "quotes.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ lexicons */

struct cue {
    const char *lemma;
    unsigned kind;
};

/* Verbs of saying, sorted (strcmp order). */
static const struct cue cues[] = {
    {"acknowledge", CUE_SPEECH}, {"add", CUE_SPEECH},        {"admit", CUE_SPEECH},
    {"allege", CUE_SPEECH},      {"announce", CUE_SPEECH},   {"answer", CUE_SPEECH},
    {"argue", CUE_SPEECH},       {"ask", CUE_SPEECH},        {"assert", CUE_SPEECH},
    {"boast", CUE_SPEECH},       {"call", CUE_PARTIAL},      {"caution", CUE_SPEECH},
    {"claim", CUE_SPEECH},       {"comment", CUE_SPEECH},    {"complain", CUE_SPEECH},
    {"concede", CUE_SPEECH},     {"conclude", CUE_SPEECH},   {"confirm", CUE_SPEECH},
    {"contend", CUE_SPEECH},     {"declare", CUE_SPEECH},    {"deny", CUE_SPEECH},
    {"describe", CUE_PARTIAL},   {"disclose", CUE_SPEECH},   {"dub", CUE_PARTIAL},
    {"emphasise", CUE_SPEECH},   {"emphasize", CUE_SPEECH},  {"explain", CUE_SPEECH},
    {"insist", CUE_SPEECH},      {"maintain", CUE_SPEECH},   {"mention", CUE_SPEECH},
    {"note", CUE_SPEECH},        {"observe", CUE_SPEECH},    {"pledge", CUE_SPEECH},
    {"predict", CUE_SPEECH},     {"promise", CUE_SPEECH},    {"recall", CUE_SPEECH},
    {"reiterate", CUE_SPEECH},   {"remark", CUE_SPEECH},     {"reply", CUE_SPEECH},
    {"report", CUE_SPEECH},      {"respond", CUE_SPEECH},    {"reveal", CUE_SPEECH},
    {"say", CUE_SPEECH},         {"state", CUE_SPEECH},      {"stress", CUE_SPEECH},
    {"suggest", CUE_SPEECH},     {"tell", CUE_SPEECH},       {"term", CUE_PARTIAL},
    {"testify", CUE_SPEECH},     {"threaten", CUE_SPEECH},   {"tweet", CUE_SPEECH},
    {"underline", CUE_SPEECH},   {"urge", CUE_SPEECH},       {"vow", CUE_SPEECH},
    {"warn", CUE_SPEECH},        {"write", CUE_SPEECH},
};
#define N_CUES (sizeof cues / sizeof cues[0])

/* Nouns naming a person by office: "the spokesperson said". */
static const char *const role_nouns[] = {
    "adviser", "advisor", "ambassador", "chairman", "chairwoman", "chancellor", "chief",
    "commander", "director", "envoy", "general", "governor", "leader", "mayor",
    "minister", "official", "premier", "president", "prosecutor", "secretary", "senator",
    "spokesman", "spokesperson", "spokeswoman", NULL
};

/* Nouns naming an organisation: "the ministry said". */
static const char *const org_nouns[] = {
    "administration", "agency", "airline", "alliance", "army", "association", "authority",
    "bank", "charity", "coalition", "commission", "committee", "company", "council", "court",
    "department", "embassy", "federation", "firm", "foundation", "government", "group",
    "institute", "military", "ministry", "navy", "office", "organisation", "organization",
    "party", "police", "union", NULL
};

/* Nouns that name words rather than quote them: 'the phrase "managed
** decline" was widely used'. */
static const char *const term_nouns[] = {
    "expression", "hashtag", "label", "motto", "phrase", "slogan", "term", "word", NULL
};

/* Nouns naming a document that speaks for its issuer. */
static const char *const doc_nouns[] = {
    "announcement", "communique", "document", "handout", "letter", "notice", "post",
    "release", "report", "statement", "tweet", NULL
};

unsigned annals__quote_cue(const char *s, size_t n)
{
    char low[16];
    size_t lo = 0, hi = N_CUES;

    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
    low[n] = '\0';
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(low, cues[mid].lemma);
        if (c == 0)
            return cues[mid].kind;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

int annals__quote_cues_sorted(void)
{
    for (size_t i = 1; i < N_CUES; i++)
        if (strcmp(cues[i - 1].lemma, cues[i].lemma) >= 0)
            return 0;
    return 1;
}

const char *annals__quote_kind_name(int kind)
{
    static const char *const names[] = {"direct", "indirect", "partial", "nested"};
    return kind >= 0 && kind < 4 ? names[kind] : "?";
}

/* ------------------------------------------------------------- context */

/* A quotation found, in word indexes, before its speaker is resolved. */
struct cand {
    int kind;
    int32_t open, close;        /* mark words, or -1 */
    int32_t cs, ce;             /* content words [cs, ce] */
    int32_t cue, cue_end;       /* cue words [cue, cue_end], or -1 */
    int32_t subj;               /* head word of the speaker phrase, or -1 */
    int32_t within;             /* opening mark of the enclosing quote, or -1 */
    int inherit;                /* no cue of its own: may continue the last speaker */
    uint32_t order;
};

struct ctx {
    annals_doc *d;
    size_t nw;
    uint32_t *wsent;            /* sentence of each word */
    int32_t *wment;             /* mention of each word, or -1 */
    int32_t *lo, *hi;           /* subtree extent of each word */
    uint8_t *inq;               /* quote depth of each word */
    uint8_t *used;              /* word is the cue of a quotation */
    uint32_t *sfirst;           /* first word of each sentence, and nw at the end */
    uint8_t *para;              /* sentence starts a paragraph */
    DOC_VEC(struct cand) c;
};

static int lower_eq(const char *s, size_t n, const char *w)
{
    size_t k = 0;
    for (; k < n && w[k] != '\0'; k++) {
        char c = s[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[k])
            return 0;
    }
    return k == n && w[k] == '\0';
}

static int form_is(const struct ctx *x, size_t w, const char *s)
{
    return lower_eq(x->d->word.v[w].form, x->d->word.v[w].form_len, s);
}

static int lemma_is(const struct ctx *x, size_t w, const char *s)
{
    return lower_eq(x->d->word.v[w].lemma, x->d->word.v[w].lemma_len, s);
}

static int lemma_in(const struct ctx *x, size_t w, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (lemma_is(x, w, list[i]) || form_is(x, w, list[i]))
            return 1;
    return 0;
}

static int upos_is(const struct ctx *x, size_t w, const char *u)
{
    return strcmp(x->d->word.v[w].upos, u) == 0;
}

static int deprel_is(const struct ctx *x, size_t w, const char *r)
{
    const char *dr = x->d->word.v[w].deprel;
    size_t n = strlen(r);
    return strncmp(dr, r, n) == 0 && (dr[n] == '\0' || dr[n] == ':');
}

static int32_t head_of(const struct ctx *x, size_t w)
{
    int64_t h = x->d->word.v[w].head;
    if (h < 0 || (size_t)h >= x->nw || x->wsent[h] != x->wsent[w])
        return -1;
    return (int32_t)h;
}

static unsigned cue_kind(const struct ctx *x, size_t w)
{
    const struct doc_word *dw = &x->d->word.v[w];
    if (!upos_is(x, w, "VERB"))
        return 0;
    /* "so-called" names, it does not quote */
    if (lemma_is(x, w, "call") && w > 0 &&
        (form_is(x, w - 1, "-") || form_is(x, w - 1, "so")))
        return 0;
    return annals__quote_cue(dw->lemma, dw->lemma_len);
}

static int is_according(const struct ctx *x, size_t w)
{
    return w + 1 < x->nw && form_is(x, w, "according") && form_is(x, w + 1, "to") &&
           x->wsent[w + 1] == x->wsent[w];
}

static int is_punct(const struct ctx *x, size_t w)
{
    return upos_is(x, w, "PUNCT");
}

static uint32_t sent_end(const struct ctx *x, uint32_t s)   /* one past its last word */
{
    return x->sfirst[s + 1];
}

/* Are words [a, b] all punctuation (or none)?  The final stop of a
** sentence hangs on its root, outside a reporting clause. */
static int only_punct(const struct ctx *x, int32_t a, int32_t b)
{
    for (int32_t k = a; k <= b; k++)
        if (!is_punct(x, (size_t)k))
            return 0;
    return 1;
}

/* The nsubj dependent of verb v (not a passive subject) nearest to it (a
** parse may give a cue two subjects: "Floods cut off villages, the agency
** said"), or -1. */
static int32_t nsubj_of(const struct ctx *x, size_t v)
{
    uint32_t s = x->wsent[v];
    int32_t best = -1;
    for (size_t k = x->sfirst[s]; k < sent_end(x, s); k++)
        if (head_of(x, k) == (int32_t)v && deprel_is(x, k, "nsubj") &&
            strcmp(x->d->word.v[k].deprel, "nsubj:pass") != 0 &&
            (best < 0 || labs((long)k - (long)v) < labs((long)best - (long)v)))
            best = (int32_t)k;
    return best;
}

/* Is speech verb v a reporting clause set after the clause it reports
** ("Raids left six dead, the ministry said"), whatever the parse made of it
** (a conjunct or relative clause of a word before it, or a root with a
** stray complement)?  Its own subject (no relative pronoun) follows a
** comma, a clause with a verb comes before the comma, and v has no
** complement after it, object or conjunction.  The comma, or -1. */
static int32_t trailing_attribution(const struct ctx *x, size_t v)
{
    int32_t s = nsubj_of(x, v), comma = s >= 0 && s < (int32_t)v ? x->lo[s] - 1 : -1, verb = 0;
    uint32_t sn = x->wsent[v];
    /* the parse may hang the comma on the subject itself */
    if (comma >= 0 && form_is(x, (size_t)comma + 1, ","))
        comma++;
    if (x->inq[v] || comma < (int32_t)x->sfirst[sn] + 1 || !form_is(x, (size_t)comma, ",") ||
        form_is(x, (size_t)s, "who") || form_is(x, (size_t)s, "which") ||
        form_is(x, (size_t)s, "that") || form_is(x, (size_t)s, "it"))
        return -1;
    for (size_t k = x->sfirst[sn]; k < sent_end(x, sn); k++) {
        if ((int32_t)k < comma && (upos_is(x, k, "VERB") || upos_is(x, k, "AUX")))
            verb = 1;
        if (head_of(x, k) == (int32_t)v &&
            ((deprel_is(x, k, "ccomp") && (int32_t)k > comma) || deprel_is(x, k, "obj") ||
             deprel_is(x, k, "cc") || deprel_is(x, k, "xcomp")))
            return -1;
    }
    return verb ? comma : -1;
}

static int nominal(const struct ctx *x, int32_t w)
{
    return upos_is(x, (size_t)w, "NOUN") || upos_is(x, (size_t)w, "PROPN") ||
           upos_is(x, (size_t)w, "PRON");
}

static int only_adverbs(const struct ctx *x, int32_t a, int32_t b)
{
    for (int32_t k = a; k <= b; k++)
        if (!upos_is(x, (size_t)k, "ADV"))
            return 0;
    return 1;
}

/* The subject of cue verb v: its own, a relative clause's antecedent
** ("a statement that said", also when the parse hung the clause on it as
** a parataxis), or that of the verb it is joined to ("denied the claim and
** said", "left, saying"). */
static int32_t subject_of(const struct ctx *x, size_t v)
{
    int32_t s = nsubj_of(x, v);
    int32_t h = head_of(x, v);
    if (s >= 0 && x->inq[s] && !x->inq[v]) {
        /* the parse took the quoted words for the subject ("the "goals of
        ** trade," Prime Minister Arjun Mehra said"): the name just before
        ** the cue, auxiliaries and adverbs between, is the speaker */
        int32_t k = (int32_t)v - 1;
        while (k >= 0 && !x->inq[k] && (deprel_is(x, (size_t)k, "aux") ||
                                        deprel_is(x, (size_t)k, "advmod")))
            k--;
        while (k >= 0 && deprel_is(x, (size_t)k, "flat") && head_of(x, (size_t)k) >= 0 &&
               head_of(x, (size_t)k) < k)
            k = head_of(x, (size_t)k);
        if (k >= 0 && !x->inq[k] && x->wsent[k] == x->wsent[v] &&
            (upos_is(x, (size_t)k, "PROPN") || upos_is(x, (size_t)k, "NOUN") ||
             upos_is(x, (size_t)k, "PRON")))
            return k;
        return -1;
    }
    int relative = s >= 0 && upos_is(x, (size_t)s, "PRON") &&
                   (form_is(x, (size_t)s, "that") || form_is(x, (size_t)s, "which") ||
                    form_is(x, (size_t)s, "who"));
    /* "Finance Minister Tomas Ruiz, who arrived ..., told" with the name and
    ** "who" both hung as subjects of "arrived": the name is the antecedent */
    for (size_t k = x->sfirst[x->wsent[v]]; relative && k < (size_t)s; k++)
        if (head_of(x, k) == (int32_t)v && deprel_is(x, k, "nsubj") && nominal(x, (int32_t)k))
            return (int32_t)k;
    if (relative && h >= 0 &&
        (deprel_is(x, v, "acl") || (deprel_is(x, v, "parataxis") && h < (int32_t)v && nominal(x, h))))
        return h;
    if (s >= 0)
        return s;
    if (h >= 0 && h < (int32_t)v && deprel_is(x, v, "acl") && deprel_is(x, (size_t)h, "root") &&
        nominal(x, h) && only_adverbs(x, h + 1, (int32_t)v - 1))
        return h;       /* the parse read the verb as a participle: "The bank acknowledged that" */
    if (h >= 0 && (deprel_is(x, v, "conj") || deprel_is(x, v, "advcl") ||
                   deprel_is(x, v, "xcomp")) &&
        upos_is(x, (size_t)h, "VERB"))
        return subject_of(x, (size_t)h);    /* "who returned ... and told" */
    return -1;
}

/* --------------------------------------------------------- quote marks */

enum { MK_NONE, MK_OPEN, MK_CLOSE, MK_EITHER };

/* Kind of double mark at token i (MK_NONE if it is none); *single for a
** single mark. */
static int mark_of(const annals_doc *d, size_t i, int *single)
{
    const struct doc_token *t = &d->tok.v[i];
    const unsigned char *s = (const unsigned char *)d->text + t->start;
    size_t n = t->end - t->start;
    int dir = MK_NONE;

    *single = 0;
    if (n == 1 && (s[0] == '"' || s[0] == '\'')) {
        int before = t->start == 0 || d->text[t->start - 1] == ' ' ||
                     d->text[t->start - 1] == '\n' || d->text[t->start - 1] == '\t' ||
                     d->text[t->start - 1] == '(' || d->text[t->start - 1] == '[';
        char nx = t->end < d->text_len ? d->text[t->end] : ' ';
        int after = nx == ' ' || nx == '\n' || nx == '\t' || nx == '\r' || nx == ',' ||
                    nx == '.' || nx == ';' || nx == ':' || nx == '?' || nx == '!' ||
                    nx == ')' || nx == ']';
        dir = before && !after ? MK_OPEN : !before && after ? MK_CLOSE : MK_EITHER;
        *single = s[0] == '\'';
        return dir;
    }
    if (n == 2 && s[0] == '`' && s[1] == '`')
        return MK_OPEN;
    if (n == 2 && s[0] == '\'' && s[1] == '\'')
        return MK_CLOSE;
    if (n == 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB))
        return s[1] == 0xAB ? MK_OPEN : MK_CLOSE;
    if (n == 3 && s[0] == 0xE2 && s[1] == 0x80) {
        if (s[2] == 0x9C || s[2] == 0x9E)
            return MK_OPEN;
        if (s[2] == 0x9D)
            return MK_CLOSE;
        if (s[2] == 0x98 || s[2] == 0x99) {
            *single = 1;
            return s[2] == 0x98 ? MK_OPEN : MK_CLOSE;
        }
    }
    /* ‘‘ and ’’ typed as one double mark */
    if (n == 6 && s[0] == 0xE2 && s[1] == 0x80 && s[3] == 0xE2 && s[4] == 0x80 &&
        s[2] == s[5] && (s[2] == 0x98 || s[2] == 0x99))
        return s[2] == 0x98 ? MK_OPEN : MK_CLOSE;
    return dir;
}

/* Is there a blank line between tokens i - 1 and i? */
static int para_break(const annals_doc *d, size_t i)
{
    int nl = 0;
    if (i == 0)
        return 1;
    for (size_t k = d->tok.v[i - 1].end; k < d->tok.v[i].start; k++)
        nl += d->text[k] == '\n';
    return nl >= 2;
}

static int add_cand(struct ctx *x, int kind, int32_t open, int32_t close, int32_t cs,
                    int32_t ce)
{
    struct cand *c = DOC_PUSH(x->d, x->c);
    if (c == NULL)
        return ANNALS_ENOMEM;
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->open = open;
    c->close = close;
    c->cs = cs;
    c->ce = ce;
    c->cue = c->cue_end = c->subj = c->within = -1;
    return ANNALS_OK;
}

/* A direct quote between mark tokens o and c (c == -1: it runs to the end
** of token e - 1 without a closing mark). */
static int add_direct(struct ctx *x, size_t o, int64_t c, size_t e)
{
    const annals_doc *d = x->d;
    int32_t wo = (int32_t)d->tok.v[o].first_word;
    int32_t wc = c >= 0 ? (int32_t)d->tok.v[c].first_word : -1;
    int32_t cs = wo + 1;
    int32_t ce = c >= 0 ? wc - 1 : (int32_t)(d->tok.v[e - 1].first_word +
                                             d->tok.v[e - 1].n_words) - 1;
    /* a comma before the closing mark belongs to the sentence around */
    while (ce >= cs && (form_is(x, (size_t)ce, ",") || form_is(x, (size_t)ce, "\"")))
        ce--;
    if (ce < cs || (c < 0 && ce - cs < 3))
        return ANNALS_OK;
    for (int32_t k = wo; k <= (wc >= 0 ? wc : ce); k++)
        x->inq[k] = 1;
    return add_cand(x, QUOTE_DIRECT, wo, wc, cs, ce);
}

/* Pair the double marks of the document into direct quotes. */
static int find_direct(struct ctx *x)
{
    const annals_doc *d = x->d;
    int64_t open = -1;
    int single, rc;

    for (size_t i = 0; i < d->tok.n; i++) {
        int m = mark_of(d, i, &single);
        if (open >= 0 && para_break(d, i)) {
            if (m != MK_NONE && m != MK_CLOSE && !single)
                continue;                       /* the quote goes on */
            rc = add_direct(x, (size_t)open, -1, i);
            if (rc != ANNALS_OK)
                return rc;
            open = -1;
        }
        if (m == MK_NONE || single)
            continue;
        if (open < 0) {
            if (m != MK_CLOSE)
                open = (int64_t)i;
        } else if (m == MK_OPEN && d->text[d->tok.v[i].start] != '"') {
            open = (int64_t)i;                  /* the earlier opening was stray */
        } else {
            rc = add_direct(x, (size_t)open, (int64_t)i, 0);
            if (rc != ANNALS_OK)
                return rc;
            open = -1;
        }
    }
    if (open >= 0)
        return add_direct(x, (size_t)open, -1, d->tok.n);
    return ANNALS_OK;
}

/* Single marks inside direct quote q: nested quotes. */
static int find_nested(struct ctx *x, size_t q)
{
    const annals_doc *d = x->d;
    int32_t cs = x->c.v[q].cs, ce = x->c.v[q].ce, open = -1;
    int single;

    for (int32_t w = cs; w <= ce; w++) {
        size_t t = d->word.v[w].token;
        if (d->tok.v[t].n_words != 1)
            continue;
        int m = mark_of(d, t, &single);
        if (!single || m == MK_NONE)
            continue;
        if (open < 0 && m != MK_CLOSE) {
            open = w;
        } else if (open >= 0 && m != MK_OPEN && w > open + 1) {
            int32_t a = open + 1, b = w - 1;
            while (b >= a && form_is(x, (size_t)b, ","))
                b--;
            if (b >= a) {
                int rc = add_cand(x, QUOTE_NESTED, open, w, a, b);
                if (rc != ANNALS_OK)
                    return rc;
                x->c.v[x->c.n - 1].within = x->c.v[q].open;
                for (int32_t k = open; k <= w; k++)
                    x->inq[k] = 2;
            }
            open = -1;
        }
    }
    return ANNALS_OK;
}

/* ---------------------------------------------------------------- cues */

/* Does verb v govern a clausal complement outside quotes? */
static int unquoted_clause(const struct ctx *x, size_t v)
{
    uint32_t s = x->wsent[v];
    for (size_t k = x->sfirst[s]; k < sent_end(x, s); k++)
        if (head_of(x, k) == (int32_t)v && deprel_is(x, k, "ccomp") && !x->inq[k])
            return 1;
    return 0;
}

/* A cue right after closing mark wc: ", he said", ", said Kirby", "he told
** reporters", ", according to ...".  The cue may open the next sentence
** when the quote closed its own.  Returns the cue word or -1. */
static int32_t cue_after(const struct ctx *x, int32_t wc, int depth)
{
    uint32_t s = x->wsent[wc];
    size_t end = sent_end(x, s), k = (size_t)wc + 1, seen = 0;
    int next = 0;

    while (k < end && is_punct(x, k) && !x->inq[k])
        k++;
    if (k >= end) {
        /* the next sentence, if it follows in the same paragraph */
        if (s + 1 >= x->d->sent.n || x->para[s + 1])
            return -1;
        end = sent_end(x, s + 1);
        if (end - k > 8)
            end = k + 8;
        next = 1;
    }
    for (; k < end && seen < 14; k++, seen++) {
        if (x->inq[k] != depth - 1)
            return -1;
        /* a verb opening the next sentence with a clause of its own
        ** reports that clause ('"...." Vidal said her party would ...') */
        if (cue_kind(x, k) & CUE_SPEECH)
            return next && unquoted_clause(x, k) ? -1 : (int32_t)k;
        if (is_according(x, k))
            return (int32_t)k;
        if ((upos_is(x, k, "VERB") && !deprel_is(x, k, "acl") && !deprel_is(x, k, "amod")) ||
            form_is(x, k, ";") || form_is(x, k, "."))
            return -1;
    }
    return -1;
}

/* A cue right before opening mark wo: "Kirby said: ", "he told reporters
** on Monday, ".  Returns the cue word or -1. */
static int32_t cue_before(const struct ctx *x, int32_t wo, int depth)
{
    uint32_t s = x->wsent[wo];
    int32_t lo = (int32_t)x->sfirst[s], k = wo - 1, seen = 0;

    /* "According to a handout issued by the ministry, "..."": the phrase
    ** may hold a verb of its own, so it is recognised by its opening */
    if (wo - lo >= 3 && wo - lo <= 24 && is_according(x, (size_t)lo) &&
        form_is(x, (size_t)wo - 1, ",") && x->inq[lo] == depth - 1)
        return lo;
    for (; k >= lo && seen < 10; k--, seen++) {
        if (x->inq[k] != depth - 1)
            return -1;
        if (cue_kind(x, (size_t)k) & CUE_SPEECH)
            return k;
        if (k + 1 < wo && is_according(x, (size_t)k))
            return k;
        if (upos_is(x, (size_t)k, "VERB") || form_is(x, (size_t)k, ";"))
            return -1;
    }
    return -1;
}

/* The cue of a partial quote starting at word w: a cue verb above it in
** the tree, else any cue verb of its sentence outside quotes. */
static int32_t cue_partial(const struct ctx *x, int32_t w)
{
    int32_t h = head_of(x, (size_t)w);
    for (int steps = 0; h >= 0 && steps < 64; steps++, h = head_of(x, (size_t)h))
        if (!x->inq[h] && cue_kind(x, (size_t)h))
            return h;
    uint32_t s = x->wsent[w];
    for (size_t k = x->sfirst[s]; k < sent_end(x, s); k++)
        if (!x->inq[k] && cue_kind(x, k))
            return (int32_t)k;
    return -1;
}

/* Subject of an "according to" cue at word a: the noun after "to". */
static int32_t according_subject(const struct ctx *x, size_t a)
{
    uint32_t s = x->wsent[a];
    /* the last word of the noun phrase after "to" */
    int32_t last = -1;
    for (size_t k = a + 2; k < sent_end(x, s); k++) {
        /* a name is a noun whatever the tagger made of its words ("United") */
        if (upos_is(x, k, "NOUN") || upos_is(x, k, "PROPN") || upos_is(x, k, "PRON") ||
            x->wment[k] >= 0)
            last = (int32_t)k;
        else if (last >= 0 || is_punct(x, k) || upos_is(x, k, "VERB"))
            break;
    }
    return last;
}

/* The subject of a cue verb next to a quote when the parse gives none:
** the word before it ("he said") or the noun phrase after it ("said the
** minister"). */
static int32_t surface_subject(const struct ctx *x, int32_t v)
{
    uint32_t s = x->wsent[v];
    int32_t k = v - 1, lo = (int32_t)x->sfirst[s], end = (int32_t)sent_end(x, s);
    while (k >= lo && (upos_is(x, (size_t)k, "AUX") || upos_is(x, (size_t)k, "ADV")))
        k--;
    if (k >= lo && !x->inq[k] && nominal(x, k))
        return k;
    int32_t last = -1;
    for (k = v + 1; k < end && !x->inq[k]; k++) {
        if (nominal(x, k))
            last = k;
        else if (last >= 0 || !(upos_is(x, (size_t)k, "DET") || upos_is(x, (size_t)k, "ADJ") ||
                                upos_is(x, (size_t)k, "ADV")))
            break;
    }
    return last;
}

static int nounish(const struct ctx *x, int32_t w)
{
    return nominal(x, w) || upos_is(x, (size_t)w, "ADJ") || upos_is(x, (size_t)w, "DET") ||
           upos_is(x, (size_t)w, "NUM");
}

/* Correct the parse's subject s of cue verb v on the surface: a name in
** apposition right before the verb ("the mediator, Ibrahim Toure, said")
** and the last word of a run of nouns ending at the verb ("Environment
** Minister Clara Voss announced") head the subject. */
static int32_t fix_subject(const struct ctx *x, int32_t s, int32_t v)
{
    int32_t k = v - 1, lo = (int32_t)x->sfirst[x->wsent[v]];
    while (k > lo && (upos_is(x, (size_t)k, "AUX") || upos_is(x, (size_t)k, "ADV")))
        k--;
    if (k > lo + 1 && form_is(x, (size_t)k, ",") && x->wment[k - 1] >= 0 &&
        (x->d->ment.v[x->wment[k - 1]].type == ENT_PER ||
         x->d->ment.v[x->wment[k - 1]].type == ENT_ORG)) {
        const struct doc_mention *m = &x->d->ment.v[x->wment[k - 1]];
        int32_t f = (int32_t)m->word;
        /* a title the name hangs on: ", Ambassador Liisa Koskinen, said" */
        while (f - 1 > lo && head_of(x, (size_t)f) == f - 1 && deprel_is(x, (size_t)f, "flat"))
            f--;
        if (f > lo && form_is(x, (size_t)f - 1, ","))
            return k - 1;
    }
    if (k <= lo || x->inq[k] || !nominal(x, k))
        return s;
    /* the noun phrase ending at the verb: "officials from both governments" */
    int32_t j0 = k;
    while (j0 > lo && !x->inq[j0 - 1] &&
           (nounish(x, j0 - 1) || upos_is(x, (size_t)j0 - 1, "ADP") ||
            form_is(x, (size_t)j0 - 1, "'s")))
        j0--;
    if (s >= j0 && s <= k) {
        /* the parse chose a word of the same phrase: its last noun heads it,
           or the last one before a preposition */
        int32_t head = k;
        for (int32_t j = j0; j <= k; j++)
            if (upos_is(x, (size_t)j, "ADP") && j > j0) {
                head = j - 1;
                break;
            }
        return nominal(x, head) ? head : s;
    }
    if (s >= 0 && s < j0 && j0 > lo && form_is(x, (size_t)j0 - 1, ",")) {
        /* "<clause>, officials from both governments said" */
        for (int32_t j = j0; j <= k; j++)
            if (upos_is(x, (size_t)j, "ADP") && j > j0)
                return nominal(x, j - 1) ? j - 1 : s;
        return k;
    }
    return s;
}

/* 1 + the first word of a person's mention in the phrase of flat names
** headed by w ("Ambassador Liisa Koskinen"), or 0. */
static int32_t person_in(const struct ctx *x, int32_t w)
{
    for (int32_t k = w; k <= x->hi[w]; k++) {
        if (k > w && !deprel_is(x, (size_t)k, "flat"))
            break;
        if (x->wment[k] >= 0 && x->d->ment.v[x->wment[k]].type == ENT_PER)
            return k + 1;
    }
    return 0;
}

/* "who", "which", "that", "whose" opening a relative clause: "two officials
** who spoke on condition of anonymity". */
static int relative_pronoun(const struct ctx *x, int32_t w)
{
    return (upos_is(x, (size_t)w, "PRON") || upos_is(x, (size_t)w, "SCONJ")) &&
           (form_is(x, (size_t)w, "who") || form_is(x, (size_t)w, "whom") ||
            form_is(x, (size_t)w, "whose") || form_is(x, (size_t)w, "which") ||
            form_is(x, (size_t)w, "that"));
}

/* A subject that is an office names its holder in apposition: 'said the
** governor of the central bank, Anton Rusu, who ...', 'the head of the
** mission, Ambassador Liisa Koskinen, said'.  The person, else s. */
static int32_t appositive_person(const struct ctx *x, int32_t s)
{
    if (s < 0 || (x->wment[s] >= 0 && x->d->ment.v[x->wment[s]].type == ENT_PER))
        return s;
    for (int32_t k = s + 1; k <= x->hi[s]; k++) {
        int32_t h = head_of(x, (size_t)k);
        if (x->inq[k] || relative_pronoun(x, k))
            break;
        if (deprel_is(x, (size_t)k, "appos") && h >= s && h < k &&
            form_is(x, (size_t)k - 1, ",") && person_in(x, k))
            return person_in(x, k) - 1;
    }
    return s;
}

static void set_cue(struct ctx *x, struct cand *c, int32_t cue)
{
    c->cue = cue;
    c->cue_end = cue;
    /* a partial quote leaves its verb free to report the whole clause */
    if (c->kind != QUOTE_PARTIAL)
        x->used[cue] = 1;
    if (is_according(x, (size_t)cue)) {
        c->cue_end = cue + 1;
        c->subj = according_subject(x, (size_t)cue);
    } else {
        c->subj = subject_of(x, (size_t)cue);
        if (c->subj < 0 && c->kind != QUOTE_INDIRECT)
            c->subj = surface_subject(x, cue);
        c->subj = appositive_person(x, fix_subject(x, c->subj, cue));
    }
}

/* Do the words ending at w name the quoted words rather than quote them:
** 'the so-called "security zone"', 'the phrase "managed decline"'? */
static int names_words(const struct ctx *x, int32_t w)
{
    int32_t lo = (int32_t)x->sfirst[x->wsent[w]];
    if (form_is(x, (size_t)w, "so-called") ||
        (lemma_is(x, (size_t)w, "call") && w > lo &&
         (form_is(x, (size_t)w - 1, "-") || form_is(x, (size_t)w - 1, "so"))))
        return 1;
    return upos_is(x, (size_t)w, "NOUN") && lemma_in(x, (size_t)w, term_nouns);
}

/* The named subject of sentence ps, which ends with a colon and no verb of
** saying, introducing the quote after it ("Health Minister Rafael Duarte
** was blunt in his assessment:"), or -1. */
static int32_t colon_subject(const struct ctx *x, uint32_t ps)
{
    /* any subject of the root, passive too ("was blunt" may be read so) */
    for (size_t k = x->sfirst[ps]; k < sent_end(x, ps); k++)
        if (deprel_is(x, k, "nsubj") && head_of(x, k) >= 0 &&
            deprel_is(x, (size_t)head_of(x, k), "root") && !x->inq[k]) {
            if (x->wment[k] >= 0 && (x->d->ment.v[x->wment[k]].type == ENT_PER ||
                                     x->d->ment.v[x->wment[k]].type == ENT_ORG))
                return (int32_t)k;
            return person_in(x, (int32_t)k) - 1;    /* "Mayor Ines Kohl" */
        }
    return -1;
}

/* Cue, kind and subject of direct (or nested) quote c. */
static void direct_cue(struct ctx *x, struct cand *c)
{
    int depth = c->kind == QUOTE_NESTED ? 2 : 1;
    uint32_t s = x->wsent[c->open];
    int32_t prev = c->open - 1;
    int starts = prev < (int32_t)x->sfirst[s] || form_is(x, (size_t)prev, ":") ||
                 form_is(x, (size_t)prev, ",") || form_is(x, (size_t)prev, "(") ||
                 form_is(x, (size_t)prev, "-") || form_is(x, (size_t)prev, "\xE2\x80\x94") ||
                 form_is(x, (size_t)prev, "\xE2\x80\x93") ||
                 (cue_kind(x, (size_t)prev) & CUE_SPEECH);
    int32_t cue = -1;

    if (c->kind == QUOTE_DIRECT && !starts && c->close >= 0 &&
        x->wsent[c->close] == s) {
        c->kind = QUOTE_PARTIAL;
        if (names_words(x, prev))
            return;                 /* a scare quote, whatever verb is near */
        cue = cue_partial(x, c->cs);
        if (cue >= 0)
            set_cue(x, c, cue);
        return;
    }
    if (c->close >= 0)
        cue = cue_after(x, c->close, depth);
    if (cue < 0)
        cue = cue_before(x, c->open, depth);
    if (cue < 0 && depth == 1 && s > 0) {
        /* "Kirby told reporters on Monday:" closing the sentence before */
        uint32_t ps = s - 1;
        size_t pe = sent_end(x, ps);
        if (pe > x->sfirst[ps] && form_is(x, pe - 1, ":")) {
            cue = cue_before(x, (int32_t)pe, 1);
            if (cue < 0)
                c->subj = colon_subject(x, ps);
        }
    }
    if (cue >= 0)
        set_cue(x, c, cue);
    else
        c->inherit = depth == 1 && c->subj < 0;
}

/* Trim punctuation and a leading "that" from words [*a, *b]. */
static void trim(const struct ctx *x, int32_t *a, int32_t *b)
{
    while (*a <= *b && (is_punct(x, (size_t)*a) ||
                        (form_is(x, (size_t)*a, "that") && deprel_is(x, (size_t)*a, "mark"))))
        (*a)++;
    while (*b >= *a && is_punct(x, (size_t)*b))
        (*b)--;
}

static int finite(const struct ctx *x, int32_t w)
{
    const char *t = x->d->word.v[w].xpos;
    return strcmp(t, "VBD") == 0 || strcmp(t, "VBZ") == 0 || strcmp(t, "VBP") == 0 ||
           strcmp(t, "MD") == 0;
}

/* Does a clause start at word a, up to e: a subject of noun-phrase words
** followed by a finite verb? */
static int clause_at(const struct ctx *x, int32_t a, int32_t e)
{
    int32_t k = a;
    while (k <= e && k - a <= 12 && !finite(x, k)) {
        if (!(nounish(x, k) || upos_is(x, (size_t)k, "ADP") ||
              upos_is(x, (size_t)k, "CCONJ") || upos_is(x, (size_t)k, "PART")) ||
            x->inq[k])
            return 0;
        k++;
    }
    return k > a && k <= e && finite(x, k);
}

/* Content of cue verb v when the parse gives it no clause: "told reporters
** that ...", "said the men were ...", and "..., the union said in a
** statement." (the clause before).  Sets [*a, *b] or leaves *a at -1. */
static void surface_content(const struct ctx *x, int32_t v, int32_t *a, int32_t *b)
{
    uint32_t s = x->wsent[v];
    int32_t lo = (int32_t)x->sfirst[s], e = (int32_t)sent_end(x, s) - 1, k = v + 1;

    /* an addressee ("told reporters") or a short phrase ("on Monday") before "that" */
    for (int32_t j = v + 1; j <= e && j <= v + 6 && !x->inq[j]; j++)
        if (form_is(x, (size_t)j, "that")) {
            k = j + 1;
            break;
        } else if (is_punct(x, j) || upos_is(x, (size_t)j, "VERB") || finite(x, j)) {
            break;
        }
    if (k <= e && !x->inq[k] && clause_at(x, k, e)) {
        *a = k;
        *b = e;
        return;
    }
    /* "<clause>, <subject> said [phrase]." */
    int32_t c = v - 1;
    while (c > lo && !form_is(x, (size_t)c, ",") && nounish(x, c) && !x->inq[c])
        c--;
    if (c <= lo + 1 || !form_is(x, (size_t)c, ",") || c == v - 1)
        return;
    for (int32_t j = v + 1; j <= e; j++)
        if (!(is_punct(x, j) || nounish(x, j) || upos_is(x, (size_t)j, "ADP")) || x->inq[j])
            return;
    for (int32_t j = lo; j < c; j++)
        if (x->inq[j])
            return;
    for (int32_t j = lo; j < c; j++)
        if (finite(x, j)) {
            *a = lo;
            *b = c - 1;
            return;
        }
}

/* Content of a reporting clause set between commas inside the clause it
** reports, whatever the parse made of it ("The talks, the minister said on
** Tuesday, would resume"; "The new pipeline, the company said in a filing,
** will carry"): a subject without a verb opens the sentence, the cue's
** subject and a few words of time or place sit between the commas, and the
** predicate after the second comma opens with a verb.  The predicate is the
** content: [*a, *b], or *a left alone. */
static void parenthetical_content(const struct ctx *x, int32_t v, int32_t *a, int32_t *b)
{
    uint32_t s = x->wsent[v];
    int32_t lo = (int32_t)x->sfirst[s], e = (int32_t)sent_end(x, s) - 1, c1 = v - 1, c2 = v + 1;

    while (c1 > lo && !x->inq[c1] && (nounish(x, c1) || upos_is(x, (size_t)c1, "ADP") ||
                                      upos_is(x, (size_t)c1, "AUX") ||
                                      upos_is(x, (size_t)c1, "ADV") ||
                                      form_is(x, (size_t)c1, "'s")))
        c1--;
    if (c1 <= lo || c1 == v - 1 || !form_is(x, (size_t)c1, ","))
        return;
    for (int32_t k = lo; k < c1; k++)
        if (x->inq[k] || finite(x, k) || upos_is(x, (size_t)k, "VERB") || is_punct(x, k))
            return;
    while (c2 <= e && c2 - v <= 8 && !x->inq[c2] &&
           (nounish(x, c2) || upos_is(x, (size_t)c2, "ADP") || upos_is(x, (size_t)c2, "ADV")))
        c2++;
    if (c2 >= e || !form_is(x, (size_t)c2, ","))
        return;
    int32_t k = c2 + 1;
    while (k < e && upos_is(x, (size_t)k, "ADV"))
        k++;
    if (x->inq[k] || !(finite(x, k) || upos_is(x, (size_t)k, "AUX")))
        return;
    *a = c2 + 1;
    *b = e;
}

/* Does an infinitive open at word a ("to be named", "not to be named")? */
static int infinitive_at(const struct ctx *x, int32_t a)
{
    if (form_is(x, (size_t)a, "not") && a + 1 < (int32_t)x->nw)
        a++;
    return form_is(x, (size_t)a, "to") && upos_is(x, (size_t)a, "PART");
}

/* Indirect speech: cue verbs outside quotes with an unquoted clause. */
static int find_indirect(struct ctx *x)
{
    for (size_t v = 0; v < x->nw; v++) {
        if (x->inq[v] || x->used[v])
            continue;
        int32_t a = -1, b = -1;
        if (is_according(x, v)) {
            /* "According to X, <clause>." or "<clause>, according to X." */
            uint32_t s = x->wsent[v];
            int32_t ss = (int32_t)x->sfirst[s], se = (int32_t)sent_end(x, s) - 1;
            int32_t k = ss;
            while (k < (int32_t)v && is_punct(x, (size_t)k))
                k++;
            if (k == (int32_t)v) {
                int32_t c = (int32_t)v + 2;
                while (c <= se && !form_is(x, (size_t)c, ","))
                    c++;
                a = c + 1;
                b = se;
            } else {
                a = ss;
                b = (int32_t)v - 1;
            }
            trim(x, &a, &b);
            for (int32_t j = a; j <= b && a >= 0; j++)
                if (x->inq[j])
                    a = -1;
            if (a < 0 || b - a < 1)
                continue;
            int rc = add_cand(x, QUOTE_INDIRECT, -1, -1, a, b);
            if (rc != ANNALS_OK)
                return rc;
            set_cue(x, &x->c.v[x->c.n - 1], (int32_t)v);
            v++;
            continue;
        }
        if (!(cue_kind(x, v) & CUE_SPEECH))
            continue;
        uint32_t s = x->wsent[v];
        int32_t comma = trailing_attribution(x, v);
        if (comma >= 0) {
            a = (int32_t)x->sfirst[s];
            b = comma - 1;
        } else {
            parenthetical_content(x, (int32_t)v, &a, &b);
        }
        for (size_t k = x->sfirst[s]; a < 0 && k < sent_end(x, s); k++)
            if (head_of(x, k) == (int32_t)v && !x->inq[k] &&
                (deprel_is(x, k, "ccomp") || deprel_is(x, k, "parataxis"))) {
                a = x->lo[k];
                b = x->hi[k];
            }
        if (a < 0) {
            int32_t h = head_of(x, v);
            if (h >= 0 && deprel_is(x, v, "parataxis") && !x->inq[h]) {
                /* "The talks were productive, Kirby said." */
                a = x->lo[h];
                b = x->hi[h];
                if (only_punct(x, x->hi[v] + 1, b))
                    b = x->lo[v] - 1;
                else if (only_punct(x, a, x->lo[v] - 1))
                    a = x->hi[v] + 1;
            } else {
                surface_content(x, (int32_t)v, &a, &b);
                if (a < 0)
                    continue;
            }
        }
        trim(x, &a, &b);
        if (b - a < 1)
            continue;
        /* a clause opening with a quote belongs to that quote; an
        ** infinitive is a request, not a report ("asked not to be named") */
        if (x->inq[a] || infinitive_at(x, a))
            continue;
        int rc = add_cand(x, QUOTE_INDIRECT, -1, -1, a, b);
        if (rc != ANNALS_OK)
            return rc;
        set_cue(x, &x->c.v[x->c.n - 1], (int32_t)v);
        if (x->c.v[x->c.n - 1].subj < 0)
            x->c.n--;               /* no speaker, no reported speech */
    }
    return ANNALS_OK;
}

/* ------------------------------------------------------------ speakers */

struct speaker {
    int32_t entity;             /* or -1 */
    int32_t a, b;               /* the phrase naming it here, words; a < 0: none */
    int32_t na, nb;             /* the phrase it resolves to; na < 0: none */
    int person;                 /* known to be a person */
    uint32_t sent;
};

/* The words of the speaker phrase headed by h, inside the sentence and
** outside quotes: the subtree of h up to the first comma, bracket or verb
** after it. */
static void phrase_of(const struct ctx *x, int32_t h, int32_t *pa, int32_t *pb)
{
    int32_t a = h, b = h;
    while (a > x->lo[h] && !is_punct(x, (size_t)a - 1) && x->inq[a - 1] == x->inq[h])
        a--;
    while (a < h && (is_punct(x, (size_t)a) || x->inq[a] != x->inq[h] ||
                     upos_is(x, (size_t)a, "CCONJ") ||
                     upos_is(x, (size_t)a, "ADP") || upos_is(x, (size_t)a, "SCONJ") ||
                     form_is(x, (size_t)a, "according")))
        a++;
    for (int32_t k = h + 1; k <= x->hi[h]; k++) {
        if (is_punct(x, (size_t)k) || upos_is(x, (size_t)k, "VERB") ||
            upos_is(x, (size_t)k, "AUX") || x->inq[k] != x->inq[h] || relative_pronoun(x, k))
            break;
        b = k;
    }
    if (x->wment[h] >= 0) {
        const struct doc_mention *m = &x->d->ment.v[x->wment[h]];
        const struct doc_token *t = &x->d->tok.v[m->tok + m->n_tok - 1];
        int32_t me = (int32_t)(t->first_word + t->n_words) - 1;
        if (me > b)
            b = me;
    }
    *pa = a;
    *pb = b;
}

/* Is mention m (by word) a subject: inside the subject phrase of a verb? */
static int is_subject(const struct ctx *x, int32_t w)
{
    for (int steps = 0; w >= 0 && steps < 4; steps++) {
        if (deprel_is(x, (size_t)w, "nsubj"))
            return 1;
        if (!deprel_is(x, (size_t)w, "flat") && !deprel_is(x, (size_t)w, "compound") &&
            !deprel_is(x, (size_t)w, "appos") && !deprel_is(x, (size_t)w, "conj"))
            return 0;
        w = head_of(x, (size_t)w);
    }
    return 0;
}

/* "he"/"she" at word w: a person. */
static int32_t resolve_person(const struct ctx *x, int32_t w, const struct speaker *last)
{
    const annals_doc *d = x->d;
    uint32_t s = x->wsent[w], from = s >= 2 ? s - 2 : 0;
    int32_t ents[8], subj_ent = -1;
    int subj_two = 0;               /* two people are subjects of that sentence */
    size_t ne = 0;
    uint32_t subj_sent = 0;

    for (size_t k = 0; k < d->ment.n; k++) {
        const struct doc_mention *m = &d->ment.v[k];
        int32_t mw = (int32_t)m->word;
        if (mw >= w)
            break;
        if (m->type != ENT_PER || x->wsent[mw] < from || x->inq[mw])
            continue;
        size_t j = 0;
        while (j < ne && ents[j] != (int32_t)m->entity)
            j++;
        if (j == ne && ne < 8)
            ents[ne++] = (int32_t)m->entity;
        int32_t hw = (int32_t)d->tok.v[m->tok + m->n_tok - 1].first_word;
        if ((is_subject(x, mw) || is_subject(x, hw)) && x->wsent[mw] >= subj_sent) {
            subj_two = subj_ent >= 0 && x->wsent[mw] == subj_sent &&
                       subj_ent != (int32_t)m->entity;
            subj_ent = (int32_t)m->entity;
            subj_sent = x->wsent[mw];
        }
    }
    if (ne == 1)
        return ents[0];
    if (ne == 0)
        return last != NULL && last->person && last->entity >= 0 && s - last->sent <= 4
                   ? last->entity : -1;
    return subj_two ? -1 : subj_ent;
}

/* The last person holding role noun w ("the spokesperson"). */
static int32_t resolve_role(const struct ctx *x, int32_t w)
{
    const annals_doc *d = x->d;
    const struct doc_word *rw = &d->word.v[w];
    int32_t hit = -1;
    for (size_t k = 0; k < d->ment.n; k++) {
        const struct doc_mention *m = &d->ment.v[k];
        int32_t mw = (int32_t)m->word;
        if (mw >= w)
            break;
        if (m->type != ENT_PER)
            continue;
        /* The role's words, or the three words before the name. */
        size_t rs = m->role_n > 0 ? m->role_word : (m->word >= 3 ? m->word - 3 : 0);
        size_t re = m->role_n > 0 ? m->role_word + m->role_n : m->word;
        for (size_t t = rs; t < re; t++) {
            const struct doc_word *ow = &d->word.v[t];
            size_t n = ow->form_len;
            int same = n == rw->form_len;
            for (size_t i = 0; same && i < n; i++) {
                char a = ow->form[i], b = rw->form[i];
                same = (a >= 'A' && a <= 'Z' ? a + 32 : a) == (b >= 'A' && b <= 'Z' ? b + 32 : b);
            }
            if (same)
                hit = (int32_t)m->entity;
        }
    }
    return hit;
}

/* The last organisation whose name ends with the noun at w ("the ministry"
** after "the Foreign Ministry"). */
static int32_t resolve_org_noun(const struct ctx *x, int32_t w)
{
    const annals_doc *d = x->d;
    const struct doc_word *rw = &d->word.v[w];
    int32_t hit = -1;
    for (size_t k = 0; k < d->ment.n; k++) {
        const struct doc_mention *m = &d->ment.v[k];
        if ((int32_t)m->word >= w)
            break;
        const struct doc_token *t = &d->tok.v[m->tok + m->n_tok - 1];
        if (m->type == ENT_ORG && m->n_tok > 1 && t->end - t->start == rw->form_len) {
            char low[64];
            size_t n = rw->form_len < sizeof low - 1 ? rw->form_len : sizeof low - 1;
            for (size_t i = 0; i < n; i++)
                low[i] = rw->form[i] >= 'A' && rw->form[i] <= 'Z' ? (char)(rw->form[i] + 32)
                                                                   : rw->form[i];
            low[n] = '\0';
            if (lower_eq(d->text + t->start, t->end - t->start, low))
                hit = (int32_t)m->entity;
        }
    }
    return hit;
}

/* "it" with no organisation speaking before: the nearest organisation (a
** name or "the ministry") that is a subject in this sentence before h or
** in the two sentences before. */
static void org_subject(const struct ctx *x, int32_t h, struct speaker *sp)
{
    uint32_t s = x->wsent[h];
    int32_t lo = (int32_t)x->sfirst[s >= 2 ? s - 2 : 0];
    for (int32_t k = h - 1; k >= lo; k--) {
        if (x->inq[k] || !deprel_is(x, (size_t)k, "nsubj"))
            continue;
        int32_t m = x->wment[k];
        if (m >= 0 && (x->d->ment.v[m].type == ENT_ORG || x->d->ment.v[m].type == ENT_GPE)) {
            sp->entity = (int32_t)x->d->ment.v[m].entity;
            return;
        }
        if (m < 0 && (upos_is(x, (size_t)k, "NOUN") || upos_is(x, (size_t)k, "PROPN")) &&
            lemma_in(x, (size_t)k, org_nouns)) {
            int32_t a, b;
            phrase_of(x, k, &a, &b);
            sp->na = a;
            sp->nb = b;
            return;
        }
        if (m >= 0 || upos_is(x, (size_t)k, "PRON") || upos_is(x, (size_t)k, "NOUN") ||
            upos_is(x, (size_t)k, "PROPN"))
            return;                 /* a nearer subject that is no organisation */
    }
}

/* "the company said" when no organisation spoke before: the one
** organisation named in this sentence before h or in the two before, if it
** was a subject there ("Borealis Gas plans to ... The new pipeline, the
** company said, ..."); -1 when none or more than one is named. */
static int32_t sole_org_subject(const struct ctx *x, int32_t h)
{
    uint32_t s = x->wsent[h];
    int32_t lo = (int32_t)x->sfirst[s >= 2 ? s - 2 : 0], ent = -1, subj = 0;
    for (int32_t k = lo; k < h; k++) {
        int32_t m = x->wment[k];
        if (m < 0 || x->inq[k] || x->d->ment.v[m].type != ENT_ORG)
            continue;
        if (ent >= 0 && (int32_t)x->d->ment.v[m].entity != ent)
            return -1;
        ent = (int32_t)x->d->ment.v[m].entity;
        subj |= is_subject(x, k);
    }
    return subj ? ent : -1;
}

/* A mention that ends in "'s" names whose the office is, not who speaks. */
static int possessor(const struct ctx *x, int32_t m)
{
    const struct doc_mention *mm = &x->d->ment.v[m];
    const struct doc_token *t = &x->d->tok.v[mm->tok + mm->n_tok - 1];
    const struct doc_word *w = &x->d->word.v[t->first_word + t->n_words - 1];
    return lower_eq(w->form, w->form_len, "'s");
}

static int has_det_the(const struct ctx *x, int32_t h)
{
    return h > 0 && x->lo[h] < h && (form_is(x, (size_t)x->lo[h], "the") ||
                                     form_is(x, (size_t)(h - 1), "the"));
}

/* The speaker named by subject word h of a quote in sentence s. */
static void resolve(const struct ctx *x, int32_t h, const struct speaker *last,
                    struct speaker *sp)
{
    const annals_doc *d = x->d;
    int32_t a, b;

    sp->entity = -1;
    sp->a = sp->na = -1;
    sp->person = 0;
    sp->sent = x->wsent[h];
    phrase_of(x, h, &a, &b);
    sp->a = a;
    sp->b = b;

    /* a document speaks for its issuer: "a handout issued by the ministry" */
    if (lemma_in(x, (size_t)h, doc_nouns)) {
        int32_t agent = -1;
        /* "a United Nations report": the issuer named before the noun */
        for (int32_t k = x->lo[h]; k < h && agent < 0; k++)
            if (x->wment[k] >= 0 && x->d->ment.v[x->wment[k]].type == ENT_ORG &&
                !possessor(x, x->wment[k]))
                agent = k;
        /* "issued by X", "from X", "of X": the noun phrase after the preposition */
        int32_t end = (int32_t)sent_end(x, x->wsent[h]);
        for (int32_t k = h + 1; k < end && k <= h + 4 && agent < 0 && !is_punct(x, (size_t)k);
             k++) {
            if (!(form_is(x, (size_t)k, "by") || form_is(x, (size_t)k, "from") ||
                  form_is(x, (size_t)k, "of")))
                continue;
            for (int32_t j = k + 1; j < end && !is_punct(x, (size_t)j); j++) {
                if (nominal(x, j))
                    agent = j;
                else if (agent >= 0)
                    break;
            }
        }
        /* "the ministry's statement" */
        for (int32_t k = x->lo[h]; k + 1 < h && agent < 0; k++)
            if (form_is(x, (size_t)k + 1, "'s") && nominal(x, k))
                agent = k;
        if (agent < 0)
            return;                 /* whose document is not said here */
        resolve(x, agent, last, sp);
        int32_t ab = sp->b;
        sp->a = a;
        sp->b = ab > b ? ab : b;
        return;
    }
    if (d->has_ner && x->wment[h] >= 0) {
        const struct doc_mention *m = &d->ment.v[x->wment[h]];
        if (m->type != ENT_LOC) {
            sp->entity = (int32_t)m->entity;
            sp->person = m->type == ENT_PER;
            return;
        }
    }
    if (d->has_ner)
        for (int32_t k = b; k >= a; k--)
            if (x->wment[k] >= 0 && d->ment.v[x->wment[k]].type == ENT_PER) {
                sp->entity = (int32_t)d->ment.v[x->wment[k]].entity;
                sp->person = 1;
                return;
            }
    if (d->has_ner && a == h && b == h && upos_is(x, (size_t)h, "PROPN")) {
        /* a surname the tagger missed here: "Asante called ..." */
        const struct doc_word *hw = &d->word.v[h];
        for (size_t k = 0; k < d->ment.n; k++) {
            const struct doc_mention *m = &d->ment.v[k];
            if ((int32_t)m->word >= h)
                break;
            const struct doc_token *t = &d->tok.v[m->tok + m->n_tok - 1];
            if (m->type == ENT_PER && m->n_tok > 1 && t->end - t->start == hw->form_len &&
                memcmp(d->text + t->start, hw->form, hw->form_len) == 0) {
                sp->entity = (int32_t)m->entity;
                sp->person = 1;
            }
        }
        if (sp->entity >= 0)
            return;
    }
    if (upos_is(x, (size_t)h, "PRON")) {
        if (form_is(x, (size_t)h, "he") || form_is(x, (size_t)h, "she")) {
            sp->entity = resolve_person(x, h, last);
            sp->person = 1;
        } else if ((form_is(x, (size_t)h, "it") || form_is(x, (size_t)h, "they")) &&
                   last != NULL && !last->person && (last->entity >= 0 || last->na >= 0) &&
                   x->wsent[h] - last->sent <= 4) {
            sp->entity = last->entity;
            sp->na = last->na;
            sp->nb = last->nb;
        } else if (form_is(x, (size_t)h, "it")) {
            org_subject(x, h, sp);
        }
        return;
    }
    if (d->has_ner && has_det_the(x, h) && b - a <= 2 && lemma_in(x, (size_t)h, role_nouns)) {
        sp->entity = resolve_role(x, h);
        sp->person = 1;
        if (sp->entity < 0) {
            sp->na = a;
            sp->nb = b;
        }
        return;
    }
    if (d->has_ner && lemma_in(x, (size_t)h, role_nouns))
        for (int32_t k = b; k >= a; k--)
            if (x->wment[k] >= 0 && d->ment.v[x->wment[k]].type != ENT_LOC &&
                !possessor(x, x->wment[k])) {
                sp->entity = (int32_t)d->ment.v[x->wment[k]].entity;
                sp->na = a;
                sp->nb = b;
                return;
            }
    if (d->has_ner && lemma_in(x, (size_t)h, org_nouns)) {
        for (int32_t k = b; k >= a; k--)
            if (x->wment[k] >= 0 && d->ment.v[x->wment[k]].type == ENT_ORG &&
                !possessor(x, x->wment[k])) {
                sp->entity = (int32_t)d->ment.v[x->wment[k]].entity;
                return;
            }
        if (has_det_the(x, h) && b - a <= 1)
            sp->entity = resolve_org_noun(x, h);
        /* "the company said" after the company spoke */
        if (sp->entity < 0 && has_det_the(x, h) && b - a <= 1 && last != NULL &&
            !last->person && last->entity >= 0 &&
            d->ent.v[last->entity].type == ENT_ORG && x->wsent[h] - last->sent <= 3)
            sp->entity = last->entity;
        if (sp->entity < 0 && has_det_the(x, h) && b - a <= 1)
            sp->entity = sole_org_subject(x, h);
    }
    if (upos_is(x, (size_t)h, "NOUN") || upos_is(x, (size_t)h, "PROPN")) {
        sp->na = a;
        sp->nb = b;
    }
}

/* ------------------------------------------------------------- output */

static uint32_t wstart(const struct ctx *x, int32_t w)
{
    return x->d->tok.v[x->d->word.v[w].token].start;
}

static uint32_t wend(const struct ctx *x, int32_t w)
{
    return x->d->tok.v[x->d->word.v[w].token].end;
}

static int cand_cmp(const struct cand *a, const struct cand *b)
{
    if (a->cs != b->cs)
        return a->cs < b->cs ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Insertion sort into text order (candidates come mostly sorted). */
static void sort_cands(struct ctx *x)
{
    for (size_t i = 0; i < x->c.n; i++)
        x->c.v[i].order = (uint32_t)i;
    for (size_t i = 1; i < x->c.n; i++) {
        struct cand t = x->c.v[i];
        size_t j = i;
        while (j > 0 && cand_cmp(&x->c.v[j - 1], &t) > 0) {
            x->c.v[j] = x->c.v[j - 1];
            j--;
        }
        x->c.v[j] = t;
    }
}

/* A person other than entity e named outside quotes between words a and b? */
static int person_between(const struct ctx *x, int32_t a, int32_t b, int32_t e)
{
    for (int32_t k = a + 1; k < b; k++)
        if (x->wment[k] >= 0 && !x->inq[k] && x->d->ment.v[x->wment[k]].type == ENT_PER &&
            (int32_t)x->d->ment.v[x->wment[k]].entity != e)
            return 1;
    return 0;
}

static int emit(struct ctx *x)
{
    annals_doc *d = x->d;
    struct speaker last = {-1, -1, -1, -1, -1, 0, 0}, cur;
    int have_last = 0;
    int32_t *outi = annals__arena_alloc(&d->arena, (x->c.n + 1) * sizeof *outi);
    if (outi == NULL)
        return ANNALS_ENOMEM;
    int32_t prev_end = -1, prev_last = -1;
    struct speaker prev_sp = last;
    int prev_cue_s = -1, prev_cue_e = -1;

    for (size_t i = 0; i < x->c.n; i++) {
        struct cand *c = &x->c.v[i];
        struct doc_quote *q;
        cur.entity = -1;
        cur.a = cur.na = -1;
        cur.b = cur.nb = -1;
        cur.person = 0;
        cur.sent = x->wsent[c->cs];
        int32_t cue_s = c->cue, cue_e = c->cue_end;
        if (c->subj >= 0) {
            resolve(x, c->subj, have_last ? &last : NULL, &cur);
        } else if (c->inherit && prev_end >= 0 && c->kind == QUOTE_DIRECT &&
                   x->wsent[c->cs] <= x->wsent[prev_last] + 1 &&
                   !person_between(x, prev_end, c->cs, prev_sp.entity) &&
                   (prev_sp.entity >= 0 || prev_sp.na >= 0)) {
            /* "We are ready," he said. "We will talk." */
            cur = prev_sp;
            cur.a = -1;
            if (cur.na < 0 && prev_sp.a >= 0 && prev_sp.entity < 0) {
                cur.na = prev_sp.a;
                cur.nb = prev_sp.b;
            }
            cue_s = prev_cue_s;
            cue_e = prev_cue_e;
        }
        q = DOC_PUSH(d, d->quote);
        if (q == NULL)
            return ANNALS_ENOMEM;
        outi[i] = (int32_t)(d->quote.n - 1);
        memset(q, 0, sizeof *q);
        q->kind = (uint8_t)c->kind;
        q->cstart = wstart(x, c->cs);
        q->cend = wend(x, c->ce);
        if (c->open >= 0) {
            q->start = wstart(x, c->open);
            q->end = c->close >= 0 ? wend(x, c->close) : q->cend;
        } else {
            q->start = q->cstart;
            q->end = q->cend;
            if (cue_s >= 0 && wstart(x, cue_s) < q->start)
                q->start = wstart(x, cue_s);
            if (cur.a >= 0 && wstart(x, cur.a) < q->start)
                q->start = wstart(x, cur.a);
            if (cue_e >= 0 && wend(x, cue_e) > q->end)
                q->end = wend(x, cue_e);
        }
        if (cue_s >= 0) {
            q->cue_start = wstart(x, cue_s);
            q->cue_end = wend(x, cue_e);
        }
        if (cur.a >= 0) {
            q->sp_start = wstart(x, cur.a);
            q->sp_end = wend(x, cur.b);
        }
        q->entity = cur.entity;
        if (cur.entity >= 0) {
            const struct doc_mention *m = &d->ment.v[d->ent.v[cur.entity].canon];
            q->name_start = d->tok.v[m->tok].start;
            q->name_end = d->tok.v[m->tok + m->n_tok - 1].end;
        } else if (cur.na >= 0) {
            q->name_start = wstart(x, cur.na);
            q->name_end = wend(x, cur.nb);
        }
        q->within = -1;
        q->sent_first = x->wsent[c->open >= 0 ? c->open : c->cs];
        q->sent_last = x->wsent[c->close >= 0 ? c->close : c->ce];
        if (cur.entity >= 0 || cur.na >= 0) {
            last = cur;
            have_last = 1;
        }
        if (c->kind == QUOTE_DIRECT) {
            prev_end = c->close >= 0 ? c->close : c->ce;
            /* an attribution cut off as a sentence of its own ('"...?" asked
            ** Grace Amadi.') still lets the next quote continue it */
            prev_last = cue_e > prev_end ? cue_e : prev_end;
            prev_sp = cur;
            prev_cue_s = cue_s;
            prev_cue_e = cue_e;
        }
    }
    /* nested quotes name their enclosing quote by its output index */
    for (size_t i = 0; i < x->c.n; i++)
        if (x->c.v[i].within >= 0)
            for (size_t j = 0; j < x->c.n; j++)
                if (x->c.v[j].kind != QUOTE_NESTED && x->c.v[j].open == x->c.v[i].within)
                    d->quote.v[outi[i]].within = outi[j];
    return ANNALS_OK;
}

int annals__quotes_run(const annals_pipeline *p, annals_doc *d)
{
    struct ctx x;
    size_t nw = d->word.n, ns = d->sent.n;
    int rc;

    (void)p;
    d->quote.n = 0;
    d->has_quotes = 1;
    if (nw == 0 || !d->has_syntax)
        return ANNALS_OK;
    memset(&x, 0, sizeof x);
    x.d = d;
    x.nw = nw;
    x.wsent = annals__arena_alloc(&d->arena, nw * sizeof *x.wsent);
    x.wment = annals__arena_alloc(&d->arena, nw * sizeof *x.wment);
    x.lo = annals__arena_alloc(&d->arena, nw * sizeof *x.lo);
    x.hi = annals__arena_alloc(&d->arena, nw * sizeof *x.hi);
    x.inq = annals__arena_alloc(&d->arena, nw);
    x.used = annals__arena_alloc(&d->arena, nw);
    x.sfirst = annals__arena_alloc(&d->arena, (ns + 1) * sizeof *x.sfirst);
    x.para = annals__arena_alloc(&d->arena, ns + 1);
    if (x.wsent == NULL || x.wment == NULL || x.lo == NULL || x.hi == NULL ||
        x.inq == NULL || x.used == NULL || x.sfirst == NULL || x.para == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    memset(x.inq, 0, nw);
    memset(x.used, 0, nw);
    for (size_t w = 0; w < nw; w++) {
        x.wment[w] = -1;
        x.lo[w] = x.hi[w] = (int32_t)w;
    }
    for (size_t s = 0; s < ns; s++) {
        const struct doc_sentence *st = &d->sent.v[s];
        size_t fw = st->n_tokens ? d->tok.v[st->first_token].first_word : nw;
        size_t lw = st->n_tokens ? d->tok.v[st->first_token + st->n_tokens - 1].first_word +
                                       d->tok.v[st->first_token + st->n_tokens - 1].n_words
                                 : fw;
        if (fw > nw)
            fw = nw;
        x.sfirst[s] = (uint32_t)fw;
        x.para[s] = st->n_tokens > 0 && para_break(d, st->first_token);
        for (size_t w = fw; w < lw && w < nw; w++)
            x.wsent[w] = (uint32_t)s;
    }
    x.sfirst[ns] = (uint32_t)nw;
    /* empty sentences keep the next one's start */
    for (size_t s = ns; s-- > 0;)
        if (d->sent.v[s].n_tokens == 0)
            x.sfirst[s] = x.sfirst[s + 1];
    for (size_t k = 0; k < d->ment.n; k++) {
        const struct doc_mention *m = &d->ment.v[k];
        for (size_t t = m->tok; t < m->tok + m->n_tok; t++)
            for (size_t w = d->tok.v[t].first_word;
                 w < d->tok.v[t].first_word + d->tok.v[t].n_words; w++)
                x.wment[w] = (int32_t)k;
    }
    /* subtree extents: every word widens each of its ancestors */
    for (size_t w = 0; w < nw; w++) {
        int32_t h = head_of(&x, w);
        for (int steps = 0; h >= 0 && steps < 64; steps++, h = head_of(&x, (size_t)h)) {
            if ((int32_t)w < x.lo[h])
                x.lo[h] = (int32_t)w;
            if ((int32_t)w > x.hi[h])
                x.hi[h] = (int32_t)w;
        }
    }

    rc = find_direct(&x);
    size_t ndirect = x.c.n;
    for (size_t i = 0; rc == ANNALS_OK && i < ndirect; i++)
        rc = find_nested(&x, i);
    for (size_t i = 0; rc == ANNALS_OK && i < x.c.n; i++)
        direct_cue(&x, &x.c.v[i]);
    /* partial quotes with no cue are scare quotes or titles */
    size_t kept = 0;
    for (size_t i = 0; rc == ANNALS_OK && i < x.c.n; i++) {
        if (x.c.v[i].kind == QUOTE_PARTIAL && x.c.v[i].cue < 0)
            continue;
        x.c.v[kept++] = x.c.v[i];
    }
    /* and so are the quotes nested in them */
    size_t kept2 = 0;
    for (size_t i = 0; rc == ANNALS_OK && i < kept; i++) {
        int found = x.c.v[i].within < 0;
        for (size_t j = 0; !found && j < kept; j++)
            found = x.c.v[j].kind != QUOTE_NESTED && x.c.v[j].open == x.c.v[i].within;
        if (found)
            x.c.v[kept2++] = x.c.v[i];
    }
    kept = kept2;
    if (rc == ANNALS_OK)
        x.c.n = kept;
    if (rc == ANNALS_OK)
        rc = find_indirect(&x);
    if (rc == ANNALS_OK) {
        sort_cands(&x);
        rc = emit(&x);
    }
    annals__free(d->alloc, x.c.v, x.c.cap * sizeof *x.c.v);
    if (rc != ANNALS_OK)
        return annals__doc_fail(d, rc, "out of memory");
    return ANNALS_OK;
}
