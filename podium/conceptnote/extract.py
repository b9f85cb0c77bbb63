"""The blocks of a note held in a file, whatever its format (.md, .txt, .docx, .pdf).

Each format has its own reader (``textblocks``, ``docxblocks``, ``pdfblocks``);
this module opens the file with the right parser and says, in one line, why
a file cannot be read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from podium.conceptnote.blocks import Element
from podium.conceptnote.textblocks import elements
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


def docx_blocks(path: Path) -> list[Element]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    from podium.conceptnote.docxblocks import docx_elements

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable(_("not a readable DOCX file ({reason})").format(reason=exc)) from None
    return docx_elements(document)


def pdf_blocks(path: Path) -> list[Element]:
    import pdfplumber

    from podium.conceptnote.pdfblocks import pdf_elements

    try:
        with pdfplumber.open(str(path)) as pdf:
            found = pdf_elements(pdf)
    except Exception as exc:
        # pdfminer raises many unrelated exception types for a damaged or encrypted
        # file; every one of them means the same to the user: this PDF cannot be read.
        reason = str(exc) or type(exc).__name__
        raise Unreadable(_("not a readable PDF file ({reason})").format(reason=reason)) from None
    if not found:
        raise Unreadable(_("the PDF holds no text (is it a scanned image?)"))
    return found


def file_blocks(path: Path) -> list[Element]:
    """The blocks of the note in ``path``, by its suffix."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return docx_blocks(path)
    if suffix == ".pdf":
        return pdf_blocks(path)
    return elements(plain_text(path.read_bytes()))
