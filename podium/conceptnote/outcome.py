"""Where a meeting's outcome goes, and the Sustainable Development Goals a note names."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

from podium.conceptnote.dates import LOOKED_AT, find_date, format_date_range
from podium.conceptnote.languages import LANGUAGES
from podium.conceptnote.sessions import unquote
from podium.meeting.plan import Outcome

_FIRST = re.compile(r"(\d{1,2})(?![\d%]|[.,]\d)")
_HELD = re.compile(
    r"\b(?:held|take\s+place|takes\s+place|convene|meet|scheduled|aura lieu|se tiendra|"
    r"se celebrará|tendrá lugar|состоится|пройдет)\b",
    re.I,
)
# Dates given right after the forum ("at its next session, 4–22 July 2026").
_DATES_WITHIN = 100


@cache
def _table() -> dict[str, dict[str, Any]]:
    raw = files("podium.conceptnote").joinpath("data/outcomes.toml").read_text("utf-8")
    table: dict[str, dict[str, Any]] = tomllib.loads(raw)
    return table


def _words(key: str, language: str | None = None) -> list[str]:
    languages = [language] if language else list(LANGUAGES)
    found = {w for code in languages for w in _table().get(code, {}).get(key, [])}
    return sorted(found, key=len, reverse=True)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


@cache
def _goal_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Matched against the lower-case text without re.I, so that the engine can skip
    # quickly to the first letters of the words.
    goals = _alternation(sorted({w.lower() for w in _words("goals")}, key=len, reverse=True))
    joiners = _alternation(_words("and"))
    trigger = re.compile(
        rf"(?:{goals})\s{{0,2}}(?:\(sdgs?\)\s{{0,2}})?"
        rf"(?:(?:nos?\.|numbers?|n[°º]s?)\s{{0,2}})?(?=\d)"
    )
    following = re.compile(
        rf"(?:\s{{1,2}}on\s[^.;\d]{{0,80}}?)?"
        rf"(?:\s{{0,2}}[,،、]\s{{0,2}}(?:(?:{joiners})\s{{1,2}})?|\s{{0,2}}(?:{joiners})\s{{0,2}})"
        r"(\d{1,2})(?![\d%]|[.,]\d)",
        re.I,
    )
    return trigger, following


def read_sdgs(text: str) -> set[int]:
    """Every goal named: "SDGs 9 and 17", "ODS 5", "ЦУР 13", "可持续发展目标4", "الأهداف 1 و2"."""
    trigger, following = _goal_patterns()
    found: set[int] = set()
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text  # a rare letter whose lower case is longer
    for match in trigger.finditer(lowered):
        if match.start() and text[match.start() - 1].isalpha():
            continue  # inside a word; checked here so the pattern starts with its words
        first = _FIRST.match(text, match.end())
        if not first:
            continue
        numbers = [int(first.group(1))]
        position = first.end()
        while more := following.match(text, position):
            numbers.append(int(more.group(1)))
            position = more.end()
        found.update(n for n in numbers if 1 <= n <= 17)
    return found


@cache
def _outcome_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    verbs = _alternation(_words("to_forum", language))
    inputs = _alternation(_words("input", language))
    if inputs:
        # "la contribution collective de la région au forum …": a few words between.
        into = _alternation(_words("input_to", language))
        verbs += rf"|(?:{inputs})(?:\s[^\s,;.]{{1,25}}){{0,4}}?\s(?:{into})"
    if language == "ar":
        # "تُرفع رسائل المنتدى إلى المنتدى …": the verb, its subject, then "to".
        lead = rf"(?<![^\W\d_])(?:{verbs})(?:\s[^\s]{{1,25}}){{0,3}}?\s(?:إلى|الى)\s"
    else:
        lead = rf"(?<![^\W\d_])(?:{verbs})\s{{1,2}}"
    ends = _alternation(_words("ends", language))
    end = rf"[,;،，。]|\.(?:\s|$)|\s(?:{ends})(?![^\W\d_])" if ends else r"[,;。]|\.(?:\s|$)"
    at_its = _alternation(_words("at_its", language))
    return (
        re.compile(lead, re.I),
        re.compile(end, re.I),
        re.compile(rf"\s(?:{at_its})\s" if at_its else r"(?!)", re.I),
    )


def _forum_words(forum: str) -> bool:
    lowered = forum.lower()
    if any(lowered.startswith(word) for word in _words("not_forum")):
        return False
    return any(word in lowered for word in _words("forum"))


def read_outcome(sentence: str) -> Outcome | None:
    """The forum a sentence says the outcome goes to, with the forum's dates when given."""
    sentence = sentence[:LOOKED_AT]
    for language in LANGUAGES:
        lead, end, at_its = _outcome_patterns(language)
        verb = lead.search(sentence)
        if not verb:
            continue
        rest = sentence[verb.end() :]
        stop = end.search(rest)
        # "to the Council at its next session, 4–22 July": the session belongs to the forum.
        if stop and at_its.search(rest[: stop.start()]) is None and rest[stop.start()] == ",":
            session = at_its.search(rest)
            if session and session.start() < stop.start() + 3:
                stop = end.search(rest, session.end())
        forum = (rest[: stop.start()] if stop else rest).strip().rstrip(".")
        forum = unquote(at_its.sub(", ", forum))
        if not forum or not _forum_words(forum):
            continue
        after = rest[stop.start() if stop else len(rest) :]
        held = _HELD.search(after)
        when = find_date(after[held.end() :] if held else after[:_DATES_WITHIN])
        return Outcome(
            forum=forum, start=when.start if when else None, end=when.end if when else None
        )
    return None


def named_forum(outcome: Outcome, body: str | None) -> Outcome:
    """ "To the Council at its next session" in a note of the Human Rights Council: the forum
    named by the note's body in full."""
    if not body:
        return outcome
    short, comma, session = outcome.forum.partition(",")
    named = {word.casefold() for word in body.split()}
    if len(short.split()) != 1 or short.strip().casefold() not in named or body == short:
        return outcome
    return Outcome(forum=f"{body}{comma}{session}", start=outcome.start, end=outcome.end)


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
