"""The concept note as an accessible, printable HTML page with schema.org Event data."""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from markupsafe import Markup

from podium.conceptnote.layout import LANGUAGE, document_label, layout, paragraphs
from podium.documents import environment
from podium.meeting.plan import Plan

_ONLINE_WORDS = ("online", "virtual", "hybrid", "remote")


@cache
def _environment() -> Environment:
    env = environment("podium.conceptnote")
    env.globals.update(paragraphs=paragraphs, document_label=document_label, href=href)
    return env


def write_html(plan: Plan, language: str = LANGUAGE) -> str:
    """The note as one standalone HTML page (its print CSS included)."""
    template = _environment().get_template("note.html")
    return template.render(
        note=layout(plan, language),
        lang=language.replace("_", "-"),
        json_ld=Markup(json_ld(plan)),  # safe: json_ld escapes every '<', '>' and '&'
    )


def event_data(plan: Plan) -> dict[str, Any]:
    """The meeting as a schema.org Event."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": plan.title,
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if plan.start:
        data["startDate"] = plan.start.isoformat()
    if plan.end:
        data["endDate"] = plan.end.isoformat()
    if plan.venue:
        data["location"] = {"@type": "Place", "name": plan.venue, "address": plan.venue}
    mode = _attendance_mode(plan)
    if mode:
        data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    if plan.body:
        data["organizer"] = {"@type": "Organization", "name": plan.body}
    description = _description(plan)
    if description:
        data["description"] = description
    if plan.documents and plan.documents[0].url:
        data["url"] = plan.documents[0].url
    return data


def json_ld(plan: Plan, **overrides: Any) -> str:
    """The Event (with ``overrides``) as JSON that cannot end its ``<script>`` or open a comment."""
    text = json.dumps({**event_data(plan), **overrides}, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def href(url: str | None) -> str | None:
    """Only web and mail addresses become links: a note cannot smuggle in ``javascript:``."""
    if url and urlsplit(url).scheme.lower() in {"http", "https", "mailto"}:
        return url
    return None


def _description(plan: Plan) -> str:
    for section in plan.sections:
        if section.heading.lower().startswith("objective"):
            return section.text
    if plan.sections:
        return plan.sections[0].text
    return " ".join(plan.questions)


def _attendance_mode(plan: Plan) -> str | None:
    """Said only where the note says it: a venue means the room, online words mean online."""
    prose = " ".join(s.text for s in plan.sections).lower()
    online = any(word in prose for word in _ONLINE_WORDS)
    if online and plan.venue:
        return "MixedEventAttendanceMode"
    if online:
        return "OnlineEventAttendanceMode"
    if plan.venue:
        return "OfflineEventAttendanceMode"
    return None
