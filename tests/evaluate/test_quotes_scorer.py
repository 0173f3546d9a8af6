"""The PolNeAR quote scorer: matching, attribution and the direct/indirect split."""
from collections import Counter

from chronicle.evaluate.quotes import Attribution, evaluate_quotes, match, score_document, summarise
from tests.conftest import shared_path


def quote(start, end, speaker=None, cue=None, direct=False):
    return Attribution(content=[(start, end)], speaker=[speaker] if speaker else [], cue=[cue] if cue else [], direct=direct)


def test_match_needs_half_the_characters_in_common_and_is_one_to_one():
    gold = [quote(0, 100), quote(200, 300)]
    pred = [quote(10, 100), quote(20, 100), quote(200, 240)]
    assert match(gold, pred) == [(0, 0)]  # (200, 240) shares only 40% with (200, 300)


def test_attribution_needs_overlapping_speakers():
    gold = [quote(0, 100, speaker=(110, 120), cue=(105, 109))]
    right = [quote(0, 100, speaker=(112, 120), cue=(105, 109))]
    wrong = [quote(0, 100, speaker=(130, 140), cue=(105, 109))]
    assert summarise(score_document(gold, right))["all"]["attributed_f1"] == 1.0
    result = summarise(score_document(gold, wrong))["all"]
    assert result["content_f1"] == 1.0 and result["attributed_f1"] == 0.0 and result["speaker_accuracy"] == 0.0


def test_scores_split_by_direct_and_indirect():
    gold = [quote(0, 50, direct=True), quote(60, 100)]
    pred = [quote(0, 50, direct=True)]
    result = summarise(score_document(gold, pred))
    assert result["direct"]["content_f1"] == 1.0
    assert result["indirect"]["content_r"] == 0.0
    assert round(result["all"]["content_r"], 2) == 0.5


def test_empty_counts_give_zero_not_an_error():
    assert summarise(Counter())["all"]["content_f1"] == 0.0


def test_polnear_full_dev_attributed_f1_stays_above_the_floor():
    """Issue 3's guard: the whole dev set (84 articles, about a minute), attributed F1 >= 0.55
    (0.601 when written, 0.634 now) and speaker accuracy >= 0.85 (0.936); direct quotes'
    attributed F1 (0.856, target 0.85) may not fall more than a point below the target."""
    gold = shared_path("gold", "quotes", "polnear", "json", "dev")
    result = evaluate_quotes(gold)
    assert result["articles"] >= 80
    assert result["all"]["attributed_f1"] >= 0.55
    assert result["all"]["speaker_accuracy"] >= 0.85
    assert result["direct"]["attributed_f1"] >= 0.84


def test_a_prediction_in_pieces_is_scored_as_their_union():
    from types import SimpleNamespace

    from chronicle.evaluate.quotes import predicted
    from chronicle.records import Quote

    text = "“We are ready,” said the mayor of the small northern town. “The vote is on Friday.”"
    first, second = (0, 15), (59, len(text))
    pieced = Quote(id="q1", content_span=first, kind="direct", speaker_span=(21, 30),
                   more_content_spans=[second])
    [p] = predicted(SimpleNamespace(text=text, quotes=[pieced]))
    assert p.content == [first, second] and p.direct
    gold = [Attribution(content=[first, second], speaker=[(21, 30)], direct=True)]
    assert summarise(score_document(gold, [p]))["direct"]["attributed_f1"] == 1.0
    # The first piece alone shares under half the characters with the gold statement.
    alone = Quote(id="q1", content_span=first, kind="direct", speaker_span=(21, 30))
    assert summarise(score_document(gold, predicted(SimpleNamespace(text=text, quotes=[alone]))))["direct"]["content_f1"] == 0.0
