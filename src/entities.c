/* entities.c -- the NER stage inside the pipeline: tags the words of a
** document (so "Kenya's" gives the mention "Kenya"), turns the labels into
** mentions, attaches titles and roles to person mentions, links bracketed
** acronyms to their long forms and groups the mentions of one entity within
** the article.
**
** Mentions: PER, ORG, LOC, GPE (a LOC the gazetteer knows as a country,
** region, city or town) and NORP (demonyms and nationality adjectives, from
** the demonym list only).  An ORG or LOC run that holds title words followed
** by a capitalised name is cut into the organisation, the role and a person
** ("Pentagon Spokesperson John Kirby").
** Roles: a run of title words ("Secretary", "chief", "spokesperson"),
** capitalised words, mentions of organisations or places and connectives
** ("of", "for", "the", "'s") right before a person's name ("US Secretary of
** Defence Lloyd Austin", "Pakistan Army chief General Qamar Bajwa") or in
** apposition after it ("John Kirby, the Pentagon spokesman,"); the run must
** hold a title word.  Its organisation or country is the first ORG, GPE or
** NORP mention inside it.
** Linking, in reading order: a person mention joins an earlier person whose
** name contains it as a first or last name or whole ("Austin" -> "Lloyd
** Austin"); other mentions join an earlier one of the same type with the
** same text (ignoring case and a leading "the"), whose initials they are, or
** through a bracketed acronym ("Chief of Army Staff (COAS)", whose later
** bare uses become mentions too), and any non-person mention joins one that
** the model's alias list gives the same reference name ("the Pentagon", "the
** US Department of Defense").  The canonical name of an entity is its
** longest mention. */
#include "doc.h"
#include "ner.h"

#include <string.h>

static int tok_is(const annals_doc *d, size_t i, const char *w)
{
    const struct doc_word *t = &d->word.v[i];
    size_t n = strlen(w);
    if (t->form_len != n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char c = t->form[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[k])
            return 0;
    }
    return 1;
}

static int tok_cap(const annals_doc *d, size_t i)
{
    char c = d->word.v[i].form_len > 0 ? d->word.v[i].form[0] : ' ';
    return c >= 'A' && c <= 'Z';
}

static int tok_allcap(const annals_doc *d, size_t i)
{
    const struct doc_word *t = &d->word.v[i];
    size_t letters = 0;
    for (size_t k = 0; k < t->form_len; k++) {
        char c = t->form[k];
        if (c >= 'a' && c <= 'z')
            return 0;
        letters += c >= 'A' && c <= 'Z';
    }
    return letters >= 2;
}

static int connective(const annals_doc *d, size_t i)
{
    return tok_is(d, i, "of") || tok_is(d, i, "for") || tok_is(d, i, "the") ||
           tok_is(d, i, "'s") || tok_is(d, i, "and") || tok_is(d, i, "-") ||
           tok_is(d, i, "on") || tok_is(d, i, "to");
}

static int tok_title(const struct ner_model *m, const annals_doc *d, size_t i)
{
    struct ner_tok t = { d->word.v[i].form, d->word.v[i].form_len, 0 };
    return (annals__ner_gaz_lookup(m, &t, 1) & (1u << GZ_TITLE)) != 0;
}

/* Lower-case hash of tokens [s, e), skipping a leading "the". */
static uint64_t text_key(const annals_doc *d, size_t s, size_t e)
{
    uint64_t h = 0x656e74ull;
    if (e - s > 1 && tok_is(d, s, "the"))
        s++;
    for (size_t i = s; i < e; i++)
        h = annals__hash_mix(h, annals__ner_lower_hash(d->word.v[i].form, d->word.v[i].form_len));
    return h;
}

/* Do the initials of words [i, e) spell acr[k..na)?  A capitalised word
** gives its initial; a connective ("of", "and") may give its initial or
** nothing ("Chief of Army Staff" is COAS, "United Nations" UN). */
static int spell(const annals_doc *d, size_t i, size_t e, const char *acr, size_t k, size_t na)
{
    if (i == e)
        return k == na;
    char c = d->word.v[i].form_len > 0 ? d->word.v[i].form[0] : ' ';
    if (c >= 'A' && c <= 'Z')
        return k < na && acr[k] == c && spell(d, i + 1, e, acr, k + 1, na);
    if (!connective(d, i))
        return 0;
    if (c >= 'a' && c <= 'z' && k < na && acr[k] == c - 32 && spell(d, i + 1, e, acr, k + 1, na))
        return 1;
    return spell(d, i + 1, e, acr, k, na);
}

/* Initials of words [s, e) equal the capitals of word a (an acronym such
** as "COAS", "U.N." or "UN")? */
static int initials_match(const annals_doc *d, size_t s, size_t e, size_t a)
{
    const struct doc_word *t = &d->word.v[a];
    char acr[16];
    size_t na = 0;
    for (size_t k = 0; k < t->form_len; k++) {
        char c = t->form[k];
        if (c >= 'A' && c <= 'Z') {
            if (na == sizeof acr)
                return 0;
            acr[na++] = c;
        } else if (c != '.' && !(c >= 'a' && c <= 'z'))
            return 0;
    }
    return na >= 2 && e - s <= 12 && spell(d, s, e, acr, 0, na);
}

/* The alias-list reference name of a mention (without a leading "the"), or 0. */
static uint64_t mention_alias(const struct ner_model *m, const annals_doc *d,
                              const struct ner_tok *t, const struct doc_mention *x)
{
    size_t s = x->word, e = x->word + x->n_word;
    if (e - s > 1 && tok_is(d, s, "the"))
        s++;
    return annals__ner_alias(m, t + s, e - s);
}

static void set_role(struct doc_mention *m, size_t s, size_t e, const struct doc_mention *ms,
                     size_t nm)
{
    m->role_word = (uint32_t)s;
    m->role_n = (uint32_t)(e - s);
    m->role_org = -1;
    for (size_t j = 0; j < nm; j++)
        if (ms[j].word >= s && ms[j].word + ms[j].n_word <= e && ms[j].type != ENT_PER) {
            m->role_org = (int32_t)j;
            break;
        }
}

int annals__ner_run(const annals_pipeline *p, annals_doc *d)
{
    const struct ner_model *m = p->ner;
    size_t n = d->word.n;
    struct ner_scratch sc;
    int rc;

    d->ment.n = d->ent.n = 0;
    d->has_ner = 1;
    if (n == 0)
        return ANNALS_OK;
    struct ner_tok *t = annals__arena_alloc(&d->arena, n * sizeof *t);
    uint8_t *lab = annals__arena_alloc(&d->arena, n + 1);
    uint32_t *sent = annals__arena_alloc(&d->arena, (d->sent.n + 1) * sizeof *sent);
    int32_t *owner = annals__arena_alloc(&d->arena, n * sizeof *owner);
    if (t == NULL || lab == NULL || sent == NULL || owner == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *up = d->word.v[i].upos;
        t[i].s = d->word.v[i].form;
        t[i].len = d->word.v[i].form_len;
        t[i].pos = up != NULL ? annals__ner_upos(up, strlen(up)) : 0;
        owner[i] = -1;
    }
    /* Sentences longer than NER_MAX_SENT are cut into pieces. */
    size_t ns = 0;
    for (size_t k = 0; k < d->sent.n; k++) {
        const struct doc_sentence *st = &d->sent.v[k];
        if (st->n_tokens == 0)
            continue;
        const struct doc_token *lt = &d->tok.v[st->first_token + st->n_tokens - 1];
        size_t b = d->tok.v[st->first_token].first_word, e = lt->first_word + lt->n_words;
        if (b >= e)
            continue;
        sent[ns++] = (uint32_t)b;
        if (e - b > NER_MAX_SENT) {
            uint32_t *more = annals__arena_alloc(&d->arena,
                                                 (ns + (n / NER_MAX_SENT) + d->sent.n + 1) *
                                                     sizeof *more);
            if (more == NULL)
                return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
            memcpy(more, sent, ns * sizeof *sent);
            sent = more;
            for (size_t c = b + NER_MAX_SENT; c < e; c += NER_MAX_SENT)
                sent[ns++] = (uint32_t)c;
        }
    }
    if (ns == 0)
        return ANNALS_OK;
    annals__ner_scratch_init(&sc, d->alloc);
    rc = annals__ner_tag_doc(m, t, n, sent, ns, lab, &sc);
    annals__ner_scratch_free(&sc);
    if (rc != ANNALS_OK)
        return annals__doc_fail(d, rc, "out of memory");
    /* A label run never crosses a sentence start. */
    for (size_t k = 0; k < ns; k++) {
        size_t b = sent[k];
        if (lab[b] != 0 && !NER_IS_B(lab[b]))
            lab[b] = (uint8_t)NER_B(NER_TYPE(lab[b]));
    }

    /* The dateline's place is the place of reporting, whatever the tagger
    ** made of its capitals ("LIMA:" is no person, "EL FASHER" no
    ** organisation). */
    if (d->has_dateline) {
        size_t first = n, last = 0;
        for (size_t i = 0; i < n; i++) {
            const struct doc_token *tk = &d->tok.v[d->word.v[i].token];
            if (tk->start >= d->place_start && tk->end <= d->place_end) {
                lab[i] = (uint8_t)(first == n ? NER_B(NER_LOC) : NER_I(NER_LOC));
                first = first == n ? i : first;
                last = i;
            }
        }
        if (first < n && last + 1 < n && lab[last + 1] != 0 && !NER_IS_B(lab[last + 1]))
            lab[last + 1] = (uint8_t)NER_B(NER_TYPE(lab[last + 1]));
    }

    /* An organisation or place run that holds a title followed by a name is
    ** an organisation, a role and a person ("Pentagon Spokesperson John
    ** Kirby"): the title words become O and the words after them PER. */
    for (size_t i = 0; i < n;) {
        if (lab[i] == 0 || NER_TYPE(lab[i]) == NER_PER || NER_TYPE(lab[i]) == NER_NORP) {
            i++;
            continue;
        }
        size_t j = annals__ner_run_end(lab, n, i), p0 = 0, p1 = 0;
        int found = 0;
        for (size_t q = i; q + 1 < j; q++)
            if (tok_title(m, d, q)) {
                if (!found)
                    p0 = q;
                p1 = q;
                found = 1;
            }
        if (found && tok_cap(d, p1 + 1)) {
            for (size_t q = p0; q <= p1; q++)
                lab[q] = 0;
            for (size_t q = p1 + 1; q < j; q++)
                lab[q] = (uint8_t)(q == p1 + 1 ? NER_B(NER_PER) : NER_I(NER_PER));
        }
        i = j;
    }

    /* Mentions. */
    for (size_t i = 0; i < n;) {
        if (lab[i] == 0) {
            i++;
            continue;
        }
        unsigned ty = NER_TYPE(lab[i]);
        size_t j = annals__ner_run_end(lab, n, i);
        size_t s = i;
        /* Titles the tagger put inside a person ("General Qamar Bajwa"). */
        if (ty == NER_PER)
            while (j - s > 1 && tok_title(m, d, s))
                s++;
        struct doc_mention *x = DOC_PUSH(d, d->ment);
        if (x == NULL)
            return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
        memset(x, 0, sizeof *x);
        x->word = (uint32_t)s;
        x->n_word = (uint32_t)(j - s);
        x->role_org = -1;
        x->alias = -1;
        switch (ty) {
        case NER_PER: x->type = ENT_PER; break;
        case NER_ORG: x->type = ENT_ORG; break;
        case NER_NORP: x->type = ENT_NORP; break;
        default: {
            uint16_t bits = j - s <= NER_GAZ_MAX_TOKENS ? annals__ner_gaz_lookup(m, t + s, j - s)
                                                        : 0;
            if (j - s > 1 && tok_is(d, s, "the") && j - s - 1 <= NER_GAZ_MAX_TOKENS)
                bits |= annals__ner_gaz_lookup(m, t + s + 1, j - s - 1);
            x->type = bits & (1u << GZ_COUNTRY | 1u << GZ_REGION | 1u << GZ_CITY |
                              1u << GZ_TOWN) ? ENT_GPE : ENT_LOC;
        }
        }
        if (s > i && ty == NER_PER) {
            x->role_word = (uint32_t)i;
            x->role_n = (uint32_t)(s - i);
        }
        for (size_t k = i; k < j; k++)
            owner[k] = (int32_t)(d->ment.n - 1);
        i = j;
    }

    /* Acronyms in brackets: "Chief of Army Staff (COAS)", "United Nations (UN)". */
    for (size_t i = 2; i + 1 < n; i++) {
        if (!tok_is(d, i - 1, "(") || !tok_is(d, i + 1, ")") || !tok_allcap(d, i))
            continue;
        /* the longest run before "(" whose initials spell the acronym */
        for (size_t s = i - 1 > 8 ? i - 9 : 0; s + 1 < i; s++) {
            if (!tok_cap(d, s) || !initials_match(d, s, i - 1, i))
                continue;
            int32_t longm = owner[s] >= 0 && owner[i - 2] == owner[s] ? owner[s] : -1;
            int32_t am = owner[i];
            if (am < 0) {
                /* the tagger missed the acronym: make it a mention */
                struct doc_mention *x = DOC_PUSH(d, d->ment);
                if (x == NULL)
                    return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
                memset(x, 0, sizeof *x);
                x->word = (uint32_t)i;
                x->n_word = 1;
                x->role_org = -1;
                x->alias = -1;
                x->type = longm >= 0 ? d->ment.v[longm].type : ENT_ORG;
                x->acronym = 1;
                am = (int32_t)(d->ment.n - 1);
                owner[i] = am;
            }
            d->ment.v[am].acronym = 1;
            d->ment.v[am].long_word = (uint32_t)s;
            d->ment.v[am].long_n = (uint32_t)(i - 1 - s);
            if (longm >= 0) {
                d->ment.v[am].alias = longm;
                d->ment.v[am].type = d->ment.v[longm].type;
            }
            break;
        }
    }
    /* Later bare uses of a bracketed acronym that the tagger missed ("the
    ** COAS agreed"). */
    for (size_t k = 0, nm = d->ment.n; k < nm; k++) {
        if (!d->ment.v[k].acronym)
            continue;
        size_t a = d->ment.v[k].word;
        for (size_t i = a + 1; i < n; i++) {
            if (owner[i] >= 0 || d->word.v[i].form_len != d->word.v[a].form_len ||
                memcmp(d->word.v[i].form, d->word.v[a].form, d->word.v[a].form_len) != 0)
                continue;
            struct doc_mention *x = DOC_PUSH(d, d->ment);
            if (x == NULL)
                return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
            memset(x, 0, sizeof *x);
            x->word = (uint32_t)i;
            x->n_word = 1;
            x->role_org = -1;
            x->alias = -1;
            x->type = d->ment.v[k].type;
            owner[i] = (int32_t)(d->ment.n - 1);
        }
    }
    /* Mentions in reading order (acronym mentions were appended). */
    for (size_t a = 1; a < d->ment.n; a++) {
        struct doc_mention x = d->ment.v[a];
        size_t b = a;
        while (b > 0 && d->ment.v[b - 1].word > x.word) {
            d->ment.v[b] = d->ment.v[b - 1];
            b--;
        }
        d->ment.v[b] = x;
        if (b != a) {
            /* fix alias indexes and owners after the move */
            for (size_t k = 0; k < d->ment.n; k++) {
                int32_t *al = &d->ment.v[k].alias;
                if (*al >= (int32_t)b && *al < (int32_t)a)
                    (*al)++;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        owner[i] = -1;
    for (size_t k = 0; k < d->ment.n; k++)
        for (size_t i = d->ment.v[k].word; i < d->ment.v[k].word + d->ment.v[k].n_word; i++)
            owner[i] = (int32_t)k;

    /* Roles of persons. */
    for (size_t k = 0; k < d->ment.n; k++) {
        struct doc_mention *x = &d->ment.v[k];
        if (x->type != ENT_PER)
            continue;
        size_t sb = 0;
        for (size_t q = 0; q < ns; q++)
            if (sent[q] <= x->word)
                sb = sent[q];
        /* before the name */
        size_t s = x->role_n ? x->role_word : x->word, title = x->role_n > 0;
        while (s > sb) {
            size_t i = s - 1;
            int32_t o = owner[i];
            if (o >= 0 && d->ment.v[o].type == ENT_PER)
                break;
            if (tok_title(m, d, i))
                title = 1;
            else if (o >= 0) {
                s = d->ment.v[o].word;
                continue;
            } else if (!tok_cap(d, i) && !connective(d, i) && !tok_is(d, i, ")") &&
                       !tok_is(d, i, "("))
                break;
            s = i;
        }
        while (s < x->word && (connective(d, s) || tok_is(d, s, ")")))
            s++;
        if (title && s < x->word) {
            set_role(x, s, x->word, d->ment.v, d->ment.n);
            continue;
        }
        /* apposition: "John Kirby, the Pentagon spokesman," */
        size_t e = x->word + x->n_word;
        if (e + 2 < n && tok_is(d, e, ",")) {
            size_t i = e + 1, rs;
            title = 0;
            if (tok_is(d, i, "the") || tok_is(d, i, "a") || tok_is(d, i, "an"))
                i++;
            rs = i;
            while (i < n && i < e + 12) {
                int32_t o = owner[i];
                if (o >= 0 && d->ment.v[o].type == ENT_PER)
                    break;
                if (tok_title(m, d, i))
                    title = 1;
                else if (o >= 0) {
                    i = d->ment.v[o].word + d->ment.v[o].n_word;
                    continue;
                } else if (!tok_cap(d, i) && !connective(d, i))
                    break;
                i++;
            }
            if (title && i > rs && (i >= n || tok_is(d, i, ",") || tok_is(d, i, ".") ||
                                    tok_is(d, i, ";")))
                set_role(x, rs, i, d->ment.v, d->ment.n);
        }
    }

    /* Linking. */
    for (size_t k = 0; k < d->ment.n; k++) {
        struct doc_mention *x = &d->ment.v[k];
        int32_t hit = -1;
        x->next = -1;
        if (x->alias >= 0) {
            hit = (int32_t)d->ment.v[x->alias].entity;
        } else if (x->type == ENT_PER) {
            uint64_t first = text_key(d, x->word, x->word + 1);
            uint64_t last = text_key(d, x->word + x->n_word - 1, x->word + x->n_word);
            uint64_t whole = text_key(d, x->word, x->word + x->n_word);
            for (size_t j = k; j-- > 0;) {
                const struct doc_mention *y = &d->ment.v[j];
                if (y->type != ENT_PER)
                    continue;
                uint64_t yf = text_key(d, y->word, y->word + 1);
                uint64_t yl = text_key(d, y->word + y->n_word - 1, y->word + y->n_word);
                if (whole == text_key(d, y->word, y->word + y->n_word) ||
                    (x->n_word == 1 && (first == yl || first == yf)) ||
                    (x->n_word > 1 && y->n_word > 1 && first == yf && last == yl)) {
                    hit = (int32_t)y->entity;
                    break;
                }
            }
        } else {
            uint64_t whole = text_key(d, x->word, x->word + x->n_word);
            uint64_t xa = mention_alias(m, d, t, x);
            for (size_t j = k; j-- > 0;) {
                const struct doc_mention *y = &d->ment.v[j];
                /* "the Pentagon" and "the US Department of Defense" */
                if (xa != 0 && y->type != ENT_PER && mention_alias(m, d, t, y) == xa) {
                    hit = (int32_t)y->entity;
                    break;
                }
                int same = y->type == x->type ||
                           ((y->type == ENT_GPE || y->type == ENT_LOC) &&
                            (x->type == ENT_GPE || x->type == ENT_LOC));
                if (!same)
                    continue;
                if (whole == text_key(d, y->word, y->word + y->n_word) ||
                    (x->n_word == 1 && y->n_word > 1 &&
                     initials_match(d, y->word, y->word + y->n_word, x->word))) {
                    hit = (int32_t)y->entity;
                    break;
                }
                /* an earlier acronym mention standing for this long form, or the reverse */
                if (y->acronym && y->long_n > 0 &&
                    whole == text_key(d, y->long_word, y->long_word + y->long_n)) {
                    hit = (int32_t)y->entity;
                    break;
                }
            }
            if (hit < 0 && x->n_word == 1)
                /* a later bare acronym: "COAS" after "Chief of Army Staff (COAS)" */
                for (size_t j = k; j-- > 0;) {
                    const struct doc_mention *y = &d->ment.v[j];
                    if (y->acronym && text_key(d, y->word, y->word + 1) == whole) {
                        hit = (int32_t)y->entity;
                        break;
                    }
                }
        }
        if (hit >= 0) {
            x->entity = (uint32_t)hit;
            struct doc_entity *en = &d->ent.v[hit];
            en->n++;
            d->ment.v[en->last].next = (int32_t)k;
            en->last = (uint32_t)k;
            if (x->n_word > d->ment.v[en->canon].n_word && !x->acronym)
                en->canon = (uint32_t)k;
            if (en->type == ENT_LOC && x->type == ENT_GPE)
                en->type = ENT_GPE;
        } else {
            struct doc_entity *en = DOC_PUSH(d, d->ent);
            if (en == NULL)
                return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
            en->type = x->type;
            en->canon = (uint32_t)k;
            en->first = (uint32_t)k;
            en->last = (uint32_t)k;
            en->n = 1;
            x->entity = (uint32_t)(d->ent.n - 1);
            /* a long form already seen as an acronym's expansion */
        }
    }
    /* The tokens holding each mention's words. */
    for (size_t k = 0; k < d->ment.n; k++) {
        struct doc_mention *x = &d->ment.v[k];
        x->tok = d->word.v[x->word].token;
        x->n_tok = d->word.v[x->word + x->n_word - 1].token - x->tok + 1;
    }
    return ANNALS_OK;
}

const char *annals__ent_type_name(int t)
{
    static const char *const names[] = { "PER", "ORG", "GPE", "LOC", "NORP" };
    return t >= 0 && t < 5 ? names[t] : "?";
}
