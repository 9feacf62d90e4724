/* tone.h -- the tone lexicon (kind TON1, docs/MODEL-FORMAT.md container,
** sections in docs/TONE.md) and the tone stage.  The lexicon is read-only
** after load and shared by every thread; a lookup allocates nothing. */
#ifndef ANNALS_TONE_H
#define ANNALS_TONE_H

#include "internal.h"
#include "model.h"

#define TONE_KIND "TON1"
#define TONE_SLOT_SIZE 8        /* u32 key offset in STRS, i32 valence * 1000 */
#define TONE_MAX_WORD 48

struct annals_tone_lexicon {
    struct annals_model m;
    const unsigned char *slots, *strs;
    size_t n_slots, strs_len;
};

/* Load and validate the lexicon at path; ANNALS_EIO, ANNALS_EMODEL or
** ANNALS_ENOMEM with the reason in err and *out NULL on failure. */
ANNALS_INTERNAL int annals__tone_open(const struct annals_alloc *a, const char *path,
                                      struct annals_tone_lexicon **out, char *err,
                                      size_t errlen);
/* The same from a file image that outlives the lexicon. */
ANNALS_INTERNAL int annals__tone_open_memory(const struct annals_alloc *a, const void *data,
                                             size_t len, struct annals_tone_lexicon **out,
                                             char *err, size_t errlen);
ANNALS_INTERNAL void annals__tone_close(const struct annals_alloc *a,
                                        struct annals_tone_lexicon *t);
/* Valence * 1000 of the lower-case word w[0..n), or 0 when it is not in the
** lexicon. */
ANNALS_INTERNAL int32_t annals__tone_valence(const struct annals_tone_lexicon *t,
                                             const char *w, size_t n);
/* FNV-1a, shared with tools/tonec.c. */
ANNALS_INTERNAL uint32_t annals__tone_hash(const char *w, size_t n);

#endif /* ANNALS_TONE_H */
