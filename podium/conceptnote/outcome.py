"""Where a meeting's outcome goes, and the Sustainable Development Goals a note names."""

from __future__ import annotations

import re

from podium.conceptnote.dates import find_date, format_date_range
from podium.meeting.plan import Outcome

_GOALS = re.compile(
    r"\b(?:SDGs?|Sustainable\s+Development\s+Goals?|Goals?)\s*(?:\(SDGs?\)\s*)?(?:(?:Nos?\.|numbers?)\s*)?"
    r"(?=\d)",
    re.I,
)
_FIRST = re.compile(r"(\d{1,2})(?![\d%]|[.,]\d)")
_NEXT = re.compile(
    r"(?:\s+on\s+[^.;\d]*?)?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(\d{1,2})(?![\d%]|[.,]\d)"
)
_FORUM_VERB = re.compile(
    r"\b(?:contribute|feed|be\s+fed|provide\s+input|inform|be\s+presented|be\s+submitted|"
    r"be\s+transmitted|be\s+reported)\s+(?:in)?to\s+the\s+",
    re.I,
)
_FORUM_END = re.compile(
    r",|\s+which\b|\s+to\s+be\s+held\b|\s+taking\s+place\b|\s+that\s+will\b|\.\s|\.$"
)
_FORUM_WORDS = re.compile(
    r"forum|HLPF|assembly|council|conference|summit|session|commission|meeting|dialogue", re.I
)
_HELD = re.compile(r"\b(?:held|take\s+place|takes\s+place|convene|meet|scheduled)\b", re.I)


def read_sdgs(text: str) -> set[int]:
    """Every goal number named: "SDGs 9 and 17", "Goals 1 on no poverty, 2 on zero hunger, ..."."""
    found: set[int] = set()
    for trigger in _GOALS.finditer(text):
        position = trigger.end()
        first = _FIRST.match(text, position)
        if not first:
            continue
        numbers = [int(first.group(1))]
        position = first.end()
        while following := _NEXT.match(text, position):
            numbers.append(int(following.group(1)))
            position = following.end()
        found.update(n for n in numbers if 1 <= n <= 17)
    return found


def read_outcome(sentence: str) -> Outcome | None:
    """The forum a sentence says the outcome goes to, with the forum's dates when given."""
    verb = _FORUM_VERB.search(sentence)
    if not verb:
        return None
    rest = sentence[verb.end() :]
    end = _FORUM_END.search(rest)
    forum = (rest[: end.start()] if end else rest).strip().rstrip(".")
    if not forum or not _FORUM_WORDS.search(forum):
        return None
    after = rest[len(forum) :]
    held = _HELD.search(after)
    dates = find_date(after[held.end() :]) if held else None
    return Outcome(
        forum=forum, start=dates.start if dates else None, end=dates.end if dates else None
    )


def format_outcome(outcome: Outcome, kind: str | None) -> str:
    sentence = f"The outcome of the {kind or 'meeting'} will contribute to the {outcome.forum}"
    if outcome.start:
        held = format_date_range(outcome.start, outcome.end)
        sentence += f", which will be held {'from ' if outcome.end else 'on '}{held}"
    return sentence + "."


def format_sdgs(goals: tuple[int, ...]) -> str:
    if len(goals) == 1:
        return f"The discussion will address Sustainable Development Goal {goals[0]}."
    listed = ", ".join(str(g) for g in goals[:-1]) + f" and {goals[-1]}"
    return f"The discussion will address Sustainable Development Goals {listed}."
