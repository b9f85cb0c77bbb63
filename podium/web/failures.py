"""When the log cannot be read or written: a 503 that says so, and one log line per change.

A database that is down, a disk that is full or a file made read-only stops
every command. The server then answers each request that needs the log with
a 503 that says the log cannot be written and nothing was recorded (a page
for browsers, JSON for the API), logs once when the log goes away and once
when it is back, never a traceback per request.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from podium.i18n import _
from podium.store.base import Conflict
from podium.store.errors import STORAGE_ERRORS

log = logging.getLogger("podium.log")
log_errors = logging.getLogger("podium.web.app")

RETRY_AFTER_SECONDS = 5


class LogHealth:
    """Whether the log answers, as last seen; says so in the server's log when it changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.down = False

    def failed(self, error: BaseException) -> None:
        with self._lock:
            if self.down:
                return
            self.down = True
        reason = " ".join(str(error).split())[:200] or type(error).__name__
        log.error("The event log cannot be read or written (%s); answering 503.", reason)

    def answered(self) -> None:
        with self._lock:
            if not self.down:
                return
            self.down = False
        log.warning("The event log answers again.")


def invalid(problems: Sequence[Any]) -> JSONResponse:
    """Bad input as one sentence (a 422): where, and what was wrong (pydantic's errors)."""
    first = problems[0] if problems else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("body",)]
    kind = first.get("type", "")
    message = str(first.get("msg", _("is not valid")))
    if kind == "json_invalid":
        detail = _("The body is not valid JSON.")
    elif kind == "missing" and not location:
        detail = _("A JSON body is required.")
    elif kind in ("model_attributes_type", "dict_type") and not location:
        detail = _("The body must be a JSON object with a 'type'.")
    elif kind == "union_tag_not_found":
        detail = _("The body must say its 'type'.")
    elif location:
        detail = f"{'.'.join(location)}: {message}"
    else:
        detail = message
    return JSONResponse({"detail": detail}, status_code=422)


def failed(request: Request, error: Exception) -> JSONResponse:
    """A 500 that says the error was logged; the traceback goes to the log only."""
    log_errors.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse(
        {"detail": _("Something went wrong on the server; the error has been logged.")},
        status_code=500,
    )


def is_storage_error(error: BaseException) -> bool:
    return isinstance(error, STORAGE_ERRORS) and not isinstance(error, Conflict)


def unavailable(request: Request, error: Exception) -> Response:
    """The 503 for a request the log could not serve."""
    health: LogHealth = request.app.state.log_health
    health.failed(error)
    message = _(
        "The meeting's log cannot be written or read just now, so nothing was recorded. "
        "Please try again in a moment."
    )
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": message}, status_code=503, headers=headers)
    from podium.web.templating import render

    page: HTMLResponse = render(request, "message.html", {"heading": message}, 503)
    page.headers.update(headers)
    return page


class WatchLog:
    """Marks the log as answering again after a request that needed it succeeds."""

    def __init__(self, app: ASGIApp, health: LogHealth) -> None:
        self.app = app
        self.health = health

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not self.health.down or path.startswith("/static/"):
            await self.app(scope, receive, send)
            return

        async def watched(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] < 500:
                self.health.answered()
            await send(message)

        await self.app(scope, receive, watched)
