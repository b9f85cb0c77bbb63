"""Supporting documents: a title, a UN document symbol and an address.

"Report of the Secretary-General: ... (E/CN.16/2024/3), available at: https://..."
"""

from __future__ import annotations

import re

from podium.meeting.plan import Document

# E/CN.16/2024/3, A/RES/70/1, TD/B/C.II/50, UNCTAD/DTL/STICT/2023/1
SYMBOL = re.compile(
    r"(?<![\w/])([A-Z]{1,8}(?:\(\d+\))?(?:\.\d+)?(?:/[A-Z0-9][A-Za-z0-9.\-]*(?:\(\d+\))?)+)(?![\w/])"
)
_URL = re.compile(r"<(https?://[^>\s]+)>|(https?://[^\s<>]+)")
_AVAILABLE = re.compile(r"[\s,;:–—-]*(?:(?:is|are)\s+)?available\s+(?:at|from|on)\s*:?\s*$", re.I)


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


def read_document(text: str) -> Document | None:
    """One supporting document from a list item or line; None when it names none."""
    url = None
    if match := _URL.search(text):
        url = (match.group(1) or match.group(2)).rstrip(".,;)")
        text = text[: match.start()] + text[match.end() :]
    symbol, text = _symbol(text)
    title = _AVAILABLE.sub("", text.strip())
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
