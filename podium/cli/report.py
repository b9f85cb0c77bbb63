"""``podium report``: the record and the Chair's summary of a meeting, from its log."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from podium.cli import app
from podium.cli.planning import check_language, fail
from podium.i18n import _, locale_name, speaking
from podium.record.charts import CHARTS
from podium.record.exports import BINARY, FORMATS, load_record, render
from podium.record.interventions import RecordError
from podium.record.report import build_report
from podium.store import open_store
from podium.store.errors import STORAGE_ERRORS
from podium.store.open import BadDatabaseURL, configured_url

DATA_VARIABLE = "PODIUM_DATA"
_CANNOT_OPEN: tuple[type[Exception], ...] = (*STORAGE_ERRORS, OSError)

# Steps a build reports: reading, counting, writing, and a chart at a time for the visual ones.
_STEPS = {"md": 3, "csv": 3, "json": 3, "html": 3 + len(CHARTS), "docx": 3 + len(CHARTS)}
_STEPS["pdf"] = 4 + len(CHARTS)


@app.command("report")
def report_command(
    meeting: Annotated[str, typer.Argument(help="The meeting's id in the store.")],
    to: Annotated[str, typer.Option("--to", help="Format: " + ", ".join(FORMATS) + ".")] = "md",
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write (default: standard output)."),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Data directory (default: $PODIUM_DATA or ./data); "
            "PODIUM_DATABASE_URL takes precedence.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language: ar, en, es, fr, ru or zh (default: the meeting's)."),
    ] = None,
) -> None:
    """Write the Chair's summary, the record and who got to speak, from the meeting's log."""
    fmt = to.lower().lstrip(".")
    check_language(lang)
    if fmt not in FORMATS:
        fail(
            _("--to: '{format}' is not a report format; use one of {formats}").format(
                format=to, formats=", ".join(FORMATS)
            )
        )
    if output is None and fmt in BINARY and sys.stdout.isatty():
        fail(_("--to {format} writes a binary file: give one with -o FILE").format(format=fmt))
    folder = data or Path(os.environ.get(DATA_VARIABLE) or "data")
    try:
        target = configured_url(folder)
    except BadDatabaseURL as exc:
        fail(str(exc))
    if target == os.fspath(folder) and not folder.is_dir():
        fail(_("{path}: no such data directory").format(path=target))

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(_("Reading the log"), total=_STEPS[fmt])

        def step(description: str) -> None:
            bar.update(task, description=description, advance=1)
            bar.refresh()  # each step is drawn, however quickly the next one comes

        try:
            store = open_store(target)
        except _CANNOT_OPEN as exc:
            fail(
                _("Could not open the event log at {target}: {reason}").format(
                    target=target, reason=" ".join(str(exc).split())[:200]
                )
            )
        try:
            record = load_record(store, meeting)
            step(_("Counting who spoke"))
            with speaking(lang or record.plan.language):
                content = render(build_report(record, locale_name()), fmt, step)
        except RecordError as exc:
            fail(str(exc))
        except STORAGE_ERRORS as exc:  # the database went away while the log was read
            fail(
                _("Could not read the event log at {target}: {reason}").format(
                    target=target, reason=" ".join(str(exc).split())[:200]
                )
            )
        finally:
            store.close()
        bar.update(task, completed=_STEPS[fmt])

    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(content)
    except OSError as exc:
        fail(_("{path}: could not be written: {reason}").format(path=output, reason=exc))
    console.print(_("Wrote {path}").format(path=output))
