"""The meeting plan: what a concept note says, as data.

The JSON form of these classes (``Plan.to_json``) is a public contract: the
field names are those printed by ``podium import`` and served by
``GET /api/meetings/{id}``. Instants are aware datetimes (the note's own
offset); ``timezone`` names the zone to display them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, get_args

from podium.meeting.words import FLOOR_CLASSES, FloorClass

Role = Literal[
    "chair",
    "co-chair",
    "moderator",
    "secretariat",
    "keynote",
    "panelist",
    "discussant",
    "participant",
    "other",
]
ROLES: tuple[str, ...] = get_args(Role)


class PlanFormatError(ValueError):
    """A plan's JSON is not of the expected shape; the message says where."""


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


@dataclass(frozen=True)
class ClassLimit:
    """A speaking limit for one class of the floor ("3 minutes for member States")."""

    floor_class: FloorClass
    minutes_max: float


@dataclass(frozen=True)
class Segment:
    """One part of the programme and its time rule.

    ``per_speaker`` says whether the minutes apply to each speaker (``maximum
    15 minutes each``) or to the segment as a whole. A range (``5-7 mins``)
    has both ends; a plain limit has only ``minutes_max``.
    """

    title: str
    role: Role
    speakers: int | None = None
    minutes_min: float | None = None
    minutes_max: float | None = None
    per_speaker: bool = False
    # The programme speakers the note names for this segment, in its order.
    names: tuple[str, ...] = ()
    # Limits that differ by class of speaker; ``minutes_max`` holds for the others.
    class_limits: tuple[ClassLimit, ...] = ()
    # Where it came from, for the reader; two plans that differ only here are the same plan.
    source: str = field(default="", compare=False)


@dataclass(frozen=True)
class Document:
    title: str
    symbol: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Outcome:
    forum: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Warning:
    line: int
    message: str
    # The plan field it concerns ("start", "timezone", "questions", "segments[2]"), if one.
    field: str | None = None


@dataclass(frozen=True)
class Plan:
    title: str
    body: str | None = None
    session_number: int | None = None
    session_title: str | None = None
    kind: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    timezone: str | None = None
    venue: str | None = None
    sections: tuple[Section, ...] = ()
    questions: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = ()
    documents: tuple[Document, ...] = ()
    outcome: Outcome | None = None
    sdgs: tuple[int, ...] = ()
    # The note's language, ISO 639-1 ("en", "fr", "es", "ar", "zh", "ru").
    language: str = "en"
    warnings: tuple[Warning, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        """The public JSON form, field names and order as documented."""
        return {
            "body": self.body,
            "session_number": self.session_number,
            "session_title": self.session_title,
            "kind": self.kind,
            "title": self.title,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "timezone": self.timezone,
            "venue": self.venue,
            "language": self.language,
            "sections": [{"heading": s.heading, "text": s.text} for s in self.sections],
            "questions": list(self.questions),
            "segments": [segment_to_json(s) for s in self.segments],
            "documents": [
                {"title": d.title, "symbol": d.symbol, "url": d.url} for d in self.documents
            ],
            "outcome": (
                {
                    "forum": self.outcome.forum,
                    "start": self.outcome.start.isoformat() if self.outcome.start else None,
                    "end": self.outcome.end.isoformat() if self.outcome.end else None,
                }
                if self.outcome
                else None
            ),
            "sdgs": list(self.sdgs),
            "warnings": [
                {"line": w.line, "message": w.message, "field": w.field} for w in self.warnings
            ],
        }

    @classmethod
    def from_json(cls, data: Any) -> Plan:
        """Read the JSON form back; a wrong shape raises PlanFormatError naming the field."""
        if not isinstance(data, dict):
            raise PlanFormatError("a plan must be a JSON object")
        try:
            title = _text(data, "title")
            if not title:
                raise PlanFormatError("'title' must not be empty")
            segments = [
                segment_from_json(s, f"segments[{i}]")
                for i, s in enumerate(_list(data, "segments"))
            ]
            outcome = None
            raw_outcome = data.get("outcome")
            if raw_outcome is not None:
                if not isinstance(raw_outcome, dict):
                    raise PlanFormatError("'outcome' must be an object or null")
                outcome = Outcome(
                    forum=_text(raw_outcome, "forum", "outcome"),
                    start=_opt_date(raw_outcome, "start", "outcome"),
                    end=_opt_date(raw_outcome, "end", "outcome"),
                )
            return cls(
                title=title,
                body=_opt_text(data, "body"),
                session_number=_opt_int(data, "session_number"),
                session_title=_opt_text(data, "session_title"),
                kind=_opt_text(data, "kind"),
                start=_opt_datetime(data, "start"),
                end=_opt_datetime(data, "end"),
                timezone=_opt_text(data, "timezone"),
                venue=_opt_text(data, "venue"),
                sections=tuple(
                    Section(
                        _text(s, "heading", f"sections[{i}]"), _text(s, "text", f"sections[{i}]")
                    )
                    for i, s in enumerate(_list(data, "sections"))
                ),
                questions=tuple(str(q) for q in _list(data, "questions")),
                segments=tuple(segments),
                documents=tuple(
                    Document(
                        title=_text(d, "title", f"documents[{i}]"),
                        symbol=_opt_text(d, "symbol", f"documents[{i}]"),
                        url=_opt_text(d, "url", f"documents[{i}]"),
                    )
                    for i, d in enumerate(_list(data, "documents"))
                ),
                outcome=outcome,
                sdgs=tuple(sorted({int(n) for n in _list(data, "sdgs")})),
                language=_opt_text(data, "language") or "en",
                warnings=tuple(
                    Warning(
                        int(w.get("line", 0)),
                        str(w.get("message", "")),
                        _opt_text(w, "field", f"warnings[{i}]"),
                    )
                    for i, w in enumerate(_list(data, "warnings"))
                ),
            )
        except (TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, PlanFormatError):
                raise
            raise PlanFormatError(str(exc)) from exc

    @property
    def minutes(self) -> float | None:
        """Length of the time slot in minutes, when the note gives both ends."""
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).total_seconds() / 60


def segment_to_json(s: Segment) -> dict[str, Any]:
    """A segment's public JSON form, as in ``Plan.to_json``."""
    return {
        "title": s.title,
        "role": s.role,
        "speakers": s.speakers,
        "minutes_min": _number(s.minutes_min),
        "minutes_max": _number(s.minutes_max),
        "per_speaker": s.per_speaker,
        "names": list(s.names),
        "limits_by_class": {c.floor_class: _number(c.minutes_max) for c in s.class_limits},
        "source": s.source,
    }


def segment_from_json(s: Any, path: str = "segment") -> Segment:
    """A segment read back from its JSON form; a wrong shape raises PlanFormatError."""
    try:
        role = _text(s, "role", path)
        if role not in ROLES:
            raise PlanFormatError(f"{path}.role: '{role}' is not one of {', '.join(ROLES)}")
        return Segment(
            title=_text(s, "title", path),
            role=role,  # type: ignore[arg-type]
            speakers=_opt_int(s, "speakers", path),
            minutes_min=_opt_num(s, "minutes_min", path),
            minutes_max=_opt_num(s, "minutes_max", path),
            per_speaker=bool(s.get("per_speaker", False)),
            names=tuple(str(n) for n in _list(s, "names")),
            class_limits=_class_limits(s, path),
            source=str(s.get("source") or ""),
        )
    except (TypeError, AttributeError) as exc:
        raise PlanFormatError(f"{path}: {exc}") from exc


def _number(value: float | None) -> int | float | None:
    """15.0 is written 15: the JSON reads as the note does."""
    if value is not None and value == int(value):
        return int(value)
    return value


def _where(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _text(obj: Any, key: str, path: str = "") -> str:
    if not isinstance(obj, dict):
        raise PlanFormatError(f"'{path or 'plan'}' must be an object")
    value = obj.get(key)
    if not isinstance(value, str):
        raise PlanFormatError(f"'{_where(path, key)}' must be text")
    return value


def _opt_text(obj: dict[str, Any], key: str, path: str = "") -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PlanFormatError(f"'{_where(path, key)}' must be text or null")
    return value


def _opt_int(obj: dict[str, Any], key: str, path: str = "") -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanFormatError(f"'{_where(path, key)}' must be a whole number or null")
    return value


def _opt_num(obj: dict[str, Any], key: str, path: str = "") -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanFormatError(f"'{_where(path, key)}' must be a number or null")
    return float(value)


def _opt_datetime(obj: dict[str, Any], key: str) -> datetime | None:
    value = _opt_text(obj, key)
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise PlanFormatError(f"'{key}': '{value}' is not an ISO 8601 date and time") from None
    if parsed.tzinfo is None:
        raise PlanFormatError(f"'{key}': '{value}' has no UTC offset")
    return parsed


def _opt_date(obj: dict[str, Any], key: str, path: str) -> date | None:
    value = _opt_text(obj, key, path)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PlanFormatError(f"'{path}.{key}': '{value}' is not an ISO 8601 date") from None


def _class_limits(obj: dict[str, Any], path: str) -> tuple[ClassLimit, ...]:
    value = obj.get("limits_by_class") or {}
    if not isinstance(value, dict):
        raise PlanFormatError(f"'{path}.limits_by_class' must be an object")
    limits = []
    for floor_class in value:
        if floor_class not in FLOOR_CLASSES:
            raise PlanFormatError(
                f"'{path}.limits_by_class': '{floor_class}' is not one of "
                + ", ".join(FLOOR_CLASSES)
            )
        number = _opt_num(value, floor_class, f"{path}.limits_by_class")
        if number is None:
            raise PlanFormatError(f"'{path}.limits_by_class.{floor_class}' must be a number")
        limits.append(ClassLimit(floor_class, number))
    return tuple(limits)


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key) or []
    if not isinstance(value, list):
        raise PlanFormatError(f"'{key}' must be a list")
    return value
