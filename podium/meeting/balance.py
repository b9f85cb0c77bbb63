"""The floor's balance while it can still change: time and turns by group, against the
shares of those who asked for the floor and of those registered.

Everything here is a pure function of the state (so of the log up to any seq) and of the
instant asked about: the Chair's console, the secretariat's page, a past moment of the
meeting and the record all count the same way.

What is counted is the floor (``entries.from_the_floor``): statements and questions
from the room and online, not the programme speakers called by their segment, nor points
of order or rights of reply. The speech under way counts up to ``now``.

A participant's region and development group come from their country, which is
reference data the core does not hold: the shell passes a ``Grouping`` that knows it
(``podium.record.balance``). ``PLAIN`` counts without it, each country as its own group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from podium.meeting import timer
from podium.meeting.entries import Intervention, Participant, from_the_floor, unregistered
from podium.meeting.events import Event
from podium.meeting.state import MeetingState, evolve, initial_state
from podium.meeting.words import CHANNELS, DIMENSIONS, GENDERS, STAKEHOLDERS, Dimension

NO_COUNTRY = "no-country"  # international organisations: UN entities, intergovernmental bodies
NOT_STATED = "not-stated"
INTERNATIONAL = frozenset({"un-entity", "intergovernmental"})
# Governments split by standing, as the floor hears them; then the other stakeholders.
STAKEHOLDER_KEYS: tuple[str, ...] = (
    "member-state",
    "observer-state",
    *(group for group in STAKEHOLDERS if group != "government"),
)
GENDER_KEYS: tuple[str, ...] = (*GENDERS, NOT_STATED)


def stakeholder_group(stakeholder: str, observer: bool) -> str:
    """A government is a member State or an observer State; others keep their group."""
    if stakeholder == "government":
        return "observer-state" if observer else "member-state"
    return stakeholder if stakeholder in STAKEHOLDER_KEYS else "other"


def without_country(group: str) -> str:
    """The region and development group of a speaker with no country: international
    organisations together, every other stakeholder group on its own."""
    if group in INTERNATIONAL:
        return NO_COUNTRY
    return f"{NO_COUNTRY}:{group}"


class Grouping(Protocol):
    """Which group of each dimension a participant is counted in, and the groups known."""

    def group(self, participant: Participant, dimension: Dimension) -> str: ...

    def known(self, dimension: Dimension) -> Sequence[str]: ...


class PlainGrouping:
    """Counting without reference data: a country is its own region and development group."""

    def group(self, participant: Participant, dimension: Dimension) -> str:
        standing = stakeholder_group(participant.stakeholder, participant.observer)
        match dimension:
            case "stakeholder_group":
                return standing
            case "gender":
                return participant.gender or NOT_STATED
            case "channel":
                return participant.channel
        country = (participant.country or "").strip().upper()
        return country or without_country(standing)

    def known(self, dimension: Dimension) -> Sequence[str]:
        return _KNOWN.get(dimension, ())


_KNOWN: dict[str, tuple[str, ...]] = {
    "stakeholder_group": STAKEHOLDER_KEYS,
    "gender": GENDER_KEYS,
    "channel": CHANNELS,
}
PLAIN: Grouping = PlainGrouping()


def group_of(
    state: MeetingState,
    grouping: Grouping,
    participant_id: str,
    dimension: Dimension,
    channel: str | None = None,
) -> str:
    """The group a participant is counted in; by the channel they spoke or asked by, if given."""
    if dimension == "channel" and channel is not None:
        return channel
    participant = state.participants.get(participant_id) or unregistered(participant_id)
    return grouping.group(participant, dimension)


def spoken(
    state: MeetingState, intervention: Intervention, now: datetime, allowed: bool = False
) -> float:
    """Seconds an intervention has taken: as recorded, or up to ``now`` while under way
    (with ``allowed``, the speech under way counts as its whole time limit, if it has one)."""
    if intervention.spoken_seconds is not None:
        return intervention.spoken_seconds
    speech = state.speech
    if speech is not None and speech.intervention_id == intervention.id:
        limit = timer.allowed(speech) if allowed else None
        return float(limit) if limit is not None else timer.elapsed(speech, now)
    return 0.0


def on_the_floor(participant: Participant) -> bool:
    """Whether a registered participant is one of the floor (not a programme speaker)."""
    return participant.segment is None and participant.role == "participant"


@dataclass(frozen=True)
class Row:
    """One group's part of the floor so far."""

    group: str
    turns: int = 0
    seconds: float = 0.0
    requests: int = 0  # requests for the floor made, waiting or not
    asked: int = 0  # participants who asked for the floor
    registered: int = 0  # participants of the floor registered
    waiting: int = 0  # requests still waiting
    waiting_since: datetime | None = None  # the earliest of them


@dataclass(frozen=True)
class Table:
    """One dimension's balance: a row for each group known or present, in order."""

    dimension: Dimension
    rows: tuple[Row, ...]
    seconds: float
    turns: int
    requests: int
    asked: int
    registered: int

    def row(self, group: str) -> Row:
        return next((r for r in self.rows if r.group == group), Row(group))

    def time_share(self, row: Row) -> float:
        return row.seconds / self.seconds if self.seconds else 0.0

    def asked_share(self, row: Row) -> float:
        return row.asked / self.asked if self.asked else 0.0

    def request_share(self, row: Row) -> float:
        return row.requests / self.requests if self.requests else 0.0

    def registered_share(self, row: Row) -> float:
        return row.registered / self.registered if self.registered else 0.0

    def fair_seconds(self, row: Row) -> float:
        """The floor's time so far shared out as the requests were: what the group "should"
        have had, against which ``seconds`` is what it had."""
        return self.seconds * self.request_share(row)

    def unheard(self) -> tuple[Row, ...]:
        """The groups that asked, are waiting, and have not yet been heard, longest first."""
        rows = [r for r in self.rows if r.waiting and not r.turns and r.waiting_since]
        return tuple(sorted(rows, key=lambda r: r.waiting_since or datetime.max))


def table(
    state: MeetingState,
    grouping: Grouping,
    dimension: Dimension,
    now: datetime,
    allowed: bool = False,
) -> Table:
    """The balance of the floor by ``dimension`` at ``now``; with ``allowed``, the speech
    under way counts as its whole time limit (``ordering``: a choice that does not depend
    on the second it is made)."""
    # Each participant's group, looked up once.
    groups = {pid: grouping.group(p, dimension) for pid, p in state.participants.items()}

    def of(participant_id: str, channel: str | None) -> str:
        if dimension == "channel" and channel is not None:
            return channel
        known = groups.get(participant_id)
        return known if known is not None else group_of(state, grouping, participant_id, dimension)

    registered = Counter(
        groups[pid] for pid, participant in state.participants.items() if on_the_floor(participant)
    )
    # From the counts the state keeps (``MeetingState.floor_heard``), not the whole record.
    turns: Counter[str] = Counter()
    seconds: dict[str, float] = {}
    for (participant_id, channel), (heard, spent) in state.floor_heard.items():
        key = of(participant_id, channel)
        turns[key] += heard
        seconds[key] = seconds.get(key, 0.0) + spent
    under_way = state.under_way
    if under_way is not None and from_the_floor(under_way):
        key = of(under_way.participant_id, under_way.channel)
        turns[key] += 1
        seconds[key] = seconds.get(key, 0.0) + spoken(state, under_way, now, allowed)
    requests: Counter[str] = Counter()
    askers: set[tuple[str, str]] = set()
    for (participant_id, channel), count in state.floor_asked.items():
        key = of(participant_id, channel)
        requests[key] += count
        askers.add((participant_id, key))
    asked = Counter(key for _pid, key in askers)
    waiting: Counter[str] = Counter()
    since: dict[str, datetime] = {}
    for request in state.queue:
        if from_the_floor(request):
            key = of(request.participant_id, request.channel)
            waiting[key] += 1
            if key not in since or request.at < since[key]:
                since[key] = request.at
    present = set(registered) | set(turns) | set(requests) | set(waiting)
    known = list(grouping.known(dimension))
    order = known + sorted(present - set(known))
    built = tuple(
        Row(
            key,
            turns[key],
            seconds.get(key, 0.0),
            requests[key],
            asked[key],
            registered[key],
            waiting[key],
            since.get(key),
        )
        for key in order
    )
    return Table(
        dimension=dimension,
        rows=built,
        seconds=sum(r.seconds for r in built),
        turns=sum(r.turns for r in built),
        requests=sum(r.requests for r in built),
        asked=len({pid for pid, _key in askers}),
        registered=sum(r.registered for r in built),
    )


def balance(
    state: MeetingState,
    grouping: Grouping,
    now: datetime,
    dimensions: Sequence[Dimension] = DIMENSIONS,
) -> tuple[Table, ...]:
    """The balance of the floor by each dimension at ``now``."""
    return tuple(table(state, grouping, dimension, now) for dimension in dimensions)


def over_time(
    events: Iterable[Event],
    grouping: Callable[[MeetingState], Grouping],
    dimension: Dimension,
) -> tuple[tuple[datetime, Table], ...]:
    """How the balance by ``dimension`` evolved: the table after each speech from the floor
    ended, at the instant it ended (a speech cut by the next "Next speaker" ends then too).
    ``grouping`` gives the grouping for the state (the meeting's day decides the LDC list)."""
    state, points = initial_state(), []
    for event in events:
        before = len(state.history)
        state = evolve(state, event)
        if len(state.history) > before and from_the_floor(state.history[-1]):
            at = state.history[-1].end or event.at
            points.append((at, table(state, grouping(state), dimension, at)))
    return tuple(points)
