"""Events: who did what to whom, coded in CAMEO and PLOVER, each with its evidence, status and date.

Rule-based over spaCy's dependency parse, with the lexicon in ``chronicle/data/event_verbs.tsv``:

1. Triggers. A verb whose lemma (plus particle/preposition, plus object noun where the table
   asks for one) is in the lexicon codes an event ("invited Ukraine to peace negotiations" ->
   036). A noun in the lexicon codes an event on its own when an actor is attached to it
   ("The invasion of Ukraine by Russian troops" -> 190, target from "of", source from "by").
2. Embedding. A coded action under an intent, request or threat verb refines that verb's code,
   as CAMEO does ("agreed to provide aid" -> 033, "demanded the withdrawal" -> 1056, "threatened
   to shell" -> 138); under "refuse"/"decline" it keeps its own code with status "refused".
3. Actors. Source = the subject's actor (passive: the "by" agent), target = the object's or a
   prepositional object's actor. Tokens map to actors through ``Actor.mentions``; a demonym
   ("Russian troops") maps to that country's actor, or to a new group actor appended to
   ``actors`` when the article has none; pronouns resolve with ``actors.resolve_reference``
   (the subject pronoun of a reported clause is its speaker: "X said they would ..."). A
   participant still without a country takes the one country its sentence names, if only one
   (``_sentence_country``); an agent-noun subject with no actor ("Prisoners rioted in Dili")
   becomes a group actor of that country.
4. Status from the grammar of the trigger's clause: negation -> negated; refuse/decline to ->
   refused; if/unless, would/could/might -> hypothetical; will/should/must, plan/expect/set to
   -> planned; else happened.
5. Date: a day-level time expression attached to the trigger, else ``times.sentence_date``
   (the sentence's date, else the publication date).
Mode and context come from the CAMEO -> PLOVER table ``chronicle/data/cameo.tsv``.

DOCS: docs/events.md
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from chronicle.knowledge import actor_base as knowledge, gazetteer
from chronicle.extract.actors import resolve_reference
from chronicle.extract.times import sentence_date
from chronicle.records import Actor, Event, TimeExpression

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

REFUSAL_VERBS = {"refuse", "decline"}
FAIL_VERBS = {"fail"}
PLAN_VERBS = {"plan", "intend", "expect", "schedule", "set", "aim", "prepare", "hope", "want",
              "seek", "mean"}
PLAN_ADJECTIVES = {"willing", "ready", "prepared", "due", "set", "expected", "likely", "determined"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "should", "must", "ought"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "'d"}
SPEECH_VERBS = {"say", "tell", "announce", "state", "declare", "add", "write", "report", "claim",
                "insist", "warn", "confirm", "reiterate", "stress", "note"}
CONDITION_MARKS = {"if", "unless", "provided", "whether"}
NOMINAL_PLAN = {"planned", "proposed", "possible", "potential", "future", "expected", "threatened",
                "upcoming", "scheduled", "intended"}
# Families of codes that embed the action they are about.
INTENT, REQUEST, THREAT = "03", "10", "13"
OFFER_NOUNS = {"offer", "proposal", "invitation", "initiative", "statement", "plan", "call", "idea"}
DISMISSIVE = {"meaningless", "pointless", "unacceptable", "absurd", "propaganda", "proof",
              "nonsense", "ridiculous", "empty", "futile", "impossible"}
TALK_NOUNS = {"talk", "negotiation", "dialogue", "meeting", "peace"}
PARTITIVE = {"part", "some", "most", "all", "number", "one", "many", "half", "third", "rest"}
GROUP_NOUNS = {"rebel", "group", "force", "demonstrator", "protester", "guerrilla", "guerilla",
               "militant", "student", "worker", "refugee", "officer", "soldier", "police", "party",
               "activist", "inhabitant", "supporter", "prisoner", "farmer", "landowner", "elder",
               "doctor", "settler", "youth", "hacker", "militia", "militiaman", "villager",
               "resident", "civilian", "wing", "faction", "movement", "coalition"}
QUANTITY_NOUNS = {"thousand", "hundred", "dozen", "million", "score", "crowd", "band", "handful",
                  "contingent", "unit", "detachment", "delegation"}
PERSON_PRONOUNS = {"he", "she"}
GROUP_PRONOUNS = {"they", "it"}
REPORT_VERBS = {"announce", "threaten", "promise", "vow", "pledge", "warn", "indicate", "signal"}
# Heads of subject phrases that name an agent ("officials", "police", "prisoners") and may take
# the country of their sentence when it names exactly one.
AGENT_NOUNS = {"official", "leader", "authority", "government", "police", "policeman", "army",
               "military", "troop", "soldier", "rebel", "guerrilla", "guerilla", "militant",
               "fundamentalist", "insurgent", "separatist", "prisoner", "demonstrator", "protester",
               "student", "worker", "farmer", "opposition", "minister", "president", "spokesman",
               "court", "parliament", "speaker", "delegation", "militia", "force", "activist",
               "supporter", "refugee", "villager", "resident", "striker", "union", "party", "cabinet",
               "ministry", "administration", "junta", "regime", "legislature", "lawmaker", "judge",
               "prosecutor", "hacker", "journalist", "elder", "islamist", "group"}
RELATIVE = {"who", "which", "that", "whom"}
FIRST_PERSON = {"we", "i", "us", "me", "our"}
TARGET_PREPS = {"to", "with", "against", "on", "at", "from", "into", "toward", "towards", "for",
                "over", "upon", "in"}
# Words that head a description of an actor: "leaders of X", "the head of X".
HOLDER_NOUNS = {"leader", "head", "government", "president", "minister", "people", "force",
                "troop", "army", "official", "member", "representative", "delegation", "authority",
                "citizen", "resident", "population", "part"}


# Tables -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    kind: str
    lemma: str
    prep: str
    objects: frozenset
    code: str
    mode: str
    plover: str = ""


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    plover: Optional[str]
    mode: Optional[str]
    context: Optional[str]


def _rows(filename: str) -> Iterable[list[str]]:
    text = resources.files("chronicle.data").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


@lru_cache(maxsize=None)
def lexicon() -> dict[tuple[str, str], list[Entry]]:
    """The event lexicon: (kind, lemma) -> entries, most specific first."""
    table: dict[tuple[str, str], list[Entry]] = {}
    for row in _rows("event_verbs.tsv"):
        row += [""] * (7 - len(row))
        kind, lemma, prep, objects, code, mode, plover = (c.strip() for c in row[:7])
        entry = Entry(kind, lemma, prep, frozenset(filter(None, objects.split("|"))), code, mode, plover)
        table.setdefault((kind, lemma), []).append(entry)
    for entries in table.values():
        entries.sort(key=lambda e: (-bool(e.objects), -bool(e.prep)))
    return table


@lru_cache(maxsize=None)
def cameo_codes() -> dict[str, Code]:
    """CAMEO code -> its name and PLOVER event, mode and context (``chronicle/data/cameo.tsv``)."""
    codes = {}
    for row in _rows("cameo.tsv"):
        row += [""] * (5 - len(row))
        code, name, plover, mode, context = (c.strip() for c in row[:5])
        codes[code] = Code(code, name, plover or None, mode or None, context or None)
    return codes


def cameo_info(code: str) -> Code:
    """The table row of a CAMEO code; mode, context and PLOVER type fall back to the parent code."""
    codes = cameo_codes()
    own = codes.get(code) or Code(code, "", None, None, None)
    plover, mode, context = own.plover, own.mode, own.context
    for parent in (code[:3], code[:2]):
        row = codes.get(parent)
        if row is None or parent == code:
            continue
        plover = plover or row.plover
        context = context or row.context
    return Code(code, own.name, plover, mode, context)


@lru_cache(maxsize=None)
def _actor_tables():
    orgs, sectors = [], []
    for row in _rows("actor_codes.tsv"):
        kind, code, names = row[:3]
        words = [n.strip() for n in names.split("|") if n.strip()]
        pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in
                             sorted(words, key=len, reverse=True)) + r")(?![\w])",
                             re.IGNORECASE if kind == "sector" else 0)
        (orgs if kind == "org" else sectors).append((code, pattern, [w.lower() for w in words]))
    return orgs, sectors


def actor_code(actor: Actor) -> str | None:
    """A CAMEO-style code for an actor: country (ISO3) or organisation code, plus a sector.

    "RUS" for Russia, "RUSGOV" for a Russian minister, "UKRGOV" for an adviser to the Ukrainian
    presidential office, "RUSMIL" for Russian troops, "IGOUNO" for a UN body. None when neither a
    country nor a known organisation is known.
    """
    orgs, sectors = _actor_tables()
    names = [actor.name, *actor.aliases]
    known = None
    if actor.type != "country":  # the user's imported knowledge base, if any
        known = next(filter(None, (knowledge.lookup(n) for n in names)), None)
    if actor.type in ("organization", "group") or actor.country is None:
        for code, pattern, words in orgs:
            if any(n.lower() in words or pattern.search(n) for n in names):
                return code
        if known is not None and known.country is None and known.usable and not actor.country:
            return known.code[:6]  # IGOUNO, NGOHRI, IMGMUS...
    if actor.type == "person" and not actor.country:
        # An official of an organisation, by the title the text gives ("U.N. Secretary-General
        # Kofi Annan", "Arab League Secretary General Chadli Klibi").
        for code, pattern, _ in orgs:
            if any(pattern.search(role) for role in actor.roles):
                return code
    if not actor.country:
        return None
    if actor.type == "country":
        return actor.country
    described = " ".join(actor.roles + ([actor.name] if actor.type != "person" else []))
    for sector, pattern, _ in sectors:
        if pattern.search(described):
            return actor.country + sector
    sector = knowledge.agent_sector(described) if described else None
    if sector is None and known is not None and known.country == actor.country:
        sector = known.sector
    return actor.country + sector if sector else actor.country


# Finding events --------------------------------------------------------------------------------

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
    return events


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


# Embedding ---------------------------------------------------------------------------------

INTENT_OF = {"04": "036", "046": "036", "045": "039", "05": "032", "051": "032", "06": "031",
             "061": "0311", "062": "0312", "063": "0313", "064": "0314", "07": "033", "071": "0331",
             "072": "0332", "073": "0333", "074": "0334", "075": "033", "08": "035", "081": "0351",
             "0841": "0353", "085": "0354", "086": "0355", "087": "0356", "0871": "0356",
             "0872": "0356", "0873": "0356", "0874": "0356", "057": "030", "03": "030"}
REQUEST_OF = {"04": "106", "046": "106", "045": "108", "05": "102", "06": "101", "061": "1011",
              "062": "1012", "063": "1013", "064": "1014", "07": "103", "071": "1031", "072": "1032",
              "073": "1033", "074": "1034", "08": "105", "081": "1051", "0841": "1053",
              "085": "1054", "086": "1055", "087": "1056", "0871": "1056", "0872": "1056",
              "0873": "1056", "0874": "1056", "080": "105"}
THREAT_OF = {"16": "131", "161": "1313", "163": "1312", "160": "131", "17": "132", "1723": "1323",
             "1724": "1324", "14": "133", "143": "133", "164": "134", "165": "135", "166": "136",
             "18": "138", "19": "138", "20": "138", "192": "1382", "191": "1381", "195": "138"}


def _refine(table: dict, code: str, default: str) -> str:
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return default


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


# Participants ------------------------------------------------------------------------------

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
        actor = Actor(id=f"a{len(self.actors) + 1}", name=phrase.text, type="group", country=iso3,
                      roles=roles, mentions=[(phrase.start_char, phrase.end_char)],
                      country_span=(token.idx, token.idx + len(token.text)))
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
                      roles=[head.text], mentions=[span], country_span=evidence)
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


# Nominal events and special rules ------------------------------------------------------------

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


# Status, date, record --------------------------------------------------------------------------

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


# The CAMEO/PLOVER coding convention ------------------------------------------------------------

COOPERATIVE = {"03", "04", "05", "06", "07", "08"}
MATERIAL_CONFLICT = {"14", "15", "16", "17", "18", "19", "20"}


def convention_code(event: Event) -> tuple[str | None, str | None]:
    """(CAMEO, PLOVER) of an event as event-data coders write it, where the status changes it.

    Chronicle keeps the coded action and says in ``status`` whether it happened; CAMEO and
    PLOVER instead code what the statement does: a refusal to act is a rejection (12x), a
    planned or hypothetical cooperative act an expression of intent (03x), a planned or
    hypothetical material-conflict act a threat (13x).
    """
    code = event.cameo
    if not code:
        return code, event.plover
    root = code[:2]
    if event.status == "refused":
        return "120", "REJECT"
    if event.status == "negated" and root in COOPERATIVE:
        return "120", "REJECT"  # "will not accept", "failed to reach agreement"
    if event.status in ("planned", "hypothetical") and root in COOPERATIVE and root != "03":
        new = _refine(INTENT_OF, code, "030")
        return new, cameo_info(new).plover
    if event.status in ("planned", "hypothetical") and root in MATERIAL_CONFLICT:
        new = _refine(THREAT_OF, code, "130")
        return new, cameo_info(new).plover
    return code, event.plover
