"""Dates and times as concept notes write them.

"Monday, 15 April 2024", "April 15, 2024", "15-19 April 2024", "15.04.2024";
"15.00-16.30", "3:00 p.m. – 4:30 p.m.", "10 a.m. to 1 p.m.", "15h00-16h30".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_NAMES = tuple(m.capitalize() for m in MONTHS)
_ABBR = {m[:3]: n for m, n in MONTHS.items()} | {"sept": 9}
_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|—|to|until|and)\s*"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 30 December 2025 to 2 January 2026
    (
        "dmy-dmy",
        re.compile(rf"{_DAY}\s+{_MONTH},?\s+(\d{{4}}){_TO}{_DAY}\s+{_MONTH},?\s+(\d{{4}})", re.I),
    ),
    # 30 June to 9 July 2021
    ("dm-dmy", re.compile(rf"{_DAY}\s+{_MONTH}{_TO}{_DAY}\s+{_MONTH},?\s+(\d{{4}})", re.I)),
    # Monday, 15 April 2024 / 15-19 April 2024 / 6 to 15 July 2021
    (
        "dmy",
        re.compile(rf"{_WEEKDAY}{_DAY}(?:{_TO}{_DAY})?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})", re.I),
    ),
    # April 15, 2024 / April 15-19, 2024
    ("mdy", re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY}(?:{_TO}{_DAY})?,?\s+(\d{{4}})", re.I)),
    ("dotted", re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)")),
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")),
)

_MERIDIEM = r"([ap])\.?\s?m\.?(?![a-z])"
_CLOCK = rf"(\d{{1,2}})(?:[.:h](\d{{2}}))?\s*(?:{_MERIDIEM})?\s*(?:hrs?\.?|hours)?"
_TIME_RANGE = re.compile(rf"(?<![\d.:/-]){_CLOCK}\s*(?:-|–|—|to|until|till)\s*{_CLOCK}", re.I)
_TIME_SINGLE = re.compile(
    rf"(?<![\d.:/-])(\d{{1,2}})(?:([.:h])(\d{{2}}))?\s*(?:{_MERIDIEM})?", re.I
)


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date | None
    span: tuple[int, int]


@dataclass(frozen=True)
class TimeRange:
    start: time
    end: time | None
    span: tuple[int, int]


class UnreadableTime(ValueError):
    """The text has a time in it that cannot be a time of day ("25.00")."""


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or _ABBR[key[:4] if key.startswith("sept") else key[:3]]


def find_date(text: str) -> DateRange | None:
    """The first date or range of dates in ``text``; None when there is none or it is impossible."""
    best: tuple[int, DateRange] | None = None
    for shape, pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        g = match.groups()
        try:
            if shape == "dmy-dmy":
                start = date(int(g[2]), _month(g[1]), int(g[0]))
                end: date | None = date(int(g[5]), _month(g[4]), int(g[3]))
            elif shape == "dm-dmy":
                start = date(int(g[4]), _month(g[1]), int(g[0]))
                end = date(int(g[4]), _month(g[3]), int(g[2]))
            elif shape == "dmy":
                start = date(int(g[3]), _month(g[2]), int(g[0]))
                end = date(int(g[3]), _month(g[2]), int(g[1])) if g[1] else None
            elif shape == "mdy":
                start = date(int(g[3]), _month(g[0]), int(g[1]))
                end = date(int(g[3]), _month(g[0]), int(g[2])) if g[2] else None
            elif shape == "dotted":
                start, end = date(int(g[2]), int(g[1]), int(g[0])), None
            else:
                start, end = date(int(g[0]), int(g[1]), int(g[2])), None
        except (ValueError, KeyError):
            continue
        if end is not None and end <= start:
            end = None if end == start else end
        found = DateRange(start, end, match.span())
        if best is None or match.start() < best[0]:
            best = (match.start(), found)
    return best[1] if best else None


def _clock(hour: str, minute: str | None, meridiem: str | None) -> time:
    h, m = int(hour), int(minute or 0)
    if meridiem:
        if not 1 <= h <= 12:
            raise UnreadableTime(hour)
        h = h % 12 + (12 if meridiem.lower() == "p" else 0)
    if h == 24 and m == 0:
        h = 0
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise UnreadableTime(f"{hour}.{minute}")
    return time(h, m)


def find_time(text: str) -> TimeRange | None:
    """The first time range (or single starting time) in ``text``.

    Raises UnreadableTime when what looks like a time cannot be one.
    """
    for match in _TIME_RANGE.finditer(text):
        h1, m1, ap1, h2, m2, ap2 = match.groups()
        if not (m1 or ap1 or m2 or ap2):
            continue  # "15-19" is a range of days, not of hours
        # "3-4.30 p.m.": the first end takes the meridiem of the second.
        inherited = bool(ap2 and not ap1 and not m1)
        start = _clock(h1, m1, ap2 if inherited else ap1)
        end = _clock(h2, m2, ap2)
        if inherited and start > end:
            start = _clock(h1, None, "a")
        return TimeRange(start, end, match.span())
    for match in _TIME_SINGLE.finditer(text):
        hour, sep, minute, meridiem = match.groups()
        if meridiem or (sep and minute):
            return TimeRange(_clock(hour, minute, meridiem), None, match.span())
    return None


def format_date(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_date_range(start: date, end: date | None) -> str:
    """'6 to 15 July 2021', '30 June to 9 July 2021', or one date."""
    if end is None or end == start:
        return format_date(start)
    if start.year != end.year:
        return f"{format_date(start)} to {format_date(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTH_NAMES[start.month - 1]} to {format_date(end)}"
    return f"{start.day} to {format_date(end)}"
