"""The hub runs over both backends (see ``tests.store.places``)."""

from __future__ import annotations

from tests.store.places import open_log, place, store

__all__ = ["open_log", "place", "store"]
