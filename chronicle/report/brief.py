"""A short plain-language brief of one article, assembled only from its record.

Nothing is generated: every sentence is a fixed template filled with record fields (actor names,
roles, issues, stances, ISO dates) and exact slices of ``Article.text`` (in “curly quotes”). It
says, in this order:

1. Offers and demands: who supports, offers or demands what (positions with stance support,
   conditional or demand), with the words that show it and the terms attached (the conditions).
2. Rejections: who opposes what, in which words, and the reasons given in their own words.
3. What is planned next and when: events with status "planned", each with its date as resolved
   and the time expression it comes from ("set for 2023-02-23 (“the following day”, after
   2023-02-22)").
4. Who is cited: every speaker, with the number of quotes and the medium.

Every line of content ends with its references: the ids of the records it rests on and their
character spans in ``Article.text`` (``[p1 89–191; e1 81–118; q3 504–795]``; records sharing a
span are listed together, ``[p4, e10 2348–2395]``; the "Cited" line names quote ids only). A line
whose quotes or events carry a confidence below ``noise.LOW_CONFIDENCE`` (translation noise in
their sentences, see ``chronicle/extract/noise.py``) says so before its references:
"(low confidence: translation noise)".

Positions come from ``article.positions`` when the record has them; otherwise they are found
with ``chronicle.extract.positions.find_positions`` over a fresh parse of the text.

DOCS: docs/positions.md
"""
from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Optional

from chronicle.extract.noise import LOW_CONFIDENCE_NOTE, is_low
from chronicle.records import basis_note

STANCE_WORDS = {"support": "supports", "conditional": "offers, on terms,", "demand": "demands",
                "oppose": "rejects"}


def _positions(article) -> list[dict]:
    found = getattr(article, "positions", None)
    if found is None:
        from chronicle.extract.nlp import get_nlp
        from chronicle.extract.positions import find_positions

        found = find_positions(get_nlp()(article.text), article)
    return [asdict(p) if is_dataclass(p) else dict(p) for p in found]


def _slice(text: str, span) -> str:
    return text[span[0]:span[1]] if span else ""


def _q(text: str, span) -> str:
    return f"“{_slice(text, span)}”"


def _issue(name: str) -> str:
    return name.replace("_", " ")


class _Refs:
    """The records a brief line rests on, as ``(id, span)`` pairs, and how to print them."""

    def __init__(self, article):
        self.quotes = list(article.quotes)
        self.events = list(article.events)
        self.low = {r.id for r in self.quotes + self.events if is_low(getattr(r, "confidence", None))}

    def around(self, own: list[tuple], spans) -> list[tuple]:
        """``own`` (the line's own records) plus the quotes holding and the events overlapping
        each quoted span; a span no record holds is listed under the first own id."""
        items = list(own)
        for span in spans:
            if not span:
                continue
            lo, hi = span
            found = False
            for e in self.events:
                if e.span[0] < hi and lo < e.span[1]:
                    items.append((e.id, tuple(e.span)))
                    found = True
            for q in self.quotes:
                for piece in q.content_spans():
                    if piece[0] <= lo and hi <= piece[1]:
                        items.append((q.id, tuple(piece)))
                        found = True
            if not found and not any(s and s[0] <= lo and hi <= s[1] for _, s in items) and items:
                items.append((items[0][0], (lo, hi)))
        return items

    def end(self, sentence: str, items: list[tuple]) -> str:
        """The line with its low-confidence note (when due) and references at its end."""
        low = _unique_ids(i for i, _ in items if i in self.low)
        if low:
            sentence += " " + LOW_CONFIDENCE_NOTE[:-1] + " in " + ", ".join(low) + ")"
        return sentence + " " + render_refs(items)


def _unique_ids(ids) -> list[str]:
    out: list[str] = []
    for i in ids:
        if i not in out:
            out.append(i)
    return out


def render_refs(items: list[tuple]) -> str:
    """``[(id, span or None)]`` -> "[p1, q1 89–191; e1 81–118; p5 10–20, 30–40; t5]": ids sharing a
    span together, one id's several spans together."""
    groups: list[tuple[list[str], list[tuple]]] = []  # (ids, spans)
    for rid, span in items:
        span = tuple(span) if span else None
        same = next((g for g in groups if span and span in g[1] and len(g[1]) == 1), None)
        if same is not None:
            if rid not in same[0]:
                same[0].append(rid)
            continue
        mine = next((g for g in groups if g[0] == [rid]), None)
        if mine is not None and groups[-1] is mine:
            if span and span not in mine[1]:
                mine[1].append(span)
            continue
        if mine is not None and (span is None or span in mine[1]):
            continue
        groups.append(([rid], [span] if span else []))
    parts = [", ".join(ids) + ("" if not spans else " " + ", ".join(f"{a}–{b}" for a, b in spans))
             for ids, spans in groups]
    return "[" + "; ".join(parts) + "]"


class _Names:
    def __init__(self, article):
        self.by_id = {a.id: a for a in article.actors}

    def describe(self, ids: list[str]) -> str:
        """"Sergei Vershinin (Deputy Foreign Minister, Russia)": the first non-country holder with
        its role and country; a country alone when that is all there is."""
        actors = [self.by_id[i] for i in ids if i in self.by_id]
        if not actors:
            return ""
        main = next((a for a in actors if a.type != "country"), actors[0])
        extra = list(main.roles[:1])  # roles are always the text's own words
        if main.type != "country":
            country = next((a.name for a in actors if a.type == "country" and a.country == main.country), None)
            if country:
                # A country the text does not state for this holder says how it is known:
                # "Vladimir Putin (Russia, known, 2000–2015)", "(Spain, inferred)".
                note = basis_note(main.basis.get("country"))
                extra.append(f"{country}, {note}" if note else country)
        return main.name + (f" ({'; '.join(extra) if any(', ' in e for e in extra) else ', '.join(extra)})"
                            if extra else "")


def write_brief(article) -> str:
    """The brief of one article (plain text, one paragraph per part), built only from the record."""
    text = article.text
    names = _Names(article)
    positions = _positions(article)
    events = {e.id: e for e in article.events}
    refs = _Refs(article)
    lines: list[str] = []
    title = article.title or article.source
    lines.append(f"Brief: {title}" + (f" (published {article.published})" if article.published else ""))

    # 1. Offers and demands, by holder.
    offers = [p for p in positions if p["stance"] in ("support", "conditional", "demand")]
    people = [p for p in offers if p["holder"]]
    documents = [p for p in offers if not p["holder"]]
    if people or documents:
        lines.append("")
        lines.append("Offers and demands:")
    for p in people:
        words = STANCE_WORDS[p["stance"]]
        sentence = f"- {names.describe(p['holder'])} {words} {_issue(p['issue'])}"
        sentence += f" ({p['date']})" if p.get("date") else ""
        shown = _event_spans(p, events) or [p["span"]]
        sentence += ": " + "; ".join(_q(text, s) for s in shown) + "."
        if p["conditions"]:
            sentence += " Terms: " + "; ".join(_q(text, c) for c in p["conditions"]) + "."
        own = [(p["id"], p["span"])]
        lines.append(refs.end(sentence, refs.around(own, list(shown) + list(p["conditions"]))))
    by_document: dict[str, list[dict]] = {}
    for p in documents:
        holder = _slice(text, p.get("holder_span")) or "A document"
        by_document.setdefault(holder, []).append(p)
    for holder, items in by_document.items():
        parts, own, shown = [], [], []
        for p in items:
            spans = _unique([p["span"]] + [s for s in p["evidence_spans"] if _same_kind(text, s, p)])
            parts.append(f"{_issue(p['issue'])}: " + ", ".join(_q(text, s) for s in spans))
            own += [(p["id"], tuple(s)) for s in spans]
            shown += spans
        items_refs = refs.around(own, shown)
        lines.append(refs.end(f"- {holder} demands " + "; ".join(parts) + ".", items_refs))

    # 2. Rejections and the reasons given.
    rejections = [p for p in positions if p["stance"] == "oppose"]
    if rejections:
        lines.append("")
        lines.append("Rejections:")
    for p in rejections:
        who = names.describe(p["holder"]) or _slice(text, p.get("holder_span")) or "Someone"
        sentence = f"- {who} rejects {_issue(p['issue'])}" + (f" ({p['date']})" if p.get("date") else "")
        acts = _event_spans(p, events)
        if acts:
            sentence += ": " + "; ".join(_q(text, s) for s in acts)
        reasons = [s for s in p["evidence_spans"] if s not in acts]
        if reasons:
            sentence += ". In their words: " + "; ".join(_q(text, s) for s in reasons)
        lines.append(refs.end(sentence + ".", refs.around([(p["id"], p["span"])], list(acts) + reasons)))

    # 3. What is planned next, and when.
    planned = [e for e in article.events if e.status == "planned"]
    if planned:
        lines.append("")
        lines.append("Planned next:")
    for e in planned:
        who = ", ".join(names.by_id[i].name for i in e.source if i in names.by_id)
        sentence = f"- {_q(text, e.span)}" + (f" ({who})" if who else "")
        sentence += f" set for {e.date}" if e.date else " (date not given)"
        when = _time_of(article, e)
        items = [(e.id, tuple(e.span))]
        if when:
            sentence += f" ({when[0]})"
            items.append((when[1].id, tuple(when[1].span)))
        lines.append(refs.end(sentence + ".", items))

    # 4. Who is cited.
    cited: dict[str, dict] = {}
    for q in article.quotes:
        if q.speaker and q.speaker in names.by_id:
            key = names.by_id[q.speaker].name
        elif q.speaker_span:
            key = f"unnamed: {_q(text, q.speaker_span)}"
        else:
            continue
        entry = cited.setdefault(key, {"n": 0, "media": [], "ids": []})
        entry["n"] += 1
        entry["ids"].append(q.id)
        medium = _slice(text, q.medium_span) or q.medium
        if medium and medium not in entry["media"]:
            entry["media"].append(medium)
    if cited:
        lines.append("")
        parts = []
        for name, entry in cited.items():
            detail = f"{entry['n']} quote{'s' if entry['n'] != 1 else ''}"
            if entry["media"]:
                detail += "; " + ", ".join(entry["media"])
            parts.append(f"{name} ({detail}) [{', '.join(entry['ids'])}]")
        lines.append("Cited: " + "; ".join(parts) + ".")
    if len(lines) == 1:
        lines.append("No positions, planned events or quotes were found in the record.")
    return "\n".join(lines) + "\n"


def _event_spans(p: dict, events: dict) -> list:
    spans = {tuple(e.span) for e in events.values()}
    return [s for s in p["evidence_spans"] if tuple(s) in spans]


def _same_kind(text: str, span, p: dict) -> bool:
    """Evidence of a document's demand that is another item of it (not the holder's name)."""
    from chronicle.extract.positions.clauses import DOCUMENT_NOUNS

    words = _slice(text, span).lower().split()
    return bool(words) and words[-1] not in DOCUMENT_NOUNS and not words[0] in ("calls", "call", "demands", "urges")


def _unique(spans):
    seen, out = set(), []
    for s in spans:
        if tuple(s) not in seen:
            seen.add(tuple(s))
            out.append(s)
    return out


def _time_of(article, event) -> Optional[tuple]:
    """The time expression that dates a planned event, as written and as resolved, and its record."""
    if not event.date:
        return None
    lo, hi = event.sentence_span or event.span
    times = {t.id: t for t in article.times}
    candidates = [t for t in article.times if t.value == event.date and lo <= t.span[0] < hi]
    if not candidates:
        return None
    t = min(candidates, key=lambda t: abs(t.span[0] - event.span[0]))
    words = f"“{article.text[t.span[0]:t.span[1]]}”"
    anchor = times.get(t.anchor or "")
    if anchor is not None and anchor.value:
        return f"{words}, after {anchor.value}", t
    if t.anchor == "published" and not any(ch.isdigit() for ch in t.text):
        return f"{words}, counted from the publication date", t
    return words, t
