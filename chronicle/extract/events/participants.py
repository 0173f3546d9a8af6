"""Participants: the source and target actors of a trigger, from its subject, objects and the
noun phrases that name them, and the country of those that have none (step 3)."""
from __future__ import annotations

from chronicle.extract.actor_codes import actor_code
from chronicle.extract.actors import resolve_reference
from chronicle.extract.events.codebook import REQUEST
from chronicle.extract.events.triggers import _Candidate
from chronicle.extract.events.words import (
    AGENT_NOUNS,
    FIRST_PERSON,
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    HOLDER_NOUNS,
    PARTITIVE,
    PERSON_PRONOUNS,
    QUANTITY_NOUNS,
    RELATIVE,
    REPORT_VERBS,
    SPEECH_VERBS,
    TARGET_PREPS,
)
from chronicle.knowledge import gazetteer
from chronicle.records import Actor, Basis

SENTENCE_COUNTRY = "the only country its sentence names"


class _ActorIndex:
    def __init__(self, doc, actors: list[Actor]):
        self.doc = doc
        self.actors = actors
        self.by_start: dict[int, Actor] = {}
        self._refresh()

    def _refresh(self):
        self.char_owner: dict[int, Actor] = {}
        for actor in self.actors:
            for s, e in actor.mentions:
                for c in range(s, e):
                    self.char_owner.setdefault(c, actor)

    def at(self, token) -> Actor | None:
        return self.char_owner.get(token.idx)

    def country_actor(self, iso3: str, token) -> Actor:
        for actor in self.actors:
            if actor.type == "country" and actor.country == iso3:
                return actor
        head = token.head if token.dep_ in ("amod", "compound") else token
        phrase = self.doc[min(token.i, head.i):max(token.i, head.i) + 1]
        for actor in self.actors:
            if actor.type == "group" and actor.country == iso3 and actor.name.lower() == phrase.text.lower():
                if (phrase.start_char, phrase.end_char) not in actor.mentions:
                    actor.mentions.append((phrase.start_char, phrase.end_char))
                    actor.mentions.sort()
                return actor
        roles = [head.text] if head.i != token.i else []
        evidence = (token.idx, token.idx + len(token.text))
        actor = Actor(id=f"a{len(self.actors) + 1}", name=phrase.text, type="group", country=iso3,
                      roles=roles, mentions=[(phrase.start_char, phrase.end_char)], country_span=evidence,
                      basis={"type": Basis("inferred", rule="a people's adjective on an event's participant"),
                             "country": Basis("text", span=evidence)})
        self.actors.append(actor)
        self._refresh()
        return actor


    def group_actor(self, head, country: str, evidence: tuple[int, int] | None) -> Actor:
        """A group actor for an agent noun phrase ("Prisoners", "Leaders of the ... coalition")."""
        start = head.left_edge
        while start.i < head.i and start.pos_ in ("DET", "NUM", "PUNCT"):
            start = self.doc[start.i + 1]
        phrase = self.doc[start.i:head.i + 1]
        span = (phrase.start_char, phrase.end_char)
        for actor in self.actors:
            if span in actor.mentions:
                return actor
        actor = Actor(id=f"a{len(self.actors) + 1}", name=phrase.text, type="group", country=country,
                      roles=[head.text], role_spans=[(head.idx, head.idx + len(head.text))], mentions=[span],
                      country_span=evidence,
                      basis={"type": Basis("inferred", rule="an agent noun as an event's participant"),
                             "country": Basis("inferred", span=evidence, rule=SENTENCE_COUNTRY)})
        self.actors.append(actor)
        self._refresh()
        return actor


def _phrase_actors(token, index: _ActorIndex, depth: int = 0) -> list[Actor]:
    """The actors a noun phrase names: its head's mention, modifiers, conjuncts, "of" holders."""
    found: list[Actor] = []

    def add(actor):
        if actor is not None and actor not in found:
            found.append(actor)

    if depth > 3:
        return found
    lower = token.lower_
    if token.pos_ == "PRON" or token.tag_ in ("PRP", "WP", "WDT"):
        if lower in RELATIVE and token.head.dep_ == "relcl":
            return _phrase_actors(token.head.head, index, depth + 1)
        if lower in FIRST_PERSON:
            speaker = _speaker(token, index)
            if speaker:
                add(speaker)
            return found
        reported = _reported_speaker(token, index, depth)
        if reported:
            return reported
        actor = resolve_reference(index.doc[token.i:token.i + 1], index.actors)
        add(actor)
        return found
    add(index.at(token))
    if found and found[0].type == "group" and token.tag_ in ("NNPS", "NNS"):
        # "(ethnic) Albanians in south Serbia", "the Albanians of southern Serbia": CAMEO codes
        # an ethnic group by the country it lives in.
        home = _residence(token, index, depth)
        if home is not None:
            found = [home]
    if found:
        for child in token.children:
            if child.dep_ == "conj":
                for a in _phrase_actors(child, index, depth + 1):
                    add(a)
        return found
    ethnic = any(c.lower_ == "ethnic" for c in token.children)
    for child in _modifiers(token):
        actor = index.at(child)
        if actor is None and child.dep_ in ("compound", "amod", "nmod") and not ethnic and not _pro_anti(child):
            country = gazetteer.country_by_demonym(child.text) or (
                gazetteer.country_by_name(child.text) if child.pos_ == "PROPN" or child.is_title else None)
            if country:
                actor = index.country_actor(country.iso3, child)
        if actor is None and child.dep_ == "poss":
            actor = next(iter(_phrase_actors(child, index, depth + 1)), None)
        add(actor)
    if not found and not ethnic:
        country = gazetteer.country_by_demonym(token.text)
        if country and token.tag_ in ("NNS", "NNPS"):
            add(index.country_actor(country.iso3, token))
    lemma = token.lemma_.lower()
    if not found and (lemma in HOLDER_NOUNS | GROUP_NOUNS | PARTITIVE | QUANTITY_NOUNS | {"side"}
                      or token.pos_ == "NUM" or ethnic):
        # "leaders of X", "rebels in the Ivory Coast", "ethnic Albanians in south Serbia"
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        for a in _phrase_actors(pobj, index, depth + 1):
                            add(a)
    if not found and ethnic:
        country = gazetteer.country_by_demonym(token.text)
        if country:
            add(index.country_actor(country.iso3, token))
    for child in token.children:
        if child.dep_ == "conj":
            for a in _phrase_actors(child, index, depth + 1):
                add(a)
    return found


def _residence(token, index: _ActorIndex, depth: int) -> Actor | None:
    """The country actor of "in X" / "of X" after a group noun, if X is a country."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    for actor in _phrase_actors(pobj, index, depth + 1):
                        if actor.type == "country":
                            return actor
    return None


def _pro_anti(token) -> bool:
    """"pro-Iranian", "anti-Syria": a demonym or country that names an allegiance, not an actor."""
    doc = token.doc
    if token.lower_.startswith(("pro-", "anti-")):
        return True
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ in ("pro", "anti")


def _reported_speaker(token, index: _ActorIndex, depth: int) -> list[Actor]:
    """"Palestinian leaders said they would boycott ...": the subject pronoun of a reported
    clause is its speaker when they agree (he/she: a person; they/it: not a person)."""
    if token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return []
    verb = token.head
    for _ in range(4):
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS | REPORT_VERBS:
            break
        if verb.dep_ not in ("xcomp", "conj", "acomp") or verb.head.i == verb.i:
            return []
        verb = verb.head
    else:
        return []
    subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return []
    actors = _phrase_actors(subj, index, depth + 1)
    person = token.lower_ in PERSON_PRONOUNS
    if actors and all((a.type == "person") == person for a in actors):
        return actors
    return []


def _modifiers(token):
    """Pre-modifiers of a noun phrase head, nested ones too ("Afghan rebel leaders")."""
    out = []
    stack = [c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod", "appos")]
    while stack:
        child = stack.pop(0)
        out.append(child)
        if child.dep_ != "appos":
            stack += [c for c in child.children if c.dep_ in ("compound", "amod", "nmod")]
    return out


def _speaker(token, index: _ActorIndex) -> Actor | None:
    """For "we"/"I" in a quote: the actor of the sentence's speech verb outside the quote."""
    sent = token.sent
    for t in sent:
        if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB":
            for child in t.children:
                if child.dep_ == "nsubj" and child.lower_ not in FIRST_PERSON:
                    actor = index.at(child)
                    if actor is None:
                        span = index.doc[child.left_edge.i:child.i + 1]
                        actor = resolve_reference(span, index.actors)
                    if actor is not None:
                        return actor
    return None


def _subject(verb, index: _ActorIndex, seen: int = 0) -> tuple[list[Actor], bool]:
    """(source actors, passive) of a verb: its subject, inherited through xcomp and conj."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if passive:
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return _phrase_actors(pobj, index), True
        return [], True
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj", "expl"):
            actors = _phrase_actors(child, index)
            if actors or child.lower_ not in ("it", "there", "this"):
                return actors, False
    if seen < 4 and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and verb.head.i != verb.i:
        head = verb.head
        if head.pos_ == "ADJ":  # "is willing to send"
            head = head.head
        return _subject(head, index, seen + 1)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _phrase_actors(verb.head, index), False
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        actors = _phrase_actors(verb.head, index)
        if not actors and verb.head.dep_ == "dobj" and seen < 4:
            # "The PKK issued a declaration demanding ...": the statement's author.
            return _subject(verb.head.head, index, seen + 1)[0], False
        return actors, False
    return [], False


def _objects(verb, index: _ActorIndex, exclude: list[Actor]) -> list[Actor]:
    found: list[Actor] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    order = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") or (passive and child.dep_ == "nsubjpass"):
            order.append((0, child))
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            order += [(1, c) for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "xcomp":
            order += [(2, c) for c in child.children if c.dep_ in ("dobj", "dative")]
            order += [(3, p) for c in child.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                      for p in c.children if p.dep_ == "pobj"]
    if not any(rank == 0 for rank, _ in order):
        # "demanded that the US cancel", "said Sudan must return": the subject of the clause.
        for child in verb.children:
            if child.dep_ == "ccomp":
                order += [(4, c) for c in child.children if c.dep_ == "nsubj"]
    for _, obj in sorted(order, key=lambda x: x[0]):
        actors = _phrase_actors(obj, index)
        if not actors:
            actors = _nested_actors(obj, index)
        for a in actors:
            if a not in exclude and a not in found:
                found.append(a)
        if found:
            break
    return found


def _nested_actors(token, index: _ActorIndex) -> list[Actor]:
    """Actors inside an object phrase's of/by/from/to arguments ("the withdrawal of Russian troops")."""
    found = []
    for child in token.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("of", "by", "to", "with", "from", "against", "for"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    for a in _phrase_actors(pobj, index) or _nested_actors(pobj, index):
                        if a not in found:
                            found.append(a)
        if found:
            break
    return found


# Passive forms that describe the subject's own stance ("is opposed to", "is committed to").
STATIVE_PASSIVES = {"oppose", "commit", "determine", "prepare", "resolve", "dedicate", "devote"}


def _verb_participants(cand: _Candidate, index: _ActorIndex) -> None:
    verb = cand.trigger
    source, passive = _subject(verb, index)
    if passive and verb.lemma_.lower() in STATIVE_PASSIVES and not any(c.dep_ == "agent" for c in verb.children):
        # "Israel is opposed to French mediation", "Vietnam is committed to opening up": a state
        # of the subject, not something done to it.
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        source = _phrase_actors(subject, index) if subject is not None else []
        passive = False
    inner = getattr(cand, "inner", None)
    target: list[Actor] = []
    if inner is not None:
        target = _objects(inner.trigger, index, source)
        if not target and cand.code[:2] == REQUEST:
            target = _subject(inner.trigger, index)[0]
            target = [a for a in target if a not in source]
    if not target:
        target = _objects(verb, index, source)
    if passive and not any(c.dep_ == "agent" for c in verb.children):
        source = []
    cand.source, cand.target = source, target


# The sentence's country for actors without one ----------------------------------------------

LOCATIVE = {"in", "at", "near", "inside", "across", "throughout", "around", "outside"}


def _sentence_country(cand: _Candidate, index: _ActorIndex) -> None:
    """Give participants without a country the one country their sentence names, if only one.

    "President Abdelaziz Bouteflika threatened to institute a curfew in Algiers" -> DZA for
    Bouteflika; "Prisoners rioted at a jail in Dili" -> a group actor "Prisoners" (TLS) as the
    source. A country that is the other side of the event ("threatened action against Russia")
    does not count, unless it is only where the event happens ("a curfew in Algiers"); an
    organisation with a code of its own (UN, NATO) keeps it.
    """
    sent = cand.trigger.sent
    if cand.source is None:
        cand.source = []
    if cand.target is None:
        cand.target = []
    needs = [a for a in cand.source + cand.target
             if a.country is None and a.type in ("person", "organization", "group") and actor_code(a) is None]
    subject = None
    if not cand.source and not cand.nominal:
        subject = _subject_token(cand.trigger)
        if subject is not None and not (subject.lemma_.lower() in AGENT_NOUNS and subject.pos_ == "NOUN"):
            subject = None
    if not needs and subject is None:
        return
    found: dict[str, list] = {}
    evidence: dict[str, tuple[int, int]] = {}  # the first words naming each country
    for t in sent:
        actor = index.at(t)
        if actor is not None:
            if actor.type in ("country", "group", "organization") and actor.country:
                found.setdefault(actor.country, []).append((actor, t.head.lower_ in LOCATIVE))
                evidence.setdefault(actor.country, next(
                    (m for m in actor.mentions if m[0] <= t.idx < m[1]), (t.idx, t.idx + len(t.text))))
        elif not _pro_anti(t):
            country = gazetteer.country_by_demonym(t.text) or (
                gazetteer.country_by_name(t.text) if t.pos_ == "PROPN" else None)
            if country:
                found.setdefault(country.iso3, []).append((None, False))
                evidence.setdefault(country.iso3, (t.idx, t.idx + len(t.text)))
    if len(found) != 1:
        return
    (country, uses), = found.items()
    for actor in needs:
        other = cand.target if actor in cand.source else cand.source
        if any(a in other and a.type == "country" and not locative for a, locative in uses):
            continue
        # An inference from the sentence, not a statement of the text: its evidence is kept.
        actor.country, actor.country_span = country, evidence[country]
        actor.basis["country"] = Basis("inferred", span=evidence[country], rule=SENTENCE_COUNTRY)
    if subject is not None:
        if any(a in cand.target and not locative for a, locative in uses):
            return  # "Muslim hackers defaced Danish web sites": not Danes
        cand.source = [index.group_actor(subject, country, evidence[country])]
        cand.target = [a for a in cand.target if a not in cand.source]


def _subject_token(verb, seen: int = 0):
    """The nominal subject of a verb, inherited through xcomp/conj as ``_subject`` does."""
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "nsubjpass":
            return None
    if seen < 4 and verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        return _subject_token(verb.head, seen + 1)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "NOUN":
        return verb.head  # "demonstrators protesting election results"
    return None
