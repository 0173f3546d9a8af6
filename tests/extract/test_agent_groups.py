"""Country + agent phrases are parties: "Moldovan troops" is MDAMIL, with the country the text states."""
from chronicle.extract.actors import find_actors
from chronicle.extract.nlp import get_nlp


def actors_of(text):
    return find_actors(get_nlp()(text))


def test_a_country_adjective_before_an_agent_noun_is_a_coded_group():
    [troops] = actors_of("Moldovan troops crossed the river at dawn.")
    assert (troops.name, troops.type, troops.country, troops.code) == ("Moldovan troops", "group", "MDA", "MDAMIL")
    assert troops.basis["country"].source == "text" and troops.basis["country"].span == (0, 8)
    assert troops.basis["type"].source == "inferred" and troops.basis["code"].source == "inferred"


def test_an_institution_in_the_singular_is_an_organization():
    [parliament] = actors_of("On Friday the Estonian parliament approved the budget.")
    assert (parliament.name, parliament.type, parliament.code) == ("Estonian parliament", "organization", "ESTLEG")


def test_one_person_in_the_singular_is_not_a_party_of_its_own():
    assert actors_of("The Peruvian minister arrived late.") == []


def test_two_countries_before_one_noun_are_left_alone():
    assert actors_of("Czech and Slovak soldiers held joint drills.") == []


def test_the_staff_of_a_named_organisation_take_no_country_from_an_adjective():
    names = [a.name for a in actors_of("The Spanish editors of Reuters said the poll was close.")]
    assert "Spanish editors" not in names


def test_a_country_named_by_its_own_mention_keeps_it_and_the_group_is_the_phrase():
    actors = actors_of("Canadian police arrested two men, and Japan troops left the base.")
    assert [(a.name, a.code) for a in actors if a.type == "group"] == [("Canadian police", "CANCOP"),
                                                                      ("Japan troops", "JPNMIL")]
    japan = next(a for a in actors if a.type == "country")
    assert japan.country == "JPN" and japan.mentions == [(38, 43)]


def test_every_mention_of_the_same_group_is_one_actor_with_ids_in_text_order():
    actors = actors_of("President Maia Sandu said Moldovan troops were ready. Moldovan troops later withdrew.")
    assert [a.id for a in actors] == ["a1", "a2"]
    troops = actors[1]
    assert troops.name == "Moldovan troops" and len(troops.mentions) == 2
