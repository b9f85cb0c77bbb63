"""Gettext for every user-visible string.

English is the source language; translations live in ``podium/locale`` as
compiled Babel catalogues. Call ``activate("fr")`` to switch the process's
language; ``_`` and ``ngettext`` look it up at call time.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "podium"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()


def translations(language: str | None) -> _gettext.NullTranslations:
    """The catalogue for ``language``; the untranslated English when there is none."""
    if not language:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def activate(language: str | None) -> None:
    global _translations
    _translations = translations(language)


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)
