"""The report as Markdown: the summary with numbered paragraphs, then the annexes' tables."""

from __future__ import annotations

from podium.i18n import _
from podium.record.report import Report, Table, annexes


def _cell(text: str) -> str:
    """A table cell on one line, its pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _table(table: Table) -> list[str]:
    lines = [f"### {table.title}", ""]
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
            lines.append(f"**{line}**  ")
    lines += ["", f"# {title.document}", "", f"## {title.meeting}", ""]
    where = ", ".join(part for part in (title.date, title.venue) if part)
    if where:
        lines += [where, ""]
    for part in report.summary.parts:
        if part.heading:
            lines += [f"### {part.heading}", ""]
        for number, paragraph in enumerate(part.paragraphs, start=part.first):
            lines += [f"{number}. {paragraph}", ""]
    for annex in annexes(report):
        lines += [f"## {annex.title}", ""]
        for table in annex.tables:
            lines += _table(table)
    return "\n".join(lines).rstrip() + "\n"
