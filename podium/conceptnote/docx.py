"""The concept note as a Word document, laid out like a UN concept note."""

from __future__ import annotations

from typing import Any

from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from podium.conceptnote.html import href
from podium.conceptnote.layout import LANGUAGE, document_label, layout, paragraphs
from podium.documents import centred, docx_bytes
from podium.i18n import _
from podium.meeting.plan import Plan


def write_docx(plan: Plan, language: str = LANGUAGE) -> bytes:
    note = layout(plan, language)
    document = new_document()
    document.core_properties.title = note.heading
    if note.body:
        document.core_properties.author = note.body
    document.core_properties.language = language.replace("_", "-")

    for line in (note.body, note.session):
        if line:
            centred(document, line, bold=True)
    title = document.add_heading(note.heading, level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (note.when, note.venue):
        if line:
            centred(document, line, bold=True)

    document.add_heading(_("Concept note"), level=2).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in note.sections:
        document.add_heading(section.heading, level=3)
        for paragraph in paragraphs(section.text):
            document.add_paragraph(paragraph)
    if note.questions:
        document.add_heading(_("Guiding questions"), level=3)
        for question in note.questions:
            document.add_paragraph(question, style="List Number")
    if note.format_text or note.programme:
        document.add_heading(_("Format"), level=3)
        for paragraph in paragraphs(note.format_text or ""):
            document.add_paragraph(paragraph)
        for line in note.programme:
            document.add_paragraph(line, style="List Bullet")
    if note.documents:
        document.add_heading(_("Supporting documents"), level=3)
        for item in note.documents:
            entry = document.add_paragraph(style="List Bullet")
            url = href(item.url)
            if url:
                _hyperlink(entry, url, document_label(item))
            else:
                entry.add_run(document_label(item))
    if note.outcome:
        document.add_heading(_("Outcome"), level=3)
        document.add_paragraph(note.outcome)

    return docx_bytes(document)


def _hyperlink(paragraph: Any, url: str, text: str) -> None:
    """A real Word hyperlink (python-docx has no writer for one): a run inside ``w:hyperlink``."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    properties.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1A4F8B")
    properties.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    words = OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)
