"""The commands that query the store: quotes, events, positions over time, actors (and importing
an actor knowledge base). Each is one store call and a table or JSON."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from chronicle.cli.common import DbOption, app, err, fail, open_existing, out
from chronicle.cli.terminal import TEXT_CHARS, json_text, shown
from chronicle.records import with_note


@app.command()
def quotes(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Any name, alias or spelling of the speaker."),
    contains: Optional[str] = typer.Option(None, "--contains", help="Words in the quoted content."),
    since: Optional[str] = typer.Option(None, "--since", help="First date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Last date (YYYY-MM-DD)."),
    source: Optional[str] = typer.Option(None, "--source", help="Text in the article's source: a path, URL or domain."),
    limit: int = typer.Option(50, "--limit"),
    offset: int = typer.Option(0, "--offset"),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    db: str = DbOption,
):
    """Quotes from the store: who said what, and when.

    Example: chronicle quotes --speaker Podolyak --since 2023-01-01
    """
    store = open_existing(db)
    try:
        rows = store.quotes(speaker=speaker, contains=contains, since=since, until=until, source=source,
                            limit=limit, offset=offset)
    except ValueError as exc:
        fail(str(exc))
    if format == "json":
        sys.stdout.write(json_text(rows, indent=2) + "\n")
        return
    table = Table("date", "speaker", "cue", "kind", "content", "article", show_lines=True)
    for row in rows:
        speaker_text = row.get("speaker") or row.get("speaker_text") or ""
        table.add_row(shown(row.get("date")), shown(speaker_text), shown(row.get("cue")), shown(row.get("kind")),
                      shown(row.get("content"), TEXT_CHARS), shown(row.get("title") or row.get("article_id")))
    out.print(table)
    out.print(f"{len(rows)} quote(s)")


@app.command()
def events(
    actor: Optional[str] = typer.Option(None, "--actor", help="Any name or alias of the actor doing it."),
    target: Optional[str] = typer.Option(None, "--target", help="Any name or alias of the actor it is done to."),
    code: Optional[str] = typer.Option(None, "--code", help="CAMEO code prefix (19, 036) or PLOVER type (ASSAULT)."),
    since: Optional[str] = typer.Option(None, "--since", help="First date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Last date (YYYY-MM-DD)."),
    limit: int = typer.Option(50, "--limit"),
    offset: int = typer.Option(0, "--offset"),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    db: str = DbOption,
):
    """Events from the store: who did what to whom, grouped across the articles reporting them.

    Example: chronicle events --actor Russia --target Ukraine --code ASSAULT
    """
    store = open_existing(db)
    try:
        rows = store.events(actor=actor, target=target, code=code, since=since, until=until, limit=limit, offset=offset)
    except ValueError as exc:
        fail(str(exc))
    if format == "json":
        sys.stdout.write(json_text(rows, indent=2) + "\n")
        return
    table = Table("date", "source", "event", "target", "status", "evidence", show_lines=True)
    for row in rows:
        kind = " ".join(filter(None, [row.get("plover"), row.get("cameo")]))
        evidence = "\n".join(f"{shown(e['text'], TEXT_CHARS)} ({shown(e.get('title') or e['article_id'])})"
                             for e in row["evidence"])
        table.add_row(shown(row.get("date")), shown(", ".join(row["source"])), shown(kind),
                      shown(", ".join(row["target"])), shown(row["status"]), evidence)
    out.print(table)
    out.print(f"{len(rows)} event(s)")


@app.command()
def positions(
    holder: Optional[str] = typer.Option(None, "--actor", help="Any name or alias of the party holding the position."),
    issue: Optional[str] = typer.Option(None, "--issue", help="An issue of the taxonomy, e.g. negotiations."),
    since: Optional[str] = typer.Option(None, "--since", help="First date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Last date (YYYY-MM-DD)."),
    limit: int = typer.Option(50, "--limit"),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    db: str = DbOption,
):
    """Each party's positions per issue over time: a repeated stance is one line, a change is marked.

    Example: chronicle positions --actor Russia --issue negotiations
    """
    from chronicle.report.timeline import position_timeline

    store = open_existing(db)
    try:
        lines = position_timeline(store.positions(holder=holder, issue=issue, since=since, until=until),
                                  party=holder)[:limit]
    except ValueError as exc:
        fail(str(exc))
    if format == "json":
        sys.stdout.write(json_text(lines, indent=2) + "\n")
        return
    table = Table("holder", "issue", "stance", "from", "until", "sources", "change", show_lines=True)
    for line in lines:
        table.add_row(shown(line["holder"] or "(document)"), shown(line["issue"]), shown(line["stance"]),
                      shown(line["first_date"]), shown(line["last_date"]), str(len(line["sources"])),
                      shown(f"was {line['from']}") if line["change"] else "")
    out.print(table)




actors_app = typer.Typer()
app.add_typer(actors_app, name="actors")


@actors_app.callback(invoke_without_command=True)
def actors(
    ctx: typer.Context,
    name: Optional[str] = typer.Option(None, "--name", help="Any name, alias or spelling."),
    limit: int = typer.Option(100, "--limit"),
    offset: int = typer.Option(0, "--offset"),
    format: str = typer.Option("table", "--format", "-f", help="table or json."),
    db: str = DbOption,
):
    """Actors in the store, merged across articles, with roles and aliases; 'actors import-phoenix DIR'
    imports an actor knowledge base.

    Example: chronicle actors --name Putin
    """
    if ctx.invoked_subcommand is not None:
        return
    store = open_existing(db)
    rows = store.actors(name=name, limit=limit, offset=offset)
    if format == "json":
        sys.stdout.write(json_text(rows, indent=2) + "\n")
        return
    table = Table("name", "type", "country", "code", "roles", "aliases", "articles", "quotes")
    for row in rows:
        basis = row.get("basis") or {}
        table.add_row(shown(row["name"]), shown(with_note(row["type"], basis.get("type"))),
                      shown(with_note(row.get("country"), basis.get("country"))),
                      shown(with_note(row.get("code"), basis.get("code"))), shown("; ".join(row.get("roles") or [])),
                      shown(", ".join(row.get("aliases") or []), TEXT_CHARS), str(row.get("articles", "")), str(row.get("quotes", "")))
    out.print(table)


@actors_app.command("import-phoenix")
def actors_import_phoenix(
    directory: Path = typer.Argument(..., help="Folder with the Phoenix dictionaries (Phoenix.Countries.actors.txt, "
                                                "Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, Phoenix.agents.txt)."),
    into: Optional[Path] = typer.Option(None, "--into", help="Knowledge-base file to write (default: env "
                                        "CHRONICLE_ACTORS_FILE, else ~/.local/share/chronicle/actors.tsv)."),
):
    """Import the Phoenix/PETRARCH actor dictionaries as the actor knowledge base extraction uses.

    Example: chronicle actors import-phoenix phoenix_dictionaries/
    """
    from chronicle.knowledge.actor_base import ENV_VAR, default_path, import_phoenix

    if not directory.is_dir():
        err.print(f"[red]Error:[/red] {shown(str(directory), None)} is not a folder. Pass the folder that holds Phoenix.*.txt.")
        raise typer.Exit(2)
    try:
        path, counts = import_phoenix(directory, into)
    except (FileNotFoundError, OSError) as exc:
        fail(str(exc))
    out.print(f"{counts['actors']} actor names and {counts['agents']} agent words ({counts['codes']} codes, "
              f"{counts['files']} files) written to {shown(str(path), None)}")
    if into is not None and Path(into).expanduser().resolve() != default_path().resolve():
        out.print(f"Extraction reads {shown(str(default_path()), None)}; set {ENV_VAR}={shown(str(path), None)} to use this file.")
