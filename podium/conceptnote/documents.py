"""Supporting documents: a title, a UN document symbol and an address.

"Report of the Secretary-General: ... (E/CN.16/2024/3), available at: https://..."
"""

from __future__ import annotations

import re

from podium.conceptnote import vocabulary
from podium.meeting.plan import Document

# E/CN.16/2024/3, A/RES/70/1, TD/B/C.II/50, UNCTAD/DTL/STICT/2023/1
SYMBOL = re.compile(
    r"(?<![\w/])([A-Z]{1,8}(?:\(\d+\))?(?:\.\d+)?(?:/[A-Z0-9][A-Za-z0-9.\-]*(?:\(\d+\))?)+)(?![\w/])"
)
_URL = re.compile(r"<(https?://[^>\s]+)>|(https?://[^\s<>]+)")
# "E/ CN.9/2023/2": a symbol broken at its slash where a line wrapped.
_BROKEN_SYMBOL = re.compile(r"(?<=[A-Z0-9])/ (?=[A-Z0-9])")
# A document's line is read this far: no title is longer.
_LINE_MAX = 2000
_SEPARATORS = " \t,;:–—-"


def _symbol(text: str) -> tuple[str | None, str]:
    for match in SYMBOL.finditer(text):
        symbol = match.group(1).rstrip(".")
        if any(c.isdigit() for c in symbol):
            start, end = match.span()
            before, after = text[:start], text[end:]
            if before.rstrip().endswith("(") and after.lstrip().startswith(")"):
                before = before.rstrip()[:-1]
                after = after.lstrip()[1:]
            return symbol, (before.rstrip() + after).strip()
    return None, text


def _without_available(title: str, language: str) -> str:
    """The title without a closing "available at:" ("disponible en :") before its address."""
    title = title.rstrip(_SEPARATORS)
    pattern = vocabulary.pattern(language, "headings", "available")
    # Only the end of the title is looked at, so that the work stays in step with it.
    tail = title[-80:]
    last = None
    for found in pattern.finditer(tail):
        last = found
    if last is not None and not tail[last.end() :].strip(_SEPARATORS):
        title = title[: len(title) - len(tail) + last.start()]
    return title.rstrip(_SEPARATORS)


def read_document(text: str, language: str = "en") -> Document | None:
    """One supporting document from a list item or line; None when it names none."""
    text = _BROKEN_SYMBOL.sub("/", text[:_LINE_MAX])
    url = None
    if match := _URL.search(text):
        url = (match.group(1) or match.group(2)).rstrip(".,;)")
        text = text[: match.start()] + text[match.end() :]
    symbol, text = _symbol(text)
    title = _without_available(text.strip(), language)
    title = title.strip().rstrip(",;:–— ").strip()
    if title.endswith("."):
        title = title[:-1]
    if not title:
        title = symbol or url or ""
    if not title:
        return None
    return Document(title=title, symbol=symbol, url=url)


def format_document(document: Document) -> str:
    """The list line the reader reads back to the same document."""
    line = document.title
    if document.symbol:
        line += f" ({document.symbol})"
    if document.url:
        line += f", available at: {document.url}"
    return line
