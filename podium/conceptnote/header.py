"""The title block of a note: body, session, kind and title, date, time, zone and venue."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from podium.conceptnote import dates, zones
from podium.conceptnote.blocks import Element
from podium.i18n import _

_ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SESSION = re.compile(
    r"\b(\d{1,3}(?:st|nd|rd|th)|[A-Za-z]+(?:-[A-Za-z]+)?)\s+"
    r"((?:annual|regular|special|resumed|ordinary|plenary)\s+)?session\b",
    re.I,
)
_KIND_NOUNS = (
    r"panel|roundtable|round-table|round\s+table|dialogue|dialog|discussion|debate|segment|forum|"
    r"briefing|event|meeting|session|workshop|consultation|symposium|seminar|conversation"
)
_KIND = re.compile(
    rf"^(?P<kind>[A-Za-z][\w\-’' ]{{0,60}}?\b(?:{_KIND_NOUNS}))\s*(?:on|:|–|—)\s*(?P<title>\S.*)$",
    re.I,
)
_QUOTED_KIND = re.compile(r"^(?P<kind>[A-Za-z][\w\-’' ]{2,60}?)\s+on\s*:?\s*(?P<title>[“\"‘'].+)$")
_QUOTES = "“”\"‘’'«»"
_LABEL = re.compile(
    r"^(date|dates|time|venue|location|place|room)\s*(?:and\s+\w+\s*)?:\s*(.*)$", re.I
)
_BODY_WORDS = re.compile(
    r"\b(?:United Nations|Commission|Council|Committee|Assembly|Conference|Board|Organization|"
    r"Programme|Forum|Secretariat)\b",
    re.I,
)
_VENUE_WORDS = re.compile(
    r"\b(?:Palais|Conference Room|Room|Headquarters|Centre|Center|Hall|Building|"
    r"online|virtual|hybrid)\b",
    re.I,
)


def ordinal_value(word: str) -> int | None:
    """27 from "Twenty-seventh" or "27th"."""
    word = word.lower()
    if digits := re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", word):
        return int(digits.group(1))
    if word in _ORDINALS:
        return _ORDINALS[word]
    if "-" in word:
        tens, _sep, unit = word.partition("-")
        if tens in _TENS and unit in _ORDINALS and _ORDINALS[unit] < 10:
            return _TENS[tens] + _ORDINALS[unit]
    return None


@dataclass
class Header:
    body: str | None = None
    session_number: int | None = None
    session_title: str | None = None
    kind: str | None = None
    title: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    timezone: str | None = None
    venue: str | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)


def _unquote(text: str) -> str:
    return text.strip().strip(_QUOTES).strip().rstrip(".").strip(_QUOTES).strip()


def _session(header: Header, blocks: list[list[tuple[int, str]]]) -> set[int]:
    used: set[int] = set()
    for b, block in enumerate(blocks):
        for i, (number, text) in enumerate(block):
            match = _SESSION.search(text)
            if not match or (value := ordinal_value(match.group(1))) is None:
                continue
            header.session_number = value
            title = match.group(0)
            header.session_title = title[:1].upper() + title[1:].lower()
            used.add(number)
            prefix = text[: match.start()].strip(" ,;:–—-")
            if prefix:
                header.body = prefix
            elif i > 0:
                header.body = block[i - 1][1]
                used.add(block[i - 1][0])
            elif b > 0 and blocks[b - 1]:
                header.body = blocks[b - 1][-1][1]
                used.add(blocks[b - 1][-1][0])
            return used
    return used


def _kind_and_title(header: Header, blocks: list[list[tuple[int, str]]], used: set[int]) -> None:
    for block in blocks:
        lines = [(n, t) for n, t in block if n not in used]
        if not lines:
            continue
        joined = " ".join(t for _, t in lines)
        match = _KIND.match(joined) or _QUOTED_KIND.match(joined)
        if match and dates.find_date(joined) is None:
            kind = re.sub(r"\s+", " ", match.group("kind")).strip().lower()
            header.kind = kind
            header.title = _unquote(match.group("title"))
            used.update(n for n, _t in lines)
            return


def _fallback_title(header: Header, blocks: list[list[tuple[int, str]]], used: set[int]) -> None:
    for block in blocks:
        lines = [(n, t) for n, t in block if n not in used]
        text = " ".join(t for _, t in lines).strip()
        if not text or dates.find_date(text) or _LABEL.match(text):
            continue
        if text.lower() in {"concept note", "draft concept note", "concept paper"}:
            continue
        header.title = _unquote(text)
        used.update(n for n, _t in lines)
        return


def _zone_of(zone: zones.Zone | None) -> tuple[tzinfo, str]:
    if zone is None:
        return zones.fixed(0), "+00:00"
    return zone.tz, zone.name


def _when(header: Header, blocks: list[list[tuple[int, str]]], used: set[int]) -> None:
    lines = [(n, t) for block in blocks for n, t in block]
    found_date: dates.DateRange | None = None
    found_time: dates.TimeRange | None = None
    zone: zones.Zone | None = None
    date_line = 0
    time_line = 0
    for number, text in lines:
        rest = text
        if found_date is None and (d := dates.find_date(text)):
            found_date, date_line = d, number
            rest = text[: d.span[0]] + " " + text[d.span[1] :]
        elif found_date is None:
            continue
        elif number > date_line + 3:
            break
        if zone is None and (z := zones.find_zone(rest)):
            zone = z
            rest = rest[: z.span[0]] + " " + rest[z.span[1] :]
        elif zone is None and (unknown := zones.unknown_zone(rest)):
            header.problems.append(
                (number, _("could not read the time zone '{zone}'").format(zone=unknown))
            )
        if found_time is None:
            try:
                found_time = dates.find_time(rest)
            except dates.UnreadableTime:
                header.problems.append(
                    (number, _("could not read the time in '{text}'").format(text=text))
                )
                found_time = None
            if found_time:
                time_line = number
    if found_date is None:
        return
    used.add(date_line)
    used.add(time_line)
    if found_date.end is not None:
        header.problems.append(
            (
                date_line,
                _(
                    "the note gives the dates {first} to {last}; "
                    "the meeting is read as held on the first day"
                ).format(first=found_date.start.isoformat(), last=found_date.end.isoformat()),
            )
        )
    if found_time is None:
        header.problems.append((date_line, _("no time of day found for the meeting on this line")))
        return
    if zone is None and header.venue and (name := zones.city_zone(header.venue)):
        zone = zones.Zone(name, ZoneInfo(name), (0, 0))
    if zone is None:
        header.problems.append(
            (time_line or date_line, _("no time zone given: the times are read as UTC"))
        )
    tz, header.timezone = _zone_of(zone)
    header.start = datetime.combine(found_date.start, found_time.start, tzinfo=tz)
    if found_time.end is not None:
        end = datetime.combine(found_date.start, found_time.end, tzinfo=tz)
        header.end = end + timedelta(days=1) if end <= header.start else end


def _venue(header: Header, blocks: list[list[tuple[int, str]]], used: set[int]) -> None:
    for block in blocks:
        for number, text in block:
            label = _LABEL.match(text)
            if label and label.group(1).lower() in {"venue", "location", "place", "room"}:
                header.venue = label.group(2).strip().rstrip(".") or None
                used.add(number)
                return
    for block in blocks:
        for i, (_number, text) in enumerate(block):
            if dates.find_date(text) is None:
                continue
            if i + 1 < len(block):
                following_number, following = block[i + 1]
                if (
                    following_number not in used
                    and dates.find_date(following) is None
                    and not _LABEL.match(following)
                ):
                    header.venue = following.strip().rstrip(".")
                    used.add(following_number)
                    return
            tail = re.sub(r"^.*\)\s*[,;–—-]\s*", "", text) if ")" in text else ""
            if tail and tail != text and not re.search(r"\d{1,2}[.:h]\d{2}", tail):
                header.venue = tail.strip().rstrip(".")
                return
            return
    for block in blocks:
        for number, text in block:
            if number not in used and _VENUE_WORDS.search(text) and len(text) < 120:
                header.venue = text.strip().rstrip(".")
                return


def _body(header: Header, blocks: list[list[tuple[int, str]]], used: set[int]) -> None:
    for block in blocks:
        for number, text in block:
            if (
                number not in used
                and _BODY_WORDS.search(text)
                and not text.endswith(".")
                and not dates.find_date(text)
            ):
                header.body = text.strip().rstrip(",;")
                used.add(number)
                return


def read_header(header_elements: list[Element]) -> Header:
    """What the title block says; ``problems`` holds (line, message) for what could not be read."""
    header = Header()
    blocks = [list(e.lines) for e in header_elements]
    used = _session(header, blocks)
    _kind_and_title(header, blocks, used)
    _venue(header, blocks, used)
    _when(header, blocks, used)
    if header.body is None and header.session_title is None:
        _body(header, blocks, used)
    if header.title is None:
        _fallback_title(header, blocks, used)
    return header
