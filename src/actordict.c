/* actordict.c -- the user actor dictionary: names and aliases with actor
** codes and date ranges (format: docs/ACTORS.md).
**
** The loader copies the text once, splits it in place and keeps an array of
** entries (one per name and per alias) sorted by name and start date, so a
** lookup is a binary search.  Every problem is refused with its line
** number: a user file overrides what the coder infers, so a silently
** misread row would be worse than none. */
#include "ontology.h"

#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "#annals-actors 1"
#define OPEN_UNTIL 99991231

/* PLOVER's non-state actor codes, allowed besides countries and regions. */
static const char *const nonstate[] = {"IGO", "NGO", "ISM", "IMG", "MNC"};

/* Write the message, then free d: what may point into d's text. */
static int fail(struct annals_actordict *d, char *err, size_t errlen, uint32_t line,
                const char *why, const char *what)
{
    if (what != NULL)
        annals__fmt(err, errlen, "line %u: %s '%s'", (unsigned)line, why, what);
    else
        annals__fmt(err, errlen, "line %u: %s", (unsigned)line, why);
    annals__actordict_free(d);
    return ANNALS_EFORMAT;
}

static int digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    size_t i;
    for (i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* "-", YYYY, YYYY-MM or YYYY-MM-DD -> YYYYMMDD; a partial date stands for
** its first day (is_end 0) or its last (is_end 1).  -1 if malformed. */
static int32_t parse_date(const char *s, int is_end)
{
    size_t n = strlen(s);
    int y, m = is_end ? 12 : 1, d = is_end ? 31 : 1;

    if (strcmp(s, "-") == 0)
        return is_end ? OPEN_UNTIL : 0;
    if (n != 4 && n != 7 && n != 10)
        return -1;
    if (!digits(s, 4))
        return -1;
    y = num(s, 4);
    if (n >= 7) {
        if (s[4] != '-' || !digits(s + 5, 2))
            return -1;
        m = num(s + 5, 2);
    }
    if (n == 10) {
        if (s[7] != '-' || !digits(s + 8, 2))
            return -1;
        d = num(s + 8, 2);
    }
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    return (int32_t)(y * 10000 + m * 100 + d);
}

static int known_code(const struct onto_tables *t, const char *s)
{
    size_t i, n = strlen(s);
    const struct onto_name *nm;

    if (n != 3)
        return 0;
    if (annals__onto_country(t, s, n) != NULL)
        return 1;
    for (i = 0; i < sizeof nonstate / sizeof nonstate[0]; i++) {
        if (strcmp(s, nonstate[i]) == 0)
            return 1;
    }
    /* A region code is known when some region name carries it. */
    for (i = 0; i < t->n_names; i++) {
        nm = &t->names[i];
        if ((nm->kinds & ONTO_REGION) && strcmp(nm->code, s) == 0)
            return 1;
    }
    return 0;
}

static int entry_cmp(const void *pa, const void *pb)
{
    const struct actor_entry *a = pa, *b = pb;
    size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
    int c = memcmp(a->name, b->name, n);

    if (c != 0)
        return c;
    if (a->name_len != b->name_len)
        return a->name_len < b->name_len ? -1 : 1;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* Split line (NUL-terminated, no newline) at tabs into at most max fields. */
static size_t split_tabs(char *line, char **field, size_t max)
{
    size_t n = 0;
    char *p = line;

    for (;;) {
        char *tab = strchr(p, '\t');
        if (n == max)
            return max + 1;
        field[n++] = p;
        if (tab == NULL)
            return n;
        *tab = '\0';
        p = tab + 1;
    }
}

static int valid_name(const char *s)
{
    size_t n = strlen(s);
    size_t i;

    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
        return 0;
    for (i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x20)
            return 0;
    }
    /* Bytes must be UTF-8: names are compared byte for byte with text. */
    for (i = 0; i < n;) {
        int32_t cp;
        size_t k = annals__utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

static int add_entry(struct annals_actordict *d, const char *name, const char *canonical,
                     const char *code, const char *sector, int32_t from, int32_t until,
                     uint32_t line)
{
    struct actor_entry *e;

    if (d->n == d->cap) {
        size_t ncap = d->cap == 0 ? 64 : d->cap * 2;
        struct actor_entry *ne = annals__realloc(&d->alloc, d->ent, d->cap * sizeof *ne,
                                                 ncap * sizeof *ne);
        if (ne == NULL)
            return ANNALS_ENOMEM;
        d->ent = ne;
        d->cap = ncap;
    }
    e = &d->ent[d->n++];
    memset(e, 0, sizeof *e);
    e->name = name;
    e->name_len = strlen(name);
    e->canonical = canonical;
    if (strcmp(code, "-") != 0)
        memcpy(e->code, code, 4);
    if (strcmp(sector, "-") != 0)
        memcpy(e->sector, sector, 4);
    e->from = from;
    e->until = until;
    e->line = line;
    return ANNALS_OK;
}

int annals__actordict_load(const struct annals_alloc *a, const struct onto_tables *t,
                           const char *text, size_t len, struct annals_actordict **out,
                           char *err, size_t errlen)
{
    struct annals_actordict *d;
    size_t i;
    uint32_t line = 0;
    char *p, *end;

    *out = NULL;
    annals__fmt(err, errlen, "%s", "");
    d = annals__malloc(a, sizeof *d);
    if (d == NULL)
        return ANNALS_ENOMEM;
    memset(d, 0, sizeof *d);
    d->alloc = *a;
    d->text_size = len + 1;
    d->text = annals__malloc(a, d->text_size);
    if (d->text == NULL) {
        annals__actordict_free(d);
        return ANNALS_ENOMEM;
    }
    if (len > 0)
        memcpy(d->text, text, len);
    d->text[len] = '\0';
    if (memchr(d->text, '\0', len) != NULL) {
        return fail(d, err, errlen, 1, "NUL byte in the file", NULL);
    }

    p = d->text;
    end = d->text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *field[7] = {0};
        size_t nf;
        int32_t from, until;
        int rc;

        if (nl == NULL)
            nl = end;
        *nl = '\0';
        if (nl > p && nl[-1] == '\r')
            nl[-1] = '\0';
        line++;
        if (line == 1) {
            if (strcmp(p, MAGIC) != 0 && !(strncmp(p, "\xEF\xBB\xBF", 3) == 0 &&
                                            strcmp(p + 3, MAGIC) == 0)) {
                return fail(d, err, errlen, 1, "the first line must be", MAGIC);
            }
            p = nl + 1;
            continue;
        }
        if (p[0] == '#' || p[strspn(p, " \t")] == '\0') {
            p = nl + 1;
            continue;
        }
        nf = split_tabs(p, field, 6);
        if (nf < 5 || nf > 6) {
            return fail(d, err, errlen, line, "expected 5 or 6 tab-separated columns", NULL);
        }
        if (!valid_name(field[0])) {
            return fail(d, err, errlen, line, "bad name", field[0]);
        }
        if (strcmp(field[1], "-") != 0 && !known_code(t, field[1])) {
            return fail(d, err, errlen, line, "unknown actor code", field[1]);
        }
        if (strcmp(field[2], "-") != 0 &&
            (strlen(field[2]) != 3 || annals__onto_sector(t, field[2], 3) == NULL)) {
            return fail(d, err, errlen, line, "unknown sector code", field[2]);
        }
        if (strcmp(field[1], "-") == 0 && strcmp(field[2], "-") == 0) {
            return fail(d, err, errlen, line, "neither an actor code nor a sector", NULL);
        }
        from = parse_date(field[3], 0);
        until = parse_date(field[4], 1);
        if (from < 0 || until < 0) {
            return fail(d, err, errlen, line, "bad date", from < 0 ? field[3] : field[4]);
        }
        if (from > until) {
            return fail(d, err, errlen, line, "the range ends before it starts", NULL);
        }

        rc = add_entry(d, field[0], field[0], field[1], field[2], from, until, line);
        if (rc == ANNALS_OK && nf == 6 && field[5][0] != '\0') {
            char *q = field[5];
            while (q != NULL && rc == ANNALS_OK) {
                char *bar = strchr(q, '|');
                if (bar != NULL)
                    *bar = '\0';
                if (!valid_name(q)) {
                    return fail(d, err, errlen, line, "bad alias", q);
                }
                rc = add_entry(d, q, field[0], field[1], field[2], from, until, line);
                q = bar != NULL ? bar + 1 : NULL;
            }
        }
        if (rc != ANNALS_OK) {
            annals__actordict_free(d);
            return rc;
        }
        p = nl + 1;
    }
    if (d->n > 1)
        qsort(d->ent, d->n, sizeof *d->ent, entry_cmp);
    /* Two rows giving one name for overlapping dates would make the answer
    ** depend on the order of the file. */
    for (i = 1; i < d->n; i++) {
        const struct actor_entry *x = &d->ent[i - 1], *y = &d->ent[i];
        if (x->name_len == y->name_len && memcmp(x->name, y->name, y->name_len) == 0 &&
            y->from <= x->until) {
            uint32_t lo = x->line < y->line ? x->line : y->line;
            uint32_t hi = x->line < y->line ? y->line : x->line;
            annals__fmt(err, errlen, "line %u: overlapping dates for '%s' (also line %u)",
                        (unsigned)hi, y->name, (unsigned)lo);
            annals__actordict_free(d);
            return ANNALS_EFORMAT;
        }
    }
    *out = d;
    return ANNALS_OK;
}

int annals__actordict_load_file(const struct annals_alloc *a, const struct onto_tables *t,
                                const char *path, struct annals_actordict **out, char *err,
                                size_t errlen)
{
    struct annals_buf b;
    char chunk[65536];
    FILE *f;
    size_t got;
    int rc = ANNALS_OK;

    *out = NULL;
    f = fopen(path, "rb");
    if (f == NULL) {
        annals__fmt(err, errlen, "%s: cannot open", path);
        return ANNALS_EIO;
    }
    annals__buf_init(&b, a, 0);
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        rc = annals__buf_add(&b, chunk, got);
        if (rc != ANNALS_OK)
            break;
    }
    if (rc == ANNALS_OK && ferror(f)) {
        annals__fmt(err, errlen, "%s: read error", path);
        rc = ANNALS_EIO;
    }
    fclose(f);
    if (rc == ANNALS_OK)
        rc = annals__actordict_load(a, t, b.data != NULL ? b.data : "", b.len, out, err,
                                    errlen);
    annals__buf_free(&b);
    return rc;
}

void annals__actordict_free(struct annals_actordict *d)
{
    if (d == NULL)
        return;
    annals__free(&d->alloc, d->ent, d->cap * sizeof *d->ent);
    annals__free(&d->alloc, d->text, d->text_size);
    {
        struct annals_alloc a = d->alloc;
        annals__free(&a, d, sizeof *d);
    }
}

const struct actor_entry *annals__actordict_lookup(const struct annals_actordict *d,
                                                   const char *name, size_t len, int32_t date)
{
    size_t lo = 0, hi, first, i;
    const struct actor_entry *best = NULL;

    if (d == NULL || name == NULL || len == 0)
        return NULL;
    hi = d->n;
    /* Lower bound of the name; entries of one name are adjacent, by start. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct actor_entry *e = &d->ent[mid];
        size_t n = e->name_len < len ? e->name_len : len;
        int c = memcmp(e->name, name, n);
        if (c < 0 || (c == 0 && e->name_len < len))
            lo = mid + 1;
        else
            hi = mid;
    }
    first = lo;
    for (i = first; i < d->n && d->ent[i].name_len == len &&
                    memcmp(d->ent[i].name, name, len) == 0;
         i++) {
        const struct actor_entry *e = &d->ent[i];
        if (date == 0)
            best = e;               /* the one that starts last */
        else if (e->from <= date && date <= e->until)
            return e;
    }
    return best;
}
