"""The report as Markdown: the summary with numbered paragraphs, then the annexes' tables."""

from __future__ import annotations

import html

from podium.i18n import _
from podium.record.report import Report, Table, annexes


def _text(text: str) -> str:
    """Text from the meeting, which Markdown shows as text: HTML in it is escaped."""
    return html.escape(text, quote=False)


def _cell(text: str) -> str:
    """A table cell on one line, its pipes and HTML escaped."""
    return _text(" ".join(text.split())).replace("|", "\\|")


def _table(table: Table) -> list[str]:
    lines = [f"### {_text(table.title)}", ""]
    if not table.rows:
        return [*lines, _("None."), ""]
    lines.append("| " + " | ".join(_cell(h) for h in table.headers) + " |")
    lines.append("|" + "|".join("---" for _h in table.headers) + "|")
    rows = [
        *table.rows,
        *([tuple(f"**{c}**" if c else c for c in table.total)] if table.total else []),
    ]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return [*lines, ""]


def write_markdown(report: Report) -> str:
    title = report.summary.title
    lines = []
    for line in (title.body, title.session):
        if line:
            lines.append(f"**{_text(line)}**  ")
    lines += ["", f"# {_text(title.document)}", "", f"## {_text(title.meeting)}", ""]
    where = _text(", ".join(part for part in (title.date, title.venue) if part))
    if where:
        lines += [where, ""]
    for part in report.summary.parts:
        if part.heading:
            lines += [f"### {_text(part.heading)}", ""]
        for number, paragraph in enumerate(part.paragraphs, start=part.first):
            lines += [f"{number}. {_text(paragraph)}", ""]
    for annex in annexes(report):
        lines += [f"## {_text(annex.title)}", ""]
        if annex.note:
            lines += [_text(annex.note), ""]
        for table in annex.tables:
            lines += _table(table)
    return "\n".join(lines).rstrip() + "\n"
