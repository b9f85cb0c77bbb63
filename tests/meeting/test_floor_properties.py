"""Properties of the floor's rules, over random rooms and random requests."""

from __future__ import annotations

import itertools
from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from podium.meeting import speakers
from podium.meeting.commands import (
    GiveFloor,
    OpenMeeting,
    OpenResponseRound,
    RemoveRequest,
    RequestFloor,
    StartSegment,
    UndoGiveFloor,
    UndoRemoveRequest,
)
from podium.meeting.events import FloorGiven
from podium.meeting.floor import UNDO_SECONDS
from podium.meeting.groups import GROUPS
from podium.meeting.state import replay
from podium.meeting.words import LEVELS, SECRETARIAT, STAKEHOLDERS
from tests.meeting.room import FLOOR, PANELISTS, Room, participant

people = st.lists(
    st.fixed_dictionaries(
        {
            "stakeholder": st.sampled_from(STAKEHOLDERS),
            "observer": st.booleans(),
            "level": st.none() | st.sampled_from(LEVELS),
        }
    ),
    min_size=1,
    max_size=6,
)
# Who asks, for which group (if any), and the kind of request.
asks = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=5),
        st.none() | st.sampled_from(sorted(GROUPS)),
        st.sampled_from(["statement", "statement", "question", "point-of-order", "right-of-reply"]),
    ),
    max_size=15,
)


def room_of(crowd: list[dict[str, Any]], precedence: bool) -> tuple[Room, list[str]]:
    room = Room(opened=False)
    room.ok(OpenMeeting(level_precedence=precedence))
    ids = [room.add(f"Delegate {n}", **fields) for n, fields in enumerate(crowd)]
    room.ok(StartSegment(segment=FLOOR))
    return room, ids


def ask(room: Room, ids: list[str], requests: list[tuple[int, str | None, str]]) -> None:
    for who, group, kind in requests:
        pid = ids[who % len(ids)]
        room.send(RequestFloor(kind=kind, group=group), participant(pid))  # type: ignore[arg-type]


@settings(max_examples=80, deadline=None)
@given(people, asks, st.booleans())
def test_the_floor_hears_groups_first_and_then_by_class_and_level(
    crowd: list[dict[str, Any]], requests: list[tuple[int, str | None, str]], precedence: bool
) -> None:
    room, ids = room_of(crowd, precedence)
    ask(room, ids, requests)
    state = room.state
    floor = [r for r in state.queue if r.kind in ("statement", "question")]
    groups = [r.group is not None for r in floor]
    assert groups == sorted(groups, reverse=True)  # every group statement before the rest
    order = list(state.class_order)
    for before, after in itertools.pairwise(floor):
        if (before.group is None) != (after.group is None):
            continue
        first = state.participants[before.participant_id]
        second = state.participants[after.participant_id]
        assert order.index(first.floor_class) <= order.index(second.floor_class)
        if precedence and first.floor_class == second.floor_class:
            rank_of = {level: n for n, level in enumerate(LEVELS)}
            assert rank_of.get(first.level, len(LEVELS)) <= rank_of.get(  # type: ignore[arg-type]
                second.level,
                len(LEVELS),  # type: ignore[arg-type]
            )
    kinds = [r.kind for r in state.queue]
    assert kinds[: kinds.count("point-of-order")] == ["point-of-order"] * kinds.count(
        "point-of-order"
    )


@settings(max_examples=60, deadline=None)
@given(people, asks, st.booleans())
def test_the_list_replays_as_decided_whatever_the_rules_become(
    crowd: list[dict[str, Any]], requests: list[tuple[int, str | None, str]], precedence: bool
) -> None:
    room, ids = room_of(crowd, precedence)
    ask(room, ids, requests)
    with mock.patch.object(speakers, "rank", lambda *args, **kwargs: (0, 0, 0, 0)):
        assert replay(room.log).queue == room.state.queue


@settings(max_examples=60, deadline=None)
@given(
    people,
    asks,
    st.integers(min_value=0, max_value=14),
    st.floats(min_value=0, max_value=2 * UNDO_SECONDS),
)
def test_an_undo_restores_the_list_exactly_within_ten_seconds(
    crowd: list[dict[str, Any]],
    requests: list[tuple[int, str | None, str]],
    which: int,
    wait: float,
) -> None:
    room, ids = room_of(crowd, False)
    ask(room, ids, requests)
    if not room.state.queue:
        return
    before = room.state.queue
    target = before[which % len(before)]
    room.ok(RemoveRequest(request_id=target.id), SECRETARIAT)
    room.wait(wait)
    result = room.send(UndoRemoveRequest(request_id=target.id), SECRETARIAT)
    if wait <= UNDO_SECONDS:
        assert room.state.queue == before
    else:
        assert not isinstance(result, tuple)
        assert target not in room.state.queue
    # The floor given, then taken back at once: the list is as it was, nobody has spoken.
    queue, heard = room.state.queue, room.state.interventions
    if queue:
        (*_, given) = room.ok(GiveFloor())
        assert isinstance(given, FloorGiven)
        room.wait(min(wait, UNDO_SECONDS))
        room.ok(UndoGiveFloor(intervention_id=given.intervention_id))
        assert room.state.queue == queue and room.state.interventions == heard
    assert replay(room.log) == room.state


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=4),
    st.lists(st.integers(min_value=0, max_value=3), max_size=6),
    asks,
    st.none() | st.integers(min_value=1, max_value=600),
)
def test_a_response_round_calls_the_panelists_asked_first_with_its_limit(
    panel_size: int,
    questions: list[int],
    requests: list[tuple[int, str | None, str]],
    limit: int | None,
) -> None:
    room = Room()
    panel = [
        room.add(f"Panelist {n}", role="panelist", segment=PANELISTS) for n in range(panel_size)
    ]
    asker = room.add("Kenya")
    room.ok(StartSegment(segment=FLOOR))
    asked: list[str] = []
    for n in questions:
        to = panel[n % panel_size]
        if not isinstance(
            room.send(RequestFloor(kind="question", to=to), participant(asker)), tuple
        ):
            continue
        room.ok(GiveFloor())
        asked += [] if to in asked else [to]
    ids = [room.add(f"Delegate {n}") for n in range(3)]
    ask(room, ids, requests)
    room.ok(OpenResponseRound(limit_seconds=limit))
    responses = [r for r in room.state.queue if r.kind == "response"]
    assert [r.participant_id for r in responses] == (asked or panel)
    kinds = [r.kind for r in room.state.queue if r.kind != "point-of-order"]
    assert kinds[: len(responses)] == ["response"] * len(responses)
    while room.state.queue and room.state.queue[0].kind in ("point-of-order", "response"):
        first = room.state.queue[0]
        (*_, given) = room.ok(GiveFloor())
        assert isinstance(given, FloorGiven)
        if first.kind == "response":
            assert given.limit_seconds == limit
    assert [i.participant_id for i in room.state.interventions if i.kind == "response"] == (
        asked or panel
    )
