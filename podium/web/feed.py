"""The live feed: Server-Sent Events, one per event of the meeting's log.

``id:`` is the event's seq, ``event:`` its type, ``data:`` its JSON as stored.
A client resumes with ``Last-Event-ID`` (or ``?after=``) and gets exactly what
it missed; one too far behind gets ``event: snapshot`` and refetches the state.
A comment (``: ping``) every 15 seconds keeps proxies and phones connected.

Each frame is built once per event and audience and shared by every
connection; a connection holds only its cursor, so a slow client slows only
itself. Where the server allows it (``podium.web.outlet``), a caught-up
connection joins the hub's feed, which writes each frame to its transport
directly; a connection that falls behind catches up through ``send`` and
joins again. Elsewhere each connection follows the hub in a task of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.types import Receive, Scope, Send

from podium.i18n import _, current
from podium.live.hub import Encode, Hub, Snapshot, Subscription
from podium.meeting.privacy import Audience, audience, has_private_fields, visible_event
from podium.store.base import StoredEvent
from podium.store.errors import STORAGE_ERRORS
from podium.web.auth import bearer_token, cookie_token, hash_token
from podium.web.connections import RETRY_AFTER_SECONDS, FeedCaps
from podium.web.deps import actor_for, service
from podium.web.failures import failed, invalid, unavailable
from podium.web.outlet import FEED_PATH, HANDED_OVER, SERVER_SEND, TransportOutlet
from podium.web.regions import Deltas
from podium.web.schemas import Error

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["feed"])

HEARTBEAT_SECONDS = 15.0
PING = b": ping\n\n"
RETRY = b"retry: 2000\n\n"  # a lost connection is tried again after 2 seconds
_FRAMES: OrderedDict[tuple[str, int, str], bytes] = OrderedDict()
_FRAMES_KEPT = 4096


def frame(event: StoredEvent, viewer: Audience = "staff") -> bytes:
    """The SSE frame of an event as ``viewer`` may see it, built once and shared."""
    key = (event.meeting, event.seq, viewer)
    built = _FRAMES.get(key)
    if built is not None and _FRAMES_KEPT:
        return built
    data = event.data
    try:
        parsed = json.loads(data)
        kind = str(parsed.get("type", "message"))
    except (ValueError, AttributeError):
        parsed, kind = None, "message"
    if viewer != "staff" and isinstance(parsed, dict) and has_private_fields(kind):
        data = json.dumps(visible_event(parsed, viewer), separators=(",", ":"), ensure_ascii=False)
    lines = "".join(f"data: {line}\n" for line in data.split("\n"))
    built = f"id: {event.seq}\nevent: {kind}\n{lines}\n".encode()
    _FRAMES[key] = built
    if len(_FRAMES) > _FRAMES_KEPT:
        _FRAMES.popitem(last=False)
    return built


def frames(events: Sequence[StoredEvent], viewer: Audience = "staff") -> bytes:
    """The frames of events written together (the hub's ``Encode``)."""
    return b"".join(frame(event, viewer) for event in events)


def snapshot_frame(seq: int) -> bytes:
    return f"id: {seq}\nevent: snapshot\ndata: {json.dumps({'seq': seq})}\n\n".encode()


class EventStream(Response):
    """Streams a meeting's feed until the client goes or the server stops."""

    media_type = "text/event-stream"

    def __init__(
        self,
        hub: Hub,
        meeting_id: str,
        after: int,
        viewer: Audience = "hall",
        give_back: Callable[[], None] | None = None,
        encode: Encode = frames,
    ) -> None:
        # No Content-Length: the body goes on for as long as the client listens.
        self.status_code = 200
        self.background = None
        self.raw_headers = [
            (b"content-type", b"text/event-stream; charset=utf-8"),
            (b"cache-control", b"no-store"),
            (b"x-accel-buffering", b"no"),
        ]
        self.hub = hub
        self.meeting_id = meeting_id
        self.after = after
        self.viewer: Audience = viewer
        self.give_back = give_back
        # An event's frame; on a page of the hall, followed by what changed on it (``regions``).
        self.encode = encode

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        give_back = self.give_back
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            await send({"type": "http.response.body", "body": RETRY, "more_body": True})
            outlet = TransportOutlet.of(scope)
            if outlet is None:
                await self._stream(receive, send)
                return
            joined = JoinedStream(self, outlet, scope[SERVER_SEND], give_back)
            if await joined.start():
                # The server's side waits for the client to go; the request's own layers,
                # done with, are let go of (an idle feed holds as little as it can).
                scope[HANDED_OVER] = joined
                give_back = None
            else:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        except OSError:
            pass  # the client went before the stream started
        finally:
            if give_back is not None:
                give_back()

    async def _stream(self, receive: Receive, send: Send) -> None:
        follower = asyncio.create_task(self._follow(send))
        receiving = asyncio.ensure_future(receive())
        try:
            while True:
                done, _pending = await asyncio.wait(
                    (follower, receiving),
                    timeout=HEARTBEAT_SECONDS,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                if follower in done:
                    break
                if receiving in done:
                    if receiving.result()["type"] == "http.disconnect":
                        break
                    receiving = asyncio.ensure_future(receive())
                    continue
                await send({"type": "http.response.body", "body": PING, "more_body": True})
        except OSError:
            pass  # the client went while we wrote to it
        finally:
            for task in (follower, receiving):
                task.cancel()
            try:
                await follower
            except (asyncio.CancelledError, OSError):
                pass
            except Exception:  # the stream ends; the client reconnects with Last-Event-ID
                log.exception("the feed of meeting %s failed", self.meeting_id)
            with contextlib.suppress(asyncio.CancelledError, OSError):
                await receiving
        with contextlib.suppress(OSError, RuntimeError):
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def _follow(self, send: Send) -> None:
        items = self.hub.follow(self.meeting_id, self.after)
        try:
            async for item in items:
                body = (
                    snapshot_frame(item.seq)
                    if isinstance(item, Snapshot)
                    else self.encode((item,), self.viewer)
                )
                await send({"type": "http.response.body", "body": body, "more_body": True})
        finally:
            await items.aclose()  # type: ignore[attr-defined]


class JoinedStream:
    """A stream whose frames the hub writes to its transport while it is caught up.

    Once started, it is handed over to ``ServerSend``, whose task only waits for
    the client to go; catching up (at the start, and whenever the hub finds the
    transport cannot take a frame) runs in a task of its own through the
    server's ``send``, which waits for a slow client.
    """

    __slots__ = ("catching", "ended", "give_back", "outlet", "send", "stream", "subscription")

    def __init__(
        self,
        stream: EventStream,
        outlet: TransportOutlet,
        send: Send,
        give_back: Callable[[], None] | None,
    ) -> None:
        self.stream = stream
        self.outlet = outlet
        self.send = send  # the server's own: an event stream's body passes every layer as is
        self.give_back = give_back
        self.ended = False
        self.catching: asyncio.Task[None] | None = None
        self.subscription = Subscription(
            stream.meeting_id, stream.after, stream.viewer, stream.encode, outlet, self.behind
        )

    async def start(self) -> bool:
        """Joined to the hub's feed, or catching up to join it; False if the log failed."""
        hub = self.stream.hub
        hub.keep_alive(PING, HEARTBEAT_SECONDS)
        try:
            # At the head or a few events behind (a reconnection, as a rule): joined at
            # once, what it missed written first from the hub's buffer; no task.
            if not await hub.join(self.subscription):
                self.behind(self.subscription)
        except Exception:  # the log could not be read: the client reconnects with Last-Event-ID
            log.exception("the feed of meeting %s failed", self.stream.meeting_id)
            return False
        return True

    async def run(self, receive: Receive) -> None:
        """Until the client goes; then the stream's place is given back."""
        try:
            while (await receive())["type"] != "http.disconnect":
                pass
        finally:
            self.ended = True
            self.stream.hub.leave(self.subscription)
            catching = self.catching
            if catching is not None and not catching.done():
                catching.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await catching
            if self.give_back is not None:
                self.give_back()
        with contextlib.suppress(OSError, RuntimeError):
            await self.send({"type": "http.response.body", "body": b"", "more_body": False})

    def behind(self, subscription: Subscription) -> None:
        """The hub no longer writes to this stream: catch up through ``send``, then rejoin."""
        if self.ended or self.outlet.gone:
            return
        self.catching = asyncio.get_running_loop().create_task(self._catch_up())

    async def _catch_up(self) -> None:
        hub, stream, subscription = self.stream.hub, self.stream, self.subscription
        try:
            while not hub.stopped and not self.ended:
                items = hub.follow(stream.meeting_id, subscription.cursor, until_caught_up=True)
                try:
                    async for item in items:
                        body = (
                            snapshot_frame(item.seq)
                            if isinstance(item, Snapshot)
                            else stream.encode((item,), stream.viewer)
                        )
                        await self.send(
                            {"type": "http.response.body", "body": body, "more_body": True}
                        )
                        subscription.cursor = item.seq
                finally:
                    await items.aclose()  # type: ignore[attr-defined]
                if self.ended or self.outlet.gone or await hub.join(subscription):
                    return
        except OSError:
            pass  # the client went while we wrote to it
        except Exception:  # the stream ends; the client reconnects with Last-Event-ID
            log.exception("the feed of meeting %s failed", stream.meeting_id)
        self.outlet.close()  # the hub stopped, or the feed failed: the client's request ends


def _after(last_event_id: str | None, after: int | None) -> int:
    if last_event_id is not None and last_event_id.strip():
        value = last_event_id.strip()
        if not value.isdigit() or len(value) > 12:
            raise HTTPException(
                422,
                _("Last-Event-ID must be an event number, not '{value}'.").format(value=value[:40]),
            )
        return int(value)
    return after or 0


class FeedQuery(BaseModel):
    """The feed's query: where to resume, and the page followed."""

    after: int | None = Field(None, ge=0, le=10**12, description="Resume after this seq.")
    view: Literal["public", "screen", "me"] | None = Field(
        None,
        description=(
            "The page followed: after each event, an `event: live` carries the HTML of its "
            "live regions as of that event, in the language of `lang`."
        ),
    )


@router.get(
    "/meetings/{meeting_id}/feed",
    response_class=EventStream,
    status_code=200,
    responses={
        200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}},
        404: {"model": Error, "description": "No such meeting."},
        422: {"model": Error, "description": "A bad Last-Event-ID or after."},
        503: {"model": Error, "description": "Too many feeds open; see Retry-After."},
    },
    summary="The live feed (Server-Sent Events)",
)
async def feed(
    meeting_id: str, request: Request, query: Annotated[FeedQuery, Query()]
) -> EventStream:
    return await open_feed(request, meeting_id, query)


async def open_feed(request: Request, meeting_id: str, query: FeedQuery) -> EventStream:
    """The stream of the meeting's feed for this request (an HTTPException if it has none)."""
    start = _after(request.headers.get("last-event-id"), query.after)
    meetings = service(request)
    hub: Hub = request.app.state.hub
    # A meeting this process follows already is in the log: a reconnecting hall asks nothing.
    if not hub.knows(meeting_id) and not await run_in_threadpool(meetings.exists, meeting_id):
        raise HTTPException(404, _("There is no meeting {id}.").format(id=meeting_id))
    token = bearer_token(request) or cookie_token(request, meeting_id)
    actor = await run_in_threadpool(actor_for, request, meeting_id) if token else None
    give_back = _place(request, hash_token(token) if actor and token else None)
    # The Chair and the secretariat get every event whole; everyone else what the hall sees.
    viewer = audience(actor.role if actor else None)
    deltas: Deltas = request.app.state.deltas
    encode = deltas.encoder(query.view, current(), frames) or frames
    return EventStream(hub, meeting_id, start, viewer, give_back, encode)


async def lane(scope: Scope, receive: Receive, send: Send) -> None:
    """The feed's own lane: ``GET /api/meetings/{id}/feed`` without the app's routing and
    dependencies, for a server that hands the feed's requests straight here (a hall
    reconnecting at once opens thousands). The same query, the same stream and the same
    refusals as the route above; the app puts the layers both need around it
    (``podium.web.app``), and ``scope["app"]`` must be the app."""
    found = FEED_PATH.fullmatch(scope["path"])
    if found is None or scope["method"] != "GET":
        await scope["app"](scope, receive, send)  # not the feed's: the app answers
        return
    request = Request(scope, receive)
    response: Response
    try:
        try:
            query = FeedQuery.model_validate(dict(request.query_params))
        except ValidationError as error:
            # Told as the route tells it: where in the request (the query), and what.
            problems = [{**each, "loc": ("query", *each["loc"])} for each in error.errors()]
            response = invalid(problems)
        else:
            response = await open_feed(request, found.group(1), query)  # decoded by the server
    except HTTPException as error:
        response = JSONResponse({"detail": error.detail}, error.status_code, error.headers)
    except STORAGE_ERRORS as error:
        response = unavailable(request, error)
    except Exception as error:
        response = failed(request, error)
    await response(scope, receive, send)


def _place(request: Request, token_hash: str | None) -> Callable[[], None]:
    """A place among the open feeds: by token for a link's holder, else by address."""
    caps: FeedCaps = request.app.state.feed_caps
    address = request.client.host if request.client else ""
    give_back = caps.take(address, token_hash)
    if give_back is None:
        raise HTTPException(
            503,
            _("Too many live pages are open; this one will try again shortly."),
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return give_back
