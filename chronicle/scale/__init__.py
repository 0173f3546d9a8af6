"""Beyond one machine: Chronicle's extraction as a Spark job writing Parquet, and loading it back.

* ``chronicle.scale.spark.run_spark_job(inputs, out_dir, master=...)`` reads text, HTML, JSONL,
  feed and WARC files from local paths or any Hadoop file system URI, extracts records on the
  executors (the spaCy pipeline loaded once per Python worker) and writes Parquet tables
  ``articles``, ``actors``, ``actor_names``, ``quotes``, ``times``, ``events``, ``positions`` (the
  store's tables and columns, from ``chronicle.store.rows``; partitioned by
  ``published_month``) and ``errors``.
* ``python -m chronicle.scale.job`` (or ``spark-submit chronicle/scale/job.py``) runs it.
* ``chronicle.scale.parquet.load_parquet(dir, store)`` loads the tables into a store,
  idempotently. It needs pyarrow, not Spark.

DOCS: docs/scaling.md
"""
