"""How often a participant may send each kind of command, decided from the log itself.

The times are the events' own (``at``), folded from the log like the state, so
every process sharing a log agrees on who has asked too often, and a refused
command, which appends nothing, does not count. Each participant has a limit
per kind of command: a phone that retries in a loop is stopped without
stopping anyone else, and the Chair and the secretariat are never limited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType

from podium.meeting.commands import Command
from podium.meeting.events import Event, FloorRequested, RequestWithdrawn
from podium.meeting.refusal import N_, Refusal, refuse
from podium.meeting.state import MeetingState
from podium.meeting.words import Actor

WINDOW = timedelta(minutes=1)
# At most this many of each kind in WINDOW: a request, a change of mind, a new request...
PER_KIND: Mapping[str, int] = MappingProxyType({"request_floor": 6, "withdraw_request": 6})
DEFAULT_PER_KIND = 6


def _nothing() -> Mapping[tuple[str, str], tuple[datetime, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Rates:
    """The latest times each participant did each kind of thing, as the log tells."""

    recent: Mapping[tuple[str, str], tuple[datetime, ...]] = field(default_factory=_nothing)


def fold(rates: Rates, before: MeetingState, event: Event) -> Rates:
    """``rates`` after ``event``, which was appended to the meeting in state ``before``."""
    match event:
        case FloorRequested(by="participant"):
            return _noted(rates, (event.participant_id, "request_floor"), event.at)
        case RequestWithdrawn():
            request = before.request(event.request_id)
            if request is not None:
                return _noted(rates, (request.participant_id, "withdraw_request"), event.at)
    return rates


def check(rates: Rates, command: Command, actor: Actor, now: datetime) -> Refusal | None:
    """A refusal when the participant has sent this kind of command too often of late."""
    if actor.role != "participant" or actor.participant_id is None:
        return None
    limit = PER_KIND.get(command.type, DEFAULT_PER_KIND)
    times = rates.recent.get((actor.participant_id, command.type), ())
    if sum(1 for at in times if now - at < WINDOW) < limit:
        return None
    if command.type == "request_floor":
        return refuse(N_("Too many requests for the floor: wait a minute and try again."))
    return refuse(N_("Too many of these at once: wait a minute and try again."))


def _noted(rates: Rates, key: tuple[str, str], at: datetime) -> Rates:
    keep = max(PER_KIND.values(), default=DEFAULT_PER_KIND)
    times = (*rates.recent.get(key, ()), at)[-keep:]
    return Rates(MappingProxyType({**rates.recent, key: times}))
