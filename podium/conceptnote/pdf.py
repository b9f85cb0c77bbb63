"""The concept note as PDF: the HTML page through its print CSS."""

from __future__ import annotations

from podium.conceptnote.html import write_html
from podium.conceptnote.layout import LANGUAGE
from podium.meeting.plan import Plan


def write_pdf(plan: Plan, language: str = LANGUAGE) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only PDF output needs.
    from weasyprint import HTML

    pdf: bytes = HTML(string=write_html(plan, language)).write_pdf()
    return pdf
