"""HTML pieces the web UI builds in Python: highlighted article text and the timeline chart.

Article text is untrusted. Every piece of it goes through ``markupsafe.escape`` here, and the
templates render with autoescape on, so no text from an article ever reaches the page as markup.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from chronicle.records import Article, basis_note

# Highlight kinds, in nesting order when two spans start and end at the same offsets. The
# template's legend and the stylesheet (.hl-<kind>) use the same names.
KINDS = ("quote", "event", "speaker", "cue", "time")
LEGEND = (
    ("quote", "quoted words"),
    ("speaker", "speaker"),
    ("cue", "cue (said, told, ...)"),
    ("time", "time expression"),
    ("event", "event"),
)


def noted(value, basis) -> Markup:
    """A value with how it is known, when the text does not state it: "RUS <span class=basis
    title=phoenix:countries/VLADIMIR_PUTIN>(known, 2000–2015)</span>". Both parts escaped."""
    if value in (None, ""):
        return Markup("")
    note = basis_note(basis)
    if not note:
        return escape(value)
    get = basis.get if isinstance(basis, dict) else (lambda key: getattr(basis, key))
    why = get("entry") or get("rule") or ""
    return escape(value) + Markup(' <span class="basis" title="') + escape(why) + Markup('">(') \
        + escape(note) + Markup(")</span>")


@dataclass(frozen=True)
class Mark:
    """One highlighted span: ``text[start:end]``, its kind, its element id and where it links."""

    start: int
    end: int
    kind: str
    id: str
    href: str
    title: str = ""


def actor_url(name: str) -> str:
    return "/actors/" + url_quote(name, safe="")


def article_marks(article: Article) -> list[Mark]:
    """The highlights of an article page: quote contents, speakers, cues, times and events.

    Element ids are the record ids (``q3``, ``e2``, ``t1``; ``q3-speaker``, ``q3-cue`` for the
    parts of a quote), so ``/articles/{id}#q3`` lands on the quote's words.
    """
    aid = article.id
    names = {actor.id: actor.name for actor in article.actors}
    marks = []
    for q in article.quotes:
        page = f"/quotes/{url_quote(aid, safe='')}/{url_quote(q.id, safe='')}"
        said_by = names.get(q.speaker) if q.speaker else None
        title = f"quote {q.id}" + (f" by {said_by}" if said_by else " (speaker unknown)")
        # A quote in several pieces ("“A,” said X. “B.”"): one mark per piece; the first carries
        # the quote's id, the others "q3-2", "q3-3", ...
        for n, span in enumerate(q.content_spans(), start=1):
            marks.append(Mark(*span, "quote", q.id if n == 1 else f"{q.id}-{n}", page, title))
        if q.speaker_span:
            marks.append(Mark(*q.speaker_span, "speaker", f"{q.id}-speaker", page,
                              f"speaker of {q.id}" + (f": {said_by}" if said_by else "")))
        if q.cue_span:
            marks.append(Mark(*q.cue_span, "cue", f"{q.id}-cue", page, f"cue of {q.id}: {q.cue or ''}"))
    for t in article.times:
        marks.append(Mark(*t.span, "time", t.id, f"#record-{t.id}",
                          f"{t.type} {t.value or '(unresolved)'}"))
    for e in article.events:
        page = f"/events/{url_quote(aid, safe='')}/{url_quote(e.id, safe='')}"
        marks.append(Mark(*e.span, "event", e.id, page,
                          f"event {e.id}: {e.plover or ''} {e.cameo or ''} ({e.status})"))
    return marks


def highlight(text: str, marks: Iterable[Mark], *, offset: int = 0, ids: bool = True) -> Markup:
    """``text`` as HTML with every mark wrapped in ``<span class="hl hl-KIND">``.

    Overlapping marks render correctly: the text is cut at every mark boundary, and each piece
    is nested inside one element per mark covering it, outer ones first in the order of
    ``KINDS``. Where marks cross, the inner one is closed and reopened (class ``hl-cont``) around
    the outer one's edge, so the HTML stays well formed. The first piece of a mark carries its ``id``; every piece of
    text is a link to the innermost mark covering it.

    text (str): the text to show; marks index ``offset + i`` for ``text[i]``.
    offset (int): where ``text`` starts in the article (to show one sentence). Defaults to 0.
    ids (bool): give marks their element ids (only once per page). Defaults to True.
    RETURNS (Markup): escaped, highlighted HTML.
    """
    n = len(text)
    order = {kind: i for i, kind in enumerate(KINDS)}
    clipped = []
    for i, m in enumerate(marks):
        start, end = max(m.start - offset, 0), min(m.end - offset, n)
        if start < end:
            clipped.append((start, end, i, m))
    # Outer first: by kind (quotes outermost, so a quote is one element and only shorter marks
    # crossing its edges are split), then earlier start, then longer, then the given order.
    def rank(item):
        start, end, i, m = item
        return (order.get(m.kind, len(order)), start, -end, i)

    clipped.sort(key=rank)
    bounds = sorted({0, n, *(s for s, _, _, _ in clipped), *(e for _, e, _, _ in clipped)})
    out: list[str] = []
    stack: list[tuple] = []  # open marks, outermost first
    started: set[int] = set()
    for a, b in zip(bounds, bounds[1:]):
        covering = [item for item in clipped if item[0] <= a and b <= item[1]]  # already ranked
        keep = 0
        while keep < len(stack) and keep < len(covering) and stack[keep] is covering[keep]:
            keep += 1
        for _ in range(len(stack) - keep):
            out.append(Markup("</span>"))
        del stack[keep:]
        for item in covering[keep:]:
            m = item[3]
            first = item[2] not in started
            started.add(item[2])
            classes = f"hl hl-{m.kind}" + ("" if first else " hl-cont")
            if ids and first:
                out.append(Markup('<span class="{}" id="{}" title="{}">').format(classes, m.id, m.title))
            else:
                out.append(Markup('<span class="{}" title="{}">').format(classes, m.title))
            stack.append(item)
        piece = text[a:b]
        if covering:
            out.append(Markup('<a href="{}">{}</a>').format(covering[-1][3].href, piece))
        else:
            out.append(escape(piece))
    out.extend(Markup("</span>") for _ in stack)
    return Markup("").join(out)


# --------------------------------------------------------------------------------------------
# Timeline chart
# --------------------------------------------------------------------------------------------

@dataclass
class Dot:
    x: float
    y: float
    kind: str  # "quote" or "event"
    href: str
    title: str


@dataclass
class Chart:
    """Coordinates of the actor timeline, for the template to draw as inline SVG."""

    width: int
    height: int
    dots: list[Dot]
    ticks: list[tuple[float, str]]
    rows: list[tuple[float, str]]  # (y, label)
    axis_y: float
    left: int
    right: int


def timeline_chart(days: list[dict], *, width: int = 760) -> Optional[Chart]:
    """Place one dot per quote and per event on a day axis; None when nothing is dated.

    days (list[dict]): ``{"date", "quotes", "events"}`` rows, as ``/api/actors/{name}/timeline``.
    RETURNS (Chart | None): positions; dots on one day stack upwards in their row.
    """
    dated = []
    for day in days:
        try:
            dated.append((dt.date.fromisoformat((day["date"] or "")[:10]), day))
        except ValueError:
            continue
    if not dated:
        return None
    left, right, step = 70, width - 20, 11
    first, last = dated[0][0], dated[-1][0]
    span = (last - first).days
    most = max(max(len(d["quotes"]), len(d["events"])) for _, d in dated)
    row_height = max(40, step * min(most, 12) + 18)
    quote_row = 20 + row_height
    event_row = quote_row + row_height
    axis_y = event_row + 12

    def x_of(day: dt.date) -> float:
        if span == 0:
            return (left + right) / 2
        return left + (day - first).days / span * (right - left)

    dots = []
    for day, d in dated:
        x = x_of(day)
        for kind, items, base in (("quote", d["quotes"], quote_row), ("event", d["events"], event_row)):
            for i, item in enumerate(items[:12]):
                dots.append(Dot(x, base - 6 - i * step, kind, item["href"], f'{d["date"]}: {item["label"]}'))
    count = 1 if span == 0 else min(6, span + 1)
    ticks = []
    for i in range(count):
        day = first + dt.timedelta(days=round(i * span / max(count - 1, 1)))
        ticks.append((x_of(day), day.isoformat()))
    return Chart(width, int(axis_y + 26), dots, ticks,
                 [(quote_row - 6, "quotes"), (event_row - 6, "events")], axis_y, left, right)
