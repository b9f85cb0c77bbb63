"""The values a meeting's state holds: who is registered, who asked, who speaks, who spoke.

``state.evolve`` builds them from events; ``participant_of`` and ``request_of``
read the one event each comes from, for the fold and for ``decide`` alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from podium.meeting.events import FloorRequested, ParticipantAdded, StatementAttached
from podium.meeting.participants import ParticipantFields, details
from podium.meeting.words import BudgetDimension, FloorClass

OBSERVER_STAKEHOLDERS = frozenset({"un-entity", "intergovernmental"})
# What asking for the floor means for its balance: a statement or a question from the floor,
# not a programme speaker called by their segment, nor a point of order or a right of reply.
FLOOR_KINDS = frozenset({"statement", "question"})


@dataclass(frozen=True, kw_only=True)
class Participant(ParticipantFields):
    """A registered participant: their fields and the id the log knows them by."""

    id: str

    @property
    def floor_class(self) -> FloorClass:
        """Member States first; observer States, UN entities and IGOs next; then the others."""
        if self.stakeholder == "government":
            return "observer" if self.observer else "member-state"
        if self.stakeholder in OBSERVER_STAKEHOLDERS:
            return "observer"
        return "stakeholder"


@dataclass(frozen=True)
class Request:
    """A request for the floor waiting in the list of speakers."""

    id: int
    participant_id: str
    kind: str
    channel: str
    segment: int | None
    at: datetime
    programme: bool = False
    group: str | None = None
    to: str | None = None


@dataclass(frozen=True)
class Speech:
    """The speech under way: everything its timer needs, and its tags so far."""

    intervention_id: int
    participant_id: str
    request_id: int | None
    kind: str
    segment: int | None
    started_at: datetime
    limit_seconds: int | None
    warn_seconds: int | None
    extended_seconds: int = 0
    paused_at: datetime | None = None
    paused_seconds: float = 0.0
    questions: tuple[int, ...] = ()
    note: str = ""
    # Overrun carried over extensions, and the seconds spoken when it was last carried.
    overrun_carried: float = 0.0
    overrun_mark: float = 0.0
    # The request it answers and its place in the list then, to put it back on an undo.
    request: Request | None = None
    request_position: int = 0


@dataclass(frozen=True)
class Intervention:
    """One time someone had the floor; ``end`` is None while they still have it."""

    id: int
    participant_id: str
    request_id: int | None
    kind: str
    segment: int | None
    start: datetime
    end: datetime | None
    limit_seconds: int | None
    extended_seconds: int
    spoken_seconds: float | None
    overrun_seconds: float | None
    questions: tuple[int, ...] = ()
    note: str = ""
    group: str | None = None
    to: str | None = None
    # The channel its request came by (None: given without a request) and whether that
    # request queued a programme speaker: balance counts the floor's time apart.
    channel: str | None = None
    programme: bool = False


def from_the_floor(item: Request | Intervention) -> bool:
    """Whether a request, or the intervention answering one, is the floor's own."""
    return not item.programme and item.kind in FLOOR_KINDS


@dataclass(frozen=True)
class Budget:
    """A group's time budget for the meeting, as the Chair last set it."""

    dimension: BudgetDimension
    group: str
    seconds: int
    at: datetime


@dataclass(frozen=True)
class SegmentRun:
    """A segment of the programme as it ran; ``end`` is None while it runs."""

    index: int
    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class Removed:
    """A request taken out of the list (removed, or its floor taken back): an undo restores it."""

    request: Request
    position: int
    at: datetime


@dataclass(frozen=True)
class ResponseRound:
    """The panel responding to questions: since ``at``, each response has ``limit_seconds``."""

    at: datetime
    limit_seconds: int | None


def participant_of(event: ParticipantAdded) -> Participant:
    """The participant a ``ParticipantAdded`` registers."""
    return Participant(id=event.participant_id, **details(event))


def unregistered(participant_id: str) -> Participant:
    """A stand-in for an id the log never registered: a log is never refused, and nothing
    such a participant did goes uncounted."""
    return Participant(id=participant_id, name=participant_id, stakeholder="other")


def request_of(event: FloorRequested) -> Request:
    """The request a ``FloorRequested`` puts in the list."""
    return Request(
        id=event.request_id,
        participant_id=event.participant_id,
        kind=event.kind,
        channel=event.channel,
        segment=event.segment,
        at=event.at,
        programme=event.programme,
        group=event.group,
        to=event.to,
    )


@dataclass(frozen=True)
class Statement:
    """A written statement as the log knows it; ``number`` counts from 1 in the meeting."""

    number: int
    digest: str
    filename: str
    media_type: str
    size: int
    participant_id: str
    request_id: int | None
    intervention_id: int | None
    publish: bool
    at: datetime

    @classmethod
    def of(cls, event: StatementAttached, number: int) -> Statement:
        return cls(
            number=number,
            digest=event.digest,
            filename=event.filename,
            media_type=event.media_type,
            size=event.size,
            participant_id=event.participant_id,
            request_id=event.request_id,
            intervention_id=event.intervention_id,
            publish=event.publish,
            at=event.at,
        )
