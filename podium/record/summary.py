"""The Chair's summary draft, organised by guiding question.

Only what the record holds goes in: the plan's own words (title, questions,
SDGs, forum), who spoke, what they were tagged with, and the notes taken.
Paragraphs are numbered across the whole document, as in a UN summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date
from babel.lists import format_list

from podium.conceptnote.layout import LANGUAGE, heading
from podium.conceptnote.localtime import local, meeting_zone
from podium.i18n import _, ngettext
from podium.record.interventions import Intervention, Record
from podium.reference import UnknownGoal, sdg


@dataclass(frozen=True)
class TitleBlock:
    body: str | None
    session: str | None
    document: str
    meeting: str
    date: str | None
    venue: str | None


@dataclass(frozen=True)
class Point:
    """A note taken on an intervention, with who made it."""

    speaker: str
    note: str
    intervention_id: int


@dataclass(frozen=True)
class QuestionSummary:
    number: int
    text: str
    speakers: tuple[str, ...]
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Part:
    """A heading and its paragraphs; ``first`` is the number of the first paragraph."""

    heading: str | None
    paragraphs: tuple[str, ...]
    first: int


@dataclass(frozen=True)
class Summary:
    title: TitleBlock
    questions: tuple[QuestionSummary, ...]
    other_points: tuple[Point, ...]
    parts: tuple[Part, ...]


def local_time(record: Record, moment: datetime | None, pattern: str = "%H:%M") -> str:
    """An instant as the room's clock read it."""
    shown = local(moment, meeting_zone(record.plan))
    return shown.strftime(pattern) if shown is not None else ""


def minutes(seconds: float | None) -> str:
    """Seconds as minutes with one decimal: 754 s reads 12.6."""
    return "" if seconds is None else f"{seconds / 60:.1f}"


def clock(seconds: float | None) -> str:
    """Seconds as m:ss, the way a timer shows them."""
    if seconds is None:
        return ""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def meeting_date(record: Record, language: str = LANGUAGE) -> str | None:
    """The day it was held (from the log), else the day it was planned for."""
    moment = record.opened_at or record.plan.start
    shown = local(moment, meeting_zone(record.plan))
    return format_date(shown.date(), "long", locale=language) if shown else None


def _speakers(interventions: list[Intervention]) -> tuple[str, ...]:
    """Who spoke, once each; "(statement available)" after those who left a written one."""
    seen: dict[str, bool] = {}
    for i in interventions:
        seen[i.speaking_as] = seen.get(i.speaking_as, False) or i.statement is not None
    available = _("(statement available)")
    return tuple(f"{who} {available}" if left else who for who, left in seen.items())


def _points(interventions: list[Intervention]) -> tuple[Point, ...]:
    return tuple(
        Point(i.speaking_as, i.note.strip(), i.id) for i in interventions if i.note.strip()
    )


def chair_summary(record: Record, language: str = LANGUAGE) -> Summary:
    plan = record.plan
    questions = tuple(
        QuestionSummary(
            number=n,
            text=text,
            speakers=_speakers([i for i in record.interventions if n in i.questions]),
            points=_points([i for i in record.interventions if n in i.questions]),
        )
        for n, text in enumerate(plan.questions, start=1)
    )
    other = _points([i for i in record.interventions if not i.questions])
    title = TitleBlock(
        body=plan.body,
        session=plan.session_title,
        document=_("Chair's summary"),
        meeting=heading(plan),
        date=meeting_date(record, language),
        venue=plan.venue,
    )
    return Summary(title, questions, other, _parts(record, questions, other, language))


def _parts(
    record: Record,
    questions: tuple[QuestionSummary, ...],
    other: tuple[Point, ...],
    language: str,
) -> tuple[Part, ...]:
    drafts: list[tuple[str | None, list[str]]] = [(None, _opening(record, language))]
    for q in questions:
        body = []
        if q.speakers:
            body.append(_("Addressed by: {speakers}.").format(speakers="; ".join(q.speakers)))
        else:
            body.append(_("No intervention was recorded on this question."))
        body.extend(f"{p.speaker}: {p.note}" for p in q.points)
        drafts.append(
            (_("Guiding question {number}: {text}").format(number=q.number, text=q.text), body)
        )
    if other:
        drafts.append((_("Other points raised"), [f"{p.speaker}: {p.note}" for p in other]))
    drafts.append((_("Programme as held"), _programme(record)))
    goals = _goals(record)
    if goals:
        drafts.append((_("Sustainable Development Goals"), goals))
    parts = []
    number = 1
    for head, paragraphs in drafts:
        parts.append(Part(head, tuple(paragraphs), number))
        number += len(paragraphs)
    return tuple(parts)


def _opening(record: Record, language: str) -> list[str]:
    plan = record.plan
    where = []
    date = meeting_date(record, language)
    if date:
        where.append(_("on {date}").format(date=date))
    if plan.venue:
        where.append(_("in {venue}").format(venue=plan.venue))
    values = {
        "meeting": heading(plan),
        "where": " ".join(where),
        "session": plan.session_title,
        "body": plan.body,
    }
    if plan.session_title and plan.body:
        held = _("The {meeting} was held {where}, during the {session} of the {body}.")
    else:
        held = _("The {meeting} was held {where}.")
    held = held.format(**values).replace(" ,", ",").replace(" .", ".")
    count = len(record.interventions)
    spoken = ngettext(
        "{count} intervention was made, for {minutes} minutes of speaking time in all.",
        "{count} interventions were made, for {minutes} minutes of speaking time in all.",
        count,
    ).format(count=count, minutes=minutes(record.spoken_seconds))
    asked = len(record.floor_requests)
    heard = sum(1 for r in record.floor_requests if r.heard)
    requests = ngettext(
        "{asked} request for the floor was made; {heard} was given the floor.",
        "{asked} requests for the floor were made; {heard} were given the floor.",
        asked,
    ).format(asked=asked, heard=heard)
    paragraphs = [held, *_who_led(record, language), spoken, requests]
    if plan.outcome is not None:
        paragraphs.append(
            _("This summary is transmitted to the {forum}.").format(forum=plan.outcome.forum)
        )
    return paragraphs


# Who led the meeting, in the order a summary names them, with the sentence for each.
_LEADS: tuple[tuple[str, Callable[[int], str]], ...] = (
    (
        "chair",
        lambda n: ngettext(
            "The meeting was chaired by {names}.", "The meeting was chaired by {names}.", n
        ),
    ),
    ("co-chair", lambda n: ngettext("The Co-Chair was {names}.", "The Co-Chairs were {names}.", n)),
    (
        "moderator",
        lambda n: ngettext(
            "The discussion was moderated by {names}.",
            "The discussion was moderated by {names}.",
            n,
        ),
    ),
    (
        "keynote",
        lambda n: ngettext(
            "The keynote address was given by {names}.",
            "The keynote addresses were given by {names}.",
            n,
        ),
    ),
    ("panelist", lambda n: ngettext("The panelist was {names}.", "The panelists were {names}.", n)),
    (
        "discussant",
        lambda n: ngettext(
            "The lead discussant was {names}.", "The lead discussants were {names}.", n
        ),
    ),
)


def _who_led(record: Record, language: str) -> list[str]:
    """The Chair, moderator, keynote speakers, panelists and discussants by name: those
    registered in each role, else those the concept note names for its segments."""
    paragraphs = []
    for role, sentence in _LEADS:
        names = [s.label for s in record.speakers if s.role == role]
        if not names:
            names = [n for seg in record.plan.segments if seg.role == role for n in seg.names]
        if names:
            listed = format_list(names, locale=language)
            paragraphs.append(sentence(len(names)).format(names=listed))
    return paragraphs


def _programme(record: Record) -> list[str]:
    lines = []
    for s in record.segments:
        planned = (
            _("planned {minutes} minutes").format(minutes=f"{s.planned_minutes:g}")
            if s.planned_minutes
            else _("no planned length")
        )
        if s.started is not None and s.ended is None:
            held = _("under way since {start}").format(start=local_time(record, s.started))
        elif s.started is not None:
            held = _("held {start}–{end} ({minutes} minutes)").format(
                start=local_time(record, s.started),
                end=local_time(record, s.ended),
                minutes=minutes(s.held_seconds),
            )
        else:
            held = _("not held")
        count = ngettext("{count} intervention", "{count} interventions", s.interventions).format(
            count=s.interventions
        )
        lines.append(f"{s.title}: {planned}; {held}; {count}.")
    return lines


def _goals(record: Record) -> list[str]:
    goals = []
    for n in record.plan.sdgs:
        try:
            goal = sdg(n)
        except UnknownGoal:
            continue
        goals.append(goal.label)
    if not goals:
        return []
    return [_("The concept note links this meeting to: {goals}.").format(goals="; ".join(goals))]
