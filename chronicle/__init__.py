"""Chronicle: who said what, and who did what to whom, when — grounded in the text."""
from chronicle.records import Actor, Article, Event, Quote, Removed, TimeExpression

__all__ = ["Actor", "Article", "Event", "Quote", "Removed", "TimeExpression", "extract", "Store"]


def __getattr__(name):
    # Lazy: importing chronicle must not load spaCy or open a database.
    if name == "extract":
        from chronicle.extract.pipeline import extract
        return extract
    if name == "Store":
        from chronicle.store.sqlite import Store
        return Store
    raise AttributeError(name)
