"""Reading a concept note (Markdown, plain text, DOCX or PDF) into a meeting plan.

What cannot be read becomes a warning with its line number and the rest is
still returned; a file that is no concept note at all raises NotAConceptNote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from podium.conceptnote import extract
from podium.conceptnote.blocks import Element
from podium.conceptnote.documents import read_document
from podium.conceptnote.header import read_header
from podium.conceptnote.outcome import read_outcome, read_sdgs
from podium.conceptnote.segments import Part, read_segments, sentences
from podium.conceptnote.textblocks import elements
from podium.i18n import _
from podium.meeting.plan import Document, Outcome, Plan, Section, Segment, Warning

SUFFIXES = (".md", ".markdown", ".txt", ".text", ".docx", ".pdf")


class NotAConceptNote(ValueError):
    """The file cannot be read, or holds no concept note at all; the message says why."""


_VOCABULARY = re.compile(
    r"\b(?:background|introduction|context|objectives?|aims?|purpose|questions?|format|"
    r"programme|program|agenda|organi[sz]ation\s+of\s+work|modalities|documents?|readings?|"
    r"references?|outcomes?|moderators?|keynotes?|discussants?|panell?ists|speakers|"
    r"participation|structure|overview|rationale|contacts?|languages?|interpretation|"
    r"registration|logistics|proceedings|resources|summary)\b",
    re.I,
)
_LABELS = {"concept note", "draft concept note", "concept paper", "information note"}
_QUESTIONS = re.compile(r"\bquestions?\b", re.I)
_FORMAT = re.compile(
    r"\b(?:format|programme|program|agenda|organi[sz]ation\s+of\s+work|modalities|structure|"
    r"proceedings|order\s+of\s+business)\b",
    re.I,
)
_DOCUMENTS = re.compile(r"\b(?:documents?|readings?|references?|resources)\b", re.I)


def _opens_body(heading: Element, after_label: bool) -> bool:
    words = heading.text
    if heading.level >= 2 or after_label:
        return True
    opening = " ".join(words.split()[:3])
    return (
        bool(_VOCABULARY.search(opening))
        and len(words.split()) <= 7
        and not re.search(r"[“”\"]", words)
    )


def _section_kind(heading: str) -> str:
    if _QUESTIONS.search(heading):
        return "questions"
    if _FORMAT.search(heading):
        return "format"
    if _DOCUMENTS.search(heading):
        return "documents"
    return "prose"


@dataclass
class _Body:
    sections: list[Section] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)


def _read_prose(heading: str, found: list[Element], body: _Body) -> None:
    paragraphs: list[str] = []
    listing: list[str] = []
    asking = False
    for i, element in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        if element.kind == "item":
            if asking:
                body.questions.append(element.text)
            else:
                listing.append(f"- {element.text}")
            continue
        asking = False
        if listing:
            paragraphs.append("\n".join(listing))
            listing = []
        text = element.text
        if (
            text.endswith(":")
            and _QUESTIONS.search(text)
            and following is not None
            and following.kind == "item"
        ):
            asking = True  # "Three key questions are proposed ...:" introduces the questions
            continue
        paragraphs.append(text)
    if listing:
        paragraphs.append("\n".join(listing))
    if paragraphs:
        body.sections.append(Section(heading, "\n\n".join(paragraphs)))


def _read_section(kind: str, heading: str, found: list[Element], body: _Body) -> None:
    if kind == "prose":
        _read_prose(heading, found, body)
    elif kind == "questions":
        for element in found:
            if element.kind == "item":
                body.questions.append(element.text)
            else:
                body.questions.extend(s for s in sentences(element.text) if s.endswith("?"))
    elif kind == "format":
        for element in found:
            if element.kind == "table":
                body.parts.extend(
                    Part(" ".join(c for c in row if c), line, True)
                    for (line, _text), row in zip(element.lines, element.rows, strict=False)
                    if row is not element.rows[0] or not _is_header_row(row)
                )
            elif element.kind != "heading":
                body.parts.append(
                    Part(element.text, element.line, element.kind == "item", element.level)
                )
    else:
        for element in found:
            document = read_document(element.text)
            if document is None:
                continue
            if element.kind == "item" or document.url or document.symbol:
                body.documents.append(document)


def _is_header_row(row: tuple[str, ...]) -> bool:
    """A table's first row that names its columns ("Time | Item | Speaker") holds no figure."""
    return not any(c.isdigit() for cell in row for c in cell) and all(
        len(cell.split()) <= 4 for cell in row
    )


def _split(found: list[Element]) -> tuple[list[Element], list[Element]]:
    """The title block, and the rest from the first section heading on."""
    after_label = False
    for i, element in enumerate(found):
        if element.kind != "heading" and not (
            element.kind == "paragraph" and len(element.lines) == 1
        ):
            continue
        words = element.text.rstrip(":").strip().lower()
        if words in _LABELS:
            after_label = True
            continue
        if element.kind == "heading" and _opens_body(element, after_label):
            return found[:i], found[i:]
    return found, []


def _outcome(found: list[Element]) -> Outcome | None:
    for element in found:
        for sentence in sentences(element.text):
            if outcome := read_outcome(sentence):
                return outcome
    return None


def parse_text(text: str) -> Plan:
    """The plan a concept note's text (Markdown or plain) describes.

    Raises NotAConceptNote when nothing in it is a concept note's: no kind and
    title, no date, no guiding questions and no format.
    """
    if not text.strip():
        raise NotAConceptNote(_("the note is empty"))
    return read_blocks(elements(text))


def read_blocks(found: list[Element]) -> Plan:
    """The plan a note's blocks describe, whatever format they were read from."""
    if not found:
        raise NotAConceptNote(_("the note is empty"))
    head, rest = _split(found)
    header = read_header(
        [e for e in head if e.text.rstrip(":").strip().lower() not in _LABELS], found, "en"
    )
    body = _Body()
    problems = [(w.line, w.message, w.field) for w in header.problems]
    i = 0
    while i < len(rest):
        heading = rest[i]
        j = i + 1
        while j < len(rest) and rest[j].kind != "heading":
            j += 1
        _read_section(_section_kind(heading.text), heading.text, rest[i + 1 : j], body)
        i = j
    segments: list[Segment]
    segments, segment_problems = read_segments(body.parts)
    problems.extend((line, message, None) for line, message in segment_problems)
    if header.kind is None and header.start is None and not body.questions and not segments:
        raise NotAConceptNote(
            _(
                "this is not a concept note: "
                "no meeting title, date, guiding questions or format found"
            )
        )
    title = header.title
    if not title:
        title = next((e.text for e in found), "")
        problems.append((found[0].line if found else 1, _("no meeting title found"), "title"))
    if header.start is None and not any("date" in m or "time" in m for _l, m, _f in problems):
        problems.append((1, _("no date found for the meeting"), "start"))
    return Plan(
        title=title,
        body=header.body,
        session_number=header.session_number,
        session_title=header.session_title,
        kind=header.kind,
        start=header.start,
        end=header.end,
        timezone=header.timezone,
        venue=header.venue,
        sections=tuple(body.sections),
        questions=tuple(body.questions),
        segments=tuple(segments),
        documents=tuple(body.documents),
        outcome=_outcome(found),
        sdgs=tuple(sorted(read_sdgs("\n".join(e.text for e in found)))),
        warnings=tuple(
            Warning(line, message, concerns)
            for line, message, concerns in sorted(problems, key=lambda p: (p[0], p[1]))
        ),
    )


def read_note(path: Path) -> Plan:
    """The plan of the concept note in ``path`` (.md, .txt, .docx or .pdf)."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise NotAConceptNote(
            _("{path}: is a folder; give the concept note's file").format(path=path)
        )
    if not path.exists():
        raise NotAConceptNote(_("{path}: no such file").format(path=path))
    if suffix not in SUFFIXES:
        raise NotAConceptNote(
            _("{path}: cannot read '{suffix}' files; use .md, .txt, .docx or .pdf").format(
                path=path, suffix=suffix or path.name
            )
        )
    if not path.is_file():
        raise NotAConceptNote(_("{path}: no such file").format(path=path))
    try:
        found = extract.file_blocks(path)
    except extract.Unreadable as exc:
        raise NotAConceptNote(f"{path}: {exc}") from None
    except OSError as exc:
        raise NotAConceptNote(
            _("{path}: cannot be read ({reason})").format(path=path, reason=exc.strerror or exc)
        ) from None
    try:
        return read_blocks(found)
    except NotAConceptNote as exc:
        raise NotAConceptNote(f"{path}: {exc}") from None
