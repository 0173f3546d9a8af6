"""Positions: what each party wants, on which issue, and on what terms — grounded in the text.

A position is a holder (actors), an issue from the taxonomy (``chronicle/data/issues.tsv``), a
stance (support, oppose, conditional, demand) and the conditions attached to it, each a span of
``Article.text``. Rules over the record (quotes, events) and the spaCy parse; nothing is guessed
beyond the words:

1. Issues. A trigger word or phrase of the taxonomy (lemma or text, optionally restricted to a part
   of speech) names the issue. Events whose words name none fall back to the taxonomy's CAMEO
   codes; a rejection of "the offer" takes the issue of the offer it rejects.
2. Demands. "calls for", "demand(s)", "urge(s)", "insist(s) on", "emphasizes the necessity ..."
   open a list of demands that runs to the end of the clause; it is split at top-level commas
   (never inside quotation marks or brackets), one demand per item that names an issue. When the
   subject is a document ("The draft resolution", "The document") the holder is the document:
   ``holder`` is empty, ``source`` is "document" and ``holder_span`` names it (a bare "The
   document" resolves to an earlier, fuller document mention).
3. Quotes. Each issue trigger in a quote's content is a candidate of the quote's speaker, unless
   the words are someone else's inside the quote ("the classic says that ...", "the Kremlin
   declares that ..."): a speech verb or a subject naming another actor or a document, between
   the trigger and the quote's boundary, hands the words to that other party and the candidate is
   dropped. The stance comes from cue words in the trigger's clause (oppose: "meaningless", "out of
   the question", "no point"; demand: "must", "need to"; support: "willing to", "ready to"),
   negation turning support into opposition; else from the quote's cue verb ("invited", "offered"
   -> support; "called for", "urged" -> demand; "rejected" -> oppose).
4. Events. AGREE/SUPPORT -> support, REJECT -> oppose (also AGREE refused or negated), REQUEST ->
   demand; the holder is the event's source. Hypothetical events are not positions.
5. Conditions. Condition phrases in the clause ("without (any) (pre)conditions", "on the basis
   of", "based on", "taking into account", "provided that", "if", "unless", "as long as", "in
   exchange for", ...) each give a span running to the end of their phrase (the next comma,
   bracket, stop or condition phrase). Support with conditions is ``conditional``; a statement of
   terms with no other cue ("But only to talks without preconditions ...") is ``conditional`` too.
6. Holders. A person or group holder brings its country's actor along when the article has one
   (Vershinin -> Russia), so positions compare across articles by country as well.
7. Merging. Within one article, candidates with the same holder, issue and stance are one
   position with several evidence spans; support and conditional on the same issue by the same
   holder are one conditional position (the terms qualify the support).

Confidence is a documented heuristic, not a probability: 0.6 for a quote or a document, 0.5 for
an event alone; +0.1 when a direct quote is among the evidence; +0.1 when an explicit stance cue
was found (not only the cue verb or event type); +0.05 per further piece of evidence; at most 0.95.

DOCS: docs/positions.md
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from chronicle.records import Position, Span

STANCES = ("support", "oppose", "conditional", "demand")
SOURCES = ("quote", "event", "document")

DOCUMENT_NOUNS = {"resolution", "document", "draft", "text", "declaration", "communique",
                  "communiqué", "letter", "petition", "motion", "bill", "treaty", "charter",
                  "memorandum", "proposal", "plan", "statement", "report", "agreement", "accord"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
SPEECH_VERBS = {"say", "tell", "declare", "claim", "state", "announce", "write", "report",
                "insist", "argue", "assert", "suggest", "believe", "think", "add", "note", "warn",
                "promise", "stress", "emphasize", "emphasise", "deny", "admit", "explain"}
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"}
STOP_PUNCT = {",", ";", ".", "(", ")", ":", "!", "?", "—", "–", "-"}
EDGE_JUNK = " \t\n,;:.–—-()[]“”„\"'‘’«»"

# Stance cues: token-lemma sequences (lower case).
OPPOSE_CUES = [("meaningless",), ("pointless",), ("futile",), ("senseless",), ("useless",),
               ("impossible",), ("unacceptable",), ("unthinkable",), ("nonsense",), ("absurd",),
               ("out", "of", "the", "question"), ("no", "point"), ("no", "sense"), ("no", "use"),
               ("reject",), ("refuse",), ("rule", "out"), ("oppose",), ("never",),
               ("not", "an", "option"), ("dead", "end")]
DEMAND_WORDS = [("must",), ("need", "to"), ("necessity",), ("necessary",), ("demand",),
                ("urge",), ("insist", "on"), ("call", "for"), ("require",), ("have", "to")]
SUPPORT_CUES = [("willing",), ("ready",), ("prepared",), ("open", "to"), ("support",),
                ("welcome",), ("favour",), ("favor",), ("agree",), ("want",), ("seek",),
                ("propose",), ("offer",), ("invite",), ("commit",), ("committed",), ("endorse",),
                ("back",), ("in", "favour", "of"), ("in", "favor", "of"), ("hope", "for")]
CUE_VERB_STANCE = {"invite": "support", "offer": "support", "propose": "support",
                   "suggest": "support", "agree": "support", "welcome": "support",
                   "support": "support", "endorse": "support", "urge": "demand",
                   "demand": "demand", "insist": "demand", "reject": "oppose",
                   "refuse": "oppose", "dismiss": "oppose", "rule": "oppose",
                   "oppose": "oppose", "decline": "oppose"}

# Demand openers: (lemma sequence, kind). The list of demands follows the phrase.
DEMAND_OPENERS = [("call", "for"), ("calls", "for"), ("demand",), ("urge",), ("insist", "on"),
                  ("press", "for"), ("appeal", "for"), ("push", "for"), ("ask", "for"),
                  ("require",)]
EMPHASIS_VERBS = {"emphasize", "emphasise", "stress", "underline", "underscore", "reiterate",
                  "reaffirm", "highlight"}
NEED_NOUNS = {"necessity", "need", "importance", "imperative"}

# Condition phrases: (token-lower sequence). Each condition runs from the phrase to the end of
# its phrase (next comma, bracket, stop, or the next condition phrase).
CONDITION_MARKERS = [
    ("without", "any", "preconditions"), ("without", "any", "conditions"),
    ("without", "preconditions"), ("without", "conditions"), ("without", "precondition"),
    ("without", "any", "precondition"), ("with", "no", "preconditions"),
    ("with", "no", "conditions"), ("on", "the", "basis", "of"), ("based", "on"),
    ("taking", "into", "account"), ("take", "into", "account"), ("taking", "account", "of"),
    ("in", "exchange", "for"), ("in", "return", "for"), ("on", "condition", "that"),
    ("on", "the", "condition", "that"), ("subject", "to"), ("provided", "that"),
    ("providing", "that"), ("provided",), ("as", "long", "as"), ("so", "long", "as"),
    ("only", "if"), ("only", "when"), ("if",), ("unless",), ("in", "accordance", "with"),
]
NOT_CONDITIONS = {("as", "if"), ("even", "if"), ("what", "if")}


# Taxonomy ---------------------------------------------------------------------------------------

@dataclass
class Issue:
    name: str
    triggers: list[str] = field(default_factory=list)
    cameo: list[str] = field(default_factory=list)
    description: str = ""


def load_issues(path: str | os.PathLike | None = None) -> dict[str, Issue]:
    """The issue taxonomy: issue name -> Issue(name, triggers, cameo, description).

    Read from ``chronicle/data/issues.tsv``; a file named by ``path`` or by the environment
    variable CHRONICLE_ISSUES_FILE extends it (same columns: a known issue gains triggers and
    codes, a new one is added). Raises FileNotFoundError naming a user file that is missing.
    """
    extra = path if path is not None else os.environ.get("CHRONICLE_ISSUES_FILE") or None
    if extra is None:
        return _load((None, 0.0))
    extra = Path(extra)
    if not extra.exists():
        raise FileNotFoundError(f"The issue file {str(extra)!r} (CHRONICLE_ISSUES_FILE) does not exist; "
                                f"give a TSV file with columns issue, triggers, cameo, description.")
    return _load((str(extra.resolve()), extra.stat().st_mtime))


@lru_cache(maxsize=8)
def _load(extra: tuple[Optional[str], float]) -> dict[str, Issue]:
    issues: dict[str, Issue] = {}
    texts = [resources.files("chronicle.data").joinpath("issues.tsv").read_text(encoding="utf-8")]
    if extra[0]:
        texts.append(Path(extra[0]).read_text(encoding="utf-8"))
    for text in texts:
        for line in text.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")] + ["", "", ""]
            name = cells[0].lower()
            issue = issues.setdefault(name, Issue(name))
            issue.triggers += [t.strip() for t in cells[1].split("|") if t.strip() and t.strip() not in issue.triggers]
            issue.cameo += [c.strip() for c in cells[2].split("|") if c.strip() and c.strip() not in issue.cameo]
            if cells[3]:
                issue.description = cells[3]
    return issues


@dataclass(frozen=True)
class _Trigger:
    issue: str
    words: tuple[tuple[Optional[str], str], ...]  # (pos restriction, lower-case form)


POS_PREFIX = {"n": {"NOUN", "PROPN"}, "v": {"VERB"}, "a": {"ADJ"}}


# The index of the last taxonomy indexed: ``load_issues`` returns the same (cached) dict until
# the taxonomy changes, so each article need not rebuild it. (issues, index); read-only.
_last_index: tuple = (None, None)


def _triggers(issues: dict[str, Issue]) -> dict[str, list[_Trigger]]:
    """First word -> triggers starting with it, longest first."""
    global _last_index
    if _last_index[0] is issues:
        return _last_index[1]
    index = _build_triggers(issues)
    _last_index = (issues, index)
    return index


def _build_triggers(issues: dict[str, Issue]) -> dict[str, list[_Trigger]]:
    index: dict[str, list[_Trigger]] = {}
    for issue in issues.values():
        for phrase in issue.triggers:
            words = []
            for word in re.findall(r"[^\s]+", phrase):
                pos, _, form = word.rpartition(":") if re.match(r"^[nva]:", word) else (None, "", word)
                words.append((pos or None, form.lower()))
            if words:
                index.setdefault(words[0][1], []).append(_Trigger(issue.name, tuple(words)))
    for triggers in index.values():
        triggers.sort(key=lambda t: -len(t.words))
    return index


def _word_matches(token, pos: Optional[str], form: str) -> bool:
    if pos and token.pos_ not in POS_PREFIX[pos]:
        return False
    return form in (token.lower_, token.lemma_.lower())


def find_issue_mentions(doc, start: int, end: int, index=None) -> list[tuple[str, int, int]]:
    """Issue triggers within characters [start, end): (issue, first token, last token + 1)."""
    index = index if index is not None else _triggers(load_issues())
    found = []
    tokens = _tokens_within(doc, start, end)
    i = 0
    while i < len(tokens):
        token, hit = tokens[i], None
        for key in {token.lower_, token.lemma_.lower()}:
            for trig in index.get(key, []):
                n = len(trig.words)
                window = tokens[i:i + n]
                if len(window) == n and all(w.i == token.i + k for k, w in enumerate(window)) and \
                        all(_word_matches(w, p, f) for w, (p, f) in zip(window, trig.words)):
                    if hit is None or n > hit[2] - hit[1]:
                        hit = (trig.issue, token.i, token.i + n)
        if hit:
            found.append(hit)
            i += hit[2] - hit[1]
        else:
            i += 1
    return found


# Helpers over the parse --------------------------------------------------------------------------

def _tokens_within(doc, start: int, end: int) -> list:
    """The tokens wholly within characters [start, end), in order.

    Token starts and ends both increase along the doc, so these are one run of tokens, found by
    bisection over the token offsets (computed once per doc) instead of a pass over every token.
    """
    starts, ends = _token_offsets(doc)
    first = bisect.bisect_left(starts, start)
    after = bisect.bisect_right(ends, end)
    return [doc[i] for i in range(first, after)] if after > first else []


def _token_offsets(doc) -> tuple[list[int], list[int]]:
    offsets = doc.user_data.get(_OFFSETS_KEY)
    if offsets is None or len(offsets[0]) != len(doc):
        starts = [t.idx for t in doc]
        offsets = (starts, [s + len(t) for s, t in zip(starts, doc)])
        doc.user_data[_OFFSETS_KEY] = offsets
    return offsets


_OFFSETS_KEY = ("chronicle", "token_offsets")


def _seq_at(doc, i: int, seq: tuple[str, ...], lemma: bool = True) -> bool:
    if i + len(seq) > len(doc):
        return False
    for k, word in enumerate(seq):
        t = doc[i + k]
        if word not in (t.lower_, t.lemma_.lower() if lemma else t.lower_):
            return False
    return True


def _strip(text: str, start: int, end: int) -> Optional[Span]:
    """Trim whitespace, punctuation, quote marks and dangling conjunctions from both ends."""
    while True:
        old = (start, end)
        while start < end and text[start] in EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in EDGE_JUNK:
            end -= 1
        for word in ("and", "or", "but", "that"):
            if word != "that" and (text[start:end].lower().endswith(" " + word) or text[start:end].lower().endswith("(" + word)):
                end -= len(word)
            if text[start:end].lower().startswith(word + " "):
                start += len(word)
        if (start, end) == old:
            break
    return (start, end) if end > start else None


def _sentence(doc, char: int):
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return sent
    return doc[-1:].sent if len(doc) else None


def _token_at(doc, char: int):
    for t in doc:
        if t.idx <= char < t.idx + len(t.text):
            return t
        if t.idx > char:
            return t
    return None


class _Actors:
    """Token -> actor, through the actors' mention spans."""

    def __init__(self, actors):
        self.actors = {a.id: a for a in actors}
        self.spans = [(s, e, a.id) for a in actors for s, e in a.mentions]

    def of_token(self, token) -> Optional[str]:
        lo, hi = token.idx, token.idx + len(token.text)
        for s, e, actor in self.spans:
            if s < hi and lo < e:
                return actor
        return None

    def of_phrase(self, token) -> Optional[str]:
        for t in [token] + [c for c in token.subtree if c.dep_ in ("compound", "poss") and c.head.i == token.i]:
            actor = self.of_token(t)
            if actor:
                return actor
        return None

    def holders(self, ids: Iterable[str]) -> list[str]:
        """The actor ids, with the country actor of each person or group that has one."""
        result = []
        for i in ids:
            if i and i not in result:
                result.append(i)
        for i in list(result):
            actor = self.actors.get(i)
            if actor and actor.type in ("person", "group") and actor.country:
                for other in self.actors.values():
                    if other.type == "country" and other.country == actor.country and other.id not in result:
                        result.append(other.id)
                        break
        return result


def _clause_head(token, lo: int, hi: int):
    """The head of the clause that holds ``token`` (None when it lies outside [lo, hi))."""
    t = token
    while True:
        if t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSE_DEPS:
            return t
        if t.head.i == t.i:
            return t
        if not (lo <= t.head.idx < hi):
            return None
        t = t.head


def _owner(token, lo: int, hi: int, own: set[str], actors: _Actors) -> str:
    """'own' when the words holding ``token`` are the speaker's, 'other' when someone else's."""
    t, via_conj = token, False
    while t.head.i != t.i and lo <= t.head.idx < hi:
        via_conj = t.dep_ == "conj"
        t = t.head
        if via_conj or t.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        for s in subjects:
            if s.lower_ in FIRST_PERSON:
                return "own"
            actor = actors.of_phrase(s)
            if actor and actor in own:
                return "own"
            if actor or s.lemma_.lower() in DOCUMENT_NOUNS:
                return "other"
        if subjects and t.lemma_.lower() in SPEECH_VERBS:
            return "other"
    return "own"


def _find_cues(doc, lo: int, hi: int, cues) -> list:
    found = []
    for t in doc:
        if not (lo <= t.idx < hi):
            continue
        for seq in cues:
            if _seq_at(doc, t.i, seq) and doc[t.i + len(seq) - 1].idx < hi:
                found.append((t, seq))
    return found


def _stance(doc, lo: int, hi: int, trigger) -> tuple[Optional[str], bool]:
    """Stance from cue words in [lo, hi): (stance, negated-support)."""
    negated = any(t.dep_ == "neg" and lo <= t.idx < hi for t in doc) or \
        any(c.lower_ == "no" and c.dep_ == "det" for c in trigger.children)
    if _find_cues(doc, lo, hi, OPPOSE_CUES):
        return ("oppose" if not negated else None), True
    if _find_cues(doc, lo, hi, DEMAND_WORDS):
        return ("demand" if not negated else None), True
    if _find_cues(doc, lo, hi, SUPPORT_CUES):
        return ("oppose" if negated else "support"), True
    if negated and trigger.pos_ == "VERB":
        return "oppose", True
    return None, False


def _conditions(doc, lo: int, hi: int) -> list[Span]:
    """Condition phrases in [lo, hi), each to the end of its phrase."""
    text = doc.text
    starts = []
    for t in doc:
        if not (lo <= t.idx < hi):
            continue
        if t.i > 0 and (doc[t.i - 1].lower_, t.lower_) in NOT_CONDITIONS:
            continue
        for seq in CONDITION_MARKERS:
            if _seq_at(doc, t.i, seq, lemma=False):
                if not starts or starts[-1][1] <= t.i:
                    starts.append((t.i, t.i + len(seq)))
                break
    spans = []
    for k, (first, after) in enumerate(starts):
        limit = starts[k + 1][0] if k + 1 < len(starts) else len(doc)
        last = after - 1
        j = after
        while j < limit and doc[j].idx < hi and doc[j].text not in STOP_PUNCT:
            last = j
            j += 1
        if last < after and not doc[after - 1].lemma_.lower().endswith("condition"):
            continue  # a bare marker ("if" at a clause end) is no condition; "without preconditions" is one
        span = _strip(text, doc[first].idx, min(hi, doc[last].idx + len(doc[last].text)))
        if span:
            spans.append(span)
    return spans


# Candidates ----------------------------------------------------------------------------------------

@dataclass
class _Cand:
    holder: list[str]
    issue: str
    stance: str
    span: Span
    source: str
    conditions: list[Span] = field(default_factory=list)
    date: Optional[str] = None
    quote: Optional[str] = None
    event: Optional[str] = None
    explicit: bool = False
    direct: bool = False
    holder_span: Optional[Span] = None
    extra: list[Span] = field(default_factory=list)


def find_positions(doc, article) -> list[Position]:
    """Positions in one article whose actors, quotes, times and events are filled.

    doc: the spaCy parse of ``article.text``.
    RETURNS (list[Position]): merged positions, in text order, ids "p1", "p2", ...
    """
    index = _triggers(load_issues())
    actors = _Actors(article.actors)
    cands: list[_Cand] = []
    claimed: list[Span] = []
    cands += _demands(doc, article, actors, index, claimed)
    cands += _from_quotes(doc, article, actors, index, claimed)
    cands += _from_events(doc, article, actors, index, claimed, cands)
    return _merge(article.text, cands)


def _quote_at(article, char: int):
    """(the quote whose words hold ``char``, the piece holding it), or (None, None)."""
    for q in article.quotes:
        for piece in q.content_spans():
            if piece[0] <= char < piece[1]:
                return q, piece
    return None, None


def _event_at(article, lo: int, hi: int):
    for e in article.events:
        if e.span[0] < hi and lo < e.span[1]:
            return e
    return None


def _demand_openers(doc):
    """(first token, token after the opener) of each phrase that opens a list of demands."""
    for t in doc:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        lemma = t.lemma_.lower()
        for seq in DEMAND_OPENERS:
            if lemma == seq[0] and all(t.i + k < len(doc) and doc[t.i + k].lower_ == w
                                       for k, w in enumerate(seq[1:], 1)):
                yield t, t.i + len(seq)
                break
        else:
            if lemma in EMPHASIS_VERBS:
                for k in range(1, 4):
                    if t.i + k < len(doc) and doc[t.i + k].lemma_.lower() in NEED_NOUNS:
                        after = t.i + k + 1
                        if after < len(doc) and doc[after].lower_ in ("to", "of", "for"):
                            after += 1
                        yield t, after
                        break


def _subject(verb):
    t = verb
    for _ in range(3):
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        if t.dep_ in ("conj", "xcomp") and t.head.i != t.i:
            t = t.head
        else:
            break
    return None


def _np_span(text: str, noun) -> Span:
    """A noun phrase without its trailing modifiers: "The draft resolution" (not "... submitted to")."""
    start = noun.left_edge.idx
    return _strip(text, start, noun.idx + len(noun.text)) or (noun.idx, noun.idx + len(noun.text))


def _document_name(doc, text: str, subject) -> tuple[Span, Optional[Span]]:
    """(holder_span, mention span): a bare "The document" resolves to an earlier fuller mention."""
    mention = _np_span(text, subject)
    modifiers = [c for c in subject.children if c.dep_ in ("compound", "amod")]
    if modifiers:
        return mention, None
    for t in reversed(doc[:subject.i]):
        if t.lemma_.lower() in DOCUMENT_NOUNS and t.pos_ == "NOUN" and \
                any(c.dep_ in ("compound", "amod") for c in t.children):
            return _np_span(text, t), mention
    return mention, None


def _items(doc, text: str, start_i: int, hi: int) -> list[Span]:
    """Split the list of demands that starts at token ``start_i`` and ends before char ``hi``."""
    if start_i >= len(doc):
        return []
    lo = doc[start_i].idx
    region = text[lo:hi]
    items, depth, begin = [], 0, 0
    openers, closers = "“„«(\"", "”»)"
    in_straight = False
    i = 0
    while i < len(region):
        ch = region[i]
        if ch == '"':
            in_straight = not in_straight
        elif ch in openers:
            depth += 1
        elif ch in closers:
            depth = max(0, depth - 1)
        cut = None
        if depth == 0 and not in_straight:
            if ch in ",;":
                cut = i
            else:
                m = re.match(r" and (?=(the|a|an|all|any|its|their)\b)", region[i:])
                if m:
                    cut = i
        if cut is not None:
            items.append((lo + begin, lo + cut))
            begin = cut + 1
        i += 1
    items.append((lo + begin, lo + len(region)))
    return [s for s in (_strip(text, a, b) for a, b in items) if s]


def _demands(doc, article, actors: _Actors, index, claimed: list[Span]) -> list[_Cand]:
    text = article.text
    out = []
    for verb, after in _demand_openers(doc):
        subject = _subject(verb)
        sent = verb.sent
        hi = sent.end_char
        quote, piece = _quote_at(article, verb.idx)
        if quote and piece[1] > verb.idx:
            hi = min(hi, piece[1])
        holder, source, holder_span, extra = None, None, None, []
        if subject is not None and subject.lemma_.lower() in DOCUMENT_NOUNS and subject.pos_ == "NOUN":
            holder, source = [], "document"
            holder_span, mention = _document_name(doc, text, subject)
            extra = [mention] if mention else []
            if holder_span != _np_span(text, subject):
                extra.insert(0, _np_span(text, subject))
        elif subject is not None and quote and quote.speaker and (
                subject.lower_ in FIRST_PERSON or actors.of_phrase(subject) in actors.holders([quote.speaker])):
            holder, source = actors.holders([quote.speaker]), "quote"
        elif subject is not None and actors.of_phrase(subject):
            holder, source = actors.holders([actors.of_phrase(subject)]), "event"
        if holder is None:
            continue
        event = _event_at(article, verb.idx, verb.idx + len(verb.text))
        date = (event.date if event else None) or (quote.date if quote else None) or article.published
        if source == "document" and event is None:
            date = article.published
        got = False
        for lo_i, hi_i in _items(doc, text, after, hi):
            mentions = find_issue_mentions(doc, lo_i, hi_i, index)
            if not mentions:
                continue
            got = True
            out.append(_Cand(
                holder=holder, issue=mentions[0][0], stance="demand", span=(lo_i, hi_i), source=source,
                conditions=_conditions(doc, lo_i, hi_i), date=date,
                quote=quote.id if quote and source == "quote" else None,
                event=event.id if event else None, explicit=True,
                direct=bool(quote and quote.kind == "direct" and source == "quote"),
                holder_span=holder_span,
                extra=[e for e in extra if e] + ([event.span] if event else []),
            ))
        if got:
            claimed.append((verb.idx, hi))
    return out


def _inside(span: Span, spans: list[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _cue_stance(quote, text: str) -> Optional[str]:
    if not quote.cue:
        return None
    words = quote.cue.lower().split()
    lemma = words[0]
    for verb, stance in CUE_VERB_STANCE.items():
        if lemma.startswith(verb[:5]) and (verb != "rule" or "out" in words):
            return stance
    if lemma.startswith("call") and quote.cue_span:
        after = text[quote.cue_span[1]:quote.cue_span[1] + 5].lower()
        if "for" in words or after.strip().startswith("for"):
            return "demand"
    return None


def _from_quotes(doc, article, actors: _Actors, index, claimed: list[Span]) -> list[_Cand]:
    text = article.text
    out = []
    for q in article.quotes:
        if not q.speaker:
            continue
        own = set(actors.holders([q.speaker]))
        for lo, hi in q.content_spans():  # each piece of a quote in several ("“A,” said X. “B.”")
            for issue, first, after in find_issue_mentions(doc, lo, hi, index):
                trigger = doc[first]
                tspan = (trigger.idx, doc[after - 1].idx + len(doc[after - 1].text))
                if _inside(tspan, claimed):
                    continue
                if _owner(trigger, lo, hi, own, actors) == "other":
                    continue
                sent = trigger.sent
                s_lo, s_hi = max(lo, sent.start_char), min(hi, sent.end_char)
                head = _clause_head(trigger, lo, hi)
                if head is None or head.dep_ == "ROOT" and not (lo <= head.idx < hi):
                    r_lo, r_hi = s_lo, s_hi
                else:
                    r_lo = max(s_lo, head.left_edge.idx)
                    r_hi = min(s_hi, head.right_edge.idx + len(head.right_edge.text))
                conditions = _conditions(doc, r_lo, r_hi)
                if _inside(tspan, conditions):
                    continue
                stance, explicit = _stance(doc, r_lo, r_hi, trigger)
                if stance is None:
                    stance = _cue_stance(q, text)
                if stance is None and conditions:
                    stance = "conditional"
                if stance is None:
                    continue
                if stance == "support" and conditions:
                    stance = "conditional"
                span = _strip(text, r_lo, r_hi) or _strip(text, s_lo, s_hi) or (s_lo, s_hi)
                out.append(_Cand(holder=actors.holders([q.speaker]), issue=issue, stance=stance, span=span,
                                 source="quote", conditions=conditions, date=q.date, quote=q.id,
                                 explicit=explicit, direct=q.kind == "direct"))
    return out


EVENT_STANCE = {"AGREE": "support", "SUPPORT": "support", "REJECT": "oppose", "REQUEST": "demand"}
OFFER_NOUNS = {"offer", "proposal", "invitation", "initiative", "plan", "idea", "statement", "call"}


def _cameo_issue(code: Optional[str]) -> Optional[str]:
    if not code:
        return None
    for issue in load_issues().values():
        for c in issue.cameo:
            if code == c or (c.endswith("*") and code.startswith(c[:-1])):
                return issue.name
    return None


def _from_events(doc, article, actors: _Actors, index, claimed: list[Span], earlier: list[_Cand]) -> list[_Cand]:
    text = article.text
    out: list[_Cand] = []
    for e in article.events:
        stance = EVENT_STANCE.get(e.plover or "")
        if stance is None or not e.source or e.status == "hypothetical":
            continue
        if e.status in ("refused", "negated"):
            if stance != "support":
                continue
            stance = "oppose"
        if _inside(e.span, claimed) or any(s < e.span[1] and e.span[0] < h for s, h in claimed):
            continue
        mentions = find_issue_mentions(doc, *e.span, index)
        issue = mentions[0][0] if mentions else None
        if issue is None and stance == "oppose":
            issue = _rejected_offer_issue(doc, e, earlier + out)
        if issue is None:
            issue = _cameo_issue(e.cameo)
        if issue is None:
            continue
        first = _token_at(doc, e.span[0])
        sent = first.sent
        head = _clause_head(first, sent.start_char, sent.end_char) or sent.root
        r_lo = max(sent.start_char, head.left_edge.idx)
        r_hi = min(sent.end_char, head.right_edge.idx + len(head.right_edge.text))
        conditions = _conditions(doc, r_lo, r_hi)
        if stance == "support" and conditions:
            stance = "conditional"
        out.append(_Cand(holder=actors.holders(e.source), issue=issue, stance=stance, span=e.span,
                         source="event", conditions=conditions, date=e.date, event=e.id))
    return out


def _rejected_offer_issue(doc, event, cands: list[_Cand]) -> Optional[str]:
    """A rejection of "the offer" is about what was offered: the latest earlier offer's issue."""
    tokens = [t for t in doc if event.span[0] <= t.idx < event.span[1]]
    objects = [c for t in tokens for c in t.children if c.dep_ in ("dobj", "pobj", "nsubj")] + tokens
    if not any(o.lemma_.lower() in OFFER_NOUNS for o in objects):
        return None
    offers = [c for c in cands if c.stance in ("support", "conditional") and c.span[0] < event.span[0]
              and (not event.target or set(c.holder) & set(event.target))]
    return offers[-1].issue if offers else None


# Merging -------------------------------------------------------------------------------------------

def _merge(text: str, cands: list[_Cand]) -> list[Position]:
    groups: dict[tuple, list[_Cand]] = {}
    for c in cands:
        doc_key = text[c.holder_span[0]:c.holder_span[1]].lower() if c.holder_span else None
        key = (tuple(sorted(c.holder)), doc_key, c.issue)
        groups.setdefault(key, []).append(c)
    merged: list[list[_Cand]] = []
    for group in groups.values():
        stances = {c.stance for c in group}
        if "conditional" in stances and "support" in stances:
            for c in group:
                if c.stance == "support":
                    c.stance = "conditional"
        by_stance: dict[str, list[_Cand]] = {}
        for c in group:
            by_stance.setdefault(c.stance, []).append(c)
        merged += by_stance.values()
    positions = []
    for group in merged:
        group.sort(key=lambda c: c.span)
        # The principal evidence: the holder's own words first (quote), then a document, then an event.
        first = min(group, key=lambda c: (SOURCES.index(c.source), c.span))
        evidence = _unique([first.span] + [c.span for c in group] + [s for c in group for s in c.extra])
        # A span inside another evidence span adds nothing.
        evidence = [s for s in evidence if s == first.span or not any(
            o != s and o[0] <= s[0] and s[1] <= o[1] for o in evidence)]
        conditions = sorted(_unique(s for c in group for s in c.conditions))
        dates = sorted(c.date for c in group if c.date)
        sources = {c.source for c in group}
        base = 0.6 if first.source in ("quote", "document") or "quote" in sources else 0.5
        confidence = base + 0.1 * any(c.direct for c in group) + 0.1 * any(c.explicit for c in group) \
            + 0.05 * (len(_unique(c.span for c in group)) - 1)
        positions.append(Position(
            id="", holder=list(first.holder), issue=first.issue, stance=first.stance,
            conditions=conditions, span=first.span, evidence_spans=evidence,
            date=dates[0] if dates else None, confidence=round(min(0.95, confidence), 2),
            source=first.source, quote=next((c.quote for c in group if c.quote), None),
            event=next((c.event for c in group if c.event), None),
            holder_span=next((c.holder_span for c in group if c.holder_span), None),
        ))
    positions.sort(key=lambda p: (p.span, p.issue))
    for n, p in enumerate(positions, 1):
        p.id = f"p{n}"
    return positions


def _unique(items):
    seen, out = set(), []
    for item in items:
        item = tuple(item)
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
