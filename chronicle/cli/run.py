"""The commands that run the pipeline on inputs: ``extract`` (print records), ``ingest`` (store
them) and ``brief`` (a plain account of each). All three read, gate and extract through
``chronicle.pipeline``, so they skip and fail the same inputs for the same reasons."""
from __future__ import annotations

import sys
from typing import Iterator, List, Optional

import typer
from rich.console import Console

from chronicle import settings
from chronicle.cli.common import DbOption, LangOption, NearDuplicateOption, PublishedOption, WorkersOption, app, err, fail, languages, open_store, out
from chronicle.cli.progress import count_inputs, with_progress
from chronicle.cli.show import print_found, print_pretty
from chronicle.cli.terminal import TEXT_CHARS, json_text, shown, visible
from chronicle.records import Article, Skipped

SHOW_FOUND = 3  # ingest shows what it found in each article when there are this many or fewer
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
            err.print(f"{label} {_because(skipped.source, skipped.reason)}")

    def print(self, console: Console, stored: bool = False) -> None:
        line = f"{self.processed} processed"
        if stored:
            line += f" ({self.stored} new, {self.processed - self.stored} already stored)"
        line += f", {len(self.skipped)} skipped ({self.duplicates} duplicates), {len(self.failed)} failed"
        console.print(line)
        for source, reason in self.skipped:
            console.print(f"  skipped {_because(source, reason)}")
        for source, reason in self.failed:
            console.print(f"  [red]failed[/red] {_because(source, reason)}")

    def nothing_stored(self) -> str:
        """Why ``ingest`` stored nothing, in one line (escaped for Rich)."""
        if self.processed:
            return f"Nothing new stored: the {self.processed} article(s) read were stored already."
        if not self.skipped and not self.failed:
            return "Nothing stored: no input was given."
        return "Nothing stored: every input was skipped or failed (the reasons are above)."


def _because(source: str, reason: str) -> str:
    """``source: reason`` for Rich: both shortened, control characters visible, markup escaped."""
    return f"{shown(source)}: {shown(reason, TEXT_CHARS)}"


def articles(paths: list[str], published: Optional[str], report: Report, show_progress: bool,
             lang: str = "en", near_duplicate: float = 0.8, workers: int = 1) -> Iterator[Article]:
    """The pipeline's articles for the inputs; every rejection goes to ``report``, none is fatal."""
    from chronicle.pipeline import Options, read, run

    try:
        options = Options(published=published, languages=languages(lang), workers=workers,
                          near_duplicate=near_duplicate or None, time_budget=settings.TIME_BUDGET)
    except ValueError as exc:
        fail(str(exc))
    outcomes = run(read(paths, stdin=sys.stdin), options)
    if show_progress:
        outcomes = with_progress(outcomes, err, count_inputs(paths))
    yield from (outcome for outcome in outcomes if _kept(outcome, report))


def _kept(outcome, report: Report) -> bool:
    if isinstance(outcome, Skipped):
        report.add(outcome)
        return False
    report.processed += 1
    return True


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
        sys.stdout.write(json_text(payload, indent=2) + "\n")
    elif format == "jsonl":
        for article in found:
            sys.stdout.write(json_text(article.to_dict()) + "\n")
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
    found = []
    with open_store(db) as store:
        for article in articles(paths, published, report, show_progress=True, lang=lang,
                                near_duplicate=near_duplicate, workers=workers):
            try:
                stored = store.add(article)
            except Exception as exc:  # one article the store refuses must not cost the others
                report.processed -= 1
                report.add(Skipped(article.source, f"storing failed: {type(exc).__name__}: {exc}", failed=True, stage="store"))
                continue
            report.stored += stored
            if len(found) < SHOW_FOUND:
                found.append(article)
    if 0 < report.processed <= SHOW_FOUND:
        for article in found:
            print_found(article, out)
    report.print(out, stored=True)
    if not report.stored:
        out.print(report.nothing_stored())
        raise typer.Exit(1 if report.failed else 0)
    shown_db = shown(describe(db), None)  # a URL's password is not printed
    # soft_wrap: the commands stay whole on one line each, to be copied even from a narrow terminal.
    out.print(f"Stored in {shown_db}.\nQuery it with, for example:\n"
              f"  chronicle quotes --db {shown_db} --speaker Podolyak\n"
              f"  chronicle quotes --db {shown_db} --contains negotiations --since 2023-01-01\n"
              f"  chronicle events --db {shown_db} --actor Russia\n"
              f"  chronicle actors --db {shown_db}", soft_wrap=True)
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
        # Plain text (no Rich markup is read from article text), with control characters visible.
        sys.stdout.write(visible(write_brief(article), "\n") + "\n")
    if report.skipped or report.failed:
        report.print(err)
    raise typer.Exit(1 if report.failed else 0)
