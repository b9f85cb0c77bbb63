"""The hub: resume exactness, once-each ordering, snapshots, slow followers, other processes."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

from podium.live import FeedItem, Hub, Snapshot
from podium.store import EventStore, StoredEvent
from tests.store.places import LogPlace

T = TypeVar("T")
ROOT = Path(__file__).parents[2]


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(asyncio.wait_for(coroutine, timeout=60))


def event(n: int) -> str:
    return json.dumps({"type": "Said", "v": 1, "n": n})


def fill(store: EventStore, meeting: str, count: int) -> None:
    seq = store.last_seq(meeting)
    store.append(meeting, seq, [event(seq + i) for i in range(1, count + 1)])


async def append(store: EventStore, meeting: str, count: int) -> None:
    await asyncio.to_thread(fill, store, meeting, count)


async def take(items: AsyncIterator[FeedItem], count: int) -> list[FeedItem]:
    taken: list[FeedItem] = []
    async for item in items:
        taken.append(item)
        if len(taken) == count:
            break
    return taken


def seqs(items: list[FeedItem]) -> list[int]:
    return [item.seq for item in items if isinstance(item, StoredEvent)]


def test_a_follower_resuming_from_a_seq_gets_exactly_what_followed(store: EventStore) -> None:
    async def scenario() -> None:
        fill(store, "m1", 10)
        hub = Hub(store)
        await hub.start()
        follower = hub.follow("m1", after_seq=4)
        assert seqs(await take(follower, 6)) == [5, 6, 7, 8, 9, 10]
        await append(store, "m1", 3)
        assert seqs(await take(follower, 3)) == [11, 12, 13]
        # Resuming from the buffer as well as from the store.
        assert seqs(await take(hub.follow("m1", after_seq=11), 2)) == [12, 13]
        assert seqs(await take(hub.follow("m1", after_seq=0), 13)) == list(range(1, 14))
        await hub.stop()

    run(scenario())


def test_every_follower_sees_each_event_once_in_order_under_concurrent_appends(
    store: EventStore,
) -> None:
    writers, each = 4, 20
    total = writers * each + 1

    async def scenario() -> None:
        fill(store, "m1", 1)
        hub = Hub(store, buffer=16)
        await hub.start()
        followers = [
            asyncio.create_task(take(hub.follow("m1", after_seq=start), total - start))
            for start in (0, 0, 1, 1, 1)
        ]
        await asyncio.sleep(0)

        def write() -> None:
            from podium.store import Conflict

            for _ in range(each):
                while True:
                    try:
                        fill(store, "m1", 1)
                        break
                    except Conflict:
                        continue

        await asyncio.gather(*(asyncio.to_thread(write) for _ in range(writers)))
        for task, start in zip(followers, (0, 0, 1, 1, 1), strict=True):
            assert seqs(await task) == list(range(start + 1, total + 1))
        await hub.stop()

    run(scenario())


def test_a_follower_too_far_behind_gets_a_snapshot_then_the_rest(store: EventStore) -> None:
    async def scenario() -> None:
        fill(store, "m1", 30)
        hub = Hub(store, buffer=5, replay_limit=10)
        await hub.start()
        behind = hub.follow("m1", after_seq=2)
        assert await take(behind, 1) == [Snapshot(30)]
        # Within the replay limit, the store fills what the buffer lacks.
        assert seqs(await take(hub.follow("m1", after_seq=22), 8)) == list(range(23, 31))
        await append(store, "m1", 2)
        assert seqs(await take(behind, 2)) == [31, 32]
        await hub.stop()

    run(scenario())


def test_a_follower_ahead_of_the_log_is_sent_a_snapshot(store: EventStore) -> None:
    async def scenario() -> None:
        fill(store, "m1", 3)
        hub = Hub(store)
        await hub.start()
        follower = hub.follow("m1", after_seq=9)
        assert await take(follower, 1) == [Snapshot(3)]
        await append(store, "m1", 1)
        assert seqs(await take(follower, 1)) == [4]
        await hub.stop()

    run(scenario())


def test_a_stalled_follower_does_not_hold_up_a_fast_one(store: EventStore) -> None:
    async def scenario() -> None:
        fill(store, "m1", 1)
        hub = Hub(store, buffer=8, replay_limit=20)
        await hub.start()
        stalled = hub.follow("m1", after_seq=0)
        assert seqs(await take(stalled, 1)) == [1]
        fast = asyncio.create_task(take(hub.follow("m1", after_seq=1), 50))
        await asyncio.sleep(0)
        for _ in range(50):
            await append(store, "m1", 1)
        assert seqs(await fast) == list(range(2, 52))
        # The stalled one was merely left behind: it gets a snapshot, then carries on.
        assert await take(stalled, 1) == [Snapshot(51)]
        await append(store, "m1", 1)
        assert seqs(await take(stalled, 1)) == [52]
        await hub.stop()

    run(scenario())


def test_published_events_reach_followers_without_the_store_telling(
    open_log: Callable[[], EventStore],
) -> None:
    async def scenario() -> None:
        watched, other = open_log(), open_log()
        hub = Hub(watched)
        await hub.start()
        follower = hub.follow("m1")
        pending = asyncio.create_task(take(follower, 2))
        await asyncio.sleep(0.05)
        stored = await asyncio.to_thread(other.append, "m1", 0, [event(1), event(2)])
        hub.published("m1", stored)
        assert seqs(await pending) == [1, 2]
        await hub.stop()

    run(scenario())


def test_stopping_the_hub_ends_every_follower(store: EventStore) -> None:
    async def scenario() -> None:
        hub = Hub(store)
        await hub.start()
        follower = asyncio.create_task(take(hub.follow("m1"), 5))
        await asyncio.sleep(0.05)
        await hub.stop()
        assert await follower == []

    run(scenario())


@pytest.mark.postgres
@pytest.mark.parametrize("place", ["postgres"], indirect=True)
def test_events_appended_by_another_process_reach_followers_through_notify(
    place: LogPlace, store: EventStore
) -> None:
    script = Path(__file__).with_name("append_events.py")

    async def scenario() -> None:
        fill(store, "shared", 1)
        hub = Hub(store)
        await hub.start()
        followers = [asyncio.create_task(take(hub.follow("shared", start), 20)) for start in (0, 1)]
        await asyncio.sleep(0.1)
        writer = await asyncio.create_subprocess_exec(
            sys.executable, str(script), place.target, place.schema, "shared", "20", cwd=ROOT
        )
        assert await writer.wait() == 0
        assert seqs(await followers[0]) == list(range(1, 21))
        assert seqs(await followers[1]) == list(range(2, 22))
        await hub.stop()

    run(scenario())
