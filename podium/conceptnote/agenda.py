"""An order of the day: its agenda items ("Item 1 Organizational and procedural matters") are
the programme, or the parts the line under an item names ("UPDATE BY THE HIGH COMMISSIONER
FOLLOWED BY GENERAL DEBATE")."""

from __future__ import annotations

import re
from functools import cache

from podium.conceptnote import vocabulary
from podium.conceptnote.blocks import Element
from podium.conceptnote.segments import CLAUSE_MAX, read_clause
from podium.meeting.plan import Segment


@cache
def _agenda(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    item = vocabulary.source(language, "roles", "words.agenda_item")
    joins = vocabulary.source(language, "roles", "words.followed_by")
    return (
        re.compile(rf"^{item}\s+\d{{1,3}}(?:\s*\([a-z]\))?[.:]?\s+(?=\S)", re.I),
        re.compile(rf"\s+{joins}\s+", re.I),
    )


def agenda_item(text: str, language: str) -> str | None:
    """The title of an order of the day's agenda item ("Item 1 Organizational matters")."""
    found = _agenda(language)[0].match(text[:CLAUSE_MAX])
    return text[found.end() :].strip() if found else None


def _agenda_parts(text: str, language: str) -> list[str] | None:
    """The parts a line under an agenda item joins ("UPDATE BY THE HIGH COMMISSIONER FOLLOWED
    BY GENERAL DEBATE"); None when it is not such a line."""
    if len(text) > _AGENDA_LINE:
        return None
    parts = [p.strip() for p in _agenda(language)[1].split(text) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 8 for p in parts):
        return None
    return parts


# A line that only names an item's parts is short.
_AGENDA_LINE = 200


def agenda_segments(blocks: list[Element], language: str) -> list[Segment]:
    """An order of the day: each agenda item is a segment, or the parts the line under it
    names are ("Item 2 … / UPDATE BY THE HIGH COMMISSIONER FOLLOWED BY GENERAL DEBATE")."""
    items: list[tuple[str, list[str]]] = []
    for element in blocks:
        if (title := agenda_item(element.text, language)) is not None:
            items.append((title, []))
        elif items and (parts := _agenda_parts(element.text, language)) is not None:
            items[-1][1].extend(parts)
    found: list[Segment] = []
    for title, parts in items:
        for text in parts or [title]:
            words = text.capitalize() if text.isupper() else text
            reading = read_clause(words, listed=True, language=language)
            if reading is not None:
                found.append(reading.segment)
    return found
