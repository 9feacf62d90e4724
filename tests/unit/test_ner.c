/* test_ner.c -- NER readers, span scoring, gazetteer building and the
** entity layer's model-free parts (src/ner_data.c, src/ner.c, src/ner_train.c). */
#include "unit.h"

#include <stdio.h>

#include "ner.h"

static const char iob1[] =
    "-DOCSTART- -X- -X- O\n"
    "\n"
    "EU NNP B-NP I-ORG\n"
    "rejects VBZ B-VP O\n"
    "German JJ B-NP I-MISC\n"
    "call NN I-NP O\n"
    "to TO B-VP O\n"
    "Peter NNP B-NP I-PER\n"
    "Blackburn NNP I-NP I-PER\n"
    ". . O O\n"
    "\n";

static void test_ner_reads_iob1_as_entities(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct ner_corpus c;
    char err[200] = "";
    (void)state;

    annals__ner_corpus_init(&c, &a);
    assert_int_equal(annals__ner_corpus_read(&c, iob1, sizeof iob1 - 1, NERF_AUTO, NULL, err,
                                             sizeof err), ANNALS_OK);
    assert_int_equal(c.n_sent, 1);
    assert_int_equal(c.n_doc, 1);
    assert_int_equal(c.n_tok, 8);
    assert_int_equal(c.gold[0], NER_B(NER_ORG));
    assert_int_equal(c.gold[2], 0);                 /* MISC without a demonym list: O */
    assert_int_equal(c.gold[5], NER_B(NER_PER));
    assert_int_equal(c.gold[6], NER_I(NER_PER));
    annals__ner_corpus_free(&c);
    assert_int_equal(t.live, 0);
    assert_int_equal(t.bad_osize, 0);
}

static void test_ner_reads_uner_id_columns_and_comments(void **state)
{
    static const char uner[] =
        "# newdoc id = d1\n# sent_id = s1\n# text = in tampa bay\n"
        "1\tin\tO\t-\t-\n2\ttampa\tB-LOC\t-\tx\n3\tbay\tI-LOC\t-\tx\n\n";
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct ner_corpus c;
    char err[200] = "";
    (void)state;

    annals__ner_corpus_init(&c, &a);
    assert_int_equal(annals__ner_corpus_read(&c, uner, sizeof uner - 1, NERF_AUTO, NULL, err,
                                             sizeof err), ANNALS_OK);
    assert_int_equal(c.n_tok, 3);
    assert_memory_equal(c.tok[1].s, "tampa", 5);
    assert_int_equal(c.gold[1], NER_B(NER_LOC));
    assert_int_equal(c.gold[2], NER_I(NER_LOC));
    annals__ner_corpus_free(&c);
    assert_int_equal(t.live, 0);
}

static void test_ner_gum_leaves_out_noncommercial_genres(void **state)
{
    static const char gum[] =
        "# newdoc id = GUM_whow_cooking\n# text = Ask Mary\nAsk\tVERB\tO\nMary\tPROPN\tB-PERSON\n\n"
        "# newdoc id = GUM_news_iodine\n# text = in New York\nin\tADP\tO\n"
        "New\tPROPN\tO\nYork\tPROPN\tB-LOC\n\n";
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct ner_corpus c;
    char err[200] = "";
    (void)state;

    annals__ner_corpus_init(&c, &a);
    assert_int_equal(annals__ner_corpus_read(&c, gum, sizeof gum - 1, NERF_GUM, NULL, err,
                                             sizeof err), ANNALS_OK);
    assert_int_equal(c.skipped_docs, 1);
    assert_int_equal(c.n_sent, 1);
    assert_int_equal(c.n_tok, 3);
    /* the silver span "York" takes back its proper-noun neighbour */
    assert_int_equal(c.gold[1], NER_B(NER_LOC));
    assert_int_equal(c.gold[2], NER_I(NER_LOC));
    annals__ner_corpus_free(&c);
    assert_int_equal(t.live, 0);
}

static void test_ner_rejects_a_line_without_a_tag(void **state)
{
    static const char bad[] = "EU\tI-ORG\nrejects\n\n";
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct ner_corpus c;
    char err[200] = "";
    (void)state;

    annals__ner_corpus_init(&c, &a);
    assert_int_equal(annals__ner_corpus_read(&c, bad, sizeof bad - 1, NERF_AUTO, NULL, err,
                                             sizeof err), ANNALS_EFORMAT);
    assert_non_null(strstr(err, "line 2"));
    annals__ner_corpus_free(&c);
    assert_int_equal(t.live, 0);
}

static void test_ner_counts_exact_matches_only(void **state)
{
    const uint8_t gold[] = { NER_B(NER_PER), NER_I(NER_PER), 0, NER_B(NER_LOC), 0,
                             NER_B(NER_ORG) };
    const uint8_t sys[] = { NER_B(NER_PER), 0, 0, NER_B(NER_LOC), 0, NER_B(NER_LOC) };
    struct ner_counts k;
    (void)state;

    memset(&k, 0, sizeof k);
    annals__ner_count(gold, sys, 6, &k);
    assert_int_equal(k.gold[NER_PER], 1);
    assert_int_equal(k.sys[NER_PER], 1);
    assert_int_equal(k.ok[NER_PER], 0);       /* boundary differs */
    assert_int_equal(k.ok[NER_LOC], 1);
    assert_int_equal(k.sys[NER_LOC], 2);      /* wrong type is a false positive */
    assert_int_equal(k.gold[NER_ORG], 1);
    assert_int_equal(k.ok[NER_ORG], 0);
}

static void test_ner_inside_only_continues_its_type(void **state)
{
    (void)state;
    assert_false(annals__ner_follows(0, NER_I(NER_PER)));
    assert_true(annals__ner_follows(0, NER_B(NER_ORG)));
    assert_true(annals__ner_follows(NER_B(NER_PER), NER_I(NER_PER)));
    assert_true(annals__ner_follows(NER_I(NER_PER), NER_I(NER_PER)));
    assert_false(annals__ner_follows(NER_B(NER_LOC), NER_I(NER_PER)));
    assert_true(annals__ner_follows(NER_I(NER_LOC), 0));
}

/* A scorer for annals__ner_viterbi that ignores the keys: the word scores
** of token i are emit[i], the pair scores are those of pair (the decoder
** asks for the word scores, then the pair scores, of each token in turn). */
struct fixed_scores {
    const float (*emit)[NER_N_LABELS];
    const float *pair;
    size_t token;
};

static void score_fixed(const void *w, int pair, const uint64_t *keys, size_t n, float *scores)
{
    struct fixed_scores *f = (struct fixed_scores *)(uintptr_t)w;
    (void)keys;
    (void)n;
    if (!pair) {
        for (unsigned l = 0; l < NER_N_LABELS; l++)
            scores[l] += f->emit[f->token][l];
        return;
    }
    for (unsigned c = 0; c < NER_N_PAIRS; c++)
        scores[c] += f->pair[c];
    f->token++;
}

static void test_ner_viterbi_finds_the_best_valid_sequence(void **state)
{
    /* Token by token, O wins the first word and I-PER (which may not
    ** follow O) the second; B-PER I-PER scores more as a whole.  A third
    ** word prefers I-ORG, which may not follow I-PER (O B-ORG I-ORG scores
    ** 3.0, B-PER I-PER O 3.4). */
    float emit[3][NER_N_LABELS] = { { 0 } };
    float pair[NER_N_PAIRS] = { 0 };
    struct ner_atoms at[3];
    struct fixed_scores f = { emit, pair, 0 };
    uint8_t labels[3];
    (void)state;
    memset(at, 0, sizeof at);
    emit[0][0] = 1.0f;
    emit[0][NER_B(NER_PER)] = 0.9f;
    emit[0][NER_I(NER_ORG)] = 5.0f;
    emit[1][NER_I(NER_PER)] = 2.0f;
    emit[2][NER_I(NER_ORG)] = 2.0f;
    emit[2][0] = 0.5f;
    annals__ner_viterbi(at, 3, score_fixed, &f, labels);
    assert_int_equal(labels[0], NER_B(NER_PER));
    assert_int_equal(labels[1], NER_I(NER_PER));
    assert_int_equal(labels[2], 0);
    /* A pair weight that penalises O after I-PER makes the third word B-ORG. */
    emit[2][NER_B(NER_ORG)] = 0.4f;
    pair[(NER_I(NER_PER) + 1) * NER_N_LABELS + 0] = -1.0f;
    f.token = 0;
    annals__ner_viterbi(at, 3, score_fixed, &f, labels);
    assert_int_equal(labels[2], NER_B(NER_ORG));
}

/* Build a gazetteer into m from the lines of text (written to a scratch
** file named after tag, read and removed): annals__ner_build_gaz's code. */
static int gaz_from_text(struct ner_model *m, const struct annals_alloc *a, const char *tag,
                         const char *text, char *err, size_t errlen)
{
    char path[128];
    snprintf(path, sizeof path, "build/test_ner_%s.tsv", tag);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        snprintf(path, sizeof path, "/tmp/test_ner_%s.tsv", tag);
        f = fopen(path, "w");
    }
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    memset(m, 0, sizeof *m);
    m->alloc = a;
    const char *p = path;
    int rc = annals__ner_build_gaz(m, &p, 1, NULL, err, errlen);
    remove(path);
    return rc;
}

static void test_ner_gazetteer_matches_phrases_case_insensitively(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct ner_model m;
    char err[200] = "";
    (void)state;

    assert_int_equal(gaz_from_text(&m, &a, "gaz",
                                   "# test\nNew York\tcity\nPakistani\tdemonym\tPakistan\n"
                                   "Army\torgkey\n", err, sizeof err), ANNALS_OK);
    struct ner_tok ny[2] = { { "NEW", 3, 0 }, { "york", 4, 0 } };
    struct ner_tok pk[1] = { { "Pakistani", 9, 0 } };
    assert_int_equal(annals__ner_gaz_lookup(&m, ny, 2), 1u << GZ_CITY);
    assert_int_equal(annals__ner_gaz_lookup(&m, ny, 1), 0);     /* a prefix only */
    assert_int_equal(annals__ner_gaz_lookup(&m, pk, 1), 1u << GZ_DEMONYM);
    annals__free(&a, m.gaz, (m.gaz_mask + 1) * sizeof *m.gaz);
    assert_int_equal(t.live, 0);
}

static void test_ner_aliases_share_a_reference_name(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct ner_model m;
    char err[200] = "";
    (void)state;

    assert_int_equal(gaz_from_text(&m, &a, "alias",
                                   "Pentagon\talias\tUS Department of Defense\n"
                                   "Defense Department\talias\tUS Department of Defense\n"
                                   "Energy Department\talias\tUS Department of Energy\n",
                                   err, sizeof err), ANNALS_OK);
    struct ner_tok pg[1] = { { "pentagon", 8, 0 } };
    struct ner_tok dd[2] = { { "Defense", 7, 0 }, { "Department", 10, 0 } };
    struct ner_tok full[4] = { { "US", 2, 0 }, { "Department", 10, 0 }, { "of", 2, 0 },
                               { "Defense", 7, 0 } };
    struct ner_tok en[2] = { { "Energy", 6, 0 }, { "Department", 10, 0 } };
    uint64_t g = annals__ner_alias(&m, pg, 1);
    assert_true(g != 0);
    assert_true(annals__ner_alias(&m, dd, 2) == g);
    assert_true(annals__ner_alias(&m, full, 4) == g);  /* the reference name itself */
    assert_true(annals__ner_alias(&m, en, 2) != 0);
    assert_true(annals__ner_alias(&m, en, 2) != g);
    assert_true(annals__ner_alias(&m, full, 2) == 0);  /* "US Department" alone */
    assert_int_equal(annals__ner_gaz_lookup(&m, pg, 1), 0);   /* no gazetteer class */
    annals__free(&a, m.gaz, (m.gaz_mask + 1) * sizeof *m.gaz);
    annals__free(&a, m.alias, (m.alias_mask + 1) * sizeof *m.alias);
    assert_int_equal(t.live, 0);
}

static void test_ner_rejects_an_alias_without_its_name(void **state)
{
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct ner_model m;
    char err[200] = "";
    (void)state;

    assert_int_equal(gaz_from_text(&m, &a, "alias2", "Pentagon\talias\n", err, sizeof err),
                     ANNALS_EFORMAT);
    assert_non_null(strstr(err, ":1: alias without"));
    annals__free(&a, m.gaz, (m.gaz_mask + 1) * sizeof *m.gaz);
    assert_int_equal(t.live, 0);
}

static void test_ner_upos_numbers_universal_tags(void **state)
{
    (void)state;
    assert_int_equal(annals__ner_upos("ADJ", 3), 1);
    assert_int_equal(annals__ner_upos("PROPN", 5), 12);
    assert_int_equal(annals__ner_upos("X", 1), NER_N_UPOS - 1);
    assert_int_equal(annals__ner_upos("PROP", 4), 0);
    assert_int_equal(annals__ner_upos(NULL, 0), 0);
}

/* Words of the same capitalised run share its position code and last word. */
static void test_ner_capitalised_runs_join_across_of(void **state)
{
    struct ner_tok w[6] = { { "the", 3, 0 }, { "Ministry", 8, 0 }, { "of", 2, 0 },
                            { "Defence", 7, 0 }, { "said", 4, 0 }, { "Kirby", 5, 0 } };
    struct ner_atoms at[6];
    struct ner_model m;
    (void)state;
    memset(&m, 0, sizeof m);
    annals__ner_atoms(&m, w, 6, at);
    assert_int_equal(at[0].seq, 0);
    assert_int_equal(at[1].seq, 1 << 6 | 2 << 3 | 3);  /* after "the", first of 3 */
    assert_int_equal(at[2].seq, 1 << 6 | 3 << 3 | 3);
    assert_int_equal(at[3].seq, 1 << 6 | 4 << 3 | 3);
    assert_true(at[1].seq_last == at[3].lower);
    assert_int_equal(at[4].seq, 0);
    assert_int_equal(at[5].seq, 1 << 3 | 1);           /* a single capitalised word */
}

/* A small gazetteer (organisation keywords, a place, a title, an
** organisation), built into m. */
static void build_test_gaz(struct ner_model *m, const struct annals_alloc *a)
{
    char err[200] = "";
    assert_int_equal(gaz_from_text(m, a, "refine",
                                   "University\torgkey\nBank\torgkey\nWest Bank\tregion\n"
                                   "Dr\ttitle\nKelvar Trust\torg\n", err, sizeof err),
                     ANNALS_OK);
}

/* Run the post-tagging passes over words w[0..n) with labels lab, with the
** small test gazetteer or none, and check that nothing leaks. */
static void refine(const struct ner_tok *w, size_t n, uint8_t *lab, int with_gaz)
{
    struct ner_atoms at[16];
    struct test_alloc t = {0};
    struct annals_alloc a = test_alloc_of(&t);
    struct ner_model m;
    assert_true(n <= sizeof at / sizeof at[0]);
    if (with_gaz)
        build_test_gaz(&m, &a);
    else
        memset(&m, 0, sizeof m);
    annals__ner_atoms(&m, w, n, at);
    annals__ner_refine(&m, w, at, n, lab, &a);
    if (with_gaz)
        annals__free(&a, m.gaz, (m.gaz_mask + 1) * sizeof *m.gaz);
    assert_int_equal(t.live, 0);
}

static void test_ner_run_ending_in_orgkey_becomes_one_org(void **state)
{
    struct ner_tok w[5] = { { "She", 3, 0 }, { "left", 4, 0 }, { "Brindle", 7, 0 },
                            { "University", 10, 0 }, { "early", 5, 0 } };
    (void)state;
    uint8_t loc[5] = { 0, 0, NER_B(NER_LOC), NER_I(NER_LOC), 0 };
    refine(w, 5, loc, 1);
    assert_int_equal(loc[2], NER_B(NER_ORG));
    assert_int_equal(loc[3], NER_I(NER_ORG));
    uint8_t cut[5] = { 0, 0, NER_B(NER_PER), NER_B(NER_ORG), 0 };      /* two types: kept */
    refine(w, 5, cut, 1);
    assert_int_equal(cut[2], NER_B(NER_PER));
    assert_int_equal(cut[3], NER_B(NER_ORG));
}

static void test_ner_run_known_as_a_place_stays_a_place(void **state)
{
    struct ner_tok w[4] = { { "in", 2, 0 }, { "the", 3, 0 }, { "West", 4, 0 },
                            { "Bank", 4, 0 } };
    (void)state;
    uint8_t lab[4] = { 0, 0, NER_B(NER_LOC), NER_I(NER_LOC) };
    refine(w, 4, lab, 1);
    assert_int_equal(lab[2], NER_B(NER_LOC));
    assert_int_equal(lab[3], NER_I(NER_LOC));
}

static void test_ner_mentions_are_cut_at_a_lower_case_verb(void **state)
{
    uint8_t verb = annals__ner_upos("VERB", 4), propn = annals__ner_upos("PROPN", 5);
    struct ner_tok w[4] = { { "Ghana", 5, propn }, { "criticised", 10, verb },
                            { "Kenya", 5, propn }, { ".", 1, 0 } };
    (void)state;
    uint8_t lab[4] = { NER_B(NER_LOC), NER_I(NER_LOC), NER_I(NER_LOC), 0 };
    refine(w, 4, lab, 1);
    assert_int_equal(lab[0], NER_B(NER_LOC));
    assert_int_equal(lab[1], 0);
    assert_int_equal(lab[2], NER_B(NER_LOC));
}

static void test_ner_repeated_names_take_the_majority_type(void **state)
{
    struct ner_tok w[9] = { { "Quillon", 7, 0 }, { "sued", 4, 0 }, { "Quillon", 7, 0 },
                            { "and", 3, 0 }, { "Quillon", 7, 0 }, { "won", 3, 0 },
                            { "quillon", 7, 0 }, { "Tarn", 4, 0 }, { "Quillon", 7, 0 } };
    (void)state;
    uint8_t lab[9] = { NER_B(NER_ORG), 0, NER_B(NER_ORG), 0, 0, 0, 0, NER_B(NER_PER),
                       NER_I(NER_PER) };
    refine(w, 9, lab, 0);
    assert_int_equal(lab[4], NER_B(NER_ORG));       /* missed, now tagged */
    assert_int_equal(lab[6], 0);                    /* written otherwise */
    assert_int_equal(lab[8], NER_I(NER_PER));       /* inside another mention */
}

static void test_ner_repeated_names_skip_ties(void **state)
{
    struct ner_tok w[3] = { { "Ardent", 6, 0 }, { "Ardent", 6, 0 }, { "Ardent", 6, 0 } };
    (void)state;
    uint8_t lab[3] = { NER_B(NER_ORG), NER_B(NER_LOC), 0 };
    refine(w, 3, lab, 0);
    assert_int_equal(lab[2], 0);
}

static void test_ner_person_mentions_leave_out_titles(void **state)
{
    struct ner_tok w[4] = { { "Dr", 2, 0 }, { "Joan", 4, 0 }, { "Kerrin", 6, 0 },
                            { "Dr", 2, 0 } };
    (void)state;
    uint8_t lab[4] = { NER_B(NER_PER), NER_I(NER_PER), NER_I(NER_PER), NER_B(NER_PER) };
    refine(w, 4, lab, 1);
    assert_int_equal(lab[0], 0);
    assert_int_equal(lab[1], NER_B(NER_PER));
    assert_int_equal(lab[2], NER_I(NER_PER));
    assert_int_equal(lab[3], NER_B(NER_PER));      /* a title alone is left to the tagger */
}

static void test_ner_mentions_take_in_articles_and_legal_forms(void **state)
{
    struct ner_tok w[9] = { { "Yusra", 5, 0 }, { "al", 2, 0 }, { "-", 1, 0 },
                            { "Harbi", 5, 0 }, { "joined", 6, 0 }, { "Quorvex", 7, 0 },
                            { ",", 1, 0 }, { "Inc.", 4, 0 }, { ".", 1, 0 } };
    (void)state;
    uint8_t lab[9] = { NER_B(NER_PER), 0, 0, NER_B(NER_PER), 0, NER_B(NER_ORG), 0, 0, 0 };
    refine(w, 9, lab, 0);
    assert_int_equal(lab[0], NER_B(NER_PER));
    for (size_t i = 1; i <= 3; i++)
        assert_int_equal(lab[i], NER_I(NER_PER));   /* one name: "Yusra al - Harbi" */
    assert_int_equal(lab[5], NER_B(NER_ORG));
    assert_int_equal(lab[6], NER_I(NER_ORG));
    assert_int_equal(lab[7], NER_I(NER_ORG));
    assert_int_equal(lab[8], 0);
}

static void test_ner_mentions_follow_conventions(void **state)
{
    struct ner_tok w[9] = { { "On", 2, 0 }, { "Aug", 3, 0 }, { "12", 2, 0 }, { "the", 3, 0 },
                            { "Kelvar", 6, 0 }, { "Trust", 5, 0 }, { "met", 3, 0 },
                            { "the", 3, 0 }, { "Pell", 4, 0 } };
    (void)state;
    uint8_t lab[9] = { 0, NER_B(NER_LOC), 0, NER_B(NER_LOC), NER_I(NER_LOC), NER_I(NER_LOC), 0,
                       NER_B(NER_PER), NER_I(NER_PER) };
    refine(w, 9, lab, 1);
    assert_int_equal(lab[1], 0);                    /* a date */
    assert_int_equal(lab[3], 0);                    /* no leading "the" */
    assert_int_equal(lab[4], NER_B(NER_ORG));       /* known organisation */
    assert_int_equal(lab[5], NER_I(NER_ORG));
    assert_int_equal(lab[7], 0);
    assert_int_equal(lab[8], NER_B(NER_PER));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ner_reads_iob1_as_entities),
        cmocka_unit_test(test_ner_reads_uner_id_columns_and_comments),
        cmocka_unit_test(test_ner_gum_leaves_out_noncommercial_genres),
        cmocka_unit_test(test_ner_rejects_a_line_without_a_tag),
        cmocka_unit_test(test_ner_counts_exact_matches_only),
        cmocka_unit_test(test_ner_inside_only_continues_its_type),
        cmocka_unit_test(test_ner_viterbi_finds_the_best_valid_sequence),
        cmocka_unit_test(test_ner_gazetteer_matches_phrases_case_insensitively),
        cmocka_unit_test(test_ner_aliases_share_a_reference_name),
        cmocka_unit_test(test_ner_rejects_an_alias_without_its_name),
        cmocka_unit_test(test_ner_upos_numbers_universal_tags),
        cmocka_unit_test(test_ner_capitalised_runs_join_across_of),
        cmocka_unit_test(test_ner_run_ending_in_orgkey_becomes_one_org),
        cmocka_unit_test(test_ner_run_known_as_a_place_stays_a_place),
        cmocka_unit_test(test_ner_mentions_are_cut_at_a_lower_case_verb),
        cmocka_unit_test(test_ner_repeated_names_take_the_majority_type),
        cmocka_unit_test(test_ner_repeated_names_skip_ties),
        cmocka_unit_test(test_ner_person_mentions_leave_out_titles),
        cmocka_unit_test(test_ner_mentions_take_in_articles_and_legal_forms),
        cmocka_unit_test(test_ner_mentions_follow_conventions),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
