"""Translation noise: one example per signal, clean sentences at 0, and the confidence it gives records."""
import pytest

from chronicle.extract.article import extract
from chronicle.extract.nlp import get_nlp
from chronicle.extract.noise import LOW_CONFIDENCE, WEIGHTS, is_low, noise_by_sentence, noise_signals, sentence_noise, unmatched_quotes
from tests.conftest import shared_path


def first_sentence(text):
    return next(get_nlp()(text).sents)


def signals(text):
    return {name for name, _ in noise_signals(first_sentence(text))}


@pytest.mark.parametrize("text, signal", [
    ("Otherwise the war will not end and Moscow will criminally will take over the region.", "repeated_modal"),
    ("The minister said that the the talks would resume in March.", "doubled_word"),
    ("The delegation talks about the measures of the, but nothing changed.", "dangling_article"),
    ("The soldiers goes back to the front every week.", "agreement"),
    ("They was sure the talks would fail, the minister said.", "agreement"),
    ("The minister said the talks were “meaningless and would fail.", "unmatched_quote"),
    ("Only to talks without preconditions (and) based on the facts, the envoy said.", "paren_fragment"),
    ("The delegation of the ministry on the measures of some of the regional officials of the border.",
     "no_finite_verb"),
    ("The envoy met the minister , and the talks began.", "space_before_punct"),
])
def test_each_signal_is_found(text, signal):
    found = noise_signals(first_sentence(text))
    assert signal in {name for name, _ in found}, found
    sent = first_sentence(text)
    for _name, (start, end) in found:  # each signal points at the words that show it
        assert sent.start_char <= start < end <= sent.end_char
    assert sentence_noise(sent) == pytest.approx(WEIGHTS[signal], abs=0.05) or sentence_noise(sent) > WEIGHTS[signal]


@pytest.mark.parametrize("text", [
    "Russian Deputy Foreign Minister Sergei Vershinin invited Ukraine to peace negotiations on Sunday.",
    "He said that that was the end of the matter, and the talks had had no result.",
    "“We will be willing to have such talks,” the Russian diplomat said.",
    "The UN Security Council negotiations on Ukraine should continue on February 22.",
    "The news is bad for the government, and the statistics show why.",
    "Kremlin spokesman Dmitry Peskov (pictured) said Moscow would not leave the (occupied) territories.",
    "The team will play in the semi-final against Wales.",
])
def test_clean_sentences_score_zero(text):
    sent = first_sentence(text)
    assert sentence_noise(sent) == 0, noise_signals(sent)


def test_repeated_and_missing_signals_add_up_and_stay_in_range():
    sent = first_sentence("Russia will criminally will take over the the world , he said.")
    score = sentence_noise(sent)
    assert 0 < score <= 1
    assert score > WEIGHTS["repeated_modal"]  # several signals: more than the strongest alone
    assert is_low(1 - score)


def test_quotes_over_several_sentences_are_matched():
    text = ("He said: “The talks are over. We will not go back.” Then he left.\n\n"
            "She added: \"It is a very good league. \"It has been very interesting to watch.\"")
    assert unmatched_quotes(text) == []  # the second quote runs on after a lost paragraph break
    assert unmatched_quotes("He said: “The talks are over.\n\nThe end.") == [9]
    # A quote continued in the next paragraph, opened again there, is not unmatched.
    assert unmatched_quotes("He said: “The talks are over.\n\n“We will not go back.”") == []


def test_noise_by_sentence_covers_every_sentence_with_slicing_spans():
    doc = get_nlp()("The talks began. Moscow will criminally will take over the world. The end came.")
    found = noise_by_sentence(doc)
    assert [(s, e) for s, e, _ in found] == [(s.start_char, s.end_char) for s in doc.sents]
    assert [score > 0 for _, _, score in found] == [False, True, False]
    for start, end, _ in found:
        assert doc.text[start:end].strip()


def test_records_carry_confidence(specimen):
    article = specimen
    by_id = {q.id: q for q in article.quotes}
    damaged = [q for q in article.quotes if "will criminally will" in article.text[q.content_span[0]:q.content_span[1]]]
    assert damaged and all(is_low(q.confidence) for q in damaged)
    invited = next(e for e in article.events if "invited" in article.text[e.span[0]:e.span[1]])
    assert invited.confidence == 1.0
    assert all(0 <= r.confidence <= 1 for r in article.quotes + article.events + article.positions)
    assert by_id and sum(not is_low(q.confidence) for q in article.quotes) >= len(article.quotes) / 2
    # Confidence survives JSON.
    again = type(article).from_dict(article.to_dict())
    assert [q.confidence for q in again.quotes] == [q.confidence for q in article.quotes]


def test_a_position_in_a_damaged_sentence_loses_confidence():
    clean = extract("Hungarian Prime Minister Viktor Orban said that sanctions against Russia are pointless.",
                    published="2024-03-04", clean=False)
    noisy = extract("Hungarian Prime Minister Viktor Orban said that the the sanctions against Russia are pointless.",
                    published="2024-03-04", clean=False)
    (p_clean,), (p_noisy,) = clean.positions, noisy.positions
    assert p_noisy.confidence == pytest.approx(p_clean.confidence * (1 - WEIGHTS["doubled_word"]), abs=0.01)
    assert is_low(noisy.quotes[0].confidence) and not is_low(clean.quotes[0].confidence)


def test_clean_bbc_news_is_rarely_low_confidence():
    root = shared_path("corpora", "bbc_news_2225", "bbc")
    files = sorted(root.glob("*/*.txt"))[::22][:100]
    assert len(files) == 100
    nlp = get_nlp()
    total = low = 0
    for doc in nlp.pipe(f.read_text(encoding="utf-8", errors="replace") for f in files):
        for _, _, score in noise_by_sentence(doc):
            total += 1
            low += is_low(1 - score)
    assert total > 1000
    assert low / total <= 0.05, (low, total)


def test_the_article_page_marks_low_confidence_quotes(tmp_path, specimen):
    from pathlib import Path

    from fastapi.testclient import TestClient

    import chronicle.api
    from chronicle.api import create_app
    from chronicle.store.sqlite import Store

    template = (Path(chronicle.api.__file__).parent / "templates" / "article.html").read_text(encoding="utf-8")
    assert f"{{% set low_confidence = {LOW_CONFIDENCE} %}}" in template  # the same threshold as the brief
    with Store(tmp_path / "chronicle.db") as store:
        store.add(specimen)
    page = TestClient(create_app(tmp_path / "chronicle.db")).get(f"/articles/{specimen.id}").text
    low = [q.id for q in specimen.quotes if is_low(q.confidence)]
    assert low
    for q in specimen.quotes:
        assert (f'<tr id="record-{q.id}" class="low-confidence">' in page) == (q.id in low)
    assert page.count('class="low-note"') == len(low) + sum(is_low(e.confidence) for e in specimen.events)
    assert "(low confidence: translation noise in" in page  # the brief on the page
