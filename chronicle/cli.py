"""Chronicle's command line: extract records, store them, and query the store.

Each command parses its options, makes one library call and turns errors into messages that
name the input and the fix.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from chronicle import settings
from chronicle.records import Article

app = typer.Typer(
    help="Chronicle: who said what, and who did what to whom, when — grounded in the text.\n\n"
    "Example: chronicle extract article.txt --published 2023-02-12 --format pretty",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

PROGRESS_THRESHOLD = 3  # show a progress bar above this many inputs

LangOption = typer.Option("en", "--lang", help="Languages to process, comma-separated (ISO 639-1); others are skipped.")
WorkersOption = typer.Option(1, "--workers", "-w", min=1, help="Processes extracting in parallel (each loads the model once).")
NearDuplicateOption = typer.Option(0.8, "--near-duplicate", min=0.0, max=1.0,
                                   help="Similarity (MinHash Jaccard) above which an article is a near duplicate of an earlier one.")
PublishedOption = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) to resolve 'today', 'last week', ... against.")
DbOption = typer.Option(settings.DEFAULT_DB, "--db", help="The store: a SQLite file, or a postgresql:// URL (env CHRONICLE_DB).")


class Report:
    """Counts for the closing summary: processed, skipped with reasons, failed."""

    def __init__(self):
        self.processed = 0
        self.stored = 0
        self.duplicates = 0
        self.skipped: list[tuple[str, str]] = []
        self.failed: list[tuple[str, str]] = []

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


def _articles(paths: list[str], published: Optional[str], report: Report, show_progress: bool,
              languages: tuple[str, ...] = ("en",), near_duplicate: float = 0.8, workers: int = 1) -> Iterator[Article]:
    """Read, clean and extract every input; bad inputs are reported, never fatal for the rest."""
    from chronicle.extract.pipeline import normalise_date
    from chronicle.ingest.dedupe import Deduplicator
    from chronicle.ingest.files import Skipped, iter_documents
    from chronicle.ingest.language import detect_language, is_allowed

    try:
        published = normalise_date(published)
    except ValueError as exc:
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    documents = iter_documents(paths, stdin=sys.stdin)  # lazy: memory does not grow with the input
    duplicates = Deduplicator(threshold=near_duplicate)

    def good_documents():
        for doc in documents:
            if isinstance(doc, Skipped):
                (report.failed if doc.failed else report.skipped).append((doc.source, doc.reason))
                err.print(f"{'[red]failed[/red]' if doc.failed else 'skipped'} {escape(doc.source)}: {escape(doc.reason)}")
                continue
            if len(doc.text) > settings.MAX_ARTICLE_CHARS:
                reason = (f"{len(doc.text):,} characters is too long for one article (limit {settings.MAX_ARTICLE_CHARS:,}); "
                          f"split it into articles, or raise CHRONICLE_MAX_ARTICLE_CHARS")
                report.failed.append((doc.source, reason))
                err.print(f"[red]failed[/red] {escape(doc.source)}: {escape(reason)}")
                continue
            language = doc.language or detect_language(doc.text)
            if not is_allowed(language, languages):
                report.skipped.append((doc.source, f"language {language!r} is not among {', '.join(languages)}; allow it with --lang"))
                continue
            status, first = duplicates.check(doc.source, doc.text)
            if status != "new":
                report.duplicates += 1
                report.skipped.append((doc.source, f"{status} duplicate of {first}"))
                continue
            # An explicit --published wins over the date found in the page.
            yield doc.text, published or doc.published, doc.source, doc.title, doc.removed

    articles = _safe_extract(good_documents(), report, workers=workers)
    if not show_progress:
        yield from articles
        return
    # The number of articles is not known before reading them all (a WARC holds thousands), so
    # the bar counts articles up with the time elapsed; it appears once there are more than a few.
    progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                        TimeElapsedColumn(), console=err, transient=True)
    task = None
    try:
        for n, article in enumerate(articles, start=1):
            if n == PROGRESS_THRESHOLD + 1:
                progress.start()
                task = progress.add_task("extracting", total=None, completed=n - 1)
            if task is not None:
                progress.advance(task)
            yield article
    finally:
        progress.stop()


def _safe_extract(items, report: Report, workers: int = 1) -> Iterator[Article]:
    """Articles for the items; a failed one is reported and the others go on."""
    from chronicle.extract.parallel import Failure, extract_many

    for result in extract_many(items, workers=workers):
        if isinstance(result, Failure):
            report.failed.append((result.source, result.reason))
            err.print(f"[red]failed[/red] {escape(result.source)}: {escape(result.reason)}")
            continue
        report.processed += 1
        yield result


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
        err.print(f"[red]Error:[/red] unknown format {escape(format)!r}; use --format json, jsonl or pretty.")
        raise typer.Exit(2)
    report = Report()
    articles = _articles(paths, published, report, show_progress=format != "pretty",
                         languages=_languages(lang), near_duplicate=near_duplicate, workers=workers)
    if format == "json":
        records = [a.to_dict() for a in articles]
        payload = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif format == "jsonl":
        for article in articles:
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    else:
        for article in articles:
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
    with _open_store(db) as store:
        for article in _articles(paths, published, report, show_progress=True,
                                 languages=_languages(lang), near_duplicate=near_duplicate, workers=workers):
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
    store = _open_existing(db)
    try:
        rows = store.quotes(speaker=speaker, contains=contains, since=since, until=until, source=source,
                            limit=limit, offset=offset)
    except ValueError as exc:
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("date", "speaker", "cue", "kind", "content", "article", show_lines=True)
    for row in rows:
        speaker_text = row.get("speaker") or row.get("speaker_text") or ""
        table.add_row(row.get("date") or "", escape(speaker_text), escape(row.get("cue") or ""),
                      row.get("kind") or "", escape(row.get("content") or ""), escape(row.get("title") or row.get("article_id") or ""))
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
    store = _open_existing(db)
    try:
        rows = store.events(actor=actor, target=target, code=code, since=since, until=until, limit=limit, offset=offset)
    except ValueError as exc:
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("date", "source", "event", "target", "status", "evidence", show_lines=True)
    for row in rows:
        kind = " ".join(filter(None, [row.get("plover"), row.get("cameo")]))
        evidence = "\n".join(f"{e['text']} ({e.get('title') or e['article_id']})" for e in row["evidence"])
        table.add_row(row.get("date") or "", escape(", ".join(row["source"])), kind,
                      escape(", ".join(row["target"])), row["status"], escape(evidence))
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

    store = _open_existing(db)
    try:
        lines = position_timeline(store.positions(holder=holder, issue=issue, since=since, until=until),
                                  party=holder)[:limit]
    except ValueError as exc:
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    if format == "json":
        sys.stdout.write(json.dumps(lines, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("holder", "issue", "stance", "from", "until", "sources", "change", show_lines=True)
    for line in lines:
        table.add_row(escape(line["holder"] or "(document)"), line["issue"], line["stance"], line["first_date"] or "",
                      line["last_date"] or "", str(len(line["sources"])), f"was {line['from']}" if line["change"] else "")
    out.print(table)


@app.command()
def brief(
    paths: List[str] = typer.Argument(..., help="Files, directories, or - for standard input."),
    published: Optional[str] = PublishedOption,
):
    """A plain-language brief of each article, built only from its record (no free text generation).

    Example: chronicle brief article.txt --published 2023-02-12
    """
    from chronicle.report.brief import write_brief

    report = Report()
    for article in _articles(paths, published, report, show_progress=False):
        sys.stdout.write(write_brief(article) + "\n")  # plain text: no Rich markup read from article text
    if report.skipped or report.failed:
        report.print(err)
    raise typer.Exit(1 if report.failed else 0)


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
    store = _open_existing(db)
    rows = store.actors(name=name, limit=limit, offset=offset)
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("name", "type", "country", "roles", "aliases", "articles", "quotes")
    for row in rows:
        table.add_row(escape(row["name"]), row["type"], row.get("country") or "", escape("; ".join(row.get("roles") or [])),
                      escape(", ".join(row.get("aliases") or [])), str(row.get("articles", "")), str(row.get("quotes", "")))
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
        err.print(f"[red]Error:[/red] {escape(str(directory))} is not a folder. Pass the folder that holds Phoenix.*.txt.")
        raise typer.Exit(2)
    try:
        path, counts = import_phoenix(directory, into)
    except (FileNotFoundError, OSError) as exc:
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    out.print(f"{counts['actors']} actor names and {counts['agents']} agent words ({counts['codes']} codes, "
              f"{counts['files']} files) written to {escape(str(path))}")
    if into is not None and Path(into).expanduser().resolve() != default_path().resolve():
        out.print(f"Extraction reads {escape(str(default_path()))}; set {ENV_VAR}={escape(str(path))} to use this file.")


def _languages(value: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in value.split(",") if code.strip()) or ("en",)


def _open_existing(db: str):
    from chronicle.store import is_postgres_url

    if not is_postgres_url(db) and not Path(db).exists():
        err.print(f"[red]Error:[/red] no store at {escape(db)}. Create one with 'chronicle ingest PATH --db {escape(db)}', or pass --db.")
        raise typer.Exit(2)
    return _open_store(db)


def _open_store(db: str):
    """The SQLite store at a path or the PostgreSQL store at a postgresql:// URL; a store that
    cannot be opened (server down, schema from a newer Chronicle, no psycopg) is a message."""
    from chronicle.store import open_store

    try:
        return open_store(db)
    except (RuntimeError, ImportError) as exc:
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; 127.0.0.1 keeps it on this machine."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    write_token: Optional[str] = typer.Option(None, "--write-token", envvar="CHRONICLE_WRITE_TOKEN",
        help="Allow POST /api/articles with 'Authorization: Bearer TOKEN' (env CHRONICLE_WRITE_TOKEN)."),
):
    """Serve the store over HTTP: a JSON API under /api and web pages at /.

    Example: chronicle serve --db chronicle.db --port 8000
    """
    from chronicle.api import serve as run

    _open_existing(db).close()
    try:
        run(db, host=host, port=port, write_token=write_token)
    except ValueError as exc:
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)


@app.command()
def spark(
    paths: List[str] = typer.Argument(..., help="Files, directories or globs: local paths or Hadoop FS URIs (hdfs://, s3a://, file://)."),
    out_dir: str = typer.Option(..., "--out", help="Output directory for the Parquet tables (local path or Hadoop FS URI)."),
    master: str = typer.Option("local[2]", "--master", help="Spark master URL: local[N], yarn, spark://HOST:7077, k8s://https://HOST."),
    published: Optional[str] = PublishedOption,
    lang: str = LangOption,
    partitions: Optional[int] = typer.Option(None, "--partitions", min=1, help="Extraction tasks (default: 2 x the cluster's parallelism)."),
):
    """Extract records with Spark into Parquet tables (articles, actors, quotes, times, events, positions, errors).

    Example: chronicle spark news/ crawl.warc.gz --out chronicle-parquet/ --master local[2]
    """
    try:
        from chronicle.scale.spark import run_spark_job
    except ImportError as exc:  # pragma: no cover - the module itself imports no Spark
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    try:
        import pyspark  # noqa: F401
    except ImportError:
        err.print("[red]Error:[/red] 'chronicle spark' needs pyspark and Java 17+: pip install 'chronicle[spark]'.")
        raise typer.Exit(2)
    from chronicle.extract.pipeline import normalise_date

    try:
        normalise_date(published)
    except ValueError as exc:
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    counts = run_spark_job(paths, out_dir, master=master, published=published, languages=_languages(lang),
                           partitions=partitions)
    table = ", ".join(f"{counts.get(name, 0)} {name}" for name in
                      ("articles", "actors", "quotes", "times", "events", "positions", "errors"))
    out.print(f"Wrote {table} to {escape(out_dir)} ({counts.get('failed', 0)} failed inputs: see {escape(out_dir)}/errors).")
    out.print(f"Load them into a store with:\n  chronicle load-parquet {escape(out_dir)} --db chronicle.db")
    raise typer.Exit(1 if counts.get("failed") else 0)


@app.command("load-parquet")
def load_parquet_command(
    directory: str = typer.Argument(..., help="The --out directory of 'chronicle spark'."),
    db: str = DbOption,
):
    """Load the Parquet tables of 'chronicle spark' into the store; loading twice changes nothing.

    Example: chronicle load-parquet chronicle-parquet/ --db chronicle.db
    """
    from chronicle.scale.parquet import load_parquet
    from chronicle.store import describe

    try:
        import pyarrow  # noqa: F401
    except ImportError:
        err.print("[red]Error:[/red] 'chronicle load-parquet' needs pyarrow: pip install 'chronicle[spark]'.")
        raise typer.Exit(2)
    try:
        with _open_store(db) as store:
            counts = load_parquet(directory, store)
    except FileNotFoundError as exc:
        err.print(f"[red]Error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    out.print(f"{counts['read']} articles read ({counts['stored']} new, {counts['already']} already stored) into {escape(describe(db))}.")


db_app = typer.Typer(
    help="Look after the store.\n\nExample: chronicle db check --db chronicle.db",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")


@db_app.command("check")
def db_check(db: str = DbOption):
    """Check the store: schema version, integrity, orphan rows, full-text index, and that every
    article's rows match its record. Exits 1 when a problem is found.

    Example: chronicle db check --db chronicle.db
    """
    from chronicle.store import describe

    store = _open_existing(db)
    try:
        problems = store.check()
        counts = store.stats()
        version = store.schema_version
    finally:
        store.close()
    shown = escape(describe(db))
    out.print(f"{shown}: schema version {version}, " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    if not problems:
        out.print("No problems found.")
        return
    for problem in problems:
        out.print(f"  [red]problem[/red] {escape(problem)}")
    out.print(f"{len(problems)} problem(s) found.")
    raise typer.Exit(1)


evaluate_app = typer.Typer(
    help="Score Chronicle against gold data (see ../shared/gold/README.md).\n\n"
    "Example: chronicle evaluate time --gold ../shared/gold/time/tbaq_timebank.jsonl",
    no_args_is_help=True,
)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("quotes")
def evaluate_quotes(
    gold: Path = typer.Option(..., "--gold", help="PolNeAR JSON folder, e.g. ../shared/gold/quotes/polnear/json/dev."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N articles."),
):
    """Quote content, speaker and cue scores on PolNeAR, split by direct and indirect.

    Example: chronicle evaluate quotes --gold ../shared/gold/quotes/polnear/json/dev
    """
    _print_scores("quotes", gold, limit)


@evaluate_app.command("time")
def evaluate_time(
    gold: Path = typer.Option(..., "--gold", help="TempEval-3 JSONL, e.g. ../shared/gold/time/tbaq_timebank.jsonl."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N documents."),
):
    """Time expression spans, types and values against TimeML gold (TempEval-3 rules).

    Example: chronicle evaluate time --gold ../shared/gold/time/tbaq_timebank.jsonl
    """
    _print_scores("time", gold, limit)


@evaluate_app.command("extraction")
def evaluate_extraction(
    gold: Path = typer.Option(..., "--gold", help="WCXB-style folder of pages with gold main text, e.g. ../shared/gold/extraction/wcxb_dev."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N pages."),
):
    """Main text, title and date of HTML pages: Chronicle beside plain trafilatura and htmldate.

    Example: chronicle evaluate extraction --gold ../shared/gold/extraction/wcxb_dev --limit 100
    """
    _print_scores("extraction", gold, limit)


@evaluate_app.command("events")
def evaluate_events(
    gold: Path = typer.Option(..., "--gold", help="PLOVER-coded sentences, e.g. ../shared/gold/events/plover_gsr_cameo_en.jsonl."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N sentences."),
):
    """Event triples (source, target, code) and PLOVER types against gold sentences.

    Example: chronicle evaluate events --gold ../shared/gold/events/plover_gsr_cameo_en.jsonl
    """
    _print_scores("events", gold, limit)


def _print_scores(task: str, gold: Path, limit: Optional[int]) -> None:
    """Run ``chronicle.evaluate.<task>`` on the gold data and print its report."""
    import importlib

    if not gold.exists():
        err.print(f"[red]Error:[/red] no gold data at {escape(str(gold))}; the shared gold sets live in ../shared/gold.")
        raise typer.Exit(2)
    scorer = importlib.import_module(f"chronicle.evaluate.{task}")
    result = getattr(scorer, f"evaluate_{task}")(gold, limit=limit)
    out.print(scorer.format_report(result), highlight=False)


# Display ------------------------------------------------------------------------------------------

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


if __name__ == "__main__":
    app()
