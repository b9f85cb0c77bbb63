"""The shared event log: PostgreSQL through psycopg 3, for several Podium processes.

Optimistic concurrency rests on one row per meeting holding its last sequence:
the append moves it from ``expected_seq`` to the new head with a conditional
UPDATE, so of two concurrent appends the second finds the row changed and
raises ``Conflict``. Each committed append sends ``NOTIFY`` with the meeting
and its new head; every process LISTENs on one connection of its own and
tells its listeners, which read the new rows themselves.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC
from typing import Any

import psycopg
from psycopg import sql

from podium.i18n import _
from podium.store.base import (
    Conflict,
    Listener,
    Listeners,
    Notice,
    StoredEvent,
    StoreError,
    TokenRecord,
    Unsubscribe,
    checked,
    nothing_to_append,
    utc_now,
)

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS {schema}.meetings (
    meeting text PRIMARY KEY,
    last_seq bigint NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS {schema}.events (
    meeting text NOT NULL,
    seq bigint NOT NULL,
    data text NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (meeting, seq)
);
CREATE TABLE IF NOT EXISTS {schema}.tokens (
    token_hash text PRIMARY KEY,
    meeting text NOT NULL,
    role text NOT NULL,
    participant text,
    created_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS tokens_by_meeting ON {schema}.tokens (meeting, created_at);
CREATE TABLE IF NOT EXISTS {schema}.statements (
    meeting text NOT NULL,
    digest text NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (meeting, digest)
);
"""


class PostgresStore:
    """The event log in a PostgreSQL database, in ``schema`` (``public`` by default)."""

    def __init__(self, url: str, *, schema: str = "public", pool_size: int = 8) -> None:
        self.url = url
        self.schema = schema
        self.channel = f"podium_events_{schema}"[:63]
        self._listeners = Listeners()
        self._idle: queue.LifoQueue[psycopg.Connection[Any]] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(pool_size)
        self._all_lock = threading.Lock()
        self._all: list[psycopg.Connection[Any]] = []
        self._closed = False
        self._listen_thread: threading.Thread | None = None
        self._listen_conn: psycopg.Connection[Any] | None = None
        self._sql = _Statements(schema)
        with self._connection() as conn, conn.transaction():
            # One creator at a time: concurrent CREATE IF NOT EXISTS can still collide.
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('podium-schema'))")
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
            conn.execute(sql.SQL(SCHEMA).format(schema=sql.Identifier(schema)))

    # -- connections -----------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection of this store's own small pool, for one thread at a time."""
        if self._closed:
            raise StoreError(_("The event log is closed."))
        self._slots.acquire()
        try:
            try:
                conn = self._idle.get_nowait()
            except queue.Empty:
                conn = psycopg.connect(self.url, autocommit=True)
                with self._all_lock:
                    self._all.append(conn)
            try:
                yield conn
            finally:
                if conn.broken or conn.closed:
                    with self._all_lock:
                        self._all.remove(conn)
                else:
                    self._idle.put(conn)
        finally:
            self._slots.release()

    # -- writing ---------------------------------------------------------------

    def append(self, meeting: str, expected_seq: int, events: Sequence[str]) -> list[StoredEvent]:
        if nothing_to_append(self, meeting, expected_seq, events):
            return []
        recorded_at = utc_now()
        stored = [
            StoredEvent(meeting, expected_seq + number, data, recorded_at)
            for number, data in enumerate(events, start=1)
        ]
        head = stored[-1].seq
        params = {
            "meeting": meeting,
            "expected": expected_seq,
            "head": head,
            "at": recorded_at,
            "seqs": [event.seq for event in stored],
            "data": [event.data for event in stored],
            "channel": self.channel,
            "payload": json.dumps({"meeting": meeting, "seq": head}),
        }
        statement = self._sql.append_first if expected_seq == 0 else self._sql.append_next
        with self._connection() as conn:
            # One statement, so one round trip and one commit.
            if conn.execute(statement, params).fetchone() is None:
                raise Conflict(meeting, expected_seq, self._last_seq(conn, meeting))
        self._listeners.notify(Notice(meeting, head, tuple(stored)))
        return stored

    def put_token(
        self, token_hash: str, meeting: str, role: str, participant: str | None = None
    ) -> TokenRecord:
        record = TokenRecord(token_hash, meeting, role, participant, utc_now())
        with self._connection() as conn:
            conn.execute(
                self._sql.put_token, (token_hash, meeting, role, participant, record.created_at)
            )
        return record

    def put_tokens(self, meeting: str, role: str, tokens: Sequence[tuple[str, str | None]]) -> None:
        at = utc_now()
        rows = [(token_hash, meeting, role, participant, at) for token_hash, participant in tokens]
        if not rows:
            return
        with self._connection() as conn, conn.cursor() as cursor:
            cursor.executemany(self._sql.put_token, rows)

    def drop_token(self, token_hash: str) -> None:
        with self._connection() as conn:
            conn.execute(self._sql.drop_token, (token_hash,))

    def put_statement(self, meeting: str, digest: str, data: bytes) -> None:
        with self._connection() as conn:
            conn.execute(self._sql.put_statement, (meeting, digest, data))

    def statement(self, meeting: str, digest: str) -> bytes | None:
        with self._connection() as conn:
            row = conn.execute(self._sql.statement, (meeting, digest)).fetchone()
        return bytes(row[0]) if row else None

    # -- reading ---------------------------------------------------------------

    def read(self, meeting: str, after_seq: int = 0, limit: int | None = None) -> list[StoredEvent]:
        with self._connection() as conn:
            rows = conn.execute(self._sql.read, (meeting, after_seq, limit)).fetchall()
        return [checked(meeting, seq, data, stamp.astimezone(UTC)) for seq, data, stamp in rows]

    def last_seq(self, meeting: str) -> int:
        with self._connection() as conn:
            return self._last_seq(conn, meeting)

    def _last_seq(self, conn: psycopg.Connection[Any], meeting: str) -> int:
        row = conn.execute(self._sql.last_seq, (meeting,)).fetchone()
        return int(row[0]) if row else 0

    def meetings(self) -> list[str]:
        with self._connection() as conn:
            rows = conn.execute(self._sql.meetings).fetchall()
        return [meeting for (meeting,) in rows]

    def find_token(self, token_hash: str) -> TokenRecord | None:
        with self._connection() as conn:
            row = conn.execute(self._sql.find_token, (token_hash,)).fetchone()
        return _token(row) if row else None

    def tokens(self, meeting: str) -> list[TokenRecord]:
        with self._connection() as conn:
            rows = conn.execute(self._sql.tokens, (meeting,)).fetchall()
        return [_token(row) for row in rows]

    # -- being told ------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Unsubscribe:
        unsubscribe = self._listeners.add(listener)
        if self._listen_thread is None:
            ready = threading.Event()
            self._listen_thread = threading.Thread(
                target=self._listen, args=(ready,), name="podium-log-listener", daemon=True
            )
            self._listen_thread.start()
            # Appends made after subscribe returns must be heard.
            ready.wait(timeout=10)
        return unsubscribe

    def _listen(self, ready: threading.Event) -> None:
        reconnecting = False
        unreachable = False  # said once when PostgreSQL goes, once when it is back
        while not self._closed:
            try:
                conn = psycopg.connect(self.url, autocommit=True)
            except psycopg.OperationalError as exc:
                if not unreachable:
                    unreachable = True
                    reason = " ".join(str(exc).split())[:200]
                    log.warning("cannot reach PostgreSQL to listen (%s); retrying", reason)
                time.sleep(1)
                continue
            self._listen_conn = conn
            try:
                conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
                ready.set()
                if unreachable:
                    unreachable = False
                    log.warning("listening to PostgreSQL again")
                if reconnecting:
                    # Whatever was announced while deaf: tell of every head once.
                    for meeting in self.meetings():
                        self._listeners.notify(Notice(meeting, self.last_seq(meeting)))
                while not self._closed:
                    for note in conn.notifies(timeout=0.5):
                        self._heard(note.payload)
            except psycopg.Error as exc:
                if not self._closed:
                    reason = " ".join(str(exc).split())[:200]
                    log.warning("lost the PostgreSQL listener (%s); reconnecting", reason)
                    reconnecting = True
                    time.sleep(0.2)
            finally:
                conn.close()

    def _heard(self, payload: str) -> None:
        try:
            note = json.loads(payload)
            notice = Notice(str(note["meeting"]), int(note["seq"]))
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring a malformed notification: %r", payload)
            return
        self._listeners.notify(notice)

    # -- the rest --------------------------------------------------------------

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._listen_thread is not None:
            self._listen_thread.join(timeout=5)
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()

    def drop_schema(self) -> None:
        """Remove this store's schema and everything in it (for tests and benchmarks)."""
        with self._connection() as conn:
            conn.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(self.schema))
            )

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _token(row: tuple[Any, ...]) -> TokenRecord:
    token_hash, meeting, role, participant, created_at = row
    return TokenRecord(token_hash, meeting, role, participant, created_at.astimezone(UTC))


class _Statements:
    """The store's SQL, with its schema filled in once."""

    def __init__(self, schema: str) -> None:
        def q(text: str) -> sql.Composed:
            return sql.SQL(text).format(schema=sql.Identifier(schema))

        # The head moves from the expected seq, or nothing happens and no row comes back.
        # A data-modifying WITH runs whether or not it is referenced.
        add_and_tell = (
            " , added AS (INSERT INTO {schema}.events (meeting, seq, data, recorded_at)"
            " SELECT moved.meeting, e.seq, e.data, %(at)s FROM moved,"
            " unnest(%(seqs)s::bigint[], %(data)s::text[]) AS e (seq, data))"
            " SELECT pg_notify(%(channel)s, %(payload)s) FROM moved"
        )
        self.append_first = q(
            "WITH moved AS (INSERT INTO {schema}.meetings (meeting, last_seq, created_at)"
            " VALUES (%(meeting)s, %(head)s, %(at)s) ON CONFLICT (meeting) DO NOTHING"
            " RETURNING meeting)" + add_and_tell
        )
        self.append_next = q(
            "WITH moved AS (UPDATE {schema}.meetings SET last_seq = %(head)s"
            " WHERE meeting = %(meeting)s AND last_seq = %(expected)s RETURNING meeting)"
            + add_and_tell
        )
        self.read = q(
            "SELECT seq, data, recorded_at FROM {schema}.events WHERE meeting = %s AND seq > %s"
            " ORDER BY seq LIMIT %s"
        )
        self.last_seq = q("SELECT last_seq FROM {schema}.meetings WHERE meeting = %s")
        self.meetings = q("SELECT meeting FROM {schema}.meetings ORDER BY created_at, meeting")
        self.put_token = q(
            "INSERT INTO {schema}.tokens (token_hash, meeting, role, participant, created_at)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (token_hash) DO UPDATE SET"
            " meeting = excluded.meeting, role = excluded.role,"
            " participant = excluded.participant, created_at = excluded.created_at"
        )
        self.drop_token = q("DELETE FROM {schema}.tokens WHERE token_hash = %s")
        self.put_statement = q(
            "INSERT INTO {schema}.statements (meeting, digest, data) VALUES (%s, %s, %s)"
            " ON CONFLICT (meeting, digest) DO NOTHING"
        )
        self.statement = q(
            "SELECT data FROM {schema}.statements WHERE meeting = %s AND digest = %s"
        )
        self.find_token = q(
            "SELECT token_hash, meeting, role, participant, created_at FROM {schema}.tokens"
            " WHERE token_hash = %s"
        )
        self.tokens = q(
            "SELECT token_hash, meeting, role, participant, created_at FROM {schema}.tokens"
            " WHERE meeting = %s ORDER BY created_at, token_hash"
        )
