/* test_actors.c -- the actor stage (src/actors.c) over the committed models:
** names, demonyms, metonyms against locations, titles, spokespersons,
** armed groups, organisations, pronouns, definite descriptions and the
** user actor dictionary.  Run from the top of the tree. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "actors.h"
#include "doc.h"

static char dict_file[] = "/tmp/annals-test-actors-XXXXXX";

static int setup_dict(void **state)
{
    int fd = mkstemp(dict_file);
    FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (fp == NULL)
        return -1;
    fputs("#annals-actors 1\n"
          "Vela Marsh\tAFG\tREB\t-\t-\tMarsh\n"
          "Corvin Ostrava\tCZE\tBUS\t-\t-\n",
          fp);
    fclose(fp);
    int rc = model_fixture_open(state, dict_file);
    remove(dict_file);
    return rc;
}

static void annotate(struct model_fixture *f, const char *text)
{
    annals_doc_reset(f->d);
    assert_int_equal(annals_annotate(f->p, f->d, text, strlen(text)), ANNALS_OK);
    assert_true(f->d->has_actors);
}

/* The actor code of the phrase at the nth occurrence of "what" (its last
** word with an actor), or "" when none. */
static const char *code_at(struct model_fixture *f, const char *text, const char *what, int nth)
{
    static char code[ACTOR_CODE_MAX];
    const char *at = text;
    for (int i = 0; i < nth; i++) {
        at = strstr(i == 0 ? text : at + 1, what);
        assert_non_null(at);
    }
    size_t s = (size_t)(at - text), e = s + strlen(what);
    code[0] = '\0';
    for (size_t w = f->d->word.n; w-- > 0;) {
        const struct doc_token *t = &f->d->tok.v[f->d->word.v[w].token];
        const struct doc_actor *a = annals__actor_of_word(f->d, w);
        if (t->start >= s && t->end <= e && a != NULL) {
            annals__actor_code(a, code);
            break;
        }
    }
    return code;
}

static const struct doc_actor *actor_at(struct model_fixture *f, const char *text, const char *what)
{
    size_t s = (size_t)(strstr(text, what) - text);
    for (size_t w = 0; w < f->d->word.n; w++)
        if (f->d->tok.v[f->d->word.v[w].token].start == s)
            return annals__actor_of_word(f->d, w);
    return NULL;
}

/* A bare "the government" belongs to the country the story is about, not to
** one named once in passing just before. */
static void test_bare_institution_takes_the_salient_country(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "DAKAR, May 2 (Newswire) - Senegal's navy said on Friday that it had "
                       "seized a trawler. A navy officer said the crew had sailed from "
                       "Gambia. The government promised to prosecute the owners.";
    annotate(f, text);
    assert_string_equal(code_at(f, text, "The government", 1), "SENGOV");
}

/* A region's people are of its country, not its government ("Tigrayan
** leaders" against the federal government are two actors); a sector of
** their own stays. */
static void test_a_regions_people_are_not_the_state(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "Tigrayan leaders accused the Ethiopian government of delaying the "
                       "return of displaced families.";
    annotate(f, text);
    assert_string_equal(code_at(f, text, "Tigrayan leaders", 1), "ETH");
    assert_string_equal(code_at(f, text, "the Ethiopian government", 1), "ETHGOV");
    text = "Punjabi farmers blocked a highway near the Indian capital.";
    annotate(f, text);
    assert_string_equal(code_at(f, text, "Punjabi farmers", 1), "INDAGR");
}

/* A possessive inside a capitalised name is part of it, and a liberation
** front, army or movement is an armed group. */
static void test_a_peoples_liberation_front_is_one_group(void **state)
{
    struct model_fixture *f = *state;
    const char *text = "The Sudanese government and the Sudan People's Liberation Movement "
                       "agreed on Monday to extend the truce.";
    annotate(f, text);
    assert_string_equal(code_at(f, text, "Liberation Movement", 1), "SDNREB");
    assert_string_equal(code_at(f, text, "People's", 1), "SDNREB");
}

/* The dateline's place is a place whatever its capitals look like to the
** entity tagger ("LIMA:" is no person). */
static void test_dateline_place_is_a_place(void **state)
{
    struct model_fixture *f = *state;
    const char *texts[] = {"LIMA: Peru's congress voted on Monday to extend the emergency.",
                           "EL FASHER, Sudan (Newswire) - Fighting resumed near the market."};
    for (size_t k = 0; k < 2; k++) {
        annotate(f, texts[k]);
        assert_true(f->d->ment.n > 0);
        assert_int_equal(f->d->ment.v[0].word, 0);
        assert_true(f->d->ment.v[0].type == ENT_GPE || f->d->ment.v[0].type == ENT_LOC);
    }
}

static void test_demonym_gives_the_country_and_the_noun_the_sector(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Pakistani officials said Afghan police had arrested two men.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Pakistani officials", 1), "PAKGOV");
    assert_string_equal(code_at(f, s, "Afghan police", 1), "AFGCOP");
    assert_int_equal(actor_at(f, s, "Pakistani")->source, ACTOR_FROM_DEMONYM);
    assert_string_equal(code_at(f, s, "two men", 1), "");
}

static void test_capital_that_speaks_is_its_government(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Washington said Kabul had accused Islamabad of lying.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Washington", 1), "USAGOV");
    assert_string_equal(code_at(f, s, "Kabul", 1), "AFGGOV");
    assert_string_equal(code_at(f, s, "Islamabad", 1), "PAKGOV");
    assert_int_equal(actor_at(f, s, "Washington")->source, ACTOR_FROM_METONYM);
}

static void test_mere_location_is_no_actor(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Two people were injured in Christchurch and at the Pak-Afghan border, "
                    "and a bomb exploded in Kabul.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Christchurch", 1), "");
    assert_string_equal(code_at(f, s, "border", 1), "");
    assert_string_equal(code_at(f, s, "Kabul", 1), "");
}

static void test_seat_of_government_acts_with_its_sector(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "The Pentagon said the Kremlin had rejected the offer.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Pentagon", 1), "USAMIL");
    assert_string_equal(code_at(f, s, "Kremlin", 1), "RUSGOV");
}

static void test_title_gives_country_and_sector_of_a_person(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "US Secretary of Defence Lloyd Austin met French Foreign Minister "
                    "Claire Dubois.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Lloyd Austin", 1), "USAMIL");
    assert_string_equal(code_at(f, s, "Claire Dubois", 1), "FRAGOV");
    assert_int_equal(actor_at(f, s, "US Secretary")->source, ACTOR_FROM_ROLE);
}

static void test_spokesperson_takes_the_body_spoken_for(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Pentagon Spokesperson John Kirby spoke first. A spokesman for the "
                    "Afghan army said a Taliban spokesman had lied.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "John Kirby", 1), "USAMIL");
    assert_string_equal(code_at(f, s, "A spokesman", 1), "AFGMIL");
    assert_string_equal(code_at(f, s, "a Taliban spokesman", 1), "AFGINS");
}

static void test_institution_takes_the_country_in_context(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Pakistan held talks with China on Monday. The army said the air force "
                    "was ready.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "The army", 1), "PAKMIL");
    assert_string_equal(code_at(f, s, "the air force", 1), "PAKMIL");
}

static void test_named_armed_groups_and_organisations(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "The Taliban and Boko Haram were condemned by the United Nations, "
                    "NATO and Amnesty International.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Taliban", 1), "AFGINS");
    assert_string_equal(code_at(f, s, "Boko Haram", 1), "NGAINS");
    assert_string_equal(code_at(f, s, "the United Nations", 1), "IGOUNO");
    assert_string_equal(code_at(f, s, "NATO", 1), "IGONATO");
    assert_string_equal(actor_at(f, s, "NATO")->org, "NATO");
    assert_string_equal(code_at(f, s, "Amnesty International", 1), "NGOAMNESTY");
}

static void test_counterpart_is_of_another_country(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Ghana's foreign minister called his Kenyan counterpart. The Nigerian "
                    "president later met his counterparts.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Kenyan counterpart", 1), "KENGOV");
    assert_string_equal(code_at(f, s, "counterparts", 1), "GOV");
}

static void test_a_title_stands_for_the_person_it_names(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "ACCRA: Ghana army chief General Kofi Mensah visited Lome on Monday.\n\n"
                    "Kenya sent a message to Chief of Army Staff (CAS) General Kofi Mensah on "
                    "Tuesday.\n";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Chief of Army Staff", 1), "GHAMIL");
}

static void test_an_organisation_is_no_description_of_a_person(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "US Secretary of Defense Lloyd Vance arrived. According to the US "
                    "Department of Defense, the talks went well.";
    annotate(f, s);
    const struct doc_actor *person = actor_at(f, s, "Lloyd Vance");
    const struct doc_actor *body = actor_at(f, s, "Department of Defense");
    assert_non_null(body);
    assert_string_equal(code_at(f, s, "US Department of Defense", 1), "USAMIL");
    assert_true(person == NULL || person->entity != body->entity || body->entity < 0);
}

static void test_we_in_a_quotation_is_the_speaker_s_side(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Kenyan army spokesman Paul Otieno spoke on Monday.\n\n"
                    "\"We are ready to help Somalia,\" Otieno said.\n";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "We", 1), "KENMIL");
}

static void test_a_place_right_after_a_body_is_its_country(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Egypt and Sudan resumed talks, the foreign ministry in Cairo said.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "the foreign ministry", 1), "EGYGOV");
}

static void test_she_agrees_with_a_woman_s_given_name(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Kenyan minister Grace Wanjiru met Ghanaian envoy Kwame Mensah on "
                    "Monday.\n\nShe said the talks went well.\n";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "She", 1), "KENGOV");
}

static void test_pronoun_takes_the_last_compatible_mention(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Chilean Interior Minister Ana Soto met the Ugandan army. She said it "
                    "had behaved well, and they agreed.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "She", 1), "CHLGOV");
    assert_string_equal(code_at(f, s, "it", 1), "UGAMIL");
    assert_int_equal(actor_at(f, s, "She")->source, ACTOR_FROM_COREF);
}

static void test_he_skips_an_organisation_and_crosses_sentences(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Turkish Defence Minister Kemal Aydin arrived on Monday. The European "
                    "Union welcomed the visit. He said Turkey would buy jets.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "He", 1), "TURMIL");
    assert_string_equal(code_at(f, s, "Turkey", 1), "TUR");
}

static void test_definite_description_finds_its_title(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Pakistan Army chief General Asif Rana met US officials. The army chief "
                    "said the border was secure.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "The army chief", 1), "PAKMIL");
    assert_int_equal(actor_at(f, s, "The army chief")->source, ACTOR_FROM_COREF);
}

static void test_surname_and_entity_share_the_actor(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Indian Foreign Minister Arun Mehta arrived in Colombo. Mehta said the "
                    "visit was useful.";
    annotate(f, s);
    const struct doc_actor *a = actor_at(f, s, "Mehta said");
    assert_non_null(a);
    assert_string_equal(code_at(f, s, "Mehta", 2), "INDGOV");
    assert_string_equal(code_at(f, s, "Colombo", 1), "");
}

static void test_user_dictionary_overrides_inference(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Vela Marsh met Corvin Ostrava in Kabul. Marsh said Pakistani officials "
                    "were absent.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Vela Marsh", 1), "AFGREB");
    assert_string_equal(code_at(f, s, "Corvin Ostrava", 1), "CZEBUS");
    assert_int_equal(actor_at(f, s, "Vela Marsh")->source, ACTOR_FROM_DICTIONARY);
    assert_string_equal(code_at(f, s, "Marsh", 2), "AFGREB");
    assert_string_equal(code_at(f, s, "Pakistani officials", 1), "PAKGOV");
}

static void test_actors_appear_in_the_json_record(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "The Kremlin denied the report.";
    const char *out;
    size_t len;
    annotate(f, s);
    assert_int_equal(annals_doc_write(f->d, ANNALS_FORMAT_JSON, &out, &len), ANNALS_OK);
    assert_non_null(strstr(out, "\"actors\":[{\"span\":[0,11],\"text\":\"The Kremlin\""));
    assert_non_null(strstr(out, "\"code\":\"RUSGOV\""));
    assert_non_null(strstr(out, "\"source\":\"metonym\""));
}

static void test_without_syntax_there_are_no_actors(void **state)
{
    annals_pipeline *p;
    annals_doc *d;
    (void)state;
    assert_int_equal(annals_pipeline_open(NULL, &p, NULL, 0), ANNALS_OK);
    assert_int_equal(annals_doc_new(p, &d), ANNALS_OK);
    assert_int_equal(annals_annotate(p, d, "Washington said no.", 19), ANNALS_OK);
    assert_false(d->has_actors);
    assert_null(annals__actor_of_word(d, 0));
    annals_doc_free(d);
    annals_pipeline_close(p);
}

#define T(name) cmocka_unit_test_setup_teardown(name, model_fixture_setup, model_fixture_teardown)

static void test_conjoined_demonyms_and_generic_sector_words(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Cuban and Mexican diplomats met a Colombian rebel commander. Syrian government "
                    "forces shelled the town.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "Cuban", 1), "CUBGOV");
    assert_string_equal(code_at(f, s, "Mexican diplomats", 1), "MEXGOV");
    assert_string_equal(code_at(f, s, "a Colombian rebel commander", 1), "COLREB");
    assert_string_equal(code_at(f, s, "Syrian government forces", 1), "SYRMIL");
}

static void test_a_generic_person_word_is_of_its_possessor_s_body(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "The Kenyan opposition called for protests. Its leader spoke in Nairobi.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "leader", 1), "KENOPP");
}

static void test_the_members_of_a_group_are_the_group(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "Israeli troops arrested two Hezbollah members near the border. Gang members "
                    "attacked a police post in the Haitian town of Mirebalais.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "two Hezbollah members", 1), "LBNREB");
    assert_string_equal(code_at(f, s, "Gang members", 1), "HTICRM");
}

static void test_a_sector_word_in_a_groups_name_is_part_of_the_name(void **state)
{
    struct model_fixture *f = *state;
    const char *s = "The Arakan Army attacked a police post in Rakhine state on Monday.";
    annotate(f, s);
    assert_string_equal(code_at(f, s, "The Arakan Army", 1), "MMRREB");
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        T(test_demonym_gives_the_country_and_the_noun_the_sector),
        T(test_capital_that_speaks_is_its_government),
        T(test_mere_location_is_no_actor),
        T(test_seat_of_government_acts_with_its_sector),
        T(test_title_gives_country_and_sector_of_a_person),
        T(test_spokesperson_takes_the_body_spoken_for),
        T(test_institution_takes_the_country_in_context),
        T(test_named_armed_groups_and_organisations),
        T(test_counterpart_is_of_another_country),
        T(test_a_title_stands_for_the_person_it_names),
        T(test_an_organisation_is_no_description_of_a_person),
        T(test_we_in_a_quotation_is_the_speaker_s_side),
        T(test_a_place_right_after_a_body_is_its_country),
        T(test_she_agrees_with_a_woman_s_given_name),
        T(test_pronoun_takes_the_last_compatible_mention),
        T(test_he_skips_an_organisation_and_crosses_sentences),
        T(test_definite_description_finds_its_title),
        T(test_surname_and_entity_share_the_actor),
        T(test_conjoined_demonyms_and_generic_sector_words),
        T(test_a_generic_person_word_is_of_its_possessor_s_body),
        T(test_the_members_of_a_group_are_the_group),
        T(test_a_sector_word_in_a_groups_name_is_part_of_the_name),
        cmocka_unit_test_setup_teardown(test_user_dictionary_overrides_inference, setup_dict,
                                        model_fixture_teardown),
        T(test_actors_appear_in_the_json_record),
        T(test_dateline_place_is_a_place),
        T(test_bare_institution_takes_the_salient_country),
        T(test_a_regions_people_are_not_the_state),
        T(test_a_peoples_liberation_front_is_one_group),
        cmocka_unit_test(test_without_syntax_there_are_no_actors),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
