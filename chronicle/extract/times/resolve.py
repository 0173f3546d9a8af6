"""Resolution: the context a resolver reads (publication date, tense, earlier expressions), what
it returns (:class:`Resolved`), and the anchoring and calendar helpers several rules share."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from chronicle.extract.times.tables import (
    FUTURE_AUX,
    GRAN_RANK,
    HOLIDAYS,
    MONTHS,
    PLAN_VERBS,
    SEASON_START,
    UNIT_GRAN,
)
from chronicle.extract.times.values import Point, _day

NO_PUBLISHED = "relative expression and no publication date"
NO_ANTECEDENT = "anaphoric expression and no earlier date or publication date"


# ---------------------------------------------------------------------------------------------
# Context: publication date, tense, earlier expressions
# ---------------------------------------------------------------------------------------------

@dataclass
class Resolved:
    """What a resolver found: the value, how it was anchored, or why there is no value."""

    value: Optional[str]
    anchor: Optional[str] = None
    reason: Optional[str] = None
    type: Optional[str] = None  # overrides the rule's type ("Tuesday nights" is a SET)
    point: Optional[Point] = None  # kept so later anaphoric expressions can shift it


@dataclass
class Context:
    doc: object
    published: Optional[dt.date]
    found: list = field(default_factory=list)  # (TimeExpression, Point | None), in text order

    def tense(self, start: int, end: int) -> Optional[str]:
        return tense_at(self.doc, start, end)

    def previous(self, max_rank: int = 8, within: Optional[int] = None, start: int = 0,
                 named: bool = False):
        """The latest earlier expression with a point at least as fine as ``max_rank``.

        named: skip points that were themselves shifted from an earlier one, so that "the
        quarter" after "a year ago" is still the quarter the report is about.
        """
        for expr, point in reversed(self.found):
            if within is not None and start - expr.span[1] > within:
                return None, None
            if expr.value is None and expr.type in ("DATE", "TIME"):
                return None, None  # the nearest date is unknown: shifting an older one would guess
            if named and expr.anchor not in ("published", "absolute"):
                continue
            if point is not None and GRAN_RANK[point.gran] <= max_rank:
                return expr, point
        return None, None


def tense_at(doc, start: int, end: int) -> Optional[str]:
    """"past", "future" or "present" for the verb that governs the characters, None if none.

    Future-looking covers modals ("should continue on February 22") and plans ("is expected to
    vote Friday"): what matters is whether the event lies before or after the writing.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    # Climb to the governing verb; compare indices, as spaCy makes a new Token on each access.
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" for a in auxes) and any(a.lower_ in FUTURE_AUX for a in auxes):
        return "past"  # "may have been", "could have done"
    if any(a.lower_ in FUTURE_AUX for a in auxes) or tok.lower_ in FUTURE_AUX:
        return "future"
    if re.search(r"\b(until|till|as soon as|as early as|no later than|starting|beginning)\s+(?:\w+\s+){0,2}$",
                 doc.text[max(0, start - 40):start].lower()):
        return "future"  # deadlines: "postponed until Tuesday morning"
    if any(a.lower_ == "going" for a in auxes):
        return "future"
    if tok.dep_ == "xcomp" and (tok.head.lemma_ in PLAN_VERBS or tok.head.lemma_ == "be"):
        # "is expected to vote Friday", "is to resume Tuesday" look ahead; "had been due to
        # expire Friday" does not.
        planner = [c for t in (tok.head, tok.head.head) for c in t.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lemma_ == "have" and a.tag_ == "VBD" for a in planner):
            return "past"
        return "future"
    if tok.lemma_ in PLAN_VERBS and tok.tag_ == "VBN" and tok.lemma_ != "set":
        return "future"  # "a summit set for April", "was planned for early March"
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"
    if tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and not auxes:
        return "past"  # "the bill passed Friday"
    return "present"


def _needs_published(ctx: Context, make: Callable[[dt.date], Point]) -> Resolved:
    if ctx.published is None:
        return Resolved(None, reason=NO_PUBLISHED)
    point = make(ctx.published)
    return Resolved(point.value, "published", point=point)


def _absolute(point: Optional[Point]) -> Resolved:
    if point is None:
        return Resolved(None, reason="not a valid calendar date")
    return Resolved(point.value, "absolute", point=point)


def _fixed(value: str, type_: Optional[str] = None) -> Resolved:
    return Resolved(value, "absolute", type=type_)


def _anaphoric(ctx: Context, n: int, unit: str, keep_gran: bool) -> Resolved:
    """Shift the latest earlier expression fine enough for ``unit``; else the publication date."""
    rank = GRAN_RANK[UNIT_GRAN[unit]]
    expr, point = ctx.previous(rank)
    if point is not None:
        base = point.whole_day() if keep_gran else point.whole_day().coarsen(UNIT_GRAN[unit])
        shifted = base.shift(n, unit)
        return Resolved(shifted.value, expr.id, point=shifted)
    if ctx.published is None:
        return Resolved(None, reason=NO_ANTECEDENT)
    base = Point("day", ctx.published).coarsen(UNIT_GRAN[unit])
    shifted = base.shift(n, unit)
    return Resolved(shifted.value, "published", point=shifted)


# ---------------------------------------------------------------------------------------------
# Resolution helpers shared by several rules
# ---------------------------------------------------------------------------------------------

def _weekday_date(ref: dt.date, weekday: int, direction: str) -> dt.date:
    """The weekday nearest ``ref`` in ``direction``: "past"/"future" include ``ref`` itself,
    "last"/"next" exclude it, "this" stays in ``ref``'s week."""
    delta = weekday - ref.isoweekday()
    if direction == "this":
        return ref + dt.timedelta(days=delta)
    if direction in ("past", "last"):
        back = (-delta) % 7
        if back == 0 and direction == "last":
            back = 7
        return ref - dt.timedelta(days=back)
    ahead = delta % 7
    if ahead == 0 and direction == "next":
        ahead = 7
    return ref + dt.timedelta(days=ahead)


def _year_for(month: int, day: int, ref: dt.date, tense: Optional[str]) -> int:
    """The year of a month-day written without one: of the three candidate years, the one
    nearest the publication date on the side the tense points to (past tense "Dec. 15" in
    February is last December; "payable Jan. 2" in November is next January). 90 days of slack
    keep "extended the offer to Nov. 20" (written Nov. 2) in the same year."""
    slack = dt.timedelta(days=90)
    options = [(y, _day(y, month, day) or _day(y, month, 28)) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if tense == "past":
        options = [o for o in options if o[1] <= ref + slack] or options
    elif tense == "future":
        options = [o for o in options if o[1] >= ref - slack] or options
    return min(options, key=lambda o: (abs((o[1] - ref).days), o[0] != ref.year))[0]


def _month_year(month: int, ref: dt.date, modifier: str, tense: Optional[str]) -> int:
    if modifier == "last":  # "last June" written in October; "last February" written in March
        return ref.year if month < ref.month - 1 else ref.year - 1
    if modifier == "next":
        return ref.year if month > ref.month else ref.year + 1
    if modifier == "this":
        return ref.year
    # A month alone follows the tense; else the nearest, with months ahead counted 2.5 months
    # further ("from $29.75 in March", written in October, is this March; "in late November",
    # written in January, last November; "the summit in April", written in December, next April).
    if tense == "past" and month > ref.month:
        return ref.year - 1
    if tense == "future" and month < ref.month:
        return ref.year + 1
    distance = {y: (y - ref.year) * 12 + month - ref.month for y in (ref.year - 1, ref.year, ref.year + 1)}
    return min(distance, key=lambda y: abs(distance[y]) + (2.5 if distance[y] > 0 else 0))


def _season_year(season: str, ref: dt.date, modifier: str) -> int:
    start = SEASON_START[season]
    ended = ref.month >= start + 3 or (season == "WI" and ref.month >= 3)
    begun = ref.month >= start
    if modifier == "last":
        return ref.year if ended and season != "WI" else ref.year - 1
    if modifier == "next":
        return ref.year + 1 if begun else ref.year
    return ref.year


def _quarter_year(quarter: int, ref: dt.date, tense: Optional[str]) -> int:
    """"the fourth quarter" in January is last year's, unless the sentence looks ahead."""
    current = (ref.month - 1) // 3 + 1
    if quarter <= current or tense == "future":
        return ref.year
    return ref.year - 1


def _month_of(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _holiday(name: str, year: int) -> dt.date:
    key = re.sub(r"\s+", " ", name.lower())
    first = dt.date(year, 11, 1)
    if key == "election day":  # US: the Tuesday after the first Monday of November
        return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    if HOLIDAYS.get(key) is None:  # Thanksgiving: the fourth Thursday of November
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, day = HOLIDAYS[key]
    return dt.date(year, month, day)
