"""The snapshot clients draw from, and verify_action: stale state + events = fresh load."""

from __future__ import annotations

import json
from datetime import timedelta

from podium.meeting.commands import (
    CloseList,
    CloseMeeting,
    Command,
    EndSegment,
    EndSpeech,
    ExtendSpeech,
    GiveFloor,
    MoveRequest,
    PauseSpeech,
    RemoveRequest,
    RequestFloor,
    ResumeSpeech,
    StartSegment,
    TagIntervention,
    WithdrawRequest,
    register,
)
from podium.meeting.decide import Refusal
from podium.meeting.snapshot import intervention, snapshot
from podium.meeting.state import evolve, replay
from podium.meeting.words import CHAIR, SECRETARIAT, Actor
from podium.wire import decode_event, encode_event
from tests.meeting.room import DISCUSSANTS, FLOOR, Room, participant


def test_snapshot_of_a_speech_counts_from_timestamps() -> None:
    room = Room()
    # A lead discussant, called in programme order when the segment starts.
    room.add("Kenya", delegation="Kenya", country="KE", segment=DISCUSSANTS)
    room.ok(StartSegment(segment=DISCUSSANTS))
    room.ok(GiveFloor())
    room.wait(310)
    view = snapshot(room.state, room.now)
    json.dumps(view)  # JSON-able as it is
    speech = view["speech"]
    assert speech["name"] == "Kenya" and speech["delegation"] == "Kenya"
    assert (speech["limit_seconds"], speech["warn_seconds"]) == (420, 300)
    assert (speech["elapsed_seconds"], speech["remaining_seconds"]) == (310, 110)
    assert speech["light"] == "amber"
    assert speech["started_at"] == "2024-04-15T13:00:00+00:00"
    assert view["plan"]["segments"][DISCUSSANTS]["state"] == "running"
    assert view["plan"]["questions"][0] == "What are the main challenges?"


def test_snapshot_queue_positions_and_names() -> None:
    room = Room()
    kenya, isoc = room.add("Kenya"), room.add("ISOC", stakeholder="civil-society")
    room.ok(RequestFloor(), participant(isoc))
    room.ok(RequestFloor(kind="question"), participant(kenya))
    queue = snapshot(room.state, room.now)["queue"]
    assert [(q["position"], q["name"], q["kind"]) for q in queue] == [
        (0, "Kenya", "question"),
        (1, "ISOC", "statement"),
    ]
    assert queue[1]["floor_class"] == "stakeholder"


SCRIPT: list[tuple[Command, Actor, float]] = [
    (register(name="Kenya"), SECRETARIAT, 0),
    (register(name="Ada", role="discussant", segment=DISCUSSANTS), SECRETARIAT, 0),
    (register(name="ISOC", stakeholder="academia"), SECRETARIAT, 0),
    (StartSegment(segment=DISCUSSANTS), CHAIR, 10),
    (RequestFloor(), Actor("participant", "p1"), 3),
    (RequestFloor(), Actor("participant", "p3"), 3),
    (GiveFloor(), CHAIR, 5),
    (PauseSpeech(), SECRETARIAT, 100),
    (ResumeSpeech(), SECRETARIAT, 30),
    (ExtendSpeech(seconds=60), CHAIR, 1),
    (TagIntervention(questions=(1, 3), note="A fund."), SECRETARIAT, 1),
    (MoveRequest(request_id=3, position=0), CHAIR, 1),
    (GiveFloor(), CHAIR, 400),
    (RequestFloor(kind="right-of-reply"), Actor("participant", "p1"), 3),
    (WithdrawRequest(request_id=4), Actor("participant", "p1"), 3),
    (CloseList(), CHAIR, 1),
    (EndSegment(), SECRETARIAT, 30),
    (StartSegment(segment=FLOOR), CHAIR, 5),
    (RequestFloor(kind="point-of-order"), SECRETARIAT, 1),  # refused: says for whom
    (RequestFloor(kind="point-of-order", participant_id="p3"), SECRETARIAT, 1),
    (RemoveRequest(request_id=2), CHAIR, 1),
    (GiveFloor(participant_id="p2", limit_seconds=60), CHAIR, 1),
    (EndSpeech(), CHAIR, 75),
    (TagIntervention(intervention_id=1, questions=(2,)), SECRETARIAT, 1),
    (CloseMeeting(), CHAIR, 5),
]


def test_verify_action_for_every_command_of_a_meeting() -> None:
    room = Room()
    carried_out = 0
    for command, actor, gap in SCRIPT:
        stale = room.state
        room.wait(gap)
        result = room.send(command, actor)
        if isinstance(result, Refusal):
            assert room.state is stale
            continue
        carried_out += 1
        live = stale
        for event in result:
            live = evolve(live, event)
        fresh = replay(decode_event(encode_event(e)) for e in room.log)
        for later in (0, 17.5, 600):
            now = room.now + timedelta(seconds=later)
            assert snapshot(live, now) == snapshot(fresh, now), command
    assert carried_out == len(SCRIPT) - 1
    final = snapshot(room.state, room.now)
    assert final["status"] == "closed"
    # The live state leaves the record to its own paged route; each entry as it gives it:
    assert "interventions" not in final
    heard = [intervention(room.state, i) for i in room.state.interventions]
    assert [i["overrun_seconds"] for i in heard] == [23, 0, 15]  # 503 s spoken of 480
    assert heard[0]["questions"] == [2]
