"""The rules of the floor, one example each: who may do what, and what happens."""

from __future__ import annotations

from datetime import datetime

import pytest

from podium.meeting import timer
from podium.meeting.commands import (
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
    StartSegment,
    TagIntervention,
    UndoGiveFloor,
    UndoRemoveRequest,
    WithdrawRequest,
    register,
)
from podium.meeting.decide import Refusal, create_meeting, decide
from podium.meeting.events import (
    FloorGiven,
    FloorRequested,
    InterventionTagged,
    MeetingClosed,
    MeetingCreated,
    ParticipantAdded,
    SegmentEnded,
    SegmentStarted,
    SpeechEnded,
    SpeechExtended,
)
from podium.meeting.state import initial_state, replay
from podium.meeting.words import CHAIR, SECRETARIAT, Actor
from tests.meeting.room import (
    DISCUSSANTS,
    DISCUSSION,
    FLOOR,
    INTRO,
    PANEL,
    PANELISTS,
    START,
    Room,
    participant,
)

DISPLAY = Actor("display")
PUBLIC = Actor("public")


def test_create_meeting_holds_the_plan() -> None:
    (event,) = create_meeting(PANEL, START)
    assert isinstance(event, MeetingCreated)
    assert event.plan == PANEL.to_json()
    assert event.at == START


def test_nothing_before_the_meeting_is_created() -> None:
    result = decide(initial_state(), OpenMeeting(), CHAIR, START)
    assert result == Refusal("The meeting has not been created.")


def test_the_floor_waits_for_the_meeting_to_open() -> None:
    room = Room(opened=False)
    kenya = room.add("Kenya")  # registration comes before the opening
    reason = room.refused(RequestFloor(participant_id=kenya))
    assert reason == "The meeting has not been opened yet."
    assert room.refused(OpenMeeting(), participant(kenya)) == (
        "Only the Chair or the secretariat may open the meeting."
    )
    room.ok(OpenMeeting(), SECRETARIAT)
    assert room.state.status == "open"
    assert room.refused(OpenMeeting()) == "The meeting is already open."
    room.ok(RequestFloor(participant_id=kenya))


def test_open_meeting_with_a_class_order() -> None:
    room = Room(opened=False)
    room.ok(OpenMeeting(class_order=("stakeholder", "member-state", "observer")))
    assert room.state.class_order == ("stakeholder", "member-state", "observer")
    other = Room(opened=False)
    assert "must name each of" in other.refused(OpenMeeting(class_order=("stakeholder",)))


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (GiveFloor(), "Only the Chair may give the floor."),
        (UndoGiveFloor(intervention_id=1), "Only the Chair may take back the floor."),
        (OpenResponseRound(), "Only the Chair may call the panel to respond."),
        (CloseResponseRound(), "Only the Chair may end the panel's responses."),
    ],
)
def test_the_secretariat_may_not_chair(command: Command, reason: str) -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(RequestFloor(participant_id=kenya), SECRETARIAT)
    assert room.refused(command, SECRETARIAT) == reason


def test_the_secretariat_runs_everything_else() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=FLOOR), SECRETARIAT)
    (request,) = room.ok(RequestFloor(participant_id=kenya), SECRETARIAT)
    assert isinstance(request, FloorRequested) and request.by == "secretariat"
    room.ok(GiveFloor())
    for command in (PauseSpeech(), ResumeSpeech(), ExtendSpeech(seconds=30)):
        room.ok(command, SECRETARIAT)
    room.ok(TagIntervention(questions=(1,)), SECRETARIAT)
    room.ok(EndSpeech(), SECRETARIAT)
    # The secretariat keeps the list: move, remove and restore, close and reopen.
    chile = room.add("Chile")
    room.ok(RequestFloor(participant_id=kenya), SECRETARIAT)
    (asked,) = room.ok(RequestFloor(participant_id=chile), SECRETARIAT)
    room.ok(MoveRequest(request_id=asked.request_id, position=0), SECRETARIAT)  # type: ignore[union-attr]
    room.ok(RemoveRequest(request_id=asked.request_id), SECRETARIAT)  # type: ignore[union-attr]
    room.ok(UndoRemoveRequest(request_id=asked.request_id), SECRETARIAT)  # type: ignore[union-attr]
    assert room.queue() == [("Chile", "statement"), ("Kenya", "statement")]
    room.ok(CloseList(), SECRETARIAT)
    room.ok(ReopenList(), SECRETARIAT)
    room.ok(EndSegment(), SECRETARIAT)
    room.ok(CloseMeeting(), SECRETARIAT)


def test_a_participant_speaks_only_for_themself() -> None:
    room = Room()
    kenya, chile = room.add("Kenya"), room.add("Chile")
    assert room.refused(RequestFloor(participant_id=chile), participant(kenya)) == (
        "You may ask for the floor only for yourself."
    )
    (mine,) = room.ok(RequestFloor(), participant(kenya))
    (theirs,) = room.ok(RequestFloor(participant_id=chile), participant(chile))
    assert isinstance(mine, FloorRequested) and mine.participant_id == kenya
    assert mine.by == "participant"
    assert isinstance(theirs, FloorRequested)
    assert room.refused(WithdrawRequest(request_id=theirs.request_id), participant(kenya)) == (
        "You may withdraw only your own request."
    )
    room.ok(WithdrawRequest(request_id=mine.request_id), participant(kenya))
    assert room.queue() == [("Chile", "statement")]


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (GiveFloor(), "Only the Chair may give the floor."),
        (StartSegment(segment=0), "Only the Chair or the secretariat may start a segment."),
        (RemoveRequest(request_id=1), "Only the Chair or the secretariat may remove a request."),
        (
            register(name="Chile"),
            "Only the Chair or the secretariat may register participants.",
        ),
    ],
)
def test_a_participant_may_not_run_the_meeting(command: Command, reason: str) -> None:
    room = Room()
    kenya = room.add("Kenya")
    assert room.refused(command, participant(kenya)) == reason


def test_an_unregistered_participant_is_refused() -> None:
    room = Room()
    assert room.refused(RequestFloor(), participant("p99")) == (
        "You are not registered as a participant in this meeting."
    )
    assert room.refused(RequestFloor(), Actor("participant")) == (
        "You are not registered as a participant in this meeting."
    )


@pytest.mark.parametrize("actor", [DISPLAY, PUBLIC])
def test_screen_and_public_do_nothing(actor: Actor) -> None:
    room = Room()
    kenya = room.add("Kenya")
    for command in (RequestFloor(participant_id=kenya), GiveFloor(), CloseMeeting()):
        room.refused(command, actor)
    assert room.state.queue == ()


def test_a_closed_meeting_takes_no_command() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(CloseMeeting())
    for command in (RequestFloor(participant_id=kenya), OpenMeeting(), GiveFloor(), EndSpeech()):
        assert room.refused(command) == "The meeting is closed."


def test_after_closing_the_record_may_still_be_tagged() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(participant_id=kenya))
    room.ok(GiveFloor())
    room.ok(EndSpeech())
    room.ok(CloseMeeting())
    room.ok(TagIntervention(intervention_id=1, questions=(2,), note="Late note"))
    assert room.state.intervention(1).questions == (2,)
    assert room.refused(TagIntervention(questions=(1,))) == "Nobody has the floor."
    room.ok(TagIntervention(intervention_id=1, note="Checked"), SECRETARIAT)
    assert room.state.intervention(1).note == "Checked"


def test_a_command_at_a_naive_time_is_refused_not_raised() -> None:
    room = Room()
    result = decide(room.state, CloseList(), CHAIR, datetime(2024, 4, 15, 13))
    assert isinstance(result, Refusal)


# --- participants


def test_participants_are_numbered_in_order_and_countries_upper_case() -> None:
    room = Room()
    (event,) = room.ok(register(name="  Kenya ", country="ke", delegation="Kenya"))
    assert isinstance(event, ParticipantAdded)
    assert (event.participant_id, event.name, event.country) == ("p1", "Kenya", "KE")
    assert room.add("Chile", country="CHL") == "p2"
    assert room.state.participants["p2"].country == "CHL"


@pytest.mark.parametrize(
    ("command", "fragment"),
    [
        (register(name=""), "needs a name"),
        (register(name="   "), "needs a name"),
        (register(name="x" * 201), "at most 200 characters"),
        (register(name="Kenya", country="K"), "not a country code"),
        (register(name="Kenya", country="KENY"), "not a country code"),
        (register(name="Kenya", country="K1"), "not a country code"),
        (register(name="Kenya", segment=9), "no segment 9"),
        (register(name="Kenya", segment=-1), "no segment -1"),
        (register(name="Kenya", role="king"), "not a role"),
        (register(name="Kenya", stakeholder="army"), "not a stakeholder group"),  # type: ignore[arg-type]
    ],
)
def test_bad_participants_are_refused(command: RegisterParticipants, fragment: str) -> None:
    room = Room()
    assert fragment in room.refused(command)
    assert room.state.participants == {}


# --- requests


def test_one_open_request_per_participant_and_kind() -> None:
    room = Room()
    kenya = room.add("Ambassador X")
    room.ok(RequestFloor(), participant(kenya))
    assert room.refused(RequestFloor(), participant(kenya)) == (
        "Ambassador X already has a request for the floor."
    )
    room.ok(RequestFloor(kind="point-of-order"), participant(kenya))  # another kind is fine
    room.ok(GiveFloor())  # the point of order is heard first
    assert room.refused(RequestFloor(), participant(kenya)).endswith("request for the floor.")
    room.ok(GiveFloor())
    room.ok(RequestFloor(), participant(kenya))  # heard: may ask again


def test_requests_for_someone_name_who() -> None:
    room = Room()
    assert room.refused(RequestFloor()) == "Say for which participant the floor is requested."
    assert room.refused(RequestFloor(participant_id="p7")) == "There is no participant p7."
    assert "not a kind of request" in room.refused(
        RequestFloor(kind="filibuster", participant_id="p7")  # type: ignore[arg-type]
    )


def test_channel_defaults_to_the_participants() -> None:
    room = Room()
    online = room.add("Chile", channel="online")
    (event,) = room.ok(RequestFloor(), participant(online))
    assert isinstance(event, FloorRequested) and event.channel == "online"
    (event,) = room.ok(RequestFloor(kind="question", channel="room"), participant(online))
    assert isinstance(event, FloorRequested) and event.channel == "room"


def test_a_closed_list_admits_only_points_of_order_and_replies() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(CloseList())
    assert room.state.list_closed
    assert room.refused(CloseList()) == "The list of speakers is already closed."
    for kind in ("statement", "question", "response"):
        reason = room.refused(RequestFloor(kind=kind), participant(kenya))
        assert reason == "The list of speakers is closed."
    room.ok(RequestFloor(kind="point-of-order"), participant(kenya))
    room.ok(RequestFloor(kind="right-of-reply"), participant(kenya))
    room.ok(ReopenList())
    assert room.refused(ReopenList()) == "The list of speakers is open."
    room.ok(RequestFloor(), participant(kenya))


def test_move_and_remove_requests() -> None:
    room = Room()
    a, b, c = room.add("A"), room.add("B"), room.add("C")
    for who in (a, b, c):
        room.ok(RequestFloor(), participant(who))
    room.ok(MoveRequest(request_id=3, position=0))
    assert [n for n, _ in room.queue()] == ["C", "A", "B"]
    room.ok(MoveRequest(request_id=3, position=99))  # past the end: to the end
    assert [n for n, _ in room.queue()] == ["A", "B", "C"]
    assert "0 or more" in room.refused(MoveRequest(request_id=3, position=-1))
    assert room.refused(MoveRequest(request_id=7, position=0)) == "There is no request number 7."
    room.ok(RemoveRequest(request_id=2))
    assert [n for n, _ in room.queue()] == ["A", "C"]
    assert room.refused(RemoveRequest(request_id=2)) == "There is no request number 2."


# --- the floor


def test_give_floor_to_the_next_in_the_list() -> None:
    room = Room()
    assert room.refused(GiveFloor()) == "The list of speakers is empty."
    kenya, chile = room.add("Kenya"), room.add("Chile")
    room.ok(RequestFloor(), participant(kenya))
    room.ok(RequestFloor(), participant(chile))
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven)
    assert (given.participant_id, given.request_id, given.intervention_id) == (kenya, 1, 1)
    assert room.queue() == [("Chile", "statement")]
    assert room.state.speech is not None and room.state.speech.participant_id == kenya


def test_giving_the_floor_ends_the_speech_under_way() -> None:
    room = Room()
    kenya, chile = room.add("Kenya"), room.add("Chile")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(), participant(kenya))
    room.ok(RequestFloor(), participant(chile))
    room.ok(GiveFloor())
    room.wait(200)
    ended, given = room.ok(GiveFloor())
    assert isinstance(ended, SpeechEnded) and isinstance(given, FloorGiven)
    assert (ended.spoken_seconds, ended.overrun_seconds) == (200, 20)
    assert given.participant_id == chile and given.intervention_id == 2


def test_give_floor_to_a_request_or_anyone_named() -> None:
    room = Room()
    kenya, chile, peru = room.add("Kenya"), room.add("Chile"), room.add("Peru")
    room.ok(RequestFloor(), participant(kenya))
    room.ok(RequestFloor(), participant(chile))
    assert room.refused(GiveFloor(request_id=7)) == "There is no request number 7."
    (given,) = room.ok(GiveFloor(request_id=2))
    assert isinstance(given, FloorGiven) and given.participant_id == chile
    _, given = room.ok(GiveFloor(participant_id=peru))
    assert isinstance(given, FloorGiven)
    assert (given.participant_id, given.request_id, given.kind) == (peru, None, "statement")
    _, given = room.ok(GiveFloor(participant_id=kenya))  # named, their request is taken
    assert isinstance(given, FloorGiven) and given.request_id == 1
    assert room.state.queue == ()
    assert room.refused(GiveFloor(participant_id="p9")) == "There is no participant p9."
    assert "not both" in room.refused(GiveFloor(request_id=1, participant_id=kenya))


@pytest.mark.parametrize(
    ("segment", "limit", "warn"),
    [
        (None, None, None),
        (INTRO, 600, None),
        (PANELISTS, 900, None),
        (DISCUSSANTS, 420, 300),
        (FLOOR, 180, None),
        (DISCUSSION, None, None),
    ],
)
def test_the_limit_comes_from_the_segment(
    segment: int | None, limit: int | None, warn: int | None
) -> None:
    room = Room()
    # The segment's own speaker: its programme speaker, or a delegate in the discussion.
    kenya = room.add(
        "Kenya", segment=segment if segment in (INTRO, PANELISTS, DISCUSSANTS) else None
    )
    if segment is not None:
        room.ok(StartSegment(segment=segment))
    (given,) = room.ok(GiveFloor(participant_id=kenya))
    assert isinstance(given, FloorGiven)
    assert (given.limit_seconds, given.warn_seconds, given.segment) == (limit, warn, segment)


@pytest.mark.parametrize("segment", [INTRO, PANELISTS, DISCUSSANTS])
def test_a_delegate_heard_during_a_presentation_has_the_floors_limit(segment: int) -> None:
    """The secretariat's ten minutes or a panelist's fifteen are not a delegate's."""
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=segment))
    room.ok(RequestFloor(), participant(kenya))
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven)
    assert (given.limit_seconds, given.segment) == (180, segment)


def test_point_of_order_has_no_limit_and_the_chair_may_set_one() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(kind="point-of-order"), participant(kenya))
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven) and given.limit_seconds is None
    _, given = room.ok(GiveFloor(participant_id=kenya, limit_seconds=90))
    assert isinstance(given, FloorGiven) and given.limit_seconds == 90
    for bad in (0, -5, 3 * 3600 + 1):
        assert "between 1 second and 3 hours" in room.refused(
            GiveFloor(participant_id=kenya, limit_seconds=bad)
        )


def test_timer_commands_need_a_speech() -> None:
    room = Room()
    for command in (PauseSpeech(), ResumeSpeech(), ExtendSpeech(), EndSpeech(), TagIntervention()):
        assert room.refused(command) == "Nobody has the floor."


def test_pause_resume_extend_end() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(GiveFloor(participant_id=kenya))
    assert room.refused(ResumeSpeech()) == "The speech is not paused."
    room.wait(60)
    room.ok(PauseSpeech())
    assert room.refused(PauseSpeech()) == "The speech is already paused."
    room.wait(500)  # the Chair consults the secretariat: not counted
    room.ok(ResumeSpeech())
    for bad in (0, -30, 3601):
        assert "between 1 second and 1 hour" in room.refused(ExtendSpeech(seconds=bad))
    room.ok(ExtendSpeech(seconds=60))
    room.wait(150)
    (ended,) = room.ok(EndSpeech())
    assert isinstance(ended, SpeechEnded)
    assert (ended.spoken_seconds, ended.overrun_seconds) == (210, 0)
    (done,) = room.state.interventions
    assert (done.spoken_seconds, done.overrun_seconds, done.extended_seconds) == (210, 0, 60)


def test_the_overrun_before_an_extension_is_kept() -> None:
    room = Room()
    kenya, chile = room.add("Kenya"), room.add("Chile")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(GiveFloor(participant_id=kenya))  # 3 minutes
    room.wait(183)
    (extended,) = room.ok(ExtendSpeech(seconds=60))
    assert isinstance(extended, SpeechExtended) and extended.overrun_seconds == 3
    room.wait(17)
    (ended,) = room.ok(EndSpeech())
    assert isinstance(ended, SpeechEnded)
    assert (ended.spoken_seconds, ended.overrun_seconds) == (200, 3)
    # Past the new limit too: both overruns count.
    room.ok(GiveFloor(participant_id=chile))
    room.wait(200)
    (extended,) = room.ok(ExtendSpeech(seconds=10))
    assert isinstance(extended, SpeechExtended) and extended.overrun_seconds == 20
    room.wait(5)
    assert room.state.speech is not None
    # Still past the new limit (190): every second past the limit in force counts.
    assert timer.overrun(room.state.speech, 205) == 25
    room.wait(15)
    (ended,) = room.ok(EndSpeech())
    assert isinstance(ended, SpeechEnded) and ended.overrun_seconds == 40
    assert [i.overrun_seconds for i in replay(room.log).history] == [3, 40]


def test_a_speech_without_limit_cannot_be_extended() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(GiveFloor(participant_id=kenya))
    assert room.refused(ExtendSpeech()) == "This speech has no time limit to extend."


# --- segments


def test_start_segment_queues_its_programme_speakers_first() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.add("Prof. Ada", role="panelist", segment=PANELISTS, stakeholder="academia")
    room.add("Dr Bo", role="panelist", segment=PANELISTS, stakeholder="business")
    room.add("Ms Cy", role="discussant", segment=DISCUSSANTS)
    room.ok(RequestFloor(), participant(kenya))
    events = room.ok(StartSegment(segment=PANELISTS))
    assert isinstance(events[0], SegmentStarted)
    requests = [e for e in events if isinstance(e, FloorRequested)]
    assert [r.by for r in requests] == ["secretariat", "secretariat"]
    assert all(r.programme and r.segment == PANELISTS for r in requests)
    assert room.queue() == [
        ("Prof. Ada", "statement"),
        ("Dr Bo", "statement"),
        ("Kenya", "statement"),
    ]
    assert [r.programme for r in room.state.queue] == [True, True, False]


def test_starting_a_segment_ends_the_speech_and_the_previous_segment() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=INTRO))
    assert room.refused(StartSegment(segment=INTRO)) == "This segment is already under way."
    room.ok(GiveFloor(participant_id=kenya))
    room.wait(30)
    ended, segment_ended, started = room.ok(StartSegment(segment=FLOOR))
    assert isinstance(ended, SpeechEnded) and ended.spoken_seconds == 30
    assert isinstance(segment_ended, SegmentEnded) and segment_ended.segment == INTRO
    assert isinstance(started, SegmentStarted) and started.segment == FLOOR
    assert room.state.segment == FLOOR
    assert [(r.index, r.end is not None) for r in room.state.segment_runs] == [
        (INTRO, True),
        (FLOOR, False),
    ]


def test_bad_segments_are_refused() -> None:
    room = Room()
    assert "no segment 5" in room.refused(StartSegment(segment=5))
    assert "no segment -1" in room.refused(StartSegment(segment=-1))
    assert room.refused(EndSegment()) == "No segment is under way."


def test_end_segment_ends_the_speech_and_keeps_the_list() -> None:
    room = Room()
    kenya, chile = room.add("Kenya"), room.add("Chile")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(), participant(kenya))
    room.ok(RequestFloor(), participant(chile))
    room.ok(GiveFloor())
    ended, segment_ended = room.ok(EndSegment())
    assert isinstance(ended, SpeechEnded) and isinstance(segment_ended, SegmentEnded)
    assert room.state.segment is None and room.state.speech is None
    assert room.queue() == [("Chile", "statement")]


def test_restarting_a_segment_queues_only_those_not_yet_heard() -> None:
    room = Room()
    ada = room.add("Ada", role="panelist", segment=PANELISTS)
    room.add("Bo", role="panelist", segment=PANELISTS)
    room.ok(StartSegment(segment=PANELISTS))
    room.ok(GiveFloor())
    room.ok(EndSegment())
    room.ok(RemoveRequest(request_id=2))
    events = room.ok(StartSegment(segment=PANELISTS))
    requested = [e.participant_id for e in events if isinstance(e, FloorRequested)]
    assert requested == ["p2"] and ada not in requested


def test_close_meeting_ends_speech_and_segment() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(GiveFloor(participant_id=kenya))
    ended, segment_ended, closed = room.ok(CloseMeeting())
    assert isinstance(ended, SpeechEnded)
    assert isinstance(segment_ended, SegmentEnded)
    assert isinstance(closed, MeetingClosed)
    assert room.state.status == "closed"


# --- tags


def test_tag_the_current_or_a_past_intervention() -> None:
    room = Room()
    kenya, chile = room.add("Kenya"), room.add("Chile")
    room.ok(GiveFloor(participant_id=kenya))
    (tag,) = room.ok(TagIntervention(questions=(2, 1, 2), note="Calls for a fund."))
    assert isinstance(tag, InterventionTagged)
    assert (tag.intervention_id, tag.questions) == (1, (2, 1))
    room.ok(GiveFloor(participant_id=chile))
    room.ok(TagIntervention(intervention_id=1, questions=(3,), note=""))
    first, second = room.state.interventions
    assert (first.questions, first.note) == ((3,), "")
    assert second.end is None
    assert room.refused(TagIntervention(intervention_id=9)) == "There is no intervention number 9."


def test_a_second_tag_keeps_the_first() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(GiveFloor(participant_id=kenya))
    room.ok(TagIntervention(add_questions=(2,), note="Calls for a fund."))
    room.ok(TagIntervention(append_note="And for open data."))
    assert room.state.speech is not None
    assert room.state.speech.questions == (2,)
    assert room.state.speech.note == "Calls for a fund.\nAnd for open data."
    room.ok(TagIntervention(add_questions=(3, 2)))
    room.ok(TagIntervention(remove_questions=(2,)))
    assert room.state.speech.questions == (3,)
    room.ok(TagIntervention(note=""))
    assert (room.state.speech.questions, room.state.speech.note) == ((3,), "")
    room.ok(TagIntervention(questions=()))
    assert room.state.speech.questions == ()


@pytest.mark.parametrize(
    ("command", "fragment"),
    [
        (TagIntervention(questions=(4,)), "no guiding question 4"),
        (TagIntervention(questions=(0,)), "no guiding question 0"),
        (TagIntervention(note="x" * 2001), "at most 2,000 characters"),
        (TagIntervention(add_questions=(4,)), "no guiding question 4"),
        (TagIntervention(remove_questions=(0,)), "no guiding question 0"),
    ],
)
def test_bad_tags_are_refused(command: TagIntervention, fragment: str) -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(GiveFloor(participant_id=kenya))
    assert fragment in room.refused(command)


def test_refusals_translate_their_template() -> None:
    room = Room()
    result = room.send(GiveFloor(request_id=7))
    assert isinstance(result, Refusal)
    catalogue = {"There is no request number {number}.": "Il n'y a pas de demande n° {number}."}
    assert result.translate(lambda text: catalogue.get(text, text)) == (
        "Il n'y a pas de demande n° 7."
    )
    assert result == Refusal("There is no request number 7.")


def test_a_refusal_says_whether_the_role_may_never_do_it() -> None:
    room = Room()
    kenya = room.add("Kenya")
    never = [
        (GiveFloor(), participant(kenya)),
        (GiveFloor(), SECRETARIAT),
        (CloseList(), DISPLAY),
        (RequestFloor(participant_id=kenya), PUBLIC),
        (TagIntervention(), participant(kenya)),
    ]
    for command, actor in never:
        refusal = room.send(command, actor)
        assert isinstance(refusal, Refusal) and refusal.forbidden, command
    room.ok(CloseList())
    for command, actor in [
        (RequestFloor(participant_id=kenya), participant(kenya)),  # the list is closed
        (RequestFloor(participant_id="p9"), participant(kenya)),  # not for someone else
        (GiveFloor(), CHAIR),  # nobody is waiting
    ]:
        refusal = room.send(command, actor)
        assert isinstance(refusal, Refusal) and not refusal.forbidden, command
