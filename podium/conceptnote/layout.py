"""What a written concept note says, line by line, whatever the file format.

The HTML, PDF and DOCX writers lay out the same parts in the order of a UN
concept note: the title block (body, session, kind and quoted title, date,
time and venue), then "Concept note", the prose sections, the guiding
questions, the format, the supporting documents and where the outcome goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date

from podium.conceptnote.localtime import local, meeting_zone, zone_label
from podium.i18n import _
from podium.meeting.plan import Document, Plan, Section, Segment

LANGUAGE = "en_GB"


@dataclass(frozen=True)
class Layout:
    body: str | None
    session: str | None
    heading: str
    when: str | None
    venue: str | None
    sections: tuple[Section, ...]
    questions: tuple[str, ...]
    format_text: str | None
    programme: tuple[str, ...]
    documents: tuple[Document, ...]
    outcome: str | None
    start: datetime | None
    end: datetime | None


def layout(plan: Plan, language: str = LANGUAGE) -> Layout:
    format_sections = [s for s in plan.sections if _is_format(s)]
    return Layout(
        body=plan.body,
        session=plan.session_title,
        heading=heading(plan),
        when=when(plan, language),
        venue=plan.venue,
        sections=tuple(s for s in plan.sections if not _is_format(s)),
        questions=plan.questions,
        format_text="\n\n".join(s.text for s in format_sections) or None,
        programme=tuple(segment_line(s) for s in plan.segments),
        documents=plan.documents,
        outcome=outcome(plan, language),
        start=local(plan.start, meeting_zone(plan)),
        end=local(plan.end, meeting_zone(plan)),
    )


def heading(plan: Plan) -> str:
    """``High-level panel on “Global Cooperation …”``, or the bare title without a kind."""
    if plan.kind:
        kind = plan.kind[:1].upper() + plan.kind[1:]
        return _("{kind} on “{title}”").format(kind=kind, title=plan.title)
    return plan.title


def when(plan: Plan, language: str = LANGUAGE) -> str | None:
    """``Monday, 15 April 2024, 15:00–16:30 (CEST, UTC+02:00)``."""
    zone = meeting_zone(plan)
    start, end = local(plan.start, zone), local(plan.end, zone)
    if start is None:
        return None
    day = format_date(start.date(), "full", locale=language)
    hours = start.strftime("%H:%M")
    if end is not None:
        hours += "–" + end.strftime("%H:%M")
    label = zone_label(plan)
    return f"{day}, {hours}" + (f" ({label})" if label else "")


def time_rule(segment: Segment) -> str:
    """``maximum 15 minutes each``, ``5–7 minutes each``, ``10 minutes``, or nothing."""
    high, low = segment.minutes_max, segment.minutes_min
    if high is None:
        return ""
    if low is not None and low != high:
        text = _("{low}–{high} minutes").format(low=_n(low), high=_n(high))
    else:
        text = _("maximum {minutes} minutes").format(minutes=_n(high))
    return text + (" " + _("each") if segment.per_speaker else "")


def segment_line(segment: Segment) -> str:
    rule = time_rule(segment)
    return f"{segment.title} ({rule})" if rule else segment.title


def document_label(document: Document) -> str:
    return f"{document.title} ({document.symbol})" if document.symbol else document.title


def outcome(plan: Plan, language: str = LANGUAGE) -> str | None:
    if plan.outcome is None and not plan.sdgs:
        return None
    parts = []
    if plan.outcome is not None:
        dates = ""
        if plan.outcome.start and plan.outcome.end:
            dates = " ({start} – {end})".format(
                start=format_date(plan.outcome.start, "long", locale=language),
                end=format_date(plan.outcome.end, "long", locale=language),
            )
        parts.append(
            _("The outcome will contribute to the {forum}{dates}.").format(
                forum=plan.outcome.forum, dates=dates
            )
        )
    if plan.sdgs:
        parts.append(
            _("Sustainable Development Goals: {goals}.").format(
                goals=", ".join(str(n) for n in plan.sdgs)
            )
        )
    return " ".join(parts)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _is_format(section: Section) -> bool:
    return section.heading.strip().lower().startswith("format")


def _n(minutes: float) -> str:
    return str(int(minutes)) if minutes == int(minutes) else f"{minutes:g}"
