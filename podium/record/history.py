"""What the record needs of the log's history beyond the state: what became of each
request for the floor, and the programme as first planned with its amendments.

The meeting's state keeps only the requests still waiting and the programme as
it stands; the record also names the requests heard, withdrawn or removed and
tells each amendment. ``follow`` is that small projection, built event by
event beside the state, and nothing else: time spoken, pauses and segments are
read from the state itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import replace as copy
from datetime import datetime
from typing import Any, Literal

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
from podium.meeting.ledger import Ledger
from podium.meeting.plan import Plan
from podium.meeting.state import Request, request_of

Outcome = Literal["heard", "withdrawn", "removed", "waiting"]


@dataclass(frozen=True)
class Asked(Request):
    """A request for the floor as it was made, and what became of it."""

    outcome: Outcome = "waiting"
    outcome_at: datetime | None = None
    intervention_id: int | None = None


@dataclass(frozen=True)
class Fate:
    """Something that became of a request: heard (by ``intervention_id``), withdrawn,
    removed, or waiting again; a floor taken back names only its intervention."""

    request_id: int | None
    outcome: Outcome
    at: datetime | None
    intervention_id: int | None = None


def _nothing() -> Ledger[Any]:
    return Ledger()


@dataclass(frozen=True)
class History:
    """Every request as made and each thing that became of one, in log order (append-only,
    so that following a long meeting stays linear); when the list was last closed; the last
    event's instant; the plan the meeting was created with and its amendments since."""

    asked: Ledger[Request] = field(default_factory=_nothing)
    fates: Ledger[Fate] = field(default_factory=_nothing)
    list_closed_at: datetime | None = None
    last_at: datetime | None = None
    planned: Plan | None = None
    amendments: tuple[ProgrammeAmended, ...] = ()

    def requests(self) -> tuple[Asked, ...]:
        """Every request with its latest fate, by number."""
        latest: dict[int, Fate] = {}
        heard_by: dict[int, int] = {}
        for fate in self.fates:
            request_id = fate.request_id
            if request_id is None and fate.intervention_id is not None:
                request_id = heard_by.get(fate.intervention_id)
            if request_id is None:
                continue
            if fate.outcome == "heard" and fate.intervention_id is not None:
                heard_by[fate.intervention_id] = request_id
            latest[request_id] = fate
        asked = []
        for request in sorted(self.asked, key=lambda r: r.id):
            became = latest.get(request.id)
            if became is None or became.outcome == "waiting":
                asked.append(Asked(**vars(request)))
            else:
                asked.append(
                    Asked(
                        **vars(request),
                        outcome=became.outcome,
                        outcome_at=became.at,
                        intervention_id=became.intervention_id,
                    )
                )
        return tuple(asked)


FOLLOWED: tuple[type[Event], ...] = (
    FloorRequested,
    RequestWithdrawn,
    RequestRemoved,
    RequestRestored,
    FloorTakenBack,
    FloorGiven,
    ListClosed,
    MeetingCreated,
    ProgrammeAmended,
)
"""The events ``follow`` reads; any other only moves ``last_at``."""


def follow(history: History, event: Event) -> History:
    """The projection after ``event``; events it does not concern only move ``last_at``."""
    match event:
        case FloorRequested():
            return copy(history, asked=history.asked.append(request_of(event)), last_at=event.at)
        case RequestWithdrawn():
            return _befell(history, Fate(event.request_id, "withdrawn", event.at), event.at)
        case RequestRemoved():
            return _befell(history, Fate(event.request_id, "removed", event.at), event.at)
        case RequestRestored():
            # An undone removal, or a floor taken back: the request waits again.
            return _befell(history, Fate(event.request_id, "waiting", None), event.at)
        case FloorTakenBack():
            fate = Fate(None, "waiting", None, event.intervention_id)
            return _befell(history, fate, event.at)
        case FloorGiven():
            if event.request_id is None:
                return copy(history, last_at=event.at)
            fate = Fate(event.request_id, "heard", event.at, event.intervention_id)
            return _befell(history, fate, event.at)
        case ListClosed():
            return copy(history, list_closed_at=event.at, last_at=event.at)
        case MeetingCreated():
            return copy(history, planned=Plan.from_json(event.plan), last_at=event.at)
        case ProgrammeAmended():
            return copy(history, amendments=(*history.amendments, event), last_at=event.at)
    return copy(history, last_at=event.at)


def _befell(history: History, fate: Fate, at: datetime) -> History:
    return copy(history, fates=history.fates.append(fate), last_at=at)


NO_HISTORY = History()


def follow_all(events: Iterable[Event], history: History = NO_HISTORY) -> History:
    """The projection after ``events``, from ``history`` (nothing at first)."""
    last = None
    for event in events:
        if isinstance(event, FOLLOWED):
            history = follow(history, event)
        last = event
    return history if last is None else at_last(history, last)


def at_last(history: History, event: Event) -> History:
    """``history`` as of ``event``, the last one read: its instant is the last one."""
    return history if history.last_at == event.at else copy(history, last_at=event.at)
