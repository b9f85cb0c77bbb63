"""Imports every module that registers commands on the ``podium`` app."""

from __future__ import annotations

from podium.cli import (
    importing,  # noqa: F401
    planning,  # noqa: F401
    report,  # noqa: F401
    server,  # noqa: F401
)
