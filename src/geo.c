/* geo.c -- the geo stage: find place mentions and resolve each to one
** gazetteer place (GeoNames town, ISO 3166-2 division or country).
**
** Reads the tokens, sentences and dateline of the document; writes
** d->place.  Allocates only d->place (a DOC_VEC); lookups fold names into
** stack buffers.  Candidates, filters and scores: docs/GEO.md. */
#include "geo.h"
#include "ontology.h"
#include "utf8.h"

#include <math.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_WORDS 6             /* longest name tried, in tokens */
#define MAX_EVIDENCE 128

/* --------------------------------------------------------- word lists */

static int word_in(const char *s, size_t n, const char *const *list)
{
    for (; *list != NULL; list++)
        if (strlen(*list) == n && memcmp(*list, s, n) == 0)
            return 1;
    return 0;
}

/* Lower-case words allowed inside a multiword name ("Rio de Janeiro"). */
static const char *const connectors[] = {
    "of", "de", "del", "da", "do", "dos", "das", "du", "la", "le", "les", "el", "al",
    "on", "upon", "am", "an", "der", "den", "and", "the", "y", "-", ",", "es", "sur",
    "en", "im", "ob", "bei", "au", "aux", NULL
};

/* Titles before a name: what follows is a person ("Gen. Jackson"). */
static const char *const titles[] = {
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "President", "Gen", "Gen.",
    "General", "Sen", "Sen.", "Senator", "Rep", "Rep.", "Gov", "Gov.", "Governor",
    "Judge", "Justice", "Minister", "Prince", "Princess", "King", "Queen", "Pope", "Sir",
    "Lord", "Lady", "Coach", "Officer", "Sgt", "Sgt.", "Capt", "Capt.", "Captain", "Col",
    "Col.", "Colonel", "Lt", "Lt.", "Maj", "Maj.", "Rev", "Rev.", "Prof", "Prof.",
    "Professor", "Chancellor", "Premier", "Mayor", "Secretary", "Speaker", "Ambassador",
    "Commissioner", "Detective", "Sheriff", "Chief", "Bishop", "Father", "Sister",
    "Brother", "Saint", "St", "St.", "Miss", "Madam", "Mister", "Uncle", "Aunt", NULL
};

/* Verbs of saying after a name: a town name before them is a person
** ("Jackson said"), while a country or a capital is the usual metonymy. */
static const char *const speech[] = {
    "said", "says", "told", "added", "wrote", "argued", "asked", "replied",
    "explained", "insisted", "noted", "stated", "tweeted", NULL
};

/* Capitalised common words and given names that are also towns in the
** gazetteer; they count as places only with a division or country after a
** comma ("Mobile, Alabama"), or with a preposition of place before them ("in
** Santiago") or the NER stage's GPE label, and then only when the article
** bears their country out. */
static const char *const common_words[] = {
    "Mobile", "Reading", "Bath", "Nice", "Split", "Gap", "Best", "Hope",
    "Independence", "Van", "Batman", "Mary", "Male", "Bar", "Sale",
    "Deal", "Wells", "Orange", "Liberty", "Mission", "Enterprise", "Progress",
    "Commerce", "Justice", "Concord", "Unity", "Victory", "Freedom", "Friendship",
    "Paradise", "Eagle", "Marathon", "Mercedes", "Florence", "Victoria", "Jackson",
    "Lincoln", "Austin", "Tyler", "Troy", "Clinton", "Kent", "Douglas", "Hamilton",
    "Warren", "Eugene", "Marion", "Charlotte", "Jordan", "Chad", "Madison", "Franklin",
    "Washington", "Houston", "Dallas", "Orlando", "Aurora", "Norman", "Bradford",
    "Burlington", "Salem", "Monroe", "Jefferson", "Lafayette", "Quincy", "Laredo",
    "Carmel", "Bristol", "Chester", "Lancaster", "Worcester", "Winston", "Henderson",
    "Allen", "Arlington", "Irving", "Carson", "Fontana", "Miranda", "Santiago",
    "Lorain", "Columbia", "Camden", "Newton", "Milton", "Kingston", "Georgetown",
    "Bloomington", "Auburn", "Homestead", "Pasadena", "Alexandria", "Sofia", "Lima",
    "Valencia", "Leon", "Cruz", "Rosario", "Pau", "Bologna", "Essen", "Hof", "Ulm",
    "Ede", "Zug", "Goes", "Mons", "Spa", "Bra", "Asti", "Ube", "Kota", "Aba", "Ado",
    "Bida", "Ila", "Oyo", "Bo", "Ho", "Kaya", "Koko", "Ago", "Bus", "Sur", "Tete",
    "Page", "Ware", "Hull", "Sandy", "Riverside", "Greenville", "Fairfield", "Springfield",
    NULL
};

/* Capitalised words that are towns somewhere but in news are dates,
** institutions or continents: places only with a comma and a division or
** country after them, whatever comes before ("in May"). */
static const char *const never_towns[] = {
    "Police", "March", "May", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "January", "February", "April", "June", "July", "August",
    "September", "October", "November", "December", "Christmas", "Easter", "Ramadan",
    "God", "Allah", "Lord", "Republic", "Kingdom", "Union", "Government", "Parliament",
    "Congress", "Senate", "Army", "Navy", "Centre", "Center", "Media", "Internet", "Asia",
    "Europe", "Africa", NULL
};

/* Prepositions of place: the name after them is a place ("officials in
** Montgomery said", "in Valencia"), even one that is also a given name. */
static const char *const place_preps[] = {
    "in", "at", "near", "outside", "inside", "into", "through", "across", "around",
    "throughout", "toward", "towards", "via", NULL
};

/* Lower-case words after "the NAME" that show NAME is not a modifier of a
** noun ("the Alhambra in Granada", "the White House and"): with them, or
** with punctuation, "the NAME" is a building or a feature, not a town. */
static const char *const not_modified[] = {
    "to", "from", "for", "with", "by", "or", "is", "was", "are", "were", "has", "had",
    "have", "will", "would", "said", "says", "which", "that", "who", NULL
};

/* Names that the gazetteer knows as a division or a town but that news
** uses for something else (a sea without a feature record, a landmark). */
static const char *const not_places[] = {
    "White Sea", "Coral Sea", "Gulf", "Golden Gate", "Silicon Valley", "Wall Street", NULL
};

/* Capitalised words that mark an organisation or a structure when they
** come before "of" and a place ("Bank of England", "University of Chicago"). */
static const char *const org_heads[] = {
    "University", "Bank", "Gulf", "Sea", "Bay", "Duke", "Duchess", "Earl", "Archbishop",
    "Bishop", "Church", "College", "Institute", "Museum", "Council", "Court", "Port",
    "Strait", "Straits", "Cape", "Isle", "Mount", "Lake", "River", "Siege", "Battle",
    "Treaty", "Declaration", "Statute", "Republic", "Kingdom", "Department", "Ministry",
    "Office", "Governor", "Mayor", "Queen", "King", "Prince", "Princess", "Emir", "Sultan",
    "Bishops", "Friends", "Sisters", "Daughters", "Sons", "Knights", "Order", "Club",
    "Hospital", "School", "Academy", "Society", "Association", "Chamber", "Diocese", NULL
};

/* Lower-case nouns that tell what kind of place a name beside them is: a
** feature ("the Blue Nile river", "the island of Rhodes") or a division
** ("Blue Nile state", "the Sumy region" is either). */
static const char *const feature_nouns[] = {
    "river", "lake", "mountains", "mountain", "range", "valley", "island", "islands",
    "strait", "sea", "desert", "peninsula", "delta", "crossing", "corridor", "basin", NULL
};
static const char *const division_nouns[] = {
    "state", "province", "governorate", "district", "county", "oblast", "prefecture",
    "department", NULL
};

/* Direction words that may precede a place ("Northern Syria"). */
static const char *const directions[] = {
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "Central", "Greater", "Upper", "Lower", "Northeast", "Northwest", "Southeast",
    "Southwest", "Northeastern", "Northwestern", "Southeastern", "Southwestern",
    "Mainland", "Occupied", "Coastal", "Rural", "Downtown", "Metropolitan", NULL
};

/* ----------------------------------------------------------- tokens */

static const char *tok_text(const annals_doc *d, size_t t, size_t *n)
{
    *n = d->tok.v[t].end - d->tok.v[t].start;
    return d->text + d->tok.v[t].start;
}

/* The token starts with an upper-case letter. */
static int capitalised(const annals_doc *d, size_t t)
{
    size_t n;
    const unsigned char *s = (const unsigned char *)tok_text(d, t, &n);
    int32_t cp;
    if (n == 0)
        return 0;
    if (s[0] < 0x80)
        return s[0] >= 'A' && s[0] <= 'Z';
    if (annals__utf8_decode(s, n, &cp) == 0)
        return 0;
    return utf8proc_get_property(cp)->category == UTF8PROC_CATEGORY_LU;
}

static int tok_is(const annals_doc *d, size_t t, const char *const *list)
{
    size_t n;
    const char *s = tok_text(d, t, &n);
    return word_in(s, n, list);
}

/* The same for a sentence-initial word, capitalised or not ("In the"). */
static int initial_is(const annals_doc *d, size_t t, const char *const *list)
{
    char low[16];
    size_t n;
    const char *s = tok_text(d, t, &n);
    if (n == 0 || n >= sizeof low)
        return 0;
    memcpy(low, s, n);
    if (low[0] >= 'A' && low[0] <= 'Z')
        low[0] = (char)(low[0] - 'A' + 'a');
    return word_in(low, n, list);
}

/* Any lower-case ASCII letter in the text span. */
static int has_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'z')
            return 1;
    return 0;
}

static size_t sentence_of(const annals_doc *d, size_t tok)
{
    size_t lo = 0, hi = d->sent.n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->sent.v[mid].first_token <= tok)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* ----------------------------------------------------------- lookup */

static int lookup_text(const struct annals_gazetteer *g, const char *s, size_t n,
                       const unsigned char **list, uint32_t *count)
{
    char key[GAZ_MAX_KEY];
    size_t k = annals__gaz_fold(s, n, key, sizeof key);
    if (k == 0)
        return 0;
    /* Short names ("US", "UK") only in capitals: "Us" is a pronoun. */
    if (k <= 3 && has_lower(s, n))
        return 0;
    return annals__gaz_lookup(g, key, k, list, count);
}

/* Bytes of a possessive ending ('s, or with a curly apostrophe) of s. */
static size_t possessive_len(const char *s, size_t n)
{
    if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's')
        return 2;
    if (n > 4 && memcmp(s + n - 4, "\xe2\x80\x99s", 4) == 0)
        return 4;
    return 0;
}

static int push_place(annals_doc *d, size_t start, size_t end, size_t sentence,
                      size_t first_token, size_t n_tokens, int source,
                      const unsigned char *list, uint32_t count)
{
    struct doc_place *pl = DOC_PUSH(d, d->place);
    if (pl == NULL)
        return annals__doc_fail(d, ANNALS_ENOMEM, "out of memory");
    pl->start = (uint32_t)start;
    pl->end = (uint32_t)(end - possessive_len(d->text + start, end - start));
    pl->sentence = (uint32_t)sentence;
    pl->place = GAZ_NONE32;
    pl->source = (uint8_t)source;
    pl->cand = list;
    pl->n_cand = count;
    pl->first_token = (uint32_t)first_token;
    pl->n_tokens = (uint32_t)n_tokens;
    pl->weak = 0;
    return ANNALS_OK;
}

/* First token of d that starts at or after byte b. */
static size_t token_from(const annals_doc *d, size_t b)
{
    size_t t = 0;
    while (t < d->tok.n && d->tok.v[t].start < b)
        t++;
    return t;
}

static size_t longest_name(const struct annals_gazetteer *g, const annals_doc *d, size_t i,
                           size_t end, const unsigned char **list, uint32_t *count);

static int only_towns(const struct annals_gazetteer *g, const unsigned char *list,
                      uint32_t count, uint32_t *max_pop, int *capital);

/* The dateline place: "KYIV", "NEW DELHI", "Springfield, Ill.".  A country
** or division after a comma ("TRIPOLI, Lebanon") is a place of its own, and
** tells which Tripoli it is (comma_supports()). */
static int add_dateline(const struct annals_gazetteer *g, annals_doc *d)
{
    const unsigned char *list;
    uint32_t count;
    size_t s = d->place_start, e = d->place_end, n;
    int rc;

    if (!d->has_dateline || e <= s || !lookup_text(g, d->text + s, e - s, &list, &count))
        return ANNALS_OK;
    size_t t = token_from(d, s), u = token_from(d, e), si = sentence_of(d, t);
    size_t end = d->sent.v[si].first_token + d->sent.v[si].n_tokens;
    rc = push_place(d, s, e, si, t, u - t, GEO_SRC_DATELINE, list, count);
    if (rc != ANNALS_OK || u + 1 >= end)
        return rc;
    const char *comma = tok_text(d, u, &n);
    size_t k;
    uint32_t max_pop;
    int capital;
    if (n != 1 || comma[0] != ',' || !capitalised(d, u + 1) ||
        (k = longest_name(g, d, u + 1, end, &list, &count)) == 0 ||
        only_towns(g, list, count, &max_pop, &capital))
        return ANNALS_OK;           /* "LONDON, March 3": no qualifier */
    return push_place(d, d->tok.v[u + 1].start, d->tok.v[u + k].end, si, u + 1, k,
                      GEO_SRC_DATELINE, list, count);
}

/* Longest gazetteer name starting at token i of a sentence ending before
** token end; 0 when none. */
static size_t longest_name(const struct annals_gazetteer *g, const annals_doc *d, size_t i,
                           size_t end, const unsigned char **list, uint32_t *count)
{
    size_t max = end - i < MAX_WORDS ? end - i : MAX_WORDS;
    size_t last_ok = 0;

    /* The name may run over capitalised words and connectors only. */
    for (size_t k = 1; k < max; k++) {
        size_t t = i + k;
        if (!capitalised(d, t) && !tok_is(d, t, connectors))
            break;
        last_ok = k;
    }
    for (size_t k = last_ok + 1; k >= 1; k--) {
        size_t t = i + k - 1;
        if (!capitalised(d, t))
            continue;
        size_t s = d->tok.v[i].start, e = d->tok.v[t].end;
        e -= possessive_len(d->text + s, e - s);   /* "Georgia's parliament" */
        if (lookup_text(g, d->text + s, e - s, list, count))
            return k;
    }
    return 0;
}

/* Is the top candidate only a town (no country or division reading)? */
static int only_towns(const struct annals_gazetteer *g, const unsigned char *list,
                      uint32_t count, uint32_t *max_pop, int *capital)
{
    struct gaz_place pl;
    int towns = 1;
    *max_pop = 0;
    *capital = 0;
    for (uint32_t j = 0; j < count; j++) {
        annals__gaz_place(g, annals__gaz_list_at(list, j), &pl);
        if (pl.kind != GAZ_CITY)
            towns = 0;
        if (pl.population > *max_pop)
            *max_pop = pl.population;
        if (pl.flags & GAZ_F_CAPITAL)
            *capital = 1;
    }
    return towns;
}

/* Does a division or country follow after a comma ("Mobile, Alabama")? */
static int comma_place(const struct annals_gazetteer *g, const annals_doc *d, size_t t,
                       size_t end)
{
    const unsigned char *list;
    uint32_t count;
    size_t n;
    if (t + 1 >= end)
        return 0;
    const char *s = tok_text(d, t, &n);
    if (n != 1 || s[0] != ',' || !capitalised(d, t + 1))
        return 0;
    size_t k = longest_name(g, d, t + 1, end, &list, &count);
    if (k == 0)
        return 0;
    struct gaz_place pl;
    annals__gaz_place(g, annals__gaz_list_at(list, 0), &pl);
    return pl.kind != GAZ_CITY;
}

/* Is token t a lower-case word that a name before it can modify ("the
** Paris office"), rather than punctuation or a function word? */
static int modifies_noun(const annals_doc *d, size_t t)
{
    size_t n;
    const char *s = tok_text(d, t, &n);
    if (n == 0 || s[0] < 'a' || s[0] > 'z')
        return 0;
    return !word_in(s, n, connectors) && !word_in(s, n, place_preps) &&
           !word_in(s, n, not_modified);
}

/* Do tokens [s, e) lie inside a mention of the NER stage of the given
** type?  A town named like a surname ("Kirby said") is no place when it is
** inside a person's name. */
static int in_mention(const annals_doc *d, size_t s, size_t e, enum ent_type type)
{
    for (size_t k = 0; d->has_ner && k < d->ment.n; k++) {
        const struct doc_mention *m = &d->ment.v[k];
        if (m->type == type && s >= m->tok && e <= m->tok + m->n_tok)
            return 1;
    }
    return 0;
}

/* Candidates of one sentence. */
static int scan_sentence(const struct annals_gazetteer *g, annals_doc *d, size_t si)
{
    const struct doc_sentence *st = &d->sent.v[si];
    size_t first = st->first_token, end = first + st->n_tokens;
    const unsigned char *list;
    uint32_t count;

    for (size_t i = first; i < end; i++) {
        if (!capitalised(d, i))
            continue;
        size_t k = longest_name(g, d, i, end, &list, &count);
        if (k == 0)
            continue;
        size_t after = i + k;
        uint32_t max_pop;
        int capital, towns = only_towns(g, list, count, &max_pop, &capital);
        int reject = 0;
        int initial = i == first ||
                      (i == first + 1 && !capitalised(d, first) && !tok_is(d, first, directions));
        int confirmed = comma_place(g, d, after, end);
        int after_prep = i > first && tok_is(d, i - 1, place_preps);

        /* Part of a longer capitalised name: "Washington Post", "Michael
        ** Jordan".  A following place name ("Paris France") is fine. */
        if (after < end && capitalised(d, after) && !tok_is(d, after, connectors)) {
            const unsigned char *l2;
            uint32_t c2, pop2;
            int cap2;
            if (longest_name(g, d, after, end, &l2, &c2) == 0 ||
                only_towns(g, l2, c2, &pop2, &cap2)) {
                /* The whole capitalised run is one name: skip it. */
                while (after < end && capitalised(d, after))
                    after++;
                i = after - 1;
                continue;
            }
        }
        if (i > first && capitalised(d, i - 1) && !tok_is(d, i - 1, directions) &&
            !(i - 1 == first) && !possessive_len(d->text + d->tok.v[i - 1].start,
                                                 d->tok.v[i - 1].end - d->tok.v[i - 1].start))
            reject = 1;
        if (i > first && tok_is(d, i - 1, titles))
            reject = 1;
        if (i >= first + 2 && tok_is(d, i - 1, (const char *const[]){"of", NULL}) &&
            tok_is(d, i - 2, org_heads))
            reject = 1;
        /* "Save the Rivers", "Bank of the West": a name of its own. */
        if (i >= first + 2 && !confirmed && tok_is(d, i - 1, (const char *const[]){"the", NULL}) &&
            capitalised(d, i - 2) && !tok_is(d, i - 2, directions) &&
            !(i - 2 == first && initial_is(d, i - 2, place_preps))) {
            struct gaz_place top;
            annals__gaz_place(g, annals__gaz_list_at(list, 0), &top);
            if (top.kind != GAZ_COUNTRY)
                reject = 1;
        }
        if (k == 1 && towns && !capital && max_pop < 1000000 && after < end &&
            tok_is(d, after, speech) && !after_prep)
            reject = 1;
        if (word_in(d->text + d->tok.v[i].start, d->tok.v[after - 1].end - d->tok.v[i].start,
                    not_places))
            reject = 1;
        int given = k == 1 && towns && !confirmed && tok_is(d, i, common_words);
        if (given && !after_prep && !in_mention(d, i, after, ENT_GPE))
            reject = 1;
        if (k == 1 && towns && !confirmed && tok_is(d, i, never_towns))
            reject = 1;
        /* The NER stage reads unfamiliar foreign names as people: a town of
        ** 100,000 people, or one after "in", stays a place. */
        if (towns && !confirmed && !after_prep && max_pop < 100000 &&
            in_mention(d, i, after, ENT_PER))
            reject = 1;
        /* "the White House.", "the Alhambra in Granada": a building or a
        ** feature named like a town; "the Paris office" stays. */
        if (towns && !confirmed && i > first &&
            tok_is(d, i - 1, (const char *const[]){"the", NULL}) &&
            (after == end || !modifies_noun(d, after)))
            reject = 1;
        /* "West" alone is a direction, not Cameroon's West region. */
        if (k == 1 && tok_is(d, i, directions))
            reject = 1;
        /* A sentence-initial word is capitalised anyway: only well-known
        ** places count there. */
        if (initial && k == 1 && towns && max_pop < 100000 && !confirmed)
            reject = 1;
        if (!reject) {
            int rc = push_place(d, d->tok.v[i].start, d->tok.v[after - 1].end, si, i, k,
                                GEO_SRC_TEXT, list, count);
            if (rc != ANNALS_OK)
                return rc;
            d->place.v[d->place.n - 1].weak = (uint8_t)given;
        }
        i = after - 1;
    }
    return ANNALS_OK;
}

/* ------------------------------------------------------ disambiguation */

/* The article's evidence of where it is: the countries and divisions its
** places name, each with the candidate list of the name it came from, so
** that a name is no evidence for itself ("Tripoli" does not make its own
** Libya likely), and with the sentence it was named in. */
struct clue {
    uint16_t country, admin;    /* admin GAZ_NONE16: the country only */
    const unsigned char *from;
    uint32_t sentence;
};

struct evidence {
    struct clue v[MAX_EVIDENCE];
    size_t n;
    int dateline_country;       /* -1: none */
};

static void add_clue(struct evidence *ev, const struct gaz_place *c, const unsigned char *from,
                     size_t sentence)
{
    uint16_t admin = c->admin1;
    for (size_t i = 0; i < ev->n; i++)
        if (ev->v[i].country == c->country && ev->v[i].admin == admin &&
            ev->v[i].from == from && ev->v[i].sentence == sentence)
            return;
    if (ev->n < MAX_EVIDENCE)
        ev->v[ev->n++] = (struct clue){c->country, admin, from, (uint32_t)sentence};
}

/* Does a name other than self name country c (admin GAZ_NONE16) or
** division admin?  With sentence other than SIZE_MAX: how many names
** other than self name it in that sentence. */
static int named(const struct evidence *ev, uint16_t c, uint16_t admin,
                 const unsigned char *self, size_t sentence)
{
    int n = 0;
    for (size_t i = 0; i < ev->n; i++) {
        const struct clue *cl = &ev->v[i];
        int dup = 0;
        if (cl->from == self || (admin == GAZ_NONE16 ? cl->country != c : cl->admin != admin))
            continue;
        if (sentence == SIZE_MAX)
            return 1;
        if (cl->sentence != sentence)
            continue;
        for (size_t k = 0; k < i && !dup; k++)
            dup = ev->v[k].from == cl->from && ev->v[k].sentence == sentence &&
                  ev->v[k].country == c && (admin == GAZ_NONE16 || ev->v[k].admin == admin);
        n += !dup;
    }
    return n;
}

/* Are places a and b of d one name, a comma and the other ("Paris, Texas",
** "TRIPOLI, Lebanon"), both in the text or both in the dateline? */
static int comma_pair(const annals_doc *d, size_t a, size_t b)
{
    const struct doc_place *x = &d->place.v[a], *y = &d->place.v[b];
    size_t n;
    if ((x->source == GEO_SRC_DATELINE) != (y->source == GEO_SRC_DATELINE) || x->n_tokens == 0 ||
        y->first_token != x->first_token + x->n_tokens + 1)
        return 0;
    const char *s = tok_text(d, x->first_token + x->n_tokens, &n);
    return n == 1 && s[0] == ',';
}

/* Does the mention right after m, past a comma, name the country or the
** division of place c ("Paris, Texas")?  2 when it does; 1 when it names
** another division of c's country, which is all a town of a country whose
** towns carry GeoNames division codes can show ("London, Ontario"). */
static int comma_supports(const struct annals_gazetteer *g, const annals_doc *d, size_t m,
                          const struct gaz_place *c)
{
    const struct doc_place *b;
    struct gaz_place q;
    int same_country = 0;
    if (m + 1 >= d->place.n || !comma_pair(d, m, m + 1))
        return 0;
    b = &d->place.v[m + 1];
    for (uint32_t j = 0; j < b->n_cand; j++) {
        annals__gaz_place(g, annals__gaz_list_at(b->cand, j), &q);
        if ((q.kind == GAZ_COUNTRY && q.country == c->country) ||
            (q.kind == GAZ_ADMIN1 && q.admin1 != GAZ_NONE16 && q.admin1 == c->admin1))
            return 2;
        if (q.kind == GAZ_ADMIN1 && q.country == c->country)
            same_country = 1;
    }
    return same_country;
}

/* Is the mention right before m, past a comma, a town of country or
** division c ("Athens, Georgia": the US state)? */
static int comma_qualifies(const struct annals_gazetteer *g, const annals_doc *d, size_t m,
                           const struct gaz_place *c)
{
    const struct doc_place *a;
    struct gaz_place q;
    if (m == 0 || c->kind == GAZ_CITY || !comma_pair(d, m - 1, m))
        return 0;
    a = &d->place.v[m - 1];
    for (uint32_t j = 0; j < a->n_cand; j++) {
        annals__gaz_place(g, annals__gaz_list_at(a->cand, j), &q);
        if (q.kind == GAZ_CITY && q.country == c->country)
            return 1;
    }
    return 0;
}

/* Is town c a namesake of a national capital ten times its size among the
** readings of place m (Dublin, California beside Dublin)?  A bare name is
** then the capital, whatever else the article names: only a comma
** pairing ("Dublin, California") makes it the small town. */
static int capital_namesake(const struct annals_gazetteer *g, const struct doc_place *pl,
                            const struct gaz_place *c)
{
    if (c->kind != GAZ_CITY || (c->flags & GAZ_F_CAPITAL))
        return 0;
    for (uint32_t j = 0; j < pl->n_cand; j++) {
        struct gaz_place o;
        annals__gaz_place(g, annals__gaz_list_at(pl->cand, j), &o);
        if (o.kind == GAZ_CITY && (o.flags & GAZ_F_CAPITAL) &&
            o.population / 10 >= c->population)
            return 1;
    }
    return 0;
}

/* The kind of place the words around place m call it: GAZ_FEATURE after
** "island of" or before "river", GAZ_ADMIN1 before "state"; -1 none. */
static int kind_named(const annals_doc *d, const struct doc_place *pl)
{
    const struct doc_sentence *st = &d->sent.v[pl->sentence];
    size_t after = pl->first_token + pl->n_tokens, end = st->first_token + st->n_tokens;
    if (pl->n_tokens == 0)
        return -1;
    if (after < end && tok_is(d, after, feature_nouns))
        return GAZ_FEATURE;
    if (after < end && tok_is(d, after, division_nouns))
        return GAZ_ADMIN1;
    if (pl->first_token >= st->first_token + 2 &&
        tok_is(d, pl->first_token - 1, (const char *const[]){"of", NULL}) &&
        tok_is(d, pl->first_token - 2, feature_nouns))
        return GAZ_FEATURE;
    return -1;
}

/* What supports a reading: its country, named elsewhere or the dateline's,
** or its own division (a place in it, or a comma pairing). */
enum { SUP_COUNTRY = 1, SUP_DIVISION = 2 };

static double score(const struct annals_gazetteer *g, const annals_doc *d, size_t m,
                    const struct gaz_place *c, const struct evidence *ev, int *supported)
{
    const unsigned char *self = d->place.v[m].cand;
    double s = 1.5 * log10((double)c->population + 10.0);
    int sup = 0, comma;
    int bare = !capital_namesake(g, &d->place.v[m], c);

    if ((int)c->kind == kind_named(d, &d->place.v[m]))
        s += 3.0;
    if (c->kind == GAZ_COUNTRY)
        s += 12.0;
    else if (c->kind == GAZ_ADMIN1)
        s -= 1.5;               /* a division's population is a sum */
    if (c->flags & GAZ_F_CAPITAL)
        s += 1.0;
    if (c->flags & GAZ_F_SEAT)
        s += 0.3;
    if (bare && named(ev, c->country, GAZ_NONE16, self, SIZE_MAX)) {
        s += 1.5;
        sup = SUP_COUNTRY;
        /* Two other names of the country in the mention's own sentence
        ** (Lebanon and Beirut, or a town and an adjective) say more. */
        if (named(ev, c->country, GAZ_NONE16, self, d->place.v[m].sentence) > 1)
            s += 1.5;
    }
    if (bare && c->admin1 != GAZ_NONE16 && named(ev, c->country, c->admin1, self, SIZE_MAX)) {
        s += 2.0;
        sup |= SUP_DIVISION;
    }
    if (ev->dateline_country == (int)c->country) {
        s += 2.0;
        sup |= SUP_COUNTRY;
    }
    comma = comma_supports(g, d, m, c);
    if (comma > 0 || comma_qualifies(g, d, m, c)) {
        s += comma == 1 ? 12.0 : 15.0;
        sup |= SUP_DIVISION;
    }
    *supported = sup;
    return s;
}

static void resolve_all(const struct annals_gazetteer *g, annals_doc *d, struct evidence *ev)
{
    for (size_t m = 0; m < d->place.n; m++) {
        struct doc_place *pl = &d->place.v[m];
        double best = -1e9, best_region = -1e9;
        int best_kind = -1, best_sup = 0, region_kind = -1, region_sup = 0;
        uint32_t region = UINT32_MAX;
        for (uint32_t j = 0; j < pl->n_cand; j++) {
            struct gaz_place c;
            uint32_t idx = annals__gaz_list_at(pl->cand, j);
            int sup;
            annals__gaz_place(g, idx, &c);
            double s = score(g, d, m, &c, ev, &sup);
            if (s > best) {
                best = s;
                pl->place = idx;
                best_kind = c.kind;
                best_sup = sup;
            }
            if (c.kind != GAZ_CITY && sup && s > best_region) {
                best_region = s;
                region = idx;
                region_kind = c.kind;
                region_sup = sup;
            }
        }
        /* a name that is a country or a division in more than one country
        ** ("Georgia" with Atlanta, "Congo" with Goma, "Punjab" with New
        ** Delhi): the reading the other places bear out.  A country name
        ** stays the country unless the division itself is borne out: Niger
        ** beside Nigeria is still Niger. */
        if (best_kind != GAZ_CITY && !best_sup && region != UINT32_MAX &&
            (best_kind == region_kind || (region_sup & SUP_DIVISION)))
            pl->place = region;
    }
}

/* Is place m's name a country or a division in more than one country
** (Georgia, Congo, Punjab, Niger)?  Such a name is no evidence until the
** other places have told which it is. */
static int regions_differ(const struct annals_gazetteer *g, const struct doc_place *pl)
{
    int country = -1;
    for (uint32_t j = 0; j < pl->n_cand; j++) {
        struct gaz_place c;
        annals__gaz_place(g, annals__gaz_list_at(pl->cand, j), &c);
        if (c.kind == GAZ_CITY)
            continue;
        if (country >= 0 && country != c.country)
            return 1;
        country = c.country;
    }
    return 0;
}

/* Are all readings of place m's name in one country (Niamey the town and
** the division)?  Then the name tells its country. */
static int one_country(const struct annals_gazetteer *g, const struct doc_place *pl)
{
    struct gaz_place c, o;
    annals__gaz_place(g, annals__gaz_list_at(pl->cand, 0), &c);
    for (uint32_t j = 1; j < pl->n_cand; j++) {
        annals__gaz_place(g, annals__gaz_list_at(pl->cand, j), &o);
        if (o.country != c.country)
            return 0;
    }
    return 1;
}

/* Does place idx of m's candidates outnumber every other candidate twenty
** to one (Atlanta, not Atlanta in Texas)?  Then it is evidence enough. */
static int dominant_town(const struct annals_gazetteer *g, const struct doc_place *pl,
                         const struct gaz_place *c)
{
    if (c->population < 100000)
        return 0;
    for (uint32_t j = 0; j < pl->n_cand; j++) {
        struct gaz_place o;
        uint32_t idx = annals__gaz_list_at(pl->cand, j);
        if (idx == pl->place)
            continue;
        annals__gaz_place(g, idx, &o);
        if (o.population * 20 > c->population)
            return 0;
    }
    return 1;
}

/* The place record of the country of ISO alpha-2 code a2; 0 when the
** gazetteer has none. */
static int country_place(const struct annals_gazetteer *g, const char *a2,
                         struct gaz_place *out)
{
    for (size_t i = 0; i < g->n_countries; i++) {
        struct gaz_country gc;
        annals__gaz_country(g, (uint16_t)i, &gc);
        if (strcmp(gc.alpha2, a2) == 0) {
            annals__gaz_place(g, gc.place, out);
            return 1;
        }
    }
    return 0;
}

/* The clues of demonyms and adjectives of countries ("Lebanese soldiers",
** "the Ugandan island of"), which are no places but tell where the article
** is.  They share one tag, so that all of them count as one name. */
static const unsigned char demonym_tag;

static void add_demonyms(const struct annals_gazetteer *g, const annals_doc *d,
                         struct evidence *ev)
{
    const struct onto_tables *t = annals__onto_builtin();
    for (size_t si = 0; si < d->sent.n; si++) {
        const struct doc_sentence *st = &d->sent.v[si];
        size_t end = st->first_token + st->n_tokens;
        if (st->role != ANNALS_ROLE_BODY && st->role != ANNALS_ROLE_HEADLINE &&
            st->role != ANNALS_ROLE_CAPTION)
            continue;
        for (size_t i = st->first_token; i < end; i++) {
            if (!capitalised(d, i))
                continue;
            /* "South Sudanese" before "Sudanese". */
            for (size_t k = i + 1 < end ? 2 : 1; k >= 1; k--) {
                size_t s = d->tok.v[i].start, e = d->tok.v[i + k - 1].end;
                const struct onto_name *nm = annals__onto_name(t, d->text + s, e - s, 0, NULL);
                const struct onto_country *oc;
                struct gaz_place c;
                if (nm == NULL || !(nm->kinds & (ONTO_ADJ | ONTO_DEMONYM)))
                    continue;
                if ((oc = annals__onto_country(t, nm->code, strlen(nm->code))) != NULL &&
                    country_place(g, oc->alpha2, &c))
                    add_clue(ev, &c, &demonym_tag, si);
                i += k - 1;
                break;
            }
        }
    }
}

static int resolve(const annals_pipeline *p, annals_doc *d)
{
    const struct annals_gazetteer *g = p->gaz;
    struct evidence ev;
    struct gaz_place c;
    int sup;

    memset(&ev, 0, sizeof ev);
    ev.dateline_country = -1;
    add_demonyms(g, d, &ev);
    /* Pass 1: priors alone.  Countries, divisions, unambiguous and large
    ** towns and the dateline set the scene for the rest. */
    resolve_all(g, d, &ev);
    for (size_t m = 0; m < d->place.n; m++) {
        const struct doc_place *pl = &d->place.v[m];
        annals__gaz_place(g, pl->place, &c);
        if (pl->source == GEO_SRC_DATELINE)
            ev.dateline_country = c.country;
        else if (!pl->weak && ((c.kind != GAZ_CITY && !regions_differ(g, pl)) ||
                 (c.kind == GAZ_CITY && (one_country(g, pl) || c.population >= 1000000 ||
                                         dominant_town(g, pl, &c)))))
            add_clue(&ev, &c, pl->cand, pl->sentence);
    }
    /* Pass 2: with the scene.  The names that were regions of several
    ** countries now have a supported reading and join the scene ("the
    ** governor of Georgia ... Brunswick"); pass 3 reads the towns again. */
    resolve_all(g, d, &ev);
    for (size_t m = 0; m < d->place.n; m++) {
        const struct doc_place *pl = &d->place.v[m];
        annals__gaz_place(g, pl->place, &c);
        if (pl->source != GEO_SRC_DATELINE && c.kind != GAZ_CITY && regions_differ(g, pl)) {
            score(g, d, m, &c, &ev, &sup);
            if (sup)
                add_clue(&ev, &c, pl->cand, pl->sentence);
        }
    }
    resolve_all(g, d, &ev);
    /* Small towns that nothing in the article supports are more likely a
    ** name that happens to be a town somewhere; so is a given name that
    ** only its preposition made a place ("across Kent" with no US place). */
    size_t out = 0;
    for (size_t m = 0; m < d->place.n; m++) {
        struct doc_place *pl = &d->place.v[m];
        annals__gaz_place(g, pl->place, &c);
        score(g, d, m, &c, &ev, &sup);
        if (!sup && pl->source != GEO_SRC_DATELINE &&
            (pl->weak || (c.kind == GAZ_CITY && c.population < 50000)))
            continue;
        d->place.v[out++] = *pl;
    }
    d->place.n = out;
    /* The dateline was added first; the output is in text order.  Few places:
    ** an insertion sort, stable. */
    for (size_t m = 1; m < d->place.n; m++) {
        struct doc_place x = d->place.v[m];
        size_t k = m;
        while (k > 0 && d->place.v[k - 1].start > x.start) {
            d->place.v[k] = d->place.v[k - 1];
            k--;
        }
        d->place.v[k] = x;
    }
    d->has_geo = 1;
    return ANNALS_OK;
}

int annals__geo_run(const annals_pipeline *p, annals_doc *d)
{
    int rc;

    d->place.n = 0;
    if (p->gaz == NULL)
        return ANNALS_OK;
    rc = add_dateline(p->gaz, d);
    for (size_t si = 0; si < d->sent.n && rc == ANNALS_OK; si++) {
        int role = d->sent.v[si].role;
        if (role == ANNALS_ROLE_BODY || role == ANNALS_ROLE_HEADLINE ||
            role == ANNALS_ROLE_CAPTION)
            rc = scan_sentence(p->gaz, d, si);
    }
    return rc != ANNALS_OK ? rc : resolve(p, d);
}

int annals__geo_resolve(const annals_pipeline *p, annals_doc *d, const struct geo_span *m,
                        size_t n)
{
    int rc;

    d->place.n = 0;
    if (p->gaz == NULL)
        return ANNALS_OK;
    rc = add_dateline(p->gaz, d);
    for (size_t i = 0; i < n && rc == ANNALS_OK; i++) {
        const unsigned char *list;
        uint32_t count;
        if (m[i].n_tokens == 0 || m[i].first_token + m[i].n_tokens > d->tok.n)
            continue;
        size_t s = d->tok.v[m[i].first_token].start;
        size_t e = d->tok.v[m[i].first_token + m[i].n_tokens - 1].end;
        if (lookup_text(p->gaz, d->text + s, e - s, &list, &count))
            rc = push_place(d, s, e, sentence_of(d, m[i].first_token), m[i].first_token,
                            m[i].n_tokens, m[i].source, list, count);
    }
    return rc != ANNALS_OK ? rc : resolve(p, d);
}
