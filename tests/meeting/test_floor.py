"""The floor as the UN runs it: groups first, precedence, questions to panelists, the panel's
responses, limits by class of speaker, and the Chair's undo."""

from __future__ import annotations

from dataclasses import replace

from podium.meeting.commands import (
    CloseResponseRound,
    GiveFloor,
    OpenMeeting,
    OpenResponseRound,
    RemoveRequest,
    RequestFloor,
    StartSegment,
    UndoGiveFloor,
    UndoRemoveRequest,
    register,
)
from podium.meeting.events import (
    FloorGiven,
    FloorRequested,
    FloorTakenBack,
    RequestRemoved,
    RequestRestored,
    ResponseRoundOpened,
)
from podium.meeting.permissions import may
from podium.meeting.plan import ClassLimit
from podium.meeting.state import replay
from podium.meeting.words import SECRETARIAT
from tests.meeting.room import FLOOR, PANEL, PANELISTS, Room, participant


def test_a_statement_on_behalf_of_a_group_is_heard_first() -> None:
    room = Room()
    kenya, chile, cuba = room.add("Kenya"), room.add("Chile"), room.add("Cuba")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(), participant(kenya))
    room.ok(RequestFloor(), participant(chile))
    (asked,) = room.ok(RequestFloor(group="g77"), participant(cuba))
    assert isinstance(asked, FloorRequested) and asked.group == "g77" and asked.position == 0
    assert [name for name, _ in room.queue()] == ["Cuba", "Kenya", "Chile"]
    eu = room.add("European Union", stakeholder="intergovernmental")
    room.ok(RequestFloor(group="eu"), participant(eu))
    assert [name for name, _ in room.queue()] == ["Cuba", "European Union", "Kenya", "Chile"]
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven)
    assert room.state.interventions[-1].group == "g77"


def test_a_group_must_be_known_and_speak_in_a_statement() -> None:
    room = Room()
    kenya = room.add("Kenya")
    assert "not a group" in room.refused(RequestFloor(group="g88"), participant(kenya))
    assert "Only a statement" in room.refused(
        RequestFloor(kind="question", group="g77"), participant(kenya)
    )


def test_level_of_representation_takes_precedence_when_the_meeting_says_so() -> None:
    for precedence, expected in (
        (False, ["Chile", "Kenya", "Peru"]),
        (True, ["Kenya", "Peru", "Chile"]),
    ):
        room = Room(opened=False)
        room.ok(OpenMeeting(level_precedence=precedence))
        chile = room.add("Chile", level="ambassador")
        kenya = room.add("Kenya", level="head-of-state-or-government")
        peru = room.add("Peru", level="minister")
        for who in (chile, kenya, peru):
            room.ok(RequestFloor(), participant(who))
        assert [name for name, _ in room.queue()] == expected
    assert "not a level" in room.refused(register(name="X", level="king"), SECRETARIAT)  # type: ignore[arg-type]


def test_a_question_names_its_panelist_and_the_panel_responds_in_a_round() -> None:
    room = Room()
    ada = room.add("Ada", role="panelist", segment=PANELISTS)
    bo = room.add("Bo", role="panelist", segment=PANELISTS)
    kenya, chile = room.add("Kenya"), room.add("Chile")
    room.ok(StartSegment(segment=FLOOR))
    assert "no panelist" in room.refused(
        RequestFloor(kind="question", to=kenya), participant(kenya)
    )
    assert "Only a question" in room.refused(RequestFloor(to=bo), participant(kenya))
    room.ok(RequestFloor(kind="question", to=bo), participant(kenya))
    room.ok(RequestFloor(kind="question", to=bo), participant(chile))
    room.ok(GiveFloor())
    room.ok(GiveFloor())
    assert [i.to for i in room.state.interventions] == [bo, bo]
    opened, response = room.ok(OpenResponseRound(limit_seconds=120))
    assert isinstance(opened, ResponseRoundOpened) and opened.limit_seconds == 120
    # Only the panelist asked responds; Ada was asked nothing.
    assert isinstance(response, FloorRequested) and response.participant_id == bo
    assert response.kind == "response" and response.position == 0
    assert "already responding" in room.refused(OpenResponseRound())
    room.ok(RequestFloor(), participant(kenya))
    (_, given) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven)
    assert (given.participant_id, given.kind, given.limit_seconds) == (bo, "response", 120)
    room.ok(CloseResponseRound())
    # No question since the last round: the whole panel is called.
    _, *called = room.ok(OpenResponseRound())
    assert [e.participant_id for e in called] == [ada, bo]  # type: ignore[attr-defined]
    removed = room.ok(CloseResponseRound())
    assert sum(isinstance(e, RequestRemoved) for e in removed) == 2
    assert room.queue() == [("Kenya", "statement")]
    assert "not responding" in room.refused(CloseResponseRound())


def test_limits_by_class_of_speaker_come_from_the_plan() -> None:
    floor = replace(
        PANEL.segments[FLOOR],
        class_limits=(ClassLimit("observer", 2), ClassLimit("member-state", 3)),
    )
    plan = replace(PANEL, segments=(*PANEL.segments[:FLOOR], floor, *PANEL.segments[FLOOR + 1 :]))
    room = Room(plan)
    kenya = room.add("Kenya")
    unctad = room.add("UNCTAD", stakeholder="un-entity")
    room.ok(StartSegment(segment=FLOOR))
    (given,) = room.ok(GiveFloor(participant_id=unctad))
    assert isinstance(given, FloorGiven) and given.limit_seconds == 120
    _, given = room.ok(GiveFloor(participant_id=kenya))
    assert isinstance(given, FloorGiven) and given.limit_seconds == 180


def test_remove_can_be_undone_for_ten_seconds() -> None:
    room = Room()
    kenya, chile, peru = room.add("Kenya"), room.add("Chile"), room.add("Peru")
    requests = [room.ok(RequestFloor(), participant(who))[0] for who in (kenya, chile, peru)]
    chile_request = requests[1].request_id  # type: ignore[attr-defined]
    room.ok(RemoveRequest(request_id=chile_request))
    room.wait(9)
    (restored,) = room.ok(UndoRemoveRequest(request_id=chile_request))
    assert isinstance(restored, RequestRestored) and restored.position == 1
    assert [name for name, _ in room.queue()] == ["Kenya", "Chile", "Peru"]
    assert "not removed in the last 10 seconds" in room.refused(
        UndoRemoveRequest(request_id=chile_request)
    )
    room.ok(RemoveRequest(request_id=chile_request))
    room.wait(11)
    assert "not removed in the last 10 seconds" in room.refused(
        UndoRemoveRequest(request_id=chile_request)
    )
    assert replay(room.log) == room.state


def test_the_floor_given_can_be_taken_back_for_ten_seconds() -> None:
    room = Room()
    kenya, chile = room.add("Kenya"), room.add("Chile")
    room.ok(StartSegment(segment=FLOOR))
    for who in (kenya, chile):
        room.ok(RequestFloor(), participant(who))
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven) and given.intervention_id == 1
    room.wait(5)
    taken, restored = room.ok(UndoGiveFloor(intervention_id=1))
    assert isinstance(taken, FloorTakenBack) and isinstance(restored, RequestRestored)
    assert room.state.speech is None and room.state.interventions == ()
    assert [name for name, _ in room.queue()] == ["Kenya", "Chile"]
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven) and given.intervention_id == 1
    room.wait(11)
    assert "in the last 10 seconds" in room.refused(UndoGiveFloor(intervention_id=1))
    assert replay(room.log) == room.state


def test_a_floor_taken_back_leaves_one_request_of_a_kind_for_its_speaker() -> None:
    room = Room()
    kenya, chile = room.add("Kenya"), room.add("Chile")
    room.ok(StartSegment(segment=FLOOR))
    for who in (kenya, chile):
        room.ok(RequestFloor(), participant(who))
    room.ok(GiveFloor())
    (again,) = room.ok(RequestFloor(), participant(kenya))  # Kenya asks again while speaking
    assert isinstance(again, FloorRequested)
    (taken,) = room.ok(UndoGiveFloor(intervention_id=1))  # its first request stays gone
    assert isinstance(taken, FloorTakenBack) and room.state.speech is None
    assert [(r.participant_id, r.id) for r in room.state.queue] == [
        (chile, 2),
        (kenya, again.request_id),
    ]
    assert replay(room.log) == room.state


def test_one_permission_table_for_the_pages() -> None:
    assert may("secretariat", RemoveRequest) and not may("secretariat", GiveFloor)
    assert may("chair", UndoGiveFloor) and not may("participant", RemoveRequest)
    assert may("participant", RequestFloor) and not may("display", RequestFloor)
