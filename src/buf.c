/* buf.c -- growable byte buffer with a hard limit (curl's dynbuf idea):
** exceeding the limit is ANNALS_ETOOBIG and empties the buffer, so no caller
** ever works on a silently truncated value. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

void annals__buf_init(struct annals_buf *b, const struct annals_alloc *alloc,
                      size_t limit)
{
    b->alloc = alloc;
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->limit = limit == 0 ? SIZE_MAX - 1 : limit;
}

void annals__buf_free(struct annals_buf *b)
{
    annals__free(b->alloc, b->data, b->cap);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

int annals__buf_reserve(struct annals_buf *b, size_t n)
{
    size_t need, ncap;
    char *p;

    if (n > b->limit || b->len > b->limit - n) {
        b->len = 0;
        return ANNALS_ETOOBIG;
    }
    need = b->len + n + 1;          /* room for a NUL terminator */
    if (need <= b->cap)
        return ANNALS_OK;
    ncap = b->cap < 256 ? 256 : b->cap;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    p = annals__realloc(b->alloc, b->data, b->cap, ncap);
    if (p == NULL) {
        b->len = 0;
        return ANNALS_ENOMEM;
    }
    b->data = p;
    b->cap = ncap;
    return ANNALS_OK;
}

int annals__buf_add(struct annals_buf *b, const void *p, size_t n)
{
    int rc = annals__buf_reserve(b, n);
    if (rc != ANNALS_OK)
        return rc;
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return ANNALS_OK;
}

int annals__buf_addc(struct annals_buf *b, char c)
{
    if (b->len + 1 < b->cap && b->len < b->limit) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return ANNALS_OK;
    }
    return annals__buf_add(b, &c, 1);
}

int annals__buf_printf(struct annals_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        b->len = 0;                 /* only short, fixed-format fields go here */
        return ANNALS_EINVAL;
    }
    return annals__buf_add(b, tmp, (size_t)n);
}

int annals__buf_u64(struct annals_buf *b, uint64_t v)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    return annals__buf_add(b, tmp + sizeof tmp - n, n);
}

int annals__buf_json_str(struct annals_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    int rc;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[6];
        size_t elen = 0;

        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        rc = annals__buf_add(b, s + run, i - run);
        if (rc != ANNALS_OK)
            return rc;
        esc[0] = '\\';
        switch (c) {
        case '"': esc[1] = '"'; elen = 2; break;
        case '\\': esc[1] = '\\'; elen = 2; break;
        case '\n': esc[1] = 'n'; elen = 2; break;
        case '\r': esc[1] = 'r'; elen = 2; break;
        case '\t': esc[1] = 't'; elen = 2; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            elen = 6;
            break;
        }
        rc = annals__buf_add(b, esc, elen);
        if (rc != ANNALS_OK)
            return rc;
        run = i + 1;
    }
    return annals__buf_add(b, s + run, n - run);
}
