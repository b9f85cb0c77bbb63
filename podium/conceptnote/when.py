"""When a note's meeting is held: its date, times and zone, looked for in the whole note.

The meeting's own date line ("Thursday, 12 March, 15.00–18.00") beats the
session's range ("Thirtieth session, 2–20 March 2026"), and the title block
beats the body; the year may come from elsewhere in the note. A zone the note
states (an offset, a city's time) beats an abbreviation, which beats a venue
or a city; a zone inferred from a place is a warning saying from which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from itertools import pairwise
from zoneinfo import ZoneInfo

from podium.conceptnote import stations, zones
from podium.conceptnote.dates import (
    DateMention,
    DateRange,
    TimeRange,
    UnreadableTime,
    find_dates,
    find_times,
    fold,
    weekday_before,
)
from podium.i18n import _
from podium.meeting.plan import Warning

# How far below the date line, in the title block, its time may stand ("Date: …" / "Time: …").
_TIME_LINES_BELOW = 3
_SHORT_LINE = 80
# How many days after the first a later row of the same programme may still be the meeting's.
_LAST_DAY_WITHIN = 14


@dataclass(frozen=True)
class Line:
    """One line of the note: a heading, a paragraph's line, a list item or a table row."""

    number: int
    text: str
    head: bool
    block: int


@dataclass
class DateChoice:
    """The date the meeting is held on, where it was found, and its time when given."""

    dates: DateRange
    line: Line
    time: TimeRange | None
    time_line: Line | None
    problems: list[Warning] = field(default_factory=list)


@dataclass
class When:
    start: datetime | None = None
    end: datetime | None = None
    timezone: str | None = None
    problems: list[Warning] = field(default_factory=list)


def _blank(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + " " * (span[1] - span[0]) + text[span[1] :]


def _default_year(found: list[tuple[Line, list[DateMention]]]) -> int | None:
    """The year the note gives somewhere: in the title block first, then in the body."""
    for want_head in (True, False):
        for line, mentions in found:
            if line.head == want_head:
                for mention in mentions:
                    if mention.year is not None:
                        return mention.year
    return None


@dataclass
class _Candidate:
    score: int
    order: int
    dates: DateRange
    line: Line
    time: TimeRange | None = None
    time_line: Line | None = None
    problems: list[Warning] = field(default_factory=list)


def _whole_time(text: str) -> TimeRange | None:
    """The line's time; "10:00–13:00 and 15:00–18:00" is one meeting from 10:00 to 18:00."""
    ranges = list(find_times(text))
    if not ranges:
        return None
    first, last = ranges[0], ranges[-1]
    ordered = all(r.end is not None and later.start >= r.end for r, later in pairwise(ranges))
    if len(ranges) > 1 and ordered and last.end is not None:
        return TimeRange(first.start, last.end, (first.span[0], last.span[1]))
    return first


def _time_near(
    lines: list[Line], index: int, rest: str
) -> tuple[TimeRange | None, Line, list[Warning]]:
    line = lines[index]
    problems: list[Warning] = []
    below = [line]
    for following in lines[index + 1 : index + 1 + _TIME_LINES_BELOW]:
        same_place = following.head if line.head else following.block == line.block
        if not same_place or len(following.text) > _SHORT_LINE or find_dates(following.text):
            break
        below.append(following)
        if not line.head:
            break  # in the body, the date's own row or the line just below
    for at, candidate in enumerate(below):
        text = rest if at == 0 else candidate.text
        try:
            found = _whole_time(text)
        except UnreadableTime:
            problems.append(
                Warning(
                    candidate.number,
                    _("could not read the time in '{text}'").format(text=candidate.text),
                    "start",
                )
            )
            continue
        if found is not None:
            return found, candidate, problems
    return None, line, problems


def choose_date(lines: list[Line]) -> DateChoice | None:
    """The meeting's own date (and time), from the title block first, then from the body."""
    found = [(line, find_dates(line.text)) for line in lines]
    year = _default_year(found)
    best: _Candidate | None = None
    order = 0
    for index, (line, mentions) in enumerate(found):
        for mention in mentions:
            dates = mention.resolve(year)
            if dates is None:
                continue
            order += 1
            rest = _blank(line.text, mention.span)
            for other in mentions:
                rest = _blank(rest, other.span)
            time_found, time_line, problems = _time_near(lines, index, rest)
            score = (
                (4 if time_found else 0)
                + (2 if dates.end is None else 0)
                + (3 if line.head else 0)
                + (1 if mention.year is not None else 0)
                + (1 if weekday_before(fold(line.text), mention.span[0]) else 0)
            )
            candidate = _Candidate(score, order, dates, line, time_found, time_line, problems)
            if best is None or candidate.score > best.score:
                best = candidate
    if best is None:
        return None
    choice = DateChoice(best.dates, best.line, best.time, best.time_line, best.problems)
    if best.dates.end is not None:
        choice.problems.append(
            Warning(
                best.line.number,
                _(
                    "the note gives the dates {first} to {last}; "
                    "the meeting is read as held on the first day"
                ).format(first=best.dates.start.isoformat(), last=best.dates.end.isoformat()),
                "start",
            )
        )
    return choice


def _stated_zone(lines: list[Line], choice: DateChoice) -> zones.Zone | None:
    """The zone the note states, nearest the date first: its line, block, title block, body."""
    own = [choice.line] + ([choice.time_line] if choice.time_line else [])
    near = [
        line
        for line in lines
        if line.head and abs(line.number - choice.line.number) <= _TIME_LINES_BELOW
    ]
    if not choice.line.head:
        near = [line for line in lines if line.block == choice.line.block]
    tiers = (own, near, [line for line in lines if line.head], lines)
    for tier in tiers:
        found = [z for line in tier for z in zones.find_zones(line.text)]
        if found:
            return min(found, key=lambda z: -z.strength)
    return None


def _place(lines: list[Line], choice: DateChoice, venue: str | None) -> stations.Place | None:
    """Where the meeting is: its venue, then the title block, then the body's buildings."""
    if venue and (place := stations.place_zone(venue)):
        return place
    head = [choice.line] + [line for line in lines if line.head]
    for line in head:
        if place := stations.place_zone(line.text):
            return place
    for line in lines:
        if not line.head and (place := stations.place_zone(line.text, ("venue",))):
            return place
    return None


def _place_warning(place: stations.Place, line: int) -> Warning:
    if place.kind == "venue":
        message = _("time zone taken from the venue '{words}': {zone}")
    elif place.kind == "city":
        message = _("time zone taken from the city '{words}': {zone}")
    else:
        message = _("time zone taken from the room '{words}': {zone}")
    return Warning(line, message.format(words=place.words, zone=place.zone), "timezone")


def _last_day(lines: list[Line], choice: DateChoice) -> tuple[date, time] | None:
    """A meeting held over several days: the last day and its closing time, from the later
    dated and timed rows of the block (a programme table) that gives the first day."""
    own = choice.time_line or choice.line
    if choice.dates.end is not None or choice.time is None:
        return None
    first = choice.dates.start
    last: tuple[date, time] | None = None
    for line in lines:
        if line.block != own.block or line is own or line is choice.line:
            continue
        mentions = find_dates(line.text)
        if len(mentions) != 1:
            continue
        dates = mentions[0].resolve(first.year)
        if dates is None or dates.end is not None:
            continue
        if not first < dates.start <= first + timedelta(days=_LAST_DAY_WITHIN):
            continue
        try:
            found = _whole_time(_blank(line.text, mentions[0].span))
        except UnreadableTime:
            continue
        if found is None or found.end is None:
            continue
        if last is None or (dates.start, found.end) > last:
            last = (dates.start, found.end)
    return last


def _time_in(text: str) -> TimeRange | None:
    try:
        return _whole_time(text)
    except UnreadableTime:
        return None


def _days_on_line(choice: DateChoice) -> tuple[date, time] | None:
    """A line giving each day its own hours ("de 10 h à 13 h le mercredi 11 décembre, puis de
    10 h à 13 h le jeudi 12 décembre"): the last day and its closing time. The hours stand
    before their day when the line gives hours before its first day, after it otherwise."""
    text = choice.line.text
    mentions = find_dates(text)
    first = choice.dates.start
    days = [m.resolve(first.year) for m in mentions]
    if len(mentions) < 2 or any(d is None or d.end is not None for d in days):
        return None
    before = _time_in(text[: mentions[0].span[0]]) is not None
    last: tuple[date, time] | None = None
    for n, (mention, dates) in enumerate(zip(mentions, days, strict=True)):
        if dates is None or not first < dates.start <= first + timedelta(days=_LAST_DAY_WITHIN):
            continue
        if before:
            piece = text[mentions[n - 1].span[1] : mention.span[0]]
        else:
            until = mentions[n + 1].span[0] if n + 1 < len(mentions) else len(text)
            piece = text[mention.span[1] : until]
        found = _time_in(piece)
        if found is not None and found.end is not None and (last is None or dates.start > last[0]):
            last = (dates.start, found.end)
    return last


def read_when(lines: list[Line], choice: DateChoice | None, venue: str | None) -> When:
    """The meeting's start, end and zone on the date chosen, with what could not be read."""
    when = When()
    if choice is None:
        return when
    when.problems.extend(choice.problems)
    day = choice.dates.start
    at = choice.time.start if choice.time else time(12)
    zone_line = (choice.time_line or choice.line).number
    stated = _stated_zone(lines, choice)
    place = _place(lines, choice, venue)
    name: str
    tz: tzinfo
    if stated is not None:
        name, tz = stated.name, stated.tz
        here = zones.offset_on(place.zone, day, at) if place is not None else None
        if (
            place is not None
            and stated.minutes is not None
            and (
                here == stated.minutes
                # "(CET)" in May at the VIC: Vienna keeps Geneva's clock that day.
                or ("/" in name and here == zones.offset_on(name, day, at))
            )
        ):
            # "(CET)" at the Vienna International Centre is Vienna's time.
            name, tz = place.zone, ZoneInfo(place.zone)
        if stated.minutes is not None and "/" in name:
            actual = zones.offset_on(name, day, at)
            if actual != stated.minutes:
                when.problems.append(
                    Warning(
                        zone_line,
                        _(
                            "the note says '{written}' (UTC{said}) but on {day} {zone} is at "
                            "UTC{actual}: the times are read as {zone} time"
                        ).format(
                            written=stated.written,
                            said=zones.offset_name(stated.minutes),
                            day=day.isoformat(),
                            zone=name,
                            actual=zones.offset_name(actual),
                        ),
                        "timezone",
                    )
                )
    else:
        for line in (choice.line, choice.time_line):
            if line is not None and (unknown := zones.unknown_zone(line.text)):
                when.problems.append(
                    Warning(
                        line.number,
                        _("could not read the time zone '{zone}'").format(zone=unknown),
                        "timezone",
                    )
                )
                break
        if place is not None:
            name, tz = place.zone, ZoneInfo(place.zone)
            when.problems.append(_place_warning(place, zone_line))
        else:
            name, tz = "+00:00", zones.fixed(0)
            if choice.time is not None:
                when.problems.append(
                    Warning(
                        zone_line,
                        _("no time zone given: the times are read as UTC"),
                        "timezone",
                    )
                )
    if choice.time is None:
        when.problems.append(
            Warning(
                choice.line.number,
                _("no time of day found for the meeting on this line"),
                "start",
            )
        )
        when.timezone = name if (stated or place) else None
        return when
    when.timezone = name
    when.start = datetime.combine(day, choice.time.start, tzinfo=tz)
    if (last := _last_day(lines, choice) or _days_on_line(choice)) is not None:
        when.end = datetime.combine(last[0], last[1], tzinfo=tz)
    elif choice.time.end is not None:
        end = datetime.combine(day, choice.time.end, tzinfo=tz)
        when.end = end + timedelta(days=1) if end <= when.start else end
    return when
