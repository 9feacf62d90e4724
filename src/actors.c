/* actors.c -- the actor stage: who each noun phrase of the article stands
** for, as a CAMEO-style actor code (country + sector).  Contract: actors.h.
**
** 1. Noun phrases are chunked from the tagged and parsed words of each
**    sentence: a determiner, adjectives, nouns and proper nouns, hyphenated
**    compounds, and "of"/"for" inside a capitalised title ("Secretary of
**    Defence").  A possessive ("Pakistan's army") and an "of"/"for"
**    complement ("a spokesman for the Afghan army") link two phrases.
** 2. Each phrase is read on its own: names from the ontology (countries,
**    adjectives, demonyms, capitals, seats of government, armed groups,
**    regions, organisations, longest match first) give the country; sector
**    words ("air force", "army chief", "spokesperson") give the sector, the
**    rightmost specific one winning and generic person words
**    ("spokesperson", "officials", "chief") taking the sector of the body
**    they belong to; capitalised words after a title are a person's name.
**    The user actor dictionary overrides all of it.
** 3. In reading order: pronouns and definite descriptions take the last
**    compatible phrase (person or not, number, gender, role word, country),
**    a bare surname takes the person it names, phrases without a country
**    take their possessor's or complement's, else the last country of the
**    text; every mention of an NER entity shares the entity's actor.
** 4. A title attached to a person's name stands for that person.
** A place name (country, capital, region) is an actor only as an argument
** of a verb (subject, object, by/with/against/to phrase), never as a mere
** location ("in Christchurch", "at the border").
**
** Everything lives in the document's arena; the tables are the compiled
** ontology (ontology.h), so nothing is read at run time. */
#include "actors.h"
#include "gazetteer.h"
#include "given_names.h"
#include "ontology.h"
#include "quotes.h"

#include <string.h>

/* How a phrase got its country. */
enum { CTY_NONE, CTY_CONTEXT, CTY_CAPITAL, CTY_SEAT, CTY_GROUP, CTY_ORG, CTY_EXPLICIT };
enum { PRO_NONE, PRO_HE, PRO_SHE, PRO_THEY, PRO_IT, PRO_WE };
enum { GENDER_UNKNOWN, GENDER_MALE, GENDER_FEMALE };

#define NAME_MAX_WORDS 6
#define ROLE_MAX_WORDS 5
#define MAX_BACK 400            /* phrases searched back for an antecedent */
#define PRONOUN_SENTENCES 3     /* sentences searched back for a pronoun's */

struct np {
    uint32_t first, n;          /* words [first, first + n) */
    uint32_t head;              /* lexical head: the last noun, proper noun or pronoun */
    uint32_t synhead;           /* the word whose parse head lies outside the phrase */
    uint32_t sent;
    int32_t entity;             /* NER entity of the head, or -1 */
    int32_t possessor;          /* phrase of "X's" before it, or -1 */
    int32_t complement;         /* phrase after its "of"/"for", or -1 */
    int32_t antecedent;         /* phrase it corefers with, or -1 */
    char country[4], sector[4], org[12];
    uint8_t cty;                /* CTY_* */
    uint8_t src;                /* enum actor_source */
    uint8_t headed;             /* the head names an actor (a name, role, person) */
    uint8_t place;              /* the head is a place name (country, capital, region) */
    uint8_t capital, seat;      /* the head is a capital / a seat of government */
    uint8_t body;               /* a specific (not generic) sector word or body name */
    uint8_t person, plural, gender;
    uint8_t definite;           /* starts with "the", "this" or "that" */
    uint8_t pronoun;            /* PRO_* */
    uint8_t possessive;         /* a possessive pronoun ("his", "their") */
    uint8_t proper;             /* holds a proper name other than the ontology's */
    uint8_t argument;           /* subject, object or by/with/against/to phrase */
    uint8_t subject;
    uint8_t skip;               /* dateline or byline line: never an actor */
    uint32_t role_w, role_n;    /* the rightmost sector phrase, n = 0: none */
    uint32_t name_w;            /* last word of a person's name, or UINT32_MAX */
    uint8_t collective;         /* a body, group or organisation: "it" or "they" */
    char own[4];                /* the country it names itself (a name, or the
                                   geo stage's place), for the context; "" none */
};

struct ctx {
    const annals_pipeline *p;
    annals_doc *d;
    const struct onto_tables *t;
    struct np *np;
    size_t n_np;
    int32_t *ent_best;          /* per entity: its best resolved phrase, or -1 */
    uint8_t *is_time;           /* per word: inside a temporal expression */
    uint32_t *name_end;         /* per word: end of an ontology name or capitalised
                                   NER mention starting there, or 0 */
    char (*place_cty)[4];       /* per word: country of the geo place holding it */
    uint32_t *word_sent;        /* per word: its sentence */
    int32_t *quoted_by;         /* per word: speaker entity of the direct quotation
                                   holding it ("we" in Kirby's words), or -1 */
    int32_t *speaking_for;      /* per word: entity the quotation stage found
                                   speaking through the phrase starting there
                                   ("it added"), or -1 */
    int32_t date;               /* publication date YYYYMMDD, 0 unknown */
};

/* ------------------------------------------------------------- words */

static const struct doc_word *W(const struct ctx *c, size_t w) { return &c->d->word.v[w]; }

static int upos_is(const struct ctx *c, size_t w, const char *u)
{
    const char *x = W(c, w)->upos;
    return x != NULL && strcmp(x, u) == 0;
}

static int xpos_is(const struct ctx *c, size_t w, const char *u)
{
    const char *x = W(c, w)->xpos;
    return x != NULL && strcmp(x, u) == 0;
}

static unsigned char lower(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + 32) : ch;
}

/* The word's form equals s, ignoring ASCII case. */
static int form_is(const struct ctx *c, size_t w, const char *s)
{
    const struct doc_word *x = W(c, w);
    size_t n = strlen(s);
    if (x->form_len != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)x->form[i]) != (unsigned char)s[i])
            return 0;
    return 1;
}

static int form_in(const struct ctx *c, size_t w, const char *const *list)
{
    for (; *list != NULL; list++)
        if (form_is(c, w, *list))
            return 1;
    return 0;
}

static int capitalised(const struct ctx *c, size_t w)
{
    const struct doc_word *x = W(c, w);
    return x->form_len > 0 && x->form[0] >= 'A' && x->form[0] <= 'Z';
}

static int nominal(const struct ctx *c, size_t w)
{
    return upos_is(c, w, "NOUN") || upos_is(c, w, "PROPN");
}

static int deprel_is(const struct ctx *c, size_t w, const char *rel)
{
    const char *x = W(c, w)->deprel;
    size_t n = strlen(rel);
    return x != NULL && strncmp(x, rel, n) == 0 && (x[n] == '\0' || x[n] == ':');
}

/* A hyphen written without spaces: "US-led", "al-Shabaab". */
static int hyphen(const struct ctx *c, size_t w)
{
    const struct doc_word *x = W(c, w);
    if (x->form_len != 1 || x->form[0] != '-' || w == 0)
        return 0;
    return !c->d->tok.v[W(c, w - 1)->token].space_after &&
           !c->d->tok.v[x->token].space_after;
}

/* Words [w, w + n) as written: a space where the text has one.  Returns the
** length, 0 when it does not fit in cap. */
static size_t join_words(const struct ctx *c, size_t w, size_t n, char *buf, size_t cap,
                         int fold)
{
    size_t len = 0;
    for (size_t i = w; i < w + n; i++) {
        const struct doc_word *x = W(c, i);
        if (i > w && W(c, i - 1)->token != x->token &&
            c->d->tok.v[W(c, i - 1)->token].space_after) {
            if (len + 1 >= cap)
                return 0;
            buf[len++] = ' ';
        }
        if (len + x->form_len >= cap)
            return 0;
        for (size_t k = 0; k < x->form_len; k++)
            buf[len++] = fold ? (char)lower((unsigned char)x->form[k]) : x->form[k];
    }
    buf[len] = '\0';
    return len;
}

/* ------------------------------------------------------------ lexicons */

static const char *const pron_he[] = {"he", "him", "his", "himself", NULL};
static const char *const pron_she[] = {"she", "her", "hers", "herself", NULL};
static const char *const pron_they[] = {"they", "them", "their", "theirs", "themselves", NULL};
static const char *const pron_it[] = {"it", "its", "itself", NULL};
static const char *const pron_we[] = {"we", "us", "our", "ours", "ourselves", NULL};
static const char *const pron_poss[] = {"his", "her", "their", "its", NULL};
static const char *const definite_det[] = {"the", "this", "that", "these", "those", NULL};

/* Person words that take the sector of the body they speak or stand for
** ("Taliban spokesman" -> INS, "police chief" -> COP). */
static const char *const generic_role[] = {
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "spokeswomen",
    "official", "officials", "representative", "representatives", "chief", "head", "leader",
    "leaders", "aide", "aides", "adviser", "advisor", "secretary", "commander", "forces",
    "fighters", "members", "member", "sources", "source", "militants", "militant", "rebels",
    "rebel", "insurgents", "insurgent", "guerrillas", "gunmen", NULL};

/* Nouns for the members of a group, which stand for it. */
static const char *const member_noun[] = {"members", "member", "loyalists", "loyalist", "recruits",
                                           NULL};

/* The holder of the same office elsewhere. */
static const char *const mirror_word[] = {"counterpart", "counterparts", NULL};

/* Nouns that name one person (for pronouns and definite descriptions). */
static const char *const person_noun[] = {
    "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "chief",
    "general", "commander", "official", "ambassador", "envoy", "diplomat", "governor", "mayor",
    "king", "queen", "leader", "head", "director", "adviser", "advisor", "aide", "senator",
    "lawmaker", "mp", "judge", "prosecutor", "journalist", "reporter", "editor", "doctor",
    "premier", "chancellor", "representative", "soldier", "officer", "policeman", "colonel",
    "admiral", "brigadier", "congressman", "congresswoman", "businessman", "cleric", "imam",
    "bishop", "priest", "pope", "rabbi", "activist", "dissident", "teacher", "student",
    "farmer", "refugee", "gunman", "militant", "rebel", "insurgent", "separatist", "civilian",
    "criminal", "spy", "ombudsman", "celebrity", "man", "woman", "counterpart", NULL};
static const char *const male_word[] = {"spokesman", "congressman", "king", "businessman",
                                        "policeman", "mr", "mr.", "man", "gunman", NULL};
static const char *const female_word[] = {"spokeswoman", "congresswoman", "queen", "mrs",
                                          "mrs.", "ms", "ms.", "woman", "madam", NULL};

/* Prepositions that make a place an argument, not a location. */
static const char *const strong_case[] = {"by", "with", "against", "between", NULL};
static const char *const arg_case[] = {"by", "with", "against", "to", "toward", "towards",
                                       "between", "on", "upon", "for", "from", NULL};

/* ----------------------------------------------------------- chunking */

static int can_start(const struct ctx *c, size_t w)
{
    if (c->is_time[w])
        return 0;
    if (upos_is(c, w, "DET"))
        return form_in(c, w, definite_det) || form_is(c, w, "a") || form_is(c, w, "an");
    return nominal(c, w) || upos_is(c, w, "ADJ") || upos_is(c, w, "NUM");
}

/* May word w continue the phrase [start, w)? */
static int can_continue(const struct ctx *c, size_t start, size_t w, size_t end)
{
    size_t prev = w - 1;
    if (c->is_time[w])
        return 0;
    if (hyphen(c, w))
        return w + 1 < end && !upos_is(c, prev, "DET");
    if (hyphen(c, prev))
        return !upos_is(c, w, "PUNCT");
    if (upos_is(c, w, "PROPN"))
        return 1;
    /* "North Korea test-fired": a noun joined to a finite verb after it is
    ** part of the verb, not of the phrase */
    if (upos_is(c, w, "NOUN") && w + 2 < end && hyphen(c, w + 1) && upos_is(c, w + 2, "VERB") &&
        W(c, w)->head == (int64_t)(w + 2) && !deprel_is(c, w + 2, "amod") &&
        !deprel_is(c, w + 2, "acl") && !deprel_is(c, w + 2, "compound"))
        return 0;
    if (upos_is(c, w, "NOUN")) {
        if (!upos_is(c, prev, "NOUN"))
            return upos_is(c, prev, "PROPN") || upos_is(c, prev, "ADJ") ||
                   upos_is(c, prev, "DET") || upos_is(c, prev, "NUM") ||
                   (prev > start && hyphen(c, prev - 1));
        /* two common nouns: only when the parse joins them ("army chief") */
        int64_t h = W(c, w)->head;
        return W(c, prev)->head == (int64_t)w || (h >= (int64_t)start && h < (int64_t)w) ||
               deprel_is(c, prev, "compound");
    }
    if (upos_is(c, w, "ADJ") || upos_is(c, w, "NUM"))
        return upos_is(c, prev, "DET") || upos_is(c, prev, "ADJ") || upos_is(c, prev, "NUM");
    /* "the Tigray People's Liberation Front", "the People's Party": a
    ** possessive inside a capitalised name is part of it */
    if (xpos_is(c, w, "POS") && w + 1 < end && form_is(c, prev, "people") && capitalised(c, prev) &&
        capitalised(c, w + 1) && nominal(c, w + 1))
        return 1;
    /* "Secretary of Defence", "Minister for Foreign Affairs" */
    if ((form_is(c, w, "of") || form_is(c, w, "for")) && w + 1 < end && capitalised(c, prev) &&
        nominal(c, prev) && capitalised(c, w + 1) && nominal(c, w + 1) && !c->is_time[w + 1])
        return 1;
    return 0;
}

static int push_np(struct ctx *c, size_t first, size_t n, size_t sent, size_t cap)
{
    if (c->n_np == cap)
        return 0;
    struct np *x = &c->np[c->n_np++];
    memset(x, 0, sizeof *x);
    x->first = (uint32_t)first;
    x->n = (uint32_t)n;
    x->sent = (uint32_t)sent;
    x->entity = x->possessor = x->complement = x->antecedent = -1;
    x->name_w = UINT32_MAX;
    x->head = (uint32_t)(first + n - 1);
    for (size_t w = first + n; w-- > first;)
        if (nominal(c, w) || upos_is(c, w, "PRON")) {
            x->head = (uint32_t)w;
            break;
        }
    x->synhead = x->head;
    for (size_t w = first; w < first + n; w++) {
        int64_t h = W(c, w)->head;
        if ((nominal(c, w) || upos_is(c, w, "PRON")) &&
            (h < (int64_t)first || h >= (int64_t)(first + n))) {
            x->synhead = (uint32_t)w;
            break;
        }
    }
    return 1;
}

/* Phrases of sentence s, words [ws, we). */
static void chunk_sentence(struct ctx *c, size_t s, size_t ws, size_t we, size_t cap)
{
    int32_t poss = -1, comp = -1;
    size_t comp_at = SIZE_MAX;

    for (size_t i = ws; i < we;) {
        if (c->name_end[i] == 0 && upos_is(c, i, "PRON")) {
            int pro = form_in(c, i, pron_he) ? PRO_HE : form_in(c, i, pron_she) ? PRO_SHE
                      : form_in(c, i, pron_they) ? PRO_THEY : form_in(c, i, pron_it) ? PRO_IT
                      : form_in(c, i, pron_we)     ? PRO_WE
                                                   : PRO_NONE;
            if (pro != PRO_NONE && push_np(c, i, 1, s, cap)) {
                struct np *x = &c->np[c->n_np - 1];
                x->pronoun = (uint8_t)pro;
                x->possessive = (uint8_t)(form_in(c, i, pron_poss) &&
                                          (xpos_is(c, i, "PRP$") || !form_is(c, i, "her") ||
                                           (i + 1 < we && nominal(c, i + 1))));
                if (x->possessive)
                    poss = (int32_t)(c->n_np - 1);
            }
            i++;
            continue;
        }
        size_t force = c->name_end[i];
        if (force == 0 && !can_start(c, i)) {
            i++;
            continue;
        }
        /* a known name is one phrase whatever its tags ("Human Rights Watch") */
        size_t j = i + 1;
        while (j < we && (j < force || can_continue(c, i, j, we))) {
            if (c->name_end[j] > force)
                force = c->name_end[j];
            j++;
        }
        size_t end = j;
        while (end > i && end > force && !nominal(c, end - 1))
            end--;
        if (end == i) {
            /* a demonym used as a noun: "Pakistani" as subject */
            if (j - i == 1 && upos_is(c, i, "ADJ") &&
                (deprel_is(c, i, "nsubj") || deprel_is(c, i, "obj")))
                end = j;
            else {
                i = j;
                poss = -1;
                continue;
            }
        }
        if (push_np(c, i, end - i, s, cap)) {
            int32_t k = (int32_t)(c->n_np - 1);
            if (poss >= 0 && c->np[poss].first + c->np[poss].n + 1 >= i)
                c->np[k].possessor = poss;
            if (comp >= 0 && comp_at == i)
                c->np[comp].complement = k;
            poss = -1;
            comp = -1;
            if (end < we && W(c, end)->form_len == 2 && xpos_is(c, end, "POS"))
                poss = k;
            else if (end + 1 < we && (form_is(c, end, "of") || form_is(c, end, "for"))) {
                comp = k;
                comp_at = end + 1;
                if (end + 2 < we && upos_is(c, end + 1, "DET"))
                    comp_at = end + 1;
            }
        }
        i = end;
    }
}

/* ------------------------------------------------------------ reading */

static int in_list(const char *s, size_t n, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strlen(*list) == n && memcmp(*list, s, n) == 0)
            return 1;
    return 0;
}

static void set3(char *dst, const char *src)
{
    size_t n = strlen(src);
    if (n > 3 || strcmp(src, "-") == 0)
        n = 0;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Pick, among entries of one name, the one with a sector if any. */
static const struct onto_name *pick(const struct onto_name *e, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(e[i].sector, "-") != 0)
            return &e[i];
    return e;
}

/* Places an actor holds: attacked or seized, they stand for it. */
/* Nouns that count what their of-phrase names. */
static const char *const count_noun[] = {
    "dozens", "hundreds", "millions", "scores", "tens", "thousands", NULL
};

static const char *const territory_noun[] = {
    "city", "cities", "town", "towns", "village", "villages", "territory", "territories",
    "soil", "positions", "outpost", "outposts", "base", "bases", "posts", "province",
    "provinces", "capitals", "airspace", "waters", "targets", "facilities", "sites",
    "camps", "hideouts", "hideout", "strongholds", "stronghold", "installations", "post",
    "position", "camp", "checkpoint", "checkpoints", NULL
};

static const char *const state_sector[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", NULL};

/* Is word w the people of a region inside a country ("Tigrayan",
** "Punjabi", "Kashmiri"): a capitalised word that is no name of the
** ontology and, less a demonym ending, names a first-level division or a
** region in the gazetteer?  Its country goes to out[4]. */
static int regional_demonym(const struct ctx *c, size_t w, char out[4])
{
    static const char *const endings[] = {"ian", "an", "n", "i", "ese", NULL};
    const struct doc_word *x = W(c, w);
    const struct annals_gazetteer *g = c->p->gaz;
    if (g == NULL || !capitalised(c, w) || x->form_len < 5 || x->form_len >= GAZ_MAX_KEY)
        return 0;
    for (int k = 0; endings[k] != NULL; k++) {
        size_t el = strlen(endings[k]), n = x->form_len;
        if (n <= el + 2 || memcmp(x->form + n - el, endings[k], el) != 0)
            continue;
        char key[GAZ_MAX_KEY];
        const unsigned char *list;
        uint32_t count;
        size_t kl = annals__gaz_fold(x->form, n - el, key, sizeof key);
        if (kl == 0 || !annals__gaz_lookup(g, key, kl, &list, &count))
            continue;
        struct gaz_place gp;
        annals__gaz_place(g, annals__gaz_list_at(list, 0), &gp);
        if (gp.kind != GAZ_ADMIN1 && gp.kind != GAZ_FEATURE)
            continue;
        struct gaz_country gc;
        annals__gaz_country(g, gp.country, &gc);
        memcpy(out, gc.alpha3, 4);
        return out[0] != '\0';
    }
    return 0;
}

/* Names and sector words of phrase x: its own country, sector and head. */
static void read_np(struct ctx *c, struct np *x)
{
    const unsigned explicit_kinds = ONTO_ISO | ONTO_COUNTRY | ONTO_ADJ | ONTO_DEMONYM;
    const size_t end = x->first + x->n;
    const char *cty[8] = {0};   /* country by CTY_* rank */
    const char *body_sector = NULL, *generic_sector = NULL, *weak_sector = NULL;
    const char *org_sector = NULL, *head_generic = NULL;
    char buf[128];
    int demonym = 0, have_role_end = 0;
    size_t group_w = 0, group_end = 0;   /* the words of a group's name */
    uint32_t role_end = 0;

    x->definite = (uint8_t)form_in(c, x->first, definite_det);
    x->plural = (uint8_t)(xpos_is(c, x->head, "NNS") || xpos_is(c, x->head, "NNPS"));
    for (size_t w = x->first; w < end; w++) {
        if (form_in(c, w, male_word))
            x->gender = GENDER_MALE;
        else if (form_in(c, w, female_word))
            x->gender = GENDER_FEMALE;
    }

    /* names, longest first */
    for (size_t i = x->first; i < end;) {
        size_t len = end - i < NAME_MAX_WORDS ? end - i : NAME_MAX_WORDS, got = 0;
        for (; len > 0 && got == 0; len--) {
            size_t count, bl = join_words(c, i, len, buf, sizeof buf, 0);
            const struct onto_name *e = bl ? annals__onto_name(c->t, buf, bl, 0, &count) : NULL;
            if (e == NULL)
                continue;
            e = pick(e, count);
            got = len;
            /* "English-speaking", "Russian-speaking": a language, not a country */
            if (i + len + 1 < end && hyphen(c, i + len) && xpos_is(c, i + len + 1, "VBG") &&
                (e->kinds & (ONTO_ADJ | ONTO_DEMONYM)))
                continue;
            int covers = x->head >= i && x->head < i + len;
            if (e->kinds & (ONTO_IGO | ONTO_NGO)) {
                size_t ol = strlen(e->code);
                if (ol >= sizeof x->org)
                    ol = sizeof x->org - 1;
                memcpy(x->org, e->code, ol);
                x->org[ol] = '\0';
                if (cty[CTY_ORG] == NULL)
                    cty[CTY_ORG] = e->code;
                org_sector = e->sector;
            } else if (e->kinds & ONTO_GROUP) {
                cty[CTY_GROUP] = e->code;
                body_sector = e->sector;
                x->plural = 1;
                group_w = i;
                group_end = i + len;
            } else if (e->kinds & (explicit_kinds | ONTO_REGION)) {
                if (cty[CTY_EXPLICIT] == NULL)
                    cty[CTY_EXPLICIT] = e->code;
                demonym |= (e->kinds & (ONTO_ADJ | ONTO_DEMONYM)) != 0 &&
                           !(e->kinds & (ONTO_ISO | ONTO_COUNTRY | ONTO_REGION));
                if (covers && (e->kinds & (ONTO_ISO | ONTO_COUNTRY | ONTO_REGION)))
                    x->place = 1;
                if (covers && (e->kinds & ONTO_DEMONYM) && !(e->kinds & ONTO_ISO))
                    x->plural = (uint8_t)(x->plural || buf[bl - 1] == 's');
            } else if (e->kinds & ONTO_CAPITAL) {
                cty[CTY_CAPITAL] = e->code;
                weak_sector = e->sector;
                if (covers)
                    x->place = x->capital = 1;
            } else if (e->kinds & ONTO_SEAT) {
                cty[CTY_SEAT] = e->code;
                body_sector = e->sector;
                if (covers)
                    x->seat = 1;
            }
            if (covers)
                x->headed = 1;
        }
        i += got > 0 ? got : 1;
    }

    /* sector words, longest first, in any case */
    for (size_t i = x->first; i < end;) {
        size_t len = end - i < ROLE_MAX_WORDS ? end - i : ROLE_MAX_WORDS, got = 0;
        for (; len > 0 && got == 0; len--) {
            size_t bl = join_words(c, i, len, buf, sizeof buf, 1);
            const char *sec = bl ? annals__onto_sector_word(c->t, buf, bl) : NULL;
            /* a plural the table does not list: "presidents", "premiers" */
            if (sec == NULL && len == 1 && x->role_n == 0 && xpos_is(c, i, "NNS") &&
                W(c, i)->lemma_len < sizeof buf) {
                bl = W(c, i)->lemma_len;
                memcpy(buf, W(c, i)->lemma, bl);
                sec = annals__onto_sector_word(c->t, buf, bl);
            }
            if (sec == NULL)
                continue;
            got = len;
            /* "the Arakan Army": a sector word inside a group's name is
            ** part of the name; the group's own sector stands */
            if (i >= group_w && i + len <= group_end)
                continue;
            size_t last = i + len - 1, lw = W(c, last)->form_len;
            if (lw > bl)
                lw = bl;        /* read by its lemma, shorter than the form */
            /* "rebel commander", "rebel forces": the first generic word
            ** says whose the later one is */
            if (in_list(buf + bl - lw, lw, generic_role)) {
                if (generic_sector == NULL)
                    generic_sector = sec;
                if (last == x->head)
                    head_generic = sec;
            } else
                body_sector = sec;
            x->role_w = (uint32_t)i;
            x->role_n = (uint32_t)len;
            role_end = (uint32_t)(last + 1);
            have_role_end = 1;
            if (x->head >= i && x->head <= last)
                x->headed = 1;
            if (form_in(c, last, person_noun))
                x->person = 1;
        }
        i += got > 0 ? got : 1;
    }

    /* "Tigrayan leaders", "Punjabi farmers": a region's people, of its
    ** country but not its government, nor its army, police or other body
    ** (those of the region against the federal ones are two actors) */
    char region_cty[4] = "";
    for (size_t w = x->first; have_role_end && w < x->role_w && cty[CTY_EXPLICIT] == NULL; w++)
        if (c->name_end[w] == 0 && regional_demonym(c, w, region_cty))
            cty[CTY_EXPLICIT] = region_cty;

    /* a title followed by capitalised words: a person's name */
    if (have_role_end && role_end < end && x->head >= role_end) {
        int all = 1;
        for (size_t w = role_end; w < end; w++)
            all &= upos_is(c, w, "PROPN") && capitalised(c, w);
        if (all) {
            x->headed = x->person = x->proper = 1;
            x->name_w = x->head;
            x->plural = 0;
        }
    }

    /* "Ukrainian cities", "Hezbollah targets", "militant hideouts": what an
    ** actor holds stands for it where it is attacked or seized, and is never
    ** an actor as a mere location */
    if (!x->headed && form_in(c, x->head, territory_noun) &&
        (cty[CTY_EXPLICIT] != NULL || cty[CTY_GROUP] != NULL || x->role_n > 0))
        x->headed = x->place = 1;

    /* "Hezbollah members", "gang members": the members of a group or body
    ** are that group or body */
    if (!x->headed && form_in(c, x->head, member_noun) &&
        (cty[CTY_GROUP] != NULL || cty[CTY_ORG] != NULL || body_sector != NULL))
        x->headed = 1;

    /* "any Indian aggression", "Chinese goods": as an argument of a verb,
    ** a nationality adjective alone says whose it is */
    if (!x->headed && demonym && x->argument == 2 && cty[CTY_EXPLICIT] != NULL &&
        !upos_is(c, x->head, "PROPN"))
        x->headed = 1;

    /* country: the strongest kind present */
    for (int k = CTY_EXPLICIT; k > CTY_NONE; k--)
        if (cty[k] != NULL) {
            x->cty = (uint8_t)k;
            if (k == CTY_ORG && strlen(cty[k]) > 3)
                set3(x->country, org_sector);
            else
                set3(x->country, cty[k]);
            break;
        }
    if (x->cty != CTY_ORG) {
        /* "the Pakistani UN ambassador" is Pakistan's */
        x->org[0] = '\0';
        org_sector = NULL;
    }
    x->src = x->capital || x->seat                        ? ACTOR_FROM_METONYM
             : demonym && x->cty == CTY_EXPLICIT          ? ACTOR_FROM_DEMONYM
             : have_role_end && x->cty != CTY_GROUP && x->cty != CTY_ORG &&
                     !x->place                            ? ACTOR_FROM_ROLE
                                                          : ACTOR_FROM_NAME;
    /* sector: an organisation's, else the rightmost specific word, else a
    ** generic person word's, else a capital's government */
    if ((x->cty == CTY_EXPLICIT || x->cty == CTY_CAPITAL || x->cty == CTY_SEAT ||
         x->cty == CTY_GROUP) && annals__onto_country(c->t, x->country, strlen(x->country)))
        memcpy(x->own, x->country, sizeof x->own);
    else if (c->place_cty[x->head][0] != '\0')
        memcpy(x->own, c->place_cty[x->head], sizeof x->own);
    x->collective = (uint8_t)(!x->person && (org_sector != NULL || body_sector != NULL ||
                                             x->cty == CTY_GROUP));
    if (org_sector != NULL) {
        set3(x->sector, org_sector);
        x->body = 1;
    } else if (body_sector != NULL) {
        /* "government forces" are the military */
        set3(x->sector, strcmp(body_sector, "GOV") == 0 && head_generic != NULL &&
                                strcmp(head_generic, "MIL") == 0
                            ? head_generic
                            : body_sector);
        x->body = 1;
    } else if (generic_sector != NULL) {
        set3(x->sector, generic_sector);
    } else if (weak_sector != NULL) {
        set3(x->sector, weak_sector);
    }
    if (region_cty[0] != '\0' && in_list(x->sector, strlen(x->sector), state_sector))
        x->sector[0] = '\0';
}

/* -------------------------------------------------------- argument role */

/* The preposition ("case" dependent) of word w, or SIZE_MAX. */
static size_t case_of(const struct ctx *c, size_t w)
{
    size_t lo = w > 8 ? w - 8 : 0;
    for (size_t k = w; k-- > lo;)
        if (W(c, k)->head == (int64_t)w && deprel_is(c, k, "case"))
            return k;
    return SIZE_MAX;
}

/* Has noun w a finite verb the parse read as its participle ("The air
** strike killed ten people" with "killed" an acl of "strike")?  A
** participle of a noun takes no object of its own; one that does is the
** clause's verb, and the noun its subject. */
static int misread_verb_of(const struct ctx *c, size_t w)
{
    uint32_t s = c->word_sent[w];
    for (size_t k = w + 1; k < c->d->word.n && c->word_sent[k] == s; k++) {
        if (W(c, k)->head != (int64_t)w || !deprel_is(c, k, "acl") ||
            !(xpos_is(c, k, "VBN") || xpos_is(c, k, "VBD")))
            continue;
        for (size_t m = k + 1; m < c->d->word.n && c->word_sent[m] == s; m++)
            if (W(c, m)->head == (int64_t)k && deprel_is(c, m, "obj"))
                return 1;
    }
    return 0;
}

/* Is phrase x an argument of a verb rather than a location or a modifier?
** 2: subject, object, agent, or a with/against/by phrase, where even a
** capital acts; 1: another argument phrase ("to", "on", "for"), where a
** country does but a capital is more often a destination; 0: neither. */
static int is_argument(const struct ctx *c, const struct np *x)
{
    size_t w = x->synhead;
    for (int depth = 0; depth < 4; depth++) {
        int64_t h = W(c, w)->head;
        /* "hundreds of Palestinian detainees": what the number counts acts */
        int counted = h >= 0 && deprel_is(c, w, "nmod") && case_of(c, w) != SIZE_MAX &&
                      form_is(c, case_of(c, w), "of") && form_in(c, (size_t)h, count_noun);
        if (h < 0 || !(deprel_is(c, w, "conj") || deprel_is(c, w, "appos") || counted))
            break;
        w = (size_t)h;
    }
    if (W(c, w)->head < 0 && misread_verb_of(c, w))
        return 2;
    const char *rel = W(c, w)->deprel;
    if (rel == NULL)
        return 0;
    if (deprel_is(c, w, "nsubj") || deprel_is(c, w, "csubj") || deprel_is(c, w, "obj") ||
        deprel_is(c, w, "iobj") || strcmp(rel, "obl:agent") == 0)
        return 2;
    /* a possessor takes part in what its noun names: the agent of an act
    ** ("Washington's support"), the country of a body ("Kenya's army") */
    if (strcmp(rel, "nmod:poss") == 0 && W(c, w)->head >= 0 &&
        upos_is(c, (size_t)W(c, w)->head, "NOUN"))
        return 2;
    if ((deprel_is(c, w, "obl") || deprel_is(c, w, "nmod")) && strcmp(rel, "nmod:poss") != 0) {
        size_t k = case_of(c, w);
        if (k != SIZE_MAX && form_in(c, k, strong_case))
            return 2;
        return k != SIZE_MAX && form_in(c, k, arg_case);
    }
    return 0;
}

/* ---------------------------------------------------------- dictionary */

static void apply_entry(struct np *x, const struct actor_entry *e)
{
    memcpy(x->country, e->code, sizeof x->country);
    memcpy(x->sector, e->sector, sizeof x->sector);
    x->org[0] = '\0';
    x->cty = x->country[0] != '\0' ? CTY_EXPLICIT : CTY_NONE;
    x->src = ACTOR_FROM_DICTIONARY;
    x->headed = 1;
    x->body = x->sector[0] != '\0';
}

/* The user dictionary's entry for x: its text without a determiner, a
** person's name after the title, or its NER entity's canonical name. */
static void dictionary(struct ctx *c, struct np *x)
{
    const struct annals_actordict *dict = c->p->actors;
    char buf[256];
    size_t f = x->first + (upos_is(c, x->first, "DET") && x->n > 1), bl;
    const struct actor_entry *e;

    if (dict == NULL || x->pronoun != PRO_NONE)
        return;
    bl = join_words(c, f, x->first + x->n - f, buf, sizeof buf, 0);
    e = bl ? annals__actordict_lookup(dict, buf, bl, c->date) : NULL;
    if (e == NULL && x->role_n > 0 && x->proper) {
        size_t s = x->role_w + x->role_n;
        bl = join_words(c, s, x->first + x->n - s, buf, sizeof buf, 0);
        e = bl ? annals__actordict_lookup(dict, buf, bl, c->date) : NULL;
    }
    if (e == NULL && x->entity >= 0) {
        const struct doc_mention *m = &c->d->ment.v[c->d->ent.v[x->entity].canon];
        const struct doc_token *a = &c->d->tok.v[m->tok], *z = &c->d->tok.v[m->tok + m->n_tok - 1];
        e = annals__actordict_lookup(dict, c->d->text + a->start, z->end - a->start, c->date);
    }
    if (e != NULL)
        apply_entry(x, e);
}

/* --------------------------------------------------------- coreference */

static int has_actor(const struct np *x)
{
    return x->headed && (x->country[0] != '\0' || x->sector[0] != '\0' || x->org[0] != '\0');
}

/* Would y tell x something it does not know? */
static int adds(const struct np *x, const struct np *y)
{
    return (x->country[0] == '\0' && y->country[0] != '\0') ||
           (x->sector[0] == '\0' && y->sector[0] != '\0') || (!x->headed && has_actor(y));
}

static void copy_actor(struct np *x, const struct np *y, int32_t yi)
{
    memcpy(x->country, y->country, sizeof x->country);
    memcpy(x->sector, y->sector, sizeof x->sector);
    memcpy(x->org, y->org, sizeof x->org);
    x->cty = y->cty;
    x->body = y->body;
    if (y->entity >= 0)
        x->entity = y->entity;
    x->antecedent = yi;
    x->headed = 1;
    x->src = ACTOR_FROM_COREF;
}

static int pronoun_fits(const struct ctx *c, const struct np *x, const struct np *y)
{
    int person = y->person || y->pronoun == PRO_HE || y->pronoun == PRO_SHE;
    int gender = y->pronoun == PRO_HE ? GENDER_MALE : y->pronoun == PRO_SHE ? GENDER_FEMALE
                                                                            : y->gender;
    (void)c;
    if (y->skip || (y->pronoun != PRO_NONE && y->antecedent < 0))
        return 0;
    if ((y->place || y->seat) && !y->argument)
        return 0;
    switch (x->pronoun) {
    case PRO_HE:
    case PRO_SHE:
        return person && !y->plural &&
               (gender == GENDER_UNKNOWN ||
                gender == (x->pronoun == PRO_HE ? GENDER_MALE : GENDER_FEMALE));
    case PRO_THEY:
        return ((y->plural || y->pronoun == PRO_THEY) && (person || has_actor(y))) ||
               (y->collective && has_actor(y));
    case PRO_IT:
        /* A bare nationality word ("Chilean", left alone by a parse error)
        ** names people or a country's quality, never an "it". */
        return !person && (!y->plural || y->collective) && y->pronoun != PRO_THEY &&
               has_actor(y) && !(y->src == ACTOR_FROM_DEMONYM && !y->body);
    default:
        return 0;
    }
}

/* The antecedent of pronoun k: in the nearest sentence (its own first,
** before it) holding a compatible phrase, the last compatible subject,
** else the last compatible phrase.  An object pronoun ("expelled three
** diplomats, accusing them") is not the subject its verb has or takes: the
** last compatible phrase of its own sentence that is no subject nor a
** conjunct, if any. */
static int32_t pronoun_antecedent(const struct ctx *c, size_t k)
{
    const struct np *x = &c->np[k];
    int object = x->argument && !x->subject && !x->possessive;
    int32_t subj = -1, any = -1, nonsubj = -1;
    uint32_t cur = x->sent;
    for (size_t j = k; j-- > 0;) {
        const struct np *y = &c->np[j];
        if (y->sent + PRONOUN_SENTENCES < x->sent)
            break;
        if (y->sent != cur) {
            if (subj >= 0 || any >= 0)
                break;
            cur = y->sent;
        }
        if (!pronoun_fits(c, x, y))
            continue;
        if (any < 0)
            any = (int32_t)j;
        if (y->subject && subj < 0)
            subj = (int32_t)j;
        /* (a conjunct of a subject is one: "Spain, Ireland and Norway") */
        if (!y->subject && nonsubj < 0 && y->sent == x->sent && !deprel_is(c, y->synhead, "conj"))
            nonsubj = (int32_t)j;
    }
    if (object && nonsubj >= 0)
        return nonsubj;
    return subj >= 0 ? subj : any;
}

/* Same word, ignoring ASCII case. */
static int same_form(const struct ctx *c, size_t a, size_t b)
{
    const struct doc_word *x = W(c, a), *y = W(c, b);
    if (x->form_len != y->form_len)
        return 0;
    for (size_t i = 0; i < x->form_len; i++)
        if (lower((unsigned char)x->form[i]) != lower((unsigned char)y->form[i]))
            return 0;
    return 1;
}

/* "the minister", "the army chief", "the US defence secretary": the last
** phrase with an actor whose sector phrase ends in the same word, with the
** same country and specific sector when the description gives them. */
static int32_t description_antecedent(const struct ctx *c, size_t k)
{
    const struct np *x = &c->np[k];
    size_t xr = x->role_w + x->role_n - 1;
    /* the head of "department of defence" is "department" */
    for (size_t w = x->role_w + 1; w < x->role_w + x->role_n; w++)
        if (form_is(c, w, "of") || form_is(c, w, "for")) {
            xr = w - 1;
            break;
        }
    for (size_t j = k, seen = 0; j-- > 0 && seen < MAX_BACK; seen++) {
        const struct np *y = &c->np[j];
        if (y->role_n == 0 || !has_actor(y) || y->skip || y->pronoun != PRO_NONE)
            continue;
        int named = 0;
        for (size_t w = y->first; w < y->first + y->n && !named; w++)
            named = same_form(c, xr, w);
        if (!named)
            continue;
        if (x->cty == CTY_EXPLICIT && strcmp(x->country, y->country) != 0)
            continue;
        if (x->body && strcmp(x->sector, y->sector) != 0)
            continue;
        return (int32_t)j;
    }
    return -1;
}

/* A bare name ("Kirby") naming a person met before with a title. */
static int32_t surname_antecedent(const struct ctx *c, size_t k)
{
    const struct np *x = &c->np[k];
    for (size_t j = k, seen = 0; j-- > 0 && seen < MAX_BACK; seen++) {
        const struct np *y = &c->np[j];
        if (y->name_w != UINT32_MAX && has_actor(y) && same_form(c, x->head, y->name_w))
            return (int32_t)j;
    }
    return -1;
}

/* Only proper nouns that no name or sector word explained. */
static int bare_name(const struct ctx *c, const struct np *x)
{
    if (x->headed || x->role_n > 0 || x->cty != CTY_NONE)
        return 0;
    for (size_t w = x->first; w < x->first + x->n; w++)
        if (!upos_is(c, w, "PROPN") && !upos_is(c, w, "DET"))
            return 0;
    return 1;
}

static int is_country(const struct ctx *c, const char *code)
{
    return code[0] != '\0' && annals__onto_country(c->t, code, strlen(code)) != NULL;
}

/* The countries a phrase without one may belong to, most salient first. */
struct context {
    char sent[4];               /* last named earlier in the sentence */
    char subj[4];               /* named by the subject of the last sentence with one */
    char pending_subj[4];       /* the same for the sentence being read */
    char dateline[4];
    struct {                    /* countries named so far, for salience */
        char code[4];
        uint32_t count, last;
    } named[16];
    uint32_t n_named, seen;
    uint32_t at;                /* the sentence being read */
};

/* The country named most often so far, the dateline's counting once; on a
** tie the one named last.  A country named once in passing ("fled towards
** the border with Niger") does not outweigh the one the story is about. */
static const char *most_salient(const struct context *cx)
{
    const char *best = NULL;
    uint32_t best_count = 0, best_last = 0;
    for (uint32_t i = 0; i < cx->n_named; i++) {
        uint32_t n = cx->named[i].count + (strcmp(cx->named[i].code, cx->dateline) == 0);
        if (n > best_count || (n == best_count && cx->named[i].last > best_last)) {
            best = cx->named[i].code;
            best_count = n;
            best_last = cx->named[i].last;
        }
    }
    if (best == NULL && cx->dateline[0] != '\0')
        return cx->dateline;
    return best;
}

static void count_named(struct context *cx, const char *code)
{
    uint32_t i = 0;
    while (i < cx->n_named && strcmp(cx->named[i].code, code) != 0)
        i++;
    if (i == cx->n_named) {
        if (cx->n_named == sizeof cx->named / sizeof cx->named[0])
            return;             /* a story naming more countries: the first 16 */
        memcpy(cx->named[i].code, code, sizeof cx->named[i].code);
        cx->n_named++;
    }
    cx->named[i].count++;
    cx->named[i].last = ++cx->seen;
}

/* The first place named later in x's sentence as a mere location
** ("Police in Lahore", "Militants ... in northern Mali"), or NULL. */
static const char *location_ahead(const struct ctx *c, size_t k)
{
    for (size_t j = k + 1; j < c->n_np && c->np[j].sent == c->np[k].sent; j++)
        if (c->np[j].own[0] != '\0' && !c->np[j].argument)
            return c->np[j].own;
    return NULL;
}

static const char *context_country(const struct ctx *c, const struct context *cx, size_t k)
{
    const char *ahead = location_ahead(c, k);
    const struct np *x = &c->np[k];
    /* a place right after the phrase is its own ("the foreign ministry in
    ** Cairo"), whatever country the sentence named before */
    if (ahead != NULL && k + 1 < c->n_np && c->np[k + 1].own[0] != '\0' &&
        c->np[k + 1].first <= x->first + x->n + 2 && strcmp(c->np[k + 1].own, ahead) == 0)
        return ahead;
    if (cx->sent[0] != '\0')
        return cx->sent;
    if (ahead != NULL)
        return ahead;
    if (cx->subj[0] != '\0')
        return cx->subj;
    return most_salient(cx);
}

static void context_step(struct context *cx, const struct np *x)
{
    if (x->sent != cx->at) {
        if (cx->pending_subj[0] != '\0')
            memcpy(cx->subj, cx->pending_subj, sizeof cx->subj);
        cx->pending_subj[0] = cx->sent[0] = '\0';
        cx->at = x->sent;
    }
    if (x->own[0] == '\0' || x->src == ACTOR_FROM_COREF)
        return;
    memcpy(cx->sent, x->own, sizeof cx->sent);
    count_named(cx, x->own);
    if (x->subject && cx->pending_subj[0] == '\0')
        memcpy(cx->pending_subj, x->own, sizeof cx->pending_subj);
}

/* The sex the name lists give the first given name of person x ("Rashida
** Karim" -> female), or GENDER_UNKNOWN (no such name, or one both sexes
** bear). */
static int name_gender(const struct ctx *c, const struct np *x)
{
    size_t from = x->role_n > 0 ? x->role_w + x->role_n : x->first;
    for (size_t w = from; w < x->first + x->n; w++) {
        const struct doc_word *dw = W(c, w);
        if (!upos_is(c, w, "PROPN") || !capitalised(c, w))
            continue;
        size_t lo = 0, hi = annals__n_given_names;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const char *n = annals__given_names[mid].name;
            int cmp = strncmp(n, dw->form, dw->form_len);
            if (cmp == 0 && n[dw->form_len] != '\0')
                cmp = 1;
            if (cmp < 0)
                lo = mid + 1;
            else if (cmp > 0)
                hi = mid;
            else
                return annals__given_names[mid].sex == 'm'   ? GENDER_MALE
                       : annals__given_names[mid].sex == 'f' ? GENDER_FEMALE
                                                             : GENDER_UNKNOWN;
        }
        return GENDER_UNKNOWN;      /* only the first name tells */
    }
    return GENDER_UNKNOWN;
}

/* Pass 2, in reading order. */
static void resolve(struct ctx *c, const char *start_country)
{
    struct context cx;
    memset(&cx, 0, sizeof cx);
    set3(cx.dateline, start_country != NULL ? start_country : "");
    for (size_t k = 0; k < c->n_np; k++) {
        struct np *x = &c->np[k];
        int32_t a;

        context_step(&cx, x);

        if (x->pronoun == PRO_WE) {
            /* only a quotation says who "we" are: the speaker's side */
            int32_t e = c->quoted_by[x->first];
            if (e >= 0 && c->ent_best[e] >= 0 && !c->np[c->ent_best[e]].skip) {
                copy_actor(x, &c->np[c->ent_best[e]], c->ent_best[e]);
                x->entity = -1;
                x->plural = 1;
            }
            continue;
        }
        if (x->pronoun != PRO_NONE) {
            int32_t e = c->speaking_for[x->first];
            a = e >= 0 && c->ent_best[e] >= 0 ? c->ent_best[e] : pronoun_antecedent(c, k);
            if (a >= 0 && !c->np[a].skip) {
                copy_actor(x, &c->np[a], a);
                x->person = (uint8_t)(x->pronoun == PRO_HE || x->pronoun == PRO_SHE ||
                                      c->np[a].person);
                x->plural = (uint8_t)(x->pronoun == PRO_THEY);
                if (c->np[a].gender == GENDER_UNKNOWN && x->pronoun == PRO_HE)
                    c->np[a].gender = GENDER_MALE;
                else if (c->np[a].gender == GENDER_UNKNOWN && x->pronoun == PRO_SHE)
                    c->np[a].gender = GENDER_FEMALE;
            }
            continue;
        }
        if (x->src != ACTOR_FROM_DICTIONARY) {
            if (x->entity >= 0 && c->d->ent.v[x->entity].type == ENT_PER && !x->headed) {
                x->headed = x->person = x->proper = 1;
                x->name_w = x->head;
            }
            if (x->person && x->proper && x->gender == GENDER_UNKNOWN)
                x->gender = (uint8_t)name_gender(c, x);
            if (bare_name(c, x) || (x->person && x->proper && x->role_n == 0)) {
                a = surname_antecedent(c, k);
                if (a >= 0)
                    copy_actor(x, &c->np[a], a);
            }
            if (x->entity >= 0 && c->ent_best[x->entity] >= 0 && x->src != ACTOR_FROM_COREF &&
                adds(x, &c->np[c->ent_best[x->entity]]) &&
                (x->person || !x->place || x->argument)) {
                a = c->ent_best[x->entity];
                copy_actor(x, &c->np[a], a);
            }
            if (x->definite && x->role_n > 0 && !x->proper && x->src != ACTOR_FROM_COREF &&
                x->cty != CTY_GROUP && x->cty != CTY_ORG) {
                a = description_antecedent(c, k);
                if (a >= 0)
                    copy_actor(x, &c->np[a], a);
            }
            /* A counterpart is by definition of another country: never its
            ** possessor's ("his counterpart") nor the context's. */
            int mirror = form_in(c, x->head, mirror_word);
            /* "Pakistan's army", "their army", "a spokesman for the Afghan army" */
            if (x->cty == CTY_NONE && x->possessor >= 0 && !mirror) {
                const struct np *y = &c->np[x->possessor];
                if (y->country[0] != '\0' && y->org[0] == '\0') {
                    memcpy(x->country, y->country, sizeof x->country);
                    x->cty = y->cty == CTY_CONTEXT ? CTY_CONTEXT : CTY_EXPLICIT;
                }
            }
            /* "its leader" of the opposition, "the party's spokesman": a
            ** generic person word is of its possessor's body */
            if (x->possessor >= 0 && !mirror && !x->body && x->role_n > 0 &&
                c->np[x->possessor].body && c->np[x->possessor].sector[0] != '\0' &&
                c->np[x->possessor].org[0] == '\0') {
                memcpy(x->sector, c->np[x->possessor].sector, sizeof x->sector);
                x->body = 1;
            }
            if (x->complement >= 0 && x->src != ACTOR_FROM_COREF) {
                const struct np *y = &c->np[x->complement];
                if (x->cty == CTY_NONE && y->cty > CTY_CONTEXT) {
                    memcpy(x->country, y->country, sizeof x->country);
                    memcpy(x->org, y->org, sizeof x->org);
                    x->cty = y->cty;
                }
                if (!x->body && y->body && x->role_n > 0) {
                    memcpy(x->sector, y->sector, sizeof x->sector);
                    x->body = 1;
                }
            }
            const char *ctry = context_country(c, &cx, k);
            if (x->cty == CTY_NONE && x->sector[0] != '\0' && x->headed && ctry != NULL &&
                !mirror) {
                memcpy(x->country, ctry, sizeof x->country);
                x->cty = CTY_CONTEXT;
            }
        }
        if (x->entity >= 0 && x->src != ACTOR_FROM_COREF && has_actor(x)) {
            int32_t *best = &c->ent_best[x->entity];
            if (*best < 0 || (c->np[*best].sector[0] == '\0' && x->sector[0] != '\0'))
                *best = (int32_t)k;
        }
    }
    /* Pass 3: every mention of an entity shares its actor. */
    for (size_t k = 0; k < c->n_np; k++) {
        struct np *x = &c->np[k];
        if (x->entity < 0 || x->src == ACTOR_FROM_DICTIONARY || x->pronoun != PRO_NONE)
            continue;
        int32_t a = c->ent_best[x->entity];
        if (a < 0 || a == (int32_t)k || (x->place && !x->argument && !x->person))
            continue;
        if (adds(x, &c->np[a]))
            copy_actor(x, &c->np[a], a);
    }
}

/* Pass 4: a title the NER stage attached to a person's name ("Chief of Army
** Staff (COAS) General" before "Qamar Javed Bajwa") names that person, so
** its phrases take the person's actor rather than the context's country. */
static void titles_name_their_holder(struct ctx *c, const int32_t *word_np)
{
    const annals_doc *d = c->d;
    for (size_t m = 0; m < d->ment.n; m++) {
        const struct doc_mention *mt = &d->ment.v[m];
        if (mt->type != ENT_PER || mt->role_n == 0 || mt->n_word == 0)
            continue;
        int32_t k = word_np[mt->word + mt->n_word - 1];
        if (k < 0 || !has_actor(&c->np[k]))
            continue;
        for (size_t w = mt->role_word; w < mt->role_word + mt->role_n; w++) {
            int32_t j = word_np[w];
            struct np *x = j >= 0 ? &c->np[j] : NULL;
            if (x == NULL || j == k || x->pronoun != PRO_NONE || x->person ||
                x->src == ACTOR_FROM_DICTIONARY || x->first + x->n > mt->role_word + mt->role_n)
                continue;
            copy_actor(x, &c->np[k], k);
        }
    }
}

/* ---------------------------------------------------------------- stage */

/* First word whose token starts at or after offset off. */
static size_t word_at_or_after(const annals_doc *d, uint32_t off)
{
    size_t lo = 0, hi = d->word.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->tok.v[d->word.v[mid].token].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Fill quoted_by and speaking_for from the quotation stage's output. */
static void read_quotes(struct ctx *c)
{
    const annals_doc *d = c->d;
    for (size_t w = 0; w < d->word.n; w++)
        c->quoted_by[w] = c->speaking_for[w] = -1;
    for (size_t q = 0; q < d->quote.n; q++) {
        const struct doc_quote *dq = &d->quote.v[q];
        if (dq->entity < 0)
            continue;
        size_t w = word_at_or_after(d, dq->sp_start);
        if (dq->sp_end > dq->sp_start && w < d->word.n &&
            d->tok.v[d->word.v[w].token].start == dq->sp_start)
            c->speaking_for[w] = dq->entity;
        if (dq->kind != QUOTE_DIRECT)
            continue;
        for (w = word_at_or_after(d, dq->cstart);
             w < d->word.n && d->tok.v[d->word.v[w].token].start < dq->cend; w++)
            if (c->quoted_by[w] < 0)
                c->quoted_by[w] = dq->entity;
    }
}

/* The country word w names by itself ("Pakistan" in "the US-Pakistan
** relationship"), or NULL. */
static const char *country_word(const struct ctx *c, size_t w)
{
    const struct doc_word *dw = W(c, w);
    size_t count;
    const struct onto_name *e = annals__onto_name(c->t, dw->form, dw->form_len, 0, &count);
    return e != NULL && (e->kinds & (ONTO_ISO | ONTO_COUNTRY | ONTO_ADJ)) ? e->code : NULL;
}

/* Is x a phrase of a relationship ("the US-Pakistan relationship")? */
static int relationship_phrase(const struct ctx *c, const struct np *x)
{
    const struct doc_word *h = W(c, x->head);
    const char *p = ACTOR_RELATION_NOUNS;
    while (*p != '\0') {
        const char *e = strchr(p, '|');
        size_t len = e != NULL ? (size_t)(e - p) : strlen(p);
        size_t i = 0;
        while (i < len && len == h->form_len && lower((unsigned char)h->form[i]) == p[i])
            i++;
        if (len == h->form_len && i == len)
            return 1;
        if (e == NULL)
            break;
        p = e + 1;
    }
    return 0;
}

/* The demonyms conjoined before phrase x, which name actors of x's kind
** ("Indian and Chinese soldiers", "Malaysian, Thai and Lao officials"):
** their words, nearest first, into out[0..max); returns how many.  The
** chunker leaves them out of x, as adjectives with no noun of their own. */
static size_t conjoined_demonyms(const struct ctx *c, const struct np *x, size_t *out, size_t max)
{
    size_t n = 0, w = x->first;
    const char *own = country_word(c, x->first);
    if (x->skip || own == NULL || strlen(own) != 3)
        return 0;
    while (n < max && w >= 2 && (upos_is(c, w - 1, "CCONJ") || form_is(c, w - 1, ",")) &&
           upos_is(c, w - 2, "ADJ") && (W(c, w - 2)->head == (int64_t)x->synhead ||
                                         W(c, x->synhead)->head == (int64_t)(w - 2))) {
        const char *code = country_word(c, w - 2);
        if (code == NULL || strlen(code) != 3 || strcmp(code, own) == 0)
            break;
        out[n++] = w - 2;
        w -= 2;
    }
    return n;
}

/* Is phrase x an actor of the article? */
static int emits(const struct np *x)
{
    if (x->skip || !has_actor(x))
        return 0;
    if (x->src == ACTOR_FROM_DICTIONARY || x->pronoun != PRO_NONE || x->person)
        return 1;
    /* a place, or a seat named as a place, acts only as an argument */
    if ((x->place || x->seat) && x->role_n == 0)
        return x->capital ? x->argument == 2 : x->argument != 0;
    return 1;
}

/* The countries conjoined in the of-phrase that gave phrase x its country
** ("the foreign ministers of India and Bangladesh", "the presidents of
** Rwanda and the Democratic Republic of Congo"): the phrases of the
** of-phrase and its conjuncts into out[0..max), when there are two or more
** and none is an actor of its own; returns how many.  Each then stands for
** an actor of x's sector. */
static size_t complement_conjuncts(const struct ctx *c, const struct np *x, size_t *out,
                                   size_t max)
{
    if (x->skip || x->complement < 0 || x->cty != CTY_EXPLICIT || max < 2)
        return 0;
    size_t y = (size_t)x->complement, n = 0;
    const struct np *yc = &c->np[y];
    if (!yc->place || strcmp(yc->country, x->country) != 0 || emits(yc))
        return 0;
    out[n++] = y;
    for (size_t k = y + 1; k < c->n_np && n < max && c->np[k].sent == yc->sent; k++) {
        const struct np *z = &c->np[k];
        if (z->place && z->cty == CTY_EXPLICIT && !emits(z) && deprel_is(c, z->synhead, "conj") &&
            W(c, z->synhead)->head == (int64_t)yc->synhead &&
            strcmp(z->country, yc->country) != 0)
            out[n++] = k;
    }
    return n >= 2 ? n : 0;
}

static int32_t date_of(const annals_doc *d)
{
    const char *s = d->meta[ANNALS_META_DATE];
    int32_t v = 0;
    if (s == NULL || d->meta_len[ANNALS_META_DATE] < 10)
        return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7)
            continue;
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* The country of the dateline's place ("ISLAMABAD" -> PAK), or NULL. */
static const char *dateline_country(const struct ctx *c)
{
    const annals_doc *d = c->d;
    size_t count;
    if (!d->has_dateline || d->place_end <= d->place_start)
        return NULL;
    const struct onto_name *e = annals__onto_name(c->t, d->text + d->place_start,
                                                  d->place_end - d->place_start, ONTO_FOLD,
                                                  &count);
    return e != NULL && is_country(c, e->code) ? e->code : NULL;
}

/* c->place_cty from the geo stage's places. */
static void place_countries(struct ctx *c)
{
    const annals_doc *d = c->d;
    const struct annals_gazetteer *g = c->p->gaz;
    size_t w = 0;
    if (!d->has_geo || g == NULL)
        return;
    for (size_t i = 0; i < d->place.n; i++) {
        const struct doc_place *pl = &d->place.v[i];
        struct gaz_place gp;
        struct gaz_country gc;
        annals__gaz_place(g, pl->place, &gp);
        annals__gaz_country(g, gp.country, &gc);
        while (w < d->word.n && d->tok.v[d->word.v[w].token].end <= pl->start)
            w++;
        for (size_t v = w; v < d->word.n && d->tok.v[d->word.v[v].token].start < pl->end; v++)
            set3(c->place_cty[v], gc.alpha3);
    }
}

/* c->name_end over words [ws, we): ontology names (longest first, from a
** capitalised word) and NER mentions of capitalised words. */
static void known_names(struct ctx *c, size_t ws, size_t we, const int32_t *tok_ment)
{
    char buf[128];
    for (size_t i = ws; i < we; i++) {
        if (!capitalised(c, i))
            continue;
        for (size_t len = we - i < NAME_MAX_WORDS ? we - i : NAME_MAX_WORDS; len > 1; len--) {
            size_t bl = join_words(c, i, len, buf, sizeof buf, 0);
            if (bl > 0 && annals__onto_name(c->t, buf, bl, 0, NULL) != NULL) {
                c->name_end[i] = (uint32_t)(i + len);
                break;
            }
        }
        int32_t m = tok_ment[W(c, i)->token];
        if (c->name_end[i] == 0 && m >= 0 && c->d->ment.v[m].tok == W(c, i)->token) {
            const struct doc_mention *x = &c->d->ment.v[m];
            const struct doc_token *lt = &c->d->tok.v[x->tok + x->n_tok - 1];
            size_t e = lt->first_word + lt->n_words, all = 1;
            for (size_t v = i; v < e && v < we; v++)
                all &= (size_t)(capitalised(c, v) || hyphen(c, v));
            if (all && e > i + 1 && e <= we)
                c->name_end[i] = (uint32_t)e;
        }
    }
}

int annals__actors_run(const annals_pipeline *p, annals_doc *d)
{
    struct ctx c;
    size_t nw = d->word.n, cap = nw + 1;

    d->actor = NULL;
    d->n_actor = 0;
    d->word_actor = NULL;
    d->has_actors = 0;
    if (!d->has_syntax)
        return ANNALS_OK;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.d = d;
    c.t = annals__onto_builtin();
    c.date = date_of(d);
    c.np = annals__arena_alloc(&d->arena, cap * sizeof *c.np);
    c.is_time = annals__arena_alloc(&d->arena, cap);
    c.word_sent = annals__arena_alloc(&d->arena, cap * sizeof *c.word_sent);
    c.name_end = annals__arena_alloc(&d->arena, cap * sizeof *c.name_end);
    c.place_cty = annals__arena_alloc(&d->arena, cap * sizeof *c.place_cty);
    c.ent_best = annals__arena_alloc(&d->arena, (d->ent.n + 1) * sizeof *c.ent_best);
    c.quoted_by = annals__arena_alloc(&d->arena, cap * sizeof *c.quoted_by);
    c.speaking_for = annals__arena_alloc(&d->arena, cap * sizeof *c.speaking_for);
    d->word_actor = annals__arena_alloc(&d->arena, cap * sizeof *d->word_actor);
    int32_t *tok_ment = annals__arena_alloc(&d->arena, (d->tok.n + 1) * sizeof *tok_ment);
    if (c.np == NULL || c.is_time == NULL || c.word_sent == NULL || c.ent_best == NULL ||
        d->word_actor == NULL || tok_ment == NULL || c.name_end == NULL || c.place_cty == NULL ||
        c.quoted_by == NULL || c.speaking_for == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    memset(c.is_time, 0, cap);
    memset(c.name_end, 0, cap * sizeof *c.name_end);
    memset(c.place_cty, 0, cap * sizeof *c.place_cty);
    place_countries(&c);
    read_quotes(&c);
    for (size_t w = 0; w < nw; w++)
        d->word_actor[w] = -1;
    for (size_t e = 0; e < d->ent.n; e++)
        c.ent_best[e] = -1;
    for (size_t t = 0; t < d->tok.n; t++)
        tok_ment[t] = -1;
    for (size_t m = 0; m < d->ment.n; m++)
        for (size_t t = d->ment.v[m].tok; t < d->ment.v[m].tok + d->ment.v[m].n_tok; t++)
            tok_ment[t] = (int32_t)m;

    /* Words of temporal expressions and of the dateline start no phrase. */
    for (size_t w = 0, x = 0; w < nw; w++) {
        const struct doc_token *t = &d->tok.v[d->word.v[w].token];
        while (x < d->timex.n && d->timex.v[x].end <= t->start)
            x++;
        c.is_time[w] = (uint8_t)(x < d->timex.n && d->timex.v[x].start < t->end);
        if (d->has_dateline && t->start >= d->dateline_start && t->end <= d->dateline_end)
            c.is_time[w] = 1;
    }
    for (size_t s = 0; s < d->sent.n; s++) {
        const struct doc_sentence *st = &d->sent.v[s];
        if (st->n_tokens == 0)
            continue;
        const struct doc_token *lt = &d->tok.v[st->first_token + st->n_tokens - 1];
        size_t ws = d->tok.v[st->first_token].first_word, we = lt->first_word + lt->n_words;
        size_t before = c.n_np;
        for (size_t w = ws; w < we; w++)
            c.word_sent[w] = (uint32_t)s;
        known_names(&c, ws, we, tok_ment);
        chunk_sentence(&c, s, ws, we, cap);
        for (size_t k = before; k < c.n_np; k++)
            c.np[k].skip = (uint8_t)(st->role == ANNALS_ROLE_BYLINE ||
                                     st->role == ANNALS_ROLE_DATELINE);
    }

    for (size_t k = 0; k < c.n_np; k++) {
        struct np *x = &c.np[k];
        int32_t m = tok_ment[d->word.v[x->head].token];
        x->entity = m >= 0 ? (int32_t)d->ment.v[m].entity : -1;
        x->subject = (uint8_t)deprel_is(&c, x->synhead, "nsubj");
        x->argument = (uint8_t)is_argument(&c, x);
        if (x->pronoun == PRO_NONE)
            read_np(&c, x);
        dictionary(&c, x);
    }
    resolve(&c, dateline_country(&c));
    int32_t *word_np = annals__arena_alloc(&d->arena, cap * sizeof *word_np);
    if (word_np == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    for (size_t w = 0; w < nw; w++)
        word_np[w] = -1;
    for (size_t k = 0; k < c.n_np; k++)
        for (size_t w = c.np[k].first; w < c.np[k].first + c.np[k].n; w++)
            word_np[w] = (int32_t)k;
    titles_name_their_holder(&c, word_np);

    size_t n = 0, dem[4];
    for (size_t k = 0; k < c.n_np; k++)
        n += emits(&c.np[k]) ? 1 + conjoined_demonyms(&c, &c.np[k], dem, 4) +
                                   complement_conjuncts(&c, &c.np[k], dem, 4)
             : relationship_phrase(&c, &c.np[k]) ? c.np[k].n : 0;
    d->actor = annals__arena_alloc(&d->arena, (n + 1) * sizeof *d->actor);
    if (d->actor == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    for (size_t k = 0; k < c.n_np; k++) {
        const struct np *x = &c.np[k];
        if (!emits(x)) {
            /* the parties of a relationship are actors of their own */
            for (size_t w = x->first; relationship_phrase(&c, x) && w < x->head; w++) {
                const char *code = x->skip ? NULL : country_word(&c, w);
                if (code == NULL || strlen(code) != 3)
                    continue;
                struct doc_actor *a = &d->actor[d->n_actor];
                memset(a, 0, sizeof *a);
                memcpy(a->country, code, 3);
                a->entity = -1;
                a->first_word = (uint32_t)w;
                a->n_words = 1;
                a->source = ACTOR_FROM_NAME;
                d->word_actor[w] = (int32_t)d->n_actor++;
            }
            continue;
        }
        /* each conjoined demonym is an actor of the same sector */
        size_t nd = conjoined_demonyms(&c, x, dem, 4);
        for (size_t i = nd; i-- > 0;) {
            struct doc_actor *b = &d->actor[d->n_actor];
            const char *code = country_word(&c, dem[i]);
            memset(b, 0, sizeof *b);
            memcpy(b->country, code, 3);
            memcpy(b->sector, x->sector, sizeof b->sector);
            b->entity = -1;
            b->first_word = (uint32_t)dem[i];
            b->n_words = 1;
            b->source = ACTOR_FROM_DEMONYM;
            d->word_actor[dem[i]] = (int32_t)d->n_actor++;
        }
        /* each country of a conjoined of-phrase is an actor of x's sector */
        nd = complement_conjuncts(&c, x, dem, 4);
        for (size_t i = 0; i < nd; i++) {
            const struct np *y = &c.np[dem[i]];
            struct doc_actor *b = &d->actor[d->n_actor];
            memset(b, 0, sizeof *b);
            memcpy(b->country, y->country, sizeof b->country);
            memcpy(b->sector, x->sector, sizeof b->sector);
            b->entity = y->entity;
            b->first_word = y->first;
            b->n_words = y->n;
            b->source = ACTOR_FROM_NAME;
            for (size_t w = y->first; w < y->first + y->n; w++)
                d->word_actor[w] = (int32_t)d->n_actor;
            d->n_actor++;
        }
        struct doc_actor *a = &d->actor[d->n_actor];
        memcpy(a->country, x->country, sizeof a->country);
        memcpy(a->sector, x->sector, sizeof a->sector);
        memcpy(a->org, x->org, sizeof a->org);
        a->entity = x->entity;
        a->first_word = x->first;
        a->n_words = x->n;
        a->source = x->src;
        for (size_t w = x->first; w < x->first + x->n; w++)
            d->word_actor[w] = (int32_t)d->n_actor;
        d->n_actor++;
    }
    d->has_actors = 1;
    return ANNALS_OK;
}

const struct doc_actor *annals__actor_of_word(const annals_doc *d, size_t w)
{
    if (d == NULL || !d->has_actors || w >= d->word.n || d->word_actor[w] < 0)
        return NULL;
    return &d->actor[d->word_actor[w]];
}

size_t annals__actor_code(const struct doc_actor *a, char *out)
{
    size_t n = 0;
    const char *first = a->org[0] != '\0' ? a->sector : a->country;
    const char *second = a->org[0] != '\0' ? a->org : a->sector;
    for (size_t i = 0; first[i] != '\0' && n + 1 < ACTOR_CODE_MAX; i++)
        out[n++] = first[i];
    for (size_t i = 0; second[i] != '\0' && n + 1 < ACTOR_CODE_MAX; i++)
        out[n++] = second[i];
    out[n] = '\0';
    return n;
}

const char *annals__actor_source_name(int source)
{
    static const char *const names[] = {"name", "demonym", "metonym", "role", "coref",
                                        "dictionary"};
    return source >= 0 && source <= ACTOR_FROM_DICTIONARY ? names[source] : "?";
}

/* ---------------------------------------------------------------- output */

#define TRY(x) do { int rc_ = (x); if (rc_ != ANNALS_OK) return rc_; } while (0)

static int str_or_null(struct annals_buf *b, const char *s)
{
    if (s[0] == '\0')
        return annals__buf_add(b, "null", 4);
    TRY(annals__buf_addc(b, '"'));
    TRY(annals__buf_json_str(b, s, strlen(s)));
    return annals__buf_addc(b, '"');
}

int annals__actors_json(struct annals_buf *b, const annals_doc *d)
{
    TRY(annals__buf_add(b, ",\"actors\":[", 11));
    for (size_t i = 0; i < d->n_actor; i++) {
        const struct doc_actor *a = &d->actor[i];
        const struct doc_token *f = &d->tok.v[d->word.v[a->first_word].token];
        const struct doc_token *l = &d->tok.v[d->word.v[a->first_word + a->n_words - 1].token];
        char code[ACTOR_CODE_MAX];
        annals__actor_code(a, code);
        TRY(annals__buf_printf(b, "%s{\"span\":[%zu,%zu],\"text\":", i ? "," : "",
                               annals__doc_orig_offset(d, f->start),
                               annals__doc_orig_offset(d, l->end)));
        TRY(annals__buf_addc(b, '"'));
        TRY(annals__buf_json_str(b, d->text + f->start, l->end - f->start));
        TRY(annals__buf_printf(b, "\",\"words\":[%u,%u],\"country\":", a->first_word,
                               a->n_words));
        TRY(str_or_null(b, a->country));
        TRY(annals__buf_add(b, ",\"sector\":", 10));
        TRY(str_or_null(b, a->sector));
        TRY(annals__buf_add(b, ",\"org\":", 7));
        TRY(str_or_null(b, a->org));
        TRY(annals__buf_add(b, ",\"code\":", 8));
        TRY(str_or_null(b, code));
        if (a->entity >= 0)
            TRY(annals__buf_printf(b, ",\"entity\":%d", a->entity + 1));
        else
            TRY(annals__buf_add(b, ",\"entity\":null", 14));
        TRY(annals__buf_printf(b, ",\"source\":\"%s\"}", annals__actor_source_name(a->source)));
    }
    return annals__buf_addc(b, ']');
}
