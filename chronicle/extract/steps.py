"""The extraction steps, in the order they run: the one place that order lives.

Each step is declared next to its extractor (``STEP`` in its module) with what it reads and
adds; ``check_order`` verifies at import that every step reads only what an earlier one added.
A new extractor is one new module with its ``STEP`` plus one line here.
"""
from __future__ import annotations

from chronicle.extract import actors, events, noise, positions, quote_dates, quotes, times
from chronicle.extract.step import Step, check_order
from chronicle.records import Article

STEPS: tuple[Step, ...] = (
    actors.STEP,       # people, organisations, countries, groups
    times.STEP,        # time expressions with resolved values
    quotes.STEP,       # who said what (speakers resolve to actors)
    events.STEP,       # who did what to whom (may add group actors)
    quote_dates.STEP,  # when each quote was said
    positions.STEP,    # what each party wants, from quotes and events
    noise.STEP,        # confidence of quotes, events and positions
)
check_order(STEPS)


def run_steps(doc, article: Article, steps: tuple[Step, ...] | None = None) -> Article:
    """Run every step (default: ``STEPS``) on one parsed article, in order; returns the article, filled."""
    for step in STEPS if steps is None else steps:
        step.run(doc, article)
    return article
