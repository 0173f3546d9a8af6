"""The optional actor knowledge base: Phoenix import, date-restricted roles, use by the extractors."""
import pytest

from chronicle.extract.actors import find_actors
from chronicle.extract.nlp import get_nlp
from chronicle.knowledge import actor_base as knowledge
from tests.conftest import shared_path

# Small dictionaries of our own in the Phoenix formats (names invented where it matters).
COUNTRIES = """\
# comment line
FREEDONIA_  [FRD]
+FREEDONIAN_
+FREDONIA_CITY_
ZANTORIA_ [ZNT]

# Leaders
RUFUS_T._FIREFLY_
+PRESIDENT_FIREFLY_
+FIREFLY
\t[FRDELI 19300101-330101]
\t[FRDGOV >330101]
AMBASSADOR_TRENTINO_  # a comment
\t[ZNTGOV 980101-051231]
OLD_LEADER_ [GMYGOV <991231]
"""
INTERNATIONAL = """\
THE_UNITED_NATIONS_ [IGOUNO]
UN_SECRETARY_GENERAL
+UNSG
\t[IGOUNO]
KOFI_ANNAN_
+K._ANNAN_
\t[IGOUNO 970101-061231]
\t[ELI]# IGOrulers.txt
"""
MILNONSTATE = """\
GRAND_FENWICK_LIBERATION_FRONT_ [FRDREB] #  kkl 21 Mar 13
+GFLF_
"""
AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
PRESIDENT [~GOV]
POLICE {} [~COP]
RIOT_POLICE {} [~COP]
REBEL [~REB]
SPOKES!PERSON! [~GOV]
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
"""


@pytest.fixture
def phoenix_dir(tmp_path):
    d = tmp_path / "phoenix"
    d.mkdir()
    (d / "Phoenix.Countries.actors.txt").write_text(COUNTRIES, encoding="utf-8")
    (d / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    (d / "Phoenix.MilNonState.actors.txt").write_text(MILNONSTATE, encoding="utf-8")
    (d / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    return d


@pytest.fixture
def kb_file(phoenix_dir, tmp_path, monkeypatch):
    out = tmp_path / "kb" / "actors.tsv"
    knowledge.import_phoenix(phoenix_dir, out)
    monkeypatch.setenv(knowledge.ENV_VAR, str(out))
    yield out
    knowledge.load.cache_clear()


def test_import_writes_one_row_per_entry(phoenix_dir, tmp_path):
    out, counts = knowledge.import_phoenix(phoenix_dir, tmp_path / "a.tsv")
    assert out == tmp_path / "a.tsv" and counts["files"] == 4
    rows = {tuple(line.split("\t")[:4]) for line in out.read_text().splitlines() if not line.startswith("#")}
    assert ("actor", "phoenix:countries/RUFUS_T._FIREFLY", "FRDELI:1930-01-01:1933-01-01|FRDGOV:1933-01-01:",
            "rufus t. firefly|president firefly|firefly") in rows
    assert ("actor", "phoenix:countries/AMBASSADOR_TRENTINO", "ZNTGOV:1998-01-01:2005-12-31",
            "ambassador trentino") in rows
    assert ("actor", "phoenix:countries/OLD_LEADER", "GMYGOV::1999-12-31", "old leader") in rows
    assert ("meta", "current_to", "2006-12-31", "") in rows  # the newest date the dictionaries state
    agents = {r[3]: r[2] for r in rows if r[0] == "agent"}
    assert agents["police"] == "COP::" and agents["spokeswoman"] == "GOV::"  # !PERSON! expanded
    assert agents["rebels"] == "REB::"  # regular plural added
    assert "polices" not in agents  # {} means no plural
    assert agents["chambers of commerce"] == "BUS::"


def test_import_without_dictionaries_fails(tmp_path):
    with pytest.raises(FileNotFoundError):
        knowledge.import_phoenix(tmp_path, tmp_path / "a.tsv")


def test_default_location_and_env(monkeypatch, tmp_path):
    monkeypatch.delenv(knowledge.ENV_VAR, raising=False)
    assert str(knowledge.default_path()).endswith(".local/share/chronicle/actors.tsv")
    monkeypatch.setenv(knowledge.ENV_VAR, str(tmp_path / "x.tsv"))
    assert knowledge.default_path() == tmp_path / "x.tsv"
    assert knowledge.lookup("Firefly", "1950-01-01") is None  # no import: only the packaged data
    assert knowledge.lookup("Kofi Annan", "2000-01-01").code == "IGOUNO"


def test_a_dated_role_applies_only_within_its_dates(kb_file):
    assert knowledge.lookup("President Firefly", "1931-05-01").code == "FRDELI"
    assert knowledge.lookup("Firefly", "2010-01-01") is None  # "[FRDGOV >330101]": open, but known only to 2006
    assert knowledge.lookup("Firefly", "2004-01-01").code == "FRDGOV"
    assert knowledge.lookup("Rufus T. Firefly") is None  # no publication date: no dated role
    assert knowledge.lookup("Ambassador Trentino", "2010-01-01") is None
    assert knowledge.lookup("old leader", "1995-01-01").country == "DEU"  # CAMEO GMY -> ISO DEU


def test_an_undated_code_applies_at_any_date(kb_file):
    annan = knowledge.lookup("Kofi Annan", "2000-01-01")
    assert annan.code == "IGOUNO" and annan.country is None  # the dated role, within its dates
    assert knowledge.lookup("Kofi Annan", "2010-01-01").code == "ELI"  # after it: only the undated one
    assert knowledge.lookup("Freedonian").is_country
    assert knowledge.agent_sector("the riot police") == "COP"


def test_the_extractors_use_the_knowledge_base_and_say_so(kb_file):
    doc = get_nlp()("President Firefly met the Grand Fenwick Liberation Front in Geneva.")
    actors = find_actors(doc, "2004-06-01")
    firefly = next(a for a in actors if a.name.endswith("Firefly"))
    assert firefly.country == "FRD" and firefly.code == "FRDGOV"
    basis = firefly.basis["country"]
    assert basis.source == "knowledge" and basis.entry == "phoenix:countries/RUFUS_T._FIREFLY"
    assert basis.valid == ["1933-01-01", "2006-12-31"]
    front = next((a for a in actors if "Fenwick" in a.name), None)
    if front is not None:  # NER may miss the invented name
        assert front.country == "FRD" and front.basis["country"].source == "knowledge"


def test_outside_its_dates_only_the_lasting_country_is_used(kb_file):
    doc = get_nlp()("President Firefly met the press in Geneva.")
    [firefly] = [a for a in find_actors(doc, "2019-06-01") if a.name.endswith("Firefly")]
    # Every code of the entry names FRD: the country holds at any date; the role does not.
    assert firefly.country == "FRD" and firefly.basis["country"].valid is None
    assert firefly.basis["country"].rule == "the one country every code of the entry names"
    assert firefly.code == "FRDGOV" and firefly.basis["code"].source == "inferred"  # "President", in the text


def test_the_users_import_adds_to_the_packaged_data(kb_file):
    doc = get_nlp()("Vladimir Putin spoke on Monday. Rufus T. Firefly answered.")
    actors = find_actors(doc, "2004-01-01")
    putin = next(a for a in actors if a.name == "Vladimir Putin")
    assert putin.country == "RUS" and putin.code == "RUSGOV"  # [RUSGOV 990809-000507], [RUSGOV 991231-080507]
    assert putin.basis["code"].entry == "phoenix:countries/VLADIMIR_PUTIN"


def test_the_packaged_data_is_what_the_converter_makes():
    from chronicle.knowledge.phoenix import PACKAGED_FILE, compile_rows

    folder = shared_path("gold", "events", "phoenix_dictionaries")
    rows, files = compile_rows(folder)
    packaged = [line.split("\t") for line in PACKAGED_FILE.read_text(encoding="utf-8").splitlines()
                if not line.startswith("#")]
    assert [list(r) for r in rows] == packaged, "run: python -m chronicle.knowledge.phoenix " + str(folder)
    assert (PACKAGED_FILE.parent / "phoenix_LICENSE.txt").read_text().startswith("The MIT License")
    kb = knowledge.read(PACKAGED_FILE)
    assert kb.lookup("Barack Obama", "2012-01-01").code == "USAGOV"
    assert kb.lookup("Barack Obama", "1990-06-01").code == "USAELI"
    assert kb.lookup("Barack Obama", "2024-01-01") is None  # "[USAGOV >090120]" is known only to 2015
    assert kb.lasting_country("Barack Obama").country == "USA"
    assert kb.lookup("Hezbollah").country == "LBN"
    assert kb.lookup("Kabul").is_country and kb.lookup("Kabul").country == "AFG"
    assert kb.lookup("United Nations").code == "IGOUNO"
    assert kb.agent_sector("rebels") == "REB" and kb.agent_sector("troops") == "MIL"
