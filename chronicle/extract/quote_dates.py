"""When each quote was said: the date of its sentence, never after the article's publication."""
from __future__ import annotations

from chronicle.extract.step import Step
from chronicle.extract.times import sentence_date
from chronicle.records import Article


def date_quotes(doc, article: Article) -> None:
    """Set ``date`` and ``time`` of every quote from the time expressions of its sentence."""
    for quote in article.quotes:
        start, end = quote.cue_span or quote.content_span
        quote.date, quote.time = sentence_date(doc, start, end, article.times, article.published)
        if article.published and quote.date and quote.date > article.published:
            # Words reported in an article were said by the time it was published: a later date
            # in the sentence is what the quote is about ("a vote on Friday"), not when it was said.
            quote.date, quote.time = article.published, None


STEP = Step("quote_dates", reads=("doc", "quotes", "times", "published"), adds=("quotes.date",), run=date_quotes)
