"""Writing a plan in each of the formats ``podium export`` offers."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Literal, get_args

from podium.i18n import locale_name
from podium.meeting.plan import Plan

Format = Literal["md", "html", "pdf", "docx", "ics", "json"]
FORMATS: tuple[str, ...] = get_args(Format)
BINARY_FORMATS: frozenset[str] = frozenset({"pdf", "docx"})
SUFFIXES: dict[str, str] = {f: "." + f for f in FORMATS}


def export(plan: Plan, to: Format, *, stamp: datetime) -> str | bytes:
    """The plan written as ``to``: text, or bytes for the binary formats.

    ``stamp`` is the moment of writing, which the calendar records (DTSTAMP).
    """
    # Each writer is imported when asked for: WeasyPrint and python-docx are slow to load.
    if to == "json":
        return json.dumps(plan.to_json(), ensure_ascii=False, indent=2) + "\n"
    if to == "md":
        from podium.conceptnote.markdown import write_markdown

        return write_markdown(plan)
    if to == "html":
        from podium.conceptnote.html import write_html

        return write_html(plan, locale_name())
    if to == "pdf":
        from podium.conceptnote.pdf import write_pdf

        return write_pdf(plan, locale_name())
    if to == "docx":
        from podium.conceptnote.docx import write_docx

        return write_docx(plan, locale_name())
    from podium.conceptnote.ics import write_ics

    return write_ics(plan, stamp)
