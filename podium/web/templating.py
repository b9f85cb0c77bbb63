"""The pages' Jinja environment: autoescaped, translated, one per language.

English is the source language. A page's language comes from ``?lang=`` or
the browser's ``Accept-Language``, among the catalogues compiled under
``podium/locale``; its writing direction sets the page's ``dir``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from podium.i18n import DOMAIN, LOCALE_DIR, translations
from podium.reference import speaks_for

TEMPLATES = Path(__file__).parent / "templates"
SOURCE_LANGUAGE = "en"


@cache
def languages() -> tuple[str, ...]:
    """English and every language with a compiled catalogue."""
    found = sorted(
        p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo") if p.is_file()
    )
    return (SOURCE_LANGUAGE, *[lang for lang in found if lang != SOURCE_LANGUAGE])


def language(request: Request) -> str:
    """The language asked for by ``?lang=``, else the best of ``Accept-Language``."""
    known = languages()
    asked = request.query_params.get("lang")
    if asked in known:
        return asked
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().replace("-", "_")
        for candidate in (tag, tag.split("_")[0]):
            if candidate in known:
                return candidate
    return SOURCE_LANGUAGE


@cache
def direction(lang: str) -> str:
    try:
        rtl = Locale.parse(lang).character_order == "right-to-left"
    except (ValueError, UnknownLocaleError):
        rtl = False
    return "rtl" if rtl else "ltr"


def speaking_for(person: Any) -> tuple[str, str | None]:
    """Whom a participant speaks for and the country beside it, as the record says it."""
    return speaks_for(person.delegation, person.organisation, person.country)


def clock(seconds: float | None) -> str:
    """Seconds as m:ss (a minus sign past zero), as the timer shows them."""
    if seconds is None:
        return ""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def safe_url(url: str | None) -> str:
    """A link only when it is http(s): a note's address never runs script."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return ""


@cache
def environment(lang: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["speaks_for"] = speaking_for
    env.filters["clock"] = clock
    env.filters["safe_url"] = safe_url
    return env


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    lang = language(request)
    html = environment(lang).get_template(name).render(lang=lang, dir=direction(lang), **context)
    return HTMLResponse(html, status_code=status_code)
