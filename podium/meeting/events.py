"""Events: what happened in a meeting. The log holds them; state is their fold.

Each event is versioned JSON on the wire and in the log:
``{"type": "floor_given", "v": 1, "at": "2024-04-15T13:05:00+00:00", ...}``.
Every event carries ``at``, the instant (UTC) it happened, so that the record
needs nothing but the log.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Literal

from podium.meeting.participants import ParticipantFields
from podium.meeting.words import (
    ActorRole,
    BudgetDimension,
    Channel,
    FloorClass,
    Ordering,
    RequestKind,
)


class InTheLog:
    """An event read from the log at the edge (``podium.wire``): only its own fields."""

    __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid"}


@dataclass(frozen=True, kw_only=True)
class MeetingCreated(InTheLog):
    """The first event of every meeting: the plan it runs on (``Plan.to_json()``)."""

    type: ClassVar[str] = "meeting_created"
    version: ClassVar[int] = 1
    at: datetime
    plan: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class MeetingOpened(InTheLog):
    type: ClassVar[str] = "meeting_opened"
    version: ClassVar[int] = 1
    at: datetime
    class_order: tuple[FloorClass, ...]
    level_precedence: bool = False


@dataclass(frozen=True, kw_only=True)
class ParticipantAdded(ParticipantFields, InTheLog):
    """A participant registered, with the hash of their link's token (None in older logs)."""

    type: ClassVar[str] = "participant_added"
    version: ClassVar[int] = 1
    at: datetime
    participant_id: str
    token_hash: str | None = None


@dataclass(frozen=True, kw_only=True)
class SegmentStarted(InTheLog):
    type: ClassVar[str] = "segment_started"
    version: ClassVar[int] = 1
    at: datetime
    segment: int


@dataclass(frozen=True, kw_only=True)
class SegmentEnded(InTheLog):
    type: ClassVar[str] = "segment_ended"
    version: ClassVar[int] = 1
    at: datetime
    segment: int


@dataclass(frozen=True, kw_only=True)
class FloorRequested(InTheLog):
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
class RequestWithdrawn(InTheLog):
    type: ClassVar[str] = "request_withdrawn"
    version: ClassVar[int] = 1
    at: datetime
    request_id: int


@dataclass(frozen=True, kw_only=True)
class RequestRemoved(InTheLog):
    type: ClassVar[str] = "request_removed"
    version: ClassVar[int] = 1
    at: datetime
    request_id: int


@dataclass(frozen=True, kw_only=True)
class RequestMoved(InTheLog):
    type: ClassVar[str] = "request_moved"
    version: ClassVar[int] = 1
    at: datetime
    request_id: int
    position: int


@dataclass(frozen=True, kw_only=True)
class FloorGiven(InTheLog):
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
class SpeechPaused(InTheLog):
    type: ClassVar[str] = "speech_paused"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int


@dataclass(frozen=True, kw_only=True)
class SpeechResumed(InTheLog):
    type: ClassVar[str] = "speech_resumed"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int


@dataclass(frozen=True, kw_only=True)
class SpeechExtended(InTheLog):
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
class SpeechEnded(InTheLog):
    """Closes an intervention: time spoken (pauses excluded) and overrun past its limit."""

    type: ClassVar[str] = "speech_ended"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int
    spoken_seconds: float
    overrun_seconds: float


@dataclass(frozen=True, kw_only=True)
class ListClosed(InTheLog):
    type: ClassVar[str] = "list_closed"
    version: ClassVar[int] = 1
    at: datetime


@dataclass(frozen=True, kw_only=True)
class ListReopened(InTheLog):
    type: ClassVar[str] = "list_reopened"
    version: ClassVar[int] = 1
    at: datetime


@dataclass(frozen=True, kw_only=True)
class InterventionTagged(InTheLog):
    """Sets an intervention's guiding questions (1-based numbers) and note."""

    type: ClassVar[str] = "intervention_tagged"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int
    questions: tuple[int, ...]
    note: str


@dataclass(frozen=True, kw_only=True)
class MeetingClosed(InTheLog):
    type: ClassVar[str] = "meeting_closed"
    version: ClassVar[int] = 1
    at: datetime


ProgrammePart = Literal["segments", "questions", "documents"]
AmendmentAction = Literal["amend", "add", "remove", "move"]


@dataclass(frozen=True, kw_only=True)
class ProgrammeAmended(InTheLog):
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
class ResponseRoundOpened(InTheLog):
    """The Chair calls the panel to respond; each response gets ``limit_seconds``."""

    type: ClassVar[str] = "response_round_opened"
    version: ClassVar[int] = 1
    at: datetime
    limit_seconds: int | None


@dataclass(frozen=True, kw_only=True)
class ResponseRoundClosed(InTheLog):
    type: ClassVar[str] = "response_round_closed"
    version: ClassVar[int] = 1
    at: datetime


@dataclass(frozen=True, kw_only=True)
class RequestRestored(InTheLog):
    """A request put back in the list at ``position`` (an undone removal or floor)."""

    type: ClassVar[str] = "request_restored"
    version: ClassVar[int] = 1
    at: datetime
    request_id: int
    position: int


@dataclass(frozen=True, kw_only=True)
class FloorTakenBack(InTheLog):
    """The floor given by mistake taken back: the intervention never happened."""

    type: ClassVar[str] = "floor_taken_back"
    version: ClassVar[int] = 1
    at: datetime
    intervention_id: int


@dataclass(frozen=True, kw_only=True)
class OrderingSet(InTheLog):
    """The rule the floor is heard by within a class, from now on (``words.ORDERINGS``)."""

    type: ClassVar[str] = "ordering_set"
    version: ClassVar[int] = 1
    at: datetime
    by: ActorRole
    ordering: Ordering


@dataclass(frozen=True, kw_only=True)
class BudgetSet(InTheLog):
    """A group's time budget for the meeting set or amended; ``seconds`` None removes it."""

    type: ClassVar[str] = "budget_set"
    version: ClassVar[int] = 1
    at: datetime
    by: ActorRole
    dimension: BudgetDimension
    group: str
    seconds: int | None


@dataclass(frozen=True, kw_only=True)
class EmbeddingSet(InTheLog):
    """The sites whose pages may now show the big screen in a frame (none: no site may)."""

    type: ClassVar[str] = "embedding_set"
    version: ClassVar[int] = 1
    at: datetime
    origins: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class StatementAttached(InTheLog):
    """A written statement attached to a request or an intervention (its bytes are in the
    store under ``digest``); ``participant_id`` is whose it is."""

    type: ClassVar[str] = "statement_attached"
    version: ClassVar[int] = 1
    at: datetime
    digest: str
    filename: str
    media_type: str
    size: int
    participant_id: str
    request_id: int | None = None
    intervention_id: int | None = None
    publish: bool = False


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
    | OrderingSet
    | BudgetSet
    | EmbeddingSet
    | StatementAttached
)

EVENTS: dict[str, type[Event]] = {cls.type: cls for cls in typing.get_args(Event)}
