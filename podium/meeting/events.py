"""Events: what happened in a meeting. The log holds them; state is their fold.

Each event is versioned JSON on the wire and in the log:
``{"type": "floor_given", "v": 1, "at": "2024-04-15T13:05:00+00:00", ...}``.
Every event carries ``at``, the instant (UTC) it happened, so that the record
needs nothing but the log.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from podium.meeting.participants import ParticipantFields
from podium.meeting.words import (
    ActorRole,
    Channel,
    FloorClass,
    RequestKind,
)


class EventFormatError(ValueError):
    """An event in the log is unknown or malformed; the message says which and why."""


@dataclass(frozen=True, kw_only=True)
class MeetingCreated:
    """The first event of every meeting: the plan it runs on (``Plan.to_json()``)."""

    type: ClassVar[str] = "meeting_created"
    version: ClassVar[int] = 1
    at: datetime
    plan: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class MeetingOpened:
    type: ClassVar[str] = "meeting_opened"
    version: ClassVar[int] = 1
    at: datetime
    class_order: tuple[FloorClass, ...]
    level_precedence: bool = False


@dataclass(frozen=True, kw_only=True)
class ParticipantAdded(ParticipantFields):
    """A participant registered, with the hash of their link's token (None in older logs)."""

    type: ClassVar[str] = "participant_added"
    version: ClassVar[int] = 1
    at: datetime
    participant_id: str
    token_hash: str | None = None


@dataclass(frozen=True, kw_only=True)
class SegmentStarted:
    type: ClassVar[str] = "segment_started"
    version: ClassVar[int] = 1
    at: datetime
    segment: int


@dataclass(frozen=True, kw_only=True)
class SegmentEnded:
    type: ClassVar[str] = "segment_ended"
    version: ClassVar[int] = 1
    at: datetime
    segment: int


@dataclass(frozen=True, kw_only=True)
class FloorRequested:
    type: ClassVar[str] = "floor_requested"
    version: ClassVar[int] = 1
    at: datetime
    request_id: int
    participant_id: str
    kind: RequestKind
    channel: Channel
    segment: int | None
    by: ActorRole
    # A programme speaker queued by the start of their segment (panelist, discussant).
    programme: bool = False
    # Where the rules placed it in the list (0 is first), decided once: a later change of
    # the rules never reorders a past meeting. None in logs written before it was stored.
    position: int | None = None
    group: str | None = None  # on behalf of this group (``groups.GROUPS``)
    to: str | None = None  # the panelist a question is for


@dataclass(frozen=True, kw_only=True)
class RequestWithdrawn:
    type: ClassVar[str] = "request_withdrawn"
    version: ClassVar[int] = 1
    at: datetime
    request_id: int


@dataclass(frozen=True, kw_only=True)
class RequestRemoved:
    type: ClassVar[str] = "request_removed"
    version: ClassVar[int] = 1
    at: datetime
    request_id: int


@dataclass(frozen=True, kw_only=True)
class RequestMoved:
    type: ClassVar[str] = "request_moved"
    version: ClassVar[int] = 1
    at: datetime
    request_id: int
    position: int


@dataclass(frozen=True, kw_only=True)
class FloorGiven:
    """The floor given: opens intervention ``intervention_id`` and starts its timer."""

    type: ClassVar[str] = "floor_given"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int
    participant_id: str
    request_id: int | None
    kind: RequestKind
    segment: int | None
    limit_seconds: int | None
    warn_seconds: int | None


@dataclass(frozen=True, kw_only=True)
class SpeechPaused:
    type: ClassVar[str] = "speech_paused"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int


@dataclass(frozen=True, kw_only=True)
class SpeechResumed:
    type: ClassVar[str] = "speech_resumed"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int


@dataclass(frozen=True, kw_only=True)
class SpeechExtended:
    """More time; ``overrun_seconds`` is what the speech had run past its limit until then.

    That overrun stays in the record: the extension gives time from now on, it
    does not undo the time already run over.
    """

    type: ClassVar[str] = "speech_extended"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int
    seconds: int
    overrun_seconds: float = 0.0


@dataclass(frozen=True, kw_only=True)
class SpeechEnded:
    """Closes an intervention: time spoken (pauses excluded) and overrun past its limit."""

    type: ClassVar[str] = "speech_ended"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int
    spoken_seconds: float
    overrun_seconds: float


@dataclass(frozen=True, kw_only=True)
class ListClosed:
    type: ClassVar[str] = "list_closed"
    version: ClassVar[int] = 1
    at: datetime


@dataclass(frozen=True, kw_only=True)
class ListReopened:
    type: ClassVar[str] = "list_reopened"
    version: ClassVar[int] = 1
    at: datetime


@dataclass(frozen=True, kw_only=True)
class InterventionTagged:
    """Sets an intervention's guiding questions (1-based numbers) and note."""

    type: ClassVar[str] = "intervention_tagged"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int
    questions: tuple[int, ...]
    note: str


@dataclass(frozen=True, kw_only=True)
class MeetingClosed:
    type: ClassVar[str] = "meeting_closed"
    version: ClassVar[int] = 1
    at: datetime


ProgrammePart = Literal["segments", "questions", "documents"]
AmendmentAction = Literal["amend", "add", "remove", "move"]


@dataclass(frozen=True, kw_only=True)
class ProgrammeAmended:
    """A change to the programme, which the plan in the state then holds.

    ``index`` is the item changed (0 is the first; a question's number less
    one), ``position`` where it goes (add, move), and ``value`` what it now is
    (amend, add): a segment or a document in the plan's JSON form, a question's
    text. Segments that have started never change place.
    """

    type: ClassVar[str] = "programme_amended"
    version: ClassVar[int] = 1
    at: datetime
    by: ActorRole
    part: ProgrammePart
    action: AmendmentAction
    index: int
    position: int | None = None
    value: Any = None


@dataclass(frozen=True, kw_only=True)
class ResponseRoundOpened:
    """The Chair calls the panel to respond; each response gets ``limit_seconds``."""

    type: ClassVar[str] = "response_round_opened"
    version: ClassVar[int] = 1
    at: datetime
    limit_seconds: int | None


@dataclass(frozen=True, kw_only=True)
class ResponseRoundClosed:
    type: ClassVar[str] = "response_round_closed"
    version: ClassVar[int] = 1
    at: datetime


@dataclass(frozen=True, kw_only=True)
class RequestRestored:
    """A request put back in the list at ``position`` (an undone removal or floor)."""

    type: ClassVar[str] = "request_restored"
    version: ClassVar[int] = 1
    at: datetime
    request_id: int
    position: int


@dataclass(frozen=True, kw_only=True)
class FloorTakenBack:
    """The floor given by mistake taken back: the intervention never happened."""

    type: ClassVar[str] = "floor_taken_back"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int


Event = (
    MeetingCreated
    | MeetingOpened
    | ParticipantAdded
    | SegmentStarted
    | SegmentEnded
    | FloorRequested
    | RequestWithdrawn
    | RequestRemoved
    | RequestMoved
    | FloorGiven
    | SpeechPaused
    | SpeechResumed
    | SpeechExtended
    | SpeechEnded
    | ListClosed
    | ListReopened
    | InterventionTagged
    | MeetingClosed
    | ProgrammeAmended
    | ResponseRoundOpened
    | ResponseRoundClosed
    | RequestRestored
    | FloorTakenBack
)

EVENTS: dict[str, type[Event]] = {cls.type: cls for cls in typing.get_args(Event)}


def event_to_json(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {"type": event.type, "v": event.version}
    for f in dataclasses.fields(event):
        value = getattr(event, f.name)
        if isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        data[f.name] = value
    return data


def encode_event(event: Event) -> str:
    """The event as compact JSON text: serialised once, stored and sent as is."""
    return json.dumps(event_to_json(event), separators=(",", ":"), ensure_ascii=False)


def event_from_json(data: Any) -> Event:
    if not isinstance(data, dict):
        raise EventFormatError("an event must be a JSON object")
    name = data.get("type")
    cls = EVENTS.get(name) if isinstance(name, str) else None
    if cls is None:
        raise EventFormatError(f"unknown event type {name!r}")
    if data.get("v") != cls.version:
        raise EventFormatError(f"{name}: unsupported version {data.get('v')!r}")
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            if f.default is dataclasses.MISSING:
                raise EventFormatError(f"{name}: missing field '{f.name}'")
            continue
        value = data[f.name]
        if f.name == "at":
            try:
                value = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                raise EventFormatError(f"{name}: 'at' is not an ISO 8601 instant") from None
            if value.tzinfo is None:
                raise EventFormatError(f"{name}: 'at' has no UTC offset")
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    try:
        return cls(**values)
    except TypeError as exc:
        raise EventFormatError(f"{name}: {exc}") from None


def decode_event(text: str) -> Event:
    """Reads an event from its JSON text; an unknown or malformed one raises EventFormatError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EventFormatError(f"not JSON: {exc.msg}") from None
    return event_from_json(data)
