"""Chronicle: who said what, and who did what to whom, when — grounded in the text.

    >>> import chronicle
    >>> article = chronicle.extract(text, published="2023-02-12")
    >>> with chronicle.Store("chronicle.db") as store: store.add(article)
"""
from chronicle import extract  # callable: chronicle.extract(text, published=None, clean=True)
from chronicle.records import Actor, Article, Event, Quote, Removed, TimeExpression
from chronicle.store.sqlite import Store

__all__ = ["Actor", "Article", "Event", "Quote", "Removed", "TimeExpression", "extract", "Store"]
