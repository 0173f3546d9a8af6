"""The event scorer on hand-made gold, and on the PLOVER gold sentences where ../shared is present."""
import json

from chronicle.evaluate.events import country_of, evaluate_events, format_report, load_gold
from tests.conftest import shared_path

GOLD = [
    {"text": "Russia attacked Ukraine on Monday.", "event_current_plover": "ASSAULT", "cameo": "190",
     "actor": [{"code": "RUS", "sector": "MIL"}], "recipient": [{"code": "UKR"}]},
    {"text": "Japan offered to negotiate with China.", "event_current_plover": "AGREE", "cameo": "036",
     "actor": [{"code": "JAP"}], "recipient": [{"code": "CHN"}]},
    {"text": "The weather in Paris was mild.", "event_current_plover": None,
     "actor": [], "recipient": []},
]


def write(tmp_path, rows):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_country_codes_are_normalised():
    assert country_of("JAP") == "JPN" and country_of("RUSGOV") == "RUS" and country_of("NGO") == "IGO"
    assert country_of(None) is None


def test_load_gold_groups_and_keeps_event_free(tmp_path):
    gold = load_gold(write(tmp_path, GOLD))
    assert [len(g["events"]) for g in gold] == [1, 1, 0]
    assert gold[1]["events"][0]["source"] == {"JPN"}


def test_scores_on_hand_made_gold(tmp_path):
    result = evaluate_events(write(tmp_path, GOLD), event_free=["Oil prices rose slightly on Monday."])
    assert result["sentences"] == 2 and result["cameo_sentences"] == 2
    assert result["plover"]["f1"] == 1.0
    assert result["root"]["f1"] == 1.0 and result["full_code"]["f1"] == 1.0
    assert result["plover_type"]["f1"] == 1.0
    assert result["source_country_accuracy"] == 1.0
    assert result["event_free_sentences"] == 2 and result["false_alarm_sentences"] == 0
    report = format_report(result)
    assert "full CAMEO code" in report and "sentences/s" in report


def test_gold_without_cameo_says_so(tmp_path):
    rows = [dict(r, cameo=None) for r in GOLD]
    result = evaluate_events(write(tmp_path, rows), event_free=[])
    assert result["full_code"] is None and result["root"] is None
    assert "no CAMEO codes" in format_report(result)


def test_plover_gold_sentences(monkeypatch, tmp_path):
    path = shared_path("gold", "events", "plover_gsr_cameo_en.jsonl")
    # Chronicle's own tables only: no imported knowledge base (issue 4's target is without it).
    monkeypatch.setenv("CHRONICLE_ACTORS_FILE", str(tmp_path / "none.tsv"))
    result = evaluate_events(path)
    assert result["sentences"] >= 300
    assert result["plover_type"]["f1"] >= 0.70
    assert result["source_country_accuracy"] >= 0.85
    assert result["false_alarm_sentences"] <= 2


def test_actor_codes_are_scored_by_the_participants_words(tmp_path):
    from chronicle.evaluate.actor_codes import format_report as codes_report
    from chronicle.evaluate.actor_codes import half_of, score_actor_codes

    rows = [{"id": "x1", "text": "Moldovan troops shelled a village in Transnistria.", "event_current_plover": "ASSAULT",
             "actor": [{"actorText": "Moldovan troops", "code": "MDA", "sector": "MIL"}], "recipient": []},
            {"id": "x2", "text": "Estonian police detained the Latvian envoy.", "event_current_plover": "ARREST",
             "actor": [{"actorText": "Estonian police", "code": "EST", "sector": "COP"}],
             # a gold that disagrees, to be counted wrong
             "recipient": [{"actorText": "Latvian envoy", "code": "LTU", "sector": "GOV"}]}]
    result = score_actor_codes(write(tmp_path, rows))
    every = result["halves"]["all"]
    assert every["participants"] == every["found"] == 3
    assert every["country"] == every["country_sector"] == 2 / 3
    assert result["halves"][half_of("x1")]["participants"] >= 1
    assert result["country_by_basis"] == {"text": {"right": 2, "all": 3}}
    assert "+sector" in codes_report(result) and "Latvian envoy" in codes_report(result)
