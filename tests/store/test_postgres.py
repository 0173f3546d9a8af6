"""What is PostgreSQL's own in the team store (chronicle.store.postgres): its schema, versions,
full-text indexes, transactions and crashes, and answers identical to the SQLite store's.

Every test needs the server at env CHRONICLE_TEST_POSTGRES and skips without it.
"""
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from chronicle.store.sqlite import Store

from .conftest import POSTGRES_URL, make_bbc, make_kyiv, make_positions, make_tricky, needs_postgres

pytestmark = needs_postgres

if POSTGRES_URL:
    import psycopg

    from chronicle.store import postgres as pg
    from chronicle.store.postgres import SCHEMA_VERSION, PostgresStore


@pytest.fixture
def pg_store(pg_schema):
    with PostgresStore(POSTGRES_URL, schema=pg_schema) as store:
        yield store


def empty_counts():
    return {t: 0 for t in ("articles", "actors", "actor_names", "actor_words", "quotes", "times", "events",
                           "positions")}


def test_the_schema_version_is_in_its_table(pg_store):
    assert pg_store.schema_version == SCHEMA_VERSION == 3
    assert pg_store.conn.execute("SELECT version FROM schema_version").fetchall() == [{"version": 3}]


def test_the_versions_follow_the_sqlite_store():
    from chronicle.store import sqlite

    assert pg.SCHEMA_VERSION == sqlite.SCHEMA_VERSION


def test_the_tables_have_the_columns_and_kinds_of_chronicle_store_rows(pg_store, pg_schema):
    from chronicle.store.rows import KINDS

    types = {"string": "text", "long": "integer", "double": "double precision", "json": "jsonb"}
    for table, kinds in KINDS.items():
        columns = [(r["column_name"], r["data_type"]) for r in pg_store.conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position", (pg_schema, table))]
        assert columns == [(c, types[k]) for c, k in kinds.items()], table


def test_json_columns_are_jsonb_and_full_text_has_gin_indexes(pg_store, pg_schema):
    types = dict(
        (r["column_name"], r["data_type"]) for r in pg_store.conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = %s AND table_name = 'events'", (pg_schema,))
    )
    assert types["source"] == types["target"] == "jsonb"
    indexes = {r["indexname"]: r["indexdef"] for r in pg_store.conn.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = %s", (pg_schema,))}
    assert "USING gin (to_tsvector('simple'::regconfig, content))" in indexes["quotes_fts"]
    assert "USING gin" in indexes["articles_fts"]


def test_the_quote_search_uses_the_gin_index(pg_store):
    for n in range(3):
        article = make_kyiv()
        article.id = f"k{n}"
        pg_store.add(article)
    pg_store.conn.execute("SET enable_seqscan = off")  # a tiny table: make the planner show its hand
    plan = "\n".join(r["QUERY PLAN"] for r in pg_store.conn.execute(
        "EXPLAIN SELECT * FROM quotes AS q WHERE " + pg._FTS, ("no talks",)))
    assert "quotes_fts" in plan


def test_a_database_from_a_newer_chronicle_is_refused(pg_store, pg_schema):
    pg_store.conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(RuntimeError, match="schema version 99"):
        PostgresStore(POSTGRES_URL, schema=pg_schema)


def test_stores_opening_a_new_schema_at_once_migrate_it_once(pg_schema):
    errors, stores = [], []

    def open_one():
        try:
            stores.append(PostgresStore(POSTGRES_URL, schema=pg_schema))
        except Exception as exc:  # pragma: no cover - the failure being tested for
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [s.schema_version for s in stores] == [SCHEMA_VERSION] * 4
    for store in stores:
        store.close()


def test_an_error_after_the_article_row_leaves_nothing_of_the_article(pg_store, kyiv):
    pg_store.conn.execute(
        "CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$"
    )
    pg_store.conn.execute("CREATE TRIGGER fail BEFORE INSERT ON quotes FOR EACH ROW EXECUTE FUNCTION fail()")
    with pytest.raises(psycopg.Error, match="disk on fire"):
        pg_store.add(kyiv)
    assert pg_store.get("a1") is None
    assert pg_store.stats() == empty_counts()

    pg_store.conn.execute("DROP TRIGGER fail ON quotes")
    assert pg_store.add(kyiv) is True
    assert pg_store.get("a1") == kyiv


def test_a_process_killed_mid_add_leaves_nothing_of_the_article(pg_schema, kyiv):
    script = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from conftest import make_kyiv
from chronicle.store.postgres import PostgresStore

store = PostgresStore({POSTGRES_URL!r}, schema={pg_schema!r})
insert = PostgresStore._insert
PostgresStore._insert = lambda self, table, rows: os._exit(3) if table == "quotes" else insert(self, table, rows)
# (dies after the article and its actors are written)
store.add(make_kyiv())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    with PostgresStore(POSTGRES_URL, schema=pg_schema) as store:
        assert store.stats() == empty_counts()
        assert store.add(kyiv) is True
        assert store.get("a1") == kyiv


def test_every_query_answers_as_the_sqlite_store_does(pg_store, tmp_path):
    """The same records in both stores give the same rows, in the same order."""
    with Store(tmp_path / "same.db") as lite:
        for article in (make_kyiv(), make_bbc(), make_tricky(), make_positions()):
            assert lite.add(article) is pg_store.add(article) is True
        calls = [
            ("stats", {}), ("articles", {}), ("articles", {"limit": 2, "offset": 1}),
            ("quotes", {"limit": None}), ("quotes", {"speaker": "Podolyak"}),
            ("quotes", {"speaker": "Mychajlo Podolyak"}), ("quotes", {"contains": "talks"}),
            ("quotes", {"contains": "talks no"}), ("quotes", {"contains": "_"}),
            ("quotes", {"contains": "\\"}), ("quotes", {"until": "2024-03"}),
            ("quotes", {"speaker": "O'Brien"}), ("quotes", {"article": "c3'; DROP TABLE articles; --"}),
            ("actors", {}), ("actors", {"name": "Sergei Lavov"}), ("actors", {"limit": 2, "offset": 3}),
            ("events", {}), ("events", {"actor": "Russia"}), ("events", {"code": "03"}),
            ("positions", {}), ("positions", {"holder": "Russia", "issue": "negotiations"}),
            ("search_articles", {}), ("search_articles", {"q": "talks"}),
            ("search_articles", {"actor": "Podolyak"}), ("search_articles", {"q": "zebra"}),
            ("search_articles", {"q": "100%", "actor": "O'Brien"}),
            ("check", {}),
        ]
        for name, kwargs in calls:
            got, expected = getattr(pg_store, name)(**kwargs), getattr(lite, name)(**kwargs)
            if name in ("articles", "search_articles"):
                for row in got + expected:
                    row.pop("added_at")
            assert got == expected, (name, kwargs)
        for article_id in ("a1", "b2", "c3'; DROP TABLE articles; --", "p4"):
            assert pg_store.get(article_id) == lite.get(article_id)


def test_nul_characters_find_nothing_instead_of_failing(pg_store, kyiv):
    pg_store.add(kyiv)
    assert pg_store.get("a1\x00") is None
    assert "a1\x00" not in pg_store
    assert pg_store.quotes(article="a1\x00") == []
    assert isinstance(pg_store.quotes(speaker="Podol\x00jak"), list)  # name_key drops the NUL
    assert pg_store.quotes(contains="0\x00") == []
    assert [row["id"] for row in pg_store.search_articles("Crimea\x00")] == ["a1"]
    assert isinstance(pg_store.search_articles("\x00", actor="Podol\x00jak"), list)


def test_check_finds_an_invalid_or_missing_full_text_index(pg_store):
    assert pg_store.check() == []
    pg_store.conn.execute("DROP INDEX quotes_fts")
    assert pg_store.check() == ["full-text index quotes_fts is missing"]


def test_check_reports_an_old_schema_version(pg_store):
    pg_store.conn.execute("UPDATE schema_version SET version = 1")
    assert pg_store.check() == ["schema version is 1, expected 3"]


def test_the_password_never_shows(pg_store):
    if "@" in POSTGRES_URL and ":" in POSTGRES_URL.split("//", 1)[1].split("@", 1)[0]:
        password = POSTGRES_URL.split("//", 1)[1].split("@", 1)[0].split(":", 1)[1]
        assert f":{password}@" not in repr(pg_store) and f":{password}@" not in pg_store.path
        assert ":***@" in pg_store.path
    assert pg.redact("postgresql://u:secret@h:5/d") == "postgresql://u:***@h:5/d"
    assert pg.redact("postgresql://h/d") == "postgresql://h/d"


def test_a_server_that_is_not_there_gives_a_clear_error():
    with pytest.raises(RuntimeError, match="cannot connect to postgresql://u:\\*\\*\\*@127.0.0.1:9/x"):
        PostgresStore("postgresql://u:pw@127.0.0.1:9/x", connect_timeout=2)
