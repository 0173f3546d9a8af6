"""Where Chronicle keeps its records: one SQLite file, or a PostgreSQL database for teams.

    from chronicle.store import open_store

    with open_store("chronicle.db") as store:                         # chronicle.store.sqlite.Store
        ...
    with open_store("postgresql://user@host/chronicle") as store:    # chronicle.store.postgres.PostgresStore
        ...

Both have the same API (``chronicle.store.base.BaseStore``). DOCS: docs/store.md
"""
from __future__ import annotations

import os
from typing import Optional

__all__ = ["open_store", "is_postgres_url", "describe"]


def is_postgres_url(target: object) -> bool:
    """True for ``postgresql://`` and ``postgres://`` URLs."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def open_store(target: Optional[str | os.PathLike] = None):
    """The store at ``target``: a ``PostgresStore`` for a PostgreSQL URL, else the SQLite
    ``Store`` on that file (created with its schema if missing). ``None`` means
    ``settings.DEFAULT_DB`` (env CHRONICLE_DB)."""
    if target is None:
        from chronicle import settings

        target = settings.DEFAULT_DB
    if is_postgres_url(target):
        from chronicle.store.postgres import PostgresStore

        return PostgresStore(target)
    from chronicle.store.sqlite import Store

    return Store(target)


def describe(target: str | os.PathLike) -> str:
    """``target`` fit to print: a URL without its password, a path as it is."""
    if is_postgres_url(target):
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(str(target))
        if parts.password is not None:
            user, host = parts.netloc.rsplit("@", 1)
            return urlunsplit(parts._replace(netloc=f"{user.split(':', 1)[0]}:***@{host}"))
    return os.fspath(target)
