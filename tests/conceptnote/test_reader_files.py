"""DOCX and PDF notes read as their Markdown does.

The documents are made here from the fixtures: a DOCX with python-docx
(Heading styles, List Bullet items, bold runs) and a PDF with WeasyPrint
from a plain HTML rendering.
"""

from __future__ import annotations

import html
from pathlib import Path

import docx
import pytest

from podium.conceptnote.blocks import Element
from podium.conceptnote.reader import read_note
from podium.conceptnote.textblocks import elements
from podium.meeting.plan import Plan
from tests.conftest import NOTES, SHARED_NOTES

EVERY_NOTE = [
    *SHARED_NOTES,
    *sorted(p for p in (NOTES / "varied").iterdir() if p.suffix != ".json"),
]


def _make_docx(source: Path, target: Path) -> None:
    document = docx.Document()
    for element in elements(source.read_text()):
        if element.kind == "heading" and not element.bold:
            document.add_heading(element.text, level=max(element.level, 1))
        elif element.kind == "item":
            document.add_paragraph(element.text, style="List Bullet")
        else:
            paragraph = document.add_paragraph()
            for i, (_number, line) in enumerate(element.lines):
                run = paragraph.add_run(line)
                run.bold = element.bold
                if i + 1 < len(element.lines):
                    run.add_break()
    document.save(str(target))


def _html(found: list[Element]) -> str:
    out: list[str] = []
    listing = False
    for element in found:
        if element.kind == "item" and not listing:
            out.append("<ul>")
        if element.kind != "item" and listing:
            out.append("</ul>")
        listing = element.kind == "item"
        lines = "<br>".join(html.escape(line) for _n, line in element.lines)
        if element.kind == "heading" and not element.bold:
            level = max(element.level, 2)
            out.append(f"<h{level}>{lines}</h{level}>")
        elif element.kind == "item":
            out.append(f"<li>{lines}</li>")
        elif element.bold:
            out.append(f"<p><b>{lines}</b></p>")
        else:
            out.append(f"<p>{lines}</p>")
    if listing:
        out.append("</ul>")
    style = "@page { size: A3 landscape; margin: 1.5cm } body { font-size: 10pt }"
    return f"<html><head><style>{style}</style></head><body>{''.join(out)}</body></html>"


def _make_pdf(source: Path, target: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    target.write_bytes(weasyprint.HTML(string=_html(elements(source.read_text()))).write_pdf())


def _same_meeting(got: Plan, expected: Plan) -> None:
    assert got.questions == expected.questions
    assert got.segments == expected.segments
    assert (got.start, got.end, got.timezone) == (expected.start, expected.end, expected.timezone)
    assert got.title == expected.title
    assert [d.symbol for d in got.documents] == [d.symbol for d in expected.documents]


@pytest.mark.parametrize("path", EVERY_NOTE, ids=lambda p: p.name)
def test_docx_reads_as_markdown(path: Path, tmp_path: Path) -> None:
    target = tmp_path / (path.stem + ".docx")
    _make_docx(path, target)
    _same_meeting(read_note(target), read_note(path))


@pytest.mark.parametrize("path", EVERY_NOTE, ids=lambda p: p.name)
def test_pdf_reads_as_markdown(path: Path, tmp_path: Path) -> None:
    target = tmp_path / (path.stem + ".pdf")
    _make_pdf(path, target)
    _same_meeting(read_note(target), read_note(path))


def test_docx_programme_table_gives_segments(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph().add_run("Roundtable on “Oceans”").bold = True
    document.add_paragraph("3 March 2025, 10.00-11.00 (Nairobi time)")
    document.add_heading("Programme", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "10.00–10.10"
    table.cell(0, 1).text = "Opening remarks by the Chair"
    table.cell(1, 0).text = "10.10–10.55"
    table.cell(1, 1).text = "Interactive discussion"
    target = tmp_path / "table.docx"
    document.save(str(target))
    plan = read_note(target)
    assert [(s.role, s.minutes_max) for s in plan.segments] == [("chair", 10), ("participant", 45)]
