"""Actors: one record per entity, with every spelling, its role and its country."""
import pytest

from chronicle.extract.actors import find_actors, resolve_reference
from chronicle.extract.nlp import get_nlp


def actors_of(text):
    return find_actors(get_nlp()(text))


def by_name(actors, name):
    hits = [a for a in actors if a.name == name or name in a.aliases]
    assert len(hits) == 1, [(a.name, a.aliases) for a in actors]
    return hits[0]


def test_title_before_a_name_gives_role_and_country():
    actors = actors_of("German Chancellor Olaf Scholz met the press in Berlin on Monday.")
    scholz = by_name(actors, "Olaf Scholz")
    assert scholz.type == "person"
    assert scholz.country == "DEU"
    assert "Chancellor" in scholz.roles


def test_apposition_gives_role_and_country():
    text = "The spokesman for the French foreign ministry, Jean Dupont, rejected the claim on Tuesday."
    dupont = by_name(actors_of(text), "Jean Dupont")
    assert dupont.country == "FRA"
    assert any(r.startswith("spokesman for the French foreign ministry") for r in dupont.roles)


def test_surname_and_transliterations_are_one_actor():
    text = ("Sergey Ivanov, the Russian envoy, arrived in Geneva. Sergei Ivanov later met reporters. "
            "Ivanov did not comment.")
    people = [a for a in actors_of(text) if a.type == "person"]
    assert len(people) == 1
    assert len(people[0].mentions) == 3


def test_capital_and_seat_of_government_act_as_the_country():
    text = "The Kremlin rejected the plan. Moscow said Russia would not sign it."
    russia = [a for a in actors_of(text) if a.country == "RUS"]
    assert len(russia) == 1
    assert russia[0].type == "country" and russia[0].name == "Russia"
    assert {"Kremlin", "Moscow"} <= set(russia[0].aliases)


def test_platforms_and_demonym_adjectives_are_not_actors():
    actors = actors_of("The Ukrainian minister wrote on Twitter that the talks had failed.")
    assert not any(a.name in ("Twitter", "Ukrainian") for a in actors)


def test_knowledge_base_fills_a_country_the_text_assumes():
    putin = by_name(actors_of("President Vladimir Putin signed the decree."), "Vladimir Putin")
    assert putin.country == "RUS"


def test_every_mention_slices_the_text():
    text = "Prime Minister Rishi Sunak spoke to Joe Biden. Sunak thanked Biden and the White House."
    for actor in actors_of(text):
        for start, end in actor.mentions:
            assert text[start:end] in [actor.name, *actor.aliases]


@pytest.mark.parametrize("words, expected", [("he", "Jean Dupont"), ("the French diplomat", "Jean Dupont")])
def test_pronouns_and_descriptions_resolve_to_the_named_actor(words, expected):
    text = f"French Foreign Minister Jean Dupont met Chinese officials. Later {words} left."
    doc = get_nlp()(text)
    actors = find_actors(doc)
    start = text.index(f"Later {words}") + len("Later ")
    span = doc.char_span(start, start + len(words))
    assert resolve_reference(span, actors).name == expected


def reference(text, words):
    doc = get_nlp()(text)
    start = text.rindex(words)
    resolved = resolve_reference(doc.char_span(start, start + len(words)), find_actors(doc))
    return resolved.name if resolved else None


@pytest.mark.parametrize("text, expected", [
    # The subject of the sentence before beats the last name mentioned.
    ("Government spokesman Peter Holm said on Monday that Prime Minister Anna Berg wants lower taxes. "
     "He said the plan would be ready in May.", "Peter Holm"),
    # The subject's head is the person, not a name modifying it.
    ("Berg campaign director Peter Holm said the polls were wrong. He said turnout would decide.", "Peter Holm"),
    # "Ms." says Nowak is a woman: "he" is the man named before her, not the subject before it.
    ("Mr. Peter Holm met the minister on Monday. Ms. Anna Nowak said the talks had failed. "
     "He said they would meet again.", "Peter Holm"),
    # A person the text gives no gender stays a candidate (first names are not read as genders).
    ("Anna Nowak said the talks had failed. He said they would meet again.", "Anna Nowak"),
], ids=["subject-before", "head-of-subject", "gender-stated", "gender-unknown"])
def test_he_resolves_to(text, expected):
    assert reference(text, "He") == expected


def test_first_person_pronouns_are_the_writers_not_the_last_name():
    text = "President Anna Berg visited the port. I think the visit was a success."
    assert reference(text, "I") is None


def test_a_description_matches_a_role_word_not_part_of_one():
    # "i" is inside "president": a substring match once resolved "I" to any president
    text = "President Anna Berg visited the port. The minister left early."
    assert reference(text, "The minister") is None


def test_a_country_ner_missed_is_still_an_actor_in_order_of_mention():
    # The small English model tags neither country as a place here (no entity, NORP).
    for text, country in (("Uzbekistan finally opened the bridge.", "UZB"),
                          ("Tajikistan finally opened the bridge to trucks.", "TJK")):
        actors = actors_of(text)
        assert (actors[0].type, actors[0].country) == ("country", country)
    actors = actors_of("Uzbekistan finally opened the bridge to Afghanistan.")  # only the second is tagged
    assert [a.country for a in actors] == ["UZB", "AFG"]
    assert [a.id for a in actors] == [f"a{i}" for i in range(1, len(actors) + 1)]


def test_a_known_organisation_ner_missed_is_an_actor():
    text = "The pro-Iranian Hizbollah (Party of God) group announced a truce on Friday."  # no ORG tag
    actors = actors_of(text)
    group = by_name(actors, "Hizbollah")
    assert group.type == "organization"
    start, end = group.mentions[0]
    assert text[start:end] == "Hizbollah"


def test_a_hyphenated_title_is_one_role():
    actors = actors_of("U.N. Secretary-General Antonio Guterres visited the camp.")
    assert "U.N. Secretary-General" in by_name(actors, "Antonio Guterres").roles


def test_a_country_comes_with_the_words_that_give_it():
    text = "Russian Deputy Foreign Minister Sergei Vershinin met King Hassan of Morocco and the US Congress."
    actors = actors_of(text)
    evidence = {a.name: text[a.country_span[0]:a.country_span[1]] for a in actors if a.country_span}
    assert evidence["Sergei Vershinin"] == "Russian"
    assert evidence["Hassan"] == "Morocco"
    assert evidence["US Congress"] == "US"
    assert by_name(actors, "Morocco").country_span is None  # a country is its own evidence


def test_a_country_from_the_knowledge_base_has_no_evidence_span():
    actors = actors_of("Putin spoke on Tuesday.")
    putin = by_name(actors, "Putin")
    assert putin.country == "RUS" and putin.country_span is None


def test_they_is_left_unresolved_without_a_subject_to_refer_to():
    text = ("Mining in Norway could cost taxpayers dearly, environmentalists worry. "
            "The costs could fall to the state, they say.")
    assert reference(text, "they") is None


def test_they_resolves_to_the_organisation_that_is_the_subject_before_it():
    text = "The World Health Organization issued new guidance on Monday. They said masks were optional."
    assert reference(text, "They") == "World Health Organization"


def test_a_namesake_does_not_take_the_listed_persons_role():
    # people.tsv lists "Clinton" as Hillary Clinton; Bill Clinton, also called "Clinton", is not her.
    [bill] = [a for a in actors_of("Bill Clinton spoke in Flint on Monday. Clinton said the system was crazy.")
              if a.type == "person"]
    assert bill.name == "Bill Clinton"
    assert "Secretary of State of the United States" not in bill.roles


def test_an_acronym_the_text_defines_is_the_same_party():
    actors = actors_of("Fighting between the army and the Rapid Support Forces (RSF) went on. The RSF said it "
                       "held the airport. An RSF commander denied it.")
    rsf = by_name(actors, "Rapid Support Forces")
    assert rsf.aliases == ["RSF"] and len(rsf.mentions) == 3
    assert [a.name for a in actors] == ["Rapid Support Forces"]


def test_a_parenthesis_whose_capitals_are_not_the_name_s_defines_nothing():
    actors = actors_of("Lena Okafor (AFP) reported from Lagos that Okafor had left.")
    assert [a.name for a in actors if a.type == "person"] == ["Lena Okafor"]
    assert "AFP" not in by_name(actors, "Lena Okafor").aliases


def test_a_surname_the_tagger_types_otherwise_joins_the_person_named_in_full():
    # spaCy tags the lone "Swank" ORG here; it is the actress named in full before.
    actors = actors_of("Actress Hilary Swank won best actress. The award for Swank follows her Oscar.")
    assert [a.name for a in actors if "Swank" in a.name or "Swank" in a.aliases] == ["Hilary Swank"]
    assert by_name(actors, "Hilary Swank").type == "person"


def test_a_people_s_word_the_tagger_took_into_a_name_is_the_person_s_country():
    [lagat] = actors_of("Kenyan Bernard Lagat won the race. Lagat ran 7:38.")
    assert (lagat.name, lagat.country, lagat.aliases) == ("Bernard Lagat", "KEN", ["Lagat"])
    assert lagat.basis["country"].source == "text" and lagat.basis["country"].span == (0, 6)
