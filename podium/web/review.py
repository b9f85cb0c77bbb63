"""The review of a plan before its meeting is created: the form and its reading.

The form carries the whole plan, so the server keeps nothing between the
upload and "Create the meeting": the edited fields as inputs, the parts not
edited here (sections, outcome, SDGs, the reader's warnings) as one hidden
JSON field, and the note's text for the secretariat to read beside it. Rows
of questions, segments and documents are reordered by their order numbers,
dropped by their "remove" boxes, and added by a button that re-shows the form
with an empty row: everything works without JavaScript.

Reading the form gives a ``Plan`` through ``Plan.from_json`` and the checks
the amendments use (``podium.meeting.amendments``), or a sentence for each
field that is wrong, keyed by the input's name, with nothing typed lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from podium.i18n import _
from podium.meeting.amendments import (
    MAX_ITEMS,
    document_problems,
    document_to_json,
    question_problem,
    segment_problems,
)
from podium.meeting.plan import ROLES, Document, Plan, PlanFormatError, segment_from_json

FIELDS = ("title", "kind", "date", "start", "end", "timezone", "venue", "language")
SEGMENT_FIELDS = (
    "title",
    "role",
    "speakers",
    "names",
    "minutes_min",
    "minutes_max",
    "per_speaker",
    "member_state",
    "observer",
    "stakeholder",
    "source",
    "origin",
)
DOCUMENT_FIELDS = ("title", "symbol", "url", "origin")
QUESTION_FIELDS = ("text", "origin")
# The inputs of a segment's limits by class, and the class each stands for.
CLASS_INPUTS = {
    "member_state": "member-state",
    "observer": "observer",
    "stakeholder": "stakeholder",
}
# What the plan keeps that the form does not edit.
KEPT = ("body", "session_number", "session_title", "sections", "outcome", "sdgs", "warnings")
# The six UN languages, each named in itself (no translation needed).
LANGUAGES = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "ar": "العربية",
    "zh": "中文",
    "ru": "Русский",
}
ROW_KINDS = {"questions": QUESTION_FIELDS, "segments": SEGMENT_FIELDS, "documents": DOCUMENT_FIELDS}
Row = dict[str, str]
OFFSET = re.compile(r"(?P<sign>[+\-−])(?P<hours>\d{2}):(?P<minutes>\d{2})")


@cache
def zones() -> tuple[str, ...]:
    """Every IANA zone name this machine knows, for the zone picker."""
    return tuple(sorted(available_timezones()))


@dataclass
class ReviewForm:
    fields: dict[str, str]
    questions: list[Row]
    segments: list[Row]
    documents: list[Row]
    kept: str  # JSON of the plan's parts this form does not edit
    note: str  # the note's text, for reading beside the plan
    errors: dict[str, str] = field(default_factory=dict)

    def warnings(self) -> tuple[list[str], dict[str, list[str]]]:
        """The reader's warnings: those without a field shown here, and the others by input."""
        try:
            raw = json.loads(self.kept).get("warnings") or []
        except (ValueError, AttributeError):
            raw = []
        places = {
            f"{kind}[{row.get('origin')}]": f"{kind}-{i}"
            for kind in ROW_KINDS
            for i, row in enumerate(getattr(self, kind))
            if row.get("origin")
        }
        top: list[str] = []
        near: dict[str, list[str]] = {}
        for warning in raw if isinstance(raw, list) else []:
            if not isinstance(warning, dict):
                continue
            text = _("Line {line}: {message}").format(
                line=warning.get("line", 0), message=warning.get("message", "")
            )
            where = _place(str(warning.get("field") or ""), places)
            if where is None:
                top.append(text)
            else:
                near.setdefault(where, []).append(text)
        return top, near


def _place(name: str, places: Mapping[str, str]) -> str | None:
    """The input a warning's field ("start", "segments[2].minutes_max") is shown beside."""
    if not name:
        return None
    head = name.split(".")[0]
    if head in places:
        return places[head]
    if head in ("start", "end", "timezone", "title", "kind", "venue", "language"):
        return head
    if head.split("[")[0] in ("questions", "segments", "documents"):
        return head.split("[")[0]
    return None


def form_from_plan(plan: Plan, note: str) -> ReviewForm:
    """The review form showing ``plan`` as read."""
    data = plan.to_json()
    zone = _zone(plan.timezone)
    start = plan.start.astimezone(zone) if plan.start and zone else plan.start
    end = plan.end.astimezone(zone) if plan.end and zone else plan.end
    fields = {
        "title": plan.title,
        "kind": plan.kind or "",
        "date": start.date().isoformat() if start else "",
        "start": start.strftime("%H:%M") if start else "",
        "end": end.strftime("%H:%M") if end else "",
        "timezone": plan.timezone or "",
        "venue": plan.venue or "",
        "language": plan.language,
    }
    segments = []
    for i, s in enumerate(plan.segments):
        limits: dict[str, float] = {c.floor_class: c.minutes_max for c in s.class_limits}
        segments.append(
            {
                "title": s.title,
                "role": s.role,
                "speakers": "" if s.speakers is None else str(s.speakers),
                "names": "\n".join(s.names),
                "minutes_min": _minutes(s.minutes_min),
                "minutes_max": _minutes(s.minutes_max),
                "per_speaker": "true" if s.per_speaker else "",
                **{key: _minutes(limits.get(c)) for key, c in CLASS_INPUTS.items()},
                "source": s.source,
                "origin": str(i),
            }
        )
    return ReviewForm(
        fields=fields,
        questions=[{"text": q, "origin": str(i)} for i, q in enumerate(plan.questions)],
        segments=segments,
        documents=[
            {"title": d.title, "symbol": d.symbol or "", "url": d.url or "", "origin": str(i)}
            for i, d in enumerate(plan.documents)
        ],
        kept=json.dumps({key: data[key] for key in KEPT}, ensure_ascii=False),
        note=note,
    )


def form_from_post(values: Mapping[str, Sequence[str]]) -> tuple[ReviewForm, str]:
    """The form as posted, rows reordered, removed and added; and the button pressed."""

    def first(name: str) -> str:
        found = values.get(name)
        return found[0] if found else ""

    action = first("action") or "create"
    rows: dict[str, list[Row]] = {}
    for kind, names in ROW_KINDS.items():
        count = _count(first(f"{kind}-count"))
        kept = []
        for i in range(count):
            if first(f"{kind}-{i}-remove"):
                continue
            row = {name: first(f"{kind}-{i}-{name}") for name in names}
            # A row given a new number goes before the row that had it.
            order = _order(first(f"{kind}-{i}-order"), i)
            kept.append((order, 0 if order != i else 1, i, row))
        kept.sort(key=lambda item: item[:3])
        rows[kind] = [item[3] for item in kept]
        if action == f"add-{kind}" and len(rows[kind]) < MAX_ITEMS:
            rows[kind].append({name: "other" if name == "role" else "" for name in names})
    form = ReviewForm(
        fields={name: first(name).strip() for name in FIELDS},
        questions=rows["questions"],
        segments=rows["segments"],
        documents=rows["documents"],
        kept=first("kept") or "{}",
        note=first("note_text"),
    )
    return form, action


def plan_from_form(form: ReviewForm) -> Plan | None:
    """The plan the form describes; None, with ``form.errors`` filled, when a field is wrong."""
    errors = form.errors
    errors.clear()
    f = form.fields
    try:
        kept = json.loads(form.kept)
    except ValueError:
        kept = None
    if not isinstance(kept, dict):
        errors["form"] = _("The form was changed in transit; please upload the note again.")
        kept = {}
    if not f["title"]:
        errors["title"] = _("The meeting needs a title.")
    zone: tzinfo | None = None
    if f["timezone"]:
        zone = _zone(f["timezone"])
        if zone is None:
            errors["timezone"] = _(
                "“{zone}” is not a time zone; choose one from the list, such as Europe/Zurich."
            ).format(zone=f["timezone"])
    start, end = _times(f, zone, errors)
    if f["language"] not in LANGUAGES:
        errors["language"] = _("Choose one of the six UN languages.")
    questions = []
    for i, row in enumerate(form.questions):
        problem = question_problem(row["text"])
        if problem:
            errors[f"questions-{i}"] = _(problem)
        questions.append(row["text"].strip())
    segments = [_segment(i, row, errors) for i, row in enumerate(form.segments)]
    documents = []
    for i, row in enumerate(form.documents):
        document = Document(
            row["title"].strip(), row["symbol"].strip() or None, row["url"].strip() or None
        )
        for name, problem in document_problems(document):
            errors.setdefault(f"documents-{i}-{name}", _(problem))
        documents.append(document_to_json(document))
    if errors:
        return None
    data = {
        **kept,
        "title": f["title"],
        "kind": f["kind"] or None,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "timezone": f["timezone"] or None,
        "venue": f["venue"] or None,
        "language": f["language"],
        "questions": questions,
        "segments": segments,
        "documents": documents,
    }
    try:
        return Plan.from_json(data)
    except PlanFormatError as exc:
        errors["form"] = _("The plan cannot be read: {problem}").format(problem=exc)
        return None


def _times(
    f: Mapping[str, str], zone: tzinfo | None, errors: dict[str, str]
) -> tuple[datetime | None, datetime | None]:
    day = None
    if f["date"]:
        try:
            day = date.fromisoformat(f["date"])
        except ValueError:
            errors["date"] = _("Write the date as year-month-day, such as 2025-04-07.")
    hours = {}
    for name in ("start", "end"):
        if f[name]:
            try:
                hours[name] = time.fromisoformat(f[name].replace(".", ":").replace("h", ":"))
            except ValueError:
                errors[name] = _("Write the time as hours:minutes, such as 15:00.")
    if not f["date"] and (f["start"] or f["end"]):
        errors["date"] = _("Give the date of the meeting as well as its times.")
    if f["date"] and not f["start"]:
        errors.setdefault("start", _("Give the time the meeting starts."))
    if f["date"] and not f["timezone"]:
        errors.setdefault("timezone", _("Choose the time zone of the meeting's place."))
    if "start" in hours and "end" in hours and hours["end"] <= hours["start"]:
        errors.setdefault("end", _("The meeting must end after it starts."))
    if day is None or zone is None or "start" not in hours:
        return None, None
    start = datetime.combine(day, hours["start"], zone)
    end = datetime.combine(day, hours["end"], zone) if "end" in hours else None
    return start, end


def _segment(i: int, row: Row, errors: dict[str, str]) -> dict[str, Any]:
    where = f"segments-{i}"
    numbers: dict[str, float | None] = {}
    for name in ("minutes_min", "minutes_max", *CLASS_INPUTS):
        numbers[name] = _number(row[name], f"{where}-{name}", errors)
    speakers = None
    if row["speakers"].strip():
        try:
            speakers = int(row["speakers"].strip())
        except ValueError:
            errors[f"{where}-speakers"] = _("Write the number of speakers as a whole number.")
    role = row["role"] if row["role"] in ROLES else "other"
    data = {
        "title": row["title"].strip(),
        "role": role,
        "speakers": speakers,
        "minutes_min": numbers["minutes_min"],
        "minutes_max": numbers["minutes_max"],
        "per_speaker": bool(row["per_speaker"]),
        "names": [n.strip() for n in row["names"].splitlines() if n.strip()],
        "limits_by_class": {
            c: numbers[key] for key, c in CLASS_INPUTS.items() if numbers[key] is not None
        },
        "source": row["source"],
    }
    if row["role"] not in ROLES:
        errors[f"{where}-role"] = _("Choose a role from the list.")
    inputs = {f"limits_by_class.{c}": key for key, c in CLASS_INPUTS.items()}
    try:
        segment = segment_from_json(data, where)
    except PlanFormatError:
        return data  # a number already refused above
    for name, problem in segment_problems(segment):
        errors.setdefault(f"{where}-{inputs.get(name, name)}", _(problem))
    return data


def _number(text: str, name: str, errors: dict[str, str]) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        errors[name] = _("Write a number of minutes, such as 3 or 2.5.")
        return None


def _count(text: str) -> int:
    try:
        return max(0, min(int(text), MAX_ITEMS))
    except ValueError:
        return 0


def _order(text: str, index: int) -> float:
    try:
        return float(text) - 1
    except ValueError:
        return float(index)


def _zone(name: str | None) -> tzinfo | None:
    """An IANA zone, or a fixed UTC offset ("+02:00") as a note may give it."""
    if not name:
        return None
    if name in zones():
        return ZoneInfo(name)
    found = OFFSET.fullmatch(name)
    if found is None:
        return None
    hours, minutes = int(found["hours"]), int(found["minutes"])
    if hours > 14 or minutes >= 60:
        return None
    sign = -1 if found["sign"] in "-−" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def is_offset(name: str) -> bool:
    return OFFSET.fullmatch(name) is not None


def _minutes(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == int(value) else f"{value:g}"
