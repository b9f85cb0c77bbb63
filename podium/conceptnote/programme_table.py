"""A programme table read row by row: the column headed "Item" names the parts, the others
their speakers; a time slot gives a part its minutes; questions in a cell are the meeting's.

A row that gives the floor to several roles in turn ("Theme: lead discussants (up to 5 minutes
each), responses from Member States, then the floor") is one segment per role.
"""

from __future__ import annotations

import re
from dataclasses import replace

from podium.conceptnote import vocabulary
from podium.conceptnote.blocks import Element
from podium.conceptnote.people import groups_in
from podium.conceptnote.segments import (
    is_question,
    read_clause,
    role_of,
    sentences,
    slot_minutes,
    speakers_of,
)
from podium.conceptnote.turns import role_parts
from podium.meeting.plan import Segment

Problems = list[tuple[int, str]]
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def is_header_row(row: tuple[str, ...]) -> bool:
    """A table's first row that names its columns ("Time | Item | Speaker") holds no figure."""
    return not any(c.isdigit() for cell in row for c in cell) and all(
        len(cell.split()) <= 4 for cell in row
    )


def is_timed_table(table: Element, language: str) -> bool:
    """Whether a table's rows give time slots ("10:00–10:05"), as a programme's do."""
    return any(slot_minutes(cell, language) is not None for row in table.rows for cell in row)


def with_people(segment: Segment, names: list[str], speakers: int | None = None) -> Segment:
    if not names:
        return segment
    return replace(segment, names=tuple(names), speakers=max(speakers or 0, len(names)))


def item_column(header: tuple[str, ...], language: str) -> int | None:
    """The column whose header names the parts of the programme ("Item", "Séance"), if any."""
    named = vocabulary.pattern(language, "roles", "words.item_column")
    for i, cell in enumerate(header):
        if named.fullmatch(" ".join(cell.split()).rstrip(" :：")):
            return i
    return None


def cell_item(cell: str, language: str) -> tuple[str, list[str]]:
    """The words of a programme cell that name its part, and the questions listed under them
    ("High-level panel. Key questions: What …? What …?")."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    asking = vocabulary.pattern(language, "headings", "asking")
    for i, line in enumerate(lines):
        if is_question(line):
            head, rest = lines[:i], lines[i:]
        elif line.endswith((":", "：")) and asking.search(line):
            # "High-level panel. Key questions:": the sentences before the last name the part.
            head, rest = [*lines[:i], *sentences(line, language)[:-1]], lines[i + 1 :]
        else:
            continue
        asked = [q for q in sentences(" ".join(rest), language) if is_question(q)]
        return " ".join(head), asked
    return " ".join(lines), []


def _parts_segments(
    theme: str, parts: list[str], source: str, line: int, language: str
) -> tuple[list[Segment], Problems]:
    """One segment for each role an item gives the floor to in turn, each with its own limit."""
    found: list[Segment] = []
    problems: Problems = []
    for part in parts:
        reading = read_clause(part, listed=True, language=language)
        if reading is None:
            continue
        title = f"{theme}: {reading.segment.title}" if theme else reading.segment.title
        found.append(replace(reading.segment, title=title, source=source))
        if reading.problem:
            problems.append((line, reading.problem))
    return found, problems


def _row_segments(
    row: tuple[str, ...], line: int, language: str, column: int | None = None
) -> tuple[list[Segment], Problems]:
    slots = [c for c in row if slot_minutes(c, language) is not None and len(c.split()) <= 8]
    minutes = slot_minutes(slots[0], language) if slots else None
    named = row[column] if column is not None and column < len(row) else ""
    if column is not None and named.strip() and named not in slots:
        # The header names the item's column: the cells before it ("Part 1", the day) label it.
        words = [row[column], *(c for c in row[column + 1 :] if c and c not in slots)]
    else:
        words = [c for c in row if c and c not in slots]
        # A cell that only gives the day ("Mercredi 26 octobre 2011") names no part.
        words = [c for c in words if not _YEAR.search(c) or len(c.split()) > 6] or words
    if not words:
        return [], []
    # Questions listed in a cell are the item's questions, not parts of the programme.
    item, _asked = cell_item(words[0], language)
    others = "\n".join(words[1:])
    source = " | ".join(" ".join(c.split()) for c in row)
    if (split := role_parts(item, language)) is not None:
        return _parts_segments(*split, source, line, language)
    reading = read_clause(item, listed=True, language=language)
    if reading is None:
        return [], []
    segment = reading.segment
    if segment.role == "other" and not others:
        # A timed row that names nobody ("10:00–13:00 | Thematic session 1") is the floor's.
        segment = replace(segment, role="participant", speakers=None)
    if segment.role == "other" and others:
        segment = replace(segment, role=role_of(others, language))
        segment = replace(segment, speakers=speakers_of(others, segment.role, language))
    if segment.minutes_max is None and minutes is not None:
        segment = replace(segment, minutes_max=minutes)
    segment = replace(segment, source=source)
    problems = [(line, reading.problem)] if reading.problem else []
    groups = groups_in(others, language)
    labelled = [g for g in groups if g.label is not None and g.role is not None]
    if len(labelled) >= 2:
        # "Chair: … Statements: … Keynote address: …": one segment for each label.
        return [
            Segment(
                title=g.label or segment.title,
                role=g.role or "other",
                speakers=len(g.names) or None,
                names=g.names,
                source=segment.source,
                minutes_max=segment.minutes_max if i == 0 else None,
            )
            for i, g in enumerate(labelled)
        ], problems
    unlabelled = [n for g in groups if g.label is None for n in g.names]
    if not unlabelled and labelled and labelled[0].role == segment.role:
        unlabelled = list(labelled[0].names)
    return [with_people(segment, unlabelled)], problems


def table_segments(table: Element, language: str) -> tuple[list[Segment], Problems]:
    found: list[Segment] = []
    problems: Problems = []
    header = table.rows[0] if table.rows and is_header_row(table.rows[0]) else None
    column = item_column(header, language) if header is not None else None
    for n, row in enumerate(table.rows):
        if n == 0 and header is not None:
            continue
        line = table.lines[n][0] if n < len(table.lines) else table.line
        segments, trouble = _row_segments(row, line, language, column)
        found.extend(segments)
        problems.extend(trouble)
    return found, problems
