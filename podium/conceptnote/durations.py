"""Speaking times as notes write them, in the note's language.

"maximum 15 minutes each", "up to 5 minutes", "5 to 7 minutes", "5-7 mins",
"10 min.", "three minutes", "half an hour", "3 minutes maximum chacun",
"不超过3分钟". A range has both ends; a plain limit has only a maximum. The
words come from the language tables (``[units]``, ``[numbers]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from podium.conceptnote import vocabulary

# English number words, for the writer and for callers that know no language.
NUMBER_WORDS: dict[str, float] = vocabulary.numbers("en")
# Speaking times are looked for this far into a text: a clause is never longer.
_SCAN_MAX = 4000
# A number stands alone: not the tail of a word, a symbol or a decimal.
_ALONE = r"(?<![A-Za-z0-9./\u0400-\u04ff])"


@dataclass(frozen=True)
class Duration:
    minutes_min: float | None
    minutes_max: float | None
    span: tuple[int, int]


@dataclass(frozen=True)
class _Patterns:
    numbers: dict[str, float]
    range: re.Pattern[str]
    limit: re.Pattern[str]
    floor: re.Pattern[str]
    plain: re.Pattern[str]
    half_hour: re.Pattern[str]
    one_hour: re.Pattern[str]
    each: re.Pattern[str]
    total: re.Pattern[str]
    mention: re.Pattern[str]
    hour: re.Pattern[str]


def _spelled(word: str) -> str:
    body = r"\s+".join(map(re.escape, word.split()))
    # Chinese numbers stand against the word they count; other scripts' stand apart.
    return f"(?:{body})" if vocabulary.written_without_spaces(word) else rf"(?<!\w)(?:{body})(?!\w)"


@cache
def _patterns(language: str) -> _Patterns:
    def words(key: str, **edges: bool) -> str:
        return vocabulary.source(language, "units", key, **edges)

    number_words = vocabulary.numbers(language)
    spelled = "|".join(_spelled(word) for word in sorted(number_words, key=len, reverse=True))
    number = rf"(\d{{1,4}}(?:[.,]\d{{1,2}})?|{spelled})"
    unit = rf"({words('minute', start=False)}|{words('hour', start=False)})"
    join = rf"(?:-|–|—|{words('range_join')})"
    lead_in = words("duration", start=False, end=False)
    return _Patterns(
        numbers=number_words,
        range=re.compile(
            rf"{_ALONE}(?:{words('range_start')}\s+)?{number}(?:\s*{unit})?\s*{join}\s*{number}\s*{unit}",
            re.I,
        ),
        limit=re.compile(rf"{words('maximum')}\s*{lead_in}\s*{number}\s*{unit}", re.I),
        floor=re.compile(rf"{words('minimum')}\s*{number}\s*{unit}", re.I),
        plain=re.compile(rf"{_ALONE}{number}[\s-]*{unit}", re.I),
        half_hour=re.compile(words("half_hour"), re.I),
        one_hour=re.compile(words("one_hour"), re.I),
        each=re.compile(words("each"), re.I),
        total=re.compile(words("total"), re.I),
        mention=re.compile(rf"{words('minute', start=False)}|{words('hour', start=False)}", re.I),
        hour=re.compile(words("hour", start=False), re.I),
    )


def _value(patterns: _Patterns, number: str, unit: str | None) -> float:
    value = patterns.numbers.get(" ".join(number.lower().split()))
    if value is None:
        value = float(number.replace(",", "."))
    if unit and patterns.hour.fullmatch(unit):
        value *= 60
    return value


def find_duration(text: str, language: str = "en") -> Duration | None:
    """The first speaking time in ``text`` (in its first few thousand characters)."""
    p = _patterns(language)
    text = text[:_SCAN_MAX]
    candidates: list[Duration] = []
    if m := p.range.search(text):
        low = _value(p, m.group(1), m.group(2) or m.group(4))
        high = _value(p, m.group(3), m.group(4))
        if low < high:
            candidates.append(Duration(low, high, m.span()))
    if m := p.limit.search(text):
        candidates.append(Duration(None, _value(p, m.group(1), m.group(2)), m.span()))
    if m := p.floor.search(text):
        candidates.append(Duration(_value(p, m.group(1), m.group(2)), None, m.span()))
    if m := p.plain.search(text):
        candidates.append(Duration(None, _value(p, m.group(1), m.group(2)), m.span()))
    if m := p.half_hour.search(text):
        candidates.append(Duration(None, 30, m.span()))
    elif m := p.one_hour.search(text):
        candidates.append(Duration(None, 60, m.span()))
    if not candidates:
        return None
    # Where two readings overlap ("maximum 15 minutes" holds "15 minutes"), the wider one wins.
    return min(candidates, key=lambda d: (d.span[0], -(d.span[1] - d.span[0])))


def find_durations(text: str, language: str = "en") -> list[Duration]:
    """Every speaking time in ``text``, in order."""
    found: list[Duration] = []
    offset = 0
    while len(found) < 20 and (duration := find_duration(text[offset:], language)):
        start, end = duration.span
        found.append(
            Duration(duration.minutes_min, duration.minutes_max, (offset + start, offset + end))
        )
        offset += max(end, 1)
    return found


def mentions_time(text: str, language: str = "en") -> bool:
    """Whether ``text`` speaks of minutes or hours at all."""
    return bool(_patterns(language).mention.search(text))


def says_each(text: str, language: str = "en") -> bool:
    return bool(_patterns(language).each.search(text))


def says_total(text: str, language: str = "en") -> bool:
    return bool(_patterns(language).total.search(text))


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
