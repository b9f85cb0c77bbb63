"""Choosing the event log: a PostgreSQL URL, or else the SQLite file of a data directory."""

from __future__ import annotations

import os
from pathlib import Path

from podium.store.base import EventStore

DATABASE_URL = "PODIUM_DATABASE_URL"
DATABASE_SCHEMA = "PODIUM_DATABASE_SCHEMA"
SQLITE_FILE = "podium.sqlite3"


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def open_store(url_or_data_dir: str | os.PathLike[str], *, schema: str | None = None) -> EventStore:
    """The log at a ``postgresql://`` URL, a ``sqlite:///path`` file, or ``DIR/podium.sqlite3``.

    On PostgreSQL the tables are in ``schema``, else in ``PODIUM_DATABASE_SCHEMA``,
    else in ``public``.
    """
    target = os.fspath(url_or_data_dir)
    if is_postgres_url(target):
        from podium.store.postgres import PostgresStore

        return PostgresStore(target, schema=schema or os.environ.get(DATABASE_SCHEMA) or "public")
    from podium.store.sqlite import SQLiteStore

    if target.startswith("sqlite:///"):
        return SQLiteStore(Path(target.removeprefix("sqlite:///")))
    return SQLiteStore(Path(target) / SQLITE_FILE)


def configured_store(data_dir: str | os.PathLike[str]) -> EventStore:
    """``PODIUM_DATABASE_URL`` when it is set, else the SQLite file in ``data_dir``."""
    return open_store(os.environ.get(DATABASE_URL) or data_dir)
