"""The pages' Jinja environment: autoescaped and translated into the request's language.

The locale middleware binds the language (``podium.web.locale``); a page takes
its ``lang``, its writing direction (``dir``) and the language picker from it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from podium.i18n import _, current, direction, languages, ngettext
from podium.record.groups import label
from podium.reference import speaks_for
from podium.web.assets import asset

TEMPLATES = Path(__file__).parent / "templates"


# Each language named in itself, as the picker offers it.
NATIVE_NAMES = {
    "ar": "العربية",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
    "zh": "中文",
}


def language(request: Request) -> str:
    """The request's language, as the locale middleware bound it."""
    return current()


def _back(request: Request) -> str:
    """This page's address without ``lang``, for the picker to come back to."""
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lang"])
    return request.url.path + (f"?{query}" if query else "")


def speaking_for(person: Any) -> tuple[str, str | None]:
    """Whom a participant speaks for and the country beside it, as the record says it."""
    return speaks_for(person.delegation, person.organisation, person.country)


def _role(code: str) -> str:
    """A participant's role as the record names it, in the request's language."""
    return label("role", code)


def clock(seconds: float | None) -> Markup:
    """Seconds as m:ss (a minus sign past zero), as the timer shows them.

    Isolated left to right, so that on an Arabic page a timer past zero reads
    "-0:12", not "0:12-".
    """
    if seconds is None:
        return Markup("")
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))
    return Markup('<bdi dir="ltr">{}</bdi>').format(f"{sign}{whole // 60}:{whole % 60:02d}")


def safe_url(url: str | None) -> str:
    """A link only when it is http(s): a note's address never runs script."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return ""


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # The callables read the request's language when a page renders, not when this is built.
    env.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["speaks_for"] = speaking_for
    env.filters["role"] = _role
    env.filters["clock"] = clock
    env.filters["safe_url"] = safe_url
    env.globals["asset"] = asset
    return env


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    lang = current()
    page = {
        "lang": lang,
        "dir": direction(lang),
        "picker": [(code, NATIVE_NAMES.get(code, code)) for code in languages()],
        "here": _back(request),
    }
    html = environment().get_template(name).render({**page, **context})
    return HTMLResponse(html, status_code=status_code)
