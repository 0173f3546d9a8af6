"""The Spark job: same records as local extraction, failures in `errors`, Parquet by month, idempotent load.

Runs Spark in local mode (a JVM: needs pyspark and Java 17+); skipped with the reason otherwise.
One job over a small sample is shared by the tests of this module.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.records import Article

DATA = Path(__file__).resolve().parents[1] / "data"

SUBJECTS = [
    ("Angela Weber", "the German finance minister", "Germany", "the budget"),
    ("Pierre Martin", "a spokesman for the French government", "France", "the pension reform"),
    ("Maria Rossi", "Italy's interior minister", "Italy", "the migration agreement"),
]


def generated_article(name: str, role: str, country: str, issue: str) -> str:
    surname = name.split()[-1]
    return (
        f"{country} defends {issue}\n\n"
        f"{name}, {role}, said on Tuesday that {country} would not change {issue} before the summer.\n\n"
        f"\"We have made our choice and we will stand by it,\" {surname} told reporters in the capital. "
        f"\"Nobody should expect a different answer next week.\"\n\n"
        f"Opposition parties criticised the government on Wednesday and called for a vote on {issue}. "
        f"{surname} said talks with the unions would resume in March.\n"
    )


def _java_ok() -> str | None:
    """Why the Spark tests can't run here, or None when they can."""
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if importlib.util.find_spec("pyarrow") is None:
        return "pyarrow is not installed (pip install -e '.[spark]')"
    java = shutil.which("java", path=os.path.join(os.environ["JAVA_HOME"], "bin")) if os.environ.get("JAVA_HOME") else None
    java = java or shutil.which("java")
    if java is None:
        return "no Java runtime (Spark needs Java 17+): apt-get install openjdk-17-jre-headless"
    try:
        subprocess.run([java, "-version"], capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"java -version failed ({exc})"
    return None


_REASON = _java_ok()
needs_spark = pytest.mark.skipif(_REASON is not None, reason=f"Spark tests skipped: {_REASON}")


@pytest.fixture(scope="session")
def spark():
    if _REASON is not None:
        pytest.skip(f"Spark tests skipped: {_REASON}")
    from chronicle.scale.spark import get_spark

    session = get_spark("local[2]", app_name="chronicle-tests", config={
        "spark.ui.enabled": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.default.parallelism": "2",
        "spark.driver.memory": "1g",
    })
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """Inputs: the specimen, generated articles in a sub-directory, a JSONL file of 2 articles,
    a WARC of 2 pages, and a broken (binary) file."""
    from tests.ingest.test_warc import write_warc

    root = tmp_path_factory.mktemp("spark-in")
    shutil.copy(DATA / "specimen_article.txt", root / "specimen_article.txt")
    (root / "generated").mkdir()
    for i, subject in enumerate(SUBJECTS):
        (root / "generated" / f"article{i}.txt").write_text(generated_article(*subject), encoding="utf-8")
    lines = [
        {"text": generated_article("Jan Novak", "the Czech prime minister", "the Czech Republic", "the energy plan"),
         "published": "2024-03-05", "title": "Czech energy plan", "id": "cz-1"},
        {"text": "Germany announced new sanctions against Russia on Tuesday, officials said. \"This is a "
                 "necessary step,\" Chancellor Olaf Scholz told reporters in Berlin.", "published": "2024-04-02"},
    ]
    (root / "news.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    write_warc(root / "crawl.warc.gz")
    broken = root / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02\x03PK\x03\x04" + bytes(range(256)) * 4)
    return root


@pytest.fixture(scope="module")
def job(spark, sample, tmp_path_factory):
    from chronicle.scale.spark import run_spark_job

    out = tmp_path_factory.mktemp("spark-out")
    inputs = [str(sample / "specimen_article.txt"), str(sample / "generated"), str(sample / "news.jsonl"),
              str(sample / "crawl.warc.gz"), str(sample / "broken.txt")]
    counts = run_spark_job(inputs, str(out), spark=spark, partitions=3)
    return inputs, out, counts


def _local_records(inputs) -> dict[str, dict]:
    """What a local run of the pipeline (`chronicle ingest`) makes of the same inputs."""
    from chronicle.pipeline import Options, read, run
    from chronicle.records import Article

    return {a.source: a.to_dict() for a in run(read(inputs), Options()) if isinstance(a, Article)}


@needs_spark
def test_spark_records_are_identical_to_local_extraction(job):
    from chronicle.scale.parquet import iter_articles

    inputs, out, counts = job
    expected = _local_records(inputs)
    got = {a.source: a.to_dict() for a in iter_articles(str(out))}
    # The WARC's second page is a near duplicate of its first: skipped by both, for the same reason.
    assert len(expected) == 1 + len(SUBJECTS) + 2 + 1
    assert sorted(got) == sorted(expected)
    for source in expected:
        assert got[source] == expected[source], source
    assert counts["articles"] == len(expected)


@needs_spark
def test_flattened_rows_match_the_records(job):
    import pyarrow.dataset as ds

    from chronicle.scale.parquet import iter_articles

    _, out, counts = job
    records = {a.id: a for a in iter_articles(str(out))}
    quotes = ds.dataset(str(out / "quotes"), partitioning="hive").to_table().to_pylist()
    assert len(quotes) == counts["quotes"] == sum(len(a.quotes) for a in records.values()) > 0
    for row in quotes:
        article = records[row["article_id"]]
        quote = article.quotes[row["seq"]]
        assert row["quote_id"] == quote.id
        assert (row["content_start"], row["content_end"]) == quote.content_span
        assert row["content"] == quote.content_text(article.text)
    for table in ("actors", "actor_names", "times", "events", "positions"):
        rows = ds.dataset(str(out / table), partitioning="hive").to_table() if (out / table).exists() else None
        if table == "actor_names":
            expected = sum(len({x.name, *x.aliases}) for a in records.values() for x in a.actors)
        else:
            expected = sum(len(getattr(a, table)) for a in records.values())
        assert (rows.num_rows if rows is not None else 0) == expected == counts[table], table


@needs_spark
def test_parquet_rows_are_the_rows_the_store_writes(job):
    """Each table but errors holds the store's rows (chronicle.store.rows): the same columns in
    the same order, JSON columns as JSON strings, then published_month."""
    import pyarrow.dataset as ds

    from chronicle.scale.parquet import iter_articles
    from chronicle.scale.spark import published_month
    from chronicle.store.rows import COLUMNS, JSON_COLUMNS, TABLES, article_rows

    _, out, _ = job
    expected: dict[str, list] = {table: [] for table in TABLES}
    months = {}
    for article in iter_articles(str(out)):
        months[article.id] = published_month(article.published)
        for table, rows in article_rows(article).items():
            expected[table] += [dict(zip(COLUMNS[table], row)) for row in rows]
    assert all(expected.values())
    for table in TABLES:
        got = ds.dataset(str(out / table), partitioning="hive").to_table().to_pylist()
        for row in got:
            assert list(row) == [*COLUMNS[table], "published_month"], table
            assert row.pop("published_month") == months[row["id" if table == "articles" else "article_id"]]
            for column in JSON_COLUMNS[table]:
                row[column] = json.loads(row[column])
        for row in got + expected[table]:
            row.pop("added_at", None)  # when the row was made
        key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
        assert sorted(got, key=key) == sorted(expected[table], key=key), table


@needs_spark
def test_broken_input_is_in_errors_and_did_not_stop_the_job(job, sample):
    from chronicle.scale.parquet import read_errors

    _, out, counts = job
    errors = read_errors(str(out))
    failed = [e for e in errors if e["failed"]]
    assert [e["source"] for e in failed] == [str(sample / "broken.txt")]
    assert "looks binary" in failed[0]["reason"] and failed[0]["stage"] == "read"
    assert failed[0]["sample"].startswith("\x00\x01\x02\x03PK")
    assert counts["failed"] == 1
    # The WARC's request, image and metadata records are counted, not failed.
    assert any(e["source"] == str(sample / "crawl.warc.gz") and not e["failed"] for e in errors)


@needs_spark
def test_tables_are_partitioned_by_publication_month(job):
    import pyarrow.dataset as ds

    _, out, _ = job
    months = sorted(p.name for p in (out / "articles").iterdir() if p.is_dir())
    # JSONL lines of March and April 2024, the WARC's pages of their own date, the rest undated.
    assert {"published_month=2024-03", "published_month=2024-04", "published_month=unknown"} <= set(months)
    rows = ds.dataset(str(out / "articles"), partitioning="hive").to_table(
        columns=["published", "published_month"]).to_pylist()
    assert {f"published_month={(r['published'] or 'unknown')[:7]}" for r in rows} == set(months)
    assert all(r["published_month"] == (r["published"] or "unknown")[:7] for r in rows)
    assert any(p.name.endswith(".parquet") for p in (out / "articles" / "published_month=2024-03").iterdir())
    quote_months = {p.name for p in (out / "quotes").iterdir() if p.is_dir()}
    assert "published_month=2024-03" in quote_months


@needs_spark
def test_load_parquet_into_a_fresh_store_twice_is_idempotent(job, tmp_path):
    from chronicle.scale.parquet import iter_articles, load_parquet
    from chronicle.store.sqlite import Store

    _, out, counts = job
    with Store(tmp_path / "a.db") as store:
        first = load_parquet(str(out), store)
        stats = store.stats()
        second = load_parquet(str(out), store)
        assert store.stats() == stats
        stored = {a.id: store.get(a.id).to_dict() for a in iter_articles(str(out))}
    assert first == {"read": counts["articles"], "stored": counts["articles"], "already": 0}
    assert second == {"read": counts["articles"], "stored": 0, "already": counts["articles"]}
    assert stats["articles"] == counts["articles"] and stats["quotes"] == counts["quotes"]
    assert stored == {a.id: a.to_dict() for a in iter_articles(str(out))}
    with Store(tmp_path / "b.db") as other:  # a second fresh store: the same counts
        load_parquet(str(out), other)
        assert other.stats() == stats


@needs_spark
def test_job_entry_point_runs_like_spark_submit(sample, tmp_path, spark):
    """`python -m chronicle.scale.job` (what spark-submit runs): exit 1 when an input failed."""
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "chronicle.scale.job", str(sample / "generated"), str(sample / "broken.txt"),
         "--out", str(out), "--master", "local[1]", "--published", "2023-02-12"],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert counts["articles"] == len(SUBJECTS) and counts["failed"] == 1
    assert [p.name for p in (out / "articles").iterdir() if p.is_dir()] == ["published_month=2023-02"]


# Without Spark: the executor-side functions ---------------------------------------------------


def test_a_failing_batch_is_retried_one_by_one(monkeypatch):
    """One document that breaks extraction fails alone; the rest of its batch is extracted."""
    import chronicle.pipeline.extraction as extraction
    from chronicle.records import Document
    from chronicle.scale.spark import extract_partition

    real = extraction.extract_documents

    def flaky(documents, *args, **kwargs):
        documents = list(documents)
        if any("BOOM" in d.text for d in documents):
            raise RuntimeError("parser crashed")
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(extraction, "extract_documents", flaky)
    docs = [Document(source=f"s{i}", text=generated_article(*s)) for i, s in enumerate(SUBJECTS)]
    docs.insert(1, Document(source="bad", text="BOOM " * 50, published="2024-01-01"))
    rows = list(extract_partition(docs, batch_size=16))
    articles = [r for t, r in rows if t == "articles"]
    errors = [r for t, r in rows if t == "errors"]
    assert sorted(r[1] for r in articles) == ["s0", "s1", "s2"]
    assert len(errors) == 1
    source, stage, reason, failed, sample_text = errors[0]
    assert (source, stage, failed) == ("bad", "extract", True)
    assert "RuntimeError: parser crashed" in reason and sample_text.startswith("BOOM")


def test_read_bytes_names_sources_by_uri_like_the_local_readers(tmp_path):
    from chronicle.ingest.files import read_path
    from chronicle.ingest.upload import read_bytes
    from tests.ingest.test_warc import write_warc

    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    local = list(read_path(path))
    remote = list(read_bytes("hdfs://namenode/crawl/crawl.warc.gz", path.read_bytes()))
    assert len(remote) == len(local)
    for a, b in zip(local, remote):
        assert type(a) is type(b)
        assert b.source == a.source.replace(str(path), "hdfs://namenode/crawl/crawl.warc.gz")
        if hasattr(a, "text"):
            assert a.text == b.text
    file_uri = list(read_bytes(f"file:{path}", path.read_bytes()))
    assert [d.source for d in file_uri] == [d.source for d in local]


def test_published_month():
    from chronicle.scale.spark import published_month

    assert published_month("2024-03-05") == "2024-03"
    assert published_month(None) == "unknown"
    assert published_month("") == "unknown"


def test_the_parquet_tables_are_the_store_tables_by_month():
    """The store's tables, columns and kinds (chronicle.store.rows), each with published_month;
    then errors."""
    from chronicle.scale.spark import COLUMNS, TABLES
    from chronicle.store import rows

    assert TABLES == (*rows.TABLES, "errors")
    for table in rows.TABLES:
        assert COLUMNS[table] == [*rows.KINDS[table].items(), ("published_month", "string")]
    assert [name for name, _ in COLUMNS["articles"]] == [
        "id", "source", "title", "published", "text", "record", "added_at", "published_month"]
    assert COLUMNS["errors"] == [("source", "string"), ("stage", "string"), ("reason", "string"),
                                 ("failed", "boolean"), ("sample", "string")]


def test_article_rows_give_json_columns_as_json_text(specimen):
    from chronicle.scale.spark import COLUMNS, article_rows

    rows = list(article_rows(specimen))
    assert {table for table, _ in rows} == {"articles", "actors", "actor_names", "actor_words", "quotes", "times",
                                           "events", "positions"}
    for table, row in rows:
        assert len(row) == len(COLUMNS[table]) and row[-1] == "2023-02"
        for (name, kind), value in zip(COLUMNS[table], row):
            if kind == "json":
                assert isinstance(value, str) and json.loads(value) is not None, (table, name)
            elif kind == "double":
                assert isinstance(value, float), (table, name)
    [(_, article)] = [(t, r) for t, r in rows if t == "articles"]
    assert Article.from_dict(json.loads(article[5])) == specimen  # the record load_parquet reads


def test_the_job_reads_a_folder_in_the_order_chronicle_ingest_does(tmp_path):
    """Which of two copies is 'the first' depends on reading order: the driver's must be ingest's."""
    from chronicle.ingest.files import iter_documents
    from chronicle.scale.spark import walk_order

    for name in ("b.txt", "a_sub/z.txt", "a_sub/deeper/a.txt", "c/a.txt", "a.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"The mayor said {name} opened.", encoding="utf-8")
    local = [str(Path(d.source).relative_to(tmp_path)) for d in iter_documents([str(tmp_path)])]
    assert sorted(local, key=lambda rel: walk_order(rel.split("/"))) == local
    assert local == ["a.txt", "b.txt", "a_sub/z.txt", "a_sub/deeper/a.txt", "c/a.txt"]
