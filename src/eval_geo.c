/* eval_geo.c -- annals_eval_geo(): score the geo stage against gold JSON
** Lines (format in docs/GEO.md).  A gold mention counts as found when a
** system place span overlaps it; found mentions are then scored by country
** and by distance (161 km, the customary 100-mile threshold). */
#include "doc.h"
#include "gazetteer.h"
#include "eval_gold.h"
#include "json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct gold_place {
    size_t start, end;
    char country[3];
    int has_coords;
    double lat, lon;
};

#define MAX_GOLD 256

static double km_between(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0, rad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

/* Parse a decimal number without locale: [-]digits[.digits]. */
static int parse_num(const char *s, double *out)
{
    double v = 0, scale = 1;
    int neg = 0, any = 0;
    while (*s == ' ')
        s++;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    for (; *s >= '0' && *s <= '9'; s++, any = 1)
        v = v * 10 + (*s - '0');
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++, any = 1) {
            scale /= 10;
            v += (*s - '0') * scale;
        }
    if (!any || (*s != '\0' && *s != ',' && *s != ']' && *s != ' '))
        return 0;
    *out = neg ? -v : v;
    return 1;
}

static int read_gold(void *ctx, annals_doc *d, const struct gold_record *rec, void *gold,
                     size_t *ng, char *err, size_t errlen)
{
    const char *arr = rec->items;
    size_t n = rec->items_len, pos = 0, s, e;
    struct gold_place *g = gold;
    (void)ctx;
    *ng = 0;
    while (annals__json_next_object(arr, n, &pos, &s, &e)) {
        struct json_member m[4] = {{"span", 0, NULL, 0}, {"country", 0, NULL, 0},
                                   {"lat", 0, NULL, 0}, {"lon", 0, NULL, 0}};
        double a, b;
        char jerr[128];
        if (*ng == MAX_GOLD) {
            annals__fmt(err, errlen, "more than %d gold places in a document", MAX_GOLD);
            return ANNALS_ETOOBIG;
        }
        if (annals__json_object(&d->arena, arr + s, e - s, m, 4, jerr, sizeof jerr) !=
            ANNALS_OK) {
            annals__fmt(err, errlen, "gold place: %s", jerr);
            return ANNALS_EFORMAT;
        }
        if (m[0].type != JSON_ARRAY || m[1].type != JSON_STRING || m[1].len != 2) {
            annals__fmt(err, errlen, "gold place needs \"span\" and a two-letter \"country\"");
            return ANNALS_EFORMAT;
        }
        const char *sp = m[0].value + 1, *comma = strchr(sp, ',');
        if (comma == NULL || !parse_num(sp, &a) || !parse_num(comma + 1, &b) || a < 0 ||
            b <= a) {
            annals__fmt(err, errlen, "gold place: bad span %s", m[0].value);
            return ANNALS_EFORMAT;
        }
        g[*ng].start = (size_t)a;
        g[*ng].end = (size_t)b;
        memcpy(g[*ng].country, m[1].value, 2);
        g[*ng].country[2] = '\0';
        g[*ng].has_coords = m[2].type == JSON_NUMBER && m[3].type == JSON_NUMBER &&
                            parse_num(m[2].value, &g[*ng].lat) &&
                            parse_num(m[3].value, &g[*ng].lon);
        (*ng)++;
    }
    return ANNALS_OK;
}

struct geo_eval {
    const annals_pipeline *p;
    struct annals_geo_scores *sc;
    double km_sum;              /* summed errors of the places with coordinates */
};

static void score_doc(void *ctx, annals_doc *d, const struct gold_record *rec,
                      void *gold, size_t ng)
{
    struct geo_eval *ge = ctx;
    const annals_pipeline *p = ge->p;
    const struct gold_place *g = gold;
    struct annals_geo_scores *sc = ge->sc;
    (void)rec;
    sc->gold += ng;
    sc->system += d->place.n;
    for (size_t i = 0; i < ng; i++) {
        for (size_t k = 0; k < d->place.n; k++) {
            const struct doc_place *pl = &d->place.v[k];
            size_t s = annals__doc_orig_offset(d, pl->start);
            size_t e = annals__doc_orig_offset(d, pl->end);
            if (e <= g[i].start || s >= g[i].end)
                continue;
            struct gaz_place gp;
            struct gaz_country gc;
            annals__gaz_place(p->gaz, pl->place, &gp);
            annals__gaz_country(p->gaz, gp.country, &gc);
            sc->matched++;
            if (strcmp(gc.alpha2, g[i].country) == 0)
                sc->country_ok++;
            if (g[i].has_coords && (gp.flags & GAZ_F_COORDS)) {
                double km = km_between(g[i].lat, g[i].lon, gp.lat / 1e5, gp.lon / 1e5);
                sc->with_coords++;
                ge->km_sum += km;
                if (km <= 161.0)
                    sc->within_161++;
            }
            break;
        }
    }
}

int annals_eval_geo(const annals_pipeline *p, const char *jsonl, size_t len,
                    struct annals_geo_scores *out, char *errbuf, size_t errlen)
{
    struct geo_eval ge = {p, out, 0};
    struct gold_eval ev = {"places", sizeof(struct gold_place), MAX_GOLD, read_gold, score_doc,
                           &ge};
    int rc;

    if (p == NULL || out == NULL || (jsonl == NULL && len > 0))
        return ANNALS_EINVAL;
    memset(out, 0, sizeof *out);
    if (p->gaz == NULL) {
        annals__fmt(errbuf, errlen, "no gazetteer: open the pipeline with a model_dir");
        return ANNALS_EINVAL;
    }
    rc = annals__gold_eval(p, jsonl, len, &ev, &out->documents, errbuf, errlen);
    if (out->with_coords > 0)
        out->mean_km = ge.km_sum / (double)out->with_coords;
    return rc;
}
