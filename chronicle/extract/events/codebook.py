"""The codebook: the event lexicon (``chronicle/data/event_verbs.tsv``), the CAMEO -> PLOVER table
(``chronicle/data/cameo.tsv``), the codes of an embedded action (intent, request, threat) and the
CAMEO/PLOVER coding convention (``convention_code``)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from chronicle.records import Event


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


# Embedding ---------------------------------------------------------------------------------

# Families of codes that embed the action they are about.
INTENT, REQUEST, THREAT = "03", "10", "13"
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
