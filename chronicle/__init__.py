"""Chronicle: who said what, and who did what to whom, when — grounded in the text.

    >>> import chronicle
    >>> article = chronicle.extract(text, published="2023-02-12")
    >>> with chronicle.Store("chronicle.db") as store: store.add(article)
"""
from chronicle.records import Actor, Article, Event, Quote, Removed, TimeExpression
# Bound after the subpackage import, so that ``chronicle.extract`` is the function (the API),
# not the ``chronicle/extract/`` package. The spaCy model itself loads on first use.
from chronicle.extract.pipeline import extract
from chronicle.store.sqlite import Store

__all__ = ["Actor", "Article", "Event", "Quote", "Removed", "TimeExpression", "extract", "Store"]
