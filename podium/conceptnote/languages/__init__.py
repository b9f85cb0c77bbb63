"""Each language's words, as data: one TOML table per language (``en.toml``, ``fr.toml`` …).

The reader looks words up here (section headings, roles, units, number words,
date and place words) instead of spelling them in regexes of its own, so that
teaching it a language is editing one file.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar", "zh", "ru")


@cache
def words(language: str) -> dict[str, Any]:
    """The table of ``language`` (ISO 639-1), as read from its TOML file."""
    if language not in LANGUAGES:
        raise KeyError(language)
    text = files(__package__).joinpath(f"{language}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def words_of_all(section: str, key: str) -> list[str]:
    """Every language's words under ``[section] key``: for what is read before the language is."""
    out: list[str] = []
    for language in LANGUAGES:
        value = words(language).get(section, {}).get(key, [])
        out.extend([value] if isinstance(value, str) else value)
    return out
