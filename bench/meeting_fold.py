"""How fast the meeting core decides and folds a long meeting, beside a bare loop.

    .venv/bin/python bench/meeting_fold.py [--events 100000]

The meeting is decided by the real core: 200 delegations ask for the floor,
the Chair gives it, the secretariat tags some speeches, a few are paused and
extended, each ends. The baseline walks the same events doing nothing but a
type test, and a second one appends each intervention to a tuple as a naive
state would, to show what the shared ledger saves.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from podium.meeting.commands import (
    Command,
    EndSpeech,
    ExtendSpeech,
    GiveFloor,
    OpenMeeting,
    PauseSpeech,
    RequestFloor,
    ResumeSpeech,
    StartSegment,
    TagIntervention,
    register,
)
from podium.meeting.decide import Refusal, create_meeting, decide
from podium.meeting.events import Event, FloorGiven
from podium.meeting.plan import Plan, Segment
from podium.meeting.snapshot import snapshot
from podium.meeting.state import MeetingState, evolve, initial_state
from podium.meeting.words import CHAIR, SECRETARIAT, Actor
from podium.wire import decode_event, encode_event

PLAN = Plan(
    title="A long meeting",
    questions=("One?", "Two?", "Three?"),
    segments=(Segment("Floor", "participant", minutes_max=3, per_speaker=True),),
)


def rehearse(total: int) -> tuple[list[Event], float]:
    """A meeting of about ``total`` events, and the seconds ``decide`` took."""
    now = datetime(2024, 4, 15, 13, tzinfo=UTC)
    log: list[Event] = list(create_meeting(PLAN, now))
    state = initial_state()
    for event in log:
        state = evolve(state, event)
    spent = 0.0

    def send(command: Command, by: Actor = CHAIR) -> None:
        nonlocal state, now, spent
        now += timedelta(seconds=7)
        started = time.perf_counter()
        result = decide(state, command, by, now)
        spent += time.perf_counter() - started
        assert not isinstance(result, Refusal), result.reason
        for event in result:
            state = evolve(state, event)
        log.extend(result)

    send(OpenMeeting())
    for n in range(200):
        send(register(name=f"Delegation {n}", country="KE"), SECRETARIAT)
    send(StartSegment(segment=0))
    turn = 0
    while len(log) < total:
        speaker = f"p{turn % 200 + 1}"
        send(RequestFloor(), Actor("participant", speaker))
        send(GiveFloor())
        if turn % 5 == 0:
            send(PauseSpeech())
            send(ResumeSpeech())
            send(ExtendSpeech(seconds=30))
        if turn % 3 == 0:
            send(TagIntervention(questions=(turn % 3 + 1,), note="A point worth summarising."))
        send(EndSpeech())
        turn += 1
    return log[:total], spent


def timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def fold(events: list[Event]) -> MeetingState:
    state = initial_state()
    for event in events:
        state = evolve(state, event)
    return state


def bare_loop(events: list[Event]) -> int:
    count = 0
    for event in events:
        if isinstance(event, FloorGiven):
            count += 1
    return count


def tuple_appends(events: list[Event]) -> tuple[Event, ...]:
    kept: tuple[Event, ...] = ()
    for event in events:
        if isinstance(event, FloorGiven):
            kept = (*kept, event)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    options = parser.parse_args()
    events, deciding = rehearse(options.events)
    total = len(events)
    texts = [encode_event(e) for e in events]
    state = fold(events)
    print(f"{total:,} events, {len(state.interventions):,} interventions")
    rows = [
        ("bare loop over the events (baseline)", timed(lambda: bare_loop(events))),
        ("tuple append per intervention (naive)", timed(lambda: tuple_appends(events))),
        ("evolve (the fold)", timed(lambda: fold(events))),
        ("decode_event + evolve", timed(lambda: fold([decode_event(t) for t in texts]))),
        ("decide (while rehearsing)", deciding),
    ]
    for name, seconds in rows:
        print(f"  {name:<40} {seconds:>8.3f} s  {total / seconds:>12,.0f} events/s")
    now = state.closed_at or datetime.now(UTC)
    took = timed(lambda: snapshot(state, now))
    print(f"  {'snapshot of the final state':<40} {took:>8.3f} s")


if __name__ == "__main__":
    main()
