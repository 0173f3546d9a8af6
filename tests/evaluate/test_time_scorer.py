"""The TempEval-3 time scorer: small hand-made gold, then (when present) the real gold."""
import json
from pathlib import Path

import pytest

from chronicle.evaluate.time import evaluate_time, format_report, match_times, score
from chronicle.records import TimeExpression

# The repository's parent holds ``shared`` (gold data, corpora); CI has it, a fresh clone may not.
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
GOLD = SHARED / "gold" / "time"


def gold(start, end, value, type_="DATE"):
    return {"start": start, "end": end, "value": value, "type": type_, "text": ""}


def pred(start, end, value, type_="DATE", tid="t1"):
    return TimeExpression(id=tid, span=(start, end), text="", type=type_, value=value)


def test_exact_extent_counts_as_strict_and_relaxed():
    result = score([([gold(0, 5, "2023-02-12")], [pred(0, 5, "2023-02-12")])])
    assert result["strict"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["relaxed"]["f1"] == 1.0
    assert result["value_accuracy"] == 1.0 and result["value_f1"] == 1.0


def test_overlap_is_relaxed_only():
    # gold "the third quarter", predicted "third quarter"
    result = score([([gold(0, 17, "1989-Q3")], [pred(4, 17, "1989-Q3")])])
    assert result["strict"]["f1"] == 0.0
    assert result["relaxed"]["f1"] == 1.0


def test_wrong_value_lowers_value_f1_not_relaxed_f1():
    result = score([([gold(0, 5, "2023-02-12"), gold(10, 15, "P3Y", "DURATION")],
                     [pred(0, 5, "2023-02-11"), pred(10, 15, "P3Y", "DURATION", "t2")])])
    assert result["relaxed"]["f1"] == 1.0
    assert result["value_accuracy"] == 0.5
    assert result["value_f1"] == 0.5
    assert result["type_accuracy"] == 1.0


def test_misses_and_false_alarms():
    # one match, one gold missed, two predictions with no gold
    m = match_times([gold(0, 5, "X"), gold(20, 25, "Y")], [pred(0, 5, "X"), pred(8, 9, "Z"), pred(30, 35, "W")])
    assert (m.strict, len(m.pairs), len(m.missed), len(m.spurious)) == (1, 1, 1, 2)
    result = score([([gold(0, 5, "X"), gold(20, 25, "Y")], [pred(0, 5, "X"), pred(8, 9, "Z"), pred(30, 35, "W")])])
    assert result["strict"]["precision"] == pytest.approx(1 / 3)
    assert result["strict"]["recall"] == pytest.approx(1 / 2)
    assert result["strict"]["f1"] == pytest.approx(0.4)


def test_matching_is_one_to_one_largest_overlap_first():
    # Two predictions overlap one gold expression: only the larger overlap matches.
    m = match_times([gold(0, 20, "X")], [pred(0, 4, "Y"), pred(5, 20, "X", tid="t2")])
    assert [(g["value"], p.value) for g, p in m.pairs] == [("X", "X")]
    assert len(m.spurious) == 1


def test_empty_documents_score_zero_without_dividing_by_zero():
    result = score([([], [])])
    assert result["strict"]["f1"] == 0.0 and result["value_f1"] == 0.0
    assert result["documents"] == 1


def test_evaluate_time_on_a_small_gold_file(tmp_path):
    text = "Talks resumed today and will continue on February 22."
    doc = {"docid": "d1", "dct": "2023-02-12", "text": text, "timexes": [
        {"tid": "t1", "type": "DATE", "value": "2023-02-12", "start": text.index("today"),
         "end": text.index("today") + 5, "text": "today"},
        {"tid": "t2", "type": "DATE", "value": "2023-02-22", "start": text.index("February"),
         "end": len(text) - 1, "text": "February 22"},
    ]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    result = evaluate_time(path)
    assert result["documents"] == 1
    assert result["strict"]["f1"] == 1.0 and result["value_f1"] == 1.0
    assert result["documents_per_second"] > 0
    report = format_report(result)
    assert "strict" in report and "value F1       1.000" in report


@pytest.mark.parametrize("name, value_f1", [("tbaq_timebank.jsonl", 0.80), ("tbaq_aquaint.jsonl", 0.75)])
def test_real_gold_meets_the_targets(name, value_f1):
    path = GOLD / name
    if not path.exists():
        pytest.skip(f"needs {path} (TempEval-3 gold in ../shared, present in CI), which is absent")
    result = evaluate_time(path)
    print(format_report(result))
    assert result["value_f1"] >= value_f1
    assert result["strict"]["f1"] >= 0.80
