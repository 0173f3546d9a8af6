"""Chronicle's extraction as a Spark job: inputs on any Hadoop file system in, Parquet tables out.

    from chronicle.scale.spark import run_spark_job
    counts = run_spark_job(["hdfs:///news/2024/", "s3a://bucket/crawl.warc.gz"], "s3a://bucket/chronicle",
                           master="yarn")

How it runs:

1. The driver expands the inputs (directories recursively, globs) with the Hadoop FileSystem API,
   keeping the files Chronicle reads from a directory (``.txt``, ``.html``, ``.warc.gz``,
   ``.jsonl``...; hidden files left out), like ``chronicle ingest`` does locally.
2. ``binaryFiles`` hands each file's bytes to an executor, which reads it with Chronicle's own
   readers (``chronicle.ingest.upload.read_bytes``) into documents, one per page, line or entry,
   and applies the pipeline's per-document gates (size, language: ``pipeline.document_gate``).
3. The pipeline's duplicate gate needs the documents in reading order: each document's
   fingerprint (a hash and a MinHash, ~1 KB) goes to the driver, which checks them in order
   against one shared index (``duplicate_gate``, the same ``pipeline.Gates`` a local run uses)
   and broadcasts the verdicts. The driver's memory grows with the number of distinct documents.
4. The documents are spread evenly over the cluster (a 25 MB WARC is one file but 700 pages) and
   extracted in ``mapPartitions`` through ``pipeline.extract_isolated``, in batches of 16. The
   spaCy pipeline is loaded once per Python worker process (``get_nlp`` is cached per process and
   Spark reuses its Python workers), never per record. If a batch fails, its documents are
   retried one by one, so one bad document fails alone.
5. Every record is flattened into the rows a store writes for it (``chronicle.store.rows``:
   ``articles``, ``actors``, ``actor_names``, ``quotes``, ``times``, ``events``, ``positions``,
   the same columns, JSON columns as JSON strings), written as Parquet partitioned by
   ``published_month`` ("YYYY-MM", or "unknown" without a publication date). ``articles.record``
   holds the full ``Article.to_dict()`` as JSON, which is what ``load_parquet`` loads. Every
   input that was not read or not extracted is a row of ``errors`` (source, stage, reason, a
   sample of the input).

The job never stops on a bad input, and with the same ``Options`` it keeps, skips and fails the
same documents for the same reasons as ``chronicle ingest`` (tests/test_doors.py).

DOCS: docs/scaling.md
"""
from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from chronicle.ingest.dedupe import fingerprint
from chronicle.ingest.upload import read_bytes, source_name
from chronicle.pipeline import Gates, Options, dated, document_gate, extract_isolated
from chronicle.records import Article, Document, Skipped
from chronicle.store.rows import KINDS, json_text
from chronicle.store.rows import TABLES as RECORD_TABLES
from chronicle.store.rows import article_rows as store_rows

__all__ = ["run_spark_job", "TABLES", "COLUMNS", "read_bytes", "extract_partition", "article_rows",
           "published_month", "spark_schema"]

BATCH_SIZE = 16
SAMPLE_CHARS = 500  # how much of a failed input the errors table keeps
UNKNOWN_MONTH = "unknown"

# The store's tables (chronicle.store.rows), then the inputs not read or not extracted.
TABLES = RECORD_TABLES + ("errors",)


# --------------------------------------------------------------------------------------------
# Table layout: the store's tables and columns (chronicle.store.rows), by publication month
# --------------------------------------------------------------------------------------------
# Column kinds: "string", "long", "double", "boolean", "json" (a JSON string: lists, objects).

COLUMNS: dict[str, list[tuple[str, str]]] = {
    **{table: [*KINDS[table].items(), ("published_month", "string")] for table in RECORD_TABLES},
    "errors": [
        ("source", "string"), ("stage", "string"), ("reason", "string"), ("failed", "boolean"),
        ("sample", "string"),
    ],
}


def published_month(published: Optional[str]) -> str:
    """"YYYY-MM" of an ISO date, or "unknown"."""
    return published[:7] if published and len(published) >= 7 else UNKNOWN_MONTH


def article_rows(article: Article) -> Iterator[tuple[str, tuple]]:
    """``(table, row)`` for one record: the rows a store writes for it (``chronicle.store.rows``),
    JSON columns as JSON strings, each followed by its ``published_month``.

    Rows are tuples in the order of ``COLUMNS[table]``.
    """
    month = published_month(article.published)
    for table, rows in store_rows(article).items():
        doubles = [i for i, kind in enumerate(KINDS[table].values()) if kind == "double"]
        for row in rows:
            row = list(json_text(table, row))
            for i in doubles:  # Spark's DoubleType refuses a Python int
                row[i] = None if row[i] is None else float(row[i])
            yield table, (*row, month)


def error_row(source: str, stage: str, reason: str, failed: bool = True, sample: str = "") -> tuple:
    return source, stage, reason, failed, (sample or "")[:SAMPLE_CHARS]


def spark_schema(table: str):
    """The Spark ``StructType`` of one table, from the kinds of ``COLUMNS[table]``."""
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    types = {"string": StringType(), "json": StringType(), "long": LongType(), "double": DoubleType(),
             "boolean": BooleanType()}
    return StructType([StructField(name, types[kind], True) for name, kind in COLUMNS[table]])


# --------------------------------------------------------------------------------------------
# Reading (runs on the executors)
# --------------------------------------------------------------------------------------------

def read_partition(files: Iterable[tuple[str, bytes]], options: Options,
                   file_order: Optional[dict[str, int]] = None) -> Iterator[tuple[str, Any]]:
    """Steps 1 and 2 of the pipeline for one partition of input files, minus the duplicate gate.

    RETURNS: ``("doc", (order, document, fingerprint))`` for each document that passed the size
        and language gates, where ``order`` is ``(file's place in file_order, uri, n)``: the
        reading order of a local run;
        ``("errors", row)`` for each one not read or gated out.
    """
    near = options.near_duplicate is not None
    file_order = file_order or {}
    for uri, data in files:
        place = file_order.get(uri, len(file_order))
        sample = bytes(data[:SAMPLE_CHARS]).decode("utf-8", "replace")
        try:
            for n, document in enumerate(read_bytes(uri, data)):
                if isinstance(document, Skipped):
                    yield "errors", skipped_row(document, sample)
                    continue
                document = dated(document, options.published)
                rejected = document_gate(document, options)
                if rejected is not None:
                    yield "errors", skipped_row(rejected, document.text)
                    continue
                yield "doc", ((place, uri, n), document, fingerprint(document.text, near))
        except Exception as exc:  # a reader bug must cost this file only
            yield "errors", error_row(source_name(uri), "read", f"reading failed: {type(exc).__name__}: {exc}", True, sample)


def duplicate_gate(prints: list[tuple[tuple, str, tuple]], options: Options) -> dict[tuple, Skipped]:
    """The pipeline's duplicate gate over the whole input, on the driver: each document's
    fingerprint checked in reading order against one shared index, as a local run checks them.

    prints: ``(order, source, fingerprint)`` of every document that passed the other gates.
    RETURNS: the rejected documents by ``order``, each with its reason.
    """
    gates = Gates(options)
    rejected = {}
    for order, source, print_ in sorted(prints, key=lambda p: p[0]):
        skipped = gates.check_duplicate(source, print_)
        if skipped is not None:
            rejected[order] = skipped
    return rejected


def skipped_row(skipped: Skipped, sample: str = "") -> tuple:
    return error_row(skipped.source, skipped.stage, skipped.reason, skipped.failed, sample)


# --------------------------------------------------------------------------------------------
# Extraction (runs on the executors)
# --------------------------------------------------------------------------------------------

def extract_partition(documents: Iterable[Document], batch_size: int = BATCH_SIZE,
                      clean: bool = True) -> Iterator[tuple[str, tuple]]:
    """Step 3 of the pipeline on one partition: ``(table, row)`` of every record, and an
    ``errors`` row for each document whose extraction failed (alone: see ``extract_isolated``)."""
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from _rows_of(batch, clean)
            batch = []
    if batch:
        yield from _rows_of(batch, clean)


def _rows_of(batch: list[Document], clean: bool) -> Iterator[tuple[str, tuple]]:
    for document, outcome in zip(batch, extract_isolated(batch, clean)):  # one outcome per document
        if isinstance(outcome, Skipped):
            yield "errors", skipped_row(outcome, document.text)
        else:
            yield from article_rows(outcome)


def _after_duplicate_gate(tagged: tuple[str, Any], rejected: dict[tuple, Skipped]) -> Iterator[tuple[str, Any]]:
    tag, value = tagged
    if tag != "doc":
        yield tagged
    elif value[0] in rejected:
        yield "errors", skipped_row(rejected[value[0]], value[1].text)
    else:
        yield "doc", value[1]


# --------------------------------------------------------------------------------------------
# The driver
# --------------------------------------------------------------------------------------------

def _hidden(name: str) -> bool:
    return name.startswith((".", "_"))


def expand_inputs(spark, inputs: list[str]) -> tuple[list[str], list[tuple]]:
    """The files to read (URIs, in the order ``chronicle ingest`` reads them), and error rows for
    inputs that are missing or skipped.

    Directories are walked recursively; files named explicitly are read whatever their name;
    files found in a directory are read when ``chronicle ingest`` would read them (by extension),
    hidden ones (".x", "_x") are left out. Globs ("/data/*/2024-*.warc.gz") are expanded.
    """
    from chronicle.ingest.files import TEXT_SUFFIXES, _not_text_suffix, _web_suffix

    sc = spark.sparkContext
    jvm, conf = sc._jvm, sc._jsc.hadoopConfiguration()
    files, errors = [], []
    for given in inputs:
        path = jvm.org.apache.hadoop.fs.Path(given)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if not statuses:
            errors.append(error_row(given, "read", f"Can't read {given}: no such file or directory. Check the path.", True))
            continue
        for status in statuses:
            if not status.isDirectory():
                files.append(status.getPath().toString())
                continue
            root = status.getPath().toString().rstrip("/")
            found = fs.listFiles(status.getPath(), True)
            in_folder = []
            while found.hasNext():
                uri = found.next().getPath().toString()
                relative = uri[len(root):].lstrip("/").split("/")
                if any(_hidden(part) for part in relative):
                    continue
                name = relative[-1]
                if posixpath.splitext(name)[1].lower() in TEXT_SUFFIXES or _web_suffix(name):
                    in_folder.append((walk_order(relative), uri))
                else:
                    skipped = _not_text_suffix(Path(source_name(uri)))
                    errors.append(error_row(source_name(uri), "read", skipped.reason, False))
            files += [uri for _, uri in sorted(in_folder)]
    return list(dict.fromkeys(files)), errors


def walk_order(parts: list[str]) -> tuple:
    """The sort key that puts a folder's files in the order ``chronicle ingest`` reads them
    (``os.walk``, sorted): a folder's own files first, then each sub-folder's, by name."""
    return tuple((1, part) for part in parts[:-1]) + ((0, parts[-1]),)


def get_spark(master: Optional[str] = "local[2]", app_name: str = "chronicle", config: Optional[dict] = None):
    """A SparkSession; ``master=None`` keeps what spark-submit configured.

    In local mode the Python workers run this interpreter (``PYSPARK_PYTHON`` unless set), so
    they import the same Chronicle and spaCy model as the driver.
    """
    from pyspark.sql import SparkSession

    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings_ = {"spark.ui.showConsoleProgress": "false", "spark.python.worker.reuse": "true"}
    settings_.update(config or {})
    for key, value in settings_.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run_spark_job(inputs: list[str], out_dir: str, master: Optional[str] = "local[2]", options: Options = Options(),
                  *, spark=None, partitions: Optional[int] = None) -> dict[str, int]:
    """Read ``inputs``, extract records on the cluster, write Parquet tables under ``out_dir``.

    inputs (list[str]): files, directories or globs; local paths or Hadoop FS URIs
        (hdfs://, s3a://, gs://, file://).
    out_dir (str): where the tables go: ``out_dir/articles``, ``out_dir/quotes``, ... (replaced
        if they exist), partitioned by ``published_month``; ``out_dir/errors`` unpartitioned.
    master (str | None): the Spark master ("local[2]", "yarn", "spark://host:7077",
        "k8s://https://..."); None keeps spark-submit's. Ignored when ``spark`` is given.
    options (Options): the pipeline's options, as for ``chronicle ingest``: the given
        publication date, the languages, the near-duplicate threshold (None: exact copies only).
    spark (SparkSession | None): a session to use (and leave running); else one is made and stopped.
    partitions (int | None): how many tasks extract; defaults to 2 x the default parallelism.
    RETURNS (dict[str, int]): rows written per table, and "failed": error rows that are failures.
    """
    from pyspark import StorageLevel

    own = spark is None
    if own:
        spark = get_spark(master)
    sc = spark.sparkContext
    try:
        files, input_errors = expand_inputs(spark, list(inputs))
        parallelism = max(sc.defaultParallelism, 1)
        partitions = partitions or 2 * parallelism
        if files:
            raw = sc.binaryFiles(",".join(files), minPartitions=parallelism)
        else:
            raw = sc.emptyRDD()
        file_order = {uri: place for place, uri in enumerate(files)}
        read = raw.mapPartitions(lambda it: read_partition(it, options, file_order)).persist(StorageLevel.MEMORY_AND_DISK)
        # The duplicate gate needs every document's fingerprint in reading order: they go to the
        # driver (~1 KB each), are checked against one index there, and the verdicts come back.
        prints = read.filter(lambda t: t[0] == "doc").map(lambda t: (t[1][0], t[1][1].source, t[1][2])).collect()
        rejected = sc.broadcast(duplicate_gate(prints, options))
        gated = read.flatMap(lambda t: _after_duplicate_gate(t, rejected.value))
        documents = gated.filter(lambda t: t[0] == "doc").map(lambda t: t[1])
        rows = documents.repartition(partitions).mapPartitions(
            lambda it: extract_partition(it, options.batch_size, options.clean))
        rows = rows.union(gated.filter(lambda t: t[0] == "errors"))
        if input_errors:
            rows = rows.union(sc.parallelize([("errors", row) for row in input_errors], 1))
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
        counts = {table: 0 for table in TABLES}
        counts["failed"] = 0
        # One pass runs the extraction (and fills the cache): rows per table, failures apart.
        for key, n in rows.map(lambda t: ("failed" if t[0] == "errors" and t[1][3] else t[0], 1)).countByKey().items():
            counts[key] += n
        counts["errors"] += counts["failed"]
        base = out_dir.rstrip("/")
        for table in TABLES:
            table_rows = rows.filter(lambda t, name=table: t[0] == name).map(lambda t: t[1])
            frame = spark.createDataFrame(table_rows, spark_schema(table))
            if table == "errors":
                frame.coalesce(1).write.mode("overwrite").parquet(f"{base}/{table}")
            else:
                frame.write.mode("overwrite").partitionBy("published_month").parquet(f"{base}/{table}")
        rows.unpersist()
        read.unpersist()
        return dict(counts)
    finally:
        if own:
            spark.stop()
