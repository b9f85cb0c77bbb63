"""What the pages show of a meeting's state at an instant, ready for the templates.

One place turns ``MeetingState`` into plain values (who, what kind, how long
left, which light), so that every page shows the same numbers the core counts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from podium.i18n import _, ngettext
from podium.meeting import timer
from podium.meeting.groups import GROUPS
from podium.meeting.privacy import Audience, visible_note, visible_participant
from podium.meeting.programme import (
    ListFit,
    list_fit,
    meeting_seconds_left,
    segment_seconds_left,
)
from podium.meeting.state import Intervention, MeetingState, Participant, unregistered
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
    group: str | None = None  # the group it speaks for, by name
    to: Participant | None = None  # the panelist a question is for


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
    group: str | None = None
    to: Participant | None = None


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
class TagTarget:
    """The intervention the Chair's tag form acts on: the speech, or the last one heard."""

    intervention_id: int
    person: Participant
    questions: tuple[int, ...]
    note: str
    speaking: bool


@dataclass(frozen=True)
class Time:
    """What is left of the running segment and of the meeting, and whether the list fits."""

    segment_left: float | None  # seconds; negative past the segment's planned end
    meeting_left: float | None
    fit: ListFit | None


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
    question: str | None  # the guiding question the current speech is tagged with
    tag: TagTarget | None
    time: Time
    everyone: Mapping[str, Participant] = field(default_factory=dict, repr=False, compare=False)
    viewer: Audience = field(default="staff", repr=False, compare=False)

    @cached_property
    def participants(self) -> tuple[Participant, ...]:
        """Everyone registered, as the viewer may see them: drawn only by the pages that list
        them (the Chair's and the secretariat's), not on each event for the hall's pages."""
        return tuple(visible_participant(p, self.viewer) for p in self.everyone.values())

    @property
    def closed(self) -> bool:
        return self.status == "closed"

    @property
    def fit_text(self) -> str:
        """``7 requests × 3 min = 21 min; 14 min left: 7 min over``, or empty when unknown."""
        return fit_sentence(self.time.fit)


def someone(state: MeetingState, participant_id: str, viewer: Audience = "staff") -> Participant:
    """The participant as ``viewer`` may see them, or a stand-in naming the unknown id (a log
    is never refused)."""
    found = state.participant(participant_id)
    if found is not None:
        return visible_participant(found, viewer)
    return unregistered(participant_id)


def live(state: MeetingState, now: datetime, viewer: Audience = "staff") -> Live:
    """The state at ``now`` as ``viewer`` may see it (``privacy`` says what is private)."""
    queue = tuple(
        Waiting(
            r.id,
            someone(state, r.participant_id, viewer),
            r.kind,
            r.channel,
            i + 1,
            group_name(r.group),
            someone(state, r.to, viewer) if r.to else None,
        )
        for i, r in enumerate(state.queue)
    )
    speech = None
    question = None
    if state.speech is not None:
        s = state.speech
        speech = SpeechView(
            intervention_id=s.intervention_id,
            person=someone(state, s.participant_id, viewer),
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
            note=visible_note(s.note, viewer),
            group=group_name(s.request.group if s.request else None),
            to=someone(state, s.request.to, viewer) if s.request and s.request.to else None,
        )
        questions = state.plan.questions if state.plan else ()
        for number in s.questions:
            if 1 <= number <= len(questions):
                question = questions[number - 1]
                break
    # Only the last intervention heard: the history is paged (``podium.web.history``).
    last = spoken(state, state.history[-1], viewer) if state.history else None
    return Live(
        seq=state.seq,
        server_time=now.isoformat(),
        status=state.status,
        segment=state.segment,
        list_closed=state.list_closed,
        speech=speech,
        queue=queue,
        point_of_order=next((w for w in queue if w.kind == POINT_OF_ORDER), None),
        everyone=state.participants,
        viewer=viewer,
        question=question,
        tag=_tag_target(speech, last),
        time=_time(state, now),
    )


def spoken(state: MeetingState, done: Intervention, viewer: Audience = "staff") -> Spoken:
    """An intervention that has ended, as ``viewer`` may see it."""
    return Spoken(
        intervention_id=done.id,
        person=someone(state, done.participant_id, viewer),
        kind=done.kind,
        segment=done.segment,
        spoken_seconds=done.spoken_seconds or 0.0,
        questions=done.questions,
        note=visible_note(done.note, viewer),
    )


def _tag_target(speech: SpeechView | None, last: Spoken | None) -> TagTarget | None:
    if speech is not None:
        return TagTarget(speech.intervention_id, speech.person, speech.questions, speech.note, True)
    if last is not None:
        return TagTarget(last.intervention_id, last.person, last.questions, last.note, False)
    return None


def _time(state: MeetingState, now: datetime) -> Time:
    plan, programme = state.plan, state.programme
    if plan is None or programme is None or state.status != "open":
        return Time(None, None, None)
    meeting_left = meeting_seconds_left(plan, state.opened_at, now)
    segment_left = None
    run = state.segment_run(state.segment) if state.segment is not None else None
    if state.segment is not None and run is not None:
        segment_left = segment_seconds_left(programme, state.segment, run.start, now)
    left = segment_left if segment_left is not None else meeting_left
    if not state.queue or state.segment is None:
        return Time(segment_left, meeting_left, None)
    scheduled = programme.segments[state.segment]
    limits = [
        scheduled.limit(speaker.floor_class if speaker else None).seconds
        for speaker in (state.participant(r.participant_id) for r in state.queue)
    ]
    return Time(segment_left, meeting_left, list_fit(limits, left))


def fit_sentence(fit: ListFit | None) -> str:
    """The list against the time left, in words: ``7 requests × 3 min = 21 min; ...``."""
    if fit is None or fit.needed_minutes is None:
        return ""
    if fit.minutes_each is None:  # limits that differ by class of speaker
        sentence = ngettext(
            "{count} request = {needed} min", "{count} requests = {needed} min", fit.requests
        ).format(count=fit.requests, needed=_minutes(fit.needed_minutes))
    else:
        sentence = ngettext(
            "{count} request × {each} min = {needed} min",
            "{count} requests × {each} min = {needed} min",
            fit.requests,
        ).format(
            count=fit.requests,
            each=_minutes(fit.minutes_each),
            needed=_minutes(fit.needed_minutes),
        )
    if fit.left_minutes is None or fit.over_minutes is None:
        return sentence
    if fit.over_minutes > 0:
        verdict = _("{left} min left: {over} min over").format(
            left=math.floor(fit.left_minutes), over=math.ceil(fit.over_minutes)
        )
    else:
        verdict = _("{left} min left: it fits").format(left=math.floor(fit.left_minutes))
    return f"{sentence}; {verdict}"


def _minutes(value: float) -> str:
    """Whole minutes as they are; a part of a minute to one decimal (2.5)."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:g}"


def group_name(key: str | None) -> str | None:
    """The name of the group a statement is on behalf of, in the reader's language."""
    if not key:
        return None
    return _(GROUPS[key]) if key in GROUPS else key


def requests_of(view: Live, participant_id: str) -> tuple[Waiting, ...]:
    return tuple(w for w in view.queue if w.person.id == participant_id)
