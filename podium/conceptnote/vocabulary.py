"""Each language's words, as the patterns the reader matches.

The words live in ``languages/<code>.toml``; this module turns a list of them
into one regular expression. English words are understood in every language
too, since notes in other languages often keep English terms of art. A
language's table sets the order; words match whole (but for scripts written
without spaces, where a word may stand anywhere).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from podium.conceptnote.languages import LANGUAGES, words

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_WORD = re.compile(r"[a-z\u00e0-\u00ff]+(?:'[a-z\u00e0-\u00ff]+)?")


def _own(language: str, section: str, key: str) -> list[str]:
    table = words(language).get(section, {})
    for part in key.split("."):
        table = table.get(part, {}) if isinstance(table, dict) else {}
    if isinstance(table, str):
        return [table]
    return list(table) if isinstance(table, list) else []


@cache
def entries(language: str, section: str, key: str) -> tuple[str, ...]:
    """The words under ``[section] key`` for ``language``, then English's, each once."""
    found = _own(language, section, key)
    if language != "en":
        found += [w for w in _own("en", section, key) if w not in found]
    return tuple(found)


@cache
def keys(language: str, section: str) -> tuple[str, ...]:
    """The keys of a table (``[roles.cues]``), in the order of the English table, then others."""
    order: list[str] = []
    for code in ("en", language):
        table = words(code)
        for part in section.split("."):
            table = table.get(part, {})
        order += [k for k in table if k not in order]
    return tuple(order)


def written_without_spaces(word: str) -> bool:
    """Whether ``word`` is of a script written without spaces, where no word boundary shows."""
    return bool(_CJK.search(word))


def _guards(entry: str, language: str) -> tuple[str, str]:
    """What keeps a word written without spaces from matching inside a longer word of the
    language's ``[compounds]`` ("主席" inside "主席团" or "前主席"): lookbehinds, lookaheads."""
    behind, ahead = "", ""
    for compound in _own(language, "compounds", "words"):
        at = compound.find(entry)
        if at < 0 or compound == entry:
            continue
        before, after = compound[:at], compound[at + len(entry) :]
        if not before:
            ahead += f"(?!{re.escape(after)})"
        elif not after:
            behind += f"(?<!{re.escape(before)})"
    return behind, ahead


def _fragment(entry: str, *, start: bool, end: bool, language: str = "en") -> str:
    body = r"\s+".join(entry.split(" "))
    if _CJK.search(entry):
        behind, ahead = _guards(entry, language)
        return f"{behind}(?:{body}){ahead}"
    before = r"\b" if start else ""
    after = r"\b" if end else ""
    return f"{before}(?:{body}){after}"


def source(language: str, section: str, key: str, *, start: bool = True, end: bool = True) -> str:
    """One regular expression (as source) matching any of the words under ``[section] key``."""
    found = sorted(entries(language, section, key), key=len, reverse=True)
    if not found:
        return r"(?!x)x"
    fragments = (_fragment(e, start=start, end=end, language=language) for e in found)
    return "(?:" + "|".join(fragments) + ")"


@cache
def pattern(language: str, section: str, key: str) -> re.Pattern[str]:
    """The words under ``[section] key`` as a compiled, case-blind pattern."""
    return re.compile(source(language, section, key), re.I)


@cache
def numbers(language: str) -> dict[str, float]:
    """Number words ("three", "trois", "tres") and their values, lower-cased."""
    values: dict[str, float] = {}
    for code in (language, "en"):
        for word, value in words(code).get("numbers", {}).items():
            values.setdefault(word.lower(), float(value))
    return values


@cache
def labels(language: str) -> frozenset[str]:
    """The words that name the paper itself ("Concept note", "Note conceptuelle")."""
    return frozenset(e.lower() for code in LANGUAGES for e in _own(code, "headings", "labels"))


def detect(text: str) -> str:
    """The language a note is written in (ISO 639-1), from its script, then its common words."""
    sample = text[:200_000]
    scripts = Counter(
        "zh"
        if _CJK.match(c)
        else "ar"
        if _ARABIC.match(c)
        else "ru"
        if _CYRILLIC.match(c)
        else "latin"
        if _LATIN.match(c)
        else ""
        for c in sample
        if c.isalpha()
    )
    scripts.pop("", None)
    if not scripts:
        return "en"
    script = scripts.most_common(1)[0][0]
    # Chinese says in one character what Latin scripts say in five.
    if scripts["zh"] * 4 >= max(scripts["latin"], 1) and scripts["zh"] >= 20:
        return "zh"
    if script != "latin":
        return script
    used = Counter(_LATIN_WORD.findall(sample.lower()))
    scores = {
        code: sum(used[w] for w in _own(code, "detect", "words"))
        for code in LANGUAGES
        if _own(code, "detect", "words")
    }
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] > scores.get("en", 0) else "en"
