"""What the public page shows of a plan: the programme on the clock, the date, schema.org data.

Times are shown in the meeting's own zone (the plan's IANA ``timezone``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date

from podium.meeting.plan import Plan
from podium.meeting.programme import schedule


def _zone(plan: Plan) -> ZoneInfo | None:
    try:
        return ZoneInfo(plan.timezone) if plan.timezone else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _local(moment: datetime | None, plan: Plan) -> datetime | None:
    if moment is None:
        return None
    zone = _zone(plan)
    return moment.astimezone(zone) if zone else moment


def programme_rows(plan: Plan) -> list[dict[str, Any]]:
    """The programme's rows: local times, title, and the minutes of its time rule."""
    rows = []
    for s in schedule(plan).segments:
        start, end = _local(s.start, plan), _local(s.end, plan)
        time = f"{start:%H:%M}–{end:%H:%M}" if start and end else ""
        rows.append(
            {
                "time": time,
                "title": s.segment.title,
                "minutes_each": s.minutes_each if s.segment.per_speaker else None,
                "minutes_least": s.warn_minutes if s.segment.per_speaker else None,
                "minutes_total": s.minutes_total,
            }
        )
    return rows


def when(plan: Plan, lang: str) -> str:
    start, end = _local(plan.start, plan), _local(plan.end, plan)
    if start is None:
        return ""
    try:
        day = format_date(start.date(), format="full", locale=lang)
    except ValueError:
        day = start.date().isoformat()
    hours = f"{start:%H:%M}–{end:%H:%M}" if end else f"{start:%H:%M}"
    zone = f" ({plan.timezone})" if plan.timezone else ""
    return f"{day}, {hours}{zone}"


def event_json_ld(plan: Plan, url: str) -> str:
    """schema.org Event, escaped for a <script> element."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": plan.title,
        "url": url,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
    }
    if plan.start:
        data["startDate"] = plan.start.isoformat()
    if plan.end:
        data["endDate"] = plan.end.isoformat()
    if plan.venue:
        data["location"] = {"@type": "Place", "name": plan.venue}
    if plan.body:
        data["organizer"] = {"@type": "Organization", "name": plan.body}
    if plan.sections:
        data["description"] = plan.sections[0].text[:500]
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
