"""New links (a meeting's, new participants'), handed from the form that made them to the page
that shows them once (post, redirect, get), so that reloading that page makes nothing twice.

Links are kept in this process's memory only, for a few minutes, and given out once: the
database keeps only a hash of each token. A page that finds nothing (taken already, too old,
or another server process) says so; a lost link can be issued again.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from typing import Any

from fastapi import Request

KEEP_SECONDS = 600.0
MOST_KEPT = 256  # registrations waiting to be shown, across meetings
_MAKING = threading.Lock()


class Handoffs:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: OrderedDict[str, tuple[float, str, Any]] = OrderedDict()

    def put(self, meeting_id: str, links: Any) -> str:
        """Keeps ``links`` for ``meeting_id``; the key that takes them back."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._forget_old()
            self._kept[key] = (time.monotonic(), meeting_id, links)
            while len(self._kept) > MOST_KEPT:
                self._kept.popitem(last=False)
        return key

    def take(self, meeting_id: str, key: str) -> Any:
        """The links kept under ``key`` for this meeting, once; None if there are none."""
        with self._lock:
            self._forget_old()
            found = self._kept.get(key)
            if found is None or found[1] != meeting_id:
                return None
            del self._kept[key]
            return found[2]

    def _forget_old(self) -> None:
        limit = time.monotonic() - KEEP_SECONDS
        while self._kept and next(iter(self._kept.values()))[0] < limit:
            self._kept.popitem(last=False)


def handoffs(request: Request) -> Handoffs:
    """The application's hand-off of links (made on first use)."""
    with _MAKING:
        found: Handoffs | None = getattr(request.app.state, "handoffs", None)
        if found is None:
            found = Handoffs()
            request.app.state.handoffs = found
        return found
