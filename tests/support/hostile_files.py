"""Hostile concept notes made on the spot: zip bombs, XML bombs, deep XML, long PDFs.

Each maker writes a file into a folder and returns its path; ``docx_parts``
gives the parts of a real Word note so that a test can change one and zip
them again.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from podium.conceptnote.export import export
from podium.conceptnote.reader import read_note
from podium.meeting.plan import Plan
from tests.conftest import PANEL_2024

_cache: dict[tuple[str, Plan | None], bytes] = {}


def note_bytes(kind: str, plan: Plan | None = None) -> bytes:
    """A plan (the 2024 panel's by default) as a real .docx or .pdf, exported once."""
    key = (kind, plan)
    if key not in _cache:
        stamp = datetime(2024, 4, 1, tzinfo=UTC)
        written = plan or read_note(PANEL_2024)
        data = export(written, kind, stamp=stamp)  # type: ignore[arg-type]
        _cache[key] = data if isinstance(data, bytes) else data.encode()
    return _cache[key]


def docx_parts(plan: Plan | None = None) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(note_bytes("docx", plan))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(parts: dict[str, bytes], level: int = 6) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb(folder: Path, unpacked_mb: int = 60) -> Path:
    """A .docx whose document part unpacks to ``unpacked_mb`` MB of spaces."""
    parts = docx_parts()
    parts["word/document.xml"] = b" " * (unpacked_mb * 1024 * 1024)
    path = folder / "bomb.docx"
    path.write_bytes(zipped(parts, level=9))
    return path


def entity_bomb(folder: Path) -> Path:
    """A .docx whose document declares the "billion laughs" entities."""
    parts = docx_parts()
    lol = "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    head = f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]>'
    body = parts["word/document.xml"].decode()
    body = head + body.split("?>", 1)[1].replace("<w:t>", "<w:t>&lol9;", 1)
    parts["word/document.xml"] = body.encode()
    path = folder / "entities.docx"
    path.write_bytes(zipped(parts))
    return path


def deep_docx(folder: Path, depth: int = 100_000) -> Path:
    parts = docx_parts()
    parts["word/document.xml"] = b"<a>" * depth + b"</a>" * depth
    path = folder / "deep.docx"
    path.write_bytes(zipped(parts))
    return path


def broken_xml_docx(folder: Path) -> Path:
    parts = docx_parts()
    parts["word/document.xml"] = parts["word/document.xml"][:-40]
    path = folder / "broken.docx"
    path.write_bytes(zipped(parts))
    return path


def long_pdf(folder: Path, pages: int = 500) -> Path:
    import pypdf

    writer = pypdf.PdfWriter()
    for _n in range(pages):
        writer.add_blank_page(width=595, height=842)
    path = folder / "long.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return path


def encrypted_pdf(folder: Path) -> Path:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(note_bytes("pdf")))
    writer.encrypt(user_password="", owner_password="secret", algorithm="RC4-128")
    path = folder / "encrypted.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return path
