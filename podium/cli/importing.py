"""``podium import FILE``: a concept note in, its meeting plan out as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from podium.cli import app
from podium.cli.planning import load_plan
from podium.i18n import _


@app.command("import")
def import_note(
    path: Annotated[Path, typer.Argument(help="The concept note: .md, .txt, .docx or .pdf.")],
) -> None:
    """Read a concept note and print its meeting plan as JSON."""
    plan = load_plan(path, notes_only=True)
    typer.echo(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
    for warning in plan.warnings:
        typer.echo(
            _("Line {line}: {message}").format(line=warning.line, message=warning.message), err=True
        )
