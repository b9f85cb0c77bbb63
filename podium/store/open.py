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


class BadDatabaseURL(ValueError):
    """``PODIUM_DATABASE_URL`` is set to something that is not a log's address."""


def configured_url(data_dir: str | os.PathLike[str]) -> str:
    """``PODIUM_DATABASE_URL`` when it is set, else the data directory (for SQLite).

    Set but empty, or not a ``postgresql://`` or ``sqlite:///`` URL, is a mistake to be
    told of, not a reason to write the log somewhere else.
    """
    value = os.environ.get(DATABASE_URL)
    if value is None:
        return os.fspath(data_dir)
    if not value.strip():
        raise BadDatabaseURL(
            f"{DATABASE_URL} is set but empty: give a postgresql:// URL, or unset it to keep "
            f"the log in {os.fspath(data_dir)}"
        )
    if not (is_postgres_url(value.strip()) or value.strip().startswith("sqlite:///")):
        raise BadDatabaseURL(
            f"{DATABASE_URL} must be a postgresql:// or sqlite:/// URL, not {value.strip()[:60]!r}"
        )
    return value.strip()


def configured_store(data_dir: str | os.PathLike[str]) -> EventStore:
    """``PODIUM_DATABASE_URL`` when it is set, else the SQLite file in ``data_dir``."""
    return open_store(configured_url(data_dir))
