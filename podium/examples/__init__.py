"""The example meetings: the two CSTD concept notes and their demo participants."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).parent
NOTES = (
    EXAMPLES / "cstd27-2024-panel-global-cooperation-sti.md",
    EXAMPLES / "cstd24-2021-roundtable-covid-recovery.md",
)


def participants(note: Path) -> list[dict[str, Any]]:
    """The demo participants of an example note, as in ``participants.json``."""
    data: dict[str, list[dict[str, Any]]] = json.loads(
        (EXAMPLES / "participants.json").read_text(encoding="utf-8")
    )
    return data.get(note.name, [])
