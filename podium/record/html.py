"""The report as one standalone HTML page, laid out like a UN document; PDF prints it."""

from __future__ import annotations

import base64

from podium.documents import environment
from podium.i18n import direction
from podium.record.report import Progress, Report, annexes


def _quiet(step: str) -> None:
    """Nobody is watching the build."""


def write_html(report: Report, *, charts: str | None = "svg", progress: Progress = _quiet) -> str:
    """The page; charts (``svg``, ``png`` or None) are embedded as data: the file stands alone."""
    drawn = report.charts(charts, progress) if charts else {}
    media = "image/svg+xml" if charts == "svg" else "image/png"
    images = {
        name: f"data:{media};base64," + base64.b64encode(image).decode("ascii")
        for name, image in drawn.items()
    }
    return (
        environment("podium.record")
        .get_template("report.html")
        .render(
            summary=report.summary,
            annexes=annexes(report),
            charts=images,
            meeting_id=report.record.meeting_id,
            lang=report.language.replace("_", "-"),
            dir=direction(report.language),
        )
    )
