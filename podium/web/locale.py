"""Each request's language: ``?lang=``, then the picker's cookie, then ``Accept-Language``.

The middleware binds it for the whole request (pages, refusals, JSON errors);
the big screen and the meeting's documents speak the meeting's language
instead of the browser's unless ``?lang=`` asks otherwise (``meeting_language``).
``/language`` is the picker's target: it keeps the choice in a cookie and
goes back to the page it came from.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from podium.i18n import SOURCE_LANGUAGE, _language, known

COOKIE = "podium_lang"
COOKIE_DAYS = 365

router = APIRouter(include_in_schema=False)


def _cookie(header: str) -> str | None:
    for part in header.split(";"):
        name, _sep, value = part.strip().partition("=")
        if name == COOKIE:
            return value.strip()
    return None


def _accepted(header: str) -> str | None:
    """The browser's most wanted language that a catalogue speaks."""
    offers: list[tuple[float, int, str]] = []
    for order, part in enumerate(header.split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    weight = float(param[2:])
                except ValueError:
                    weight = 0.0
        if tag and weight > 0:
            offers.append((-weight, order, tag))
    for _weight, _order, tag in sorted(offers):
        if found := known(tag):
            return found
    return None


def asked(scope: Scope) -> str | None:
    """The language ``?lang=`` names, when a catalogue speaks it."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return known((query.get("lang") or [""])[0])


def chosen(scope: Scope) -> str:
    """``?lang=``, the picker's cookie, ``Accept-Language``; English when none is known."""
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
    return (
        asked(scope)
        or known(_cookie(headers.get("cookie", "")))
        or _accepted(headers.get("accept-language", ""))
        or SOURCE_LANGUAGE
    )


def meeting_language(request: Request, language: str | None) -> str:
    """For the room and the record: ``?lang=`` if given, else the meeting's own language."""
    return asked(request.scope) or known(language) or SOURCE_LANGUAGE


class Locale:
    """ASGI middleware binding the request's language for everything it runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        token = _language.set(chosen(scope))
        try:
            await self.app(scope, receive, send)
        finally:
            _language.reset(token)


def _local(path: str | None) -> str:
    """Back to a page of this site only: never an open redirect."""
    if path and path.startswith("/") and not path.startswith(("//", "/\\")):
        return path
    return "/"


@router.get("/language")
def pick_language(request: Request, lang: str = "", back: str = "/") -> RedirectResponse:
    response = RedirectResponse(_local(back), status_code=303)
    found = known(lang)
    if found:
        response.set_cookie(
            COOKIE, found, max_age=COOKIE_DAYS * 86400, httponly=True, samesite="lax"
        )
    else:
        response.delete_cookie(COOKIE)
    return response
