"""The ``podium`` command: one Typer app, its commands in modules by topic."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="podium",
    help="Plan and run high-level panels and roundtables: concept note in, record out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def main() -> None:
    # Importing the modules registers their commands on ``app``.
    from podium.cli import commands  # noqa: F401

    app()
