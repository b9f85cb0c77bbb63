"""Time zones as notes name them: by UTC offset, by a city's time, or by abbreviation.

An offset ("UTC+3", "GMT-4") and a city's time ("Geneva time", "heure de Genève",
"по женевскому времени", "بتوقيت جنيف", "日内瓦时间") say the zone outright; an
abbreviation ("CEST", "EDT") says an offset and, by custom, a place; a venue or a
city alone only suggests one (see ``stations``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from podium.conceptnote import stations
from podium.conceptnote.dates import LOOKED_AT, fold
from podium.conceptnote.languages import LANGUAGES, words

# Each abbreviation's offset in minutes and the zone UN notes mean by it.
# Ambiguous ones (CST, IST, AST) are left out on purpose.
ABBREVIATIONS: dict[str, tuple[int, str]] = {
    "WET": (0, "Europe/Lisbon"),
    "WEST": (60, "Europe/Lisbon"),
    "BST": (60, "Europe/London"),
    "CET": (60, "Europe/Zurich"),
    "CEST": (120, "Europe/Zurich"),
    "EET": (120, "Europe/Athens"),
    "EEST": (180, "Europe/Athens"),
    "MSK": (180, "Europe/Moscow"),
    "EAT": (180, "Africa/Nairobi"),
    "CAT": (120, "Africa/Maputo"),
    "WAT": (60, "Africa/Lagos"),
    "SAST": (120, "Africa/Johannesburg"),
    "GST": (240, "Asia/Dubai"),
    "PKT": (300, "Asia/Karachi"),
    "ICT": (420, "Asia/Bangkok"),
    "WIB": (420, "Asia/Jakarta"),
    "SGT": (480, "Asia/Singapore"),
    "HKT": (480, "Asia/Hong_Kong"),
    "JST": (540, "Asia/Tokyo"),
    "KST": (540, "Asia/Seoul"),
    "AEST": (600, "Australia/Sydney"),
    "AEDT": (660, "Australia/Sydney"),
    "NZST": (720, "Pacific/Auckland"),
    "NZDT": (780, "Pacific/Auckland"),
    "EST": (-300, "America/New_York"),
    "EDT": (-240, "America/New_York"),
    "CDT": (-300, "America/Chicago"),
    "MST": (-420, "America/Denver"),
    "MDT": (-360, "America/Denver"),
    "PST": (-480, "America/Los_Angeles"),
    "PDT": (-420, "America/Los_Angeles"),
}
# How surely a mention names the zone: an offset or a city's time outright; an
# abbreviation by custom.
EXPLICIT = 3
ABBREVIATED = 2

_OFFSET = re.compile(r"\b(?:UTC|GMT)\s?([+\-–])\s?(\d{1,2})(?:[:.]?(\d{2}))?(?!\d)")
_ZERO = re.compile(r"\b(?:UTC|GMT)\b(?!\s?[+\-–]\s?\d)")
_ABBREVIATION = re.compile(r"\b(" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b")
# "(Ruritania time)": a zone was meant, but not one Podium knows.
_UNKNOWN = re.compile(r"\b([A-Z][\w'’-]{0,30}(?: [A-Z][\w'’-]{0,30}){0,2} time)\b")
# A city's time is only looked for near the first few time words of a line.
_TIME_WORDS_LOOKED_AT = 8


@dataclass(frozen=True)
class Zone:
    """A zone a text names: ``name`` is the IANA name, or the offset ("+02:00") alone."""

    name: str
    tz: tzinfo
    span: tuple[int, int]
    strength: int = EXPLICIT
    # The offset the text itself says, in minutes, when it says one.
    minutes: int | None = None
    written: str = ""


def offset_name(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def fixed(minutes: int) -> tzinfo:
    return timezone(timedelta(minutes=minutes))


def offset_on(zone: str, day: date, at: time) -> int:
    """The UTC offset of the IANA ``zone`` at that local time, in minutes."""
    shift = datetime.combine(day, at, tzinfo=ZoneInfo(zone)).utcoffset()
    return int(shift.total_seconds() // 60) if shift is not None else 0


def city_zone(text: str) -> str | None:
    """The IANA zone of the first known place named in ``text`` (a venue, say)."""
    place = stations.place_zone(text)
    return place.zone if place else None


def city_of(zone: str) -> str | None:
    """A city whose time the note can name for ``zone`` ("Europe/Zurich" → "Geneva")."""
    return stations.city_of(zone)


@cache
def _time_words() -> re.Pattern[str]:
    found: set[str] = set()
    for language in LANGUAGES:
        found.update(w.lower() for w in words(language).get("places", {}).get("time", []))
    ordered = sorted(found, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered), re.I)


@cache
def _zone_names() -> tuple[dict[str, str], re.Pattern[str]]:
    names: dict[str, str] = {}
    for language in LANGUAGES:
        names.update(
            (k.lower(), v) for k, v in words(language).get("places", {}).get("zones", {}).items()
        )
    ordered = sorted(names, key=len, reverse=True)
    return names, re.compile("|".join(re.escape(n) for n in ordered), re.I)


def _city_time(text: str) -> Zone | None:
    """ "Geneva time", "heure de Genève", "hora de Ginebra", "بتوقيت جنيف", "日内瓦时间"."""
    for count, word in enumerate(_time_words().finditer(text)):
        if count >= _TIME_WORDS_LOOKED_AT:
            break
        start, end = word.span()
        before = text[max(0, start - 40) : start]
        for place in stations.find_places(before, ("city",)):
            # The city ends right before the time word ("Geneva time", "женевскому времени").
            if len(before) - place.span[1] <= 2:
                span = (start - len(before) + place.span[0], end)
                return Zone(place.zone, ZoneInfo(place.zone), span, written=text[span[0] : span[1]])
        after = text[end : end + 40]
        for place in stations.find_places(after, ("city",)):
            # The city follows the time word ("heure de Genève", "بتوقيت جنيف").
            if place.span[0] <= 4:
                span = (start, end + place.span[1])
                return Zone(place.zone, ZoneInfo(place.zone), span, written=text[span[0] : span[1]])
    return None


def _abbreviation_stands(text: str, start: int, end: int) -> bool:
    """An abbreviation counts in parentheses or after a clock: "(CEST)", "15.00 CET", "3 p.m. EDT".

    In running text "CAT" is the Committee against Torture and "EST" a French word.
    """
    before = text[max(0, start - 3) : start]
    after = text[end : end + 2]
    return bool(
        not (text[:start].strip(" \t:|") or text[end:].strip(" \t.)|"))
        or re.search(r"[(\[:]\s?$", before)
        or re.search(r"(?:\d|m\.|[ap]m)\s?$", before, re.I)
        or after.startswith((")", "]"))
    )


def find_zones(text: str) -> list[Zone]:
    """Every zone ``text`` names, surest first, then in the text's order."""
    text = fold(text[:LOOKED_AT])
    found: list[Zone] = []
    if city := _city_time(text):
        found.append(city)
    for match in _OFFSET.finditer(text):
        sign = -1 if match.group(1) != "+" else 1
        hours, rest = int(match.group(2)), int(match.group(3) or 0)
        # Offsets on Earth run from -12:00 to +14:00; "UTC+99" names no zone.
        if hours > 14 or rest >= 60:
            continue
        minutes = sign * (hours * 60 + rest)
        name = offset_name(minutes)
        found.append(Zone(name, fixed(minutes), match.span(), EXPLICIT, minutes, match.group(0)))
    for match in _ZERO.finditer(text):
        found.append(Zone("+00:00", fixed(0), match.span(), EXPLICIT, 0, match.group(0)))
        break
    names, named = _zone_names()
    for match in named.finditer(text):
        minutes, zone = ABBREVIATIONS[names[match.group(0).lower()]]
        found.append(Zone(zone, ZoneInfo(zone), match.span(), ABBREVIATED, minutes, match.group(0)))
        break
    for match in _ABBREVIATION.finditer(text):
        if _abbreviation_stands(text, *match.span()):
            minutes, zone = ABBREVIATIONS[match.group(1)]
            found.append(
                Zone(zone, ZoneInfo(zone), match.span(), ABBREVIATED, minutes, match.group(1))
            )
            break
    # An offset beside its abbreviation ("GMT+3") wins over the bare "GMT" it contains.
    found.sort(key=lambda z: (-z.strength, z.span[0], -(z.span[1] - z.span[0])))
    kept: list[Zone] = []
    for mention in found:
        if not any(k.span[0] <= mention.span[0] < k.span[1] for k in kept):
            kept.append(mention)
    return kept


def find_zone(text: str) -> Zone | None:
    """The surest zone named in ``text``, in any of the forms notes use."""
    found = find_zones(text)
    return found[0] if found else None


def unknown_zone(text: str) -> str | None:
    """Words like "Ruritania time" or "UTC+99" that name a zone Podium does not know."""
    text = text[:LOOKED_AT]
    if offset := _OFFSET.search(text):
        return offset.group(0)
    match = _UNKNOWN.search(text)
    return match.group(1) if match else None
