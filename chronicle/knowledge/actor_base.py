"""The actor knowledge base: names -> CAMEO actor codes, each valid for a span of dates.

Compiled from the Phoenix/PETRARCH2 dictionaries (Open Event Data Alliance, MIT licence) into the
package's own data (``chronicle/data/phoenix_actors.tsv``; the converter is
``chronicle.knowledge.phoenix``). A user's own import (``chronicle actors import-phoenix DIR``,
written to ``$CHRONICLE_ACTORS_FILE`` or ``~/.local/share/chronicle/actors.tsv``) is read first.

File format (TSV, one row per name and code; ``#`` lines are comments)::

    kind    name                code      start       end   entry
    actor   barack obama        USAGOV    2009-01-20        phoenix:countries/BARACK_OBAMA
    actor   kabul               AFG                         phoenix:countries/KABUL
    agent   president           GOV                         phoenix:agents/PRESIDENT

``kind`` is ``actor`` (a named person, organisation, country or place) or ``agent`` (a common
noun that gives a sector: "president" -> GOV, "rebels" -> REB, "police" -> COP). ``name`` is
lower-case with single spaces. ``code`` is a CAMEO actor code: a three-letter country (CAMEO's own
spellings mapped to ISO 3166 alpha-3, JAP -> JPN) or an international/non-state prefix (IGO, NGO,
IMG, MNC, ...) followed by sector codes. ``start`` and ``end`` (ISO dates, may be empty) bound
the dates the code is valid for, as Phoenix's ``[USAGOV >090120]``: a dated code applies only to
an article published within them, never to one without a publication date. ``entry`` names the
dictionary entry, shown to users as the value's source.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from chronicle.knowledge.names import lookup_keys, name_key  # noqa: F401
from chronicle.knowledge.names import simple_key as _simple
from chronicle.knowledge.phoenix import PACKAGED_FILE, compile_rows, write_rows

ENV_VAR = "CHRONICLE_ACTORS_FILE"
DEFAULT_FILE = Path("~/.local/share/chronicle/actors.tsv")

# CAMEO country codes that differ from ISO 3166 alpha-3 (CAMEO codebook appendix).
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "GMY": "DEU", "UKG": "GBR",
                "ZAR": "COD", "BUR": "MMR", "TAW": "TWN", "SPN": "ESP", "SWZ": "CHE", "PAL": "PSE",
                "SER": "SRB", "YUG": "SRB", "USR": "RUS", "ANG": "AGO", "TMP": "TLS", "SCG": "SRB",
                "FRY": "SRB"}
# Code prefixes that are not countries: international, non-state and transnational actors.
NON_COUNTRY = {"IGO", "NGO", "IMG", "MNC", "INT", "UIS", "ELI", "REG", "AFR", "ASA", "BLK", "CAS",
               "CAU", "EAF", "EEU", "EIN", "EUR", "LAM", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM",
               "SAS", "SEA", "WAF", "WST", "MID", "CRB", "SCN", "BFR", "WEU", "CFR", "MED", "HIN",
               "BUD", "BAH", "CHR", "MUS", "JEW", "KKL", "MOS", "FRN", "SRP", "KRJ"}
# Prefixes of international and non-state organisation codes.
ORG_PREFIXES = {"IGO", "NGO", "IMG", "MNC", "UIS"}



@dataclass(frozen=True)
class KnownActor:
    name: str
    code: str
    start: str | None = None
    end: str | None = None
    entry: str | None = None  # "phoenix:countries/VLADIMIR_PUTIN": where the code comes from

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    def valid_on(self, day: str | None) -> bool:
        """Whether the code applies to an article of ``day`` (ISO): an undated code always does;
        a dated one only within its dates, and never without a day to judge by."""
        if not self.dated:
            return True
        if not day:
            return False
        day = day[:10]
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)

    @property
    def country(self) -> str | None:
        """ISO 3166 alpha-3 country of the code, None for international/non-state codes."""
        head = self.code[:3]
        if len(head) < 3 or head in NON_COUNTRY:
            return None
        return CAMEO_TO_ISO.get(head, head)

    @property
    def sector(self) -> str | None:
        """The first sector code after the country or organisation prefix ("GOV" of "USAGOV")."""
        rest = self.code[3:]
        return rest[:3] if len(rest) >= 3 else None

    @property
    def usable(self) -> bool:
        """The code names a country or an organisation, not only a sector ("ELI")."""
        return self.country is not None or self.code[:3] in ORG_PREFIXES

    @property
    def is_country(self) -> bool:
        """A bare country code: the entry names the state (a country, capital or city)."""
        return len(self.code) == 3 and self.country is not None


# Loading ----------------------------------------------------------------------------------------

def default_path() -> Path:
    """``$CHRONICLE_ACTORS_FILE`` if set, else ``~/.local/share/chronicle/actors.tsv``."""
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else DEFAULT_FILE.expanduser()


class KnowledgeBase:
    """Name -> known actor codes (with date ranges), agent word -> sector, and name -> the one
    country every code of its entry names (``lasting``), whatever the date."""

    def __init__(self, actors: dict[str, list[KnownActor]], agents: dict[str, str],
                 lasting: dict[str, KnownActor] | None = None):
        self.actors = actors
        self.agents = agents
        self.lasting = lasting or {}
        self.max_agent_words = max((len(a.split()) for a in agents), default=0)

    def __len__(self) -> int:
        return len(self.actors) + len(self.agents)

    def lookup(self, name: str, when: str | None = None) -> KnownActor | None:
        """The entry for a name whose code is valid on ``when`` (ISO date), or None.

        Dated codes valid then come first (the role held then: RUSGOV for Putin in 2023), then
        undated ones (RUSELI, his lasting affiliation); codes naming a country or organisation
        before bare sectors. Without a date, only undated codes apply.
        """
        entries = self.actors.get(name_key(name)) or self.actors.get(_simple(name))
        valid = [e for e in entries or () if e.valid_on(when)]
        if not valid:
            return None
        return max(valid, key=lambda e: (e.usable, e.dated, e.start or "", -len(e.code)))

    def entries(self, name: str) -> list[KnownActor]:
        """Every entry code for a name, at any date."""
        return self.actors.get(name_key(name)) or self.actors.get(_simple(name)) or []

    def lasting_country(self, name: str) -> KnownActor | None:
        """For an entry whose codes all name one country and at least one a sector (a person or
        body of that country, not a place): that country, as an undated entry. Roles change
        with dates; a leader's country does not ("Xi Jinping": CHN, whatever the year)."""
        return self.lasting.get(name_key(name)) or self.lasting.get(_simple(name))

    def agent_sector(self, words: str) -> str | None:
        """The sector of the longest agent phrase in ``words`` ("riot police" -> COP)."""
        tokens = re.findall(r"[a-z0-9.'-]+", words.lower())
        best = None
        for n in range(min(self.max_agent_words, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                code = self.agents.get(" ".join(tokens[i:i + n]))
                if code:
                    best = code
                    break
            if best:
                break
        return best[:3] if best else None


def read(path) -> KnowledgeBase:
    """Read a knowledge-base TSV (the format ``chronicle.knowledge.phoenix`` writes)."""
    actors: dict[str, list[KnownActor]] = {}
    agents: dict[str, str] = {}
    lasting: dict[str, KnownActor] = {}
    current_to = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, entry, codes, names, keys = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
            if kind == "meta":
                current_to = codes if entry == "current_to" else current_to
                continue
            if not codes or not names:
                continue
            if kind == "agent":
                agents.setdefault(names, codes.split(":", 1)[0])
                continue
            name = names.split("|", 1)[0]
            known = []
            for coded in codes.split("|"):
                code, start, end = (coded.split(":") + ["", ""])[:3]
                # An open role ends where the dictionary's knowledge does (its newest date).
                end = end or (current_to if start else "")
                known.append(KnownActor(name, code, start or None, end or None, entry or None))
            countries = {k.country for k in known}
            stable = None
            if len(countries) == 1 and None not in countries and any(k.sector for k in known):
                stable = KnownActor(name, known[0].country, None, None, entry or None)
            for key in keys.split("|"):
                actors.setdefault(key, []).extend(known)
                if stable is not None:
                    lasting.setdefault(key, stable)
    return KnowledgeBase(actors, agents, lasting)


@lru_cache(maxsize=4)
def _load(paths: tuple[tuple[str, float], ...]) -> KnowledgeBase:
    """The knowledge bases at ``paths`` (with their mtimes, so an edit is read again), the
    first one's entries before the next's for the same name."""
    bases = [read(path) for path, _ in paths]
    if len(bases) == 1:
        return bases[0]
    actors: dict[str, list[KnownActor]] = {}
    agents: dict[str, str] = {}
    lasting: dict[str, KnownActor] = {}
    for base in bases:
        for key, entries in base.actors.items():
            actors.setdefault(key, []).extend(e for e in entries if e not in actors[key])
        for word, code in base.agents.items():
            agents.setdefault(word, code)
        for key, entry in base.lasting.items():
            lasting.setdefault(key, entry)
    return KnowledgeBase(actors, agents, lasting)


def load() -> KnowledgeBase:
    """The knowledge base: the user's import (``default_path()``), if any, then the packaged
    Phoenix dictionaries. Read once per process (and again if a file changes)."""
    paths = []
    for path in (default_path(), PACKAGED_FILE):
        try:
            paths.append((str(path), path.stat().st_mtime))
        except OSError:
            continue
    return _load(tuple(paths))


load.cache_clear = _load.cache_clear  # type: ignore[attr-defined]


def lookup(name: str, when: str | None = None) -> KnownActor | None:
    """The knowledge-base entry for a name valid on ``when``, or None."""
    return load().lookup(name, when)


def entries(name: str) -> list[KnownActor]:
    """Every knowledge-base code for a name, at any date."""
    return load().entries(name)


def lasting_country(name: str) -> KnownActor | None:
    """The knowledge base's one country for a name at any date (``KnowledgeBase.lasting_country``)."""
    return load().lasting_country(name)


def agent_sector(words: str) -> str | None:
    """The knowledge base's sector for agent words ("riot police" -> COP), or None."""
    return load().agent_sector(words)


def import_phoenix(directory, out_path=None) -> tuple[Path, dict]:
    """Import (newer or edited) Phoenix dictionaries into the user's knowledge base, which is
    read before the packaged one.

    directory: a folder with Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
        Phoenix.MilNonState.actors.txt and Phoenix.agents.txt (any present are read).
    out_path: where to write; default ``$CHRONICLE_ACTORS_FILE`` or
        ``~/.local/share/chronicle/actors.tsv``.
    RETURNS: (the written path, counts {"actors", "agents", "codes", "files"}).
    """
    out = Path(out_path).expanduser() if out_path else default_path()
    rows, files = compile_rows(directory)
    counts = write_rows(rows, files, out, origin=f"in {Path(directory).name}/")
    load.cache_clear()
    return out, counts
