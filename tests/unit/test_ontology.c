/* test_ontology.c -- the compiled CAMEO/PLOVER/actor tables (src/ontology.c)
** and the user actor dictionary (src/actordict.c). */
#include "unit.h"

#include "ontology.h"

#include <stdio.h>

static const struct onto_tables *T(void)
{
    return annals__onto_builtin();
}

static const struct onto_event *ev(const char *code)
{
    return annals__onto_event(T(), code, strlen(code));
}

static const struct onto_name *name1(const char *s)
{
    size_t count = 0;
    const struct onto_name *n = annals__onto_name(T(), s, strlen(s), 0, &count);
    if (n != NULL)
        assert_int_equal(count, 1);
    return n;
}

/* --------------------------------------------------------- event codes */

static void test_onto_has_about_three_hundred_event_codes(void **state)
{
    (void)state;
    assert_int_equal(T()->n_events, 316);
    assert_int_equal(T()->n_plover, T()->n_events);
}

static void test_onto_every_root_is_present_with_its_quad_class(void **state)
{
    char code[3];
    int r;
    (void)state;

    for (r = 1; r <= 20; r++) {
        const struct onto_event *e;
        snprintf(code, sizeof code, "%02d", r);
        e = ev(code);
        assert_non_null(e);
        assert_int_equal(annals__onto_root(code, 2), r);
        /* 01-05 verbal cooperation, 06-08 material cooperation, 09-13
        ** verbal conflict, 14-20 material conflict. */
        assert_int_equal(e->quad, r <= 5 ? 1 : r <= 8 ? 2 : r <= 13 ? 3 : 4);
    }
}

static void test_onto_every_code_is_consistent_with_its_root(void **state)
{
    size_t i;
    (void)state;

    for (i = 0; i < T()->n_events; i++) {
        const struct onto_event *e = &T()->events[i];
        size_t len = strlen(e->code);
        int root = annals__onto_root(e->code, len);

        assert_true(root >= 1 && root <= 20);
        assert_true(e->goldstein >= -10.0 && e->goldstein <= 10.0);
        assert_int_equal(e->quad, annals__onto_quad_of_root(root));
        assert_non_null(annals__onto_event(T(), e->code, 2));
        if (len == 4)
            assert_non_null(annals__onto_event(T(), e->code, 3));
        assert_non_null(annals__onto_plover_of(T(), e->code, len));
    }
}

static void test_onto_known_codes_have_codebook_values(void **state)
{
    const struct onto_event *e;
    (void)state;

    e = ev("041");
    assert_non_null(e);
    assert_string_equal(e->name, "Discuss by telephone");
    assert_true(e->goldstein == 1.0);
    e = ev("0874");
    assert_non_null(e);
    assert_true(e->goldstein == 10.0);
    assert_int_equal(e->quad, 2);
    e = ev("1823");
    assert_non_null(e);
    assert_true(e->goldstein == -10.0);
    assert_int_equal(e->quad, 4);
    e = ev("192");
    assert_non_null(e);
    assert_string_equal(e->name, "Occupy territory");
    assert_null(ev("099"));
    assert_null(ev("21"));
    assert_null(ev("0"));
    assert_non_null(annals__onto_event(T(), "0410", 3));   /* only len bytes count */
    assert_null(ev("0415"));
}

static void test_onto_root_refuses_malformed_codes(void **state)
{
    (void)state;
    assert_int_equal(annals__onto_root("00", 2), -1);
    assert_int_equal(annals__onto_root("21", 2), -1);
    assert_int_equal(annals__onto_root("1", 1), -1);
    assert_int_equal(annals__onto_root("12345", 5), -1);
    assert_int_equal(annals__onto_root("1a3", 3), -1);
    assert_int_equal(annals__onto_root("1951", 4), 19);
    assert_int_equal(annals__onto_quad_of_root(0), 0);
    assert_int_equal(annals__onto_quad_of_root(21), 0);
}

static void test_onto_plover_types_and_modes(void **state)
{
    const struct onto_plover *p;
    (void)state;

    p = annals__onto_plover_of(T(), "041", 3);
    assert_string_equal(p->type, "CONSULT");
    assert_string_equal(p->mode, "phone");
    p = annals__onto_plover_of(T(), "043", 3);
    assert_int_equal(p->swap, 1);
    p = annals__onto_plover_of(T(), "1384", 4);
    assert_string_equal(p->type, "THREATEN");
    assert_string_equal(p->mode, "violence");
    p = annals__onto_plover_of(T(), "173", 3);
    assert_string_equal(p->type, "COERCE");
    assert_string_equal(p->mode, "arrest");
    p = annals__onto_plover_of(T(), "0841", 4);
    assert_string_equal(p->type, "RETREAT");
    assert_string_equal(p->mode, "release");
    p = annals__onto_plover_of(T(), "1033", 4);
    assert_string_equal(p->type, "REQUEST");
    p = annals__onto_plover_of(T(), "010", 3);
    assert_string_equal(p->type, "-");       /* PLOVER drops comments */
    p = annals__onto_plover_of(T(), "193", 3);
    assert_string_equal(p->type, "ASSAULT");
    assert_string_equal(p->mode, "firearms");
}

/* ------------------------------------------------------------- actors */

static void test_onto_countries_from_iso_codes(void **state)
{
    const struct onto_country *c;
    (void)state;

    assert_true(T()->n_countries >= 249);
    c = annals__onto_country(T(), "AFG", 3);
    assert_non_null(c);
    assert_string_equal(c->alpha2, "AF");
    assert_string_equal(c->name, "Afghanistan");
    assert_null(annals__onto_country(T(), "XYZ", 3));
    assert_null(annals__onto_country(T(), "AF", 2));
}

static void test_onto_demonyms_and_adjectives(void **state)
{
    static const char *const cases[][2] = {
        {"Afghan", "AFG"},    {"Afghans", "AFG"},   {"Pakistani", "PAK"}, {"Pakistanis", "PAK"},
        {"American", "USA"},  {"Americans", "USA"}, {"British", "GBR"},   {"Britons", "GBR"},
        {"Chinese", "CHN"},   {"Israeli", "ISR"},   {"Palestinian", "PSE"},
        {"North Korean", "PRK"}, {"South Korean", "KOR"}, {"Dutch", "NLD"},
        {"Nigerien", "NER"},  {"Nigerian", "NGA"},  {"Filipino", "PHL"},
    };
    size_t i;
    (void)state;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct onto_name *n = name1(cases[i][0]);
        assert_non_null(n);
        assert_string_equal(n->code, cases[i][1]);
        assert_true(n->kinds & (ONTO_ADJ | ONTO_DEMONYM));
    }
    /* Shared between two countries, so deliberately absent. */
    assert_null(name1("Korean"));
    assert_null(name1("Congolese"));
}

static void test_onto_capitals_and_seats_are_government_metonyms(void **state)
{
    static const char *const cases[][3] = {
        {"Washington", "USA", "GOV"}, {"Kabul", "AFG", "GOV"},   {"Islamabad", "PAK", "GOV"},
        {"Moscow", "RUS", "GOV"},     {"Beijing", "CHN", "GOV"}, {"Kremlin", "RUS", "GOV"},
        {"White House", "USA", "GOV"}, {"Pentagon", "USA", "MIL"}, {"Knesset", "ISR", "LEG"},
    };
    size_t i;
    (void)state;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct onto_name *n = name1(cases[i][0]);
        assert_non_null(n);
        assert_string_equal(n->code, cases[i][1]);
        assert_string_equal(n->sector, cases[i][2]);
        assert_true(n->kinds & (ONTO_CAPITAL | ONTO_SEAT));
    }
}

static void test_onto_country_names_regions_and_organisations(void **state)
{
    const struct onto_name *n;
    (void)state;

    n = name1("Ivory Coast");
    assert_string_equal(n->code, "CIV");
    n = name1("Afghanistan");
    assert_true(n->kinds & ONTO_ISO);
    n = name1("Middle East");
    assert_string_equal(n->code, "MEA");
    assert_true(n->kinds & ONTO_REGION);
    n = name1("United Nations");
    assert_string_equal(n->code, "UNO");
    assert_string_equal(n->sector, "IGO");
    n = name1("Human Rights Watch");
    assert_string_equal(n->sector, "NGO");
    n = name1("World Bank");
    assert_true(n->kinds & ONTO_IGO);
}

static void test_onto_names_are_case_sensitive_unless_folded(void **state)
{
    size_t count;
    const struct onto_name *n;
    (void)state;

    assert_null(annals__onto_name(T(), "turkey", 6, 0, &count));
    assert_int_equal(count, 0);
    n = annals__onto_name(T(), "TURKEY", 6, ONTO_FOLD, &count);
    assert_non_null(n);
    assert_string_equal(n->code, "TUR");
    assert_int_equal(count, 1);
    /* Not NUL-terminated: only len bytes count. */
    n = annals__onto_name(T(), "Kabul said", 5, 0, NULL);
    assert_non_null(n);
    assert_string_equal(n->code, "AFG");
    assert_null(annals__onto_name(T(), "Kabu", 4, 0, NULL));
    assert_null(annals__onto_name(T(), "", 0, 0, NULL));
}

static void test_onto_sector_words(void **state)
{
    static const char *const cases[][2] = {
        {"ministry", "GOV"}, {"army", "MIL"},         {"Air Force", "MIL"},
        {"police", "COP"},   {"rebels", "REB"},       {"insurgents", "INS"},
        {"militants", "REB"}, {"parliament", "LEG"},  {"court", "JUD"},
        {"spokesperson", "GOV"}, {"journalists", "MED"}, {"refugees", "REF"},
    };
    size_t i;
    char big[80];
    (void)state;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *s = annals__onto_sector_word(T(), cases[i][0], strlen(cases[i][0]));
        assert_non_null(s);
        assert_string_equal(s, cases[i][1]);
    }
    assert_null(annals__onto_sector_word(T(), "teapot", 6));
    memset(big, 'a', sizeof big);
    assert_null(annals__onto_sector_word(T(), big, sizeof big));
    assert_string_equal(annals__onto_sector(T(), "HRI", 3)->label, "Human rights");
}

/* --------------------------------------------------------- validation */

static void count_msg(void *ud, const char *msg)
{
    if (getenv("ONTO_VERBOSE") != NULL)
        fprintf(stderr, "%s\n", msg);
    (*(int *)ud)++;
}

static void test_onto_builtin_tables_pass_the_check(void **state)
{
    int n = 0;
    (void)state;
    assert_int_equal(annals__onto_check(T(), count_msg, &n), 0);
    assert_int_equal(n, 0);
}

static void test_onto_check_finds_broken_tables(void **state)
{
    /* A tiny ontology with one of each mistake. */
    static const struct onto_event events[] = {
        {"01", "STATEMENT", 0.0, 1},
        {"0101", "orphan sub-code", 0.0, 1},   /* no 010 */
        {"02", "APPEAL", 3.0, 3},              /* wrong quad */
        {"023", "appeal", 12.0, 1},            /* Goldstein out of range */
        {"22", "no such root", 0.0, 4},
    };
    static const struct onto_plover plover[] = {
        {"01", "-", "-", "-", 0},
        {"0101", "-", "-", "-", 0},
        {"02", "-", "-", "-", 0},              /* no type outside root 01 */
        {"023", "REQUEST", "phone", "-", 0},   /* not a REQUEST mode */
        {"099", "ACCUSE", "-", "-", 0},        /* no such code; 22 unmapped */
    };
    static const struct onto_country countries[] = {{"AFG", "AF", "Afghanistan", "-", "-"}};
    static const struct onto_sector sectors[] = {{"GOV", "Government"}};
    static const struct onto_role roles[] = {{"army", "MIL"}};   /* unknown sector */
    static const struct onto_name names[] = {
        {"Afghan", "AFG", "-", ONTO_ADJ},
        {"Kabul", "AFG", "GOV", ONTO_CAPITAL},
        {"Kabul", "PAK", "GOV", ONTO_CAPITAL},    /* conflict */
        {"Zed", "ZED", "-", ONTO_DEMONYM},        /* unknown country */
    };
    struct onto_tables t = {events, 5, plover, 5, countries, 1, sectors, 1,
                            roles, 1, names, 4};
    int n = 0;
    size_t problems;
    (void)state;

    problems = annals__onto_check(&t, count_msg, &n);
    assert_int_equal((int)problems, n);
    /* 0101 parent; 02 quad; 023 Goldstein; 22 malformed; roots 03-20
    ** missing (18); 02 no type; 023 mode; 099 unknown; army sector; Kabul
    ** conflict and PAK unknown; Zed country. */
    assert_int_equal(problems, 1 + 1 + 1 + 1 + 18 + 1 + 1 + 1 + 1 + 2 + 1);
}

/* ---------------------------------------------- user actor dictionary */

static const char dict_text[] =
    "#annals-actors 1\n"
    "# name\tcode\tsector\tfrom\tuntil\taliases\n"
    "Jana Petrova\tRUS\tGOV\t2012-05\t2020-01-15\tPetrova|Minister Petrova\n"
    "Jana Petrova\tRUS\tELI\t2020-01-16\t-\n"
    "Harbour Watch\tNGO\tHRI\t-\t-\n"
    "\n"
    "Northern Front\tAFG\tREB\t2019\t2021\r\n";

static int load(struct test_alloc *ta, const char *text, struct annals_actordict **d,
                char *err, size_t errlen)
{
    struct annals_alloc a = test_alloc_of(ta);
    return annals__actordict_load(&a, T(), text, strlen(text), d, err, errlen);
}

static void test_actordict_loads_names_aliases_and_dates(void **state)
{
    struct test_alloc ta = {0};
    struct annals_actordict *d;
    const struct actor_entry *e;
    char err[128];
    (void)state;

    assert_int_equal(load(&ta, dict_text, &d, err, sizeof err), ANNALS_OK);
    assert_int_equal(d->n, 6);
    e = annals__actordict_lookup(d, "Petrova", 7, 20150301);
    assert_non_null(e);
    assert_string_equal(e->code, "RUS");
    assert_string_equal(e->sector, "GOV");
    assert_string_equal(e->canonical, "Jana Petrova");
    e = annals__actordict_lookup(d, "Jana Petrova", 12, 20200116);
    assert_string_equal(e->sector, "ELI");
    e = annals__actordict_lookup(d, "Jana Petrova", 12, 20200115);
    assert_string_equal(e->sector, "GOV");
    /* Unknown date: the entry that starts last. */
    e = annals__actordict_lookup(d, "Jana Petrova", 12, 0);
    assert_string_equal(e->sector, "ELI");
    /* Only the first row carries the aliases; outside its range, nothing. */
    assert_null(annals__actordict_lookup(d, "Petrova", 7, 20210101));
    assert_null(annals__actordict_lookup(d, "Petrova", 7, 20120430));
    assert_non_null(annals__actordict_lookup(d, "Petrova", 7, 20120501));
    e = annals__actordict_lookup(d, "Northern Front", 14, 20211231);
    assert_non_null(e);
    assert_string_equal(e->code, "AFG");
    assert_null(annals__actordict_lookup(d, "Northern Front", 14, 20220101));
    assert_non_null(annals__actordict_lookup(d, "Harbour Watch", 13, 19000101));
    assert_null(annals__actordict_lookup(d, "Harbour", 7, 0));
    assert_null(annals__actordict_lookup(NULL, "Harbour", 7, 0));
    annals__actordict_free(d);
    annals__actordict_free(NULL);
    assert_int_equal(ta.live, 0);
    assert_int_equal(ta.bad_osize, 0);
}

static void test_actordict_refuses_bad_files_with_a_line_number(void **state)
{
    static const char *const cases[][2] = {
        {"Jana\tRUS\tGOV\t-\t-\n", "line 1: the first line must be '#annals-actors 1'"},
        {"#annals-actors 1\nJana\tRUS\tGOV\t-\n", "line 2: expected 5 or 6 tab-separated columns"},
        {"#annals-actors 1\nJana\tXYZ\tGOV\t-\t-\n", "line 2: unknown actor code 'XYZ'"},
        {"#annals-actors 1\nJana\tRUS\tBOSS\t-\t-\n", "line 2: unknown sector code 'BOSS'"},
        {"#annals-actors 1\nJana\t-\t-\t-\t-\n", "line 2: neither an actor code nor a sector"},
        {"#annals-actors 1\n#\nJana\tRUS\tGOV\t2020-13\t-\n", "line 3: bad date '2020-13'"},
        {"#annals-actors 1\nJana\tRUS\tGOV\t2021\t2020\n", "line 2: the range ends before it starts"},
        {"#annals-actors 1\nJana\tRUS\tGOV\t-\t-\tJ||K\n", "line 2: bad alias ''"},
        {"#annals-actors 1\nJana\tRUS\tGOV\t2010\t2015\nJana\tRUS\tELI\t2015-06\t-\n",
         "line 3: overlapping dates for 'Jana' (also line 2)"},
        {"#annals-actors 1\n\xff\tRUS\tGOV\t-\t-\n", "line 2: bad name '\xff'"},
    };
    size_t i;
    (void)state;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct test_alloc ta = {0};
        struct annals_actordict *d = (struct annals_actordict *)&ta;
        char err[128];
        assert_int_equal(load(&ta, cases[i][0], &d, err, sizeof err), ANNALS_EFORMAT);
        assert_null(d);
        assert_string_equal(err, cases[i][1]);
        assert_int_equal(ta.live, 0);
    }
}

static void test_actordict_every_refused_allocation_is_enomem_without_leaks(void **state)
{
    long n, calls;
    (void)state;

    {
        struct test_alloc ta = {0};
        struct annals_actordict *d;
        char err[128];
        assert_int_equal(load(&ta, dict_text, &d, err, sizeof err), ANNALS_OK);
        calls = ta.calls;
        annals__actordict_free(d);
    }
    assert_true(calls >= 3);
    for (n = 1; n <= calls; n++) {
        struct test_alloc ta = {0};
        struct annals_actordict *d;
        char err[128];
        ta.fail_at = n;
        assert_int_equal(load(&ta, dict_text, &d, err, sizeof err), ANNALS_ENOMEM);
        assert_null(d);
        assert_int_equal(ta.live, 0);
    }
}

static void test_actordict_load_file_reports_missing_files(void **state)
{
    struct test_alloc ta = {0};
    struct annals_alloc a = test_alloc_of(&ta);
    struct annals_actordict *d;
    char err[256];
    (void)state;

    assert_int_equal(annals__actordict_load_file(&a, T(), "/nonexistent/actors.tsv", &d, err,
                                                 sizeof err),
                     ANNALS_EIO);
    assert_null(d);
    assert_int_equal(ta.live, 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_onto_has_about_three_hundred_event_codes),
        cmocka_unit_test(test_onto_every_root_is_present_with_its_quad_class),
        cmocka_unit_test(test_onto_every_code_is_consistent_with_its_root),
        cmocka_unit_test(test_onto_known_codes_have_codebook_values),
        cmocka_unit_test(test_onto_root_refuses_malformed_codes),
        cmocka_unit_test(test_onto_plover_types_and_modes),
        cmocka_unit_test(test_onto_countries_from_iso_codes),
        cmocka_unit_test(test_onto_demonyms_and_adjectives),
        cmocka_unit_test(test_onto_capitals_and_seats_are_government_metonyms),
        cmocka_unit_test(test_onto_country_names_regions_and_organisations),
        cmocka_unit_test(test_onto_names_are_case_sensitive_unless_folded),
        cmocka_unit_test(test_onto_sector_words),
        cmocka_unit_test(test_onto_builtin_tables_pass_the_check),
        cmocka_unit_test(test_onto_check_finds_broken_tables),
        cmocka_unit_test(test_actordict_loads_names_aliases_and_dates),
        cmocka_unit_test(test_actordict_refuses_bad_files_with_a_line_number),
        cmocka_unit_test(test_actordict_every_refused_allocation_is_enomem_without_leaks),
        cmocka_unit_test(test_actordict_load_file_reports_missing_files),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
