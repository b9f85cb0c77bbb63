"""The record of a meeting: a view of its state, read from its log and nothing else.

Every intervention (who, for whom, where, when, how long, against which
limit, which guiding questions it answered, the note taken), every request
for the floor and what became of it, and each segment as held. Time spoken,
pauses and segment runs are the state's own (``evolve`` counts them once);
the record adds only a small projection of the log's history (``podium.record.history``):
what became of each request, and the programme as first planned with its amendments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from podium.i18n import _
from podium.meeting import budgets, timer
from podium.meeting.budgets import BudgetUse
from podium.meeting.entries import Statement
from podium.meeting.events import Event
from podium.meeting.groups import GROUPS
from podium.meeting.participants import ParticipantFields, details
from podium.meeting.plan import Plan, PlanFormatError
from podium.meeting.state import Intervention as StateIntervention
from podium.meeting.state import MeetingState, Participant, evolve, initial_state, unregistered
from podium.meeting.statements import current, delivered_in
from podium.meeting.words import Dimension
from podium.record.amendments import AmendmentHeld, amended
from podium.record.groups import (
    CHANNEL_KEYS,
    DEVELOPMENT_KEYS,
    GENDER_KEYS,
    NOT_STATED,
    REGION_KEYS,
    STAKEHOLDER_KEYS,
    stakeholder_group,
    without_country,
)
from podium.record.history import (
    FOLLOWED,
    NO_HISTORY,
    Asked,
    History,
    Outcome,
    at_last,
    follow,
)
from podium.record.segments import SegmentHeld, segments_held
from podium.reference import (
    country_name,
    development_group,
    find_country,
    reporting_region,
    speaks_for,
)
from podium.wire import EventFormatError, decode_event

KNOWN_GROUPS: dict[str, tuple[str, ...]] = {
    "region": REGION_KEYS,
    "development_group": DEVELOPMENT_KEYS,
    "stakeholder_group": STAKEHOLDER_KEYS,
    "gender": GENDER_KEYS,
    "channel": CHANNEL_KEYS,
}


class RecordError(ValueError):
    """The log cannot give a record: no such meeting, or an unreadable event (says which)."""


@dataclass(frozen=True, kw_only=True)
class Speaker(ParticipantFields):
    """A registered participant, with the groups the statistics count them in."""

    participant_id: str
    region: str
    subregion: str | None
    development_group: str
    stakeholder_group: str

    @property
    def country_name(self) -> str | None:
        """The UN's name of their country, in the language spoken now."""
        return country_name(self.country)

    @property
    def represents(self) -> str:
        """For whom they speak: the delegation, the organisation or the country, a country
        by the UN's name in the language spoken now."""
        who, _country = speaks_for(self.delegation, self.organisation, self.country)
        return who or self.name

    @property
    def label(self) -> str:
        """``Ms. A. Diallo (Senegal)`` for a named person, the delegation alone for the floor."""
        if self.role == "participant" and self.represents != self.name:
            return self.represents
        if self.represents != self.name:
            return f"{self.name} ({self.represents})"
        return self.name

    def group(self, dimension: str) -> str:
        if dimension == "gender":
            return self.gender or NOT_STATED
        value: str = getattr(self, dimension)
        return value


@dataclass(frozen=True)
class Intervention:
    id: int
    speaker: Speaker
    request_id: int | None
    kind: str
    segment: int | None
    segment_title: str | None
    channel: str
    start: datetime
    end: datetime | None
    spoken_seconds: float
    limit_seconds: int | None
    extended_seconds: int
    overrun_seconds: float
    questions: tuple[int, ...]
    note: str
    requested_at: datetime | None
    # On behalf of this group of States (a key of ``meeting.groups.GROUPS``).
    on_behalf_of: str | None = None
    # The panelist a question was for (a participant id).
    question_to: str | None = None
    # The written statement that goes with it (its file's name), if one was attached.
    statement: str | None = None

    @property
    def speaking_as(self) -> str:
        """The speaker's label, and the group they spoke for: "Cuba, on behalf of the G77"."""
        if self.on_behalf_of is None:
            return self.speaker.label
        group = _(GROUPS.get(self.on_behalf_of, self.on_behalf_of))
        return _("{speaker}, on behalf of the {group}").format(
            speaker=self.speaker.label, group=group
        )

    @property
    def allowed_seconds(self) -> int | None:
        """The limit with its extensions: what the speaker was given."""
        if self.limit_seconds is None:
            return None
        return self.limit_seconds + self.extended_seconds

    def group(self, dimension: str) -> str:
        if dimension == "channel":
            return self.channel
        return self.speaker.group(dimension)


@dataclass(frozen=True)
class FloorRequest:
    """A request for the floor and what became of it."""

    request_id: int
    speaker: Speaker
    kind: str
    channel: str
    segment: int | None
    requested_at: datetime
    outcome: Outcome
    outcome_at: datetime | None
    intervention_id: int | None
    programme: bool = False

    @property
    def heard(self) -> bool:
        return self.outcome == "heard"

    def group(self, dimension: str) -> str:
        if dimension == "channel":
            return self.channel
        return self.speaker.group(dimension)


@dataclass(frozen=True)
class Record:
    meeting_id: str
    plan: Plan
    last_seq: int
    created_at: datetime | None
    opened_at: datetime | None
    closed_at: datetime | None
    list_closed_at: datetime | None
    speakers: tuple[Speaker, ...]
    interventions: tuple[Intervention, ...]
    requests: tuple[FloorRequest, ...]
    segments: tuple[SegmentHeld, ...]
    # The programme as created, before any amendment; ``plan`` is the programme as amended.
    planned: Plan | None = None
    amendments: tuple[AmendmentHeld, ...] = ()
    # The groups' time budgets the Chair set, against the floor's time each group used.
    budgets: tuple[BudgetUse, ...] = ()

    @property
    def unheard(self) -> tuple[FloorRequest, ...]:
        """Who asked for the floor and did not get it: part of the record."""
        return tuple(r for r in self.requests if not r.heard)

    @property
    def floor_requests(self) -> tuple[FloorRequest, ...]:
        """Requests made from the floor: not the programme speakers queued by their segment."""
        return tuple(r for r in self.requests if not r.programme)

    @property
    def spoken_seconds(self) -> float:
        return sum(i.spoken_seconds for i in self.interventions)


def speaker_from(participant: Participant, on: date | None) -> Speaker:
    """The participant with the groups they are counted in, by the LDC list in force ``on``."""
    code = participant.country.strip().upper() if participant.country else None
    found = find_country(code) if code else None
    group = stakeholder_group(participant.stakeholder, participant.observer)
    return Speaker(
        **{**details(participant), "country": found.alpha2 if found else code},
        participant_id=participant.id,
        region=reporting_region(found) if found else without_country(group),
        subregion=found.subregion if found else None,
        development_group=development_group(found, on) if found else without_country(group),
        stakeholder_group=group,
    )


_SPEAKERS: dict[tuple[str, date | None], tuple[Participant, Speaker]] = {}


def _speaker(participant: Participant, on: date | None) -> Speaker:
    """``speaker_from``, kept per participant as long as it is the same registration."""
    key = (participant.id, on)
    held = _SPEAKERS.get(key)
    if held is not None and held[0] is participant:
        return held[1]
    if len(_SPEAKERS) > 100_000:
        _SPEAKERS.clear()
    speaker = speaker_from(participant, on)
    _SPEAKERS[key] = (participant, speaker)
    return speaker


class SpeakerGrouping:
    """The floor's balance (``podium.meeting.balance``) counted by the groups the record
    counts speakers in, with the LDC list in force ``on`` the meeting's day."""

    def __init__(self, on: date | None) -> None:
        self.on = on

    def group(self, participant: Participant, dimension: Dimension) -> str:
        if dimension == "channel":
            return participant.channel
        return _speaker(participant, self.on).group(dimension)

    def known(self, dimension: Dimension) -> Sequence[str]:
        return KNOWN_GROUPS.get(dimension, ())


def meeting_day(state: MeetingState) -> date | None:
    """The day whose LDC list counts: the meeting's planned day, else the day it was created."""
    if state.plan is not None and state.plan.start is not None:
        return state.plan.start.date()
    return state.created_at.date() if state.created_at else None


def _intervention(
    state: MeetingState,
    history: History,
    asked: dict[int, Asked],
    speakers: dict[str, Speaker],
    done: StateIntervention,
    attached: tuple[Statement, ...] = (),
) -> Intervention:
    plan = state.plan
    statement = next((s for s in attached if delivered_in(s, (done,)) is not None), None)
    speaker = speakers.get(done.participant_id) or speaker_from(
        unregistered(done.participant_id), meeting_day(state)
    )
    request = asked.get(done.request_id) if done.request_id is not None else None
    if done.end is not None and done.spoken_seconds is not None:
        end: datetime | None = done.end
        spoken, overrun = done.spoken_seconds, done.overrun_seconds or 0.0
    else:
        # Still speaking when the record is read: counted up to the log's last event.
        assert state.speech is not None  # the one open intervention is the speech
        end = history.last_at or done.start
        spoken = timer.elapsed(state.speech, end)
        overrun = timer.overrun(state.speech, spoken)
    segment_title = None
    if plan is not None and done.segment is not None and 0 <= done.segment < len(plan.segments):
        segment_title = plan.segments[done.segment].title
    return Intervention(
        id=done.id,
        speaker=speaker,
        request_id=done.request_id,
        kind=done.kind,
        segment=done.segment,
        segment_title=segment_title,
        channel=request.channel if request is not None else speaker.channel,
        start=done.start,
        end=end,
        spoken_seconds=spoken,
        limit_seconds=done.limit_seconds,
        extended_seconds=done.extended_seconds,
        overrun_seconds=overrun,
        questions=tuple(sorted(set(done.questions))),
        note=done.note,
        requested_at=request.at if request is not None else None,
        on_behalf_of=done.group,
        question_to=done.to,
        statement=statement.filename if statement is not None else None,
    )


def _request(state: MeetingState, speakers: dict[str, Speaker], asked: Asked) -> FloorRequest:
    return FloorRequest(
        request_id=asked.id,
        speaker=speakers.get(asked.participant_id)
        or speaker_from(unregistered(asked.participant_id), meeting_day(state)),
        kind=asked.kind,
        channel=asked.channel,
        segment=asked.segment,
        requested_at=asked.at,
        outcome=asked.outcome,
        outcome_at=asked.outcome_at,
        intervention_id=asked.intervention_id,
        programme=asked.programme,
    )


def read_record(
    meeting_id: str, state: MeetingState, history: History, last_seq: int | None = None
) -> Record:
    """The record of a meeting: its state, and what became of each request."""
    plan = state.plan
    if plan is None:
        raise RecordError(_("Meeting {meeting} has no plan in its log.").format(meeting=meeting_id))
    day = meeting_day(state)
    speakers = {pid: speaker_from(p, day) for pid, p in state.participants.items()}
    requests = history.requests()
    by_id = {request.id: request for request in requests}
    attached = current(state.statements)
    interventions = tuple(
        _intervention(state, history, by_id, speakers, done, attached)
        for done in state.interventions
    )
    return Record(
        meeting_id=meeting_id,
        plan=plan,
        last_seq=state.seq if last_seq is None else last_seq,
        created_at=state.created_at,
        opened_at=state.opened_at,
        closed_at=state.closed_at,
        list_closed_at=history.list_closed_at,
        speakers=tuple(speakers.values()),
        interventions=interventions,
        requests=tuple(_request(state, speakers, asked) for asked in requests),
        segments=segments_held(plan, state.segment_runs, speakers.values(), interventions),
        planned=history.planned,
        amendments=_amendments(history),
        budgets=budgets.uses(
            state, SpeakerGrouping(day), state.closed_at or history.last_at or datetime.min
        ),
    )


def _amendments(history: History) -> tuple[AmendmentHeld, ...]:
    """Each amendment told against the programme as it stood just before it."""
    if history.planned is None:
        return ()
    plan, told = history.planned, []
    for event in history.amendments:
        plan, held = amended(plan, event)
        told.append(held)
    return tuple(told)


def record_from_events(meeting_id: str, events: Iterable[Event]) -> Record:
    """The record read from a log: its state replayed beside its history."""
    state, history, last = initial_state(), NO_HISTORY, None
    for event in events:
        state = evolve(state, event)
        if isinstance(event, FOLLOWED):  # the others would only move its last instant
            history = follow(history, event)
        last = event
    if last is not None:
        history = at_last(history, last)
    return read_record(meeting_id, state, history)


def decode_log(meeting_id: str, texts: Sequence[tuple[int, str]]) -> list[Event]:
    """The log's JSON texts as events; an unreadable one is named by its number."""
    events = []
    for seq, text in texts:
        try:
            events.append(decode_event(text))
        except EventFormatError as exc:
            raise RecordError(
                _("Meeting {meeting}, event {seq}: {problem}").format(
                    meeting=meeting_id, seq=seq, problem=exc
                )
            ) from None
    return events


def record_from_texts(meeting_id: str, texts: Sequence[tuple[int, str]]) -> Record:
    """The record from ``(seq, JSON text)`` pairs as the store gives them."""
    if not texts:
        raise RecordError(
            _("There is no meeting '{meeting}' in the store.").format(meeting=meeting_id)
        )
    try:
        return record_from_events(meeting_id, decode_log(meeting_id, texts))
    except PlanFormatError as exc:
        raise RecordError(
            _("Meeting {meeting}: its plan cannot be read ({problem}).").format(
                meeting=meeting_id, problem=exc
            )
        ) from None
