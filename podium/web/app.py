"""The ASGI application: the JSON API, the live feed, the pages and the reports."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp

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
from podium.web.deps import command_threads
from podium.web.failures import LogHealth, WatchLog, failed, invalid, unavailable
from podium.web.head import HeadAsGet
from podium.web.headers import SecurityHeaders
from podium.web.limits import BodyLimit
from podium.web.regions import Deltas

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
            app.state.command_threads.shutdown(wait=True)
            app.state.command_threads = command_threads()  # should the app start again
            store.close()

    app = FastAPI(
        title="Podium",
        summary=_("Plan and run high-level panels and roundtables."),
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.hub = hub
    app.state.command_threads = command_threads()
    app.state.service = MeetingService(store, hub)
    app.state.deltas = Deltas(app.state.service)
    app.state.base_url = base_url.rstrip("/") if base_url else None
    app.state.feed_caps = feed_caps or FeedCaps.configured()
    app.state.log_health = LogHealth()
    # The layers around every request, innermost first; those marked True are also around
    # the live feed's own lane (``podium.web.feed.lane``), which a server hands the feed's
    # requests to without the routing and dependencies of the rest of the app.
    layers: list[tuple[Any, dict[str, Any], bool]] = [
        (BodyLimit, {}, False),  # the feed reads no body
        (HeadAsGet, {}, False),  # the lane takes GET only
        (WatchLog, {"health": app.state.log_health}, True),
        (SecurityHeaders, {}, True),
    ]
    if allowed_hosts:
        # Links and JSON-LD are made from the Host header when no --base-url is set.
        layers.append((TrustedHostMiddleware, {"allowed_hosts": list(allowed_hosts)}, True))
    # Pages, JSON and static text go compressed to phones on weak links (the feed's
    # event stream is left alone by Starlette, so each event arrives when sent).
    layers.append((GZipMiddleware, {"minimum_size": GZIP_MINIMUM}, False))
    # Outermost of ours: refusals and errors of every layer speak the request's language.
    layers.append((locale.Locale, {}, True))
    lane: ASGIApp = feed.lane
    for layer, options, around_lane in layers:
        app.add_middleware(layer, **options)
        if around_lane:
            lane = layer(lane, **options)
    app.state.feed_lane = lane
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
    return invalid(error.errors())


async def _failed(request: Request, error: Exception) -> JSONResponse:
    return failed(request, error)
