"""Amending the programme while the meeting is prepared or held: the rules.

The Chair and the secretariat may change the segments, guiding questions and
supporting documents until the meeting closes. Choices:

- a segment that has started (running or ended) is part of the record and
  keeps its rule and its place: it cannot be changed, removed or moved, and
  no segment may be added or moved before it (that would renumber it);
- removing a segment makes its registered programme speakers speak from the
  floor; moving or adding one keeps them with their segment;
- a guiding question used to tag an intervention may be reworded (a typo is
  a typo) but not removed, and no change may renumber it: the record's tags
  keep their meaning. Refused rather than remapped, so that a tag never
  silently points at another question.
"""

from __future__ import annotations

from datetime import datetime

from podium.meeting.amendments import (
    MAX_ITEMS,
    document_problems,
    document_to_json,
    question_problem,
    segment_problems,
)
from podium.meeting.commands import (
    AddDocument,
    AddQuestion,
    AddSegment,
    AmendDocument,
    Amendment,
    AmendQuestion,
    AmendSegment,
    MoveQuestion,
    MoveSegment,
    RemoveDocument,
    RemoveQuestion,
    RemoveSegment,
)
from podium.meeting.events import Event, ProgrammeAmended
from podium.meeting.plan import ROLES, ClassLimit, Document, Plan, Segment, segment_to_json
from podium.meeting.refusal import N_, Refusal, refuse
from podium.meeting.registration import is_whole_number
from podium.meeting.state import MeetingState
from podium.meeting.words import Actor

Decision = tuple[Event, ...] | Refusal


def amend(state: MeetingState, command: Amendment, by: Actor, now: datetime) -> Decision:
    """The ``ProgrammeAmended`` event that carries out ``command``, or why not."""
    plan = state.plan
    if plan is None:  # pragma: no cover - decide checks that the meeting exists
        return refuse(N_("The meeting has not been created."))
    match command:
        case AmendSegment() | AddSegment() | RemoveSegment() | MoveSegment():
            return _segments(state, plan, command, by, now)
        case AmendQuestion() | AddQuestion() | RemoveQuestion() | MoveQuestion():
            return _questions(state, plan, command, by, now)
    return _documents(plan, command, by, now)


def _event(by: Actor, now: datetime, part: str, action: str, index: int, **more: object) -> Event:
    return ProgrammeAmended(at=now, by=by.role, part=part, action=action, index=index, **more)  # type: ignore[arg-type]


# -- segments --------------------------------------------------------------------


def _segments(
    state: MeetingState,
    plan: Plan,
    command: AmendSegment | AddSegment | RemoveSegment | MoveSegment,
    by: Actor,
    now: datetime,
) -> Decision:
    count = len(plan.segments)
    if isinstance(command, AddSegment):
        position = count if command.position is None else command.position
        if not is_whole_number(position) or not 0 <= position <= count:
            return refuse(N_("A new segment's place must be between 0 and {last}."), last=count)
        if count >= MAX_ITEMS:
            return refuse(N_("A programme may hold at most 100 segments."))
        refusal = _renumbers_started(state, plan, position, count)
        if refusal is not None:
            return refusal
        segment = _segment(command)
        if isinstance(segment, Refusal):
            return segment
        value = segment_to_json(segment)
        return (_event(by, now, "segments", "add", position, position=position, value=value),)
    index = command.segment
    if not is_whole_number(index) or not 0 <= index < count:
        return refuse(
            N_("There is no segment {number}: they are numbered 0 to {last}."),
            number=index,
            last=count - 1,
        )
    if state.segment_run(index) is not None:
        return refuse(
            N_("The segment “{title}” has started: only segments not yet started may change."),
            title=plan.segments[index].title,
        )
    match command:
        case AmendSegment():
            segment = _segment(command)
            if isinstance(segment, Refusal):
                return segment
            if segment == plan.segments[index]:
                return refuse(N_("The segment is already so."))
            value = segment_to_json(segment)
            return (_event(by, now, "segments", "amend", index, value=value),)
        case RemoveSegment():
            refusal = _renumbers_started(state, plan, index, count)
            return refusal or (_event(by, now, "segments", "remove", index),)
    position = command.position
    if not is_whole_number(position) or not 0 <= position < count:
        return refuse(N_("A segment's place must be between 0 and {last}."), last=count - 1)
    if position == index:
        return refuse(N_("The segment is already in that place."))
    refusal = _renumbers_started(state, plan, min(index, position), max(index, position) + 1)
    return refusal or (_event(by, now, "segments", "move", index, position=position),)


def _renumbers_started(state: MeetingState, plan: Plan, first: int, stop: int) -> Refusal | None:
    """A refusal if a segment from ``first`` up to ``stop`` (excluded) has started."""
    for index in range(first, min(stop, len(plan.segments))):
        if state.segment_run(index) is not None:
            return refuse(
                N_(
                    "The segment “{title}” has started and keeps its place: "
                    "change only the programme after it."
                ),
                title=plan.segments[index].title,
            )
    return None


def _segment(command: AmendSegment | AddSegment) -> Segment | Refusal:
    if command.role not in ROLES:
        return refuse(
            N_("'{role}' is not a role; the roles are {roles}."),
            role=command.role,
            roles=", ".join(ROLES),
        )
    if not isinstance(command.title, str) or not all(isinstance(n, str) for n in command.names):
        return refuse(N_("A segment's title and names must be text."))
    limits = []
    for floor_class, minutes in (
        ("member-state", command.member_state_minutes),
        ("observer", command.observer_minutes),
        ("stakeholder", command.stakeholder_minutes),
    ):
        if minutes is not None:
            limits.append(ClassLimit(floor_class, float(minutes)))  # type: ignore[arg-type]
    segment = Segment(
        title=command.title.strip(),
        role=command.role,
        speakers=command.speakers,
        minutes_min=_minutes(command.minutes_min),
        minutes_max=_minutes(command.minutes_max),
        per_speaker=bool(command.per_speaker),
        names=tuple(n.strip() for n in command.names if n.strip()),
        class_limits=tuple(limits),
    )
    if segment.speakers is not None and not is_whole_number(segment.speakers):
        return refuse(N_("The number of speakers must be a whole number."))
    problems = segment_problems(segment)
    if problems:
        return refuse(problems[0][1])
    return segment


def _minutes(value: float | None) -> float | None:
    return None if value is None else float(value)


# -- guiding questions -----------------------------------------------------------


def _questions(
    state: MeetingState,
    plan: Plan,
    command: AmendQuestion | AddQuestion | RemoveQuestion | MoveQuestion,
    by: Actor,
    now: datetime,
) -> Decision:
    count = len(plan.questions)
    if isinstance(command, AddQuestion):
        number = count + 1 if command.position is None else command.position
        if not is_whole_number(number) or not 1 <= number <= count + 1:
            return refuse(
                N_("A new question's number must be between 1 and {last}."), last=count + 1
            )
        if count >= MAX_ITEMS:
            return refuse(N_("A programme may hold at most 100 guiding questions."))
        text = _question_text(command.text)
        if isinstance(text, Refusal):
            return text
        refusal = _renumbers_tagged(state, number, count + 1)
        if refusal is not None:
            return refusal
        return (_event(by, now, "questions", "add", number - 1, position=number - 1, value=text),)
    number = command.question
    if not is_whole_number(number) or not 1 <= number <= count:
        if count == 0:
            return refuse(N_("The concept note has no guiding questions."))
        return refuse(
            N_("There is no guiding question {number}: they are numbered 1 to {last}."),
            number=number,
            last=count,
        )
    match command:
        case AmendQuestion():
            text = _question_text(command.text)
            if isinstance(text, Refusal):
                return text
            return (_event(by, now, "questions", "amend", number - 1, value=text),)
        case RemoveQuestion():
            refusal = _renumbers_tagged(state, number, count + 1)
            return refusal or (_event(by, now, "questions", "remove", number - 1),)
    position = command.position
    if not is_whole_number(position) or not 1 <= position <= count:
        return refuse(N_("A question's number must be between 1 and {last}."), last=count)
    if position == number:
        return refuse(N_("The question already has that number."))
    refusal = _renumbers_tagged(state, min(number, position), max(number, position) + 1)
    return refusal or (_event(by, now, "questions", "move", number - 1, position=position - 1),)


def _question_text(text: object) -> str | Refusal:
    if not isinstance(text, str):
        return refuse(N_("A guiding question must be text."))
    problem = question_problem(text)
    return refuse(problem) if problem else text.strip()


def _renumbers_tagged(state: MeetingState, first: int, stop: int) -> Refusal | None:
    """A refusal if a question numbered from ``first`` up to ``stop`` is used in a tag."""
    used = {n for i in state.interventions for n in i.questions}
    for number in range(first, stop):
        if number in used:
            return refuse(
                N_(
                    "Guiding question {number} tags an intervention in the record: "
                    "it may be reworded but not removed or renumbered."
                ),
                number=number,
            )
    return None


# -- supporting documents --------------------------------------------------------


def _documents(
    plan: Plan, command: AmendDocument | AddDocument | RemoveDocument, by: Actor, now: datetime
) -> Decision:
    count = len(plan.documents)
    if isinstance(command, AddDocument):
        if count >= MAX_ITEMS:
            return refuse(N_("A programme may hold at most 100 documents."))
        document = _document(command)
        if isinstance(document, Refusal):
            return document
        value = document_to_json(document)
        return (_event(by, now, "documents", "add", count, position=count, value=value),)
    index = command.document
    if not is_whole_number(index) or not 0 <= index < count:
        if count == 0:
            return refuse(N_("The programme has no supporting documents."))
        return refuse(
            N_("There is no document {number}: they are numbered 0 to {last}."),
            number=index,
            last=count - 1,
        )
    if isinstance(command, RemoveDocument):
        return (_event(by, now, "documents", "remove", index),)
    document = _document(command)
    if isinstance(document, Refusal):
        return document
    return (_event(by, now, "documents", "amend", index, value=document_to_json(document)),)


def _document(command: AmendDocument | AddDocument) -> Document | Refusal:
    fields = (command.title, command.symbol, command.url)
    if not all(value is None or isinstance(value, str) for value in fields):
        return refuse(N_("A document's title, symbol and address must be text."))
    document = Document(
        title=(command.title or "").strip(),
        symbol=(command.symbol or "").strip() or None,
        url=(command.url or "").strip() or None,
    )
    problems = document_problems(document)
    return refuse(problems[0][1]) if problems else document
