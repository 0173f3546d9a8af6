"""``find_times``: every rule over the text, overlaps settled longest-first, values resolved in
text order."""
from __future__ import annotations

import datetime as dt
import re

from chronicle.extract.times.resolve import Context, Resolved
from chronicle.extract.times.rules import RULES
from chronicle.records import TimeExpression

# ---------------------------------------------------------------------------------------------
# Tagging
# ---------------------------------------------------------------------------------------------

def _candidates(text: str) -> list[tuple[int, int, int, re.Match]]:
    """Every match of every rule that its ``keep`` check does not veto."""
    found = []
    for order, r in enumerate(RULES):
        for m in r.regex.finditer(text):
            if m.end() > m.start() and (r.keep is None or r.keep(m, text)):
                found.append((m.start(), m.end(), order, m))
    return found


def _longest_first(candidates):
    """Keep the longest of overlapping candidates (ties: the earlier rule), in text order."""
    chosen: list = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[2], c[0])):
        if all(cand[1] <= s or cand[0] >= e for s, e in taken):
            chosen.append(cand)
            taken.append((cand[0], cand[1]))
    return sorted(chosen)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop whitespace and a trailing comma the optional parts of a pattern may leave."""
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def find_times(doc, published: str | None) -> list[TimeExpression]:
    """Find the time expressions of a parsed article and resolve their values.

    doc (spacy.tokens.Doc): the article text, parsed by ``get_nlp()``.
    published (str | None): the publication date, ISO "YYYY-MM-DD"; None leaves relative
        expressions without a value (and says why).
    RETURNS (list[TimeExpression]): ids "t1", "t2", ... in text order.
    """
    text = doc.text
    ctx = Context(doc, dt.date.fromisoformat(published[:10]) if published else None)
    results = []
    for start, end, order, m in _longest_first(_candidates(text)):
        r = RULES[order]
        try:
            resolved = r.resolve(m, ctx)
        except (OverflowError, ValueError):  # "9999999 years ago": past the calendar's range
            resolved = Resolved(None, reason="date out of the calendar's range")
        start, end = _trim(text, start, end)
        expr = TimeExpression(id=f"t{len(results) + 1}", span=(start, end), text=text[start:end],
                              type=resolved.type or r.type, value=resolved.value,
                              anchor=resolved.anchor if resolved.value is not None else None,
                              reason=resolved.reason if resolved.value is None else None)
        results.append(expr)
        ctx.found.append((expr, resolved.point))
    return results
