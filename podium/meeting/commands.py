"""Commands: what someone asks the meeting to do. ``decide`` answers each one.

Every command has a ``type`` (its name on the wire, as in
``POST /api/meetings/{id}/commands``) and only plain fields, so that the web
layer can build it from JSON with ``command_from_json``.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any, ClassVar

from podium.meeting.participants import ParticipantFields
from podium.meeting.plan import Role
from podium.meeting.words import BudgetDimension, Channel, FloorClass, Ordering, RequestKind


class OnTheWire:
    """A command read from JSON at the edge (``podium.wire``): only its own fields, each of its
    exact type (no "3" for 3). The setting is pydantic's, named here without importing it."""

    __pydantic_config__: ClassVar[dict[str, object]] = {"extra": "forbid", "strict": True}


@dataclass(frozen=True, kw_only=True)
class OpenMeeting(OnTheWire):
    type: ClassVar[str] = "open_meeting"
    class_order: tuple[FloorClass, ...] | None = None
    # Within a class, hear the higher level of representation first (a meeting setting).
    level_precedence: bool = False


@dataclass(frozen=True, kw_only=True)
class RegisterParticipants(OnTheWire):
    """Registers a batch of participants, all or none.

    ``token_hashes`` holds the hash of each one's link, in order; the service
    makes the links and fills it in, so that the log keeps every hash.
    """

    type: ClassVar[str] = "register_participants"
    participants: tuple[ParticipantFields, ...]
    token_hashes: tuple[str, ...] = ()


def register(name: str, **fields: Any) -> RegisterParticipants:
    """A batch of one, without a link: ``register("Kenya", country="KE")``."""
    return RegisterParticipants(participants=(ParticipantFields(name=name, **fields),))


@dataclass(frozen=True, kw_only=True)
class StartSegment(OnTheWire):
    type: ClassVar[str] = "start_segment"
    segment: int


@dataclass(frozen=True, kw_only=True)
class EndSegment(OnTheWire):
    type: ClassVar[str] = "end_segment"


@dataclass(frozen=True, kw_only=True)
class RequestFloor(OnTheWire):
    """A request to speak; ``participant_id`` is for the secretariat acting on someone's behalf."""

    type: ClassVar[str] = "request_floor"
    kind: RequestKind = "statement"
    participant_id: str | None = None
    channel: Channel | None = None
    # A statement on behalf of a group (a key of ``groups.GROUPS``): heard first.
    group: str | None = None
    # A question names the panelist (participant id) it is for.
    to: str | None = None


@dataclass(frozen=True, kw_only=True)
class WithdrawRequest(OnTheWire):
    type: ClassVar[str] = "withdraw_request"
    request_id: int


@dataclass(frozen=True, kw_only=True)
class GiveFloor(OnTheWire):
    """Gives the floor: to the next in the list, to a given request, or to anyone named."""

    type: ClassVar[str] = "give_floor"
    request_id: int | None = None
    participant_id: str | None = None
    limit_seconds: int | None = None


@dataclass(frozen=True, kw_only=True)
class PauseSpeech(OnTheWire):
    type: ClassVar[str] = "pause_speech"


@dataclass(frozen=True, kw_only=True)
class ResumeSpeech(OnTheWire):
    type: ClassVar[str] = "resume_speech"


@dataclass(frozen=True, kw_only=True)
class ExtendSpeech(OnTheWire):
    type: ClassVar[str] = "extend_speech"
    seconds: int = 60


@dataclass(frozen=True, kw_only=True)
class EndSpeech(OnTheWire):
    type: ClassVar[str] = "end_speech"


@dataclass(frozen=True, kw_only=True)
class MoveRequest(OnTheWire):
    """Moves a request to ``position`` (0 is first) in the list of speakers."""

    type: ClassVar[str] = "move_request"
    request_id: int
    position: int


@dataclass(frozen=True, kw_only=True)
class RemoveRequest(OnTheWire):
    type: ClassVar[str] = "remove_request"
    request_id: int


@dataclass(frozen=True, kw_only=True)
class CloseList(OnTheWire):
    type: ClassVar[str] = "close_list"


@dataclass(frozen=True, kw_only=True)
class ReopenList(OnTheWire):
    type: ClassVar[str] = "reopen_list"


@dataclass(frozen=True, kw_only=True)
class TagIntervention(OnTheWire):
    """Tags an intervention (the current one when ``intervention_id`` is None).

    Each field says what it does, and what it leaves out stays as it was:
    ``questions`` sets the guiding questions (None keeps them), ``add_questions``
    and ``remove_questions`` add or remove some; ``note`` sets the note (None
    keeps it) and ``append_note`` adds a line to it.
    """

    type: ClassVar[str] = "tag_intervention"
    intervention_id: int | None = None
    questions: tuple[int, ...] | None = None
    add_questions: tuple[int, ...] = ()
    remove_questions: tuple[int, ...] = ()
    note: str | None = None
    append_note: str | None = None


@dataclass(frozen=True, kw_only=True)
class CloseMeeting(OnTheWire):
    type: ClassVar[str] = "close_meeting"


# -- amending the programme: segments not yet started, questions, documents --


@dataclass(frozen=True, kw_only=True)
class _SegmentFields(OnTheWire):
    """A segment as the programme will hold it; minutes may be fractions (2.5)."""

    title: str
    role: Role = "other"
    speakers: int | None = None
    minutes_min: float | None = None
    minutes_max: float | None = None
    per_speaker: bool = False
    names: tuple[str, ...] = ()
    # Limits that differ by class of speaker; ``minutes_max`` holds for the others.
    member_state_minutes: float | None = None
    observer_minutes: float | None = None
    stakeholder_minutes: float | None = None


@dataclass(frozen=True, kw_only=True)
class AmendSegment(_SegmentFields):
    """Replaces segment ``segment`` (0 is the first), if it has not started."""

    type: ClassVar[str] = "amend_segment"
    segment: int


@dataclass(frozen=True, kw_only=True)
class AddSegment(_SegmentFields):
    """Adds a segment at ``position`` (0 is first; none: at the end), after any started one."""

    type: ClassVar[str] = "add_segment"
    position: int | None = None


@dataclass(frozen=True, kw_only=True)
class RemoveSegment(OnTheWire):
    """Removes a segment not yet started; its programme speakers then speak from the floor."""

    type: ClassVar[str] = "remove_segment"
    segment: int


@dataclass(frozen=True, kw_only=True)
class MoveSegment(OnTheWire):
    """Moves a segment not yet started to ``position`` (0 is first), after any started one."""

    type: ClassVar[str] = "move_segment"
    segment: int
    position: int


@dataclass(frozen=True, kw_only=True)
class AmendQuestion(OnTheWire):
    """Rewords guiding question ``question`` (1 is the first)."""

    type: ClassVar[str] = "amend_question"
    question: int
    text: str


@dataclass(frozen=True, kw_only=True)
class AddQuestion(OnTheWire):
    """Adds a guiding question as number ``position`` (none: the last)."""

    type: ClassVar[str] = "add_question"
    text: str
    position: int | None = None


@dataclass(frozen=True, kw_only=True)
class RemoveQuestion(OnTheWire):
    """Removes a guiding question; refused when it would renumber one used in a tag."""

    type: ClassVar[str] = "remove_question"
    question: int


@dataclass(frozen=True, kw_only=True)
class MoveQuestion(OnTheWire):
    """Renumbers a guiding question to ``position``; refused when a tag would change meaning."""

    type: ClassVar[str] = "move_question"
    question: int
    position: int


@dataclass(frozen=True, kw_only=True)
class _DocumentFields(OnTheWire):
    title: str
    symbol: str | None = None
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class AmendDocument(_DocumentFields):
    """Replaces supporting document ``document`` (0 is the first)."""

    type: ClassVar[str] = "amend_document"
    document: int


@dataclass(frozen=True, kw_only=True)
class AddDocument(_DocumentFields):
    """Adds a supporting document at the end of the list."""

    type: ClassVar[str] = "add_document"


@dataclass(frozen=True, kw_only=True)
class RemoveDocument(OnTheWire):
    type: ClassVar[str] = "remove_document"
    document: int


Amendment = (
    AmendSegment
    | AddSegment
    | RemoveSegment
    | MoveSegment
    | AmendQuestion
    | AddQuestion
    | RemoveQuestion
    | MoveQuestion
    | AmendDocument
    | AddDocument
    | RemoveDocument
)
AMENDMENTS: tuple[type[Amendment], ...] = typing.get_args(Amendment)


@dataclass(frozen=True, kw_only=True)
class OpenResponseRound(OnTheWire):
    """ "The panel will respond to questions": the panelists asked are called to respond.

    Each response has ``limit_seconds`` (the round's own limit; none when None).
    """

    type: ClassVar[str] = "open_response_round"
    limit_seconds: int | None = None


@dataclass(frozen=True, kw_only=True)
class CloseResponseRound(OnTheWire):
    """Ends the response round; responses still waiting leave the list."""

    type: ClassVar[str] = "close_response_round"


@dataclass(frozen=True, kw_only=True)
class UndoRemoveRequest(OnTheWire):
    """Puts a request removed in the last 10 seconds back where it was."""

    type: ClassVar[str] = "undo_remove_request"
    request_id: int


@dataclass(frozen=True, kw_only=True)
class UndoGiveFloor(OnTheWire):
    """Takes back the floor given in the last 10 seconds: the request returns to its place."""

    type: ClassVar[str] = "undo_give_floor"
    intervention_id: int


@dataclass(frozen=True, kw_only=True)
class SetOrdering(OnTheWire):
    """How the floor is heard within a class from now on: ``arrival`` (first come, first
    served), or balanced by ``region``, ``development_group`` or alternating ``gender``."""

    type: ClassVar[str] = "set_ordering"
    ordering: Ordering


@dataclass(frozen=True, kw_only=True)
class SetBudget(OnTheWire):
    """Sets, amends or (``budget_seconds`` None) removes a group's time budget."""

    type: ClassVar[str] = "set_budget"
    dimension: BudgetDimension
    group: str
    budget_seconds: int | None = None


@dataclass(frozen=True, kw_only=True)
class SetEmbedding(OnTheWire):
    """Names the sites whose pages may show the big screen in a frame (none: no site may)."""

    type: ClassVar[str] = "set_embedding"
    origins: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AttachStatement(OnTheWire):
    """Attaches a written statement, already received by the store under ``digest`` (its
    SHA-256), to a waiting request or to an intervention; ``publish``: the public may read it
    once delivered."""

    type: ClassVar[str] = "attach_statement"
    digest: str
    filename: str
    media_type: str
    size: int
    request_id: int | None = None
    intervention_id: int | None = None
    publish: bool = False


Command = (
    OpenMeeting
    | RegisterParticipants
    | StartSegment
    | EndSegment
    | RequestFloor
    | WithdrawRequest
    | GiveFloor
    | PauseSpeech
    | ResumeSpeech
    | ExtendSpeech
    | EndSpeech
    | MoveRequest
    | RemoveRequest
    | CloseList
    | ReopenList
    | TagIntervention
    | CloseMeeting
    | OpenResponseRound
    | CloseResponseRound
    | UndoRemoveRequest
    | UndoGiveFloor
    | SetOrdering
    | SetBudget
    | SetEmbedding
    | AttachStatement
    | Amendment
)

COMMANDS: dict[str, type[Command]] = {cls.type: cls for cls in typing.get_args(Command)}
