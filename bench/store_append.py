"""Durable appends per second on one meeting, beside the raw speed of a transaction.

    .venv/bin/python bench/store_append.py [--events 2000] [--writers 4] [--postgres-url URL]

Each figure is measured in this process on the same database, with the store's
own durability settings (SQLite: WAL, synchronous=FULL; PostgreSQL: defaults,
synchronous_commit on). Writers follow the optimistic protocol: read the
meeting's last seq, append after it, start again on ``Conflict``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

from podium.meeting.commands import (
    EndSpeech,
    GiveFloor,
    OpenMeeting,
    RequestFloor,
    register,
)
from podium.meeting.decide import Refusal, create_meeting, decide
from podium.meeting.plan import Plan, Segment
from podium.meeting.state import evolve, initial_state
from podium.meeting.words import CHAIR
from podium.store import Conflict, EventStore
from podium.store.postgres import PostgresStore
from podium.store.sqlite import SQLiteStore, connect
from podium.wire import encode_event

EVENT = json.dumps({"type": "floor_requested", "v": 1, "participant": "kenya", "class": "member"})


def per_second(count: int, work: Callable[[], None]) -> float:
    started = time.perf_counter()
    work()
    return count / (time.perf_counter() - started)


def appends(store: EventStore, meeting: str, writers: int, total: int) -> tuple[float, int]:
    """Appends per second with ``writers`` threads sharing ``total`` appends; and the conflicts."""
    conflicts = [0] * writers

    def write(writer: int) -> None:
        for _ in range(total // writers):
            while True:
                seq = store.last_seq(meeting)
                try:
                    store.append(meeting, seq, [EVENT])
                    break
                except Conflict:
                    conflicts[writer] += 1

    def run() -> None:
        threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    rate = per_second(total // writers * writers, run)
    return rate, sum(conflicts)


class Rehearsal:
    """A meeting run by the real core: a delegate asks for the floor, gets it, ends; again."""

    def __init__(self) -> None:

        self.clock = datetime(2024, 4, 15, 13, 0, tzinfo=UTC)
        self.state = initial_state()
        plan = Plan(
            title="Rehearsal",
            segments=(Segment(title="Interventions from the floor", role="participant"),),
        )
        self.opening = self._apply(create_meeting(plan, self.clock))
        self.opening += self.decide(OpenMeeting())
        self.opening += self.decide(register(name="Kenya", country="KE"))
        self.delegate = next(iter(self.state.participants))
        self.turn = 0

    def _apply(self, events: Sequence[Any]) -> list[str]:

        for event in events:
            self.state = evolve(self.state, event)
        return [encode_event(event) for event in events]

    def decide(self, command: Any) -> list[str]:
        """The JSON texts of the events ``command`` decides, folded into the state."""

        self.clock += timedelta(seconds=1)
        decision = decide(self.state, command, CHAIR, self.clock)
        if isinstance(decision, Refusal):
            raise RuntimeError(f"the core refused {command}: {decision.reason}")
        return self._apply(decision)

    def step(self) -> list[str]:

        commands = (RequestFloor(participant_id=self.delegate), GiveFloor(), EndSpeech())
        command = commands[self.turn % len(commands)]
        self.turn += 1
        return self.decide(command)


def decided_appends(store: EventStore, meeting: str, total: int) -> float:
    """Commands decided by the meeting core and durably appended, one after another."""
    run = Rehearsal()
    store.append(meeting, 0, run.opening)

    def work() -> None:
        for _ in range(total):
            seq = run.state.seq
            store.append(meeting, seq, run.step())

    return per_second(total, work)


def report(name: str, baseline: tuple[str, float], rows: list[tuple[str, str]]) -> None:
    print(f"\n{name}")
    print(f"  {baseline[0]:<52} {baseline[1]:>9,.0f} /s  (baseline)")
    for label, figure in rows:
        print(f"  {label:<52} {figure}")


def bench_sqlite(events: int, writers: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "podium.sqlite3"
        raw = connect(path)
        raw.execute("CREATE TABLE bench (n INTEGER)")

        def empty() -> None:
            for _ in range(events):
                raw.execute("BEGIN IMMEDIATE")
                raw.execute("COMMIT")

        def one_row() -> None:
            for n in range(events):
                raw.execute("BEGIN IMMEDIATE")
                raw.execute("INSERT INTO bench VALUES (?)", (n,))
                raw.execute("COMMIT")

        empty_rate = per_second(events, empty)
        row_rate = per_second(events, one_row)
        raw.close()
        store = SQLiteStore(path)
        try:
            rows = [("empty transaction (nothing to sync)", f"{empty_rate:>9,.0f} /s")]
            rows += _store_rows(store, events, writers)
        finally:
            store.close()
    report("SQLite (WAL, synchronous=FULL)", ("one-row transaction, one at a time", row_rate), rows)


def _store_rows(store: EventStore, events: int, writers: int) -> list[tuple[str, str]]:
    rows = []
    for count in sorted({1, writers}):
        rate, conflicts = appends(store, f"bench-{count}", count, events)
        label = f"store.append, {count} writer{'s' if count > 1 else ''}, one meeting"
        rows.append((label, f"{rate:>9,.0f} /s  ({conflicts} conflicts retried)"))
    decided = decided_appends(store, "bench-decided", events)
    rows.append(("commands decided and durably appended", f"{decided:>9,.0f} /s"))
    return rows


def bench_postgres(url: str, events: int, writers: int) -> None:
    try:
        with psycopg.connect(url, connect_timeout=5):
            pass
    except psycopg.OperationalError as exc:
        print(f"\nPostgreSQL: not measured ({url}: {exc})")
        return
    schema = f"podium_bench_{uuid.uuid4().hex[:8]}"
    store = PostgresStore(url, schema=schema)
    try:
        with psycopg.connect(url, autocommit=True) as raw:
            raw.execute(f"CREATE TABLE {schema}.bench (n integer)")

            def empty() -> None:
                for _ in range(events):
                    with raw.transaction():
                        pass

            def one_row() -> None:
                for n in range(events):
                    with raw.transaction():
                        raw.execute(f"INSERT INTO {schema}.bench VALUES (%s)", (n,))

            empty_rate = per_second(events, empty)
            row_rate = per_second(events, one_row)
        rows = [("empty transaction (nothing to flush)", f"{empty_rate:>9,.0f} /s")]
        rows += _store_rows(store, events, writers)
    finally:
        store.drop_schema()
        store.close()
    report(
        "PostgreSQL (synchronous_commit on)", ("one-row transaction, one at a time", row_rate), rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="appends per measurement")
    parser.add_argument("--writers", type=int, default=4, help="concurrent writer threads")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "PODIUM_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
        ),
    )
    parser.add_argument("--no-postgres", action="store_true")
    options = parser.parse_args()
    print(f"{options.events} appends per figure, {os.cpu_count()} cores")
    bench_sqlite(options.events, options.writers)
    if not options.no_postgres:
        bench_postgres(options.postgres_url, options.events, options.writers)


if __name__ == "__main__":
    main()
