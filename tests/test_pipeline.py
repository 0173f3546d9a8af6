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


def test_an_article_empty_after_cleaning_is_skipped_not_stored():
    markup = "\n\n".join(f"<script>var x{i} = 1;</script> window.dataLayer = [];" for i in range(5))
    (outcome,) = run([Document(source="scripts", text=markup)])
    assert isinstance(outcome, Skipped) and outcome.stage == "clean" and not outcome.failed
    assert outcome.reason.startswith("nothing is left after cleaning: 5 lines removed (5 script residue)")


def test_a_long_run_of_symbols_is_cut_by_cleaning_or_refused_verbatim():
    text = 'The mayor said the bridge would reopen. ' + '"' * 20_000 + ' The council agreed.'
    (article,) = run([Document(source="quotes", text=text)])
    assert '"' * 100 not in article.text and "The council agreed." in article.text
    assert any(r.reason == "symbol run" and "20,000 characters" in r.text for r in article.removed)
    (refused,) = run([Document(source="verbatim", text=text)], Options(clean=False))
    assert refused.stage == "clean" and refused.failed and "20,000 symbols" in refused.reason


def test_a_document_over_the_time_budget_is_stopped_and_fails_alone():
    """The tokenizer takes minutes over 30,000 quotation marks: the worker is stopped at the
    budget, the batch retried one document at a time, and the other documents are extracted."""
    from chronicle.pipeline import extract_all

    slow = Document(source="slow", text='"' * 30_000)  # verbatim: no cleaning cuts it
    items = [Document(source="one", text=STORY), slow, Document(source="two", text="The mayor said it works.")]
    outcomes = list(extract_all(items, Options(clean=False, time_budget=8)))
    assert [o.source for o in outcomes] == ["one", "slow", "two"]
    assert [type(o) for o in outcomes] == [Article, Skipped, Article]
    assert outcomes[1].stage == "extract" and "time budget of 8 s" in outcomes[1].reason
