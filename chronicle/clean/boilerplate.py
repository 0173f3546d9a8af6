"""Boilerplate line rules: which lines of an article are not its story, and why.

One set of rules for every reader and for cleaning. Each rule is a small predicate on one line;
the first that matches names the reason the line is dropped (kept in ``removed``):

- ``classify_title_copy``: "repeated title", "garbled title copy" (copies of a known headline);
- ``classify_boilerplate`` (``BOILERPLATE_RULES``, every text): "script residue",
  "advertisement", "photo caption", "byline", "share prompt", "read more";
- ``classify_web_boilerplate`` (``WEB_RULES``, web pages only): "call to action", "disclosure",
  "page furniture".

Used by ``chronicle.clean.text.clean_text`` (plain text) and ``chronicle.ingest.html`` (the main
text of a web page or feed entry, with its own page-level rules on top: links, page edges).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Optional

from rapidfuzz import fuzz

# Boilerplate lines are short; longer lines are body text whatever they contain.
MAX_BOILERPLATE_WORDS = 15
MAX_CAPTION_WORDS = 60

# Wire agencies and photo libraries, as they appear in credits ("/ Reuters") and bylines.
AGENCIES = (
    "Reuters", "AP", "AFP", "EPA", "EPA-EFE", "Getty Images", "Getty", "Shutterstock", "Alamy",
    "Xinhua", "Anadolu", "Anadolu Agency", "Sputnik", "TASS", "ANSA", "dpa", "PA", "PA Media",
    "PAP", "ČTK", "CTK", "TASR", "Profimedia", "iStock", "Ukrinform", "UNIAN", "Bloomberg",
    "Wikimedia Commons", "Associated Press", "Agence France-Presse", "Interfax", "RIA Novosti",
)
_AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def ends_sentence(line: str) -> bool:
    """The line ends like a sentence: ".", "!", "?" or "…", then closing quotes or brackets."""
    return bool(_SENTENCE_END.search(line))


def _ends_like_prose(line: str) -> bool:
    # "... said." ends a sentence; "By J. R. Smith Jr." ends with initials, which are fine.
    return bool(re.search(r"[^\W\d_]{2}[.!?]$|[!?]$", line))


def word_count(line: str) -> int:
    """Words separated by whitespace."""
    return len(line.split())


def strip_edge_punctuation(line: str) -> str:
    """The line without the punctuation, symbols and spaces at either end."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", line)


# Title copies ------------------------------------------------------------------------------

# A line this similar to the title (rapidfuzz ratio on normalised text) is a garbled copy of it.
# Calibration: the specimen's garbled headline scores 83 against its title; no body line of the
# 2,225 BBC articles scores above 75 against its own headline. Titles shorter than
# GARBLED_TITLE_MIN_WORDS are matched exactly only: on a few words the ratio says little.
GARBLED_TITLE_MIN_RATIO = 80.0
GARBLED_TITLE_MIN_WORDS = 5


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


# Every text ----------------------------------------------------------------------------------


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
    return word_count(line) <= MAX_BOILERPLATE_WORDS and bool(_CODE_PUNCTUATION.search(line))


_ADVERTISEMENT = re.compile(
    r"(?:skip |close )?(?:advertisement|advert|ads?|sponsored(?: content)?|paid content"
    r"|promoted(?: content)?|continue reading below"
    r"|(?:story|article) continues (?:below|after)(?: (?:this )?advert(?:isement)?)?"
    r"|advertisement (?:[-–—:] )?(?:scroll|continue) (?:to|reading)[\w ]*)",
    re.IGNORECASE,
)


def is_advertisement(line: str) -> bool:
    """An ad marker standing alone: "Advertisement", "ADVERTISEMENT", "Skip Advertisement"."""
    return bool(_ADVERTISEMENT.fullmatch(strip_edge_punctuation(line)))


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
    if word_count(line) > MAX_CAPTION_WORDS:
        return False
    if _CAPTION_PREFIX.search(line) or _CAPTION_PAREN_CREDIT.search(line):
        return True
    if _CAPTION_LABEL.search(strip_edge_punctuation(line)):
        # Short only: "illustration" also ends real sentences ("... for the illustration.")
        return word_count(line) <= MAX_BOILERPLATE_WORDS and not ends_sentence(line)
    return bool(_CAPTION_AGENCY_CREDIT.search(line)) and not ends_sentence(line)


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
    if word_count(line) > MAX_BOILERPLATE_WORDS or _ends_like_prose(line):
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
    if word_count(line) > MAX_BOILERPLATE_WORDS or _ends_like_prose(line):
        return False
    return bool(_SHARE_PROMPT.fullmatch(strip_edge_punctuation(line)))


_READ_MORE = re.compile(
    r"^(?:read more|read also|also read|read next|see also|more on this story|more on this"
    r"|related(?: articles| stories| coverage| content| topics)?|recommended|you may also like"
    r"|you might also like|most read)\b\s*(?P<separator>[:»>|–—-]+)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def is_read_more(line: str) -> bool:
    """ "Read more:", "Read more: <headline>", "See also", "Related stories"."""
    match = _READ_MORE.match(line)
    if not match or word_count(line) > 2 * MAX_BOILERPLATE_WORDS:
        return False
    # "Read more about it in our guide." is a sentence; a link needs a separator.
    rest = strip_edge_punctuation(match["rest"])
    return not rest or bool(match["separator"])


BOILERPLATE_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("script residue", is_script_residue),
    ("advertisement", is_advertisement),
    ("photo caption", is_photo_caption),
    ("byline", is_byline),
    ("share prompt", is_share_prompt),
    ("read more", is_read_more),
)


# Web pages only ------------------------------------------------------------------------------
# Calls to action, disclosures and page furniture as web pages print them around the story
# ("Subscribe now", "Contact us", "We may earn a commission", "5 min read", "Updated: May 2,
# 2023"). They were written for the main text trafilatura extracts (measured on WCXB), not for
# plain-text articles: clean_text does not apply them, so its output stays as it was.


def classify_web_boilerplate(line: str) -> Optional[str]:
    """The reason to drop a line of a web page's text by ``WEB_RULES``, or None."""
    for reason, rule in WEB_RULES:
        if rule(line):
            return reason
    return None


_NEWSLETTER = re.compile(
    r"\b(?:sign[ -]?up|subscribe|join|get|receive)\b.{0,60}\b(?:newsletters?|mailing list|inbox"
    r"|updates|notifications)\b|\bnewsletters?\b$|^(?:newsletter|sign[ -]?up|log ?in|sign ?in"
    r"|register|subscribe(?: now| today)?|join(?: now| us)?|get started(?: today| now| for free)?"
    r"|book a (?:demo|call)|request a (?:demo|quote)|contact us|learn more|try (?:it )?(?:for )?free"
    r"|start (?:your )?free trial|back to (?:top|blog|blogs|news|articles)|table of contents"
    r"|jump to(?: the)? \w+|skip to (?:main )?content|previous (?:article|post)|next (?:article|post)"
    r"|share (?:your story|this)|tags|categories|comments?|leave a (?:comment|reply))\b",
    re.IGNORECASE,
)


def is_call_to_action(line: str) -> bool:
    """A short prompt to sign up, subscribe, log in or navigate, not a sentence of the story."""
    if word_count(line) > MAX_BOILERPLATE_WORDS:
        return False
    return bool(_NEWSLETTER.search(strip_edge_punctuation(line)))


_DISCLOSURE = re.compile(
    r"(?:we|i) may (?:earn|receive|be compensated)|affiliate (?:links?|commission)"
    r"|as an amazon associate|advertiser disclosure|advertising (?:policy|disclosure)"
    r"|(?:products|items) (?:are|were) (?:chosen|selected) independently"
    r"|purchases made through (?:our )?links|earn (?:us )?a (?:small )?commission"
    r"|earn from qualifying purchases|supported by commissions|^disclosure\s*:",
    re.IGNORECASE,
)


_PROMPT_IN_LINE = re.compile(
    r"\b(?:follow us on|sign up for our|subscribe to our|join our (?:mailing list|newsletter|community)"
    r"|already have an account|exclusive to .{0,30}subscribers|if you (?:liked|enjoyed) this"
    r" (?:article|post|story|recipe)|leave a (?:star )?rating|funded by readers|pin (?:it )?for later"
    r"|unsubscribe)\b|\(sponsored\)$|^(?:advertisement|sponsored|promoted|ad)\s*:",
    re.IGNORECASE,
)


def is_prompt_in_line(line: str) -> bool:
    """A line carrying a prompt to the reader: "... and follow us on Facebook", "(Sponsored)"."""
    return word_count(line) <= 2 * MAX_BOILERPLATE_WORDS and bool(_PROMPT_IN_LINE.search(line))


def is_disclosure(line: str) -> bool:
    """Affiliate and advertising disclosures: "We may earn a commission from links on this page"."""
    return word_count(line) <= 3 * MAX_BOILERPLATE_WORDS and bool(_DISCLOSURE.search(line))


_READING_TIME = re.compile(
    r"^(?:[-|•·]\s*)?\d{1,3}\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|reading time)?$"
    r"|^(?:reading time|read time)\s*:?\s*\d{1,3}\s*(?:min(?:ute)?s?)\.?$",
    re.IGNORECASE,
)
_POSTED = re.compile(
    r"^(?:posted|published|updated|last updated|written)(?: by [^|]{1,60}?)?(?: on| at)?\s*:?\s*"
    r"(?:\w+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} \w+\.? \d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}/\d{2,4})?$",
    re.IGNORECASE,
)


def is_page_furniture(line: str) -> bool:
    """Reading time, "Posted by ... on <date>", "Updated: <date>": page furniture, not story."""
    if word_count(line) > MAX_BOILERPLATE_WORDS:
        return False
    stripped = strip_edge_punctuation(line)
    return bool(_READING_TIME.match(stripped) or _POSTED.match(stripped))


WEB_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("call to action", is_call_to_action),
    ("call to action", is_prompt_in_line),
    ("disclosure", is_disclosure),
    ("page furniture", is_page_furniture),
)
