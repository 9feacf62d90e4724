/* ner.c -- the named-entity tagger at run time: gazetteer, alias and
** word-class lookups, feature extraction and first-order Viterbi decoding
** of each sentence with a structured averaged perceptron (percep.c,
** trained by ner_train.c): word features score each label, label features
** (the previous label with the word, its shape, gazetteer classes, word
** class and UPOS) score each pair of a label and the one before it.  Input
** is a document's syntactic words.  Features: the word, its affixes and
** shape, a window of two words either side, gazetteer matches (countries,
** regions, cities and towns, demonyms, given names, organisations and their
** keywords, titles, location keywords) around the word, word classes learnt
** from treebanks (how often a word is a proper noun and how often it is
** capitalised inside a sentence), capitalised runs ("the Ministry of
** Defence": position, length, a preceding "the", the run's last word and its
** gazetteer classes), the case of the whole sentence, prefixes of 4, 6, 10
** and 20 bits of the Brown cluster of the word and of its neighbours (when
** the model has a copy of the word clusters), and with
** pos_features the syntax stage's UPOS.  With doc_features, a second pass
** with its own weights adds what the first pass said about the same word
** elsewhere in the document.  After tagging (annals__ner_refine): mentions
** made only of common lower-case words are dropped, and mentions are cut at
** a lower-case verb (with the syntax stage's UPOS); place and organisation
** names of the gazetteer cut into pieces are joined; mentions lose a
** leading "the", months next to a number are dropped and whole
** organisation names of the gazetteer become ORG; person names take in a
** following capitalised proper noun and lose a leading title; mentions take
** in an Arabic article written apart and a company's legal form after a
** comma; capitalised runs ending in an organisation keyword become one ORG;
** names tagged in one place of the document are tagged where they were
** missed; and demonyms become NORP. */
#include "ner.h"

#include <stdlib.h>
#include <string.h>

const char *const annals__ner_type_names[NER_N_TYPES] = { "PER", "ORG", "LOC", "NORP" };
const int annals__ner_cluster_prefix_len[NER_CLUSTER_PREFIXES] = { 4, 6, 10, 20 };
const char *const annals__ner_gaz_names[GZ_N_CLASSES] = {
    "country", "region", "city", "demonym", "given", "org", "orgkey", "title", "lockey",
    "town"
};

enum {
    NF_INITCAP = 1 << 0, NF_ALLCAP = 1 << 1, NF_LOWER = 1 << 2, NF_DIGIT = 1 << 3,
    NF_ALLDIGIT = 1 << 4, NF_HYPHEN = 1 << 5, NF_PERIOD = 1 << 6, NF_NOALNUM = 1 << 7,
    NF_MIXED = 1 << 8, NF_APOS = 1 << 9, NF_SENT_START = 1 << 10, NF_SENT_UPPER = 1 << 11,
    NF_SENT_LOWER = 1 << 12, NF_SHORT = 1 << 13, NF_AMP = 1 << 14
};

/* ------------------------------------------------------------ helpers */

uint8_t annals__ner_upos(const char *s, size_t n)
{
    static const char *const names[NER_N_UPOS - 1] = {
        "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"
    };
    if (s == NULL)
        return 0;
    for (size_t i = 0; i < NER_N_UPOS - 1; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
            return (uint8_t)(i + 1);
    return 0;
}

void annals__ner_label_name(unsigned l, char *buf, size_t cap)
{
    if (l == 0)
        annals__fmt(buf, cap, "O");
    else
        annals__fmt(buf, cap, "%c-%s", NER_IS_B(l) ? 'B' : 'I',
                    annals__ner_type_names[NER_TYPE(l) % NER_N_TYPES]);
}

size_t annals__ner_lower(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = n < cap ? n : cap;
    for (size_t i = 0; i < k; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return k;
}

uint64_t annals__ner_lower_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        h ^= (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
        h *= 0x100000001b3ull;
    }
    return h;
}

static inline uint64_t key1(unsigned tpl, uint64_t a)
{
    return annals__hash_final(annals__hash_mix(annals__hash_mix(0x6e6572ull, tpl), a));
}

static inline uint64_t key2(unsigned tpl, uint64_t a, uint64_t b)
{
    return annals__hash_final(
        annals__hash_mix(annals__hash_mix(annals__hash_mix(0x6e6572ull, tpl), a), b));
}

static inline uint64_t key3(unsigned tpl, uint64_t a, uint64_t b, uint64_t c)
{
    return annals__hash_final(annals__hash_mix(
        annals__hash_mix(annals__hash_mix(annals__hash_mix(0x6e6572ull, tpl), a), b), c));
}

/* Decode one UTF-8 sequence loosely: returns its length and classifies the
** code point as upper (1), lower (2) or other (0).  Covers Latin-1,
** Latin Extended-A and Greek/Cyrillic capitals well enough for shapes. */
static size_t u8class(const unsigned char *p, size_t n, int *cls)
{
    unsigned c = p[0];
    size_t len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    if (len > n)
        len = n;
    *cls = 0;
    if (len == 2 && n >= 2) {
        unsigned cp = (c & 0x1f) << 6 | (p[1] & 0x3f);
        if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
            *cls = 1;
        else if (cp >= 0xdf && cp <= 0xff && cp != 0xf7)
            *cls = 2;
        else if (cp >= 0x100 && cp <= 0x17f)
            *cls = (cp & 1) ? 2 : 1;
        else if ((cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x400 && cp <= 0x42f))
            *cls = 1;
        else if ((cp >= 0x3b1 && cp <= 0x3c9) || (cp >= 0x430 && cp <= 0x45f))
            *cls = 2;
    } else if (len >= 3) {
        *cls = 2;               /* CJK, Arabic, ...: letters without case */
    }
    return len;
}

/* Shape ("Xxxx" -> "Xx" compressed, and a full shape with runs up to 4). */
static void shape_of(const char *s, size_t n, uint64_t *shape, uint64_t *sshape,
                     uint32_t *flags)
{
    char full[64], sh[32];
    size_t nf = 0, ns = 0, run = 0;
    int upper = 0, lower = 0, digit = 0, alnum = 0, first = -1, mixed = 0;
    uint32_t f = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        char k;
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                k = 'X';
            else if (c >= 'a' && c <= 'z')
                k = 'x';
            else if (c >= '0' && c <= '9')
                k = 'd';
            else {
                k = (char)c;
                if (c == '-')
                    f |= NF_HYPHEN;
                else if (c == '.')
                    f |= NF_PERIOD;
                else if (c == '\'')
                    f |= NF_APOS;
                else if (c == '&')
                    f |= NF_AMP;
            }
            i++;
        } else {
            int cls;
            i += u8class(p + i, n - i, &cls);
            k = cls == 1 ? 'X' : cls == 2 ? 'x' : 'o';
        }
        if (k == 'X') {
            upper++;
            if (lower)
                mixed = 1;
        } else if (k == 'x')
            lower++;
        else if (k == 'd')
            digit++;
        if (k == 'X' || k == 'x' || k == 'd') {
            alnum++;
            if (first < 0)
                first = k;
        }
        if (nf > 0 && full[nf - 1] == k) {
            if (++run < 4 && nf < sizeof full)
                full[nf++] = k;
        } else {
            run = 0;
            if (nf < sizeof full)
                full[nf++] = k;
            if (ns < sizeof sh)
                sh[ns++] = k;
        }
    }
    if (first == 'X')
        f |= NF_INITCAP;
    else if (first == 'x')
        f |= NF_LOWER;
    if (upper >= 2 && lower == 0)
        f |= NF_ALLCAP;
    if (digit)
        f |= NF_DIGIT;
    if (digit && digit == alnum && alnum > 0)
        f |= NF_ALLDIGIT;
    if (alnum == 0)
        f |= NF_NOALNUM;
    if (mixed)
        f |= NF_MIXED;
    if (n <= 2)
        f |= NF_SHORT;
    *shape = annals__hash_bytes(full, nf);
    *sshape = annals__hash_bytes(sh, ns);
    *flags = f;
}

/* ---------------------------------------------------------- lookups */

static const struct ner_gaz_entry *gaz_find(const struct ner_model *m, uint64_t key)
{
    if (m->gaz == NULL)
        return NULL;
    size_t i = (size_t)key & m->gaz_mask;
    for (;;) {
        const struct ner_gaz_entry *e = &m->gaz[i];
        if (e->key == key)
            return e;
        if (e->key == 0)
            return NULL;
        i = (i + 1) & m->gaz_mask;
    }
}

static inline uint64_t gaz_start(void) { return 0x67617a2d70687261ull; }
static inline uint64_t gaz_step(uint64_t h, uint64_t tok) { return annals__hash_mix(h, tok); }

uint16_t annals__ner_gaz_lookup(const struct ner_model *m, const struct ner_tok *t, size_t n)
{
    uint64_t h = gaz_start();
    if (n == 0 || n > NER_GAZ_MAX_TOKENS)
        return 0;
    for (size_t k = 0; k < n; k++)
        h = gaz_step(h, annals__ner_lower_hash(t[k].s, t[k].len));
    const struct ner_gaz_entry *e = gaz_find(m, annals__hash_final(h));
    return e != NULL ? e->bits : 0;
}

uint64_t annals__ner_alias(const struct ner_model *m, const struct ner_tok *t, size_t n)
{
    uint64_t h = gaz_start();
    if (m->alias == NULL || n == 0 || n > NER_GAZ_MAX_TOKENS)
        return 0;
    for (size_t k = 0; k < n; k++)
        h = gaz_step(h, annals__ner_lower_hash(t[k].s, t[k].len));
    uint64_t key = annals__hash_final(h);
    for (size_t i = (size_t)key & m->alias_mask;; i = (i + 1) & m->alias_mask) {
        if (m->alias[i].key == key)
            return m->alias[i].group;
        if (m->alias[i].key == 0)
            return 0;
    }
}

static uint8_t lex_class(const struct ner_model *m, uint64_t lower)
{
    if (m->lex == NULL)
        return 0;
    uint64_t key = lower | 1;
    size_t i = (size_t)key & m->lex_mask;
    for (;;) {
        const struct ner_lex_entry *e = &m->lex[i];
        if (e->key == key)
            return e->cls;
        if (e->key == 0)
            return 0;
        i = (i + 1) & m->lex_mask;
    }
}

/* ----------------------------------------------------------- atoms */

static int is_cap(const struct ner_atoms *a)
{
    return (a->flags & (NF_INITCAP | NF_ALLCAP)) != 0;
}

/* Capitalised runs: maximal sequences of capitalised words, joined across
** "of", "for", "&" and "de" when a capitalised word follows ("and" is left
** out: it joins lists of names more often than it sits inside one).  Each
** word of a run gets seq = the << 6 | position << 3 | min(length, 5), with
** position 1 single, 2 first, 3 inside, 4 last, and "the" set when the run
** follows "the"; and the gazetteer classes and hash of the run's last
** word, which names the kind of thing ("Ministry", "River", "Inc"). */
static void cap_runs(struct ner_atoms *at, size_t n)
{
    const uint64_t h_of = annals__ner_lower_hash("of", 2), h_for = annals__ner_lower_hash("for", 3);
    const uint64_t h_amp = annals__ner_lower_hash("&", 1);
    const uint64_t h_de = annals__ner_lower_hash("de", 2), h_the = annals__ner_lower_hash("the", 3);
    for (size_t i = 0; i < n;) {
        if (!is_cap(&at[i]) || (at[i].flags & NF_SENT_UPPER)) {
            i++;
            continue;
        }
        size_t j = i + 1;
        for (;;) {
            if (j < n && is_cap(&at[j])) {
                j++;
                continue;
            }
            uint64_t w = j < n ? at[j].lower : 0;
            if (j + 1 < n && is_cap(&at[j + 1]) &&
                (w == h_of || w == h_for || w == h_amp || w == h_de)) {
                j += 2;
                continue;
            }
            break;
        }
        size_t len = j - i;
        unsigned the = i > 0 && at[i - 1].lower == h_the;
        unsigned lb = len > 5 ? 5 : (unsigned)len;
        for (size_t k = i; k < j; k++) {
            unsigned posn = len == 1 ? 1 : k == i ? 2 : k + 1 == j ? 4 : 3;
            at[k].seq = (uint8_t)(the << 6 | posn << 3 | lb);
            at[k].seq_gz = (uint16_t)(at[j - 1].gz_b | at[j - 1].gz_i);
            at[k].seq_last = at[j - 1].lower;
        }
        i = j;
    }
}

void annals__ner_atoms(const struct ner_model *m, const struct ner_tok *t, size_t n,
                       struct ner_atoms *at)
{
    size_t caps = 0, lowers = 0, words = 0;
    for (size_t i = 0; i < n; i++) {
        struct ner_atoms *a = &at[i];
        const char *s = t[i].s;
        size_t len = t[i].len;
        memset(a, 0, sizeof *a);
        a->lower = annals__ner_lower_hash(s, len);
        a->form = annals__hash_bytes(s, len);
        shape_of(s, len, &a->shape, &a->sshape, &a->flags);
        for (int k = 0; k < 3; k++) {
            size_t l = (size_t)k + 2;
            a->suf[k] = len > l ? annals__ner_lower_hash(s + len - l, l) : a->lower;
        }
        for (int k = 0; k < 2; k++) {
            size_t l = (size_t)k + 2;
            a->pre[k] = len > l ? annals__ner_lower_hash(s, l) : a->lower;
        }
        a->lex = lex_class(m, a->lower);
        a->pos = m->pos_features ? t[i].pos : 0;
        if (m->clusters != NULL) {
            const uint64_t *cp = annals__clusters_word_prefixes(m->clusters, a->lower);
            for (int k = 0; k < NER_CLUSTER_PREFIXES; k++)
                a->cl[k] = cp != NULL ? cp[k] : NER_NO_CLUSTER;
        }
        if (!(a->flags & NF_NOALNUM) && !(a->flags & NF_ALLDIGIT)) {
            words++;
            if (a->flags & (NF_ALLCAP))
                caps++;
            if (a->flags & NF_LOWER)
                lowers++;
        }
    }
    /* Gazetteer: the longest phrase of each start. */
    if (m->gaz != NULL)
        for (size_t i = 0; i < n; i++) {
            uint64_t h = gaz_start();
            for (size_t k = 0; k < NER_GAZ_MAX_TOKENS && i + k < n; k++) {
                h = gaz_step(h, at[i + k].lower);
                const struct ner_gaz_entry *e = gaz_find(m, annals__hash_final(h));
                if (e == NULL)
                    break;
                if (e->bits != 0) {
                    at[i].gz_b |= e->bits;
                    for (size_t j = 1; j <= k; j++)
                        at[i + j].gz_i |= e->bits;
                }
                if (!e->prefix)
                    break;
            }
        }
    cap_runs(at, n);
    uint32_t sf = 0;
    if (words >= 3 && caps * 10 >= words * 7)
        sf |= NF_SENT_UPPER;
    if (words >= 3 && lowers == words)
        sf |= NF_SENT_LOWER;
    for (size_t i = 0; i < n; i++)
        at[i].flags |= sf;
    if (n > 0)
        at[0].flags |= NF_SENT_START;
}

/* -------------------------------------------------------- features */

enum {
    T_BIAS = 1, T_W, T_FORM, T_SUF, T_PRE, T_SHAPE, T_SSHAPE, T_WM1, T_WP1, T_WM2, T_WP2,
    T_SHM1, T_SHP1, T_SHM1SH0, T_SH0SHP1, T_WM1W0, T_W0WP1, T_L1, T_L1W0, T_L1SH0,
    T_FLAGS, T_GZ0, T_GZBIT, T_GZM1, T_GZP1, T_GZM2, T_GZP2, T_LEX0, T_LEXM1, T_LEXP1,
    T_LEX0SH0, T_LEXL1, T_SENTSH, T_STARTSH, T_DOC, T_DOCSH, T_WM1SH0, T_SH0WP1, T_GZM1W0,
    T_LEXM1LEX0LEXP1, T_CASEW, T_L1GZ0, T_POS0, T_POSM1, T_POSP1, T_POS3, T_POSSH, T_POSW,
    T_L1POS, T_SEQ, T_SEQGZ, T_SEQLAST, T_SEQPOS, T_ACR, T_DOCPOS, T_DOCSEQ, T_CL0, T_CLM1,
    T_CLP1
};

#define CASE_BITS (NF_INITCAP | NF_ALLCAP | NF_LOWER | NF_MIXED)

size_t annals__ner_features(const struct ner_atoms *at, size_t i, size_t n, uint64_t *keys)
{
    const struct ner_atoms *a = &at[i];
    const struct ner_atoms *m1 = i >= 1 ? &at[i - 1] : NULL, *m2 = i >= 2 ? &at[i - 2] : NULL;
    const struct ner_atoms *p1 = i + 1 < n ? &at[i + 1] : NULL;
    const struct ner_atoms *p2 = i + 2 < n ? &at[i + 2] : NULL;
    uint64_t wm1 = m1 ? m1->lower : 1, wm2 = m2 ? m2->lower : 1;
    uint64_t wp1 = p1 ? p1->lower : 2, wp2 = p2 ? p2->lower : 2;
    uint64_t shm1 = m1 ? m1->sshape : 1, shp1 = p1 ? p1->sshape : 2;
    uint32_t cs = a->flags & CASE_BITS;
    uint32_t sentf = a->flags & (NF_SENT_UPPER | NF_SENT_LOWER);
    size_t k = 0;

    keys[k++] = key1(T_BIAS, 0);
    keys[k++] = key1(T_W, a->lower);
    keys[k++] = key1(T_FORM, a->form);
    for (int j = 0; j < 3; j++)
        keys[k++] = key2(T_SUF, (uint64_t)j, a->suf[j]);
    for (int j = 0; j < 2; j++)
        keys[k++] = key2(T_PRE, (uint64_t)j, a->pre[j]);
    keys[k++] = key1(T_SHAPE, a->shape);
    keys[k++] = key2(T_SSHAPE, a->sshape, sentf);
    keys[k++] = key1(T_WM1, wm1);
    keys[k++] = key1(T_WP1, wp1);
    keys[k++] = key1(T_WM2, wm2);
    keys[k++] = key1(T_WP2, wp2);
    keys[k++] = key1(T_SHM1, shm1);
    keys[k++] = key1(T_SHP1, shp1);
    keys[k++] = key2(T_SHM1SH0, shm1, a->sshape);
    keys[k++] = key2(T_SH0SHP1, a->sshape, shp1);
    keys[k++] = key2(T_WM1W0, wm1, a->lower);
    keys[k++] = key2(T_W0WP1, a->lower, wp1);
    keys[k++] = key2(T_WM1SH0, wm1, a->sshape);
    keys[k++] = key2(T_SH0WP1, a->sshape, wp1);
    keys[k++] = key1(T_FLAGS, a->flags & ~(uint32_t)(NF_SENT_UPPER | NF_SENT_LOWER));
    keys[k++] = key2(T_CASEW, cs | sentf, a->lower);
    /* Gazetteer around the word, with the word's case. */
    keys[k++] = key3(T_GZ0, a->gz_b, a->gz_i, cs);
    for (int c = 0; c < GZ_N_CLASSES; c++) {
        if (a->gz_b & (1u << c))
            keys[k++] = key3(T_GZBIT, (uint64_t)c, 1, cs);
        if (a->gz_i & (1u << c))
            keys[k++] = key3(T_GZBIT, (uint64_t)c, 2, cs);
    }
    keys[k++] = key2(T_GZM1, m1 ? (uint64_t)m1->gz_b << 16 | m1->gz_i : 1, cs);
    keys[k++] = key2(T_GZP1, p1 ? (uint64_t)p1->gz_b << 16 | p1->gz_i : 1, cs);
    keys[k++] = key1(T_GZM2, m2 ? (uint64_t)m2->gz_b << 16 | m2->gz_i : 1);
    keys[k++] = key1(T_GZP2, p2 ? (uint64_t)p2->gz_b << 16 | p2->gz_i : 1);
    keys[k++] = key2(T_GZM1W0, m1 ? m1->gz_b | m1->gz_i : 0x10000u, a->lower);
    /* Word classes. */
    keys[k++] = key1(T_LEX0, a->lex);
    keys[k++] = key1(T_LEXM1, m1 ? m1->lex : 255u);
    keys[k++] = key1(T_LEXP1, p1 ? p1->lex : 255u);
    keys[k++] = key3(T_LEX0SH0, a->lex, a->sshape, a->flags & (NF_SENT_START | NF_SENT_UPPER |
                                                                NF_SENT_LOWER));
    keys[k++] = key3(T_LEXM1LEX0LEXP1, m1 ? m1->lex : 255u, a->lex, p1 ? p1->lex : 255u);
    keys[k++] = key2(T_SENTSH, sentf, a->shape);
    if (i == 0)
        keys[k++] = key2(T_STARTSH, a->sshape, a->lower);
    /* Part of speech (the syntax stage's UPOS). */
    if (a->pos) {
        unsigned pm1 = m1 ? m1->pos : 0, pp1 = p1 ? p1->pos : 0;
        keys[k++] = key1(T_POS0, a->pos);
        keys[k++] = key2(T_POSM1, pm1, a->pos);
        keys[k++] = key2(T_POSP1, a->pos, pp1);
        keys[k++] = key3(T_POS3, pm1, a->pos, pp1);
        keys[k++] = key3(T_POSSH, a->pos, a->sshape, sentf | (a->flags & NF_SENT_START));
        keys[k++] = key2(T_POSW, a->pos, a->lower);
    }
    /* Capitalised runs and what their last word says. */
    keys[k++] = key2(T_SEQ, a->seq, sentf);
    if (a->seq) {
        unsigned posn = a->seq >> 3 & 7, the = a->seq >> 6;
        keys[k++] = key3(T_SEQGZ, posn, the, a->seq_gz);
        keys[k++] = key2(T_SEQLAST, posn, a->seq_last);
        keys[k++] = key3(T_SEQPOS, a->seq & 0x3f, a->pos, a->flags & NF_SENT_START);
    }
    if ((a->flags & NF_ALLCAP) && !(a->flags & NF_SENT_UPPER))
        keys[k++] = key3(T_ACR, a->pos, m1 ? m1->lower : 1, a->gz_b | a->gz_i);
    /* Word clusters: prefixes of the word's bit string and its neighbours'. */
    if (a->cl[0] != 0)
        for (int j = 0; j < NER_CLUSTER_PREFIXES; j++) {
            keys[k++] = key2(T_CL0, (uint64_t)j, a->cl[j]);
            keys[k++] = key2(T_CLM1, (uint64_t)j, m1 ? m1->cl[j] : 4);
            keys[k++] = key2(T_CLP1, (uint64_t)j, p1 ? p1->cl[j] : 6);
        }
    if (a->doc) {
        keys[k++] = key1(T_DOC, a->doc);
        keys[k++] = key2(T_DOCSH, a->doc, cs);
        keys[k++] = key2(T_DOCPOS, a->doc, a->pos);
        keys[k++] = key2(T_DOCSEQ, a->doc, a->seq);
    }
    return k;
}

size_t annals__ner_label_features(const struct ner_atoms *at, size_t i, uint64_t *keys)
{
    const struct ner_atoms *a = &at[i];
    size_t k = 0;
    keys[k++] = key1(T_L1, 0);
    keys[k++] = key1(T_L1W0, a->lower);
    keys[k++] = key1(T_L1SH0, a->sshape);
    keys[k++] = key1(T_L1GZ0, (uint64_t)a->gz_b << 16 | a->gz_i);
    keys[k++] = key1(T_LEXL1, a->lex);
    if (a->pos)
        keys[k++] = key1(T_L1POS, a->pos);
    return k;
}

/* First-order Viterbi: a label's score depends on the label before it and
** on nothing earlier, so the best sequence is found exactly.  delta[l] is
** the best score of a sequence ending in l. */
void annals__ner_viterbi(const struct ner_atoms *at, size_t n, ner_score_fn score,
                         const void *w, uint8_t *labels)
{
    static const float none = -1e30f;
    uint8_t back[NER_MAX_SENT][NER_N_LABELS];
    uint64_t keys[NER_MAX_FEATS];
    float delta[NER_N_LABELS] = { 0 }, next[NER_N_LABELS], emit[NER_N_LABELS];
    float pair[NER_N_PAIRS];

    if (n > NER_MAX_SENT)
        n = NER_MAX_SENT;
    for (size_t i = 0; i < n; i++) {
        size_t nk = annals__ner_features(at, i, n, keys);
        memset(emit, 0, sizeof emit);
        score(w, 0, keys, nk, emit);
        nk = annals__ner_label_features(at, i, keys);
        memset(pair, 0, sizeof pair);
        score(w, 1, keys, nk, pair);
        for (unsigned l = 0; l < NER_N_LABELS; l++) {
            next[l] = none;
            for (unsigned p = 0; p < (i == 0 ? 1u : NER_N_LABELS); p++) {
                if (delta[p] <= none || !annals__ner_follows(i == 0 ? 0 : p, l))
                    continue;
                float v = delta[p] + pair[(i == 0 ? 0 : p + 1) * NER_N_LABELS + l] + emit[l];
                if (v > next[l]) {
                    next[l] = v;
                    back[i][l] = (uint8_t)p;
                }
            }
        }
        memcpy(delta, next, sizeof delta);
    }
    unsigned best = 0;
    for (unsigned l = 1; l < NER_N_LABELS; l++)
        if (delta[l] > delta[best])
            best = l;
    for (size_t i = n; i-- > 0;) {
        labels[i] = (uint8_t)best;
        best = back[i][best];
    }
}

/* ---------------------------------------------------- document hints */

/* The hint of a word: 1 + the type most often given by the first pass to a
** capitalised occurrence of the same (lower-cased) word in the document,
** counting only occurrences that are not sentence-initial, or 0. */
struct hint_slot {
    uint64_t key;
    uint16_t count[NER_N_TYPES + 1];
};

void annals__ner_doc_hints(const struct ner_tok *t, size_t n, const uint8_t *labels,
                           struct ner_atoms *at, const struct annals_alloc *a)
{
    size_t cap = 64;
    (void)t;
    while (cap < n * 2)
        cap *= 2;
    struct hint_slot *h = annals__malloc(a, cap * sizeof *h);
    if (h == NULL)
        return;                 /* hints are an optional refinement */
    memset(h, 0, cap * sizeof *h);
    for (size_t i = 0; i < n; i++) {
        if (!(at[i].flags & (NF_INITCAP | NF_ALLCAP)) || (at[i].flags & NF_SENT_START))
            continue;
        uint64_t key = at[i].lower | 1;
        size_t j = (size_t)key & (cap - 1);
        while (h[j].key != 0 && h[j].key != key)
            j = (j + 1) & (cap - 1);
        h[j].key = key;
        unsigned c = labels[i] == 0 ? NER_N_TYPES : NER_TYPE(labels[i]);
        if (h[j].count[c] < 65535)
            h[j].count[c]++;
    }
    for (size_t i = 0; i < n; i++) {
        at[i].doc = 0;
        if (at[i].flags & NF_NOALNUM)
            continue;
        uint64_t key = at[i].lower | 1;
        size_t j = (size_t)key & (cap - 1);
        while (h[j].key != 0 && h[j].key != key)
            j = (j + 1) & (cap - 1);
        if (h[j].key == 0)
            continue;
        unsigned best = NER_N_TYPES, bc = 0, total = 0;
        for (unsigned c = 0; c <= NER_N_TYPES; c++) {
            total += h[j].count[c];
            if (h[j].count[c] > bc) {
                bc = h[j].count[c];
                best = c;
            }
        }
        at[i].doc = (uint8_t)(1 + best + (total > 1 ? 8 : 0));
    }
    annals__free(a, h, cap * sizeof *h);
}

/* ----------------------------------------------------------- tagging */

void annals__ner_scratch_init(struct ner_scratch *s, const struct annals_alloc *a)
{
    s->alloc = a;
    s->at = NULL;
    s->cap = 0;
}

void annals__ner_scratch_free(struct ner_scratch *s)
{
    if (s->at != NULL)
        annals__free(s->alloc, s->at, s->cap * sizeof *s->at);
    s->at = NULL;
    s->cap = 0;
}

static void score_model(const void *w, int pair, const uint64_t *keys, size_t n, float *scores)
{
    const struct ner_weights *nw = w;
    annals__pm_score(pair ? &nw->pair : &nw->word, keys, n, scores);
}

/* Sentences longer than NER_MAX_SENT are decoded in pieces. */
static void tag_sentences(const struct ner_weights *w, const struct ner_atoms *at,
                          const uint32_t *sent, size_t n_sent, size_t n, uint8_t *labels)
{
    for (size_t s = 0; s < n_sent; s++) {
        size_t b = sent[s], e = s + 1 < n_sent ? sent[s + 1] : n;
        for (size_t c = b; c < e; c += NER_MAX_SENT) {
            size_t len = e - c < NER_MAX_SENT ? e - c : NER_MAX_SENT;
            annals__ner_viterbi(at + c, len, score_model, w, labels + c);
        }
    }
}

/* Word classes (ner_train.c lx_class) of lower-case words that occur more
** than twice in the treebanks and are never proper nouns nor capitalised
** inside a sentence: "and", "the", "said". */
static int common_word(const struct ner_atoms *a)
{
    return (a->flags & NF_LOWER) && (a->lex == 1 + 25 * 1 || a->lex == 1 + 25 * 2);
}

/* The gazetteer classes of places. */
#define GZ_PLACES (1u << GZ_COUNTRY | 1u << GZ_REGION | 1u << GZ_CITY | 1u << GZ_TOWN)

/* Whether t is one of the words of the list, in any case. */
static int word_in(const struct ner_tok *t, const char *const *list, size_t n)
{
    char low[8];
    if (t->len >= sizeof low)
        return 0;
    size_t k = annals__ner_lower(t->s, t->len, low, sizeof low);
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == k && memcmp(list[i], low, k) == 0)
            return 1;
    return 0;
}

/* A mention made only of common lower-case words is dropped. */
static void drop_common(const struct ner_atoms *at, size_t n, uint8_t *labels)
{
    for (size_t i = 0; i < n;) {
        if (labels[i] == 0) {
            i++;
            continue;
        }
        unsigned ty = NER_TYPE(labels[i]);
        size_t j = i + 1;
        int common = common_word(&at[i]);
        while (j < n && labels[j] == NER_I(ty))
            common &= common_word(&at[j++]);
        if (common)
            memset(labels + i, 0, j - i);
        i = j;
    }
}

/* A lower-case verb is never inside a name: a mention the tagger ran across
** one ("Ghana criticised Kenya") is cut there.  Needs the syntax stage's
** UPOS, so it acts in the pipeline, not on bare words. */
static void split_at_verbs(const struct ner_tok *t, const struct ner_atoms *at, size_t n,
                           uint8_t *labels)
{
    const uint8_t verb = annals__ner_upos("VERB", 4), aux = annals__ner_upos("AUX", 3);
    for (size_t i = 0; i < n; i++) {
        if (labels[i] == 0 || NER_IS_B(labels[i]) || !(at[i].flags & NF_LOWER) ||
            (t[i].pos != verb && t[i].pos != aux))
            continue;
        unsigned ty = NER_TYPE(labels[i]);
        labels[i] = 0;
        if (i + 1 < n && labels[i + 1] == NER_I(ty))
            labels[i + 1] = NER_B(ty);
    }
}

/* A day or month name. */
static int calendar_word(const struct ner_tok *t)
{
    static const char *const names[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"
    };
    char low[16];
    if (t->len >= sizeof low)
        return 0;
    size_t n = annals__ner_lower(t->s, t->len, low, sizeof low);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], low, n) == 0)
            return 1;
    return 0;
}

/* Conventions of the mentions themselves: none begins with a lower-case
** "the"; a month next to a number ("Aug 12") is a date, not a name; and a
** mention that the gazetteer knows as a whole as an organisation and not
** as a place ("United Nations") is an ORG. */
static void tidy_mentions(const struct ner_model *m, const struct ner_tok *t,
                          const struct ner_atoms *at, size_t n, uint8_t *labels)
{
    static const char *const months[] = { "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                          "sep", "sept", "oct", "nov", "dec", "jan.", "feb.",
                                          "mar.", "apr.", "aug.", "sep.", "sept.", "oct.",
                                          "nov.", "dec." };
    for (size_t i = 0; i < n;) {
        if (labels[i] == 0) {
            i++;
            continue;
        }
        unsigned ty = NER_TYPE(labels[i]);
        size_t j = annals__ner_run_end(labels, n, i);
        if (j - i > 1 && t[i].len == 3 && memcmp(t[i].s, "the", 3) == 0) {
            labels[i++] = 0;
            labels[i] = (uint8_t)NER_B(ty);
        }
        int dated = (i > 0 && (at[i - 1].flags & NF_ALLDIGIT)) ||
                    (j < n && (at[j].flags & NF_ALLDIGIT));
        if (j - i == 1 && dated &&
            (calendar_word(&t[i]) || word_in(&t[i], months, sizeof months / sizeof months[0])))
            labels[i] = 0;
        else if (ty != NER_ORG && j - i <= NER_GAZ_MAX_TOKENS) {
            uint16_t bits = annals__ner_gaz_lookup(m, t + i, j - i);
            if ((bits & 1u << GZ_ORG) && !(bits & GZ_PLACES))
                for (size_t q = i; q < j; q++)
                    labels[q] = (uint8_t)(q == i ? NER_B(NER_ORG) : NER_I(NER_ORG));
        }
        i = j;
    }
}

/* A place or organisation name of the gazetteer that the tagger cut into
** pieces ("the port of Dar | es | Salaam") is joined into one mention when
** its first word begins a LOC (place names) or ORG (organisation names) and
** its other words have that type or none. */
static void join_names(const struct ner_model *m, const struct ner_tok *t,
                       const struct ner_atoms *at, size_t n, uint8_t *labels)
{
    for (size_t i = 0; i < n; i++) {
        if (labels[i] == 0 || !NER_IS_B(labels[i]) || !(at[i].flags & (NF_INITCAP | NF_ALLCAP)))
            continue;
        unsigned ty = NER_TYPE(labels[i]);
        uint16_t want = ty == NER_LOC ? GZ_PLACES : ty == NER_ORG ? (uint16_t)(1u << GZ_ORG) : 0;
        if (want == 0)
            continue;
        for (size_t k = n - i < NER_GAZ_MAX_TOKENS ? n - i : NER_GAZ_MAX_TOKENS; k > 1; k--) {
            if (i + k < n && labels[i + k] == (uint8_t)NER_I(ty))
                continue;
            int ok = 1, gap = 0;
            for (size_t q = i + 1; q < i + k; q++) {
                ok &= labels[q] == 0 || (unsigned)NER_TYPE(labels[q]) == ty;
                gap |= labels[q] != NER_I(ty);
            }
            if (!ok || !gap || !(annals__ner_gaz_lookup(m, t + i, k) & want))
                continue;
            for (size_t q = i + 1; q < i + k; q++)
                labels[q] = (uint8_t)NER_I(ty);
            i += k - 1;
            break;
        }
    }
}

/* A person's name that stops before a capitalised word the tagger left
** out ("Condoleeza | Rice") takes it in when the word is no title, place or
** organisation of the gazetteer and is unknown to the treebanks or mostly a
** proper noun there, and no day or month name. */
static void extend_persons(const struct ner_tok *t, const struct ner_atoms *at, size_t n,
                           uint8_t *labels)
{
    const uint16_t stop = GZ_PLACES | 1u << GZ_ORG | 1u << GZ_ORGKEY | 1u << GZ_TITLE |
                          1u << GZ_LOCKEY | 1u << GZ_DEMONYM;
    for (size_t i = 1; i < n; i++) {
        unsigned prev = labels[i - 1];
        if (labels[i] != 0 || prev == 0 || (unsigned)NER_TYPE(prev) != NER_PER)
            continue;
        const struct ner_atoms *a = &at[i];
        unsigned pb = a->lex ? (a->lex - 1u) % 5u : 4u;
        if ((a->flags & (NF_INITCAP | NF_ALLCAP)) != NF_INITCAP || ((a->gz_b | a->gz_i) & stop) ||
            (a->flags & NF_SENT_UPPER) || pb < 3 || calendar_word(&t[i]))
            continue;
        labels[i] = (uint8_t)NER_I(NER_PER);
    }
}

/* A person's mention that begins with a title of the gazetteer ("Dr |
** Joseph", "Sheikh | Ahmed Yassin") starts after it: names are tagged
** without their titles. */
static void strip_titles(const struct ner_model *m, const struct ner_tok *t,
                         const struct ner_atoms *at, size_t n, uint8_t *labels)
{
    for (size_t i = 0; i < n; i++) {
        if (labels[i] != NER_B(NER_PER) || !(at[i].gz_b & 1u << GZ_TITLE))
            continue;
        size_t e = i + 1;
        while (e < n && labels[e] == NER_I(NER_PER))
            e++;
        size_t title = 0;
        for (size_t k = 1; k < e - i && k <= NER_GAZ_MAX_TOKENS; k++)
            if (annals__ner_gaz_lookup(m, t + i, k) & 1u << GZ_TITLE)
                title = k;
        if (title == 0)
            continue;
        memset(labels + i, 0, title);
        labels[i + title] = (uint8_t)NER_B(NER_PER);
        i = e - 1;
    }
}

/* An Arabic article written apart ("al - Qaeda", "Shaikh ... al -
** Janabi") belongs to the mention of the capitalised word after its
** hyphen, and continues a mention of that type just before it. */
static void join_articles(const struct ner_tok *t, const struct ner_atoms *at, size_t n,
                          uint8_t *labels)
{
    static const char *const articles[] = { "al", "el", "as", "ash", "az", "an", "ad", "ar",
                                            "at", "adh" };
    for (size_t i = 0; i + 2 < n; i++) {
        if (labels[i + 2] == 0 || t[i + 1].len != 1 || t[i + 1].s[0] != '-' ||
            !(at[i + 2].flags & NF_INITCAP) ||
            !word_in(&t[i], articles, sizeof articles / sizeof articles[0]))
            continue;
        unsigned ty = NER_TYPE(labels[i + 2]);
        int cont = i > 0 && labels[i - 1] != 0 && (unsigned)NER_TYPE(labels[i - 1]) == ty;
        labels[i] = (uint8_t)(cont ? NER_I(ty) : NER_B(ty));
        labels[i + 1] = labels[i + 2] = (uint8_t)NER_I(ty);
        i += 2;
    }
}

/* A company's legal form after a comma ("CCNG , Inc.") belongs to the
** organisation's mention. */
static void join_legal_forms(const struct ner_tok *t, size_t n, uint8_t *labels)
{
    static const char *const forms[] = { "inc", "inc.", "ltd", "ltd.", "corp", "corp.",
                                         "co.", "llc", "plc", "llp", "l.p.", "gmbh", "s.a." };
    for (size_t j = 1; j + 1 < n; j++) {
        if (labels[j - 1] == 0 || NER_TYPE(labels[j - 1]) != NER_ORG || labels[j] != 0 ||
            t[j].len != 1 || t[j].s[0] != ',' ||
            !word_in(&t[j + 1], forms, sizeof forms / sizeof forms[0]) ||
            (j + 2 < n && labels[j + 2] != 0 && !NER_IS_B(labels[j + 2])))
            continue;
        labels[j] = labels[j + 1] = (uint8_t)NER_I(NER_ORG);
    }
}

/* A capitalised run that ends in an organisation keyword and of which the
** tagger made some word ORG ("Housing | Authority", "Fair Housing Action
** Center") becomes one ORG mention, unless another type is inside; so does
** such a run tagged as one mention of another type ("Georgetown
** University" as a place) unless the gazetteer knows the whole run as a
** place ("West Bank"). */
static int one_mention(const uint8_t *labels, size_t i, size_t j, size_t n)
{
    unsigned ty = NER_TYPE(labels[i]);
    if (!NER_IS_B(labels[i]) || (j < n && labels[j] == NER_I(ty)))
        return 0;
    for (size_t q = i + 1; q < j; q++)
        if (labels[q] != NER_I(ty))
            return 0;
    return 1;
}

static void join_org_runs(const struct ner_model *m, const struct ner_tok *t,
                          const struct ner_atoms *at, size_t n, uint8_t *labels)
{
    for (size_t i = 0; i < n; i++) {
        unsigned posn = at[i].seq >> 3 & 7;
        if (posn != 2 || !(at[i].seq_gz & 1u << GZ_ORGKEY) || (at[i].flags & NF_SENT_UPPER))
            continue;
        size_t j = i + 1;
        while (j < n && (at[j].seq >> 3 & 7) == 3)
            j++;
        if (j >= n || (at[j].seq >> 3 & 7) != 4)
            continue;
        j++;
        int org = 0, other = 0;
        for (size_t q = i; q < j; q++) {
            org |= labels[q] != 0 && NER_TYPE(labels[q]) == NER_ORG;
            other |= labels[q] != 0 && NER_TYPE(labels[q]) != NER_ORG;
        }
        int retype = other && one_mention(labels, i, j, n) &&
                     !(annals__ner_gaz_lookup(m, t + i, j - i) & GZ_PLACES);
        if ((retype || (org && !other)) && (i == 0 || labels[i - 1] == 0) &&
            (j >= n || labels[j] == 0 || NER_IS_B(labels[j])))
            for (size_t q = i; q < j; q++)
                labels[q] = (uint8_t)(q == i ? NER_B(NER_ORG) : NER_I(NER_ORG));
        i = j - 1;
    }
}

/* A name that the tagger found in one place of a document and missed in
** another ("NiMo" tagged ORG once, left out twice) is tagged there too:
** the same words, written the same way, capitalised and untagged between
** untagged neighbours, become a mention of the type most of its mentions
** have (none on a tie). */
struct name_slot {
    uint64_t key;
    uint16_t count[NER_N_TAGGED];
};

static uint64_t name_key(const struct ner_atoms *at, size_t i, size_t len)
{
    uint64_t h = 0x6e616d65ull;
    for (size_t k = i; k < i + len; k++)
        h = annals__hash_mix(h, at[k].form);
    return annals__hash_final(h);
}

static struct name_slot *name_find(struct name_slot *tab, size_t cap, uint64_t key)
{
    size_t j = (size_t)key & (cap - 1);
    while (tab[j].key != 0 && tab[j].key != key)
        j = (j + 1) & (cap - 1);
    return &tab[j];
}

static unsigned name_type(const struct name_slot *e)
{
    unsigned best = 0, tie = 0;
    for (unsigned c = 1; c < NER_N_TAGGED; c++)
        if (e->count[c] > e->count[best]) {
            best = c;
            tie = 0;
        } else if (e->count[c] == e->count[best])
            tie = 1;
    return tie ? NER_N_TAGGED : best;
}

static void tag_repeated_names(const struct ner_atoms *at, size_t n, uint8_t *labels,
                               const struct annals_alloc *a)
{
    size_t mentions = 0, cap = 16, maxlen = 0;
    for (size_t i = 0; i < n; i++)
        mentions += NER_IS_B(labels[i]);
    if (mentions == 0)
        return;
    while (cap < mentions * 2)
        cap *= 2;
    struct name_slot *tab = annals__malloc(a, cap * sizeof *tab);
    if (tab == NULL)
        return;                 /* an optional refinement */
    memset(tab, 0, cap * sizeof *tab);
    for (size_t i = 0; i < n;) {
        if (labels[i] == 0) {
            i++;
            continue;
        }
        unsigned ty = NER_TYPE(labels[i]);
        size_t j = annals__ner_run_end(labels, n, i);
        if (j - i <= NER_GAZ_MAX_TOKENS) {
            struct name_slot *e = name_find(tab, cap, name_key(at, i, j - i));
            e->key = name_key(at, i, j - i);
            if (e->count[ty] < 65535)
                e->count[ty]++;
            if (j - i > maxlen)
                maxlen = j - i;
        }
        i = j;
    }
    for (size_t i = 0; i < n; i++) {
        if (labels[i] != 0 || (i > 0 && labels[i - 1] != 0) ||
            !(at[i].flags & (NF_INITCAP | NF_ALLCAP)))
            continue;
        /* the longest known name starting here, all its words untagged */
        for (size_t k = maxlen < n - i ? maxlen : n - i; k > 0; k--) {
            if (i + k < n && labels[i + k] != 0)
                continue;
            int untagged = 1;
            for (size_t q = i + 1; q < i + k; q++)
                untagged &= labels[q] == 0;
            const struct name_slot *e = name_find(tab, cap, name_key(at, i, k));
            unsigned ty = untagged && e->key != 0 ? name_type(e) : NER_N_TAGGED;
            if (ty == NER_N_TAGGED)
                continue;
            for (size_t q = i; q < i + k; q++)
                labels[q] = (uint8_t)(q == i ? NER_B(ty) : NER_I(ty));
            i += k - 1;
            break;
        }
    }
    annals__free(a, tab, cap * sizeof *tab);
}

/* Demonyms and nationality adjectives ("Afghan", "Sri Lankan"): a
** capitalised phrase of the demonym list that is not also a place, standing
** alone or tagged as one whole mention, becomes NORP.  The tagger never
** learns NORP; this list is its only source. */
static void mark_demonyms(const struct ner_model *m, const struct ner_tok *t,
                          const struct ner_atoms *at, size_t n, uint8_t *labels)
{
    for (size_t i = 0; i < n; i++) {
        if (!(at[i].gz_b & 1u << GZ_DEMONYM) || !(at[i].flags & (NF_INITCAP | NF_ALLCAP)))
            continue;
        for (size_t k = n - i < NER_GAZ_MAX_TOKENS ? n - i : NER_GAZ_MAX_TOKENS; k > 0; k--) {
            uint16_t bits = annals__ner_gaz_lookup(m, t + i, k);
            if (!(bits & 1u << GZ_DEMONYM) || (bits & GZ_PLACES))
                continue;
            /* all O, or exactly one mention */
            int ok = 1;
            if (labels[i] == 0) {
                for (size_t q = i; q < i + k; q++)
                    ok &= labels[q] == 0;
            } else {
                unsigned ty = NER_TYPE(labels[i]);
                ok = NER_IS_B(labels[i]) && (i + k >= n || labels[i + k] != NER_I(ty));
                for (size_t q = i + 1; q < i + k; q++)
                    ok &= labels[q] == NER_I(ty);
            }
            if (ok) {
                for (size_t q = i; q < i + k; q++)
                    labels[q] = (uint8_t)(q == i ? NER_B(NER_NORP) : NER_I(NER_NORP));
                i += k - 1;
            }
            break;
        }
    }
}

void annals__ner_refine(const struct ner_model *m, const struct ner_tok *t,
                        const struct ner_atoms *at, size_t n, uint8_t *labels,
                        const struct annals_alloc *a)
{
    drop_common(at, n, labels);
    split_at_verbs(t, at, n, labels);
    join_names(m, t, at, n, labels);
    tidy_mentions(m, t, at, n, labels);
    extend_persons(t, at, n, labels);
    strip_titles(m, t, at, n, labels);
    join_articles(t, at, n, labels);
    join_legal_forms(t, n, labels);
    join_org_runs(m, t, at, n, labels);
    tag_repeated_names(at, n, labels, a);
    mark_demonyms(m, t, at, n, labels);
}

int annals__ner_tag_doc(const struct ner_model *m, const struct ner_tok *t, size_t n,
                        const uint32_t *sent, size_t n_sent, uint8_t *labels,
                        struct ner_scratch *s)
{
    if (n == 0)
        return ANNALS_OK;
    if (s->cap < n) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap < n)
            cap *= 2;
        struct ner_atoms *at = annals__malloc(s->alloc, cap * sizeof *at);
        if (at == NULL)
            return ANNALS_ENOMEM;
        annals__ner_scratch_free(s);
        s->at = at;
        s->cap = cap;
    }
    for (size_t k = 0; k < n_sent; k++) {
        size_t b = sent[k], e = k + 1 < n_sent ? sent[k + 1] : n;
        annals__ner_atoms(m, t + b, e - b, s->at + b);
    }
    tag_sentences(&m->w, s->at, sent, n_sent, n, labels);
    if (m->doc_features) {
        annals__ner_doc_hints(t, n, labels, s->at, s->alloc);
        tag_sentences(&m->w2, s->at, sent, n_sent, n, labels);
    }
    annals__ner_refine(m, t, s->at, n, labels, s->alloc);
    return ANNALS_OK;
}

/* ------------------------------------------------------------ loading */

void annals__ner_weights_free(struct ner_weights *w)
{
    annals__pm_free(&w->word);
    annals__pm_free(&w->pair);
}

void annals__ner_free(struct ner_model *m)
{
    if (m == NULL)
        return;
    const struct annals_alloc *a = m->alloc;
    annals__ner_weights_free(&m->w);
    annals__ner_weights_free(&m->w2);
    if (m->gaz != NULL)
        annals__free(a, m->gaz, (m->gaz_mask + 1) * sizeof *m->gaz);
    if (m->lex != NULL)
        annals__free(a, m->lex, (m->lex_mask + 1) * sizeof *m->lex);
    if (m->alias != NULL)
        annals__free(a, m->alias, (m->alias_mask + 1) * sizeof *m->alias);
    annals__clusters_free(m->clusters);
    annals__free(a, m, sizeof *m);
}

int annals__ner_set_clusters(struct ner_model *m, struct clusters *cl)
{
    m->clusters = cl;
    return annals__clusters_prefixes(cl, annals__ner_cluster_prefix_len, NER_CLUSTER_PREFIXES);
}

static size_t pow2_for(size_t n)
{
    size_t c = 16;
    while (c < n * 2)
        c *= 2;
    return c;
}

/* The word and pair weights of one pass, from the sections named. */
static int load_weights(const struct annals_alloc *a, const struct annals_model *mod,
                        const char *word_id, const char *pair_id, struct ner_weights *w,
                        char *err, size_t errlen)
{
    const struct model_section *word = annals__model_find(mod, word_id);
    const struct model_section *pair = annals__model_find(mod, pair_id);
    int rc;
    if (word == NULL || pair == NULL) {
        annals__fmt(err, errlen, "no %s section", word == NULL ? word_id : pair_id);
        return ANNALS_EMODEL;
    }
    rc = annals__pm_load(a, word, NER_N_LABELS, &w->word, err, errlen);
    if (rc == ANNALS_OK)
        rc = annals__pm_load(a, pair, NER_N_PAIRS, &w->pair, err, errlen);
    return rc;
}

int annals__ner_open(const struct annals_alloc *a, const struct annals_model *mod,
                     struct ner_model **out, char *err, size_t errlen)
{
    struct ner_model *m;
    const struct model_section *s;
    struct model_rd r;
    size_t vl;
    int rc;

    *out = NULL;
    if (memcmp(mod->kind, "NERT", 4) != 0) {
        annals__fmt(err, errlen, "not a named-entity model (kind '%.4s')", mod->kind);
        return ANNALS_EMODEL;
    }
    m = annals__malloc(a, sizeof *m);
    if (m == NULL) {
        annals__fmt(err, errlen, "out of memory");
        return ANNALS_ENOMEM;
    }
    memset(m, 0, sizeof *m);
    m->alloc = a;
    s = annals__model_find(mod, "LABL");
    if (s != NULL) {
        annals__rd_init(&r, s);
        uint32_t n = annals__rd_u32(&r);
        int ok = !r.bad && n == NER_N_LABELS;
        for (unsigned l = 0; ok && l < n; l++) {
            char name[16];
            uint16_t k = annals__rd_u16(&r);
            const unsigned char *b = annals__rd_bytes(&r, k);
            annals__ner_label_name(l, name, sizeof name);
            ok = b != NULL && k == strlen(name) && memcmp(b, name, k) == 0;
        }
        if (!ok) {
            annals__fmt(err, errlen, "section LABL: labels differ from this build's");
            rc = ANNALS_EMODEL;
            goto fail;
        }
    }
    s = annals__model_find(mod, "FEAT");
    if (s == NULL) {
        annals__fmt(err, errlen, "no FEAT section");
        rc = ANNALS_EMODEL;
        goto fail;
    }
    const char *v = annals__model_kv(s, "ner_features", &vl);
    if (v == NULL || vl != 1 || v[0] != '3') {
        annals__fmt(err, errlen, "section FEAT: unknown ner_features version (this build "
                    "reads 3)");
        rc = ANNALS_EMODEL;
        goto fail;
    }
    v = annals__model_kv(s, "doc_features", &vl);
    m->doc_features = v != NULL && vl == 1 && v[0] == '1';
    v = annals__model_kv(s, "pos_features", &vl);
    m->pos_features = v != NULL && vl == 1 && v[0] == '1';

    s = annals__model_find(mod, "GAZE");
    if (s != NULL) {
        annals__rd_init(&r, s);
        uint32_t n = annals__rd_u32(&r);
        if (r.bad || (size_t)n * 12 != annals__rd_left(&r)) {
            annals__fmt(err, errlen, "section GAZE: bad size");
            rc = ANNALS_EMODEL;
            goto fail;
        }
        size_t cap = pow2_for(n);
        m->gaz = annals__malloc(a, cap * sizeof *m->gaz);
        if (m->gaz == NULL) {
            rc = ANNALS_ENOMEM;
            annals__fmt(err, errlen, "out of memory");
            goto fail;
        }
        memset(m->gaz, 0, cap * sizeof *m->gaz);
        m->gaz_mask = cap - 1;
        for (uint32_t i = 0; i < n; i++) {
            uint64_t key = annals__rd_u64(&r);
            uint16_t bits = annals__rd_u16(&r), pre = annals__rd_u16(&r);
            if (key == 0) {
                annals__fmt(err, errlen, "section GAZE: zero key");
                rc = ANNALS_EMODEL;
                goto fail;
            }
            size_t j = (size_t)key & m->gaz_mask;
            while (m->gaz[j].key != 0 && m->gaz[j].key != key)
                j = (j + 1) & m->gaz_mask;
            m->gaz[j].key = key;
            m->gaz[j].bits |= bits;
            m->gaz[j].prefix |= pre;
        }
        m->n_gaz = n;
    }
    s = annals__model_find(mod, "LEXC");
    if (s != NULL) {
        annals__rd_init(&r, s);
        uint32_t n = annals__rd_u32(&r);
        if (r.bad || (size_t)n * 9 != annals__rd_left(&r)) {
            annals__fmt(err, errlen, "section LEXC: bad size");
            rc = ANNALS_EMODEL;
            goto fail;
        }
        size_t cap = pow2_for(n);
        m->lex = annals__malloc(a, cap * sizeof *m->lex);
        if (m->lex == NULL) {
            rc = ANNALS_ENOMEM;
            annals__fmt(err, errlen, "out of memory");
            goto fail;
        }
        memset(m->lex, 0, cap * sizeof *m->lex);
        m->lex_mask = cap - 1;
        for (uint32_t i = 0; i < n; i++) {
            uint64_t key = annals__rd_u64(&r) | 1;
            const unsigned char *c = annals__rd_bytes(&r, 1);
            size_t j = (size_t)key & m->lex_mask;
            while (m->lex[j].key != 0 && m->lex[j].key != key)
                j = (j + 1) & m->lex_mask;
            m->lex[j].key = key;
            m->lex[j].cls = c != NULL ? c[0] : 0;
        }
        m->n_lex = n;
    }
    s = annals__model_find(mod, "ALIA");
    if (s != NULL) {
        annals__rd_init(&r, s);
        uint32_t n = annals__rd_u32(&r);
        if (r.bad || (size_t)n * 16 != annals__rd_left(&r)) {
            annals__fmt(err, errlen, "section ALIA: bad size");
            rc = ANNALS_EMODEL;
            goto fail;
        }
        size_t cap = pow2_for(n);
        m->alias = annals__malloc(a, cap * sizeof *m->alias);
        if (m->alias == NULL) {
            rc = ANNALS_ENOMEM;
            annals__fmt(err, errlen, "out of memory");
            goto fail;
        }
        memset(m->alias, 0, cap * sizeof *m->alias);
        m->alias_mask = cap - 1;
        for (uint32_t i = 0; i < n; i++) {
            uint64_t key = annals__rd_u64(&r), group = annals__rd_u64(&r);
            if (key == 0) {
                annals__fmt(err, errlen, "section ALIA: zero key");
                rc = ANNALS_EMODEL;
                goto fail;
            }
            size_t j = (size_t)key & m->alias_mask;
            while (m->alias[j].key != 0 && m->alias[j].key != key)
                j = (j + 1) & m->alias_mask;
            m->alias[j].key = key;
            m->alias[j].group = group;
        }
        m->n_alias = n;
    }
    if (annals__model_find(mod, "CLBL") != NULL) {
        struct clusters *cl;
        rc = annals__clusters_open(a, annals__model_find(mod, "CLBL"),
                                   annals__model_find(mod, "WCLS"), &cl, err, errlen);
        if (rc == ANNALS_OK)
            rc = annals__ner_set_clusters(m, cl);
        if (rc != ANNALS_OK) {
            if (rc == ANNALS_ENOMEM)
                annals__fmt(err, errlen, "out of memory");
            goto fail;
        }
    }
    rc = load_weights(a, mod, "WGHT", "WPAR", &m->w, err, errlen);
    if (rc == ANNALS_OK && m->doc_features)
        rc = load_weights(a, mod, "WGH2", "WPA2", &m->w2, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    *out = m;
    return ANNALS_OK;
fail:
    annals__ner_free(m);
    return rc;
}

/* ------------------------------------------------------------ spans */

size_t annals__ner_spans(const uint8_t *labels, size_t n, struct ner_span *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned l = labels[i];
        if (l == 0) {
            i++;
            continue;
        }
        unsigned t = NER_TYPE(l);
        size_t j = i + 1;
        while (j < n && labels[j] == NER_I(t))
            j++;
        out[k].start = (uint32_t)i;
        out[k].end = (uint32_t)j;
        out[k].type = (uint8_t)t;
        k++;
        i = j;
    }
    return k;
}

void annals__ner_count(const uint8_t *gold, const uint8_t *sys, size_t n, struct ner_counts *c)
{
    /* Walk both span lists in order; a match is the same start, end and type. */
    struct ner_span g = { 0, 0, 0 }, s = { 0, 0, 0 };
    size_t gi = 0, si = 0;
    for (;;) {
        int hg = 0, hs = 0;
        while (gi < n && gold[gi] == 0)
            gi++;
        if (gi < n) {
            unsigned t = NER_TYPE(gold[gi]);
            size_t e = gi + 1;
            while (e < n && gold[e] == NER_I(t))
                e++;
            g.start = (uint32_t)gi;
            g.end = (uint32_t)e;
            g.type = (uint8_t)t;
            hg = 1;
        }
        while (si < n && sys[si] == 0)
            si++;
        if (si < n) {
            unsigned t = NER_TYPE(sys[si]);
            size_t e = si + 1;
            while (e < n && sys[e] == NER_I(t))
                e++;
            s.start = (uint32_t)si;
            s.end = (uint32_t)e;
            s.type = (uint8_t)t;
            hs = 1;
        }
        if (!hg && !hs)
            break;
        if (hg && hs && g.start == s.start) {
            c->gold[g.type]++;
            c->sys[s.type]++;
            if (g.end == s.end && g.type == s.type)
                c->ok[g.type]++;
            gi = g.end;
            si = s.end;
        } else if (hg && (!hs || g.start < s.start)) {
            c->gold[g.type]++;
            gi = g.end;
        } else {
            c->sys[s.type]++;
            si = s.end;
        }
    }
}
