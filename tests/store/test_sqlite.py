"""What is SQLite's own in the embedded store (chronicle.store.sqlite): the file, PRAGMAs, FTS5
and its fallback, and crashes. The behaviour both backends share is in test_store.py.

Fixtures: here ``store`` is always a SQLite Store on a temporary file (``filled`` likewise).
"""
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.store import sqlite as sqlite_store
from chronicle.store.sqlite import SCHEMA_VERSION, Store

needs_fts5 = pytest.mark.skipif(
    not sqlite_store.fts5_available(), reason="this sqlite3 library has no FTS5"
)

TABLES = {"articles", "actors", "actor_names", "quotes", "times", "events"}


@pytest.fixture
def store(db_path):
    with Store(db_path) as store:
        yield store


def ids(rows):
    return [(row["article_id"], row["quote_id"]) for row in rows]


def empty_counts():
    return {"articles": 0, "actors": 0, "actor_names": 0, "actor_words": 0, "quotes": 0, "times": 0, "events": 0,
            "positions": 0}


# -- the file ----------------------------------------------------------------------------------

def test_opening_a_missing_file_creates_it_with_the_schema(tmp_path):
    path = tmp_path / "sub" / "new.db"
    with Store(path) as store:
        assert path.exists()
        names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
        assert TABLES <= names
        assert store.schema_version == SCHEMA_VERSION == 3
        assert store.stats() == empty_counts()


def test_the_tables_have_the_columns_and_kinds_of_chronicle_store_rows(store):
    from chronicle.store.rows import KINDS

    types = {"string": "TEXT", "long": "INTEGER", "double": "REAL", "json": "TEXT"}
    for table, kinds in KINDS.items():
        info = store.conn.execute(f"PRAGMA table_info({table})").fetchall()  # fixed table names
        assert [(row["name"], row["type"]) for row in info] == [(c, types[k]) for c, k in kinds.items()]


def test_the_schema_version_is_in_user_version(store):
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 3


def test_connections_run_in_wal_mode(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@needs_fts5
def test_full_text_search_uses_fts5_when_sqlite_has_it(store):
    assert store.fts is True
    names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"quotes_fts", "articles_fts"} <= names


@needs_fts5
def test_the_article_text_and_title_are_full_text_indexed(filled):
    rows = filled.conn.execute(
        "SELECT article_id FROM articles_fts WHERE articles_fts MATCH ? ORDER BY article_id",
        ('"talks"',),
    ).fetchall()
    assert [row[0] for row in rows] == ["a1", "b2"]
    rows = filled.conn.execute(
        "SELECT article_id FROM articles_fts WHERE articles_fts MATCH ?", ('"Crimea"',)
    ).fetchall()
    assert [row[0] for row in rows] == ["a1"]


def test_a_database_from_a_newer_chronicle_is_refused(db_path):
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(RuntimeError, match="schema version 99"):
        Store(db_path)


# -- all or nothing ----------------------------------------------------------------------------

def test_an_error_after_the_article_row_leaves_nothing_of_the_article(store, kyiv):
    # SQLite refuses the first quote row, after the article, actor and name rows went in.
    store.conn.execute(
        "CREATE TEMP TRIGGER fail BEFORE INSERT ON quotes"
        " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="disk on fire"):
        store.add(kyiv)
    assert store.get("a1") is None
    assert store.stats() == empty_counts()

    store.conn.execute("DROP TRIGGER temp.fail")
    assert store.add(kyiv) is True
    assert store.get("a1") == kyiv


def test_a_process_killed_mid_add_leaves_nothing_of_the_article(db_path, kyiv):
    script = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from conftest import make_kyiv
from chronicle.records import Article
from chronicle.store import sqlite as sqlite_store

store = sqlite_store.Store({str(db_path)!r})
insert = sqlite_store.Store._insert
sqlite_store.Store._insert = lambda self, table, rows: os._exit(3) if table == "quotes" else insert(self, table, rows)
# (dies after the article and its actors are written)
store.add(make_kyiv())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    with Store(db_path) as store:
        assert store.stats() == empty_counts()
        assert store.add(kyiv) is True
        assert store.get("a1") == kyiv


def test_without_fts5_contains_falls_back_to_like(tmp_path, monkeypatch, kyiv, bbc):
    monkeypatch.setattr(sqlite_store, "fts5_available", lambda: False)
    with Store(tmp_path / "plain.db") as store:
        store.add(kyiv)
        store.add(bbc)
        assert store.fts is False
        names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
        assert "quotes_fts" not in names
        assert ids(store.quotes(contains="TALKS")) == [("a1", "q2"), ("a1", "q3"), ("b2", "q1")]
        assert ids(store.quotes(contains="no talks")) == [("a1", "q2")]
        assert store.quotes(contains="%") == []


def test_like_wildcards_in_contains_are_literal_without_fts5(tmp_path, monkeypatch, tricky, kyiv):
    monkeypatch.setattr(sqlite_store, "fts5_available", lambda: False)
    with Store(tmp_path / "plain.db") as store:
        store.add(tricky)
        store.add(kyiv)
        assert ids(store.quotes(contains="it_was")) == [("c3'; DROP TABLE articles; --", "q'1")]
        assert store.quotes(contains="it_wa_") == []
        assert ids(store.quotes(contains='100% "sure"')) == [
            ("c3'; DROP TABLE articles; --", "q'1"),
        ]


def test_foreign_keys_are_on(store):
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_schema_is_intact_after_hostile_input(store, tricky):
    store.add(tricky)
    assert {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")} >= TABLES


# -- check -------------------------------------------------------------------------------------

@needs_fts5
def test_check_finds_quotes_missing_from_the_full_text_index(filled):
    filled.conn.execute("DELETE FROM quotes_fts WHERE article_id = 'a1' AND quote_id = 'q1'")
    assert filled.check() == ["quotes_fts: 1 row(s) of quotes are not indexed"]


def test_check_finds_rows_without_their_article(filled):
    filled.conn.execute("PRAGMA foreign_keys = OFF")
    filled.conn.execute(
        "INSERT INTO times (article_id, time_id, seq, text, type, span_start, span_end)"
        " VALUES ('gone', 't1', 0, 'today', 'DATE', 0, 5)"
    )
    problems = filled.check()
    assert "times: 1 row(s) whose article is not in articles" in problems
    assert any(p.startswith("foreign key: times row") for p in problems)


def test_check_reports_an_old_schema_version(filled):
    filled.conn.execute("PRAGMA user_version = 1")
    assert filled.check() == ["schema version is 1, expected 3"]
