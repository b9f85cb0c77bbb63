"""The report: the Chair's summary, the record and the statistics, built once per log.

Every format (md, html, pdf, docx, csv, json) writes from the same
``Report``, so the numbers are the same in each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from podium.conceptnote.layout import LANGUAGE
from podium.i18n import _, ngettext
from podium.record.charts import CHARTS, chart
from podium.record.groups import dimension_title, label
from podium.record.interventions import FloorRequest, Intervention, Record
from podium.record.statistics import Statistics, statistics
from podium.record.summary import Summary, chair_summary, clock, local_time, minutes

Progress = Callable[[str], None]


def _quiet(step: str) -> None:
    """No one is watching: building goes on without telling."""


@dataclass
class Report:
    record: Record
    stats: Statistics
    summary: Summary
    language: str = LANGUAGE
    _charts: dict[tuple[str, str], bytes] = field(default_factory=dict, repr=False)

    def chart(self, name: str, fmt: str) -> bytes:
        """A chart of this report, drawn once."""
        key = (name, fmt)
        if key not in self._charts:
            self._charts[key] = chart(self.stats, name, fmt)
        return self._charts[key]

    def charts(self, fmt: str, progress: Progress = _quiet) -> dict[str, bytes]:
        drawn = {}
        for name in CHARTS:
            progress(_("Drawing the chart “{name}”").format(name=name))
            drawn[name] = self.chart(name, fmt)
        return drawn


def build_report(record: Record, language: str = LANGUAGE) -> Report:
    return Report(record, statistics(record), chair_summary(record, language), language)


def questions_text(intervention: Intervention) -> str:
    return ", ".join(str(n) for n in intervention.questions)


def intervention_row(record: Record, i: Intervention) -> dict[str, str]:
    """One intervention as the report's table shows it."""
    return {
        "number": str(i.id),
        "time": local_time(record, i.start),
        "speaker": i.speaker.name,
        "for": i.speaker.represents if i.speaker.represents != i.speaker.name else "",
        "role": label("role", i.speaker.role),
        "kind": label("kind", i.kind),
        "segment": i.segment_title or "",
        "channel": label("channel", i.channel),
        "duration": clock(i.spoken_seconds),
        "limit": clock(i.allowed_seconds),
        "overrun": clock(i.overrun_seconds) if i.overrun_seconds > 0 else "",
        "questions": questions_text(i),
        "note": i.note,
        "statement": i.statement or "",
    }


INTERVENTION_COLUMNS: dict[str, Callable[[], str]] = {
    "number": lambda: _("No."),
    "time": lambda: _("Time"),
    "speaker": lambda: _("Speaker"),
    "for": lambda: _("For"),
    "role": lambda: _("Role"),
    "kind": lambda: _("Kind"),
    "segment": lambda: _("Segment"),
    "channel": lambda: _("Channel"),
    "duration": lambda: _("Duration"),
    "limit": lambda: _("Limit"),
    "overrun": lambda: _("Overrun"),
    "questions": lambda: _("Questions"),
    "note": lambda: _("Note"),
    "statement": lambda: _("Written statement"),
}


def request_row(record: Record, r: FloorRequest) -> dict[str, str]:
    return {
        "number": str(r.request_id),
        "time": local_time(record, r.requested_at),
        "speaker": r.speaker.label,
        "kind": label("kind", r.kind),
        "channel": label("channel", r.channel),
        "group": label("stakeholder_group", r.speaker.stakeholder_group),
        "outcome": label("outcome", r.outcome),
    }


REQUEST_COLUMNS: dict[str, Callable[[], str]] = {
    "number": lambda: _("Request"),
    "time": lambda: _("Asked at"),
    "speaker": lambda: _("Who asked"),
    "kind": lambda: _("Kind"),
    "channel": lambda: _("Channel"),
    "group": lambda: _("Stakeholder group"),
    "outcome": lambda: _("What became of it"),
}


def segment_row(record: Record, index: int) -> dict[str, str]:
    s = record.segments[index]
    return {
        "title": s.title,
        "planned": f"{s.planned_minutes:g}" if s.planned_minutes is not None else "",
        "planned_time": (
            f"{local_time(record, s.planned_start)}–{local_time(record, s.planned_end)}"
            if s.planned_start
            else ""
        ),
        "held_time": (
            f"{local_time(record, s.started)}–{local_time(record, s.ended)}" if s.started else ""
        ),
        "held": minutes(s.held_seconds),
        "interventions": str(s.interventions),
        "overruns": str(s.overruns),
    }


SEGMENT_COLUMNS: dict[str, Callable[[], str]] = {
    "title": lambda: _("Segment"),
    "planned": lambda: _("Planned (min)"),
    "planned_time": lambda: _("Planned time"),
    "held_time": lambda: _("Held"),
    "held": lambda: _("Held (min)"),
    "interventions": lambda: _("Interventions"),
    "overruns": lambda: _("Overruns"),
}


def percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


# A4 portrait holds this many columns legibly at 8 pt; wider tables turn the page.
PORTRAIT_COLUMNS = 7


@dataclass(frozen=True)
class Table:
    """A table of the report, with the chart that draws it, if any."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None
    chart: str | None = None

    @property
    def wide(self) -> bool:
        """Too many columns for a portrait page: printed on landscape pages."""
        return len(self.headers) > PORTRAIT_COLUMNS


@dataclass(frozen=True)
class Annex:
    title: str
    tables: tuple[Table, ...]
    note: str | None = None  # a paragraph before the tables

    @property
    def wide(self) -> bool:
        """An annex with a wide table is printed on landscape pages, its title with it."""
        return any(table.wide for table in self.tables)


_CHART_OF = {
    "role": "role",
    "region": "region",
    "development_group": "development-group",
    "stakeholder_group": "stakeholder-group",
    "gender": "gender",
    "channel": "channel",
}


def _table(title: str, columns: dict[str, Callable[[], str]], rows: list[dict[str, str]]) -> Table:
    return Table(
        title=title,
        headers=tuple(name() for name in columns.values()),
        rows=tuple(tuple(row[key] for key in columns) for row in rows),
    )


def statistics_tables(report: Report) -> tuple[Table, ...]:
    stats = report.stats
    tables = []
    for b in stats.breakdowns:
        tables.append(
            Table(
                title=_("Speaking time by {dimension}").format(dimension=b.title.lower()),
                headers=(b.title, _("Interventions"), _("Minutes"), _("Share of time")),
                rows=tuple(
                    (r.label, str(r.interventions), minutes(r.seconds), percent(b.share(r)))
                    for r in b.rows
                ),
                total=(_("Total"), str(b.interventions), minutes(b.seconds), percent(1.0)),
                chart=_CHART_OF[b.dimension],
            )
        )
    for rb in stats.requests:
        heads = (
            rb.title,
            _("Requests"),
            _("Given the floor"),
            _("Withdrawn"),
            _("Removed"),
            _("Still waiting"),
            _("Share given the floor"),
        )
        tables.append(
            Table(
                title=_("Requests for the floor by {dimension}").format(dimension=rb.title.lower()),
                headers=heads,
                rows=tuple(
                    (
                        r.label,
                        str(r.requests),
                        str(r.heard),
                        str(r.withdrawn),
                        str(r.removed),
                        str(r.waiting),
                        percent(r.share_heard),
                    )
                    for r in rb.rows
                ),
                total=(
                    _("Total"),
                    str(rb.total.requests),
                    str(rb.total.heard),
                    str(rb.total.withdrawn),
                    str(rb.total.removed),
                    str(rb.total.waiting),
                    percent(rb.total.share_heard),
                ),
                chart="requests" if rb.dimension == "development_group" else None,
            )
        )
    tables.append(
        Table(
            title=_("Overruns by segment"),
            headers=(
                _("Segment"),
                _("Interventions"),
                _("Over the limit"),
                _("Minutes over"),
                _("Longest overrun"),
            ),
            rows=tuple(
                (
                    o.title,
                    str(o.interventions),
                    str(o.overruns),
                    minutes(o.overrun_seconds),
                    clock(o.longest_seconds),
                )
                for o in stats.overruns
            ),
            chart="overruns",
        )
    )
    tables.extend(course_tables(stats))
    tables.extend(budget_tables(report.record))
    return tuple(tables)


QUARTERS = (0.25, 0.5, 0.75, 1.0)


def course_tables(stats: Statistics) -> tuple[Table, ...]:
    """How each group's time built up: its minutes after each quarter of the meeting (the
    chart beside it draws every step)."""
    tables = []
    for course in stats.courses:
        if len(course.points) < 2:
            continue
        end = course.points[-1][0]
        marks = [end * q for q in QUARTERS]
        so_far = [next(s for t, s in reversed(course.points) if t <= mark) for mark in marks]
        tables.append(
            Table(
                title=_("Speaking time by {dimension} over the meeting").format(
                    dimension=course.title.lower()
                ),
                headers=(
                    course.title,
                    *(_("After {minutes} min").format(minutes=round(mark)) for mark in marks[:-1]),
                    _("At the end ({minutes} min)").format(minutes=round(end)),
                ),
                rows=tuple(
                    (name, *(minutes(s[n]) for s in so_far)) for n, name in enumerate(course.labels)
                ),
                chart=f"{course.dimension.replace('_', '-')}-over-time",
            )
        )
    return tuple(tables)


def budget_tables(record: Record) -> tuple[Table, ...]:
    """The groups' time budgets the Chair set, against the floor's time each group used."""
    if not record.budgets:
        return ()
    return (
        Table(
            title=_("Time budgets: budget against use"),
            headers=(_("Group"), _("Counted by"), _("Budget"), _("Used"), _("Left")),
            rows=tuple(
                (
                    label(u.budget.dimension, u.budget.group),
                    dimension_title(u.budget.dimension),
                    clock(u.budget.seconds),
                    clock(u.used),
                    clock(u.left) if u.left >= 0 else "-" + clock(-u.left),
                )
                for u in record.budgets
            ),
        ),
    )


def _amendments(record: Record) -> tuple[Table, ...]:
    """The changes made to the programme after the meeting was created, if any."""
    if not record.amendments:
        return ()
    return (
        Table(
            title=_("Amendments to the programme"),
            headers=(_("Time"), _("By"), _("Change")),
            rows=tuple(
                (local_time(record, a.at, "%d %b %H:%M"), a.by, a.change) for a in record.amendments
            ),
        ),
    )


FULL_ROWS = 200
"""Up to this many interventions (or unheard requests) the documents list each one; past it
they give a summary annex instead (by segment and kind, and the longest overruns), so that a
meeting of thousands of interventions is a report of a few pages, written in seconds. The
full record, row by row, is always in the CSV and JSON exports."""

LONGEST = 20
"""How many of the longest overruns the summary annex names."""


def _by_segment_and_kind(record: Record) -> Table:
    counts: dict[tuple[int | None, str, str], list[float]] = {}
    for i in record.interventions:
        row = counts.setdefault((i.segment, i.segment_title or "", i.kind), [0, 0.0, 0, 0.0])
        row[0] += 1
        row[1] += i.spoken_seconds
        if i.overrun_seconds > 0:
            row[2] += 1
            row[3] += i.overrun_seconds
    order = sorted(counts, key=lambda key: (-1 if key[0] is None else key[0], key[2]))
    return Table(
        title=_("Interventions by segment and kind"),
        headers=(
            _("Segment"),
            _("Kind"),
            _("Interventions"),
            _("Minutes"),
            _("Over the limit"),
            _("Minutes over"),
        ),
        rows=tuple(
            (
                title,
                label("kind", kind),
                str(int(counts[segment, title, kind][0])),
                minutes(counts[segment, title, kind][1]),
                str(int(counts[segment, title, kind][2])),
                minutes(counts[segment, title, kind][3]),
            )
            for segment, title, kind in order
        ),
        total=(
            _("Total"),
            "",
            str(len(record.interventions)),
            minutes(record.spoken_seconds),
            str(sum(1 for i in record.interventions if i.overrun_seconds > 0)),
            minutes(sum(i.overrun_seconds for i in record.interventions)),
        ),
    )


_OVERRUN_COLUMNS = ("number", "time", "speaker", "segment", "duration", "limit", "overrun")


def _longest_overruns(record: Record) -> Table:
    over = sorted(
        (i for i in record.interventions if i.overrun_seconds > 0),
        key=lambda i: (-i.overrun_seconds, i.id),
    )[:LONGEST]
    columns = {key: INTERVENTION_COLUMNS[key] for key in _OVERRUN_COLUMNS}
    return _table(
        _("The longest overruns"),
        columns,
        [intervention_row(record, i) for i in sorted(over, key=lambda i: i.id)],
    )


def _unheard_by_kind(record: Record) -> Table:
    counts: dict[tuple[str, str], int] = {}
    for r in record.unheard:
        counts[r.kind, r.outcome] = counts.get((r.kind, r.outcome), 0) + 1
    return Table(
        title=_("Requests not given the floor, by kind and by what became of them"),
        headers=(_("Kind"), _("What became of it"), _("Requests")),
        rows=tuple(
            (label("kind", kind), label("outcome", outcome), str(counts[kind, outcome]))
            for kind, outcome in sorted(counts)
        ),
        total=(_("Total"), "", str(len(record.unheard))),
    )


def _interventions_in_full(count: int) -> str:
    return ngettext(
        "This annex summarises the {count} intervention of the record; each one, in full, "
        "is in the CSV and JSON exports of this report.",
        "This annex summarises the {count} interventions of the record; each one, in full, "
        "is in the CSV and JSON exports of this report.",
        count,
    ).format(count=count)


def _requests_in_full(count: int) -> str:
    return ngettext(
        "This annex summarises the {count} request not given the floor; each one, in full, "
        "is in the CSV and JSON exports of this report.",
        "This annex summarises the {count} requests not given the floor; each one, in full, "
        "is in the CSV and JSON exports of this report.",
        count,
    ).format(count=count)


def _interventions_annex(record: Record) -> Annex:
    title = _("Annex III. Interventions")
    if len(record.interventions) <= FULL_ROWS:
        return Annex(
            title,
            (
                _table(
                    _("Interventions, in the order they were made"),
                    INTERVENTION_COLUMNS,
                    [intervention_row(record, i) for i in record.interventions],
                ),
            ),
        )
    return Annex(
        title,
        (_by_segment_and_kind(record), _longest_overruns(record)),
        note=_interventions_in_full(len(record.interventions)),
    )


def _unheard_annex(record: Record) -> Annex:
    title = _("Annex IV. Requests for the floor that were not heard")
    unheard = record.unheard
    if len(unheard) <= FULL_ROWS:
        return Annex(
            title,
            (
                _table(
                    _("Requests not given the floor"),
                    REQUEST_COLUMNS,
                    [request_row(record, r) for r in unheard],
                ),
            ),
        )
    return Annex(title, (_unheard_by_kind(record),), note=_requests_in_full(len(unheard)))


def annexes(report: Report) -> tuple[Annex, ...]:
    record = report.record
    return (
        Annex(_("Annex I. Who got to speak"), statistics_tables(report)),
        Annex(
            _("Annex II. The programme as planned and as held"),
            (
                _table(
                    _("Segments"),
                    SEGMENT_COLUMNS,
                    [segment_row(record, n) for n in range(len(record.segments))],
                ),
                *_amendments(record),
            ),
        ),
        _interventions_annex(record),
        _unheard_annex(record),
    )
