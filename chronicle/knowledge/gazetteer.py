"""Lookup tables shipped as data files in ``chronicle/data`` (countries, organisations, non-actors).

The tables are plain TSV so that users can extend them without touching code.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str


def data_rows(filename: str):
    """The rows of a TSV table of ``chronicle/data`` (``#`` lines and blank lines skipped)."""
    text = resources.files("chronicle.data").joinpath(filename).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _norm(text: str) -> str:
    text = " ".join(text.split()).lower()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=None)
def _countries():
    names, demonyms, seats = {}, {}, {}
    for row in data_rows("countries.tsv"):
        row += [""] * (4 - len(row))
        iso3, country_names, country_demonyms, country_seats = row[:4]
        country = Country(iso3, country_names.split("|")[0])
        for n in country_names.split("|"):
            names[_norm(n)] = country
        for d in filter(None, country_demonyms.split("|")):
            demonyms[_norm(d)] = country
        for s in filter(None, country_seats.split("|")):
            seats[_norm(s)] = country
    return names, demonyms, seats


def country_by_name(text: str) -> Country | None:
    """The country a name, capital or government seat ("the Kremlin") stands for."""
    names, _, seats = _countries()
    key = _norm(text)
    return names.get(key) or seats.get(key)


def country_by_demonym(text: str) -> Country | None:
    """The country of a demonym ("Russian", "Ukrainians")."""
    return _countries()[1].get(_norm(text))


def is_country_name(text: str) -> bool:
    return _norm(text) in _countries()[0]


@lru_cache(maxsize=None)
def _organization_names() -> frozenset[str]:
    names = set()
    for row in data_rows("actor_codes.tsv"):
        if row[0] == "org" and len(row) > 2:
            names.update(n.strip() for n in row[2].split("|") if n.strip())
    return frozenset(names)


def is_known_organization(name: str) -> bool:
    """Whether ``name`` is an organisation in ``actor_codes.tsv`` (case as written: "Hamas", "UN")."""
    return name in _organization_names()


@lru_cache(maxsize=None)
def _not_actors() -> dict[str, str]:
    return {_norm(name): kind for kind, name in data_rows("not_actors.txt")}


def non_actor_kind(text: str) -> str | None:
    """"platform" or "region" for names that NER takes for actors but are not."""
    return _not_actors().get(_norm(text))
