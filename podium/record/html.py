"""The report as one standalone HTML page, laid out like a UN document; PDF prints it."""

from __future__ import annotations

import base64
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from podium.i18n import _, ngettext
from podium.record.report import Progress, Report, annexes


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("podium.record", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_, ngettext=ngettext, newstyle=True
    )
    return env


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
        _environment()
        .get_template("report.html")
        .render(
            summary=report.summary,
            annexes=annexes(report),
            charts=images,
            meeting_id=report.record.meeting_id,
            lang=report.language.replace("_", "-"),
        )
    )
