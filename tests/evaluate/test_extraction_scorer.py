"""Main-text extraction against WCXB gold: Chronicle beside plain trafilatura, in the same run."""
from chronicle.evaluate.extraction import evaluate_extraction
from tests.conftest import shared_path


def test_chronicle_beats_plain_trafilatura_on_a_wcxb_sample():
    """A regression guard on 40 gold pages (the full 710 are in the README): word F1 at least
    trafilatura's, less boilerplate leaked, dates at least as often right as htmldate's."""
    gold = shared_path("gold", "extraction", "wcxb_dev")
    result = evaluate_extraction(gold, limit=40)
    ours, theirs = result["systems"]["chronicle"], result["systems"]["trafilatura"]
    assert result["pages"] == 40
    assert ours["word_f1"] >= theirs["word_f1"] - 0.005
    assert ours["leaked"] <= theirs["leaked"]
    assert ours["date_accuracy"] >= theirs["date_accuracy"]
