/* test_model.c -- the model container: round trip, and one precise refusal
** for each kind of damage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "model.h"

static void *test_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    (void)osize;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, nsize);
}

static const struct annals_alloc A = {test_alloc, NULL};

/* A small valid model: META, FEAT, LABL and one unknown section. */
static void build(struct annals_buf *out)
{
    struct model_writer w;
    annals__mw_init(&w, &A, "TST1");
    assert_int_equal(annals__buf_printf(annals__mw_section(&w, "META"), "builder=test\nk=v\n"),
                     ANNALS_OK);
    assert_int_equal(annals__buf_printf(annals__mw_section(&w, "FEAT"), "templates=a,b\n"),
                     ANNALS_OK);
    struct annals_buf *b = annals__mw_section(&w, "LABL");
    assert_int_equal(annals__mw_u32(b, 1), ANNALS_OK);
    assert_int_equal(annals__mw_u16(b, 3), ANNALS_OK);
    assert_int_equal(annals__buf_add(b, "NN", 2), ANNALS_OK);
    assert_int_equal(annals__buf_add(b, "S", 1), ANNALS_OK);
    b = annals__mw_section(&w, "XTRA");
    assert_int_equal(annals__mw_u64(b, 0x0102030405060708ull), ANNALS_OK);
    annals__buf_init(out, &A, 0);
    assert_int_equal(annals__mw_finish(&w, out), ANNALS_OK);
    annals__mw_free(&w);
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* Recompute the header checksum after editing the header. */
static void fix_header_crc(unsigned char *p)
{
    uint32_t n = (uint32_t)p[24] | (uint32_t)p[25] << 8;
    size_t hsize = MODEL_FIXED_HEADER + n * MODEL_ENTRY_SIZE;
    put32(p + hsize, (uint32_t)crc32(0L, p, (uInt)hsize));
}

static void expect(const unsigned char *p, size_t n, const char *needle)
{
    struct annals_model m;
    char err[300];
    assert_int_equal(annals__model_parse(p, n, "x.model", &m, err, sizeof err), ANNALS_EMODEL);
    if (strstr(err, needle) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", err, needle);
}

static void test_model_round_trip(void **state)
{
    struct annals_buf b;
    struct annals_model m;
    struct model_rd r;
    char err[200];
    size_t len;
    (void)state;
    build(&b);
    assert_int_equal(annals__model_parse(b.data, b.len, "t", &m, err, sizeof err), ANNALS_OK);
    assert_memory_equal(m.kind, "TST1", 4);
    assert_int_equal(m.n_sections, 4);
    for (uint32_t i = 0; i < m.n_sections; i++)
        assert_int_equal(m.sec[i].offset % MODEL_ALIGN, 0);
    const char *v = annals__model_kv(annals__model_find(&m, "META"), "k", &len);
    assert_non_null(v);
    assert_int_equal(len, 1);
    assert_memory_equal(v, "v", 1);
    assert_null(annals__model_kv(annals__model_find(&m, "META"), "builde", &len));
    annals__rd_init(&r, annals__model_find(&m, "XTRA"));
    assert_true(annals__rd_u64(&r) == 0x0102030405060708ull);
    assert_int_equal(annals__rd_u32(&r), 0);
    assert_true(r.bad);
    annals__buf_free(&b);
}

static void test_model_refuses_bad_magic(void **state)
{
    struct annals_buf b;
    (void)state;
    build(&b);
    expect((const unsigned char *)"hello", 5, "too short");
    b.data[1] = 'P';
    expect((unsigned char *)b.data, b.len, "bad magic");
    b.data[1] = 'A';
    b.data[0] = 0x09;                   /* high bit stripped */
    expect((unsigned char *)b.data, b.len, "damaged magic");
    b.data[0] = (char)0x89;
    b.data[5] = '\n';                   /* CRLF turned into LF */
    expect((unsigned char *)b.data, b.len, "damaged magic");
    annals__buf_free(&b);
}

static void test_model_refuses_versions_and_endianness(void **state)
{
    struct annals_buf b;
    unsigned char *p;
    (void)state;
    build(&b);
    p = (unsigned char *)b.data;
    p[12] = 2;
    expect(p, b.len, "format version 2.0 not supported");
    p[12] = 1;
    p[14] = 5;
    expect(p, b.len, "newer than this build");
    p[14] = 0;
    p[10] = 1;
    expect(p, b.len, "reserved header bytes");
    p[10] = 0;
    put32(p + 16, 0x04030201);
    expect(p, b.len, "endianness check");
    annals__buf_free(&b);
}

static void test_model_refuses_damage(void **state)
{
    struct annals_buf b;
    unsigned char *p;
    size_t e;
    (void)state;
    build(&b);
    p = (unsigned char *)b.data;
    p[40] ^= 1;                         /* inside the section table */
    expect(p, b.len, "header checksum mismatch");
    p[40] ^= 1;
    p[b.len - 1] ^= 0x40;               /* last payload byte */
    expect(p, b.len, "section XTRA: checksum mismatch");
    p[b.len - 1] ^= 0x40;
    expect(p, b.len - 1, "past end");
    expect(p, 40, "truncated");
    e = MODEL_FIXED_HEADER + 1 * MODEL_ENTRY_SIZE;  /* FEAT's entry */
    p[e + 8] += 4;                      /* misalign its offset */
    fix_header_crc(p);
    expect(p, b.len, "not 16-byte aligned");
    p[e + 8] -= 4;
    memcpy(p + e, "META", 4);
    fix_header_crc(p);
    expect(p, b.len, "appears twice");
    memcpy(p + e, "FEAX", 4);
    fix_header_crc(p);
    expect(p, b.len, "required section FEAT missing");
    annals__buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_round_trip),
        cmocka_unit_test(test_model_refuses_bad_magic),
        cmocka_unit_test(test_model_refuses_versions_and_endianness),
        cmocka_unit_test(test_model_refuses_damage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
