"""A meeting grown to a given number of events through the real core and log.

Forty participants, the meeting opened and its first segment started, then
round after round from the floor: a request, the floor given, a tag with a
guiding question and a note, the speech ended (four events). It stops with
two requests waiting and a speech under way, so that every page has a live
state to show beside its history. The rounds are decided by the core and
appended to the log a hundred events at a time, as one busy meeting would be
by many processes; the service reads them back as it would any other's.
"""

from __future__ import annotations

from datetime import timedelta

from podium.meeting.commands import (
    Command,
    EndSpeech,
    GiveFloor,
    OpenMeeting,
    RequestFloor,
    StartSegment,
    TagIntervention,
)
from podium.meeting.decide import Refusal, decide
from podium.meeting.participants import ParticipantFields
from podium.meeting.state import evolve
from podium.meeting.words import CHAIR
from podium.meetings import MeetingService
from podium.wire import encode_event

PEOPLE = 40
COUNTRIES = ("BR", "KE", "FR", "IN", "CN", "MX", "EG", "JP", "NG", "DE")


def grow(service: MeetingService, meeting: str, events: int) -> list[tuple[str, str]]:
    """Grows ``meeting`` to at least ``events`` events; each participant's id and link token."""
    people = [
        ParticipantFields(
            name=f"Delegate {n}",
            delegation=f"Delegation {n}",
            country=COUNTRIES[n % len(COUNTRIES)],
            organisation=f"Ministry {n}",
            channel="online" if n % 4 == 0 else "room",
        )
        for n in range(PEOPLE)
    ]
    registered = service.register(meeting, people, CHAIR)
    ids = [participant.id for participant, _token in registered]
    service.execute(meeting, OpenMeeting(), CHAIR)
    service.execute(meeting, StartSegment(segment=0), CHAIR)
    questions = len(service.plan(meeting).questions) or 1
    state = service.state(meeting)
    now = service.clock()
    pending: list[str] = []
    start = state.seq

    def run(command: Command) -> None:
        nonlocal state, start, pending
        decided = decide(state, command, CHAIR, now)
        assert not isinstance(decided, Refusal), decided
        for event in decided:
            state = evolve(state, event)
            pending.append(encode_event(event))
        if len(pending) >= 100:
            service.store.append(meeting, start, pending)
            start, pending = state.seq, []

    turn = 0
    while state.seq + 4 < events:
        now += timedelta(milliseconds=1)
        who = ids[turn % len(ids)]
        run(RequestFloor(participant_id=who))
        run(GiveFloor())
        question = turn % questions + 1
        run(TagIntervention(questions=(question,), note=f"Point {turn} on question {question}"))
        run(EndSpeech())
        turn += 1
    if pending:
        service.store.append(meeting, start, pending)
    for who in ids[:3]:
        service.execute(meeting, RequestFloor(participant_id=who), CHAIR)
    service.execute(meeting, GiveFloor(), CHAIR)
    return [(participant.id, token) for participant, token in registered]
