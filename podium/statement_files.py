"""What a written statement's file is, read from its bytes, never from its name or the browser.

A PDF starts ``%PDF-``; a Word file is a zip holding ``word/document.xml`` (its
directory is read, nothing is unpacked); plain text is UTF-8 (a BOM allowed)
with no control characters but tab, new line, carriage return and form feed.
Anything else is not a statement Podium keeps, so that nothing it serves can
be taken for a web page or a program.
"""

from __future__ import annotations

import io
import zipfile

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = "text/plain"
_TEXT_CONTROLS = frozenset("\t\n\r\f")


def media_type_of(data: bytes) -> str | None:
    """The media type of ``data`` as a statement, or None when it is not one Podium keeps."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return DOCX if _is_word(data) else None
    return TEXT if _is_text(data) else None


def _is_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        return False
    return "word/document.xml" in names and "[Content_Types].xml" in names


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return bool(text.strip()) and all(
        c.isprintable() or c in _TEXT_CONTROLS or c == " " for c in text
    )
