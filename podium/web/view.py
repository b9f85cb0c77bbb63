"""What the pages show of a meeting's state at an instant, ready for the templates.

One place turns ``MeetingState`` into plain values (who, what kind, how long
left, which light), so that every page shows the same numbers the core counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from podium.meeting import timer
from podium.meeting.state import MeetingState, Participant, unregistered
from podium.meeting.words import Light

POINT_OF_ORDER = "point-of-order"


@dataclass(frozen=True)
class Waiting:
    """A request in the list of speakers; ``position`` counts from 1."""

    request_id: int
    person: Participant
    kind: str
    channel: str
    position: int


@dataclass(frozen=True)
class SpeechView:
    """The speech under way, with what its timer needs in seconds and ISO instants."""

    intervention_id: int
    person: Participant
    kind: str
    started_at: str
    paused_at: str | None
    paused_seconds: float
    limit_seconds: int | None  # with its extensions
    warn_seconds: float | None  # seconds into the speech when the light turns amber
    elapsed: float
    remaining: float | None
    light: Light
    questions: tuple[int, ...]
    note: str


@dataclass(frozen=True)
class Spoken:
    """An intervention that has ended, as the record holds it."""

    intervention_id: int
    person: Participant
    kind: str
    segment: int | None
    spoken_seconds: float
    questions: tuple[int, ...]
    note: str


@dataclass(frozen=True)
class Live:
    seq: int
    server_time: str
    status: str
    segment: int | None
    list_closed: bool
    speech: SpeechView | None
    queue: tuple[Waiting, ...]
    point_of_order: Waiting | None
    participants: tuple[Participant, ...]
    interventions: tuple[Spoken, ...]
    question: str | None  # the guiding question the current speech is tagged with

    @property
    def closed(self) -> bool:
        return self.status == "closed"


def someone(state: MeetingState, participant_id: str) -> Participant:
    """The participant, or a stand-in naming the unknown id (a log is never refused)."""
    return state.participant(participant_id) or unregistered(participant_id)


def live(state: MeetingState, now: datetime) -> Live:
    queue = tuple(
        Waiting(r.id, someone(state, r.participant_id), r.kind, r.channel, i + 1)
        for i, r in enumerate(state.queue)
    )
    speech = None
    question = None
    if state.speech is not None:
        s = state.speech
        speech = SpeechView(
            intervention_id=s.intervention_id,
            person=someone(state, s.participant_id),
            kind=s.kind,
            started_at=s.started_at.isoformat(),
            paused_at=s.paused_at.isoformat() if s.paused_at else None,
            paused_seconds=s.paused_seconds,
            limit_seconds=timer.allowed(s),
            warn_seconds=timer.warn_point(s),
            elapsed=timer.elapsed(s, now),
            remaining=timer.remaining(s, now),
            light=timer.light(s, now),
            questions=s.questions,
            note=s.note,
        )
        questions = state.plan.questions if state.plan else ()
        for number in s.questions:
            if 1 <= number <= len(questions):
                question = questions[number - 1]
                break
    return Live(
        seq=state.seq,
        server_time=now.isoformat(),
        status=state.status,
        segment=state.segment,
        list_closed=state.list_closed,
        speech=speech,
        queue=queue,
        point_of_order=next((w for w in queue if w.kind == POINT_OF_ORDER), None),
        participants=tuple(state.participants.values()),
        interventions=tuple(
            Spoken(
                intervention_id=i.id,
                person=someone(state, i.participant_id),
                kind=i.kind,
                segment=i.segment,
                spoken_seconds=i.spoken_seconds or 0.0,
                questions=i.questions,
                note=i.note,
            )
            for i in state.history
        ),
        question=question,
    )


def requests_of(view: Live, participant_id: str) -> tuple[Waiting, ...]:
    return tuple(w for w in view.queue if w.person.id == participant_id)
