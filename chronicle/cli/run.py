"""The commands that run the pipeline on inputs: ``extract`` (print records), ``ingest`` (store
them) and ``brief`` (a plain account of each). All three read, gate and extract through
``chronicle.pipeline``, so they skip and fail the same inputs for the same reasons."""
from __future__ import annotations

import json
import sys
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from chronicle import settings
from chronicle.cli.common import DbOption, LangOption, NearDuplicateOption, PublishedOption, WorkersOption, app, err, fail, languages, open_store, out
from chronicle.cli.show import print_found, print_pretty
from chronicle.records import Article, Skipped

PROGRESS_THRESHOLD = 3  # show a progress bar above this many inputs
# Rejections printed as they happen (the others wait for the closing summary): an input that could
# not be read at all, and every failure.
SHOWN_AT_ONCE = ("read",)


class Report:
    """Counts for the closing summary: processed, skipped with reasons, failed."""

    def __init__(self):
        self.processed = 0
        self.stored = 0
        self.duplicates = 0
        self.skipped: list[tuple[str, str]] = []
        self.failed: list[tuple[str, str]] = []

    def add(self, skipped: Skipped) -> None:
        if skipped.failed:
            self.failed.append((skipped.source, skipped.reason))
        else:
            self.skipped.append((skipped.source, skipped.reason))
            self.duplicates += skipped.stage == "duplicate"
        if skipped.failed or skipped.stage in SHOWN_AT_ONCE:
            label = "[red]failed[/red]" if skipped.failed else "skipped"
            err.print(f"{label} {escape(skipped.source)}: {escape(skipped.reason)}")

    def print(self, console: Console, stored: bool = False) -> None:
        line = f"{self.processed} processed"
        if stored:
            line += f" ({self.stored} new, {self.processed - self.stored} already stored)"
        line += f", {len(self.skipped)} skipped ({self.duplicates} duplicates), {len(self.failed)} failed"
        console.print(line)
        for source, reason in self.skipped:
            console.print(f"  skipped {escape(source)}: {escape(reason)}")
        for source, reason in self.failed:
            console.print(f"  [red]failed[/red] {escape(source)}: {escape(reason)}")


def articles(paths: list[str], published: Optional[str], report: Report, show_progress: bool,
             lang: str = "en", near_duplicate: float = 0.8, workers: int = 1) -> Iterator[Article]:
    """The pipeline's articles for the inputs; every rejection goes to ``report``, none is fatal."""
    from chronicle.pipeline import Options, read, run

    try:
        options = Options(published=published, languages=languages(lang), workers=workers,
                          near_duplicate=near_duplicate or None, time_budget=settings.TIME_BUDGET)
    except ValueError as exc:
        fail(str(exc))
    found = (outcome for outcome in run(read(paths, stdin=sys.stdin), options) if _kept(outcome, report))
    yield from (_with_progress(found) if show_progress else found)


def _kept(outcome, report: Report) -> bool:
    if isinstance(outcome, Skipped):
        report.add(outcome)
        return False
    report.processed += 1
    return True


def _with_progress(found: Iterator[Article]) -> Iterator[Article]:
    # The number of articles is not known before reading them all (a WARC holds thousands), so
    # the bar counts articles up with the time elapsed; it appears once there are more than a few.
    progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                        TimeElapsedColumn(), console=err, transient=True)
    task = None
    try:
        for n, article in enumerate(found, start=1):
            if n == PROGRESS_THRESHOLD + 1:
                progress.start()
                task = progress.add_task("extracting", total=None, completed=n - 1)
            if task is not None:
                progress.advance(task)
            yield article
    finally:
        progress.stop()


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    published: Optional[str] = PublishedOption,
    format: str = typer.Option("json", "--format", "-f", help="json, jsonl or pretty."),
    lang: str = LangOption,
    near_duplicate: float = NearDuplicateOption,
    workers: int = WorkersOption,
):
    """Extract records and print them; nothing is stored.

    Example: chronicle extract article.txt --published 2023-02-12 --format pretty
    """
    if format not in ("json", "jsonl", "pretty"):
        fail(f"unknown format {format!r}; use --format json, jsonl or pretty.")
    report = Report()
    found = articles(paths, published, report, show_progress=format != "pretty", lang=lang,
                     near_duplicate=near_duplicate, workers=workers)
    if format == "json":
        records = [a.to_dict() for a in found]
        payload = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif format == "jsonl":
        for article in found:
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    else:
        for article in found:
            print_pretty(article, out)
    if report.skipped or report.failed or format == "pretty":
        report.print(err)
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    db: str = DbOption,
    published: Optional[str] = PublishedOption,
    lang: str = LangOption,
    near_duplicate: float = NearDuplicateOption,
    workers: int = WorkersOption,
):
    """Extract records and store them; re-ingesting an article changes nothing.

    Example: chronicle ingest samples/ --published 2023-02-12 --db chronicle.db
    """
    from chronicle.store import describe

    report = Report()
    shown = []
    with open_store(db) as store:
        for article in articles(paths, published, report, show_progress=True, lang=lang,
                                near_duplicate=near_duplicate, workers=workers):
            if store.add(article):
                report.stored += 1
            if len(shown) < PROGRESS_THRESHOLD:
                shown.append(article)
    if 0 < report.processed <= PROGRESS_THRESHOLD:
        for article in shown:
            print_found(article, out)
    report.print(out, stored=True)
    shown_db = escape(describe(db))  # a URL's password is not printed
    out.print(f"Stored in {shown_db}. Query it with, for example:\n"
              f"  chronicle quotes --db {shown_db} --speaker Podolyak\n"
              f"  chronicle quotes --db {shown_db} --contains negotiations --since 2023-01-01\n"
              f"  chronicle events --db {shown_db} --actor Russia\n"
              f"  chronicle actors --db {shown_db}")
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def brief(
    paths: List[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    published: Optional[str] = PublishedOption,
    lang: str = LangOption,
):
    """A plain-language brief of each article, built only from its record (no free text generation).

    Example: chronicle brief article.txt --published 2023-02-12
    """
    from chronicle.report.brief import write_brief

    report = Report()
    for article in articles(paths, published, report, show_progress=False, lang=lang):
        sys.stdout.write(write_brief(article) + "\n")  # plain text: no Rich markup read from article text
    if report.skipped or report.failed:
        report.print(err)
    raise typer.Exit(1 if report.failed else 0)
