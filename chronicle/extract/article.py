"""From a document's text to a grounded record, top to bottom.

1. Prepare: clean the text (title, dateline, removed lines) unless ``clean=False``, and make the
   ``Article`` its records will fill (its id is a hash of the cleaned text).
2. Parse with spaCy, a batch at a time, in paragraph-aligned chunks when a text is very long
   (``chronicle.extract.parse``).
3. Run the extraction steps in their order (``chronicle.extract.steps.STEPS``): actors, times,
   quotes, events, quote dates, positions, confidence.
Every span of the record indexes ``Article.text``. Gates (size, language, duplicates) and failure
isolation are the pipeline's (``chronicle.pipeline``); this module extracts what it is given.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Iterable, Iterator

from chronicle.clean.text import clean_text
from chronicle.extract.nlp import get_nlp
from chronicle.extract.parse import parse_all
from chronicle.extract.steps import run_steps
from chronicle.records import Article, Document


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
    document = Document(source=source, text=text, published=normalise_date(published))
    return next(extract_documents([document], clean=clean))


def extract_documents(documents: Iterable[Document], clean: bool = True, batch_size: int = 16) -> Iterator[Article]:
    """The record of each document, in order, parsing them ``batch_size`` at a time.

    A document's ``title`` and ``removed`` (what a web-page reader found) are kept; its
    ``published`` is used as given (the pipeline decides between a given date and the page's).
    """
    nlp = get_nlp()
    batch: list[Article] = []
    for document in documents:
        batch.append(prepare(document, clean))
        if len(batch) >= batch_size:
            yield from _finish(nlp, batch)
            batch = []
    if batch:
        yield from _finish(nlp, batch)


def prepare(document: Document, clean: bool = True) -> Article:
    """The article a document becomes before extraction: cleaned text, title, dateline, id."""
    published = normalise_date(document.published)
    if clean:
        cleaned = clean_text(document.text, title=document.title)  # a known title: the first paragraph stays body
        article = Article(
            id="", source=document.source, text=cleaned.text, title=cleaned.title,
            title_variants=cleaned.title_variants, published=published,
            dateline=cleaned.dateline, removed=list(document.removed) + cleaned.removed,
        )
    else:
        article = Article(id="", source=document.source, text=document.text, title=document.title,
                          published=published)
    article.id = article_id(article.text)
    return article


def _finish(nlp, articles: list[Article]) -> Iterator[Article]:
    # The memory zone frees the strings and lexemes a batch added to the shared vocabulary once
    # its records (plain Python values) are built; without it a long run grows without bound.
    with nlp.memory_zone():
        for article, doc in zip(articles, parse_all(nlp, [a.text for a in articles])):
            yield run_steps(doc, article)


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
