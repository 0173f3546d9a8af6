"""How the CLI shows one article's record on a terminal: a summary of what was found, or the text
with quotes, speakers, cues and times highlighted. Everything from the article goes through
``terminal.shown`` (control characters visible, markup escaped, long strings cut) or, for the
highlighted text, ``terminal.visible_text``."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from chronicle.cli.terminal import NAME_CHARS, shown, visible_text
from chronicle.records import Article, with_note

CONTENT_CHARS = 160  # a quote's content in the table of what was found


def print_found(article: Article, console: Console) -> None:
    """A short account of what was found in one article: actors, quotes, dated times."""
    console.rule(shown(article.title or article.source))
    console.print(f"source: {shown(article.source)}   published: {shown(article.published) or 'unknown'}   "
                  f"dateline: {shown(', '.join(article.dateline)) or '-'}   id: {shown(article.id)}")
    by_id = {a.id: a for a in article.actors}
    if article.actors:
        # A looked-up or inferred value says so beside it: "RUS (known, 2000–2015)", "(inferred)".
        table = Table("actor", "type", "country", "code", "roles", "mentions", title="Actors")
        for a in article.actors:
            table.add_row(shown(a.name), shown(with_note(a.type, a.basis.get("type"))),
                          shown(with_note(a.country, a.basis.get("country"))),
                          shown(with_note(a.code, a.basis.get("code"))), shown("; ".join(a.roles)), str(len(a.mentions)))
        console.print(table)
    if article.quotes:
        table = Table("speaker", "cue", "kind", "date", "content", title="Quotes", show_lines=True)
        for q in article.quotes:
            said_by = by_id[q.speaker].name if q.speaker else ""
            words = article.text[q.speaker_span[0]:q.speaker_span[1]] if q.speaker_span else ""
            if words and words != said_by:
                said_by = f"{said_by} ({words})" if said_by else words
            content = q.content_text(article.text)
            table.add_row(shown(said_by), shown(q.cue), shown(q.kind), shown(q.date), shown(content, CONTENT_CHARS))
        console.print(table)
    if article.times:
        table = Table("expression", "type", "value", "resolved against", title="Times")
        for t in article.times:
            table.add_row(shown(t.text), shown(t.type), shown(t.value or f"(none: {t.reason})"), shown(t.anchor))
        console.print(table)


def print_pretty(article: Article, console: Console) -> None:
    """The cleaned text with quotes, speakers, cues and dates highlighted, then the record."""
    safe, at = visible_text(article.text)  # spans index the text; ``at`` maps them into ``safe``
    text = Text(safe)
    for q in article.quotes:
        for start, end in q.content_spans():
            text.stylize("italic green", at[start], at[end])
        if q.speaker_span:
            text.stylize("bold cyan", at[q.speaker_span[0]], at[q.speaker_span[1]])
        if q.cue_span:
            text.stylize("bold magenta", at[q.cue_span[0]], at[q.cue_span[1]])
    for t in article.times:
        text.stylize("bold yellow", at[t.span[0]], at[t.span[1]])
    console.rule(shown(article.title or article.source, NAME_CHARS))
    console.print(text)
    console.print("[green]quote[/green]  [bold cyan]speaker[/bold cyan]  [bold magenta]cue[/bold magenta]  [bold yellow]time[/bold yellow]")
    print_found(article, console)
