"""Checks on a note's file before it is parsed, and on the plan read from it.

A concept note comes from anyone with the admin token, or by mail: it may be
a zip bomb named ``.docx``, Word XML with entity declarations or nesting a
million deep, a PDF of ten thousand pages, or a text that reads as a plan
with a hundred thousand questions. Each check here is cheap and runs before
the expensive part; each failure is ``Unreadable`` with a sentence that says
what was too much. A Word document never declares a DTD, so any declaration
is refused; like python-docx's, the parser here resolves no entities, fetches
nothing and stops at libxml2's depth limit.
"""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path
from typing import IO, Any

from podium.conceptnote.extract import Unreadable
from podium.i18n import _
from podium.meeting.plan import Plan
from podium.meeting.text import file_text

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # every part of a .docx, pictures included
MAX_XML_BYTES = 20 * 1024 * 1024  # the XML parts together
MAX_RATIO = 200  # unpacked size to packed size, for a part over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024
MAX_XML_DEPTH = 256  # libxml2's own limit, without XML_PARSE_HUGE
MAX_PDF_PAGES = 60

MAX_QUESTIONS = 100
MAX_SEGMENTS = 100
MAX_DOCUMENTS = 200
MAX_SECTIONS = 200
MAX_TEXT = 50_000  # characters in any one title, question, section or name
MAX_PLAN_TEXT = 1_000_000  # characters in the whole plan


def check_file(path: Path) -> None:
    """Refuses a file whose reading would cost far more than a concept note's."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise Unreadable(
            _("the file is {size} MB; a concept note is at most {limit} MB").format(
                size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    suffix = path.suffix.lower()
    if suffix == ".docx":
        check_docx(path)
    elif suffix == ".pdf":
        check_pdf(path)


def check_docx(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise Unreadable(
                    _("the Word file holds {count} parts; at most {limit} are read").format(
                        count=len(entries), limit=MAX_ZIP_ENTRIES
                    )
                )
            _check_sizes(entries)
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels")):
                    with archive.open(entry) as part:
                        _check_xml(part, entry.filename)
    except zipfile.BadZipFile as exc:
        raise Unreadable(_("not a readable DOCX file ({reason})").format(reason=exc)) from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise Unreadable(_("not a readable DOCX file ({reason})").format(reason=exc)) from None


def _check_sizes(entries: list[zipfile.ZipInfo]) -> None:
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise Unreadable(
            _("the Word file unpacks to {size} MB; at most {limit} MB are read").format(
                size=unpacked // (1024 * 1024), limit=MAX_UNPACKED_BYTES // (1024 * 1024)
            )
        )
    xml = sum(e.file_size for e in entries if e.filename.endswith((".xml", ".rels")))
    if xml > MAX_XML_BYTES:
        raise Unreadable(
            _("the Word file holds {size} MB of XML; at most {limit} MB are read").format(
                size=xml // (1024 * 1024), limit=MAX_XML_BYTES // (1024 * 1024)
            )
        )
    for entry in entries:
        packed = max(entry.compress_size, 1)
        if entry.file_size > RATIO_FROM and entry.file_size / packed > MAX_RATIO:
            raise Unreadable(
                _("the Word file's part {name} is compressed {ratio} times: a zip bomb").format(
                    name=entry.filename[:80], ratio=entry.file_size // packed
                )
            )


def _check_xml(part: IO[bytes], name: str) -> None:
    """Parses one XML part as python-docx will: no DTD, no entities, not too deep."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        tree = etree.parse(part, parser)
    except etree.XMLSyntaxError as exc:
        if "entit" in str(exc).lower():  # libxml2 stopped an entity's expansion
            raise Unreadable(_declares(name)) from None
        if "depth" in str(exc).lower():
            raise Unreadable(
                _("the Word file's part {name} nests deeper than {limit}").format(
                    name=name[:80], limit=MAX_XML_DEPTH
                )
            ) from None
        raise Unreadable(
            _("the Word file's part {name} is not well-formed XML ({reason})").format(
                name=name[:80], reason=exc
            )
        ) from None
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise Unreadable(_declares(name))


def _declares(name: str) -> str:
    return _("the Word file's part {name} declares a DTD or entities; Word never does").format(
        name=name[:80]
    )


def check_pdf(path: Path) -> None:
    import pypdf
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            raise Unreadable(_("the PDF is encrypted; save it without a password"))
        pages = len(reader.pages)
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise Unreadable(_("not a readable PDF file ({reason})").format(reason=exc)) from None
    if pages > MAX_PDF_PAGES:
        raise Unreadable(
            _("the PDF has {count} pages; a concept note has at most {limit}").format(
                count=pages, limit=MAX_PDF_PAGES
            )
        )


def clean_plan(plan: Plan) -> Plan:
    """The plan with every text in it cleared of control characters (see ``file_text``)."""
    cleaned = _clean(plan)
    assert isinstance(cleaned, Plan)
    return cleaned


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return file_text(value)
    if isinstance(value, tuple):
        return tuple(_clean(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


def check_plan(plan: Plan) -> None:
    """Refuses a plan larger than any meeting's: it would weigh on every page that shows it."""
    counts = (
        (len(plan.questions), MAX_QUESTIONS, _("guiding questions")),
        (len(plan.segments), MAX_SEGMENTS, _("segments")),
        (len(plan.documents), MAX_DOCUMENTS, _("documents")),
        (len(plan.sections), MAX_SECTIONS, _("sections")),
    )
    for count, limit, what in counts:
        if count > limit:
            raise Unreadable(
                _("the note has {count} {what}; a meeting has at most {limit}").format(
                    count=count, what=what, limit=limit
                )
            )
    texts = [plan.title, plan.body or "", plan.venue or "", plan.session_title or ""]
    texts += list(plan.questions)
    texts += [part for s in plan.sections for part in (s.heading, s.text)]
    texts += [part for s in plan.segments for part in (s.title, *s.names)]
    texts += [part for d in plan.documents for part in (d.title, d.url or "", d.symbol or "")]
    longest = max((len(text) for text in texts), default=0)
    if longest > MAX_TEXT:
        raise Unreadable(
            _("a part of the note is {count} characters long; at most {limit} are kept").format(
                count=longest, limit=MAX_TEXT
            )
        )
    if sum(len(text) for text in texts) > MAX_PLAN_TEXT:
        raise Unreadable(
            _("the note holds more than {limit} characters of text").format(limit=MAX_PLAN_TEXT)
        )
