"""Name keys that make spellings and transliterations of one name compare equal.

rapidfuzz alone scores "Podoljak"/"Podolyak" at 87.5, the same as unrelated short names; folding
the usual transliteration variants first (j/y/i, kh/h, ei/ey, doubled letters) makes those equal
and leaves fuzzy matching for typos only.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

_FOLDS = [
    ("kh", "h"), ("zh", "j"), ("ph", "f"), ("ck", "k"), ("w", "v"), ("q", "k"),
    ("j", "i"), ("y", "i"), ("ie", "i"), ("ii", "i"), ("ei", "i"), ("ai", "ai"),
]
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "president", "minister", "the"}


# Bounded: the same names come back many times within an article and across a corpus (actors
# are compared pairwise), but a long ingest sees ever new ones. ~8,000 short strings: ~2 MB.
@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """Fold a name to a key shared by its common spellings ("Sergey" and "Sergei")."""
    words = re.findall(r"[a-z0-9]+", unidecode(name).lower())
    words = [w for w in words if w not in _HONORIFICS] or words
    key = " ".join(words)
    key = re.sub(r"(.)\1+", r"\1", key)
    for old, new in _FOLDS:
        key = key.replace(old, new)
    return key


def same_name(a: str, b: str, threshold: float = 92.0) -> bool:
    """True when two names are spellings of one name."""
    ka, kb = name_key(a), name_key(b)
    return ka == kb or (min(len(ka), len(kb)) >= 5 and fuzz.ratio(ka, kb) >= threshold)


def party_name_key(name: str) -> str:
    """``name_key`` with runs of single letters joined: "U.N." and "UN" are one key ("un"),
    as are "U.S." and "US"."""
    return re.sub(r"\b(?:[a-z0-9] )+[a-z0-9]\b", lambda m: m.group(0).replace(" ", ""), name_key(name))


def simple_key(name: str) -> str:
    """A name's plain lower-case words, punctuation inside words kept ("u.s.", "o'neill")."""
    return " ".join(re.findall(r"[a-z0-9.'-]+", name.lower()))


def lookup_keys(name: str) -> tuple[str, ...]:
    """The keys a name is found by in the knowledge base: its folded ``name_key`` and its
    ``simple_key``."""
    return tuple(k for k in dict.fromkeys((name_key(name), simple_key(name))) if k)
