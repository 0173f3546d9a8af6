"""The team store: Chronicle records in a PostgreSQL database, with the SQLite store's API.

    with PostgresStore("postgresql://chronicle@db.example.org/chronicle") as store:
        store.add(article)
        store.quotes(speaker="Podolyak", since="2024-03-01")

``chronicle.store.open_store(target)`` picks this class for ``postgresql://`` and ``postgres://``
URLs. Everything ``chronicle.store.sqlite.Store`` promises holds here too (idempotent and
all-or-nothing ``add``, name-key look-up, parameters only, the same rows in the same order):
both subclass ``chronicle.store.base.BaseStore``, which holds the queries and result shapes, and
write the rows of ``chronicle.store.rows``.
What is PostgreSQL's own lives here:

* The schema: the same tables, keys and columns; JSON columns are ``jsonb``; text columns use
  the "C" collation so that ordering and comparison are bytewise, as in SQLite, whatever the
  database's locale; ``positions.confidence`` is ``double precision``.
* Full-text search: GIN indexes on ``to_tsvector('simple', ...)`` of quote contents and of
  article titles and texts; ``quotes(contains=)`` is a ``phraseto_tsquery('simple', ...)``
  phrase, so search operators in the user's words have no effect. The "simple" configuration
  lower-cases words and neither stems nor drops stop words, like SQLite's unicode61 tokenizer;
  unlike it, it does not fold diacritics ("cafe" does not find "café").
* Versions: the ``schema_version`` table holds one row; ``MIGRATIONS[n]`` takes the schema from
  version n to n + 1, mirroring ``chronicle.store.sqlite.MIGRATIONS`` version by version. Each
  migration runs in a transaction under an advisory lock, so concurrent openers wait.
* ``schema=``: keep the tables in that schema (created if missing) rather than the first of the
  connection's search_path; several stores can share one database.

PostgreSQL text cannot hold NUL characters: an article containing one is refused with
``psycopg.DataError``; looking up an id that contains one finds nothing.

Needs ``psycopg`` 3 (``pip install "psycopg[binary]"``). DOCS: docs/store.md
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional

try:
    import psycopg
    from psycopg import sql as pgsql
    from psycopg.rows import dict_row
    from psycopg.types.json import Jsonb
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "The PostgreSQL store needs psycopg 3: pip install 'psycopg[binary]'"
    ) from exc

from chronicle.knowledge.names import party_name_key
from chronicle.store import describe as redact
from chronicle.store import is_postgres_url
from chronicle.store.base import BaseStore, _like_escape
from chronicle.store.rows import COLUMNS, JSON_COLUMNS, TABLES

__all__ = ["PostgresStore", "MIGRATIONS", "SCHEMA_VERSION", "redact"]

# Text columns compare and sort bytewise, as in SQLite (and whatever the database's locale).
T = 'text COLLATE "C"'

_SCHEMA_1 = [
    f"""
    CREATE TABLE articles (
        id        {T} PRIMARY KEY,
        source    {T} NOT NULL,
        title     {T},
        published {T},                  -- ISO date
        text      {T} NOT NULL,
        record    jsonb NOT NULL,       -- the full Article.to_dict()
        added_at  {T} NOT NULL          -- ISO timestamp, UTC
    )
    """,
    "CREATE INDEX articles_published ON articles(published)",
    f"""
    CREATE TABLE actors (
        article_id {T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id   {T} NOT NULL,
        seq        integer NOT NULL,
        name       {T} NOT NULL,
        key        {T} NOT NULL,        -- name_key(name)
        type       {T} NOT NULL,
        country    {T},
        roles      jsonb NOT NULL,      -- list
        aliases    jsonb NOT NULL,      -- list
        mentions   integer NOT NULL,
        PRIMARY KEY (article_id, actor_id)
    )
    """,
    "CREATE INDEX actors_key ON actors(key, type)",
    f"""
    CREATE TABLE actor_names (
        article_id {T} NOT NULL,
        actor_id   {T} NOT NULL,
        name       {T} NOT NULL,
        key        {T} NOT NULL,
        PRIMARY KEY (article_id, actor_id, name),
        FOREIGN KEY (article_id, actor_id) REFERENCES actors(article_id, actor_id)
            ON DELETE CASCADE
    )
    """,
    "CREATE INDEX actor_names_key ON actor_names(key)",
    f"""
    CREATE TABLE quotes (
        article_id     {T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote_id       {T} NOT NULL,
        seq            integer NOT NULL,
        speaker        {T},
        speaker_name   {T},
        speaker_text   {T},
        cue            {T},
        cue_text       {T},
        kind           {T} NOT NULL,
        medium         {T},
        medium_text    {T},
        content        {T} NOT NULL,
        date           {T},
        time           {T},
        content_start  integer NOT NULL,
        content_end    integer NOT NULL,
        speaker_start  integer,
        speaker_end    integer,
        cue_start      integer,
        cue_end        integer,
        medium_start   integer,
        medium_end     integer,
        sentence_start integer,
        sentence_end   integer,
        PRIMARY KEY (article_id, quote_id)
    )
    """,
    "CREATE INDEX quotes_date ON quotes(date)",
    "CREATE INDEX quotes_speaker ON quotes(article_id, speaker)",
    f"""
    CREATE TABLE times (
        article_id {T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        time_id    {T} NOT NULL,
        seq        integer NOT NULL,
        text       {T} NOT NULL,
        type       {T} NOT NULL,
        value      {T},
        anchor     {T},
        reason     {T},
        span_start integer NOT NULL,
        span_end   integer NOT NULL,
        PRIMARY KEY (article_id, time_id)
    )
    """,
    f"""
    CREATE TABLE events (
        article_id     {T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id       {T} NOT NULL,
        seq            integer NOT NULL,
        text           {T} NOT NULL,
        source         jsonb NOT NULL,  -- list of actor ids
        target         jsonb NOT NULL,  -- list of actor ids
        cameo          {T},
        plover         {T},
        mode           {T},
        context        {T},
        status         {T} NOT NULL,
        date           {T},
        span_start     integer NOT NULL,
        span_end       integer NOT NULL,
        sentence_start integer,
        sentence_end   integer,
        PRIMARY KEY (article_id, event_id)
    )
    """,
    "CREATE INDEX events_date ON events(date)",
    # Full text: expression indexes; queries use the very same expressions.
    "CREATE INDEX quotes_fts ON quotes USING gin (to_tsvector('simple', content))",
    "CREATE INDEX articles_fts ON articles USING gin"
    " (to_tsvector('simple', coalesce(title, '') || ' ' || text))",
]

_SCHEMA_2 = [
    f"""
    CREATE TABLE positions (
        article_id  {T} NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position_id {T} NOT NULL,
        seq         integer NOT NULL,
        holder      jsonb NOT NULL,     -- list of actor ids ([] for a document)
        holder_name {T},
        issue       {T} NOT NULL,
        stance      {T} NOT NULL,
        conditions  jsonb NOT NULL,     -- list of text[span] of each condition
        text        {T} NOT NULL,
        evidence    jsonb NOT NULL,     -- list of {{"span": [s, e], "text": ...}}
        date        {T},
        confidence  double precision NOT NULL,
        source      {T} NOT NULL,
        quote_id    {T},
        event_id    {T},
        span_start  integer NOT NULL,
        span_end    integer NOT NULL,
        PRIMARY KEY (article_id, position_id)
    )
    """,
    "CREATE INDEX positions_issue ON positions(issue, date)",
]


# Version 3, as the SQLite store's: code, basis and party on actors; actor_words.
_SCHEMA_3 = [
    "ALTER TABLE actors ADD COLUMN code text",
    "ALTER TABLE actors ADD COLUMN basis jsonb NOT NULL DEFAULT '{}'::jsonb",
    "ALTER TABLE actors ADD COLUMN party text",
    "ALTER TABLE actor_names ADD COLUMN party text",
    f"""
    CREATE TABLE actor_words (
        article_id {T} NOT NULL,
        actor_id   {T} NOT NULL,
        word       {T} NOT NULL,
        last       integer NOT NULL,
        type       {T} NOT NULL,
        party      {T} NOT NULL,
        PRIMARY KEY (article_id, actor_id, word),
        FOREIGN KEY (article_id, actor_id) REFERENCES actors(article_id, actor_id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX actor_words_word ON actor_words(word, last, type)",
    "CREATE INDEX actor_names_party ON actor_names(party)",
    "CREATE INDEX actors_party ON actors(party)",
]


def _migration_3(conn: "psycopg.Connection") -> None:
    for statement in _SCHEMA_3:
        conn.execute(statement)
    rows = conn.execute("SELECT article_id, actor_id, name, type FROM actors").fetchall()
    for article_id, actor_id, name, kind in rows:
        party = f"{kind}:{party_name_key(name)}"
        conn.execute("UPDATE actors SET party = %s WHERE article_id = %s AND actor_id = %s", (party, article_id, actor_id))
        conn.execute("UPDATE actor_names SET party = %s WHERE article_id = %s AND actor_id = %s",
                     (party, article_id, actor_id))
        words: dict[str, int] = {}
        for (key,) in conn.execute("SELECT key FROM actor_names WHERE article_id = %s AND actor_id = %s",
                                   (article_id, actor_id)).fetchall():
            parts = key.split()
            for i, w in enumerate(parts):
                words[w] = max(words.get(w, 0), int(kind == "person" and len(parts) > 1 and i == len(parts) - 1))
        for w, last in words.items():
            conn.execute("INSERT INTO actor_words VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                         (article_id, actor_id, w, last, kind, party))


def _statements(statements: list[str]) -> Callable[["psycopg.Connection"], None]:
    def migrate(conn: "psycopg.Connection") -> None:
        for statement in statements:
            conn.execute(statement)
    return migrate


# MIGRATIONS[n] takes the schema from version n to n + 1, in step with the SQLite store's.
MIGRATIONS: list[Callable[["psycopg.Connection"], None]] = [
    _statements(_SCHEMA_1), _statements(_SCHEMA_2), _migration_3,
]
SCHEMA_VERSION = len(MIGRATIONS)

# pg_advisory_xact_lock key: "chronicle" as a number; only serialises Chronicle's migrations.
_MIGRATION_LOCK = 0x6368726F6E69636C
_FTS = "to_tsvector('simple', q.content) @@ phraseto_tsquery('simple', %s)"
# The expression of the GIN index articles_fts, so that the index serves article searches.
_ARTICLE_DOCUMENT = "to_tsvector('simple', coalesce(a.title, '') || ' ' || a.text)"


class PostgresStore(BaseStore):
    """Chronicle records in a PostgreSQL database, its schema created or migrated on opening."""

    P = "%s"
    IntegrityError = psycopg.IntegrityError
    fts = True  # PostgreSQL always has full-text search

    def __init__(self, url: str, *, schema: Optional[str] = None, connect_timeout: int = 10):
        if not is_postgres_url(url):
            raise ValueError(f"not a PostgreSQL URL (postgresql://...): {redact(str(url))!r}")
        self.url = url
        self.path = redact(url)  # what messages show, as Store.path
        self.schema = schema
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row,
                                        connect_timeout=connect_timeout)
        except psycopg.OperationalError as exc:
            raise RuntimeError(f"cannot connect to {self.path}: {exc}".strip()) from exc
        try:
            if schema is not None:
                self.conn.execute(pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(pgsql.Identifier(schema)))
                self.conn.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(schema)))
            self._migrate()
        except BaseException:
            self.conn.close()
            raise

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection. Closing twice is harmless."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> "PostgresStore":
        return self

    def __repr__(self) -> str:
        schema = f", schema={self.schema!r}" if self.schema else ""
        return f"PostgresStore({self.path!r}{schema})"

    @property
    def schema_version(self) -> int:
        if not self._has_table("schema_version"):
            return 0
        row = self.conn.execute("SELECT version FROM schema_version").fetchone()
        return 0 if row is None else row["version"]

    def _has_table(self, name: str) -> bool:
        # to_regclass follows search_path, as unqualified names in queries do.
        row = self.conn.execute("SELECT to_regclass(%s) IS NOT NULL AS found", (name,)).fetchone()
        return bool(row["found"])

    def _migrate(self) -> None:
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " one boolean PRIMARY KEY DEFAULT true CHECK (one),"
                " version integer NOT NULL)"
            )
            self.conn.execute(
                "INSERT INTO schema_version (version) VALUES (0) ON CONFLICT (one) DO NOTHING"
            )
            version = self.conn.execute("SELECT version FROM schema_version").fetchone()["version"]
            if version > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path} has schema version {version}; this Chronicle knows "
                    f"versions up to {SCHEMA_VERSION}. Upgrade Chronicle to open it."
                )
            while version < SCHEMA_VERSION:
                # One transaction for all: DDL is transactional in PostgreSQL, so a failed
                # migration leaves the schema as it was.
                MIGRATIONS[version](self.conn)
                version += 1
                self.conn.execute("UPDATE schema_version SET version = %s", (version,))

    # -- the backend's side of BaseStore -------------------------------------------------------

    def _rows(self, sql: str, params=()) -> list[dict]:
        return self.conn.execute(sql, params).fetchall()

    @contextmanager
    def _write(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def _insert_article(self, row: tuple) -> bool:
        cursor = self.conn.execute(
            "INSERT INTO articles (id, source, title, published, text, record, added_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING",
            _encode("articles", row),
        )
        return cursor.rowcount > 0

    def _insert(self, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        columns = COLUMNS[table]  # fixed names from chronicle.store.rows, not user input
        with self.conn.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)})"
                f" VALUES ({', '.join(['%s'] * len(columns))})",
                [_encode(table, row) for row in rows],
            )

    @staticmethod
    def _decode(value: Any) -> Any:
        return value  # psycopg returns jsonb as Python values

    @staticmethod
    def _limit(limit: Optional[int]) -> Optional[int]:
        return limit  # LIMIT NULL is no limit

    @staticmethod
    def _in_list(expr: str, values: list) -> tuple[str, list]:
        return f"{expr} = ANY(%s::text[])", [list(values)]

    @staticmethod
    def _json_ids(column: str) -> str:
        return f"jsonb_array_elements_text({column}) AS j(value)"

    @staticmethod
    def _record_length(kind: str) -> str:
        return f"jsonb_array_length(a.record -> '{kind}')"  # fixed kinds from chronicle.store.rows

    @staticmethod
    def _actors_sql(where: str) -> str:
        return f"""
            WITH said AS (
                SELECT article_id, speaker AS actor_id, count(*) AS n
                FROM quotes WHERE speaker IS NOT NULL GROUP BY article_id, speaker
            )
            SELECT a.party, jsonb_agg(a.type) AS types,
                   count(DISTINCT a.article_id) AS articles,
                   sum(a.mentions)::bigint AS mentions,
                   coalesce(sum(said.n), 0)::bigint AS quotes,
                   jsonb_agg(a.name) AS names,
                   jsonb_agg(a.country) AS countries,
                   jsonb_agg(a.code) AS codes,
                   jsonb_agg(a.basis) AS bases,
                   jsonb_agg(a.roles) AS roles,
                   jsonb_agg(a.aliases) AS aliases
            FROM actors AS a
            LEFT JOIN said ON said.article_id = a.article_id AND said.actor_id = a.actor_id
            {where}
            GROUP BY a.party
            ORDER BY quotes DESC, articles DESC, mentions DESC, a.party
            LIMIT %s OFFSET %s
            """

    def _contains_condition(self, words: str) -> tuple[str, list[Any]]:
        """SQL over ``quotes AS q`` keeping quotes whose content contains ``words``."""
        words = words.replace("\x00", "")  # never in stored text; PostgreSQL refuses it
        if re.search(r"[^\W_]", words):
            # One phrase: phraseto_tsquery reads plain text, so operators (&, |, !, <->, :*)
            # in it have no effect.
            return _FTS, [words]
        # Nothing the parser would index (e.g. "%" or "?!"): a case-insensitive substring.
        return "q.content ILIKE %s ESCAPE '\\'", ["%" + _like_escape(words) + "%"]

    @staticmethod
    def _words_search(words: list[str]) -> tuple[str, str, list, str, list]:
        """Articles holding every word (``plainto_tsquery``: operators are plain words), by rank."""
        query = " ".join(words)
        return ("articles AS a", f"{_ARTICLE_DOCUMENT} @@ plainto_tsquery('simple', %s)", [query],
                f"ts_rank({_ARTICLE_DOCUMENT}, plainto_tsquery('simple', %s)) DESC, a.id", [query])

    # -- NUL characters ------------------------------------------------------------------------
    # PostgreSQL refuses NUL in text parameters; no stored value holds one, so a look-up of a
    # value containing one finds nothing.

    def get(self, article_id: str):
        if isinstance(article_id, str) and "\x00" in article_id:
            return None
        return super().get(article_id)

    def __contains__(self, article_id: object) -> bool:
        if not isinstance(article_id, str) or "\x00" in article_id:
            return False
        return super().__contains__(article_id)

    def quotes(self, **filters) -> list[dict]:
        if isinstance(filters.get("article"), str) and "\x00" in filters["article"]:
            return []
        return super().quotes(**filters)

    quotes.__doc__ = BaseStore.quotes.__doc__

    # -- checks --------------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Problems found in the database, as sentences; an empty list when it is sound.

        Looks at: the schema version, every table and full-text index being there (and the
        indexes valid), child rows without their article, and articles whose rows do not match
        their record.
        """
        problems = []
        version = self.schema_version
        if version != SCHEMA_VERSION:
            problems.append(f"schema version is {version}, expected {SCHEMA_VERSION}")
        missing = [table for table in TABLES if not self._has_table(table)]
        if missing:
            return problems + [f"missing table(s): {', '.join(missing)}"]
        for index in ("quotes_fts", "articles_fts"):
            row = self.conn.execute(
                "SELECT i.indisvalid AS valid FROM pg_index AS i"
                " WHERE i.indexrelid = to_regclass(%s)", (index,)
            ).fetchone()
            if row is None:
                problems.append(f"full-text index {index} is missing")
            elif not row["valid"]:
                problems.append(f"full-text index {index} is invalid (REINDEX INDEX {index})")
        problems += self._common_problems()
        return problems


def _encode(table: str, row: tuple) -> tuple:
    """JSON columns wrapped for jsonb."""
    json_columns = JSON_COLUMNS[table]
    return tuple(
        Jsonb(value) if column in json_columns else value
        for column, value in zip(COLUMNS[table], row)
    )
