"""CAMEO-style actor codes: country or organisation, plus a sector (``chronicle/data/actor_codes.tsv``,
then the imported knowledge base)."""
from __future__ import annotations

import re
from functools import lru_cache

from chronicle.extract.events.codebook import _rows
from chronicle.knowledge import actor_base as knowledge
from chronicle.records import Actor


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
