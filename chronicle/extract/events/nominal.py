"""Nominal events ("the invasion of Ukraine by Russian troops") and the special rules: rejections
the lexicon cannot express ("called the offer meaningless"), demands in a declared clause."""
from __future__ import annotations

from chronicle.extract.events.codebook import REQUEST_OF, _refine, lexicon
from chronicle.extract.events.participants import (
    _ActorIndex,
    _nested_actors,
    _phrase_actors,
    _subject,
)
from chronicle.extract.events.triggers import _Candidate
from chronicle.extract.events.words import (
    DISMISSIVE,
    OFFER_NOUNS,
    SPEECH_VERBS,
    TALK_NOUNS,
)
from chronicle.knowledge import gazetteer
from chronicle.records import Actor


def _noun_candidate(token, index: _ActorIndex) -> _Candidate | None:
    entries = lexicon().get(("noun", token.lemma_.lower()))
    if not entries:
        return None
    entry = entries[0]
    source: list[Actor] = []
    target: list[Actor] = []
    for child in token.children:
        if child.dep_ == "prep":
            pobjs = [c for c in child.children if c.dep_ == "pobj"]
            for pobj in pobjs:
                actors = _phrase_actors(pobj, index)
                if child.lower_ == "of":
                    (target if entry.prep == "target" else source).extend(actors)
                elif child.lower_ == "by":
                    source.extend(actors)
                elif child.lower_ in ("against", "on", "into", "with", "from"):
                    if entry.prep == "target" or child.lower_ == "with":
                        target.extend(actors)
                if child.lower_ == "on" and pobj.lemma_.lower() == "order":
                    # "on the orders of President Putin": who ordered it acts too.
                    for p in pobj.children:
                        if p.dep_ == "prep" and p.lower_ == "of":
                            for q in p.children:
                                if q.dep_ == "pobj":
                                    source.extend(_phrase_actors(q, index))
        elif child.dep_ in ("poss", "amod", "compound", "nmod"):
            actor = index.at(child)
            if actor is None and child.dep_ in ("amod", "compound"):
                country = gazetteer.country_by_demonym(child.text)
                if country:
                    actor = index.country_actor(country.iso3, child)
            if actor is not None:
                source.append(actor)
    if not source and token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ == "VERB":
        source = _subject(token.head, index)[0]  # "Italy announced a suspension of air links"
    source = _unique(source)
    target = [a for a in _unique(target) if a not in source]
    if not source and not target:
        return None
    if token.lemma_.lower() in ("talk", "negotiation") and entry.prep == "source" and not target:
        pass
    return _Candidate(trigger=token, code=entry.code, mode=entry.mode, source=source, target=target,
                      nominal=True)


def _unique(items):
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


_DECLARING_VERBS = frozenset(SPEECH_VERBS | {"conclude", "remind", "issue"})  # built once, not per token


def _special_rules(doc, index: _ActorIndex, candidates: list[_Candidate]) -> list[_Candidate]:
    """Rejections that the lexicon cannot express: "called the offer meaningless", "talks are
    out of the question"."""
    found = []
    taken = {c.trigger.i for c in candidates}
    for token in doc:
        if token.i in taken:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in ("call", "describe", "brand", "term", "label", "dismiss", "deem"):
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            if obj is None or obj.lemma_.lower() not in OFFER_NOUNS:
                continue
            complement = [t for c in token.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "attr")
                          for t in c.subtree]
            if not any(t.lemma_.lower() in DISMISSIVE for t in complement) and lemma != "dismiss":
                continue
            source, _ = _subject(token, index)
            target = _phrase_actors(obj, index) or _nested_actors(obj, index)
            if not target:
                target = _offer_source(obj, candidates)
            code = "125" if obj.lemma_.lower() in ("offer", "invitation", "proposal") else "120"
            found.append(_Candidate(trigger=token, code=code, mode="", object_token=obj,
                                    source=source, target=[a for a in target if a not in source]))
        elif token.pos_ == "VERB" and lemma in _DECLARING_VERBS:
            # "declared that China must drop barriers": a demand on the clause's subject.
            clause = next((c for c in token.children if c.dep_ == "ccomp"
                           and any(a.dep_ == "aux" and a.lower_ in ("must", "should") for a in c.children)), None)
            if clause is None:
                continue
            source, _ = _subject(token, index)
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            target = _phrase_actors(subj, index) if subj is not None else []
            if not source and not target:
                continue
            inner = next((c for c in candidates if c.trigger.i == clause.i), None)
            code = _refine(REQUEST_OF, inner.code, "100") if inner else "100"
            if inner is not None:
                candidates.remove(inner)
            found.append(_Candidate(trigger=token, code=code, mode="", object_token=clause,
                                    extra=(clause,), source=source,
                                    target=[a for a in target if a not in source]))
        elif lemma == "be" and token.pos_ in ("AUX", "VERB"):
            if any(token in f.trigger.subtree for f in found):
                continue  # the complement of "called the offer proof that talks are meaningless"
            subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subj is None or subj.lemma_.lower() not in TALK_NOUNS:
                continue
            words = {t.lower_ for c in token.children if c.dep_ in ("acomp", "prep", "attr") for t in c.subtree}
            if not (words & DISMISSIVE or {"out", "question"} <= words):
                continue
            source = _according_to(token, index)
            target = _nested_actors(subj, index)
            if not source and not target:
                continue
            found.append(_Candidate(trigger=token, code="125", mode="", object_token=subj,
                                    source=source, target=[a for a in target if a not in source]))
    return found


def _offer_source(noun, candidates: list[_Candidate]) -> list[Actor]:
    """Who made "the offer" a phrase refers back to: the source of the last earlier offer or appeal."""
    earlier = [c for c in candidates if c.trigger.i < noun.i and c.code[:2] in ("02", "03", "10") and c.source]
    return list(earlier[-1].source) if earlier else []


def _according_to(token, index: _ActorIndex) -> list[Actor]:
    for t in token.sent:
        if t.lower_ == "according":
            for p in t.children:
                for pobj in p.children:
                    if pobj.dep_ == "pobj":
                        return _phrase_actors(pobj, index)
    for t in token.sent:  # '..., wrote Podoljak.' / 'Podoljak said'
        if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB" and token in t.subtree:
            for child in t.children:
                if child.dep_ == "nsubj":
                    return _phrase_actors(child, index)
    return []
