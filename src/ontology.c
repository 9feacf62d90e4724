/* ontology.c -- lookups in the compiled CAMEO/PLOVER/actor tables, and
** their validation.
**
** The tables come from the TSV files in data/cameo/ through tools/gen_ontology.sh; this
** file only searches and checks them.  It allocates nothing. */
#include "ontology.h"

#include <stdio.h>
#include <string.h>

const struct onto_tables *annals__onto_builtin(void)
{
    return &annals__onto_tables;
}

/* Byte order of (s, len) against a NUL-terminated key, as `LC_ALL=C sort`
** orders them: a proper prefix sorts first. */
static int keycmp(const char *s, size_t len, const char *key)
{
    size_t klen = strlen(key);
    int c = memcmp(s, key, len < klen ? len : klen);
    if (c != 0)
        return c;
    return len < klen ? -1 : len > klen ? 1 : 0;
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int foldeq(const char *s, size_t len, const char *key)
{
    size_t i;
    for (i = 0; i < len; i++) {
        if (key[i] == '\0' || lower((unsigned char)s[i]) != lower((unsigned char)key[i]))
            return 0;
    }
    return key[len] == '\0';
}

/* Binary search of an array of structs whose first member is the key. */
static const void *bsearch_key(const void *base, size_t n, size_t size, const char *s,
                               size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *key = *(const char *const *)(const void *)((const char *)base + mid * size);
        int c = keycmp(s, len, key);
        if (c == 0)
            return (const char *)base + mid * size;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const struct onto_event *annals__onto_event(const struct onto_tables *t, const char *s,
                                            size_t len)
{
    return bsearch_key(t->events, t->n_events, sizeof *t->events, s, len);
}

const struct onto_plover *annals__onto_plover_of(const struct onto_tables *t, const char *s,
                                                 size_t len)
{
    return bsearch_key(t->plover, t->n_plover, sizeof *t->plover, s, len);
}

const struct onto_country *annals__onto_country(const struct onto_tables *t, const char *s,
                                                size_t len)
{
    return bsearch_key(t->countries, t->n_countries, sizeof *t->countries, s, len);
}

const struct onto_sector *annals__onto_sector(const struct onto_tables *t, const char *s,
                                              size_t len)
{
    return bsearch_key(t->sectors, t->n_sectors, sizeof *t->sectors, s, len);
}

int annals__onto_root(const char *s, size_t len)
{
    size_t i;
    int root;

    if (s == NULL || len < 2 || len > 4)
        return -1;
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
    }
    root = (s[0] - '0') * 10 + (s[1] - '0');
    return root >= 1 && root <= 20 ? root : -1;
}

int annals__onto_quad_of_root(int root)
{
    /* The grouping GDELT's QuadClass uses; PLOVER's category headings agree
    ** (SUPPORT, from 05, is verbal cooperation; PROTEST, 14, material
    ** conflict). */
    if (root >= 1 && root <= 5)
        return 1;
    if (root >= 6 && root <= 8)
        return 2;
    if (root >= 9 && root <= 13)
        return 3;
    if (root >= 14 && root <= 20)
        return 4;
    return 0;
}

const struct onto_name *annals__onto_name(const struct onto_tables *t, const char *s,
                                          size_t len, unsigned flags, size_t *count)
{
    const struct onto_name *hit = NULL;
    size_t i, n = 0;

    if (count != NULL)
        *count = 0;
    if (s == NULL || len == 0)
        return NULL;
    if (flags & ONTO_FOLD) {
        /* Rare (headlines in capitals): a scan is simpler than a second
        ** index.  Entries of one name are adjacent, so the run is counted
        ** from the first hit. */
        for (i = 0; i < t->n_names; i++) {
            if (foldeq(s, len, t->names[i].name)) {
                if (hit == NULL)
                    hit = &t->names[i];
                n++;
            } else if (hit != NULL && !foldeq(hit->name, strlen(hit->name), t->names[i].name)) {
                break;
            }
        }
    } else {
        hit = bsearch_key(t->names, t->n_names, sizeof *t->names, s, len);
        if (hit != NULL) {
            while (hit > t->names && keycmp(s, len, hit[-1].name) == 0)
                hit--;
            for (n = 0; hit + n < t->names + t->n_names && keycmp(s, len, hit[n].name) == 0; n++)
                ;
        }
    }
    if (count != NULL)
        *count = n;
    return hit;
}

const char *annals__onto_sector_word(const struct onto_tables *t, const char *s, size_t len)
{
    char buf[64];
    const struct onto_role *r;
    size_t i;

    if (s == NULL || len == 0 || len >= sizeof buf)
        return NULL;
    for (i = 0; i < len; i++)
        buf[i] = (char)lower((unsigned char)s[i]);
    r = bsearch_key(t->roles, t->n_roles, sizeof *t->roles, buf, len);
    return r != NULL ? r->sector : NULL;
}

/* ------------------------------------------------------------- validation */

struct checker {
    onto_report_fn report;
    void *ud;
    size_t problems;
};

static void problem(struct checker *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    c->problems++;
    if (c->report == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->report(c->ud, msg);
}

static const char *const plover_types[] = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
};

/* The modes the PLOVER manual's tables define, per type ("" = none). */
static const struct {
    const char *type;
    const char *modes;      /* space-separated */
} plover_modes[] = {
    {"CONSULT", "visit third-party multilateral phone"},
    {"AID", "economic military humanitarian asylum"},
    {"RETREAT", "withdraw release return disarm ceasefire access resign"},
    {"REQUEST", "assist change yield meet"},
    {"REJECT", "assist change yield meet"},
    {"THREATEN", "restrict ban arrest relations expel territory violence"},
    {"PROTEST", "demo riot strike-gen strike-lim strike-hun boycott obstruct"},
    {"SANCTION", "convict cancel expel withdraw sever"},
    {"MOBILIZE", "troops weapons police"},
    {"COERCE", "confiscate restrict ban censor curfew martial-law arrest deport withhold"},
    {"ASSAULT", "abduct beat torture execute sexual assassinate destroy primitive "
                "firearms explosives suicide-attack heavy-weapons"},
};

static int word_in(const char *word, const char *list)
{
    size_t n = strlen(word);
    const char *p = list;

    while (*p != '\0') {
        const char *e = strchr(p, ' ');
        size_t m = e != NULL ? (size_t)(e - p) : strlen(p);
        if (m == n && memcmp(p, word, n) == 0)
            return 1;
        p += m;
        while (*p == ' ')
            p++;
    }
    return 0;
}

static int known_type(const char *type)
{
    size_t i;
    for (i = 0; i < sizeof plover_types / sizeof plover_types[0]; i++) {
        if (strcmp(type, plover_types[i]) == 0)
            return 1;
    }
    return 0;
}

static int known_mode(const char *type, const char *mode)
{
    size_t i;
    if (strcmp(mode, "-") == 0)
        return 1;
    for (i = 0; i < sizeof plover_modes / sizeof plover_modes[0]; i++) {
        if (strcmp(type, plover_modes[i].type) == 0)
            return word_in(mode, plover_modes[i].modes);
    }
    return 0;
}

static int upper3(const char *s, size_t n)
{
    size_t i;
    if (strlen(s) != n)
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    }
    return 1;
}

static void check_sorted(struct checker *c, const void *base, size_t n, size_t size,
                         const char *what)
{
    size_t i;
    for (i = 1; i < n; i++) {
        const char *a = *(const char *const *)(const void *)((const char *)base + (i - 1) * size);
        const char *b = *(const char *const *)(const void *)((const char *)base + i * size);
        if (strcmp(a, b) >= 0)
            problem(c, "%s: '%s' and '%s' out of order or repeated", what, a, b);
    }
}

static void check_events(struct checker *c, const struct onto_tables *t)
{
    int seen[21] = {0};
    size_t i;
    int r;

    check_sorted(c, t->events, t->n_events, sizeof *t->events, "event codes");
    for (i = 0; i < t->n_events; i++) {
        const struct onto_event *e = &t->events[i];
        size_t len = strlen(e->code);
        int root = annals__onto_root(e->code, len);

        if (root < 0) {
            problem(c, "event code '%s': not 2-4 digits with a root 01-20", e->code);
            continue;
        }
        if (len == 2)
            seen[root] = 1;
        if (e->name == NULL || e->name[0] == '\0')
            problem(c, "event code %s: no name", e->code);
        if (!(e->goldstein >= -10.0 && e->goldstein <= 10.0))
            problem(c, "event code %s: Goldstein value %.1f outside [-10, 10]", e->code,
                    e->goldstein);
        if (e->quad != annals__onto_quad_of_root(root))
            problem(c, "event code %s: quad class %d, but root %02d is quad class %d", e->code,
                    e->quad, root, annals__onto_quad_of_root(root));
        if (len >= 3 && annals__onto_event(t, e->code, 2) == NULL)
            problem(c, "event code %s: its root %.2s is missing", e->code, e->code);
        if (len == 4 && annals__onto_event(t, e->code, 3) == NULL)
            problem(c, "event code %s: its parent %.3s is missing", e->code, e->code);
        if (annals__onto_plover_of(t, e->code, len) == NULL)
            problem(c, "event code %s: no PLOVER mapping", e->code);
    }
    for (r = 1; r <= 20; r++) {
        if (!seen[r])
            problem(c, "root %02d is missing", r);
    }
}

static void check_plover(struct checker *c, const struct onto_tables *t)
{
    size_t i;

    check_sorted(c, t->plover, t->n_plover, sizeof *t->plover, "PLOVER rows");
    for (i = 0; i < t->n_plover; i++) {
        const struct onto_plover *p = &t->plover[i];
        size_t len = strlen(p->code);

        if (annals__onto_event(t, p->code, len) == NULL)
            problem(c, "PLOVER row %s: no such CAMEO code", p->code);
        if (strcmp(p->type, "-") == 0) {
            /* Only the comments of root 01 have no PLOVER event. */
            if (annals__onto_root(p->code, len) != 1)
                problem(c, "PLOVER row %s: no type, allowed only for root 01", p->code);
            if (strcmp(p->mode, "-") != 0)
                problem(c, "PLOVER row %s: a mode without a type", p->code);
            continue;
        }
        if (!known_type(p->type))
            problem(c, "PLOVER row %s: unknown type '%s'", p->code, p->type);
        else if (!known_mode(p->type, p->mode))
            problem(c, "PLOVER row %s: '%s' is not a mode of %s", p->code, p->mode, p->type);
        if (p->swap != 0 && p->swap != 1)
            problem(c, "PLOVER row %s: swap must be 0 or 1", p->code);
    }
}

static int known_sector(const struct onto_tables *t, const char *code)
{
    return strcmp(code, "-") == 0 || annals__onto_sector(t, code, strlen(code)) != NULL;
}

static void check_actors(struct checker *c, const struct onto_tables *t)
{
    size_t i;

    check_sorted(c, t->countries, t->n_countries, sizeof *t->countries, "countries");
    for (i = 0; i < t->n_countries; i++) {
        const struct onto_country *k = &t->countries[i];
        if (!upper3(k->alpha3, 3) || !upper3(k->alpha2, 2) || k->name[0] == '\0')
            problem(c, "country '%s': malformed code or empty name", k->alpha3);
    }
    check_sorted(c, t->sectors, t->n_sectors, sizeof *t->sectors, "sectors");
    for (i = 0; i < t->n_sectors; i++) {
        if (!upper3(t->sectors[i].code, 3))
            problem(c, "sector '%s': not three capital letters", t->sectors[i].code);
    }
    check_sorted(c, t->roles, t->n_roles, sizeof *t->roles, "sector words");
    for (i = 0; i < t->n_roles; i++) {
        if (!known_sector(t, t->roles[i].sector) || strcmp(t->roles[i].sector, "-") == 0)
            problem(c, "sector word '%s': unknown sector '%s'", t->roles[i].word,
                    t->roles[i].sector);
    }
    for (i = 0; i < t->n_names; i++) {
        const struct onto_name *n = &t->names[i];
        unsigned country_kinds = ONTO_ISO | ONTO_COUNTRY | ONTO_ADJ | ONTO_DEMONYM |
                                 ONTO_CAPITAL | ONTO_SEAT;

        if (i > 0 && strcmp(t->names[i - 1].name, n->name) > 0)
            problem(c, "names: '%s' and '%s' out of order", t->names[i - 1].name, n->name);
        if (i > 0 && strcmp(t->names[i - 1].name, n->name) == 0 &&
            strcmp(t->names[i - 1].code, n->code) != 0)
            problem(c, "name '%s' maps to both %s and %s", n->name, t->names[i - 1].code,
                    n->code);
        if ((n->kinds & country_kinds) &&
            annals__onto_country(t, n->code, strlen(n->code)) == NULL)
            problem(c, "name '%s': unknown country %s", n->name, n->code);
        if ((n->kinds & ONTO_GROUP) && strcmp(n->code, "IMG") != 0 &&
            annals__onto_country(t, n->code, strlen(n->code)) == NULL)
            problem(c, "group '%s': unknown country %s", n->name, n->code);
        if ((n->kinds & ONTO_REGION) && !upper3(n->code, 3))
            problem(c, "region '%s': code %s is not three capital letters", n->name, n->code);
        if ((n->kinds & (ONTO_IGO | ONTO_NGO)) &&
            strcmp(n->sector, (n->kinds & ONTO_IGO) ? "IGO" : "NGO") != 0)
            problem(c, "organisation '%s': sector %s, expected IGO or NGO", n->name, n->sector);
        if (!known_sector(t, n->sector))
            problem(c, "name '%s': unknown sector %s", n->name, n->sector);
        if ((n->kinds & country_kinds) && (n->kinds & ~country_kinds))
            problem(c, "name '%s': both a country name and a region or organisation", n->name);
    }
}

size_t annals__onto_check(const struct onto_tables *t, onto_report_fn report, void *ud)
{
    struct checker c = {report, ud, 0};

    check_events(&c, t);
    check_plover(&c, t);
    check_actors(&c, t);
    return c.problems;
}
