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

Layout: ``tables`` (word tables, pattern pieces), ``values`` (points, numbers, durations),
``resolve`` (the context and the helpers resolvers share), ``guard`` (the rules' fast scan),
``rules`` (the rules, in order), ``tagging`` (``find_times``), ``dating`` (``sentence_date``).

DOCS: docs/format.md (TimeExpression)
"""
from chronicle.extract.step import Step
from chronicle.extract.times.dating import sentence_date
from chronicle.extract.times.tagging import find_times

__all__ = ["find_times", "sentence_date", "STEP"]


def _find_times_step(doc, article) -> None:
    article.times = find_times(doc, article.published)


STEP = Step("times", reads=("doc", "published"), adds=("times",), run=_find_times_step)
