"""The embedded store (chronicle.store.sqlite), behaviour by behaviour.

Fixtures (conftest.py): ``store`` is an empty Store on a temporary file; ``filled`` holds two
articles, ``kyiv`` (id "a1": Mykhaylo Podoljak and Sergei Lavrov quoted on 2024-03-01) and
``bbc`` (id "b2": Mykhailo Podolyak on 2024-03-04, Zelensky on 2024-03-05, one undated quote
with no speaker); ``tricky`` is full of SQL and LIKE metacharacters.
"""
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from chronicle.records import Article
from chronicle.store import sqlite as sqlite_store
from chronicle.store.sqlite import SCHEMA_VERSION, Store

needs_fts5 = pytest.mark.skipif(
    not sqlite_store.fts5_available(), reason="this sqlite3 library has no FTS5"
)

TABLES = {"articles", "actors", "actor_names", "quotes", "times", "events"}


def ids(rows):
    return [(row["article_id"], row["quote_id"]) for row in rows]


def empty_counts():
    return {"articles": 0, "actors": 0, "actor_names": 0, "quotes": 0, "times": 0, "events": 0,
            "positions": 0}


# -- the file ----------------------------------------------------------------------------------

def test_opening_a_missing_file_creates_it_with_the_schema(tmp_path):
    path = tmp_path / "sub" / "new.db"
    with Store(path) as store:
        assert path.exists()
        names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")}
        assert TABLES <= names
        assert store.schema_version == SCHEMA_VERSION == 2
        assert store.stats() == empty_counts()


def test_the_schema_version_is_in_user_version(store):
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_connections_run_in_wal_mode(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(store):
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "INSERT INTO quotes (article_id, quote_id, seq, kind, content, content_start,"
            " content_end) VALUES ('no-such-article', 'q1', 0, 'direct', 'x', 0, 1)"
        )


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


def test_records_are_still_there_after_closing_and_reopening(db_path, kyiv):
    with Store(db_path) as store:
        store.add(kyiv)
    with Store(db_path) as store:
        assert store.get("a1") == kyiv
        assert store.add(kyiv) is False


def test_close_can_be_called_twice(db_path):
    store = Store(db_path)
    store.close()
    store.close()
    assert store.conn is None


# -- add and get -------------------------------------------------------------------------------

def test_add_returns_true_when_it_stores_the_article(store, kyiv):
    assert store.add(kyiv) is True
    assert store.stats() == {
        "articles": 1, "actors": 4, "actor_names": 5, "quotes": 3, "times": 1, "events": 1, "positions": 0,
    }


def test_adding_the_same_article_again_returns_false_and_changes_nothing(store, kyiv):
    store.add(kyiv)
    before = store.stats()
    assert store.add(kyiv) is False
    assert store.stats() == before


def test_the_first_record_of_an_id_is_kept(store, kyiv):
    store.add(kyiv)
    changed = Article.from_dict({**kyiv.to_dict(), "title": "Another title"})
    assert store.add(changed) is False
    assert store.get("a1").title == "Podoljak: no talks under fire"


def test_get_returns_the_record_that_was_added(store, kyiv, bbc):
    store.add(kyiv)
    store.add(bbc)
    assert store.get("a1").to_dict() == kyiv.to_dict()
    assert store.get("b2") == bbc  # spans come back as tuples, as in the record


def test_get_of_an_unknown_id_returns_none(store):
    assert store.get("nope") is None


def test_in_tells_whether_an_article_is_stored(filled):
    assert "a1" in filled
    assert "nope" not in filled


def test_the_evidence_text_is_stored_next_to_its_spans(filled):
    quote = filled.conn.execute(
        "SELECT speaker_text, cue_text, medium_text, content, content_start, content_end"
        " FROM quotes WHERE article_id = 'a1' AND quote_id = 'q2'"
    ).fetchone()
    assert tuple(quote) == ("Podoljak", "told", "Reuters", "There will be no talks under fire,",
                            86, 120)
    time = filled.conn.execute(
        "SELECT text, type, value, span_start, span_end FROM times WHERE article_id = 'a1'"
    ).fetchone()
    assert tuple(time) == ("Friday", "DATE", "2024-03-01", 77, 83)
    event = filled.conn.execute(
        "SELECT text, source, target, status, span_start, span_end FROM events"
    ).fetchone()
    assert tuple(event) == ("will not cede", '["act3"]', "[]", "refused", 8, 21)


def test_every_name_and_alias_gets_a_name_key(filled):
    rows = filled.conn.execute(
        "SELECT name, key FROM actor_names WHERE article_id = 'a1' AND actor_id = 'act1'"
        " ORDER BY name"
    ).fetchall()
    assert [tuple(row) for row in rows] == [
        ("Mykhaylo Podoljak", "mihailo podoliak"),
        ("Podoljak", "podoliak"),
    ]


def test_a_malformed_record_is_refused_whole(store, kyiv):
    kyiv.quotes[1].id = "q1"  # two quotes with one id
    with pytest.raises(sqlite3.IntegrityError):
        store.add(kyiv)
    assert store.stats() == empty_counts()


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


def test_a_python_exception_mid_add_leaves_nothing_of_the_article(store, kyiv, monkeypatch):
    def broken_name_key(name):
        raise KeyboardInterrupt  # interrupted while writing the actor names

    monkeypatch.setattr(sqlite_store, "name_key", broken_name_key)
    with pytest.raises(KeyboardInterrupt):
        store.add(kyiv)
    assert store.stats() == empty_counts()

    monkeypatch.undo()
    assert store.add(kyiv) is True
    assert store.stats()["quotes"] == 3


def test_a_process_killed_mid_add_leaves_nothing_of_the_article(db_path, kyiv):
    script = f"""
import os, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from conftest import make_kyiv
from chronicle.records import Article
from chronicle.store import sqlite as sqlite_store

store = sqlite_store.Store({str(db_path)!r})
sqlite_store.Store._add_quotes = lambda self, article: os._exit(3)  # dies after article + actors
store.add(make_kyiv())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    with Store(db_path) as store:
        assert store.stats() == empty_counts()
        assert store.add(kyiv) is True
        assert store.get("a1") == kyiv


def test_deleting_an_article_row_deletes_all_of_its_rows(filled):
    with filled.conn:
        filled.conn.execute("DELETE FROM articles WHERE id = 'a1'")
    assert filled.stats() == {
        "articles": 1, "actors": 2, "actor_names": 3, "quotes": 3, "times": 1, "events": 0, "positions": 0,
    }
    assert filled.quotes(contains="Crimea") == []


# -- articles and stats ------------------------------------------------------------------------

def test_articles_lists_each_article_with_its_counts_oldest_first(filled):
    rows = filled.articles()
    for row in rows:
        assert row.pop("added_at").endswith("+00:00")
    assert rows == [
        {"id": "a1", "source": "kyiv-independent", "title": "Podoljak: no talks under fire",
         "published": "2024-03-01", "actors": 4, "quotes": 3, "times": 1, "events": 1},
        {"id": "b2", "source": "bbc", "title": "Talks have failed, says Kyiv",
         "published": "2024-03-05", "actors": 2, "quotes": 3, "times": 1, "events": 0},
    ]


def test_articles_are_paginated(filled):
    assert [row["id"] for row in filled.articles(limit=1)] == ["a1"]
    assert [row["id"] for row in filled.articles(limit=1, offset=1)] == ["b2"]
    assert filled.articles(limit=1, offset=2) == []


def test_limit_and_offset_must_not_be_negative(filled):
    with pytest.raises(ValueError):
        filled.articles(limit=-1)
    with pytest.raises(ValueError):
        filled.quotes(offset=-1)


def test_stats_counts_the_rows_of_each_table(filled):
    assert filled.stats() == {
        "articles": 2, "actors": 6, "actor_names": 8, "quotes": 6, "times": 2, "events": 1, "positions": 0,
    }


# -- quotes ------------------------------------------------------------------------------------

def test_a_quote_row_carries_the_quote_its_speaker_and_its_article(filled):
    assert filled.quotes(article="a1", limit=1) == [{
        "article_id": "a1",
        "quote_id": "q1",
        "speaker": "Mykhaylo Podoljak",
        "speaker_id": "act1",
        "speaker_text": "Mykhaylo Podoljak",
        "cue": "say",
        "kind": "indirect",
        "medium": None,
        "content": "Ukraine will not cede Crimea",
        "date": "2024-03-01",
        "source": "kyiv-independent",
        "title": "Podoljak: no talks under fire",
        "content_span": [0, 28],
    }]


def test_quotes_are_ordered_by_date_then_article_then_order_in_the_article(filled):
    assert ids(filled.quotes()) == [
        ("a1", "q1"), ("a1", "q2"), ("a1", "q3"),  # 2024-03-01
        ("b2", "q1"),                              # 2024-03-04
        ("b2", "q2"),                              # 2024-03-05
        ("b2", "q3"),                              # undated: last
    ]


def test_a_quote_without_speaker_has_none_for_speaker(filled):
    [row] = filled.quotes(contains="difficult")
    assert (row["speaker"], row["speaker_id"], row["speaker_text"]) == (None, None, None)


def test_quotes_by_speaker_alias(filled):
    # "Podoljak" is an alias of act1 in a1, and a whole word of "Mykhailo Podolyak" in b2.
    assert ids(filled.quotes(speaker="Podoljak")) == [("a1", "q1"), ("a1", "q2"), ("b2", "q1")]
    assert ids(filled.quotes(speaker="Zelensky")) == [("b2", "q2")]


def test_quotes_by_speaker_in_another_transliteration(filled):
    # name_key folds y/j: "Podolyak" and "Podoljak" are one name.
    rows = filled.quotes(speaker="Podolyak")
    assert [(row["article_id"], row["quote_id"], row["speaker"]) for row in rows] == [
        ("a1", "q1", "Mykhaylo Podoljak"),
        ("a1", "q2", "Mykhaylo Podoljak"),
        ("b2", "q1", "Mykhailo Podolyak"),
    ]


def test_quotes_by_full_name_match_every_spelling(filled):
    expected = [("a1", "q1"), ("a1", "q2"), ("b2", "q1")]
    assert ids(filled.quotes(speaker="Mykhailo Podolyak")) == expected
    assert ids(filled.quotes(speaker="MYKHAYLO PODOLJAK")) == expected
    assert ids(filled.quotes(speaker="Mychajlo Podolyak")) == expected  # no key hit: fuzzy


def test_quotes_by_speaker_ignore_honorifics(filled):
    assert ids(filled.quotes(speaker="President Zelensky")) == [("b2", "q2")]


def test_quotes_by_speaker_tolerate_a_typo(filled):
    # No name key equals or contains "podolik"; same_name finds "Podoljak" close enough.
    assert ids(filled.quotes(speaker="Podolyk")) == [("a1", "q1"), ("a1", "q2"), ("b2", "q1")]


def test_quotes_by_speaker_match_whole_words_only(filled):
    assert filled.quotes(speaker="Podol") == []
    assert filled.quotes(speaker="Sergei") != []  # a whole word of "Sergei Lavrov"


def test_quotes_by_an_unknown_speaker_are_none(filled):
    assert filled.quotes(speaker="Angela Merkel") == []
    assert filled.quotes(speaker="") == []
    assert filled.quotes(speaker="?!") == []


def test_quotes_containing_words(filled):
    assert ids(filled.quotes(contains="talks")) == [("a1", "q2"), ("a1", "q3"), ("b2", "q1")]
    assert ids(filled.quotes(contains="TALKS")) == [("a1", "q2"), ("a1", "q3"), ("b2", "q1")]


def test_quotes_containing_a_phrase_need_its_words_in_order(filled):
    assert ids(filled.quotes(contains="no talks")) == [("a1", "q2")]
    assert filled.quotes(contains="talks no") == []


def test_search_syntax_in_contains_is_taken_as_plain_text(filled):
    # FTS5 operators are quoted away: no error, no OR, no prefix match.
    assert filled.quotes(contains="talks OR fight") == []
    assert filled.quotes(contains="tal*") == []
    assert filled.quotes(contains='NEAR("talks" fire') == []
    assert filled.quotes(contains='"') == []
    assert filled.quotes(contains="content:talks") == []


def test_quotes_since_and_until_are_inclusive(filled):
    assert ids(filled.quotes(since="2024-03-04")) == [("b2", "q1"), ("b2", "q2")]
    assert ids(filled.quotes(until="2024-03-04")) == [
        ("a1", "q1"), ("a1", "q2"), ("a1", "q3"), ("b2", "q1"),
    ]
    assert ids(filled.quotes(since="2024-03-02", until="2024-03-04")) == [("b2", "q1")]


def test_quotes_until_a_month_include_the_whole_month(filled):
    assert len(filled.quotes(until="2024-03")) == 5
    assert filled.quotes(until="2024-02") == []


def test_quotes_dates_may_be_date_objects(filled):
    from datetime import date
    assert ids(filled.quotes(since=date(2024, 3, 5))) == [("b2", "q2")]


def test_quotes_dates_must_be_iso(filled):
    with pytest.raises(ValueError, match="ISO date"):
        filled.quotes(since="March 4th")
    with pytest.raises(ValueError, match="ISO date"):
        filled.quotes(until="2024-03-04' OR 1=1 --")


def test_quote_filters_combine(filled):
    assert ids(filled.quotes(speaker="Podolyak", since="2024-03-02")) == [("b2", "q1")]
    assert ids(filled.quotes(speaker="Podolyak", contains="fire")) == [("a1", "q2")]
    assert ids(filled.quotes(contains="talks", article="b2")) == [("b2", "q1")]


def test_quotes_of_one_article(filled):
    assert ids(filled.quotes(article="b2")) == [("b2", "q1"), ("b2", "q2"), ("b2", "q3")]
    assert filled.quotes(article="nope") == []


def test_quotes_are_paginated(filled):
    assert ids(filled.quotes(limit=2)) == [("a1", "q1"), ("a1", "q2")]
    assert ids(filled.quotes(limit=2, offset=2)) == [("a1", "q3"), ("b2", "q1")]
    assert ids(filled.quotes(limit=2, offset=4)) == [("b2", "q2"), ("b2", "q3")]
    assert filled.quotes(limit=2, offset=6) == []
    assert len(filled.quotes(limit=None)) == 6


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


# -- actors ------------------------------------------------------------------------------------

def test_actors_are_merged_across_articles_by_name_key_and_type(filled):
    assert filled.actors(name="Podolyak") == [{
        "name": "Mykhailo Podolyak",       # both spellings used once: the first in sort order
        "type": "person",
        "country": "UKR",
        "roles": ["adviser", "presidential adviser"],
        "aliases": ["Mykhaylo Podoljak", "Podoljak"],  # the other spelling becomes an alias
        "articles": 2,
        "mentions": 3,
        "quotes": 3,
    }]


def test_actors_are_ordered_by_quotes_then_articles_then_mentions(filled):
    rows = filled.actors()
    assert [(row["name"], row["quotes"], row["articles"], row["mentions"]) for row in rows] == [
        ("Mykhailo Podolyak", 3, 2, 3),
        ("Volodymyr Zelensky", 1, 1, 2),
        ("Sergei Lavrov", 1, 1, 1),
        ("Reuters", 0, 1, 1),
        ("Ukraine", 0, 1, 1),
    ]


def test_actors_by_any_alias_or_spelling(filled):
    assert [row["name"] for row in filled.actors(name="Zelensky")] == ["Volodymyr Zelensky"]
    assert [row["name"] for row in filled.actors(name="Podoljak")] == ["Mykhailo Podolyak"]
    assert [row["name"] for row in filled.actors(name="Sergei Lavov")] == ["Sergei Lavrov"]  # typo
    assert filled.actors(name="Merkel") == []


def test_actors_are_paginated(filled):
    names = [row["name"] for row in filled.actors()]
    assert [row["name"] for row in filled.actors(limit=2)] == names[:2]
    assert [row["name"] for row in filled.actors(limit=2, offset=2)] == names[2:4]
    assert [row["name"] for row in filled.actors(limit=2, offset=4)] == names[4:]


# -- hostile input -----------------------------------------------------------------------------

def test_sql_metacharacters_and_quotes_are_stored_and_found_intact(store, tricky):
    assert store.add(tricky) is True
    assert store.get("c3'; DROP TABLE articles; --") == tricky
    assert {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master")} >= TABLES

    [row] = store.quotes(speaker="O'Brien")
    assert row["content"] == "Nothing\\here; DELETE FROM quotes WHERE 1=1; --"
    assert row["quote_id"] == "q%2"

    [row] = store.quotes(speaker='Bobby "Tables"')
    assert row["speaker"] == "Robert'); DROP TABLE actors;--"
    assert row["content"] == 'he was 100% "sure" it_was fine'
    assert row["title"] == 'It\'s 100% "sure"; --'
    assert row["source"] == 'the "Daily" 100%_news'

    assert ids(store.quotes(contains='100% "sure"')) == [("c3'; DROP TABLE articles; --", "q'1")]
    assert ids(store.quotes(contains="%")) == [("c3'; DROP TABLE articles; --", "q'1")]
    assert ids(store.quotes(contains="\\")) == [("c3'; DROP TABLE articles; --", "q%2")]
    assert ids(store.quotes(contains="_")) == [("c3'; DROP TABLE articles; --", "q'1")]
    assert ids(store.quotes(article="c3'; DROP TABLE articles; --")) == [
        ("c3'; DROP TABLE articles; --", "q'1"), ("c3'; DROP TABLE articles; --", "q%2"),
    ]
    assert store.stats()["quotes"] == 2


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


def test_a_nul_character_in_the_search_words_finds_nothing_instead_of_failing(filled):
    assert filled.quotes(contains="0\x00") == []
