"""Caps on open feeds: per address without a token, per token with one, and in all.

A feed holds a connection, and so a file descriptor, for as long as the page is
open. The public page needs no token, so anyone who knows a meeting's id could
open thousands; past the descriptor limit the server can no longer open its
own log and every request fails. Feeds are therefore counted: token-less ones
by the address they come from, the others by their token, and all of them
below ``total``, which leaves room under the descriptor limit for commands,
pages and the log. A feed past a cap is a 503 with ``Retry-After``.

Thousands of open feeds are a great many objects, which a full garbage
collection would walk each time (close to a second at 10,000 feeds). A
server sets ``FeedCaps.freezer``: once a burst of connections is over (and
every 256 connections within a long one), what the process holds is frozen
out of the collector's reach (``gc.freeze``); once
half of the connections frozen have gone, it is thawed and collected once,
at a quiet moment, so that nothing they left behind is kept for good.
"""

from __future__ import annotations

import asyncio
import gc
import os
import resource
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

PER_ADDRESS = 32  # token-less feeds from one address: the public page on a few screens
PER_TOKEN = 8  # one link open on a phone, a laptop and a few tabs
RESERVED_DESCRIPTORS = 256  # for the log, files, the note reader's pipes and other requests
RETRY_AFTER_SECONDS = 30
FEEDS_PER_ADDRESS = "PODIUM_FEEDS_PER_ADDRESS"
FEEDS_PER_TOKEN = "PODIUM_FEEDS_PER_TOKEN"


def _setting(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name} must be a whole number above 0, not {value!r}")
    return int(value)


def descriptor_limit() -> int:
    """This process's limit on open files, raised to the hard limit where it may be."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    return soft if soft != resource.RLIM_INFINITY else 65536


def default_total() -> int:
    """Feeds in all: what is left under the descriptor limit, less an eighth (at least
    RESERVED_DESCRIPTORS) for the requests that come and go beside them."""
    limit = descriptor_limit()
    return max(64, limit - RESERVED_DESCRIPTORS - max(RESERVED_DESCRIPTORS, limit // 8))


class Freezer:
    """Freezes the process's objects after each burst of connections (see above)."""

    QUIET_SECONDS = 1.0  # no connection came or went for this long: the burst is over
    # In a long burst, what the connections come so far hold is frozen every so many.
    EVERY = 256
    # Connections gone since the last thaw, as a multiple of those open, before the next.
    GONE_PER_OPEN = 2

    def __init__(self) -> None:
        self.open = 0
        self.came = 0  # since the last freeze
        self.gone = 0  # since the last thaw: what they left may be frozen with the rest
        self.last = 0.0
        self.pending: asyncio.TimerHandle | None = None

    def came_in(self) -> None:
        self.open += 1
        self.came += 1
        if self.came >= self.EVERY:
            self.came = 0
            gc.collect(1)  # the young objects only: a millisecond, not the whole heap
            gc.freeze()
        self._soon()

    def went_out(self) -> None:
        self.open -= 1
        self.gone += 1
        self._soon()

    def _soon(self) -> None:
        self.last = time.monotonic()
        if self.pending is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # not on a server's loop: nothing to freeze for
        self.pending = loop.call_later(self.QUIET_SECONDS, self._settle, loop)

    def _settle(self, loop: asyncio.AbstractEventLoop) -> None:
        waited = time.monotonic() - self.last
        if waited < self.QUIET_SECONDS:
            self.pending = loop.call_later(self.QUIET_SECONDS - waited, self._settle, loop)
            return
        self.pending = None
        if self.gone > self.GONE_PER_OPEN * max(self.open, 64):
            # Most of what was frozen is gone (the meeting ended, the hall emptied): thawed
            # and collected once, while few connections are left to walk.
            gc.unfreeze()
            gc.collect()
            self.gone = 0
        else:
            gc.collect(1)
        gc.freeze()
        self.came = 0


def freeze_now() -> None:
    """What start-up made stays for good: out of every later collection's way."""
    gc.collect()
    gc.freeze()


@dataclass
class FeedCaps:
    per_address: int = PER_ADDRESS
    per_token: int = PER_TOKEN
    total: int = field(default_factory=default_total)
    _open: Counter[str] = field(default_factory=Counter)
    _all: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    freezer: Freezer | None = None

    def take(self, address: str, token_hash: str | None) -> Callable[[], None] | None:
        """A place for one more feed, and the call that gives it back; None when full."""
        key = f"token:{token_hash}" if token_hash else f"address:{address}"
        cap = self.per_token if token_hash else self.per_address
        with self._lock:
            if self._all >= self.total or self._open[key] >= cap:
                return None
            self._open[key] += 1
            self._all += 1
        freezer = self.freezer
        if freezer is not None:
            freezer.came_in()
        given_back = False

        def give_back() -> None:
            nonlocal given_back
            with self._lock:
                if given_back:
                    return
                given_back = True
                self._all -= 1
                self._open[key] -= 1
                if self._open[key] <= 0:
                    del self._open[key]
            if freezer is not None:
                freezer.went_out()

        return give_back

    @classmethod
    def configured(cls) -> FeedCaps:
        """The caps, with ``PODIUM_FEEDS_PER_ADDRESS`` and ``PODIUM_FEEDS_PER_TOKEN`` if set."""
        return cls(
            per_address=_setting(FEEDS_PER_ADDRESS, PER_ADDRESS),
            per_token=_setting(FEEDS_PER_TOKEN, PER_TOKEN),
        )

    @property
    def open(self) -> int:
        return self._all
