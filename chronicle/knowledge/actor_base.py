"""An optional actor knowledge base: names -> CAMEO actor codes, imported from the Phoenix dictionaries.

Chronicle's built-in tables (``chronicle/data/people.tsv``, ``countries.tsv``, ``actor_codes.tsv``)
stay the default and are always used first. A larger knowledge base can be imported once from
the Phoenix/PETRARCH actor dictionaries (Open Event Data Alliance, MIT licence)::

    chronicle actors import-phoenix DIR [--into FILE]

It is written to ``$CHRONICLE_ACTORS_FILE`` or ``~/.local/share/chronicle/actors.tsv`` (the
default ``--into``) and read from there when present; nothing in the package needs it.

File format (TSV, one row per name and code; ``#`` lines are comments)::

    kind    name                code      start       end
    actor   barack obama        USAGOV    2009-01-20
    actor   kabul               AFG
    actor   hezbollah           LBNREB
    actor   united nations      IGOUNO
    agent   president           GOV

``kind`` is ``actor`` (a named person, organisation, country or place) or ``agent`` (a common
noun that gives a sector: "president" -> GOV, "rebels" -> REB, "police" -> COP). ``name`` is
lower-case with single spaces. ``code`` is a CAMEO actor code: a three-letter country (ISO 3166
alpha-3 as Phoenix writes it; CAMEO's own spellings are mapped, JAP -> JPN) or an
international/non-state prefix (IGO, NGO, IMG, MNC, ...) followed by sector codes. ``start`` and
``end`` (ISO dates, may be empty) restrict a role in time, as Phoenix's ``[USAGOV >090120]``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from chronicle.knowledge.names import name_key

ENV_VAR = "CHRONICLE_ACTORS_FILE"
DEFAULT_FILE = Path("~/.local/share/chronicle/actors.tsv")

PHOENIX_ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                       "Phoenix.MilNonState.actors.txt")
PHOENIX_AGENT_FILE = "Phoenix.agents.txt"

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

_CODE = re.compile(r"\[([^\]]*)\]")
_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")


@dataclass(frozen=True)
class KnownActor:
    name: str
    code: str
    start: str | None = None
    end: str | None = None

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


# Import -------------------------------------------------------------------------------------------

def _phoenix_date(text: str) -> str | None:
    """YYMMDD or YYYYMMDD -> ISO date; two-digit years pivot at 30 (PETRARCH's convention)."""
    digits = text.strip()
    if len(digits) == 6 and digits.isdigit():
        year = int(digits[:2])
        year += 2000 if year < 30 else 1900
        month, day = digits[2:4], digits[4:6]
    elif len(digits) == 8 and digits.isdigit():
        year, month, day = int(digits[:4]), digits[4:6], digits[6:8]
    else:
        return None
    try:
        return date(year, int(month), int(day)).isoformat()
    except ValueError:
        return None


def _parse_code(inside: str) -> tuple[str, str | None, str | None] | None:
    """"USAGOV >090120" -> ("USAGOV", "2009-01-20", None); None for a malformed code."""
    parts = inside.split(None, 1)
    if not parts:
        return None
    code = parts[0].lstrip("~").upper()
    if not re.fullmatch(r"[A-Z]{3,15}", code):
        return None
    start = end = None
    if len(parts) > 1:
        restriction = parts[1].replace(" ", "")
        if restriction.startswith(">"):
            start = _phoenix_date(restriction[1:])
        elif restriction.startswith("<"):
            end = _phoenix_date(restriction[1:])
        elif "-" in restriction:
            a, b = restriction.split("-", 1)
            start, end = _phoenix_date(a), _phoenix_date(b)
    return code, start, end


def _phrase(text: str) -> str:
    """A Phoenix phrase ("BARACK_OBAMA_", "+U.N._") -> "barack obama", "u.n."."""
    text = text.strip().lstrip("+").replace("_", " ")
    return " ".join(text.split()).lower()


def _read_blocks(path: Path):
    """(names, codes) per entry of a Phoenix actor file; codes as (code, start, end)."""
    names: list[str] = []
    codes: list[tuple] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        found = [c for c in (_parse_code(m) for m in _CODE.findall(line)) if c]
        text = _CODE.sub(" ", line)
        if raw[:1].isspace() and not text.strip():  # "\t[USAGOV >090120]": a code of this entry
            codes += found
            continue
        if line.lstrip().startswith("+"):
            if _phrase(text):
                names.append(_phrase(text))
            codes += found
            continue
        if names:
            yield names, codes
        names, codes = ([_phrase(text)] if _phrase(text) else []), found
    if names:
        yield names, codes


def _plural(word: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def _read_agents(path: Path):
    """(name, sector code) pairs of Phoenix.agents.txt, substitution sets and plurals expanded."""
    substitutions: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        sub = _SUBST.match(line)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        codes = [c for c in (_parse_code(m) for m in _CODE.findall(line)) if c]
        if not codes:
            continue
        plurals = re.search(r"\{([^}]*)\}", line)
        text = re.sub(r"\{[^}]*\}", " ", _CODE.sub(" ", line))
        forms = [text]
        for key, words in substitutions.items():
            mark = f"!{key}!"
            if any(mark in f for f in forms):
                forms = list(dict.fromkeys(f.replace(mark, w) for f in forms for w in words))
        names = []
        for form in forms:
            phrase = _phrase(form)
            if not phrase or "!" in phrase:
                continue
            names.append(phrase)
            if plurals is None:
                names.append(_plural(phrase))
        if plurals is not None:
            names += [_phrase(p) for p in plurals.group(1).split(",") if _phrase(p)]
        for name in dict.fromkeys(names):
            yield name, codes[0][0]


def import_phoenix(directory, out_path=None) -> tuple[Path, dict]:
    """Import the Phoenix actor and agent dictionaries of ``directory`` into a knowledge-base TSV.

    directory: a folder with Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
        Phoenix.MilNonState.actors.txt and Phoenix.agents.txt (any present are read).
    out_path: where to write; default ``$CHRONICLE_ACTORS_FILE`` or
        ``~/.local/share/chronicle/actors.tsv``.
    RETURNS: (the written path, counts {"actors", "agents", "codes", "files"}).
    """
    directory = Path(directory).expanduser()
    out = Path(out_path).expanduser() if out_path else default_path()
    rows: list[tuple[str, str, str, str, str]] = []
    files = []
    for filename in PHOENIX_ACTOR_FILES:
        path = directory / filename
        if not path.exists():
            continue
        files.append(filename)
        for names, codes in _read_blocks(path):
            for name in dict.fromkeys(names):
                for code, start, end in dict.fromkeys(codes):
                    rows.append(("actor", name, code, start or "", end or ""))
    path = directory / PHOENIX_AGENT_FILE
    if path.exists():
        files.append(PHOENIX_AGENT_FILE)
        rows += [("agent", name, code, "", "") for name, code in _read_agents(path)]
    if not files:
        raise FileNotFoundError(f"no Phoenix dictionaries in {directory}")
    rows = list(dict.fromkeys(rows))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(f"# Chronicle actor knowledge base, imported from the Phoenix dictionaries "
                f"({', '.join(files)}; Open Event Data Alliance, MIT licence)\n")
        f.write("# kind\tname\tcode\tstart\tend\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    os.replace(tmp, out)
    load.cache_clear()
    counts = {"actors": sum(1 for r in rows if r[0] == "actor"),
              "agents": sum(1 for r in rows if r[0] == "agent"),
              "codes": len({r[2] for r in rows}), "files": len(files)}
    return out, counts


# Loading ----------------------------------------------------------------------------------------

def default_path() -> Path:
    """``$CHRONICLE_ACTORS_FILE`` if set, else ``~/.local/share/chronicle/actors.tsv``."""
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else DEFAULT_FILE.expanduser()


class KnowledgeBase:
    """Name -> known actor codes (with date ranges), and agent word -> sector."""

    def __init__(self, actors: dict[str, list[KnownActor]], agents: dict[str, str]):
        self.actors = actors
        self.agents = agents
        self.max_agent_words = max((len(a.split()) for a in agents), default=0)

    def __len__(self) -> int:
        return len(self.actors) + len(self.agents)

    def lookup(self, name: str, when: str | None = None) -> KnownActor | None:
        """The entry for a name, the role valid on ``when`` (ISO date) if given.

        Without a date the current role is preferred (open-ended, else the latest); a role
        without dates is a fallback for both.
        """
        entries = self.actors.get(name_key(name)) or self.actors.get(_simple(name))
        if not entries:
            return None
        day = (when or "")[:10]

        def rank(e: KnownActor):
            if day:
                inside = (not e.start or e.start <= day) and (not e.end or day <= e.end)
                dated = bool(e.start or e.end)
                return (e.usable, inside and dated, inside, e.end or "9999", e.start or "")
            return (e.usable, not e.end and bool(e.start), not e.end, e.end or "9999", e.start or "")

        return max(entries, key=rank)

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


def _simple(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9.'-]+", name.lower()))


def read(path) -> KnowledgeBase:
    """Read a knowledge-base TSV (the ``import_phoenix`` format)."""
    actors: dict[str, list[KnownActor]] = {}
    agents: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            row = line.rstrip("\n").split("\t") + [""] * 4
            kind, name, code, start, end = row[:5]
            if not name or not code:
                continue
            if kind == "agent":
                agents.setdefault(name, code)
                continue
            entry = KnownActor(name, code, start or None, end or None)
            for key in {name_key(name), _simple(name)}:
                if key and entry not in actors.setdefault(key, []):
                    actors[key].append(entry)
    return KnowledgeBase(actors, agents)


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> KnowledgeBase:
    return read(path)


def load() -> KnowledgeBase | None:
    """The user's knowledge base (``default_path()``), or None when there is none."""
    path = default_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    return _load(str(path), mtime)


load.cache_clear = _load.cache_clear  # type: ignore[attr-defined]


def lookup(name: str, when: str | None = None) -> KnownActor | None:
    """The knowledge-base entry for a name, or None (also when there is no knowledge base)."""
    kb = load()
    return kb.lookup(name, when) if kb is not None else None


def agent_sector(words: str) -> str | None:
    """The knowledge base's sector for agent words ("riot police" -> COP), or None."""
    kb = load()
    return kb.agent_sector(words) if kb is not None else None
