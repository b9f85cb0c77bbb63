"""State is the fold of the log: evolve, replay, and the ledger they share."""

from __future__ import annotations

from podium.meeting.commands import (
    EndSpeech,
    GiveFloor,
    PauseSpeech,
    RequestFloor,
    ResumeSpeech,
    StartSegment,
    TagIntervention,
)
from podium.meeting.events import FloorRequested, RequestMoved, SpeechEnded
from podium.meeting.ledger import Ledger
from podium.meeting.plan import Plan
from podium.meeting.state import evolve, initial_state, replay
from podium.wire import decode_event, encode_event
from tests.meeting.room import FLOOR, PANEL, START, Room, participant


def test_initial_state_is_empty() -> None:
    state = initial_state()
    assert (state.seq, state.plan, state.status, state.queue) == (0, None, "new", ())
    assert state.interventions == () and not state.created


def test_seq_counts_events_and_replay_gives_the_live_state() -> None:
    room = Room()
    kenya = room.add("Kenya")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(), participant(kenya))
    room.ok(GiveFloor())
    room.wait(30)
    room.ok(PauseSpeech())
    room.wait(10)
    room.ok(ResumeSpeech())
    room.ok(TagIntervention(questions=(1,)))
    room.wait(20)
    room.ok(EndSpeech())
    assert room.state.seq == len(room.log)
    assert replay(room.log) == room.state
    assert replay(decode_event(encode_event(e)) for e in room.log) == room.state
    assert Plan.from_json(PANEL.to_json()) == room.state.plan
    (done,) = room.state.interventions
    assert (done.spoken_seconds, done.overrun_seconds, done.questions) == (50, 0, (1,))


def test_evolving_an_older_state_twice_does_not_mix_the_branches() -> None:
    room = Room()
    kenya, chile = room.add("Kenya"), room.add("Chile")
    room.ok(GiveFloor(participant_id=kenya))
    fork = room.state
    room.ok(EndSpeech())
    first = room.state
    other = Room()
    other.add("Kenya")
    other.add("Chile")
    other.state = fork
    other.wait(99)
    other.ok(GiveFloor(participant_id=chile))  # ends Kenya's speech another way
    other.ok(EndSpeech())
    assert [i.participant_id for i in first.interventions] == [kenya]
    assert [i.participant_id for i in other.state.interventions] == [kenya, chile]
    assert first.interventions[0].spoken_seconds == 0
    assert other.state.interventions[0].spoken_seconds == 99


def test_a_request_from_an_old_log_without_programme_reads_as_floor() -> None:
    room = Room()
    kenya = room.add("Kenya")
    (event,) = room.ok(RequestFloor(), participant(kenya))
    assert isinstance(event, FloorRequested)
    text = encode_event(event).replace(',"programme":false', "")
    assert decode_event(text) == event


def test_ledger_behaves_as_a_value() -> None:
    empty: Ledger[int] = Ledger()
    one = empty.append(1)
    two = one.append(2)
    branch = one.append(20)  # not the newest: copies
    assert (list(empty), list(one), list(two), list(branch)) == ([], [1], [1, 2], [1, 20])
    assert two[-1] == 2 and two[0:1] == (1,) and len(two) == 2
    changed = two.replace(0, 10)
    assert list(changed) == [10, 2] and list(two) == [1, 2]
    assert two == Ledger([1, 2]) and two != branch
    assert hash(two) == hash(Ledger([1, 2]))


def test_evolve_leaves_alone_what_an_event_no_longer_finds() -> None:
    room = Room()
    state = room.state
    after = evolve(
        state, SpeechEnded(at=START, intervention_id=5, spoken_seconds=1, overrun_seconds=0)
    )
    assert after.seq == state.seq + 1
    assert after.history == state.history and after.speech is None
    moved = evolve(after, RequestMoved(at=START, request_id=9, position=0))
    assert moved.queue == () and moved.seq == state.seq + 2
