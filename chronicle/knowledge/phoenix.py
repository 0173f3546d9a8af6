"""Compile the Phoenix/PETRARCH2 actor and agent dictionaries into Chronicle's knowledge base.

The dictionaries (Open Event Data Alliance, MIT licence) list ~18k country actors (leaders,
ministries, cities) with their ``+`` synonyms, ~7.8k international and ~1k non-state actors, each
with CAMEO codes that may be restricted in time (``[RUSGOV >080508]``: from 8 May 2008), and 2,244
agent nouns ("minister" -> GOV, "rebels" -> REB). PETRARCH2 reads them at run time with its own
parser; Chronicle compiles them once into a flat TSV in the package
(``chronicle/data/phoenix_actors.tsv``, licence in ``chronicle/data/phoenix_LICENSE.txt``), so the
package needs no ``../shared`` and loads them quickly::

    python -m chronicle.knowledge.phoenix ../shared/gold/events/phoenix_dictionaries

``chronicle actors import-phoenix DIR`` compiles a user's own (newer, edited) copy into their
knowledge base, read before the packaged one.
"""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from chronicle.knowledge.names import lookup_keys

PACKAGED_FILE = Path(__file__).resolve().parents[1] / "data" / "phoenix_actors.tsv"
PHOENIX_ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                       "Phoenix.MilNonState.actors.txt")
PHOENIX_AGENT_FILE = "Phoenix.agents.txt"
TABLE_NAMES = {"Phoenix.Countries.actors.txt": "countries", "Phoenix.International.actors.txt": "international",
               "Phoenix.MilNonState.actors.txt": "milnonstate"}

_CODE = re.compile(r"\[([^\]]*)\]")
_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")


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
    """(names, codes) per entry of a Phoenix actor file; codes as (code, start, end). The first
    name is the entry's own phrase, the others its ``+`` synonyms."""
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


def compile_rows(directory) -> tuple[list[tuple[str, ...]], list[str]]:
    """The knowledge-base rows of the Phoenix dictionaries in ``directory``, and the files read.

    A row is ``(kind, entry, codes, names, keys)``, one per entry: its codes as
    ``CODE:start:end`` (ISO dates, empty when open), its names and their lookup keys
    (``name_key`` and the plain lower-case form, computed here so loading does no folding), each
    ``|``-separated. ``entry`` names the dictionary entry
    as ``phoenix:<table>/<PHRASE>``, the phrase as the dictionary writes it (e.g.
    ``phoenix:countries/VLADIMIR_PUTIN``), so a user can find it in the source file.
    """
    directory = Path(directory).expanduser()
    rows: list[tuple[str, ...]] = []
    files = []
    for filename in PHOENIX_ACTOR_FILES:
        path = directory / filename
        if not path.exists():
            continue
        files.append(filename)
        table = TABLE_NAMES[filename]
        for names, codes in _read_blocks(path):
            names = list(dict.fromkeys(names))
            entry = f"phoenix:{table}/{names[0].upper().replace(' ', '_')}"
            coded = "|".join(f"{code}:{start or ''}:{end or ''}" for code, start, end in dict.fromkeys(codes))
            if coded:
                rows.append(("actor", entry, coded, "|".join(names), _keys(names)))
    path = directory / PHOENIX_AGENT_FILE
    if path.exists():
        files.append(PHOENIX_AGENT_FILE)
        rows += [("agent", f"phoenix:agents/{name.upper().replace(' ', '_')}", f"{code}::", name, name)
                 for name, code in _read_agents(path)]
    if not files:
        raise FileNotFoundError(f"no Phoenix dictionaries in {directory}")
    rows = list(dict.fromkeys(rows))
    # The newest date the dictionaries state: a role they leave open ("[USAGOV >090120]") is
    # known only until then (Obama's did not last past 2017, and nothing here says so).
    dates = [d for r in rows for coded in r[2].split("|") for d in coded.split(":")[1:] if d]
    if dates:
        rows.insert(0, ("meta", "current_to", max(dates), "", ""))
    return rows, files


def _keys(names: list[str]) -> str:
    return "|".join(dict.fromkeys(k for name in names for k in lookup_keys(name)))


def write_rows(rows, files: list[str], out: Path, *, origin: str) -> dict:
    """Write knowledge-base rows to ``out`` (atomically); RETURNS the counts."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(f"# Chronicle actor knowledge base, compiled from the Phoenix dictionaries {origin}\n"
                f"# ({', '.join(files)}; Copyright (c) 2014 Open Event Data Alliance, MIT licence:\n"
                f"# see phoenix_LICENSE.txt beside the packaged copy). Regenerate with\n"
                f"#   python -m chronicle.knowledge.phoenix DIR\n")
        f.write("# kind\tentry\tcodes (CODE:start:end|...)\tnames\tkeys\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    os.replace(tmp, out)
    current_to = next((r[2] for r in rows if r[0] == "meta" and r[1] == "current_to"), "")
    return {"current_to": current_to, "actors": sum(r[3].count("|") + 1 for r in rows if r[0] == "actor"),
            "entries": sum(1 for r in rows if r[0] == "actor"),
            "agents": sum(1 for r in rows if r[0] == "agent"),
            "codes": len({c.split(":")[0] for r in rows if r[0] != "meta" for c in r[2].split("|")}), "files": len(files)}


def main(argv=None) -> int:
    """Compile the dictionaries of DIR into the package's data (``chronicle/data/``), with the
    licence beside them: ``python -m chronicle.knowledge.phoenix ../shared/gold/events/phoenix_dictionaries``."""
    import argparse
    import shutil
    import sys

    parser = argparse.ArgumentParser(description=main.__doc__.split(":")[0])
    parser.add_argument("directory", type=Path)
    args = parser.parse_args(argv)
    licence = args.directory / "LICENSE"
    if not licence.exists():
        print(f"{licence} is missing: the compiled data must carry the dictionaries' licence", file=sys.stderr)
        return 2
    rows, files = compile_rows(args.directory)
    counts = write_rows(rows, files, PACKAGED_FILE, origin="of openeventdata/petrarch2")
    shutil.copyfile(licence, PACKAGED_FILE.parent / "phoenix_LICENSE.txt")
    print(f"{PACKAGED_FILE}: {counts['actors']:,} actor names of {counts['entries']:,} entries, "
          f"{counts['agents']:,} agent words, open roles known until {counts['current_to']}, "
          f"{counts['codes']:,} codes from {counts['files']} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
