"""The shell between the web and the core: load state, ``decide``, append, remember.

Each meeting's state lives in memory and is caught up from the log before it is
used (another process sharing a PostgreSQL log may have appended since). At
most ``PODIUM_MEETINGS_IN_MEMORY`` meetings are kept, the least recently used
forgotten first: one read again starts from its latest snapshot in the log
(``podium.snapshots``) and folds the events after it. A
command runs under the meeting's lock: catch up, check who may send it,
``decide``, append at the state's seq, fold the new events in. The log is the
only write; the hub hears of it from the store and wakes the feeds.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import string
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from podium.i18n import _
from podium.lru import LRU
from podium.meeting import rates
from podium.meeting.commands import AttachStatement, Command, RegisterParticipants
from podium.meeting.decide import Refusal, create_meeting, decide
from podium.meeting.events import Event, ParticipantAdded
from podium.meeting.participants import ParticipantFields
from podium.meeting.plan import Plan
from podium.meeting.privacy import Audience, visible_snapshot
from podium.meeting.snapshot import snapshot
from podium.meeting.state import MeetingState, Participant, evolve, initial_state
from podium.meeting.subject import changed_message, has_subject, subject
from podium.meeting.timer import elapsed, light, remaining
from podium.meeting.words import Actor
from podium.record.balance import grouping
from podium.settings import positive
from podium.snapshots import Snapshots
from podium.statement_files import media_type_of
from podium.store.base import Conflict, EventStore, StoredEvent, TokenRecord
from podium.tokens import hash_token, new_token
from podium.wire import decode_event, encode_event

if TYPE_CHECKING:
    from podium.live.hub import Hub

# The roles a meeting is created with; participants get theirs when registered.
MEETING_ROLES = ("chair", "secretariat", "display")
ADMIN_MEETING = ""  # the admin token belongs to no meeting
ID_ALPHABET = string.ascii_lowercase + string.digits
MEETING_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
APPEND_ATTEMPTS = 5
TOKEN_SECONDS = 2.0  # how long a token's record is trusted from memory
# The states kept after each event, so that a press can be checked against the page it
# came from; an older page is stale for a command with a subject.
STATES_KEPT = 256
MEETINGS_IN_MEMORY_VARIABLE = "PODIUM_MEETINGS_IN_MEMORY"
MEETINGS_IN_MEMORY = 200
TOKENS_IN_MEMORY_VARIABLE = "PODIUM_TOKENS_IN_MEMORY"
TOKENS_IN_MEMORY = 20_000


def utc_now() -> datetime:
    return datetime.now(UTC)


class ServiceError(Exception):
    """A command or look-up that cannot be carried out; ``str()`` is for the user."""


class NotFound(ServiceError):
    pass


class Refused(ServiceError):
    """The meeting's rules refuse the command (HTTP 422); in a batch, ``item`` is the place
    of the one refused (from 0) and ``field`` its field at fault, when known."""

    def __init__(self, message: str, item: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.item = item
        self.field = field


class Forbidden(ServiceError):
    """The sender's role may not send this command (HTTP 403)."""


class StaleSeq(ServiceError):
    """The command was sent for an older state of the meeting (HTTP 409)."""

    def __init__(self, message: str, seq: int) -> None:
        super().__init__(message)
        self.seq = seq


class RateLimited(ServiceError):
    """A participant sent this kind of command too often of late (HTTP 429)."""


@dataclass(frozen=True)
class Created:
    id: str
    tokens: dict[str, str]


@dataclass(frozen=True)
class Executed:
    seq: int
    events: list[StoredEvent]


@dataclass
class _Meeting:
    """One meeting's state in memory, its lock, and its snapshot as of its seq."""

    state: MeetingState = field(default_factory=initial_state)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Each audience's snapshot (``privacy.Audience``): its seq, its JSON, its speech.
    snapshots: dict[str, tuple[int, bytes, dict[str, Any] | None]] = field(default_factory=dict)
    recent: deque[MeetingState] = field(default_factory=lambda: deque(maxlen=STATES_KEPT))
    rates: rates.Rates = field(default_factory=lambda: rates.Rates())
    snapshot_seq: int = 0  # the seq of the latest snapshot in the log, as far as known here

    def at(self, seq: int) -> MeetingState | None:
        """The state as of event ``seq``, if it is among the recent ones."""
        for state in reversed(tuple(self.recent)):  # a copy: another thread may append
            if state.seq == seq:
                return state
            if state.seq < seq:
                break
        return None


class MeetingService:
    def __init__(
        self,
        store: EventStore,
        hub: Hub | None = None,
        clock: Callable[[], datetime] = utc_now,
        *,
        snapshots: Snapshots | None = None,
        meetings_kept: int | None = None,
        tokens_kept: int | None = None,
    ) -> None:
        self.store = store
        self.hub = hub
        self.clock = clock
        self.snapshots = snapshots if snapshots is not None else Snapshots(store)
        self._meetings: LRU[str, _Meeting] = LRU(
            meetings_kept or positive(MEETINGS_IN_MEMORY_VARIABLE, MEETINGS_IN_MEMORY),
            evicted=self._evicted,
        )
        self._tokens: LRU[str, tuple[float, TokenRecord]] = LRU(
            tokens_kept or positive(TOKENS_IN_MEMORY_VARIABLE, TOKENS_IN_MEMORY)
        )

    # -- creating --------------------------------------------------------------

    def create(self, plan: Plan) -> Created:
        """A new meeting on ``plan``, with a token for each of its roles."""
        meeting_id = "".join(secrets.choice(ID_ALPHABET) for _i in range(10))
        events = create_meeting(plan, self.clock())
        self.store.append(meeting_id, 0, [encode_event(event) for event in events])
        tokens = {}
        for role in MEETING_ROLES:
            token = new_token()
            self.store.put_token(hash_token(token), meeting_id, role)
            tokens[role] = token
        return Created(meeting_id, tokens)

    def register(
        self, meeting_id: str, people: Sequence[ParticipantFields], actor: Actor
    ) -> list[tuple[Participant, str]]:
        """Registers ``people`` all or none, in one append; returns each with their link's token.

        The log keeps each link's hash in its participant's event. The tokens are
        kept for look-up before the events are appended: should the append fail,
        they stand for ids no one was registered as, and no one ever saw them.
        """
        tokens = [new_token() for _person in people]
        command = RegisterParticipants(
            participants=tuple(people), token_hashes=tuple(hash_token(t) for t in tokens)
        )

        def keep_tokens(events: Sequence[Event]) -> None:
            kept = [
                (event.token_hash, event.participant_id)
                for event in events
                if isinstance(event, ParticipantAdded) and event.token_hash is not None
            ]
            self.store.put_tokens(meeting_id, "participant", kept)

        done = self.execute(meeting_id, command, actor, before_append=keep_tokens)
        added = [
            event
            for event in (decode_event(stored.data) for stored in done.events)
            if isinstance(event, ParticipantAdded)
        ]
        state = self.state(meeting_id)
        return [
            (state.participants[event.participant_id], token)
            for event, token in zip(added, tokens, strict=True)
        ]

    # -- reading ---------------------------------------------------------------

    def exists(self, meeting_id: str) -> bool:
        known = self._meetings.get(meeting_id)
        if known is not None and known.state.plan is not None:
            return True  # a meeting is never deleted: no lock, no read of the log
        try:
            self.state(meeting_id)
        except NotFound:
            return False
        return True

    def plan(self, meeting_id: str) -> Plan:
        plan = self.state(meeting_id).plan
        if plan is None:
            raise NotFound(_("There is no meeting {id}.").format(id=meeting_id))
        return plan

    def state(self, meeting_id: str) -> MeetingState:
        """The meeting's state, caught up with the log."""
        meeting = self._meeting(meeting_id)
        with meeting.lock:
            return self._catch_up(meeting_id, meeting)

    def state_at(self, meeting_id: str, seq: int) -> MeetingState | None:
        """The state as of event ``seq`` if it is in memory (the latest or a recent one); never
        reads the log, never waits for the meeting's lock."""
        meeting = self._meetings.get(meeting_id)
        if meeting is None:
            return None
        if meeting.state.seq == seq:
            return meeting.state
        return meeting.at(seq)

    def snapshot_body(self, meeting_id: str, viewer: Audience = "staff") -> bytes:
        """The snapshot as ``viewer`` may see it, as JSON bytes, with ``server_time`` and the
        speech's clock as of now.

        The rest is serialised once per seq and audience; only the speech's counters
        change with time.
        """
        meeting = self._meeting(meeting_id)
        with meeting.lock:
            state = self._catch_up(meeting_id, meeting)
            cached = meeting.snapshots.get(viewer)
            if cached is None or cached[0] != state.seq:
                data = visible_snapshot(snapshot(state, self.clock()), viewer)
                data.pop("now", None)
                speech = data.pop("speech", None)
                body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
                cached = (state.seq, body, speech)
                meeting.snapshots[viewer] = cached
            _seq, body, speech = cached
        now = self.clock()
        stamp = now.isoformat()
        head = {"server_time": stamp, "now": stamp, "speech": _speech_now(state, speech, now)}
        text = json.dumps(head, separators=(",", ":"), ensure_ascii=False).encode()
        return text[:-1] + b"," + body[1:]

    def actor(self, meeting_id: str, token: str | None) -> Actor | None:
        """Who holds ``token`` in this meeting; None for an unknown or another meeting's token."""
        record = self.token_record(token)
        if record is None or record.meeting != meeting_id:
            return None
        if record.role == "participant":
            return Actor("participant", record.participant)
        if record.role in ("chair", "secretariat", "display", "public"):
            return Actor(record.role)  # type: ignore[arg-type]
        return None

    def knows(self, meeting_id: str, token: str | None) -> bool:
        """Whether the meeting and the holder of ``token`` in it are in memory, fresh: who is
        asking is then told without reading the log."""
        known = self._meetings.get(meeting_id)
        if known is None or known.state.plan is None:
            return False
        record = self._remembered(token)
        return record is not None and record.meeting == meeting_id

    def token_record(self, token: str | None) -> TokenRecord | None:
        """What ``token`` stands for, if anything; remembered for a moment only, so that a
        link re-issued in another process stops working within TOKEN_SECONDS."""
        if not token or len(token) > 200:
            return None
        remembered = self._remembered(token)
        if remembered is not None:
            return remembered
        digest = hash_token(token)
        record = self.store.find_token(digest)
        if record is None:
            self._tokens.pop(digest)
            return None
        self._tokens.put(digest, (time.monotonic(), record))
        return record

    def _remembered(self, token: str | None) -> TokenRecord | None:
        """The record of ``token`` if it is in memory and fresh (no read of the log)."""
        if not token or len(token) > 200:
            return None
        cached = self._tokens.get(hash_token(token))
        if cached is None or time.monotonic() - cached[0] >= TOKEN_SECONDS:
            return None
        return cached[1]

    def reissue_link(
        self, meeting_id: str, role: str, participant_id: str | None, actor: Actor
    ) -> str:
        """A new token for a role's or a participant's link; the old ones stop working."""
        if actor.role not in ("chair", "secretariat"):
            raise Forbidden(_("Only the Chair or the secretariat may re-issue a link."))
        if role == "chair" and actor.role != "chair":
            raise Forbidden(_("Only the Chair may re-issue the Chair's link."))
        state = self.state(meeting_id)
        if role == "participant":
            if participant_id is None or state.participant(participant_id) is None:
                raise Refused(_("There is no such participant in this meeting."))
        elif role in MEETING_ROLES:
            participant_id = None
        else:
            raise Refused(
                _("Links are for the Chair, the secretariat, the big screen or a participant.")
            )
        token = new_token()
        digest = hash_token(token)
        self.store.put_token(digest, meeting_id, role, participant_id)
        for record in self.store.tokens(meeting_id):
            same_holder = record.role == role and record.participant == participant_id
            if same_holder and record.token_hash != digest:
                self.store.drop_token(record.token_hash)
                self._tokens.pop(record.token_hash)
        return token

    def is_admin(self, token: str | None) -> bool:
        record = self.token_record(token)
        return record is not None and record.role == "admin"

    # -- acting ----------------------------------------------------------------

    def execute(
        self,
        meeting_id: str,
        command: Command,
        actor: Actor,
        expected_seq: int | None = None,
        *,
        before_append: Callable[[Sequence[Event]], None] | None = None,
    ) -> Executed:
        """Carries out ``command``: the events appended and the meeting's new seq.

        With ``expected_seq``, a command that acts on "the next" or "the current"
        (see ``podium.meeting.subject``) is carried out only if that is still what it
        was at ``expected_seq``; any other command only if the meeting is still there.
        After a conflict with another process, a command is decided again only if it
        does not depend on the state it was first decided on.
        """
        meeting = self._meeting(meeting_id)
        # A statement sent on its own (the JSON API) may only name bytes already received.
        if isinstance(command, AttachStatement) and before_append is None:
            self._check_received(meeting_id, command)
        with meeting.lock:
            state = self._catch_up(meeting_id, meeting)
            basis = self._basis(meeting, state, command, expected_seq)
            for _attempt in range(APPEND_ATTEMPTS):
                self._check_rate(meeting, command, actor)
                decision = decide(state, command, actor, self.clock(), grouping(state))
                if isinstance(decision, Refusal):
                    if decision.forbidden:
                        raise Forbidden(decision.translate(_))
                    raise Refused(decision.translate(_), decision.item, decision.field)
                if before_append is not None:
                    before_append(decision)
                try:
                    stored = self.store.append(
                        meeting_id, state.seq, [encode_event(event) for event in decision]
                    )
                except Conflict as conflict:
                    # Another process moved the meeting on.
                    if expected_seq is not None and not has_subject(command):
                        raise StaleSeq(_stale_message(conflict.actual), conflict.actual) from None
                    state = self._catch_up(meeting_id, meeting)
                    if subject(state, command) != subject(basis, command):
                        raise StaleSeq(_(changed_message(command)), state.seq) from None
                    continue
                for event in decision:
                    meeting.rates = rates.fold(meeting.rates, state, event)
                    state = evolve(state, event)
                    meeting.recent.append(state)
                meeting.state = state
                self._snapshot_if_due(meeting_id, meeting)
                return Executed(state.seq, stored)
        raise StaleSeq(_("The meeting is busy; try again."), meeting.state.seq)

    def attach_statement(
        self,
        meeting_id: str,
        actor: Actor,
        data: bytes,
        *,
        filename: str,
        request_id: int | None = None,
        intervention_id: int | None = None,
        publish: bool = False,
    ) -> Executed:
        """Keeps a written statement's bytes beside the log and records it: the bytes are
        written once the meeting's rules accept the statement, before its event."""
        media_type = media_type_of(data)
        if media_type is None:
            raise Refused(_("A written statement must be a PDF, Word (.docx) or plain text file."))
        digest = hashlib.sha256(data).hexdigest()
        command = AttachStatement(
            digest=digest,
            filename=filename,
            media_type=media_type,
            size=len(data),
            request_id=request_id,
            intervention_id=intervention_id,
            publish=publish,
        )

        def keep(_events: Sequence[Event]) -> None:
            self.store.put_statement(meeting_id, digest, data)

        return self.execute(meeting_id, command, actor, before_append=keep)

    def _check_received(self, meeting_id: str, command: AttachStatement) -> None:
        if self.store.statement(meeting_id, command.digest) is None:
            raise Refused(
                _(
                    "No statement with this digest was received: send the file itself "
                    "to /m/{id}/statements."
                ).format(id=meeting_id)
            )

    def statement_bytes(self, meeting_id: str, digest: str) -> bytes | None:
        self._meeting(meeting_id)  # an id this service makes, or NotFound
        return self.store.statement(meeting_id, digest)

    def _basis(
        self, meeting: _Meeting, state: MeetingState, command: Command, expected_seq: int | None
    ) -> MeetingState:
        """The state the command was decided on; a StaleSeq if it no longer applies."""
        if expected_seq is None or expected_seq == state.seq:
            return state
        if not has_subject(command):
            raise StaleSeq(_stale_message(state.seq), state.seq)
        basis = meeting.at(expected_seq)
        if basis is None or subject(basis, command) != subject(state, command):
            raise StaleSeq(_(changed_message(command)), state.seq)
        return basis

    def _check_rate(self, meeting: _Meeting, command: Command, actor: Actor) -> None:
        refused = rates.check(meeting.rates, command, actor, self.clock())
        if refused is not None:
            raise RateLimited(refused.translate(_))

    # -- memory ----------------------------------------------------------------

    def _meeting(self, meeting_id: str) -> _Meeting:
        if not MEETING_ID.fullmatch(meeting_id):
            # Not an id this service makes: never sent to the store (PostgreSQL refuses NUL).
            raise NotFound(_("There is no meeting {id}.").format(id=meeting_id[:40]))
        meeting = self._meetings.get(meeting_id)
        if meeting is not None:
            return meeting
        if self.store.last_seq(meeting_id) == 0:
            # Never a place in memory for an unknown id: it would push a meeting out.
            raise NotFound(_("There is no meeting {id}.").format(id=meeting_id))
        return self._meetings.setdefault(meeting_id, _Meeting)

    def _catch_up(self, meeting_id: str, meeting: _Meeting) -> MeetingState:
        first_read = meeting.state.seq == 0
        if first_read and meeting_id:
            restored = self.snapshots.restore(meeting_id)
            if restored is not None:
                meeting.state, meeting.rates = restored
                meeting.snapshot_seq = meeting.state.seq
        state = meeting.state
        if meeting_id:
            for stored in self.store.read(meeting_id, state.seq):
                event = decode_event(stored.data)
                meeting.rates = rates.fold(meeting.rates, state, event)
                state = evolve(state, event)
                meeting.recent.append(state)
        if state.plan is None:
            self._meetings.pop(meeting_id)  # keep no memory of unknown ids
            raise NotFound(_("There is no meeting {id}.").format(id=meeting_id))
        meeting.state = state
        if first_read:
            # Later, the events of other processes are theirs to snapshot: the process that
            # appends an event is the one that takes a snapshot due at it.
            self._snapshot_if_due(meeting_id, meeting)
        return state

    def _snapshot_if_due(self, meeting_id: str, meeting: _Meeting) -> None:
        if self.snapshots.due(meeting.state.seq, meeting.snapshot_seq):
            meeting.snapshot_seq = meeting.state.seq
            self.snapshots.take(meeting_id, meeting.state, meeting.rates)

    def _evicted(self, meeting_id: str, meeting: _Meeting) -> None:
        """A meeting forgotten to make room: its latest state goes to a snapshot, so that it
        comes back without folding what it had folded."""
        with meeting.lock:  # the state and its rate windows as of one and the same event
            if meeting.state.plan is not None and meeting.state.seq > meeting.snapshot_seq:
                self.snapshots.take(meeting_id, meeting.state, meeting.rates, due=False)


def _stale_message(seq: int) -> str:
    return _("The meeting has changed (it is now at event {seq}); reload and try again.").format(
        seq=seq
    )


def _speech_now(
    state: MeetingState, cached: dict[str, Any] | None, now: datetime
) -> dict[str, Any] | None:
    """The snapshot's speech with its counters computed for ``now``."""
    speech = state.speech
    if speech is None or cached is None:
        return None
    left = remaining(speech, now)
    return {
        **cached,
        "elapsed_seconds": round(elapsed(speech, now), 3),
        "remaining_seconds": round(left, 3) if left is not None else None,
        "light": light(speech, now),
    }
