"""Choosing the log: a data directory's SQLite file, or the PostgreSQL URL in the environment."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from podium.store import DATABASE_SCHEMA, DATABASE_URL, configured_store, open_store
from podium.store.postgres import PostgresStore
from podium.store.sqlite import SQLiteStore

EVENT = json.dumps({"type": "A", "v": 1})


def test_a_data_directory_holds_the_sqlite_file(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data")
    try:
        assert isinstance(store, SQLiteStore)
        store.append("m1", 0, [EVENT])
    finally:
        store.close()
    assert (tmp_path / "data" / "podium.sqlite3").is_file()
    again = open_store(f"sqlite:///{tmp_path / 'data' / 'podium.sqlite3'}")
    try:
        assert again.last_seq("m1") == 1
    finally:
        again.close()


def test_without_a_database_url_the_data_directory_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATABASE_URL, raising=False)
    store = configured_store(tmp_path)
    try:
        assert isinstance(store, SQLiteStore)
    finally:
        store.close()


@pytest.mark.postgres
def test_a_database_url_in_the_environment_selects_postgresql(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    schema = f"podium_open_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv(DATABASE_URL, postgres_url)
    monkeypatch.setenv(DATABASE_SCHEMA, schema)
    store = configured_store(tmp_path)
    try:
        assert isinstance(store, PostgresStore)
        assert store.schema == schema  # PODIUM_DATABASE_SCHEMA is honoured
        assert store.last_seq("no-such-meeting-anywhere") == 0
    finally:
        if isinstance(store, PostgresStore):
            store.drop_schema()
        store.close()
    assert not (tmp_path / "podium.sqlite3").exists()
