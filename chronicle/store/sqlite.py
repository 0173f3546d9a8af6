"""The embedded store: one SQLite file holding Chronicle records, searchable by speaker, words, date.

Each article is stored twice over: the full record (``Article.to_dict()`` as JSON, the source of
truth that ``get`` returns) and flattened rows per actor, name, quote, time and event, with the
evidence text cut out of the article (``text[start:end]``) next to its span, for querying.

    with Store("chronicle.db") as store:
        store.add(article)                      # True; False when that article id is there already
        store.quotes(speaker="Podolyak", since="2024-03-01")

Guarantees:

* ``add`` is idempotent: the article id (a hash of the cleaned text, made elsewhere) is the key;
  adding an id that is stored already changes nothing and returns False.
* ``add`` is all or nothing: every row of one article is written in one transaction, so a crash
  or an error part way leaves nothing of that article, and adding it again stores it.
* Speakers and actors are looked up by name key (``chronicle.knowledge.names.name_key``): any name
  or alias of an actor, in any common transliteration ("Podolyak" finds "Podoljak"), and as a
  whole word of a longer name ("Podolyak" finds "Mykhailo Podolyak"). When no key matches, names
  within typo distance (``same_name``) do.
* Every value reaches SQLite as a query parameter; no user text is ever pasted into SQL.

Full-text search (``quotes(contains=...)``) uses FTS5 when the sqlite3 library has it, and a
case-insensitive ``LIKE`` otherwise (slower, and ASCII-only case folding). ``Store.fts`` says
which one a store uses. Connections run in WAL mode with foreign keys on.

The schema version is ``PRAGMA user_version``; ``MIGRATIONS[n]`` takes a database from version n
to n + 1. To change the schema, append a migration; never edit one that has shipped (and append
the same change to ``chronicle.store.postgres.MIGRATIONS``).

The queries and result shapes are shared with the PostgreSQL store
(``chronicle.store.base.BaseStore``), and so are the rows (``chronicle.store.rows``); this module
holds what is SQLite's own: the schema, FTS5, JSON functions and the connection. DOCS: docs/store.md
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from chronicle import settings
from chronicle.knowledge.names import party_name_key
from chronicle.store.base import _ARTICLE_ORDER, BaseStore, _like_escape
from chronicle.store.rows import COLUMNS, json_text

__all__ = ["Store", "MIGRATIONS", "SCHEMA_VERSION", "fts5_available"]


# --------------------------------------------------------------------------------------------
# Schema and migrations
# --------------------------------------------------------------------------------------------

_SCHEMA_1 = [
    """
    CREATE TABLE articles (
        id        TEXT PRIMARY KEY,
        source    TEXT NOT NULL,
        title     TEXT,
        published TEXT,                 -- ISO date
        text      TEXT NOT NULL,
        record    TEXT NOT NULL,        -- JSON: the full Article.to_dict()
        added_at  TEXT NOT NULL         -- ISO timestamp, UTC
    )
    """,
    "CREATE INDEX articles_published ON articles(published)",
    """
    CREATE TABLE actors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id   TEXT NOT NULL,
        seq        INTEGER NOT NULL,    -- order in the record
        name       TEXT NOT NULL,
        key        TEXT NOT NULL,       -- name_key(name)
        type       TEXT NOT NULL,
        country    TEXT,
        roles      TEXT NOT NULL,       -- JSON list
        aliases    TEXT NOT NULL,       -- JSON list
        mentions   INTEGER NOT NULL,    -- number of mention spans
        PRIMARY KEY (article_id, actor_id)
    )
    """,
    "CREATE INDEX actors_key ON actors(key, type)",
    """
    CREATE TABLE actor_names (
        article_id TEXT NOT NULL,
        actor_id   TEXT NOT NULL,
        name       TEXT NOT NULL,       -- the canonical name or one alias
        key        TEXT NOT NULL,       -- name_key(name)
        PRIMARY KEY (article_id, actor_id, name),
        FOREIGN KEY (article_id, actor_id) REFERENCES actors(article_id, actor_id)
            ON DELETE CASCADE
    )
    """,
    "CREATE INDEX actor_names_key ON actor_names(key)",
    """
    CREATE TABLE quotes (
        article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote_id       TEXT NOT NULL,
        seq            INTEGER NOT NULL,
        speaker        TEXT,            -- actor id
        speaker_name   TEXT,            -- that actor's canonical name
        speaker_text   TEXT,            -- text[speaker_span]
        cue            TEXT,
        cue_text       TEXT,            -- text[cue_span]
        kind           TEXT NOT NULL,
        medium         TEXT,
        medium_text    TEXT,            -- text[medium_span]
        content        TEXT NOT NULL,   -- text[content_span]
        date           TEXT,            -- ISO date it was said
        time           TEXT,            -- id of the time expression that dates it
        content_start  INTEGER NOT NULL,
        content_end    INTEGER NOT NULL,
        speaker_start  INTEGER,
        speaker_end    INTEGER,
        cue_start      INTEGER,
        cue_end        INTEGER,
        medium_start   INTEGER,
        medium_end     INTEGER,
        sentence_start INTEGER,
        sentence_end   INTEGER,
        PRIMARY KEY (article_id, quote_id)
    )
    """,
    "CREATE INDEX quotes_date ON quotes(date)",
    "CREATE INDEX quotes_speaker ON quotes(article_id, speaker)",
    """
    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        time_id    TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        text       TEXT NOT NULL,       -- text[span]
        type       TEXT NOT NULL,
        value      TEXT,
        anchor     TEXT,
        reason     TEXT,
        span_start INTEGER NOT NULL,
        span_end   INTEGER NOT NULL,
        PRIMARY KEY (article_id, time_id)
    )
    """,
    """
    CREATE TABLE events (
        article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id       TEXT NOT NULL,
        seq            INTEGER NOT NULL,
        text           TEXT NOT NULL,   -- text[span]
        source         TEXT NOT NULL,   -- JSON list of actor ids
        target         TEXT NOT NULL,   -- JSON list of actor ids
        cameo          TEXT,
        plover         TEXT,
        mode           TEXT,
        context        TEXT,
        status         TEXT NOT NULL,
        date           TEXT,
        span_start     INTEGER NOT NULL,
        span_end       INTEGER NOT NULL,
        sentence_start INTEGER,
        sentence_end   INTEGER,
        PRIMARY KEY (article_id, event_id)
    )
    """,
    "CREATE INDEX events_date ON events(date)",
]

# Full-text indexes keep their own copy of the text, keyed by UNINDEXED id columns rather than by
# rowid (the tables have composite keys, and their implicit rowids may change on VACUUM).
# Triggers keep them in step with the tables, including deletes cascaded from ``articles``.
_FTS_1 = [
    """
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        content, article_id UNINDEXED, quote_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (content, article_id, quote_id)
        VALUES (new.content, new.article_id, new.quote_id);
    END
    """,
    """
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        DELETE FROM quotes_fts WHERE article_id = old.article_id AND quote_id = old.quote_id;
    END
    """,
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, article_id UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (title, text, article_id) VALUES (new.title, new.text, new.id);
    END
    """,
    """
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
    END
    """,
]


def _migration_1(conn: sqlite3.Connection, fts: bool) -> None:
    for statement in _SCHEMA_1 + (_FTS_1 if fts else []):
        conn.execute(statement)


# Version 2: positions (what each party wants, on what terms). Articles stored at version 1 have
# no positions rows until they are re-extracted.
_SCHEMA_2 = [
    """
    CREATE TABLE positions (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position_id TEXT NOT NULL,
        seq         INTEGER NOT NULL,
        holder      TEXT NOT NULL,      -- JSON list of actor ids ([] for a document)
        holder_name TEXT,               -- a person or organisation holder, else the country, else text[holder_span]
        issue       TEXT NOT NULL,
        stance      TEXT NOT NULL,
        conditions  TEXT NOT NULL,      -- JSON list of text[span] of each condition
        text        TEXT NOT NULL,      -- text[span]
        evidence    TEXT NOT NULL,      -- JSON list of {"span": [s, e], "text": ...}
        date        TEXT,
        confidence  REAL NOT NULL,
        source      TEXT NOT NULL,
        quote_id    TEXT,
        event_id    TEXT,
        span_start  INTEGER NOT NULL,
        span_end    INTEGER NOT NULL,
        PRIMARY KEY (article_id, position_id)
    )
    """,
    "CREATE INDEX positions_issue ON positions(issue, date)",
]


def _migration_2(conn: sqlite3.Connection, fts: bool) -> None:
    for statement in _SCHEMA_2:
        conn.execute(statement)


# Version 3: actors carry their CAMEO code, the basis of each attribute, and a party (their
# identity across articles); actor_words indexes every word of their names (for "any alias"
# queries by index, and surname-only mentions joining a full name). Rows stored before get
# their party from their type and name, and their words, here.
_SCHEMA_3 = [
    "ALTER TABLE actors ADD COLUMN code TEXT",
    "ALTER TABLE actors ADD COLUMN basis TEXT NOT NULL DEFAULT '{}'",  # a JSON object
    "ALTER TABLE actors ADD COLUMN party TEXT",
    "ALTER TABLE actor_names ADD COLUMN party TEXT",
    """
    CREATE TABLE actor_words (
        article_id TEXT NOT NULL,
        actor_id   TEXT NOT NULL,
        word       TEXT NOT NULL,       -- a word of name_key (or party_name_key) of a name
        last       INTEGER NOT NULL,    -- 1: the last word of a person's full name
        type       TEXT NOT NULL,
        party      TEXT NOT NULL,
        PRIMARY KEY (article_id, actor_id, word),
        FOREIGN KEY (article_id, actor_id) REFERENCES actors(article_id, actor_id)
            ON DELETE CASCADE
    )
    """,
    "CREATE INDEX actor_words_word ON actor_words(word, last, type)",
    "CREATE INDEX actor_names_party ON actor_names(party)",
    "CREATE INDEX actors_party ON actors(party)",
]


def _migration_3(conn: sqlite3.Connection, fts: bool) -> None:
    for statement in _SCHEMA_3:
        conn.execute(statement)
    for article_id, actor_id, name, kind in conn.execute(
            "SELECT article_id, actor_id, name, type FROM actors").fetchall():
        party = f"{kind}:{party_name_key(name)}"
        conn.execute("UPDATE actors SET party = ? WHERE article_id = ? AND actor_id = ?", (party, article_id, actor_id))
        conn.execute("UPDATE actor_names SET party = ? WHERE article_id = ? AND actor_id = ?", (party, article_id, actor_id))
        words: dict[str, int] = {}
        for n, in conn.execute("SELECT key FROM actor_names WHERE article_id = ? AND actor_id = ?", (article_id, actor_id)):
            parts = n.split()
            for i, w in enumerate(parts):
                words[w] = max(words.get(w, 0), int(kind == "person" and len(parts) > 1 and i == len(parts) - 1))
        conn.executemany("INSERT OR IGNORE INTO actor_words VALUES (?, ?, ?, ?, ?, ?)",
                         [(article_id, actor_id, w, last, kind, party) for w, last in words.items()])


# MIGRATIONS[n] takes the database from version n to n + 1. Each runs in its own transaction,
# with ``fts`` telling it whether the full-text tables exist (or are to be made).
MIGRATIONS: list[Callable[[sqlite3.Connection, bool], None]] = [_migration_1, _migration_2, _migration_3]
SCHEMA_VERSION = len(MIGRATIONS)


def fts5_available() -> bool:
    """True when this sqlite3 library can make FTS5 tables."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()


# --------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------

class Store(BaseStore):
    """Chronicle records in one SQLite file, created (with its schema) if missing."""

    P = "?"
    IntegrityError = sqlite3.IntegrityError

    def __init__(self, path: str | os.PathLike = settings.DEFAULT_DB):
        self.path = os.fspath(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly (BEGIN IMMEDIATE) and closed by
        # ``with self.conn:``, which commits, or rolls back on any exception.
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.fts = self._migrate()
        except BaseException:
            self.conn.close()
            raise

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection. Closing twice is harmless."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> "Store":
        return self

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> bool:
        """Bring the schema up to SCHEMA_VERSION; return whether full-text tables are in use."""
        while True:
            with self.conn:
                # IMMEDIATE takes the write lock first, so two processes opening a new file at
                # once cannot both run a migration.
                self.conn.execute("BEGIN IMMEDIATE")
                version = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise RuntimeError(
                        f"{self.path} has schema version {version}; this Chronicle knows "
                        f"versions up to {SCHEMA_VERSION}. Upgrade Chronicle to open it."
                    )
                if version == 0:
                    fts = fts5_available()
                else:
                    fts = self._has_table("quotes_fts")
                if version == SCHEMA_VERSION:
                    break
                MIGRATIONS[version](self.conn, fts)
                # PRAGMA takes no parameters; the value is an int we computed, never user text.
                self.conn.execute(f"PRAGMA user_version = {int(version) + 1}")
        if fts and not fts5_available():
            raise RuntimeError(
                f"{self.path} has full-text tables, but this sqlite3 library lacks FTS5."
            )
        return fts

    def _has_table(self, name: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    # -- the backend's side of BaseStore -------------------------------------------------------

    def _rows(self, sql: str, params=()) -> list[dict]:
        return [dict(row) for row in self.conn.execute(sql, params)]

    @contextmanager
    def _write(self) -> Iterator[None]:
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            yield

    def _insert_article(self, row: tuple) -> bool:
        cursor = self.conn.execute(
            "INSERT INTO articles (id, source, title, published, text, record, added_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            json_text("articles", row),
        )
        return cursor.rowcount > 0

    def _insert(self, table: str, rows: list[tuple]) -> None:
        columns = COLUMNS[table]  # fixed names from chronicle.store.rows, not user input
        self.conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [json_text(table, row) for row in rows],  # JSON columns as JSON text
        )

    @staticmethod
    def _decode(value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    @staticmethod
    def _limit(limit: Optional[int]) -> int:
        return -1 if limit is None else limit  # SQLite: a negative LIMIT is no limit

    @staticmethod
    def _in_list(expr: str, values: list) -> tuple[str, list]:
        return f"{expr} IN (SELECT value FROM json_each(?))", [json.dumps(values)]

    @staticmethod
    def _json_ids(column: str) -> str:
        return f"json_each({column}) AS j"

    @staticmethod
    def _record_length(kind: str) -> str:
        return f"json_array_length(a.record, '$.{kind}')"  # fixed kinds from chronicle.store.rows

    @staticmethod
    def _actors_sql(where: str) -> str:
        return f"""
            WITH said AS (
                SELECT article_id, speaker AS actor_id, count(*) AS n
                FROM quotes WHERE speaker IS NOT NULL GROUP BY article_id, speaker
            )
            SELECT a.party, json_group_array(a.type) AS types,
                   count(DISTINCT a.article_id) AS articles,
                   sum(a.mentions) AS mentions,
                   coalesce(sum(said.n), 0) AS quotes,
                   json_group_array(a.name) AS names,
                   json_group_array(a.country) AS countries,
                   json_group_array(a.code) AS codes,
                   json_group_array(json(a.basis)) AS bases,
                   json_group_array(json(a.roles)) AS roles,
                   json_group_array(json(a.aliases)) AS aliases
            FROM actors AS a
            LEFT JOIN said ON said.article_id = a.article_id AND said.actor_id = a.actor_id
            {where}
            GROUP BY a.party
            ORDER BY quotes DESC, articles DESC, mentions DESC, a.party
            LIMIT ? OFFSET ?
            """

    def _contains_condition(self, words: str) -> tuple[str, list[Any]]:
        """SQL over ``quotes AS q`` keeping quotes whose content contains ``words``."""
        # A NUL ends an FTS5 string literal early ("unterminated string"); it is never in text.
        words = words.replace("\x00", "")
        if self.fts and re.search(r"[^\W_]", words):
            # One FTS5 phrase: the user's text as a string literal, inner quotes doubled, so no
            # FTS5 operator (AND, NEAR, *, :, ^, ...) in it has any effect.
            phrase = '"' + words.replace('"', '""') + '"'
            return (
                "(q.article_id, q.quote_id) IN"
                " (SELECT article_id, quote_id FROM quotes_fts WHERE quotes_fts MATCH ?)",
                [phrase],
            )
        # No FTS5, or nothing FTS5 would index (e.g. "%" or "?!"): a substring match.
        return "q.content LIKE ? ESCAPE '\\'", ["%" + _like_escape(words) + "%"]

    def _words_search(self, words: list[str]) -> tuple[str, str, list, str, list]:
        """Articles holding every word: FTS5 terms ranked by FTS5, or substrings without it."""
        if self.fts:
            terms = " ".join('"' + word + '"' for word in words)  # words hold no quotes
            return ("articles_fts AS f JOIN articles AS a ON a.id = f.article_id",
                    "articles_fts MATCH ?", [terms], "f.rank, a.id", [])
        condition = " AND ".join(
            ["(a.text LIKE ? ESCAPE '\\' OR coalesce(a.title, '') LIKE ? ESCAPE '\\')"] * len(words))
        params = [pattern for word in words for pattern in ["%" + _like_escape(word) + "%"] * 2]
        return "articles AS a", condition, params, _ARTICLE_ORDER, []

    # -- checks --------------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found in the file, as sentences; an empty list when it is sound.

        Looks at: SQLite's own integrity check and foreign keys, the full-text tables against
        the tables they index, the schema version, child rows without their article, and
        articles whose rows do not match their record.
        """
        problems = []
        result = [row[0] for row in self.conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            problems += [f"integrity_check: {line}" for line in result]
        for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {table} row {rowid} points to a missing {parent} row")
        version = self.schema_version
        if version != SCHEMA_VERSION:
            problems.append(f"schema version is {version}, expected {SCHEMA_VERSION}")
        if self.fts:
            for table, index, key in (("quotes", "quotes_fts", "article_id, quote_id"),
                                      ("articles", "articles_fts", "article_id")):
                own = "id" if table == "articles" else key  # fixed names, not user input
                missing = self.conn.execute(
                    f"SELECT count(*) FROM (SELECT {own} FROM {table} EXCEPT SELECT {key} FROM {index})"
                ).fetchone()[0]
                extra = self.conn.execute(
                    f"SELECT count(*) FROM (SELECT {key} FROM {index} EXCEPT SELECT {own} FROM {table})"
                ).fetchone()[0]
                if missing:
                    problems.append(f"{index}: {missing} row(s) of {table} are not indexed")
                if extra:
                    problems.append(f"{index}: {extra} indexed row(s) are not in {table}")
                try:
                    self.conn.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")
                except sqlite3.DatabaseError as exc:
                    problems.append(f"{index}: FTS5 integrity-check failed: {exc}")
        problems += self._common_problems()
        return problems

