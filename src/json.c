/* json.c -- strict recursive-descent JSON reader for JSON Lines records.
** Strings are unescaped into the arena only for the members the caller asked
** for; everything else is validated and skipped.  Unpaired surrogates in
** \u escapes become U+FFFD (the text stage then sees valid UTF-8); raw bytes
** are passed through and checked by the text stage under its UTF-8 policy. */
#include "json.h"

#include <string.h>

struct jp {
    const unsigned char *s;
    size_t n, i;
    int depth;
    struct annals_arena *arena;
    char *err;
    size_t errlen;
    int rc;
};

static int fail(struct jp *p, const char *why)
{
    if (p->rc == ANNALS_OK) {
        annals__fmt(p->err, p->errlen, "column %zu: %s", p->i + 1, why);
        p->rc = ANNALS_EFORMAT;
    }
    return p->rc;
}

static void skip_ws(struct jp *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                           p->s[p->i] == '\r' || p->s[p->i] == '\n'))
        p->i++;
}

static int hex4(const unsigned char *h, uint32_t *out)
{
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned c = h[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return 0;
    }
    *out = v;
    return 1;
}

static size_t put_utf8(unsigned char *o, uint32_t cp)
{
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Parse a string at p->i (the opening quote).  With out != NULL, unescape it
** into arena memory. */
static int parse_string(struct jp *p, char **out, size_t *outlen)
{
    size_t start = ++p->i, j;
    unsigned char *o = NULL;
    size_t olen = 0;

    /* First pass: find the end and check the escapes. */
    for (j = start; j < p->n && p->s[j] != '"'; j++) {
        if (p->s[j] < 0x20) {
            p->i = j;
            return fail(p, "control character in string");
        }
        if (p->s[j] == '\\') {
            j++;
            if (j >= p->n)
                break;
            if (p->s[j] == 'u') {
                uint32_t v;
                if (j + 4 >= p->n || !hex4(p->s + j + 1, &v)) {
                    p->i = j;
                    return fail(p, "bad \\u escape");
                }
                j += 4;
            } else if (strchr("\"\\/bfnrt", p->s[j]) == NULL || p->s[j] == '\0') {
                p->i = j;
                return fail(p, "bad escape");
            }
        }
    }
    if (j >= p->n) {
        p->i = p->n;
        return fail(p, "unterminated string");
    }
    p->i = j + 1;
    if (out == NULL)
        return ANNALS_OK;
    /* Escapes never expand: \uXXXX (6 bytes) is at most 4 bytes of UTF-8, and
    ** a surrogate pair (12 bytes) is 4. */
    o = annals__arena_alloc(p->arena, j - start + 1);
    if (o == NULL) {
        p->rc = ANNALS_ENOMEM;
        return p->rc;
    }
    for (size_t k = start; k < j; k++) {
        /* Copy the run up to the next escape in one go. */
        const unsigned char *esc = memchr(p->s + k, '\\', j - k);
        size_t run = esc != NULL ? (size_t)(esc - p->s) - k : j - k;
        unsigned char c;
        uint32_t cp = 0, lo = 0;
        memcpy(o + olen, p->s + k, run);
        olen += run;
        k += run;
        if (k >= j)
            break;
        c = p->s[++k];
        switch (c) {
        case 'b': o[olen++] = '\b'; break;
        case 'f': o[olen++] = '\f'; break;
        case 'n': o[olen++] = '\n'; break;
        case 'r': o[olen++] = '\r'; break;
        case 't': o[olen++] = '\t'; break;
        case 'u':
            hex4(p->s + k + 1, &cp);
            k += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && k + 6 < j && p->s[k + 1] == '\\' &&
                p->s[k + 2] == 'u' && hex4(p->s + k + 3, &lo) && lo >= 0xDC00 &&
                lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                k += 6;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            olen += put_utf8(o + olen, cp);
            break;
        default: o[olen++] = c; break;      /* " \ / */
        }
    }
    o[olen] = '\0';
    *out = (char *)o;
    *outlen = olen;
    return ANNALS_OK;
}

static int parse_number(struct jp *p)
{
    size_t i = p->i;
    if (i < p->n && p->s[i] == '-')
        i++;
    if (i < p->n && p->s[i] == '0') {
        i++;
    } else if (i < p->n && p->s[i] >= '1' && p->s[i] <= '9') {
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9')
            i++;
    } else {
        return fail(p, "bad number");
    }
    if (i < p->n && p->s[i] == '.') {
        i++;
        if (i >= p->n || p->s[i] < '0' || p->s[i] > '9') {
            p->i = i;
            return fail(p, "bad number");
        }
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9')
            i++;
    }
    if (i < p->n && (p->s[i] == 'e' || p->s[i] == 'E')) {
        i++;
        if (i < p->n && (p->s[i] == '+' || p->s[i] == '-'))
            i++;
        if (i >= p->n || p->s[i] < '0' || p->s[i] > '9') {
            p->i = i;
            return fail(p, "bad number");
        }
        while (i < p->n && p->s[i] >= '0' && p->s[i] <= '9')
            i++;
    }
    p->i = i;
    return ANNALS_OK;
}

static int parse_value(struct jp *p, struct json_member *m, size_t nm, int top);

static int literal(struct jp *p, const char *w)
{
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
        return fail(p, "unexpected character");
    p->i += k;
    return ANNALS_OK;
}

/* Parse the value of a requested member, recording its type and text. */
static int member_value(struct jp *p, struct json_member *m)
{
    size_t start;
    int rc;

    skip_ws(p);
    if (p->i >= p->n)
        return fail(p, "value expected");
    start = p->i;
    switch (p->s[p->i]) {
    case '"':
        m->type = JSON_STRING;
        return parse_string(p, &m->value, &m->len);
    case '{': m->type = JSON_OBJECT; break;
    case '[': m->type = JSON_ARRAY; break;
    case 't': m->type = JSON_TRUE; break;
    case 'f': m->type = JSON_FALSE; break;
    case 'n': m->type = JSON_NULL; break;
    default: m->type = JSON_NUMBER; break;
    }
    rc = parse_value(p, NULL, 0, 0);
    /* Numbers, arrays and objects keep their JSON text for the caller. */
    if (rc == ANNALS_OK && (m->type == JSON_NUMBER || m->type == JSON_ARRAY ||
                            m->type == JSON_OBJECT)) {
        m->value = annals__arena_strdup(p->arena, (const char *)p->s + start, p->i - start);
        m->len = p->i - start;
        if (m->value == NULL)
            p->rc = rc = ANNALS_ENOMEM;
    }
    return rc;
}

static int parse_object(struct jp *p, struct json_member *m, size_t nm)
{
    p->i++;                                 /* { */
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == '}') {
        p->i++;
        return ANNALS_OK;
    }
    for (;;) {
        char *key = NULL;
        size_t klen = 0;
        struct json_member *want = NULL;

        skip_ws(p);
        if (p->i >= p->n || p->s[p->i] != '"')
            return fail(p, "object key expected");
        if (parse_string(p, nm > 0 ? &key : NULL, &klen) != ANNALS_OK)
            return p->rc;
        for (size_t k = 0; k < nm && key != NULL; k++)
            if (strlen(m[k].name) == klen && memcmp(m[k].name, key, klen) == 0)
                want = &m[k];
        skip_ws(p);
        if (p->i >= p->n || p->s[p->i] != ':')
            return fail(p, "':' expected");
        p->i++;
        if ((want != NULL ? member_value(p, want) : parse_value(p, NULL, 0, 0)) != ANNALS_OK)
            return p->rc;
        skip_ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == '}') {
            p->i++;
            return ANNALS_OK;
        }
        return fail(p, p->i >= p->n ? "unterminated object" : "',' or '}' expected");
    }
}

static int parse_array(struct jp *p)
{
    p->i++;                                 /* [ */
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == ']') {
        p->i++;
        return ANNALS_OK;
    }
    for (;;) {
        if (parse_value(p, NULL, 0, 0) != ANNALS_OK)
            return p->rc;
        skip_ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == ']') {
            p->i++;
            return ANNALS_OK;
        }
        return fail(p, p->i >= p->n ? "unterminated array" : "',' or ']' expected");
    }
}

static int parse_value(struct jp *p, struct json_member *m, size_t nm, int top)
{
    int rc;

    skip_ws(p);
    if (p->i >= p->n)
        return fail(p, "value expected");
    switch (p->s[p->i]) {
    case '{':
    case '[':
        if (++p->depth > JSON_MAX_DEPTH)
            return fail(p, "nesting deeper than 64 levels");
        rc = p->s[p->i] == '{' ? parse_object(p, top ? m : NULL, top ? nm : 0)
                               : parse_array(p);
        p->depth--;
        return rc;
    case '"': return parse_string(p, NULL, NULL);
    case 't': return literal(p, "true");
    case 'f': return literal(p, "false");
    case 'n': return literal(p, "null");
    default: return parse_number(p);
    }
}

int annals__json_object(struct annals_arena *arena, const char *s, size_t n,
                        struct json_member *m, size_t nm, char *err, size_t errlen)
{
    struct jp p;

    memset(&p, 0, sizeof p);
    p.s = (const unsigned char *)s;
    p.n = n;
    p.arena = arena;
    p.err = err;
    p.errlen = errlen;
    for (size_t k = 0; k < nm; k++) {
        m[k].type = JSON_ABSENT;
        m[k].value = NULL;
        m[k].len = 0;
    }
    skip_ws(&p);
    if (p.i >= n || s[p.i] != '{')
        return fail(&p, "a record must be a JSON object");
    if (parse_value(&p, m, nm, 1) != ANNALS_OK)
        return p.rc;
    skip_ws(&p);
    if (p.i != n)
        return fail(&p, "text after the end of the object");
    return ANNALS_OK;
}

int annals__json_next_object(const char *s, size_t n, size_t *pos, size_t *start,
                             size_t *end)
{
    size_t i = *pos;
    int depth = 0, in_str = 0;

    while (i < n && s[i] != '{')
        i++;
    if (i >= n)
        return 0;
    *start = i;
    for (; i < n; i++) {
        char c = s[i];
        if (in_str) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{') {
            depth++;
        } else if (c == '}') {
            depth--;
            if (depth == 0) {
                *end = i + 1;
                *pos = i + 1;
                return 1;
            }
        }
    }
    return 0;
}
