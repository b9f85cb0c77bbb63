"""Balanced ordering, budgets and the floor's balance, case by case."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from podium.meeting import balance, budgets, ordering
from podium.meeting.balance import PLAIN
from podium.meeting.commands import (
    EndSpeech,
    GiveFloor,
    MoveRequest,
    RequestFloor,
    SetBudget,
    SetOrdering,
    StartSegment,
)
from podium.meeting.events import FloorGiven
from podium.meeting.ledger import Ledger
from podium.meeting.state import replay
from podium.meeting.words import SECRETARIAT
from tests.meeting.room import FLOOR, Room, participant


def hall(*countries: str, gender: str | None = None) -> tuple[Room, list[str]]:
    room = Room()
    ids = [room.add(f"Delegate of {c}", country=c, gender=gender) for c in countries]
    room.ok(StartSegment(segment=FLOOR))
    return room, ids


def speak(room: Room, seconds: float) -> FloorGiven:
    (*_, given) = room.ok(GiveFloor())
    assert isinstance(given, FloorGiven)
    room.wait(seconds)
    room.ok(EndSpeech())
    return given


def test_balanced_by_region_hears_the_group_with_least_time_for_its_requests() -> None:
    room, (fr, ke, sn) = hall("FR", "KE", "SN")
    room.ok(SetOrdering(ordering="region"))
    room.ok(RequestFloor(), participant(fr))
    speak(room, 120)
    for who in (fr, ke):
        room.ok(RequestFloor(), participant(who))
    choice = ordering.next_speaker(room.state, PLAIN, room.now)
    assert choice is not None and choice.request.participant_id == ke
    assert (choice.why, choice.group, choice.seconds) == ("balance", "KE", 0.0)
    # Kenya asked once of three requests: a third of the floor's two minutes is its share.
    assert round(choice.fair_seconds) == 40
    assert speak(room, 30).participant_id == ke
    room.ok(RequestFloor(), participant(sn))
    assert speak(room, 30).participant_id == sn
    assert speak(room, 30).participant_id == fr


def test_first_come_first_served_is_the_rule_until_the_chair_changes_it() -> None:
    room, (fr, ke) = hall("FR", "KE")
    room.ok(RequestFloor(), participant(fr))
    speak(room, 120)
    room.ok(RequestFloor(), participant(fr))
    room.ok(RequestFloor(), participant(ke))
    choice = ordering.next_speaker(room.state, PLAIN, room.now)
    assert choice is not None and (choice.why, choice.request.participant_id) == ("arrival", fr)
    assert "Chair" in room.refused(SetOrdering(ordering="region"), SECRETARIAT)
    assert "already" in room.refused(SetOrdering(ordering="arrival"))
    assert "not a rule" in room.refused(SetOrdering(ordering="height"))  # type: ignore[arg-type]


def test_a_request_overtaken_three_times_is_heard_next() -> None:
    room, (fr, *others) = hall("FR", "KE", "SN", "BR", "FJ", "NP")
    room.ok(SetOrdering(ordering="region"))
    room.ok(RequestFloor(), participant(fr))
    speak(room, 300)
    room.ok(RequestFloor(), participant(fr))
    heard = []
    for who in others:
        room.ok(RequestFloor(), participant(who))
        heard.append(speak(room, 10).participant_id)
    # Kenya, Senegal and Brazil overtook France; France is heard before Fiji's turn.
    assert heard[:3] == others[:3]
    assert fr in [i.participant_id for i in room.state.interventions[4:5]]
    assert ordering.OVERTAKEN_AT_MOST == 3


def test_balance_never_takes_anyone_from_behind_a_point_of_order() -> None:
    room, (fr, ke, sn) = hall("FR", "KE", "SN")
    room.ok(SetOrdering(ordering="region"))
    room.ok(RequestFloor(), participant(fr))
    speak(room, 200)
    room.ok(RequestFloor(), participant(fr))
    room.ok(RequestFloor(kind="point-of-order"), participant(sn))
    room.ok(RequestFloor(), participant(ke))
    # The Chair puts France first: the point of order now stands between France and Kenya.
    room.ok(MoveRequest(request_id=room.state.queue[1].id, position=0))
    assert [r.participant_id for r in room.state.queue] == [fr, sn, ke]
    assert speak(room, 5).participant_id == fr
    assert speak(room, 5).kind == "point-of-order"


def test_alternating_gender_follows_a_man_with_a_woman() -> None:
    room = Room()
    men = [room.add(f"Mr. {n}", country="KE", gender="male") for n in range(3)]
    woman = room.add("Ms. Diallo", country="SN", gender="female")
    room.ok(StartSegment(segment=FLOOR))
    room.ok(SetOrdering(ordering="gender"))
    for who in (*men, woman):
        room.ok(RequestFloor(), participant(who))
    assert speak(room, 60).participant_id == men[0]
    choice = ordering.next_speaker(room.state, PLAIN, room.now)
    assert choice is not None and (choice.why, choice.group, choice.last_group) == (
        "alternate",
        "female",
        "male",
    )
    assert speak(room, 60).participant_id == woman
    assert speak(room, 60).participant_id == men[1]


def test_the_balance_counts_the_floor_by_group_at_any_moment() -> None:
    room, (fr, ke, sn) = hall("FR", "KE", "SN")
    for who in (fr, ke, sn):
        room.ok(RequestFloor(), participant(who))
    speak(room, 90)
    (*_, given) = room.ok(GiveFloor())
    room.wait(30)  # Kenya is speaking: counted up to now
    table = balance.table(room.state, PLAIN, "region", room.now)
    assert (table.row("FR").seconds, table.row("KE").seconds, table.row("SN").seconds) == (
        90.0,
        30.0,
        0.0,
    )
    assert table.row("KE").turns == 1 and table.turns == 2 and table.requests == 3
    assert table.registered == 3 and round(table.registered_share(table.row("SN")), 3) == 0.333
    (unheard,) = table.unheard()
    assert unheard.group == "SN" and unheard.waiting_since == room.state.queue[0].at
    # The same figures from the log up to any seq: a pure function of the events.
    seq = len(room.log)
    past = replay(room.log[:seq])
    assert balance.table(past, PLAIN, "region", room.now) == table
    earlier = replay(room.log[: seq - 1])  # before Kenya was given the floor
    assert balance.table(earlier, PLAIN, "region", room.now).row("KE").turns == 0
    assert isinstance(given, FloorGiven)


def test_a_group_budget_counts_down_with_its_speakers() -> None:
    room, (fr, ke) = hall("FR", "KE")
    assert "Chair" in room.refused(
        SetBudget(dimension="region", group="KE", budget_seconds=300), SECRETARIAT
    )
    room.ok(SetBudget(dimension="region", group="KE", budget_seconds=300))
    room.ok(SetBudget(dimension="channel", group="online", budget_seconds=120))
    assert "not a group" in room.refused(
        SetBudget(dimension="region", group="XX", budget_seconds=60)
    )
    assert "between" in room.refused(SetBudget(dimension="region", group="FR", budget_seconds=0))
    room.ok(RequestFloor(), participant(ke))
    room.ok(RequestFloor(channel="online"), participant(fr))
    room.ok(GiveFloor())
    room.wait(100)
    (mine,) = budgets.speaker_budgets(room.state, PLAIN, room.now)
    assert mine.budget.group == "KE" and mine.left == 200
    room.ok(EndSpeech())
    room.ok(GiveFloor())
    room.wait(150)
    (kenya, online) = budgets.uses(room.state, PLAIN, room.now)
    assert (kenya.left, online.left) == (200, -30)
    # Amended in its place, then removed.
    room.ok(SetBudget(dimension="region", group="KE", budget_seconds=600))
    assert [b.seconds for b in room.state.budgets] == [600, 120]
    room.ok(SetBudget(dimension="region", group="KE"))
    assert [b.group for b in room.state.budgets] == ["online"]
    assert "no budget" in room.refused(SetBudget(dimension="region", group="KE"))
    assert replay(room.log) == room.state
    assert room.now - room.state.budgets[0].at < timedelta(minutes=5)


def test_the_balance_over_time_is_read_from_the_log() -> None:
    room, (fr, ke) = hall("FR", "KE")
    for who in (fr, ke):
        room.ok(RequestFloor(), participant(who))
    speak(room, 60)
    speak(room, 30)
    points = balance.over_time(room.log, lambda state: PLAIN, "region")
    assert [(at - room.log[0].at).total_seconds() for at, _table in points] == [60.0, 90.0]
    assert [(t.row("FR").seconds, t.row("KE").seconds) for _at, t in points] == [
        (60.0, 0.0),
        (60.0, 30.0),
    ]


class Unread(Ledger[Any]):
    """A record that may not be read: what balance needs is counted in the state."""

    def __iter__(self) -> Iterator[Any]:
        raise AssertionError("balance read the whole record")


def test_balance_costs_the_same_however_long_the_record_is() -> None:
    room, (fr, ke) = hall("FR", "KE")
    for _round in range(3):
        for who in (fr, ke):
            room.ok(RequestFloor(), participant(who))
            speak(room, 60)
    room.ok(RequestFloor(), participant(fr))
    room.ok(GiveFloor())
    room.wait(20)  # France speaks: its time so far counts too
    kept = room.state
    history = Unread()
    history._items, history._size = list(kept.history), len(kept.history)
    unread = dataclasses.replace(kept, history=history)
    region = balance.table(unread, PLAIN, "region", room.now)
    assert region == balance.table(kept, PLAIN, "region", room.now)
    france = region.row("FR")  # each country its own region, as the plain grouping has it
    assert (france.turns, france.seconds, france.requests) == (4, 200.0, 4)
