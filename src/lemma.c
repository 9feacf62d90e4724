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

void annals__lemmatize(const struct lemmatizer *l, struct syn_word *w, char *out)
{
    const char *s = w->form;
    size_t n = w->form_len;
    uint64_t th = annals__hash_bytes(w->xpos, w->xpos_len);
    const struct lm_entry *e = NULL;
    const struct lm_script *sc;
    size_t keep;

    w->lemma = s;
    w->lemma_len = (uint32_t)n;
    if (n > SYN_MAX_FORM)
        return;
    e = find(l, annals__lm_key(LM_EXACT, annals__hash_bytes(s, n), th));
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
    keep = n - sc->strip;
    for (size_t i = 0; i < keep; i++)
        out[i] = sc->lower ? (char)lower((unsigned char)s[i]) : s[i];
    memcpy(out + keep, sc->append, sc->append_len);
    w->lemma = out;
    w->lemma_len = (uint32_t)(keep + sc->append_len);
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

/* LEXS: u32 n, then n x {u64 key, u32 script}, keys strictly ascending. */
int annals__lemmatizer_open(const struct annals_alloc *a, const struct annals_model *m,
                            struct lemmatizer **out, char *err, size_t errlen)
{
    struct lemmatizer *l;
    const struct model_section *lexs;
    struct lm_entry *e = NULL;
    struct model_rd r;
    uint32_t n = 0;
    uint64_t prev = 0;
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
    annals__rd_init(&r, lexs);
    n = annals__rd_u32(&r);
    if (r.bad || (uint64_t)n * 12 != annals__rd_left(&r)) {
        annals__fmt(err, errlen, "section LEXS: %u entries do not fit %zu bytes", (unsigned)n,
                    annals__rd_left(&r));
        rc = ANNALS_EMODEL;
        goto fail;
    }
    e = annals__malloc(a, (size_t)(n ? n : 1) * sizeof *e);
    if (e == NULL) {
        rc = ANNALS_ENOMEM;
        goto fail;
    }
    for (uint32_t i = 0; i < n; i++) {
        e[i].key = annals__rd_u64(&r);
        e[i].script = annals__rd_u32(&r);
        if (e[i].key <= prev || e[i].script >= l->labels.n) {
            annals__fmt(err, errlen, "section LEXS: entry %u: %s", (unsigned)i,
                        e[i].key <= prev ? "keys not strictly ascending" : "script out of range");
            rc = ANNALS_EMODEL;
            goto fail;
        }
        prev = e[i].key;
    }
    rc = annals__lm_table(l, e, n);
    if (rc != ANNALS_OK)
        goto fail;
    annals__free(a, e, (size_t)(n ? n : 1) * sizeof *e);
    *out = l;
    return ANNALS_OK;
fail:
    if (rc == ANNALS_ENOMEM)
        annals__fmt(err, errlen, "out of memory");
    annals__free(a, e, (size_t)(n ? n : 1) * sizeof *e);
    annals__lemmatizer_free(l);
    return rc;
}
