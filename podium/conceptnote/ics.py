"""The meeting as an iCalendar event (RFC 5545).

Local times with their TZID and a VTIMEZONE when the note names a zone; UTC
times when it only gives an offset, which no TZID can name.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from podium.conceptnote.layout import heading
from podium.conceptnote.localtime import meeting_zone
from podium.i18n import _
from podium.meeting.plan import Plan


class NoDateError(ValueError):
    """The plan has no start: there is no event to put in a calendar."""


def uid(plan: Plan) -> str:
    """The same meeting gives the same UID, so a calendar updates rather than duplicates it."""
    key = "\n".join([plan.body or "", str(plan.session_number or ""), plan.title, _iso(plan.start)])
    return hashlib.sha256(key.encode()).hexdigest()[:32] + "@podium"


def write_ics(plan: Plan, stamp: datetime) -> str:
    """``stamp`` is when the calendar is written (DTSTAMP), passed in to keep this pure."""
    if plan.start is None:
        raise NoDateError(_("The note gives no date and time: there is no event to write."))
    zone = meeting_zone(plan)

    def moment(value: datetime) -> datetime:
        return value.astimezone(zone) if isinstance(zone, ZoneInfo) else value.astimezone(UTC)

    calendar = Calendar()
    calendar.add("prodid", "-//Podium//Concept note//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")

    event = Event()
    event.add("uid", uid(plan))
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", moment(plan.start))
    if plan.end is not None:
        event.add("dtend", moment(plan.end))
    event.add("summary", heading(plan))
    description = _description(plan)
    if description:
        event.add("description", description)
    if plan.venue:
        event.add("location", plan.venue)
    url = next((d.url for d in plan.documents if d.url), None)
    if url:
        event.add("url", url)
    calendar.add_component(event)
    # The zone's rules for the meeting's years only: calendars need no history back to 1970.
    last = plan.end or plan.start
    calendar.add_missing_timezones(
        first_date=date(plan.start.year, 1, 1), last_date=date(last.year + 1, 1, 1)
    )
    text: str = calendar.to_ical().decode()
    return text


def _description(plan: Plan) -> str:
    if not plan.questions:
        return ""
    lines = [_("Guiding questions:")]
    lines += [f"{n}. {q}" for n, q in enumerate(plan.questions, 1)]
    return "\n".join(lines)


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""
