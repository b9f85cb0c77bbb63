"""The order of the list of speakers."""

from __future__ import annotations

import dataclasses

from pytest import MonkeyPatch

from podium.meeting import speakers
from podium.meeting.commands import (
    MoveRequest,
    OpenMeeting,
    RequestFloor,
    StartSegment,
    register,
)
from podium.meeting.events import FloorRequested, ParticipantAdded
from podium.meeting.speakers import insert_position
from podium.meeting.state import Participant, Request, replay
from podium.meeting.words import DEFAULT_CLASS_ORDER, SECRETARIAT
from tests.meeting.room import PANELISTS, START, Room, participant


def room_with_the_world() -> tuple[Room, dict[str, str]]:
    room = Room()
    ids = {
        "Kenya": room.add("Kenya", country="KE"),
        "Holy See": room.add("Holy See", observer=True),
        "UNCTAD": room.add("UNCTAD", stakeholder="un-entity"),
        "OECD": room.add("OECD", stakeholder="intergovernmental"),
        "ISOC": room.add("ISOC", stakeholder="civil-society"),
        "Chile": room.add("Chile", country="CL"),
    }
    return room, ids


def test_floor_classes() -> None:
    room, ids = room_with_the_world()
    classes = {name: room.state.participants[pid].floor_class for name, pid in ids.items()}
    assert classes == {
        "Kenya": "member-state",
        "Holy See": "observer",
        "UNCTAD": "observer",
        "OECD": "observer",
        "ISOC": "stakeholder",
        "Chile": "member-state",
    }


def test_the_floor_by_class_then_by_arrival() -> None:
    room, ids = room_with_the_world()
    for name in ("ISOC", "UNCTAD", "Kenya", "Holy See", "Chile", "OECD"):
        room.ok(RequestFloor(), participant(ids[name]))
    assert [n for n, _ in room.queue()] == [
        "Kenya",
        "Chile",
        "UNCTAD",
        "Holy See",
        "OECD",
        "ISOC",
    ]


def test_the_meetings_class_order_is_used() -> None:
    room = Room(opened=False)
    room.ok(OpenMeeting(class_order=("stakeholder", "observer", "member-state")))
    kenya, isoc = room.add("Kenya"), room.add("ISOC", stakeholder="academia")
    room.ok(RequestFloor(), participant(kenya))
    room.ok(RequestFloor(), participant(isoc))
    assert [n for n, _ in room.queue()] == ["ISOC", "Kenya"]


def test_points_of_order_first_replies_last_programme_between() -> None:
    room, ids = room_with_the_world()
    ada = room.add("Ada", role="panelist", segment=PANELISTS, stakeholder="academia")
    room.ok(RequestFloor(kind="right-of-reply"), participant(ids["Chile"]))
    room.ok(RequestFloor(), participant(ids["ISOC"]))
    room.ok(RequestFloor(kind="point-of-order"), participant(ids["OECD"]))
    room.ok(RequestFloor(kind="question"), participant(ids["Kenya"]))
    room.ok(RequestFloor(kind="point-of-order"), participant(ids["Kenya"]))
    room.ok(StartSegment(segment=PANELISTS))
    room.ok(RequestFloor(kind="right-of-reply"), participant(ids["Holy See"]))
    room.ok(RequestFloor(kind="response"), participant(ada))
    assert room.queue() == [
        ("OECD", "point-of-order"),
        ("Kenya", "point-of-order"),
        ("Ada", "statement"),
        ("Kenya", "question"),
        ("ISOC", "statement"),
        ("Ada", "response"),
        ("Chile", "right-of-reply"),
        ("Holy See", "right-of-reply"),
    ]


def test_after_a_move_newcomers_stay_behind_those_placed_ahead() -> None:
    room, ids = room_with_the_world()
    room.ok(RequestFloor(), participant(ids["Kenya"]))
    room.ok(RequestFloor(), participant(ids["ISOC"]))
    room.ok(MoveRequest(request_id=2, position=0))  # the Chair calls the civil society first
    room.ok(RequestFloor(), participant(ids["Chile"]))
    room.ok(RequestFloor(), participant(ids["UNCTAD"]))
    assert [n for n, _ in room.queue()] == ["ISOC", "Kenya", "Chile", "UNCTAD"]
    room.ok(RequestFloor(kind="point-of-order"), participant(ids["OECD"]))
    assert room.queue()[0] == ("OECD", "point-of-order")


def test_insert_position_on_its_own() -> None:
    people = {
        "a": Participant(id="a", name="A"),
        "b": Participant(id="b", name="B", stakeholder="academia"),
    }
    stakeholder = Request(1, "b", "statement", "room", None, START)
    member = Request(2, "a", "statement", "room", None, START)
    order = insert_position((stakeholder,), member, people, DEFAULT_CLASS_ORDER)
    assert order == 0
    assert insert_position((member,), stakeholder, people, DEFAULT_CLASS_ORDER) == 1
    assert insert_position((), member, people, DEFAULT_CLASS_ORDER) == 0


def test_the_place_is_decided_once_and_replayed_as_decided(monkeypatch: MonkeyPatch) -> None:
    room, ids = room_with_the_world()
    for name in ("ISOC", "Kenya", "UNCTAD", "Chile"):
        (asked,) = room.ok(RequestFloor(), participant(ids[name]))
        assert isinstance(asked, FloorRequested) and asked.position is not None
    heard = room.queue()
    assert [name for name, _ in heard] == ["Kenya", "Chile", "UNCTAD", "ISOC"]
    # Whatever the ordering rules become, a past meeting's list replays as it was.
    monkeypatch.setattr(speakers, "rank", lambda *args, **kwargs: (0, 0))
    assert [(r.participant_id, r.kind) for r in replay(room.log).queue] == [
        (r.participant_id, r.kind) for r in room.state.queue
    ]


def test_a_log_without_positions_is_placed_by_the_rules() -> None:
    room, ids = room_with_the_world()
    for name in ("ISOC", "Kenya", "UNCTAD"):
        room.ok(RequestFloor(), participant(ids[name]))
    old = [
        dataclasses.replace(e, position=None) if isinstance(e, FloorRequested) else e
        for e in room.log
    ]
    assert replay(old).queue == room.state.queue


def test_a_programme_speaker_registered_late_joins_the_list() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=PANELISTS))
    room.ok(RequestFloor(), participant(kenya))
    added, asked = room.ok(
        register(name="Late Panelist", role="panelist", segment=PANELISTS), SECRETARIAT
    )
    assert isinstance(added, ParticipantAdded) and isinstance(asked, FloorRequested)
    assert asked.programme and asked.position == 0
    assert room.queue() == [("Late Panelist", "statement"), ("Kenya", "statement")]
    # Registered for another segment: nothing is queued.
    (only,) = room.ok(register(name="Discussant", role="discussant", segment=2), SECRETARIAT)
    assert isinstance(only, ParticipantAdded)
