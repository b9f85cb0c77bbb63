"""The shape of a note's text: headings, paragraphs and list items, each with its lines.

Notes come as Markdown, as plain text, or as text pulled out of DOCX and PDF
files, so a heading may be a ``#`` line, a bold line or a bare short line.
Every element keeps the 1-based numbers of its lines, for the warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["heading", "paragraph", "item"]

_HASH = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+•·▪●◦]|\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))\s+(\S.*)$")
_LINK_NOWHERE = re.compile(r"\[([^\]]*)\]\(#?\)")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")
_SPACES = re.compile(r"\s+")
_ROMAN_NUMBER = re.compile(r"^(?:[IVX]{1,4}|\d{1,2})\.\s+(?=[A-Z])")


@dataclass(frozen=True)
class Element:
    kind: Kind
    lines: tuple[tuple[int, str], ...]
    # A heading's '#' count (0 when bare or bold); an item's indentation.
    level: int = 0
    bold: bool = False

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def text(self) -> str:
        return _SPACES.sub(" ", " ".join(text for _, text in self.lines)).strip()


def clean(text: str) -> str:
    """The words of a line without Markdown emphasis, escapes or empty links."""
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = _LINK_NOWHERE.sub(r"\1", text)
    text = _LINK.sub(r"\1 <\2>", text)
    text = text.replace("**", "").replace("__", "")
    text = _ITALIC_STAR.sub(r"\1", text)
    text = _ITALIC_UNDERSCORE.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def _is_bold(raw: str) -> bool:
    raw = raw.strip()
    return len(raw) > 4 and (
        (raw.startswith("**") and raw.endswith("**"))
        or (raw.startswith("__") and raw.endswith("__"))
    )


def heading_words(text: str) -> str:
    """A heading's own words: no numbering, no closing colon."""
    return _ROMAN_NUMBER.sub("", text).rstrip(" :").strip()


def looks_like_bare_heading(text: str) -> bool:
    """A short line standing alone, like "Background" or "Objectives of the roundtable"."""
    words = heading_words(text)
    if not words or len(words) > 70 or len(words.split()) > 8:
        return False
    if not (words[0].isupper() or words[0].isdigit()):
        return False
    return not re.search(r"[.?!;,]$|[,;]|https?://|\d{1,2}[.:]\d{2}", words)


def elements(text: str) -> list[Element]:
    """Split a note's text into its headings, paragraphs and list items, in order."""
    found: list[Element] = []
    paragraph: list[tuple[int, str]] = []
    item: list[tuple[int, str]] = []
    item_indent = 0

    def flush() -> None:
        nonlocal paragraph, item
        if paragraph:
            raw = "\n".join(t for _, t in paragraph)
            lines = tuple((n, clean(t)) for n, t in paragraph)
            bold = _is_bold(raw)
            single = len(lines) == 1
            cleaned = lines[0][1] if single else ""
            if single and (
                (bold and len(cleaned.split()) <= 15 and not cleaned.endswith("."))
                or looks_like_bare_heading(cleaned)
            ):
                found.append(Element("heading", ((lines[0][0], heading_words(cleaned)),), 0, bold))
            else:
                found.append(Element("paragraph", lines, 0, bold))
        if item:
            found.append(Element("item", tuple((n, clean(t)) for n, t in item), item_indent))
        paragraph, item = [], []

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        hashed = _HASH.match(line)
        bullet = _BULLET.match(line)
        if hashed:
            flush()
            words = heading_words(clean(hashed.group(2)))
            if words:
                found.append(Element("heading", ((number, words),), len(hashed.group(1))))
        elif bullet:
            flush()
            item = [(number, bullet.group(2))]
            item_indent = len(bullet.group(1).expandtabs(4))
        elif item:
            item.append((number, line.strip()))
        else:
            paragraph.append((number, line.strip()))
    flush()
    return [e for e in found if e.text]
