"""Verb triggers: the event candidates of lexicon verbs (step 1), and the folding of a coded action
into the intent, request or threat verb that embeds it (step 2)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from chronicle.extract.events.codebook import (
    INTENT,
    INTENT_OF,
    REQUEST,
    REQUEST_OF,
    THREAT,
    THREAT_OF,
    Entry,
    _refine,
    lexicon,
)
from chronicle.extract.events.words import PARTITIVE, REFUSAL_VERBS


@dataclass
class _Candidate:
    trigger: object  # spaCy token
    code: str
    mode: str = ""
    object_token: object = None
    extra: tuple = ()  # more evidence tokens
    source: list = None
    target: list = None
    status: Optional[str] = None
    nominal: bool = False
    plover: str = ""


def _verb_candidate(token) -> _Candidate | None:
    if token.dep_ in ("amod", "compound") or token.tag_ == "VBN" and token.dep_ == "acl" and _is_adjectival(token):
        return None
    entries = lexicon().get(("verb", token.lemma_.lower()))
    if not entries:
        return None
    preps = {c.lower_: c for c in token.children if c.dep_ in ("prep", "prt", "agent", "dative")}
    for entry in entries:
        if entry.prep and entry.prep not in preps:
            continue
        obj = None
        if entry.objects:
            obj = _object_matching(token, entry, preps)
            if obj is None:
                continue
        elif entry.prep:
            obj = preps[entry.prep]
        return _Candidate(trigger=token, code=entry.code, mode=entry.mode, object_token=obj,
                          plover=entry.plover)
    return None


def _is_adjectival(token) -> bool:
    return not any(c.dep_ in ("agent", "dobj") for c in token.children)


def _object_matching(token, entry: Entry, preps: dict):
    """The object token whose lemma (or a compound's) is one of the entry's objects."""
    places = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            places.append(child)
        elif child.dep_ == "xcomp":
            places.append(child)
            places += [c for c in child.children if c.dep_ == "dobj"]
    if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        places.append(token.head)  # "the vote that should be taken", misparsed relatives
    if token.dep_ == "relcl" and token.head.head is not None:
        places += [c for c in token.children if c.dep_ == "nsubjpass"]
    prep_names = [entry.prep] if entry.prep else list(preps)
    for name in prep_names:
        prep = preps.get(name)
        if prep is not None:
            places += [c for c in prep.children if c.dep_ == "pobj"]
    for place in list(places):  # "part of a military aid program", "some of its troops"
        if place.lemma_.lower() in PARTITIVE:
            places += [p for c in place.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"]
    for place in places:
        for word in [place] + [c for c in place.children if c.dep_ in ("compound", "conj", "amod")]:
            if word.lemma_.lower() in entry.objects or word.lower_ in entry.objects:
                return place
    return None


def _object_tokens(token):
    for child in token.children:
        if child.dep_ in ("dobj", "dative", "attr", "oprd", "nsubjpass"):
            yield child
        elif child.dep_ in ("prep", "agent"):
            yield from (c for c in child.children if c.dep_ == "pobj")

def _compose(candidates: list[_Candidate]) -> list[_Candidate]:
    """Fold a coded action into the intent, request or threat verb that embeds it."""
    by_token = {c.trigger.i: c for c in candidates}
    dropped: set[int] = set()
    for cand in candidates:
        if cand.trigger.lemma_.lower() in REFUSAL_VERBS and _embedded(cand.trigger, by_token):
            dropped.add(cand.trigger.i)  # "refused to allow": the allowing, status refused
            continue
        family = cand.code[:2]
        if family not in (INTENT, REQUEST, THREAT):
            continue
        inner = _embedded(cand.trigger, by_token)
        if inner is None or inner.code[:2] in (INTENT, REQUEST, THREAT):
            continue
        if family == INTENT:
            if inner.code[:2] > "08":
                continue
            cand.code = _refine(INTENT_OF, inner.code, cand.code)
        elif family == REQUEST:
            cand.code = _refine(REQUEST_OF, inner.code, "100" if cand.code[:3] == "100" else cand.code)
        else:
            if inner.code[:2] < "14" and inner.code[:2] not in ("16", "17"):
                continue
            cand.code = _refine(THREAT_OF, inner.code, cand.code)
        cand.mode = cand.mode or ""
        cand.plover = ""
        cand.extra = (inner.trigger,)
        cand.target = None
        cand.inner = inner  # type: ignore[attr-defined]
        dropped.add(inner.trigger.i)
    return [c for c in candidates if c.trigger.i not in dropped]


def _embedded(token, by_token):
    for child in token.children:
        if child.dep_ in ("xcomp", "ccomp") and child.i in by_token:
            return by_token[child.i]
        if child.dep_ in ("xcomp", "ccomp", "acomp"):
            for grand in child.children:  # "is willing to send", "said it would allow"
                if grand.dep_ in ("xcomp", "ccomp") and grand.i in by_token:
                    return by_token[grand.i]
    return None
