"""Charts of who got to speak, as SVG or PNG, the same bytes for the same record.

Figures are drawn on matplotlib's Agg canvas (no display), with a fixed font
and a fixed SVG hash salt and no date in the metadata, so that a report
built twice from the same log is byte for byte the same.

Labels are shaped by matplotlib's text layout (libraqm, since matplotlib 3.11):
Arabic letters take the form their neighbours call for and run right to left,
as in the PDF's text, which the browser engine (Pango and HarfBuzz) shapes.
An Arabic chart is drawn with Noto Sans Arabic first and the text marked as
Arabic, so that its letters match the document's; other languages keep
DejaVu Sans first, with Noto CJK for Chinese.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from io import BytesIO
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from podium import fonts
from podium.i18n import _, current
from podium.record.statistics import Statistics

# No display: figures are drawn to bytes only.
matplotlib.use("Agg")
fonts.register()

CHART_FORMATS: tuple[str, ...] = ("svg", "png")

_STYLE: Any = {
    # Glyph by glyph, the first family that has it: Chinese labels fall back to Noto CJK.
    "font.family": fonts.FAMILIES,
    "font.size": 9,
    "svg.hashsalt": "podium",
    "svg.fonttype": "path",
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": "Podium"},
    "png": {"Software": "Podium"},
}
_BLUE = "#1a4f8b"
_GREY = "#b8c2cc"
_RED = "#b03a2e"
# The family that draws each language's own letters best comes first; a glyph it lacks is
# taken from the next.
_FIRST_FAMILY = {"ar": "Noto Sans Arabic", "zh": "Noto Sans CJK SC"}


def _style(language: str) -> Any:
    first = _FIRST_FAMILY.get(language)
    families = [first, *(f for f in fonts.FAMILIES if f != first)] if first else fonts.FAMILIES
    return {**_STYLE, "font.family": families, "text.language": language}


# rc_context changes process-wide settings: one figure at a time.
_LOCK = threading.Lock()


class UnknownChart(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(
            _("There is no chart '{name}'; the charts are: {names}.").format(
                name=name, names=", ".join(CHARTS)
            )
        )


def _minutes_by(dimension: str) -> Callable[[Statistics], Figure]:
    def draw(stats: Statistics) -> Figure:
        breakdown = stats.breakdown(dimension)
        rows = list(reversed(breakdown.rows))
        figure, axes = _figure(len(rows))
        values = [r.seconds / 60 for r in rows]
        bars = axes.barh([r.label for r in rows], values, color=_BLUE)
        for bar, row in zip(bars, rows, strict=True):
            axes.annotate(
                _("{count} ({share:.0%})").format(
                    count=row.interventions, share=breakdown.share(row)
                ),
                (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
            )
        axes.set_xlabel(_("Minutes of speaking time (number of interventions, share of time)"))
        axes.set_title(_("Speaking time by {dimension}").format(dimension=breakdown.title.lower()))
        axes.margins(x=0.25)
        _from_zero(axes, values)
        return figure

    return draw


def _requests(stats: Statistics) -> Figure:
    breakdown = stats.request_breakdown("development_group")
    rows = list(reversed(breakdown.rows))
    figure, axes = _figure(len(rows))
    labels = [r.label for r in rows]
    heard = [r.heard for r in rows]
    unheard = [r.requests - r.heard for r in rows]
    axes.barh(labels, heard, color=_BLUE, label=_("Given the floor"))
    axes.barh(labels, unheard, left=heard, color=_GREY, label=_("Not heard"))
    axes.set_xlabel(_("Requests for the floor"))
    axes.set_title(_("Requests given the floor, by development group"))
    axes.legend(loc="lower right", frameon=False)
    _from_zero(axes, [h + u for h, u in zip(heard, unheard, strict=True)])
    return figure


def _overruns(stats: Statistics) -> Figure:
    rows = list(reversed(stats.overruns))
    figure, axes = _figure(len(rows))
    bars = axes.barh(
        [_short(r.title) for r in rows], [r.overrun_seconds / 60 for r in rows], color=_RED
    )
    for bar, row in zip(bars, rows, strict=True):
        axes.annotate(
            _("{overruns} of {count}").format(overruns=row.overruns, count=row.interventions),
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
        )
    axes.set_xlabel(_("Minutes over the limit (interventions that ran over, of all)"))
    axes.set_title(_("Overruns by segment"))
    axes.margins(x=0.25)
    _from_zero(axes, [r.overrun_seconds / 60 for r in rows])
    return figure


def _course(dimension: str) -> Callable[[Statistics], Figure]:
    """Each group's minutes so far, as the meeting went on: who was heard early, who late."""

    def draw(stats: Statistics) -> Figure:
        course = stats.course(dimension)
        figure = Figure(figsize=(7.5, 3.6), layout="constrained")
        axes = figure.add_subplot()
        times = [t for t, _so_far in course.points]
        for n, name in enumerate(course.labels):
            axes.step(
                times, [so_far[n] / 60 for _t, so_far in course.points], where="post", label=name
            )
        axes.set_xlabel(_("Minutes since the meeting opened"))
        axes.set_ylabel(_("Minutes of speaking time so far"))
        axes.set_title(
            _("Speaking time by {dimension} over the meeting").format(
                dimension=course.title.lower()
            )
        )
        axes.set_xlim(left=0, right=max(times[-1], 1.0))
        axes.set_ylim(bottom=0)
        if course.labels:
            axes.legend(loc="upper left", frameon=False, fontsize=8)
        return figure

    return draw


def _from_zero(axes: Any, values: list[float]) -> None:
    """Bars start at zero; with nothing to show, the axis still reads 0 to 1, not ±0.06."""
    if any(values):
        axes.set_xlim(left=0)
    else:
        axes.set_xlim(0, 1)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _figure(rows: int) -> tuple[Figure, Any]:
    figure = Figure(figsize=(7.5, 1.2 + 0.38 * max(rows, 1)), layout="constrained")
    axes = figure.add_subplot()
    return figure, axes


CHARTS: dict[str, Callable[[Statistics], Figure]] = {
    "region": _minutes_by("region"),
    "development-group": _minutes_by("development_group"),
    "stakeholder-group": _minutes_by("stakeholder_group"),
    "gender": _minutes_by("gender"),
    "channel": _minutes_by("channel"),
    "role": _minutes_by("role"),
    "requests": _requests,
    "overruns": _overruns,
    "region-over-time": _course("region"),
    "development-group-over-time": _course("development_group"),
}


def chart(stats: Statistics, name: str, fmt: str) -> bytes:
    """One chart as SVG or PNG bytes."""
    draw = CHARTS.get(name)
    if draw is None:
        raise UnknownChart(name)
    if fmt not in CHART_FORMATS:
        raise ValueError(
            _("Charts come as {formats}, not '{format}'.").format(
                formats=", ".join(CHART_FORMATS), format=fmt
            )
        )
    out = BytesIO()
    with _LOCK, matplotlib.rc_context(_style(current())):
        figure = draw(stats)
        figure.savefig(out, format=fmt, metadata=_METADATA[fmt], dpi=150)
    return out.getvalue()
