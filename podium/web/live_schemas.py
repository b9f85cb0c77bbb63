"""The live state and every event, as closed schemas for ``/openapi.json``.

Events are described from their dataclasses (``podium.meeting.events``), so the
schema cannot drift from what the core emits; the state mirrors
``podium.meeting.snapshot``, and a test checks real snapshots and events
against what is published here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from podium.meeting.events import EVENTS, Event, MeetingCreated
from podium.meeting.privacy import private_fields
from podium.meeting.words import Channel, FloorClass, Level, Light, RequestKind
from podium.web.plan_schema import PlanDocument

CLOSED = ConfigDict(extra="forbid")
Instant = Annotated[str, Field(description="ISO 8601, in UTC.")]


def _field_type(hint: Any) -> Any:
    """An event field's JSON type: instants as ISO text, tuples as arrays."""
    if hint is datetime:
        return datetime
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item,) = typing.get_args(hint)[:1]
        return list[_field_type(item)]  # type: ignore[misc]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_field_type(arg) for arg in typing.get_args(hint))]  # noqa: UP007
    return hint


def _event_model(cls: type[Event]) -> type[BaseModel]:
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {
        "type": (Literal[cls.type], ...),
        "v": (Literal[cls.version], ...),
    }
    hidden = private_fields(cls.type)
    for f in dataclasses.fields(cls):
        default = ... if f.default is dataclasses.MISSING else f.default
        if f.name in hidden and default is ...:
            default = Field(None, description="Left out of the copy the hall receives.")
        if isinstance(default, tuple):
            default = list(default)
        hint = _field_type(hints[f.name])
        if cls is MeetingCreated and f.name == "plan":
            hint = PlanDocument  # the plan's own closed schema, not an open object
        fields[f.name] = (hint, default)
    name = "".join(part.title() for part in cls.type.split("_")) + "Event"
    model: type[BaseModel] = create_model(
        name,
        __config__=CLOSED,
        __doc__=(cls.__doc__ or cls.type.replace("_", " ").capitalize() + ".").strip(),
        **fields,
    )
    return model


EVENT_MODELS: dict[str, type[BaseModel]] = {name: _event_model(cls) for name, cls in EVENTS.items()}

if TYPE_CHECKING:
    EventBody = BaseModel
else:
    EventBody = Annotated[
        typing.Union[tuple(EVENT_MODELS.values())],  # noqa: UP007
        Field(discriminator="type"),
    ]


class ClassLimitLive(BaseModel):
    model_config = CLOSED
    floor_class: FloorClass
    limit_seconds: int | None


class SegmentLive(BaseModel):
    """A segment of the programme, its limits as the timer applies them, and how it ran."""

    model_config = CLOSED
    index: int = Field(description="Segments are numbered from 0.")
    title: str
    role: str
    speakers: int | None
    minutes_min: float | None
    minutes_max: float | None
    per_speaker: bool
    limit_seconds: int | None
    warn_seconds: int | None
    minutes_total: float
    class_limits: list[ClassLimitLive]
    state: Literal["pending", "running", "done"]
    start: Instant | None
    end: Instant | None


class PlanLive(BaseModel):
    model_config = CLOSED
    title: str
    body: str | None
    kind: str | None
    start: Instant | None
    end: Instant | None
    timezone: str | None
    venue: str | None
    questions: list[str] = Field(description="Guiding questions; tags number them from 1.")
    segments: list[SegmentLive]


class Who(BaseModel):
    participant_id: str
    name: str
    delegation: str | None
    country: str | None
    floor_class: FloorClass | None


class ResponseRoundLive(BaseModel):
    model_config = CLOSED
    opened_at: Instant
    limit_seconds: int | None


class RemovedLive(Who):
    """A request removed lately: it may be put back until 10 seconds after ``removed_at``."""

    model_config = CLOSED
    request_id: int
    removed_at: Instant


class RequestLive(Who):
    model_config = CLOSED
    request_id: int
    position: int
    kind: RequestKind
    channel: Channel
    segment: int | None
    programme: bool
    group: str | None = Field(description="On behalf of this group of States.")
    to: str | None = Field(description="The panelist (participant id) a question is for.")
    at: Instant


class ParticipantLive(BaseModel):
    model_config = CLOSED
    id: str
    name: str
    role: str
    delegation: str | None
    country: str | None
    # Private: for the Chair and the secretariat only.
    organisation: str | None = None
    stakeholder: str | None = None
    observer: bool
    gender: str | None = None
    channel: Channel
    segment: int | None
    floor_class: FloorClass
    level: Level | None


class SpeechLive(Who):
    model_config = CLOSED
    intervention_id: int
    request_id: int | None
    kind: RequestKind
    segment: int | None
    started_at: Instant
    paused: bool
    paused_at: Instant | None
    paused_seconds: float | None
    limit_seconds: int | None
    warn_seconds: int | None
    extended_seconds: int
    allowed_seconds: int | None
    warn_at_seconds: float | None
    elapsed_seconds: float | None
    remaining_seconds: float | None
    light: Light
    questions: list[int]
    note: str | None = Field(None, description="For the Chair and the secretariat only.")
    group: str | None
    to: str | None


class InterventionLive(Who):
    model_config = CLOSED
    id: int
    request_id: int | None
    kind: RequestKind
    segment: int | None
    start: Instant
    end: Instant | None
    limit_seconds: int | None
    extended_seconds: int
    spoken_seconds: float | None
    overrun_seconds: float | None
    questions: list[int]
    note: str | None = Field(None, description="For the Chair and the secretariat only.")
    group: str | None
    to: str | None


class InterventionsPage(BaseModel):
    """A page of the interventions heard, the most recent first (page 1 is the newest)."""

    model_config = CLOSED
    seq: int = Field(description="The meeting's event the page was read at.")
    page: int = Field(description="From 1, the most recent interventions.")
    pages: int
    per_page: int
    total: int = Field(description="Interventions heard in all.")
    interventions: list[InterventionLive]


class State(BaseModel):
    """The live state (``podium.meeting.snapshot``) with the server's clock; the interventions
    heard are paged at ``/api/meetings/{id}/interventions``."""

    model_config = CLOSED
    server_time: Instant
    now: Instant
    seq: int
    status: Literal["new", "open", "closed"]
    created_at: Instant | None
    opened_at: Instant | None
    closed_at: Instant | None
    plan: PlanLive | None
    segment: int | None
    class_order: list[FloorClass]
    list_closed: bool
    level_precedence: bool
    response_round: ResponseRoundLive | None
    removed: list[RemovedLive]
    speech: SpeechLive | None
    queue: list[RequestLive]
    participants: list[ParticipantLive]
    me: ParticipantLive | None = Field(
        None, description="With a participant's token: its own registration, whole."
    )
