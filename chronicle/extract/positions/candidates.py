"""Position candidates from the three kinds of evidence: demands ("calls for ..."), quotes (issue
triggers in what a party said) and events (agreements, rejections, requests)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from chronicle.extract.positions.clauses import (
    CUE_VERB_STANCE,
    DEMAND_OPENERS,
    DOCUMENT_NOUNS,
    EMPHASIS_VERBS,
    FIRST_PERSON,
    NEED_NOUNS,
    _Actors,
    _clause_head,
    _conditions,
    _owner,
    _stance,
    _strip,
    _token_at,
)
from chronicle.extract.positions.issues import find_issue_mentions, load_issues
from chronicle.records import Span

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
