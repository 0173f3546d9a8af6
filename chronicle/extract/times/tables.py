"""Word tables of time expressions and the regular-expression pieces built from them.

Number words, months, weekdays, seasons, parts of day, units and their granularities,
direction and reference words; ``NUMBER``, ``MONTH``, ``YEAR``, ``CLOCK`` and the other
pieces the rules (``times.rules``) are assembled from.
"""
from __future__ import annotations

import re

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
