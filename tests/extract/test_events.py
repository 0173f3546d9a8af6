"""Events: codes, statuses, actors and dates on sentences of our own, and the specimen's e1-e5."""
import pytest

from chronicle.clean.text import clean_text
from chronicle.extract.actor_codes import actor_code
from chronicle.extract.actors import find_actors
from chronicle.extract.events import find_events
from chronicle.extract.events.codebook import cameo_info, convention_code
from chronicle.extract.nlp import get_nlp
from chronicle.extract.times import find_times
from chronicle.records import Actor
from tests.conftest import DATA


def run(text, published="2023-02-12"):
    doc = get_nlp()(text)
    actors = find_actors(doc)
    times = find_times(doc, published)
    events = find_events(doc, actors, times, published)
    by_id = {a.id: a for a in actors}
    return doc, events, by_id


def countries(ids, by_id):
    return {by_id[i].country for i in ids}


def one(events, prefix):
    found = [e for e in events if e.cameo.startswith(prefix)]
    assert found, [(e.cameo, e.status) for e in events]
    return found[0]


def test_happened_with_source_and_target():
    doc, events, by_id = run("Russia attacked Ukraine on Monday.")
    e = one(events, "19")
    assert (e.plover, e.status) == ("ASSAULT", "happened")
    assert countries(e.source, by_id) == {"RUS"} and countries(e.target, by_id) == {"UKR"}
    assert doc.text[e.span[0]:e.span[1]] == "attacked"
    assert e.sentence_span == (0, len(doc.text))


def test_negated():
    _, events, _ = run("Russia did not attack Ukraine.")
    assert one(events, "19").status == "negated"


def test_planned():
    _, events, by_id = run("France will send aid to Lebanon next week.")
    e = one(events, "07")
    assert e.status == "planned" and countries(e.target, by_id) == {"LBN"}
    assert convention_code(e)[1] == "AGREE"  # CAMEO/PLOVER code a promise of aid as intent


def test_refused():
    _, events, by_id = run("Israel refused to release the prisoners.")
    e = one(events, "084")
    assert e.status == "refused" and countries(e.source, by_id) == {"ISR"}
    assert convention_code(e) == ("120", "REJECT")


def test_hypothetical():
    _, events, _ = run("Iran would attack Iraq if Baghdad rejected the deal.")
    assert one(events, "19").status == "hypothetical"


def test_intent_verb_embeds_the_action():
    _, events, by_id = run("Syria offered to negotiate with Israel.")
    e = one(events, "036")
    assert e.plover == "AGREE" and countries(e.source, by_id) == {"SYR"}


def test_nominal_event_with_of_and_by():
    _, events, by_id = run("The invasion of Georgia by Russian troops shocked Europe.")
    e = one(events, "19")
    assert countries(e.source, by_id) == {"RUS"} and countries(e.target, by_id) == {"GEO"}


def test_background_event_has_its_own_date():
    _, events, _ = run("The attack on Israel by Iran 10 days ago killed two people.", "2024-04-24")
    e = one(events, "19")
    assert e.date == "2024-04-14"


def test_demonym_group_becomes_an_actor():
    doc = get_nlp()("Israeli soldiers arrested 20 Palestinians.")
    actors = find_actors(doc)
    events = find_events(doc, actors, [], None)
    e = one(events, "173")
    source = next(a for a in actors if a.id in e.source)
    assert source.country == "ISR" and actor_code(source) == "ISRMIL"


def test_actor_codes():
    assert actor_code(Actor(id="a", name="Russia", type="country", country="RUS")) == "RUS"
    assert actor_code(Actor(id="a", name="S", type="person", country="RUS",
                            roles=["Deputy Foreign Minister"])) == "RUSGOV"
    assert actor_code(Actor(id="a", name="P", type="person", country="UKR",
                            roles=["adviser to the head of the Ukrainian presidential office"])) == "UKRGOV"
    assert actor_code(Actor(id="a", name="UN Security Council", type="organization")) == "IGOUNO"
    assert actor_code(Actor(id="a", name="Someone", type="person")) is None


def test_ontology_tables():
    assert cameo_info("036").plover == "AGREE"
    assert cameo_info("1056").plover == "REQUEST" and cameo_info("1056").mode == "yield"
    assert cameo_info("125").plover == "REJECT"
    assert cameo_info("194").plover == "ASSAULT"


@pytest.fixture(scope="module")
def specimen_events():
    cleaned = clean_text((DATA / "specimen_article.txt").read_text(encoding="utf-8"))
    doc = get_nlp()(cleaned.text)
    actors = find_actors(doc)
    times = find_times(doc, "2023-02-12")
    events = find_events(doc, actors, times, "2023-02-12")
    return doc, events, {a.id: a for a in actors}


def _matches(rule, events, by_id):
    for e in events:
        if rule["cameo_roots"] and not any(e.cameo.startswith(c) for c in rule["cameo_roots"]):
            continue
        if rule["plover"] and e.plover not in rule["plover"]:
            continue
        if rule["source_country"] and rule["source_country"] not in countries(e.source, by_id):
            continue
        if rule["target_country"] and rule["target_country"] not in countries(e.target, by_id):
            continue
        if rule.get("status") and e.status != rule["status"]:
            continue
        if rule.get("date") and e.date != rule["date"]:
            continue
        return e
    return None


@pytest.mark.parametrize("key", ["e1", "e2", "e3", "e4", "e5"])
def test_specimen_events(specimen_events, specimen_expected, key):
    doc, events, by_id = specimen_events
    rule = next(r for r in specimen_expected["events"] if r["id"] == key)
    found = _matches(rule, events, by_id)
    assert found is not None, [(e.cameo, e.status, e.date) for e in events]
    s, t = found.sentence_span
    assert s <= found.span[0] and found.span[1] <= t
    assert doc.text[found.span[0]:found.span[1]].strip()


def test_an_event_links_the_time_expression_that_dates_it():
    import chronicle

    article = chronicle.extract("Headline here\n\nRussian troops attacked Ukraine three days ago.", published="2023-02-15")
    [event] = [e for e in article.events if e.plover == "ASSAULT"]
    [time] = [t for t in article.times if t.id == event.time]
    assert time.text == "three days ago" and event.date == time.value == "2023-02-12"


# Actors without a country of their own (sentences of our own) -----------------------------------

def source_countries(text, prefix=""):
    _, events, by_id = run(text)
    found = [e for e in events if e.cameo.startswith(prefix)]
    assert found, [(e.cameo, e.status) for e in events]
    return countries(found[0].source, by_id), [actor_code(by_id[i]) for i in found[0].source]


def test_demonym_modified_agent_noun_is_a_group_actor_with_a_sector():
    assert source_countries("Hungarian officials rejected the proposal.") == ({"HUN"}, ["HUNGOV"])


def test_pronoun_of_a_reported_clause_is_the_speaker():
    assert source_countries("Chilean farmers said they would block the highway.")[0] == {"CHL"}
    assert source_countries("President Ana Ruiz of Peru said she would ban the march.")[0] == {"PER"}


def test_quantity_partitive_takes_its_of_phrase():
    assert source_countries("Thousands of Kenyans protested against the new tax.")[0] == {"KEN"}


def test_demonym_inside_a_group_name():
    assert source_countries("Some 5,000 Iraqi Kurds protested in Ankara.")[0] == {"IRQ"}


def test_organisation_takes_the_country_its_name_starts_with():
    assert source_countries("The Peruvian Teachers Union called off its strike.")[0] == {"PER"}
    assert source_countries("The US Congress agreed to lift sanctions on Cuba.")[0] == {"USA"}


def test_person_of_country():
    assert source_countries("King Hussein of Jordan met the envoy.")[0] == {"JOR"}


def test_person_without_country_takes_the_sentence_country():
    assert source_countries("President Moussa Kenkou threatened to impose a curfew in Senegal.")[0] == {"SEN"}


def test_sentence_country_is_not_given_from_the_other_side():
    # Senegal is the target here, not Kenkou's country.
    assert "SEN" not in source_countries("President Moussa Kenkou threatened Senegal with sanctions.")[0]


def test_agent_subject_becomes_a_group_actor_of_the_sentence_country():
    assert source_countries("Students demonstrated in Tunisia on Friday.")[0] == {"TUN"}
    assert "DNK" not in source_countries("Hackers defaced hundreds of Danish web sites.")[0]


def test_ethnic_group_is_coded_by_the_country_it_lives_in():
    assert source_countries("Ethnic Hungarians in Romania demanded autonomy.")[0] == {"ROU"}


def test_pro_or_anti_demonym_is_an_allegiance_not_a_country():
    assert "RUS" not in source_countries("The pro-Russian militia declared a ceasefire in the region.")[0]


def test_a_stative_passive_subject_is_the_source():
    # "is opposed to" states the subject's own stance; it is not done to it.
    _, events, by_id = run("Norway is opposed to Danish mediation in the fishing dispute.")
    e = one(events, "12")
    assert countries(e.source, by_id) == {"NOR"}
    assert countries(e.target, by_id) == {"DNK"}


def test_a_statement_noun_takes_its_authors_subject():
    _, events, by_id = run("The Polish government issued a statement demanding that Belarus release the activists.")
    e = one(events, "10")
    assert countries(e.source, by_id) == {"POL"}


def test_an_official_takes_the_code_of_the_organisation_in_the_title():
    actors = find_actors(get_nlp()("NATO Secretary-General Jens Stoltenberg visited Kyiv."))
    person = next(a for a in actors if a.name == "Jens Stoltenberg")
    assert actor_code(person) == "IGOWSTNAT"


def test_non_state_actors_take_their_country_from_the_built_in_table():
    assert actor_code(Actor(id="a1", name="Hezbollah", type="organization"))[:3] == "LBN"
    assert actor_code(Actor(id="a1", name="Hamas", type="organization", country="ISR"))[:3] == "PSE"
    assert actor_code(Actor(id="a1", name="Amal Clooney", type="person")) is None


def test_a_country_inferred_from_the_sentence_keeps_its_evidence():
    doc, events, by_id = run("Prisoners rioted at a jail in Bolivia's capital on Monday.")
    e = one(events, "14")
    (source,) = [by_id[i] for i in e.source]
    assert source.country == "BOL"
    assert doc.text[source.country_span[0]:source.country_span[1]] == "Bolivia"
