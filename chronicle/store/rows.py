"""One record, flattened: the tables and columns Chronicle keeps, and the rows of one article.

Written once for everyone who flattens records: both stores (``chronicle.store.base``, through
``add``) and the Spark job, whose Parquet tables have these tables and columns (plus its
``published_month`` partition column).

    rows = article_rows(article)       # {"articles": [row], "actors": [...], ..., "positions": [...]}
    dict(zip(COLUMNS["quotes"], rows["quotes"][0]))

* ``TABLES``: the tables, parent first.
* ``KINDS[table]``: each column, in row order, with its kind: "string", "long", "double" or
  "json" (a list or an object: ``text`` in SQLite, ``jsonb`` in PostgreSQL, a JSON string in
  Parquet). ``COLUMNS`` (the names) and ``JSON_COLUMNS`` are derived from it.
* Row builders give tuples in the order of ``COLUMNS[table]``, JSON columns as Python values;
  ``json_text`` turns them into JSON text (as SQLite and Parquet hold them).

Each row carries the evidence text cut out of the article (``text[start:end]``) next to its span;
the full record is the ``articles.record`` column. A new column needs a migration in both stores
(``chronicle.store.sqlite.MIGRATIONS``, ``chronicle.store.postgres.MIGRATIONS``) and an entry here.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Optional

from chronicle.knowledge.names import name_key, party_name_key
from chronicle.records import Article

__all__ = ["TABLES", "KINDS", "COLUMNS", "JSON_COLUMNS", "RECORD_LISTS", "article_rows", "article_row",
           "child_rows", "json_text"]

S, L, D, J = "string", "long", "double", "json"

# The tables, parent first, and their columns in the order rows give them, with their kinds.
KINDS: dict[str, dict[str, str]] = {
    "articles": {"id": S, "source": S, "title": S, "published": S, "text": S, "record": J, "added_at": S},
    "actors": {"article_id": S, "actor_id": S, "seq": L, "name": S, "key": S, "type": S, "country": S,
               "roles": J, "aliases": J, "mentions": L, "code": S, "basis": J, "party": S},
    "actor_names": {"article_id": S, "actor_id": S, "name": S, "key": S, "party": S},
    "actor_words": {"article_id": S, "actor_id": S, "word": S, "last": L, "type": S, "party": S},
    "quotes": {"article_id": S, "quote_id": S, "seq": L, "speaker": S, "speaker_name": S, "speaker_text": S,
               "cue": S, "cue_text": S, "kind": S, "medium": S, "medium_text": S, "content": S, "date": S,
               "time": S, "content_start": L, "content_end": L, "speaker_start": L, "speaker_end": L,
               "cue_start": L, "cue_end": L, "medium_start": L, "medium_end": L, "sentence_start": L,
               "sentence_end": L},
    "times": {"article_id": S, "time_id": S, "seq": L, "text": S, "type": S, "value": S, "anchor": S,
              "reason": S, "span_start": L, "span_end": L},
    "events": {"article_id": S, "event_id": S, "seq": L, "text": S, "source": J, "target": J, "cameo": S,
               "plover": S, "mode": S, "context": S, "status": S, "date": S, "span_start": L, "span_end": L,
               "sentence_start": L, "sentence_end": L},
    "positions": {"article_id": S, "position_id": S, "seq": L, "holder": J, "holder_name": S, "issue": S,
                  "stance": S, "conditions": J, "text": S, "evidence": J, "date": S, "confidence": D,
                  "source": S, "quote_id": S, "event_id": S, "span_start": L, "span_end": L},
}
TABLES: tuple[str, ...] = tuple(KINDS)
COLUMNS: dict[str, tuple[str, ...]] = {table: tuple(kinds) for table, kinds in KINDS.items()}
JSON_COLUMNS: dict[str, frozenset[str]] = {
    table: frozenset(column for column, kind in kinds.items() if kind == J) for table, kinds in KINDS.items()
}
# The record list each child table mirrors one row per item of (actor_names has one per name,
# actor_words one per word of a name).
RECORD_LISTS = {"actors": "actors", "quotes": "quotes", "times": "times", "events": "events",
                "positions": "positions"}


def article_rows(article: Article) -> dict[str, list[tuple]]:
    """Every row of one article, by table (in ``TABLES`` order; JSON columns as Python values)."""
    return {"articles": [article_row(article, article.to_dict())], **child_rows(article)}


def article_row(article: Article, record: dict) -> tuple:
    """The ``articles`` row: ``record`` is ``article.to_dict()``; added_at is now (UTC)."""
    return (article.id, article.source, article.title, article.published, article.text, record,
            datetime.now(timezone.utc).isoformat(timespec="seconds"))


def child_rows(article: Article, parties: Optional[dict[str, str]] = None) -> dict[str, list[tuple]]:
    """The rows of every table but ``articles``, by table. ``parties`` (actor id -> party) are
    the store's cross-article identities; by default each actor's own ``party_of``."""
    actors, names, words = actor_rows(article, parties or {})
    return {"actors": actors, "actor_names": names, "actor_words": words, "quotes": quote_rows(article),
            "times": time_rows(article), "events": event_rows(article),
            "positions": position_rows(article)}


def party_of(actor) -> str:
    """An actor's identity across articles: its knowledge-base entry when one gave it a value
    ("phoenix:countries/RECEP_TAYYIP_ERDOGAN": "Erdogan" and "Recep Tayyip Erdogan" alike), a
    country's code ("country:RUS": "Russia", "Moscow", "the Kremlin"), else its type and folded
    full name ("person:joe biden"; initials run together, so "U.N." is "UN")."""
    if actor.entry:
        return actor.entry
    if actor.type == "country" and actor.country:
        return f"country:{actor.country}"
    return f"{actor.type}:{party_name_key(actor.name)}"


def actor_rows(article: Article, parties: dict[str, str]) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Rows of ``actors``, ``actor_names`` (the canonical name and each alias, once) and
    ``actor_words`` (each word of those names, ``last`` = 1 for the last of a person's full name)."""
    actor_rows, name_rows, word_rows = [], [], []
    for seq, actor in enumerate(article.actors):
        party = parties.get(actor.id) or party_of(actor)
        basis = {name: {k: v for k, v in asdict(b).items() if v is not None} for name, b in actor.basis.items()}
        actor_rows.append((
            article.id, actor.id, seq, actor.name, name_key(actor.name), actor.type,
            actor.country, list(actor.roles), list(actor.aliases), len(actor.mentions),
            actor.code, json.loads(json.dumps(basis)), party,
        ))
        words = {}
        for name in dict.fromkeys([actor.name, *actor.aliases]):  # unique, in order
            key = name_key(name)
            name_rows.append((article.id, actor.id, name, key, party))
            parts = key.split()
            for i, word in enumerate(parts):
                last = int(actor.type == "person" and len(parts) > 1 and i == len(parts) - 1)
                words[word] = max(words.get(word, 0), last)
            for word in party_name_key(name).split():  # "U.N." is found as "UN" too
                words.setdefault(word, 0)
        word_rows += [(article.id, actor.id, word, last, actor.type, party) for word, last in words.items()]
    return actor_rows, name_rows, word_rows


def quote_rows(article: Article) -> list[tuple]:
    text = article.text
    names = {actor.id: actor.name for actor in article.actors}
    return [
        (article.id, q.id, seq, q.speaker, names.get(q.speaker), _cut(text, q.speaker_span),
         q.cue, _cut(text, q.cue_span), q.kind, q.medium, _cut(text, q.medium_span),
         q.content_text(text), q.date, q.time, *_ends(q.content_span),
         *_ends(q.speaker_span), *_ends(q.cue_span), *_ends(q.medium_span),
         *_ends(q.sentence_span))
        for seq, q in enumerate(article.quotes)
    ]


def time_rows(article: Article) -> list[tuple]:
    return [
        (article.id, t.id, seq, _cut(article.text, t.span), t.type, t.value, t.anchor, t.reason,
         *_ends(t.span))
        for seq, t in enumerate(article.times)
    ]


def event_rows(article: Article) -> list[tuple]:
    return [
        (article.id, e.id, seq, _cut(article.text, e.span), list(e.source), list(e.target),
         e.cameo, e.plover, e.mode, e.context, e.status, e.date, *_ends(e.span),
         *_ends(e.sentence_span))
        for seq, e in enumerate(article.events)
    ]


def position_rows(article: Article) -> list[tuple]:
    actors = {a.id: a for a in article.actors}
    rows = []
    for seq, p in enumerate(article.positions):
        holders = [actors[i] for i in p.holder if i in actors]
        named = [a for a in holders if a.type != "country"] or holders
        holder_name = named[0].name if named else _cut(article.text, p.holder_span)
        evidence = [{"span": list(s), "text": _cut(article.text, s)} for s in p.evidence_spans]
        rows.append((
            article.id, p.id, seq, list(p.holder), holder_name, p.issue, p.stance,
            [_cut(article.text, c) for c in p.conditions], _cut(article.text, p.span),
            evidence, p.date, p.confidence, p.source, p.quote, p.event, *_ends(p.span),
        ))
    return rows


def json_text(table: str, row: tuple) -> tuple:
    """``row`` with its JSON columns as JSON text (UTF-8 as is, not \\u-escaped)."""
    json_columns = JSON_COLUMNS[table]
    return tuple(
        json.dumps(value, ensure_ascii=False) if column in json_columns else value
        for column, value in zip(COLUMNS[table], row)
    )


def _cut(text: str, span) -> Optional[str]:
    return None if span is None else text[span[0]:span[1]]


def _ends(span) -> tuple[Optional[int], Optional[int]]:
    return (None, None) if span is None else (int(span[0]), int(span[1]))


def chosen_basis(chosen: dict, types: list, countries: list, codes: list, bases: list) -> dict:
    """The basis of each chosen value across a party's rows: the text's where any article states
    it, else the first row's (a knowledge entry or a rule), so "(known)" is never shown for a
    value some article states."""
    found = {}
    for field, values in (("type", types), ("country", countries), ("code", codes)):
        if chosen[field] is None:
            continue
        candidates = [(b or {}).get(field) for value, b in zip(values, bases) if value == chosen[field]]
        candidates = [c for c in candidates if c]
        if candidates:
            found[field] = next((c for c in candidates if c.get("source") == "text"), candidates[0])
    return found


def most_common(values: list[str]) -> str:
    """The most frequent value; ties go to the first in sorted order."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))
