"""Reads the HTTP API needs beyond the Store's own queries: article search and actor timelines.

Every value reaches SQLite as a query parameter; no user text is pasted into SQL.
"""
from __future__ import annotations

import re
from typing import Optional
from urllib.parse import quote as url_quote

from chronicle.knowledge.names import name_key
from chronicle.store.base import BaseStore as Store

_WORD = re.compile(r"[^\W_]+")

_ARTICLE_COLUMNS = """
    a.id, a.source, a.title, a.published, a.added_at,
    (SELECT count(*) FROM actors WHERE article_id = a.id) AS actors,
    (SELECT count(*) FROM quotes WHERE article_id = a.id) AS quotes,
    (SELECT count(*) FROM times WHERE article_id = a.id) AS times,
    (SELECT count(*) FROM events WHERE article_id = a.id) AS events
"""


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_articles(store: Store, q: Optional[str] = None, *, actor: Optional[str] = None,
                    limit: int = 20, offset: int = 0) -> list[dict]:
    """Articles whose title or text has every word of ``q`` (any order), best match first, and
    in which an actor named ``actor`` appears.

    q: with FTS5, each word becomes one quoted FTS5 term, so operators in the query (AND, NEAR,
        *, ^, column filters) have no effect; without FTS5, each word is a case-insensitive
        substring match. A ``q`` with no word in it filters nothing.
    actor: any name or alias, folded by ``name_key`` as the Store folds them ("Podolyak" finds
        "Podoljak"), or a whole word of one.
    Without either, this is ``Store.articles``: oldest publication first. Rows are
    ``Store.articles`` rows plus ``snippet``: a short piece of text around the first word of
    ``q`` found (None without ``q``).
    """
    if limit < 0 or offset < 0:
        raise ValueError(f"limit and offset must be >= 0, not {limit} and {offset}")
    words = _WORD.findall(q or "")
    if not words and actor is None:
        rows = store.articles(limit=limit, offset=offset)
        for row in rows:
            row["snippet"] = None
        return rows
    postgres = getattr(store, "P", "?") == "%s"  # PostgresStore: its own full text and placeholders
    source, where, params = "articles AS a", [], []
    order = "a.published IS NULL, a.published, a.added_at, a.id"
    if words and postgres:
        # The expression of the GIN index on articles, so the index serves the search.
        document = "to_tsvector('simple', coalesce(a.title, '') || ' ' || a.text)"
        where.append(f"{document} @@ plainto_tsquery('simple', ?)")
        params.append(" ".join(words))
        order = f"ts_rank({document}, plainto_tsquery('simple', ?)) DESC, a.id"
        params_order = [" ".join(words)]
    elif words and store.fts:
        source = "articles_fts AS f JOIN articles AS a ON a.id = f.article_id"
        where.append("articles_fts MATCH ?")
        params.append(" ".join('"' + word + '"' for word in words))  # words hold no quotes
        order = "f.rank, a.id"
    elif words:
        for word in words:
            where.append("(a.text LIKE ? ESCAPE '\\' OR coalesce(a.title, '') LIKE ? ESCAPE '\\')")
            params += ["%" + _like_escape(word) + "%"] * 2
    if actor is not None:
        key = name_key(actor)
        if not key:
            return []
        where.append(
            "a.id IN (SELECT n.article_id FROM actor_names AS n"
            " WHERE n.key = ? OR ' ' || n.key || ' ' LIKE ? ESCAPE '\\')"
        )
        params += [key, "% " + _like_escape(key) + " %"]
    sql = (f"SELECT {_ARTICLE_COLUMNS}, a.text FROM {source} WHERE {' AND '.join(where)}"
           f" ORDER BY {order} LIMIT ? OFFSET ?")
    values = (*params, *(params_order if words and postgres else ()), limit, offset)
    if postgres:
        # Placeholders are ours alone (user text only ever travels as a parameter).
        rows = store._rows(sql.replace("%", "%%").replace("?", "%s"), values)
    else:
        rows = store.conn.execute(sql, values).fetchall()
    results = []
    for row in rows:
        result = dict(row)
        text = result.pop("text")
        result["snippet"] = snippet(text, words) if words else None
        results.append(result)
    return results


def snippet(text: str, words: list[str], width: int = 90) -> str:
    """About ``2 * width`` characters of ``text`` around the first of ``words`` found in it."""
    lowered = text.lower()
    hits = [i for i in (lowered.find(w.lower()) for w in words) if i >= 0]
    at = min(hits) if hits else 0
    start, end = max(at - width, 0), min(at + width, len(text))
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def quote_links(row: dict) -> dict:
    """Where a quote row of ``Store.quotes`` is shown: its page and its words in the article."""
    aid, qid = url_quote(row["article_id"], safe=""), url_quote(row["quote_id"], safe="")
    return {"page": f"/quotes/{aid}/{qid}", "evidence": f"/articles/{aid}#{qid}",
            "api": f"/api/articles/{aid}"}


def event_links(evidence: dict) -> dict:
    """Where one piece of evidence of a ``Store.events`` row is shown."""
    aid, eid = url_quote(evidence["article_id"], safe=""), url_quote(evidence["event_id"], safe="")
    return {"page": f"/events/{aid}/{eid}", "evidence": f"/articles/{aid}#{eid}",
            "api": f"/api/articles/{aid}"}


def actor_timeline(store: Store, name: str) -> Optional[dict]:
    """The quotes and events of one actor (any name, alias or spelling), grouped by day.

    RETURNS (dict | None): ``{"actor": <Store.actors row>, "days": [{"date", "quotes",
    "events"}]}``, days in date order and undated last (``date`` None); None when no actor
    matches ``name``. Events are those the actor did or that were done to it; every quote and
    event carries ``links`` to its page and its evidence in the article.
    """
    found = store.actors(name=name, limit=1)
    if not found:
        return None
    actor = found[0]
    quotes = store.quotes(speaker=name, limit=None)
    events = {}
    for role in ("actor", "target"):
        for event in store.events(**{role: name}, limit=None):
            key = tuple((e["article_id"], e["event_id"]) for e in event["evidence"])
            events.setdefault(key, event)
    days: dict[Optional[str], dict] = {}

    def day(value: Optional[str]) -> dict:
        value = value[:10] if value else None
        return days.setdefault(value, {"date": value, "quotes": [], "events": []})

    for row in quotes:
        row["links"] = quote_links(row)
        day(row["date"])["quotes"].append(row)
    for event in events.values():
        for evidence in event["evidence"]:
            evidence["links"] = event_links(evidence)
        day(event["date"])["events"].append(event)
    ordered = sorted(days.values(), key=lambda d: (d["date"] is None, d["date"] or ""))
    return {"actor": actor, "days": ordered}
