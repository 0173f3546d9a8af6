"""The spaCy pipeline Chronicle loads: the installed model plus a line-break rule before the parser."""
from chronicle.extract.nlp import get_nlp, line_breaks
from tests.extract.test_quotes import quotes_of


def starts(text):
    """The words the line-break rule starts a sentence at (on the tokenised text alone)."""
    doc = line_breaks(get_nlp().make_doc(text))
    return [t.text for t in doc if t.is_sent_start and t.i > 0]


def test_the_line_break_rule_runs_before_the_parser():
    names = get_nlp().pipe_names
    assert names.index("chronicle_line_breaks") < names.index("parser")


def test_a_paragraph_break_starts_a_sentence():
    assert starts("at the back of the queue.”\n\nopposition leaders said so") == ["opposition"]


def test_a_line_break_after_a_stop_or_before_a_capital_starts_one():
    assert starts("The council met.\nIt voted no.") == ["It"]
    assert starts("Bridge Opens in May\nThe mayor said so") == ["The"]


def test_a_line_hard_wrapped_inside_a_sentence_does_not():
    assert starts("The mayor regularly\nignores\nthe council and its advice.") == []


def test_a_report_after_a_paragraph_break_keeps_its_speaker():
    text = ("“We will not wait for the council,” the mayor said. “The bridge is going to open.”\n\n"
            "Opposition leader Anna Kowalska said the promise showed the mayor did not know the town.")
    kowalska = [q for q in quotes_of(text) if q["speaker"] == "Anna Kowalska"]
    assert [q["content"] for q in kowalska] == ["the promise showed the mayor did not know the town"]
