"""How much reading the record adds to folding the log, and registering a long list at once.

    .venv/bin/python bench/record_read.py [--events 100000] [--people 2000]

The record is the meeting's state plus a small projection of what became of
each request; the baseline is the state's fold alone over the same decoded
events, so the difference is what the record costs. Registration sends one
batch of ``--people`` participants through the service to a real SQLite log
(one append, a link for each), beside the time to append as many events bare.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from meeting_fold import rehearse

from podium.conceptnote.reader import read_note
from podium.meeting.participants import ParticipantFields
from podium.meeting.state import evolve, initial_state
from podium.meeting.words import SECRETARIAT
from podium.meetings import MeetingService
from podium.record.history import follow_all
from podium.record.interventions import read_record, record_from_events
from podium.store.sqlite import SQLiteStore

NOTE = Path(__file__).parent.parent / "podium" / "examples"


def timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def registration(people: int) -> tuple[float, float]:
    """Seconds to register ``people`` in one batch, and to append as many bare events."""
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "log.sqlite")
        try:
            service = MeetingService(store)
            created = service.create(
                read_note(NOTE / "cstd27-2024-panel-global-cooperation-sti.md")
            )
            batch = [ParticipantFields(name=f"Delegate {n}", country="KE") for n in range(people)]
            took = timed(lambda: service.register(created.id, batch, SECRETARIAT))
            bare = [f'{{"type":"note","v":1,"n":{n}}}' for n in range(people)]
            baseline = timed(lambda: store.append("bare", 0, bare))
        finally:
            store.close()
    return took, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=2000)
    options = parser.parse_args()
    events, _deciding = rehearse(options.events)
    total = len(events)

    def fold() -> None:
        state = initial_state()
        for event in events:
            state = evolve(state, event)

    state = initial_state()
    for event in events:
        state = evolve(state, event)
    history = follow_all(events)
    record = record_from_events("m", events)
    print(f"{total:,} events, {len(record.interventions):,} interventions in the record")
    rows = [
        ("the state's fold alone (baseline)", timed(fold)),
        ("the requests' projection alone", timed(lambda: follow_all(events))),
        ("the record from the log", timed(lambda: record_from_events("m", events))),
        ("the record from a state in hand", timed(lambda: read_record("m", state, history))),
    ]
    for name, seconds in rows:
        print(f"  {name:<40} {seconds:>8.3f} s  {total / seconds:>12,.0f} events/s")
    took, baseline = registration(options.people)
    print(f"{options.people:,} participants registered in one batch, each with a link")
    print(f"  {'register_participants (one append)':<40} {took:>8.3f} s")
    print(f"  {'bare append of as many events (baseline)':<40} {baseline:>8.3f} s")


if __name__ == "__main__":
    main()
