/* json.h -- a strict JSON reader for one JSON Lines record.
** Validates the whole value (RFC 8259 grammar, nesting capped) and extracts
** the members of the top-level object that the caller asks for. */
#ifndef ANNALS_JSON_H
#define ANNALS_JSON_H

#include "internal.h"

enum json_type {
    JSON_ABSENT = 0, JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING,
    JSON_ARRAY, JSON_OBJECT
};

/* One requested member of the top-level object. */
struct json_member {
    const char *name;           /* key to look for (NUL-terminated, unescaped) */
    int type;                   /* out: enum json_type */
    char *value;                /* out: unescaped string, or the JSON text of a
                                   number, array or object */
    size_t len;                 /* out: bytes of value */
};

#define JSON_MAX_DEPTH 64

/* Parse s[0..n) as one JSON object.  For each of the nm members found, set
** type and, for strings and numbers, value (arena memory, NUL-terminated).
** A repeated key keeps its last value.  On error returns ANNALS_EFORMAT and
** writes "column C: reason" into err; ANNALS_ENOMEM if the arena is full. */
ANNALS_INTERNAL int annals__json_object(struct annals_arena *arena, const char *s,
                                        size_t n, struct json_member *m, size_t nm,
                                        char *err, size_t errlen);

/* The next object of the JSON array text s[0..n), from *pos: its bytes are
** s[*start..*end) and *pos moves past it.  Returns 0 when there is none.  The
** array must already have been validated (annals__json_object). */
ANNALS_INTERNAL int annals__json_next_object(const char *s, size_t n, size_t *pos,
                                             size_t *start, size_t *end);

#endif /* ANNALS_JSON_H */
