"""What the record needs of the log's history beyond the state: what became of each
request for the floor, and the programme as first planned with its amendments.

The meeting's state keeps only the requests still waiting and the programme as
it stands; the record also names the requests heard, withdrawn or removed and
tells each amendment. ``follow`` is that small projection, built event by
event beside the state, and nothing else: time spoken, pauses and segments are
read from the state itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import replace as copy
from datetime import datetime
from types import MappingProxyType
from typing import Literal

from podium.meeting.events import (
    Event,
    FloorGiven,
    FloorRequested,
    FloorTakenBack,
    ListClosed,
    MeetingCreated,
    ProgrammeAmended,
    RequestRemoved,
    RequestRestored,
    RequestWithdrawn,
)
from podium.meeting.plan import Plan
from podium.meeting.state import Request, request_of

Outcome = Literal["heard", "withdrawn", "removed", "waiting"]


@dataclass(frozen=True)
class Asked(Request):
    """A request for the floor as it was made, and what became of it."""

    outcome: Outcome = "waiting"
    outcome_at: datetime | None = None
    intervention_id: int | None = None


def _none_asked() -> Mapping[int, Asked]:
    return MappingProxyType({})


@dataclass(frozen=True)
class History:
    """Every request by number; when the list was last closed; the last event's instant;
    the plan the meeting was created with and the amendments made to it since."""

    asked: Mapping[int, Asked] = field(default_factory=_none_asked)
    list_closed_at: datetime | None = None
    last_at: datetime | None = None
    planned: Plan | None = None
    amendments: tuple[ProgrammeAmended, ...] = ()

    def of(self, request_id: int | None) -> Asked | None:
        return None if request_id is None else self.asked.get(request_id)


def _settle(
    history: History,
    request_id: int | None,
    outcome: Outcome,
    at: datetime | None,
    heard: int | None,
) -> Mapping[int, Asked]:
    found = history.of(request_id)
    if found is None:
        return history.asked
    asked = dict(history.asked)
    asked[found.id] = copy(found, outcome=outcome, outcome_at=at, intervention_id=heard)
    return MappingProxyType(asked)


def follow(history: History, event: Event) -> History:
    """The projection after ``event``; events it does not concern only move ``last_at``."""
    match event:
        case FloorRequested():
            asked = dict(history.asked)
            asked[event.request_id] = Asked(**vars(request_of(event)))
            return copy(history, asked=MappingProxyType(asked), last_at=event.at)
        case RequestWithdrawn():
            settled = _settle(history, event.request_id, "withdrawn", event.at, None)
            return copy(history, asked=settled, last_at=event.at)
        case RequestRemoved():
            settled = _settle(history, event.request_id, "removed", event.at, None)
            return copy(history, asked=settled, last_at=event.at)
        case RequestRestored():
            # An undone removal, or a floor taken back: the request waits again.
            settled = _settle(history, event.request_id, "waiting", None, None)
            return copy(history, asked=settled, last_at=event.at)
        case FloorTakenBack():
            taken = next(
                (a for a in history.asked.values() if a.intervention_id == event.intervention_id),
                None,
            )
            if taken is None:
                return copy(history, last_at=event.at)
            settled = _settle(history, taken.id, "waiting", None, None)
            return copy(history, asked=settled, last_at=event.at)
        case FloorGiven():
            settled = _settle(history, event.request_id, "heard", event.at, event.intervention_id)
            return copy(history, asked=settled, last_at=event.at)
        case ListClosed():
            return copy(history, list_closed_at=event.at, last_at=event.at)
        case MeetingCreated():
            return copy(history, planned=Plan.from_json(event.plan), last_at=event.at)
        case ProgrammeAmended():
            return copy(history, amendments=(*history.amendments, event), last_at=event.at)
    return copy(history, last_at=event.at)


NO_HISTORY = History()


def follow_all(events: Iterable[Event], history: History = NO_HISTORY) -> History:
    """The projection after ``events``, from ``history`` (nothing at first)."""
    for event in events:
        history = follow(history, event)
    return history
