"""Time zones as notes name them: by city, by abbreviation, or by UTC offset."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

# UN duty stations, regional commissions and capitals where meetings are held.
CITY_ZONES: dict[str, str] = {
    "Geneva": "Europe/Zurich",
    "New York": "America/New_York",
    "Nairobi": "Africa/Nairobi",
    "Vienna": "Europe/Vienna",
    "Bangkok": "Asia/Bangkok",
    "Addis Ababa": "Africa/Addis_Ababa",
    "Santiago": "America/Santiago",
    "Beirut": "Asia/Beirut",
    "Rome": "Europe/Rome",
    "Paris": "Europe/Paris",
    "Bonn": "Europe/Berlin",
    "Berlin": "Europe/Berlin",
    "The Hague": "Europe/Amsterdam",
    "Amsterdam": "Europe/Amsterdam",
    "Brussels": "Europe/Brussels",
    "Luxembourg": "Europe/Luxembourg",
    "Madrid": "Europe/Madrid",
    "Lisbon": "Europe/Lisbon",
    "London": "Europe/London",
    "Copenhagen": "Europe/Copenhagen",
    "Stockholm": "Europe/Stockholm",
    "Oslo": "Europe/Oslo",
    "Helsinki": "Europe/Helsinki",
    "Warsaw": "Europe/Warsaw",
    "Prague": "Europe/Prague",
    "Budapest": "Europe/Budapest",
    "Athens": "Europe/Athens",
    "Istanbul": "Europe/Istanbul",
    "Moscow": "Europe/Moscow",
    "Baku": "Asia/Baku",
    "Tbilisi": "Asia/Tbilisi",
    "Yerevan": "Asia/Yerevan",
    "Montreal": "America/Toronto",
    "Washington": "America/New_York",
    "Mexico City": "America/Mexico_City",
    "Panama": "America/Panama",
    "Bogota": "America/Bogota",
    "Bogotá": "America/Bogota",
    "Lima": "America/Lima",
    "Brasilia": "America/Sao_Paulo",
    "Brasília": "America/Sao_Paulo",
    "Buenos Aires": "America/Argentina/Buenos_Aires",
    "Port of Spain": "America/Port_of_Spain",
    "Kingston": "America/Jamaica",
    "Cairo": "Africa/Cairo",
    "Dakar": "Africa/Dakar",
    "Abidjan": "Africa/Abidjan",
    "Accra": "Africa/Accra",
    "Lagos": "Africa/Lagos",
    "Kigali": "Africa/Kigali",
    "Kampala": "Africa/Kampala",
    "Dar es Salaam": "Africa/Dar_es_Salaam",
    "Lusaka": "Africa/Lusaka",
    "Harare": "Africa/Harare",
    "Johannesburg": "Africa/Johannesburg",
    "Pretoria": "Africa/Johannesburg",
    "Riyadh": "Asia/Riyadh",
    "Doha": "Asia/Qatar",
    "Dubai": "Asia/Dubai",
    "Abu Dhabi": "Asia/Dubai",
    "Amman": "Asia/Amman",
    "Tashkent": "Asia/Tashkent",
    "Almaty": "Asia/Almaty",
    "Islamabad": "Asia/Karachi",
    "New Delhi": "Asia/Kolkata",
    "Dhaka": "Asia/Dhaka",
    "Kathmandu": "Asia/Kathmandu",
    "Colombo": "Asia/Colombo",
    "Kuala Lumpur": "Asia/Kuala_Lumpur",
    "Singapore": "Asia/Singapore",
    "Jakarta": "Asia/Jakarta",
    "Manila": "Asia/Manila",
    "Hanoi": "Asia/Ho_Chi_Minh",
    "Beijing": "Asia/Shanghai",
    "Seoul": "Asia/Seoul",
    "Tokyo": "Asia/Tokyo",
    "Ulaanbaatar": "Asia/Ulaanbaatar",
    "Canberra": "Australia/Sydney",
    "Wellington": "Pacific/Auckland",
    "Suva": "Pacific/Fiji",
    "Apia": "Pacific/Apia",
}

# Offsets in minutes; ambiguous ones (CST, IST, AST) are left out on purpose.
ABBREVIATIONS: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "WET": 0,
    "WEST": 60,
    "BST": 60,
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "EAT": 180,
    "CAT": 120,
    "WAT": 60,
    "SAST": 120,
    "GST": 240,
    "PKT": 300,
    "ICT": 420,
    "WIB": 420,
    "SGT": 480,
    "HKT": 480,
    "JST": 540,
    "KST": 540,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "EST": -300,
    "EDT": -240,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
}

_NAMES: dict[str, str] = {
    "central european summer time": "CEST",
    "central european time": "CET",
    "eastern european summer time": "EEST",
    "eastern european time": "EET",
    "east africa time": "EAT",
    "eastern standard time": "EST",
    "eastern daylight time": "EDT",
    "pacific standard time": "PST",
    "pacific daylight time": "PDT",
    "greenwich mean time": "GMT",
    "coordinated universal time": "UTC",
    "indochina time": "ICT",
}

_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*([+\-−–])\s*(\d{1,2})(?:[:.]?(\d{2}))?(?!\d)")
_ABBREVIATION = re.compile(r"\b(" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b")
_NAMED = re.compile("|".join(re.escape(n) for n in _NAMES), re.IGNORECASE)
_CITY = re.compile(
    r"\b("
    + "|".join(re.escape(c) for c in sorted(CITY_ZONES, key=len, reverse=True))
    + r")\s+time\b",
    re.IGNORECASE,
)
# "(Ruritania time)": a zone was meant, but not one we know.
_UNKNOWN = re.compile(r"\b((?:[A-Z][\w'’-]*\s+){1,3}time)\b")


@dataclass(frozen=True)
class Zone:
    """How a note names its zone: ``name`` is the IANA name or the offset ("+02:00")."""

    name: str
    tz: tzinfo
    span: tuple[int, int]


def offset_name(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def fixed(minutes: int) -> tzinfo:
    return timezone(timedelta(minutes=minutes))


def city_zone(text: str) -> str | None:
    """The IANA zone of the first known city named in ``text`` (a venue, say)."""
    for city in sorted(CITY_ZONES, key=len, reverse=True):
        if re.search(r"\b" + re.escape(city) + r"\b", text, re.IGNORECASE):
            return CITY_ZONES[city]
    return None


def city_of(zone: str) -> str | None:
    """A city whose time the note can name for ``zone`` ("Europe/Zurich" → "Geneva")."""
    for city, name in CITY_ZONES.items():
        if name == zone:
            return city
    return None


def find_zone(text: str) -> Zone | None:
    """The first zone named in ``text``, in any of the forms notes use."""
    found: list[Zone] = []
    if match := _CITY.search(text):
        key = next(c for c in CITY_ZONES if c.lower() == match.group(1).lower())
        found.append(Zone(CITY_ZONES[key], ZoneInfo(CITY_ZONES[key]), match.span()))
    if match := _OFFSET.search(text):
        sign = -1 if match.group(1) != "+" else 1
        hours, rest = int(match.group(2)), int(match.group(3) or 0)
        # Offsets on Earth run from -12:00 to +14:00; "UTC+99" names no zone.
        if hours > 14 or rest >= 60:
            return None
        minutes = sign * (hours * 60 + rest)
        found.append(Zone(offset_name(minutes), fixed(minutes), match.span()))
    if match := _NAMED.search(text):
        minutes = ABBREVIATIONS[_NAMES[match.group(0).lower()]]
        found.append(Zone(offset_name(minutes), fixed(minutes), match.span()))
    if match := _ABBREVIATION.search(text):
        minutes = ABBREVIATIONS[match.group(1)]
        found.append(Zone(offset_name(minutes), fixed(minutes), match.span()))
    if not found:
        return None
    # An offset written beside its abbreviation ("GMT+3") must win over the bare "GMT".
    return min(found, key=lambda z: (z.span[0], -(z.span[1] - z.span[0])))


def unknown_zone(text: str) -> str | None:
    """Words like "Ruritania time" or "UTC+99" that name a zone Podium does not know."""
    if offset := _OFFSET.search(text):
        return offset.group(0)
    match = _UNKNOWN.search(text)
    return match.group(1) if match else None
