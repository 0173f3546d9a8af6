"""The reference article: everything in expected.json not marked optional must be found.

The rules are those of ../shared/specimen/README.md, applied to the project's own copy of the
specimen (tests/data), so this runs on a fresh clone too.
"""
import subprocess
import sys

import pytest

from tests.conftest import shared_path


def norm(s):
    return " ".join((s or "").lower().split())


def slice_(text, span):
    return text[span[0]:span[1]] if span else ""


def test_title_and_body_boundaries(specimen, specimen_expected):
    assert specimen.title == specimen_expected["title"]
    assert specimen.published == "2023-02-12"
    assert specimen.text.startswith(specimen_expected["body_starts_with"])
    assert specimen.text.rstrip().endswith(specimen_expected["body_ends_with"])
    assert specimen.text.count(specimen_expected["title"]) <= 1


def test_dateline_is_split_off(specimen, specimen_expected):
    assert [norm(p) for p in specimen.dateline] == [norm(p) for p in specimen_expected["dateline_places"]]


@pytest.mark.parametrize("line", ["Advertisement'; }", "Moscow, Kremlin – illustration photo",
                                  "Moscow again talks about the measures of some, but \" based on reality"])
def test_residue_is_removed_and_accounted_for(specimen, line):
    assert line not in specimen.text
    assert any(line.strip() in r.text or r.text in line for r in specimen.removed)


def _actors_named(record, names):
    wanted = {norm(n) for n in names}
    return [a for a in record.actors if ({norm(a.name)} | {norm(x) for x in a.aliases}) & wanted]


@pytest.mark.parametrize("key", ["vershinin", "podolyak", "putin", "russia", "ukraine", "belarus", "unga", "unsc", "bbc"])
def test_actor(specimen, specimen_expected, key):
    expected = next(a for a in specimen_expected["actors"] if a["key"] == key)
    hits = _actors_named(specimen, expected["names"])
    assert hits, f"no actor named any of {expected['names']}"
    if expected["type"] == "person":
        assert len(hits) == 1, "one person, one actor"
    assert any(
        a.type == expected["type"]
        and (not expected.get("country") or a.country == expected["country"])
        and (not expected.get("role_contains") or any(norm(expected["role_contains"]) in norm(r) for r in a.roles))
        for a in hits
    ), [(a.name, a.type, a.country, a.roles) for a in hits]


@pytest.mark.parametrize("qid", ["q1", "q2", "q3", "q4", "q5"])
def test_quote(specimen, specimen_expected, qid):
    expected = next(q for q in specimen_expected["quotes"] if q["id"] == qid)
    speaker = next(a for a in specimen_expected["actors"] if a["key"] == expected["speaker"])
    speaker_ids = {a.id for a in _actors_named(specimen, speaker["names"])}
    text = specimen.text
    candidates = [q for q in specimen.quotes if norm(expected["content_contains"]) in norm(slice_(text, q.content_span))]
    assert candidates, "no quote with that content"
    quote = candidates[0]
    assert quote.speaker in speaker_ids
    assert norm(expected["cue"]) in norm(quote.cue)
    assert quote.kind in expected["kind"]
    if expected.get("speaker_text"):
        assert norm(expected["speaker_text"]).removeprefix("the ") in norm(slice_(text, quote.speaker_span))
    if expected.get("medium_contains"):
        assert norm(expected["medium_contains"]) in norm(quote.medium)
    if expected.get("date"):
        assert quote.date == expected["date"]


@pytest.mark.parametrize("index", range(4))
def test_time(specimen, specimen_expected, index):
    expected = specimen_expected["times"][index]
    values = [t.value for t in specimen.times if t.text == expected["text"]]
    assert expected["value"] in values, values


def test_every_span_slices_the_text(specimen):
    for kind, record_id, field, (start, end) in specimen.spans():
        assert 0 <= start < end <= len(specimen.text), (kind, record_id, field)


def test_official_checker_passes(tmp_path, specimen):
    """The shared checker itself, optional items included, on the record as the CLI prints it."""
    checker = shared_path("specimen", "check_specimen.py")
    import json

    path = tmp_path / "record.json"
    path.write_text(json.dumps(specimen.to_dict(), ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, str(checker), str(path), "--with-optional"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
