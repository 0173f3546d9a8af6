"""1. Quotation marks: pair them in the raw text into ``_Quotation`` spans, marks included.

Any style (“…”, „…“, «…», '' for "), curly marks nested in straight ones, mixed or mis-typed
marks paired as meant, apostrophes told apart from single marks, a quote running over several
paragraphs, and a stray unmatched mark closing at the end of its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "„": "“", "«": "»", "‘": "’", "‚": "‘", "»": "«"}
CLOSERS = {"”", "»", "’", "“", "«"}
QUOTE_MARKS = set(OPENERS) | CLOSERS | {'"', "'"}

# Marks that open a quotation of words in the parse ("as “unhinged”", "as a "con artist"").
_OPENING_TOKENS = {"“", '"', "„", "«", "''"}


@dataclass
class _Quotation:
    start: int  # index of the opening mark
    end: int    # index after the closing mark (or the end of the paragraph)
    cue: int | None = None  # token index of the reporting verb inside a joined quotation
    # The quoted pieces of a quotation split by its reporting clause ("“A,” she said. “B.”"):
    # (start, end) of each, marks included; start..end above runs from the first to the last.
    pieces: list[tuple[int, int]] | None = None


def find_quotations(text: str) -> list[_Quotation]:
    """Pair quotation marks in ``text``; returns spans that include the marks."""
    original = text
    # Two apostrophes stand for a double quotation mark in some archives (''Yes,'' he said.):
    # read them as one mark, with a zero-width space holding the second place.
    text = text.replace("''", '"\u200b')
    quotations: list[_Quotation] = []
    open_at, closer, reopen_at, nested, curly_inside = None, None, -1, 0, 0
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and text.startswith("\n\n", i):
            # Paragraph end with the quote still open: a new paragraph opening with a mark
            # continues it (news style); otherwise the opening mark was a stray one.
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text) and (text[j] in OPENERS or text[j] == '"') and not (
                    text[open_at] == '"' and text[j] == "“"):
                reopen_at = j
            else:
                quotations.append(_Quotation(open_at, _rstrip_at(text, i)))
                open_at, closer = None, None
            continue
        if ch not in QUOTE_MARKS or i == reopen_at:
            continue
        if ch in ("'", "‘", "’") and not _single_quote_mark(text, i, opening=open_at is None):
            continue
        if open_at is None:
            if (ch in OPENERS and ch not in ("’", "»")) or (ch in ('"', "'") and _can_open(text, i)):
                open_at, closer, nested, curly_inside = i, OPENERS.get(ch, ch), 0, 0
            elif ch == "”" and _can_open(text, i) and text[i + 1:i + 2].isalnum():
                open_at, closer, nested, curly_inside = i, "”", 0, 0  # a closing mark typed for an opening one: ”Yes,”
        elif closer == '"' and ch == "“":
            nested += 1  # “…” inside a quotation opened with a straight mark (an excerpt)
        elif nested and ch == ("”" if closer == '"' else '"'):
            nested -= 1
        elif (closer == "”" and ch == "“" and _can_open(text, i) and not _can_close(text, i)
              and "\n" not in text[open_at:i]):
            curly_inside += 1  # “I’d rather live in what he calls “hell” than …”: no single marks
        elif curly_inside and ch == "”":
            curly_inside -= 1
        elif closer == "”" and ch == '"':
            # Straight marks inside curly ones: a nested quotation ("..."), or, mixed typing,
            # the close of the curly one (“no evidence" yet).
            if _can_open(text, i) and not _can_close(text, i):
                nested += 1
            elif _can_close(text, i):
                quotations.append(_Quotation(open_at, i + 1))
                open_at, closer = None, None
        elif ch == closer or (ch in ("”", "»") and closer != "'") or (
                ch == "“" and closer == "”" and _can_close(text, i)):  # “Mostly False.“
            quotations.append(_Quotation(open_at, i + 1))
            open_at, closer = None, None
    if open_at is not None:
        quotations.append(_Quotation(open_at, _rstrip_at(text, len(text))))
    for q in quotations:
        if original[q.end - 1:q.end + 1] == "''":
            q.end += 1
    return [q for q in quotations if q.end - q.start > 2]


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


# Words that open with an apostrophe for left-out letters: "rock 'n' roll", "'em", "'til".
ELISIONS = re.compile(r"(?:\d\d(?:s|th)?|em|til|cause|bout|n|tis|twas)\b", re.IGNORECASE)


def _single_quote_mark(text: str, i: int, opening: bool) -> bool:
    """Single marks double as apostrophes ("Ukraine's", "Russians'", "the '80s"): only word-edge
    ones count, and not those eliding letters or a century."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if opening:
        return (before.isspace() or before in "([") and after.isalnum() and not ELISIONS.match(text, i + 1)
    return not after.isalnum() and before not in "sS" and not before.isspace()


def _rstrip_at(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
