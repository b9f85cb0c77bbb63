"""A snapshot of the state, read back and folded on, is the state the whole log folds to."""

from __future__ import annotations

import pickle
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.meeting import rates, state_codec
from podium.meeting.commands import EndSpeech, GiveFloor, RequestFloor
from podium.meeting.decide import Refusal, decide
from podium.meeting.events import Event
from podium.meeting.state import MeetingState, evolve, initial_state
from podium.meeting.words import Actor
from podium.wire import decode_event, encode_event
from tests.meeting.room import Room
from tests.meeting.test_properties import steps


def fold(events: list[Event]) -> tuple[MeetingState, rates.Rates]:
    state, windows = initial_state(), rates.Rates()
    for event in events:
        windows = rates.fold(windows, state, event)
        state = evolve(state, event)
    return state, windows


def fold_on(
    state: MeetingState, windows: rates.Rates, events: list[Event]
) -> tuple[MeetingState, rates.Rates]:
    for event in events:
        windows = rates.fold(windows, state, event)
        state = evolve(state, event)
    return state, windows


def held(room: Room, sent: list[tuple[object, object, float]]) -> list[Event]:
    for command, actor, gap in sent:
        room.wait(gap)
        result = decide(room.state, command, actor, room.now)  # type: ignore[arg-type]
        if not isinstance(result, Refusal):
            for event in result:
                room.state = evolve(room.state, event)
            room.log.extend(result)
    return room.log


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sent=steps, cut=st.floats(min_value=0, max_value=1))
def test_a_snapshot_and_the_tail_fold_to_the_whole_log(
    sent: list[tuple[object, object, float]], cut: float
) -> None:
    # As the service folds them: read back from their JSON (instants with pydantic's offsets).
    log = [decode_event(encode_event(event)) for event in held(Room(), sent)]
    at = round(cut * len(log))
    whole = fold(log)
    state, windows = state_codec.load(state_codec.dump(*fold(log[:at])))
    assert state.seq == at
    assert fold_on(state, windows, log[at:]) == whole
    # Read back once more from the result: nothing is lost on a second round.
    assert state_codec.load(state_codec.dump(*whole)) == whole


def test_a_long_history_is_written_in_chunks_and_read_back_whole() -> None:
    room = Room()
    kenya = room.add("Kenya", country="KE")
    for _turn in range(state_codec.CHUNK + 5):
        room.ok(RequestFloor(), Actor("participant", kenya))
        room.ok(GiveFloor())
        room.wait(30)
        room.ok(EndSpeech())
        room.wait(timedelta(minutes=1).total_seconds())
    data = state_codec.dump(room.state, rates.Rates())
    state, _windows = state_codec.load(data)
    assert len(state.history) == state_codec.CHUNK + 5
    assert state == room.state
    # The ledger goes on growing as the original did.
    room.ok(RequestFloor(), Actor("participant", kenya))
    assert len(evolve(state, room.log[-1]).history) == len(state.history)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"not a pickle at all",
        lambda data: b"",
        lambda data: data.replace(b"podium.meeting", b"podium.meetinx", 1),
        lambda data: pickle.dumps({"seq": 3}),
        lambda data: pickle.dumps((1, 2)),
    ],
)
def test_a_damaged_snapshot_is_unreadable_never_a_crash(damage: object) -> None:
    room = Room()
    room.add("Kenya", country="KE")
    data = damage(state_codec.dump(room.state, rates.Rates()))  # type: ignore[operator]
    with pytest.raises(state_codec.UnreadableState):
        state_codec.load(data)


def test_a_snapshot_builds_nothing_but_the_states_own_classes() -> None:
    class Bomb:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (print, ("this must never run",))

    with pytest.raises(state_codec.UnreadableState, match=r"may not hold builtins\.print"):
        state_codec.load(pickle.dumps((Bomb(), 1)))


def test_the_layout_names_every_field_of_the_state() -> None:
    # A field added to the state changes the layout, so older snapshots are passed over.
    assert len(state_codec.LAYOUT) == 16
    assert "podium.meeting.state.MeetingState" in state_codec._STATE_CLASSES
    assert "podium.meeting.entries.Intervention" in state_codec._STATE_CLASSES
    assert "podium.meeting.plan.Segment" in state_codec._STATE_CLASSES
