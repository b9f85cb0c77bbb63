"""The report as PDF: the HTML page through its print CSS."""

from __future__ import annotations

from podium.i18n import _
from podium.record.html import write_html
from podium.record.report import Progress, Report

PDF_VARIANT = "pdf/ua-1"


def _quiet(step: str) -> None:
    """Nobody is watching the build."""


def write_pdf(report: Report, progress: Progress = _quiet) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only PDF output needs.
    from weasyprint import HTML

    # PNG charts: WeasyPrint lays out a bitmap far faster than thousands of SVG glyph paths.
    page = write_html(report, charts="png", progress=progress)
    progress(_("Laying out the PDF"))
    # PDF/UA-1: tagged (headings, paragraphs, tables with their header cells, figures with
    # their text), titled, and in the document's language (the page's lang), for screen readers.
    pdf: bytes = HTML(string=page).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf
