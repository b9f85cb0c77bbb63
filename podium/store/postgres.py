"""The shared event log: PostgreSQL through psycopg 3, for several Podium processes.

Optimistic concurrency rests on one row per meeting holding its last sequence:
the append moves it from ``expected_seq`` to the new head with a conditional
UPDATE, so of two concurrent appends the second finds the row changed and
raises ``Conflict``. Each committed append sends ``NOTIFY`` with the meeting
and its new head; every process LISTENs on one connection of its own and
tells its listeners, which read the new rows themselves.

Connections come from a ``psycopg_pool.ConnectionPool``: a connection that
breaks (the database restarted) is dropped and replaced in the background, and
a caller waits at most ``wait_seconds`` for one before the ``PoolTimeout`` (an
``OperationalError``) that the web answers with a 503. The pool's own warnings
on each failed reconnection are kept out of the server's log, which says once
that the log is gone and once that it is back.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC
from typing import Any

import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool

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

log = logging.getLogger(__name__)
# One line per failed reconnection would bury the one line the server logs when the log goes.
logging.getLogger("psycopg.pool").setLevel(logging.ERROR)

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
CREATE TABLE IF NOT EXISTS {schema}.snapshots (
    meeting text PRIMARY KEY,
    seq bigint NOT NULL,
    version text NOT NULL,
    data bytea NOT NULL,
    taken_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS {schema}.statements (
    meeting text NOT NULL,
    digest text NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (meeting, digest)
);
"""


class PostgresStore:
    """The event log in a PostgreSQL database, in ``schema`` (``public`` by default)."""

    def __init__(
        self,
        url: str,
        *,
        schema: str = "public",
        pool_size: int = 8,
        wait_seconds: float = 5.0,
    ) -> None:
        self.url = url
        self.schema = schema
        self.channel = f"podium_events_{schema}"[:63]
        self._listeners = Listeners()
        self._closed = False
        self._listen_thread: threading.Thread | None = None
        self._listen_conn: psycopg.Connection[Any] | None = None
        self._sql = _Statements(schema)
        # A first connection of its own: an unreachable database is told at once, in its words.
        with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
            # One creator at a time: concurrent CREATE IF NOT EXISTS can still collide.
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('podium-schema'))")
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
            conn.execute(sql.SQL(SCHEMA).format(schema=sql.Identifier(schema)))
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            kwargs={"autocommit": True},
            timeout=wait_seconds,
            name=f"podium-{schema}",
            open=False,
        )
        self._pool.open(wait=False)

    # -- connections -----------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection of the pool, for one thread at a time."""
        if self._closed:
            raise StoreError(_("The event log is closed."))
        with self._pool.connection() as conn:
            yield conn

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

    def put_snapshot(self, meeting: str, seq: int, version: str, data: bytes) -> bool:
        if seq < 1:
            return False
        params = (meeting, seq, version, data, utc_now(), meeting, seq)
        with self._connection() as conn:
            return conn.execute(self._sql.put_snapshot, params).fetchone() is not None

    def snapshot(self, meeting: str) -> Snapshot | None:
        with self._connection() as conn:
            row = conn.execute(self._sql.snapshot, (meeting,)).fetchone()
        if row is None:
            return None
        seq, version, data, taken_at = row
        return Snapshot(meeting, seq, version, bytes(data), taken_at.astimezone(UTC))

    def snapshot_seq(self, meeting: str, version: str) -> int:
        with self._connection() as conn:
            row = conn.execute(self._sql.snapshot_seq, (meeting, version)).fetchone()
        return int(row[0]) if row else 0

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
        self._pool.close()

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
        self.put_snapshot = q(
            "INSERT INTO {schema}.snapshots AS kept (meeting, seq, version, data, taken_at)"
            " SELECT %s, %s, %s, %s, %s WHERE EXISTS"
            " (SELECT 1 FROM {schema}.meetings WHERE meeting = %s AND last_seq >= %s)"
            " ON CONFLICT (meeting) DO UPDATE SET seq = excluded.seq,"
            " version = excluded.version, data = excluded.data, taken_at = excluded.taken_at"
            " WHERE excluded.seq >= kept.seq RETURNING 1"
        )
        self.snapshot = q(
            "SELECT seq, version, data, taken_at FROM {schema}.snapshots WHERE meeting = %s"
        )
        self.snapshot_seq = q(
            "SELECT seq FROM {schema}.snapshots WHERE meeting = %s AND version = %s"
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
