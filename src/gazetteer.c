/* gazetteer.c -- load, validate and query the place gazetteer (GEO1).
** Section layouts are specified in docs/GEO.md; the file is written by
** tools/gazc.c.  Everything is validated once at load so that lookups read
** the image without further checks and allocate nothing. */
#include "gazetteer.h"
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* Append code point cp to out as UTF-8; 0 when it does not fit. */
static size_t put_cp(int32_t cp, char *out, size_t at, size_t cap)
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
    if (k <= 0 || at + (size_t)k > cap)
        return 0;
    memcpy(out + at, tmp, (size_t)k);
    return (size_t)k;
}

size_t annals__gaz_fold(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    int space = 0;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            if (c == '.')
                continue;
            if (c == '\'') {
                /* keep apostrophes ("Côte d'Ivoire") */
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                space = o > 0;
                continue;
            }
            if (space) {
                if (o + 1 >= cap)
                    return 0;
                out[o++] = ' ';
                space = 0;
            }
            if (o + 1 > cap)
                return 0;
            out[o++] = (char)c;
            continue;
        }
        int32_t cp, dec[8];
        int last = 0;
        size_t k = annals__utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k == 0)
            return 0;
        i += k;
        if (cp == 0x2019 || cp == 0x2018)
            cp = '\'';
        if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014 || cp == 0xA0) {
            space = o > 0;
            continue;
        }
        if (cp == '\'') {
            if (o + 1 > cap)
                return 0;
            out[o++] = '\'';
            continue;
        }
        utf8proc_ssize_t m = utf8proc_decompose_char(
            cp, dec, 8,
            (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK),
            &last);
        if (m < 0 || m > 8)
            return 0;
        if (space && m > 0) {
            if (o + 1 >= cap)
                return 0;
            out[o++] = ' ';
            space = 0;
        }
        for (utf8proc_ssize_t j = 0; j < m; j++) {
            size_t w = put_cp(dec[j], out, o, cap);
            if (w == 0)
                return 0;
            o += w;
        }
    }
    return o;
}

uint32_t annals__gaz_hash(const char *key, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)key[i];
        h *= 16777619u;
    }
    return h;
}

static int bad(char *err, size_t errlen, const char *what)
{
    annals__fmt(err, errlen, "geo.model: %s", what);
    return ANNALS_EMODEL;
}

/* Offset o names a string inside STRS (which ends with a NUL). */
static int str_ok(const struct annals_gazetteer *g, uint32_t o)
{
    return o < g->strs_len;
}

static int validate(struct annals_gazetteer *g, char *err, size_t errlen)
{
    const struct model_section *s;
    const char *ids[] = {"PLAC", "CTRY", "ADM1", "NAME", "LIST", "STRS"};
    const unsigned char **dst[] = {&g->plac, &g->ctry, &g->adm1, &g->slots, &g->list, &g->strs};
    size_t len[6];

    if (memcmp(g->m.kind, GAZ_KIND, 4) != 0)
        return bad(err, errlen, "model kind is not GEO1");
    for (int k = 0; k < 6; k++) {
        s = annals__model_find(&g->m, ids[k]);
        if (s == NULL) {
            annals__fmt(err, errlen, "geo.model: section %s missing", ids[k]);
            return ANNALS_EMODEL;
        }
        *dst[k] = s->data;
        len[k] = s->len;
    }
    if (len[0] % GAZ_PLACE_SIZE || len[1] % GAZ_COUNTRY_SIZE || len[2] % GAZ_ADMIN_SIZE ||
        len[3] % GAZ_SLOT_SIZE || len[4] % 4)
        return bad(err, errlen, "a section length is not a whole number of records");
    g->n_places = len[0] / GAZ_PLACE_SIZE;
    g->n_countries = len[1] / GAZ_COUNTRY_SIZE;
    g->n_admins = len[2] / GAZ_ADMIN_SIZE;
    g->n_slots = len[3] / GAZ_SLOT_SIZE;
    g->list_len = len[4];
    g->strs_len = len[5];
    if (g->n_places == 0 || g->n_places >= GAZ_NONE32 || g->n_countries == 0 ||
        g->n_countries >= GAZ_NONE16 || g->n_admins >= GAZ_NONE16)
        return bad(err, errlen, "table sizes out of range");
    if (g->n_slots == 0 || (g->n_slots & (g->n_slots - 1)) != 0)
        return bad(err, errlen, "section NAME: slot count is not a power of two");
    if (g->strs_len == 0 || g->strs[g->strs_len - 1] != '\0' || g->strs[0] != '\0')
        return bad(err, errlen, "section STRS: must start and end with a NUL byte");
    for (size_t i = 0; i < g->n_places; i++) {
        const unsigned char *p = g->plac + i * GAZ_PLACE_SIZE;
        uint16_t adm = le16(p + 24);
        if (!str_ok(g, le32(p + 16)) || le16(p + 20) >= g->n_countries || p[22] > GAZ_FEATURE ||
            (adm != GAZ_NONE16 && adm >= g->n_admins)) {
            annals__fmt(err, errlen, "geo.model: section PLAC: record %zu out of range", i);
            return ANNALS_EMODEL;
        }
    }
    for (size_t i = 0; i < g->n_countries; i++) {
        const unsigned char *p = g->ctry + i * GAZ_COUNTRY_SIZE;
        if (!str_ok(g, le32(p + 8)) || le32(p + 12) >= g->n_places) {
            annals__fmt(err, errlen, "geo.model: section CTRY: record %zu out of range", i);
            return ANNALS_EMODEL;
        }
    }
    for (size_t i = 0; i < g->n_admins; i++) {
        const unsigned char *p = g->adm1 + i * GAZ_ADMIN_SIZE;
        uint32_t pl = le32(p + 12);
        if (le16(p) >= g->n_countries || !str_ok(g, le32(p + 4)) || !str_ok(g, le32(p + 8)) ||
            (pl != GAZ_NONE32 && pl >= g->n_places)) {
            annals__fmt(err, errlen, "geo.model: section ADM1: record %zu out of range", i);
            return ANNALS_EMODEL;
        }
    }
    for (size_t i = 0; i < g->n_slots; i++) {
        const unsigned char *p = g->slots + i * GAZ_SLOT_SIZE;
        uint32_t key = le32(p), lo = le32(p + 4), cnt;
        if (key == 0)
            continue;
        if (!str_ok(g, key) || lo > g->list_len - 4 || lo % 4 != 0) {
            annals__fmt(err, errlen, "geo.model: section NAME: slot %zu out of range", i);
            return ANNALS_EMODEL;
        }
        cnt = le32(g->list + lo);
        if (cnt == 0 || cnt > (g->list_len - lo - 4) / 4) {
            annals__fmt(err, errlen, "geo.model: section LIST: list at %u out of range", lo);
            return ANNALS_EMODEL;
        }
        for (uint32_t j = 0; j < cnt; j++)
            if (le32(g->list + lo + 4 + 4 * j) >= g->n_places) {
                annals__fmt(err, errlen, "geo.model: section LIST: index at %u out of range",
                            lo + 4 + 4 * j);
                return ANNALS_EMODEL;
            }
    }
    return ANNALS_OK;
}

static int finish_open(const struct annals_alloc *a, struct annals_gazetteer *g,
                       struct annals_gazetteer **out, char *err, size_t errlen)
{
    int rc = validate(g, err, errlen);
    if (rc != ANNALS_OK) {
        annals__gaz_close(a, g);
        return rc;
    }
    *out = g;
    return ANNALS_OK;
}

int annals__gaz_open(const struct annals_alloc *a, const char *path,
                     struct annals_gazetteer **out, char *err, size_t errlen)
{
    struct annals_gazetteer *g;
    int rc;

    *out = NULL;
    g = annals__malloc(a, sizeof *g);
    if (g == NULL) {
        annals__fmt(err, errlen, "out of memory");
        return ANNALS_ENOMEM;
    }
    memset(g, 0, sizeof *g);
    rc = annals__model_load(a, path, &g->m, err, errlen);
    if (rc != ANNALS_OK) {
        annals__free(a, g, sizeof *g);
        return rc;
    }
    return finish_open(a, g, out, err, errlen);
}

int annals__gaz_open_memory(const struct annals_alloc *a, const void *data, size_t len,
                            struct annals_gazetteer **out, char *err, size_t errlen)
{
    struct annals_gazetteer *g;
    int rc;

    *out = NULL;
    g = annals__malloc(a, sizeof *g);
    if (g == NULL) {
        annals__fmt(err, errlen, "out of memory");
        return ANNALS_ENOMEM;
    }
    memset(g, 0, sizeof *g);
    rc = annals__model_parse(data, len, "geo.model", &g->m, err, errlen);
    if (rc != ANNALS_OK) {
        annals__free(a, g, sizeof *g);
        return rc;
    }
    return finish_open(a, g, out, err, errlen);
}

void annals__gaz_close(const struct annals_alloc *a, struct annals_gazetteer *g)
{
    if (g == NULL)
        return;
    annals__model_free(&g->m);
    annals__free(a, g, sizeof *g);
}

int annals__gaz_lookup(const struct annals_gazetteer *g, const char *key, size_t n,
                       const unsigned char **list, uint32_t *count)
{
    size_t mask = g->n_slots - 1;
    size_t i = annals__gaz_hash(key, n) & mask;

    for (size_t probes = 0; probes < g->n_slots; probes++, i = (i + 1) & mask) {
        const unsigned char *p = g->slots + i * GAZ_SLOT_SIZE;
        uint32_t k = le32(p);
        if (k == 0)
            return 0;
        const char *s = (const char *)g->strs + k;
        if (strncmp(s, key, n) == 0 && s[n] == '\0') {
            uint32_t lo = le32(p + 4);
            *count = le32(g->list + lo);
            *list = g->list + lo + 4;
            return 1;
        }
    }
    return 0;
}

uint32_t annals__gaz_list_at(const unsigned char *list, uint32_t i)
{
    return le32(list + 4 * (size_t)i);
}

void annals__gaz_place(const struct annals_gazetteer *g, uint32_t i, struct gaz_place *out)
{
    const unsigned char *p = g->plac + (size_t)i * GAZ_PLACE_SIZE;
    out->geonameid = le32(p);
    out->lat = (int32_t)le32(p + 4);
    out->lon = (int32_t)le32(p + 8);
    out->population = le32(p + 12);
    out->name = (const char *)g->strs + le32(p + 16);
    out->country = le16(p + 20);
    out->kind = p[22];
    out->flags = p[23];
    out->admin1 = le16(p + 24);
}

void annals__gaz_country(const struct annals_gazetteer *g, uint16_t i, struct gaz_country *out)
{
    const unsigned char *p = g->ctry + (size_t)i * GAZ_COUNTRY_SIZE;
    memcpy(out->alpha2, p, 2);
    out->alpha2[2] = '\0';
    memcpy(out->alpha3, p + 2, 3);
    out->alpha3[3] = '\0';
    out->name = (const char *)g->strs + le32(p + 8);
    out->place = le32(p + 12);
}

void annals__gaz_admin(const struct annals_gazetteer *g, uint16_t i, struct gaz_admin *out)
{
    const unsigned char *p = g->adm1 + (size_t)i * GAZ_ADMIN_SIZE;
    out->country = le16(p);
    out->code = (const char *)g->strs + le32(p + 4);
    out->name = (const char *)g->strs + le32(p + 8);
    out->place = le32(p + 12);
}
