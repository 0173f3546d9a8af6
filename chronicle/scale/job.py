"""The Spark job's entry point, for spark-submit or ``python -m chronicle.scale.job``.

    spark-submit --master yarn --deploy-mode cluster chronicle/scale/job.py \\
        hdfs:///news/2024/ --out hdfs:///chronicle/2024

Without ``--master`` the master is spark-submit's (``local[*]`` when run with plain python).
Prints the rows written per table as JSON; exits 1 when some input failed (see the errors
table), 0 otherwise, like ``chronicle ingest``.

DOCS: docs/scaling.md
"""
from __future__ import annotations

import argparse
import json
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="chronicle-spark", description="Extract Chronicle records with Spark into Parquet tables.")
    parser.add_argument("inputs", nargs="+", help="files, directories or globs; local paths or Hadoop FS URIs")
    parser.add_argument("--out", required=True, help="output directory (local path or Hadoop FS URI)")
    parser.add_argument("--master", default=None, help="Spark master URL; default: spark-submit's")
    parser.add_argument("--published", default=None, help="publication date (YYYY-MM-DD) for every input")
    parser.add_argument("--lang", default="en", help="languages to process, comma-separated")
    parser.add_argument("--near-duplicate", type=float, default=0.8,
                        help="similarity above which a document is a near duplicate of an earlier one; 0 keeps them")
    parser.add_argument("--partitions", type=int, default=None, help="extraction tasks (default 2 x parallelism)")
    args = parser.parse_args(argv)

    from chronicle.pipeline import Options
    from chronicle.scale.spark import run_spark_job

    try:
        options = Options(published=args.published, languages=tuple(args.lang.split(",")),
                          near_duplicate=args.near_duplicate or None)
    except ValueError as exc:
        parser.error(str(exc))
    counts = run_spark_job(args.inputs, args.out, master=args.master, options=options, partitions=args.partitions)
    print(json.dumps(counts, sort_keys=True))
    return 1 if counts.get("failed") else 0


if __name__ == "__main__":
    sys.exit(main())
