"""``find_events``: the steps of the package docstring, in order, over a parsed article."""
from __future__ import annotations

from chronicle.extract.actor_codes import assign_code
from chronicle.extract.events.nominal import _noun_candidate, _special_rules
from chronicle.extract.events.participants import (
    _ActorIndex,
    _sentence_country,
    _verb_participants,
)
from chronicle.extract.events.status import _to_event
from chronicle.extract.events.triggers import (
    _Candidate,
    _compose,
    _object_tokens,
    _verb_candidate,
)
from chronicle.records import Actor, Event, TimeExpression


def find_events(doc, actors: list[Actor], times: list[TimeExpression],
                published: str | None) -> list[Event]:
    """Find the coded events of a parsed article.

    doc (spacy.tokens.Doc): the parsed article text.
    actors (list[Actor]): its actors (``find_actors``). Event participants named only by a
        demonym ("Israeli soldiers") when the article has no actor for that country are added
        to this list as group actors, so pass the list the record keeps.
    times (list[TimeExpression]): its time expressions (``find_times``).
    published (str | None): publication date, ISO; the date of events nothing else dates.
    RETURNS (list[Event]): events in text order, ids "e1", "e2", ...
    """
    index = _ActorIndex(doc, actors)
    candidates: list[_Candidate] = []
    consumed: set[int] = set()
    for token in doc:
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.tag_.startswith("VB")):
            cand = _verb_candidate(token)
            if cand is not None:
                candidates.append(cand)
    candidates = _compose(candidates)
    for cand in candidates:
        for child in _object_tokens(cand.trigger):
            consumed.update(t.i for t in child.subtree)
        if cand.object_token is not None:
            consumed.update(t.i for t in cand.object_token.subtree)
    for cand in candidates:
        _verb_participants(cand, index)
    special = _special_rules(doc, index, candidates)
    for cand in special:
        consumed.update(t.i for t in cand.object_token.subtree)
    candidates += special
    for token in doc:
        if token.pos_ in ("NOUN", "PROPN") and token.i not in consumed:
            cand = _noun_candidate(token, index)
            if cand is not None:
                candidates.append(cand)
    candidates.sort(key=lambda c: c.trigger.i)
    for cand in candidates:
        _sentence_country(cand, index)
    events = []
    for cand in candidates:
        event = _to_event(doc, cand, times, published)
        if event is not None:
            event.id = f"e{len(events) + 1}"
            events.append(event)
    for actor in actors:  # participants added, or given a country, code again
        assign_code(actor, published)
    return events
