/* model.c -- reader and writer of the model container.
** The format is specified in docs/MODEL-FORMAT.md, which is normative; this
** file implements it.  The reader validates everything it can about the
** container before returning; stage loaders validate their own payloads
** through the bounds-checked cursor.  Never prints, never exits. */
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

static uint32_t crc_of(const unsigned char *p, size_t n)
{
    uLong c = crc32(0L, Z_NULL, 0);
    while (n > 0) {             /* zlib takes uInt lengths */
        uInt k = n > 0x40000000u ? 0x40000000u : (uInt)n;
        c = crc32(c, p, k);
        p += k;
        n -= k;
    }
    return (uint32_t)c;
}

static int id_ok(const unsigned char *id)
{
    for (int i = 0; i < 4; i++)
        if (id[i] < 0x21 || id[i] > 0x7e)
            return 0;
    return 1;
}

static int bad(char *err, size_t errlen, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int bad(char *err, size_t errlen, const char *name, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    annals__fmt(err, errlen, "%s: %s", name, msg);
    return ANNALS_EMODEL;
}

int annals__model_parse(const void *data, size_t len, const char *name,
                        struct annals_model *m, char *err, size_t errlen)
{
    const unsigned char *p = data;
    uint32_t n, hsize, endian, hcrc;

    memset(m, 0, sizeof *m);
    if (name == NULL)
        name = "model";
    if (p == NULL || len < MODEL_MAGIC_LEN)
        return bad(err, errlen, name, "file too short (%zu bytes) to be a model", len);
    if (memcmp(p, MODEL_MAGIC, MODEL_MAGIC_LEN) != 0) {
        if (memcmp(p + 1, "ANLS", 4) == 0)
            return bad(err, errlen, name,
                       "damaged magic: line endings or bytes changed in transfer");
        return bad(err, errlen, name, "not an annals model (bad magic)");
    }
    if (len < MODEL_FIXED_HEADER + 4)
        return bad(err, errlen, name, "truncated header: %zu bytes, need at least %d", len,
                   MODEL_FIXED_HEADER + 4);
    if (p[9] != 0 || p[10] != 0 || p[11] != 0)
        return bad(err, errlen, name, "reserved header bytes 9-11 are not zero");
    m->major = annals__le16(p + 12);
    m->minor = annals__le16(p + 14);
    if (m->major != MODEL_FORMAT_MAJOR)
        return bad(err, errlen, name, "format version %u.%u not supported (this build reads %d.x)",
                   m->major, m->minor, MODEL_FORMAT_MAJOR);
    if (m->minor > MODEL_FORMAT_MINOR)
        return bad(err, errlen, name, "format version %u.%u is newer than this build (%d.%d)",
                   m->major, m->minor, MODEL_FORMAT_MAJOR, MODEL_FORMAT_MINOR);
    endian = annals__le32(p + 16);
    if (endian != MODEL_ENDIAN_CHECK)
        return bad(err, errlen, name, "endianness check 0x%08x, expected 0x%08x",
                   (unsigned)endian, (unsigned)MODEL_ENDIAN_CHECK);
    if (!id_ok(p + 20))
        return bad(err, errlen, name, "model kind is not 4 printable ASCII bytes");
    memcpy(m->kind, p + 20, 4);
    n = annals__le32(p + 24);
    hsize = annals__le32(p + 28);
    if (n > MODEL_MAX_SECTIONS)
        return bad(err, errlen, name, "%u sections, at most %d allowed", (unsigned)n,
                   MODEL_MAX_SECTIONS);
    if (hsize != MODEL_FIXED_HEADER + n * MODEL_ENTRY_SIZE + 4)
        return bad(err, errlen, name, "header size %u does not match %u sections (expected %u)",
                   (unsigned)hsize, (unsigned)n,
                   (unsigned)(MODEL_FIXED_HEADER + n * MODEL_ENTRY_SIZE + 4));
    if (hsize > len)
        return bad(err, errlen, name, "truncated: header needs %u bytes, file has %zu",
                   (unsigned)hsize, len);
    hcrc = annals__le32(p + hsize - 4);
    if (crc_of(p, hsize - 4) != hcrc)
        return bad(err, errlen, name, "header checksum mismatch (stored 0x%08x, computed 0x%08x)",
                   (unsigned)hcrc, (unsigned)crc_of(p, hsize - 4));
    m->n_sections = n;
    m->header_size = hsize;
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *e = p + MODEL_FIXED_HEADER + (size_t)i * MODEL_ENTRY_SIZE;
        struct model_section *s = &m->sec[i];
        uint64_t off = annals__le64(e + 8), slen = annals__le64(e + 16);
        if (!id_ok(e))
            return bad(err, errlen, name, "section %u: id is not 4 printable ASCII bytes",
                       (unsigned)i);
        memcpy(s->id, e, 4);
        s->flags = annals__le32(e + 4);
        s->crc = annals__le32(e + 24);
        if (s->flags != 0)
            return bad(err, errlen, name, "section %.4s: unknown flags 0x%08x", s->id,
                       (unsigned)s->flags);
        if (off % MODEL_ALIGN != 0)
            return bad(err, errlen, name, "section %.4s: offset %llu not %d-byte aligned",
                       s->id, (unsigned long long)off, MODEL_ALIGN);
        if (off < hsize)
            return bad(err, errlen, name, "section %.4s: offset %llu inside the header",
                       s->id, (unsigned long long)off);
        if (off > len || slen > len - off)
            return bad(err, errlen, name,
                       "section %.4s: offset %llu + length %llu past end (size %zu)", s->id,
                       (unsigned long long)off, (unsigned long long)slen, len);
        if (i > 0 && off < m->sec[i - 1].offset + m->sec[i - 1].len)
            return bad(err, errlen, name, "section %.4s: overlaps section %.4s", s->id,
                       m->sec[i - 1].id);
        for (uint32_t j = 0; j < i; j++)
            if (memcmp(m->sec[j].id, s->id, 4) == 0)
                return bad(err, errlen, name, "section %.4s appears twice", s->id);
        s->offset = off;
        s->data = p + off;
        s->len = (size_t)slen;
        if (crc_of(s->data, s->len) != s->crc)
            return bad(err, errlen, name, "section %.4s: checksum mismatch (damaged file)",
                       s->id);
    }
    static const char *const required[] = {"META", "FEAT", "LABL"};
    for (size_t k = 0; k < sizeof required / sizeof *required; k++)
        if (annals__model_find(m, required[k]) == NULL)
            return bad(err, errlen, name, "required section %s missing", required[k]);
    m->image = p;
    m->size = len;
    return ANNALS_OK;
}

int annals__slurp(const struct annals_alloc *a, const char *path, unsigned char **data,
                  size_t *len, size_t *cap, char *err, size_t errlen)
{
    FILE *f;
    unsigned char *buf = NULL;
    size_t c = 0, n = 0, first = (size_t)1 << 20;
    struct stat st;

    *data = NULL;
    *len = *cap = 0;
    f = fopen(path, "rb");
    if (f == NULL) {
        annals__fmt(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return ANNALS_EIO;
    }
    /* A regular file is read into one block of its size (+1 to see the end
    ** without growing): growing by doubling would copy a model several times. */
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size < SIZE_MAX / 2)
        first = (size_t)st.st_size + 1;
    for (;;) {
        if (n == c) {
            size_t nc = c == 0 ? first : c * 2;
            unsigned char *nb = annals__realloc(a, buf, c, nc);
            if (nb == NULL) {
                annals__free(a, buf, c);
                fclose(f);
                annals__fmt(err, errlen, "%s: out of memory", path);
                return ANNALS_ENOMEM;
            }
            buf = nb;
            c = nc;
        }
        size_t got = fread(buf + n, 1, c - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        annals__free(a, buf, c);
        fclose(f);
        annals__fmt(err, errlen, "%s: read error", path);
        return ANNALS_EIO;
    }
    fclose(f);
    *data = buf;
    *len = n;
    *cap = c;
    return ANNALS_OK;
}

int annals__model_load(const struct annals_alloc *a, const char *path,
                       struct annals_model *m, char *err, size_t errlen)
{
    unsigned char *buf;
    size_t n, cap;
    int rc;

    memset(m, 0, sizeof *m);
    rc = annals__slurp(a, path, &buf, &n, &cap, err, errlen);
    if (rc != ANNALS_OK)
        return rc;
    rc = annals__model_parse(buf, n, path, m, err, errlen);
    if (rc != ANNALS_OK) {
        annals__free(a, buf, cap);
        return rc;
    }
    m->owned = buf;
    m->owned_cap = cap;
    m->alloc = a;
    return ANNALS_OK;
}

void annals__model_free(struct annals_model *m)
{
    if (m == NULL || m->owned == NULL)
        return;
    annals__free(m->alloc, m->owned, m->owned_cap);
    m->owned = NULL;
}

const struct model_section *annals__model_find(const struct annals_model *m, const char *id)
{
    for (uint32_t i = 0; i < m->n_sections; i++)
        if (memcmp(m->sec[i].id, id, 4) == 0)
            return &m->sec[i];
    return NULL;
}

const char *annals__model_kv(const struct model_section *s, const char *key, size_t *len)
{
    const char *p = (const char *)s->data, *end = p + s->len;
    size_t k = strlen(key);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl != NULL ? nl : end;
        if ((size_t)(stop - p) > k && memcmp(p, key, k) == 0 && p[k] == '=') {
            *len = (size_t)(stop - p) - k - 1;
            return p + k + 1;
        }
        p = stop + 1;
    }
    return NULL;
}

/* ------------------------------------------------------------ cursor */

void annals__rd_init(struct model_rd *r, const struct model_section *s)
{
    r->p = s->data;
    r->len = s->len;
    r->pos = 0;
    r->bad = 0;
}

size_t annals__rd_left(const struct model_rd *r) { return r->len - r->pos; }

const unsigned char *annals__rd_bytes(struct model_rd *r, size_t n)
{
    const unsigned char *q;
    if (r->bad || n > r->len - r->pos) {
        r->bad = 1;
        return NULL;
    }
    q = r->p + r->pos;
    r->pos += n;
    return q;
}

uint16_t annals__rd_u16(struct model_rd *r)
{
    const unsigned char *q = annals__rd_bytes(r, 2);
    return q != NULL ? annals__le16(q) : 0;
}

uint32_t annals__rd_u32(struct model_rd *r)
{
    const unsigned char *q = annals__rd_bytes(r, 4);
    return q != NULL ? annals__le32(q) : 0;
}

uint64_t annals__rd_u64(struct model_rd *r)
{
    const unsigned char *q = annals__rd_bytes(r, 8);
    return q != NULL ? annals__le64(q) : 0;
}

/* ------------------------------------------------------------ writer */

void annals__mw_init(struct model_writer *w, const struct annals_alloc *a, const char *kind)
{
    memset(w, 0, sizeof *w);
    w->alloc = a;
    memcpy(w->kind, kind, 4);
}

void annals__mw_free(struct model_writer *w)
{
    for (uint32_t i = 0; i < w->n; i++)
        annals__buf_free(&w->buf[i]);
    w->n = 0;
}

struct annals_buf *annals__mw_section(struct model_writer *w, const char *id)
{
    if (w->n == MODEL_MAX_SECTIONS)
        return NULL;
    memcpy(w->id[w->n], id, 4);
    annals__buf_init(&w->buf[w->n], w->alloc, 0);
    return &w->buf[w->n++];
}

int annals__mw_u16(struct annals_buf *b, uint16_t v)
{
    unsigned char q[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    return annals__buf_add(b, q, 2);
}

int annals__mw_u32(struct annals_buf *b, uint32_t v)
{
    unsigned char q[4];
    for (int i = 0; i < 4; i++)
        q[i] = (unsigned char)(v >> (8 * i));
    return annals__buf_add(b, q, 4);
}

int annals__mw_u64(struct annals_buf *b, uint64_t v)
{
    int rc = annals__mw_u32(b, (uint32_t)v);
    return rc != ANNALS_OK ? rc : annals__mw_u32(b, (uint32_t)(v >> 32));
}

int annals__mw_f32(struct annals_buf *b, float v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    return annals__mw_u32(b, u);
}

static size_t align_up(size_t x) { return (x + MODEL_ALIGN - 1) / MODEL_ALIGN * MODEL_ALIGN; }

int annals__mw_finish(struct model_writer *w, struct annals_buf *out)
{
    static const unsigned char zeros[MODEL_ALIGN];
    size_t hsize = MODEL_FIXED_HEADER + (size_t)w->n * MODEL_ENTRY_SIZE + 4, off;
    int rc = ANNALS_OK;

    out->len = 0;
    rc |= annals__buf_add(out, MODEL_MAGIC, MODEL_MAGIC_LEN);
    rc |= annals__buf_add(out, zeros, 3);
    rc |= annals__mw_u16(out, MODEL_FORMAT_MAJOR);
    rc |= annals__mw_u16(out, MODEL_FORMAT_MINOR);
    rc |= annals__mw_u32(out, MODEL_ENDIAN_CHECK);
    rc |= annals__buf_add(out, w->kind, 4);
    rc |= annals__mw_u32(out, w->n);
    rc |= annals__mw_u32(out, (uint32_t)hsize);
    off = align_up(hsize);
    for (uint32_t i = 0; i < w->n; i++) {
        const struct annals_buf *b = &w->buf[i];
        rc |= annals__buf_add(out, w->id[i], 4);
        rc |= annals__mw_u32(out, 0);
        rc |= annals__mw_u64(out, off);
        rc |= annals__mw_u64(out, b->len);
        rc |= annals__mw_u32(out, crc_of((const unsigned char *)b->data, b->len));
        off = align_up(off + b->len);
    }
    if (rc != ANNALS_OK)
        return ANNALS_ENOMEM;
    rc = annals__mw_u32(out, crc_of((const unsigned char *)out->data, out->len));
    for (uint32_t i = 0; i < w->n && rc == ANNALS_OK; i++) {
        rc = annals__buf_add(out, zeros, align_up(out->len) - out->len);
        if (rc == ANNALS_OK && w->buf[i].len > 0)
            rc = annals__buf_add(out, w->buf[i].data, w->buf[i].len);
    }
    return rc;
}

int annals__mw_save(struct model_writer *w, const char *path, char *err, size_t errlen)
{
    struct annals_buf out;
    char tmp[4096];
    FILE *f;
    int rc;

    annals__buf_init(&out, w->alloc, 0);
    rc = annals__mw_finish(w, &out);
    if (rc != ANNALS_OK) {
        annals__buf_free(&out);
        annals__fmt(err, errlen, "%s: out of memory", path);
        return rc;
    }
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        annals__buf_free(&out);
        annals__fmt(err, errlen, "%s: path too long", path);
        return ANNALS_EINVAL;
    }
    f = fopen(tmp, "wb");
    if (f == NULL) {
        annals__fmt(err, errlen, "%s: cannot create: %s", tmp, strerror(errno));
        annals__buf_free(&out);
        return ANNALS_EIO;
    }
    rc = fwrite(out.data, 1, out.len, f) == out.len ? ANNALS_OK : ANNALS_EIO;
    if (fclose(f) != 0)
        rc = ANNALS_EIO;
    annals__buf_free(&out);
    if (rc == ANNALS_OK && rename(tmp, path) != 0)
        rc = ANNALS_EIO;
    if (rc != ANNALS_OK) {
        annals__fmt(err, errlen, "%s: write failed: %s", path, strerror(errno));
        remove(tmp);
    }
    return rc;
}
