"""The blocks of a note written as text: Markdown read by markdown-it-py, then plain-text rules.

Markdown gives headings, lists and tables their structure; what it leaves as
a paragraph (a bare "Background" line, "• item" or "(a) item" lines, an
upper-case title over two lines) is shaped by the plain-text rules of
``blocks``. Indented lines are running text here, never code: notes indent
their lists of people.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from podium.conceptnote.blocks import Element, Line, clean, heading_words, numbered_headings, shape


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("code")


def _inline(token: Token) -> list[tuple[str, bool]]:
    """The lines of an inline token as plain text, each with whether it is wholly bold."""
    lines: list[list[tuple[str, bool]]] = [[]]
    strong = 0
    href: str | None = None
    for child in token.children or []:
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


def elements(text: str) -> list[Element]:
    """A note's text (Markdown or plain) as its blocks, in order."""
    source = text.splitlines()
    tokens = _parser().parse(text)
    found: list[Element] = []
    depth = 0
    item_start: int | None = None
    item_number = ""
    item_lines: list[tuple[int, str]] = []
    item_bold = True
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    table_line = 0

    def close_item() -> None:
        nonlocal item_lines, item_start
        if item_lines:
            level = max(depth - 1, 0)
            found.append(Element("item", tuple(item_lines), level, item_bold, item_number))
        item_lines = []
        item_start = None

    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        first = token.map[0] + 1 if token.map else 0
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
            row.append(clean(" ".join(t for t, _b in _inline(tokens[i + 1]))))
            i += 1
        elif kind == "tr_close":
            if any(row):
                rows.append(tuple(row))
        elif kind == "table_close" and rows:
            lines = tuple((table_line + n, " | ".join(r)) for n, r in enumerate(rows))
            found.append(Element("table", lines, rows=tuple(rows)))
        elif kind == "inline" and token.map:
            pieces = _inline(token)
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
                found.extend(shape(running))
        elif kind == "fence" and token.map:
            running = [
                Line(first + 1 + n, t, False, _indent(source, first + 1 + n))
                for n, t in enumerate(token.content.splitlines())
                if t.strip()
            ]
            found.extend(shape(running))
        i += 1
    return numbered_headings([e for e in found if e.text])
