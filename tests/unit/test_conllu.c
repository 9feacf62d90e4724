/* test_conllu.c -- the CoNLL-U reader (src/conllu.c). */
#include "unit.h"
#include "conllu.h"

struct fixture {
    struct test_alloc t;
    struct annals_alloc a;
    struct conllu_corpus c;
    char err[200];
};

static int parse(struct fixture *f, const char *s)
{
    memset(f, 0, sizeof *f);
    f->a = test_alloc_of(&f->t);
    return annals__conllu_parse(&f->a, s, strlen(s), &f->c, f->err, sizeof f->err);
}

static void done(struct fixture *f)
{
    annals__conllu_free(&f->c);
    assert_int_equal(f->t.live, 0);
    assert_int_equal(f->t.bad_osize, 0);
}

static int str_is(struct conllu_str s, const char *want)
{
    return s.n == strlen(want) && memcmp(s.s, want, s.n) == 0;
}

#define W(id, form, head) id "\t" form "\t_\tX\t_\t_\t" head "\tdep\t_\t_\n"

static void test_conllu_reads_words_heads_and_comments(void **state)
{
    struct fixture f;
    const char *in =
        "# sent_id = harbour-1\n"
        "# text = Boats wait.\n"
        "1\tBoats\tboat\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
        "2\twait\twait\tVERB\tVBP\t_\t0\troot\t_\tSpaceAfter=No\n"
        "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
        "\n";
    (void)state;

    assert_int_equal(parse(&f, in), ANNALS_OK);
    assert_int_equal(f.c.n_sent, 1);
    assert_int_equal(f.c.n_word, 3);
    assert_int_equal(f.c.n_tok, 3);
    assert_true(str_is(f.c.sent[0].sent_id, "harbour-1"));
    assert_true(str_is(f.c.sent[0].text, "Boats wait."));
    assert_int_equal(f.c.sent[0].line, 1);
    assert_int_equal(f.c.sent[0].n_words, 3);
    assert_true(str_is(f.c.word[0].col[CONLLU_FORM], "Boats"));
    assert_true(str_is(f.c.word[0].col[CONLLU_LEMMA], "boat"));
    assert_true(str_is(f.c.word[0].col[CONLLU_FEATS], "Number=Plur"));
    assert_true(str_is(f.c.word[1].col[CONLLU_DEPREL], "root"));
    assert_int_equal(f.c.word[0].head, 2);
    assert_int_equal(f.c.word[1].head, 0);
    assert_int_equal(f.c.word[2].token, 2);
    done(&f);
}

static void test_conllu_space_after_no_clears_space_after(void **state)
{
    struct fixture f;
    const char *in =
        "1\ta\t_\tX\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\tb\t_\tX\t_\t_\t1\tdep\t_\tGloss=x|SpaceAfter=No\n"
        "3\tc\t_\tX\t_\t_\t1\tdep\t_\tSpaceAfter=No|Gloss=y\n"
        "4\td\t_\tX\t_\t_\t1\tdep\t_\tSpaceAfter=Nope\n"
        "5\te\t_\tX\t_\t_\t1\tdep\t_\tXSpaceAfter=No\n"
        "6\tf\t_\tX\t_\t_\t1\tdep\t_\t_\n";
    (void)state;

    assert_int_equal(parse(&f, in), ANNALS_OK);
    assert_int_equal(f.c.n_tok, 6);
    assert_int_equal(f.c.tok[0].space_after, 0);
    assert_int_equal(f.c.tok[1].space_after, 0);
    assert_int_equal(f.c.tok[2].space_after, 0);
    assert_int_equal(f.c.tok[3].space_after, 1);
    assert_int_equal(f.c.tok[4].space_after, 1);
    assert_int_equal(f.c.tok[5].space_after, 1);
    done(&f);
}

static void test_conllu_multiword_range_becomes_one_token_of_its_words(void **state)
{
    struct fixture f;
    const char *in =
        W("1", "We", "3")
        "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
        W("2", "ca", "0")
        W("3", "n't", "2")
        W("4", "!", "2")
        "\n";
    (void)state;

    assert_int_equal(parse(&f, in), ANNALS_OK);
    assert_int_equal(f.c.n_word, 4);
    assert_int_equal(f.c.n_tok, 3);
    assert_int_equal(f.c.sent[0].n_tokens, 3);
    assert_true(str_is(f.c.tok[1].form, "can't"));
    assert_int_equal(f.c.tok[1].first_word, 1);
    assert_int_equal(f.c.tok[1].n_words, 2);
    assert_int_equal(f.c.tok[1].space_after, 0);
    assert_int_equal(f.c.word[1].token, 1);
    assert_int_equal(f.c.word[2].token, 1);
    assert_int_equal(f.c.word[3].token, 2);
    assert_int_equal(f.c.tok[2].first_word, 3);
    done(&f);
}

static void test_conllu_skips_empty_nodes(void **state)
{
    struct fixture f;
    const char *in =
        W("1", "Ships", "2")
        W("2", "sailed", "0")
        "2.1\tsailed\t_\tX\t_\t_\t_\t_\t0:root\t_\n"
        W("3", "west", "2")
        "\n";
    (void)state;

    assert_int_equal(parse(&f, in), ANNALS_OK);
    assert_int_equal(f.c.n_word, 3);
    assert_true(str_is(f.c.word[2].col[CONLLU_FORM], "west"));
    done(&f);
}

static void test_conllu_reads_several_sentences_crlf_and_no_final_blank(void **state)
{
    struct fixture f;
    const char *in =
        "# newdoc id = d7\r\n"
        "# text = One.\r\n"
        "1\tOne\t_\tX\t_\t_\t0\troot\t_\t_\r\n"
        "\r\n"
        "\r\n"
        "# newpar\n"
        "1\tTwo\t_\tX\t_\t_\t0\troot\t_\t_\n"
        "\n"
        "1\tThree\t_\tX\t_\t_\t0\troot\t_\t_";
    (void)state;

    assert_int_equal(parse(&f, in), ANNALS_OK);
    assert_int_equal(f.c.n_sent, 3);
    assert_true(str_is(f.c.sent[0].text, "One."));
    assert_true(str_is(f.c.word[0].col[CONLLU_MISC], "_"));
    assert_int_equal(f.c.sent[0].newdoc, 1);
    assert_int_equal(f.c.sent[0].newpar, 1);
    assert_int_equal(f.c.sent[1].newdoc, 0);
    assert_int_equal(f.c.sent[1].newpar, 1);
    assert_int_equal(f.c.sent[2].newpar, 0);
    assert_int_equal(f.c.sent[1].line, 6);
    assert_int_equal(f.c.sent[2].line, 9);
    assert_true(str_is(f.c.word[2].col[CONLLU_FORM], "Three"));
    assert_int_equal(f.c.sent[2].first_word, 2);
    done(&f);
}

static void test_conllu_empty_input_is_an_empty_corpus(void **state)
{
    struct fixture f;
    (void)state;

    assert_int_equal(parse(&f, ""), ANNALS_OK);
    assert_int_equal(f.c.n_sent, 0);
    done(&f);
    assert_int_equal(parse(&f, "\n\n# just a comment\n"), ANNALS_OK);
    assert_int_equal(f.c.n_sent, 0);
    done(&f);
}

/* Parsing in must fail with EFORMAT and exactly the message want. */
static void expect_error(const char *in, const char *want)
{
    struct fixture f;
    assert_int_equal(parse(&f, in), ANNALS_EFORMAT);
    assert_string_equal(f.err, want);
    assert_int_equal(f.c.n_sent, 0);
    assert_null(f.c.word);
    assert_int_equal(f.t.live, 0);      /* the corpus was freed */
}

static void test_conllu_wrong_column_count_names_the_line(void **state)
{
    (void)state;
    expect_error(W("1", "a", "0") "2\tb\t_\tX\t_\t_\t1\tdep\t_\n\n",
                 "line 2: expected 10 tab-separated columns");
    expect_error("\n\n1\ta\n", "line 3: expected 10 tab-separated columns");
}

static void test_conllu_eleven_columns_are_an_error(void **state)
{
    (void)state;
    expect_error("1\ta\t_\tX\t_\t_\t0\troot\t_\t_\textra\n\n",
                 "line 1: expected 10 tab-separated columns");
    expect_error("1\ta\t_\tX\t_\t_\t0\troot\t_\t_\t\n\n",
                 "line 1: expected 10 tab-separated columns");
}

static void test_conllu_ids_out_of_sequence_name_the_line(void **state)
{
    (void)state;
    expect_error(W("1", "a", "0") W("3", "b", "1") "\n", "line 2: word id out of sequence");
    expect_error(W("2", "a", "0") "\n", "line 1: word id out of sequence");
    expect_error(W("0", "a", "0") "\n", "line 1: word id out of sequence");
    expect_error(W("x", "a", "0") "\n", "line 1: word id out of sequence");
}

static void test_conllu_bad_ranges_name_the_line(void **state)
{
    (void)state;
    expect_error("1-1\ta\t_\t_\t_\t_\t_\t_\t_\t_\n" W("1", "a", "0") "\n",
                 "line 1: bad multiword token range");
    expect_error(W("1", "a", "0") "3-4\tbc\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
                 "line 2: bad multiword token range");
    expect_error("1-3\tabc\t_\t_\t_\t_\t_\t_\t_\t_\n" W("1", "a", "0") W("2", "b", "1") "\n",
                 "line 4: multiword token range not covered");
}

static void test_conllu_range_open_at_end_of_input_is_an_error(void **state)
{
    (void)state;
    expect_error("1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n" W("1", "a", "0"),
                 "line 2: multiword token range not covered");
}

static void test_conllu_sentence_without_words_is_an_error(void **state)
{
    (void)state;
    expect_error("# text = ghost\n1.1\tghost\t_\tX\t_\t_\t_\t_\t0:root\t_\n\n",
                 "line 3: sentence has no words");
    expect_error("1.1\tghost\t_\tX\t_\t_\t_\t_\t0:root\t_\n",
                 "line 1: sentence has no words");
}

static void test_conllu_bad_head_and_late_comment_name_the_line(void **state)
{
    (void)state;
    expect_error(W("1", "a", "zero") "\n", "line 1: HEAD is not a number");
    expect_error(W("1", "a", "-1") "\n", "line 1: HEAD is not a number");
    expect_error(W("1", "a", "0") "# late\n\n", "line 2: comment inside a sentence");
}

static void test_conllu_refused_allocation_is_enomem_and_frees_everything(void **state)
{
    struct fixture f;
    static const char one[] = W("1", "a", "0") "\n";
    char big[sizeof one * 300];
    size_t n = 0;
    long calls;
    (void)state;

    /* Enough sentences to make every array grow at least once. */
    for (int i = 0; i < 300; i++) {
        memcpy(big + n, one, sizeof one - 1);
        n += sizeof one - 1;
    }
    big[n] = '\0';
    assert_int_equal(parse(&f, big), ANNALS_OK);
    calls = f.t.calls;
    done(&f);
    for (long k = 1; k <= calls; k++) {
        memset(&f, 0, sizeof f);
        f.a = test_alloc_of(&f.t);
        f.t.fail_at = k;
        assert_int_equal(annals__conllu_parse(&f.a, big, n, &f.c, f.err, sizeof f.err),
                         ANNALS_ENOMEM);
        assert_string_equal(f.err, "out of memory");
        assert_int_equal(f.t.live, 0);
        assert_int_equal(f.t.bad_osize, 0);
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conllu_reads_words_heads_and_comments),
        cmocka_unit_test(test_conllu_space_after_no_clears_space_after),
        cmocka_unit_test(test_conllu_multiword_range_becomes_one_token_of_its_words),
        cmocka_unit_test(test_conllu_skips_empty_nodes),
        cmocka_unit_test(test_conllu_reads_several_sentences_crlf_and_no_final_blank),
        cmocka_unit_test(test_conllu_empty_input_is_an_empty_corpus),
        cmocka_unit_test(test_conllu_wrong_column_count_names_the_line),
        cmocka_unit_test(test_conllu_eleven_columns_are_an_error),
        cmocka_unit_test(test_conllu_ids_out_of_sequence_name_the_line),
        cmocka_unit_test(test_conllu_bad_ranges_name_the_line),
        cmocka_unit_test(test_conllu_range_open_at_end_of_input_is_an_error),
        cmocka_unit_test(test_conllu_sentence_without_words_is_an_error),
        cmocka_unit_test(test_conllu_bad_head_and_late_comment_name_the_line),
        cmocka_unit_test(test_conllu_refused_allocation_is_enomem_and_frees_everything),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
