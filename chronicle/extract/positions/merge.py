"""Merging candidates into positions: one per holder, issue and stance, with all its evidence and
its confidence."""
from __future__ import annotations

from chronicle.extract.positions.candidates import _Cand
from chronicle.extract.positions.clauses import SOURCES
from chronicle.records import Position

# Merging -------------------------------------------------------------------------------------------

def _merge(text: str, cands: list[_Cand]) -> list[Position]:
    groups: dict[tuple, list[_Cand]] = {}
    for c in cands:
        doc_key = text[c.holder_span[0]:c.holder_span[1]].lower() if c.holder_span else None
        key = (tuple(sorted(c.holder)), doc_key, c.issue)
        groups.setdefault(key, []).append(c)
    merged: list[list[_Cand]] = []
    for group in groups.values():
        stances = {c.stance for c in group}
        if "conditional" in stances and "support" in stances:
            for c in group:
                if c.stance == "support":
                    c.stance = "conditional"
        by_stance: dict[str, list[_Cand]] = {}
        for c in group:
            by_stance.setdefault(c.stance, []).append(c)
        merged += by_stance.values()
    positions = []
    for group in merged:
        group.sort(key=lambda c: c.span)
        # The principal evidence: the holder's own words first (quote), then a document, then an event.
        first = min(group, key=lambda c: (SOURCES.index(c.source), c.span))
        evidence = _unique([first.span] + [c.span for c in group] + [s for c in group for s in c.extra])
        # A span inside another evidence span adds nothing.
        evidence = [s for s in evidence if s == first.span or not any(
            o != s and o[0] <= s[0] and s[1] <= o[1] for o in evidence)]
        conditions = sorted(_unique(s for c in group for s in c.conditions))
        dates = sorted(c.date for c in group if c.date)
        sources = {c.source for c in group}
        base = 0.6 if first.source in ("quote", "document") or "quote" in sources else 0.5
        confidence = base + 0.1 * any(c.direct for c in group) + 0.1 * any(c.explicit for c in group) \
            + 0.05 * (len(_unique(c.span for c in group)) - 1)
        positions.append(Position(
            id="", holder=list(first.holder), issue=first.issue, stance=first.stance,
            conditions=conditions, span=first.span, evidence_spans=evidence,
            date=dates[0] if dates else None, confidence=round(min(0.95, confidence), 2),
            source=first.source, quote=next((c.quote for c in group if c.quote), None),
            event=next((c.event for c in group if c.event), None),
            holder_span=next((c.holder_span for c in group if c.holder_span), None),
        ))
    positions.sort(key=lambda p: (p.span, p.issue))
    for n, p in enumerate(positions, 1):
        p.id = f"p{n}"
    return positions


def _unique(items):
    seen, out = set(), []
    for item in items:
        item = tuple(item)
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


