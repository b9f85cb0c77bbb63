"""Writing a plan back as a concept note in Markdown, in the shape of the CSTD notes.

The note is written so that the reader recovers the same plan: each
programme line is checked against the reader and made more explicit (the
speakers, then the role) until it reads back to its segment.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from podium.conceptnote import zones
from podium.conceptnote.blocks import looks_like_bare_heading
from podium.conceptnote.dates import format_date
from podium.conceptnote.documents import format_document
from podium.conceptnote.durations import format_duration
from podium.conceptnote.outcome import format_outcome, format_sdgs
from podium.conceptnote.segments import parse_item, title_of
from podium.meeting.plan import Plan, Segment

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _zone(plan: Plan) -> tuple[tzinfo | None, str]:
    """The zone to show the times in, and how the note names it."""
    name = plan.timezone
    if not name:
        return None, ""
    if name[0] in "+-":
        sign = -1 if name[0] == "-" else 1
        hours, _sep, minutes = name[1:].partition(":")
        return zones.fixed(sign * (int(hours) * 60 + int(minutes or 0))), f"UTC{name}"
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None, ""
    city = zones.city_of(name)
    if city:
        return zone, f"{city} time"
    offset = plan.start.astimezone(zone).utcoffset() if plan.start else None
    shift = int(offset.total_seconds() // 60) if offset else 0
    return zone, f"UTC{zones.offset_name(shift)}"


def _clock(moment: datetime) -> str:
    return f"{moment.hour:02d}.{moment.minute:02d}"


def _date_line(plan: Plan) -> str | None:
    if plan.start is None:
        return None
    tz, zone_words = _zone(plan)
    start = plan.start.astimezone(tz) if tz else plan.start
    line = f"{WEEKDAYS[start.weekday()]}, {format_date(start.date())}, {_clock(start)}"
    if plan.end is not None:
        line += f"-{_clock(plan.end.astimezone(tz) if tz else plan.end)}"
    return line + (f" ({zone_words})" if zone_words else "")


def _same(read: Segment | None, segment: Segment) -> bool:
    return read is not None and read == segment


def segment_line(segment: Segment) -> str:
    """The programme line for ``segment``, as plain as the reader allows."""
    rule = format_duration(segment.minutes_min, segment.minutes_max)
    timed = bool(rule)
    if timed:
        rule += " each" if segment.per_speaker else " in total"
    plain_rule = format_duration(segment.minutes_min, segment.minutes_max)
    if timed and segment.per_speaker:
        plain_rule += " each"
    title = segment.title
    candidates: list[str] = []
    count = segment.speakers
    people_words = f"{count} speaker{'s' if count != 1 else ''}" if count is not None else ""
    for people in ("", people_words):
        for marker in ("", f" [role: {segment.role}]"):
            for words in (plain_rule, rule):
                inside = "; ".join(p for p in (people, words) if p)
                candidates.append(f"{title}{marker}" + (f" ({inside})" if inside else ""))
    for line in candidates:
        if _same(parse_item(line), segment):
            return line
    return candidates[-1]


def _heading(text: str) -> str:
    return text if looks_like_bare_heading(text) and title_of(text) else f"## {text}"


def _notes(plan: Plan, with_extras: bool) -> str:
    blocks: list[str] = []
    lead = [line for line in (plan.body, plan.session_title) if line]
    if lead:
        blocks.append("**" + "\n".join(lead) + "**")
    if plan.kind:
        blocks.append(f"**{plan.kind[:1].upper()}{plan.kind[1:]} on\n“{plan.title}”**")
    else:
        blocks.append(f"**“{plan.title}”**")
    date_line = _date_line(plan)
    if date_line:
        blocks.append("**" + "\n".join(x for x in (date_line, plan.venue) if x) + "**")
    elif plan.venue:
        blocks.append(f"Venue: {plan.venue}")
    blocks.append("Concept note")
    if with_extras:
        extras = []
        if plan.outcome:
            extras.append(format_outcome(plan.outcome, plan.kind))
        if plan.sdgs:
            extras.append(format_sdgs(plan.sdgs))
        if extras:
            blocks.append(" ".join(extras))
    for section in plan.sections:
        blocks.append(_heading(section.heading))
        blocks.append(section.text)
    if plan.questions:
        blocks.append("Guiding questions")
        blocks.append("\n".join(f"- {q}" for q in plan.questions))
    if plan.segments:
        blocks.append("Format")
        blocks.append("\n".join(f"- {segment_line(s)}" for s in plan.segments))
    if plan.documents:
        blocks.append("Supporting documents")
        blocks.append("\n".join(f"- {format_document(d)}" for d in plan.documents))
    return "\n\n".join(blocks) + "\n"


def write_markdown(plan: Plan) -> str:
    """A concept note in Markdown that reads back to ``plan``."""
    from podium.conceptnote.reader import NotAConceptNote, parse_text

    # The outcome and the goals are said again only when the sections do not already say them.
    bare = _notes(plan, with_extras=False)
    try:
        read = parse_text(bare)
    except NotAConceptNote:
        return _notes(plan, with_extras=True)
    if read.outcome == plan.outcome and read.sdgs == plan.sdgs:
        return bare
    return _notes(plan, with_extras=True)
