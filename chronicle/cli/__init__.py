"""Chronicle's command line: extract records, store them, and query the store.

Each command parses its options, makes one library call and turns errors into messages that
name the input and the fix. The commands live by what they do: ``run`` (extract, ingest, brief:
the pipeline), ``query`` (the store's records), ``admin`` (serve, spark, load-parquet, db),
``evaluate`` (scores against gold data); ``show`` renders records on the terminal.
"""
from chronicle.cli import admin, evaluate, query, run  # noqa: F401  (registers the commands)
from chronicle.cli.common import app

__all__ = ["app"]

if __name__ == "__main__":
    app()
