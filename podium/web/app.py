"""The ASGI application: the JSON API, the live feed, the pages and the reports."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from podium.i18n import _
from podium.live.hub import Hub
from podium.meetings import ADMIN_MEETING, MeetingService
from podium.store import open_store
from podium.store.base import EventStore
from podium.store.errors import STORAGE_ERRORS
from podium.web import (
    api,
    assets,
    balance_page,
    broadcast,
    creating,
    feed,
    icon,
    links,
    locale,
    pages,
    reports,
    statements,
)
from podium.web.auth import hash_token
from podium.web.connections import FeedCaps
from podium.web.failures import LogHealth, WatchLog, unavailable
from podium.web.head import HeadAsGet
from podium.web.headers import SecurityHeaders
from podium.web.limits import BodyLimit
from podium.web.regions import Deltas

log = logging.getLogger(__name__)

# Below this many bytes, compression saves less than it costs.
GZIP_MINIMUM = 500


def create_app(
    store_url_or_dir: str | os.PathLike[str] | EventStore,
    *,
    admin_token: str | None = None,
    base_url: str | None = None,
    feed_caps: FeedCaps | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The app on the log at a PostgreSQL URL or in a data directory (or on an open store)."""
    if isinstance(store_url_or_dir, str | os.PathLike):
        store = open_store(store_url_or_dir)
    else:
        store = store_url_or_dir
    if admin_token:
        # The admin token given replaces any other: a token changed in the environment
        # stops the old one from creating meetings.
        current = hash_token(admin_token)
        for record in store.tokens(ADMIN_MEETING):
            if record.role == "admin" and record.token_hash != current:
                store.drop_token(record.token_hash)
        store.put_token(current, ADMIN_MEETING, "admin")
    hub = Hub(store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        running: Hub = app.state.hub  # tests may set a hub of their own before start
        await running.start()
        try:
            yield
        finally:
            await running.stop()
            store.close()

    app = FastAPI(
        title="Podium",
        summary=_("Plan and run high-level panels and roundtables."),
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.hub = hub
    app.state.service = MeetingService(store, hub)
    app.state.deltas = Deltas(app.state.service)
    app.state.base_url = base_url.rstrip("/") if base_url else None
    app.state.feed_caps = feed_caps or FeedCaps.configured()
    app.add_middleware(BodyLimit)
    app.add_middleware(HeadAsGet)
    app.state.log_health = LogHealth()
    app.add_middleware(WatchLog, health=app.state.log_health)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        # Links and JSON-LD are made from the Host header when no --base-url is set.
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    # Pages, JSON and static text go compressed to phones on weak links (the feed's
    # event stream is left alone by Starlette, so each event arrives when sent).
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM)
    # Outermost of ours: refusals and errors of every layer speak the request's language.
    app.add_middleware(locale.Locale)
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    for storage_error in STORAGE_ERRORS:
        app.add_exception_handler(storage_error, unavailable)
    app.add_exception_handler(Exception, _failed)
    for part in (
        api,
        links,
        feed,
        pages,
        statements,
        broadcast,
        creating,
        reports,
        icon,
        locale,
        assets,
        balance_page,
    ):
        app.include_router(part.router)
    return app


async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
    """Bad input as one sentence: where, and what was wrong."""
    problems = error.errors()
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


async def _failed(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse(
        {"detail": _("Something went wrong on the server; the error has been logged.")},
        status_code=500,
    )
