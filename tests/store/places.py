"""Where a test's log lives, on both backends: SQLite in a temporary directory,
PostgreSQL in a schema of its own on the shared test database."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from podium.store import EventStore, open_store
from podium.store.open import SQLITE_FILE
from tests.support.schemas import drop_schema


@dataclass(frozen=True)
class LogPlace:
    """Where a test's log lives: what ``open_store`` takes, and the schema on PostgreSQL."""

    backend: str
    target: str
    schema: str

    def open(self) -> EventStore:
        return open_store(self.target, schema=self.schema)

    def execute(self, statement: str, params: tuple[Any, ...] = ()) -> None:
        """Raw SQL on the log's own tables (``{events}`` names the events table)."""
        if self.backend == "sqlite":
            conn = sqlite3.connect(Path(self.target) / SQLITE_FILE, isolation_level=None)
            try:
                conn.execute(statement.format(events="events").replace("%s", "?"), params)
            finally:
                conn.close()
        else:
            events = sql.Identifier(self.schema, "events").as_string()
            with psycopg.connect(self.target, autocommit=True) as conn:
                conn.execute(statement.format(events=events), params)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LogPlace]:
    if request.param == "sqlite":
        yield LogPlace("sqlite", str(tmp_path), "public")
        return
    url: str = request.getfixturevalue("postgres_url")
    schema = f"podium_test_{uuid.uuid4().hex[:12]}"
    yield LogPlace("postgres", url, schema)
    drop_schema(url, schema)


@pytest.fixture
def open_log(place: LogPlace) -> Iterator[Callable[[], EventStore]]:
    """Opens stores on the test's log; closes them all at the end."""
    opened: list[EventStore] = []

    def opener() -> EventStore:
        store = place.open()
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close()


@pytest.fixture
def store(open_log: Callable[[], EventStore]) -> EventStore:
    return open_log()
