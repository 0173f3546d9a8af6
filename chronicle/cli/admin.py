"""The commands that look after a store or move records at scale: serve (API and web UI), spark
(extraction on a cluster into Parquet), load-parquet, db check."""
from __future__ import annotations

from typing import List, Optional

import typer

from chronicle.cli.common import DbOption, LangOption, NearDuplicateOption, PublishedOption, app, fail, languages, open_existing, open_store, out
from chronicle.cli.terminal import TEXT_CHARS, shown


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

    open_existing(db).close()
    try:
        run(db, host=host, port=port, write_token=write_token)
    except ValueError as exc:
        fail(str(exc))


@app.command()
def spark(
    paths: List[str] = typer.Argument(..., help="Files, directories or globs: local paths or Hadoop FS URIs (hdfs://, s3a://, file://)."),
    out_dir: str = typer.Option(..., "--out", help="Output directory for the Parquet tables (local path or Hadoop FS URI)."),
    master: str = typer.Option("local[2]", "--master", help="Spark master URL: local[N], yarn, spark://HOST:7077, k8s://https://HOST."),
    published: Optional[str] = PublishedOption,
    lang: str = LangOption,
    near_duplicate: float = NearDuplicateOption,
    partitions: Optional[int] = typer.Option(None, "--partitions", min=1, help="Extraction tasks (default: 2 x the cluster's parallelism)."),
):
    """Extract records with Spark into Parquet tables (articles, actors, quotes, times, events, positions, errors).

    Example: chronicle spark news/ crawl.warc.gz --out chronicle-parquet/ --master local[2]
    """
    try:
        from chronicle.scale.spark import run_spark_job
    except ImportError as exc:  # pragma: no cover - the module itself imports no Spark
        fail(str(exc))
    try:
        import pyspark  # noqa: F401
    except ImportError:
        fail("'chronicle spark' needs pyspark and Java 17+: pip install 'chronicle[spark]'.")
    from chronicle.pipeline import Options

    try:
        options = Options(published=published, languages=languages(lang), near_duplicate=near_duplicate or None)
    except ValueError as exc:
        fail(str(exc))
    counts = run_spark_job(paths, out_dir, master=master, options=options, partitions=partitions)
    table = ", ".join(f"{counts.get(name, 0)} {name}" for name in
                      ("articles", "actors", "quotes", "times", "events", "positions", "errors"))
    out.print(f"Wrote {table} to {shown(out_dir, None)} ({counts.get('failed', 0)} failed inputs: see {shown(out_dir, None)}/errors).")
    out.print(f"Load them into a store with:\n  chronicle load-parquet {shown(out_dir, None)} --db chronicle.db")
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
        fail("'chronicle load-parquet' needs pyarrow: pip install 'chronicle[spark]'.")
    try:
        with open_store(db) as store:
            counts = load_parquet(directory, store)
    except FileNotFoundError as exc:
        fail(str(exc))
    out.print(f"{counts['read']} articles read ({counts['stored']} new, {counts['already']} already stored) into {shown(describe(db), None)}.")


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

    store = open_existing(db)
    try:
        problems = store.check()
        counts = store.stats()
        version = store.schema_version
    finally:
        store.close()
    store_name = shown(describe(db), None)
    out.print(f"{store_name}: schema version {version}, " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    if not problems:
        out.print("No problems found.")
        return
    for problem in problems:
        out.print(f"  [red]problem[/red] {shown(problem, TEXT_CHARS)}")
    out.print(f"{len(problems)} problem(s) found.")
    raise typer.Exit(1)
