"""Loading the Spark job's Parquet tables into a store, idempotently.

    from chronicle.scale.parquet import load_parquet
    with Store("chronicle.db") as store:
        load_parquet("out/", store)       # {"read": 2225, "stored": 2225, "already": 0}
        load_parquet("out/", store)       # {"read": 2225, "stored": 0, "already": 2225}

Each article is rebuilt from its ``record`` column (the full ``Article.to_dict()`` the job wrote)
with ``Article.from_dict`` and handed to ``store.add``: any object with that method works (the
SQLite ``Store``, or a PostgreSQL store with the same API). ``add`` is keyed by the article id,
so loading the same tables twice, or tables that overlap, stores each article once.

Reads with pyarrow, batch by batch (memory does not grow with the number of articles); Spark
is not needed. ``DIR`` is a local path; for HDFS or S3 give a pyarrow ``filesystem``.

DOCS: docs/scaling.md
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator, Optional

from chronicle.records import Article

__all__ = ["load_parquet", "iter_articles", "read_errors"]


def _dataset(table_dir: str, filesystem=None):
    import pyarrow.dataset as ds

    return ds.dataset(table_dir, format="parquet", partitioning="hive", filesystem=filesystem)


def _table_dir(directory: str, table: str, filesystem=None) -> Optional[str]:
    path = f"{str(directory).rstrip('/')}/{table}"
    if filesystem is None and not Path(path).is_dir():
        return None
    return path


def iter_articles(directory: str, *, months: Optional[list[str]] = None, filesystem=None,
                  batch_size: int = 256) -> Iterator[Article]:
    """The records in ``directory/articles``, rebuilt with ``Article.from_dict``.

    months (list[str] | None): only these ``published_month`` partitions ("2024-03", "unknown").
    """
    import pyarrow.dataset as ds

    table_dir = _table_dir(directory, "articles", filesystem)
    if table_dir is None:
        raise FileNotFoundError(f"No articles table in {directory}: expected {directory}/articles/ as "
                                f"written by 'chronicle spark ... --out {directory}'.")
    dataset = _dataset(table_dir, filesystem)
    condition = ds.field("published_month").isin(months) if months else None
    for batch in dataset.to_batches(columns=["record"], filter=condition, batch_size=batch_size):
        for record in batch.column(0).to_pylist():
            yield Article.from_dict(json.loads(record))


def load_parquet(directory: str, store: Any, *, months: Optional[list[str]] = None, filesystem=None) -> dict[str, int]:
    """Add every article of the job's output to ``store`` (anything with ``add(article) -> bool``).

    RETURNS (dict[str, int]): "read" articles, "stored" new ones, "already" stored before.
    """
    counts = {"read": 0, "stored": 0, "already": 0}
    for article in iter_articles(directory, months=months, filesystem=filesystem):
        counts["read"] += 1
        if store.add(article):
            counts["stored"] += 1
        else:
            counts["already"] += 1
    return counts


def read_errors(directory: str, *, filesystem=None) -> list[dict]:
    """The rows of ``directory/errors``: source, stage, reason, failed, sample."""
    table_dir = _table_dir(directory, "errors", filesystem)
    if table_dir is None:
        return []
    return _dataset(table_dir, filesystem).to_table().to_pylist()
