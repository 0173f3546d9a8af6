"""Status from the grammar of the trigger's clause, the event's date, and the :class:`Event`
record of a candidate (steps 4 and 5)."""
from __future__ import annotations

import re

from chronicle.extract.events.codebook import cameo_info
from chronicle.extract.events.triggers import _Candidate
from chronicle.extract.events.words import (
    CONDITION_MARKS,
    FAIL_VERBS,
    FUTURE_AUX,
    HYPOTHETICAL_AUX,
    NOMINAL_PLAN,
    PLAN_ADJECTIVES,
    PLAN_VERBS,
    REFUSAL_VERBS,
    SPEECH_VERBS,
)
from chronicle.extract.times.dating import sentence_date
from chronicle.records import Event

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _clause_verb(cand: _Candidate):
    token = cand.trigger
    if not cand.nominal:
        return token
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and seen < 4:
        token = token.head
        seen += 1
    return token if token.pos_ in ("VERB", "AUX") else None


def _status(cand: _Candidate) -> str:
    if cand.nominal:
        if any(c.dep_ == "amod" and c.lower_ in NOMINAL_PLAN for c in cand.trigger.children):
            return "planned"
        verb = _clause_verb(cand)
        if verb is None or cand.trigger.dep_ not in ("nsubj", "nsubjpass"):
            return "happened"
        if verb.lemma_.lower() not in ("continue", "begin", "start", "resume", "take", "be", "open",
                                       "go", "end", "hold", "happen", "occur"):
            return "happened"
        return _verb_status(verb)
    return _verb_status(cand.trigger)


def _verb_status(verb) -> str:
    chain = [verb]
    token = verb
    while token.dep_ in ("xcomp", "conj", "acomp") and token.head.i != token.i and len(chain) < 5:
        token = token.head
        chain.append(token)
    status = "happened"
    for i, v in enumerate(chain):
        children = list(v.children)
        if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in children):
            return "negated"
        if i > 0 and v.lemma_.lower() in REFUSAL_VERBS and chain[i - 1].dep_ == "xcomp":
            return "refused"
        if i > 0 and v.lemma_.lower() in FAIL_VERBS:
            return "negated"
        if any(c.dep_ == "advcl" and v is verb for c in children if False):
            pass
        if _conditional(v):
            return "hypothetical"
        aux = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if aux & HYPOTHETICAL_AUX and status == "happened":
            status = "planned" if _reported(v) else "hypothetical"
        if aux & FUTURE_AUX and status == "happened":
            status = "planned"
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and any(
                a.lower_ == "going" for a in chain[i + 1:i + 2]) and status == "happened":
            status = "planned"
        if i > 0 and (v.lemma_.lower() in PLAN_VERBS or v.lower_ in PLAN_ADJECTIVES) and status == "happened":
            status = "planned"
    return status


def _conditional(verb) -> bool:
    """The verb is in an if/unless clause."""
    token = verb
    for _ in range(4):
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children):
            return True
        if token.head.i == token.i:
            break
        if token.dep_ not in ("xcomp", "conj", "advcl", "aux"):
            break
        token = token.head
    return False


def _reported(verb) -> bool:
    """"said it would allow": the modal reports a future, it does not make a hypothesis."""
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
           for c in verb.children):
        return False
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS | {"confirm", "signal", "indicate"}


def _date(doc, cand: _Candidate, span: tuple[int, int], times, published) -> tuple[str | None, str | None]:
    """(ISO date, id of the time expression that gives it, or None for the publication date)."""
    anchors = {cand.trigger.i}
    verb = _clause_verb(cand)
    if verb is not None:
        anchors.add(verb.i)
    sent = cand.trigger.sent
    for t in times:
        if not (t.type in ("DATE", "TIME") and t.value and DAY.match(t.value)):
            continue
        if not (sent.start_char <= t.span[0] < sent.end_char):
            continue
        tspan = doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
        if tspan is None:
            continue
        head = tspan.root.head
        if head.dep_ == "prep":
            head = head.head
        if head.i in anchors or (cand.nominal and tspan.root.head.i == cand.trigger.i):
            return t.value[:10], t.id
    return sentence_date(doc, span[0], span[1], times, published)


def _to_event(doc, cand: _Candidate, times, published) -> Event | None:
    info = cameo_info(cand.code)
    tokens = [cand.trigger, *cand.extra]
    for child in cand.trigger.children:
        if child.dep_ == "prt":
            tokens.append(child)
    if cand.object_token is not None:
        tokens.append(cand.object_token)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    if cand.status is None:
        cand.status = _status(cand)
    sent = cand.trigger.sent
    sent_text = sent.text
    sent_end = sent.start_char + len(sent_text.rstrip())
    date, time_id = _date(doc, cand, (start, end), times, published)
    return Event(
        id="", span=(start, end),
        source=[a.id for a in cand.source or []], target=[a.id for a in cand.target or []],
        cameo=cand.code, plover=cand.plover or info.plover, mode=cand.mode or info.mode, context=info.context,
        status=cand.status, date=date, time=time_id, sentence_span=(sent.start_char, sent_end),
    )
