/* model.h -- the model container shared by every trained model.
** Normative specification: docs/MODEL-FORMAT.md.
**
** Reading: annals__model_parse() validates a whole file image (magic,
** version, endianness check, header CRC, section bounds, alignment and
** section CRCs) before anything else looks at it; stage loaders then read
** their sections through a bounds-checked cursor (struct model_rd).
** Writing: a struct model_writer collects sections in memory and serialises
** them field by field, little-endian. */
#ifndef ANNALS_MODEL_H
#define ANNALS_MODEL_H

#include "internal.h"

#define MODEL_MAGIC "\x89" "ANLS\r\n\x1a\n"
#define MODEL_FORMAT_MAJOR 1
#define MODEL_FORMAT_MINOR 0
#define MODEL_ENDIAN_CHECK 0x01020304u
#define MODEL_MAGIC_LEN 9         /* then 3 reserved zero bytes */
#define MODEL_FIXED_HEADER 32     /* bytes before the section table */
#define MODEL_ENTRY_SIZE 28       /* bytes per section table entry */
#define MODEL_ALIGN 16            /* section payloads start at multiples */
#define MODEL_MAX_SECTIONS 64

struct model_section {
    char id[4];
    uint32_t flags;
    uint64_t offset;              /* from the start of the file */
    const unsigned char *data;    /* into the file image */
    size_t len;
    uint32_t crc;
};

struct annals_model {
    char kind[4];
    uint16_t major, minor;
    uint32_t n_sections;
    size_t header_size;
    struct model_section sec[MODEL_MAX_SECTIONS];
    const unsigned char *image;   /* the validated file image (borrowed or owned) */
    size_t size;
    unsigned char *owned;         /* non-NULL when loaded from a file */
    size_t owned_cap;             /* its allocated size */
    const struct annals_alloc *alloc;
};

/* Validate data[0..len) as a model and describe it in *m, which borrows data.
** name prefixes every message ("tagger.model: section LABL: ...").  Returns
** ANNALS_OK or ANNALS_EMODEL with the reason in err. */
ANNALS_INTERNAL int annals__model_parse(const void *data, size_t len, const char *name,
                                        struct annals_model *m, char *err, size_t errlen);
/* Read the file at path into memory owned by *m, then validate it as above.
** ANNALS_EIO when the file cannot be read. */
ANNALS_INTERNAL int annals__model_load(const struct annals_alloc *a, const char *path,
                                       struct annals_model *m, char *err, size_t errlen);
/* Read a whole file into memory from the allocator; *cap is the allocated
** size to pass to annals__free().  ANNALS_EIO or ANNALS_ENOMEM on failure. */
ANNALS_INTERNAL int annals__slurp(const struct annals_alloc *a, const char *path,
                                  unsigned char **data, size_t *len, size_t *cap,
                                  char *err, size_t errlen);
/* Release what annals__model_load() allocated; NULL and parsed models are fine. */
ANNALS_INTERNAL void annals__model_free(struct annals_model *m);
/* The first section with this id, or NULL. */
ANNALS_INTERNAL const struct model_section *annals__model_find(const struct annals_model *m,
                                                               const char *id);
/* Value of key in a key=value section (META, FEAT): a pointer into the image
** and its length, or NULL when the key is absent. */
ANNALS_INTERNAL const char *annals__model_kv(const struct model_section *s, const char *key,
                                             size_t *len);

/* Little-endian numbers at p (the byte order of every model file). */
static inline uint16_t annals__le16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }

static inline uint32_t annals__le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t annals__le64(const unsigned char *p)
{
    return (uint64_t)annals__le32(p) | (uint64_t)annals__le32(p + 4) << 32;
}

/* ------------------------------------------------------------ cursor */
/* A bounds-checked little-endian reader over one section.  The first read
** past the end sets bad and every later read returns 0. */
struct model_rd {
    const unsigned char *p;
    size_t len, pos;
    int bad;
};
ANNALS_INTERNAL void annals__rd_init(struct model_rd *r, const struct model_section *s);
ANNALS_INTERNAL uint16_t annals__rd_u16(struct model_rd *r);
ANNALS_INTERNAL uint32_t annals__rd_u32(struct model_rd *r);
ANNALS_INTERNAL uint64_t annals__rd_u64(struct model_rd *r);
/* n bytes in place, or NULL (and bad set) when fewer remain. */
ANNALS_INTERNAL const unsigned char *annals__rd_bytes(struct model_rd *r, size_t n);
/* Bytes still unread. */
ANNALS_INTERNAL size_t annals__rd_left(const struct model_rd *r);

/* ------------------------------------------------------------ writer */
struct model_writer {
    const struct annals_alloc *alloc;
    char kind[4];
    uint32_t n;
    char id[MODEL_MAX_SECTIONS][4];
    struct annals_buf buf[MODEL_MAX_SECTIONS];
};

ANNALS_INTERNAL void annals__mw_init(struct model_writer *w, const struct annals_alloc *a,
                                     const char *kind);
ANNALS_INTERNAL void annals__mw_free(struct model_writer *w);
/* Start a new section and return its buffer, or NULL when the table is full. */
ANNALS_INTERNAL struct annals_buf *annals__mw_section(struct model_writer *w, const char *id);
/* Little-endian appends; each returns ANNALS_OK or ANNALS_ENOMEM. */
ANNALS_INTERNAL int annals__mw_u16(struct annals_buf *b, uint16_t v);
ANNALS_INTERNAL int annals__mw_u32(struct annals_buf *b, uint32_t v);
ANNALS_INTERNAL int annals__mw_u64(struct annals_buf *b, uint64_t v);
ANNALS_INTERNAL int annals__mw_f32(struct annals_buf *b, float v);
/* Serialise the container into out (which is reset first). */
ANNALS_INTERNAL int annals__mw_finish(struct model_writer *w, struct annals_buf *out);
/* Serialise and write to path through a temporary file renamed into place. */
ANNALS_INTERNAL int annals__mw_save(struct model_writer *w, const char *path,
                                    char *err, size_t errlen);

#endif /* ANNALS_MODEL_H */
