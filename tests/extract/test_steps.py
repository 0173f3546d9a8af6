"""Extraction steps declare what they read and add; the order is checked, not remembered."""
import pytest

from chronicle.extract.step import Step, check_order
from chronicle.extract.steps import STEPS


def _noop(doc, article):
    pass


def test_the_steps_run_in_an_order_where_every_input_exists():
    check_order(STEPS)
    assert [s.name for s in STEPS] == ["actors", "times", "quotes", "events", "quote_dates", "positions", "noise"]


def test_a_step_reading_what_no_earlier_step_adds_is_refused():
    quotes = next(s for s in STEPS if s.name == "quotes")
    with pytest.raises(ValueError, match="'quotes' reads actors"):
        check_order((quotes,) + tuple(s for s in STEPS if s.name != "quotes"))


def test_two_steps_with_one_name_are_refused():
    with pytest.raises(ValueError, match="two extraction steps are named 'x'"):
        check_order((Step("x", (), ("a",), _noop), Step("x", ("a",), (), _noop)))


def test_a_new_step_is_one_step_object(monkeypatch):
    """What a new extractor adds: a Step, run in order over the prepared article."""
    from chronicle.extract import steps
    from chronicle.extract.article import extract_documents
    from chronicle.records import Document

    seen = []
    counter = Step("count_sentences", reads=("doc",), adds=(), run=lambda doc, article: seen.append(len(list(doc.sents))))
    monkeypatch.setattr(steps, "STEPS", steps.STEPS + (counter,))
    next(extract_documents([Document(source="s", text="One sentence here. And a second one.")]))
    assert seen == [2]
