"""Amending the programme: what may change, when, by whom, and what follows from it."""

from __future__ import annotations

from podium.meeting.commands import (
    AddDocument,
    AddQuestion,
    AddSegment,
    AmendDocument,
    AmendQuestion,
    AmendSegment,
    CloseMeeting,
    GiveFloor,
    MoveQuestion,
    MoveSegment,
    RemoveDocument,
    RemoveQuestion,
    RemoveSegment,
    RequestFloor,
    StartSegment,
    TagIntervention,
)
from podium.meeting.decide import Refusal, decide
from podium.meeting.events import ProgrammeAmended
from podium.meeting.words import CHAIR, SECRETARIAT, Actor
from podium.record.interventions import record_from_events
from tests.meeting.room import DISCUSSANTS, DISCUSSION, FLOOR, INTRO, PANEL, PANELISTS, Room


def segments(room: Room) -> list[str]:
    assert room.state.plan is not None
    return [s.title for s in room.state.plan.segments]


def test_the_chair_or_the_secretariat_amends_a_segment_and_the_timer_follows() -> None:
    room = Room()
    (event,) = room.ok(
        AmendSegment(
            segment=FLOOR,
            title="Statements from the floor",
            role="participant",
            minutes_max=2,
            per_speaker=True,
            member_state_minutes=3,
        ),
        SECRETARIAT,
    )
    assert isinstance(event, ProgrammeAmended)
    assert (event.by, event.part, event.action, event.index) == (
        "secretariat",
        "segments",
        "amend",
        3,
    )
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(participant_id=kenya))
    room.ok(GiveFloor())
    # A member State speaks under its class's own limit, 3 minutes; the others under 2.
    assert room.state.speech is not None and room.state.speech.limit_seconds == 180
    unctad = room.add("UNCTAD", stakeholder="un-entity")
    room.ok(GiveFloor(participant_id=unctad))
    assert room.state.speech is not None and room.state.speech.limit_seconds == 120
    assert segments(room)[FLOOR] == "Statements from the floor"


def test_others_may_not_amend_the_programme() -> None:
    room = Room()
    kenya = room.add("Kenya")
    command = RemoveSegment(segment=INTRO)
    for actor in (Actor("participant", kenya), Actor("display"), Actor("public")):
        refusal = decide(room.state, command, actor, room.now)
        assert isinstance(refusal, Refusal) and refusal.forbidden


def test_a_started_segment_keeps_its_rule_and_its_place() -> None:
    room = Room()
    room.ok(StartSegment(segment=PANELISTS))
    amend = AmendSegment(segment=PANELISTS, title="Panel", role="panelist", minutes_max=10)
    assert "has started: only segments not yet started may change" in room.refused(amend)
    room.ok(StartSegment(segment=DISCUSSANTS))  # the panel has ended: still part of the record
    assert "has started" in room.refused(amend)
    assert "has started" in room.refused(RemoveSegment(segment=PANELISTS))
    assert "keeps its place" in room.refused(RemoveSegment(segment=INTRO))
    assert "keeps its place" in room.refused(MoveSegment(segment=FLOOR, position=INTRO))
    assert "keeps its place" in room.refused(AddSegment(title="Welcome", role="chair", position=0))
    # Before it, a segment not started may still be reworded; after it, anything.
    room.ok(AmendSegment(segment=INTRO, title="Introduction", role="secretariat", minutes_max=5))
    room.ok(MoveSegment(segment=DISCUSSION, position=FLOOR))
    room.ok(AddSegment(title="Closing remarks", role="chair", minutes_max=5))
    assert segments(room)[FLOOR:] == [
        "Interactive discussion",
        "Interventions from the room",
        "Closing remarks",
    ]


def test_programme_speakers_follow_their_segment_or_speak_from_the_floor() -> None:
    room = Room()
    ada = room.add("Ada", role="panelist", segment=PANELISTS)
    bo = room.add("Bo", role="discussant", segment=DISCUSSANTS)
    room.ok(MoveSegment(segment=PANELISTS, position=FLOOR))
    assert room.state.participants[ada].segment == FLOOR
    assert room.state.participants[bo].segment == PANELISTS
    room.ok(RemoveSegment(segment=PANELISTS))
    assert room.state.participants[bo].segment is None
    assert room.state.participants[ada].segment == DISCUSSANTS
    record = record_from_events("m", room.log)
    speakers = {s.name: s.segment for s in record.speakers}
    assert speakers == {"Ada": DISCUSSANTS, "Bo": None}


def test_bad_segments_are_refused_with_a_sentence() -> None:
    room = Room()
    cases = {
        AmendSegment(segment=9, title="X", role="other"): "There is no segment 9",
        AmendSegment(segment=INTRO, title=" ", role="other"): "A segment needs a title.",
        AmendSegment(segment=INTRO, title="X", role="emperor"): "'emperor' is not a role",  # type: ignore[arg-type]
        AmendSegment(segment=INTRO, title="X", role="other", minutes_max=-2): "more than 0",
        AmendSegment(
            segment=INTRO, title="X", role="other", minutes_min=9, minutes_max=3
        ): "The least minutes must not exceed the most.",
        AmendSegment(segment=INTRO, title="X", role="other", speakers=-1): "between 0 and 1,000",
        AddSegment(title="X", role="other", position=99): "between 0 and 5",
        MoveSegment(segment=INTRO, position=INTRO): "already in that place",
    }
    for command, words in cases.items():
        assert words in room.refused(command), command


def test_a_question_used_in_a_tag_is_reworded_but_never_renumbered() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(participant_id=kenya))
    room.ok(GiveFloor())
    room.ok(TagIntervention(questions=(2,)))
    assert "tags an intervention" in room.refused(RemoveQuestion(question=2))
    assert "tags an intervention" in room.refused(RemoveQuestion(question=1))  # 2 would be 1
    assert "tags an intervention" in room.refused(MoveQuestion(question=3, position=1))
    assert "tags an intervention" in room.refused(AddQuestion(text="First?", position=1))
    room.ok(RemoveQuestion(question=3))
    room.ok(AddQuestion(text="What next?"))
    room.ok(AmendQuestion(question=2, text="How can cooperation help most?"))
    assert room.state.plan is not None
    assert room.state.plan.questions == (
        PANEL.questions[0],
        "How can cooperation help most?",
        "What next?",
    )
    assert "must not be empty" in room.refused(AmendQuestion(question=1, text=" "))
    assert "numbered 1 to 3" in room.refused(AmendQuestion(question=4, text="Why?"))


def test_documents_are_added_corrected_and_removed() -> None:
    room = Room()
    room.ok(AddDocument(title="Report", symbol="E/CN.16/2024/2", url="https://unctad.org/r"))
    assert "https://" in room.refused(AddDocument(title="Trap", url="javascript:alert(1)"))
    room.ok(
        AmendDocument(document=0, title="Report of the Secretary-General", symbol="E/CN.16/2024/2")
    )
    assert room.state.plan is not None
    assert room.state.plan.documents[0].title == "Report of the Secretary-General"
    assert room.state.plan.documents[0].url is None
    room.ok(RemoveDocument(document=0))
    assert room.state.plan.documents == ()
    assert "has no supporting documents" in room.refused(RemoveDocument(document=0))


def test_the_programme_is_amended_before_opening_but_not_after_closing() -> None:
    room = Room(opened=False)
    room.ok(AddQuestion(text="One more?"), CHAIR)
    room.ok(CloseMeeting())
    assert room.refused(AddQuestion(text="Too late?")) == "The meeting is closed."


def test_the_record_holds_the_programme_as_planned_and_as_amended() -> None:
    room = Room()
    room.ok(
        AmendSegment(
            segment=FLOOR, title="The floor", role="participant", minutes_max=2, per_speaker=True
        )
    )
    room.ok(RemoveSegment(segment=DISCUSSION), SECRETARIAT)
    record = record_from_events("m", room.log)
    assert record.planned is not None and len(record.planned.segments) == 5
    assert [s.title for s in record.segments][-1] == "The floor"
    assert [a.change for a in record.amendments] == [
        "Segment 4 “The floor” now: 2 minutes each",
        "Segment 5 “Interactive discussion” removed",
    ]
    assert [a.by for a in record.amendments] == ["the Chair", "the secretariat"]
