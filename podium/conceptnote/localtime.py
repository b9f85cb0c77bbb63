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
    """How the note's zone reads beside a time: ``Europe/Zurich``, ``UTC+02:00``."""
    if plan.timezone and named_zone(plan.timezone):
        return plan.timezone
    moment = plan.start
    zone = meeting_zone(plan)
    if moment is None or zone is None:
        return plan.timezone or ""
    offset = moment.astimezone(zone).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else (plan.timezone or "")
