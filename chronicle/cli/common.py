"""What every command shares: the Typer app, the consoles, the common options, opening a store
and turning an error into a message that names the input and the fix."""
from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from chronicle import settings
from chronicle.cli.terminal import TEXT_CHARS, shown

app = typer.Typer(
    help="Chronicle: who said what, and who did what to whom, when — grounded in the text.\n\n"
    "Example: chronicle extract article.txt --published 2023-02-12 --format pretty",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

LangOption = typer.Option("en", "--lang", help="Languages to process, comma-separated (ISO 639-1); others are skipped.")
WorkersOption = typer.Option(1, "--workers", "-w", min=1, help="Processes extracting in parallel (each loads the model once).")
NearDuplicateOption = typer.Option(0.8, "--near-duplicate", min=0.0, max=1.0,
                                   help="Similarity (MinHash Jaccard) above which an article is a near duplicate "
                                        "of an earlier one; 0 keeps near duplicates (exact copies are always skipped).")
PublishedOption = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) to resolve 'today', 'last week', ... against.")
DbOption = typer.Option(settings.DEFAULT_DB, "--db", help="The store: a SQLite file, or a postgresql:// URL (env CHRONICLE_DB).")


def fail(message: str, code: int = 2) -> NoReturn:
    """Print ``Error: message`` (made safe: it may quote input) and exit with ``code``."""
    err.print(f"[red]Error:[/red] {shown(message, TEXT_CHARS)}")
    raise typer.Exit(code)


def languages(value: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in value.split(",") if code.strip()) or ("en",)


def open_existing(db: str):
    """The store at ``db``, which must exist already (a query on a typo'd path is an error)."""
    from chronicle.store import is_postgres_url

    if not is_postgres_url(db) and not Path(db).exists():
        fail(f"no store at {db}. Create one with 'chronicle ingest PATH --db {db}', or pass --db.")
    return open_store(db)


def open_store(db: str):
    """The SQLite store at a path or the PostgreSQL store at a postgresql:// URL; a store that
    cannot be opened (server down, schema from a newer Chronicle, no psycopg) is a message."""
    from chronicle.store import open_store as open_any

    try:
        return open_any(db)
    except (RuntimeError, ImportError) as exc:
        fail(str(exc))
