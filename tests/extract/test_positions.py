"""Positions: issue, stance, holder and conditions, one rule per test, plus the specimen's p1-p3."""
import pytest

from chronicle.extract.article import extract
from chronicle.extract.nlp import get_nlp
from chronicle.extract.positions import find_positions, load_issues
from chronicle.records import Position
from chronicle.report.timeline import position_timeline
from tests.conftest import DATA


def norm(s):
    return " ".join((s or "").lower().split())


def run(text, published="2024-03-04"):
    article = extract(text, published=published, clean=False)
    positions = find_positions(get_nlp()(article.text), article)
    for p in positions:  # every span slices the text
        for span in [p.span, *p.evidence_spans, *p.conditions] + ([p.holder_span] if p.holder_span else []):
            assert 0 <= span[0] < span[1] <= len(article.text), (p, span)
            assert article.text[span[0]:span[1]].strip() == article.text[span[0]:span[1]]
    return article, positions


def cut(article, span):
    return article.text[span[0]:span[1]]


def names(article, ids):
    by_id = {a.id: a.name for a in article.actors}
    return [by_id[i] for i in ids]


def only(positions, issue):
    hits = [p for p in positions if p.issue == issue]
    assert len(hits) == 1, positions
    return hits[0]


def test_taxonomy_has_the_core_issues():
    issues = load_issues()
    for name in ("negotiations", "ceasefire", "territory", "withdrawal", "sanctions", "prisoners",
                 "accountability", "aid", "elections"):
        assert name in issues and issues[name].triggers and issues[name].description


def test_user_file_extends_the_taxonomy(tmp_path, monkeypatch):
    extra = tmp_path / "issues.tsv"
    extra.write_text("# mine\nwater\tdam|water sharing\t\tWater rights\nsanctions\tblacklist\t\t\n", encoding="utf-8")
    monkeypatch.setenv("CHRONICLE_ISSUES_FILE", str(extra))
    issues = load_issues()
    assert "dam" in issues["water"].triggers
    assert "blacklist" in issues["sanctions"].triggers and "embargo" in issues["sanctions"].triggers
    article, positions = run("Egyptian Foreign Minister Sameh Shoukry said that the dam is unacceptable.")
    assert only(positions, "water").stance == "oppose"


def test_missing_user_file_is_named(monkeypatch):
    monkeypatch.setenv("CHRONICLE_ISSUES_FILE", "/nonexistent/issues.tsv")
    with pytest.raises(FileNotFoundError, match="/nonexistent/issues.tsv"):
        load_issues()


def test_conditional_with_an_explicit_condition():
    article, positions = run("“We are ready to hold talks, but only if Russia withdraws its troops from our "
                             "territory,” Ukrainian Foreign Minister Dmytro Kuleba said on Monday.")
    p = only(positions, "negotiations")
    assert p.stance == "conditional" and p.source == "quote" and p.quote == "q1"
    assert names(article, p.holder)[0] == "Dmytro Kuleba"
    assert [cut(article, c) for c in p.conditions] == ["only if Russia withdraws its troops from our territory"]
    # The withdrawal named inside the condition is a term, not a position of its own.
    assert not [q for q in positions if q.issue == "withdrawal"]


def test_opposition_from_a_dismissive_word():
    article, positions = run("Hungarian Prime Minister Viktor Orban said that sanctions against Russia are pointless.")
    p = only(positions, "sanctions")
    assert p.stance == "oppose" and names(article, p.holder) == ["Viktor Orban"]
    assert cut(article, p.span) == "sanctions against Russia are pointless"
    assert p.date == "2024-03-04"


def test_demand_by_a_document_is_split_into_items():
    article, positions = run("The joint declaration calls for an immediate ceasefire and the release of all hostages.")
    ceasefire, prisoners = only(positions, "ceasefire"), only(positions, "prisoners")
    for p in (ceasefire, prisoners):
        assert p.holder == [] and p.source == "document" and p.stance == "demand"
        assert cut(article, p.holder_span) == "The joint declaration"
    assert cut(article, ceasefire.span) == "an immediate ceasefire"
    assert cut(article, prisoners.span) == "the release of all hostages"


def test_support_from_willing_to():
    article, positions = run("“We are willing to send humanitarian aid to the region,” German Chancellor Olaf Scholz said.")
    p = only(positions, "aid")
    assert p.stance == "support" and p.conditions == [] and names(article, p.holder) == ["Olaf Scholz"]


def test_a_position_from_an_event():
    article, positions = run("Turkey offered to host peace talks between Russia and Ukraine.")
    p = only(positions, "negotiations")
    assert p.stance == "support" and names(article, p.holder) == ["Turkey"] and p.event == "e1"


def test_a_rejection_event_is_opposition():
    article, positions = run("Israel rejected the ceasefire proposal on Tuesday.")
    p = only(positions, "ceasefire")
    assert p.stance == "oppose" and names(article, p.holder) == ["Israel"] and p.event == "e1"


def test_repeats_within_an_article_are_merged():
    article, positions = run("Hungarian Prime Minister Viktor Orban said that sanctions against Russia are pointless. "
                             "“Sanctions are pointless and hurt Europe,” Orban told reporters.")
    p = only(positions, "sanctions")
    assert p.stance == "oppose" and len(p.evidence_spans) == 2
    assert [cut(article, s) for s in p.evidence_spans] == ["sanctions against Russia are pointless",
                                                           "Sanctions are pointless and hurt Europe"]
    assert 0 <= p.confidence <= 1


# The specimen ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def specimen_positions():
    text = (DATA / "specimen_article.txt").read_text(encoding="utf-8")
    article = extract(text, published="2023-02-12")
    return article, find_positions(get_nlp()(article.text), article)


def _matches(article, p, expected):
    by_id = {a.id: a for a in article.actors}
    if p.issue != expected["issue"] or p.stance not in expected["stance"]:
        return False
    if expected["holder_country"] and expected["holder_country"] not in {by_id[i].country for i in p.holder}:
        return False
    if expected.get("conditions_contain_any"):
        conditions = " ".join(norm(cut(article, c)) for c in p.conditions)
        if not any(norm(c) in conditions for c in expected["conditions_contain_any"]):
            return False
    if expected.get("evidence_contains_any"):
        evidence = norm(" ".join(cut(article, s) for s in [p.span, *p.evidence_spans]))
        if not any(norm(c) in evidence for c in expected["evidence_contains_any"]):
            return False
    return True


@pytest.mark.parametrize("key", ["p1", "p2", "p3"])
def test_specimen_position(specimen_positions, specimen_expected, key):
    article, positions = specimen_positions
    expected = next(p for p in specimen_expected["positions"] if p["id"] == key)
    assert any(_matches(article, p, expected) for p in positions), positions


def test_specimen_spans_slice_the_text(specimen_positions):
    article, positions = specimen_positions
    for p in positions:
        assert isinstance(p, Position)
        for span in [p.span, *p.evidence_spans, *p.conditions]:
            assert 0 <= span[0] < span[1] <= len(article.text)


def test_specimen_words_of_others_inside_a_quote_are_not_the_speakers(specimen_positions):
    # "the Kremlin declares that it will not leave the (occupied) Ukrainian territories and will not
    # take responsibility for its crimes" is Podoljak's account of Russia's position, not his own.
    article, positions = specimen_positions
    ukraine = {a.id for a in article.actors if a.country == "UKR"}
    assert not [p for p in positions if set(p.holder) & ukraine and p.issue in ("territory", "accountability")]


# Over time ------------------------------------------------------------------------------------------

def test_timeline_groups_repeats_into_one_line():
    rows = [
        {"holder": "Mykhailo Podolyak", "issue": "negotiations", "stance": "oppose", "date": "2023-02-12",
         "article": "a1", "evidence": "negotiations are now meaningless"},
        {"holder": "Mykhaylo Podoljak", "issue": "negotiations", "stance": "oppose", "date": "2023-03-01",
         "article": "a2", "evidence": "out of the question"},
    ]
    lines = position_timeline(rows)
    assert len(lines) == 1
    line = lines[0]
    assert line["stance"] == "oppose" and line["change"] is False and line["from"] is None
    assert [s["date"] for s in line["sources"]] == ["2023-02-12", "2023-03-01"]
    assert (line["first_date"], line["last_date"]) == ("2023-02-12", "2023-03-01")


def test_timeline_marks_a_change_of_stance():
    rows = [
        {"holder": "Russia", "issue": "negotiations", "stance": "conditional", "date": "2023-02-12", "article": "a1", "evidence": "x"},
        {"holder": "Russia", "issue": "negotiations", "stance": "oppose", "date": "2023-05-01", "article": "a3", "evidence": "z"},
        {"holder": "Russia", "issue": "negotiations", "stance": "conditional", "date": "2023-01-10", "article": "a0", "evidence": "w"},
        {"holder": "Ukraine", "issue": "negotiations", "stance": "oppose", "date": "2023-02-12", "article": "a1", "evidence": "y"},
    ]
    lines = position_timeline(rows)
    russia = [l for l in lines if l["holder"] == "Russia"]
    assert [(l["stance"], l["change"], l["from"]) for l in russia] == [("conditional", False, None), ("oppose", True, "conditional")]
    assert len(russia[0]["sources"]) == 2
    assert [l for l in lines if l["holder"] == "Ukraine"][0]["change"] is False


def test_timeline_undated_rows_come_last():
    rows = [{"holder": "A", "issue": "aid", "stance": "support", "date": None, "article": "x", "evidence": "e"},
            {"holder": "A", "issue": "aid", "stance": "oppose", "date": "2023-01-01", "article": "y", "evidence": "f"}]
    lines = position_timeline(rows)
    assert [l["stance"] for l in lines] == ["oppose", "support"] and lines[1]["from"] == "oppose"


def test_timeline_for_a_party_groups_its_peoples_positions():
    rows = [
        {"holder": "Sergei Vershinin", "issue": "negotiations", "stance": "conditional", "date": "2023-02-12",
         "article": "a1", "evidence": "x"},
        {"holder": "Sergei Lavrov", "issue": "negotiations", "stance": "conditional", "date": "2023-03-01",
         "article": "a2", "evidence": "y"},
    ]
    assert len(position_timeline(rows)) == 2  # two people, two lines
    (line,) = position_timeline(rows, party="Russia")  # Russia's stance, stated by two of its people
    assert line["holder"] == "Russia" and line["stance"] == "conditional"
    assert [(s["date"], s["holder"]) for s in line["sources"]] == [("2023-02-12", "Sergei Vershinin"),
                                                                    ("2023-03-01", "Sergei Lavrov")]


LATER_ARTICLE = """Moscow repeats its terms for talks

Moscow – Russian Foreign Minister Sergei Lavrov said on Wednesday that Russia is ready for negotiations with Ukraine, but only on the basis of the reality on the ground.

"We are ready for talks, taking into account the goals we have announced," Lavrov told reporters in Moscow.
"""


def test_positions_command_shows_a_repeated_position_with_two_sources(tmp_path):
    """The specimen (2023-02-12) and a later article (2023-03-01) in which Russia's stance repeats."""
    import json

    from typer.testing import CliRunner

    from chronicle.cli import app

    runner = CliRunner()
    later = tmp_path / "later.txt"
    later.write_text(LATER_ARTICLE, encoding="utf-8")
    db = tmp_path / "chronicle.db"
    for path, date in ((DATA / "specimen_article.txt", "2023-02-12"), (later, "2023-03-01")):
        result = runner.invoke(app, ["ingest", str(path), "--published", date, "--db", str(db)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["positions", "--actor", "Russia", "--issue", "negotiations", "--format", "json",
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = json.loads(result.stdout)
    assert len(lines) == 1, lines
    (line,) = lines
    assert line["holder"] == "Russia" and line["issue"] == "negotiations" and line["stance"] == "conditional"
    assert line["change"] is False
    assert [s["date"] for s in line["sources"]] == ["2023-02-12", "2023-03-01"]
    assert [s["holder"] for s in line["sources"]] == ["Sergei Vershinin", "Sergei Lavrov"]
    assert (line["first_date"], line["last_date"]) == ("2023-02-12", "2023-03-01")
    # Ukraine's rejection is not Russia's: it stays out of Russia's lines, and has its own.
    result = runner.invoke(app, ["positions", "--actor", "Ukraine", "--issue", "negotiations", "--format", "json",
                                 "--db", str(db)])
    ukraine = json.loads(result.stdout)
    assert [(l["stance"], len(l["sources"])) for l in ukraine] == [("oppose", 1)]
