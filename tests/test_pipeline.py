"""The pipeline every door calls: options, gates with their reasons, isolated extraction."""
import pytest

from chronicle.pipeline import Gates, Options, dated, run
from chronicle.records import Article, Document, Skipped

STORY = ("The city library reopened on Thursday after a flood in January damaged its basement, the director "
         "said. About 3,000 books were lost, and volunteers helped to dry the rest of the collection.")


@pytest.mark.parametrize("kwargs, message", [({"published": "12/02/2023"}, "YYYY-MM-DD"),
                                             ({"near_duplicate": 1.5}, "must be in"), ({"workers": 0}, "at least 1")])
def test_bad_options_are_refused_before_anything_is_read(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Options(**kwargs)


def test_a_given_date_wins_over_the_page_and_says_so():
    page = Document(source="p", text=STORY, published="2020-01-01", published_from="html")
    assert dated(page, None) is page
    given = dated(page, "2023-02-12")
    assert (given.published, given.published_from) == ("2023-02-12", "given")


def test_each_gate_says_why_in_reading_order(monkeypatch):
    from chronicle import settings

    monkeypatch.setattr(settings, "MAX_ARTICLE_CHARS", 1000)
    gates = Gates(Options())
    assert gates.check(Document(source="a", text=STORY)) is None
    checks = {
        "copy": Document(source="copy", text=STORY.upper()),
        "near": Document(source="near", text=STORY.replace("collection", "archive")),
        "long": Document(source="long", text="word " * 300),
        "german": Document(source="german", text="Die Bibliothek wurde am Donnerstag nach einer Überschwemmung "
                                                 "wieder eröffnet, sagte die Direktorin am Abend."),
    }
    found = {name: gates.check(doc) for name, doc in checks.items()}
    assert (found["copy"].stage, found["copy"].reason, found["copy"].failed) == ("duplicate", "exact duplicate of a", False)
    assert (found["near"].stage, found["near"].reason) == ("duplicate", "near duplicate of a")
    assert (found["long"].stage, found["long"].failed) == ("size", True)
    assert "CHRONICLE_MAX_ARTICLE_CHARS" in found["long"].reason
    assert found["german"].stage == "language" and "allow it with --lang" in found["german"].reason


def test_without_the_near_duplicate_gate_only_exact_copies_are_skipped():
    gates = Gates(Options(near_duplicate=None))
    assert gates.check(Document(source="a", text=STORY)) is None
    assert gates.check(Document(source="near", text=STORY.replace("collection", "archive"))) is None
    assert gates.check(Document(source="copy", text=STORY)).reason == "exact duplicate of a"


def test_run_keeps_input_order_and_isolates_a_failing_document(explode_in_quotes):
    items = [Document(source="one", text=STORY), Skipped("unread", "empty file", failed=False),
             Document(source="bad", text="EXPLODE. The mayor said the bridge would reopen."),
             Document(source="two", text="The mayor said on Monday that the bridge would reopen in May.")]
    outcomes = list(run(items, Options(published="2023-02-12")))
    assert [o.source for o in outcomes] == ["one", "unread", "bad", "two"]
    assert [type(o) for o in outcomes] == [Article, Skipped, Skipped, Article]
    assert outcomes[2].stage == "extract" and "RuntimeError: boom" in outcomes[2].reason and outcomes[2].failed
    assert outcomes[0].published == "2023-02-12"
