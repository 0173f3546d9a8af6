"""TimeML values: calendar periods (:class:`Point`), numbers written in words, durations,
clock times."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from chronicle.extract.times.tables import FIXED, GRAN_RANK, ONES, TEENS, TENS, UNITS, VAGUE

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
