"""What the floor's balance costs the Chair's console, beside what the console already computes.

    .venv/bin/python bench/balance.py [--participants 2000] [--speeches 1000]

A meeting decided by the real core: ``participants`` delegations of every country in the
reference data register, half of them ask for the floor, the Chair hears ``speeches`` of
them with balanced ordering by region, and as many ask again. Timed, on the final state:
the balance by the five dimensions with the reference data's groups (what the panel
shows), the choice of the next speaker ("Next speaker" under balanced ordering) and the
whole panel as the page words it; beside them, in the same run, the console's view of the
same state (``podium.web.view.live``), which every refresh of the page already computes.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from podium.meeting.balance import balance
from podium.meeting.commands import (
    Command,
    EndSpeech,
    GiveFloor,
    OpenMeeting,
    RegisterParticipants,
    RequestFloor,
    SetOrdering,
    StartSegment,
)
from podium.meeting.decide import Refusal, create_meeting, decide
from podium.meeting.ordering import next_speaker
from podium.meeting.participants import ParticipantFields
from podium.meeting.plan import Plan, Segment
from podium.meeting.state import MeetingState, evolve, replay
from podium.meeting.words import CHAIR, Actor
from podium.record.balance import grouping
from podium.reference import countries
from podium.web.balance import balance_view
from podium.web.view import live

PLAN = Plan(
    title="A long discussion",
    segments=(Segment("Floor", "participant", minutes_max=3, per_speaker=True),),
)


def rehearse(people: int, speeches: int) -> tuple[MeetingState, datetime]:
    now = datetime(2024, 4, 15, 13, tzinfo=UTC)
    state = replay(create_meeting(PLAN, now))
    codes = [c.alpha2 for c in countries()]
    genders = ("female", "male")

    def send(command: Command, by: Actor = CHAIR, seconds: float = 1) -> None:
        nonlocal state, now
        now += timedelta(seconds=seconds)
        decision = decide(state, command, by, now, grouping(state))
        assert not isinstance(decision, Refusal), decision.reason
        for event in decision:
            state = evolve(state, event)

    send(OpenMeeting())
    registered = tuple(
        ParticipantFields(
            name=f"Delegate {n}",
            country=codes[n % len(codes)],
            gender=genders[n % 2],  # type: ignore[arg-type]
            channel="online" if n % 5 == 0 else "room",
        )
        for n in range(people)
    )
    send(RegisterParticipants(participants=registered))
    send(StartSegment(segment=0))
    send(SetOrdering(ordering="region"))
    ids = list(state.participants)
    for pid in ids[: people // 2]:
        send(RequestFloor(), Actor("participant", pid))
    for turn in range(speeches):
        send(GiveFloor(), seconds=30 + turn % 150)
        heard = state.speech.participant_id if state.speech else None
        if heard is not None:
            send(RequestFloor(), Actor("participant", heard))
    send(EndSpeech(), seconds=60)
    return state, now


def best(run: Callable[[], Any], rounds: int = 5) -> float:
    """The fastest of ``rounds`` runs, in milliseconds."""
    times = []
    for _round in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return 1000 * min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--speeches", type=int, default=1000)
    args = parser.parse_args()
    started = time.perf_counter()
    state, now = rehearse(args.participants, args.speeches)
    print(
        f"{len(state.participants)} participants,"
        f" {sum(state.floor_asked.values())} requests for the floor, "
        f"{len(state.interventions)} speeches, {len(state.queue)} waiting "
        f"(decided in {time.perf_counter() - started:.1f} s)"
    )
    groups = grouping(state)
    figures = {
        "the balance by five dimensions": lambda: balance(state, groups, now),
        "the next speaker, balanced": lambda: next_speaker(state, groups, now),
        "the panel as the page words it": lambda: balance_view(state, now),
        "baseline, the console's live view": lambda: live(state, now),
    }
    for name, run in figures.items():
        print(f"{name + ':':36} {best(run):7.1f} ms")


if __name__ == "__main__":
    main()
