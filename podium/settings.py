"""Numbers read from the environment: a positive whole number, else the default, said once."""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)


def positive(variable: str, default: int) -> int:
    """The positive whole number in the environment ``variable``, else ``default`` (with a
    line in the server's log when it is set to something else)."""
    value = os.environ.get(variable, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    if value:
        log.warning("%s=%r is not a positive whole number; using %d", variable, value, default)
    return default
