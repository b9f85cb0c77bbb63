"""Dates and times as concept notes write them, in the six UN languages.

"Monday, 15 April 2024", "April 15, 2024", "15-19 April 2024", "15.04.2024",
"jeudi 12 mars 2026", "12 de marzo de 2026", "12 марта 2026 г.", "2026年3月12日",
"١٢ آذار/مارس ٢٠٢٦"; "15.00-16.30", "3:00 p.m. – 4:30 p.m.", "15 h 00 à 18 h 00",
"de 15:00 a 18:00 horas", "с 15:00 до 18:00", "15时至18时", "下午3:00".

Month and weekday names come from CLDR (Babel) for every language at once, so
a note in one language that names a month in another is still read; the few
words CLDR does not give are in the [dates] table of each language. Every
pattern is linear: bounded repeats, no nested or overlapping quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from functools import cache

from babel.dates import get_day_names, get_month_names

from podium.conceptnote.languages import LANGUAGES, words

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# CLDR's regional Arabic locales name the months the Levantine and Maghreb way.
_LOCALES = (*LANGUAGES, "ar_SY", "ar_IQ", "ar_MA", "ar_DZ")

# Digits and punctuation folded one character for one, so that spans still
# point into the text as written: Arabic-Indic, Persian and full-width digits,
# full-width colon and dashes, the Arabic comma, narrow and no-break spaces.
_FOLD = str.maketrans(
    {
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "：": ":",
        "－": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "～": "~",
        "，": ",",
        "،": ",",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def fold(text: str) -> str:
    """``text`` with ASCII digits and plain punctuation, the same length."""
    return text.translate(_FOLD)


def _all_words(section: str, key: str) -> list[str]:
    found: set[str] = set()
    for language in LANGUAGES:
        found.update(w.lower() for w in words(language).get(section, {}).get(key, []))
    return sorted(found, key=len, reverse=True)


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in items)


def _key(word: str) -> str:
    return re.sub(r"\s+", " ", word.lower().replace("\u00a0", " ")).rstrip(".").strip()


@cache
def months() -> dict[str, int]:
    """Every month name CLDR knows in the six languages, lower case, without a final dot."""
    names: dict[str, int] = {}
    for locale in _LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names[_key(name)] = number
    names["sept"] = 9
    for language in LANGUAGES:
        table = words(language).get("dates", {})
        for extra in table.get("months", []):
            number = _extra_month(extra, names)
            if number:
                names[_key(extra)] = number
    return names


def _extra_month(word: str, known: dict[str, int]) -> int | None:
    # The TOML lists variant spellings; each is a variant of a CLDR name.
    variants = {"setiembre": 9, "ابريل": 4, "اغسطس": 8, "اكتوبر": 10}
    return known.get(_key(word)) or variants.get(_key(word))


@cache
def weekdays() -> frozenset[str]:
    names: set[str] = set()
    for locale in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names.update(_key(n) for n in get_day_names(width, context, locale).values())
    return frozenset(names)


def month_number(word: str) -> int | None:
    """3 from "March", "mars", "marzo", "марта", "مارس", "آذار/مارس"; None if no month."""
    table = months()
    key = _key(word)
    if key in table:
        return table[key]
    for part in re.split(r"\s?/\s?", key):
        if part in table:
            return table[part]
    # "April and" from "15 April and 16 May", "décembre. Les" from "12 décembre. Les
    # participants": the month is the first word, without the stop that ends a sentence.
    first = key.split(" ", 1)[0].rstrip(".")
    return table.get(first)


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date | None
    span: tuple[int, int]


@dataclass(frozen=True)
class DateMention:
    """A date or range as written; ``year`` is None when the note leaves it to the context."""

    day: int
    month: int
    end_day: int | None
    end_month: int | None
    year: int | None
    end_year: int | None
    span: tuple[int, int]

    def resolve(self, year: int | None = None) -> DateRange | None:
        """The dates, with ``year`` for a mention that gives none; None if impossible."""
        first_year = self.year or year
        if first_year is None:
            return None
        last_year = self.end_year or first_year
        try:
            start = date(first_year, self.month, self.day)
            end = (
                date(last_year, self.end_month or self.month, self.end_day)
                if self.end_day is not None
                else None
            )
        except ValueError:
            return None
        if end is not None and end < start and self.end_year is None and self.year is None:
            end = None
        if end is not None and end <= start:
            end = None
        return DateRange(start, end, self.span)


class UnreadableTime(ValueError):
    """The text has a time in it that cannot be a time of day ("25.00")."""


# A meeting's date, time and zone stand near the start of their line or paragraph;
# looking no further than this keeps a megabyte of hostile text cheap to read.
LOOKED_AT = 4000

_S = r"\s{1,3}"
_S0 = r"\s{0,3}"


@cache
def _date_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    letters = r"[^\W\d_]"
    month = rf"(?<![^\W\d_])({letters}{{2,12}}\.?(?:\s?/\s?{letters}{{2,12}}|\s{letters}{{2,7}})?)"
    day = r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º|°)?"
    year = r"(\d{4})"
    joiners = _alternation(_all_words("dates", "joiners"))
    joined = rf"(?:(?:{joiners}){_S})?"
    # "du mercredi 17 au vendredi 19 mai": a weekday may stand after the "to".
    to = (
        rf"{_S0}(?:[-–—~]|(?:{_alternation(_all_words('dates', 'range'))})(?![^\W\d_])){_S0}"
        rf"(?:{letters}{{3,12}},?{_S})?"
    )
    before_year = rf",?{_S}{joined}"
    dm = rf"{day}{_S}{joined}{month}"
    dmy = rf"{dm}{before_year}{year}"
    cjk_day = r"(?<!\d)(\d{1,2})\s?月\s?(\d{1,2})\s?日"
    cjk_end = r"(?:\s?(?:至|到|-|–|—|~)\s?(?:(\d{1,2})\s?月\s?)?(\d{1,2})\s?日)?"
    shapes = (
        ("dmy-dmy", rf"{dmy}{to}{dmy}"),
        ("dm-dmy", rf"{dm}{to}{dmy}"),
        ("dmy", rf"{day}(?:{to}{day})?{_S}{joined}{month}{before_year}{year}"),
        ("md-mdy", rf"{month}{_S}{day}{to}{month}{_S}{day},?{_S}{year}"),
        ("mdy", rf"{month}{_S}{day}(?:{to}{day})?,?{_S}{year}"),
        ("dm", rf"{day}(?:{to}{day})?{_S}{joined}{month}(?!\w)"),
        ("md", rf"{month}{_S}{day}(?:{to}{day})?(?![\d:.])"),
    )
    return (
        *((shape, re.compile(pattern, re.I)) for shape, pattern in shapes),
        ("cjk", re.compile(rf"(?:(?<!\d)(\d{{4}})\s?年\s?)?{cjk_day}{cjk_end}")),
        ("dotted", re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d.]\d)")),
        ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")),
    )


def _mention(shape: str, g: tuple[str | None, ...], span: tuple[int, int]) -> DateMention | None:
    def n(value: str | None) -> int | None:
        return int(value) if value else None

    def m(value: str | None) -> int | None:
        return month_number(value) if value else None

    if shape == "dmy-dmy":
        parts = (n(g[0]), m(g[1]), n(g[3]), m(g[4]), n(g[2]), n(g[5]))
    elif shape == "dm-dmy":
        parts = (n(g[0]), m(g[1]), n(g[2]), m(g[3]), n(g[4]), None)
    elif shape == "dmy":
        parts = (n(g[0]), m(g[2]), n(g[1]), None, n(g[3]), None)
    elif shape == "md-mdy":
        parts = (n(g[1]), m(g[0]), n(g[3]), m(g[2]), n(g[4]), None)
    elif shape == "mdy":
        parts = (n(g[1]), m(g[0]), n(g[2]), None, n(g[3]), None)
    elif shape == "dm":
        parts = (n(g[0]), m(g[2]), n(g[1]), None, None, None)
    elif shape == "md":
        # A month written first with no year must look like one: "March 12", not "may 5".
        if not (g[0] and g[0][0].isupper() and len(g[0]) > 3):
            return None
        parts = (n(g[1]), m(g[0]), n(g[2]), None, None, None)
    elif shape == "cjk":
        parts = (n(g[2]), n(g[1]), n(g[4]), n(g[3]), n(g[0]), None)
    elif shape == "dotted":
        parts = (n(g[0]), n(g[2]), None, None, n(g[3]), None)
    else:
        parts = (n(g[2]), n(g[1]), None, None, n(g[0]), None)
    day, month, end_day, end_month, year, end_year = parts
    if day is None or month is None or not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if end_day is not None and not 1 <= end_day <= 31:
        return None
    if end_month is not None and not 1 <= end_month <= 12:
        return None
    if shape in ("dmy-dmy", "dm-dmy", "md-mdy") and end_month is None:
        return None
    return DateMention(day, month, end_day, end_month, year, end_year, span)


def find_dates(text: str) -> list[DateMention]:
    """Every date or range of dates in ``text``, in order, the longest reading of each."""
    folded = fold(text[:LOOKED_AT])
    found: list[DateMention] = []
    for shape, pattern in _date_patterns():
        position = 0
        while match := pattern.search(folded, position):
            mention = _mention(shape, match.groups(), match.span())
            if mention is not None:
                found.append(mention)
                position = match.end()
            else:
                position = match.start() + 1
    found.sort(key=lambda d: (d.span[0], -(d.span[1] - d.span[0])))
    kept: list[DateMention] = []
    for mention in found:
        if kept and mention.span[0] < kept[-1].span[1]:
            continue  # inside (or overlapping) a longer reading already kept
        kept.append(mention)
    return kept


def find_date(text: str) -> DateRange | None:
    """The first date or range of dates in ``text`` that gives its year; None when there is none."""
    for mention in find_dates(text):
        if mention.year is not None and (found := mention.resolve()) is not None:
            return found
    return None


def weekday_before(text: str, position: int) -> bool:
    """Whether a weekday's name stands just before ``position`` ("Thursday, 12 March")."""
    before = text[max(0, position - 24) : position]
    tail = re.search(r"([^\W\d_]{2,12}\.?)[\s,]{0,3}$", before)
    return bool(tail and _key(tail.group(1)) in weekdays())


@dataclass(frozen=True)
class TimeRange:
    start: time
    end: time | None
    span: tuple[int, int]


@cache
def _time_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    am, pm = _all_words("dates", "am"), _all_words("dates", "pm")
    # Only Chinese writes the half of the day before the clock ("下午3:00").
    before = [w for w in am + pm if w[0] >= "\u3000"]
    meridiem = rf"[ap]\.?\s?m\.(?!\w)|[ap]m(?![^\W\d_])|{_alternation(am + pm)}"
    hours = _alternation(_all_words("dates", "hours"))
    noon = _alternation(_all_words("dates", "noon"))

    def clock(tag: str) -> str:
        return (
            rf"(?:(?<![^\W\d_])(?P<noon{tag}>{noon})(?!\w)|"
            rf"(?:(?P<pre{tag}>{_alternation(before)})\s?)?"
            rf"(?P<h{tag}>\d{{1,2}})"
            rf"(?:\s?(?P<sep{tag}>[.:]|h(?![^\W\d_])|{hours})(?:\s?(?P<m{tag}>\d{{2}})(?!\d))?)?"
            rf"(?:\s?分)?"
            rf"(?:\s?(?P<ap{tag}>{meridiem}))?)"
        )

    before_clock = _alternation(_all_words("dates", "clock_before"))
    to = (
        rf"{_S0}(?:[-–—~]|(?:{_alternation(_all_words('dates', 'range'))})(?![^\W\d_])){_S0}"
        rf"(?:(?:{before_clock}){_S})?"
    )
    return (
        re.compile(rf"(?<![\d.:/-]){clock('1')}{to}{clock('2')}", re.I),
        re.compile(rf"(?<![\d.:/-]){clock('1')}", re.I),
    )


def _meridiem(word: str | None) -> str | None:
    if not word:
        return None
    key = word.lower().replace(" ", "")
    if key in {w.replace(" ", "") for w in _all_words("dates", "pm")} or key.startswith("p"):
        return "p"
    return "a"


def _clock(hour: str, minute: str | None, meridiem: str | None) -> time:
    h, m = int(hour), int(minute or 0)
    if meridiem:
        if not 0 <= h <= 12:
            raise UnreadableTime(hour)
        if h != 12 and meridiem == "p":
            h += 12
        elif h == 12 and meridiem == "a":
            h = 0
    if h == 24 and m == 0:
        h = 0
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise UnreadableTime(f"{hour}.{minute}")
    return time(h, m)


def _side(match: re.Match[str], tag: str) -> tuple[bool, str | None]:
    """Whether one side of a match is surely a time of day, and its half of the day."""
    if match.group(f"noon{tag}"):
        return True, None
    hour = match.group(f"h{tag}")
    minute = match.group(f"m{tag}")
    sep = match.group(f"sep{tag}")
    meridiem = _meridiem(match.group(f"ap{tag}") or match.group(f"pre{tag}"))
    sure = bool(minute or meridiem or (sep and sep not in ".:"))
    if sep in (".", ":") and not minute:
        sure = bool(meridiem)
    return sure, meridiem if hour else None


def _time_of(match: re.Match[str], tag: str, meridiem: str | None) -> time:
    if match.group(f"noon{tag}"):
        return time(12)
    return _clock(match.group(f"h{tag}"), match.group(f"m{tag}"), meridiem)


def find_times(text: str) -> Iterator[TimeRange]:
    """Every time range (or single starting time) in ``text``, in order.

    Raises UnreadableTime when what looks like a time cannot be one.
    """
    folded = fold(text[:LOOKED_AT])
    ranged, single = _time_patterns()
    taken_until = 0
    for match in ranged.finditer(folded):
        sure1, ap1 = _side(match, "1")
        sure2, ap2 = _side(match, "2")
        if not (sure1 or sure2):
            continue  # "15-19" is a range of days, not of hours
        # "3-4.30 p.m.": the first end takes the meridiem of the second.
        inherited = bool(ap2 and not ap1 and match.group("h1"))
        start = _time_of(match, "1", ap2 if inherited else ap1)
        end = _time_of(match, "2", ap2)
        if ap1 and not ap2 and match.group("h2"):
            # "下午3时至4时30分": the end is in the same half of the day as the start.
            later = _time_of(match, "2", ap1)
            end = later if later > start else end
        if inherited and start > end:
            start = _time_of(match, "1", "a")
        taken_until = match.end()
        yield TimeRange(start, end, match.span())
    if taken_until:
        return
    for match in single.finditer(folded):
        sure, meridiem = _side(match, "1")
        hour_marked = match.group("sep1") and match.group("sep1") not in ".:h"
        if match.group("noon1") or (
            sure and (meridiem or match.group("m1") or hour_marked or match.group("pre1"))
        ):
            yield TimeRange(_time_of(match, "1", meridiem), None, match.span())


def find_time(text: str) -> TimeRange | None:
    """The first time range (or single starting time) in ``text``.

    Raises UnreadableTime when what looks like a time cannot be one.
    """
    return next(find_times(text), None)


def format_date(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_date_range(start: date, end: date | None) -> str:
    """'6 to 15 July 2021', '30 June to 9 July 2021', or one date."""
    if end is None or end == start:
        return format_date(start)
    if start.year != end.year:
        return f"{format_date(start)} to {format_date(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTH_NAMES[start.month - 1]} to {format_date(end)}"
    return f"{start.day} to {format_date(end)}"
