"""One rule for how long a speech may last, read the same by the programme, timer and record."""

from __future__ import annotations

import pytest

from podium.meeting.commands import GiveFloor, StartSegment, register
from podium.meeting.events import FloorGiven
from podium.meeting.limits import SpeechLimit
from podium.meeting.plan import ClassLimit, Plan, Segment
from podium.meeting.programme import planned
from podium.meeting.snapshot import snapshot
from podium.meeting.words import SECRETARIAT, FloorClass
from tests.meeting.room import START, Room


def limit_of(segment: Segment, floor_class: FloorClass | None = None) -> SpeechLimit:
    return planned(Plan("P", segments=(segment,))).segments[0].limit(floor_class)


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        (Segment("Floor", "participant", minutes_max=3, per_speaker=True), (180, None)),
        (
            Segment("Discussants", "discussant", minutes_min=5, minutes_max=7, per_speaker=True),
            (420, 300),
        ),
        # "A panel with three panelists (30 minutes)": the segment's 30, shared.
        (Segment("Panel", "panelist", speakers=3, minutes_max=30), (600, None)),
        (Segment("Panel", "panelist", speakers=3, minutes_max=15, per_speaker=True), (900, None)),
        (Segment("Intro", "secretariat", minutes_max=10), (600, None)),
        # The note says nothing: the programme plans 10 minutes, and the timer counts them.
        (Segment("Intro", "secretariat"), (600, None)),
        (Segment("Remarks", "co-chair", speakers=1, minutes_max=5), (300, None)),
        (Segment("Discussion", "participant", minutes_max=45), (None, None)),
        (Segment("Discussion", "participant"), (None, None)),
        (Segment("Odd", "panelist", minutes_min=9, minutes_max=7, per_speaker=True), (420, None)),
    ],
)
def test_one_limit_per_segment(segment: Segment, expected: tuple[int | None, int | None]) -> None:
    limit = limit_of(segment)
    assert (limit.seconds, limit.warn_seconds) == expected


def test_a_class_of_speaker_may_have_its_own_limit() -> None:
    floor = Segment(
        "Floor",
        "participant",
        minutes_max=3,
        per_speaker=True,
        class_limits=(ClassLimit("observer", 2),),
    )
    assert limit_of(floor, "member-state").seconds == 180
    assert limit_of(floor, "observer").seconds == 120
    assert limit_of(floor, "stakeholder").seconds == 180


PANEL_30 = Plan(
    "Panel",
    start=START,
    end=START.replace(hour=14),
    segments=(
        Segment("Introduction", "secretariat"),
        Segment("A panel with three panelists", "panelist", speakers=3, minutes_max=30),
        Segment("Discussion", "participant", minutes_max=3, per_speaker=True),
    ),
)


def test_the_programme_the_timer_and_the_snapshot_agree_on_a_shared_panel() -> None:
    programme = planned(PANEL_30)
    panel = programme.segments[1]
    assert (panel.minutes_total, panel.minutes_each) == (30, 10)
    room = Room(PANEL_30)
    for name in ("A", "B", "C"):
        room.ok(register(name=name, role="panelist", segment=1), SECRETARIAT)
    room.ok(StartSegment(segment=1))
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven) and given.limit_seconds == 600
    (_, segment, _) = snapshot(room.state, room.now)["plan"]["segments"]
    assert (segment["limit_seconds"], segment["minutes_total"]) == (600, 30)


def test_the_programme_is_planned_for_the_speakers_registered() -> None:
    room = Room(PANEL_30)
    for name in ("A", "B", "C", "D"):
        room.ok(register(name=name, role="panelist", segment=1), SECRETARIAT)
    programme = room.state.programme
    assert programme is not None
    panel = programme.segments[1]
    assert (panel.speakers, panel.minutes_total, panel.minutes_each) == (4, 30, 7.5)
    room.ok(StartSegment(segment=1))
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven) and given.limit_seconds == 450


def test_the_secretariats_introduction_has_the_programmes_limit() -> None:
    room = Room(PANEL_30)
    intro = room.add("Director", role="secretariat", segment=0)
    room.ok(StartSegment(segment=0))
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven)
    assert (given.participant_id, given.limit_seconds) == (intro, 600)
