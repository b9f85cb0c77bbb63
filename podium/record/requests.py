"""What became of each request for the floor: the one thing the record needs beyond the state.

The meeting's state keeps only the requests still waiting; the record also
names those heard, withdrawn or removed. ``follow`` is that small projection,
built event by event beside the state, and nothing else: time spoken, pauses
and segments are read from the state itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from types import MappingProxyType
from typing import Literal

from podium.meeting.events import (
    Event,
    FloorGiven,
    FloorRequested,
    ListClosed,
    RequestRemoved,
    RequestWithdrawn,
)

Outcome = Literal["heard", "withdrawn", "removed", "waiting"]


@dataclass(frozen=True)
class Asked:
    """A request for the floor as it was made, and what became of it."""

    request_id: int
    participant_id: str
    kind: str
    channel: str
    segment: int | None
    at: datetime
    programme: bool = False
    outcome: Outcome = "waiting"
    outcome_at: datetime | None = None
    intervention_id: int | None = None


def _none_asked() -> Mapping[int, Asked]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Requests:
    """Every request by number; when the list was last closed; the last event's instant."""

    asked: Mapping[int, Asked] = field(default_factory=_none_asked)
    list_closed_at: datetime | None = None
    last_at: datetime | None = None

    def of(self, request_id: int | None) -> Asked | None:
        return None if request_id is None else self.asked.get(request_id)


def _settle(
    requests: Requests, request_id: int | None, outcome: Outcome, at: datetime, heard: int | None
) -> Mapping[int, Asked]:
    found = requests.of(request_id)
    if found is None:
        return requests.asked
    asked = dict(requests.asked)
    asked[found.request_id] = replace(found, outcome=outcome, outcome_at=at, intervention_id=heard)
    return MappingProxyType(asked)


def follow(requests: Requests, event: Event) -> Requests:
    """The projection after ``event``; events that touch no request only move ``last_at``."""
    match event:
        case FloorRequested():
            asked = dict(requests.asked)
            asked[event.request_id] = Asked(
                request_id=event.request_id,
                participant_id=event.participant_id,
                kind=event.kind,
                channel=event.channel,
                segment=event.segment,
                at=event.at,
                programme=event.programme,
            )
            return Requests(MappingProxyType(asked), requests.list_closed_at, event.at)
        case RequestWithdrawn():
            settled = _settle(requests, event.request_id, "withdrawn", event.at, None)
            return Requests(settled, requests.list_closed_at, event.at)
        case RequestRemoved():
            settled = _settle(requests, event.request_id, "removed", event.at, None)
            return Requests(settled, requests.list_closed_at, event.at)
        case FloorGiven():
            settled = _settle(requests, event.request_id, "heard", event.at, event.intervention_id)
            return Requests(settled, requests.list_closed_at, event.at)
        case ListClosed():
            return Requests(requests.asked, event.at, event.at)
    return Requests(requests.asked, requests.list_closed_at, event.at)


NO_REQUESTS = Requests()


def follow_all(events: Iterable[Event], requests: Requests = NO_REQUESTS) -> Requests:
    """The projection after ``events``, from ``requests`` (none at first)."""
    for event in events:
        requests = follow(requests, event)
    return requests
