/* test_arena.c -- the per-document bump allocator (src/arena.c). */
#include "unit.h"

static void test_arena_returns_16_byte_aligned_distinct_blocks(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    unsigned char *p[64];
    (void)state;

    annals__arena_init(&ar, &a);
    for (size_t i = 0; i < 64; i++) {
        size_t n = 1 + i * 7;
        p[i] = annals__arena_alloc(&ar, n);
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % 16, 0);
        memset(p[i], (int)i, n);
    }
    /* No block was overwritten by a later one. */
    for (size_t i = 0; i < 64; i++)
        for (size_t k = 0; k < 1 + i * 7; k++)
            assert_int_equal(p[i][k], (unsigned char)i);
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

static void test_arena_zero_size_gives_a_usable_pointer(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    void *p, *q;
    (void)state;

    annals__arena_init(&ar, &a);
    p = annals__arena_alloc(&ar, 0);
    q = annals__arena_alloc(&ar, 0);
    assert_non_null(p);
    assert_non_null(q);
    assert_ptr_not_equal(p, q);
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
}

static void test_arena_serves_requests_larger_than_a_block(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    unsigned char *small, *big, *after;
    const size_t n = 300000;
    (void)state;

    annals__arena_init(&ar, &a);
    small = annals__arena_alloc(&ar, 10);
    big = annals__arena_alloc(&ar, n);
    assert_non_null(small);
    assert_non_null(big);
    memset(big, 0xAB, n);
    after = annals__arena_alloc(&ar, 10);
    assert_non_null(after);
    memset(after, 0xCD, 10);
    assert_int_equal(big[n - 1], 0xAB);
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

static void test_arena_impossible_sizes_give_null_and_leave_the_arena_usable(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    (void)state;

    annals__arena_init(&ar, &a);
    assert_null(annals__arena_alloc(&ar, SIZE_MAX));
    assert_null(annals__arena_alloc(&ar, SIZE_MAX - 8));
    assert_null(annals__arena_alloc(&ar, SIZE_MAX - 200));
    assert_null(annals__arena_strdup(&ar, "x", SIZE_MAX));
    assert_int_equal(t.live, 0);
    /* Still usable. */
    assert_non_null(annals__arena_alloc(&ar, 100));
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
}

static void test_arena_reset_reuses_blocks_without_allocating(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    long calls;
    (void)state;

    annals__arena_init(&ar, &a);
    for (int i = 0; i < 5; i++)
        assert_non_null(annals__arena_alloc(&ar, 50000));
    assert_non_null(annals__arena_alloc(&ar, 200000));
    calls = t.calls;
    annals__arena_reset(&ar);
    for (int i = 0; i < 5; i++)
        assert_non_null(annals__arena_alloc(&ar, 50000));
    assert_non_null(annals__arena_alloc(&ar, 200000));
    assert_int_equal(t.calls, calls);
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

static void test_arena_failed_allocation_returns_null_and_arena_stays_usable(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    char *s;
    (void)state;

    annals__arena_init(&ar, &a);
    t.fail_at = 1;
    assert_null(annals__arena_alloc(&ar, 10));
    assert_int_equal(t.failed, 1);
    s = annals__arena_strdup(&ar, "harbour", 7);
    assert_non_null(s);
    assert_string_equal(s, "harbour");
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
}

static void test_arena_strdup_copies_and_terminates(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    char src[] = "pier\0gate";
    char *s, *e;
    (void)state;

    annals__arena_init(&ar, &a);
    s = annals__arena_strdup(&ar, src, 9);
    e = annals__arena_strdup(&ar, NULL, 0);
    assert_non_null(s);
    assert_non_null(e);
    assert_memory_equal(s, "pier\0gate", 9);
    assert_int_equal(s[9], '\0');
    assert_int_equal(e[0], '\0');
    src[0] = 'X';
    assert_int_equal(s[0], 'p');
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
}

static void test_arena_free_twice_and_reset_of_empty_arena_are_harmless(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct annals_arena ar;
    (void)state;

    annals__arena_init(&ar, &a);
    annals__arena_reset(&ar);
    annals__arena_free(&ar);
    assert_non_null(annals__arena_alloc(&ar, 1));
    annals__arena_free(&ar);
    annals__arena_free(&ar);
    assert_int_equal(t.live, 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_returns_16_byte_aligned_distinct_blocks),
        cmocka_unit_test(test_arena_zero_size_gives_a_usable_pointer),
        cmocka_unit_test(test_arena_serves_requests_larger_than_a_block),
        cmocka_unit_test(test_arena_impossible_sizes_give_null_and_leave_the_arena_usable),
        cmocka_unit_test(test_arena_reset_reuses_blocks_without_allocating),
        cmocka_unit_test(test_arena_failed_allocation_returns_null_and_arena_stays_usable),
        cmocka_unit_test(test_arena_strdup_copies_and_terminates),
        cmocka_unit_test(test_arena_free_twice_and_reset_of_empty_arena_are_harmless),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
