"""Extraction of one article: one call from text to record, spans indexing the text it returns."""
import pytest

import chronicle
from chronicle import settings
from chronicle.extract.article import article_id, extract_documents, normalise_date
from chronicle.extract.nlp import get_nlp
from chronicle.extract.parse import pipe_bounded, split_chunks
from chronicle.records import Document


def test_clean_false_keeps_the_text_verbatim():
    text = "HEADLINE\n\nAdvertisement'; }\n\nThe mayor said that the bridge would reopen."
    article = chronicle.extract(text, clean=False)
    assert article.text == text
    assert article.title is None and article.removed == []


def test_clean_true_drops_the_residue_with_reasons():
    text = "Mayor reopens the bridge\n\nAdvertisement'; }\n\nThe mayor said that the bridge would reopen."
    article = chronicle.extract(text)
    assert article.title == "Mayor reopens the bridge"
    assert article.text == "The mayor said that the bridge would reopen."
    assert [r.reason for r in article.removed] == ["script residue"]


def test_quote_is_dated_by_the_time_expression_of_its_sentence():
    text = "Headline here\n\nOn Monday, Foreign Minister Anna Berg said that the talks had failed."
    [quote] = chronicle.extract(text, published="2023-02-15").quotes  # a Wednesday
    assert quote.date == "2023-02-13"
    assert quote.time is not None


def test_quote_is_never_dated_after_publication():
    text = "Headline here\n\nForeign Minister Anna Berg said that the vote will take place on Friday."
    [quote] = chronicle.extract(text, published="2023-02-15").quotes
    assert quote.date == "2023-02-15" and quote.time is None


def test_without_publication_date_relative_times_stay_unresolved():
    article = chronicle.extract("Headline here\n\nThe minister resigned yesterday.")
    [time] = article.times
    assert time.value is None and time.reason


def test_same_text_same_id_whatever_the_whitespace():
    assert article_id("A  text\n\nhere") == article_id("a text here")
    assert article_id("a text here") != article_id("another text")


def test_long_text_is_parsed_in_chunks_with_exact_offsets(monkeypatch):
    monkeypatch.setattr(settings, "MAX_CHUNK_CHARS", 300)
    paragraph = "Foreign Minister Anna Berg said that the talks had failed in Geneva. "
    text = "\n\n".join(paragraph * 3 for _ in range(6))
    article = chronicle.extract(text, clean=False)
    assert article.text == text
    assert len(article.quotes) == 18
    for quote in article.quotes:
        assert text[quote.content_span[0]:quote.content_span[1]].endswith("the talks had failed in Geneva")


def test_parse_groups_are_bounded_by_characters_and_keep_order(monkeypatch):
    texts = ["Short one.", "Another short one.", "x" * 80 + ".", "Last one.", "And one more."]
    calls = []

    class Recording:
        def pipe(self, group):
            calls.append(list(group))
            return get_nlp().pipe(group)

    monkeypatch.setattr(settings, "PARSE_BATCH_CHARS", 60)
    docs = list(pipe_bounded(Recording(), texts))
    assert [d.text for d in docs] == texts
    assert calls == [texts[:2], texts[2:3], texts[3:]]  # the 81-character text alone


def test_records_do_not_depend_on_how_texts_are_grouped_for_parsing(monkeypatch):
    items = [Document(source=f"s{i}", text=f"Minister Anna Berg said on Monday that talks with Norway had failed ({i}).",
                      published="2023-02-12") for i in range(6)]
    together = list(extract_documents(items))
    monkeypatch.setattr(settings, "PARSE_BATCH_CHARS", 1)  # one text per nlp.pipe call
    alone = list(extract_documents(items))
    assert together == alone


def test_split_chunks_keeps_every_character():
    text = ("word " * 50 + "\n\n") * 10
    chunks = split_chunks(text, 120)
    assert "".join(chunks) == text
    assert all(len(c) <= 120 for c in chunks)


@pytest.mark.parametrize("value", ["12/02/2023", "yesterday", "2023-13-01"])
def test_bad_publication_dates_are_refused_with_the_format(value):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        normalise_date(value)
