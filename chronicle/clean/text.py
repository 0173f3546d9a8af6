"""Cleaning of plain-text articles: scraped pages and machine translations.

``clean_text`` reads top to bottom like the pipeline it runs. Every line it drops is recorded in
``CleanedText.removed`` with a reason, so nothing disappears silently. The line rules (title
copies, boilerplate) are in ``chronicle.clean.boilerplate``, shared with the web-page reader.

Reasons used in ``removed``: "repeated title", "garbled title copy", "script residue",
"advertisement", "photo caption", "byline", "share prompt", "read more", "dateline", "symbol run".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

import ftfy

from chronicle.clean.boilerplate import classify_boilerplate, classify_title_copy
from chronicle.records import Removed

# A headline is short. Calibration: the longest of the 2,225 BBC headlines has 9 words; machine
# translations and wire headlines run longer, so leave room.
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200

# Hard-wrapped text: a line this long without closing punctuation was cut by a wrap width.
MIN_WRAPPED_LINE_CHARS = 40

_LIST_MARKER = re.compile(r"^(?:[-*•–]\s|\d{1,2}[.)]\s)")


@dataclass
class CleanedText:
    """The result of cleaning one article: body, title, dateline and what was dropped."""

    text: str  # the cleaned body, title excluded
    title: Optional[str] = None
    title_variants: list[str] = field(default_factory=list)  # dropped copies of the headline
    dateline: list[str] = field(default_factory=list)  # places, as written ("Kyiv", "Moscow")
    removed: list[Removed] = field(default_factory=list)  # every line dropped, with a reason


@dataclass
class _Line:
    """One non-empty line and the blank-line-separated block it came from."""

    text: str
    block: int


def clean_text(raw: str, *, title: Optional[str] = None) -> CleanedText:
    """Clean one plain-text article.

    1. Repair encoding damage (mojibake), keeping curly quotes as they are.
    2. Normalise line endings and whitespace inside lines; cut runs of symbols without a space
       to their first characters (spaCy's tokenizer takes time growing with the square of such
       a run: 20,000 quotation marks took over a minute).
    3. Split into non-empty lines, remembering their blank-line-separated blocks.
    4. Take the title from the first content line, when it looks like a headline.
    5. Drop repeated and garbled copies of the title.
    6. Drop boilerplate lines: script residue, ads, photo captions, bylines, share prompts.
    7. Join the remaining lines into paragraphs (undoing hard wraps).
    8. Split a leading dateline ("Kyiv/Moscow –") off the first paragraph.

    raw (str): the article as read, title first.
    title (str | None): the headline when it is already known (from a web page's markup or a
        feed entry); step 4 then takes no line as the title, and step 5 drops copies of this
        one. Defaults to None: the title is the first line, when it looks like a headline.
    RETURNS (CleanedText): body paragraphs joined by blank lines, plus what was found and dropped.
    """
    removed: list[Removed] = []
    # 1.
    text = repair_encoding(raw)
    # 2.
    text = cut_symbol_runs(normalize_whitespace(text), removed)
    # 3.
    lines = split_lines(text)
    # 4.
    if title is None:
        title, lines = take_title(lines, removed)
    # 5.
    title_variants: list[str] = []
    if title is not None:
        lines = drop_title_copies(lines, title, title_variants, removed)
    # 6.
    lines = drop_boilerplate(lines, removed)
    # 7.
    paragraphs = join_paragraphs(lines)
    # 8.
    dateline: list[str] = []
    if paragraphs:
        dateline, paragraphs[0] = split_dateline(paragraphs[0], removed)
    return CleanedText(
        text="\n\n".join(paragraphs),
        title=title,
        title_variants=title_variants,
        dateline=dateline,
        removed=removed,
    )


# 1. Encoding -------------------------------------------------------------------------------

# Curly quotes are evidence (quote spans are matched against them) and ftfy straightens them by
# default; everything else ftfy repairs is damage.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)


def repair_encoding(text: str) -> str:
    """Undo mojibake ("â€™" → "’"), HTML entities in plain text and similar damage."""
    return ftfy.fix_text(text, config=_FTFY_CONFIG)


# 2. Whitespace -----------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")  # zero-width spaces, BOM, soft hyphen
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace run except a line break


def normalize_whitespace(text: str) -> str:
    """Unify line endings and collapse spaces, tabs and no-break spaces inside each line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# Runs of symbols (neither word characters nor spaces) this long or longer are cut: no article
# has one (a row of dashes is shorter), and the tokenizer's time grows with the square of one
# (2,000 quotation marks: 0.5 s; 4,000: 1.8 s).
MAX_SYMBOL_RUN = 100
SYMBOL_RUN_KEPT = 3
_SYMBOL_RUN = re.compile(r"[^\w\s]{%d,}" % MAX_SYMBOL_RUN)


def cut_symbol_runs(text: str, removed: list[Removed]) -> str:
    """Each run of ``MAX_SYMBOL_RUN`` or more symbols without a space, cut to its first
    ``SYMBOL_RUN_KEPT`` characters; what was cut is recorded in ``removed``."""

    def cut(match: re.Match) -> str:
        run = match.group()
        removed.append(Removed(f"{run[:20]}… ({len(run):,} characters)", "symbol run"))
        return run[:SYMBOL_RUN_KEPT]

    return _SYMBOL_RUN.sub(cut, text)


def longest_symbol_run(text: str) -> int:
    """The length of the longest run of symbols without a space (0 if under ``MAX_SYMBOL_RUN``)."""
    return max((len(m.group()) for m in _SYMBOL_RUN.finditer(text)), default=0)


# 3. Lines ----------------------------------------------------------------------------------


def split_lines(text: str) -> list[_Line]:
    """Non-empty lines, each tagged with the number of its blank-line-separated block."""
    lines, block = [], 0
    for line in text.split("\n"):
        if line:
            lines.append(_Line(line, block))
        else:
            block += 1
    return lines


# 4. Title ----------------------------------------------------------------------------------


def take_title(lines: list[_Line], removed: list[Removed]) -> tuple[Optional[str], list[_Line]]:
    """The headline and the lines after it; (None, lines) when the text starts with body.

    Boilerplate above the headline (an "Advertisement" line, a share prompt) is dropped first.
    """
    for i, line in enumerate(lines):  # noqa: B007 (i, the first line of body or headline, is used after the loop)
        reason = classify_boilerplate(line.text)
        if reason is None:
            break
        removed.append(Removed(line.text, reason))
    else:
        return None, []
    first, rest = lines[i], lines[i + 1:]
    if rest and looks_like_headline(first.text):
        return first.text, rest
    return None, lines[i:]


def looks_like_headline(line: str) -> bool:
    """Short, and not a sentence ending in a full stop ("U.S." and "..." are fine)."""
    if len(line) > MAX_TITLE_CHARS or len(line.split()) > MAX_TITLE_WORDS:
        return False
    return not re.search(r"[^\W\d_]{2}\.$", line)


# 5. Title copies ---------------------------------------------------------------------------


def drop_title_copies(
    lines: list[_Line], title: str, variants: list[str], removed: list[Removed]
) -> list[_Line]:
    """Lines that repeat the title, exactly or garbled, go to ``variants`` and ``removed``."""
    kept = []
    for line in lines:
        reason = classify_title_copy(line.text, title)
        if reason is None:
            kept.append(line)
            continue
        variants.append(line.text)
        removed.append(Removed(line.text, reason))
    return kept


# 6. Boilerplate ----------------------------------------------------------------------------


def drop_boilerplate(lines: list[_Line], removed: list[Removed]) -> list[_Line]:
    """Keep the lines no boilerplate rule claims; record the others with their reason."""
    kept = []
    for line in lines:
        reason = classify_boilerplate(line.text)
        if reason is None:
            kept.append(line)
        else:
            removed.append(Removed(line.text, reason))
    return kept


# 7. Paragraphs -----------------------------------------------------------------------------


def join_paragraphs(lines: list[_Line]) -> list[str]:
    """One paragraph per line, except that hard-wrapped lines are joined back together."""
    paragraphs: list[str] = []
    previous: Optional[_Line] = None
    for line in lines:
        if previous is not None and continues_wrapped_line(previous, line):
            paragraphs[-1] += " " + line.text
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs


def continues_wrapped_line(previous: _Line, line: _Line) -> bool:
    """True when ``line`` is the rest of a sentence a wrap width cut at the end of ``previous``.

    Lists keep their items apart; a line that ends a sentence ends its paragraph, as in the
    one-paragraph-per-line text scrapers produce.
    """
    if previous.block != line.block or _LIST_MARKER.match(line.text):
        return False
    if re.search(r"[.!?…:;\"'”’»)\]]$", previous.text):
        return False
    return line.text[0].islower() or len(previous.text) >= MIN_WRAPPED_LINE_CHARS


# 8. Dateline -------------------------------------------------------------------------------

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"  # Feb 12, 2023
    rf"|\d{{1,2}}\.?\s+{_MONTH}(?:\s+\d{{4}})?"  # 12 February 2023
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})"  # 12.2.2023
)
_PLACE_WORD = r"[^\W\d_][\w'’.&-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,2}}"
_DATELINE = re.compile(
    rf"^(?P<places>{_PLACE}(?:\s*[/,]\s*{_PLACE}){{0,3}})"
    rf"(?P<date>,?\s+{_DATE})?"
    r"(?P<agency>\s*\([^()\n]{1,40}\))?"
    rf"(?P<date_after>,?\s+{_DATE})?"
    r"(?:\s*[–—]\s*|\s*--\s*|\s+-\s+)"
)
MAX_DATELINE_PLACE_WORDS = 4

# Capitalised words that open ordinary sentences before a dash ("Yes – that's ...").
_NOT_PLACES = {
    "yes", "no", "but", "and", "or", "so", "now", "then", "the", "a", "an", "this", "that",
    "these", "those", "it", "he", "she", "we", "they", "i", "you", "well", "oh", "still", "also",
    "however", "meanwhile", "today", "yesterday", "tomorrow", "here", "there", "again", "finally",
    "me", "my", "our", "your", "his", "her", "its", "their", "for", "to", "with", "at", "in", "on",
    "by", "from", "mr", "mrs", "ms", "dr", "president", "minister", "update", "updated",
    "breaking", "live",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}


def split_dateline(paragraph: str, removed: list[Removed]) -> tuple[list[str], str]:
    """Places of a leading dateline and the paragraph without it.

    "Kyiv/Moscow – In a ..." → (["Kyiv", "Moscow"], "In a ..."); also "WASHINGTON (Reuters) -",
    "LONDON, Feb 12 (AP) —", "KYIV, Ukraine —". A paragraph without one is returned unchanged.
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return [], paragraph
    places = [p.strip() for p in re.split(r"[/,]", match["places"])]
    rest = paragraph[match.end():]
    if not rest or not _is_dateline(places, match, rest):
        return [], paragraph
    removed.append(Removed(match.group(0).strip(), "dateline"))
    return places, rest


def _is_dateline(places: list[str], match: re.Match, rest: str) -> bool:
    words = [w for place in places for w in place.split()]
    if not 1 <= len(words) <= MAX_DATELINE_PLACE_WORDS:
        return False
    if not all(w[0].isupper() and w.lower().strip(".") not in _NOT_PLACES for w in words):
        return False
    if match["agency"] or match["date"] or match["date_after"]:
        return True
    # Without agency or date the dash is the only sign. The body must start a new sentence, and
    # a second dash in that sentence makes the first one open an aside ("Vote For Me - ITV1's
    # talent contest - hits our screens"), not close a dateline.
    if not (rest[0].isupper() or rest[0] in "“\"‘'"):
        return False
    first_sentence = re.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0]
    return not re.search(r"\s[–—-]\s", first_sentence)
