"""Chronicle's records, defined in one place.

Every span field is a ``(start, end)`` pair of character offsets into ``Article.text``:
``article.text[start:end]`` is the evidence. JSON turns the pairs into two-element lists;
``Article.from_dict`` turns them back. ``Document`` and ``Skipped`` are what the readers
(``chronicle/ingest/``) give before cleaning: an input read, or why it was not.

DOCS: docs/format.md
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Optional

Span = tuple[int, int]
# Fields holding lists of spans (besides the "*_span" fields holding one).
SPAN_LISTS = ("mentions", "spans", "conditions")

ACTOR_TYPES = ("person", "organization", "country", "group")
QUOTE_KINDS = ("direct", "indirect", "mixed")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
EVENT_STATUSES = ("happened", "planned", "refused", "hypothetical", "negated")
STANCES = ("support", "oppose", "conditional", "demand")


@dataclass
class Removed:
    """A line that cleaning dropped from the input, and why: nothing disappears silently."""

    text: str
    reason: str


# Inputs -------------------------------------------------------------------------------------
# What the readers (chronicle/ingest/) hand to cleaning and extraction: one ``Document`` per
# input read, one ``Skipped`` per input not read.

# Where ``Document.published`` came from (DOCS: docs/ingest.md):
# "html": the page itself, found by htmldate in its markup or URL (HTML files, WARC records,
#   HTML in a feed entry or a JSON line);
# "feed": the feed entry's published (else updated, else created) date;
# "jsonl": the "published" field of the JSON line;
# "given": passed by the user (--published); set by the pipeline, never by a reader.
PUBLISHED_FROM = ("html", "feed", "jsonl", "given")


@dataclass
class Document:
    """One input, decoded: text plus what its reader found about it."""

    source: str  # path, "-" for stdin, "path#record-id" for a WARC record, "path:line" for JSONL
    text: str  # decoded text (for web pages: the main text, boilerplate removed)
    encoding: Optional[str] = None  # Python codec name ("utf-8", "cp1252", ...); None if given as str
    title: Optional[str] = None  # headline found in the page's markup or the feed entry
    published: Optional[str] = None  # ISO date "YYYY-MM-DD" found in the page or feed
    url: Optional[str] = None  # canonical URL, WARC-Target-URI or feed link
    author: Optional[str] = None
    language: Optional[str] = None  # ISO 639-1 code ("en"), when detected
    format: str = "text"  # what it was read from: text, html, warc, feed, jsonl
    removed: list[Removed] = field(default_factory=list)  # lines a web-page reader dropped, why
    # Where ``published`` came from, one of ``PUBLISHED_FROM``; None when ``published`` is None.
    published_from: Optional[str] = None


# Where in the pipeline (chronicle/pipeline.py) an input stopped, for ``Skipped.stage``.
STAGES = ("read", "size", "language", "duplicate", "clean", "extract", "store")


@dataclass
class Skipped:
    """An input that was not read, or not extracted, and why."""

    source: str
    reason: str  # names the input and the fix
    failed: bool  # True: an error (non-zero exit); False: deliberately skipped (empty file)
    stage: str = "read"  # one of STAGES


# Records ------------------------------------------------------------------------------------


# Where a value comes from (``Basis.source``): stated in the text (``span`` holds the words),
# looked up in a knowledge base (``entry``, valid for ``valid``), or inferred (``rule``).
BASIS_SOURCES = ("text", "knowledge", "inferred")


@dataclass
class Basis:
    """Where one value of a record comes from, so a user can tell a text fact from a looked-up
    or inferred one."""

    source: str  # one of BASIS_SOURCES
    span: Optional[Span] = None  # "text": the words that state the value
    # "knowledge": the entry, "<table>:<name>" ("phoenix:countries/VLADIMIR_PUTIN",
    # "countries.tsv:RUS"), and the dates it is valid for, [start, end] (ISO; None: open).
    entry: Optional[str] = None
    valid: Optional[list] = None
    rule: Optional[str] = None  # "inferred": the rule's name ("named entity", "title word")


def basis_note(basis) -> str:
    """How a value is known, in words for a reader (a ``Basis`` or its JSON dict): "" when the
    text states it (or nothing says), "known, 2009–2017" / "known since 2008" / "known" for a
    knowledge-base entry and its dates, "inferred" for a rule. Shown beside the value."""
    if not isinstance(basis, (dict, Basis)):
        return ""
    get = basis.get if isinstance(basis, dict) else (lambda key: getattr(basis, key, None))
    source = get("source")
    if source == "inferred":
        return "inferred"
    if source != "knowledge":
        return ""
    start, end = ((get("valid") or []) + [None, None])[:2]
    years = (start or "")[:4], (end or "")[:4]
    if years[0] and years[1]:
        return f"known, {years[0]}–{years[1]}" if years[0] != years[1] else f"known, {years[0]}"
    if years[0]:
        return f"known since {years[0]}"
    if years[1]:
        return f"known until {years[1]}"
    return "known"


def with_note(value, basis) -> str:
    """``value`` with its ``basis_note`` in brackets when it is not stated: "RUS (known, 2000–2015)"."""
    if value in (None, ""):
        return ""
    note = basis_note(basis)
    return f"{value} ({note})" if note else str(value)


@dataclass
class Actor:
    """One entity (person, organisation, country, group) and all its mentions in the text."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: Optional[str] = None  # ISO 3166 alpha-3
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    role_spans: list[Span] = field(default_factory=list)
    # The words that give ``country`` ("Russian" in "Russian Deputy Foreign Minister", the one
    # country its sentence names); None for a country itself and for a country taken from the
    # knowledge base, which the text does not state.
    country_span: Optional[Span] = None
    code: Optional[str] = None  # CAMEO actor code: country or organisation + sector (RUSGOV, IGOUNO)
    # Where ``type``, ``country`` and ``code`` come from, by field name (only those set).
    # Roles are always the text's (``role_spans``).
    basis: dict[str, Basis] = field(default_factory=dict)
    # The knowledge-base entry this actor is ("phoenix:countries/VLADIMIR_PUTIN"), whatever the
    # date: its identity across articles. None when no entry names it.
    entry: Optional[str] = None


@dataclass
class TimeExpression:
    """A time expression with its TimeML-style value, resolved against a date it names."""

    id: str
    span: Span
    text: str
    type: str
    value: Optional[str] = None
    # How the value was found: "published", "absolute", or the id of the time it is relative to.
    anchor: Optional[str] = None
    # Why ``value`` is null, when it is (e.g. no publication date to resolve "today" against).
    reason: Optional[str] = None


@dataclass
class Quote:
    """Who said what: content, speaker, cue and medium of one attribution."""

    id: str
    content_span: Span
    kind: str
    speaker: Optional[str] = None  # actor id
    speaker_span: Optional[Span] = None  # the words naming the speaker, as written
    cue: Optional[str] = None
    cue_span: Optional[Span] = None
    medium: Optional[str] = None
    medium_span: Optional[Span] = None
    date: Optional[str] = None  # ISO date it was said, when known
    time: Optional[str] = None  # id of the time expression that dates it; None = publication date
    sentence_span: Optional[Span] = None
    confidence: float = 1.0  # 1 - translation noise of its sentence(s): chronicle/extract/noise.py
    # Further pieces of the same statement, in text order, when its reporting clause interrupts
    # it ("“A,” said X, a lawyer. “B.”": content_span is “A,” and this holds “B.”).
    more_content_spans: list[Span] = field(default_factory=list)

    def content_spans(self) -> list[Span]:
        """Every piece of what was said, in text order: ``content_span`` first."""
        return [tuple(self.content_span), *(tuple(s) for s in self.more_content_spans)]

    def content_text(self, text: str, joiner: str = " … ") -> str:
        """The words said, from ``text`` (the article's): the pieces joined by ``joiner``."""
        return joiner.join(text[s:e] for s, e in self.content_spans())


@dataclass
class Event:
    """Who did what to whom: one coded event (filled by the events extractor)."""

    id: str
    span: Span
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    cameo: Optional[str] = None
    plover: Optional[str] = None
    mode: Optional[str] = None
    context: Optional[str] = None
    status: str = "happened"
    date: Optional[str] = None  # ISO date it happened (or is planned for)
    time: Optional[str] = None  # id of the time expression that dates it; None = publication date
    sentence_span: Optional[Span] = None
    confidence: float = 1.0  # 1 - translation noise of its sentence(s): chronicle/extract/noise.py


@dataclass
class Position:
    """What a holder wants on one issue, on what terms, with the words that show it."""

    id: str
    holder: list[str]  # actor ids; [] for a document ("The draft resolution")
    issue: str  # from the taxonomy, chronicle/data/issues.tsv
    stance: str  # support | oppose | conditional | demand
    conditions: list[Span] = field(default_factory=list)  # the terms, as written
    span: Span = (0, 0)  # the principal evidence
    evidence_spans: list[Span] = field(default_factory=list)  # every evidence span, principal first
    date: Optional[str] = None
    confidence: float = 0.5
    source: str = "quote"  # quote | event | document
    quote: Optional[str] = None  # id of the first quote among the evidence
    event: Optional[str] = None  # id of the first event among the evidence
    holder_span: Optional[Span] = None  # the words naming a document holder, as written


@dataclass
class Article:
    """The record of one article: cleaned text plus everything found in it."""

    id: str
    source: str
    text: str
    title: Optional[str] = None
    title_variants: list[str] = field(default_factory=list)
    published: Optional[str] = None  # ISO date
    dateline: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = _lists(asdict(self))
        for actor in data["actors"]:  # a basis shows only what it has: {"source": "text", "span": [3, 9]}
            actor["basis"] = {name: {k: v for k, v in b.items() if v is not None} for name, b in actor["basis"].items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        kinds = {"removed": Removed, "actors": Actor, "quotes": Quote, "times": TimeExpression, "events": Event,
                 "positions": Position}
        values = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name in kinds:
                value = [_build(kinds[f.name], item) for item in value]
            values[f.name] = value
        return cls(**values)

    def spans(self):
        """Yield ``(record kind, record id, field, span)`` for every span in the record."""
        for kind in ("actors", "quotes", "times", "events", "positions"):
            for item in getattr(self, kind):
                for f in fields(item):
                    value = getattr(item, f.name)
                    if f.name.endswith("span") and value is not None:
                        yield kind, item.id, f.name, value
                    elif f.name.endswith(SPAN_LISTS):
                        for span in value:
                            yield kind, item.id, f.name, span


def _build(kind, data: dict[str, Any]):
    known = {f.name for f in fields(kind)}
    values = {}
    for key, value in data.items():
        if key not in known:
            continue
        if key == "basis" and isinstance(value, dict):
            value = {name: _build(Basis, b) for name, b in value.items()}
        elif (key.endswith("span") and value is not None):
            value = tuple(value)
        elif key.endswith(SPAN_LISTS):
            value = [tuple(v) for v in value]
        values[key] = value
    return kind(**values)


def _lists(value):
    """Tuples (spans) become lists, as JSON has them."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value
