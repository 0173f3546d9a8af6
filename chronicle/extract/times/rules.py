"""The time rules: one :class:`Rule` per expression class, a pattern and the resolver of its value.

``@rule`` registers each in ``RULES`` in the order of this file; that order settles ties between
overlapping matches of the same length (``tagging._longest_first``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Optional

from chronicle.extract.times.guard import _first_char_guard
from chronicle.extract.times.resolve import (
    NO_PUBLISHED,
    Context,
    Resolved,
    _absolute,
    _anaphoric,
    _fixed,
    _holiday,
    _month_of,
    _month_year,
    _needs_published,
    _quarter_year,
    _season_year,
    _weekday_date,
    _year_for,
)
from chronicle.extract.times.tables import (
    _WORDNUM,
    ANY_YEAR,
    APPROX,
    CLOCK,
    DAY,
    DIRECTION,
    EDGE,
    MONTH,
    MONTH_NAME,
    NUMBER,
    ORDINALS,
    PART_OF_DAY,
    PARTS_OF_DAY,
    REFERENCES,
    SEASON,
    SEASON_START,
    SEASONS,
    SET_WORDS,
    SPOKEN_YEAR,
    UNIT,
    UNIT_GRAN,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    _alt,
)
from chronicle.extract.times.values import (
    Point,
    _clock,
    _day,
    _spoken_year,
    _start_of,
    _unit,
    _year,
    duration_value,
    parse_number,
)

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


@rule(r"(?:the\s+)?(?:(?:early|mid|late)[- ]?)?(?P<dec>(?:1[0-9]|20)\d0|'\d0)'?s(?![\w'])", "DATE")
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

@rule(r"(?:(?P<edge>early|late|mid|earlier|later)\s+)?(?:the\s+)?(?P<dir>this|last|next|past|coming|current|previous|present|latest)\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|year|decade|century)(?![\w-])", "DATE")
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
