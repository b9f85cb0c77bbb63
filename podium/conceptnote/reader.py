"""Reading a concept note (Markdown, plain text, DOCX or PDF) into a meeting plan.

What cannot be read becomes a warning with its line number and the rest is
still returned; a file that is no concept note at all raises NotAConceptNote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from podium.conceptnote import extract, vocabulary
from podium.conceptnote.agenda import agenda_item
from podium.conceptnote.blocks import Element
from podium.conceptnote.documents import read_document
from podium.conceptnote.header import read_header
from podium.conceptnote.outcome import named_forum, read_outcome, read_sdgs
from podium.conceptnote.people import groups_in, people_role, tells_participation
from podium.conceptnote.programme import Source, read_programme
from podium.conceptnote.programme_table import is_timed_table
from podium.conceptnote.segments import is_question, sentences
from podium.conceptnote.sessions import find_kind_in_prose
from podium.conceptnote.textblocks import elements
from podium.i18n import _
from podium.meeting.plan import Document, Outcome, Plan, Section, Segment, Warning

SUFFIXES = (".md", ".markdown", ".txt", ".text", ".docx", ".pdf")


class NotAConceptNote(ValueError):
    """The file cannot be read, or holds no concept note at all; the message says why."""


# The kinds of section whose heading names what they hold, in the order they are tried.
_KINDS = ("questions", "format", "documents")
_ANY_HEADING = ("questions", "format", "documents", "outcome", "background", "objectives", "other")


def _opens_body(heading: Element, after_label: bool, language: str) -> bool:
    words = heading.text
    if heading.level >= 2 or after_label:
        return True
    opening = " ".join(words.split()[:3]) if " " in words else words[:12]
    return (
        any(vocabulary.pattern(language, "headings", k).search(opening) for k in _ANY_HEADING)
        and len(words.split()) <= 7
        and not re.search(r"[“”\"«»]", words)
    )


def section_kind(heading: str, language: str) -> str:
    """What a section holds, from its heading: "questions", "format", "documents" or "prose"."""
    for kind in _KINDS:
        if vocabulary.pattern(language, "headings", kind).search(heading):
            return kind
    return "prose"


@dataclass
class _Body:
    language: str
    sections: list[Section] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # Recognised sections that gave nothing: (line, field, heading).
    unread: list[tuple[int, str, str]] = field(default_factory=list)
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
            text.endswith((":", "："))
            and vocabulary.pattern(body.language, "headings", "asking").search(text)
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


# How far after the word "questions" a cell's colon may stand
# ("Possible questions for discussion:").
_ASKING_COLON = 40


def _cell_questions(table: Element, language: str) -> list[str]:
    """The questions a programme cell lists after "Key questions:" ("… Possible questions for
    discussion: What …? How …?")."""
    asking = vocabulary.pattern(language, "headings", "asking")
    found: list[str] = []
    for row in table.rows:
        for cell in row:
            text = " ".join(cell.split())
            said = asking.search(text)
            if said is None:
                continue
            colon = next(
                (
                    i
                    for i in range(said.end(), min(len(text), said.end() + _ASKING_COLON))
                    if text[i] in ":："
                ),
                None,
            )
            if colon is not None:
                found.extend(s for s in sentences(text[colon + 1 :], language) if is_question(s))
    return found


def _read_section(kind: str, heading: Element, found: list[Element], body: _Body) -> None:
    before = (len(body.questions), len(body.documents))
    if kind in ("prose", "format"):
        for table in (e for e in found if e.kind == "table"):
            body.questions.extend(
                q for q in _cell_questions(table, body.language) if q not in body.questions
            )
    if kind == "prose":
        _read_prose(heading.text, found, body)
        if _lists_people(heading, found, body.language) or tells_participation(
            heading.text, "\n".join(e.text for e in found), body.language
        ):
            body.sources.append(Source(heading, "people", tuple(found)))
        if agenda_item(heading.text, body.language) is not None:
            # An order of the day: its agenda items are the programme.
            body.sources.append(Source(heading, "agenda", (heading, *found)))
        timed = tuple(e for e in found if e.kind == "table" and is_timed_table(e, body.language))
        if timed:
            # A timed table under any heading ("Day I, Monday …") is a programme.
            body.sources.append(Source(heading, "format", timed))
    elif kind == "questions":
        for element in found:
            if element.kind == "item":
                body.questions.append(element.text)
            else:
                body.questions.extend(
                    s for s in sentences(element.text, body.language) if is_question(s)
                )
        if len(body.questions) == before[0]:
            body.unread.append((heading.line, "questions", heading.text))
    elif kind == "format":
        body.sources.append(Source(heading, "format", tuple(found)))
    else:
        for element in found:
            document = read_document(element.text, body.language)
            if document is None:
                continue
            if element.kind == "item" or document.url or document.symbol:
                body.documents.append(document)
        if len(body.documents) == before[1] and found:
            body.unread.append((heading.line, "documents", heading.text))


def _lists_people(heading: Element, found: list[Element], language: str) -> bool:
    """Whether a section is a short list of people under a label ("Moderator", "Panellists")."""
    if not found or len(found) > 16 or any(len(e.text) > 1500 for e in found):
        return False
    return people_role(heading.text, language) is not None or bool(
        vocabulary.pattern(language, "roles", "words.people_sections").fullmatch(
            heading.text.rstrip(" :")
        )
    )


def _head_people(head: list[Element], language: str) -> list[Source]:
    """People named under a label in the title block ("Convened by: H.E. Mr. …") are the
    programme's, as they would be under a heading of that label."""
    return [
        Source(element, "people", (element,))
        for element in head
        if element.kind == "paragraph"
        and any(g.role is not None and g.names for g in groups_in(element.text, language))
    ]


def _head_agenda(head: list[Element], language: str) -> list[Source]:
    """An order of the day's agenda items above its first section ("Item 1 Organizational and
    procedural matters") are its programme."""
    for i, element in enumerate(head):
        if agenda_item(element.text, language) is not None:
            return [Source(element, "agenda", tuple(head[i:]))]
    return []


def _split(found: list[Element], language: str) -> tuple[list[Element], list[Element]]:
    """The title block, and the rest from the first section heading on."""
    after_label = False
    for i, element in enumerate(found):
        if element.kind != "heading" and not (
            element.kind == "paragraph" and len(element.lines) == 1
        ):
            continue
        words = element.text.rstrip(":").strip().lower()
        if words in vocabulary.labels(language):
            after_label = True
            continue
        if element.kind == "heading" and _opens_body(element, after_label, language):
            return found[:i], found[i:]
    return found, []


def _lone_line(rest: list[Element], j: int, language: str) -> bool:
    """Whether the block at ``j`` is a heading with nothing under it that names no section."""
    if j >= len(rest) or rest[j].kind != "heading":
        return False
    if j + 1 < len(rest) and rest[j + 1].kind != "heading":
        return False
    text = rest[j].text
    return section_kind(text, language) == "prose" and not any(
        vocabulary.pattern(language, "headings", k).search(text) for k in _ANY_HEADING
    )


def programme_headings(rest: list[Element], start: int, language: str) -> tuple[list[Element], int]:
    """A Programme heading with nothing under it but headings of its parts ("Remarks by the
    President", "Interactive dialogue"): each such heading is an item of the programme and the
    blocks under it name its speakers. Gives the items and where the programme ends."""
    parts: list[Element] = []
    i = start
    while i < len(rest) and rest[i].kind == "heading":
        heading = rest[i]
        if section_kind(heading.text, language) != "prose" or any(
            vocabulary.pattern(language, "headings", k).search(heading.text) for k in _ANY_HEADING
        ):
            break
        parts.append(replace(heading, kind="item", level=0))
        i += 1
        while i < len(rest) and rest[i].kind in ("item", "paragraph"):
            parts.append(replace(rest[i], kind="item", level=1))
            i += 1
    if len([p for p in parts if p.level == 0]) < 2 or (i < len(rest) and rest[i].kind != "heading"):
        # One heading, or a table under it: the headings are the note's own sections.
        return [], start
    return parts, i


def _outcome(found: list[Element], language: str, body: str | None) -> Outcome | None:
    for element in found:
        for sentence in sentences(element.text, language):
            if outcome := read_outcome(sentence):
                return named_forum(outcome, body)
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
    language = vocabulary.detect("\n".join(e.text for e in found))
    head, rest = _split(found, language)
    labels = vocabulary.labels(language)
    header = read_header(
        [e for e in head if e.text.rstrip(":").strip().lower() not in labels], found, language
    )
    body = _Body(language)
    body.sources.extend(_head_people(head, language))
    body.sources.extend(_head_agenda(head, language))
    problems = [(w.line, w.message, w.field) for w in header.problems]
    i = 0
    while i < len(rest):
        heading = rest[i]
        j = i + 1
        while j < len(rest) and rest[j].kind != "heading":
            j += 1
        kind = section_kind(heading.text, language)
        if kind == "format" and j == i + 1:
            parts, j = programme_headings(rest, j, language)
            if parts:
                body.sources.append(Source(heading, "format", tuple(parts)))
                i = j
                continue
        section = list(rest[i + 1 : j])
        while kind == "format" and section and _lone_line(rest, j, language):
            # "Policy debate among ministers" standing alone after the programme's lines, with
            # nothing under it: a line of the programme, not a section.
            section.append(replace(rest[j], kind="paragraph", level=0))
            j += 1
        _read_section(kind, heading, section, body)
        i = j
    segments: list[Segment]
    segments, segment_problems = read_programme(body.sources, language)
    problems.extend((line, message, "segments") for line, message in segment_problems)
    for line, name, heading_text in body.unread:
        if name == "questions":
            message = _("'{heading}': no guiding question could be read in this section")
        else:
            message = _("'{heading}': no document could be read in this section")
        problems.append((line, message.format(heading=heading_text), name))
    formats = [s for s in body.sources if s.kind == "format"]
    if formats and not segments:
        first = formats[0].heading
        message = _("'{heading}': no part of the programme could be read in this section").format(
            heading=first.text
        )
        problems.append((first.line, message, "segments"))
    recognised = sum(
        1
        for e in rest
        if e.kind == "heading"
        and any(vocabulary.pattern(language, "headings", k).search(e.text) for k in _ANY_HEADING)
    )
    if (
        header.kind is None
        and header.start is None
        and not body.questions
        and not segments
        and recognised < 2
    ):
        raise NotAConceptNote(
            _(
                "this is not a concept note: "
                "no meeting title, date, guiding questions or format found"
            )
        )
    meeting_kind = header.kind
    if meeting_kind is None:
        prose = [e.text for e in rest if e.kind == "paragraph"]
        meeting_kind = find_kind_in_prose(
            [s for p in prose for s in sentences(p, language)], language
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
        kind=meeting_kind,
        start=header.start,
        end=header.end,
        timezone=header.timezone,
        venue=header.venue,
        sections=tuple(body.sections),
        questions=tuple(body.questions),
        segments=tuple(segments),
        documents=tuple(body.documents),
        outcome=_outcome(found, language, header.body),
        sdgs=tuple(sorted(read_sdgs("\n".join(e.text for e in found)))),
        language=language,
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
