"""The text of a note held in a file, in the plain Markdown shape the reader knows.

DOCX paragraphs keep their structure: Heading styles become ``#`` lines, list
paragraphs ``- `` items, wholly bold paragraphs ``**bold**``. A PDF has only
positioned glyphs, so its lines are rebuilt from their positions: a larger
bold font is a heading, a bullet starts an item, a wide gap ends a paragraph.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from podium.i18n import _


class Unreadable(ValueError):
    """The file is not what its name says, or holds no text."""


def plain_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise Unreadable(_("not a text file"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _docx_paragraph(paragraph: Any) -> str:
    text = str(paragraph.text).strip()
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return "# " + " ".join(text.split())
    if heading := re.match(r"Heading (\d)", style):
        return "#" * int(heading.group(1)) + " " + " ".join(text.split())
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if "List" in style or numbered:
        return "- " + " ".join(text.split())
    runs = [r for r in paragraph.runs if r.text.strip()]
    if runs and all(
        r.bold or (r.bold is None and r.style is not None and r.style.font.bold) for r in runs
    ):
        return f"**{text}**"
    return text


def docx_text(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable(_("not a readable DOCX file ({reason})").format(reason=exc)) from None
    out: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            if line := _docx_paragraph(Paragraph(child, document)):
                out.append(line)
        elif tag == "tbl":
            # A programme in a table: one row, one item ("15.00–15.10 Opening remarks ...").
            for row in Table(child, document).rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                cells = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
                if cells:
                    out.append("- " + " ".join(cells))
    return "\n\n".join(out) + "\n"


@dataclass
class _Line:
    y: float
    x: float
    size: float
    bold: bool
    text: str
    bullet: bool = False


_BULLETS = {"•", "●", "▪", "◦", "·", "-", "–", "", "o"}


def _lines_of(page: Any) -> list[_Line]:
    fragments: list[tuple[float, float, float, bool, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(cm[3]) or 1.0) * (abs(tm[3]) or 1.0)
        name = str(font.get("/BaseFont", "")) if font else ""
        bold = bool(re.search(r"bold|black|heavy|semibold", name, re.I))
        for piece in text.split("\n"):
            if piece.strip():
                fragments.append((y, x, size * scale, bold, piece))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    for y, x, size, bold, piece in sorted(fragments, key=lambda f: (-round(f[0]), f[1])):
        if lines and abs(lines[-1].y - y) < 2:
            line = lines[-1]
            if piece.strip() in _BULLETS and x < line.x:
                line.bullet = True
                continue
            joined = (line.text, piece.strip()) if x >= line.x else (piece.strip(), line.text)
            line.text = " ".join(p for p in joined if p)
            line.x = min(line.x, x)
            line.bold = line.bold and bold
            line.size = max(line.size, size)
        elif piece.strip() in _BULLETS:
            lines.append(_Line(y, x, size, bold, "", bullet=True))
        else:
            lines.append(_Line(y, x, size, bold, piece.strip()))
    # A bullet drawn apart from its line's text belongs to the line at its height.
    merged: list[_Line] = []
    for line in lines:
        if merged and not merged[-1].text and merged[-1].bullet and abs(merged[-1].y - line.y) < 2:
            line.bullet = True
            merged[-1] = line
        else:
            merged.append(line)
    return [line for line in merged if line.text and not re.fullmatch(r"\d{1,3}", line.text)]


def pdf_text(path: Path) -> str:
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(str(path))
        pages = [_lines_of(page) for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise Unreadable(_("not a readable PDF file ({reason})").format(reason=exc)) from None
    every = [line for page in pages for line in page]
    if not every:
        raise Unreadable(_("the PDF holds no text (is it a scanned image?)"))
    weights: dict[float, int] = {}
    for line in every:
        weights[round(line.size, 1)] = weights.get(round(line.size, 1), 0) + len(line.text)
    body_size = max(weights, key=lambda s: weights[s])
    heading_sizes = sorted(
        {round(ln.size, 1) for ln in every if ln.size > body_size * 1.15}, reverse=True
    )
    steps = [
        a.y - b.y
        for page in pages
        for a, b in itertools.pairwise(page)
        if round(a.size, 1) == body_size == round(b.size, 1) and a.y > b.y
    ]
    # The tightest spacing between lines of body text is the line height; more is a paragraph break.
    steps = [gap for gap in steps if gap >= body_size * 0.8]
    step = min(steps) if steps else body_size * 1.2
    out: list[str] = []
    for page in pages:
        previous: _Line | None = None
        for line in page:
            size = round(line.size, 1)
            gap = previous.y - line.y if previous else 0.0
            expected = step * max(size, round(previous.size, 1) if previous else size) / body_size
            new_paragraph = previous is None or gap > expected * 1.3 or gap < 0
            kind = "heading" if size in heading_sizes else ("bold" if line.bold else "text")
            last_kind = (
                "heading"
                if previous and round(previous.size, 1) in heading_sizes
                else ("bold" if previous and previous.bold else "text")
            )
            if (
                new_paragraph
                or kind != last_kind
                or line.bullet
                or (kind == "heading" and last_kind != "heading")
            ):
                out.append("")
                if kind == "heading":
                    out.append("#" * (heading_sizes.index(size) + 1) + " " + line.text)
                elif line.bullet:
                    out.append("- " + line.text)
                else:
                    out.append(f"**{line.text}**" if kind == "bold" else line.text)
            elif kind == "heading":
                out[-1] += " " + line.text
            elif kind == "bold" and out[-1].endswith("**") and not out[-1].startswith("- "):
                out[-1] = out[-1][:-2] + "\n" + line.text + "**"
            else:
                out.append(line.text)
            previous = line
        out.append("")
    return "\n".join(out).strip() + "\n"
