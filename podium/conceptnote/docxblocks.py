"""The blocks of a Word note, read with python-docx in body order.

A heading is a paragraph whose style (or the style it is based on) is a
heading: named "Heading N" or "Title", named in the note's language ("Titre 1"),
or carrying an outline level. A numbered or "List" paragraph is an item, with
its numbering rebuilt from the note's numbering definitions. Tables stand
where they are, a merged cell counted once. Lines are paragraph ordinals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from podium.conceptnote.blocks import Element, Line, clean, heading_words, numbered_headings, shape
from podium.conceptnote.languages import words_of_all

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVEL_DIGIT = re.compile(r"(\d)\s*$")


def _heading_style_names() -> tuple[str, ...]:
    return tuple(n.lower() for n in words_of_all("headings", "styles"))


def _attr(element: Any, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return None if found is None else found.get(f"{_W}val")


def _style_level(style: Any) -> int | None:
    """The heading level a paragraph style gives, following the styles it is based on."""
    names = _heading_style_names()
    seen = 0
    while style is not None and seen < 10:
        name = (style.name or "").strip().lower()
        if name == "title":
            return 1
        for prefix in ("heading", *names):
            if name.startswith(prefix) and (digit := _LEVEL_DIGIT.search(name)):
                return int(digit.group(1))
        outline = _attr(style.element, f"{_W}pPr/{_W}outlineLvl")
        if outline is not None and outline.isdigit() and int(outline) < 9:
            return int(outline) + 1
        style = style.base_style
        seen += 1
    return None


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out += letters
            value -= number
    return out


def _formatted(value: int, kind: str) -> str:
    if kind in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if kind == "upperLetter" else letter
    if kind in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if kind == "lowerRoman" else roman
    return str(value)


@dataclass
class _Numbering:
    """The note's list definitions, and how far each list has counted."""

    levels: dict[tuple[str, int], tuple[str, str, int]] = field(default_factory=dict)
    counts: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> _Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstract: dict[str, Any] = {}
        for definition in root.findall(f"{_W}abstractNum"):
            abstract[definition.get(f"{_W}abstractNumId")] = definition
        for num in root.findall(f"{_W}num"):
            definition = abstract.get(_attr(num, f"{_W}abstractNumId") or "")
            if definition is None:
                continue
            for lvl in definition.findall(f"{_W}lvl"):
                level = int(lvl.get(f"{_W}ilvl") or 0)
                start = _attr(lvl, f"{_W}start")
                numbering.levels[(num.get(f"{_W}numId"), level)] = (
                    _attr(lvl, f"{_W}numFmt") or "decimal",
                    _attr(lvl, f"{_W}lvlText") or "",
                    int(start) if start and start.isdigit() else 1,
                )
        return numbering

    def label(self, num_id: str, level: int) -> str:
        """The number this paragraph shows ("2.", "(b)"), counting it; empty for a bullet."""
        kind, text, _start = self.levels.get((num_id, level), ("bullet", "", 1))
        counts = self.counts.setdefault(num_id, [0] * 9)
        level = min(max(level, 0), 8)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        if kind in ("bullet", "none") or not text:
            return ""
        label = text
        for n in range(level + 1):
            fmt = self.levels.get((num_id, n), ("decimal", "", 1))
            value = counts[n] + fmt[2] - 1
            label = label.replace(f"%{n + 1}", _formatted(max(value, 1), fmt[0]))
        return label


def _numbered(paragraph: Any) -> tuple[str, int] | None:
    """The list (numId) and level of a numbered paragraph, from it or its style."""
    for holder in (paragraph._p, getattr(paragraph.style, "element", None)):
        num_id = _attr(holder, f"{_W}pPr/{_W}numPr/{_W}numId")
        if num_id and num_id != "0":
            level = _attr(holder, f"{_W}pPr/{_W}numPr/{_W}ilvl")
            return num_id, int(level) if level and level.isdigit() else 0
    return None


def _bold(paragraph: Any) -> bool:
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(
        r.bold or (r.bold is None and ((r.style is not None and r.style.font.bold) or style_bold))
        for r in runs
    )


def _paragraph(paragraph: Any, ordinal: int, numbering: _Numbering) -> list[Element]:
    text = str(paragraph.text)
    if not text.strip():
        return []
    level = _style_level(paragraph.style)
    outline = _attr(paragraph._p, f"{_W}pPr/{_W}outlineLvl")
    if level is None and outline is not None and outline.isdigit() and int(outline) < 9:
        level = int(outline) + 1
    numbered = _numbered(paragraph)
    number = numbering.label(*numbered) if numbered else ""
    if level is not None:
        words = heading_words(clean(text))
        return [Element("heading", ((ordinal, words),), level, number=number)] if words else []
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if numbered or "List" in style:
        depth = numbered[1] if numbered else 0
        line = ((ordinal, clean(text)),)
        return [Element("item", line, depth, _bold(paragraph), number)]
    bold = _bold(paragraph)
    return shape([Line(ordinal, piece, bold) for piece in text.split("\n") if piece.strip()])


def _table(table: Any, ordinal: int) -> Element | None:
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            # A merged cell is the same cell in each column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            texts = (clean(p.text) for p in cell.paragraphs)
            cells.append("\n".join(text for text in texts if text))
        if any(cells):
            rows.append(tuple(cells))
    if not rows:
        return None
    element = Element("table", (), rows=tuple(rows))
    lines = tuple((ordinal + n, text) for n, text in enumerate(element.text.split("\n")))
    return replace(element, lines=lines)


def docx_elements(document: Any) -> list[Element]:
    """The blocks of an open python-docx Document, in body order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _Numbering.of(document)
    found: list[Element] = []
    ordinal = 0

    def visit(parent: Any) -> None:
        nonlocal ordinal
        for child in parent.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag == "p":
                ordinal += 1
                found.extend(_paragraph(Paragraph(child, document), ordinal, numbering))
            elif tag == "tbl":
                table = _table(Table(child, document), ordinal + 1)
                if table is not None:
                    found.append(table)
                    ordinal += len(table.rows)
            elif tag == "sdt":
                # Content controls (forms, cover pages) hold paragraphs of their own.
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    visit(content)

    visit(document.element.body)
    return numbered_headings(found)
