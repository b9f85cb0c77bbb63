"""The event log: one contract (``EventStore``), SQLite and PostgreSQL backends."""

from __future__ import annotations

from podium.store.base import (
    Conflict,
    CorruptEvent,
    EventStore,
    InvalidEvent,
    Listener,
    Notice,
    Snapshot,
    StoredEvent,
    StoreError,
    TokenRecord,
    Unsubscribe,
)
from podium.store.open import DATABASE_SCHEMA, DATABASE_URL, configured_store, open_store

__all__ = [
    "DATABASE_SCHEMA",
    "DATABASE_URL",
    "Conflict",
    "CorruptEvent",
    "EventStore",
    "InvalidEvent",
    "Listener",
    "Notice",
    "Snapshot",
    "StoreError",
    "StoredEvent",
    "TokenRecord",
    "Unsubscribe",
    "configured_store",
    "open_store",
]
