/* lemma.c -- lemmatiser: edit scripts ("lower-case?, strip k bytes, append
** s") learned from the lemma column of the training data and looked up by
** exact form and Penn tag, then lower-cased form and tag, then the longest
** known suffix and tag.  Reads model sections META, FEAT, LABL, LEXS
** (docs/MODEL-FORMAT.md); details: docs/SYNTAX.md#lemmatiser. */
#include "lemma.h"
#include "keytab.h"

#include <string.h>

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

uint64_t annals__lm_hash_lower(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= lower((unsigned char)s[i]);
        h *= 0x100000001b3ull;
    }
    return h;
}

size_t annals__lm_suffix(const char *s, size_t n, int k)
{
    size_t i = n;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
            i--;
        k--;
    }
    return i;
}

int annals__lm_top_suffix(const char *s, size_t n)
{
    int chars = 0;
    for (size_t i = 0; i < n && chars < LM_MAX_SUFFIX; i++)
        chars += ((unsigned char)s[i] & 0xc0) != 0x80;
    return chars;
}

static const struct lm_entry *find(const struct lemmatizer *l, uint64_t key)
{
    return annals__keytab_find(l->tab, l->mask, sizeof *l->tab, key);
}

size_t annals__lemma_room(const struct lemmatizer *l, size_t form_len)
{
    return form_len + l->max_append + 1;
}

int annals__lm_wn_pos(const char *xpos, size_t n)
{
    if (n == 3 && memcmp(xpos, "NNS", 3) == 0)
        return LM_WN_NOUN;
    if (n == 3 && xpos[0] == 'V' && xpos[1] == 'B' && memchr("DNZG", xpos[2], 4) != NULL)
        return LM_WN_VERB;
    if (n == 3 && xpos[0] == 'J' && xpos[1] == 'J' && (xpos[2] == 'R' || xpos[2] == 'S'))
        return LM_WN_ADJ;
    if (n == 3 && xpos[0] == 'R' && xpos[1] == 'B' && (xpos[2] == 'R' || xpos[2] == 'S'))
        return LM_WN_ADV;
    return LM_WN_NONE;
}

/* The lemma: the first keep bytes of the form (lower-cased or not), then
** append. */
static void put(struct syn_word *w, char *out, int lower_case, size_t keep, const char *append,
                size_t append_len)
{
    for (size_t i = 0; i < keep; i++)
        out[i] = lower_case ? (char)lower((unsigned char)w->form[i]) : w->form[i];
    memcpy(out + keep, append, append_len);
    w->lemma = out;
    w->lemma_len = (uint32_t)(keep + append_len);
}

const struct lm_detachment annals__lm_detach[] = {
    {LM_WN_NOUN, "s", ""},    {LM_WN_NOUN, "ses", "s"},  {LM_WN_NOUN, "xes", "x"},
    {LM_WN_NOUN, "zes", "z"}, {LM_WN_NOUN, "ches", "ch"}, {LM_WN_NOUN, "shes", "sh"},
    {LM_WN_NOUN, "men", "man"}, {LM_WN_NOUN, "ies", "y"},
    {LM_WN_VERB, "s", ""},    {LM_WN_VERB, "ies", "y"},  {LM_WN_VERB, "es", "e"},
    {LM_WN_VERB, "es", ""},   {LM_WN_VERB, "ed", "e"},   {LM_WN_VERB, "ed", ""},
    {LM_WN_VERB, "ing", "e"}, {LM_WN_VERB, "ing", ""},
    {LM_WN_ADJ, "er", ""},    {LM_WN_ADJ, "est", ""},    {LM_WN_ADJ, "er", "e"},
    {LM_WN_ADJ, "est", "e"},
};
const size_t annals__lm_n_detach = sizeof annals__lm_detach / sizeof *annals__lm_detach;

/* Whether s[0..n) ends with the lower-case ending, in any case, after at
** least one other byte. */
static int ends_with(const char *s, size_t n, const char *ending, size_t ne)
{
    if (n <= ne)
        return 0;
    for (size_t i = 0; i < ne; i++)
        if (lower((unsigned char)s[n - ne + i]) != (unsigned char)ending[i])
            return 0;
    return 1;
}

/* The first detachment rule of pos whose result is a WordNet lemma of pos,
** written to out; 0 when none fits.  The lemma is lower-cased, unless the
** form mixes capitals after its first letter with small letters ("DVDs"). */
static int detach(const struct lemmatizer *l, struct syn_word *w, int pos, char *out)
{
    const char *s = w->form;
    size_t n = w->form_len;
    int inner_capital = 0, small = 0;
    for (size_t i = 0; i < n; i++) {
        inner_capital |= i > 0 && s[i] >= 'A' && s[i] <= 'Z';
        small |= s[i] >= 'a' && s[i] <= 'z';
    }
    int lower_case = !(inner_capital && small);
    for (size_t r = 0; r < annals__lm_n_detach; r++) {
        const struct lm_detachment *d = &annals__lm_detach[r];
        size_t ne = strlen(d->ending), nb = strlen(d->base), keep;
        if (d->pos != pos || !ends_with(s, n, d->ending, ne))
            continue;
        keep = n - ne;
        memcpy(out, s, keep);   /* the candidate, never longer than the form */
        memcpy(out + keep, d->base, nb);
        if (find(l, annals__lm_key(LM_WN_LEMMA, annals__lm_hash_lower(out, keep + nb),
                                   (uint64_t)pos)) != NULL) {
            put(w, out, lower_case, keep, d->base, nb);
            return 1;
        }
    }
    return 0;
}

/* Whether the lemma that learned entry e gives inflected word w is a WordNet
** lemma of pos: a lemma of the training data that WordNet does not know
** ("fled" -> "flead") yields to WordNet's exception list. */
static int learned_lemma_in_wordnet(const struct lemmatizer *l, const struct syn_word *w,
                                    const struct lm_entry *e, int pos, char *out)
{
    const struct lm_script *sc = &l->script[e->script];
    size_t keep, n;
    if (sc->strip > w->form_len)
        return 1;
    keep = w->form_len - sc->strip;
    for (size_t i = 0; i < keep; i++)
        out[i] = (char)lower((unsigned char)w->form[i]);
    memcpy(out + keep, sc->append, sc->append_len);
    n = keep + sc->append_len;
    return find(l, annals__lm_key(LM_WN_LEMMA, annals__lm_hash_lower(out, n), (uint64_t)pos)) !=
           NULL;
}

void annals__lemmatize(const struct lemmatizer *l, struct syn_word *w, char *out)
{
    const char *s = w->form;
    size_t n = w->form_len;
    uint64_t th = annals__hash_bytes(w->xpos, w->xpos_len);
    int pos = annals__lm_wn_pos(w->xpos, w->xpos_len);
    const struct lm_entry *e = NULL;
    const struct lm_script *sc;

    w->lemma = s;
    w->lemma_len = (uint32_t)n;
    if (n > SYN_MAX_FORM)
        return;
    /* A form and tag seen in training keep their learned lemma unless WordNet
    ** does not know it and lists the form as an exception; an unseen
    ** inflected form asks WordNet (models trained with it) before the
    ** learned suffixes, which guess at irregular forms. */
    e = find(l, annals__lm_key(LM_EXACT, annals__hash_bytes(s, n), th));
    if (pos != LM_WN_NONE && (e == NULL || !learned_lemma_in_wordnet(l, w, e, pos, out))) {
        const struct lm_entry *x =
            find(l, annals__lm_key(LM_WN_EXCEPTION, annals__lm_hash_lower(s, n), (uint64_t)pos));
        if (x != NULL)
            e = x;
        else if (e == NULL && detach(l, w, pos, out))
            return;
    }
    if (e == NULL)
        e = find(l, annals__lm_key(LM_LOWER, annals__lm_hash_lower(s, n), th));
    for (int k = annals__lm_top_suffix(s, n); k >= 0 && e == NULL; k--) {
        size_t b = annals__lm_suffix(s, n, k);
        e = find(l, annals__lm_key(LM_SUFFIX + k, annals__lm_hash_lower(s + b, n - b), th));
    }
    if (e == NULL)
        return;
    sc = &l->script[e->script];
    if (sc->strip > n)
        return;
    put(w, out, sc->lower, n - sc->strip, sc->append, sc->append_len);
}

int annals__lm_scripts(struct lemmatizer *l, char *err, size_t errlen)
{
    l->script = annals__malloc(l->alloc, (l->labels.n ? l->labels.n : 1) * sizeof *l->script);
    if (l->script == NULL)
        return ANNALS_ENOMEM;
    l->max_append = 0;
    for (uint32_t i = 0; i < l->labels.n; i++) {
        const char *s = l->labels.s[i];
        size_t n = l->labels.len[i], k = 2;
        unsigned strip = 0;
        if (n < 4 || (s[0] != '0' && s[0] != '1') || s[1] != '|')
            goto bad;
        while (k < n && s[k] >= '0' && s[k] <= '9' && strip < 10000)
            strip = strip * 10 + (unsigned)(s[k++] - '0');
        if (k == 2 || k >= n || s[k] != '|' || strip > SYN_MAX_FORM)
            goto bad;
        l->script[i].lower = s[0] == '1';
        l->script[i].strip = (uint16_t)strip;
        l->script[i].append = s + k + 1;
        l->script[i].append_len = (uint16_t)(n - k - 1);
        if (n - k - 1 > l->max_append)
            l->max_append = n - k - 1;
        continue;
    bad:
        annals__fmt(err, errlen, "section LABL: edit script %u \"%s\" is not mode|strip|append",
                    (unsigned)i, s);
        return ANNALS_EMODEL;
    }
    return ANNALS_OK;
}

int annals__lm_table(struct lemmatizer *l, const struct lm_entry *e, size_t n)
{
    l->tab = annals__keytab_build(l->alloc, e, n, sizeof *e, &l->mask);
    if (l->tab == NULL)
        return ANNALS_ENOMEM;
    l->n_entries = (uint32_t)n;
    return ANNALS_OK;
}

void annals__lm_release(struct lemmatizer *l)
{
    annals__free(l->alloc, l->script, (l->labels.n ? l->labels.n : 1) * sizeof *l->script);
    if (l->tab != NULL)
        annals__free(l->alloc, l->tab, (l->mask + 1) * sizeof *l->tab);
    l->script = NULL;
    l->tab = NULL;
}

void annals__lemmatizer_free(struct lemmatizer *l)
{
    if (l == NULL)
        return;
    annals__lm_release(l);
    annals__labels_free(l->alloc, &l->labels);
    annals__free(l->alloc, l, sizeof *l);
}

/* The entry count of a key section: u32 n, then n entries of width bytes;
** a missing optional section has none.  -1 when its length is wrong. */
static int64_t section_count(const struct model_section *sec, const char *name, size_t width,
                             char *err, size_t errlen)
{
    struct model_rd r;
    uint32_t n;
    if (sec == NULL)
        return 0;
    annals__rd_init(&r, sec);
    n = annals__rd_u32(&r);
    if (r.bad || (uint64_t)n * width != annals__rd_left(&r)) {
        annals__fmt(err, errlen, "section %s: %u entries do not fit %zu bytes", name, (unsigned)n,
                    annals__rd_left(&r));
        return -1;
    }
    return n;
}

/* Appends the entries of a key section to e[*ne..]: u64 key and, when
** with_script, u32 script; keys strictly ascending. */
static int read_entries(const struct lemmatizer *l, const struct model_section *sec,
                        const char *name, int with_script, struct lm_entry *e, size_t *ne,
                        char *err, size_t errlen)
{
    struct model_rd r;
    uint64_t prev = 0;
    uint32_t n;
    if (sec == NULL)
        return ANNALS_OK;
    annals__rd_init(&r, sec);
    n = annals__rd_u32(&r);
    for (uint32_t i = 0; i < n; i++) {
        struct lm_entry *x = &e[(*ne)++];
        x->key = annals__rd_u64(&r);
        x->script = with_script ? annals__rd_u32(&r) : 0;
        if (x->key <= prev || (with_script && x->script >= l->labels.n)) {
            annals__fmt(err, errlen, "section %s: entry %u: %s", name, (unsigned)i,
                        x->key <= prev ? "keys not strictly ascending" : "script out of range");
            return ANNALS_EMODEL;
        }
        prev = x->key;
    }
    return ANNALS_OK;
}

/* LEXS: the learned scripts; WNEX and WNLM (optional, models trained with
** WordNet): its exception lists and its lemmas.  All go into one table, their
** keys being of different kinds. */
int annals__lemmatizer_open(const struct annals_alloc *a, const struct annals_model *m,
                            struct lemmatizer **out, char *err, size_t errlen)
{
    struct lemmatizer *l;
    const struct model_section *lexs, *wnex, *wnlm;
    struct lm_entry *e = NULL;
    int64_t n_lexs, n_wnex, n_wnlm;
    size_t n = 0, ne = 0;
    int rc;

    *out = NULL;
    if (memcmp(m->kind, "LEM1", 4) != 0) {
        annals__fmt(err, errlen, "model kind %.4s is not a lemmatiser (LEM1)", m->kind);
        return ANNALS_EMODEL;
    }
    lexs = annals__model_find(m, "LEXS");
    if (lexs == NULL) {
        annals__fmt(err, errlen, "required section LEXS missing");
        return ANNALS_EMODEL;
    }
    wnex = annals__model_find(m, "WNEX");
    wnlm = annals__model_find(m, "WNLM");
    l = annals__malloc(a, sizeof *l);
    if (l == NULL)
        return ANNALS_ENOMEM;
    memset(l, 0, sizeof *l);
    l->alloc = a;
    rc = annals__labels_load(a, annals__model_find(m, "LABL"), &l->labels, err, errlen);
    if (rc == ANNALS_OK)
        rc = annals__lm_scripts(l, err, errlen);
    if (rc != ANNALS_OK)
        goto fail;
    n_lexs = section_count(lexs, "LEXS", 12, err, errlen);
    n_wnex = n_lexs < 0 ? -1 : section_count(wnex, "WNEX", 12, err, errlen);
    n_wnlm = n_wnex < 0 ? -1 : section_count(wnlm, "WNLM", 8, err, errlen);
    if (n_wnlm < 0) {
        rc = ANNALS_EMODEL;
        goto fail;
    }
    n = (size_t)(n_lexs + n_wnex + n_wnlm);
    e = annals__malloc(a, (n ? n : 1) * sizeof *e);
    if (e == NULL) {
        rc = ANNALS_ENOMEM;
        goto fail;
    }
    rc = read_entries(l, lexs, "LEXS", 1, e, &ne, err, errlen);
    if (rc == ANNALS_OK)
        rc = read_entries(l, wnex, "WNEX", 1, e, &ne, err, errlen);
    if (rc == ANNALS_OK)
        rc = read_entries(l, wnlm, "WNLM", 0, e, &ne, err, errlen);
    if (rc == ANNALS_OK)
        rc = annals__lm_table(l, e, n);
    if (rc != ANNALS_OK)
        goto fail;
    annals__free(a, e, (n ? n : 1) * sizeof *e);
    *out = l;
    return ANNALS_OK;
fail:
    if (rc == ANNALS_ENOMEM)
        annals__fmt(err, errlen, "out of memory");
    annals__free(a, e, (n ? n : 1) * sizeof *e);
    annals__lemmatizer_free(l);
    return rc;
}
