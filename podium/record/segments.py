"""The programme as held beside the programme as planned."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from podium.meeting import programme as programmes
from podium.meeting.plan import Plan
from podium.meeting.state import SegmentRun

if TYPE_CHECKING:
    from podium.record.interventions import Intervention, Speaker


@dataclass(frozen=True)
class SegmentHeld:
    """One segment: planned minutes and times (from the programme), and when it was held.

    ``held_seconds`` adds up every stretch between a start and its end: a
    segment resumed later counts both stretches.
    """

    index: int
    title: str
    role: str
    planned_minutes: float | None
    planned_start: datetime | None
    planned_end: datetime | None
    started: datetime | None
    ended: datetime | None
    held_seconds: float | None
    interventions: int
    spoken_seconds: float
    overruns: int
    overrun_seconds: float


def segments_held(
    plan: Plan,
    runs: Iterable[SegmentRun],
    speakers: Iterable[Speaker],
    interventions: Sequence[Intervention],
) -> tuple[SegmentHeld, ...]:
    """Each planned segment with its runs as the state holds them (one still running has
    no end) and the interventions heard in it."""
    # The programme is planned for the speakers actually registered in each segment.
    programme = programmes.planned(plan, (speaker.segment for speaker in speakers))
    by_segment: dict[int, list[SegmentRun]] = {}
    for run in runs:
        by_segment.setdefault(run.index, []).append(run)
    held = []
    for planned in programme.segments:
        own = [i for i in interventions if i.segment == planned.index]
        spans = by_segment.get(planned.index, [])
        closed = [(run.start, run.end) for run in spans if run.end is not None]
        held.append(
            SegmentHeld(
                index=planned.index,
                title=planned.segment.title,
                role=planned.segment.role,
                planned_minutes=planned.minutes_total,
                planned_start=planned.start,
                planned_end=planned.end,
                started=spans[0].start if spans else None,
                ended=spans[-1].end if spans else None,
                held_seconds=sum((end - start).total_seconds() for start, end in closed)
                if closed
                else None,
                interventions=len(own),
                spoken_seconds=sum(i.spoken_seconds for i in own),
                overruns=sum(1 for i in own if i.overrun_seconds > 0),
                overrun_seconds=sum(i.overrun_seconds for i in own),
            )
        )
    return tuple(held)
