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
* Speakers and actors are looked up by name key (``chronicle.extract.names.name_key``): any name
  or alias of an actor, in any common transliteration ("Podolyak" finds "Podoljak"), and as a
  whole word of a longer name ("Podolyak" finds "Mykhailo Podolyak"). When no key matches, names
  within typo distance (``same_name``) do.
* Every value reaches SQLite as a query parameter; no user text is ever pasted into SQL.

Full-text search (``quotes(contains=...)``) uses FTS5 when the sqlite3 library has it, and a
case-insensitive ``LIKE`` otherwise (slower, and ASCII-only case folding). ``Store.fts`` says
which one a store uses. Connections run in WAL mode with foreign keys on.

The schema version is ``PRAGMA user_version``; ``MIGRATIONS[n]`` takes a database from version n
to n + 1. To change the schema, append a migration; never edit one that has shipped.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from chronicle import settings
from chronicle.extract.gazetteer import country_by_name
from chronicle.extract.names import name_key, same_name
from chronicle.records import Article

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


# MIGRATIONS[n] takes the database from version n to n + 1. Each runs in its own transaction,
# with ``fts`` telling it whether the full-text tables exist (or are to be made).
MIGRATIONS: list[Callable[[sqlite3.Connection, bool], None]] = [_migration_1, _migration_2]
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

class Store:
    """Chronicle records in one SQLite file, created (with its schema) if missing."""

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

    def __exit__(self, *exc) -> None:
        self.close()

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

    # -- writing -------------------------------------------------------------------------------

    def add(self, article: Article) -> bool:
        """Store one article record: True if stored, False if its id was stored already.

        All rows of the article are written in one transaction: on any error nothing of it is
        kept and the error is raised (e.g. ``sqlite3.IntegrityError`` for two quotes sharing
        an id).
        """
        if not article.id:
            raise ValueError("article has no id")
        record = json.dumps(article.to_dict(), ensure_ascii=False)
        text = article.text
        with self.conn:
            self.conn.execute("BEGIN IMMEDIATE")
            cursor = self.conn.execute(
                "INSERT INTO articles (id, source, title, published, text, record, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (article.id, article.source, article.title, article.published, text, record,
                 datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            if cursor.rowcount == 0:
                return False
            self._add_actors(article)
            self._add_quotes(article)
            self._add_times(article)
            self._add_events(article)
            self._add_positions(article)
        return True

    def _add_actors(self, article: Article) -> None:
        actor_rows, name_rows = [], []
        for seq, actor in enumerate(article.actors):
            actor_rows.append((
                article.id, actor.id, seq, actor.name, name_key(actor.name), actor.type,
                actor.country, _json(actor.roles), _json(actor.aliases), len(actor.mentions),
            ))
            for name in dict.fromkeys([actor.name, *actor.aliases]):  # unique, in order
                name_rows.append((article.id, actor.id, name, name_key(name)))
        self.conn.executemany(
            "INSERT INTO actors (article_id, actor_id, seq, name, key, type, country, roles,"
            " aliases, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            actor_rows,
        )
        self.conn.executemany(
            "INSERT INTO actor_names (article_id, actor_id, name, key) VALUES (?, ?, ?, ?)",
            name_rows,
        )

    def _add_quotes(self, article: Article) -> None:
        text = article.text
        names = {actor.id: actor.name for actor in article.actors}
        rows = []
        for seq, q in enumerate(article.quotes):
            rows.append((
                article.id, q.id, seq, q.speaker, names.get(q.speaker),
                _cut(text, q.speaker_span), q.cue, _cut(text, q.cue_span), q.kind, q.medium,
                _cut(text, q.medium_span), _cut(text, q.content_span), q.date, q.time,
                *_ends(q.content_span), *_ends(q.speaker_span), *_ends(q.cue_span),
                *_ends(q.medium_span), *_ends(q.sentence_span),
            ))
        self.conn.executemany(
            "INSERT INTO quotes (article_id, quote_id, seq, speaker, speaker_name, speaker_text,"
            " cue, cue_text, kind, medium, medium_text, content, date, time,"
            " content_start, content_end, speaker_start, speaker_end, cue_start, cue_end,"
            " medium_start, medium_end, sentence_start, sentence_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _add_times(self, article: Article) -> None:
        rows = [
            (article.id, t.id, seq, _cut(article.text, t.span), t.type, t.value, t.anchor,
             t.reason, *_ends(t.span))
            for seq, t in enumerate(article.times)
        ]
        self.conn.executemany(
            "INSERT INTO times (article_id, time_id, seq, text, type, value, anchor, reason,"
            " span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _add_events(self, article: Article) -> None:
        rows = [
            (article.id, e.id, seq, _cut(article.text, e.span), _json(e.source),
             _json(e.target), e.cameo, e.plover, e.mode, e.context, e.status, e.date,
             *_ends(e.span), *_ends(e.sentence_span))
            for seq, e in enumerate(article.events)
        ]
        self.conn.executemany(
            "INSERT INTO events (article_id, event_id, seq, text, source, target, cameo, plover,"
            " mode, context, status, date, span_start, span_end, sentence_start, sentence_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _add_positions(self, article: Article) -> None:
        actors = {a.id: a for a in article.actors}
        rows = []
        for seq, p in enumerate(article.positions):
            holders = [actors[i] for i in p.holder if i in actors]
            named = [a for a in holders if a.type != "country"] or holders
            holder_name = named[0].name if named else _cut(article.text, p.holder_span)
            evidence = [{"span": list(s), "text": _cut(article.text, s)} for s in p.evidence_spans]
            rows.append((
                article.id, p.id, seq, _json(p.holder), holder_name, p.issue, p.stance,
                _json([_cut(article.text, c) for c in p.conditions]), _cut(article.text, p.span),
                _json(evidence), p.date, p.confidence, p.source, p.quote, p.event, *_ends(p.span),
            ))
        self.conn.executemany(
            "INSERT INTO positions (article_id, position_id, seq, holder, holder_name, issue, stance,"
            " conditions, text, evidence, date, confidence, source, quote_id, event_id, span_start,"
            " span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    # -- reading -------------------------------------------------------------------------------

    def get(self, article_id: str) -> Optional[Article]:
        """The full record of one article, equal to what was added; None if not stored."""
        row = self.conn.execute(
            "SELECT record FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return None if row is None else Article.from_dict(json.loads(row["record"]))

    def __contains__(self, article_id: object) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM articles WHERE id = ?", (article_id,)
        ).fetchone() is not None

    def articles(self, *, limit: Optional[int] = 50, offset: int = 0) -> list[dict]:
        """One row per article: id, source, title, published, added_at and the number of its
        actors, quotes, times and events. Oldest publication first; undated articles last."""
        rows = self.conn.execute(
            """
            SELECT a.id, a.source, a.title, a.published, a.added_at,
                   (SELECT count(*) FROM actors WHERE article_id = a.id) AS actors,
                   (SELECT count(*) FROM quotes WHERE article_id = a.id) AS quotes,
                   (SELECT count(*) FROM times WHERE article_id = a.id) AS times,
                   (SELECT count(*) FROM events WHERE article_id = a.id) AS events
            FROM articles AS a
            ORDER BY a.published IS NULL, a.published, a.added_at, a.id
            LIMIT ? OFFSET ?
            """,
            _page(limit, offset),
        ).fetchall()
        return [dict(row) for row in rows]

    def quotes(
        self,
        *,
        speaker: Optional[str] = None,
        contains: Optional[str] = None,
        since: Optional[str | date] = None,
        until: Optional[str | date] = None,
        article: Optional[str] = None,
        limit: Optional[int] = 50,
        offset: int = 0,
    ) -> list[dict]:
        """Quotes matching every filter given, ordered by date (undated last), article, and
        order in the article.

        speaker:  any name or alias of the speaking actor, in any spelling name keys fold
                  together, or a whole word of one ("Podolyak" finds "Mykhaylo Podoljak");
                  near-misses (``same_name``) when nothing matches exactly.
        contains: words appearing, in this order, in the quote's content (case-insensitive).
        since, until: ISO dates (or ``date``), inclusive, compared with the quote's date;
                  undated quotes never match. A shorter value covers a period: until="2024-03"
                  includes all of March.
        article:  an article id.

        Each row: article_id, quote_id, speaker (the actor's name), speaker_id, speaker_text
        (the words naming the speaker, as written), cue, kind, medium, content, date, source,
        title (of the article), content_span.
        """
        where, params = [], []
        if speaker is not None:
            condition = self._name_condition(speaker)
            if condition is None:
                return []
            sql, values = condition
            where.append(
                "EXISTS (SELECT 1 FROM actor_names AS n WHERE n.article_id = q.article_id"
                f" AND n.actor_id = q.speaker AND {sql})"
            )
            params += values
        if contains is not None:
            sql, values = self._contains_condition(contains)
            where.append(sql)
            params += values
        if since is not None:
            where.append("q.date >= ?")
            params.append(_iso(since, "since"))
        if until is not None:
            value = _iso(until, "until")
            where.append("substr(q.date, 1, length(?)) <= ?")
            params += [value, value]
        if article is not None:
            where.append("q.article_id = ?")
            params.append(article)
        rows = self.conn.execute(
            f"""
            SELECT q.article_id, q.quote_id, q.speaker_name AS speaker, q.speaker AS speaker_id,
                   q.speaker_text, q.cue, q.kind, q.medium, q.content, q.date,
                   a.source, a.title, q.content_start, q.content_end
            FROM quotes AS q JOIN articles AS a ON a.id = q.article_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY q.date IS NULL, q.date, a.published IS NULL, a.published, q.article_id, q.seq
            LIMIT ? OFFSET ?
            """,
            [*params, *_page(limit, offset)],
        ).fetchall()
        results = []
        for row in rows:
            result = dict(row)
            result["content_span"] = [result.pop("content_start"), result.pop("content_end")]
            results.append(result)
        return results

    def actors(self, *, name: Optional[str] = None, limit: Optional[int] = 100,
               offset: int = 0) -> list[dict]:
        """Actors across articles, one row per (name key of the canonical name, type).

        Each row: name (the most used spelling), type, country (the most used), roles and
        aliases (unions, sorted; other spellings of the name count as aliases), articles,
        mentions and quotes (numbers). Most quoted first, then most articles, most mentions.
        ``name`` keeps the actors with a name or alias matching it, as for ``quotes(speaker=)``.
        """
        where, params = "", []
        if name is not None:
            condition = self._name_condition(name)
            if condition is None:
                return []
            sql, params = condition
            where = (
                "WHERE (a.key, a.type) IN (SELECT m.key, m.type FROM actors AS m"
                " JOIN actor_names AS n ON n.article_id = m.article_id"
                f" AND n.actor_id = m.actor_id WHERE {sql})"
            )
        rows = self.conn.execute(
            f"""
            WITH said AS (
                SELECT article_id, speaker AS actor_id, count(*) AS n
                FROM quotes WHERE speaker IS NOT NULL GROUP BY article_id, speaker
            )
            SELECT a.key, a.type,
                   count(DISTINCT a.article_id) AS articles,
                   sum(a.mentions) AS mentions,
                   coalesce(sum(said.n), 0) AS quotes,
                   json_group_array(a.name) AS names,
                   json_group_array(a.country) AS countries,
                   json_group_array(json(a.roles)) AS roles,
                   json_group_array(json(a.aliases)) AS aliases
            FROM actors AS a
            LEFT JOIN said ON said.article_id = a.article_id AND said.actor_id = a.actor_id
            {where}
            GROUP BY a.key, a.type
            ORDER BY quotes DESC, articles DESC, mentions DESC, a.key, a.type
            LIMIT ? OFFSET ?
            """,
            [*params, *_page(limit, offset)],
        ).fetchall()
        results = []
        for row in rows:
            names = json.loads(row["names"])
            chosen = _most_common(names)
            countries = [c for c in json.loads(row["countries"]) if c is not None]
            roles = {r for group in json.loads(row["roles"]) for r in group}
            aliases = {a for group in json.loads(row["aliases"]) for a in group} | set(names)
            aliases.discard(chosen)
            results.append({
                "name": chosen,
                "type": row["type"],
                "country": _most_common(countries) if countries else None,
                "roles": sorted(roles),
                "aliases": sorted(aliases),
                "articles": row["articles"],
                "mentions": row["mentions"],
                "quotes": row["quotes"],
            })
        return results

    def events(
        self,
        *,
        actor: Optional[str] = None,
        target: Optional[str] = None,
        code: Optional[str] = None,
        since: Optional[str | date] = None,
        until: Optional[str | date] = None,
        limit: Optional[int] = 50,
        offset: int = 0,
    ) -> list[dict]:
        """Events across articles, grouped: the same source, target and type within a day are
        one event that lists every article and span supporting it.

        actor, target: any name or alias of a source or target actor (as ``quotes(speaker=)``);
                  a country's name also matches every actor of that country.
        code: a CAMEO code prefix ("19", "036") or a PLOVER type ("ASSAULT").
        since, until: ISO dates, inclusive, compared with the event's date.

        Each row: date, source and target (actor names), cameo, plover, status, and
        ``evidence``: a list of {article_id, event_id, title, text, span, date} — one per article.
        """
        where, params = [], []
        for role, name in (("source", actor), ("target", target)):
            if name is None:
                continue
            # A country's name also finds its people, forces and offices ("Russia": "Russian troops").
            country = country_by_name(name)
            condition = self._name_condition(name)
            if condition is None and country is None:
                return []
            sql, values = condition or ("0", [])
            where.append(
                f"(EXISTS (SELECT 1 FROM json_each(e.{role}) AS j JOIN actor_names AS n"
                f" ON n.article_id = e.article_id AND n.actor_id = j.value WHERE {sql})"
                f" OR EXISTS (SELECT 1 FROM json_each(e.{role}) AS j JOIN actors AS c"
                f" ON c.article_id = e.article_id AND c.actor_id = j.value WHERE c.country = ?))"
            )
            params += [*values, country.iso3 if country else None]
        if code is not None:
            where.append("(e.cameo LIKE ? ESCAPE '\\' OR upper(e.plover) = upper(?))")
            params += [_like_escape(code) + "%", code]
        if since is not None:
            where.append("e.date >= ?")
            params.append(_iso(since, "since"))
        if until is not None:
            value = _iso(until, "until")
            where.append("substr(e.date, 1, length(?)) <= ?")
            params += [value, value]
        rows = self.conn.execute(
            f"""
            SELECT e.article_id, e.event_id, e.text, e.source, e.target, e.cameo, e.plover,
                   e.status, e.date, e.span_start, e.span_end, a.title
            FROM events AS e JOIN articles AS a ON a.id = e.article_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY e.date IS NULL, e.date, e.article_id, e.seq
            """,
            params,
        ).fetchall()
        actors = self._event_actors({r["article_id"] for r in rows})
        groups: list[dict] = []
        latest: dict[tuple, dict] = {}
        for row in rows:
            source = [actors[(row["article_id"], i)] for i in json.loads(row["source"]) if (row["article_id"], i) in actors]
            target = [actors[(row["article_id"], i)] for i in json.loads(row["target"]) if (row["article_id"], i) in actors]
            key = (tuple(sorted({who for _, who in source})), tuple(sorted({who for _, who in target})),
                   row["plover"] or (row["cameo"] or "")[:2], row["status"])
            source = [name for name, _ in source]
            target = [name for name, _ in target]
            evidence = {"article_id": row["article_id"], "event_id": row["event_id"], "title": row["title"],
                        "text": row["text"], "span": [row["span_start"], row["span_end"]], "date": row["date"]}
            group = latest.get(key)
            if group is not None and _within_a_day(group["date"], row["date"]):
                group["evidence"].append(evidence)
                continue
            group = {"date": row["date"], "source": source, "target": target,
                     "cameo": row["cameo"], "plover": row["plover"], "status": row["status"], "evidence": [evidence]}
            latest[key] = group
            groups.append(group)
        start, stop = offset, (None if limit is None else offset + _page(limit, offset)[0])
        return groups[start:stop]

    def _event_actors(self, article_ids: set[str]) -> dict[tuple[str, str], tuple[str, str]]:
        """(article id, actor id) -> (name, identity across articles) for the given articles.

        Countries and national groups ("Russian troops", "Russian forces") are one party per
        country, as in CAMEO actor codes; people and organisations are one per name key.
        """
        rows = self.conn.execute(
            "SELECT article_id, actor_id, name, key, type, country FROM actors"
            " WHERE article_id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(article_ids))],
        )
        return {
            (r["article_id"], r["actor_id"]): (
                r["name"], r["country"] if r["type"] in ("country", "group") and r["country"] else r["key"])
            for r in rows
        }

    def positions(
        self,
        *,
        holder: Optional[str] = None,
        issue: Optional[str] = None,
        stance: Optional[str] = None,
        since: Optional[str | date] = None,
        until: Optional[str | date] = None,
    ) -> list[dict]:
        """Positions matching every filter, ordered by date: input for ``position_timeline``.

        holder: any name or alias of a holder actor (a country's name also finds its people).
        Each row: holder (name), issue, stance, date, article_id, title, evidence (text),
        conditions (texts), confidence, source.
        """
        where, params = [], []
        if holder is not None:
            country = country_by_name(holder)
            condition = self._name_condition(holder)
            if condition is None and country is None:
                return []
            sql, values = condition or ("0", [])
            where.append(
                "(EXISTS (SELECT 1 FROM json_each(p.holder) AS j JOIN actor_names AS n"
                f" ON n.article_id = p.article_id AND n.actor_id = j.value WHERE {sql})"
                " OR EXISTS (SELECT 1 FROM json_each(p.holder) AS j JOIN actors AS c"
                " ON c.article_id = p.article_id AND c.actor_id = j.value WHERE c.country = ?))"
            )
            params += [*values, country.iso3 if country else None]
        for column, value in (("issue", issue), ("stance", stance)):
            if value is not None:
                where.append(f"p.{column} = ?")  # fixed column names, user values as parameters
                params.append(value.lower())
        if since is not None:
            where.append("p.date >= ?")
            params.append(_iso(since, "since"))
        if until is not None:
            value = _iso(until, "until")
            where.append("substr(p.date, 1, length(?)) <= ?")
            params += [value, value]
        rows = self.conn.execute(
            f"""
            SELECT p.holder_name AS holder, p.issue, p.stance, p.date, p.article_id, a.title,
                   p.text AS evidence, p.conditions, p.confidence, p.source
            FROM positions AS p JOIN articles AS a ON a.id = p.article_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY p.date IS NULL, p.date, p.article_id, p.seq
            """,
            params,
        ).fetchall()
        return [dict(row, conditions=json.loads(row["conditions"])) for row in rows]

    def stats(self) -> dict[str, int]:
        """The number of rows in each table."""
        return {
            table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in _TABLES  # fixed table names, not user input
        }

    # -- query helpers -------------------------------------------------------------------------

    def _name_condition(self, name: str) -> Optional[tuple[str, list[Any]]]:
        """SQL over ``actor_names AS n`` matching ``name``, with its parameters; None when
        nothing can match.

        Exact: a name key equal to the key of ``name``, or containing it as whole words.
        Fallback, when no stored key matches exactly: the keys of stored names that
        ``same_name`` finds close to ``name`` or to a run of as many words of them.
        """
        key = name_key(name)
        if not key:
            return None
        exact = "(n.key = ? OR ' ' || n.key || ' ' LIKE ? ESCAPE '\\')"
        exact_params = [key, "% " + _like_escape(key) + " %"]
        hit = self.conn.execute(
            f"SELECT 1 FROM actor_names AS n WHERE {exact} LIMIT 1", exact_params
        ).fetchone()
        if hit is not None:
            return exact, exact_params
        width = len(name.split())
        keys = {
            row["key"]
            for row in self.conn.execute("SELECT DISTINCT name, key FROM actor_names")
            if any(same_name(name, part) for part in _runs(row["name"], width))
        }
        if not keys:
            return None
        return "n.key IN (SELECT value FROM json_each(?))", [json.dumps(sorted(keys))]

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


_TABLES = ("articles", "actors", "actor_names", "quotes", "times", "events", "positions")


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _cut(text: str, span) -> Optional[str]:
    return None if span is None else text[span[0]:span[1]]


def _ends(span) -> tuple[Optional[int], Optional[int]]:
    return (None, None) if span is None else (int(span[0]), int(span[1]))


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _page(limit: Optional[int], offset: int) -> tuple[int, int]:
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0, not {limit}")
    if offset < 0:
        raise ValueError(f"offset must be >= 0, not {offset}")
    return (-1 if limit is None else int(limit)), int(offset)


_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ][\d:.]+([+-]\d{2}:?\d{2}|Z)?)?)?)?")


def _iso(value: str | date, what: str) -> str:
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        raise ValueError(f"{what} must be an ISO date such as 2024-03-01, not {value!r}")
    return value


def _runs(name: str, width: int) -> Iterable[str]:
    """``name`` itself, then every run of ``width`` consecutive words in it."""
    yield name
    words = name.split()
    if len(words) > width:
        for i in range(len(words) - width + 1):
            yield " ".join(words[i:i + width])


def _within_a_day(first: Optional[str], other: Optional[str]) -> bool:
    """Dates at most one day apart (undated events group only with undated ones)."""
    if first is None or other is None:
        return first is None and other is None
    try:
        return abs((date.fromisoformat(other[:10]) - date.fromisoformat(first[:10])).days) <= 1
    except ValueError:
        return first == other


def _most_common(values: list[str]) -> str:
    """The most frequent value; ties go to the first in sorted order."""
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))
