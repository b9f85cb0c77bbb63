"""The report: the Chair's summary, the record and the statistics, built once per log.

Every format (md, html, pdf, docx, csv, json) writes from the same
``Report``, so the numbers are the same in each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from podium.conceptnote.layout import LANGUAGE
from podium.i18n import _
from podium.record.charts import CHARTS, chart
from podium.record.groups import label
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
    return tuple(tables)


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
        Annex(
            _("Annex III. Interventions"),
            (
                _table(
                    _("Interventions, in the order they were made"),
                    INTERVENTION_COLUMNS,
                    [intervention_row(record, i) for i in record.interventions],
                ),
            ),
        ),
        Annex(
            _("Annex IV. Requests for the floor that were not heard"),
            (
                _table(
                    _("Requests not given the floor"),
                    REQUEST_COLUMNS,
                    [request_row(record, r) for r in record.unheard],
                ),
            ),
        ),
    )
