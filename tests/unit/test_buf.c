/* test_buf.c -- the capped growable buffer (src/buf.c). */
#include "unit.h"

static void test_buf_appends_and_keeps_a_nul_terminator(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    (void)state;

    annals__buf_init(&b, &a, 0);
    assert_int_equal(annals__buf_add(&b, "ferry", 5), ANNALS_OK);
    assert_int_equal(annals__buf_addc(&b, ' '), ANNALS_OK);
    assert_int_equal(annals__buf_add(&b, "dock", 4), ANNALS_OK);
    assert_int_equal(annals__buf_add(&b, NULL, 0), ANNALS_OK);
    assert_int_equal(b.len, 10);
    assert_string_equal(b.data, "ferry dock");
    annals__buf_free(&b);
    assert_null(b.data);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

static void test_buf_grows_across_many_small_appends(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    (void)state;

    annals__buf_init(&b, &a, 0);
    for (int i = 0; i < 10000; i++)
        assert_int_equal(annals__buf_addc(&b, (char)('a' + i % 26)), ANNALS_OK);
    assert_int_equal(b.len, 10000);
    assert_int_equal(b.data[9999], 'a' + 9999 % 26);
    assert_int_equal(b.data[10000], '\0');
    assert_true(t.calls < 20);      /* geometric growth */
    annals__buf_free(&b);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

static void test_buf_accepts_exactly_the_limit(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    (void)state;

    annals__buf_init(&b, &a, 8);
    assert_int_equal(annals__buf_add(&b, "12345678", 8), ANNALS_OK);
    assert_string_equal(b.data, "12345678");
    annals__buf_free(&b);
    assert_int_equal(t.live, 0);
}

static void test_buf_past_the_limit_is_etoobig_and_empties_the_buffer(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    (void)state;

    annals__buf_init(&b, &a, 8);
    assert_int_equal(annals__buf_add(&b, "12345", 5), ANNALS_OK);
    assert_int_equal(annals__buf_add(&b, "6789", 4), ANNALS_ETOOBIG);
    assert_int_equal(b.len, 0);
    assert_int_equal(annals__buf_add(&b, "12345678", 8), ANNALS_OK);
    assert_int_equal(annals__buf_addc(&b, '9'), ANNALS_ETOOBIG);
    assert_int_equal(b.len, 0);
    assert_int_equal(annals__buf_reserve(&b, SIZE_MAX), ANNALS_ETOOBIG);
    annals__buf_free(&b);
    assert_int_equal(t.live, 0);
}

static void test_buf_refused_allocation_is_enomem_and_empties_the_buffer(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    char big[1000];
    (void)state;

    memset(big, 'z', sizeof big);
    annals__buf_init(&b, &a, 0);
    assert_int_equal(annals__buf_add(&b, "abc", 3), ANNALS_OK);
    t.fail_at = t.calls + 1;
    assert_int_equal(annals__buf_add(&b, big, sizeof big), ANNALS_ENOMEM);
    assert_int_equal(b.len, 0);
    /* The old block is still owned and freed once. */
    assert_int_equal(t.live, 1);
    assert_int_equal(annals__buf_add(&b, big, sizeof big), ANNALS_OK);
    assert_int_equal(b.len, sizeof big);
    annals__buf_free(&b);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

static void test_buf_printf_formats_short_fields(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    char longer[400];
    (void)state;

    annals__buf_init(&b, &a, 0);
    assert_int_equal(annals__buf_printf(&b, "%d:%s", 42, "quay"), ANNALS_OK);
    assert_string_equal(b.data, "42:quay");
    memset(longer, 'q', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(annals__buf_printf(&b, "%s", longer), ANNALS_EINVAL);
    annals__buf_free(&b);
    assert_int_equal(t.live, 0);
}

static void test_buf_json_str_escapes_quotes_backslashes_and_controls(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    const char in[] = "say \"hi\"\\\n\r\t\x01\x1f end";
    (void)state;

    annals__buf_init(&b, &a, 0);
    assert_int_equal(annals__buf_json_str(&b, in, sizeof in - 1), ANNALS_OK);
    assert_string_equal(b.data, "say \\\"hi\\\"\\\\\\n\\r\\t\\u0001\\u001f end");
    annals__buf_free(&b);
    assert_int_equal(t.live, 0);
}

static void test_buf_json_str_passes_utf8_and_escapes_nul(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    const char in[] = "caf\xC3\xA9\0\xE2\x80\x94";
    (void)state;

    annals__buf_init(&b, &a, 0);
    assert_int_equal(annals__buf_json_str(&b, in, sizeof in - 1), ANNALS_OK);
    assert_string_equal(b.data, "caf\xC3\xA9\\u0000\xE2\x80\x94");
    assert_int_equal(annals__buf_json_str(&b, "", 0), ANNALS_OK);
    assert_int_equal(b.len, strlen("caf\xC3\xA9\\u0000\xE2\x80\x94"));
    annals__buf_free(&b);
    assert_int_equal(t.live, 0);
}

static void test_buf_json_str_respects_the_limit(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    (void)state;

    annals__buf_init(&b, &a, 10);
    /* 5 input bytes, 12 output bytes once escaped. */
    assert_int_equal(annals__buf_json_str(&b, "a\x01\x02", 3), ANNALS_ETOOBIG);
    assert_int_equal(b.len, 0);
    annals__buf_free(&b);
    assert_int_equal(t.live, 0);
}

static void test_buf_free_of_unused_buffer_and_reuse_after_free_work(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_buf b;
    (void)state;

    annals__buf_init(&b, &a, 0);
    annals__buf_free(&b);
    assert_int_equal(annals__buf_add(&b, "x", 1), ANNALS_OK);
    annals__buf_free(&b);
    annals__buf_free(&b);
    assert_int_equal(t.live, 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_appends_and_keeps_a_nul_terminator),
        cmocka_unit_test(test_buf_grows_across_many_small_appends),
        cmocka_unit_test(test_buf_accepts_exactly_the_limit),
        cmocka_unit_test(test_buf_past_the_limit_is_etoobig_and_empties_the_buffer),
        cmocka_unit_test(test_buf_refused_allocation_is_enomem_and_empties_the_buffer),
        cmocka_unit_test(test_buf_printf_formats_short_fields),
        cmocka_unit_test(test_buf_json_str_escapes_quotes_backslashes_and_controls),
        cmocka_unit_test(test_buf_json_str_passes_utf8_and_escapes_nul),
        cmocka_unit_test(test_buf_json_str_respects_the_limit),
        cmocka_unit_test(test_buf_free_of_unused_buffer_and_reuse_after_free_work),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
