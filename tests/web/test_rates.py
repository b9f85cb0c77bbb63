"""Rate limits from the log: every process agrees, refusals do not count, each kind apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from podium.conceptnote.reader import read_note
from podium.meeting.commands import OpenMeeting, RequestFloor, WithdrawRequest
from podium.meeting.participants import ParticipantFields
from podium.meeting.words import CHAIR, Actor
from podium.meetings import MeetingService, RateLimited, Refused
from podium.store import open_store
from tests.conftest import PANEL_2024


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 4, 15, 13, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_two_services_on_one_log_agree_on_a_participants_limit(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    clock = Clock()
    first, second = MeetingService(store, clock=clock), MeetingService(store, clock=clock)
    meeting = first.create(read_note(PANEL_2024)).id
    first.execute(meeting, OpenMeeting(), CHAIR)
    person, _token = first.register(meeting, [ParticipantFields(name="Ms. Quick")], CHAIR)[0]
    me = Actor("participant", person.id)
    services = [first, second]
    for n in range(6):
        service = services[n % 2]
        done = service.execute(meeting, RequestFloor(), me)
        if n < 5:  # a refusal (a second request while one waits) does not count
            with pytest.raises(Refused):
                service.execute(meeting, RequestFloor(), me)
        request_id = service.state(meeting).queue[-1].id
        assert done.seq > 0
        clock.now += timedelta(seconds=1)
        service.execute(meeting, WithdrawRequest(request_id=request_id), me)
    for service in services:
        with pytest.raises(RateLimited, match="Too many requests for the floor"):
            service.execute(meeting, RequestFloor(), me)
    # Another participant is not held back, and a minute later neither is this one.
    other, _token = first.register(meeting, [ParticipantFields(name="Mr. Calm")], CHAIR)[0]
    second.execute(meeting, RequestFloor(), Actor("participant", other.id))
    clock.now += timedelta(minutes=1)
    first.execute(meeting, RequestFloor(), me)
    store.close()
