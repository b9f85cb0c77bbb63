"""The record of a meeting, read from its log and nothing else.

Every intervention (who, for whom, where, when, how long, against which
limit, which guiding questions it answered, the note taken), every request
for the floor and what became of it, and each segment as held.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from podium.i18n import _
from podium.meeting import timer
from podium.meeting.amendments import moved_to
from podium.meeting.events import (
    Event,
    FloorGiven,
    FloorRequested,
    FloorTakenBack,
    InterventionTagged,
    ListClosed,
    MeetingClosed,
    MeetingCreated,
    MeetingOpened,
    ParticipantAdded,
    ProgrammeAmended,
    RequestRemoved,
    RequestRestored,
    RequestWithdrawn,
    SegmentEnded,
    SegmentStarted,
    SpeechEnded,
    SpeechExtended,
    SpeechPaused,
    SpeechResumed,
)
from podium.meeting.groups import GROUPS
from podium.meeting.plan import Plan, PlanFormatError
from podium.meeting.state import Speech
from podium.record.amendments import AmendmentHeld, amended
from podium.record.groups import NO_COUNTRY, NOT_STATED, stakeholder_group
from podium.record.segments import SegmentHeld, segments_held
from podium.reference import development_group, find_country, reporting_region
from podium.wire import EventFormatError, decode_event

Outcome = Literal["heard", "withdrawn", "removed", "waiting"]


class RecordError(ValueError):
    """The log cannot give a record: no such meeting, or an unreadable event (says which)."""


@dataclass(frozen=True)
class Speaker:
    """A registered participant, with the groups the statistics count them in."""

    participant_id: str
    name: str
    role: str
    delegation: str | None
    organisation: str | None
    country: str | None
    country_name: str | None
    region: str
    subregion: str | None
    development_group: str
    stakeholder: str
    stakeholder_group: str
    observer: bool
    gender: str
    channel: str
    segment: int | None

    @property
    def represents(self) -> str:
        """For whom they speak: the delegation, else the organisation, else the country."""
        return self.delegation or self.organisation or self.country_name or self.name

    @property
    def label(self) -> str:
        """``Ms. A. Diallo (Senegal)`` for a named person, the delegation alone for the floor."""
        if self.role == "participant" and self.represents != self.name:
            return self.represents
        if self.represents != self.name:
            return f"{self.name} ({self.represents})"
        return self.name

    def group(self, dimension: str) -> str:
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


@dataclass
class _Open:
    """An intervention while it is being read."""

    given: FloorGiven
    paused_at: datetime | None = None
    paused_seconds: float = 0.0
    extended: int = 0
    overrun_carried: float = 0.0
    overrun_mark: float = 0.0
    ended: SpeechEnded | None = None
    questions: tuple[int, ...] = ()
    note: str = ""


@dataclass
class _Reading:
    plan: Plan | None = None
    planned: Plan | None = None
    amendments: list[AmendmentHeld] = field(default_factory=list)
    created_at: datetime | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    list_closed_at: datetime | None = None
    last_at: datetime | None = None
    speakers: dict[str, Speaker] = field(default_factory=dict)
    requests: dict[int, FloorRequested] = field(default_factory=dict)
    fates: dict[int, tuple[Outcome, datetime | None, int | None]] = field(default_factory=dict)
    interventions: dict[int, _Open] = field(default_factory=dict)
    segment_events: list[SegmentStarted | SegmentEnded] = field(default_factory=list)


def speaker_from(event: ParticipantAdded) -> Speaker:
    code = event.country.strip().upper() if event.country else None
    found = find_country(code) if code else None
    return Speaker(
        participant_id=event.participant_id,
        name=event.name,
        role=event.role,
        delegation=event.delegation,
        organisation=event.organisation,
        country=found.alpha2 if found else code,
        country_name=found.name if found else None,
        region=reporting_region(found) if found else NO_COUNTRY,
        subregion=found.subregion if found else None,
        # The LDC list in force when the participant was registered for the meeting.
        development_group=development_group(found, event.at.date()) if found else NO_COUNTRY,
        stakeholder=event.stakeholder,
        stakeholder_group=stakeholder_group(event.stakeholder, event.observer),
        observer=event.observer,
        gender=event.gender or NOT_STATED,
        channel=event.channel,
        segment=event.segment,
    )


def _unknown_speaker(participant_id: str) -> Speaker:
    """A speaker the log never registered: kept, so that no time goes uncounted."""
    return Speaker(
        participant_id=participant_id,
        name=participant_id,
        role="other",
        delegation=None,
        organisation=None,
        country=None,
        country_name=None,
        region=NO_COUNTRY,
        subregion=None,
        development_group=NO_COUNTRY,
        stakeholder="other",
        stakeholder_group="other",
        observer=False,
        gender=NOT_STATED,
        channel="room",
        segment=None,
    )


def _read(reading: _Reading, event: Event) -> None:
    reading.last_at = event.at
    match event:
        case MeetingCreated():
            reading.plan = reading.planned = Plan.from_json(event.plan)
            reading.created_at = event.at
        case ProgrammeAmended():
            if reading.plan is not None:
                reading.plan, held = amended(reading.plan, event)
                reading.amendments.append(held)
                if event.part == "segments" and event.action != "amend":
                    moved = moved_to(event)
                    for key, s in reading.speakers.items():
                        if s.segment is not None:
                            reading.speakers[key] = replace(s, segment=moved(s.segment))
        case MeetingOpened():
            reading.opened_at = reading.opened_at or event.at
        case MeetingClosed():
            reading.closed_at = event.at
        case ListClosed():
            reading.list_closed_at = event.at
        case ParticipantAdded():
            reading.speakers[event.participant_id] = speaker_from(event)
        case SegmentStarted() | SegmentEnded():
            reading.segment_events.append(event)
        case FloorRequested():
            reading.requests[event.request_id] = event
        case RequestWithdrawn():
            reading.fates[event.request_id] = ("withdrawn", event.at, None)
        case RequestRemoved():
            reading.fates[event.request_id] = ("removed", event.at, None)
        case RequestRestored():
            reading.fates.pop(event.request_id, None)
        case FloorTakenBack():
            # Given by a slip and taken back at once: no intervention, the request waits again.
            taken = reading.interventions.pop(event.intervention_id, None)
            if taken is not None and taken.given.request_id is not None:
                reading.fates.pop(taken.given.request_id, None)
        case FloorGiven():
            reading.interventions[event.intervention_id] = _Open(event)
            if event.request_id is not None:
                reading.fates[event.request_id] = ("heard", event.at, event.intervention_id)
        case SpeechPaused():
            if (speech := reading.interventions.get(event.intervention_id)) is not None:
                speech.paused_at = event.at
        case SpeechResumed():
            speech = reading.interventions.get(event.intervention_id)
            if speech is not None and speech.paused_at is not None:
                speech.paused_seconds += (event.at - speech.paused_at).total_seconds()
                speech.paused_at = None
        case SpeechExtended():
            if (speech := reading.interventions.get(event.intervention_id)) is not None:
                spoken = timer.elapsed(_speech(speech), event.at)
                speech.extended += event.seconds
                speech.overrun_carried += event.overrun_seconds
                speech.overrun_mark = max(speech.overrun_mark, spoken)
        case SpeechEnded():
            if (speech := reading.interventions.get(event.intervention_id)) is not None:
                speech.ended = event
        case InterventionTagged():
            if (speech := reading.interventions.get(event.intervention_id)) is not None:
                speech.questions = tuple(sorted(set(event.questions)))
                speech.note = event.note
        case _:
            pass


def _speech(speech: _Open) -> Speech:
    """The speech as the timer sees it, so that the record counts as the timer does."""
    given = speech.given
    return Speech(
        intervention_id=given.intervention_id,
        participant_id=given.participant_id,
        request_id=given.request_id,
        kind=given.kind,
        segment=given.segment,
        started_at=given.at,
        limit_seconds=given.limit_seconds,
        warn_seconds=given.warn_seconds,
        extended_seconds=speech.extended,
        paused_at=speech.paused_at,
        paused_seconds=speech.paused_seconds,
        overrun_carried=speech.overrun_carried,
        overrun_mark=speech.overrun_mark,
    )


def _intervention(reading: _Reading, plan: Plan, speech: _Open) -> Intervention:
    given = speech.given
    speaker = reading.speakers.get(given.participant_id) or _unknown_speaker(given.participant_id)
    request = reading.requests.get(given.request_id) if given.request_id is not None else None
    if speech.ended is not None:
        end: datetime | None = speech.ended.at
        spoken = speech.ended.spoken_seconds
        overrun = speech.ended.overrun_seconds
    else:
        # Never ended in the log (the meeting closed mid-speech): count up to the last event.
        end = reading.closed_at or reading.last_at
        running = _speech(speech)
        spoken = timer.elapsed(running, end or given.at)
        overrun = timer.overrun(running, spoken)
    segment_title = None
    if given.segment is not None and 0 <= given.segment < len(plan.segments):
        segment_title = plan.segments[given.segment].title
    return Intervention(
        id=given.intervention_id,
        speaker=speaker,
        request_id=given.request_id,
        kind=given.kind,
        segment=given.segment,
        segment_title=segment_title,
        channel=request.channel if request is not None else speaker.channel,
        start=given.at,
        end=end,
        spoken_seconds=spoken,
        limit_seconds=given.limit_seconds,
        extended_seconds=speech.extended,
        overrun_seconds=overrun,
        questions=speech.questions,
        note=speech.note,
        requested_at=request.at if request is not None else None,
        on_behalf_of=request.group if request is not None else None,
        question_to=request.to if request is not None else None,
    )


def _request(reading: _Reading, request: FloorRequested) -> FloorRequest:
    waiting: tuple[Outcome, datetime | None, int | None] = ("waiting", None, None)
    outcome, at, intervention = reading.fates.get(request.request_id, waiting)
    return FloorRequest(
        request_id=request.request_id,
        speaker=reading.speakers.get(request.participant_id)
        or _unknown_speaker(request.participant_id),
        kind=request.kind,
        channel=request.channel,
        segment=request.segment,
        requested_at=request.at,
        outcome=outcome,
        outcome_at=at,
        intervention_id=intervention,
        programme=request.programme,
    )


def read_record(meeting_id: str, events: Iterable[Event], last_seq: int = 0) -> Record:
    """The record of a meeting from its events, in log order."""
    reading = _Reading()
    for event in events:
        _read(reading, event)
    if reading.plan is None:
        raise RecordError(_("Meeting {meeting} has no plan in its log.").format(meeting=meeting_id))
    plan = reading.plan
    interventions = tuple(
        _intervention(reading, plan, speech)
        for speech in sorted(reading.interventions.values(), key=lambda s: s.given.at)
    )
    requests = tuple(
        _request(reading, r) for r in sorted(reading.requests.values(), key=lambda r: r.request_id)
    )
    speakers = tuple(reading.speakers.values())
    return Record(
        meeting_id=meeting_id,
        plan=plan,
        last_seq=last_seq,
        created_at=reading.created_at,
        opened_at=reading.opened_at,
        closed_at=reading.closed_at,
        list_closed_at=reading.list_closed_at,
        speakers=speakers,
        interventions=interventions,
        requests=requests,
        segments=segments_held(
            plan, reading.segment_events, speakers, interventions, reading.closed_at
        ),
        planned=reading.planned,
        amendments=tuple(reading.amendments),
    )


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
        return read_record(meeting_id, decode_log(meeting_id, texts), texts[-1][0])
    except PlanFormatError as exc:
        raise RecordError(
            _("Meeting {meeting}: its plan cannot be read ({problem}).").format(
                meeting=meeting_id, problem=exc
            )
        ) from None
