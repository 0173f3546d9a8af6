"""Crash safety: ``chronicle ingest`` killed with SIGKILL part way leaves no half-written
article, and running it again finishes the job with exactly what an uninterrupted run stores.

The ingest command extracts in batches of 16 (so 40 articles: three batches) and stores each
article in its own transaction; the kill, as soon as two articles are in the file, lands while
the first batch is being stored (in practice after 3 to 5 articles). A kill inside one article's
transaction is tested in tests/store (test_a_process_killed_mid_add_leaves_nothing_of_the_article).
"""
import os
import signal
import sqlite3
import subprocess
import sys
import time

from chronicle.store.sqlite import Store

PEOPLE = ["Olena Kovalenko", "Marek Nowak", "Amira Haddad", "Jonas Berg", "Lucia Moretti",
          "Tomas Horak", "Ines Duarte", "Kwame Mensah", "Hana Sato", "Pavel Ivanov"]
PLACES = ["Lviv", "Gdansk", "Beirut", "Oslo", "Naples", "Brno", "Porto", "Accra", "Osaka", "Tartu"]
TOPICS = ["the new bridge", "grain exports", "the port strike", "power cuts", "the harbour fees",
          "rail repairs", "school funding", "the fishing quota", "water prices", "the border crossing"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
N = 40  # three extraction batches of the CLI (16, 16, 8)


def article(i: int) -> str:
    person, place, topic = PEOPLE[i % 10], PLACES[(i * 3 + 1) % 10], TOPICS[(i * 7 + 2) % 10]
    other = PEOPLE[(i + 5) % 10]
    return (
        f"Report {i} from {place}.\n\n"
        f"{person}, the mayor of {place}, said on {DAYS[i % 5]} that {topic} would cost "
        f"{i + 3} million euros. \"We cannot wait another {i + 2} weeks,\" {person} told reporters. "
        f"{other} criticised the plan for {topic} and asked for a vote in {place}. "
        f"Officials expect a decision about {topic} before the end of month {i % 12 + 1}.\n"
    )


def ingest(folder, db, **kwargs):
    return subprocess.Popen(
        [sys.executable, "-m", "chronicle.cli", "ingest", str(folder), "--db", str(db),
         "--published", "2024-03-01"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs,
    )


def stored_count(db) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    except sqlite3.OperationalError:
        return 0
    try:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # no file or no schema yet
        return 0
    finally:
        conn.close()


def content(db) -> dict[str, dict]:
    with Store(db) as store:
        return {row["id"]: store.get(row["id"]).to_dict() for row in store.articles(limit=None)}


def assert_whole(db) -> None:
    """Every stored article has exactly the rows its record lists."""
    with Store(db) as store:
        assert store.check() == []
        for row in store.articles(limit=None):
            record = store.get(row["id"]).to_dict()
            for kind in ("actors", "quotes", "times", "events"):
                assert row[kind] == len(record[kind]), (row["id"], kind)
            positions = store.conn.execute(
                "SELECT count(*) FROM positions WHERE article_id = ?", (row["id"],)).fetchone()[0]
            assert positions == len(record["positions"])


def test_a_killed_ingest_leaves_whole_articles_and_resumes_to_the_same_store(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(N):
        (folder / f"{i:02d}.txt").write_text(article(i), encoding="utf-8")

    # The reference: one uninterrupted run.
    reference = tmp_path / "reference.db"
    done = ingest(folder, reference)
    _, stderr = done.communicate(timeout=120)
    assert done.returncode == 0, stderr.decode()
    expected = content(reference)
    assert len(expected) == N

    # Killed as soon as a few articles are stored.
    db = tmp_path / "killed.db"
    victim = ingest(folder, db)
    deadline = time.monotonic() + 90
    while stored_count(db) < 2:
        assert victim.poll() is None, "ingest ended before it could be killed"
        assert time.monotonic() < deadline, "no articles stored within 90 s"
        time.sleep(0.02)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL
    victim.stderr.close()

    partial = content(db)
    assert 2 <= len(partial) < N, "the kill should land part way"
    assert all(expected[i] == record for i, record in partial.items())
    assert_whole(db)
    print(f"killed after {len(partial)} of {N} articles")

    # Running it again stores the rest, and ends as the uninterrupted run did.
    again = ingest(folder, db)
    _, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr.decode()
    assert_whole(db)
    assert content(db) == expected
