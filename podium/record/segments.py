"""The programme as held beside the programme as planned."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from podium.meeting import programme as programmes
from podium.meeting.events import SegmentEnded, SegmentStarted
from podium.meeting.plan import Plan

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
    events: Sequence[SegmentStarted | SegmentEnded],
    speakers: Sequence[Speaker],
    interventions: Sequence[Intervention],
    closed_at: datetime | None,
) -> tuple[SegmentHeld, ...]:
    programme = programmes.planned(plan, (speaker.segment for speaker in speakers))
    stretches = _stretches(events, closed_at)
    held = []
    for planned in programme.segments:
        own = [i for i in interventions if i.segment == planned.index]
        spans = stretches.get(planned.index, [])
        closed = [(start, end) for start, end in spans if end is not None]
        held.append(
            SegmentHeld(
                index=planned.index,
                title=planned.segment.title,
                role=planned.segment.role,
                planned_minutes=planned.minutes_total,
                planned_start=planned.start,
                planned_end=planned.end,
                started=spans[0][0] if spans else None,
                ended=spans[-1][1] if spans else None,
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


def _stretches(
    events: Sequence[SegmentStarted | SegmentEnded], closed_at: datetime | None
) -> dict[int, list[tuple[datetime, datetime | None]]]:
    """Each segment's (start, end) stretches; one left open ends where the next begins."""
    spans: dict[int, list[tuple[datetime, datetime | None]]] = {}
    running: tuple[int, datetime] | None = None
    for event in events:
        if running is not None:
            index, start = running
            spans.setdefault(index, []).append((start, event.at))
            running = None
        if isinstance(event, SegmentStarted):
            running = (event.segment, event.at)
    if running is not None:
        index, start = running
        spans.setdefault(index, []).append((start, closed_at))
    return spans
