"""The embedded event log: one SQLite file, written by one thread in group commits.

Durability: WAL with ``synchronous=FULL``, so the WAL is synced at every
commit and an append that returned survives a crash of the process or of the
machine. ``NORMAL`` would only survive the process (a power cut could lose the
last commits), which is not what an acknowledged command promises.

Speed: a sync costs milliseconds, so a single writer thread takes every append
waiting in its queue, checks each one's expected sequence in turn inside one
transaction, commits once, then wakes each caller with its own outcome.
Readers each use their own connection; WAL lets them read while it writes.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import Any

from podium.i18n import _
from podium.store.base import (
    Conflict,
    Listener,
    Listeners,
    Notice,
    Snapshot,
    StoredEvent,
    StoreError,
    TokenRecord,
    Unsubscribe,
    checked,
    nothing_to_append,
    utc_now,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meetings (
    meeting TEXT PRIMARY KEY,
    last_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    meeting TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (meeting, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY,
    meeting TEXT NOT NULL,
    role TEXT NOT NULL,
    participant TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_by_meeting ON tokens (meeting, created_at);
CREATE TABLE IF NOT EXISTS snapshots (
    meeting TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    version TEXT NOT NULL,
    data BLOB NOT NULL,
    taken_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS statements (
    meeting TEXT NOT NULL,
    digest TEXT NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (meeting, digest)
) WITHOUT ROWID;
"""

# Heads of the meetings touched by the batch being written, ahead of the database.
Heads = dict[str, int]


class _Job:
    """One write waiting for the writer thread, and the future its caller waits on."""

    __slots__ = ("apply", "future")

    def __init__(self, apply: Callable[[sqlite3.Connection, Heads], Any]) -> None:
        self.apply = apply
        self.future: Future[Any] = Future()


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the log's durability settings (also used by the benchmarks)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def private(path: Path) -> None:
    """The log file readable by its owner only (SQLite gives its -wal and -shm the same mode)."""
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


class SQLiteStore:
    """The event log in one SQLite file (``DATA/podium.sqlite3`` by default)."""

    def __init__(self, path: str | Path, *, batch_max: int = 1000) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        private(self.path)
        self._batch_max = batch_max
        self._listeners = Listeners()
        self._writer = connect(self.path)
        self._writer.executescript(SCHEMA)
        self._readers_lock = threading.Lock()
        self._readers: list[sqlite3.Connection] = []
        self._local = threading.local()
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._closed = False
        self._thread = threading.Thread(target=self._write_loop, name="podium-log-writer")
        self._thread.daemon = True
        self._thread.start()

    # -- writing ---------------------------------------------------------------

    def append(self, meeting: str, expected_seq: int, events: Sequence[str]) -> list[StoredEvent]:
        if nothing_to_append(self, meeting, expected_seq, events):
            return []
        recorded_at = utc_now()
        texts = list(events)

        def apply(conn: sqlite3.Connection, heads: Heads) -> list[StoredEvent]:
            actual = heads.get(meeting)
            if actual is None:
                row = conn.execute(
                    "SELECT last_seq FROM meetings WHERE meeting = ?", (meeting,)
                ).fetchone()
                actual = row[0] if row else 0
            if actual != expected_seq:
                raise Conflict(meeting, expected_seq, actual)
            stored = [
                StoredEvent(meeting, expected_seq + number, data, recorded_at)
                for number, data in enumerate(texts, start=1)
            ]
            stamp = recorded_at.isoformat()
            conn.executemany(
                "INSERT INTO events (meeting, seq, data, recorded_at) VALUES (?, ?, ?, ?)",
                [(meeting, event.seq, event.data, stamp) for event in stored],
            )
            conn.execute(
                "INSERT INTO meetings (meeting, last_seq, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT (meeting) DO UPDATE SET last_seq = excluded.last_seq",
                (meeting, stored[-1].seq, stamp),
            )
            heads[meeting] = stored[-1].seq
            return stored

        result: list[StoredEvent] = self._submit(apply)
        return result

    def put_token(
        self, token_hash: str, meeting: str, role: str, participant: str | None = None
    ) -> TokenRecord:
        record = TokenRecord(token_hash, meeting, role, participant, utc_now())

        def apply(conn: sqlite3.Connection, heads: Heads) -> TokenRecord:
            conn.execute(
                "INSERT INTO tokens (token_hash, meeting, role, participant, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET"
                " meeting = excluded.meeting, role = excluded.role,"
                " participant = excluded.participant, created_at = excluded.created_at",
                (token_hash, meeting, role, participant, record.created_at.isoformat()),
            )
            return record

        result: TokenRecord = self._submit(apply)
        return result

    def put_tokens(self, meeting: str, role: str, tokens: Sequence[tuple[str, str | None]]) -> None:
        stamp = utc_now().isoformat()
        rows = [(token, meeting, role, participant, stamp) for token, participant in tokens]

        def apply(conn: sqlite3.Connection, heads: Heads) -> None:
            conn.executemany(
                "INSERT INTO tokens (token_hash, meeting, role, participant, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET"
                " meeting = excluded.meeting, role = excluded.role,"
                " participant = excluded.participant, created_at = excluded.created_at",
                rows,
            )

        if rows:
            self._submit(apply)

    def put_snapshot(self, meeting: str, seq: int, version: str, data: bytes) -> bool:
        stamp = utc_now().isoformat()

        def apply(conn: sqlite3.Connection, heads: Heads) -> bool:
            kept = conn.execute(
                "INSERT INTO snapshots (meeting, seq, version, data, taken_at)"
                " SELECT ?, ?, ?, ?, ? WHERE EXISTS"
                " (SELECT 1 FROM meetings WHERE meeting = ? AND last_seq >= ?)"
                " ON CONFLICT (meeting) DO UPDATE SET seq = excluded.seq,"
                " version = excluded.version, data = excluded.data, taken_at = excluded.taken_at"
                " WHERE excluded.seq >= snapshots.seq",
                (meeting, seq, version, data, stamp, meeting, seq),
            )
            return kept.rowcount > 0

        if seq < 1:
            return False
        result: bool = self._submit(apply)
        return result

    def put_statement(self, meeting: str, digest: str, data: bytes) -> None:
        def apply(conn: sqlite3.Connection, heads: Heads) -> None:
            conn.execute(
                "INSERT INTO statements (meeting, digest, data) VALUES (?, ?, ?)"
                " ON CONFLICT (meeting, digest) DO NOTHING",
                (meeting, digest, data),
            )

        self._submit(apply)

    def statement(self, meeting: str, digest: str) -> bytes | None:
        row = (
            self._reader()
            .execute(
                "SELECT data FROM statements WHERE meeting = ? AND digest = ?", (meeting, digest)
            )
            .fetchone()
        )
        return bytes(row[0]) if row else None

    def drop_token(self, token_hash: str) -> None:
        def apply(conn: sqlite3.Connection, heads: Heads) -> None:
            conn.execute("DELETE FROM tokens WHERE token_hash = ?", (token_hash,))

        self._submit(apply)

    def _submit(self, apply: Callable[[sqlite3.Connection, Heads], Any]) -> Any:
        if self._closed:
            raise StoreError(_("The event log is closed."))
        job = _Job(apply)
        self._jobs.put(job)
        return job.future.result()

    def _write_loop(self) -> None:
        while True:
            first = self._jobs.get()
            if first is None:
                return
            batch = [first]
            stop = False
            while len(batch) < self._batch_max:
                try:
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    stop = True
                    break
                batch.append(job)
            self._write(batch)
            if stop:
                return

    def _write(self, batch: list[_Job]) -> None:
        conn = self._writer
        outcomes: list[tuple[_Job, Any, BaseException | None]] = []
        heads: Heads = {}
        try:
            conn.execute("BEGIN IMMEDIATE")
            for job in batch:
                try:
                    outcomes.append((job, job.apply(conn, heads), None))
                except Conflict as conflict:
                    outcomes.append((job, None, conflict))
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:
                conn.rollback()
            if len(batch) == 1:
                batch[0].future.set_exception(error)
            else:
                # Write each alone, so that only the faulty one fails.
                for job in batch:
                    self._write([job])
            return
        for _job, result, _error in outcomes:
            if isinstance(result, list) and result and self._listeners:
                self._listeners.notify(Notice(result[-1].meeting, result[-1].seq, tuple(result)))
        for job, result, refusal in outcomes:
            if refusal is None:
                job.future.set_result(result)
            else:
                job.future.set_exception(refusal)

    # -- reading ---------------------------------------------------------------

    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                raise StoreError(_("The event log is closed."))
            conn = connect(self.path)
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def read(self, meeting: str, after_seq: int = 0, limit: int | None = None) -> list[StoredEvent]:
        rows = (
            self._reader()
            .execute(
                "SELECT seq, data, recorded_at FROM events WHERE meeting = ? AND seq > ?"
                " ORDER BY seq LIMIT ?",
                (meeting, after_seq, -1 if limit is None else limit),
            )
            .fetchall()
        )  # all at once: a cursor left open would pin this reader to an old snapshot
        return [
            checked(meeting, seq, data, datetime.fromisoformat(stamp)) for seq, data, stamp in rows
        ]

    def last_seq(self, meeting: str) -> int:
        row = (
            self._reader()
            .execute("SELECT last_seq FROM meetings WHERE meeting = ?", (meeting,))
            .fetchone()
        )
        return int(row[0]) if row else 0

    def meetings(self) -> list[str]:
        rows = (
            self._reader()
            .execute("SELECT meeting FROM meetings ORDER BY created_at, meeting")
            .fetchall()
        )
        return [meeting for (meeting,) in rows]

    def snapshot(self, meeting: str) -> Snapshot | None:
        row = (
            self._reader()
            .execute(
                "SELECT seq, version, data, taken_at FROM snapshots WHERE meeting = ?", (meeting,)
            )
            .fetchone()
        )
        if row is None:
            return None
        seq, version, data, stamp = row
        return Snapshot(meeting, seq, version, bytes(data), datetime.fromisoformat(stamp))

    def snapshot_seq(self, meeting: str, version: str) -> int:
        row = (
            self._reader()
            .execute(
                "SELECT seq FROM snapshots WHERE meeting = ? AND version = ?", (meeting, version)
            )
            .fetchone()
        )
        return int(row[0]) if row else 0

    def find_token(self, token_hash: str) -> TokenRecord | None:
        row = (
            self._reader()
            .execute(
                "SELECT token_hash, meeting, role, participant, created_at FROM tokens"
                " WHERE token_hash = ?",
                (token_hash,),
            )
            .fetchone()
        )
        return _token(row) if row else None

    def tokens(self, meeting: str) -> list[TokenRecord]:
        rows = (
            self._reader()
            .execute(
                "SELECT token_hash, meeting, role, participant, created_at FROM tokens"
                " WHERE meeting = ? ORDER BY created_at, token_hash",
                (meeting,),
            )
            .fetchall()
        )
        return [_token(row) for row in rows]

    # -- the rest --------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Unsubscribe:
        return self._listeners.add(listener)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._jobs.put(None)
        self._thread.join()
        self._writer.close()
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _token(row: tuple[str, str, str, str | None, str]) -> TokenRecord:
    token_hash, meeting, role, participant, created_at = row
    return TokenRecord(token_hash, meeting, role, participant, datetime.fromisoformat(created_at))
