"""The optional actor knowledge base: Phoenix import, date-restricted roles, use by the extractors."""
import pytest

from chronicle.extract.actors import find_actors
from chronicle.extract.events import find_events
from chronicle.extract.events.actor_codes import actor_code
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


def test_import_writes_a_compact_tsv(phoenix_dir, tmp_path):
    out, counts = knowledge.import_phoenix(phoenix_dir, tmp_path / "a.tsv")
    assert out == tmp_path / "a.tsv" and counts["files"] == 4
    rows = [line.split("\t") for line in out.read_text().splitlines() if not line.startswith("#")]
    assert ["actor", "rufus t. firefly", "FRDGOV", "1933-01-01", ""] in rows
    assert ["actor", "ambassador trentino", "ZNTGOV", "1998-01-01", "2005-12-31"] in rows
    assert ["actor", "old leader", "GMYGOV", "", "1999-12-31"] in rows
    assert ["agent", "police", "COP", "", ""] in rows
    assert ["agent", "spokeswoman", "GOV", "", ""] in rows  # !PERSON! expanded
    assert ["agent", "rebels", "REB", "", ""] in rows  # regular plural added
    assert ["agent", "polices", "COP", "", ""] not in rows  # {} means no plural
    assert ["agent", "chambers of commerce", "BUS", "", ""] in rows


def test_import_without_dictionaries_fails(tmp_path):
    with pytest.raises(FileNotFoundError):
        knowledge.import_phoenix(tmp_path, tmp_path / "a.tsv")


def test_default_location_and_env(monkeypatch, tmp_path):
    monkeypatch.delenv(knowledge.ENV_VAR, raising=False)
    assert str(knowledge.default_path()).endswith(".local/share/chronicle/actors.tsv")
    monkeypatch.setenv(knowledge.ENV_VAR, str(tmp_path / "x.tsv"))
    assert knowledge.default_path() == tmp_path / "x.tsv"
    assert knowledge.load() is None and knowledge.lookup("Firefly") is None  # absent: no KB


def test_roles_by_date(kb_file):
    assert knowledge.lookup("Rufus T. Firefly").code == "FRDGOV"  # no date: the current role
    assert knowledge.lookup("President Firefly", "1931-05-01").code == "FRDELI"
    assert knowledge.lookup("Firefly", "1950-01-01").code == "FRDGOV"
    assert knowledge.lookup("old leader").country == "DEU"  # CAMEO GMY -> ISO DEU
    annan = knowledge.lookup("Kofi Annan")  # ended IGO role beats the country-less ELI
    assert annan.code == "IGOUNO" and annan.country is None
    assert knowledge.lookup("Freedonian").is_country
    assert knowledge.agent_sector("the riot police") == "COP"


def test_extractors_use_the_knowledge_base(kb_file):
    doc = get_nlp()("President Firefly met the Grand Fenwick Liberation Front in Geneva.")
    actors = find_actors(doc)
    firefly = next(a for a in actors if a.name.endswith("Firefly"))
    assert firefly.country == "FRD" and actor_code(firefly) == "FRDGOV"
    front = next((a for a in actors if "Fenwick" in a.name), None)
    if front is not None:  # NER may miss the invented name
        assert front.country == "FRD"


def test_built_in_table_wins_over_the_knowledge_base(kb_file, tmp_path):
    with open(kb_file, "a", encoding="utf-8") as f:
        f.write("actor\tvladimir putin\tFRDGOV\t\t\n")
    knowledge.load.cache_clear()
    doc = get_nlp()("Vladimir Putin spoke on Monday.")
    assert find_actors(doc)[0].country == "RUS"


def test_without_knowledge_base_nothing_changes(monkeypatch, tmp_path):
    monkeypatch.setenv(knowledge.ENV_VAR, str(tmp_path / "absent.tsv"))
    doc = get_nlp()("Rufus Firefly attacked Russia.")
    actors = find_actors(doc)
    assert all(a.country != "FRD" for a in actors)
    assert find_events(doc, actors, [], None)


def test_import_of_the_real_phoenix_dictionaries(tmp_path, monkeypatch):
    folder = shared_path("gold", "events", "phoenix_dictionaries")
    out, counts = knowledge.import_phoenix(folder, tmp_path / "actors.tsv")
    assert counts["actors"] > 40000 and counts["agents"] > 2000
    kb = knowledge.read(out)
    assert kb.lookup("Barack Obama").code == "USAGOV"
    assert kb.lookup("Barack Obama", "1990-06-01").code == "USAELI"
    assert kb.lookup("Hezbollah").country == "LBN"
    assert kb.lookup("Kabul").is_country and kb.lookup("Kabul").country == "AFG"
    assert kb.lookup("United Nations").code == "IGOUNO"
    assert kb.agent_sector("rebels") == "REB" and kb.agent_sector("troops") == "MIL"
