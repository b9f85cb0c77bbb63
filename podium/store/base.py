"""The event log's contract: what every backend stores, returns and raises.

The store keeps each meeting's events as opaque JSON text, numbered 1, 2, 3…
per meeting. It knows nothing of the meeting's rules; it only insists that
every payload is a versioned JSON object (``{"type": …, "v": …, …}``).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from podium.i18n import _

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredEvent:
    """One event of a meeting's log, as written: ``data`` is its JSON text."""

    meeting: str
    seq: int
    data: str
    recorded_at: datetime


@dataclass(frozen=True)
class TokenRecord:
    """Who a secret token stands for: its hash, the meeting, the role, the participant."""

    token_hash: str
    meeting: str
    role: str
    participant: str | None
    created_at: datetime


@dataclass(frozen=True)
class Snapshot:
    """A meeting's state as of event ``seq``, kept beside its log to be read instead of the
    events before it: ``data`` is opaque to the store, ``version`` says who can read it."""

    meeting: str
    seq: int
    version: str
    data: bytes
    taken_at: datetime


@dataclass(frozen=True)
class Notice:
    """The log of ``meeting`` has grown to ``seq``.

    ``events`` holds the new events when the notifier has them in hand (an
    append in this process); it is empty when only the number is known (a
    notification from another process).
    """

    meeting: str
    seq: int
    events: tuple[StoredEvent, ...] = ()


Listener = Callable[[Notice], None]
Unsubscribe = Callable[[], None]


class StoreError(Exception):
    """Base of the errors the event log raises."""


class Conflict(StoreError):
    """The meeting moved on since the caller looked: ``expected`` is stale, ``actual`` is now."""

    def __init__(self, meeting: str, expected: int, actual: int) -> None:
        self.meeting = meeting
        self.expected = expected
        self.actual = actual
        super().__init__(
            _(
                "Meeting {meeting} is at event {actual}, not {expected}: someone acted first."
            ).format(meeting=meeting, actual=actual, expected=expected)
        )


class CorruptEvent(StoreError):
    """An event in the log is not a versioned JSON object; names where it is."""

    def __init__(self, meeting: str, seq: int, reason: str) -> None:
        self.meeting = meeting
        self.seq = seq
        self.reason = reason
        super().__init__(
            _("Meeting {meeting}, event {seq}: {reason}").format(
                meeting=meeting, seq=seq, reason=reason
            )
        )


class InvalidEvent(StoreError, ValueError):
    """An event handed to ``append`` is not a versioned JSON object."""


def problem_with(data: str) -> str | None:
    """Why ``data`` is not a storable event (a JSON object with "type" and "v"), or None."""
    try:
        value = json.loads(data)
    except (TypeError, ValueError) as exc:
        return _("not valid JSON ({error})").format(error=exc)
    if not isinstance(value, dict):
        return _("not a JSON object")
    kind = value.get("type")
    if not isinstance(kind, str) or not kind:
        return _('no "type" name')
    version = value.get("v")
    if not isinstance(version, int) or isinstance(version, bool):
        return _('no integer version "v"')
    return None


def check_new_events(meeting: str, events: Sequence[str]) -> None:
    """Refuse to write what could not be read back."""
    if not meeting:
        raise InvalidEvent(_("A meeting id is required."))
    for index, data in enumerate(events, start=1):
        reason = problem_with(data) if isinstance(data, str) else _("not JSON text")
        if reason is not None:
            raise InvalidEvent(
                _("Meeting {meeting}, new event {index}: {reason}").format(
                    meeting=meeting, index=index, reason=reason
                )
            )


def nothing_to_append(
    store: EventStore, meeting: str, expected_seq: int, events: Sequence[str]
) -> bool:
    """Checks an append before it is written; True when it has no events (and its seq holds).

    Raises InvalidEvent for an event that could not be read back, and Conflict
    for an empty append whose ``expected_seq`` is stale.
    """
    check_new_events(meeting, events)
    if events:
        return False
    actual = store.last_seq(meeting)
    if actual != expected_seq:
        raise Conflict(meeting, expected_seq, actual)
    return True


def checked(meeting: str, seq: int, data: str, recorded_at: datetime) -> StoredEvent:
    """A row read from the log, after making sure it is a versioned JSON object."""
    reason = problem_with(data)
    if reason is not None:
        raise CorruptEvent(meeting, seq, reason)
    return StoredEvent(meeting, seq, data, recorded_at)


def utc_now() -> datetime:
    return datetime.now(UTC)


class EventStore(Protocol):
    """The durable log of every meeting's events, plus the tokens that admit people."""

    def append(self, meeting: str, expected_seq: int, events: Sequence[str]) -> list[StoredEvent]:
        """Add ``events`` after event ``expected_seq``, all or none, durably.

        Raises ``Conflict`` when the log is no longer at ``expected_seq``.
        Returns the events as stored, numbered ``expected_seq + 1`` onwards.
        """
        ...

    def read(self, meeting: str, after_seq: int = 0, limit: int | None = None) -> list[StoredEvent]:
        """The events after ``after_seq``, in order; ``CorruptEvent`` for a bad one."""
        ...

    def last_seq(self, meeting: str) -> int:
        """The number of the meeting's last event; 0 for a meeting without events."""
        ...

    def meetings(self) -> list[str]:
        """Every meeting with at least one event, oldest first."""
        ...

    def put_snapshot(self, meeting: str, seq: int, version: str, data: bytes) -> bool:
        """Keeps ``data``, the meeting's state as of event ``seq``, in place of an older one.

        Only a cache: nothing is kept (False) when the log does not reach ``seq`` or a
        later snapshot is already kept. One snapshot per meeting is kept, the latest.
        """
        ...

    def snapshot(self, meeting: str) -> Snapshot | None:
        """The meeting's latest snapshot, if one was kept."""
        ...

    def snapshot_seq(self, meeting: str, version: str) -> int:
        """The event the meeting's snapshot was taken at, if it is of ``version``; else 0
        (without reading the snapshot itself)."""
        ...

    def subscribe(self, listener: Listener) -> Unsubscribe:
        """Call ``listener`` (from any thread) each time a meeting's log grows."""
        ...

    def put_statement(self, meeting: str, digest: str, data: bytes) -> None:
        """Keeps a written statement's bytes under ``digest`` (their SHA-256), beside the log
        and backed up with it; keeping the same bytes again changes nothing."""
        ...

    def statement(self, meeting: str, digest: str) -> bytes | None:
        """The bytes of the statement kept under ``digest``, if any."""
        ...

    def put_token(
        self, token_hash: str, meeting: str, role: str, participant: str | None = None
    ) -> TokenRecord:
        """Keep (or replace) what the token with this hash stands for."""
        ...

    def put_tokens(self, meeting: str, role: str, tokens: Sequence[tuple[str, str | None]]) -> None:
        """Keep (or replace) many ``(token_hash, participant)`` of one meeting and role at
        once, in one transaction: a list of delegations gets its links in one write."""
        ...

    def find_token(self, token_hash: str) -> TokenRecord | None: ...

    def drop_token(self, token_hash: str) -> None:
        """Forget the token with this hash: it admits nobody from now on."""
        ...

    def tokens(self, meeting: str) -> list[TokenRecord]:
        """The meeting's tokens, oldest first."""
        ...

    def close(self) -> None: ...


class Listeners:
    """The listeners of one store; safe to add, remove and call from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []

    def add(self, listener: Listener) -> Unsubscribe:
        with self._lock:
            self._listeners = [*self._listeners, listener]

        def unsubscribe() -> None:
            with self._lock:
                self._listeners = [each for each in self._listeners if each is not listener]

        return unsubscribe

    def __bool__(self) -> bool:
        return bool(self._listeners)

    def notify(self, notice: Notice) -> None:
        for listener in self._listeners:
            try:
                listener(notice)
            except Exception:  # a broken listener must not undo a committed append
                log.exception("event listener failed for meeting %s", notice.meeting)
