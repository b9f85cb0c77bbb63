"""The zone a meeting's times are shown in."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from podium.meeting.plan import Plan

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$")


def meeting_zone(plan: Plan) -> tzinfo | None:
    """The plan's named zone, else its fixed offset, else the start's own offset."""
    if plan.timezone:
        zone = named_zone(plan.timezone) or offset_zone(plan.timezone)
        if zone is not None:
            return zone
    return plan.start.tzinfo if plan.start else None


def named_zone(name: str) -> ZoneInfo | None:
    """The IANA zone called ``name`` (``Europe/Zurich``), or None when there is none."""
    if "/" not in name and name.upper() != "UTC":
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def offset_zone(text: str) -> timezone | None:
    """A fixed offset such as ``+02:00`` or ``UTC+2``, or None when ``text`` is not one."""
    match = _OFFSET.match(text.strip())
    if not match:
        return None
    sign, hours, minutes = match.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-delta if sign == "-" else delta)


def local(moment: datetime | None, zone: tzinfo | None) -> datetime | None:
    if moment is None:
        return None
    return moment.astimezone(zone) if zone is not None else moment


def zone_label(plan: Plan) -> str:
    """How the meeting's zone reads beside a time, for readers anywhere: ``CEST, UTC+02:00``.

    A named zone gives its abbreviation on the day and its offset; a fixed offset
    gives the offset alone (``UTC+02:00``); an unknown zone, the note's own words.
    """
    moment = plan.start
    zone = meeting_zone(plan)
    if moment is None or zone is None:
        return plan.timezone or ""
    shown = moment.astimezone(zone)
    offset = shown.strftime("%z")
    if not offset:
        return plan.timezone or ""
    utc = f"UTC{offset[:3]}:{offset[3:]}"
    abbreviation = shown.tzname() or ""
    if plan.timezone and named_zone(plan.timezone) and abbreviation.isalpha():
        return f"{abbreviation}, {utc}"
    return utc
