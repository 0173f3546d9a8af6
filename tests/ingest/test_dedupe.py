"""Exact and near duplicates: normalised hashes and MinHash LSH on word 5-shingles."""
import pytest

from chronicle.ingest.dedupe import Deduplicator, normalise, shingles

from .webpages import BODY

STORY = " ".join(BODY)
OTHER = (
    "Heavy snow closed the mountain pass on Sunday, stranding hundreds of drivers overnight as "
    "rescue teams worked to clear the road and bring blankets and hot drinks to the stranded. "
    "Officials said the pass would reopen once avalanche risk had been assessed by experts."
)


def test_first_text_is_new():
    assert Deduplicator().check("a", STORY) == ("new", None)


def test_same_text_with_other_case_spacing_and_punctuation_is_an_exact_duplicate():
    dedupe = Deduplicator()
    dedupe.check("a", STORY)
    variant = "  " + STORY.upper().replace(",", "").replace(" ", "  \n") + "!!"
    assert dedupe.check("b", variant) == ("exact", "a")


def test_text_with_one_sentence_changed_is_a_near_duplicate():
    dedupe = Deduplicator()
    dedupe.check("a", STORY)
    edited = STORY.replace("four new stops", "five new stops") + " Updated at noon with reaction."
    assert dedupe.check("b", edited) == ("near", "a")


def test_different_story_is_new():
    dedupe = Deduplicator()
    dedupe.check("a", STORY)
    assert dedupe.check("b", OTHER) == ("new", None)
    assert len(dedupe) == 2


def test_later_copies_point_at_the_first_document():
    dedupe = Deduplicator()
    dedupe.check("a", STORY)
    dedupe.check("b", STORY + " Updated.")
    assert dedupe.check("c", STORY + " Updated.") == ("exact", "a")


def test_threshold_outside_zero_to_one_is_refused_with_an_example():
    with pytest.raises(ValueError, match="e.g. 0.8"):
        Deduplicator(threshold=1.5)


def test_shingles_are_five_word_windows_of_the_normalised_text():
    assert normalise("The Mayor, said: “Yes!”") == "the mayor said yes"
    assert shingles("a b c d e f") == {"a b c d e", "b c d e f"}
    assert shingles("short text") == {"short text"}
