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

A follower that is caught up may instead ``join`` the feed with an
``Outlet``: something that takes bytes at once without waiting (a socket's
transport). The feed then writes each new event to every joined outlet
itself, one frame built per audience and shared, without waking a task per
follower. It does so a slice of outlets at a time, so that whatever else
the loop has to do (the Chair's command answered) goes between slices. An
outlet that cannot take a frame now (its client reads slowly) or that has
fallen out of the buffer leaves the feed, and its owner is told to catch up
on its own cursor with ``follow`` and join again.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

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

# Time spent writing to outlets in one turn of the event loop, before the rest of the
# loop's work (the Chair's command answered, a page served) goes first.
SLICE_SECONDS = 0.001
# While a command is being answered, a delivery waits for it, but for no more than
# HOLD_SECONDS in all.
HOLD_SECONDS = 0.05


class Outlet(Protocol):
    """Where a joined follower's frames go, without waiting."""

    def write(self, data: bytes) -> bool:
        """Takes ``data`` now; False if it cannot (its client is slow, or gone)."""
        ...

    def close(self) -> None:
        """The hub stops: end the stream."""
        ...


# Consecutive events (written together) and an audience: their frames.
Encode = Callable[[Sequence[StoredEvent], Any], bytes]


class Subscription:
    """A follower joined to its meeting's feed: its cursor, its audience and its outlet.

    ``encode`` makes the frames of a run of events for an audience (called once per
    run and audience, shared by every outlet of that audience); ``behind`` is called when
    the feed stops writing to the outlet, and its owner catches up and joins again.
    """

    __slots__ = ("audience", "behind", "cursor", "encode", "joined", "meeting", "outlet")

    def __init__(
        self,
        meeting: str,
        cursor: int,
        audience: str,
        encode: Encode,
        outlet: Outlet,
        behind: Callable[[Subscription], None],
    ) -> None:
        self.meeting = meeting
        self.cursor = cursor
        self.audience = audience
        self.encode = encode
        self.outlet = outlet
        self.behind = behind
        self.joined = False


class Holds:
    """How many commands are being answered in this process, and the deliveries waiting for
    them to be (counted on the loop's thread)."""

    __slots__ = ("count", "waiting")

    def __init__(self) -> None:
        self.count = 0
        self.waiting: list[Callable[[], None]] = []

    def released(self) -> None:
        self.count -= 1
        if self.count == 0 and self.waiting:
            waiting, self.waiting = self.waiting, []
            loop = asyncio.get_running_loop()
            for resume in waiting:
                loop.call_soon(resume)


class _Feed:
    """One meeting's recent events, the seq it has reached, and its wake-up."""

    def __init__(self, meeting: str, buffer: int, holds: Holds | None = None) -> None:
        self.meeting = meeting
        self.ring: deque[StoredEvent] = deque(maxlen=buffer)
        self.head = 0
        self.wanted = 0
        self.ready = asyncio.Event()
        self.grown = asyncio.Event()
        self.fetching = False
        self.error: Exception | None = None
        self.joined: dict[Subscription, None] = {}
        self.delivering = False
        self.again = False
        self.holds = holds or Holds()
        self.held_since: float | None = None

    def first_seq(self) -> int:
        return self.ring[0].seq if self.ring else self.head + 1

    def buffered(self, cursor: int) -> bool:
        """Whether every event after ``cursor``, up to the head, is in the buffer."""
        return self.first_seq() <= cursor + 1 <= self.head + 1

    def missed(self, subscription: Subscription) -> bytes | None:
        """The frames of the events after the subscription's cursor, for its audience; None
        if they are not all in the buffer (its owner reads them from the log)."""
        if not self.buffered(subscription.cursor):
            return None
        return subscription.encode(self.tail(subscription.cursor), subscription.audience)

    def grow(self, events: Sequence[StoredEvent]) -> None:
        fresh = [event for event in events if event.seq > self.head]
        if not fresh:
            return
        if fresh[0].seq != self.head + 1:
            self.ring.clear()  # the buffer holds one unbroken run of seqs
        self.ring.extend(fresh)
        self.head = fresh[-1].seq
        self.wake()
        self.deliver()

    def wake(self) -> None:
        woken, self.grown = self.grown, asyncio.Event()
        woken.set()

    # -- joined outlets --------------------------------------------------------

    def deliver(self) -> None:
        """Writes the new events to every joined outlet, from the next turn of the loop."""
        if self.delivering:
            self.again = True  # a pass is under way: another follows it
            return
        if self.joined:
            self.delivering = True
            asyncio.get_running_loop().call_soon(self._pass, list(self.joined), 0)

    def _pass(self, subscriptions: list[Subscription], start: int) -> None:
        if self.holds.count:
            now = time.perf_counter()
            if self.held_since is None:
                self.held_since = now
            left = HOLD_SECONDS - (now - self.held_since)
            if left > 0:
                resumed = False

                def resume() -> None:  # once the commands are answered, or at the latest
                    nonlocal resumed
                    if not resumed:
                        resumed = True
                        self._pass(subscriptions, start)

                self.holds.waiting.append(resume)
                asyncio.get_running_loop().call_later(left, resume)
                return
        head = self.head
        built: dict[tuple[Encode, str, int], bytes] = {}
        deadline = time.perf_counter() + SLICE_SECONDS
        index, count = start, len(subscriptions)
        while index < count:
            subscription = subscriptions[index]
            index += 1
            if (index - start) % 16 == 0 and time.perf_counter() > deadline:
                index -= 1  # this one opens the next slice
                break
            cursor = subscription.cursor
            if cursor >= head or not subscription.joined:
                continue
            key = (subscription.encode, subscription.audience, cursor)
            data = built.get(key)
            if data is None:
                data = built[key] = self.missed(subscription) or b""
            if data and subscription.outlet.write(data):
                subscription.cursor = head
            else:
                self.leave(subscription)
                subscription.behind(subscription)
        if index < count:
            asyncio.get_running_loop().call_soon(self._pass, subscriptions, index)
            return
        self.delivering = False
        self.held_since = None
        if self.again:
            self.again = False
            self.deliver()

    def leave(self, subscription: Subscription) -> None:
        subscription.joined = False
        self.joined.pop(subscription, None)

    def write_all(self, data: bytes) -> None:
        """``data`` to every joined outlet (a keep-alive comment), a slice at a time."""
        if self.joined:
            asyncio.get_running_loop().call_soon(self._write_all, list(self.joined), 0, data)

    def _write_all(self, subscriptions: list[Subscription], start: int, data: bytes) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        for index in range(start, len(subscriptions)):
            if (index - start) % 16 == 15 and time.perf_counter() > deadline:
                loop = asyncio.get_running_loop()
                loop.call_soon(self._write_all, subscriptions, index, data)
                return
            subscription = subscriptions[index]
            if subscription.joined and not subscription.outlet.write(data):
                self.leave(subscription)
                subscription.behind(subscription)

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
        self._keeping_alive: asyncio.Task[None] | None = None
        self._holds = Holds()

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
        if self._keeping_alive is not None:
            self._keeping_alive.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._keeping_alive
            self._keeping_alive = None
        for feed in self._feeds.values():
            feed.wake()
            for subscription in list(feed.joined):
                feed.leave(subscription)
                subscription.outlet.close()
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
            for subscription in list(feed.joined):
                feed.leave(subscription)
                subscription.behind(subscription)  # its follow() raises the error
        finally:
            feed.fetching = False

    async def _feed(self, meeting: str) -> _Feed:
        feed = self._feeds.get(meeting)
        if feed is None:
            feed = self._feeds[meeting] = _Feed(meeting, self.buffer, self._holds)
            try:
                # The buffer starts with the meeting's latest events: a hall reconnecting
                # after a restart, each a few events behind, joins from it without a read
                # of the log apiece.
                head, recent = await asyncio.to_thread(self._recent, meeting)
                feed.ring.extend(recent)
                feed.head = recent[-1].seq if recent else head
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

    def _recent(self, meeting: str) -> tuple[int, list[StoredEvent]]:
        head = self.store.last_seq(meeting)
        return head, self.store.read(meeting, max(0, head - self.buffer), self.buffer)

    def hold(self) -> Callable[[], None]:
        """Deliveries wait (a little) while a command is answered: call what this returns
        once it is. Call from the loop's thread."""
        holds = self._holds
        holds.count += 1
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                holds.released()

        return release

    @property
    def stopped(self) -> bool:
        return self._stopped

    def knows(self, meeting: str) -> bool:
        """Whether this process follows ``meeting`` already (so it is a meeting of the log)."""
        feed = self._feeds.get(meeting)
        return feed is not None and feed.ready.is_set() and feed.error is None

    # -- joined outlets --------------------------------------------------------

    async def join(self, subscription: Subscription) -> bool:
        """The feed writes the next events to ``subscription``'s outlet itself, after what it
        missed if that is still in the buffer (a reconnection a few events behind, as a
        rule); False (and nothing joined or written) if its cursor is further behind, or
        ahead, or its outlet cannot take the missed events now: ``follow`` it up to there."""
        if self._loop is None:
            raise RuntimeError("Hub.start() must be awaited before joining")
        feed = await self._feed(subscription.meeting)
        if self._stopped or feed.error is not None:
            return False
        if self._feeds.get(subscription.meeting) is not feed:
            return False
        if subscription.cursor != feed.head:
            missed = feed.missed(subscription)
            if missed is None or not subscription.outlet.write(missed):
                return False
            subscription.cursor = feed.head
        subscription.joined = True
        feed.joined[subscription] = None
        return True

    def leave(self, subscription: Subscription) -> None:
        """No more frames to this subscription's outlet."""
        feed = self._feeds.get(subscription.meeting)
        if feed is not None:
            feed.leave(subscription)
        subscription.joined = False

    def keep_alive(self, data: bytes, seconds: float) -> None:
        """Writes ``data`` to every joined outlet every ``seconds`` from now on (once set)."""
        if self._keeping_alive is not None or self._loop is None or self._stopped:
            return
        self._keeping_alive = self._loop.create_task(self._keep_alive(data, seconds))

    async def _keep_alive(self, data: bytes, seconds: float) -> None:
        while not self._stopped:
            await asyncio.sleep(seconds)
            for feed in list(self._feeds.values()):
                feed.write_all(data)

    def joined(self, meeting: str) -> int:
        """How many outlets the meeting's feed writes to itself."""
        feed = self._feeds.get(meeting)
        return len(feed.joined) if feed is not None else 0

    # -- following -------------------------------------------------------------

    async def follow(
        self, meeting: str, after_seq: int = 0, *, until_caught_up: bool = False
    ) -> AsyncIterator[FeedItem]:
        """Each event after ``after_seq``, once, in order, as the log grows; never ends
        until the hub stops (or, ``until_caught_up``, once it has given the feed's
        head). A ``Snapshot`` stands for the events it skips."""
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
                if feed.buffered(cursor):
                    batch = feed.tail(cursor)
                elif feed.head - cursor <= self.replay_limit:
                    first = feed.first_seq()
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
            if until_caught_up and cursor == feed.head:
                return
            grown = feed.grown
            if cursor >= feed.head and not self._stopped:
                await grown.wait()
