"""The fan-out hub: every follower is a cursor into its meeting's recent events.

Each meeting followed in this process has a feed: the last ``buffer`` events
(shared by every follower, each serialised once) and one ``asyncio.Event``
that is set, and replaced, whenever the feed grows. A follower keeps only its
cursor (the last seq it yielded); it is never queued to, so a slow one only
falls behind on its own cursor and never holds up the others. A follower
whose cursor has left the buffer reads the missing events from the store, or,
past ``replay_limit``, is told to start again from a ``Snapshot``.

The feed learns of new events from the store's notices (in-process appends
carry the events; PostgreSQL notifications from other processes carry only
the seq, and the hub reads the rows) or from ``published``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections import deque
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from podium.store.base import EventStore, Notice, StoredEvent, Unsubscribe

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """The follower is too far behind: send a fresh state as of ``seq``.

    The events that follow a ``Snapshot`` are those after ``seq``; a caller
    whose state is already past ``seq`` skips the events it has folded in.
    """

    seq: int


FeedItem = StoredEvent | Snapshot


class _Feed:
    """One meeting's recent events, the seq it has reached, and its wake-up."""

    def __init__(self, meeting: str, buffer: int) -> None:
        self.meeting = meeting
        self.ring: deque[StoredEvent] = deque(maxlen=buffer)
        self.head = 0
        self.wanted = 0
        self.ready = asyncio.Event()
        self.grown = asyncio.Event()
        self.fetching = False
        self.error: Exception | None = None

    def first_seq(self) -> int:
        return self.ring[0].seq if self.ring else self.head + 1

    def grow(self, events: Sequence[StoredEvent]) -> None:
        fresh = [event for event in events if event.seq > self.head]
        if not fresh:
            return
        if fresh[0].seq != self.head + 1:
            self.ring.clear()  # the buffer holds one unbroken run of seqs
        self.ring.extend(fresh)
        self.head = fresh[-1].seq
        self.wake()

    def wake(self) -> None:
        woken, self.grown = self.grown, asyncio.Event()
        woken.set()

    def tail(self, after_seq: int) -> list[StoredEvent]:
        """The buffered events after ``after_seq`` (which must be within the buffer)."""
        if self.head - after_seq == 1:
            return [self.ring[-1]]  # the usual case: a follower one event behind
        newest_first = itertools.islice(reversed(self.ring), self.head - after_seq)
        return list(newest_first)[::-1]


class Hub:
    """Fans each meeting's new events out to every follower in this process."""

    def __init__(
        self, store: EventStore, *, buffer: int = 1000, replay_limit: int = 10_000
    ) -> None:
        self.store = store
        self.buffer = buffer
        self.replay_limit = replay_limit
        self._feeds: dict[str, _Feed] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._unsubscribe: Unsubscribe | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._stopped = False

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopped = False
        self._unsubscribe = self.store.subscribe(self._heard)

    async def stop(self) -> None:
        """Stop listening; every follower's iteration ends."""
        self._stopped = True
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for feed in self._feeds.values():
            feed.wake()
        self._feeds.clear()

    # -- learning of new events ------------------------------------------------

    def _heard(self, notice: Notice) -> None:
        """From the store, in whatever thread appended or listened."""
        loop = self._loop
        if loop is None or self._stopped:
            return
        # A closed loop means nobody is following any more.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._take, notice)

    def published(self, meeting: str, events: Sequence[StoredEvent]) -> None:
        """Tell the hub of events just appended (call from the event loop's thread)."""
        if events:
            self._take(Notice(meeting, events[-1].seq, tuple(events)))

    def _take(self, notice: Notice) -> None:
        feed = self._feeds.get(notice.meeting)
        if feed is None or self._stopped:
            return  # nobody follows it: a feed reads the head when it is made
        feed.wanted = max(feed.wanted, notice.seq)
        if not feed.ready.is_set() or notice.seq <= feed.head:
            return
        if notice.events and notice.events[0].seq <= feed.head + 1:
            feed.grow(notice.events)
        else:
            self._fetch(feed)

    def _fetch(self, feed: _Feed) -> None:
        if feed.fetching or self._loop is None:
            return
        feed.fetching = True
        task = self._loop.create_task(self._catch_up(feed))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _catch_up(self, feed: _Feed) -> None:
        try:
            while feed.head < feed.wanted and not self._stopped:
                # Far behind, only the last buffer's worth is worth holding.
                after = max(feed.head, feed.wanted - self.buffer)
                events = await asyncio.to_thread(self.store.read, feed.meeting, after, self.buffer)
                if not events:
                    break
                if events[0].seq > feed.head + 1 and after > feed.head:
                    feed.ring.clear()
                    feed.head = after
                feed.grow(events)
        except Exception as error:
            log.exception("cannot read new events of meeting %s", feed.meeting)
            feed.error = error
            self._feeds.pop(feed.meeting, None)
            feed.wake()
        finally:
            feed.fetching = False

    async def _feed(self, meeting: str) -> _Feed:
        feed = self._feeds.get(meeting)
        if feed is None:
            feed = self._feeds[meeting] = _Feed(meeting, self.buffer)
            try:
                feed.head = await asyncio.to_thread(self.store.last_seq, meeting)
            except BaseException:
                self._feeds.pop(meeting, None)
                raise
            finally:
                feed.ready.set()
            if feed.wanted > feed.head:
                self._fetch(feed)
        else:
            await feed.ready.wait()
        return feed

    # -- following -------------------------------------------------------------

    async def follow(self, meeting: str, after_seq: int = 0) -> AsyncIterator[FeedItem]:
        """Each event after ``after_seq``, once, in order, as the log grows; never ends
        until the hub stops. A ``Snapshot`` stands for the events it skips."""
        if self._loop is None:
            raise RuntimeError("Hub.start() must be awaited before following")
        feed = await self._feed(meeting)
        cursor = after_seq
        while not self._stopped:
            if feed.error is not None:
                raise feed.error
            if cursor > feed.head:
                # Ahead of this feed: another process may know more, or the log was reset.
                actual = await asyncio.to_thread(self.store.last_seq, meeting)
                if actual < cursor:
                    yield Snapshot(actual)
                    cursor = actual
                    continue
                feed.wanted = max(feed.wanted, actual)
                self._fetch(feed)
            elif cursor < feed.head:
                first = feed.first_seq()
                if cursor + 1 >= first:
                    batch = feed.tail(cursor)
                elif feed.head - cursor <= self.replay_limit:
                    batch = await asyncio.to_thread(
                        self.store.read, meeting, cursor, min(first - 1 - cursor, self.buffer)
                    )
                else:
                    batch = []
                if not batch:
                    seq = feed.head
                    yield Snapshot(seq)
                    cursor = seq
                    continue
                for event in batch:
                    yield event
                    cursor = event.seq
                continue
            grown = feed.grown
            if cursor >= feed.head and not self._stopped:
                await grown.wait()
