"""How a note names its meeting, in the six languages: session number, kind and title.

"Twenty-seventh annual session", "Vingt-septième session", "27.º período de
sesiones", "двадцать седьмая сессия", "الدورة السابعة والعشرون", "第二十七届会议";
"High-level panel on …", "Table ronde de haut niveau sur …", "关于“…”的高级别小组讨论".
The words are data (``data/titles.toml``).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from podium.conceptnote.dates import LOOKED_AT
from podium.conceptnote.languages import LANGUAGES

_QUOTES = "“”\"‘’'«»„「」『』"
_DIGIT_ORDINAL = re.compile(
    r"(\d{1,3})(?:st|nd|rd|th|e|er|re|ère|ème|eme|è|\.?º|\.?ª|°|-?я|-?й|-?ая|-?ой|-?ый)?",
    re.I,
)
_CHINESE_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_RUSSIAN_ENDINGS = (
    "ого",
    "ому",
    "ая",
    "ой",
    "ый",
    "ий",
    "ья",
    "ье",
    "ое",
    "ую",
    "ей",
    "ым",
    "ом",
    "ых",
    "я",
    "е",
    "й",
)
_GLUE = {"et", "y", "и", "and"}  # fmt: skip


def _plain(word: str) -> str:
    """Lower case without accents, for lookups that forgive "vigesimo" for "vigésimo"."""
    kept = []
    for char in word.lower():
        base = unicodedata.normalize("NFKD", char)[0]
        # Latin letters lose their accents; Cyrillic "й" must stay itself.
        kept.append(base if char < "\u0250" else char)
    return "".join(kept).replace("ё", "е")


@cache
def titles() -> dict[str, dict[str, Any]]:
    raw = files("podium.conceptnote").joinpath("data/titles.toml").read_text("utf-8")
    table: dict[str, dict[str, Any]] = tomllib.loads(raw)
    return table


def _order(language: str) -> list[str]:
    return [language] + [other for other in LANGUAGES if other != language]


@cache
def _numbers(language: str) -> tuple[dict[str, int], dict[str, int]]:
    table = titles().get(language, {})
    ordinals = {_plain(k): int(v) for k, v in table.get("ordinals", {}).items()}
    tens = {_plain(k): int(v) for k, v in table.get("tens", {}).items()}
    return ordinals, tens


def _word_value(word: str, language: str, ordinal: bool) -> int | None:
    ordinals, tens = _numbers(language)
    table = ordinals if ordinal else tens
    key = _plain(word)
    if language == "ar" and key.startswith("و") and key[1:] in table:
        key = key[1:]
    if key in table:
        return table[key]
    if not ordinal and ordinals.get(key, 0) >= 20 and ordinals[key] % 10 == 0:
        return ordinals[key]  # "vigésimo séptimo": a tens ordinal before the unit
    if language == "ru" and ordinal:
        for ending in _RUSSIAN_ENDINGS:
            if key.endswith(ending) and key[: -len(ending)] in table:
                return table[key[: -len(ending)]]
    if ordinal:
        # One word for two: "vigesimoséptimo", "soixante-dixième" written whole.
        for cut in range(3, len(key) - 2):
            left, right = key[:cut], key[cut:]
            head = tens.get(left) or ordinals.get(left)
            if head and head % 10 == 0 and right in ordinals and ordinals[right] < 10:
                return head + ordinals[right]
    return None


def _chinese_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CHINESE_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CHINESE_DIGITS[text] if len(text) == 1 else None
    tens_part, _sep, units = text.partition("十")
    tens = _CHINESE_DIGITS.get(tens_part, 0) if tens_part else 1
    unit = _CHINESE_DIGITS.get(units, 0) if units else 0
    return tens * 10 + unit if (not tens_part or tens_part in _CHINESE_DIGITS) else None


def ordinal_value(phrase: str, language: str | None = None) -> int | None:
    """27 from "27th", "vingt-septième", "vigésimo séptimo", "двадцать седьмая"."""
    phrase = phrase.strip().strip(",.;:")
    if digits := _DIGIT_ORDINAL.fullmatch(phrase):
        return int(digits.group(1))
    words = [w for w in re.split(r"[\s\-]+", phrase) if w and _plain(w) not in _GLUE]
    if not words:
        return None
    for candidate in _order(language or "en"):
        if candidate == "zh":
            continue
        if candidate == "ar":
            # Arabic names the unit first: "السابعة والعشرون", "الحادية عشرة".
            values = [_word_value(w, "ar", True) or _word_value(w, "ar", False) for w in words]
            if all(v is not None for v in values):
                return sum(v for v in values if v is not None)
            continue
        *leading, last = words
        final = _word_value(last, candidate, True)
        if final is None:
            continue
        total = final
        for word in leading:
            value = _word_value(word, candidate, False)
            if value is None and candidate == "fr" and _plain(word) == "quatre":
                value = 0  # "quatre-vingt…": "vingt" then counts as 80 below
            if value is None:
                break
            total += value
        else:
            if candidate == "fr" and "quatre" in [_plain(w) for w in leading]:
                total += 60  # quatre + vingt (20) → 80
            return total
    return None


@dataclass(frozen=True)
class Session:
    number: int
    title: str
    span: tuple[int, int]


def _session_words(language: str) -> list[str]:
    return sorted(titles().get(language, {}).get("session", []), key=len, reverse=True)


def _find_chinese(text: str) -> Session | None:
    for match in re.finditer(
        r"第\s?([0-9一二两三四五六七八九十]{1,4})\s?(届会议|届会|次会议|届)", text
    ):
        number = _chinese_number(match.group(1))
        if number:
            return Session(number, match.group(0), match.span())
    return None


def find_session(text: str, language: str = "en") -> Session | None:
    """The session a line names, with the words naming it, in any of the six languages."""
    text = text[:LOOKED_AT]
    lowered = text.lower()
    for candidate in _order(language):
        if candidate == "zh":
            if found := _find_chinese(text):
                return found
            continue
        table = titles().get(candidate, {})
        qualifiers = {_plain(q) for q in table.get("qualifiers", [])}
        for word in _session_words(candidate):
            for match in re.finditer(rf"(?<!\w){re.escape(word.lower())}(?!\w)", lowered):
                if table.get("ordinal_after"):
                    after = text[match.end() : match.end() + 60].split()[:4]
                    after = [w for w in after if _plain(w) not in qualifiers]
                    for size in range(min(3, len(after)), 0, -1):
                        phrase = " ".join(after[:size])
                        if (number := ordinal_value(phrase, candidate)) is not None:
                            end = text.find(after[size - 1], match.end()) + len(after[size - 1])
                            return Session(number, text[match.start() : end], (match.start(), end))
                    continue
                before = text[max(0, match.start() - 60) : match.start()]
                words = before.split()
                while words and _plain(words[-1]) in qualifiers:
                    words.pop()
                for size in range(min(4, len(words)), 0, -1):
                    phrase = " ".join(words[-size:])
                    if (number := ordinal_value(phrase, candidate)) is not None:
                        start = before.rfind(words[-size]) + match.start() - len(before)
                        return Session(number, text[start : match.end()], (start, match.end()))
    return None


def fold_accents(text: str) -> str:
    """Latin letters without their accents, one character for one ("Sesion" meets "Sesión")."""
    return "".join(
        unicodedata.normalize("NFKD", c)[0] if "\u00c0" <= c < "\u0250" else c for c in text
    )


def _alternation(words: list[str]) -> str:
    ordered = sorted({fold_accents(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered)


@cache
def _kind_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    table = titles().get(language, {})
    kinds = _alternation(table.get("kinds", []))
    after = _alternation(table.get("after_kind", []))
    before = _alternation(table.get("before_title", []))
    if language == "zh":
        return (
            re.compile(
                rf"^(?:关于)?[“「『\"](?P<title>[^”」』\"]{{1,300}})[”」』\"]\s?的?"
                rf"(?P<kind>[^\s“「『\"]{{0,12}}?(?:{kinds}))$"
            ),
            re.compile(rf"^(?P<kind>[^\s:：]{{0,12}}?(?:{kinds}))\s?[:：]\s?(?P<title>\S.*)$"),
        )
    after_part = rf"(?:\s(?:{after})){{0,2}}" if after else ""
    before_part = rf"(?:{before})(?!\w)\s{{0,2}}:?|" if before else ""
    # Words before the noun ("High-level", "Scientific forum") start with a letter.
    noun = rf"(?=[^\W\d_])[\w\-’' ]{{0,60}}?(?<![^\W\d_])(?:{kinds})s?"
    # "Ministerial round table 1 on …", "Plenary session I: …": the number is no part of it.
    numbered = r"(?:\s(?:\d{1,2}|[IVX]{1,4})(?![\w]))?"
    patterns = [
        re.compile(
            rf"^(?P<kind>{noun}{after_part}){numbered}\s{{0,2}},?\s{{0,2}}"
            rf"(?:{before_part}:|–|—|(?=[{_QUOTES}]))"
            rf"\s{{0,2}}(?P<title>\S.*)$",
            re.I,
        ),
        # "Sesión inaugural: …", "Panel discussion III: …": a word or two, then a colon.
        re.compile(
            rf"^(?P<kind>{noun}(?:\s[^\W\d_]{{2,20}}){{0,2}}){numbered}\s{{0,2}}:\s{{0,2}}"
            rf"(?P<title>\S.*)$",
            re.I,
        ),
    ]
    if before:
        # Any words before "on" when the title is quoted: "Scientific forum on “X”".
        patterns.append(
            re.compile(
                rf"^(?P<kind>[^\W\d_][\w\-’' ]{{2,60}}?)\s(?:{before})\s{{0,2}}:?\s{{0,2}}"
                rf"(?P<title>[{_QUOTES}].+)$",
                re.I,
            )
        )
    # A line that is a kind and nothing else ("Sesion de apertura"), or a kind that begins a
    # longer name ("Meeting of the Council with …"); no words before the noun, or
    # "Objectives of the roundtable" would be one.
    last = _alternation(table.get("kind_last", []))
    if last:
        # "Update by the High Commissioner followed by general debate": the line is the title.
        patterns.append(
            re.compile(rf"^(?P<title>.{{3,200}}\s(?:{last})\s(?P<kind>(?:{kinds})s?))$", re.I)
        )
    then = _alternation(table.get("kind_then", []))
    ending = rf"(?:$|\s(?:{then})\s)" if then else "$"
    patterns.append(
        re.compile(
            rf"^(?P<kind>(?:high-level\s)?(?:{kinds})s?{after_part})(?P<title>){ending}", re.I
        )
    )
    return tuple(patterns)


_BROKEN_HYPHEN = re.compile(r"(?<=[^\W\d_])- (?=[^\W\d_])")


def unquote(text: str) -> str:
    """A title without its quotes, and with the words a PDF line break split ("sixty- first")."""
    text = _BROKEN_HYPHEN.sub("-", text)
    return text.strip().strip(_QUOTES).strip().rstrip(".").strip(_QUOTES).strip()


def _kind_words(kind: str, language: str) -> str:
    kind = re.sub(r"\s+", " ", kind).strip().lower()
    for ending in titles().get(language, {}).get("drop_after_kind", []):
        # "high-level opening of the session" is a "high-level opening"; "opening of the
        # session" stays what it is.
        if kind.endswith(" " + ending) and len(kind[: -len(ending)].split()) > 1:
            return kind[: -len(ending) - 1]
    return kind


def _inner_title(title: str) -> str:
    """ "the priority theme “X”" → "X": the quoted words when only a few stand before them."""
    opening = next((i for i, c in enumerate(title) if c in _QUOTES), None)
    if opening and len(title[:opening].split()) <= 5:
        inner = unquote(title[opening:])
        if inner:
            return inner
    return unquote(title)


def find_kind_and_title(text: str, language: str = "en") -> tuple[str, str] | None:
    """The kind of meeting and its title, from a title line such as "High-level panel on “X”".

    The title is empty when the line names the kind alone.
    """
    text = text[:LOOKED_AT]
    folded = fold_accents(text)
    alone: tuple[str, str] | None = None
    for candidate in _order(language):
        for pattern in _kind_patterns(candidate):
            match = pattern.match(folded)
            if not match:
                continue
            kind = _kind_words(text[slice(*match.span("kind"))], candidate)
            title = text[slice(*match.span("title"))]
            if match.start("title") == 0 and match.end("kind") == len(folded):
                return kind, unquote(text)
            between = folded[match.end("kind") : match.start("title")]
            if title and title[0] not in _QUOTES and ":" in between:
                # "Special event: panel discussion on “X”": the kind inside the title is the kind.
                inner = find_kind_and_title(title, candidate) if title != text else None
                if inner and inner[1]:
                    return inner
            if not title:
                # A kind alone, unless another language reads a title in the line too.
                alone = alone or (kind, "")
            elif found := _inner_title(title):
                return kind, found
    return alone


@cache
def _theme_pattern() -> re.Pattern[str]:
    themes = [w for table in titles().values() for w in table.get("theme", [])]
    return re.compile(
        rf"^(?:{_alternation(themes)})(?:\s[A-Z0-9]{{1,2}})?\s{{0,2}}[:：]\s{{0,2}}(?P<title>\S.*)$",
        re.I,
    )


def find_theme(text: str) -> str | None:
    """The title a "Theme: “X”" line gives."""
    text = text[:LOOKED_AT]
    match = _theme_pattern().match(fold_accents(text))
    return unquote(text[match.start("title") :]) if match else None


@cache
def _prose_kind_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    table = titles().get(language, {})
    kinds = _alternation(table.get("kinds", []))
    after = _alternation(table.get("after_kind", []))
    then = _alternation(table.get("kind_then", []))
    if not kinds:
        return ()
    kind = rf"(?P<kind>(?:high-level\s)?(?:{kinds})s?(?:\s(?:{after})){{0,2}})"
    # Not "this session of the Commission": a kind that begins a longer name is another meeting.
    closed = rf"(?![^\W\d_])(?!\s(?:{then})(?![^\W\d_]))" if then else r"(?![^\W\d_])"
    found = []
    for key, start in (("held_as", r"(?<![^\W\d_])"), ("this", r"(?<![^\W\d_])"), ("the", r"^")):
        words = "|".join(fold_accents(w) for w in table.get(key, []))
        if words:
            found.append(re.compile(rf"{start}(?:{words})\s?{kind}{closed}", re.I))
    return tuple(found)


def find_kind_in_prose(sentences: list[str], language: str = "en") -> str | None:
    """The kind of meeting the note's prose gives when its title block names none: "organized
    as a town hall meeting" first, then "this session", then "The Forum …" opening a sentence."""
    for pattern in _prose_kind_patterns(language):
        for sentence in sentences:
            text = sentence[:LOOKED_AT].strip()
            if match := pattern.search(fold_accents(text)):
                return _kind_words(text[slice(*match.span("kind"))], language)
    return None
