"""Cleaning of plain-text articles: scraped pages and machine translations.

``clean_text`` reads top to bottom like the pipeline it runs. Every line it drops is recorded in
``CleanedText.removed`` with a reason, so nothing disappears silently. Each rule is a small
predicate on one line; the dispatcher ``classify_boilerplate`` tries them in order.

Reasons used in ``removed``: "repeated title", "garbled title copy", "script residue",
"advertisement", "photo caption", "byline", "share prompt", "read more", "dateline".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Optional

import ftfy
from rapidfuzz import fuzz

from chronicle.records import Removed

# A headline is short. Calibration: the longest of the 2,225 BBC headlines has 9 words; machine
# translations and wire headlines run longer, so leave room.
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200

# A line this similar to the title (rapidfuzz ratio on normalised text) is a garbled copy of it.
# Calibration: the specimen's garbled headline scores 83 against its title; no body line of the
# 2,225 BBC articles scores above 75 against its own headline. Titles shorter than
# GARBLED_TITLE_MIN_WORDS are matched exactly only: on a few words the ratio says little.
GARBLED_TITLE_MIN_RATIO = 80.0
GARBLED_TITLE_MIN_WORDS = 5

# Boilerplate lines are short; longer lines are body text whatever they contain.
MAX_BOILERPLATE_WORDS = 15
MAX_CAPTION_WORDS = 60

# Hard-wrapped text: a line this long without closing punctuation was cut by a wrap width.
MIN_WRAPPED_LINE_CHARS = 40

# Wire agencies and photo libraries, as they appear in credits ("/ Reuters") and bylines.
AGENCIES = (
    "Reuters", "AP", "AFP", "EPA", "EPA-EFE", "Getty Images", "Getty", "Shutterstock", "Alamy",
    "Xinhua", "Anadolu", "Anadolu Agency", "Sputnik", "TASS", "ANSA", "dpa", "PA", "PA Media",
    "PAP", "ČTK", "CTK", "TASR", "Profimedia", "iStock", "Ukrinform", "UNIAN", "Bloomberg",
    "Wikimedia Commons", "Associated Press", "Agence France-Presse", "Interfax", "RIA Novosti",
)
_AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
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
    2. Normalise line endings and whitespace inside lines.
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
    text = normalize_whitespace(text)
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
    for i, line in enumerate(lines):
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


def classify_title_copy(line: str, title: str) -> Optional[str]:
    """ "repeated title", "garbled title copy" or None."""
    line_key, title_key = match_key(line), match_key(title)
    if not line_key:
        return None
    if line_key == title_key or _is_title_with_site_name(line_key, title_key):
        return "repeated title"
    if len(title_key.split()) < GARBLED_TITLE_MIN_WORDS:
        return None
    if not 0.5 <= len(line_key) / len(title_key) <= 2.0:
        return None
    if fuzz.ratio(line_key, title_key) >= GARBLED_TITLE_MIN_RATIO:
        return "garbled title copy"
    return None


def _is_title_with_site_name(line_key: str, title_key: str) -> bool:
    # "Headline | Site Name" or "Headline - Site Name": the title plus a few words.
    return line_key.startswith(title_key + " ") and len(line_key[len(title_key):].split()) <= 4


def match_key(text: str) -> str:
    """Case, quotes, punctuation and spacing folded away, so copies of a line compare equal."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


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


def classify_boilerplate(line: str) -> Optional[str]:
    """The reason to drop ``line``, or None to keep it. The first matching rule wins."""
    for reason, rule in BOILERPLATE_RULES:
        if rule(line):
            return reason
    return None


_SCRIPT_API = re.compile(
    r"googletag|adsbygoogle|document\.(?:write|getElement|querySelector)|window\.\w"
    r"|function\s*\([\w\s,]*\)\s*\{|\b(?:var|let|const)\s+\w+\s*=|\.push\s*\(|</?script"
    r"|\$\(\s*['\"]|=>\s*\{"
)
_CODE_PUNCTUATION = re.compile(r"[{}]|['\"]\s*;|\)\s*;")


def is_script_residue(line: str) -> bool:
    """Left-over JavaScript: "googletag.cmd.push(...)", "Advertisement'; }", "});"."""
    if _SCRIPT_API.search(line):
        return True
    return _word_count(line) <= MAX_BOILERPLATE_WORDS and bool(_CODE_PUNCTUATION.search(line))


_ADVERTISEMENT = re.compile(
    r"(?:skip |close )?(?:advertisement|advert|ads?|sponsored(?: content)?|paid content"
    r"|promoted(?: content)?|continue reading below"
    r"|(?:story|article) continues (?:below|after)(?: (?:this )?advert(?:isement)?)?"
    r"|advertisement (?:[-–—:] )?(?:scroll|continue) (?:to|reading)[\w ]*)",
    re.IGNORECASE,
)


def is_advertisement(line: str) -> bool:
    """An ad marker standing alone: "Advertisement", "ADVERTISEMENT", "Skip Advertisement"."""
    return bool(_ADVERTISEMENT.fullmatch(_strip_edge_punctuation(line)))


_CAPTION_PREFIX = re.compile(
    r"^(?:photos?|photograph|image|picture|foto|illustration|photo credit|credit)"
    r"\s*(?::|\bby\b|\|)",
    re.IGNORECASE,
)
_CAPTION_LABEL = re.compile(
    r"(?:^|\b)(?:(?:illustrat(?:ion|ive)|archive|archival|file|stock)\s+"
    r"(?:photo|image|picture|photograph|footage)s?|photo\s*illustration|illustration)$",
    re.IGNORECASE,
)
_CAPTION_PAREN_CREDIT = re.compile(
    r"\((?:photos?|image|picture|foto|credit)\s*:[^()]*\)$", re.IGNORECASE
)
_CAPTION_AGENCY_CREDIT = re.compile(
    rf"(?:\s[/|]\s*(?:{_AGENCY})|\b(?:{_AGENCY})\s*/\s*[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){{0,2}})\)?$",
    re.IGNORECASE,
)


def is_photo_caption(line: str) -> bool:
    """ "Kremlin – illustration photo", "Photo: ...", "... (Photo: Reuters)", "... / Reuters"."""
    if _word_count(line) > MAX_CAPTION_WORDS:
        return False
    if _CAPTION_PREFIX.search(line) or _CAPTION_PAREN_CREDIT.search(line):
        return True
    if _CAPTION_LABEL.search(_strip_edge_punctuation(line)):
        # Short only: "illustration" also ends real sentences ("... for the illustration.")
        return _word_count(line) <= MAX_BOILERPLATE_WORDS and not _SENTENCE_END.search(line)
    return bool(_CAPTION_AGENCY_CREDIT.search(line)) and not _SENTENCE_END.search(line)


# Lower-case words a byline may hold besides names ("By John Smith, political correspondent").
_BYLINE_WORDS = {
    "and", "&", "in", "of", "for", "de", "van", "von", "der", "da", "al", "bin", "our",
    "correspondent", "editor", "reporter", "writer", "journalist", "staff", "contributor",
    "political", "diplomatic", "economics", "business", "foreign", "senior", "chief", "special",
    "security", "defence", "defense", "health", "science", "technology", "news", "reporters",
}
_BYLINE_PREFIX = re.compile(
    r"^(?:by|written by|words by|reporting by|text by|story by|posted by)\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_AUTHOR_LABEL = re.compile(
    r"^(?:authors?|autor|reporter|writer|written by|posted by|text)\s*:\s*(?P<names>\S.*)$",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}"
_NAME_WITH_OUTLET = re.compile(
    rf"^{_NAME}\s*(?:,|\||\s[–—-])\s*(?:{_AGENCY}"
    r"|(?:[A-Z][\w.-]*\s+){0,3}(?:News|Press|Agency|Times|Post|Correspondent|Editor|Reporter)"
    r"|(?:[a-z]+\s+){0,2}(?:correspondent|editor|reporter))$"
)


def is_byline(line: str) -> bool:
    """ "By John Smith", "Author: ...", "John Smith, Reuters"."""
    if _word_count(line) > MAX_BOILERPLATE_WORDS or _ends_like_prose(line):
        return False
    match = _BYLINE_PREFIX.match(line) or _AUTHOR_LABEL.match(line)
    if match:
        return _are_byline_words(match["names"])
    return bool(_NAME_WITH_OUTLET.match(line))


def _are_byline_words(text: str) -> bool:
    # Names are capitalised: "By John Smith and Jane Doe" yes, "By the end of May" no.
    words = re.findall(r"[^\s,;|/]+", text)
    return bool(words) and all(w[0].isupper() or w.lower() in _BYLINE_WORDS for w in words)


_NETWORK = r"(?:facebook|twitter|x|whatsapp|linkedin|telegram|reddit|messenger|email|e-mail)"
_SHARE_PROMPT = re.compile(
    rf"(?:share(?: this)?(?: article| story| page| post)?(?: (?:on|via) {_NETWORK})?"
    r"|(?:tweet|email|print)(?: this)?(?: article| story)?|copy link|save article"
    rf"|follow us(?: on {_NETWORK}(?:(?:,| and| &) {_NETWORK})*)?|like us on facebook"
    rf"|join us on {_NETWORK}"
    r"|subscribe(?: to [\w ,'’]+)?|sign up (?:for|to) [\w ,'’]+"
    r"|(?:download|get) (?:our|the) app[\w ]*|click here[\w ,'’]*)",
    re.IGNORECASE,
)


def is_share_prompt(line: str) -> bool:
    """ "Share this article", "Follow us on Twitter", "Sign up for our newsletter"."""
    if _word_count(line) > MAX_BOILERPLATE_WORDS or _ends_like_prose(line):
        return False
    return bool(_SHARE_PROMPT.fullmatch(_strip_edge_punctuation(line)))


_READ_MORE = re.compile(
    r"^(?:read more|read also|also read|read next|see also|more on this story|more on this"
    r"|related(?: articles| stories| coverage| content| topics)?|recommended|you may also like"
    r"|you might also like|most read)\b\s*(?P<separator>[:»>|–—-]+)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def is_read_more(line: str) -> bool:
    """ "Read more:", "Read more: <headline>", "See also", "Related stories"."""
    match = _READ_MORE.match(line)
    if not match or _word_count(line) > 2 * MAX_BOILERPLATE_WORDS:
        return False
    # "Read more about it in our guide." is a sentence; a link needs a separator.
    rest = _strip_edge_punctuation(match["rest"])
    return not rest or bool(match["separator"])


BOILERPLATE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("script residue", is_script_residue),
    ("advertisement", is_advertisement),
    ("photo caption", is_photo_caption),
    ("byline", is_byline),
    ("share prompt", is_share_prompt),
    ("read more", is_read_more),
)


def _ends_like_prose(line: str) -> bool:
    # "... said." ends a sentence; "By J. R. Smith Jr." ends with initials, which are fine.
    return bool(re.search(r"[^\W\d_]{2}[.!?]$|[!?]$", line))


def _word_count(line: str) -> int:
    return len(line.split())


def _strip_edge_punctuation(line: str) -> str:
    return re.sub(r"^[\W_]+|[\W_]+$", "", line)


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
