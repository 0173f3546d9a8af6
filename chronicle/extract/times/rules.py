"""Time expressions: find them in an article and give each a TimeML value.

Design
------
1. **Tagging is table-driven.** Each expression class ("Month day, year", "N units ago",
   "last week", "every Friday", ...) is one :class:`Rule`: a regular expression assembled from
   the word tables below (months, weekdays, units, number words, modifiers), the TimeML type it
   produces and a small resolver function. All rules run over ``doc.text``; overlapping candidates
   are settled longest-first (then by rule order), as TimeBank marks the longest extent ("the past
   three months", "late yesterday", "10 p.m. Wednesday"). spaCy's DATE entities are not used as
   candidates: their extents follow OntoNotes, not TimeML (they swallow "about", "each" or "for"),
   and their labels cover words TimeBank does not mark. spaCy is used for what it is good at: the
   sentence and the verb that governs an expression, which give the tense.
2. **Resolution is also table-driven** and happens in text order, so an anaphoric expression ("the
   following day", "two weeks later", "a year earlier") can use the latest earlier expression
   fine enough to shift (its id becomes ``anchor``). Deictic expressions ("today", "Friday",
   "last month", "353 days ago") resolve against the publication date (``anchor="published"``);
   without one they keep ``value=None`` and a ``reason``: nothing is guessed. Expressions whose
   value needs no date (durations, sets, "now", "1990", "Feb. 22, 2023") get ``anchor="absolute"``.
3. **Tense picks the direction** where the words do not: "Friday" in a past-tense sentence is the
   latest Friday on or before the publication date, in a future-looking one ("will", "should",
   "is expected to") the next one on or after it; a month-day without a year is put in the year
   that agrees with the tense.
4. Values are built from a :class:`Point` (a granularity plus the first day of the period), so
   that shifting "the third quarter" by "a year earlier" keeps quarter granularity.

Conventions follow the TempEval-3 (TimeBank/AQUAINT) gold, checked against the data:
"now"/"currently"/"current" are PRESENT_REF, "recently"/"the past"/"recent years" PAST_REF, "the
future" FUTURE_REF. Words the gold marks in under half of their uses are left out: "former" (0 of
31), the adjective "recent", "soon", "already", "previously". Modifiers the gold keeps inside an
extent ("nearly forty years", "late yesterday") are in the patterns; those it leaves out ("about",
"only", "just") are not. Rates ("$5 a year") and ages ("52 years old") are not time expressions.

DOCS: docs/format.md (TimeExpression)
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from chronicle.records import TimeExpression

NO_PUBLISHED = "relative expression and no publication date"
NO_ANTECEDENT = "anaphoric expression and no earlier date or publication date"

# ---------------------------------------------------------------------------------------------
# Word tables
# ---------------------------------------------------------------------------------------------

ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
            "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
            "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# Vague quantities: the unit is known, the number is not ("several years" -> PXY).
VAGUE = {"a few", "few", "several", "some", "many", "a number of", "dozens of", "hundreds of"}
FIXED = {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
         "half a": 0.5, "a half": 0.5, "a hundred": 100, "one hundred": 100}

MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
          "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
          "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
            "saturday": 6, "sunday": 7}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "tonight": "NI"}
# Unit words -> TimeML duration unit. Decades and centuries are written in years (P20Y).
UNITS = {"second": "S", "minute": "TM", "hour": "H", "day": "D", "week": "W", "fortnight": "2W",
         "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}
# Granularity of a point; a shift by a unit yields a point of the unit's granularity.
UNIT_GRAN = {"S": "day", "TM": "day", "H": "day", "D": "day", "W": "week", "2W": "week", "M": "month",
             "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century"}
GRAN_RANK = {"day": 1, "weekend": 2, "week": 2, "month": 3, "season": 4, "quarter": 4,
             "half": 5, "year": 6, "decade": 7, "century": 8}
# Direction words of "last week", "the next day", "two years ago".
DIRECTION = {"this": 0, "current": 0, "present": 0, "same": 0, "that": 0,
             "last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1,
             "next": 1, "coming": 1, "following": 1, "ensuing": 1, "upcoming": 1,
             "latest": -1, "ago": -1, "earlier": -1, "before": -1, "previously": -1,
             "later": 1, "after": 1, "afterward": 1, "afterwards": 1, "hence": 1}
REFERENCES = {"now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
              "current": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF",
              "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
              "recently": "PAST_REF", "lately": "PAST_REF",
              "the past": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF"}
SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
             "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H"}
HOLIDAYS = {"new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25),
            "christmas day": (12, 25), "christmas eve": (12, 24), "independence day": (7, 4),
            "halloween": (10, 31), "valentine's day": (2, 14), "thanksgiving": None,
            "thanksgiving day": None, "election day": None}
# Verbs that make their complement future-looking ("is expected to vote Friday").
PLAN_VERBS = {"expect", "plan", "schedule", "set", "due", "intend", "hope", "aim", "prepare",
              "propose", "promise", "go", "want", "agree", "decide", "vow", "threaten"}
FUTURE_AUX = {"will", "'ll", "wo", "shall", "should", "may", "might", "must", "could", "would",
              "can", "ca"}


def _alt(words) -> str:
    """A regex alternation of table words, longest first so the regex prefers whole words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_WORDNUM = rf"(?:(?:{_alt(TENS)})(?:[- ](?:{_alt(ONES)}))?|{_alt(TEENS)}|{_alt(ONES)})"
NUMBER = (rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|\d/\d|(?:{_WORDNUM})(?:\s+and\s+a\s+half)?"
          rf"|{_alt(FIXED)}|{_alt(VAGUE)})")
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?(?!\s+of\b)|years?|decades?|century|centuries)"
# Month names are matched case-sensitively ("may", "march" are also verbs).
MONTH_NAME = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH_ABBR = r"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
MONTH = rf"(?:{MONTH_NAME}|{MONTH_ABBR}|(?-i:JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER))"
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?<![\$\d.,])(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d)"
SPOKEN_YEAR = (rf"(?:nineteen[- ](?:hundred(?:\s+and)?\s+)?(?:oh[- ])?{_WORDNUM}"
               rf"|two\s+thousand(?:\s+(?:and\s+)?{_WORDNUM})?)")
ANY_YEAR = rf"(?:{YEAR}|{SPOKEN_YEAR})"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
EDGE = r"(?:(?:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|close)\s+of)\s+|mid-)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
# Modifiers the TempEval-3 gold keeps inside the extent ("nearly forty years", "up to 180 days");
# "about", "only", "just", "over" stay outside it.
APPROX = (r"(?:nearly|almost|more\s+than|less\s+than|fewer\s+than|up\s+to|at\s+least|"
          r"no\s+more\s+than|at\s+most|another|an\s+additional|a\s+further)")
CLOCK = (r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d\d(?![\d:])|noon|midday|midnight"
         r"|\d{1,2}\s+o'clock)")


# ---------------------------------------------------------------------------------------------
# Points in time
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    """A calendar period: its granularity and first day (Monday of a week, Saturday of a weekend)."""

    gran: str
    date: dt.date
    season: str = ""
    suffix: str = ""  # part of day ("TNI") or clock time ("T14:00"), day points only

    @property
    def value(self) -> str:
        d = self.date
        if self.gran == "day":
            return d.isoformat() + self.suffix
        if self.gran in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year}-W{week:02d}" + ("-WE" if self.gran == "weekend" else "")
        if self.gran == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.gran == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if self.gran == "season":
            return f"{d.year:04d}-{self.season}"
        if self.gran == "year":
            return f"{d.year:04d}"
        if self.gran == "decade":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"

    def shift(self, n: int, unit: str) -> "Point":
        """The same kind of period ``n`` units later (negative: earlier). The clock time or
        part of day is dropped: "the following day" is a whole day."""
        if unit in ("D", "W", "2W"):
            days = {"D": 1, "W": 7, "2W": 14}[unit] * n
            return Point(self.gran, _start_of(self.gran, self.date + dt.timedelta(days=days)), self.season)
        months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * n
        return Point(self.gran, _start_of(self.gran, _add_months(self.date, months)), self.season)

    def coarsen(self, gran: str) -> "Point":
        """The period of granularity ``gran`` that holds this one."""
        if GRAN_RANK.get(gran, 0) <= GRAN_RANK[self.gran]:
            return self
        return Point(gran, _start_of(gran, self.date))

    def whole_day(self) -> "Point":
        return Point(self.gran, self.date, self.season) if self.suffix else self


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def _start_of(gran: str, d: dt.date) -> dt.date:
    if gran in ("day", "season"):
        return d
    if gran == "week":
        return d - dt.timedelta(days=d.weekday())
    if gran == "weekend":
        return d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5)
    if gran == "month":
        return d.replace(day=1)
    if gran == "quarter":
        return dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    if gran == "half":
        return dt.date(d.year, 1 if d.month <= 6 else 7, 1)
    if gran == "year":
        return dt.date(d.year, 1, 1)
    if gran == "decade":
        return dt.date(max(d.year // 10 * 10, 1), 1, 1)
    return dt.date(max(d.year // 100 * 100, 1), 1, 1)


def _day(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

def parse_number(text: str) -> Optional[float]:
    """"three" -> 3, "twenty-five" -> 25, "2 1/2" -> 2.5, "a" -> 1; vague ("several") -> None."""
    text = re.sub(r"\s+", " ", text.strip().lower())
    if text in FIXED:
        return FIXED[text]
    if text in VAGUE:
        return None
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    m = re.fullmatch(r"(\d+(?:\.\d+)?)?(?:\s*(\d)/(\d))?", text)
    if m and (m.group(1) or m.group(2)):
        whole = float(m.group(1)) if m.group(1) else 0.0
        frac = int(m.group(2)) / int(m.group(3)) if m.group(2) else 0.0
        return whole + frac + half
    total = 0
    for word in re.split(r"[- ]", text):
        if word in ONES:
            total += ONES[word]
        elif word in TEENS:
            total += TEENS[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        else:
            return None
    return total + half


def _spoken_year(text: str) -> Optional[int]:
    """"nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    words = re.sub(r"^the\s+year\s+", "", text.lower().strip())
    m = re.fullmatch(r"nineteen[- ](?:hundred(?:\s+and)?\s+)?(?:oh[- ])?(.+)", words)
    if m:
        rest = parse_number(m.group(1))
        return 1900 + int(rest) if rest is not None and rest < 100 else None
    m = re.fullmatch(r"two\s+thousand(?:\s+(?:and\s+)?(.+))?", words)
    if m:
        rest = parse_number(m.group(1)) if m.group(1) else 0
        return 2000 + int(rest) if rest is not None and rest < 100 else None
    return None


def _year(text: str) -> Optional[int]:
    text = text.strip()
    return int(text) if text.isdigit() else _spoken_year(text)


def duration_value(n: Optional[float], unit: str) -> str:
    """TimeML duration: (3, "Y") -> "P3Y", (2, "H") -> "PT2H", (None, "M") -> "PXM"."""
    if unit == "DE":
        return "PXDE" if n is None else duration_value(n * 10, "Y")
    if unit == "CE":
        return "PXCE" if n is None else duration_value(n * 100, "Y")
    if unit == "2W":
        return "PXW" if n is None else duration_value(n * 2, "W")
    clock = unit in ("H", "TM", "S")
    letter = {"TM": "M"}.get(unit, unit)
    prefix = "PT" if clock else "P"
    if n is None:
        return f"{prefix}X{letter}"
    if n == int(n):
        return f"{prefix}{int(n)}{letter}"
    # Fractions go one unit down where that is exact ("2 1/2 years" -> P2Y6M).
    smaller = {"Y": (12, "M"), "H": (60, "M"), "TM": (60, "S"), "D": (24, "H"), "W": (7, "D")}
    if unit in smaller:
        factor, sub = smaller[unit]
        whole, rest = int(n), (n - int(n)) * factor
        if rest == int(rest):
            if unit in ("Y",):
                return f"P{whole}Y{int(rest)}M" if whole else f"P{int(rest)}M"
            if unit == "D":
                return f"P{whole}DT{int(rest)}H" if whole else f"PT{int(rest)}H"
            if unit == "W":
                return f"P{whole * 7 + int(rest)}D"
            return f"PT{whole}{letter}{int(rest)}{sub}" if whole else f"PT{int(rest)}{sub}"
    return f"{prefix}{n:g}{letter}"


def _unit(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "CE"
    return UNITS[word[:-1] if word.endswith("s") and word[:-1] in UNITS else word]


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


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------

@dataclass
class Rule:
    name: str
    regex: re.Pattern
    type: str
    resolve: Callable[[re.Match, Context], Resolved]
    keep: Optional[Callable[[re.Match, str], bool]] = None  # veto a match from its surroundings


RULES: list[Rule] = []


def rule(pattern: str, type_: str, keep=None):
    """Register a resolver for the expressions ``pattern`` matches (case-insensitive)."""
    def register(fn):
        RULES.append(Rule(fn.__name__, _first_char_guard(re.compile(rf"\b{pattern}", re.I)), type_, fn, keep))
        return fn
    return register


class _NoGuard(Exception):
    pass


def _first_char_guard(regex: re.Pattern) -> re.Pattern:
    """The same pattern behind a lookahead for the characters a match can start with.

    Performance only, the matches are the same: every rule is scanned over the whole text, and
    a case-insensitive pattern starting with ``\\b`` and optional groups gets no fast scan from
    ``re``, so it tries all its alternatives at every word boundary. ``(?=[chars])`` rejects most
    positions with one class test (about twice as fast over news text). The class is a superset
    of the first characters (found from the parsed pattern; zero-width items skipped); a pattern
    whose first character cannot be told, or that can match empty, is left as it is.
    """
    from re import _parser

    try:
        chars, nullable = _first_chars(_parser.parse(regex.pattern, regex.flags).data)
    except _NoGuard:
        return regex
    if nullable or not chars:
        return regex
    return re.compile(f"(?=[{''.join(sorted(chars))}])(?:{regex.pattern})", regex.flags)


def _first_chars(items) -> tuple[set, bool]:
    """Character-class pieces that can start a match of the sequence ``items``, and whether it
    can match the empty string."""
    from re import _constants as c

    chars: set = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the next item consumes the first character
        if op is c.LITERAL:
            return chars | {re.escape(chr(av))}, False
        if op is c.IN:
            for item_op, item in av:
                if item_op is c.LITERAL:
                    chars.add(re.escape(chr(item)))
                elif item_op is c.RANGE:
                    chars.add(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
                elif item_op is c.CATEGORY and getattr(item, "name", None) in _CATEGORIES:
                    chars.add(_CATEGORIES[item.name])
                else:  # a negated class, an unusual category
                    raise _NoGuard
            return chars, False
        if op is c.BRANCH:
            nullable = False
            for alternative in av[1]:
                found, empty = _first_chars(alternative.data)
                chars |= found
                nullable |= empty
        elif op is c.SUBPATTERN:
            found, nullable = _first_chars(av[3].data)
            chars |= found
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            found, empty = _first_chars(av[2].data)
            chars |= found
            nullable = empty or av[0] == 0
        elif op is c.ATOMIC_GROUP:
            found, nullable = _first_chars(av.data)
            chars |= found
        else:  # any character, a back-reference...
            raise _NoGuard
        if not nullable:
            return chars, False
    return chars, True


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _g(m: re.Match, name: str) -> str:
    return (m.group(name) or "").lower()


def _before(text: str, m: re.Match, n: int = 30) -> str:
    return text[max(0, m.start() - n): m.start()].lower()


def _after(text: str, m: re.Match, n: int = 30) -> str:
    return text[m.end(): m.end() + n].lower()


# -- absolute dates ----------------------------------------------------------------------------

@rule(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b", "DATE")
def iso_date(m, ctx):
    date = _day(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _absolute(Point("day", date) if date else None)


@rule(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)\b", "DATE")
def numeric_date(m, ctx):
    # US order (month/day/year), as in the wires Chronicle reads; dateparser settles odd forms.
    import dateparser

    parsed = dateparser.parse(m.group(0), settings={"DATE_ORDER": "MDY", "STRICT_PARSING": True})
    return _absolute(Point("day", parsed.date()) if parsed else None)


@rule(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{ANY_YEAR}))?(?!\d|:\d)", "DATE")
def month_day(m, ctx):
    month, day = _month_of(m.group("mon")), int(re.match(r"\d+", m.group("day")).group())
    if m.group("year"):
        year = _year(m.group("year"))
        return _absolute(Point("day", _day(year, month, day)) if _day(year, month, day) else None)
    tense = ctx.tense(m.start(), m.end())
    return _needs_published(ctx, lambda ref: Point("day", _day(_year_for(month, day, ref, tense), month, day)
                                                   or dt.date(ref.year, month, 28)))


@rule(rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<year>{ANY_YEAR}))?", "DATE")
def day_month(m, ctx):
    return month_day(m, ctx)


@rule(rf"(?:{EDGE})?(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<year>{ANY_YEAR})", "DATE")
def month_year(m, ctx):
    return _absolute(Point("month", dt.date(_year(m.group("year")), _month_of(m.group("mon")), 1)))


def _keep_month(m, text):
    # "May" alone is usually the modal verb; accept it only after a date-ish word.
    if m.group("mon") == "May" and not m.group("mod"):
        return bool(re.search(r"\b(in|since|until|till|by|of|from|to|through|during|and|early|late|mid-)\s+$", _before(text, m, 12)))
    return True


@rule(rf"(?:(?P<mod>last\s+|next\s+|this\s+|{EDGE}))?(?P<mon>{MONTH})(?:\s+(?P<rel>this|last|next)\s+year)?(?![\w-])(?!\s*\d)", "DATE", keep=_keep_month)
def month_alone(m, ctx):
    month = _month_of(m.group("mon"))
    rel, mod = _g(m, "rel"), _g(m, "mod").strip()
    tense = ctx.tense(m.start(), m.end())
    if rel:
        shift = DIRECTION[rel]
        return _needs_published(ctx, lambda ref: Point("month", dt.date(ref.year + shift, month, 1)))
    mod = mod if mod in ("last", "next", "this") else ""
    return _needs_published(ctx, lambda ref: Point("month", dt.date(_month_year(month, ref, mod, tense), month, 1)))


def _keep_year(m, text):
    # A bare four-digit number is a year unless it counts something ("1990 shares").
    after = _after(text, m, 14)
    return not re.match(r"\s*(shares|people|tons|feet|miles|cars|troops|employees|points|-\d)", after)


@rule(rf"(?:(?P<mod>(?:fiscal|calendar|(?:the\s+)?(?:summer|spring|fall|autumn|winter)\s+of|the\s+year)\s+|{EDGE}))?(?P<year>{YEAR})(?!\s*-\s*\d)(?![\w'’]|\.\d)", "DATE", keep=_keep_year)
def year(m, ctx):
    season = re.match(r"(?:the\s+)?(\w+)\s+of", _g(m, "mod"))
    y = int(m.group("year"))
    if season and season.group(1) in SEASONS:
        code = SEASONS[season.group(1)]
        return _absolute(Point("season", dt.date(y, SEASON_START[code], 1), season=code))
    return _absolute(Point("year", dt.date(y, 1, 1)))


def _keep_spoken_year(m, text):
    # "nineteen ninety-six" is a year; "two thousand" only where a year is expected.
    return m.group("year").lower().startswith("nineteen") or m.group(0).lower().startswith("the year") or bool(
        re.search(r"\b(in|since|until|by|of|from|to|through)\s+$", _before(text, m, 10)))


@rule(rf"(?:the\s+year\s+)?(?:(?:the\s+)?(?P<season>{SEASON})\s+of\s+)?(?P<year>{SPOKEN_YEAR})(?![\w-])", "DATE", keep=_keep_spoken_year)
def spoken_year(m, ctx):
    y = _spoken_year(m.group("year"))
    if y is None:
        return Resolved(None, reason="not a year")
    if m.group("season"):
        code = SEASONS[_g(m, "season")]
        return _absolute(Point("season", dt.date(y, SEASON_START[code], 1), season=code))
    return _absolute(Point("year", dt.date(y, 1, 1)))


@rule(rf"(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?P<dec>(?:1[0-9]|20)\d0|'\d0)'?s(?![\w'])", "DATE")
def decade(m, ctx):
    digits = m.group("dec").lstrip("'")
    start = int(digits) if len(digits) == 4 else 1900 + int(digits)
    return _absolute(Point("decade", dt.date(start, 1, 1)))


DECADE_WORDS = {"twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950, "sixties": 1960,
                "seventies": 1970, "eighties": 1980, "nineties": 1990}


@rule(rf"the\s+(?:(?:early|mid|late)[- ])?(?P<dec>{_alt(DECADE_WORDS)})(?![\w-])", "DATE")
def decade_word(m, ctx):
    # "the nineties" is the 1990s: news of the last century names its own decades this way.
    return _absolute(Point("decade", dt.date(DECADE_WORDS[_g(m, "dec")], 1, 1)))


@rule(rf"(?:the\s+)?(?:(?:early|mid|late)[- ])?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_alt(ORDINALS)})[- ]century", "DATE")
def century(m, ctx):
    word = _g(m, "n")
    n = ORDINALS.get(word) or int(re.match(r"\d+", word).group())
    return _absolute(Point("century", dt.date(max((n - 1) * 100, 1), 1, 1)))


@rule(r"(?:(?P<mod>last|next|this)\s+)?(?P<name>new\s+year's\s+(?:day|eve)|christmas(?:\s+(?:day|eve))?|independence\s+day|halloween|valentine's\s+day|thanksgiving(?:\s+day)?|(?-i:Election\s+Day))", "DATE")
def holiday(m, ctx):
    tense = {"last": "past", "next": "future"}.get(_g(m, "mod"), ctx.tense(m.start(), m.end()))
    name = m.group("name")

    def make(ref):
        options = [_holiday(name, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
        if tense == "past":
            options = [d for d in options if d <= ref]
        elif tense == "future":
            options = [d for d in options if d >= ref]
        return Point("day", min(options, key=lambda d: abs((d - ref).days)))
    return _needs_published(ctx, make)


# -- days relative to the publication date -----------------------------------------------------

@rule(rf"(?:(?P<edge>early|late)\s+)?(?P<word>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<pod>{PART_OF_DAY}))?", "DATE")
def deictic_day(m, ctx):
    word = re.sub(r"\s+", " ", _g(m, "word"))
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    res = _needs_published(ctx, lambda ref: Point("day", ref + dt.timedelta(days=offset)))
    res.type = "TIME" if word == "tonight" else None
    return res


@rule(rf"(?:(?P<edge>early|late|later|earlier)\s+)?(?:this|last)\s+(?P<pod>{PART_OF_DAY})", "TIME")
def this_part_of_day(m, ctx):
    pod = PARTS_OF_DAY[_g(m, "pod")]
    back = 1 if m.group(0).lower().split()[-2] == "last" else 0
    return _needs_published(ctx, lambda ref: Point("day", ref - dt.timedelta(days=back), suffix="T" + pod))


@rule(rf"(?:(?P<mod>last|next|this|past|coming)\s+)?(?P<wd>{WEEKDAY})(?!s\b)(?:\s+(?P<pod>{PART_OF_DAY}))?", "DATE")
def weekday(m, ctx):
    wd = WEEKDAYS[_g(m, "wd")]
    mod = _g(m, "mod")
    if mod:
        direction = {"past": "last", "coming": "next"}.get(mod, mod)
    else:  # bare "Friday": the tense decides; news mostly reports what has happened
        direction = "future" if ctx.tense(m.start(), m.end()) == "future" else "past"
    # "Friday night": the gold writes the plain date more often than ...TNI or ...TEV.
    return _needs_published(ctx, lambda ref: Point("day", _weekday_date(ref, wd, direction)))


# -- weeks, months, quarters, years relative to the publication date ---------------------------

@rule(rf"(?:(?P<edge>early|late|mid|earlier|later)\s+)?(?:the\s+)?(?P<dir>this|last|next|past|coming|current|previous|present|latest)\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|year|decade|century)(?![\w-])", "DATE")
def relative_period(m, ctx):
    unit_word = _g(m, "unit")
    shift = DIRECTION[_g(m, "dir")]
    gran = "weekend" if unit_word == "weekend" else UNIT_GRAN[_unit(unit_word)]
    unit = "W" if gran == "weekend" else _unit(unit_word)
    return _needs_published(ctx, lambda ref: Point(gran, _start_of(gran, ref)).shift(shift, unit))


@rule(r"(?:the\s+)?(?P<dir>following|next|previous|preceding|prior|same)\s+(?P<unit>day|week|month|year|weekend|morning|evening|night)(?![\w-])", "DATE",
      keep=lambda m, text: not m.group(0).lower().startswith(("next", "previous")) or m.group("unit").lower() == "day")
def anaphoric_period(m, ctx):
    unit_word = _g(m, "unit")
    shift = DIRECTION[_g(m, "dir")]
    unit = "D" if unit_word in PARTS_OF_DAY else "W" if unit_word == "weekend" else _unit(unit_word)
    return _anaphoric(ctx, shift, unit, keep_gran=False)


@rule(r"(?:(?:later|earlier)\s+)?that\s+(?P<unit>day|week|month|quarter|year|morning|afternoon|evening|night)(?![\w-])", "DATE")
def that_period(m, ctx):
    unit = _g(m, "unit")
    return _anaphoric(ctx, 0, "D" if unit in PARTS_OF_DAY or unit == "afternoon" else _unit(unit), keep_gran=False)


@rule(r"(?:the\s+)?(?:(?P<edge>early|late|mid)\s+)?(?P<dir>this|last|next|coming|current|past|previous|present)\s+(?P<season>spring|summer|fall|autumn|winter)(?![\w-])", "DATE")
def relative_season(m, ctx):
    code = SEASONS[_g(m, "season")]
    mod = {"coming": "next", "past": "last", "previous": "last"}.get(_g(m, "dir"), _g(m, "dir"))
    return _needs_published(ctx, lambda ref: Point("season", dt.date(_season_year(code, ref, mod), SEASON_START[code], 1), season=code))


def _keep_season(m, text):
    # "fall" and "spring" are verbs and nouns too: only after "in/during/by the" or "this".
    if re.match(r"\s+(of|in)\b(?!\s+\d)", _after(text, m, 8)):
        return False
    if m.group("season").lower() in ("summer", "winter", "autumn") and m.group(0).lower().startswith("the"):
        return True
    return bool(re.search(r"\b(in|during|by|until|through|over|since|for|into)\s+(the\s+)?$", _before(text, m, 14)))


@rule(r"(?:the\s+)?(?:(?:early|late|mid)[- ])?(?P<season>summer|winter|autumn|fall|spring)(?![\w-])", "DATE", keep=_keep_season)
def season_alone(m, ctx):
    code = SEASONS[_g(m, "season")]
    return _needs_published(ctx, lambda ref: Point("season", dt.date(ref.year, SEASON_START[code], 1), season=code))


QUARTER_WORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"


@rule(rf"(?:(?P<pre>(?:the\s+)?(?:(?P<py>{YEAR})|this\s+year's|last\s+year's|next\s+year's)|the(?=\s+(?:(?:fiscal|calendar)\s+)?(?:\d{4}\s+)?{QUARTER_WORD}\s+quarter))\s+)?(?:(?:fiscal|calendar)\s+)?(?:(?P<py2>{YEAR})\s+)?(?P<q>{QUARTER_WORD})[- ](?:fiscal\s+)?quarter(?:\s+of\s+(?:fiscal\s+)?(?:(?P<sy>{YEAR})|(?P<rel>this|last|next)\s+year))?", "DATE")
def quarter(m, ctx):
    q = ORDINALS[_g(m, "q")]
    y = m.group("py") or m.group("py2") or m.group("sy")
    if y:
        return _absolute(Point("quarter", dt.date(int(y), 3 * q - 2, 1)))
    pre = _g(m, "pre")
    shift = -1 if "last year" in pre or _g(m, "rel") == "last" else 1 if "next year" in pre or _g(m, "rel") == "next" else 0
    if shift or "this year" in pre or _g(m, "rel") == "this":
        return _needs_published(ctx, lambda ref: Point("quarter", dt.date(ref.year + shift, 3 * q - 2, 1)))
    tense = ctx.tense(m.start(), m.end())
    return _needs_published(ctx, lambda ref: Point("quarter", dt.date(_quarter_year(q, ref, tense), 3 * q - 2, 1)))


@rule(r"(?:the\s+)?(?P<dir>latest|most\s+recent|current|last|past|previous|next|coming|this)\s+(?:fiscal\s+)?(?:quarter|period)(?![\w-])", "DATE",
      keep=lambda m, text: "period" not in m.group(0).lower() or m.group("dir").lower() in ("latest", "most recent"))
def relative_quarter(m, ctx):
    word = re.sub(r"\s+", " ", _g(m, "dir"))
    shift = {"latest": -1, "most recent": -1}.get(word, DIRECTION.get(word, 0))
    # "the latest quarter" is the last one finished (TimeBank: Q3 in a November report).
    return _needs_published(ctx, lambda ref: Point("quarter", _start_of("quarter", ref)).shift(shift, "Q"))


@rule(r"the\s+(?:fiscal\s+)?quarter(?![\w-])", "DATE")
def the_quarter(m, ctx):
    # "the quarter" is the quarter the report is about: the latest one named, else the last
    # finished one.
    expr, point = ctx.previous(4, named=True)
    if point is not None and point.gran == "quarter":
        return Resolved(point.value, expr.id, point=point)
    return _needs_published(ctx, lambda ref: Point("quarter", _start_of("quarter", ref)).shift(-1, "Q"))


@rule(rf"(?:the\s+)?(?:(?P<py>{YEAR})\s+)?(?P<h>first|second|1st|2nd|latter)\s+half(?:\s+of\s+(?:(?:fiscal|the)\s+)?(?:(?P<sy>{YEAR})|(?P<rel>this|last|next)\s+year))?", "DATE",
      keep=lambda m, text: not re.match(r"\s+of\b", _after(text, m, 6)))
def half(m, ctx):
    h = 1 if _g(m, "h") in ("first", "1st") else 2
    y = m.group("py") or m.group("sy")
    if y:
        return _absolute(Point("half", dt.date(int(y), 6 * h - 5, 1)))
    shift = DIRECTION.get(_g(m, "rel"), 0)
    return _needs_published(ctx, lambda ref: Point("half", dt.date(ref.year + shift, 6 * h - 5, 1)))


@rule(r"(?:(?:the\s+)?year-(?:earlier|ago)\s+(?:fiscal\s+)?(?:quarter|period)|year-(?:earlier|ago))(?![\w-])", "DATE")
def year_earlier(m, ctx):
    return _year_back(m, ctx, ago=False)


def _year_back(m, ctx, ago: bool, n: int = 1) -> Resolved:
    """"a year ago/earlier" in a report on a quarter is that quarter a year before."""
    expr, point = ctx.previous(5, within=400, start=m.start(), named=True)
    if point is not None and point.gran in ("quarter", "half"):
        shifted = point.shift(-n, "Y")
        return Resolved(shifted.value, expr.id, point=shifted)
    if re.search(r"(quarter|period)$", m.group(0).lower()):
        # "the year-ago quarter" with no quarter named: the last finished one, a year before.
        return _needs_published(ctx, lambda ref: Point("quarter", _start_of("quarter", ref)).shift(-1, "Q").shift(-n, "Y"))
    # Otherwise the gold counts back from the publication year ("year-ago results").
    return _needs_published(ctx, lambda ref: Point("year", _start_of("year", ref)).shift(-n, "Y"))


@rule(r"year-end(?![\w-])", "DATE")
def year_end(m, ctx):
    return _needs_published(ctx, lambda ref: Point("day", dt.date(ref.year, 12, 31)))


@rule(r"(?:(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+the\s+|(?:earlier|later)\s+in\s+the\s+)(?P<unit>year|month|week)|year(?:'s)?\s+end(?![\w-])", "DATE")
def this_period_edge(m, ctx):
    # "by the end of the year", "earlier in the year": the period of the publication date.
    gran = UNIT_GRAN[_unit(m.group("unit") or "year")]
    return _needs_published(ctx, lambda ref: Point(gran, _start_of(gran, ref)))


@rule(r"(?:the|this|last|next)\s+weekend(?![\w-])", "DATE")
def the_weekend(m, ctx):
    word = m.group(0).lower().split()[0]
    tense = ctx.tense(m.start(), m.end())
    direction = {"last": -1, "next": 1, "this": 0}.get(word, 1 if tense == "future" else -1)

    def make(ref):
        if direction > 0 or (direction == 0 and ref.isoweekday() < 6):
            saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7)
        else:
            saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        return Point("weekend", _start_of("weekend", saturday))
    return _needs_published(ctx, make)


@rule(r"the\s+(?:full\s+|fiscal\s+|entire\s+|whole\s+)?year(?![\w-])(?!\s+(?:two\s+thousand|nineteen|\d))", "DATE")
def the_year(m, ctx):
    # "for the year ended Sept. 30" is a span of a year; "sales for the full year" is this year.
    if re.match(r"\s+(ended|ending|to)\b", _after(ctx.doc.text, m, 10)):
        return _fixed("P1Y", "DURATION")
    return _needs_published(ctx, lambda ref: Point("year", _start_of("year", ref)))


@rule(rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<day>{DAY})", "DATE")
def week_of(m, ctx):
    month, day = _month_of(m.group("mon")), int(re.match(r"\d+", m.group("day")).group())
    tense = ctx.tense(m.start(), m.end())
    return _needs_published(ctx, lambda ref: Point("week", _start_of("week", _day(_year_for(month, day, ref, tense), month, day) or ref)))


@rule(r"the\s+week(?![\w-])", "DATE")
def the_week(m, ctx):
    # Which week is rarely recoverable; the gold writes the year and an unknown week.
    if ctx.published is None:
        return Resolved(None, reason=NO_PUBLISHED)
    return Resolved(f"{ctx.published.year:04d}-WXX", "published")


@rule(rf"the\s+(?P<year>{YEAR})\s+(?:fiscal\s+)?(?:quarter|period)(?![\w-])", "DATE")
def year_quarter(m, ctx):
    # "the 1988 quarter" is the quarter the report is about, in 1988.
    y = int(m.group("year"))
    expr, point = ctx.previous(4, named=True)
    if point is not None and point.gran == "quarter":
        shifted = Point("quarter", dt.date(y, point.date.month, 1))
        return Resolved(shifted.value, expr.id, point=shifted)
    return _absolute(Point("year", dt.date(y, 1, 1)))


# -- N units ago / later -----------------------------------------------------------------------

@rule(rf"(?:{APPROX}\s+)?(?P<num>{NUMBER})\s+(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|previously|afterwards?|hence|before(?=\s*[,.;:]|\s+that\b)|after(?=\s*[,.;:]|\s+that\b))", "DATE")
def units_ago(m, ctx):
    n = parse_number(m.group("num"))
    unit = _unit(m.group("unit"))
    direction = DIRECTION[_g(m, "dir")]
    if n is None:
        return _fixed("PAST_REF" if direction < 0 else "FUTURE_REF")
    if n != int(n):
        return Resolved(None, reason="fractional shift")
    n = int(n) * direction
    if unit in ("H", "TM", "S"):
        return Resolved(None, reason="clock shift without a clock time")
    if unit == "Y" and abs(n) == 1:
        return _year_back(m, ctx, ago=_g(m, "dir") == "ago") if n < 0 else _anaphoric(ctx, 1, "Y", False)
    if _g(m, "dir") in ("ago", "hence"):
        # "353 days ago" is a day, "six weeks ago" a week, "two months ago" a month.
        gran = UNIT_GRAN[unit]
        return _needs_published(ctx, lambda ref: Point(gran, _start_of(gran, ref)).shift(n, unit))
    return _anaphoric(ctx, n, unit, keep_gran=True)  # "two weeks later" than a day is a day


# -- durations and sets ------------------------------------------------------------------------

AMOUNT_BEFORE = re.compile(r"(\d|%|percent|cents?|dollars?|times|twice|once|billion|million)[\w.,]*\s+(?:\w+\s+)?$")


def _keep_duration(m, text):
    num = re.sub(r"\s+", " ", m.group("num").lower())
    if num in ("a", "an") and m.group("unit").lower().startswith("second"):
        return False  # "a second term"
    if num in ("a", "an", "per") and AMOUNT_BEFORE.search(_before(text, m, 30)):
        return False  # rates ("$5 a year", "four flights a week") are not marked in TimeBank
    if re.match(r"\s+old\b", _after(text, m, 6)):
        return False  # ages ("52 years old")
    return num not in ("some", "many")


@rule(rf"(?:(?:the|these|those|its|their|his|her)\s+)?(?:(?P<dir>past|last|next|first|coming|previous|final|remaining|following|initial|latest|ensuing|preceding|prior|same)\s+)?(?:{APPROX}\s+)?(?:(?P<low>{NUMBER})\s+(?:to|or)\s+)?(?P<num>{NUMBER})\s+(?:(?:more|full|straight|consecutive|additional|long|whole|entire|calendar|fiscal|trading|business|working)\s+)?(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?![\w-])", "DURATION", keep=_keep_duration)
def duration(m, ctx):
    # "two to three weeks" is written with the lower bound, as the gold does (P2W).
    n = parse_number(m.group("low") or m.group("num"))
    if n is not None and m.group("half"):
        n += 0.5
    unit = _unit(m.group("unit"))
    if unit == "Q":  # quarters are written in months ("the next three quarters" -> P9M)
        return _fixed(duration_value(None if n is None else n * 3, "M"))
    return _fixed(duration_value(n, unit))


@rule(rf"(?P<num>\d+|{_WORDNUM}|\d+\s*1/2|several|few)-(?P<unit>second|minute|hour|day|week|month|quarter|year|decade)(?:-long)?(?![\w-])", "DURATION")
def duration_adjective(m, ctx):
    # "two-year", "16-hour"; ages ("6-year-old") are left out by the (?![\w-]) above.
    return _fixed(duration_value(parse_number(m.group("num")), _unit(m.group("unit"))))


@rule(r"(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\bin\s))(?P<unit>years|months|weeks|days|decades|hours|centuries)(?![\w-])(?!\s+(?:of|ago|earlier|later|before|after))", "DURATION")
def vague_duration(m, ctx):
    return _fixed(duration_value(None, _unit(m.group("unit"))))


SET_TARGET = rf"(?:(?P<unit>day|week|month|year|quarter|hour|weekend)|(?P<pod>morning|afternoon|evening|night)|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH_NAME})|(?P<season>summer|winter|spring|fall|autumn))"


@rule(rf"(?:every|each)\s+(?:other\s+|single\s+)?{SET_TARGET}(?![\w-])", "SET")
def every(m, ctx):
    if m.group("unit"):
        unit_word = _g(m, "unit")
        if unit_word == "weekend":
            return _fixed("XXXX-WXX-WE")
        return _fixed(duration_value(2 if "other" in m.group(0).lower() else 1, _unit(unit_word)))
    if m.group("pod"):
        return _fixed("XXXX-XX-XXT" + PARTS_OF_DAY[_g(m, "pod")])
    if m.group("wd"):
        return _fixed(f"XXXX-WXX-{WEEKDAYS[_g(m, 'wd')]}")
    if m.group("mon"):
        return _fixed(f"XXXX-{_month_of(m.group('mon')):02d}")
    return _fixed("XXXX-" + SEASONS[_g(m, "season")])


@rule(rf"(?P<wd>{WEEKDAY})s(?:\s+(?P<pod>{PART_OF_DAY})s?)?(?![\w-])", "SET")
def weekdays_plural(m, ctx):
    pod = PARTS_OF_DAY.get(_g(m, "pod"), "")
    return _fixed(f"XXXX-WXX-{WEEKDAYS[_g(m, 'wd')]}" + ("T" + pod if pod else ""))


@rule(rf"(?P<word>{_alt(SET_WORDS)})(?![\w-])", "SET",
      keep=lambda m, text: not re.match(r"\s+(newspaper|paper|news|mail|telegraph|express|star|times)\b", _after(text, m, 12)))
def set_word(m, ctx):
    return _fixed(SET_WORDS[_g(m, "word")])


def _clock(text: str) -> Optional[str]:
    """"2 p.m." -> "14:00", "noon" -> "12:00"; None for impossible times."""
    text = text.lower()
    if text in ("noon", "midday"):
        return "12:00"
    if text == "midnight":
        return "24:00"
    m = re.match(r"(\d{1,2})(?::(\d\d))?\s*(a\.m\.|p\.m\.|am|pm|o'clock)?", text)
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "")
    if half.startswith("p") and hour < 12:
        hour += 12
    if half.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


@rule(rf"(?P<clock>{CLOCK})(?:\s+(?:EST|EDT|PST|PDT|CST|CDT|GMT|UTC|ET|local\s+time))?(?:,?\s+(?:on\s+)?(?:(?P<day>today|yesterday|tomorrow|tonight|{WEEKDAY})(?!s\b)|(?P<mon>{MONTH})\s+(?P<dom>{DAY})))?", "TIME",
      keep=lambda m, text: not re.match(r"\s*(percent|%|to\s+\d)", _after(text, m, 8)))
def clock_time(m, ctx):
    clock = _clock(m.group("clock"))
    if clock is None:
        return Resolved(None, reason="not a clock time")
    day = _g(m, "day")
    tense = ctx.tense(m.start(), m.end())

    def make(ref):
        if m.group("mon"):
            month, dom = _month_of(m.group("mon")), int(re.match(r"\d+", m.group("dom")).group())
            date = _day(_year_for(month, dom, ref, tense), month, dom) or ref
        elif day in WEEKDAYS:
            date = _weekday_date(ref, WEEKDAYS[day], "future" if tense == "future" else "past")
        else:
            date = ref + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(day, 0))
        return Point("day", date, suffix="T" + clock)
    if not day and not m.group("mon"):
        # "shot at 10 p.m." tells the hour of the day the story is about.
        expr, point = ctx.previous(1, within=600, start=m.start())
        if point is not None:
            at = Point("day", point.date, suffix="T" + clock)
            return Resolved(at.value, expr.id, point=at)
    return _needs_published(ctx, make)


# -- reference words ---------------------------------------------------------------------------

def _keep_reference(m, text):
    word = re.sub(r"\s+", " ", m.group("ref").lower())
    after = _after(text, m, 20)
    if word == "future":  # the adjective ("future growth") is not a time expression
        return bool(re.match(r"\s*([,.;:!?)]|$|\s(is|was|holds|looks|will|of)\b)", after))
    if word == "current":
        return not re.match(r"\s+(account|affairs|events?|accounts)\b", after)
    if word == "the past":
        return not re.match(r"\s+(\w+\s+)?(" + UNIT + r"|" + NUMBER + r")\b", after)
    return True


@rule(r"(?:(?P<then>then)\s+)?(?P<ref>right\s+now|now|currently|current|presently|at\s+present|nowadays|these\s+days|recently|lately|the\s+past|(?:the\s+)?(?:near\s+|foreseeable\s+|distant\s+|immediate\s+)?future)(?![\w-])", "DATE",
      keep=_keep_reference)
def reference(m, ctx):
    if m.group("then"):
        return _fixed("PAST_REF")
    word = re.sub(r"\s+", " ", _g(m, "ref"))
    return _fixed(REFERENCES.get(word, "FUTURE_REF"))


@rule(r"(?:recent|past)\s+(?P<unit>years|months|weeks|days|quarters)(?![\w-])", "DATE")
def recent_units(m, ctx):
    # The gold: "recent years" is PAST_REF, "recent months/weeks" an unknown duration.
    unit = _unit(m.group("unit"))
    if unit == "Y" or m.group(0).lower().startswith("past"):
        return _fixed("PAST_REF")
    return _fixed(duration_value(None, "M" if unit == "Q" else unit), "DURATION")


@rule(r"(?:the\s+)?(?:(?:coming|future)\s+(?:years|months|weeks|days|quarters)|(?:near|short)\s+term)(?![\w-])", "DATE")
def coming_units(m, ctx):
    return _fixed("FUTURE_REF")


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
