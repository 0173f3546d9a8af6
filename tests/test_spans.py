"""Property: every span of every record slices the record's text, on every input we have."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronicle import extract
from tests.conftest import SHARED

FRAGMENTS = [
    "“We will not negotiate,” said Foreign Minister Anna Berg.", "He said that the talks failed.",
    "According to diplomats, the vote is set for Friday.", "President Vladimir Putin", "the Kremlin",
    " „Ja“ ", "«Non»", '"', "'", "”", "“", "\n\n", "\n", "Advertisement'; }", "353 days ago",
    "the following day", "on February 22", "last week", "this weekend", "two weeks later", "the 1990s",
    "every Friday", "next month", "earlier this year", "at 3 p.m.", "since 2014", "for three years", "Kyiv/Moscow – ", "she wrote on Twitter.",
    "“The talks are over,” said Anna Berg, a minister. “We will not return to them.”",
    "Photo: Reuters", "ü", "—", "  ", "\t", "Ukraine", "NATO", ".", ",",
]


def assert_spans_slice(article):
    text = article.text
    for kind, record_id, field, (start, end) in article.spans():
        assert 0 <= start <= end <= len(text), (kind, record_id, field, start, end)
        assert start < end, (kind, record_id, field)
    for actor in article.actors:
        for start, end in actor.mentions:
            assert text[start:end].strip() == text[start:end]
    for t in article.times:
        assert text[t.span[0]:t.span[1]] == t.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=30), st.booleans())
def test_spans_slice_text_on_generated_articles(parts, clean):
    article = extract("".join(parts), published="2023-02-12", clean=clean)
    assert_spans_slice(article)


def test_spans_slice_text_on_the_specimen(specimen):
    assert_spans_slice(specimen)


def test_spans_slice_text_on_real_news():
    corpus = SHARED / "corpora" / "bbc_news_2225" / "bbc" / "politics"
    if not corpus.exists():
        import pytest
        pytest.skip(f"needs {corpus} (shared corpora, present in CI)")
    from chronicle.extract.article import extract_documents
    from chronicle.records import Document

    files = sorted(corpus.glob("*.txt"))[:40]
    items = [Document(source=str(f), text=f.read_text(encoding="utf-8", errors="replace"), published="2005-01-01") for f in files]
    for article in extract_documents(items):
        assert_spans_slice(article)


def test_every_piece_of_a_quote_in_several_is_a_checked_span():
    text = ("“The harvest was poor this year,” farmer Lena Novak said. “We will need help before winter.”")
    article = extract(text, published="2023-02-12")
    [quote] = article.quotes
    assert quote.more_content_spans
    pieces = [(kind, field, span) for kind, _, field, span in article.spans() if field in ("content_span", "more_content_spans")]
    assert pieces == [("quotes", "content_span", quote.content_span),
                      ("quotes", "more_content_spans", quote.more_content_spans[0])]
    assert_spans_slice(article)
    assert [text[s:e] for s, e in quote.content_spans()] == ["“The harvest was poor this year,”",
                                                             "“We will need help before winter.”"]
