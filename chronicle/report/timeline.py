"""Each party's positions over time, across stored articles: a repeated stance is one line,
a change of stance is marked.

    from chronicle.report.timeline import position_timeline
    lines = position_timeline(store.positions(holder="Russia"), party="Russia")

DOCS: docs/positions.md
"""
from __future__ import annotations

from typing import Optional

from chronicle.knowledge.names import name_key


def position_timeline(rows: list[dict], party: Optional[str] = None) -> list[dict]:
    """Positions across articles as lines: repeats are one line, a change of stance a new line.

    rows: dicts with ``holder`` (a name), ``issue``, ``stance``, ``date`` (ISO or None),
        ``article`` (or ``article_id``) and ``evidence`` (text); other keys are ignored.
    RETURNS: lines in date order, each ``{holder, issue, stance, first_date, last_date, sources:
        [{date, article, evidence}], change, from}``. Rows with the same holder (compared by name
        key, so "Podoljak" = "Podolyak"), issue and stance, one after another in time, are one line
        with several dated sources; when a holder's stance on an issue differs from its previous
        one, the new line has ``change: True`` and ``from``: the previous stance. Undated rows
        come last, in input order.
    party: the party the rows were selected for (``store.positions(holder=party)``; a country's
        rows include its people's). Given, the rows are that party's: its lines group by it, so
        Russia's stance stated by Vershinin and later by Lavrov is one line of Russia's, each
        source naming its own ``holder``.
    """
    ordered = sorted(enumerate(rows), key=lambda r: (r[1].get("date") is None, r[1].get("date") or "", r[0]))
    lines: list[dict] = []
    current: dict[tuple, dict] = {}
    for _, row in ordered:
        holder = row.get("holder") or ""
        if isinstance(holder, (list, tuple)):
            holder = ", ".join(h for h in holder if h)
        source = {"date": row.get("date"), "article": row.get("article", row.get("article_id")),
                  "evidence": row.get("evidence"), "anchor": row.get("anchor")}
        if party:
            source["holder"] = holder
            holder = holder if holder and name_key(holder) == name_key(party) else party
        key = (name_key(holder) if holder else "", (row.get("issue") or "").lower())
        line = current.get(key)
        if line is not None and line["stance"] == row.get("stance"):
            if source not in line["sources"]:
                line["sources"].append(source)
            if source["date"]:
                line["last_date"] = source["date"]
                line["first_date"] = line["first_date"] or source["date"]
            continue
        new = {"holder": holder, "issue": row.get("issue"), "stance": row.get("stance"),
               "first_date": source["date"], "last_date": source["date"], "sources": [source],
               "change": line is not None, "from": line["stance"] if line is not None else None}
        current[key] = new
        lines.append(new)
    return lines
