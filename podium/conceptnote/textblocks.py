"""The blocks of a note written as text: Markdown read by markdown-it-py, then plain-text rules.

Markdown gives headings, lists and tables their structure; what it leaves as
a paragraph (a bare "Background" line, "• item" or "(a) item" lines, an
upper-case title over two lines) is shaped by the plain-text rules of
``blocks``. Indented lines are running text here, never code: notes indent
their lists of people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from podium.conceptnote.blocks import (
    MARK,
    Element,
    Line,
    clean,
    heading_words,
    looks_like_bare_heading,
    numbered_headings,
    shape,
)

# Inline Markdown (emphasis, links) takes time that grows faster than the text on runs of
# "[" or "*": it is parsed only in runs of text of a sensible size, the rest taken as it is.
_INLINE_MAX = 4000
_INLINE_MARKS_MAX = 120
_CHUNK_LINES = 200
_BREAK = re.compile(r"<br\s*/?>", re.I)
# The longest text read as Markdown: some fifty pages, more than any concept note.
MARKDOWN_MAX = 150_000


@cache
def _blocks_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").disable(["code", "inline"])


@cache
def _inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def _children(content: str) -> list[Token]:
    marks = sum(content.count(mark) for mark in "[*_`<")
    if len(content) <= _INLINE_MAX and marks <= _INLINE_MARKS_MAX:
        return _inline_parser().parseInline(content)[0].children or []
    pieces: list[Token] = []
    for n, line in enumerate(content.replace("**", "").replace("__", "").split("\n")):
        if n:
            pieces.append(Token("softbreak", "br", 0))
        text = Token("text", "", 0)
        text.content = line
        pieces.append(text)
    return pieces


def _inline(token: Token) -> list[tuple[str, bool]]:
    """The lines of an inline token as plain text, each with whether it is wholly bold."""
    lines: list[list[tuple[str, bool]]] = [[]]
    strong = 0
    href: str | None = None
    for child in _children(token.content):
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            lines.append([])
        elif kind == "strong_open":
            strong += 1
        elif kind == "strong_close":
            strong = max(0, strong - 1)
        elif kind == "link_open":
            target = str(child.attrs.get("href", ""))
            href = target if child.markup != "autolink" else None
            if child.markup == "autolink":
                lines[-1].append(("<", strong > 0))
        elif kind == "link_close":
            if child.markup == "autolink":
                lines[-1].append((">", strong > 0))
            elif href and href.startswith(("http://", "https://")):
                lines[-1].append((f" <{href}>", strong > 0))
            href = None
        elif kind in ("text", "code_inline", "html_inline") or kind == "image":
            lines[-1].append((child.content, strong > 0))
    out: list[tuple[str, bool]] = []
    for pieces in lines:
        text = "".join(p for p, _b in pieces)
        bold = any(p.strip() for p, _b in pieces) and all(b for p, b in pieces if p.strip())
        out.append((text, bold))
    return out


def _indent(source: Sequence[str], number: int) -> int:
    raw = source[number - 1] if 0 < number <= len(source) else ""
    return len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())


def _chunks(source: list[str]) -> list[tuple[int, str]]:
    """The text in runs of lines cut at blank lines, each with the number of its first line.

    The Markdown parser's work on a run grows faster than the run, so a long
    note is parsed a few hundred lines at a time; a run is cut only where a
    paragraph ends, but for a paragraph longer than any note's.
    """
    chunks: list[tuple[int, str]] = []
    start = 0
    for n, line in enumerate(source):
        size = n - start
        if (size >= _CHUNK_LINES and not line.strip()) or size >= 4 * _CHUNK_LINES:
            chunks.append((start, "\n".join(source[start:n])))
            start = n
    chunks.append((start, "\n".join(source[start:])))
    return chunks


def _plain_elements(source: list[str]) -> list[Element]:
    """The blocks of a text by the plain-text rules alone, a run of lines at a time."""
    found: list[Element] = []
    run: list[Line] = []
    for number, raw in enumerate([*source, ""], start=1):
        line = raw.strip()
        if line:
            bold = len(line) > 4 and line.startswith("**") and line.endswith("**")
            text = line.replace("**", "").replace("__", "")
            run.append(Line(number, text, bold, len(raw) - len(raw.lstrip())))
        elif run:
            found.extend(shape(run))
            run = []
    return found


def elements(text: str) -> list[Element]:
    """A note's text (Markdown or plain) as its blocks, in order."""
    source = text.splitlines()
    if len(text) > MARKDOWN_MAX:
        # The Markdown parser's work per line is high; a text longer than any concept
        # note is shaped by the plain-text rules alone, which take time in step with it.
        return numbered_headings(_plain_elements(source))
    found: list[Element] = []
    for offset, chunk in _chunks(source):
        found.extend(_chunk_elements(chunk, source, offset))
    return numbered_headings([e for e in found if e.text])


def _heads_its_item(
    number: str, lines: list[tuple[int, str]], following: list[tuple[str, bool]]
) -> bool:
    """A numbered item that is one short heading-like line, with a paragraph (not a sub-item)
    indented under it after a blank line."""
    first = next((clean(t) for t, _b in following if clean(t)), "")
    return (
        bool(number)
        and len(lines) == 1
        and looks_like_bare_heading(lines[0][1])
        and bool(first)
        and MARK.fullmatch(first) is None
    )


def _chunk_elements(text: str, source: list[str], offset: int) -> list[Element]:
    tokens = _blocks_parser().parse(text)
    found: list[Element] = []
    depth = 0
    item_start: int | None = None
    item_number = ""
    item_lines: list[tuple[int, str]] = []
    item_bold = True
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    table_line = 0
    body_of_item = False

    def close_item() -> None:
        nonlocal item_lines, item_start
        level = max(depth - 1, 0)
        number = item_number
        lines: list[tuple[int, str]] = []
        for n, text in item_lines:
            # "2. Guiding question" then "(a) What …" on the next line: two items, not one.
            mark = MARK.fullmatch(text) if lines else None
            if mark and any(c.isalnum() for c in mark.group("mark")):
                found.append(Element("item", tuple(lines), level, item_bold, number))
                number, lines = mark.group("mark"), [(n, mark.group("text"))]
            else:
                lines.append((n, text))
        if lines:
            found.append(Element("item", tuple(lines), level, item_bold, number))
        item_lines = []
        item_start = None

    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        first = token.map[0] + 1 + offset if token.map else 0
        if kind in ("bullet_list_open", "ordered_list_open"):
            close_item()
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            close_item()
            depth -= 1
        elif kind == "list_item_open":
            close_item()
            item_start = first
            item_number = f"{token.info}{token.markup}" if token.info else ""
            item_bold = True
        elif kind == "list_item_close":
            close_item()
            body_of_item = False
        elif kind == "heading_open":
            inline = tokens[i + 1]
            words = heading_words(clean(" ".join(t for t, _b in _inline(inline))))
            if words:
                found.append(Element("heading", ((first, words),), int(token.tag[1:])))
            i += 2
        elif kind == "table_open":
            rows, table_line = [], first
        elif kind == "tr_open":
            row = []
        elif kind in ("th_open", "td_open"):
            # Markdown tables break a cell's lines with "<br>".
            text = _BREAK.sub("\n", " ".join(t for t, _b in _inline(tokens[i + 1])))
            row.append("\n".join(c for c in (clean(p) for p in text.split("\n")) if c))
            i += 1
        elif kind == "tr_close":
            if any(row):
                rows.append(tuple(row))
        elif kind == "table_close" and rows:
            lines = tuple((table_line + n, " | ".join(r)) for n, r in enumerate(rows))
            found.append(Element("table", lines, rows=tuple(rows)))
        elif kind == "inline" and token.map:
            pieces = _inline(token)
            if _heads_its_item(item_number, item_lines, pieces):
                # "3. Format" then, after a blank line, an indented "Moderator and Chairman:":
                # a numbered heading over running text, not one long item.
                close_item()
                body_of_item = True
            if item_start is not None:
                item_lines.extend(
                    (first + n, clean(t)) for n, (t, _b) in enumerate(pieces) if clean(t)
                )
                item_bold = item_bold and all(b for t, b in pieces if t.strip())
            else:
                running = [
                    Line(first + n, t, b, _indent(source, first + n))
                    for n, (t, b) in enumerate(pieces)
                    if t.strip()
                ]
                shaped = shape(running)
                if body_of_item:
                    # The text under a numbered heading holds no heading of its own.
                    shaped = [
                        replace(e, kind="paragraph") if e.kind == "heading" else e for e in shaped
                    ]
                found.extend(shaped)
        elif kind == "fence" and token.map:
            running = [
                Line(first + 1 + n, t, False, _indent(source, first + 1 + n))
                for n, t in enumerate(token.content.splitlines())
                if t.strip()
            ]
            found.extend(shape(running))
        i += 1
    return found
