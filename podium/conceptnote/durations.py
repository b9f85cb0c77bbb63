"""Speaking times as notes write them.

"maximum 15 minutes each", "up to 5 minutes", "5 to 7 minutes", "5-7 mins",
"10 min.", "three minutes", "half an hour". A range has both ends; a plain
limit has only a maximum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS: dict[str, float] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUM = rf"(\d+(?:[.,]\d+)?|{_WORDS})"
_UNIT = r"(minutes?|mins?\b\.?|min\b\.?|hours?|hrs?\b\.?)"
_RANGE = re.compile(
    rf"(?<![\w.])(?:between\s+)?{_NUM}(?:\s*{_UNIT})?\s*(?:-|–|—|to|and)\s*{_NUM}\s*{_UNIT}", re.I
)
_LIMIT = re.compile(
    r"(?:maximum(?:\s+of)?|max\.?|up\s+to|no\s+more\s+than|not\s+(?:to\s+)?exceed(?:ing)?|"
    r"limited\s+to|at\s+most|not\s+longer\s+than|within)\s+(?:a\s+)?"
    rf"(?:duration\s+of\s+)?{_NUM}\s*{_UNIT}",
    re.I,
)
_FLOOR = re.compile(rf"(?:at\s+least|minimum(?:\s+of)?)\s+{_NUM}\s*{_UNIT}", re.I)
_PLAIN = re.compile(rf"(?<![\w.]){_NUM}[\s-]*{_UNIT}", re.I)
_HALF_HOUR = re.compile(r"\bhalf\s+an\s+hour\b|\ban\s+hour\b", re.I)
_EACH = re.compile(
    r"\beach\b|\bapiece\b|\bper\s+(?:speaker|intervention|delegation|panell?ist|discussant|person|"
    r"statement|participant|country|member)\b",
    re.I,
)
_TOTAL = re.compile(r"\bin\s+total\b|\baltogether\b|\boverall\b", re.I)
_MENTION = re.compile(r"\b(?:minutes?|mins?|hours?)\b", re.I)


@dataclass(frozen=True)
class Duration:
    minutes_min: float | None
    minutes_max: float | None
    span: tuple[int, int]


def _value(number: str, unit: str | None) -> float:
    value = NUMBER_WORDS.get(number.lower())
    if value is None:
        value = float(number.replace(",", "."))
    if unit and unit.lower().startswith("h"):
        value *= 60
    return value


def find_duration(text: str) -> Duration | None:
    """The first speaking time in ``text``."""
    candidates: list[Duration] = []
    if m := _RANGE.search(text):
        low, high = _value(m.group(1), m.group(2) or m.group(4)), _value(m.group(3), m.group(4))
        if low < high:
            candidates.append(Duration(low, high, m.span()))
    if m := _LIMIT.search(text):
        candidates.append(Duration(None, _value(m.group(1), m.group(2)), m.span()))
    if m := _FLOOR.search(text):
        candidates.append(Duration(_value(m.group(1), m.group(2)), None, m.span()))
    if m := _PLAIN.search(text):
        candidates.append(Duration(None, _value(m.group(1), m.group(2)), m.span()))
    if m := _HALF_HOUR.search(text):
        candidates.append(Duration(None, 30 if "half" in m.group(0).lower() else 60, m.span()))
    if not candidates:
        return None
    # Where two readings overlap ("maximum 15 minutes" holds "15 minutes"), the wider one wins.
    return min(candidates, key=lambda d: (d.span[0], -(d.span[1] - d.span[0])))


def mentions_time(text: str) -> bool:
    """Whether ``text`` speaks of minutes or hours at all."""
    return bool(_MENTION.search(text))


def says_each(text: str) -> bool:
    return bool(_EACH.search(text))


def says_total(text: str) -> bool:
    return bool(_TOTAL.search(text))


def format_duration(minutes_min: float | None, minutes_max: float | None) -> str:
    """The words the reader reads back to the same numbers."""

    def number(value: float) -> str:
        return str(int(value)) if value == int(value) else str(value)

    if minutes_min is not None and minutes_max is not None:
        return f"{number(minutes_min)}–{number(minutes_max)} minutes"
    if minutes_max is not None:
        return f"maximum {number(minutes_max)} minutes"
    if minutes_min is not None:
        return f"at least {number(minutes_min)} minutes"
    return ""
