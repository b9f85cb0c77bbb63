"""Every contract test runs on both backends (see ``places``)."""

from __future__ import annotations

from tests.store.places import open_log, place, store

__all__ = ["open_log", "place", "store"]
