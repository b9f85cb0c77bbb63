"""Properties of balanced ordering, over random rooms, requests, speeches and rules.

K (``ordering.OVERTAKEN_AT_MOST``) is 3: a waiting request is overtaken by at most three
requests of its class made after it, whatever the rule.
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from podium.meeting.commands import (
    EndSpeech,
    GiveFloor,
    MoveRequest,
    RequestFloor,
    SetOrdering,
    StartSegment,
)
from podium.meeting.events import FloorGiven, FloorRequested
from podium.meeting.ordering import OVERTAKEN_AT_MOST
from podium.meeting.state import replay
from podium.meeting.words import ORDERINGS
from tests.meeting.room import FLOOR, Room, participant

BALANCED = [o for o in ORDERINGS if o != "arrival"]
K = 3


def test_k_is_three() -> None:
    assert OVERTAKEN_AT_MOST == K


people = st.lists(
    st.fixed_dictionaries(
        {
            "country": st.sampled_from(["KE", "SN", "FR", "BR", "FJ", "NP", "DE"]),
            "gender": st.none() | st.sampled_from(["female", "male"]),
            "stakeholder": st.sampled_from(["government", "government", "civil-society"]),
        }
    ),
    min_size=1,
    max_size=7,
)
# A meeting's course: someone asks (who, kind), the Chair presses "Next speaker" after
# a speech of so many seconds, or a speech ends.
steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("ask"),
            st.integers(min_value=0, max_value=6),
            st.sampled_from(
                [
                    "statement",
                    "statement",
                    "statement",
                    "question",
                    "point-of-order",
                    "right-of-reply",
                ]
            ),
        ),
        st.tuples(st.just("next"), st.integers(min_value=1, max_value=400), st.just("")),
        st.tuples(st.just("end"), st.integers(min_value=1, max_value=200), st.just("")),
    ),
    max_size=40,
)
# The same, with the Chair moving a request to the head of the list now and then.
steps_with_moves = st.lists(
    st.one_of(
        steps.map(lambda course: course[0] if course else ("end", 1, "")),
        st.tuples(st.just("move"), st.integers(min_value=0, max_value=9), st.just("")),
    ),
    max_size=50,
)
# A long discussion: many requests, many speeches, no moves.
long_steps = st.lists(
    st.one_of(
        st.tuples(st.just("ask"), st.integers(min_value=0, max_value=6), st.just("statement")),
        st.tuples(st.just("next"), st.integers(min_value=1, max_value=400), st.just("")),
    ),
    min_size=20,
    max_size=120,
)


def run(crowd: list[dict[str, Any]], course: list[tuple[str, int, str]], ordering: str) -> Room:
    room = Room()
    ids = [room.add(f"Delegate {n}", **fields) for n, fields in enumerate(crowd)]
    room.ok(StartSegment(segment=FLOOR))
    if ordering != "arrival":
        room.ok(SetOrdering(ordering=ordering))  # type: ignore[arg-type]
    for action, number, kind in course:
        if action == "ask":
            pid = ids[number % len(ids)]
            room.send(RequestFloor(kind=kind), participant(pid))  # type: ignore[arg-type]
        elif action == "next":
            room.wait(number)
            before = room.state.queue
            result = room.send(GiveFloor())
            if isinstance(result, tuple):
                given = next(e for e in result if isinstance(e, FloorGiven))
                _check_nothing_skipped(before, given.request_id)
        elif action == "move":
            queue = room.state.queue
            if queue:
                moved = queue[number % len(queue)]
                room.ok(MoveRequest(request_id=moved.id, position=0))
        else:
            room.wait(number)
            room.send(EndSpeech())
    return room


def _check_nothing_skipped(queue: Any, request_id: int | None) -> None:
    """Everyone the chosen request was taken before is a statement or question of its rank:
    never a point of order, a right of reply or a programme speaker."""
    place = [r.id for r in queue].index(request_id)
    head = queue[0]
    if head.kind not in ("statement", "question") or head.programme or head.group:
        assert place == 0
    for ahead in queue[:place]:
        assert ahead.kind in ("statement", "question") and not ahead.programme


def _overtakes(room: Room) -> dict[int, int]:
    """For each request from the floor, how many requests of its class made after it were
    heard while it waited: read from the log alone."""
    classes = {pid: p.floor_class for pid, p in room.state.participants.items()}
    made: dict[int, FloorRequested] = {}
    waiting: set[int] = set()
    counts: dict[int, int] = {}
    for event in room.log:
        if isinstance(event, FloorRequested) and event.kind in ("statement", "question"):
            made[event.request_id] = event
            waiting.add(event.request_id)
            counts[event.request_id] = 0
        elif isinstance(event, FloorGiven) and event.request_id in made:
            heard = made[event.request_id]
            waiting.discard(heard.request_id)
            for other in waiting:
                mine = made[other]
                if other < heard.request_id and (
                    classes[mine.participant_id] == classes[heard.participant_id]
                ):
                    counts[other] += 1
    return counts


# France has spoken; it asks again, raises a point of order, Kenya asks; the Chair puts
# France's statement first, so that the point of order stands between France and Kenya.
MOVED_AHEAD_OF_A_POINT_OF_ORDER = [
    ("ask", 0, "statement"),
    ("next", 1, ""),
    ("end", 200, ""),
    ("ask", 0, "statement"),
    ("ask", 0, "point-of-order"),
    ("ask", 1, "statement"),
    ("move", 1, ""),
    ("next", 1, ""),
    ("next", 1, ""),
]


@settings(max_examples=150, deadline=None)
@given(people, steps_with_moves, st.sampled_from(ORDERINGS))
@example(
    [{"country": c, "gender": None, "stakeholder": "government"} for c in ("FR", "KE", "SN")],
    MOVED_AHEAD_OF_A_POINT_OF_ORDER,
    "region",
)
def test_balance_never_skips_a_point_of_order_or_a_right_of_reply(
    crowd: list[dict[str, Any]], course: list[tuple[str, int, str]], ordering: str
) -> None:
    room = run(crowd, course, ordering)  # ``run`` checks each press
    assert replay(room.log) == room.state


# Seven delegations of seven countries: balance by region has most room to overtake.
nations = st.permutations(["KE", "SN", "FR", "BR", "FJ", "NP", "DE"]).map(
    lambda order: [{"country": c, "gender": ("female", "male")[n % 2]} for n, c in enumerate(order)]
)


# One delegation speaks long, then five others ask one after the other.
LONG_THEN_FIVE = [("ask", 0, "statement"), ("next", 1, ""), ("ask", 0, "statement")] + [
    step for n in range(1, 6) for step in (("ask", n, "statement"), ("next", 300 // n, ""))
]


@settings(max_examples=200, deadline=None)
@given(nations, long_steps, st.sampled_from(BALANCED))
@example(
    [
        {"country": c, "gender": g}
        for c, g in zip(["FR", "KE", "SN", "BR", "FJ", "NP"], ["male", "female"] * 3, strict=True)
    ],
    LONG_THEN_FIVE,
    "region",
)
def test_balance_never_starves_anyone(
    crowd: list[dict[str, Any]], course: list[tuple[str, int, str]], ordering: str
) -> None:
    room = run(crowd, course, ordering)
    counts = _overtakes(room)
    assert max(counts.values(), default=0) <= K
    # And the list empties: pressing "Next speaker" hears everyone waiting in turn.
    for _press in range(len(room.state.queue)):
        room.wait(60)
        room.ok(GiveFloor())
    assert room.state.queue == ()
    assert max(_overtakes(room).values(), default=0) <= K


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=1, max_value=6),
    steps,
    st.sampled_from(BALANCED),
    st.sampled_from(["female", "male"]),
)
def test_balance_is_first_come_first_served_when_every_group_is_level(
    size: int, course: list[tuple[str, int, str]], ordering: str, gender: str
) -> None:
    # Everyone of one region, one development group, one gender: every group level.
    crowd = [{"country": "KE", "gender": gender}] * size
    balanced, arrival = run(crowd, course, ordering), run(crowd, course, "arrival")
    heard = [(i.participant_id, i.request_id) for i in balanced.state.interventions]
    assert heard == [(i.participant_id, i.request_id) for i in arrival.state.interventions]


@settings(max_examples=60, deadline=None)
@given(people, st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=10))
def test_before_anyone_has_spoken_balance_hears_the_first_in_the_list(
    crowd: list[dict[str, Any]], askers: list[int]
) -> None:
    room = Room()
    ids = [room.add(f"Delegate {n}", **fields) for n, fields in enumerate(crowd)]
    room.ok(StartSegment(segment=FLOOR))
    for n in askers:
        room.send(RequestFloor(), participant(ids[n % len(ids)]))
    room.ok(SetOrdering(ordering="region"))
    first = room.state.queue[0]
    (given,) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven) and given.request_id == first.id
