"""CAMEO actor codes: a country or organisation, plus a sector, each with where it comes from.

"RUS" for Russia, "RUSGOV" for a Russian minister, "UKRGOV" for an adviser to the Ukrainian
presidential office, "RUSMIL" for Russian troops, "IGOUNO" for a UN body. In order:

1. an organisation of Chronicle's table (``chronicle/data/actor_codes.tsv``) by name;
2. the knowledge base's entry for a name (``chronicle.knowledge.actor_base``: the Phoenix
   dictionaries), only with a code valid on the publication date, and for a person only a code
   with a sector (a bare country code names a place, not a person);
3. an official of an organisation by the title the text gives ("U.N. Secretary-General");
4. the actor's country plus the sector of a role word in the text ("Foreign Minister" -> GOV,
   "troops" -> MIL), from the table, then from Phoenix's agent words;
5. the country plus the sector of the knowledge-base entry, when the entry's country agrees;
6. the country alone.

Nothing known: no code (None), never a guess.
"""
from __future__ import annotations

import re
from functools import lru_cache

from chronicle.knowledge import actor_base as knowledge
from chronicle.knowledge.gazetteer import data_rows
from chronicle.knowledge.names import same_name
from chronicle.records import Actor, Basis

TABLE = "actor_codes.tsv"


@lru_cache(maxsize=None)
def _actor_tables():
    orgs, sectors = [], []
    for row in data_rows(TABLE):
        kind, code, names = row[:3]
        words = [n.strip() for n in names.split("|") if n.strip()]
        pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in
                             sorted(words, key=len, reverse=True)) + r")(?![\w])",
                             re.IGNORECASE if kind == "sector" else 0)
        (orgs if kind == "org" else sectors).append((code, pattern, [w.lower() for w in words]))
    return orgs, sectors


def known_entry(actor: Actor, published: str | None = None) -> knowledge.KnownActor | None:
    """The knowledge base's entry for any of the actor's names, valid on ``published``.

    A person takes only an entry coding a role (a sector: RUSGOV, USAELI), not a bare country
    code, which the dictionaries give places; a country is not looked up (the gazetteer names it).
    """
    if actor.type == "country":
        return None
    for name in (actor.name, *actor.aliases):
        entry = knowledge.lookup(name, published)
        if entry is None or (actor.type == "person" and (entry.is_country or not _same_first_name(actor.name, entry.name))):
            continue
        return entry
    return None


def identity(actor: Actor) -> str | None:
    """The knowledge-base entry the actor is, at any date ("phoenix:countries/RECEP_TAYYIP_ERDOGAN"
    for "Erdogan" and for "Turkish President Recep Tayyip Erdogan"): its identity across
    articles, whatever values the text gives. A person is never a place's entry."""
    if actor.type == "country":
        return None
    for name in (actor.name, *actor.aliases):
        for entry in knowledge.entries(name):
            if actor.type == "person" and (entry.is_country or not _same_first_name(actor.name, entry.name)):
                continue
            if entry.entry:
                return entry.entry
    return None


def lasting_entry(actor: Actor) -> knowledge.KnownActor | None:
    """The one country the knowledge base gives a person or body at any date (every code of
    its entry names it), for an actor no valid-dated entry gives a country."""
    if actor.type == "country":
        return None
    for name in (actor.name, *actor.aliases):
        entry = knowledge.lasting_country(name)
        if entry is not None and (actor.type != "person" or _same_first_name(actor.name, entry.name)):
            return entry
    return None


def _same_first_name(name: str, known: str) -> bool:
    """Whether a full name and an entry's name share the first name: "Bill Clinton", also
    called "Clinton", is not the entry HILLARY_CLINTON; a lone surname has none to contradict."""
    words, known_words = name.split(), known.split()
    return len(words) < 2 or len(known_words) < 2 or same_name(words[0], known_words[0])


def knowledge_basis(entry: knowledge.KnownActor, rule: str | None = None) -> Basis:
    """The basis of a value taken from a knowledge-base entry: which entry, valid when."""
    valid = [entry.start, entry.end] if entry.dated else None
    return Basis("knowledge", entry=entry.entry, valid=valid, rule=rule)


LASTING_RULE = "the one country every code of the entry names"


def coded(actor: Actor, published: str | None = None) -> tuple[str | None, Basis | None]:
    """The actor's CAMEO code and its basis, or (None, None) when nothing supports one."""
    orgs, sectors = _actor_tables()
    names = [actor.name, *actor.aliases]
    known = known_entry(actor, published)
    if actor.type in ("organization", "group") or actor.country is None:
        for code, pattern, words in orgs:  # 1.
            if any(n.lower() in words or pattern.search(n) for n in names):
                return code, Basis("knowledge", entry=f"{TABLE}:{code}")
        if known is not None and known.country is None and known.usable and not actor.country:
            return known.code, knowledge_basis(known)  # 2. IGOUNO, NGOHRI, IMGMUS...
    roles = list(zip(actor.roles, list(actor.role_spans) + [None] * len(actor.roles)))
    stated = actor.basis.get("country")
    if actor.type == "person" and (stated is None or stated.source != "text"):
        # 3. The title the text gives beats a country the text does not state ("NATO Secretary-
        # General Jens Stoltenberg": IGOWSTNAT, though the dictionaries know him as Norwegian).
        for code, pattern, _ in orgs:
            for role, span in roles:
                if pattern.search(role):
                    return code, Basis("inferred", span=span, rule="organisation named in the role")
        if not actor.country and known is not None and known.country is not None:
            return known.code, knowledge_basis(known)  # 2. a person the text gives no country
    if not actor.country:
        return None, None
    country_basis = actor.basis.get("country")
    if actor.type == "country":
        return actor.country, country_basis
    # 4. The role words the text gives (a group's or organisation's own name counts: "troops").
    described = list(roles)
    if actor.type != "person" and actor.mentions:
        described.append((actor.name, actor.mentions[0]))
    for sector, pattern, _ in sectors:
        for words, span in described:
            if pattern.search(words):
                return actor.country + sector, Basis("inferred", span=span,
                                                     rule=f"country + sector of the role word ({TABLE})")
    for words, span in described:
        sector = knowledge.agent_sector(words)
        if sector is not None:
            return actor.country + sector, Basis("inferred", span=span,
                                                 rule="country + sector of the role word (phoenix:agents)")
    if known is not None and known.country == actor.country and known.sector:
        return actor.country + known.sector, knowledge_basis(known)  # 5.
    return actor.country, country_basis  # 6.


def role_sector(words: str) -> str | None:
    """The sector role words give ("troops" -> MIL): Chronicle's table, then the Phoenix agents."""
    _, sectors = _actor_tables()
    for sector, pattern, _ in sectors:
        if pattern.search(words):
            return sector
    return knowledge.agent_sector(words)


def actor_code(actor: Actor, published: str | None = None) -> str | None:
    """The actor's CAMEO code (see ``coded``), or None."""
    return coded(actor, published)[0]


def assign_code(actor: Actor, published: str | None = None) -> None:
    """Set ``actor.code`` and ``actor.basis["code"]`` from what the actor holds now."""
    code, basis = coded(actor, published)
    actor.code = code
    if basis is not None:
        actor.basis["code"] = basis
    else:
        actor.basis.pop("code", None)
