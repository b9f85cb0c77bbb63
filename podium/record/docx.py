"""The report as a Word document, laid out like a UN document: title block, numbered paragraphs."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from podium.documents import centred, docx_bytes
from podium.i18n import _, direction
from podium.record.report import Progress, Report, Table, annexes
from podium.record.wordstyle import repeat_header, right_to_left, set_language


def _quiet(step: str) -> None:
    """Nobody is watching the build."""


def write_docx(report: Report, progress: Progress = _quiet) -> bytes:
    summary = report.summary
    document: Any = new_document()
    document.core_properties.title = f"{summary.title.document}: {summary.title.meeting}"
    if summary.title.body:
        document.core_properties.author = summary.title.body
    set_language(document, report.language)
    rtl = direction(report.language) == "rtl"

    for line in (summary.title.body, summary.title.session):
        if line:
            centred(document, line, bold=True)
    document.add_heading(summary.title.document, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    centred(document, summary.title.meeting, bold=True)
    for line in (summary.title.date, summary.title.venue):
        if line:
            centred(document, line, bold=False)

    for part in summary.parts:
        if part.heading:
            document.add_heading(part.heading, level=2)
        for number, text in enumerate(part.paragraphs, start=part.first):
            # Numbered by hand: Word's list numbering restarts unpredictably across headings.
            paragraph = document.add_paragraph(f"{number}.\t{text}")
            paragraph.paragraph_format.left_indent = Cm(1)
            paragraph.paragraph_format.first_line_indent = Cm(-1)

    pictures = report.charts("png", progress)
    landscape = False
    for annex in annexes(report):
        if annex.wide != landscape:
            # A wide table gets landscape pages, in a section of its own.
            landscape = annex.wide
            _orient(document.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
        else:
            document.add_page_break()
        document.add_heading(annex.title, level=2)
        if annex.note:
            document.add_paragraph(annex.note)
        for table in annex.tables:
            document.add_heading(table.title, level=3)
            if table.chart and table.chart in pictures:
                document.add_picture(BytesIO(pictures[table.chart]), width=Cm(15))
            _table(document, table, rtl=rtl)

    return docx_bytes(document)


def _orient(section: Any, *, landscape: bool) -> None:
    wide, high = sorted((section.page_width, section.page_height))[::-1]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (wide, high) if landscape else (high, wide)


def _table(document: Any, table: Table, *, rtl: bool) -> None:
    if not table.rows:
        document.add_paragraph(_("None."))
        return
    rows = [*table.rows, *([table.total] if table.total else [])]
    grid = document.add_table(rows=1 + len(rows), cols=len(table.headers))
    grid.style = "Table Grid"
    if rtl:
        right_to_left(grid)
    repeat_header(grid.rows[0])
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        _text(cell, text, bold=True)
    for index, row in enumerate(rows, start=1):
        bold = table.total is not None and index == len(rows)
        for cell, text in zip(grid.rows[index].cells, row, strict=True):
            _text(cell, text, bold=bold)


def _text(cell: Any, text: str, *, bold: bool) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(8)
