"""What a participant is registered with: declared once, for the command, the event,
the state, the API's schema and the CSV's columns alike."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from podium.meeting.words import Channel, Gender, Level, Stakeholder


@dataclass(frozen=True, kw_only=True)
class ParticipantFields:
    """A participant as registered; ``segment`` (an index) makes them a programme speaker."""

    name: str
    role: str = "participant"
    delegation: str | None = None
    country: str | None = None
    organisation: str | None = None
    stakeholder: Stakeholder = "government"
    observer: bool = False
    gender: Gender | None = None
    channel: Channel = "room"
    segment: int | None = None
    level: Level | None = None  # level of representation (``words.LEVELS``)


PARTICIPANT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ParticipantFields))
"""The fields in order: the CSV's columns and the API's keys."""


def details(participant: ParticipantFields) -> dict[str, Any]:
    """The registered fields of ``participant`` (or of anything built on them) by name."""
    return {name: getattr(participant, name) for name in PARTICIPANT_FIELDS}
