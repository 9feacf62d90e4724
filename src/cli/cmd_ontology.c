/* cmd_ontology.c -- "annals ontology": inspect the compiled CAMEO, PLOVER
** and actor tables, and check a user actor dictionary.
**
**   annals ontology check [--actors FILE]   validate; exit 1 on any problem
**   annals ontology show CODE...            a CAMEO code, country or sector
**   annals ontology lookup NAME...          a name, adjective, capital, word
**   annals ontology dump                    every event code as TSV
**
** It reads the library's internal tables (src/ontology.h): it is an
** inspection tool for the data, not part of the public API. */
#include "cli.h"
#include "ontology.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: annals ontology check [--actors FILE]\n"
               "       annals ontology show CODE...\n"
               "       annals ontology lookup [--date YYYY-MM-DD] [--actors FILE] NAME...\n"
               "       annals ontology dump\n");
}

static void print_problem(void *ud, const char *msg)
{
    (void)ud;
    printf("problem: %s\n", msg);
}

static void *std_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

static int load_actors(const char *path, struct annals_actordict **out)
{
    static const struct annals_alloc alloc = {std_alloc, NULL};
    char err[256];
    int rc = annals__actordict_load_file(&alloc, annals__onto_builtin(), path, out, err,
                                         sizeof err);
    if (rc != ANNALS_OK) {
        fprintf(stderr, "annals ontology: %s: %s\n", path,
                err[0] != '\0' ? err : annals_strerror(rc));
        return 1;
    }
    return 0;
}

static void kinds(unsigned k)
{
    static const char *const names[] = {"iso",     "country", "adjective", "demonym", "capital",
                                        "seat",    "region",  "igo",       "ngo",     "group"};
    const char *sep = "";
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (k & (1u << i)) {
            printf("%s%s", sep, names[i]);
            sep = ",";
        }
    }
}

static int check(int argc, char **argv)
{
    const struct onto_tables *t = annals__onto_builtin();
    struct annals_actordict *d = NULL;
    size_t problems;
    int i;

    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--actors") == 0 && i + 1 < argc) {
            if (load_actors(argv[++i], &d) != 0)
                return 1;
        } else {
            usage(stderr);
            return 2;
        }
    }
    problems = annals__onto_check(t, print_problem, NULL);
    printf("event codes %zu, PLOVER rows %zu, countries %zu, sectors %zu, sector words %zu, "
           "names %zu",
           t->n_events, t->n_plover, t->n_countries, t->n_sectors, t->n_roles, t->n_names);
    if (d != NULL)
        printf(", user actor names %zu", d->n);
    printf("\n%s: %zu problem%s\n", problems == 0 ? "ok" : "FAILED", problems,
           problems == 1 ? "" : "s");
    annals__actordict_free(d);
    return problems == 0 ? 0 : 1;
}

static int show(const char *s)
{
    const struct onto_tables *t = annals__onto_builtin();
    size_t n = strlen(s);
    const struct onto_event *e = annals__onto_event(t, s, n);
    const struct onto_country *c;
    const struct onto_sector *sec;

    if (e != NULL) {
        const struct onto_plover *p = annals__onto_plover_of(t, s, n);
        int root = annals__onto_root(s, n);
        printf("%s\t%s\troot %02d\tquad %d\tgoldstein %.1f", e->code, e->name, root, e->quad,
               e->goldstein);
        if (p != NULL)
            printf("\tplover %s mode %s context %s%s", p->type, p->mode, p->context,
                   p->swap ? " (source and target swapped)" : "");
        printf("\n");
        return 0;
    }
    c = annals__onto_country(t, s, n);
    if (c != NULL) {
        printf("%s\t%s\t%s\tcommon %s\tofficial %s\n", c->alpha3, c->alpha2, c->name, c->common,
               c->official);
        return 0;
    }
    sec = annals__onto_sector(t, s, n);
    if (sec != NULL) {
        printf("%s\tsector\t%s\n", sec->code, sec->label);
        return 0;
    }
    fprintf(stderr, "annals ontology: no event code, country or sector '%s'\n", s);
    return 1;
}

/* "2019-03-04", "2019-03" or "2019" -> YYYYMMDD; -1 if malformed. */
static long parse_day(const char *s)
{
    int y = 0, m = 1, d = 1;
    char tail;
    int n = sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail);
    if (n < 1 || n > 3 || y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    return (long)y * 10000 + m * 100 + d;
}

static int lookup(int argc, char **argv)
{
    const struct onto_tables *t = annals__onto_builtin();
    struct annals_actordict *d = NULL;
    long date = 0;
    int i, missing = 0;

    for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (strcmp(argv[i], "--date") == 0 && i + 1 < argc) {
            date = parse_day(argv[++i]);
            if (date < 0) {
                fprintf(stderr, "annals ontology: bad date '%s'\n", argv[i]);
                annals__actordict_free(d);
                return 2;
            }
        } else if (strcmp(argv[i], "--actors") == 0 && i + 1 < argc) {
            annals__actordict_free(d);
            d = NULL;
            if (load_actors(argv[++i], &d) != 0)
                return 1;
        } else {
            usage(stderr);
            annals__actordict_free(d);
            return 2;
        }
    }
    if (i == argc) {
        usage(stderr);
        annals__actordict_free(d);
        return 2;
    }
    for (; i < argc; i++) {
        const char *s = argv[i];
        size_t n = strlen(s), count, k;
        const struct actor_entry *u = annals__actordict_lookup(d, s, n, (int32_t)date);
        const struct onto_name *nm;
        const char *sector;

        if (u != NULL) {
            /* The user's dictionary wins over the built-in names. */
            printf("%s\tuser\t%s\t%s\t%s (line %u)\n", s, u->code[0] ? u->code : "-",
                   u->sector[0] ? u->sector : "-", u->canonical, (unsigned)u->line);
            continue;
        }
        nm = annals__onto_name(t, s, n, 0, &count);
        if (nm == NULL)
            nm = annals__onto_name(t, s, n, ONTO_FOLD, &count);
        if (nm != NULL) {
            for (k = 0; k < count; k++) {
                printf("%s\t", s);
                kinds(nm[k].kinds);
                printf("\t%s\t%s\n", nm[k].code, nm[k].sector);
            }
            continue;
        }
        sector = annals__onto_sector_word(t, s, n);
        if (sector != NULL) {
            printf("%s\tsector word\t-\t%s\n", s, sector);
            continue;
        }
        fprintf(stderr, "annals ontology: '%s' not found\n", s);
        missing = 1;
    }
    annals__actordict_free(d);
    return missing;
}

static int dump(void)
{
    const struct onto_tables *t = annals__onto_builtin();
    size_t i;

    printf("code\troot\tquad\tgoldstein\tplover\tmode\tcontext\tname\n");
    for (i = 0; i < t->n_events; i++) {
        const struct onto_event *e = &t->events[i];
        size_t n = strlen(e->code);
        const struct onto_plover *p = annals__onto_plover_of(t, e->code, n);
        printf("%s\t%02d\t%d\t%.1f\t%s\t%s\t%s\t%s\n", e->code, annals__onto_root(e->code, n),
               e->quad, e->goldstein, p != NULL ? p->type : "?", p != NULL ? p->mode : "?",
               p != NULL ? p->context : "?", e->name);
    }
    return 0;
}

int cmd_ontology(int argc, char **argv)
{
    int i, rc = 0;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "check") == 0)
        return check(argc - 2, argv + 2);
    if (strcmp(argv[1], "lookup") == 0)
        return lookup(argc - 2, argv + 2);
    if (strcmp(argv[1], "dump") == 0 && argc == 2)
        return dump();
    if (strcmp(argv[1], "show") == 0 && argc > 2) {
        for (i = 2; i < argc; i++)
            rc |= show(argv[i]);
        return rc;
    }
    usage(stderr);
    return 2;
}
