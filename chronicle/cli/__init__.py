"""Chronicle's command line: extract records, store them, and query the store.

Each command parses its options, makes one library call and turns errors into messages that
name the input and the fix. The commands live by what they do: ``run`` (extract, ingest, brief:
the pipeline), ``query`` (the store's records), ``admin`` (serve, spark, load-parquet, db),
``evaluate`` (scores against gold data); ``show`` renders records on the terminal, ``progress``
shows a run's progress, and ``terminal`` makes text from the input safe to print (every print
path goes through it).
"""
# Importing a module registers its commands; `chronicle --help` lists them in this order.
# isort: off
from chronicle.cli import run, query, admin, evaluate  # noqa: F401
from chronicle.cli.common import app
# isort: on

__all__ = ["app"]

if __name__ == "__main__":
    app()
