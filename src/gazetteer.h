/* gazetteer.h -- the place gazetteer of the geo stage: a read-only model
** file (kind GEO1, docs/MODEL-FORMAT.md container, sections in
** docs/GEO.md) loaded once per pipeline and shared by every thread.
**
** Lookups fold a name (lower case, marks stripped, '.' dropped, '-' as a
** space) into a caller buffer and probe an open-addressing hash table: no
** allocation per lookup.  tools/gazc.c writes the file with the same fold
** and hash, so the two must agree. */
#ifndef ANNALS_GAZETTEER_H
#define ANNALS_GAZETTEER_H

#include "internal.h"
#include "model.h"

#define GAZ_KIND "GEO1"
#define GAZ_VERSION 1
#define GAZ_PLACE_SIZE 28     /* bytes per PLAC record */
#define GAZ_COUNTRY_SIZE 16   /* bytes per CTRY record */
#define GAZ_ADMIN_SIZE 16     /* bytes per ADM1 record */
#define GAZ_SLOT_SIZE 8       /* bytes per NAME hash slot */
#define GAZ_NONE16 0xFFFFu
#define GAZ_NONE32 0xFFFFFFFFu
#define GAZ_MAX_KEY 96        /* longest folded key */

enum gaz_kind {
    GAZ_COUNTRY = 0,
    GAZ_ADMIN1 = 1,
    GAZ_CITY = 2,
    GAZ_FEATURE = 3             /* a named region or physical feature */
};

/* Place flags. */
#define GAZ_F_CAPITAL 1u      /* national capital (GeoNames PPLC) */
#define GAZ_F_SEAT 2u         /* seat of a first-level division (PPLA) */
#define GAZ_F_COORDS 4u       /* lat/lon are known */

/* A decoded place record. */
struct gaz_place {
    uint32_t geonameid;       /* 0: none (countries, ISO subdivisions, features) */
    int32_t lat, lon;         /* degrees * 1e5 */
    uint32_t population;
    const char *name;         /* NUL-terminated, in the image */
    uint16_t country;         /* index into the country table */
    uint8_t kind;             /* enum gaz_kind */
    uint8_t flags;
    uint16_t admin1;          /* index into the admin1 table, or GAZ_NONE16 */
};

struct gaz_country {
    char alpha2[3], alpha3[4];
    const char *name;
    uint32_t place;           /* its place record */
};

struct gaz_admin {
    uint16_t country;
    const char *code;         /* "US-NM" (ISO 3166-2) or "IN.16" (GeoNames) */
    const char *name;         /* "" when unknown */
    uint32_t place;           /* its place record, or GAZ_NONE32 */
};

struct annals_gazetteer {
    struct annals_model m;
    const unsigned char *plac, *ctry, *adm1, *slots, *list, *strs;
    size_t n_places, n_countries, n_admins, n_slots, list_len, strs_len;
};

/* Load and validate the gazetteer at path (allocated from a).  Every
** offset and index in the file is checked here, so lookups need no checks.
** On failure returns ANNALS_EIO / ANNALS_EMODEL / ANNALS_ENOMEM with the
** reason in err and *out NULL. */
ANNALS_INTERNAL int annals__gaz_open(const struct annals_alloc *a, const char *path,
                                     struct annals_gazetteer **out, char *err,
                                     size_t errlen);
/* The same from a file image in memory, which must outlive the gazetteer. */
ANNALS_INTERNAL int annals__gaz_open_memory(const struct annals_alloc *a, const void *data,
                                            size_t len, struct annals_gazetteer **out,
                                            char *err, size_t errlen);
ANNALS_INTERNAL void annals__gaz_close(const struct annals_alloc *a,
                                       struct annals_gazetteer *g);

/* Fold s[0..n) into out[0..cap) as the lookup key.  Returns the key length,
** or 0 when the key is empty or longer than cap. */
ANNALS_INTERNAL size_t annals__gaz_fold(const char *s, size_t n, char *out, size_t cap);
/* FNV-1a of a folded key. */
ANNALS_INTERNAL uint32_t annals__gaz_hash(const char *key, size_t n);

/* Places named by folded key[0..n): *list points at *count little-endian
** u32 place indices, best prior first.  Returns 0 when there is none. */
ANNALS_INTERNAL int annals__gaz_lookup(const struct annals_gazetteer *g, const char *key,
                                       size_t n, const unsigned char **list,
                                       uint32_t *count);
ANNALS_INTERNAL uint32_t annals__gaz_list_at(const unsigned char *list, uint32_t i);

ANNALS_INTERNAL void annals__gaz_place(const struct annals_gazetteer *g, uint32_t i,
                                       struct gaz_place *out);
ANNALS_INTERNAL void annals__gaz_country(const struct annals_gazetteer *g, uint16_t i,
                                         struct gaz_country *out);
ANNALS_INTERNAL void annals__gaz_admin(const struct annals_gazetteer *g, uint16_t i,
                                       struct gaz_admin *out);

#endif /* ANNALS_GAZETTEER_H */
