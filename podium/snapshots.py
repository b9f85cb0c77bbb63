"""Snapshots of each meeting's state in the log: when to take one, and which to believe.

A meeting read for the first time (a server starting, a meeting coming back
after it was evicted from memory) starts from its latest snapshot and folds
only the events after it. A snapshot is taken every ``PODIUM_SNAPSHOT_EVERY``
events (and every 2% of the log past that many snapshots), in a thread of its
own, off the command's path. Where several processes share the log, the one
that appended the event a snapshot is due at takes it, and a snapshot already
kept by another process within ``every`` events is not taken again. It is only
a cache: one of another version (the core's code or the state's layout changed
since) or one that cannot be read is passed over with a line in the server's
log, and the log is folded from its first event, as without snapshots.
"""

from __future__ import annotations

import hashlib
import logging
import queue
import threading
from importlib import resources

from podium.meeting import state_codec
from podium.meeting.rates import Rates
from podium.meeting.state import MeetingState
from podium.settings import positive
from podium.store.base import EventStore

log = logging.getLogger(__name__)

SNAPSHOT_EVERY_VARIABLE = "PODIUM_SNAPSHOT_EVERY"
SNAPSHOT_EVERY = 1000
# Past this many snapshots' worth of events, one every this share of the log: a long
# meeting's tail stays short without its state being written over and over.
SHARE = 50


def _core_digest() -> str:
    """A digest of the core's source: the fold a snapshot was made by."""
    digest = hashlib.sha256()
    try:
        package = resources.files("podium.meeting")
        for source in sorted(package.iterdir(), key=lambda entry: entry.name):
            if source.name.endswith(".py"):
                digest.update(source.name.encode() + b"\0" + source.read_bytes())
    except OSError:  # installed without its source: the layout must do
        digest.update(b"no source")
    return digest.hexdigest()[:16]


VERSION = f"{state_codec.LAYOUT}-{_core_digest()}"
"""What a snapshot is only believed with: the state's layout and the fold's code."""


class Snapshots:
    """Reads a meeting's latest snapshot, and writes new ones in a thread of its own."""

    def __init__(self, store: EventStore, every: int | None = None) -> None:
        self.store = store
        self.every = (
            every if every is not None else positive(SNAPSHOT_EVERY_VARIABLE, SNAPSHOT_EVERY)
        )
        self._pending: dict[str, tuple[MeetingState, Rates, bool]] = {}
        self._lock = threading.Lock()
        self._wake: queue.SimpleQueue[None] = queue.SimpleQueue()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None

    def due(self, seq: int, taken: int) -> bool:
        """Whether a state at ``seq`` is worth a snapshot, the latest being at ``taken``."""
        return seq - taken >= max(self.every, taken // SHARE)

    def restore(self, meeting: str) -> tuple[MeetingState, Rates] | None:
        """The state and rate windows of the meeting's latest snapshot, if it can be believed."""
        kept = self.store.snapshot(meeting)
        if kept is None:
            return None
        if kept.version != VERSION:
            log.info(
                "meeting %s: snapshot at event %d is of another version; folding the log",
                meeting,
                kept.seq,
            )
            return None
        try:
            state, rates = state_codec.load(kept.data)
        except state_codec.UnreadableState as error:
            log.warning(
                "meeting %s: snapshot at event %d cannot be read (%s); folding the log",
                meeting,
                kept.seq,
                error,
            )
            return None
        if state.seq != kept.seq or state.plan is None:
            log.warning(
                "meeting %s: snapshot at event %d holds event %d; folding the log",
                meeting,
                kept.seq,
                state.seq,
            )
            return None
        return state, rates

    def take(self, meeting: str, state: MeetingState, rates: Rates, *, due: bool = True) -> None:
        """Writes a snapshot of ``state`` soon, in the snapshots' thread (the latest asked
        for each meeting, should several be waiting). One taken because it is ``due`` is
        not written if another process has kept one since; any other, unless one as
        recent is kept."""
        with self._lock:
            self._pending[meeting] = (state, rates, due)
            self._idle.clear()
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._write_loop, name="podium-snapshots", daemon=True
                )
                self._thread.start()
        self._wake.put(None)

    def wait(self, timeout: float | None = None) -> bool:
        """Waits until every snapshot asked for is written (or given up); False on timeout."""
        return self._idle.wait(timeout)

    def _write_loop(self) -> None:
        while True:
            self._wake.get()
            while True:
                with self._lock:
                    if not self._pending:
                        self._idle.set()
                        break
                    meeting, (state, rates, due) = self._pending.popitem()
                self._write(meeting, state, rates, due)

    def _write(self, meeting: str, state: MeetingState, rates: Rates, due: bool) -> None:
        try:
            kept = self.store.snapshot_seq(meeting, VERSION)
            if kept >= state.seq or (due and not self.due(state.seq, kept)):
                return  # another process sharing the log has kept one recent enough
            self.store.put_snapshot(meeting, state.seq, VERSION, state_codec.dump(state, rates))
        except Exception as error:  # a cache that cannot be written is only a slower start
            reason = " ".join(str(error).split())[:200] or type(error).__name__
            # Said quietly: a log that is down is told once by the web, and a command-line
            # run that closes its log before the snapshot is written has nothing to fix.
            log.info("meeting %s: no snapshot at event %d (%s)", meeting, state.seq, reason)
