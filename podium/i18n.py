"""Gettext for every user-visible string, in the language of the request at hand.

English is the source language; translations live in ``podium/locale`` as
compiled Babel catalogues. The language is a context variable, so each web
request (bound by the locale middleware), each report and each command reads
its own: ``with speaking("fr"): ...`` or ``activate("fr")``. ``_`` and
``ngettext`` look it up at call time; the pure core only marks its strings
with ``N_`` and the edge translates them.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "podium"
SOURCE_LANGUAGE = "en"

_language: ContextVar[str] = ContextVar("podium_language", default=SOURCE_LANGUAGE)


@cache
def languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue, English first."""
    found = sorted(
        p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo") if p.is_file()
    )
    return (SOURCE_LANGUAGE, *[lang for lang in found if lang != SOURCE_LANGUAGE])


def known(language: str | None) -> str | None:
    """``language`` (or its base, "fr" for "fr-CA") when a catalogue speaks it; else None."""
    if not language:
        return None
    tag = language.strip().replace("-", "_")
    for candidate in (tag, tag.split("_")[0].lower()):
        if candidate in languages():
            return candidate
    return None


@cache
def translations(language: str | None) -> _gettext.NullTranslations:
    """The catalogue for ``language``; the untranslated English when there is none."""
    if not language or language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


@cache
def direction(language: str) -> str:
    """``rtl`` for a language written right to left (Arabic), ``ltr`` otherwise."""
    try:
        rtl = Locale.parse(language).character_order == "right-to-left"
    except (ValueError, UnknownLocaleError):
        rtl = False
    return "rtl" if rtl else "ltr"


def current() -> str:
    """The language strings are translated into here and now."""
    return _language.get()


def locale_name(language: str | None = None) -> str:
    """The Babel locale that writes dates and numbers in ``language`` (the current one by
    default): English as the United Nations writes it (en_GB), the others as they are."""
    spoken = language or current()
    return "en_GB" if spoken == SOURCE_LANGUAGE else spoken


def activate(language: str | None) -> None:
    """Speak ``language`` for the rest of this context (a request, a command)."""
    _language.set(known(language) or SOURCE_LANGUAGE)


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Speak ``language`` inside the block, then the language spoken before."""
    token = _language.set(known(language) or SOURCE_LANGUAGE)
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def _(message: str) -> str:
    return translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_language.get()).ngettext(singular, plural, n)
