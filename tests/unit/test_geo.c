/* test_geo.c -- the gazetteer (src/gazetteer.c) and the geo stage
** (src/geo.c) over the committed models/geo.model.  Run from the
** repository root, as make does. */
#include "unit.h"

#include "doc.h"
#include "geo.h"

#include <stdio.h>

static void annotate(struct model_fixture *f, const char *text)
{
    annals_doc_reset(f->d);
    assert_int_equal(annals_annotate(f->p, f->d, text, strlen(text)), ANNALS_OK);
    assert_true(f->d->has_geo);
}

/* The place found at text "what" (first occurrence), or fail. */
static void place_at(struct model_fixture *f, const char *text, const char *what,
                     struct gaz_place *gp, struct gaz_country *gc)
{
    size_t start = (size_t)(strstr(text, what) - text);
    for (size_t i = 0; i < f->d->place.n; i++)
        if (f->d->place.v[i].start == start) {
            annals__gaz_place(f->p->gaz, f->d->place.v[i].place, gp);
            annals__gaz_country(f->p->gaz, gp->country, gc);
            assert_int_equal(f->d->place.v[i].end, start + strlen(what));
            return;
        }
    fail_msg("no place at '%s'", what);
}

static int has_place_at(struct model_fixture *f, const char *text, const char *what)
{
    size_t start = (size_t)(strstr(text, what) - text);
    for (size_t i = 0; i < f->d->place.n; i++)
        if (f->d->place.v[i].start == start)
            return 1;
    return 0;
}

static void test_fold_lowercases_strips_marks_and_periods(void **state)
{
    char out[64];
    size_t n;
    (void)state;
    n = annals__gaz_fold("São  Paulo", strlen("São  Paulo"), out, sizeof out);
    assert_int_equal(n, 9);
    assert_memory_equal(out, "sao paulo", 9);
    n = annals__gaz_fold("U.S.", 4, out, sizeof out);
    assert_int_equal(n, 2);
    assert_memory_equal(out, "us", 2);
    n = annals__gaz_fold("Port-au-Prince", 14, out, sizeof out);
    assert_memory_equal(out, "port au prince", n);
    assert_int_equal(annals__gaz_fold("Kinshasa", 8, out, 4), 0);
}

static void test_country_name_is_the_country(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Officials said Jordan would reopen the crossing next week.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "Jordan", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_COUNTRY);
    assert_string_equal(gc.alpha2, "JO");
    assert_string_equal(gc.alpha3, "JOR");
}

static void test_a_country_name_that_is_a_division_follows_the_other_places(void **state)
{
    struct model_fixture *f = *state;
    const char *state_text = "The governor of Georgia signed the bill in Atlanta on Monday.";
    const char *country_text = "Georgia accused Russia of occupying Abkhazia.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, state_text);
    place_at(f, state_text, "Georgia", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_ADMIN1);
    assert_string_equal(gc.alpha3, "USA");
    annotate(f, country_text);
    place_at(f, country_text, "Georgia", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_COUNTRY);
    assert_string_equal(gc.alpha3, "GEO");
}

static void test_a_possessive_country_is_a_place(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Kenya\u2019s president met Ghana's foreign minister.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "Ghana", &gp, &gc);
    assert_string_equal(gc.alpha3, "GHA");
    place_at(f, text, "Kenya", &gp, &gc);
    assert_string_equal(gc.alpha3, "KEN");
}

static void test_town_named_like_a_person_is_no_place(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "The talks in Lisbon ended on Monday. Asked about them, Kirby had "
                       "hoped for more.";
    annotate(f, text);
    assert_true(has_place_at(f, text, "Lisbon"));
    assert_false(has_place_at(f, text, "Kirby"));
}

static void test_old_spelling_kiev_finds_kyiv(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "The delegation flew to Kiev on Monday.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "Kiev", &gp, &gc);
    assert_string_equal(gp.name, "Kyiv");
    assert_int_equal(gp.geonameid, 703448);
    assert_string_equal(gc.alpha2, "UA");
}

static void test_division_after_a_comma_picks_the_small_town(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "A tornado damaged homes in Paris, Texas, late on Sunday.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "Paris", &gp, &gc);
    assert_string_equal(gc.alpha2, "US");
    assert_int_equal(gp.kind, GAZ_CITY);
    place_at(f, text, "Texas", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_ADMIN1);
}

static void test_without_context_the_larger_place_wins(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Farmers drove their tractors into Paris to protest.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "Paris", &gp, &gc);
    assert_string_equal(gc.alpha2, "FR");
    assert_true(gp.flags & GAZ_F_CAPITAL);
}

static void test_title_or_longer_name_is_not_a_place(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Gen. Jackson met reporters from the Washington Post in a hotel.";
    annotate(f, text);
    assert_false(has_place_at(f, text, "Jackson"));
    assert_false(has_place_at(f, text, "Washington"));
}

static void test_pronoun_us_is_not_the_united_states(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Nobody told Us about it, she said, but the US embassy did.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    assert_false(has_place_at(f, text, "Us"));
    place_at(f, text, "US", &gp, &gc);
    assert_string_equal(gc.alpha2, "US");
}

static void test_dateline_is_a_place_and_sets_the_country(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "ODESA, Ukraine (Agency) - Ships left the port of Odesa on Friday.";
    annotate(f, text);
    assert_true(f->d->place.n >= 1);
    assert_int_equal(f->d->place.v[0].source, GEO_SRC_DATELINE);
    struct gaz_place gp;
    struct gaz_country gc;
    annals__gaz_place(f->p->gaz, f->d->place.v[0].place, &gp);
    annals__gaz_country(f->p->gaz, gp.country, &gc);
    assert_string_equal(gc.alpha2, "UA");
}

static void test_resolve_takes_spans_from_another_stage(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Aid reached the city of Mosul after a week.";
    struct geo_span sp;
    annotate(f, text);
    /* tokens: Aid reached the city of Mosul ... */
    sp.first_token = 5;
    sp.n_tokens = 1;
    sp.source = GEO_SRC_NER;
    assert_int_equal(annals__geo_resolve(f->p, f->d, &sp, 1), ANNALS_OK);
    assert_int_equal(f->d->place.n, 1);
    assert_int_equal(f->d->place.v[0].source, GEO_SRC_NER);
    struct gaz_place gp;
    struct gaz_country gc;
    annals__gaz_place(f->p->gaz, f->d->place.v[0].place, &gp);
    annals__gaz_country(f->p->gaz, gp.country, &gc);
    assert_string_equal(gc.alpha2, "IQ");
}

/* The alpha-2 code of the place found at text "what". */
static const char *country_at(struct model_fixture *f, const char *text, const char *what)
{
    static struct gaz_country gc;
    struct gaz_place gp;
    place_at(f, text, what, &gp, &gc);
    return gc.alpha2;
}

static void test_a_name_is_no_evidence_for_itself(void **state)
{
    struct model_fixture *f = *state;
    const char *sindh = "The heat closed schools in Hyderabad and Karachi for a week.";
    const char *libya = "Militias traded fire in Tripoli before a truce held in Misrata.";
    annotate(f, sindh);
    assert_string_equal(country_at(f, sindh, "Hyderabad"), "PK");
    annotate(f, libya);
    assert_string_equal(country_at(f, libya, "Tripoli"), "LY");
}

static void test_congo_follows_the_towns_of_the_article(void **state)
{
    struct model_fixture *f = *state;
    const char *east = "Rebels closed in on Goma while the army of Congo regrouped.";
    const char *west = "Congo raised fuel prices, and taxi drivers in Brazzaville went on strike.";
    const char *alone = "Congo signed a mining deal on Thursday.";
    annotate(f, east);
    assert_string_equal(country_at(f, east, "Congo"), "CD");
    annotate(f, west);
    assert_string_equal(country_at(f, west, "Congo"), "CG");
    annotate(f, alone);
    assert_string_equal(country_at(f, alone, "Congo"), "CD");
}

static void test_a_country_name_beside_its_namesake_division_stays_the_country(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Niger shut its border with Nigeria after the coup, traders in Kano said.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "Niger", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_COUNTRY);
    assert_string_equal(gc.alpha2, "NE");
}

static void test_a_division_of_two_countries_follows_the_other_places(void **state)
{
    struct model_fixture *f = *state;
    const char *pakistan = "Floods in Punjab reached the outskirts of Faisalabad.";
    const char *india = "Floods in Punjab reached the outskirts of Amritsar.";
    annotate(f, pakistan);
    assert_string_equal(country_at(f, pakistan, "Punjab"), "PK");
    annotate(f, india);
    assert_string_equal(country_at(f, india, "Punjab"), "IN");
}

static void test_a_town_before_a_comma_qualifies_the_region_after_it(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Students rallied in Athens, Georgia, on Friday.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "Georgia", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_ADMIN1);
    assert_string_equal(gc.alpha2, "US");
    assert_string_equal(country_at(f, text, "Athens"), "US");
}

static void test_a_division_after_a_comma_picks_a_town_of_its_country(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "A car plant in London, Ontario, will close in May.";
    annotate(f, text);
    assert_string_equal(country_at(f, text, "London"), "CA");
    assert_false(has_place_at(f, text, "May"));
}

static void test_the_dateline_qualifier_is_a_place_and_picks_the_town(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "TRIPOLI, Lebanon (Agency) - A fire destroyed the old market.";
    annotate(f, text);
    assert_true(f->d->place.n >= 2);
    assert_int_equal(f->d->place.v[1].source, GEO_SRC_DATELINE);
    assert_string_equal(country_at(f, text, "TRIPOLI"), "LB");
    assert_string_equal(country_at(f, text, "Lebanon"), "LB");
}

static void test_a_given_name_after_in_is_a_place_only_with_support(void **state)
{
    struct model_fixture *f = *state;
    const char *chile = "Chile declared an emergency, and officials in Santiago said schools "
                        "would close.";
    const char *alone = "Storms brought down trees across Lincoln on Monday.";
    const char *county = "Storms brought down trees across Kent on Monday.";
    annotate(f, chile);
    assert_string_equal(country_at(f, chile, "Santiago"), "CL");
    annotate(f, alone);
    assert_false(has_place_at(f, alone, "Lincoln"));
    /* Kent is also the English county, which needs no support. */
    annotate(f, county);
    assert_string_equal(country_at(f, county, "Kent"), "GB");
}

static void test_a_given_name_the_ner_stage_calls_a_place_is_one_with_support(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Georgetown and Linden ran short of fuel, Guyana's energy agency said.";
    annotate(f, text);
    assert_string_equal(country_at(f, text, "Georgetown"), "GY");
}

static void test_the_name_of_a_building_is_no_town(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Protesters gathered outside the White House. The Paris office stayed "
                       "open, and tensions between the West and Moscow grew.";
    annotate(f, text);
    assert_false(has_place_at(f, text, "White House"));
    assert_false(has_place_at(f, text, "West"));
    assert_true(has_place_at(f, text, "Paris"));
    assert_true(has_place_at(f, text, "Moscow"));
}

static void test_regions_and_features_are_places(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "In the Caucasus, snow cut roads, while aid reached Darfur by way of "
                       "the Strait of Hormuz and barges waited on the Danube at Budapest.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "Darfur", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_FEATURE);
    assert_string_equal(gc.alpha2, "SD");
    assert_true(gp.flags & GAZ_F_COORDS);
    assert_true(has_place_at(f, text, "Caucasus"));
    place_at(f, text, "Strait of Hormuz", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_FEATURE);
    /* A river of ten countries takes the one the article names. */
    assert_string_equal(country_at(f, text, "Danube"), "HU");
}

static void test_a_division_is_found_without_its_iso_division_word(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Floods hit villages in Yunnan and Hubei.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "Yunnan", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_ADMIN1);
    assert_string_equal(gc.alpha2, "CN");
}

static void test_a_longer_feature_name_is_not_its_last_word(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Storms flooded homes across the West Midlands overnight.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, text);
    place_at(f, text, "West Midlands", &gp, &gc);
    assert_string_equal(gc.alpha2, "GB");
    assert_false(has_place_at(f, text, "Midlands"));
}

static void test_a_demonym_is_evidence_of_its_country(void **state)
{
    struct model_fixture *f = *state;
    const char *plain = "Troops gathered in Tripoli, and crowds marched in Beirut.";
    const char *lebanese = "Lebanese troops gathered in Tripoli, and crowds marched in Beirut.";
    const char *bolivian = "Bolivian farmers blocked the roads around Santa Cruz.";
    annotate(f, plain);
    assert_string_equal(country_at(f, plain, "Tripoli"), "LY");
    annotate(f, lebanese);
    assert_string_equal(country_at(f, lebanese, "Tripoli"), "LB");
    annotate(f, bolivian);
    assert_string_equal(country_at(f, bolivian, "Santa Cruz"), "BO");
}

static void test_two_names_of_a_country_in_the_sentence_outweigh_a_capital(void **state)
{
    struct model_fixture *f = *state;
    const char *two = "Power cuts hit Tripoli and Beirut as Lebanon ran short of fuel.";
    const char *apart = "Lebanon ran short of fuel. Power cuts hit Tripoli on Monday.";
    annotate(f, two);
    assert_string_equal(country_at(f, two, "Tripoli"), "LB");
    annotate(f, apart);
    assert_string_equal(country_at(f, apart, "Tripoli"), "LY");
}

static void test_a_small_namesake_of_a_capital_needs_a_comma(void **state)
{
    struct model_fixture *f = *state;
    const char *bare = "The bank, based in Oakland, California, hired staff in Dublin.";
    const char *comma = "The bank hired staff in Dublin, California.";
    annotate(f, bare);
    assert_string_equal(country_at(f, bare, "Dublin"), "IE");
    annotate(f, comma);
    assert_string_equal(country_at(f, comma, "Dublin"), "US");
}

static void test_a_noun_beside_a_name_tells_its_kind(void **state)
{
    struct model_fixture *f = *state;
    const char *river = "Farmers in Sudan drew water from the Blue Nile river.";
    const char *state_ = "Farmers in Sudan fled fighting in Blue Nile state.";
    struct gaz_place gp;
    struct gaz_country gc;
    annotate(f, river);
    place_at(f, river, "Blue Nile", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_FEATURE);
    annotate(f, state_);
    place_at(f, state_, "Blue Nile", &gp, &gc);
    assert_int_equal(gp.kind, GAZ_ADMIN1);
    assert_string_equal(gc.alpha2, "SD");
}

static void test_damaged_gazetteer_is_refused(void **state)
{
    struct model_fixture *f = *state;
    struct annals_alloc a = test_alloc_of(&f->t);
    struct annals_gazetteer *g = NULL;
    unsigned char *img;
    size_t len, cap;
    char err[256];
    assert_int_equal(annals__slurp(&a, "models/geo.model", &img, &len, &cap, err, sizeof err),
                     ANNALS_OK);
    assert_int_equal(annals__gaz_open_memory(&a, img, len, &g, err, sizeof err), ANNALS_OK);
    annals__gaz_close(&a, g);
    img[len / 2] ^= 0x5a;
    assert_int_equal(annals__gaz_open_memory(&a, img, len, &g, err, sizeof err), ANNALS_EMODEL);
    assert_null(g);
    assert_non_null(strstr(err, "geo.model"));
    annals__free(&a, img, cap);
}

#define T(name) cmocka_unit_test_setup_teardown(name, model_fixture_setup, model_fixture_teardown)

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_lowercases_strips_marks_and_periods),
        T(test_country_name_is_the_country),
        T(test_old_spelling_kiev_finds_kyiv),
        T(test_division_after_a_comma_picks_the_small_town),
        T(test_without_context_the_larger_place_wins),
        T(test_title_or_longer_name_is_not_a_place),
        T(test_a_country_name_that_is_a_division_follows_the_other_places),
        T(test_a_possessive_country_is_a_place),
        T(test_town_named_like_a_person_is_no_place),
        T(test_pronoun_us_is_not_the_united_states),
        T(test_dateline_is_a_place_and_sets_the_country),
        T(test_resolve_takes_spans_from_another_stage),
        T(test_a_name_is_no_evidence_for_itself),
        T(test_congo_follows_the_towns_of_the_article),
        T(test_a_country_name_beside_its_namesake_division_stays_the_country),
        T(test_a_division_of_two_countries_follows_the_other_places),
        T(test_a_town_before_a_comma_qualifies_the_region_after_it),
        T(test_a_division_after_a_comma_picks_a_town_of_its_country),
        T(test_the_dateline_qualifier_is_a_place_and_picks_the_town),
        T(test_a_given_name_after_in_is_a_place_only_with_support),
        T(test_a_given_name_the_ner_stage_calls_a_place_is_one_with_support),
        T(test_the_name_of_a_building_is_no_town),
        T(test_regions_and_features_are_places),
        T(test_a_longer_feature_name_is_not_its_last_word),
        T(test_a_division_is_found_without_its_iso_division_word),
        T(test_a_demonym_is_evidence_of_its_country),
        T(test_two_names_of_a_country_in_the_sentence_outweigh_a_capital),
        T(test_a_small_namesake_of_a_capital_needs_a_comma),
        T(test_a_noun_beside_a_name_tells_its_kind),
        T(test_damaged_gazetteer_is_refused),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
