"""The state of a meeting, and ``evolve``: how each event changes it.

State is always the fold of the log: ``replay(events)`` and the live state
built one event at a time are the same value. ``evolve`` trusts its events
(``decide`` made them) and never looks at a clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from podium.meeting import speakers, timer
from podium.meeting.amendments import amend_plan, moved_to
from podium.meeting.entries import (
    OBSERVER_STAKEHOLDERS,
    Budget,
    Intervention,
    Participant,
    Removed,
    Request,
    ResponseRound,
    SegmentRun,
    Speech,
    Statement,
    from_the_floor,
    participant_of,
    request_of,
    unregistered,
)
from podium.meeting.events import (
    BudgetSet,
    EmbeddingSet,
    Event,
    FloorGiven,
    FloorRequested,
    FloorTakenBack,
    InterventionTagged,
    ListClosed,
    ListReopened,
    MeetingClosed,
    MeetingCreated,
    MeetingOpened,
    OrderingSet,
    ParticipantAdded,
    ProgrammeAmended,
    RequestMoved,
    RequestRemoved,
    RequestRestored,
    RequestWithdrawn,
    ResponseRoundClosed,
    ResponseRoundOpened,
    SegmentEnded,
    SegmentStarted,
    SpeechEnded,
    SpeechExtended,
    SpeechPaused,
    SpeechResumed,
    StatementAttached,
)
from podium.meeting.ledger import Ledger
from podium.meeting.plan import Plan
from podium.meeting.programme import Programme, planned
from podium.meeting.words import DEFAULT_CLASS_ORDER, FloorClass, Ordering

__all__ = [
    "OBSERVER_STAKEHOLDERS",
    "Budget",
    "Intervention",
    "MeetingState",
    "Participant",
    "Removed",
    "Request",
    "ResponseRound",
    "SegmentRun",
    "Speech",
    "Status",
    "evolve",
    "initial_state",
    "participant_of",
    "replay",
    "request_of",
    "unregistered",
]

Status = Literal["new", "open", "closed"]


def _no_participants() -> Mapping[str, Participant]:
    return MappingProxyType({})


def _no_interventions() -> Ledger[Intervention]:
    return Ledger()


def _none_removed() -> Mapping[int, Removed]:
    return MappingProxyType({})


# A participant of the floor and the channel they asked or spoke by.
FloorKey = tuple[str, str | None]


def _nothing_counted() -> Mapping[FloorKey, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class MeetingState:
    seq: int = 0
    plan: Plan | None = None
    status: Status = "new"
    class_order: tuple[FloorClass, ...] = DEFAULT_CLASS_ORDER
    participants: Mapping[str, Participant] = field(default_factory=_no_participants)
    segment: int | None = None  # the segment running, an index into plan.segments
    segment_runs: tuple[SegmentRun, ...] = ()
    queue: tuple[Request, ...] = ()  # the list of speakers, in the order it will be heard
    list_closed: bool = False
    level_precedence: bool = False  # within a class, a higher level of representation first
    response_round: ResponseRound | None = None
    # The first intervention after the latest response round opened: questions from it on
    # call their panelists to the next round.
    questions_from: int = 1
    removed: Mapping[int, Removed] = field(default_factory=_none_removed)
    speech: Speech | None = None
    # Interventions that have ended; ``interventions`` adds the one under way.
    history: Ledger[Intervention] = field(default_factory=_no_interventions)
    next_request_id: int = 1
    next_intervention_id: int = 1
    created_at: datetime | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    # How the floor is heard within a class (``ordering``), and the groups' time budgets.
    ordering: Ordering = "arrival"
    budgets: tuple[Budget, ...] = ()
    # The floor's part so far, by participant and channel (``balance``), counted as the log
    # is folded so that it costs the same at any length: the requests the floor has made
    # (``entries.from_the_floor``), waiting or not, the shares balance is measured against;
    # and the turns and seconds of its interventions heard (the one under way aside).
    floor_asked: Mapping[FloorKey, int] = field(default_factory=_nothing_counted)
    floor_heard: Mapping[FloorKey, tuple[int, float]] = field(default_factory=_nothing_counted)
    # The sites whose pages may show the big screen in a frame (podium.meeting.embedding).
    embed_origins: tuple[str, ...] = ()
    # Written statements in the order attached (``podium.meeting.statements``).
    statements: tuple[Statement, ...] = ()

    @property
    def created(self) -> bool:
        return self.plan is not None

    @property
    def under_way(self) -> Intervention | None:
        """The intervention of the speech under way, as the record will hold it."""
        return _open_intervention(self.speech) if self.speech else None

    @property
    def interventions(self) -> tuple[Intervention, ...]:
        """Every intervention in the order heard, the one under way (if any) last."""
        done = tuple(self.history)
        return (*done, _open_intervention(self.speech)) if self.speech else done

    @property
    def programme(self) -> Programme | None:
        """The programme as planned for the speakers registered (``programme.planned``)."""
        if self.plan is None:
            return None
        return planned(self.plan, (p.segment for p in self.participants.values()))

    def participant(self, participant_id: str | None) -> Participant | None:
        if not isinstance(participant_id, str):
            return None
        return self.participants.get(participant_id)

    def request(self, request_id: int) -> Request | None:
        """The request ``request_id`` if it is waiting in the list of speakers."""
        for request in self.queue:
            if request.id == request_id:
                return request
        return None

    def intervention(self, intervention_id: int) -> Intervention | None:
        if self.speech is not None and self.speech.intervention_id == intervention_id:
            return _open_intervention(self.speech)
        index = _history_index(self.history, intervention_id)
        return None if index is None else self.history[index]

    def segment_run(self, index: int) -> SegmentRun | None:
        """The latest run of segment ``index``, if it has started."""
        for run in reversed(self.segment_runs):
            if run.index == index:
                return run
        return None


def initial_state() -> MeetingState:
    return MeetingState()


def replay(events: Iterable[Event]) -> MeetingState:
    state = initial_state()
    for event in events:
        state = evolve(state, event)
    return state


_T = TypeVar("_T")


def _with(value: _T, **changes: Any) -> _T:
    """A copy of a frozen dataclass with ``changes``: ``dataclasses.replace`` without its
    checks, which cost most of a replay's time (the fields are always ours and known)."""
    copy = object.__new__(type(value))
    copy.__dict__.update(value.__dict__)
    copy.__dict__.update(changes)
    return copy


def evolve(state: MeetingState, event: Event) -> MeetingState:
    """The state after ``event``; ``seq`` counts the events applied."""
    replace = _with
    seq = state.seq + 1
    match event:
        case MeetingCreated():
            return replace(state, seq=seq, plan=Plan.from_json(event.plan), created_at=event.at)
        case MeetingOpened():
            return replace(
                state,
                seq=seq,
                status="open",
                class_order=tuple(event.class_order),
                level_precedence=event.level_precedence,
                opened_at=event.at,
            )
        case ParticipantAdded():
            participants = dict(state.participants)
            participants[event.participant_id] = participant_of(event)
            return replace(state, seq=seq, participants=MappingProxyType(participants))
        case SegmentStarted():
            state = _end_segment(state, event.at)
            return replace(
                state,
                seq=seq,
                response_round=None,
                segment=event.segment,
                segment_runs=(*state.segment_runs, SegmentRun(event.segment, event.at)),
            )
        case SegmentEnded():
            return replace(_end_segment(state, event.at), seq=seq, response_round=None)
        case FloorRequested():
            request = request_of(event)
            queue = state.queue
            if event.position is not None:
                at = max(0, min(event.position, len(queue)))
            else:
                at = speakers.insert_position(queue, request, state.participants, state.class_order)
            return replace(
                state,
                seq=seq,
                queue=(*queue[:at], request, *queue[at:]),
                next_request_id=max(state.next_request_id, event.request_id + 1),
                floor_asked=_asked(state.floor_asked, request),
            )
        case RequestWithdrawn():
            return replace(state, seq=seq, queue=_without(state.queue, event.request_id))
        case RequestRemoved():
            removed = dict(state.removed)
            for position, request in enumerate(state.queue):
                if request.id == event.request_id:
                    removed[request.id] = Removed(request, position, event.at)
            return replace(
                state,
                seq=seq,
                queue=_without(state.queue, event.request_id),
                removed=MappingProxyType(removed),
            )
        case RequestRestored():
            restored = dict(state.removed)
            taken = restored.pop(event.request_id, None)
            if taken is None or state.request(event.request_id) is not None:
                return replace(state, seq=seq)
            at = max(0, min(event.position, len(state.queue)))
            queue = (*state.queue[:at], taken.request, *state.queue[at:])
            return replace(state, seq=seq, queue=queue, removed=MappingProxyType(restored))
        case FloorTakenBack():
            speech = state.speech
            if speech is None or speech.intervention_id != event.intervention_id:
                return replace(state, seq=seq)
            removed = dict(state.removed)
            if speech.request is not None:
                removed[speech.request.id] = Removed(
                    speech.request, speech.request_position, event.at
                )
            return replace(
                state,
                seq=seq,
                speech=None,
                removed=MappingProxyType(removed),
                # The intervention never happened: its number goes to the next one.
                next_intervention_id=event.intervention_id,
            )
        case ResponseRoundOpened():
            round_ = ResponseRound(event.at, event.limit_seconds)
            return replace(
                state,
                seq=seq,
                response_round=round_,
                questions_from=state.next_intervention_id,
            )
        case ResponseRoundClosed():
            return replace(state, seq=seq, response_round=None)
        case RequestMoved():
            moved = state.request(event.request_id)
            if moved is None:
                return replace(state, seq=seq)
            rest = _without(state.queue, event.request_id)
            at = max(0, min(event.position, len(rest)))
            return replace(state, seq=seq, queue=(*rest[:at], moved, *rest[at:]))
        case FloorGiven():
            if state.speech is not None:
                spoken = timer.elapsed(state.speech, event.at)
                state = _close_speech(state, event.at, spoken, timer.overrun(state.speech, spoken))
            answered = None if event.request_id is None else state.request(event.request_id)
            given = Speech(
                intervention_id=event.intervention_id,
                participant_id=event.participant_id,
                request_id=event.request_id,
                kind=event.kind,
                segment=event.segment,
                started_at=event.at,
                limit_seconds=event.limit_seconds,
                warn_seconds=event.warn_seconds,
                request=answered,
                request_position=state.queue.index(answered) if answered else 0,
            )
            queue = state.queue
            if event.request_id is not None:
                queue = _without(queue, event.request_id)
            return replace(
                state,
                seq=seq,
                queue=queue,
                speech=given,
                next_intervention_id=max(state.next_intervention_id, event.intervention_id + 1),
            )
        case SpeechPaused():
            speech = state.speech
            if speech is None or speech.paused_at is not None:
                return replace(state, seq=seq)
            return replace(state, seq=seq, speech=replace(speech, paused_at=event.at))
        case SpeechResumed():
            speech = state.speech
            if speech is None or speech.paused_at is None:
                return replace(state, seq=seq)
            paused = max(0.0, (event.at - speech.paused_at).total_seconds())
            return replace(
                state,
                seq=seq,
                speech=replace(
                    speech, paused_at=None, paused_seconds=speech.paused_seconds + paused
                ),
            )
        case SpeechExtended():
            speech = state.speech
            if speech is None:
                return replace(state, seq=seq)
            extended = replace(
                speech,
                extended_seconds=speech.extended_seconds + event.seconds,
                overrun_carried=speech.overrun_carried + event.overrun_seconds,
                overrun_mark=max(speech.overrun_mark, timer.elapsed(speech, event.at)),
            )
            return replace(state, seq=seq, speech=extended)
        case SpeechEnded():
            if state.speech is None:
                return replace(state, seq=seq)
            state = _close_speech(state, event.at, event.spoken_seconds, event.overrun_seconds)
            return replace(state, seq=seq)
        case ListClosed():
            return replace(state, seq=seq, list_closed=True)
        case ListReopened():
            return replace(state, seq=seq, list_closed=False)
        case EmbeddingSet():
            return replace(state, seq=seq, embed_origins=event.origins)
        case StatementAttached():
            attached = Statement.of(event, len(state.statements) + 1)
            return replace(state, seq=seq, statements=(*state.statements, attached))
        case InterventionTagged():
            return replace(_tag(state, event), seq=seq)
        case ProgrammeAmended():
            if state.plan is None:
                return replace(state, seq=seq)
            state = replace(state, seq=seq, plan=amend_plan(state.plan, event))
            if event.part == "segments" and event.action != "amend":
                state = _renumber_speakers(state, moved_to(event))
            return state
        case OrderingSet():
            return replace(state, seq=seq, ordering=event.ordering)
        case BudgetSet():
            return replace(state, seq=seq, budgets=_budgeted(state.budgets, event))
        case MeetingClosed():
            state = _end_segment(state, event.at)
            if state.speech is not None:
                spoken = timer.elapsed(state.speech, event.at)
                state = _close_speech(state, event.at, spoken, timer.overrun(state.speech, spoken))
            return replace(state, seq=seq, status="closed", closed_at=event.at)
    return replace(state, seq=seq)  # pragma: no cover - every event is matched above


def _renumber_speakers(state: MeetingState, moved: Callable[[int], int | None]) -> MeetingState:
    """Programme speakers follow their segment to its new place (none: it was removed)."""
    participants = {
        key: p if p.segment is None else _with(p, segment=moved(p.segment))
        for key, p in state.participants.items()
    }
    return _with(state, participants=MappingProxyType(participants))


def _budgeted(budgets: tuple[Budget, ...], event: BudgetSet) -> tuple[Budget, ...]:
    """The budgets with ``event``'s set (in its place when amended) or removed."""
    new = (
        None
        if event.seconds is None
        else Budget(event.dimension, event.group, event.seconds, event.at)
    )
    kept: list[Budget] = []
    for budget in budgets:
        if (budget.dimension, budget.group) == (event.dimension, event.group):
            if new is not None:
                kept.append(new)
                new = None
        else:
            kept.append(budget)
    return (*kept, new) if new is not None else tuple(kept)


def _without(queue: tuple[Request, ...], request_id: int) -> tuple[Request, ...]:
    return tuple(r for r in queue if r.id != request_id)


def _open_intervention(speech: Speech) -> Intervention:
    return Intervention(
        id=speech.intervention_id,
        participant_id=speech.participant_id,
        request_id=speech.request_id,
        kind=speech.kind,
        segment=speech.segment,
        start=speech.started_at,
        end=None,
        limit_seconds=speech.limit_seconds,
        extended_seconds=speech.extended_seconds,
        spoken_seconds=None,
        overrun_seconds=None,
        questions=speech.questions,
        note=speech.note,
        group=speech.request.group if speech.request else None,
        to=speech.request.to if speech.request else None,
        channel=speech.request.channel if speech.request else None,
        programme=speech.request.programme if speech.request else False,
    )


def _close_speech(state: MeetingState, at: datetime, spoken: float, overrun: float) -> MeetingState:
    done = _with(
        _open_intervention(state.speech),  # type: ignore[arg-type]
        end=at,
        spoken_seconds=spoken,
        overrun_seconds=overrun,
    )
    heard = state.floor_heard
    if from_the_floor(done):
        counts = dict(heard)
        turns, seconds = counts.get((done.participant_id, done.channel), (0, 0.0))
        counts[done.participant_id, done.channel] = (turns + 1, seconds + spoken)
        heard = MappingProxyType(counts)
    return _with(state, speech=None, history=state.history.append(done), floor_heard=heard)


def _asked(asked: Mapping[FloorKey, int], request: Request) -> Mapping[FloorKey, int]:
    if not from_the_floor(request):
        return asked
    counts = dict(asked)
    counts[request.participant_id, request.channel] = (
        counts.get((request.participant_id, request.channel), 0) + 1
    )
    return MappingProxyType(counts)


def _end_segment(state: MeetingState, at: datetime) -> MeetingState:
    if state.segment is None:
        return state
    runs = list(state.segment_runs)
    for i in range(len(runs) - 1, -1, -1):
        if runs[i].index == state.segment and runs[i].end is None:
            runs[i] = _with(runs[i], end=at)
            break
    return _with(state, segment=None, segment_runs=tuple(runs))


def _history_index(history: Ledger[Intervention], intervention_id: int) -> int | None:
    # Interventions are numbered from 1 in the order they end, one at a time.
    guess = intervention_id - 1
    if 0 <= guess < len(history) and history[guess].id == intervention_id:
        return guess
    for index, intervention in enumerate(history):
        if intervention.id == intervention_id:
            return index
    return None


def _tag(state: MeetingState, event: InterventionTagged) -> MeetingState:
    questions = tuple(event.questions)
    if state.speech is not None and state.speech.intervention_id == event.intervention_id:
        speech = _with(state.speech, questions=questions, note=event.note)
        return _with(state, speech=speech)
    index = _history_index(state.history, event.intervention_id)
    if index is None:
        return state
    tagged = _with(state.history[index], questions=questions, note=event.note)
    return _with(state, history=state.history.replace(index, tagged))
