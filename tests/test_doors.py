"""One corpus through every door: the CLI, the API's write route and the Spark job store the same
articles, with the same records, and skip or fail the same inputs for the same reasons.

The corpus mixes text, HTML, WARC and JSON Lines, with an exact duplicate, a near duplicate (the
WARC's second page is its first with one word changed), a German article, an oversized file, a
binary file and a broken JSON line.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chronicle import settings
from chronicle.cli import app as cli_app
from chronicle.store import open_store
from tests.ingest.test_warc import write_warc
from tests.ingest.webpages import BODY, article_page
from tests.scale.test_spark import _REASON as SPARK_MISSING
from tests.scale.test_spark import spark  # noqa: F401  (the session's Spark fixture)

TOKEN = "doors-token"
STORY = ("Library reopens after flood\n\nThe city library reopened on Thursday after a flood in January damaged "
         "its basement, the director said. About 3,000 books were lost, and volunteers helped to dry the rest.\n")
JSONL = [
    {"title": "Farmers protest fuel prices", "published": "2023-02-10", "url": "https://news.example.com/farmers",
     "text": "Hundreds of farmers drove tractors into the capital on Friday to protest against fuel prices, police "
             "said. The agriculture minister said she would meet their leaders next week."},
    {"title": "Bauern protestieren", "text": "Hunderte Bauern fuhren am Freitag mit Traktoren in die Hauptstadt, um gegen "
             "die hohen Treibstoffpreise zu protestieren, teilte die Polizei mit. Die Ministerin sagte, sie werde sich "
             "in der nächsten Woche mit den Vertretern der Bauern treffen."},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("doors")
    (root / "a_story.txt").write_text(STORY, encoding="utf-8")
    (root / "b_copy.txt").write_text(STORY, encoding="utf-8")  # an exact duplicate
    # Another copy in a sub-folder whose name sorts first: a folder's own files are read before
    # its sub-folders', so through every door this is the copy, not a_story.txt.
    (root / "a_folder").mkdir()
    (root / "a_folder" / "copy.txt").write_text(STORY, encoding="utf-8")
    museum = [p.replace("tram", "museum").replace("council", "museum board") for p in BODY]
    (root / "c_page.html").write_text(article_page(title="Museum opens a new wing", body=museum), encoding="utf-8")
    write_warc(root / "d_crawl.warc.gz")  # two pages (the second a near duplicate), request, image, metadata
    (root / "e_dump.jsonl").write_text("".join(json.dumps(line) + "\n" for line in JSONL) + "{not json\n", encoding="utf-8")
    (root / "f_huge.txt").write_text("word " * (settings.MAX_ARTICLE_CHARS // 5 + 10), encoding="utf-8")  # one long line
    (root / "g_binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x03\x04" + bytes(range(256)) * 4)
    return root


def _stored(db: Path) -> dict[str, dict]:
    with open_store(str(db)) as store:
        return {row["id"]: store.get(row["id"]).to_dict() for row in store.articles(limit=None)}


def _reasons_in_summary(output: str) -> set[tuple[str, str, bool]]:
    """``(source, reason, failed)`` from the closing summary of ``chronicle ingest``."""
    found = set()
    for line in output.splitlines():
        for label, failed in (("  skipped ", False), ("  failed ", True)):
            if line.startswith(label):
                source, reason = line[len(label):].split(": ", 1)
                found.add((source, reason, failed))
    return found


@pytest.fixture(scope="module")
def through_cli(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "cli.db"
    result = CliRunner().invoke(cli_app, ["ingest", str(corpus), "--db", str(db)], env={"COLUMNS": "2000"})
    assert result.exit_code == 1, result.output  # some inputs failed
    return _stored(db), _reasons_in_summary(result.output)


@pytest.fixture(scope="module")
def through_api(corpus, tmp_path_factory):
    from chronicle.api import create_app

    db = tmp_path_factory.mktemp("api") / "api.db"
    client = TestClient(create_app(db, write_token=TOKEN))
    reasons = set()
    # The order `chronicle ingest` reads a folder in: its own files, then each sub-folder's.
    files = sorted(p for p in corpus.iterdir() if p.is_file()) + sorted(corpus.glob("*/*"))
    for path in files:
        response = client.post("/api/files", params={"name": str(path)}, content=path.read_bytes(),
                               headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        reasons |= {(r["source"], r["skipped"], r["failed"]) for r in response.json()["results"] if "skipped" in r}
    return _stored(db), reasons


@pytest.fixture(scope="module")
def through_spark(spark, corpus, tmp_path_factory):  # noqa: F811
    from chronicle.scale.parquet import load_parquet, read_errors
    from chronicle.scale.spark import run_spark_job

    out = tmp_path_factory.mktemp("spark-doors")
    run_spark_job([str(corpus)], str(out), spark=spark, partitions=2)
    db = out.parent / "spark.db"
    with open_store(str(db)) as store:
        load_parquet(str(out), store)
    return _stored(db), {(row["source"], row["reason"], row["failed"]) for row in read_errors(str(out))}


def test_the_cli_keeps_four_articles_and_says_why_not_the_rest(through_cli, corpus):
    articles, reasons = through_cli
    assert sorted(a["title"] for a in articles.values()) == [
        "Council approves tram extension to northern districts", "Farmers protest fuel prices",
        "Library reopens after flood", "Museum opens a new wing"]
    by_kind = " | ".join(sorted(reason for _, reason, _ in reasons))
    for expected in ("exact duplicate of", "near duplicate of", "language 'de' is not among en",
                     "too long for one article", "looks binary", "line 3 is not valid JSON"):
        assert expected in by_kind, by_kind
    for copy in (corpus / "b_copy.txt", corpus / "a_folder" / "copy.txt"):
        assert (str(copy), f"exact duplicate of {corpus / 'a_story.txt'}", False) in reasons


def test_the_api_write_route_gives_what_the_cli_gives(through_cli, through_api):
    assert through_api[0] == through_cli[0]
    assert through_api[1] == through_cli[1]


@pytest.mark.skipif(SPARK_MISSING is not None, reason=f"Spark tests skipped: {SPARK_MISSING}")
def test_the_spark_job_gives_what_the_cli_gives(through_cli, through_spark):
    assert through_spark[0] == through_cli[0]
    assert through_spark[1] == through_cli[1]


def test_a_posted_article_goes_through_the_same_gates(tmp_path):
    from chronicle.api import create_app

    client = TestClient(create_app(tmp_path / "x.db", write_token=TOKEN))
    headers = {"Authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/articles", json={"text": STORY, "source": "one"}, headers=headers)
    assert first.status_code == 201 and first.json()["stored"] is True
    copy = client.post("/api/articles", json={"text": STORY.replace("dry the rest", "dry the others"), "source": "two"}, headers=headers)
    assert copy.status_code == 200 and copy.json()["skipped"] == "near duplicate of one"
    german = client.post("/api/articles", json={"text": JSONL[1]["text"], "source": "three"}, headers=headers)
    assert german.status_code == 200 and german.json()["skipped"].startswith("language 'de'")


def test_a_posted_article_with_a_lone_surrogate_is_stored_with_it_replaced(tmp_path):
    from chronicle.api import create_app

    client = TestClient(create_app(tmp_path / "x.db", write_token=TOKEN))
    body = '{"text": "The mayor said on Monday that the bridge \\ud83d would reopen.", "source": "s\\ud800"}'
    made = client.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}",
                                                              "Content-Type": "application/json"})
    assert made.status_code == 201, made.text
    stored = client.get(made.json()["links"]["api"]).json()
    assert "\ufffd" in stored["text"] and any("surrogate" in r["reason"] for r in stored["removed"])
