/* ner_data.c -- readers for labelled NER data: CoNLL/IOB files (token first
** or after an integer ID, tag in the last column or the third of an ID
** line), UNER, the GUM-derived BIO files, WikiGold, WNUT17, BTC and re3d.
** Every set's tag scheme is mapped onto PER, ORG, LOC and NORP; IOB1 and
** IOB2 are both read (an I- tag that does not continue its type starts a
** mention).  MISC mentions become NORP when the whole mention is a known
** demonym, else O.  GUM documents are kept only from genres whose texts
** are licensed for commercial use; a document whose genre cannot be told
** is left out. */
#include "ner.h"
#include "syntax.h"

#include <string.h>

#define T_MISC NER_N_TYPES      /* provisional type of MISC mentions */
#define T_DROP 0xff
#define PSEUDO_DOC 100          /* sentences per document when a file has no markers */

void annals__ner_corpus_init(struct ner_corpus *c, const struct annals_alloc *a)
{
    memset(c, 0, sizeof *c);
    c->alloc = a;
}

void annals__ner_corpus_free(struct ner_corpus *c)
{
    const struct annals_alloc *a = c->alloc;
    if (c->tok)
        annals__free(a, c->tok, c->cap_tok * sizeof *c->tok);
    if (c->gold)
        annals__free(a, c->gold, c->cap_gold);
    if (c->sent)
        annals__free(a, c->sent, c->cap_sent * sizeof *c->sent);
    if (c->doc)
        annals__free(a, c->doc, c->cap_doc * sizeof *c->doc);
    annals__ner_corpus_init(c, a);
}

int annals__ner_format_parse(const char *name)
{
    static const struct { const char *n; int f; } t[] = {
        { "auto", NERF_AUTO }, { "conll", NERF_AUTO }, { "iob2", NERF_AUTO },
        { "uner", NERF_UNER }, { "gum", NERF_GUM }, { "wikigold", NERF_WIKIGOLD },
        { "wnut17", NERF_WNUT17 }, { "btc", NERF_BTC }, { "re3d", NERF_RE3D },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(name, t[i].n) == 0)
            return t[i].f;
    return -1;
}

static int ieq(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (k != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)w[i];
        if (a >= 'A' && a <= 'Z')
            a += 32;
        if (a != b)
            return 0;
    }
    return 1;
}

/* Our type of a foreign type name; T_DROP for types we do not tag. */
static unsigned map_type(const char *s, size_t n)
{
    if (ieq(s, n, "per") || ieq(s, n, "person") || ieq(s, n, "pers"))
        return NER_PER;
    if (ieq(s, n, "org") || ieq(s, n, "organisation") || ieq(s, n, "organization") ||
        ieq(s, n, "corporation") || ieq(s, n, "group"))
        return NER_ORG;
    if (ieq(s, n, "loc") || ieq(s, n, "location") || ieq(s, n, "gpe") || ieq(s, n, "geo-loc"))
        return NER_LOC;
    if (ieq(s, n, "norp") || ieq(s, n, "nationality"))
        return NER_NORP;
    if (ieq(s, n, "misc"))
        return T_MISC;
    return T_DROP;
}

/* Genres of GUM whose texts allow commercial use (wikiHow, fiction, essays,
** letters and podcasts are CC BY-NC-SA and left out). */
static int gum_genre_ok(const char *s, size_t n)
{
    static const char *const ok[] = {
        "academic", "bio", "conversation", "court", "interview", "news", "speech",
        "textbook", "vlog", "voyage"
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (ieq(s, n, ok[i]))
            return 1;
    return 0;
}

static int grow(const struct annals_alloc *a, void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return ANNALS_OK;
    size_t nc = *cap ? *cap : 1024;
    while (nc < need)
        nc *= 2;
    void *q = annals__realloc(a, *p, *cap * elem, nc * elem);
    if (q == NULL)
        return ANNALS_ENOMEM;
    *p = q;
    *cap = nc;
    return ANNALS_OK;
}

static int push_tok(struct ner_corpus *c, const char *s, size_t n, unsigned label)
{
    if (grow(c->alloc, (void **)&c->tok, &c->cap_tok, c->n_tok + 1, sizeof *c->tok) != ANNALS_OK ||
        grow(c->alloc, (void **)&c->gold, &c->cap_gold, c->n_tok + 1, 1) != ANNALS_OK)
        return ANNALS_ENOMEM;
    c->tok[c->n_tok].s = s;
    c->tok[c->n_tok].len = (uint32_t)n;
    c->tok[c->n_tok].pos = 0;
    c->gold[c->n_tok] = (uint8_t)label;
    c->n_tok++;
    return ANNALS_OK;
}

static int push_u32(const struct annals_alloc *a, uint32_t **v, size_t *n, size_t *cap,
                    uint32_t x)
{
    if (grow(a, (void **)v, cap, *n + 1, sizeof **v) != ANNALS_OK)
        return ANNALS_ENOMEM;
    (*v)[(*n)++] = x;
    return ANNALS_OK;
}

/* Tags of the current sentence before mapping: type (or T_DROP) and B/I. */
struct raw {
    uint8_t type, begin, propn;
};

/* Close the sentence of tokens [first, c->n_tok): IOB1/IOB2 to our labels. */
static void finish_sentence(struct ner_corpus *c, size_t first, struct raw *r,
                            const struct ner_model *dem, int strip_the)
{
    size_t n = c->n_tok - first;
    uint8_t *lab = c->gold + first;
    unsigned prev = T_DROP;
    /* GUM (silver spans): a mention cut short of its proper-noun neighbours
    ** ("United | States", "New | York") takes them back. */
    for (size_t i = 0; i < n; i++) {
        if (r[i].type == T_DROP || !r[i].begin)
            continue;
        unsigned t = r[i].type;
        size_t b = i;
        while (b > 0 && r[b - 1].propn && r[b - 1].type == T_DROP)
            b--;
        for (size_t k = b; k < i; k++) {
            r[k].type = (uint8_t)t;
            r[k].begin = k == b;
        }
        if (b < i)
            r[i].begin = 0;
        size_t e = i + 1;
        while (e < n && r[e].type == t && !r[e].begin)
            e++;
        while (e < n && r[e].propn && r[e].type == T_DROP) {
            r[e].type = (uint8_t)t;
            r[e].begin = 0;
            e++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        unsigned t = r[i].type;
        if (t == T_DROP) {
            lab[i] = 0xfe;      /* O */
            prev = T_DROP;
            continue;
        }
        int b = r[i].begin || prev != t;
        lab[i] = (uint8_t)(t << 1 | (b ? 1 : 0));   /* provisional: type, begin */
        prev = t;
    }
    /* Resolve spans. */
    for (size_t i = 0; i < n;) {
        if (lab[i] == 0xfe) {
            lab[i] = 0;
            i++;
            continue;
        }
        unsigned t = lab[i] >> 1;
        size_t j = i + 1;
        while (j < n && lab[j] != 0xfe && (lab[j] >> 1) == t && !(lab[j] & 1))
            j++;
        size_t s = i;
        if (strip_the && j - s > 1 && ieq(c->tok[first + s].s, c->tok[first + s].len, "the")) {
            lab[s] = 0;
            s++;
        }
        if (t == T_MISC) {
            uint16_t bits = dem != NULL && j - s <= NER_GAZ_MAX_TOKENS
                                ? annals__ner_gaz_lookup(dem, c->tok + first + s, j - s)
                                : 0;
            t = (bits & (1u << GZ_DEMONYM)) ? NER_NORP : T_DROP;
        } else if (strip_the && dem != NULL && j - s <= NER_GAZ_MAX_TOKENS &&
                   (annals__ner_gaz_lookup(dem, c->tok + first + s, j - s) &
                    (1u << GZ_DEMONYM)) &&
                   !(annals__ner_gaz_lookup(dem, c->tok + first + s, j - s) &
                     (1u << GZ_COUNTRY | 1u << GZ_REGION | 1u << GZ_CITY))) {
            t = NER_NORP;       /* silver sets: "Americans" is not a person */
        }
        for (size_t k = s; k < j; k++)
            lab[k] = t == T_DROP ? 0 : (uint8_t)(k == s ? NER_B(t) : NER_I(t));
        i = j;
    }
}

static int is_tag(const char *s, size_t n)
{
    if (n == 1 && s[0] == 'O')
        return 1;
    return n >= 3 && (s[0] == 'B' || s[0] == 'I' || s[0] == 'E' || s[0] == 'S' ||
                      s[0] == 'U' || s[0] == 'L') && s[1] == '-';
}

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static const char *find(const char *h, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(h + i, w, k) == 0)
            return h + i;
    return NULL;
}

#define MAX_FIELDS 16

int annals__ner_corpus_read(struct ner_corpus *c, const char *data, size_t len, int f,
                            const struct ner_model *dem, char *err, size_t errlen)
{
    struct raw *raw = NULL;
    size_t raw_cap = 0, first = c->n_tok, line_no = 0, sent_in_doc = 0;
    int id_format = f == NERF_UNER ? 1 : f == NERF_AUTO ? -1 : 0;
    int markers = f == NERF_GUM || f == NERF_UNER || f == NERF_WIKIGOLD;
    int skipping = f == NERF_GUM;       /* until a newdoc with a known genre */
    int rc = ANNALS_OK;
    const char *p = data, *end = data + len;
    int new_doc = 1;

    while (p < end || c->n_tok > first) {
        const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        const char *le = nl != NULL ? nl : end;
        size_t ll = p < end ? (size_t)(le - p) : 0;
        const char *line = p;
        line_no++;
        p = nl != NULL ? nl + 1 : end;
        if (ll > 0 && line[ll - 1] == '\r')
            ll--;
        /* fields */
        const char *fs[MAX_FIELDS];
        size_t fl[MAX_FIELDS], nfield = 0;
        int tab = memchr(line, '\t', ll) != NULL;
        if (tab) {
            /* tab-separated: fields exactly as written (a token may be blank) */
            for (size_t i = 0; i <= ll && nfield < MAX_FIELDS;) {
                const char *e = memchr(line + i, '\t', ll - i);
                size_t j = e != NULL ? (size_t)(e - line) : ll;
                fs[nfield] = line + i;
                fl[nfield] = j - i;
                nfield++;
                i = j + 1;
            }
            while (nfield > 0 && fl[nfield - 1] == 0)
                nfield--;
        } else
            for (size_t i = 0; i < ll && nfield < MAX_FIELDS;) {
                while (i < ll && line[i] == ' ')
                    i++;
                if (i >= ll)
                    break;
                size_t j = i;
                while (j < ll && line[j] != ' ')
                    j++;
                fs[nfield] = line + i;
                fl[nfield] = j - i;
                nfield++;
                i = j;
            }
        int docstart = nfield >= 1 && fl[0] == 10 && memcmp(fs[0], "-DOCSTART-", 10) == 0;
        int comment = ll >= 1 && line[0] == '#' &&
                      (nfield < 2 || find(line, ll, " = ") != NULL ||
                       !is_tag(fs[nfield - 1], fl[nfield - 1]));
        if (nfield == 0 || docstart || comment) {
            /* end of sentence */
            if (c->n_tok > first) {
                if (skipping)
                    c->n_tok = first;
                else {
                    finish_sentence(c, first, raw, dem, f == NERF_RE3D || f == NERF_GUM);
                    if (new_doc || (!markers && sent_in_doc >= PSEUDO_DOC)) {
                        rc = push_u32(c->alloc, &c->doc, &c->n_doc, &c->cap_doc,
                                      (uint32_t)c->n_sent);
                        if (rc != ANNALS_OK)
                            goto out;
                        new_doc = 0;
                        sent_in_doc = 0;
                    }
                    rc = push_u32(c->alloc, &c->sent, &c->n_sent, &c->cap_sent,
                                  (uint32_t)first);
                    if (rc != ANNALS_OK)
                        goto out;
                    sent_in_doc++;
                }
                first = c->n_tok;
            }
            if (docstart)
                new_doc = 1;
            if (comment && ll > 9 && memcmp(line, "# newdoc", 8) == 0) {
                new_doc = 1;
                if (f == NERF_GUM) {
                    const char *g = find(line, ll, "GUM_");
                    skipping = 1;
                    if (g != NULL) {
                        const char *ge = memchr(g + 4, '_', (size_t)(line + ll - g - 4));
                        if (ge != NULL && gum_genre_ok(g + 4, (size_t)(ge - g - 4)))
                            skipping = 0;
                    }
                    if (skipping)
                        c->skipped_docs++;
                }
            }
            if (p >= end && nl == NULL && ll == 0 && c->n_tok == first)
                break;
            continue;
        }
        if (id_format < 0)
            id_format = nfield >= 3 && fl[0] == 1 && fs[0][0] == '1' && is_tag(fs[2], fl[2]);
        size_t ti = 0, gi = nfield - 1;
        if (id_format) {
            if (nfield < 3 || !all_digits(fs[0], fl[0])) {
                /* a multiword range (1-2) or an empty node (1.1): skip */
                if (nfield >= 1 && (memchr(fs[0], '-', fl[0]) || memchr(fs[0], '.', fl[0])))
                    continue;
                annals__fmt(err, errlen, "line %zu: expected ID, FORM and TAG", line_no);
                rc = ANNALS_EFORMAT;
                goto out;
            }
            ti = 1;
            gi = 2;
        } else if (f == NERF_GUM && nfield >= 3) {
            gi = 2;
        }
        if (nfield < 2 || !is_tag(fs[gi], fl[gi])) {
            annals__fmt(err, errlen, "line %zu: no IOB tag in '%.*s'", line_no,
                        (int)(ll > 60 ? 60 : ll), line);
            rc = ANNALS_EFORMAT;
            goto out;
        }
        int blank = 1;
        for (size_t i = 0; i < fl[ti]; i++)
            if (fs[ti][i] != ' ')
                blank = 0;
        if (blank)
            continue;           /* a whitespace token (BTC has a few): dropped */
        size_t k = c->n_tok - first;
        if (k + 1 > raw_cap) {
            size_t nc = raw_cap ? raw_cap * 2 : 256;
            struct raw *q = annals__realloc(c->alloc, raw, raw_cap * sizeof *raw, nc * sizeof *raw);
            if (q == NULL) {
                rc = ANNALS_ENOMEM;
                goto out;
            }
            raw = q;
            raw_cap = nc;
        }
        if (fl[gi] == 1) {
            raw[k].type = T_DROP;
            raw[k].begin = 0;
        } else {
            char b = fs[gi][0];
            raw[k].type = (uint8_t)map_type(fs[gi] + 2, fl[gi] - 2);
            raw[k].begin = b == 'B' || b == 'S' || b == 'U';
        }
        raw[k].propn = f == NERF_GUM && nfield >= 3 && fl[1] == 5 && memcmp(fs[1], "PROPN", 5) == 0;
        rc = push_tok(c, fs[ti], fl[ti], 0);
        if (rc != ANNALS_OK)
            goto out;
    }
out:
    if (raw != NULL)
        annals__free(c->alloc, raw, raw_cap * sizeof *raw);
    if (rc != ANNALS_OK && err[0] == '\0')
        annals__fmt(err, errlen, "out of memory");
    return rc;
}

int annals__ner_corpus_pos(const struct tagger *tg, struct ner_corpus *c)
{
    struct syn_scratch sc;
    struct syn_word *w = annals__malloc(c->alloc, SYN_MAX_WORDS * sizeof *w);
    int rc = ANNALS_OK;
    if (w == NULL)
        return ANNALS_ENOMEM;
    annals__scratch_init(&sc, c->alloc);
    for (size_t si = 0; si < c->n_sent && rc == ANNALS_OK; si++) {
        size_t b = c->sent[si], e = si + 1 < c->n_sent ? c->sent[si + 1] : c->n_tok;
        /* sentences over the tagger's limit are tagged in pieces */
        for (size_t p = b; p < e && rc == ANNALS_OK; p += SYN_MAX_WORDS) {
            size_t n = e - p < SYN_MAX_WORDS ? e - p : SYN_MAX_WORDS;
            memset(w, 0, n * sizeof *w);
            for (size_t i = 0; i < n; i++) {
                w[i].form = c->tok[p + i].s;
                w[i].form_len = c->tok[p + i].len;
            }
            rc = annals__tagger_tag(tg, w, n, &sc);
            for (size_t i = 0; i < n && rc == ANNALS_OK; i++)
                c->tok[p + i].pos = annals__ner_upos(w[i].upos, w[i].upos_len);
        }
    }
    annals__scratch_free(&sc);
    annals__free(c->alloc, w, SYN_MAX_WORDS * sizeof *w);
    return rc;
}
