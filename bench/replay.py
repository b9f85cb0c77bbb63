"""Reading back (and folding) a long meeting from SQLite, beside a bare SELECT of its rows.

    .venv/bin/python bench/replay.py [--events 100000]

The meeting is made by the real core: a delegate asks for the floor, gets it,
ends, again.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from store_append import Rehearsal

from podium.meeting.state import evolve, initial_state
from podium.store import StoredEvent
from podium.store.sqlite import SQLiteStore, connect
from podium.wire import decode_event

MEETING = "replay"


def fill(store: SQLiteStore, total: int) -> None:
    """Appends ``total`` events decided by the core, in appends of up to 1,000."""
    run = Rehearsal()
    seq = 0
    batch: list[str] = list(run.opening)
    while seq + len(batch) < total:
        if len(batch) >= 1000:
            seq = store.append(MEETING, seq, batch)[-1].seq
            batch = []
        batch += run.step()
    store.append(MEETING, seq, batch[: total - seq])


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "podium.sqlite3"
        store = SQLiteStore(path)
        try:
            built, _ = timed(lambda: fill(store, options.events))
            total = store.last_seq(MEETING)
            print(f"{total:,} events decided by the meeting core, written in {built:.1f} s")
            raw = connect(path)
            bare, rows = timed(
                lambda: raw.execute(
                    "SELECT seq, data, recorded_at FROM events WHERE meeting = ? ORDER BY seq",
                    (MEETING,),
                ).fetchall()
            )
            raw.close()
            assert len(rows) == total
            read, events = timed(lambda: store.read(MEETING))
            paged, _ = timed(lambda: _paged(store))
            print(f"  {'bare SELECT of the rows':<44} {total / bare:>12,.0f} events/s  (baseline)")
            print(f"  {'store.read (checked, one call)':<44} {total / read:>12,.0f} events/s")
            print(f"  {'store.read in pages of 10,000':<44} {total / paged:>12,.0f} events/s")
            folded = _fold(events)
            print(f"  {'decode_event + evolve (fold alone)':<44} {total / folded:>12,.0f} events/s")
            print(f"  {'read + decode + evolve':<44} {total / (read + folded):>12,.0f} events/s")
        finally:
            store.close()


def _paged(store: SQLiteStore) -> int:
    seq, count = 0, 0
    while page := store.read(MEETING, seq, limit=10_000):
        seq = page[-1].seq
        count += len(page)
    return count


def _fold(events: list[StoredEvent]) -> float:
    started = time.perf_counter()
    state = initial_state()
    for event in events:
        state = evolve(state, decode_event(event.data))
    elapsed = time.perf_counter() - started
    assert state.seq == len(events)
    return elapsed


if __name__ == "__main__":
    main()
