"""The shape of a note, whatever its format: headings, paragraphs, list items and tables.

Every format (Markdown, plain text, DOCX, PDF) becomes the same blocks in
body order, so the readers of the programme, the questions and the documents
never see a file format. Each block keeps the 1-based numbers of its lines
(for DOCX and PDF, the ordinal of its paragraph or line), for the warnings.

The rules here are those a person applies to a page of plain text: a short
line standing alone is a heading, "•", "(a)" or "ii)" start a list item, a
numbered line standing alone ("2. Guiding questions") is a numbered heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

Kind = Literal["heading", "paragraph", "item", "table"]

_SPACES = re.compile(r"\s+")
# Full-width forms of ASCII signs (as Chinese text writes "（", "１０", "／") made narrow, but for
# the sentence punctuation ("，", "：", "？") that is the text's own; invisible spaces dropped.
_NARROW = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in "！，：；？"
} | {
    0x3000: " ",
    0x00A0: " ",
    0x200B: None,
    0x00AD: None,
}
# A list mark at the start of a line: a bullet glyph, "(a)", "a)", "iv)", "(iv)", "1)", "I.", "A.".
MARK = re.compile(
    r"(?P<indent>[ \t]*)(?P<mark>[-*+•·▪●◦‣○■□➢➤►–]|\(?[a-z]\)|\(?[ivx]{1,5}\)|"
    r"\([A-Za-z0-9]{1,3}\)|\d{1,2}[.)]|[IVX]{1,5}\.|[A-H]\.|[a-h]\.)[ \t]+(?P<text>\S.*)"
)
_NUMBERED_HEADING = re.compile(r"(?:[IVX]{1,5}|[A-H]|\d{1,2})[.)]")
_ROMAN_NUMBER = re.compile(r"^(?:[IVX]{1,5}\.|[A-H]\.|\d{1,2}\.(?:\d{1,2}\.?)*)[ \t]+(?=[^\W\d_])")
_NOT_A_HEADING = re.compile(r"[.?!;,。？！；，؟]$|[,;，；،]|https?://|\d{1,2}[.:]\d{2}")


@dataclass(frozen=True)
class Element:
    """One block of a note: a heading, a paragraph, a list item or a table."""

    kind: Kind
    lines: tuple[tuple[int, str], ...]
    # A heading's level (1 for "#", 0 when bare or bold); an item's nesting depth.
    level: int = 0
    bold: bool = False
    # The list numbering as written ("1.", "(a)", "II."); empty for a bullet.
    number: str = ""
    # A table's rows of cells, the header row first; a cell keeps its lines.
    rows: tuple[tuple[str, ...], ...] = ()

    @property
    def line(self) -> int:
        return self.lines[0][0] if self.lines else 1

    @cached_property
    def text(self) -> str:
        if self.kind == "table":
            return "\n".join(" | ".join(clean(cell) for cell in row) for row in self.rows)
        return clean(join_lines([text for _, text in self.lines]))


# Scripts written without spaces: a line break between two of their characters is no space.
_UNSPACED = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")


def join_lines(lines: list[str]) -> str:
    """A block's lines as one text: a space between them, but none inside Chinese text
    ("经社理事会前" / "主席" is "经社理事会前主席")."""
    joined = ""
    for text in lines:
        text = text.strip()
        if not text:
            continue
        if joined and not (_UNSPACED.match(joined[-1]) and _UNSPACED.match(text[0])):
            joined += " "
        joined += text
    return joined


@dataclass(frozen=True)
class Line:
    """One line of running text as a format gives it, before it is shaped into blocks."""

    number: int
    text: str
    bold: bool = False
    indent: int = 0


def clean(text: str) -> str:
    """The words of a line with its spacing made plain and full-width signs ("（") narrow."""
    text = text.translate(_NARROW)
    return _SPACES.sub(" ", text).strip()


def heading_words(text: str) -> str:
    """A heading's own words: no numbering, no closing colon."""
    return _ROMAN_NUMBER.sub("", text, count=1).rstrip(" :").strip()


def looks_like_bare_heading(text: str) -> bool:
    """A short line standing alone, like "Background" or "Objectives of the roundtable"."""
    words = heading_words(text)
    if not words or len(words) > 70 or len(words.split()) > 8:
        return False
    first = words[0]
    # Scripts without capitals (Arabic, Chinese) start a heading with any letter.
    if not (first.isupper() or first.isdigit() or (first.isalpha() and not first.islower())):
        return False
    return not _NOT_A_HEADING.search(words)


def _upper_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _paragraph(lines: list[Line]) -> Element:
    bold = all(line.bold for line in lines)
    cleaned = [(line.number, clean(line.text)) for line in lines]
    text = " ".join(t for _, t in cleaned)
    words = heading_words(text)
    if len(lines) == 1 and (
        (bold and len(words.split()) <= 15 and not words.endswith("."))
        or looks_like_bare_heading(text)
    ):
        return Element("heading", ((cleaned[0][0], words),), 0, bold)
    # A title in capitals wrapped over two lines is still one heading.
    if (
        len(lines) == 2
        and _upper_case(text)
        and len(words.split()) <= 14
        and not _NOT_A_HEADING.search(words)
    ):
        return Element("heading", ((cleaned[0][0], words),), 0, bold)
    return Element("paragraph", tuple(cleaned), 0, bold)


def shape(lines: list[Line]) -> list[Element]:
    """The paragraphs, headings and list items of a run of lines with no blank line between."""
    found: list[Element] = []
    paragraph: list[Line] = []
    item: list[Line] = []
    number = ""
    base_indent: int | None = None

    def flush() -> None:
        nonlocal paragraph, item
        if paragraph:
            found.append(_paragraph(paragraph))
        if item:
            nonlocal base_indent
            if base_indent is None:
                base_indent = item[0].indent
            level = 1 if item[0].indent > base_indent else 0
            cleaned = tuple((line.number, clean(line.text)) for line in item)
            found.append(Element("item", cleaned, level, all(i.bold for i in item), number))
        paragraph, item = [], []

    for line in lines:
        mark = MARK.fullmatch(line.text)
        if mark:
            flush()
            symbol = mark.group("mark")
            number = "" if not any(c.isalnum() for c in symbol) else symbol
            indent = line.indent + len(mark.group("indent").expandtabs(4))
            item = [Line(line.number, mark.group("text"), line.bold, indent)]
        elif item:
            item.append(line)
        else:
            paragraph.append(line)
    flush()
    return [e for e in found if e.text]


def _numbering_style(number: str) -> str:
    """Which sequence a list number belongs to: "1.", "I.", "A.", "(a)" … each its own."""
    bare = number.strip("().")
    if not bare:
        return "bullet"
    if bare.isdigit():
        return "digit"
    kind = "roman" if set(bare) <= set("IVXivx") else "letter"
    case = "upper" if bare.isupper() else "lower"
    return f"{kind}-{case}-{'paren' if number.startswith('(') else number[-1:]}"


def numbered_headings(found: list[Element]) -> list[Element]:
    """Numbered lines standing alone ("2. Guiding questions", "II. Format") as the headings.

    An item numbered "1.", "I." or "A." whose words look like a heading, with
    no sub-item under it and no item of the same numbering beside it, heads
    what follows; "(a)" never does.
    """
    out: list[Element] = []
    for i, element in enumerate(found):
        if (
            element.kind == "item"
            and element.level == 0
            and _NUMBERED_HEADING.fullmatch(element.number)
            and len(element.lines) == 1
            and looks_like_bare_heading(element.text)
            and not _has_sibling(found, i)
        ):
            element = replace(
                element, kind="heading", level=0, lines=((element.line, element.text),)
            )
        out.append(element)
    return out


def _has_sibling(found: list[Element], i: int) -> bool:
    style = _numbering_style(found[i].number)
    after = found[i + 1] if i + 1 < len(found) else None
    if (
        after is not None
        and after.kind == "item"
        and (after.level > 0 or _numbering_style(after.number) == style)
    ):
        return True
    j = i - 1
    while j >= 0 and found[j].kind == "item" and found[j].level > 0:
        j -= 1
    return j >= 0 and found[j].kind == "item" and _numbering_style(found[j].number) == style
