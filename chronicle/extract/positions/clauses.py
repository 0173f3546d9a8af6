"""Reading one clause of the parse: stance cues, condition phrases, who owns the words, and the
token and character helpers the position rules share."""
from __future__ import annotations

import bisect
from typing import Iterable, Optional

from chronicle.records import Span

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
