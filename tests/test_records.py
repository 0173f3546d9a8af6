"""Records: how a value's basis reads to a user beside the value."""
from chronicle.records import Article, Basis, basis_note, with_note


def test_a_value_the_text_states_carries_no_note():
    assert basis_note(Basis("text", span=(3, 9))) == ""
    assert with_note("RUS", Basis("text", span=(3, 9))) == "RUS"
    assert with_note("RUS", None) == "RUS"


def test_a_looked_up_value_says_it_is_known_and_for_which_years():
    assert with_note("RUSGOV", Basis("knowledge", entry="phoenix:countries/VLADIMIR_PUTIN",
                                     valid=["2008-05-08", "2015-02-17"])) == "RUSGOV (known, 2008–2015)"
    assert basis_note(Basis("knowledge", entry="countries.tsv:RUS")) == "known"
    assert basis_note({"source": "knowledge", "valid": ["2012-05-07", None]}) == "known since 2012"
    assert basis_note({"source": "knowledge", "valid": [None, "2008-05-07"]}) == "known until 2008"


def test_an_inferred_value_says_so_from_the_record_and_from_its_json():
    basis = Basis("inferred", rule="named entity PERSON (spaCy)")
    assert with_note("person", basis) == "person (inferred)"
    assert with_note("person", {"source": "inferred", "rule": "x"}) == "person (inferred)"
    assert with_note(None, basis) == ""


def test_the_basis_survives_the_json_round_trip(specimen):
    again = Article.from_dict(specimen.to_dict())
    assert [a.basis for a in again.actors] == [a.basis for a in specimen.actors]
    putin = next(a for a in again.actors if a.name == "Vladimir Putin")
    assert putin.basis["country"].source == "knowledge" and putin.entry == "phoenix:countries/VLADIMIR_PUTIN"
