"""The programme's amendments as the record tells them: when, by whom, what changed.

Each change is described against the programme as it stood just before it,
so that "segment 3 removed" names the segment that was third at the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from podium.i18n import _
from podium.meeting.amendments import amend_plan
from podium.meeting.events import ProgrammeAmended
from podium.meeting.plan import Plan, Segment


@dataclass(frozen=True)
class AmendmentHeld:
    at: datetime
    by: str
    change: str


def amended(plan: Plan, event: ProgrammeAmended) -> tuple[Plan, AmendmentHeld]:
    """The plan after ``event`` and the record's line for it."""
    after = amend_plan(plan, event)
    return after, AmendmentHeld(event.at, _who(event.by), _change(plan, after, event))


def _who(role: str) -> str:
    return _("the Chair") if role == "chair" else _("the secretariat")


def _change(before: Plan, after: Plan, event: ProgrammeAmended) -> str:
    index = event.index
    number = index + 1
    place = (event.position if event.position is not None else index) + 1
    if event.part == "segments":
        if event.action in ("amend", "add") and index < len(after.segments):
            segment = after.segments[index]  # an added segment is put at its index
            if event.action == "amend":
                text = _("Segment {number} “{title}” now: {rule}")
            else:
                text = _("Segment “{title}” added as number {number}: {rule}")
            return text.format(number=place, title=segment.title, rule=rule(segment))
        title = before.segments[index].title if index < len(before.segments) else ""
        if event.action == "remove":
            return _("Segment {number} “{title}” removed").format(number=number, title=title)
        return _("Segment “{title}” moved from number {number} to {place}").format(
            title=title, number=number, place=place
        )
    if event.part == "questions":
        if event.action == "amend":
            return _("Guiding question {number} reworded: “{text}”").format(
                number=number, text=event.value
            )
        if event.action == "add":
            return _("Guiding question {number} added: “{text}”").format(
                number=place, text=event.value
            )
        if event.action == "remove":
            return _("Guiding question {number} removed").format(number=number)
        return _("Guiding question {number} moved to number {place}").format(
            number=number, place=place
        )
    if event.action == "remove":
        title = before.documents[index].title if index < len(before.documents) else ""
        return _("Document “{title}” removed").format(title=title)
    title = str(event.value.get("title", "")) if isinstance(event.value, dict) else ""
    if event.action == "add":
        return _("Document “{title}” added").format(title=title)
    return _("Document {number} now “{title}”").format(number=number, title=title)


def rule(segment: Segment) -> str:
    """A segment's time rule in words: "at most 3 minutes each", "30 minutes"."""
    parts = []
    low, high = segment.minutes_min, segment.minutes_max
    if high is None:
        parts.append(_("no time limit"))
    else:
        amount = f"{_num(low)}–{_num(high)}" if low is not None and low < high else _num(high)
        if segment.per_speaker:
            parts.append(_("{minutes} minutes each").format(minutes=amount))
        else:
            parts.append(_("{minutes} minutes").format(minutes=amount))
    for limit in segment.class_limits:
        parts.append(
            _("{group}: {minutes} minutes").format(
                group=_CLASS_NAMES[limit.floor_class](), minutes=_num(limit.minutes_max)
            )
        )
    if segment.speakers is not None:
        parts.append(_("{count} speakers").format(count=segment.speakers))
    return "; ".join(parts)


_CLASS_NAMES = {
    "member-state": lambda: _("member States"),
    "observer": lambda: _("observers"),
    "stakeholder": lambda: _("other stakeholders"),
}


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:g}"
