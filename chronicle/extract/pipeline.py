"""From article text to a grounded record, top to bottom.

1. Clean the text (title, dateline, removed lines) unless ``clean=False``.
2. Parse it with spaCy, in paragraph-aligned chunks when it is very long.
3. Find actors, then time expressions, then quotes (their speakers resolve to actors, their
   dates to time expressions), then events (actor–action–target, with status and date),
   then positions (what each party wants, on what terms) from quotes and events.
Every span of the record indexes ``Article.text``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Iterable, Iterator

from chronicle import settings
from chronicle.clean.text import clean_text
from chronicle.extract.actors import find_actors
from chronicle.extract.events import find_events
from chronicle.extract.nlp import get_nlp
from chronicle.extract.noise import apply_noise
from chronicle.extract.positions import find_positions
from chronicle.extract.quotes import find_quotes
from chronicle.extract.times import find_times, sentence_date
from chronicle.records import Article


def extract(text: str, published: str | dt.date | None = None, clean: bool = True,
            source: str = "<string>") -> Article:
    """Extract the record of one article.

    text (str): the article as read (or verbatim text with ``clean=False``).
    published (str | date | None): publication date, ISO "YYYY-MM-DD"; relative time
        expressions stay unresolved without it. Defaults to None.
    clean (bool): strip title, dateline and scrape residue first. With False, the text is kept
        verbatim so spans index the input itself. Defaults to True.
    source (str): where the text came from (path, URL, WARC record).
    RETURNS (Article): the record.
    """
    return next(extract_batch([(text, published, source)], clean=clean))


def extract_batch(items: Iterable[tuple], clean: bool = True, batch_size: int = 16) -> Iterator[Article]:
    """Extract records for many items, parsing them in batches.

    items: ``(text, published, source)``, optionally followed by ``title`` and ``removed`` when a
        reader already found them (an HTML page's headline, the boilerplate it dropped).
    """
    nlp = get_nlp()
    prepared = (_prepare(*item[:3], clean, *item[3:]) for item in items)
    batch: list[Article] = []
    for article in prepared:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _finish(nlp, batch)
            batch = []
    if batch:
        yield from _finish(nlp, batch)


def _prepare(text: str, published, source: str, clean: bool, title: str | None = None, removed=()) -> Article:
    published = normalise_date(published)
    if clean:
        cleaned = clean_text(text, title=title)  # a known title: the first paragraph stays body
        article = Article(
            id="", source=source, text=cleaned.text, title=cleaned.title,
            title_variants=cleaned.title_variants, published=published,
            dateline=cleaned.dateline, removed=list(removed) + cleaned.removed,
        )
    else:
        article = Article(id="", source=source, text=text, title=title, published=published)
    article.id = article_id(article.text)
    return article


def _finish(nlp, articles: list[Article]) -> Iterator[Article]:
    # The memory zone frees the strings and lexemes a batch added to the shared vocabulary once
    # its records (plain Python values) are built; without it a long run grows without bound.
    with nlp.memory_zone():
        for article, doc in zip(articles, _parse_all(nlp, [a.text for a in articles])):
            _fill(article, doc)
            yield article


def _fill(article: Article, doc) -> None:
    article.actors = find_actors(doc, article.published)
    article.times = find_times(doc, article.published)
    article.quotes = find_quotes(doc, article.actors)
    # After quotes: events may add group actors ("Israeli soldiers") to article.actors.
    article.events = find_events(doc, article.actors, article.times, article.published)
    for quote in article.quotes:
        start, end = quote.cue_span or quote.content_span
        quote.date, quote.time = sentence_date(doc, start, end, article.times, article.published)
        if article.published and quote.date and quote.date > article.published:
            # Words reported in an article were said by the time it was published: a later date
            # in the sentence is what the quote is about ("a vote on Friday"), not when it was said.
            quote.date, quote.time = article.published, None
    # Last: positions read the quotes, events and their dates.
    article.positions = find_positions(doc, article)
    apply_noise(doc, article)  # confidence of quotes and events; positions scaled by it


def _parse_all(nlp, texts: list[str]):
    """Parse texts; texts longer than one chunk are parsed in pieces and joined back."""
    short = [t for t in texts if len(t) <= settings.MAX_CHUNK_CHARS]
    parsed_short = _pipe_bounded(nlp, short)
    for text in texts:
        if len(text) <= settings.MAX_CHUNK_CHARS:
            yield next(parsed_short)
        else:
            yield _parse_long(nlp, text)


def _pipe_bounded(nlp, texts: list[str]):
    """``nlp.pipe`` over groups of at most ``PARSE_BATCH_CHARS`` characters (a longer text alone),
    so that memory follows the longest article, not the batch."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and size + len(text) > settings.PARSE_BATCH_CHARS:
            yield from nlp.pipe(group)
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield from nlp.pipe(group)


def _parse_long(nlp, text: str):
    from spacy.tokens import Doc

    docs = list(_pipe_bounded(nlp, split_chunks(text, settings.MAX_CHUNK_CHARS)))
    # Each chunk keeps its trailing whitespace, so the joined text equals the input exactly.
    return Doc.from_docs(docs, ensure_whitespace=False)


def split_chunks(text: str, limit: int) -> list[str]:
    """Split at paragraph breaks (else line breaks, else spaces) into pieces of at most ``limit``."""
    chunks = []
    while len(text) > limit:
        cut = -1
        for separator in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(separator, 0, limit)
            if cut > 0:
                cut += len(separator)
                break
        if cut <= 0:
            cut = limit
        chunks.append(text[:cut])
        text = text[cut:]
    chunks.append(text)
    return [c for c in chunks if c]


def article_id(text: str) -> str:
    """A stable id: a hash of the cleaned text with whitespace and case normalised."""
    normalised = " ".join(text.split()).lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def normalise_date(value) -> str | None:
    """An ISO date string from a date or "YYYY-MM-DD"; raises ValueError naming the bad value."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise ValueError(f"Publication date {value!r} is not an ISO date; give it as YYYY-MM-DD, e.g. --published 2023-02-12.") from None
