"""What the SQLite and the PostgreSQL stores share: the queries, their filters, result shapes,
event grouping, name look-up and the checks that hold on both.

Each backend (``chronicle.store.sqlite.Store``, ``chronicle.store.postgres.PostgresStore``)
subclasses ``BaseStore`` and supplies its connection, its transactions, its placeholder
(``P``), its schema and migrations, and the SQL that differs between the two: full-text search,
JSON functions and aggregation. Everything here is written once for both; the rows ``add``
writes are built in ``chronicle.store.rows``.

Every value reaches the database as a query parameter; the only names formatted into SQL are
fixed table and column names from this module and ``chronicle.store.rows``.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date
from typing import Any, Iterable, Iterator, Optional

from chronicle.knowledge.gazetteer import country_by_name
from chronicle.knowledge.names import name_key, party_name_key, same_name
from chronicle.records import Article
from chronicle.store.rows import RECORD_LISTS, TABLES, article_row, child_rows, party_of
from chronicle.store.rows import chosen_basis as _basis_of
from chronicle.store.rows import most_common as _most_common

__all__ = ["BaseStore", "snippet"]

# The columns of an ``articles()`` or ``search_articles()`` row, and their order.
_ARTICLE_COLUMNS = """
    a.id, a.source, a.title, a.published, a.added_at,
    (SELECT count(*) FROM actors WHERE article_id = a.id) AS actors,
    (SELECT count(*) FROM quotes WHERE article_id = a.id) AS quotes,
    (SELECT count(*) FROM times WHERE article_id = a.id) AS times,
    (SELECT count(*) FROM events WHERE article_id = a.id) AS events
"""
_ARTICLE_ORDER = "a.published IS NULL, a.published, a.added_at, a.id"
_WORD = re.compile(r"[^\W_]+")  # the words of a search_articles() query


# --------------------------------------------------------------------------------------------
# The shared store
# --------------------------------------------------------------------------------------------

class BaseStore:
    """The public API of a Chronicle store; see ``chronicle.store.sqlite`` for its guarantees.

    Subclasses provide:

    * ``P``: the parameter placeholder ("?" or "%s");
    * ``IntegrityError``: the exception a malformed record raises in ``add``;
    * ``_rows(sql, params)`` -> list of dicts, ``_insert(table, rows)``, ``_write()`` (a
      context manager around one write transaction), ``_insert_article(row)`` -> bool;
    * ``_decode(value)``: a JSON column's value as read -> the Python value;
    * ``_in_list(expr, values)``, ``_json_ids(column)``, ``_contains_condition(words)``,
      ``_record_length(kind)``, ``_actors_sql(where)``, ``_limit(limit)``;
    * ``_words_search(words)`` -> (FROM clause, condition, its parameters, ORDER BY, its
      parameters): the articles holding every word, best first, for ``search_articles``;
    * ``schema_version``, ``check()`` (calling ``_common_problems``), ``close()``.
    """

    P = "?"
    IntegrityError: type[Exception] = Exception
    fts: bool = False

    # -- lifecycle -----------------------------------------------------------------------------

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def add(self, article: Article) -> bool:
        """Store one article record: True if stored, False if its id was stored already.

        All rows of the article are written in one transaction: on any error nothing of it is
        kept and the error is raised (``self.IntegrityError`` for, e.g., two quotes sharing an
        id).
        """
        if not article.id:
            raise ValueError("article has no id")
        row = article_row(article, article.to_dict())
        with self._write():
            if not self._insert_article(row):
                return False  # stored already: its other rows are not even built
            for table, rows in child_rows(article, self._parties(article)).items():  # parents first
                self._insert(table, rows)
        return True

    def _parties(self, article: Article) -> dict[str, str]:
        """Actor id -> identity across articles (``rows.party_of``), with one more rule the
        record alone can't give: a person named by a surname only ("Biden said") joins the one
        stored person whose full name ends with it ("Joe Biden"); with two or more ("Bill" and
        "Hillary Clinton"), it stays apart."""
        parties = {}
        for actor in article.actors:
            party = party_of(actor)
            key = name_key(actor.name)
            if actor.type == "person" and party.startswith("person:") and key and " " not in key:
                found = self._rows(
                    f"SELECT DISTINCT party FROM actor_words WHERE word = {self.P} AND last = 1"
                    " AND type = 'person' LIMIT 2", [key])
                if len(found) == 1:
                    party = found[0]["party"]
            parties[actor.id] = party
        return parties

    # -- reading -------------------------------------------------------------------------------

    def get(self, article_id: str) -> Optional[Article]:
        """The full record of one article, equal to what was added; None if not stored."""
        rows = self._rows(f"SELECT record FROM articles WHERE id = {self.P}", [article_id])
        return Article.from_dict(self._decode(rows[0]["record"])) if rows else None

    def __contains__(self, article_id: object) -> bool:
        return bool(self._rows(f"SELECT 1 AS hit FROM articles WHERE id = {self.P}", [article_id]))

    def articles(self, *, limit: Optional[int] = 50, offset: int = 0) -> list[dict]:
        """One row per article: id, source, title, published, added_at and the number of its
        actors, quotes, times and events. Oldest publication first; undated articles last."""
        p = self.P
        return self._rows(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles AS a ORDER BY {_ARTICLE_ORDER} LIMIT {p} OFFSET {p}",
            self._page(limit, offset),
        )

    def search_articles(self, q: Optional[str] = None, *, actor: Optional[str] = None,
                        limit: Optional[int] = 20, offset: int = 0) -> list[dict]:
        """Articles whose title or text has every word of ``q`` (any order), best match first,
        and in which an actor named ``actor`` appears.

        q: words; search syntax in it (FTS5's AND, NEAR, *, ^, column filters; tsquery's &, |,
            !) is taken as plain words. SQLite: FTS5 terms, or a case-insensitive substring per
            word without FTS5; PostgreSQL: ``plainto_tsquery('simple', ...)``. A ``q`` with no
            word in it filters nothing.
        actor: any name or alias, folded by ``name_key`` ("Podolyak" finds "Podoljak"), or a
            whole word of one; no near-misses.
        Without either, the articles of ``articles()``, oldest publication first. Each row is an
        ``articles()`` row plus ``snippet``: text around the first word of ``q`` found (None
        without ``q``).
        """
        words = _WORD.findall(q or "")
        if not words and actor is None:
            rows = self.articles(limit=limit, offset=offset)
            for row in rows:
                row["snippet"] = None
            return rows
        page = self._page(limit, offset)
        source, where, params, order, order_params = "articles AS a", [], [], _ARTICLE_ORDER, []
        if words:
            source, condition, params, order, order_params = self._words_search(words)
            where.append(condition)
        if actor is not None:
            condition = self._exact_name_condition(actor)
            if condition is None:
                return []
            where.append(f"a.id IN (SELECT n.article_id FROM actor_names AS n WHERE {condition[0]})")
            params += condition[1]
        p = self.P
        rows = self._rows(
            f"SELECT {_ARTICLE_COLUMNS}, a.text FROM {source} WHERE {' AND '.join(where)}"
            f" ORDER BY {order} LIMIT {p} OFFSET {p}",
            [*params, *order_params, *page],
        )
        for row in rows:
            text = row.pop("text")
            row["snippet"] = snippet(text, words) if words else None
        return rows

    def quotes(
        self,
        *,
        speaker: Optional[str] = None,
        contains: Optional[str] = None,
        since: Optional[str | date] = None,
        until: Optional[str | date] = None,
        article: Optional[str] = None,
        source: Optional[str] = None,
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
        source:   text in where the article came from (a path, URL or WARC record), e.g. a
                  site's domain: "bbc.co.uk" (case-insensitive substring).

        Each row: article_id, quote_id, speaker (the actor's name), speaker_id, speaker_text
        (the words naming the speaker, as written), cue, kind, medium, content, date, source,
        title (of the article), content_span.
        """
        p = self.P
        where, params = [], []
        if speaker is not None:
            condition = self._name_condition(speaker)
            if condition is None:
                return []
            sql, values = condition
            # The matching speakers first, once (an uncorrelated subquery), then their quotes by
            # index: a correlated EXISTS ran the name match once per quote (0.5 s at 100k quotes).
            where.append(
                "(q.article_id, q.speaker) IN (SELECT n.article_id, n.actor_id FROM actor_names AS n"
                f" WHERE {sql})"
            )
            params += values
        if contains is not None:
            sql, values = self._contains_condition(contains)
            where.append(sql)
            params += values
        self._date_filters("q.date", since, until, where, params)
        if article is not None:
            where.append(f"q.article_id = {p}")
            params.append(article)
        if source is not None:
            where.append(f"lower(a.source) LIKE {p} ESCAPE '\\'")
            params.append("%" + _like_escape(source.lower().replace("\x00", "")) + "%")
        rows = self._rows(
            f"""
            SELECT q.article_id, q.quote_id, q.speaker_name AS speaker, q.speaker AS speaker_id,
                   q.speaker_text, q.cue, q.kind, q.medium, q.content, q.date,
                   a.source, a.title, q.content_start, q.content_end
            FROM quotes AS q JOIN articles AS a ON a.id = q.article_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY q.date IS NULL, q.date, a.published IS NULL, a.published, q.article_id, q.seq
            LIMIT {p} OFFSET {p}
            """,
            [*params, *self._page(limit, offset)],
        )
        for row in rows:
            row["content_span"] = [row.pop("content_start"), row.pop("content_end")]
        return rows

    def actors(self, *, name: Optional[str] = None, limit: Optional[int] = 100,
               offset: int = 0) -> list[dict]:
        """Actors across articles, one row per party (``rows.party_of``: a knowledge-base
        entry, a country, or a type and folded full name that surname-only mentions join).

        Each row: name (the most used spelling), type, country and code (the most used), party,
        roles and aliases (unions, sorted; other spellings of the name count as aliases),
        articles, mentions and quotes (numbers). Most quoted first, then most articles, most
        mentions.
        ``name`` keeps the actors with a name or alias matching it, as for ``quotes(speaker=)``.
        """
        where, params = "", []
        if name is not None:
            condition = self._name_condition(name)
            if condition is None:
                return []
            sql, params = condition
            where = f"WHERE a.party IN (SELECT n.party FROM actor_names AS n WHERE {sql})"
        rows = self._rows(self._actors_sql(where), [*params, *self._page(limit, offset)])
        results = []
        for row in rows:
            names = self._decode(row["names"])
            chosen = _most_common(names)
            countries = [c for c in self._decode(row["countries"]) if c is not None]
            roles = {r for group in self._decode(row["roles"]) for r in group}
            aliases = {a for group in self._decode(row["aliases"]) for a in group}
            aliases |= set(names)
            aliases.discard(chosen)
            codes = [c for c in self._decode(row["codes"]) if c is not None]
            chosen_values = {"type": _most_common(self._decode(row["types"])),
                             "country": _most_common(countries) if countries else None,
                             "code": _most_common(codes) if codes else None}
            results.append({
                "name": chosen,
                **chosen_values,
                "basis": _basis_of(chosen_values, self._decode(row["types"]), self._decode(row["countries"]),
                                   self._decode(row["codes"]), self._decode(row["bases"])),
                "party": row["party"],
                "roles": sorted(roles),
                "aliases": sorted(aliases),
                "articles": int(row["articles"]),
                "mentions": int(row["mentions"]),
                "quotes": int(row["quotes"]),
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
        p = self.P
        where, params = [], []
        for role, name in (("source", actor), ("target", target)):
            if name is None:
                continue
            condition = self._party_condition("e", role, name)
            if condition is None:
                return []
            where.append(condition[0])
            params += condition[1]
        if code is not None:
            where.append(f"(e.cameo LIKE {p} ESCAPE '\\' OR upper(e.plover) = upper({p}))")
            params += [_like_escape(code) + "%", code]
        self._date_filters("e.date", since, until, where, params)
        rows = self._rows(
            f"""
            SELECT e.article_id, e.event_id, e.text, e.source, e.target, e.cameo, e.plover,
                   e.status, e.date, e.span_start, e.span_end, a.title
            FROM events AS e JOIN articles AS a ON a.id = e.article_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY e.date IS NULL, e.date, e.article_id, e.seq
            """,
            params,
        )
        actors = self._event_actors({r["article_id"] for r in rows})
        groups: list[dict] = []
        latest: dict[tuple, dict] = {}
        for row in rows:
            aid = row["article_id"]
            source = [actors[(aid, i)] for i in self._decode(row["source"]) if (aid, i) in actors]
            target = [actors[(aid, i)] for i in self._decode(row["target"]) if (aid, i) in actors]
            key = (tuple(sorted({who for _, who in source})), tuple(sorted({who for _, who in target})),
                   row["plover"] or (row["cameo"] or "")[:2], row["status"])
            source = [name for name, _ in source]
            target = [name for name, _ in target]
            evidence = {"article_id": aid, "event_id": row["event_id"], "title": row["title"],
                        "text": row["text"], "span": [row["span_start"], row["span_end"]], "date": row["date"]}
            group = latest.get(key)
            if group is not None and _within_a_day(group["date"], row["date"]):
                group["evidence"].append(evidence)
                continue
            group = {"date": row["date"], "source": source, "target": target,
                     "cameo": row["cameo"], "plover": row["plover"], "status": row["status"], "evidence": [evidence]}
            latest[key] = group
            groups.append(group)
        limit, offset = self._check_page(limit, offset)
        return groups[offset:None if limit is None else offset + limit]

    def _event_actors(self, article_ids: set[str]) -> dict[tuple[str, str], tuple[str, str]]:
        """(article id, actor id) -> (name, identity across articles) for the given articles.

        Countries and national groups ("Russian troops", "Russian forces") are one party per
        country, as in CAMEO actor codes; people and organisations are one per party.
        """
        condition, params = self._in_list("article_id", sorted(article_ids))
        rows = self._rows(
            f"SELECT article_id, actor_id, name, party, type, country FROM actors WHERE {condition}",
            params,
        )
        return {
            (r["article_id"], r["actor_id"]): (
                r["name"], r["country"] if r["type"] in ("country", "group") and r["country"] else r["party"])
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
            condition = self._party_condition("p", "holder", holder)
            if condition is None:
                return []
            where.append(condition[0])
            params += condition[1]
        for column, value in (("issue", issue), ("stance", stance)):
            if value is not None:
                where.append(f"p.{column} = {self.P}")  # fixed column names, values as parameters
                params.append(value.lower())
        self._date_filters("p.date", since, until, where, params)
        rows = self._rows(
            f"""
            SELECT p.holder_name AS holder, p.issue, p.stance, p.date, p.article_id, a.title,
                   p.text AS evidence, p.conditions, p.confidence, p.source
            FROM positions AS p JOIN articles AS a ON a.id = p.article_id
            {"WHERE " + " AND ".join(where) if where else ""}
            ORDER BY p.date IS NULL, p.date, p.article_id, p.seq
            """,
            params,
        )
        for row in rows:
            row["conditions"] = self._decode(row["conditions"])
            row["confidence"] = float(row["confidence"])
        return rows

    def stats(self) -> dict[str, int]:
        """The number of rows in each table."""
        return {
            table: int(self._rows(f"SELECT count(*) AS n FROM {table}")[0]["n"])
            for table in TABLES  # fixed table names, not user input
        }

    # -- checks --------------------------------------------------------------------------------

    def _common_problems(self) -> list[str]:
        """Problems both backends look for: child rows without their parent, and articles whose
        rows do not match their record (a half-written article)."""
        problems = []
        for table in TABLES[1:]:
            n = self._rows(
                f"SELECT count(*) AS n FROM {table} AS c"
                " WHERE NOT EXISTS (SELECT 1 FROM articles AS a WHERE a.id = c.article_id)"
            )[0]["n"]
            if n:
                problems.append(f"{table}: {n} row(s) whose article is not in articles")
        n = self._rows(
            "SELECT count(*) AS n FROM actor_names AS c WHERE NOT EXISTS (SELECT 1 FROM actors AS a"
            " WHERE a.article_id = c.article_id AND a.actor_id = c.actor_id)"
        )[0]["n"]
        if n:
            problems.append(f"actor_names: {n} row(s) whose actor is not in actors")
        mismatch = " OR ".join(
            f"coalesce({self._record_length(kind)}, 0)"
            f" <> (SELECT count(*) FROM {table} AS c WHERE c.article_id = a.id)"
            for table, kind in RECORD_LISTS.items()
        )
        rows = self._rows(f"SELECT a.id FROM articles AS a WHERE {mismatch} ORDER BY a.id LIMIT 20")
        for row in rows:
            problems.append(f"article {row['id']!r}: its rows do not match its record"
                            " (half-written or edited by hand)")
        return problems

    # -- query helpers -------------------------------------------------------------------------

    def _page(self, limit: Optional[int], offset: int) -> list:
        limit, offset = self._check_page(limit, offset)
        return [self._limit(limit), offset]

    @staticmethod
    def _check_page(limit: Optional[int], offset: int) -> tuple[Optional[int], int]:
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, not {limit}")
        if offset < 0:
            raise ValueError(f"offset must be >= 0, not {offset}")
        return (None if limit is None else int(limit)), int(offset)

    def _date_filters(self, column: str, since, until, where: list, params: list) -> None:
        p = self.P
        if since is not None:
            where.append(f"{column} >= {p}")
            params.append(_iso(since, "since"))
        if until is not None:
            value = _iso(until, "until")
            where.append(f"substr({column}, 1, length({p})) <= {p}")
            params += [value, value]

    def _party_condition(self, alias: str, column: str, name: str) -> Optional[tuple[str, list]]:
        """SQL keeping rows of ``alias`` whose JSON list of actor ids in ``column`` holds an
        actor named ``name`` or, when ``name`` is a country's, an actor of that country."""
        country = country_by_name(name)  # "Russia" also finds "Russian troops"
        condition = self._name_condition(name)
        if condition is None and country is None:
            return None
        sql, values = condition or ("1 = 0", [])
        ids = self._json_ids(f"{alias}.{column}")
        return (
            f"(EXISTS (SELECT 1 FROM {ids} JOIN actor_names AS n"
            f" ON n.article_id = {alias}.article_id AND n.actor_id = j.value WHERE {sql})"
            f" OR EXISTS (SELECT 1 FROM {ids} JOIN actors AS c"
            f" ON c.article_id = {alias}.article_id AND c.actor_id = j.value WHERE c.country = {self.P}))",
            [*values, country.iso3 if country else None],
        )

    def _name_condition(self, name: str) -> Optional[tuple[str, list[Any]]]:
        """SQL over ``actor_names AS n`` keeping every name of the parties ``name`` names, with
        its parameters; None when nothing can match.

        Exact: the parties with a name holding every word of ``name``'s key (by index, over
        ``actor_words``). Fallback, when none does: the parties of stored names that
        ``same_name`` finds close to ``name`` or to a run of as many words of them.
        """
        exact = self._exact_name_condition(name)
        if exact is None:
            return None
        if self._rows(f"SELECT 1 AS hit FROM actor_names AS n WHERE {exact[0]} LIMIT 1", exact[1]):
            return exact
        width = len(name.split())
        keys = {
            row["key"]
            for row in self._rows("SELECT DISTINCT name, key FROM actor_names")
            if any(same_name(name, part) for part in _runs(row["name"], width))
        }
        if not keys:
            return None
        sql, values = self._in_list("f.key", sorted(keys))
        return f"n.party IN (SELECT f.party FROM actor_names AS f WHERE {sql})", values

    def _exact_name_condition(self, name: str) -> Optional[tuple[str, list[Any]]]:
        """SQL over ``actor_names AS n``: the names of every party with a name holding each
        word of ``name``'s key ("Erdogan", "Tayyip Erdogan" and "Recep Tayyip Erdogan" find
        one party); None when ``name`` has no key (nothing can match)."""
        wanted = sorted(set(party_name_key(name).split()))
        if not wanted:
            return None
        sql, values = self._in_list("w.word", wanted)
        return (
            f"n.party IN (SELECT w.party FROM actor_words AS w WHERE {sql}"
            f" GROUP BY w.article_id, w.actor_id, w.party HAVING count(DISTINCT w.word) = {self.P})",
            [*values, len(wanted)],
        )

    @contextmanager
    def _write(self) -> Iterator[None]:  # pragma: no cover - every backend has its own
        raise NotImplementedError
        yield


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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


def snippet(text: str, words: list[str], width: int = 90) -> str:
    """About ``2 * width`` characters of ``text`` around the first of ``words`` found in it."""
    lowered = text.lower()
    hits = [i for i in (lowered.find(w.lower()) for w in words) if i >= 0]
    at = min(hits) if hits else 0
    start, end = max(at - width, 0), min(at + width, len(text))
    piece = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
