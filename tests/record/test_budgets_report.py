"""The record reports each group's time budget against the floor's time it used."""

from __future__ import annotations

from podium.meeting.commands import (
    CloseMeeting,
    EndSpeech,
    GiveFloor,
    RequestFloor,
    SetBudget,
    StartSegment,
)
from podium.record.balance import grouping
from podium.record.exports import render
from podium.record.interventions import record_from_events
from podium.record.report import build_report
from tests.meeting.room import FLOOR, Room, participant


def test_the_report_shows_budget_against_use() -> None:
    room = Room()
    room.groups = grouping(room.state)  # regions and development groups as the service has them
    kenya = room.add("Delegate of Kenya", country="KE")
    france = room.add("Delegate of France", country="FR", channel="online")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(SetBudget(dimension="region", group="Africa", budget_seconds=120))
    room.ok(SetBudget(dimension="development_group", group="developed", budget_seconds=60))
    room.ok(SetBudget(dimension="channel", group="online", budget_seconds=600))
    for who, seconds in ((kenya, 150), (france, 45)):
        room.ok(RequestFloor(), participant(who))
        room.ok(GiveFloor())
        room.wait(seconds)
        room.ok(EndSpeech())
    room.ok(CloseMeeting())
    record = record_from_events("m", room.log)
    used = [(u.budget.group, u.used, u.left) for u in record.budgets]
    assert used == [("Africa", 150.0, -30.0), ("developed", 45.0, 15.0), ("online", 45.0, 555.0)]
    text = render(build_report(record), "md").decode()
    assert "Time budgets: budget against use" in text
    assert "| Africa | Region | 2:00 | 2:30 | -0:30 |" in text
    assert "| Developed countries | Development group | 1:00 | 0:45 | 0:15 |" in text
