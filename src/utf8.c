/* utf8.c -- the first step of the text stage: make the input valid NFC
** UTF-8 while remembering where every byte came from.
**
** Fast path: valid input whose code points are all "inert" under NFC (ASCII,
** curly quotes, dashes, most letters without decompositions) is used as is,
** with no copy and no map.  Otherwise the text is cut into segments, each an
** inert starter followed by the code points that may combine with it; only
** segments holding a code point that NFC could change go through utf8proc,
** and the bytes NFC changed in such a segment map to the first input byte
** that changed (unchanged leading and trailing bytes map one to one). */
#include "utf8.h"

#include <string.h>
#include <utf8proc.h>

size_t annals__utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    int32_t v;
    size_t len, i;

    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        len = 2;
        v = (int32_t)(c & 0x1F);
    } else if (c < 0xF0) {
        len = 3;
        v = (int32_t)(c & 0x0F);
    } else if (c < 0xF5) {
        len = 4;
        v = (int32_t)(c & 0x07);
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (int32_t)(s[i] & 0x3F);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
        (len == 4 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *cp = v;
    return len;
}

/* May start a segment: a starter that never composes with what precedes it. */
static int is_boundary(int32_t cp)
{
    const utf8proc_property_t *p;
    if (cp < 0x80)
        return 1;
    if (cp >= 0x1160 && cp <= 0x11FF)       /* Hangul vowels and trailing consonants */
        return 0;
    p = utf8proc_get_property(cp);
    return p->combining_class == 0 && (p->comb_index == UINT16_MAX || p->comb_index < 0x8000);
}

/* NFC leaves it alone whatever surrounds it. */
static int is_inert(int32_t cp)
{
    const utf8proc_property_t *p;
    if (cp < 0x80)
        return 1;
    if (cp >= 0x1100 && cp <= 0x11FF)
        return 0;
    if (cp >= 0xAC00 && cp <= 0xD7A3)        /* Hangul syllables compose with T */
        return 0;
    p = utf8proc_get_property(cp);
    return p->combining_class == 0 && p->decomp_seqindex == UINT16_MAX &&
           (p->comb_index == UINT16_MAX || p->comb_index < 0x8000);
}

static const unsigned char replacement[3] = {0xEF, 0xBF, 0xBD};

/* Scan the input: 1 if the fast path applies, 0 if a copy is needed, or
** ANNALS_EUTF8 with *bad set under the reject policy. */
static int scan(const unsigned char *s, size_t n, int policy, size_t *bad)
{
    int fast = 1;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        size_t k;
        if (s[i] < 0x80 && s[i] != 0) {
            i++;
            continue;
        }
        k = s[i] == 0 ? 0 : annals__utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            if (policy == ANNALS_UTF8_REJECT) {
                *bad = i;
                return ANNALS_EUTF8;
            }
            fast = 0;
            i++;
            continue;
        }
        if (!is_inert(cp))
            fast = 0;
        i += k;
    }
    return fast;
}

struct builder {
    unsigned char *out;
    uint32_t *map;
    size_t len;
};

static void emit(struct builder *b, const unsigned char *p, size_t n, size_t orig)
{
    memcpy(b->out + b->len, p, n);
    for (size_t i = 0; i < n; i++)
        b->map[b->len + i] = (uint32_t)orig;
    b->len += n;
}

/* Emit out[0..len), the NFC form of the input segment in[0..n) that starts
** at input offset orig.  Bytes of a common prefix or suffix of the two map
** one to one; the bytes between map to the first input byte that changed.
** A token boundary inside the segment (a bracket followed by a combining
** mark) thus keeps distinct, ordered offsets on both sides. */
static void emit_segment(struct builder *b, const unsigned char *out, size_t len,
                         const unsigned char *in, size_t n, size_t orig)
{
    size_t pre = 0, suf = 0, most = len < n ? len : n;

    while (pre < most && out[pre] == in[pre])
        pre++;
    while (pre > 0 && pre < len && (out[pre] & 0xC0) == 0x80)
        pre--;                                  /* whole code points only */
    while (suf < most - pre && out[len - 1 - suf] == in[n - 1 - suf])
        suf++;
    while (suf > 0 && (out[len - suf] & 0xC0) == 0x80)
        suf--;
    memcpy(b->out + b->len, out, len);
    for (size_t i = 0; i < len; i++) {
        size_t from;
        if (i < pre)
            from = i;
        else if (i >= len - suf)
            from = n - (len - i);
        else
            from = pre;
        b->map[b->len + i] = (uint32_t)(orig + from);
    }
    b->len += len;
}

/* Normalise one segment s[0..n) (valid UTF-8) to NFC and emit it. */
static int emit_nfc(struct builder *b, struct annals_arena *arena,
                    const unsigned char *s, size_t n, size_t orig)
{
    utf8proc_ssize_t need, len;
    utf8proc_int32_t *buf;
    int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;

    need = utf8proc_decompose(s, (utf8proc_ssize_t)n, NULL, 0, (utf8proc_option_t)opts);
    if (need < 0)
        return ANNALS_EUTF8;
    buf = annals__arena_alloc(arena, ((size_t)need + 1) * sizeof *buf);
    if (buf == NULL)
        return ANNALS_ENOMEM;
    need = utf8proc_decompose(s, (utf8proc_ssize_t)n, buf, need, (utf8proc_option_t)opts);
    if (need < 0)
        return ANNALS_EUTF8;
    len = utf8proc_reencode(buf, need, (utf8proc_option_t)opts);
    if (len < 0)
        return ANNALS_EUTF8;
    /* NFC never lengthens text by more than 3x; the caller sized for that. */
    emit_segment(b, (const unsigned char *)buf, (size_t)len, s, n, orig);
    return ANNALS_OK;
}

int annals__utf8_prepare(struct annals_arena *arena, const char *in, size_t n,
                         int policy, struct utf8_text *out, size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)in;
    struct builder b;
    size_t i = 0, cap;
    int rc;

    rc = scan(s, n, policy, bad_offset);
    if (rc < 0)
        return rc;
    if (rc == 1) {
        out->text = in;
        out->len = n;
        out->map = NULL;
        return ANNALS_OK;
    }
    if (n > (SIZE_MAX - 16) / 3 / sizeof(uint32_t))
        return ANNALS_ETOOBIG;
    cap = 3 * n + 4;
    b.out = annals__arena_alloc(arena, cap + 1);
    b.map = annals__arena_alloc(arena, (cap + 1) * sizeof *b.map);
    if (b.out == NULL || b.map == NULL)
        return ANNALS_ENOMEM;
    b.len = 0;
    while (i < n) {
        size_t start = i, k;
        int32_t cp;
        int dirty = 0;

        k = s[i] == 0 ? 0 : annals__utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            emit(&b, replacement, 3, i);
            i++;
            continue;
        }
        dirty = !is_inert(cp);
        i += k;
        /* Extend the segment over code points that may combine backwards. */
        while (i < n) {
            k = s[i] == 0 ? 0 : annals__utf8_decode(s + i, n - i, &cp);
            if (k == 0 || is_boundary(cp))
                break;
            dirty |= !is_inert(cp);
            i += k;
        }
        if (!dirty) {
            memcpy(b.out + b.len, s + start, i - start);
            for (size_t j = start; j < i; j++)
                b.map[b.len + j - start] = (uint32_t)j;
            b.len += i - start;
        } else {
            rc = emit_nfc(&b, arena, s + start, i - start, start);
            if (rc != ANNALS_OK)
                return rc;
        }
    }
    b.map[b.len] = (uint32_t)n;
    b.out[b.len] = '\0';
    out->text = (const char *)b.out;
    out->len = b.len;
    out->map = b.map;
    return ANNALS_OK;
}
