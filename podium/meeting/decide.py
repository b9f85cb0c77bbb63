"""``decide``: every rule of the meeting, as events to append or a refusal to show.

``decide`` never raises: a command that breaks a rule, names something that
does not exist or carries a bad number gets a ``Refusal`` whose reason is a
sentence the Chair would understand. Reasons are English; ``Refusal.translate``
renders them in the reader's language at the edge (the core does no I/O).

Who may do what is one table, ``permissions.PERMISSIONS``. A meeting is
created before anything else, opened before the floor is asked for
(participants may be registered before), and a closed meeting takes no more
commands.

Choices where practice leaves room:

- a closed list still admits a point of order and a right of reply, as in UN
  practice; the programme speakers of a segment are queued whatever the list;
- a point of order gets no time limit (the Chair rules on it at once) unless
  the Chair gives one; a response in a response round takes the round's
  limit; every other speech takes the segment's limit for its speaker's class;
- a statement may be made on behalf of a group of States, and a question
  names the panelist it is for (a programme speaker);
- the floor given to a participant by name takes their first request in the
  list, if they have one, so that nobody is heard twice for one request;
- requests left in the list when a segment ends stay there: the Chair may give
  them the floor in the next segment or remove them;
- starting a segment again queues only its programme speakers who have not yet
  spoken in it and have no request waiting.
"""

from __future__ import annotations

from datetime import datetime

from podium.meeting import floor, ordering, timer
from podium.meeting.amending import amend
from podium.meeting.balance import PLAIN, Grouping
from podium.meeting.budgets import set_budget
from podium.meeting.commands import (
    AMENDMENTS,
    AttachStatement,
    CloseList,
    CloseMeeting,
    CloseResponseRound,
    Command,
    EndSegment,
    EndSpeech,
    ExtendSpeech,
    GiveFloor,
    MoveRequest,
    OpenMeeting,
    OpenResponseRound,
    PauseSpeech,
    RegisterParticipants,
    RemoveRequest,
    ReopenList,
    RequestFloor,
    ResumeSpeech,
    SetBudget,
    SetEmbedding,
    SetOrdering,
    StartSegment,
    TagIntervention,
    UndoGiveFloor,
    UndoRemoveRequest,
    WithdrawRequest,
)
from podium.meeting.embedding import set_embedding
from podium.meeting.events import (
    Event,
    FloorGiven,
    FloorRequested,
    InterventionTagged,
    ListClosed,
    ListReopened,
    MeetingClosed,
    MeetingCreated,
    MeetingOpened,
    OrderingSet,
    RequestMoved,
    RequestRemoved,
    RequestWithdrawn,
    SegmentEnded,
    SegmentStarted,
    SpeechEnded,
    SpeechExtended,
    SpeechPaused,
    SpeechResumed,
)
from podium.meeting.groups import GROUPS
from podium.meeting.limits import NO_LIMIT, SpeechLimit
from podium.meeting.permissions import PERMISSIONS
from podium.meeting.placing import placed
from podium.meeting.plan import Plan
from podium.meeting.refusal import N_, forbid, refuse
from podium.meeting.refusal import Refusal as Refusal  # re-exported: callers know it from here
from podium.meeting.registration import (
    check_segment,
    programme_request,
    register_participants,
)
from podium.meeting.state import MeetingState, Participant, Request
from podium.meeting.statements import attach
from podium.meeting.words import (
    ACTOR_ROLES,
    CHANNELS,
    FLOOR_CLASSES,
    ORDERINGS,
    REQUEST_KINDS,
    Actor,
    FloorClass,
)

MAX_NOTE = 2000
MAX_EXTENSION = 3600
MAX_LIMIT = 3 * 3600
# Kinds a closed list still admits.
ALWAYS_ADMITTED = frozenset({"point-of-order", "right-of-reply"})


Decision = tuple[Event, ...] | Refusal


def create_meeting(plan: Plan, now: datetime) -> tuple[Event, ...]:
    """The first events of a meeting that runs on ``plan``."""
    return (MeetingCreated(at=now, plan=plan.to_json()),)


_BEFORE_OPENING = (
    OpenMeeting,
    RegisterParticipants,
    CloseMeeting,
    SetOrdering,
    SetBudget,
    SetEmbedding,
    *AMENDMENTS,
)
_ALREADY_ASKED = {
    "statement": N_("{name} already has a request for the floor."),
    "point-of-order": N_("{name} already has a point of order waiting."),
    "right-of-reply": N_("{name} already has a right of reply waiting."),
    "question": N_("{name} already has a question waiting."),
    "response": N_("{name} already has a response waiting."),
}


def decide(
    state: MeetingState,
    command: Command,
    by: Actor,
    now: datetime,
    groups: Grouping = PLAIN,
) -> Decision:
    """The events that carry out ``command`` sent by ``by`` at ``now``, or why not.

    ``groups`` says which region and development group each participant is counted in
    (``balance.Grouping``), for balanced ordering and budgets."""
    if not isinstance(now, datetime) or now.utcoffset() is None:
        return refuse(N_("The time of the command has no time zone."))
    if not isinstance(by, Actor) or by.role not in ACTOR_ROLES:
        return forbid(N_("The sender of the command is unknown."))
    refusal = _check_allowed(state, command, by)
    if refusal is not None:
        return refusal
    match command:
        case OpenMeeting():
            return _open(state, command, now)
        case RegisterParticipants():
            return register_participants(state, command, now)
        case StartSegment():
            return _start_segment(state, command, now)
        case EndSegment():
            if state.segment is None:
                return refuse(N_("No segment is under way."))
            return (*_end_speech(state, now), SegmentEnded(at=now, segment=state.segment))
        case RequestFloor():
            return _request_floor(state, command, by, now)
        case WithdrawRequest():
            request = _find_request(state, command.request_id)
            if isinstance(request, Refusal):
                return request
            if by.role == "participant" and request.participant_id != by.participant_id:
                return refuse(N_("You may withdraw only your own request."))
            return (RequestWithdrawn(at=now, request_id=request.id),)
        case GiveFloor():
            return _give_floor(state, command, now, groups)
        case PauseSpeech() | ResumeSpeech() | ExtendSpeech() | EndSpeech():
            return _timer(state, command, now)
        case MoveRequest():
            request = _find_request(state, command.request_id)
            if isinstance(request, Refusal):
                return request
            if command.position < 0:
                return refuse(N_("A place in the list of speakers must be 0 or more."))
            position = min(command.position, len(state.queue) - 1)
            return (RequestMoved(at=now, request_id=request.id, position=position),)
        case RemoveRequest():
            request = _find_request(state, command.request_id)
            if isinstance(request, Refusal):
                return request
            return (RequestRemoved(at=now, request_id=request.id),)
        case CloseList():
            if state.list_closed:
                return refuse(N_("The list of speakers is already closed."))
            return (ListClosed(at=now),)
        case ReopenList():
            if not state.list_closed:
                return refuse(N_("The list of speakers is open."))
            return (ListReopened(at=now),)
        case TagIntervention():
            return _tag(state, command, now)
        case SetEmbedding():
            return set_embedding(command, now)
        case AttachStatement():
            return attach(state, command, by, now)
        case command if isinstance(command, AMENDMENTS):
            return amend(state, command, by, now)
        case OpenResponseRound():
            return floor.open_response_round(state, command, now)
        case CloseResponseRound():
            return floor.close_response_round(state, now)
        case UndoRemoveRequest():
            return floor.undo_remove(state, command, now)
        case UndoGiveFloor():
            return floor.undo_give_floor(state, command, now)
        case SetOrdering():
            if command.ordering not in ORDERINGS:
                return refuse(
                    N_("'{ordering}' is not a rule of the floor; the rules are {orderings}."),
                    ordering=command.ordering,
                    orderings=", ".join(ORDERINGS),
                )
            if command.ordering == state.ordering:
                return refuse(N_("The floor is already heard by this rule."))
            return (OrderingSet(at=now, by=by.role, ordering=command.ordering),)
        case SetBudget():
            return set_budget(state, command, by.role, now, groups)
        case CloseMeeting():
            ended: tuple[Event, ...] = ()
            if state.segment is not None:
                ended = (SegmentEnded(at=now, segment=state.segment),)
            return (*_end_speech(state, now), *ended, MeetingClosed(at=now))
    return refuse(N_("This command is unknown."))


def _check_allowed(state: MeetingState, command: object, by: Actor) -> Refusal | None:
    if state.plan is None:
        return refuse(N_("The meeting has not been created."))
    kind = type(command)
    allowed = PERMISSIONS.get(kind)  # type: ignore[arg-type]
    if allowed is None:
        return refuse(N_("This command is unknown."))
    if by.role == "display":
        return forbid(N_("The big screen only shows the meeting; it cannot act on it."))
    if by.role == "public":
        return forbid(N_("The public may follow the meeting but not act on it."))
    roles, why_not = allowed
    if by.role not in roles:
        return forbid(why_not)
    if by.role == "participant" and state.participant(by.participant_id) is None:
        return refuse(N_("You are not registered as a participant in this meeting."))
    if state.status == "closed" and not isinstance(command, TagIntervention | AttachStatement):
        # Only the record may still be corrected or completed: tags and notes on past
        # interventions, and the written statements that go with them.
        return refuse(N_("The meeting is closed."))
    if state.status == "new" and kind not in _BEFORE_OPENING:
        return refuse(N_("The meeting has not been opened yet."))
    return None


def _find_request(state: MeetingState, request_id: int) -> Request | Refusal:
    request = state.request(request_id)
    if request is None:
        return refuse(N_("There is no request number {number}."), number=request_id)
    return request


def _find_participant(state: MeetingState, participant_id: str | None) -> Participant | Refusal:
    found = state.participant(participant_id)
    if found is None:
        return refuse(N_("There is no participant {id}."), id=participant_id)
    return found


def _end_speech(state: MeetingState, now: datetime) -> tuple[Event, ...]:
    speech = state.speech
    if speech is None:
        return ()
    spoken = timer.elapsed(speech, now)
    return (
        SpeechEnded(
            at=now,
            intervention_id=speech.intervention_id,
            spoken_seconds=spoken,
            overrun_seconds=timer.overrun(speech, spoken),
        ),
    )


def _open(state: MeetingState, command: OpenMeeting, now: datetime) -> Decision:
    if state.status == "open":
        return refuse(N_("The meeting is already open."))
    order = command.class_order
    if order is None:
        order = state.class_order
    elif len(order) != len(FLOOR_CLASSES) or set(order) != set(FLOOR_CLASSES):
        return refuse(
            N_("The order of the floor must name each of {classes} once."),
            classes=", ".join(FLOOR_CLASSES),
        )
    return (
        MeetingOpened(
            at=now, class_order=tuple(order), level_precedence=command.level_precedence is True
        ),
    )


def _start_segment(state: MeetingState, command: StartSegment, now: datetime) -> Decision:
    index = command.segment
    refusal = check_segment(state, index)
    if refusal is not None:
        return refusal
    if state.segment == index:
        return refuse(N_("This segment is already under way."))
    events: list[Event] = list(_end_speech(state, now))
    if state.segment is not None:
        events.append(SegmentEnded(at=now, segment=state.segment))
    events.append(SegmentStarted(at=now, segment=index))
    waiting = {r.participant_id for r in state.queue if r.kind == "statement"}
    spoken = {i.participant_id for i in state.history if i.segment == index}
    if state.speech is not None and state.speech.segment == index:
        spoken.add(state.speech.participant_id)
    called = [
        participant
        for participant in state.participants.values()
        if participant.segment == index and participant.id not in waiting | spoken
    ]
    requests = (
        programme_request(participant, index, state.next_request_id + number, now)
        for number, participant in enumerate(called)
    )
    return (*events, *placed(state, requests))


def _request_floor(
    state: MeetingState, command: RequestFloor, by: Actor, now: datetime
) -> Decision:
    if command.kind not in REQUEST_KINDS:
        return refuse(
            N_("'{kind}' is not a kind of request; the kinds are {kinds}."),
            kind=command.kind,
            kinds=", ".join(REQUEST_KINDS),
        )
    if by.role == "participant":
        if command.participant_id not in (None, by.participant_id):
            return refuse(N_("You may ask for the floor only for yourself."))
        participant_id = by.participant_id
    else:
        if command.participant_id is None:
            return refuse(N_("Say for which participant the floor is requested."))
        participant_id = command.participant_id
    participant = _find_participant(state, participant_id)
    if isinstance(participant, Refusal):
        return participant
    refusal = _check_group_and_panelist(state, command)
    if refusal is not None:
        return refusal
    if state.list_closed and command.kind not in ALWAYS_ADMITTED:
        return refuse(N_("The list of speakers is closed."))
    for request in state.queue:
        if request.participant_id == participant.id and request.kind == command.kind:
            return refuse(_ALREADY_ASKED[command.kind], name=participant.name)
    channel = command.channel if command.channel is not None else participant.channel
    if channel not in CHANNELS:
        return refuse(
            N_("'{channel}' is not one of {channels}."),
            channel=channel,
            channels=", ".join(CHANNELS),
        )
    asked = FloorRequested(
        at=now,
        request_id=state.next_request_id,
        participant_id=participant.id,
        kind=command.kind,
        channel=channel,
        segment=state.segment,
        by=by.role,
        group=command.group,
        to=command.to,
    )
    return placed(state, (asked,))


def _check_group_and_panelist(state: MeetingState, command: RequestFloor) -> Refusal | None:
    if command.group is not None:
        if command.kind != "statement":
            return refuse(N_("Only a statement is made on behalf of a group."))
        if command.group not in GROUPS:
            return refuse(
                N_("'{group}' is not a group; the groups are {groups}."),
                group=command.group,
                groups=", ".join(GROUPS),
            )
    if command.to is not None:
        if command.kind != "question":
            return refuse(N_("Only a question names the panelist it is for."))
        panelist = state.participant(command.to)
        if panelist is None or not floor.can_be_asked(panelist):
            return refuse(N_("There is no panelist {id}."), id=command.to)
    return None


def _give_floor(
    state: MeetingState, command: GiveFloor, now: datetime, groups: Grouping
) -> Decision:
    if command.request_id is not None and command.participant_id is not None:
        return refuse(N_("Give the floor either to a request or to a participant, not both."))
    if command.limit_seconds is not None and (not 0 < command.limit_seconds <= MAX_LIMIT):
        return refuse(N_("A time limit must be between 1 second and 3 hours."))
    request: Request | None
    if command.request_id is not None:
        found = _find_request(state, command.request_id)
        if isinstance(found, Refusal):
            return found
        request = found
        participant_id, kind = request.participant_id, request.kind
    elif command.participant_id is not None:
        participant = _find_participant(state, command.participant_id)
        if isinstance(participant, Refusal):
            return participant
        mine = [r for r in state.queue if r.participant_id == participant.id]
        request = mine[0] if mine else None
        participant_id = participant.id
        kind = request.kind if request else "statement"
    else:
        chosen = ordering.next_speaker(state, groups, now)
        if chosen is None:
            return refuse(N_("The list of speakers is empty."))
        request = chosen.request
        participant_id, kind = request.participant_id, request.kind
    speaker = state.participant(participant_id)
    from_programme = (
        request.programme if request else speaker is not None and speaker.segment == state.segment
    )
    planned = _speech_limit(state, speaker.floor_class if speaker else None, from_programme)
    limit, warn = planned.seconds, planned.warn_seconds
    if kind == "point-of-order":
        limit, warn = None, None
    elif kind == "response" and state.response_round is not None:
        limit, warn = state.response_round.limit_seconds, None
    if command.limit_seconds is not None:
        limit = command.limit_seconds
        warn = warn if warn is not None and warn < limit else None
    return (
        *_end_speech(state, now),
        FloorGiven(
            at=now,
            intervention_id=state.next_intervention_id,
            participant_id=participant_id,
            request_id=request.id if request else None,
            kind=kind,  # type: ignore[arg-type]
            segment=state.segment,
            limit_seconds=limit,
            warn_seconds=warn,
        ),
    )


def _speech_limit(
    state: MeetingState, floor_class: FloorClass | None, from_programme: bool
) -> SpeechLimit:
    """The limit of a speech now, as the programme plans it.

    A programme speaker speaks under the running segment's rule; a delegate
    from the floor under the floor's rule (the discussion's limit), even when
    the Chair hears them during another segment: the secretariat's ten minutes
    are not theirs.
    """
    programme = state.programme
    if programme is None or state.segment is None:
        return NO_LIMIT
    running = programme.segments[state.segment]
    if from_programme or running.is_floor:
        return running.limit(floor_class)
    later = programme.segments[state.segment :]
    floor = next((s for s in later if s.is_floor), None) or next(
        (s for s in programme.segments if s.is_floor), None
    )
    return floor.limit(floor_class) if floor is not None else NO_LIMIT


def _timer(
    state: MeetingState,
    command: PauseSpeech | ResumeSpeech | ExtendSpeech | EndSpeech,
    now: datetime,
) -> Decision:
    speech = state.speech
    if speech is None:
        return refuse(N_("Nobody has the floor."))
    match command:
        case PauseSpeech():
            if speech.paused_at is not None:
                return refuse(N_("The speech is already paused."))
            return (SpeechPaused(at=now, intervention_id=speech.intervention_id),)
        case ResumeSpeech():
            if speech.paused_at is None:
                return refuse(N_("The speech is not paused."))
            return (SpeechResumed(at=now, intervention_id=speech.intervention_id),)
        case ExtendSpeech():
            if not 0 < command.seconds <= MAX_EXTENSION:
                return refuse(N_("An extension must be between 1 second and 1 hour."))
            if speech.limit_seconds is None:
                return refuse(N_("This speech has no time limit to extend."))
            return (
                SpeechExtended(
                    at=now,
                    intervention_id=speech.intervention_id,
                    seconds=command.seconds,
                    overrun_seconds=round(timer.overrun_until_now(speech, now), 3),
                ),
            )
    return _end_speech(state, now)


def _tag(state: MeetingState, command: TagIntervention, now: datetime) -> Decision:
    if command.intervention_id is None:
        if state.speech is None:
            return refuse(N_("Nobody has the floor."))
        intervention_id = state.speech.intervention_id
    else:
        found = state.intervention(command.intervention_id)
        if found is None:
            return refuse(
                N_("There is no intervention number {number}."), number=command.intervention_id
            )
        intervention_id = found.id
    tagged = state.intervention(intervention_id)
    assert tagged is not None  # found above
    count = len(state.plan.questions) if state.plan else 0
    listed: list[int] = []
    for given in (command.questions or (), command.add_questions, command.remove_questions):
        listed.extend(given)
    for number in listed:
        if not 1 <= number <= count:
            if count == 0:
                return refuse(N_("The concept note has no guiding questions."))
            return refuse(
                N_("There is no guiding question {number}: they are numbered 1 to {last}."),
                number=number,
                last=count,
            )
    questions = list(tagged.questions if command.questions is None else command.questions)
    questions.extend(command.add_questions)
    removed = set(command.remove_questions)
    kept = tuple(dict.fromkeys(q for q in questions if q not in removed))
    note = tagged.note if command.note is None else command.note
    added = (command.append_note or "").strip()
    if added:
        note = f"{note}\n{added}" if note else added
    if len(note) > MAX_NOTE:
        return refuse(N_("A note must be at most 2,000 characters."))
    return (InterventionTagged(at=now, intervention_id=intervention_id, questions=kept, note=note),)
