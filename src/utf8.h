/* utf8.h -- UTF-8 decoding, checking and NFC normalisation with an offset
** map back to the original bytes. */
#ifndef ANNALS_UTF8_H
#define ANNALS_UTF8_H

#include "internal.h"

/* Decode one code point at s[0..n), n >= 1.  Returns its length (1-4) and
** stores it in *cp, or returns 0 for an invalid sequence (overlong,
** surrogate, above U+10FFFF, truncated, stray continuation byte). */
ANNALS_INTERNAL size_t annals__utf8_decode(const unsigned char *s, size_t n,
                                           int32_t *cp);

/* Result of annals__utf8_prepare(). */
struct utf8_text {
    const char *text;       /* valid, NFC; == the input when nothing changed */
    size_t len;
    uint32_t *map;          /* text offset -> input offset (len + 1 entries), or NULL */
};

/* Check in[0..n) and build its working text in arena memory.  NUL bytes and
** invalid sequences fail with ANNALS_EUTF8 (and *bad_offset set) under
** ANNALS_UTF8_REJECT, or become U+FFFD under ANNALS_UTF8_REPLACE. */
ANNALS_INTERNAL int annals__utf8_prepare(struct annals_arena *arena, const char *in,
                                         size_t n, int policy, struct utf8_text *out,
                                         size_t *bad_offset);

#endif /* ANNALS_UTF8_H */
