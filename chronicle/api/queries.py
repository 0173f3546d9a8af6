"""Store answers shaped for the HTTP API and the pages: links to records, actor timelines by day.

Pure functions of rows the store returned (``Store.quotes``, ``Store.events``, ``Store.actors``);
every query, and all SQL, is the store's (``chronicle.store``).
"""
from __future__ import annotations

from typing import Optional
from urllib.parse import quote as url_quote


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


def actor_timeline(actor: dict, quotes: list[dict], events: list[dict]) -> dict:
    """One actor's quotes and events, grouped by day.

    actor (dict): the actor's ``Store.actors`` row.
    quotes (list[dict]): ``Store.quotes(speaker=name)`` rows.
    events (list[dict]): ``Store.events`` rows of events the actor did, then of those done to
        it; an event in both (the same evidence) counts once, where it first appears.
    RETURNS (dict): ``{"actor": actor, "days": [{"date", "quotes", "events"}]}``, days in date
        order and undated last (``date`` None); every quote and event carries ``links`` to its
        page and its evidence in the article.
    """
    unique = {}
    for event in events:
        key = tuple((e["article_id"], e["event_id"]) for e in event["evidence"])
        unique.setdefault(key, event)
    days: dict[Optional[str], dict] = {}

    def day(value: Optional[str]) -> dict:
        value = value[:10] if value else None
        return days.setdefault(value, {"date": value, "quotes": [], "events": []})

    for row in quotes:
        row["links"] = quote_links(row)
        day(row["date"])["quotes"].append(row)
    for event in unique.values():
        for evidence in event["evidence"]:
            evidence["links"] = event_links(evidence)
        day(event["date"])["events"].append(event)
    ordered = sorted(days.values(), key=lambda d: (d["date"] is None, d["date"] or ""))
    return {"actor": actor, "days": ordered}
