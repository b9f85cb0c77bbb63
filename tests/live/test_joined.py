"""Outlets joined to a feed: the hub writes each event to them itself, a slice at a time.

Each outlet gets every event once and in order, in its audience's frame built
once; one that cannot take a frame catches up on its own cursor and joins
again, losing and doubling nothing; and other work on the loop goes between
the slices of a long delivery.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.live import Hub
from podium.live.hub import Subscription
from podium.store import EventStore, StoredEvent, open_store
from tests.live.test_hub import event, fill, run


class Outlet:
    """Keeps what it is given; refuses the writes its ``refusals`` say (by write number)."""

    def __init__(self, refusals: frozenset[int] = frozenset(), pause: float = 0.0) -> None:
        self.data = bytearray()
        self.writes = 0
        self.refusals = refusals
        self.pause = pause
        self.closed = False

    def write(self, data: bytes) -> bool:
        self.writes += 1
        if self.writes in self.refusals:
            return False
        if self.pause:
            time.sleep(self.pause)
        self.data += data
        return True

    def close(self) -> None:
        self.closed = True

    def seqs(self) -> list[int]:
        return [int(line.split(b":")[1]) for line in self.data.split(b"\n") if line.strip()]


built: Counter[tuple[int, str]] = Counter()


def encode(events: Sequence[StoredEvent], audience: str) -> bytes:
    for stored in events:
        built[(stored.seq, audience)] += 1
    return "".join(f"{audience}:{stored.seq}\n" for stored in events).encode()


class Follower:
    """A subscription's owner: catches up through ``follow`` and joins again when behind."""

    def __init__(self, hub: Hub, meeting: str, after: int, audience: str, outlet: Outlet) -> None:
        self.hub = hub
        self.outlet = outlet
        self.subscription = Subscription(meeting, after, audience, encode, outlet, self.behind)
        self.tasks: list[asyncio.Task[None]] = []

    def behind(self, subscription: Subscription) -> None:
        self.tasks.append(asyncio.get_running_loop().create_task(self.catch_up()))

    async def catch_up(self) -> None:
        subscription = self.subscription
        while True:
            items = self.hub.follow(subscription.meeting, subscription.cursor, until_caught_up=True)
            async for item in items:
                assert isinstance(item, StoredEvent)
                self.outlet.data += encode((item,), subscription.audience)
                subscription.cursor = item.seq
            if await self.hub.join(subscription):
                return


async def settled(hub: Hub, meeting: str, joined: int, head: int, outlets: list[Any]) -> None:
    """Until every outlet has ``head`` and ``joined`` of them are joined again."""
    for _i in range(2000):
        if hub.joined(meeting) == joined and all(
            o.seqs() and o.seqs()[-1] == head for o in outlets
        ):
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the outlets never caught up")


def test_joined_outlets_get_each_event_once_in_order_one_frame_per_audience(
    store: EventStore,
) -> None:
    async def scenario() -> None:
        fill(store, "m1", 3)
        hub = Hub(store)
        await hub.start()
        followers = [
            Follower(hub, "m1", 3, audience, Outlet())
            for audience in ("staff", "hall", "hall", "hall")
        ]
        for follower in followers:
            assert await hub.join(follower.subscription)
        built.clear()
        for _i in range(5):
            await asyncio.to_thread(fill, store, "m1", 2)
        await settled(hub, "m1", 4, 13, [f.outlet for f in followers])
        for follower in followers:
            audience = follower.subscription.audience
            assert follower.outlet.data.decode() == "".join(
                f"{audience}:{seq}\n" for seq in range(4, 14)
            )
        # Each event's frame was built once for each audience, whatever the number of outlets.
        assert set(built.values()) == {1}
        assert len(built) == 10 * 2
        await hub.stop()
        assert all(follower.outlet.closed for follower in followers)
        assert hub.joined("m1") == 0

    run(scenario())


def test_a_follower_a_few_events_behind_is_given_them_from_the_buffer_and_joined(
    store: EventStore,
) -> None:
    async def scenario() -> None:
        fill(store, "m1", 1)
        hub = Hub(store, buffer=3)
        await hub.start()
        first = Follower(hub, "m1", 1, "hall", Outlet())
        assert await hub.join(first.subscription)
        for _i in range(4):
            await asyncio.to_thread(fill, store, "m1", 1)
        await settled(hub, "m1", 1, 5, [first.outlet])  # the buffer holds 3, 4 and 5
        behind = Follower(hub, "m1", 2, "hall", Outlet())
        assert await hub.join(behind.subscription)
        assert behind.outlet.seqs() == [3, 4, 5] and behind.subscription.cursor == 5
        for cursor, outlet in ((1, Outlet()), (9, Outlet()), (3, Outlet(frozenset({1})))):
            # Out of the buffer, ahead of the feed, an outlet that cannot take them now.
            other = Follower(hub, "m1", cursor, "hall", outlet)
            assert not await hub.join(other.subscription)
            assert not outlet.data and other.subscription.cursor == cursor
        assert hub.joined("m1") == 2
        await asyncio.to_thread(fill, store, "m1", 1)
        await settled(hub, "m1", 2, 6, [first.outlet, behind.outlet])
        assert behind.outlet.seqs() == [3, 4, 5, 6]
        await hub.stop()

    run(scenario())


def test_after_a_restart_followers_a_few_events_behind_join_from_the_buffer(
    store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The events appended before this process followed the meeting are in its buffer: a
    hall reconnecting after a restart joins without a read of the log apiece."""

    async def scenario() -> None:
        fill(store, "m1", 6)
        hub = Hub(store, buffer=4)
        await hub.start()
        reads: list[int] = []
        read = store.read

        def counted(meeting: str, after_seq: int = 0, limit: int | None = None) -> Any:
            reads.append(after_seq)
            return read(meeting, after_seq, limit)

        followers = [Follower(hub, "m1", cursor, "hall", Outlet()) for cursor in (2, 4, 6)]
        assert await hub.join(followers[0].subscription)  # the first reads the buffer's worth
        monkeypatch.setattr(store, "read", counted)  # the others read nothing
        for follower in followers[1:]:
            assert await hub.join(follower.subscription)
        assert reads == []
        assert [f.outlet.seqs() for f in followers] == [[3, 4, 5, 6], [5, 6], []]
        assert not await hub.join(Follower(hub, "m1", 1, "hall", Outlet()).subscription)
        await hub.stop()

    run(scenario())


def test_other_work_goes_between_the_slices_of_a_long_delivery(store: EventStore) -> None:
    async def scenario() -> None:
        fill(store, "m1", 1)
        hub = Hub(store)
        await hub.start()
        outlets = [Outlet(pause=0.0005) for _i in range(400)]
        for outlet in outlets:
            assert await hub.join(Subscription("m1", 1, "hall", encode, outlet, print))
        stored = await asyncio.to_thread(store.append, "m1", 1, [event(2)])
        hub.published("m1", stored)
        written_then: list[int] = []
        done = asyncio.get_running_loop().create_future()

        def meanwhile() -> None:  # queued just after the delivery began, as a response is
            written_then.append(sum(1 for o in outlets if o.data))
            done.set_result(None)

        asyncio.get_running_loop().call_soon(meanwhile)
        await done
        assert 0 < written_then[0] < len(outlets) / 2
        await settled(hub, "m1", len(outlets), 2, outlets)
        await hub.stop()

    run(scenario())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    batches=st.lists(st.integers(1, 6), min_size=1, max_size=8),
    refusals=st.lists(st.frozensets(st.integers(1, 12), max_size=6), min_size=1, max_size=4),
    buffer=st.integers(2, 12),
)
def test_outlets_that_refuse_catch_up_and_lose_or_double_nothing(
    batches: list[int], refusals: list[frozenset[int]], buffer: int
) -> None:
    """Whatever writes the outlets refuse, and however the events come, each gets all once."""

    async def scenario(log: EventStore) -> None:
        fill(log, "m1", 1)
        hub = Hub(log, buffer=buffer)
        await hub.start()
        followers = [Follower(hub, "m1", 1, "hall", Outlet(refused)) for refused in refusals]
        for follower in followers:
            assert await hub.join(follower.subscription)
        for size in batches:
            await asyncio.to_thread(fill, log, "m1", size)
            await asyncio.sleep(0)
        head = 1 + sum(batches)
        await settled(hub, "m1", len(followers), head, [f.outlet for f in followers])
        for follower in followers:
            assert follower.outlet.seqs() == list(range(2, head + 1))
        await hub.stop()

    with tempfile.TemporaryDirectory() as folder:
        log = open_store(folder)
        try:
            run(scenario(log))
        finally:
            log.close()
