"""The blocks of a PDF note, rebuilt with pdfplumber from where its characters stand.

A PDF has only positioned glyphs: lines come from pdfplumber, a font larger
than the body's is a heading (the larger, the higher), a wide gap or a change
of weight ends a paragraph, and ruled tables found by pdfplumber's table
finder stand where they are. Lines are numbered in reading order over the
whole document.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from podium.conceptnote.blocks import Element, Line, clean, heading_words, numbered_headings, shape

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_PAGE_NUMBER = re.compile(r"\d{1,3}|[-–] ?\d{1,3} ?[-–]")


@dataclass
class _Row:
    top: float
    bottom: float
    size: float
    bold: bool
    text: str
    page: int
    table: Element | None = None


def _inside(char: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _cell(text: str) -> str:
    return "\n".join(line for line in (clean(part) for part in text.split("\n")) if line)


def _table(found: Any) -> Element | None:
    rows: list[tuple[str, ...]] = []
    for raw in found.extract():
        # A merged cell is given once, then None for each cell it covers.
        cells = tuple(_cell(c) for c in raw if c is not None)
        if any(cells):
            rows.append(cells)
    if not rows:
        return None
    return Element("table", tuple((0, " | ".join(r)) for r in rows), rows=tuple(rows))


def _rows_of(page: Any, number: int) -> list[_Row]:
    tables = page.find_tables()
    boxes = [
        (float(t.bbox[0]), float(t.bbox[1]), float(t.bbox[2]), float(t.bbox[3])) for t in tables
    ]
    rows: list[_Row] = []
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    for line in outside.extract_text_lines():
        text = clean(str(line["text"]))
        chars = [c for c in line["chars"] if str(c["text"]).strip()]
        if not text or not chars or _PAGE_NUMBER.fullmatch(text):
            continue
        size = max(float(c["size"]) for c in chars)
        bold = all(_BOLD_FONT.search(str(c["fontname"])) for c in chars)
        rows.append(_Row(float(line["top"]), float(line["bottom"]), size, bold, text, number))
    for found in tables:
        if (element := _table(found)) is not None:
            top, bottom = float(found.bbox[1]), float(found.bbox[3])
            rows.append(_Row(top, bottom, 0.0, False, element.text, number, element))
    return sorted(rows, key=lambda r: r.top)


def pdf_elements(pdf: Any) -> list[Element]:
    """The blocks of an open pdfplumber PDF, in reading order."""
    pages = [_rows_of(page, n) for n, page in enumerate(pdf.pages, start=1)]
    every = [row for page in pages for row in page if row.table is None]
    if not every:
        return []
    weights: dict[float, int] = {}
    for row in every:
        weights[round(row.size, 1)] = weights.get(round(row.size, 1), 0) + len(row.text)
    body_size = max(weights, key=lambda s: weights[s])
    heading_sizes = sorted(
        {round(r.size, 1) for r in every if r.size > body_size * 1.15}, reverse=True
    )
    steps = [
        b.top - a.top
        for page in pages
        for a, b in itertools.pairwise(page)
        if a.table is None
        and b.table is None
        and round(a.size, 1) == body_size == round(b.size, 1)
        and b.top > a.top
    ]
    # The tightest spacing between lines of body text is the line height; more is a paragraph break.
    steps = [gap for gap in steps if gap >= body_size * 0.8]
    step = min(steps) if steps else body_size * 1.2

    found: list[Element] = []
    run: list[Line] = []
    run_heading: int | None = None
    ordinal = 0

    def flush() -> None:
        nonlocal run
        if run and run_heading is not None:
            words = heading_words(clean(" ".join(line.text for line in run)))
            if words:
                found.append(Element("heading", ((run[0].number, words),), run_heading))
        elif run:
            found.extend(shape(run))
        run = []

    for page in pages:
        previous: _Row | None = None
        for row in page:
            ordinal += 1
            if row.table is not None:
                flush()
                rows = row.table.rows
                lines = tuple(
                    (ordinal + n, text) for n, text in enumerate(row.table.text.split("\n"))
                )
                found.append(Element("table", lines, rows=rows))
                ordinal += len(rows) - 1
                previous = None
                continue
            size = round(row.size, 1)
            level = heading_sizes.index(size) + 1 if size in heading_sizes else None
            if previous is not None:
                gap = row.top - previous.top
                expected = step * max(size, round(previous.size, 1)) / body_size
                same_kind = (level, row.bold) == (run_heading, all(li.bold for li in run))
                if gap > expected * 1.3 or gap < 0 or not same_kind:
                    flush()
            else:
                flush()
            run_heading = level
            run.append(Line(ordinal, row.text, row.bold))
            previous = row
        flush()
    return numbered_headings(found)
