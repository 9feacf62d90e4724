/* ontology.h -- CAMEO event codes, PLOVER types, actor names and sector words.
**
** The tables are compiled into the library from the TSV files in data/cameo/ by
** tools/gen_ontology.sh (a build step), so nothing is read at run time.
** All of them are sorted in C byte order by their first field, and every
** lookup here is a binary search over them.  Strings are NUL-terminated
** UTF-8; the tables are constant and may be shared by any number of threads.
**
** A user actor dictionary (docs/ACTORS.md) is the one file read at run
** time; annals__actordict_* load and query it. */
#ifndef ANNALS_ONTOLOGY_H
#define ANNALS_ONTOLOGY_H

#include "internal.h"

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------- the tables */

/* One CAMEO event code: 2 digits (root), 3 or 4 digits. */
struct onto_event {
    const char *code;
    const char *name;
    double goldstein;       /* Goldstein (1992) scale, -10 .. +10 */
    int quad;               /* 1 verbal coop, 2 material coop, 3 verbal conflict,
                            ** 4 material conflict */
};

/* The PLOVER reading of one CAMEO code; "-" where PLOVER has nothing. */
struct onto_plover {
    const char *code;       /* CAMEO code */
    const char *type;       /* AGREE ... ASSAULT, or "-" (CAMEO 01 comments) */
    const char *mode;
    const char *context;
    int swap;               /* 1: PLOVER's source is CAMEO's target (043) */
};

/* One ISO 3166-1 entry (Debian iso-codes). */
struct onto_country {
    const char *alpha3;
    const char *alpha2;
    const char *name;       /* ISO short name */
    const char *common;     /* common name or "-" */
    const char *official;   /* official name or "-" */
};

struct onto_sector {
    const char *code;       /* GOV, MIL, ... */
    const char *label;
};

/* A lower-case word or phrase that signals a sector ("air force" -> MIL). */
struct onto_role {
    const char *word;
    const char *sector;
};

/* What kind of name an entry is; one name may be several kinds at once. */
enum {
    ONTO_ISO = 1 << 0,      /* an ISO 3166 name */
    ONTO_COUNTRY = 1 << 1,  /* another name of the country */
    ONTO_ADJ = 1 << 2,
    ONTO_DEMONYM = 1 << 3,
    ONTO_CAPITAL = 1 << 4,  /* capital or seat of government, a metonym */
    ONTO_SEAT = 1 << 5,     /* institution: White House, Pentagon, Knesset */
    ONTO_REGION = 1 << 6,
    ONTO_IGO = 1 << 7,
    ONTO_NGO = 1 << 8,
    ONTO_GROUP = 1 << 9     /* named armed group: Taliban, Boko Haram */
};

/* A name that resolves to an actor. */
struct onto_name {
    const char *name;
    const char *code;       /* alpha-3, region or organisation code */
    const char *sector;     /* sector code or "-" */
    unsigned kinds;         /* ONTO_* bits */
};

/* The whole ontology; the check below works on any such set of tables. */
struct onto_tables {
    const struct onto_event *events;
    size_t n_events;
    const struct onto_plover *plover;
    size_t n_plover;
    const struct onto_country *countries;
    size_t n_countries;
    const struct onto_sector *sectors;
    size_t n_sectors;
    const struct onto_role *roles;
    size_t n_roles;
    const struct onto_name *names;
    size_t n_names;
};

/* The generated arrays (build/gen/ontology_data.c). */
ANNALS_INTERNAL extern const struct onto_event annals__onto_events[];
ANNALS_INTERNAL extern const size_t annals__onto_n_events;
ANNALS_INTERNAL extern const struct onto_plover annals__onto_plover[];
ANNALS_INTERNAL extern const size_t annals__onto_n_plover;
ANNALS_INTERNAL extern const struct onto_country annals__onto_countries[];
ANNALS_INTERNAL extern const size_t annals__onto_n_countries;
ANNALS_INTERNAL extern const struct onto_sector annals__onto_sectors[];
ANNALS_INTERNAL extern const size_t annals__onto_n_sectors;
ANNALS_INTERNAL extern const struct onto_role annals__onto_roles[];
ANNALS_INTERNAL extern const size_t annals__onto_n_roles;
ANNALS_INTERNAL extern const struct onto_name annals__onto_names[];
ANNALS_INTERNAL extern const size_t annals__onto_n_names;

/* All of the above together, with their sizes. */
ANNALS_INTERNAL extern const struct onto_tables annals__onto_tables;

/* The compiled-in tables.  Never NULL. */
ANNALS_INTERNAL const struct onto_tables *annals__onto_builtin(void);

/* ---------------------------------------------------------------- lookups
** Each takes (s, len) and does not need s NUL-terminated.  NULL when not
** found.  t is the table set to search (annals__onto_builtin() normally). */

/* CAMEO code -> its row. */
ANNALS_INTERNAL const struct onto_event *annals__onto_event(const struct onto_tables *t,
                                                            const char *s, size_t len);
/* CAMEO code -> PLOVER type, mode and context. */
ANNALS_INTERNAL const struct onto_plover *annals__onto_plover_of(const struct onto_tables *t,
                                                                 const char *s, size_t len);
/* Root (1..20) of a CAMEO code, or -1 when s is not 2-4 digits with a root
** between 01 and 20.  Says nothing about whether the code exists. */
ANNALS_INTERNAL int annals__onto_root(const char *s, size_t len);
/* The quad class (1..4) of a root 1..20; 0 for anything else. */
ANNALS_INTERNAL int annals__onto_quad_of_root(int root);

/* ISO alpha-3 code -> country. */
ANNALS_INTERNAL const struct onto_country *annals__onto_country(const struct onto_tables *t,
                                                                const char *s, size_t len);
/* Sector code -> label. */
ANNALS_INTERNAL const struct onto_sector *annals__onto_sector(const struct onto_tables *t,
                                                              const char *s, size_t len);

#define ONTO_FOLD 1u   /* annals__onto_name: ignore ASCII case (all-caps headlines) */

/* A name (country, adjective, demonym, capital, seat, region, organisation)
** -> the first entry with that name; *count (if not NULL) receives how many
** consecutive entries share it (more than one only when they differ in
** sector, never in code, once annals__onto_check passes).  Exact bytes
** unless flags has ONTO_FOLD. */
ANNALS_INTERNAL const struct onto_name *annals__onto_name(const struct onto_tables *t,
                                                          const char *s, size_t len,
                                                          unsigned flags, size_t *count);
/* A sector word or phrase, in any ASCII case, single spaces between words
** -> sector code ("Air Force" -> "MIL").  NULL if unknown or over 63 bytes. */
ANNALS_INTERNAL const char *annals__onto_sector_word(const struct onto_tables *t,
                                                     const char *s, size_t len);

/* ------------------------------------------------------------- validation */

/* Called once per problem found, with a one-line message. */
typedef void (*onto_report_fn)(void *ud, const char *msg);

/* Check t: codes well formed and sorted, every root 01-20 present, every
** sub-code's root and parent present, Goldstein values in [-10, 10], quad
** classes those of the root, every CAMEO code mapped to PLOVER (and no
** PLOVER row without a code) with known types and modes, countries well
** formed, names pointing at known countries, regions, sectors, and no name
** mapping to two different codes.  Returns the number of problems; report
** may be NULL. */
ANNALS_INTERNAL size_t annals__onto_check(const struct onto_tables *t, onto_report_fn report,
                                          void *ud);

/* ------------------------------------------------- user actor dictionary */

/* A date as the integer YYYYMMDD; 0 means unknown. */
struct actor_entry {
    const char *name;       /* the name or alias, NUL-terminated */
    size_t name_len;
    const char *canonical;  /* the entry's first name (the row's name) */
    char code[4];           /* actor code: alpha-3, region, IGO, NGO ...; "" none */
    char sector[4];         /* sector code; "" none */
    int32_t from;           /* first day it applies, 0 open */
    int32_t until;          /* last day it applies, 99991231 open */
    uint32_t line;          /* line in the file */
};

struct annals_actordict {
    struct annals_alloc alloc;
    char *text;             /* a private copy of the file, split in place */
    size_t text_size;
    struct actor_entry *ent;    /* sorted by name, then from */
    size_t n;
    size_t cap;             /* entries allocated */
};

/* Parse a dictionary (docs/ACTORS.md) from memory.  Codes are checked
** against t.  On success *out owns everything (free it with
** annals__actordict_free) and the input may be released.  Returns
** ANNALS_OK, ANNALS_ENOMEM, or ANNALS_EFORMAT with "line N: why" in err. */
ANNALS_INTERNAL int annals__actordict_load(const struct annals_alloc *a,
                                           const struct onto_tables *t,
                                           const char *text, size_t len,
                                           struct annals_actordict **out,
                                           char *err, size_t errlen);
/* The same from a file; ANNALS_EIO when it cannot be read. */
ANNALS_INTERNAL int annals__actordict_load_file(const struct annals_alloc *a,
                                                const struct onto_tables *t,
                                                const char *path,
                                                struct annals_actordict **out,
                                                char *err, size_t errlen);
/* NULL is a no-op. */
ANNALS_INTERNAL void annals__actordict_free(struct annals_actordict *d);
/* The entry for name on date (YYYYMMDD).  With date 0 (unknown) the entry
** that starts last is taken.  NULL when the name is absent or no range
** covers the date. */
ANNALS_INTERNAL const struct actor_entry *annals__actordict_lookup(
    const struct annals_actordict *d, const char *name, size_t len, int32_t date);

#endif /* ANNALS_ONTOLOGY_H */
