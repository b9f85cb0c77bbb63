"""A bounded map that forgets the least recently used entry first; safe from any thread.

What the server keeps in memory only to save a read of the log (meetings'
states, tokens' records) is kept here, so that memory stays bounded however
many meetings and links a long-running server has seen. Each bound is a
setting (``podium.settings.positive``).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

K = TypeVar("K")
V = TypeVar("V")


class LRU(Generic[K, V]):
    """At most ``bound`` entries; past it, the least recently used go to ``evicted``."""

    def __init__(self, bound: int, evicted: Callable[[K, V], None] | None = None) -> None:
        if bound < 1:
            raise ValueError("an LRU bound is at least 1")
        self.bound = bound
        self._evicted = evicted
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def setdefault(self, key: K, make: Callable[[], V]) -> V:
        """The entry for ``key``, made with ``make()`` if there is none."""
        gone: list[tuple[K, V]] = []
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
                return value
            value = self._entries[key] = make()
            while len(self._entries) > self.bound:
                gone.append(self._entries.popitem(last=False))
        self._tell(gone)
        return value

    def put(self, key: K, value: V) -> None:
        gone: list[tuple[K, V]] = []
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.bound:
                gone.append(self._entries.popitem(last=False))
        self._tell(gone)

    def pop(self, key: K) -> V | None:
        with self._lock:
            return self._entries.pop(key, None)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def _tell(self, gone: list[tuple[K, V]]) -> None:
        if self._evicted is None:
            return
        for key, value in gone:
            try:
                self._evicted(key, value)
            except Exception:  # forgetting must not fail the caller who made room
                log.exception("evicting %r failed", key)
