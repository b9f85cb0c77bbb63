"""Time from an append to the last of N followers woken, beside a bare asyncio.Event.

    .venv/bin/python bench/hub_wakeup.py [--followers 1000 10000] [--rounds 5]

All in one process on SQLite. Three figures per N, each the median of the rounds:
the bare wake-up of N tasks waiting on one ``asyncio.Event`` (the baseline);
``Hub.published`` to the last follower holding the new event (the fan-out alone);
and ``store.append`` (durable, in a worker thread) to the last follower woken.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path

from podium.live import Hub
from podium.store import StoredEvent
from podium.store.sqlite import SQLiteStore

EVENT = json.dumps({"type": "speech_ended", "v": 1})


class Finish:
    """Counts followers reaching the target seq; notes when the last one does."""

    def __init__(self, followers: int) -> None:
        self.left = followers
        self.done = asyncio.Event()
        self.at = 0.0

    def reached(self) -> None:
        self.left -= 1
        if self.left == 0:
            self.at = time.perf_counter()
            self.done.set()


async def bare_event(tasks: int) -> float:
    gate = asyncio.Event()
    finish = Finish(tasks)

    async def waiter() -> None:
        await gate.wait()
        finish.reached()

    waiting = [asyncio.create_task(waiter()) for _ in range(tasks)]
    await asyncio.sleep(0)
    started = time.perf_counter()
    gate.set()
    await finish.done.wait()
    await asyncio.gather(*waiting)
    return finish.at - started


async def hub_round(
    hub: Hub, store: QuietStore, meeting: str, followers: int, durable: bool
) -> float:
    seq = await asyncio.to_thread(store.last_seq, meeting)
    finish = Finish(followers)

    async def follower() -> None:
        async for item in hub.follow(meeting, seq):
            if isinstance(item, StoredEvent) and item.seq == seq + 1:
                finish.reached()
                return

    tasks = [asyncio.create_task(follower()) for _ in range(followers)]
    for _ in range(5):  # let every follower reach its wait
        await asyncio.sleep(0)
    await asyncio.sleep(0.01)
    if durable:
        started = time.perf_counter()
        await asyncio.to_thread(store.append, meeting, seq, [EVENT])
    else:
        # Write without telling the hub, then time the fan-out alone.
        stored = await asyncio.to_thread(store.append_quietly, meeting, seq, [EVENT])
        started = time.perf_counter()
        hub.published(meeting, stored)
    await finish.done.wait()
    await asyncio.gather(*tasks)
    return finish.at - started


class QuietStore(SQLiteStore):
    """A store whose appends can skip telling the hub, to time ``published`` by itself."""

    def append_quietly(
        self, meeting: str, expected_seq: int, events: list[str]
    ) -> list[StoredEvent]:
        listeners, self._listeners = self._listeners, type(self._listeners)()
        try:
            return self.append(meeting, expected_seq, events)
        finally:
            self._listeners = listeners


async def main_async(counts: list[int], rounds: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        store = QuietStore(Path(directory) / "podium.sqlite3")
        hub = Hub(store)
        await hub.start()
        try:
            print(f"median of {rounds} rounds, milliseconds")
            print(
                f"  {'followers':>9}  {'asyncio.Event':>14}"
                f"  {'published→last':>15}  {'append→last':>12}"
            )
            for count in counts:
                bare = statistics.median([await bare_event(count) for _ in range(rounds)])
                meeting = f"wake-{count}"
                fan = [
                    await hub_round(hub, store, meeting, count, durable=False)
                    for _ in range(rounds)
                ]
                full = [
                    await hub_round(hub, store, meeting, count, durable=True) for _ in range(rounds)
                ]
                print(
                    f"  {count:>9,}  {bare * 1e3:>14.2f}  {statistics.median(fan) * 1e3:>15.2f}"
                    f"  {statistics.median(full) * 1e3:>12.2f}"
                )
        finally:
            await hub.stop()
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--followers", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    asyncio.run(main_async(options.followers, options.rounds))


if __name__ == "__main__":
    main()
