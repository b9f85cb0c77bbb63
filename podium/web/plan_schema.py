"""The plan's public JSON form (``Plan.to_json``) as a closed schema for ``/openapi.json``.

It describes ``GET /api/meetings/{id}`` and the plan inside the
``meeting_created`` event alike. Fields added after the first release have
defaults, so the plans of older logs still match.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from podium.meeting.plan import Role

CLOSED = ConfigDict(extra="forbid", populate_by_name=True)
Instant = Annotated[str, Field(description="ISO 8601 with the note's own UTC offset.")]
Day = Annotated[str, Field(description="ISO 8601 date.")]


class SectionDocument(BaseModel):
    model_config = CLOSED
    heading: str
    text: str


class LimitsByClass(BaseModel):
    """Speaking limits, in minutes, that differ by class of speaker."""

    model_config = CLOSED
    member_state: float | None = Field(None, alias="member-state")
    observer: float | None = None
    stakeholder: float | None = None


class SegmentDocument(BaseModel):
    model_config = CLOSED
    title: str
    role: Role
    speakers: int | None
    minutes_min: float | None
    minutes_max: float | None
    per_speaker: bool
    names: list[str] = Field(default_factory=list)
    limits_by_class: LimitsByClass = LimitsByClass.model_validate({})
    source: str = ""


class SupportingDocument(BaseModel):
    model_config = CLOSED
    title: str
    symbol: str | None
    url: str | None


class OutcomeDocument(BaseModel):
    model_config = CLOSED
    forum: str
    start: Day | None
    end: Day | None


class WarningDocument(BaseModel):
    model_config = CLOSED
    line: int
    message: str
    field: str | None = None


class PlanDocument(BaseModel):
    """A meeting's plan as read from its concept note, and amended since."""

    model_config = CLOSED
    body: str | None
    session_number: int | None
    session_title: str | None
    kind: str | None
    title: str
    start: Instant | None
    end: Instant | None
    timezone: str | None
    venue: str | None
    language: str = Field("en", description="ISO 639-1.")
    sections: list[SectionDocument]
    questions: list[str] = Field(description="Guiding questions; tags number them from 1.")
    segments: list[SegmentDocument] = Field(description="Numbered from 0.")
    documents: list[SupportingDocument]
    outcome: OutcomeDocument | None
    sdgs: list[int]
    warnings: list[WarningDocument] = Field(default_factory=list)
