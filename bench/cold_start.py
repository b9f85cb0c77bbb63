"""The first read of a long meeting by a fresh server: from its latest snapshot and the events
after it, beside folding the whole log in the same run.

    .venv/bin/python bench/cold_start.py [--events 275000] [--tail 500] [--database-url URL]

The meeting is made by the real core (a delegate asks for the floor, gets it,
ends; again) and kept in SQLite (or in PostgreSQL with ``--database-url``, in a
schema of its own that is dropped at the end). Each figure is the median of
three reads, each by a new ``MeetingService`` on a newly opened store: what a
restarted server, or a meeting coming back after it was evicted, does first.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable

from replay import MEETING
from store_append import Rehearsal

from podium.meetings import MeetingService
from podium.snapshots import Snapshots
from podium.store import EventStore, open_store
from podium.store.postgres import PostgresStore


def cold_read(open_log: Callable[[], EventStore], snapshots: type[Snapshots]) -> tuple[float, int]:
    """Seconds for a new service on a new store to have the meeting's state, and its seq."""
    store = open_log()
    try:
        service = MeetingService(store, snapshots=snapshots(store, every=10**9))
        started = time.perf_counter()
        state = service.state(MEETING)
        elapsed = time.perf_counter() - started
        service.snapshots.wait(120)
        return elapsed, state.seq
    finally:
        store.close()


def median_of_three(
    open_log: Callable[[], EventStore], snapshots: type[Snapshots]
) -> tuple[float, int]:
    runs = [cold_read(open_log, snapshots) for _run in range(3)]
    return statistics.median(seconds for seconds, _seq in runs), runs[0][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=275_000)
    parser.add_argument("--tail", type=int, default=500, help="events after the snapshot")
    parser.add_argument("--database-url", help="a postgresql:// URL instead of SQLite")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        schema = f"podium_bench_{uuid.uuid4().hex[:8]}"
        target = options.database_url or directory

        def open_log() -> EventStore:
            return open_store(target, schema=schema)

        store = open_log()
        try:
            started = time.perf_counter()
            run = Rehearsal()
            _append_until(store, run, options.events - options.tail)
            # A snapshot as the server takes one, then a tail of events it has not seen.
            service = MeetingService(store, snapshots=Snapshots(store, every=1))
            service.state(MEETING)
            assert service.snapshots.wait(600)
            kept = store.snapshot(MEETING)
            assert kept is not None
            _append_until(store, run, options.events)
            print(
                f"{store.last_seq(MEETING):,} events decided by the meeting core, written "
                f"in {time.perf_counter() - started:.1f} s "
                f"({'PostgreSQL' if options.database_url else 'SQLite'}); "
                f"a snapshot at event {kept.seq:,}: {len(kept.data) / 1e6:.1f} MB"
            )
            full, seq = median_of_three(open_log, _Unread)
            from_snapshot, seq_again = median_of_three(open_log, Snapshots)
            assert seq == seq_again == store.last_seq(MEETING), (seq, seq_again)
            tail = seq - kept.seq
            print(f"  {'folding the whole log (baseline)':<48} {full:>8.3f} s")
            print(
                f"  {'the snapshot and the ' + format(tail, ',') + ' events after it':<48}"
                f" {from_snapshot:>8.3f} s  ({full / from_snapshot:.1f}x faster)"
            )
        finally:
            if isinstance(store, PostgresStore):
                store.drop_schema()
            store.close()


def _append_until(store: EventStore, run: Rehearsal, total: int) -> None:
    """The rehearsal's events appended, whole steps about 1,000 at a time, until the log holds
    ``total`` (or the one or two more that finish a step)."""
    seq = store.last_seq(MEETING)
    batch: list[str] = [] if seq else list(run.opening)
    while seq + len(batch) < total:
        batch += run.step()
        if len(batch) >= 1000:
            seq = store.append(MEETING, seq, batch)[-1].seq
            batch = []
    if batch:
        store.append(MEETING, seq, batch)


class _Unread(Snapshots):
    """No snapshot believed: the whole log folded, as before snapshots."""

    def restore(self, meeting: str) -> None:
        return None


if __name__ == "__main__":
    main()
