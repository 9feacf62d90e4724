/* test_json.c -- the strict JSON Lines record reader. */
#include "unit.h"

#include "json.h"

struct fixture {
    struct test_alloc t;
    struct annals_alloc a;
    struct annals_arena arena;
    struct json_member m[3];
    char err[128];
};

static int parse(struct fixture *f, const char *s)
{
    f->a = test_alloc_of(&f->t);
    annals__arena_init(&f->arena, &f->a);
    f->m[0].name = "id";
    f->m[1].name = "text";
    f->m[2].name = "date";
    f->err[0] = '\0';
    return annals__json_object(&f->arena, s, strlen(s), f->m, 3, f->err, sizeof f->err);
}

static void done(struct fixture *f)
{
    annals__arena_free(&f->arena);
    assert_int_equal(f->t.live, 0);
}

static void test_json_extracts_requested_members(void **state)
{
    struct fixture f = {0};
    (void)state;
    assert_int_equal(parse(&f, "{\"text\":\"Talks resumed.\",\"other\":[1,{\"x\":null}],\"id\":\"a7\"}"),
                     ANNALS_OK);
    assert_int_equal(f.m[0].type, JSON_STRING);
    assert_string_equal(f.m[0].value, "a7");
    assert_int_equal(f.m[1].type, JSON_STRING);
    assert_string_equal(f.m[1].value, "Talks resumed.");
    assert_int_equal(f.m[2].type, JSON_ABSENT);
    done(&f);
}

static void test_json_unescapes_and_joins_surrogate_pairs(void **state)
{
    struct fixture f = {0};
    (void)state;
    assert_int_equal(parse(&f, "{\"text\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\"}"), ANNALS_OK);
    assert_string_equal(f.m[1].value, "a\"b\\c\n\xC3\xA9\xF0\x9F\x98\x80");
    assert_int_equal(f.m[1].len, 12);
    done(&f);
}

static void test_json_lone_surrogate_becomes_replacement_character(void **state)
{
    struct fixture f = {0};
    (void)state;
    assert_int_equal(parse(&f, "{\"text\":\"x\\udc00y\"}"), ANNALS_OK);
    assert_string_equal(f.m[1].value, "x\xEF\xBF\xBDy");
    done(&f);
}

static void test_json_reports_type_of_non_string_members(void **state)
{
    struct fixture f = {0};
    (void)state;
    assert_int_equal(parse(&f, "{\"id\":-12.5e3,\"text\":true,\"date\":null}"), ANNALS_OK);
    assert_int_equal(f.m[0].type, JSON_NUMBER);
    assert_string_equal(f.m[0].value, "-12.5e3");
    assert_int_equal(f.m[1].type, JSON_TRUE);
    assert_int_equal(f.m[2].type, JSON_NULL);
    done(&f);
}

static void test_json_last_of_repeated_keys_wins(void **state)
{
    struct fixture f = {0};
    (void)state;
    assert_int_equal(parse(&f, "{\"text\":\"first\",\"text\":\"second\"}"), ANNALS_OK);
    assert_string_equal(f.m[1].value, "second");
    done(&f);
}

static void test_json_errors_name_the_column(void **state)
{
    static const struct { const char *in, *msg; } cases[] = {
        {"{\"text\":\"open", "column 14: unterminated string"},
        {"[1]", "column 1: a record must be a JSON object"},
        {"{\"text\":01}", "column 10: ',' or '}' expected"},
        {"{\"a\":1,}", "column 8: object key expected"},
        {"{\"a\" 1}", "column 6: ':' expected"},
        {"{\"a\":1} x", "column 9: text after the end of the object"},
        {"{\"a\":\"\\x\"}", "column 8: bad escape"},
        {"{\"a\":\"\\u12g4\"}", "column 8: bad \\u escape"},
        {"{\"a\":tru}", "column 6: unexpected character"},
        {"{\"a\":\"tab\there\"}", "column 10: control character in string"},
        {"{\"a\":1.}", "column 8: bad number"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fixture f = {0};
        assert_int_equal(parse(&f, cases[i].in), ANNALS_EFORMAT);
        assert_string_equal(f.err, cases[i].msg);
        done(&f);
    }
}

static void test_json_nesting_is_capped(void **state)
{
    char deep[2 * JSON_MAX_DEPTH + 16];
    size_t n = 0;
    struct fixture f = {0};
    (void)state;
    deep[n++] = '{';
    deep[n++] = '"';
    deep[n++] = 'a';
    deep[n++] = '"';
    deep[n++] = ':';
    for (int i = 0; i < JSON_MAX_DEPTH; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    assert_int_equal(parse(&f, deep), ANNALS_EFORMAT);
    assert_non_null(strstr(f.err, "nesting deeper than 64 levels"));
    done(&f);
}

static void test_json_refused_allocation_is_enomem(void **state)
{
    struct fixture f = {0};
    (void)state;
    f.t.fail_at = 1;
    assert_int_equal(parse(&f, "{\"text\":\"needs memory\"}"), ANNALS_ENOMEM);
    done(&f);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_extracts_requested_members),
        cmocka_unit_test(test_json_unescapes_and_joins_surrogate_pairs),
        cmocka_unit_test(test_json_lone_surrogate_becomes_replacement_character),
        cmocka_unit_test(test_json_reports_type_of_non_string_members),
        cmocka_unit_test(test_json_last_of_repeated_keys_wins),
        cmocka_unit_test(test_json_errors_name_the_column),
        cmocka_unit_test(test_json_nesting_is_capped),
        cmocka_unit_test(test_json_refused_allocation_is_enomem),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
