"""``sentence_date``: the date of a range of text (a quote, an event) from its sentence."""
from __future__ import annotations

import re
from typing import Optional

# ---------------------------------------------------------------------------------------------
# Dating a sentence
# ---------------------------------------------------------------------------------------------

DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")


def sentence_date(doc, start: int, end: int, times, published) -> tuple[Optional[str], Optional[str]]:
    """The date of the characters ``start:end`` (a quote, an event): the day-level date in their
    sentence, preferring one governed by a word of the range, then the nearest; else the
    publication date.

    RETURNS (tuple): (ISO date or None, id of the time expression or None).
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return published, None
    first, last = span[0].sent, span[-1].sent
    lo, hi = first.start_char, last.end_char
    days = [t for t in times if t.type in ("DATE", "TIME") and t.value and DAY_VALUE.match(t.value)
            and lo <= t.span[0] and t.span[1] <= hi]
    if not days:
        return published, None
    inside = set(range(span.start, span.end))

    def rank(t):
        tspan = doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
        governed = tspan is not None and any(a.i in inside for a in tspan.root.ancestors)
        distance = 0 if start <= t.span[0] < end else min(abs(t.span[0] - end), abs(start - t.span[1]))
        return (not governed, distance)
    best = min(days, key=rank)
    return best.value[:10], best.id
