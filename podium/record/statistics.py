"""Who got to speak: interventions and minutes by group, requests heard, overruns.

Every breakdown counts each intervention exactly once, so each table's rows
add up to its totals; groups with no one in them are shown too, since who
was not heard is the point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from podium.i18n import _
from podium.record.groups import dimension_title, label, ordered
from podium.record.interventions import Record

DIMENSIONS: tuple[str, ...] = (
    "role",
    "region",
    "development_group",
    "stakeholder_group",
    "gender",
    "channel",
)
# Requests come from the floor, where role says nothing; the other groups matter.
REQUEST_DIMENSIONS: tuple[str, ...] = DIMENSIONS[1:]


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    interventions: int
    seconds: float


@dataclass(frozen=True)
class Breakdown:
    dimension: str
    title: str
    rows: tuple[Row, ...]
    interventions: int
    seconds: float

    def share(self, row: Row) -> float:
        """The row's share of the speaking time, 0 to 1."""
        return row.seconds / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class RequestRow:
    key: str
    label: str
    requests: int
    heard: int
    withdrawn: int
    removed: int
    waiting: int

    @property
    def share_heard(self) -> float | None:
        return self.heard / self.requests if self.requests else None


@dataclass(frozen=True)
class RequestBreakdown:
    dimension: str
    title: str
    rows: tuple[RequestRow, ...]
    total: RequestRow


@dataclass(frozen=True)
class OverrunRow:
    segment: int | None
    title: str
    interventions: int
    overruns: int
    overrun_seconds: float
    longest_seconds: float


@dataclass(frozen=True)
class Course:
    """How speaking time by group built up over the meeting: after each intervention ended,
    the minutes since the meeting opened and each group's time so far (in ``keys`` order)."""

    dimension: str
    title: str
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    points: tuple[tuple[float, tuple[float, ...]], ...]


@dataclass(frozen=True)
class Statistics:
    interventions: int
    seconds: float
    breakdowns: tuple[Breakdown, ...]
    requests: tuple[RequestBreakdown, ...]
    overruns: tuple[OverrunRow, ...]
    courses: tuple[Course, ...] = ()

    def breakdown(self, dimension: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.dimension == dimension)

    def course(self, dimension: str) -> Course:
        return next(c for c in self.courses if c.dimension == dimension)

    def request_breakdown(self, dimension: str) -> RequestBreakdown:
        return next(b for b in self.requests if b.dimension == dimension)

    def to_json(self) -> dict[str, Any]:
        return {
            "interventions": self.interventions,
            "seconds": round(self.seconds, 3),
            "breakdowns": {
                b.dimension: [
                    {
                        "group": r.key,
                        "label": r.label,
                        "interventions": r.interventions,
                        "seconds": round(r.seconds, 3),
                    }
                    for r in b.rows
                ]
                for b in self.breakdowns
            },
            "requests": {b.dimension: [_request_json(r) for r in b.rows] for b in self.requests},
            "requests_total": _request_json(self.requests[0].total) if self.requests else None,
            "overruns": [
                {
                    "segment": o.segment,
                    "title": o.title,
                    "interventions": o.interventions,
                    "overruns": o.overruns,
                    "overrun_seconds": round(o.overrun_seconds, 3),
                    "longest_seconds": round(o.longest_seconds, 3),
                }
                for o in self.overruns
            ],
        }


def _request_json(row: RequestRow) -> dict[str, Any]:
    return {
        "group": row.key,
        "label": row.label,
        "requests": row.requests,
        "heard": row.heard,
        "withdrawn": row.withdrawn,
        "removed": row.removed,
        "waiting": row.waiting,
    }


def statistics(record: Record) -> Statistics:
    return Statistics(
        interventions=len(record.interventions),
        seconds=record.spoken_seconds,
        breakdowns=tuple(_breakdown(record, d) for d in DIMENSIONS),
        requests=tuple(_requests(record, d) for d in REQUEST_DIMENSIONS),
        overruns=_overruns(record),
        courses=tuple(_course(record, d) for d in COURSE_DIMENSIONS),
    )


# The groups whose balance over the meeting the report charts.
COURSE_DIMENSIONS: tuple[str, ...] = ("region", "development_group")


def _course(record: Record, dimension: str) -> Course:
    """Each group's speaking time so far after each intervention, counted as the breakdown
    counts it (every intervention once, in its group)."""
    ended = [(i.end, i) for i in record.interventions if i.end is not None]
    done = [i for _end, i in sorted(ended, key=lambda pair: pair[0])]
    opened = record.opened_at or (done[0].start if done else None)
    present = {i.group(dimension) for i in done}
    keys = tuple(k for k in ordered(dimension, present) if k in present)
    so_far = dict.fromkeys(keys, 0.0)
    points: list[tuple[float, tuple[float, ...]]] = [(0.0, tuple(so_far.values()))]
    for i in done:
        so_far[i.group(dimension)] += i.spoken_seconds
        end = i.end or i.start
        minutes = max(0.0, (end - (opened or end)).total_seconds() / 60)
        points.append((minutes, tuple(so_far.values())))
    return Course(
        dimension=dimension,
        title=dimension_title(dimension),
        keys=keys,
        labels=tuple(label(dimension, k) for k in keys),
        points=tuple(points),
    )


def _breakdown(record: Record, dimension: str) -> Breakdown:
    present = {i.group(dimension) for i in record.interventions}
    rows = []
    for key in ordered(dimension, present):
        own = [i for i in record.interventions if i.group(dimension) == key]
        rows.append(Row(key, label(dimension, key), len(own), sum(i.spoken_seconds for i in own)))
    return Breakdown(
        dimension=dimension,
        title=dimension_title(dimension),
        rows=tuple(rows),
        interventions=len(record.interventions),
        seconds=record.spoken_seconds,
    )


def _count(key: str, name: str, requests: Sequence[Any]) -> RequestRow:
    outcomes = [r.outcome for r in requests]
    return RequestRow(
        key=key,
        label=name,
        requests=len(outcomes),
        heard=outcomes.count("heard"),
        withdrawn=outcomes.count("withdrawn"),
        removed=outcomes.count("removed"),
        waiting=outcomes.count("waiting"),
    )


def _requests(record: Record, dimension: str) -> RequestBreakdown:
    requests = record.floor_requests
    present = {r.group(dimension) for r in requests}
    rows = tuple(
        _count(key, label(dimension, key), [r for r in requests if r.group(dimension) == key])
        for key in ordered(dimension, present)
    )
    return RequestBreakdown(
        dimension=dimension,
        title=dimension_title(dimension),
        rows=rows,
        total=_count("total", "", requests),
    )


def _overruns(record: Record) -> tuple[OverrunRow, ...]:
    rows = []
    for segment in record.segments:
        own = [i for i in record.interventions if i.segment == segment.index]
        rows.append(_overrun(segment.index, segment.title, own))
    known = {segment.index for segment in record.segments}
    loose = [i for i in record.interventions if i.segment not in known]
    if loose:
        rows.append(_overrun(None, _("Outside any segment"), loose))
    return tuple(rows)


def _overrun(index: int | None, title: str, own: Sequence[Any]) -> OverrunRow:
    overruns = [i.overrun_seconds for i in own if i.overrun_seconds > 0]
    return OverrunRow(
        segment=index,
        title=title,
        interventions=len(own),
        overruns=len(overruns),
        overrun_seconds=sum(overruns),
        longest_seconds=max(overruns, default=0.0),
    )
