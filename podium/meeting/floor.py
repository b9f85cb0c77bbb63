"""The panel's response rounds and the Chair's undo: rules of the floor beyond the list itself.

A response round: the Chair says "the panel will respond to questions"; the
panelists named by the questions heard since the last round (or, when no
question named anyone, every panelist and discussant registered) are called
in the order they were first asked, ahead of the floor, each with the round's
own limit. Closing the round takes the responses still waiting off the list.

Undo: a request removed, or the floor given, by a slip of the hand can be
taken back within ``UNDO_SECONDS``. The request returns to the place it had;
a floor taken back leaves no intervention in the record (the speech it ended,
if any, stays ended).
"""

from __future__ import annotations

from datetime import datetime

from podium.meeting.commands import OpenResponseRound, UndoGiveFloor, UndoRemoveRequest
from podium.meeting.entries import Request
from podium.meeting.events import (
    Event,
    FloorRequested,
    FloorTakenBack,
    RequestRemoved,
    RequestRestored,
    ResponseRoundClosed,
    ResponseRoundOpened,
)
from podium.meeting.limits import PRESENTER_ROLES
from podium.meeting.placing import placed
from podium.meeting.refusal import N_, Refusal, refuse
from podium.meeting.state import MeetingState, Participant

UNDO_SECONDS = 10.0
MAX_RESPONSE = 3600
# Who may be asked a question: a programme speaker, or anyone of these roles.
PANEL_ROLES = PRESENTER_ROLES | {"keynote", "moderator"}


def can_be_asked(participant: Participant) -> bool:
    """Whether a question may name ``participant`` (a panelist, discussant, keynote ...)."""
    return participant.segment is not None or participant.role in PANEL_ROLES


def undoable(state: MeetingState, now: datetime) -> tuple[tuple[int, ...], int | None]:
    """What may still be undone at ``now``: the requests removed, the floor given (its number)."""
    removed = tuple(
        r.request.id
        for r in state.removed.values()
        if 0 <= (now - r.at).total_seconds() <= UNDO_SECONDS
    )
    speech = state.speech
    if speech is not None and 0 <= (now - speech.started_at).total_seconds() <= UNDO_SECONDS:
        return removed, speech.intervention_id
    return removed, None


def open_response_round(
    state: MeetingState, command: OpenResponseRound, now: datetime
) -> tuple[Event, ...] | Refusal:
    if state.response_round is not None:
        return refuse(N_("The panel is already responding to questions."))
    limit = command.limit_seconds
    if limit is not None and not 0 < limit <= MAX_RESPONSE:
        return refuse(N_("A response's limit must be between 1 second and 1 hour."))
    asked: list[str] = []
    for heard in state.interventions:
        if heard.kind != "question" or heard.to is None or heard.to in asked:
            continue
        if heard.id >= state.questions_from:
            asked.append(heard.to)
    if not asked:
        asked = [p.id for p in state.participants.values() if p.role in PRESENTER_ROLES]
    waiting = {r.participant_id for r in state.queue if r.kind == "response"}
    called = [pid for pid in asked if pid not in waiting and pid in state.participants]
    if not called:
        return refuse(N_("There is no panelist to respond."))
    requests = (
        FloorRequested(
            at=now,
            request_id=state.next_request_id + number,
            participant_id=pid,
            kind="response",
            channel=state.participants[pid].channel,
            segment=state.segment,
            by="chair",
            programme=True,
        )
        for number, pid in enumerate(called)
    )
    return (ResponseRoundOpened(at=now, limit_seconds=limit), *placed(state, requests))


def close_response_round(state: MeetingState, now: datetime) -> tuple[Event, ...] | Refusal:
    if state.response_round is None:
        return refuse(N_("The panel is not responding to questions."))
    left = [r for r in state.queue if r.kind == "response" and r.programme]
    return (
        *(RequestRemoved(at=now, request_id=r.id) for r in left),
        ResponseRoundClosed(at=now),
    )


def asked_again(state: MeetingState, request: Request) -> bool:
    """Whether the speaker of ``request`` is waiting again for the floor of the same kind (so
    that ``request`` cannot come back: a speaker has one request of a kind at a time)."""
    return any(
        waiting.participant_id == request.participant_id and waiting.kind == request.kind
        for waiting in state.queue
    )


def undo_remove(
    state: MeetingState, command: UndoRemoveRequest, now: datetime
) -> tuple[Event, ...] | Refusal:
    removed = state.removed.get(command.request_id)
    if removed is None or (now - removed.at).total_seconds() > UNDO_SECONDS:
        return refuse(
            N_("Request {number} was not removed in the last 10 seconds."),
            number=command.request_id,
        )
    request = removed.request
    if asked_again(state, request):
        return refuse(N_("The same speaker has asked for the floor again since."))
    position = min(removed.position, len(state.queue))
    return (RequestRestored(at=now, request_id=request.id, position=position),)


def undo_give_floor(
    state: MeetingState, command: UndoGiveFloor, now: datetime
) -> tuple[Event, ...] | Refusal:
    speech = state.speech
    if (
        speech is None
        or speech.intervention_id != command.intervention_id
        or (now - speech.started_at).total_seconds() > UNDO_SECONDS
    ):
        return refuse(
            N_("The floor was not given for intervention {number} in the last 10 seconds."),
            number=command.intervention_id,
        )
    taken = FloorTakenBack(at=now, intervention_id=speech.intervention_id)
    if speech.request is None or asked_again(state, speech.request):
        return (taken,)  # a request made while speaking keeps its place: one of a kind each
    position = min(speech.request_position, len(state.queue))
    return (taken, RequestRestored(at=now, request_id=speech.request.id, position=position))
