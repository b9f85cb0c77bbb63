"""What the public page shows of a plan: the programme on the clock, the date, schema.org data.

Times are shown in the meeting's own zone, as in the concept note's documents.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from podium.conceptnote.html import json_ld
from podium.conceptnote.layout import when as note_when
from podium.conceptnote.localtime import local, meeting_zone
from podium.meeting.plan import Plan
from podium.meeting.programme import Programme


def _local(moment: datetime | None, plan: Plan) -> datetime | None:
    return local(moment, meeting_zone(plan))


def programme_rows(programme: Programme) -> list[dict[str, Any]]:
    """The programme's rows (as planned for the speakers registered): local times, title, rule."""
    plan = programme.plan
    rows = []
    for s in programme.segments:
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
    """``Monday, 15 April 2024, 15:00–16:30 (CEST, UTC+02:00)``, as the concept note has it."""
    return note_when(plan, lang) or ""


def event_json_ld(plan: Plan, url: str) -> str:
    """schema.org Event, escaped for a <script> element: the note's, at this page, hybrid."""
    return json_ld(plan, url=url, eventAttendanceMode="https://schema.org/MixedEventAttendanceMode")
