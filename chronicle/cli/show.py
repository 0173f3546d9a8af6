"""How the CLI shows one article's record on a terminal: a summary of what was found, or the text
with quotes, speakers, cues and times highlighted. Article text is escaped for Rich markup."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from chronicle.records import Article


def print_found(article: Article, console: Console) -> None:
    """A short account of what was found in one article: actors, quotes, dated times."""
    console.rule(escape(article.title or article.source))
    console.print(f"source: {escape(article.source)}   published: {article.published or 'unknown'}   "
                  f"dateline: {escape(', '.join(article.dateline)) or '-'}   id: {article.id}")
    by_id = {a.id: a for a in article.actors}
    if article.actors:
        table = Table("actor", "type", "country", "roles", "mentions", title="Actors")
        for a in article.actors:
            table.add_row(escape(a.name), a.type, a.country or "", escape("; ".join(a.roles)), str(len(a.mentions)))
        console.print(table)
    if article.quotes:
        table = Table("speaker", "cue", "kind", "date", "content", title="Quotes", show_lines=True)
        for q in article.quotes:
            said_by = by_id[q.speaker].name if q.speaker else ""
            words = article.text[q.speaker_span[0]:q.speaker_span[1]] if q.speaker_span else ""
            if words and words != said_by:
                said_by = f"{said_by} ({words})" if said_by else words
            content = q.content_text(article.text)
            table.add_row(escape(said_by), escape(q.cue or ""), q.kind, q.date or "", escape(_shorten(content)))
        console.print(table)
    if article.times:
        table = Table("expression", "type", "value", "resolved against", title="Times")
        for t in article.times:
            table.add_row(escape(t.text), t.type, t.value or f"(none: {t.reason})", t.anchor or "")
        console.print(table)


def print_pretty(article: Article, console: Console) -> None:
    """The cleaned text with quotes, speakers, cues and dates highlighted, then the record."""
    text = Text(article.text)
    for q in article.quotes:
        for span in q.content_spans():
            text.stylize("italic green", *span)
        if q.speaker_span:
            text.stylize("bold cyan", *q.speaker_span)
        if q.cue_span:
            text.stylize("bold magenta", *q.cue_span)
    for t in article.times:
        text.stylize("bold yellow", *t.span)
    console.rule(escape(article.title or article.source))
    console.print(text)
    console.print("[green]quote[/green]  [bold cyan]speaker[/bold cyan]  [bold magenta]cue[/bold magenta]  [bold yellow]time[/bold yellow]")
    print_found(article, console)


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
