"""The programme as amended: what a ``ProgrammeAmended`` event does to a plan, and
what a segment, a question or a document must be to enter a programme.

The state (``evolve``) and the record both fold the log with ``amend_plan``,
so that the live pages and the report read the same programme. The checks
here are shared by the amendment commands and by the review of a plan before
the meeting is created: each says which field is wrong and why, in a sentence
marked for translation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from podium.meeting.events import ProgrammeAmended
from podium.meeting.plan import Document, Plan, PlanFormatError, Segment, segment_from_json
from podium.meeting.refusal import N_

MAX_TITLE = 500
MAX_QUESTION = 1000
MAX_SYMBOL = 100
MAX_URL = 2000
MAX_NAME = 200
MAX_NAMES = 50
MAX_ITEMS = 100  # segments, questions or documents in one programme
MAX_MINUTES = 24 * 60
MAX_SPEAKERS = 1000

_T = TypeVar("_T")

# A problem: the field it concerns ("title", "minutes_max", ...) and the sentence.
Problem = tuple[str, str]


def segment_problems(segment: Segment) -> list[Problem]:
    """What is wrong with a segment, field by field; empty when it may be held."""
    problems: list[Problem] = []
    if not segment.title.strip():
        problems.append(("title", N_("A segment needs a title.")))
    elif len(segment.title) > MAX_TITLE:
        problems.append(("title", N_("A title must be at most 500 characters.")))
    if segment.speakers is not None and not 0 <= segment.speakers <= MAX_SPEAKERS:
        problems.append(("speakers", N_("The number of speakers must be between 0 and 1,000.")))
    for name, value in (("minutes_min", segment.minutes_min), ("minutes_max", segment.minutes_max)):
        if value is not None and not 0 < value <= MAX_MINUTES:
            problems.append((name, N_("Minutes must be more than 0 and at most 1,440.")))
    low, high = segment.minutes_min, segment.minutes_max
    if low is not None and high is not None and 0 < high < low:
        problems.append(("minutes_min", N_("The least minutes must not exceed the most.")))
    if low is not None and high is None:
        problems.append(("minutes_max", N_("Give the most minutes as well as the least.")))
    for limit in segment.class_limits:
        if not 0 < limit.minutes_max <= MAX_MINUTES:
            problems.append(
                (
                    f"limits_by_class.{limit.floor_class}",
                    N_("Minutes must be more than 0 and at most 1,440."),
                )
            )
    if len(segment.names) > MAX_NAMES:
        problems.append(("names", N_("A segment may name at most 50 speakers.")))
    elif any(len(name) > MAX_NAME for name in segment.names):
        problems.append(("names", N_("A name must be at most 200 characters.")))
    return problems


def question_problem(text: str) -> str | None:
    if not text.strip():
        return N_("A guiding question must not be empty.")
    if len(text) > MAX_QUESTION:
        return N_("A guiding question must be at most 1,000 characters.")
    return None


def document_problems(document: Document) -> list[Problem]:
    problems: list[Problem] = []
    if not document.title.strip():
        problems.append(("title", N_("A document needs a title.")))
    elif len(document.title) > MAX_TITLE:
        problems.append(("title", N_("A title must be at most 500 characters.")))
    if document.symbol is not None and len(document.symbol) > MAX_SYMBOL:
        problems.append(("symbol", N_("A symbol must be at most 100 characters.")))
    if document.url is not None and (
        len(document.url) > MAX_URL
        or not document.url.lower().startswith(("https://", "http://"))
        or " " in document.url
    ):
        problems.append(("url", N_("An address must start with https:// or http://.")))
    return problems


def document_to_json(document: Document) -> dict[str, Any]:
    return {"title": document.title, "symbol": document.symbol, "url": document.url}


def moved_to(event: ProgrammeAmended) -> Callable[[int], int | None]:
    """Where the item at each old index of the event's part now is (None: removed)."""
    index, position = event.index, event.position
    if event.action == "remove":
        return lambda j: None if j == index else j - (j > index)
    if event.action == "add" and position is not None:
        return lambda j: j + (j >= position)
    if event.action == "move" and position is not None:

        def move(j: int) -> int:
            if j == index:
                return position
            rest = j - (j > index)
            return rest + (rest >= position)

        return move
    return lambda j: j


def amend_plan(plan: Plan, event: ProgrammeAmended) -> Plan:
    """The plan with the event's change made; ``decide`` has checked it."""
    match event.part:
        case "segments":
            value = _segment(event.value) if event.action in ("amend", "add") else None
            return replace(plan, segments=_change(plan.segments, event, value))
        case "questions":
            text = event.value if isinstance(event.value, str) else None
            return replace(plan, questions=_change(plan.questions, event, text))
        case "documents":
            document = _document(event.value) if event.action in ("amend", "add") else None
            return replace(plan, documents=_change(plan.documents, event, document))
    return plan  # pragma: no cover - every part is matched above


def _change(items: tuple[_T, ...], event: ProgrammeAmended, value: _T | None) -> tuple[_T, ...]:
    listed = list(items)
    index = event.index
    if not 0 <= index <= len(listed):
        return items
    if event.action == "amend" and value is not None and index < len(listed):
        listed[index] = value
    elif event.action == "add" and value is not None:
        at = len(listed) if event.position is None else min(event.position, len(listed))
        listed.insert(at, value)
    elif event.action == "remove" and index < len(listed):
        del listed[index]
    elif event.action == "move" and event.position is not None and index < len(listed):
        moved = listed.pop(index)
        listed.insert(min(event.position, len(listed)), moved)
    return tuple(listed)


def _segment(value: Any) -> Segment | None:
    try:
        return segment_from_json(value)
    except PlanFormatError:
        return None


def _document(value: Any) -> Document | None:
    if not isinstance(value, dict) or not isinstance(value.get("title"), str):
        return None
    symbol, url = value.get("symbol"), value.get("url")
    return Document(
        value["title"],
        symbol if isinstance(symbol, str) else None,
        url if isinstance(url, str) else None,
    )
