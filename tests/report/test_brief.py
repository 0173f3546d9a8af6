"""The brief: templates filled with record fields and exact slices of the text, nothing else."""
import re

import pytest

from chronicle.extract.article import extract
from chronicle.extract.noise import is_low
from chronicle.report.brief import write_brief
from tests.conftest import DATA

REF = re.compile(r" \[([a-z]+\d+(?:, [a-z]+\d+)*(?: \d+–\d+(?:, \d+–\d+)*)?(?:; [a-z]+\d+(?:, [a-z]+\d+)*(?: \d+–\d+(?:, \d+–\d+)*)?)*)\]")
LOW = re.compile(r" \(low confidence: translation noise in [a-z0-9, ]+\)")


def refs(line):
    """The references at the end of a brief line: [(ids, spans)] per group."""
    m = re.search(REF.pattern + r"\.?$", line)
    assert m, f"no reference at the end of: {line}"
    groups = []
    for part in m.group(1).split("; "):
        ids = re.findall(r"\b[a-z]+\d+\b", part)
        spans = [(int(a), int(b)) for a, b in re.findall(r"(\d+)–(\d+)", part)]
        groups.append((ids, spans))
    return groups


def quoted(brief):
    """The text slices a brief quotes (between “ and ” at the outer level)."""
    found, depth, start = [], 0, 0
    for i, ch in enumerate(brief):
        if ch == "“":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "”" and depth:
            depth -= 1
            if depth == 0:
                found.append(brief[start:i])
    return found


def test_brief_of_a_small_article():
    text = ("Hungarian Prime Minister Viktor Orban said that sanctions against Russia are pointless. "
            "The joint declaration calls for an immediate ceasefire and the release of all hostages. "
            "EU leaders will meet on Friday.")
    article = extract(text, published="2024-03-04", clean=False)
    brief = write_brief(article)
    assert "Viktor Orban" in brief and "rejects sanctions" in brief
    assert "“sanctions against Russia are pointless”" in brief
    assert "The joint declaration demands" in brief and "“an immediate ceasefire”" in brief
    for piece in quoted(brief):
        assert piece in article.text, piece


def test_brief_without_anything_says_so():
    article = extract("The weather was mild.", published="2024-03-04", clean=False)
    assert "No positions" in write_brief(article)


@pytest.fixture(scope="module")
def specimen_brief():
    text = (DATA / "specimen_article.txt").read_text(encoding="utf-8")
    article = extract(text, published="2023-02-12")
    return article, write_brief(article)


def test_specimen_brief_offer_with_terms(specimen_brief):
    article, brief = specimen_brief
    offer = next(line for line in brief.splitlines() if line.startswith("- Sergei Vershinin"))
    assert "negotiations" in offer and "Terms:" in offer
    assert "“without any conditions”" in offer and "“taking into account the goals we have publicly announced”" in offer


def test_specimen_brief_rejection_and_reason(specimen_brief):
    article, brief = specimen_brief
    rejection = next(line for line in brief.splitlines() if "Podoljak" in line and "rejects" in line)
    assert "negotiations are now meaningless" in rejection or "out of the question" in rejection


def test_specimen_brief_vote_with_resolved_date(specimen_brief):
    article, brief = specimen_brief
    vote = next(line for line in brief.splitlines() if "vote" in line)
    assert "2023-02-23" in vote and "“the following day”, after 2023-02-22" in vote


def test_specimen_brief_cites_and_is_built_from_the_record(specimen_brief):
    article, brief = specimen_brief
    cited = next(line for line in brief.splitlines() if line.startswith("Cited:"))
    assert "Sergei Vershinin" in cited and "Podoljak" in cited and "Twitter" in cited
    body = brief.replace(article.title, "")  # the first line names the record's title
    body = re.sub(LOW, "", re.sub(REF, "", body))  # references and low-confidence notes: checked below
    for piece in quoted(body):
        assert piece in article.text, piece
    # Outside the quoted slices, only names, roles, issue names, dates and template words appear.
    names = {a.name for a in article.actors} | {r for a in article.actors for r in a.roles}
    rest = body
    for piece in quoted(body):
        rest = rest.replace(f"“{piece}”", "")
    for name in names:
        rest = rest.replace(name, "")
    words = set(re.findall(r"[A-Za-z]+", re.sub(LOW, "", rest)))
    template = {"Brief", "published", "Offers", "and", "demands", "offers", "on", "terms", "negotiations",
                "Terms", "The", "draft", "resolution", "demand", "territory", "withdrawal", "prisoners",
                "deportations", "Rejections", "rejects", "In", "their", "words", "Planned", "next", "set",
                "for", "after", "Cited", "quote", "quotes", "unnamed", "televised", "interview", "Twitter",
                "supports", "counted", "from", "the", "publication", "date", "A", "document"}
    assert words <= template, words - template


def test_every_line_ends_with_its_records_and_spans(specimen_brief):
    article, brief = specimen_brief
    text = article.text
    records = {r.id: r for r in article.quotes + article.events + article.times + article.positions}
    content = [line for line in brief.splitlines() if line.startswith(("- ", "Cited:"))]
    assert len(content) >= 5
    for line in content:
        groups = refs(line)
        spans = []
        for ids, group_spans in groups:
            for i in ids:
                assert i in records, (i, line)
            for a, b in group_spans:
                assert 0 <= a < b <= len(text) and text[a:b].strip(), (a, b, line)
                spans.append((a, b))
            for i in ids:  # a quote, event or time is cited with its own span
                r = records[i]
                own = getattr(r, "content_span", None) or (r.span if not hasattr(r, "stance") else None)
                if own is not None and group_spans:
                    assert tuple(own) in group_spans, (i, own, line)
        # Every slice the line quotes lies within a span it references.
        body = re.sub(REF, "", line)
        if line.startswith("Cited:"):  # quote ids only; an unnamed speaker is quoted as written
            assert not spans
            continue
        for piece in quoted(body):
            assert any(piece in text[a:b] for a, b in spans), (piece, line)
    offer = next(line for line in content if line.startswith("- Sergei Vershinin"))
    assert refs(offer)[0][0] == ["p1"]  # the position first


def test_low_confidence_lines_are_marked(specimen_brief):
    article, brief = specimen_brief
    low = {r.id for r in article.quotes + article.events if is_low(r.confidence)}
    assert low  # "Russia will criminally will take over the world"
    for line in brief.splitlines():
        if not line.startswith("- "):
            continue
        cited = {i for ids, _ in refs(line) for i in ids}
        marked = LOW.search(line)
        assert bool(marked) == bool(cited & low), line
        if marked:
            assert set(re.findall(r"[a-z]+\d+", marked.group(0))) == cited & low
    rejection = next(line for line in brief.splitlines() if "Podoljak" in line and "rejects" in line)
    assert LOW.search(rejection)
    vote = next(line for line in brief.splitlines() if "vote" in line)
    assert not LOW.search(vote)


def test_a_damaged_sentence_marks_its_line():
    text = "Hungarian Prime Minister Viktor Orban said that the the sanctions against Russia are pointless."
    article = extract(text, published="2024-03-04", clean=False)
    line = next(line for line in write_brief(article).splitlines() if "rejects sanctions" in line)
    assert re.search(r"\(low confidence: translation noise in [^)]*\bq1\b[^)]*\) \[", line) and line.endswith("]")
    clean = extract(text.replace("the the", "the"), published="2024-03-04", clean=False)
    assert "low confidence" not in write_brief(clean)


def test_a_holder_s_country_from_the_knowledge_base_is_shown_as_known_not_as_the_text_s():
    from chronicle.records import Actor, Article, Basis
    from chronicle.report.brief import _Names

    putin = Actor("a1", "Vladimir Putin", "person", country="RUS", roles=["President"],
                  basis={"country": Basis("knowledge", entry="phoenix:countries/VLADIMIR_PUTIN",
                                          valid=["2000-05-07", "2008-05-07"])})
    russia = Actor("a2", "Russia", "country", country="RUS", basis={"country": Basis("text", span=(0, 6))})
    names = _Names(Article(id="x", source="s", text="Russia", actors=[putin, russia]))
    assert names.describe(["a1", "a2"]) == "Vladimir Putin (President; Russia, known, 2000–2008)"
    putin.basis["country"] = Basis("text", span=(0, 6))
    assert names.describe(["a1", "a2"]) == "Vladimir Putin (President, Russia)"
