"""Writing the live feed straight to a connection's transport, where the server allows it.

An ASGI ``send`` is a coroutine per message, wrapped by every middleware in
turn; at thousands of open feeds, awaiting it for each event is most of the
cost of the fan-out. ``ServerSend`` (the application handed to the server)
keeps the server's own ``send`` in the scope. When that ``send`` belongs to
uvicorn's HTTP/1.1 protocol (httptools), ``TransportOutlet.of`` finds its
transport and its flow control, and the hub writes each shared frame to the
transport itself, framed as the response's chunks. With any other server or
protocol there is no outlet and the feed goes through ``send`` as before.

Only the body of an event stream goes this way: the response has started
(through every middleware) before. Once joined, the stream is handed over
(``HANDED_OVER`` in the scope): the application's layers return, and
``ServerSend`` waits for the client to go, so that an idle feed holds the
server's connection and its cursor, not a stack of middleware.

``ServerSend`` hands the feed's requests to the feed's own lane
(``podium.web.feed.lane``, with the layers the app puts around it): a hall
whose Wi-Fi comes back opens thousands at once, and the routing and
dependencies of the rest of the app would be most of their cost.

``ServerSend`` also holds the hub's deliveries while a command is answered
(``Hub.hold``): the Chair's response goes out as soon as the command's events
are in the log, and the fan-out of those events follows it. The answer says
how long the server took to give it (``Server-Timing: app;dur=`` in ms).
"""

from __future__ import annotations

import re
import time
from typing import Any, Protocol, cast

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from podium.live.hub import Hub

SERVER_SEND = "podium.server_send"
HANDED_OVER = "podium.handed_over"
# Where commands are sent: the API, and the pages' buttons (``podium.web.pages``).
COMMAND_PATHS = ("/commands", "/act")
# The live feed's address, handed to its own lane.
FEED_PATH = re.compile(r"/api/meetings/([^/]+)/feed")


class HandedOver(Protocol):
    """A response the application has started and handed over to wait out on its own."""

    async def run(self, receive: Receive) -> None: ...


class ServerSend:
    """Keeps the server's ``send`` in the scope, for ``TransportOutlet.of``; holds the hub's
    deliveries while a command is answered."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope[SERVER_SEND] = send
        if scope["method"] != "POST" or not scope["path"].endswith(COMMAND_PATHS):
            given = set(scope)
            lane: ASGIApp | None = getattr(self.app.state, "feed_lane", None)
            if lane is not None and scope["method"] == "GET" and FEED_PATH.fullmatch(scope["path"]):
                scope["app"] = self.app  # the lane's fallback, and its requests' app
                await lane(scope, receive, send)
            else:
                await self.app(scope, receive, send)
            handed: HandedOver | None = scope.pop(HANDED_OVER, None)
            if handed is not None:
                for key in set(scope) - given:
                    del scope[key]  # what the application's layers kept there for the request
                await handed.run(receive)
            return
        hub: Hub = self.app.state.hub
        release = hub.hold()
        received = time.perf_counter()

        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                # How long the server took, for the Chair's browser tools and the benchmarks.
                spent = (time.perf_counter() - received) * 1000
                headers = [*message.get("headers", ()), (b"server-timing", b"app;dur=%.2f" % spent)]
                message = {**message, "headers": headers}
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                release()

        try:
            await self.app(scope, receive, answer)
        finally:
            release()


class _Transport(Protocol):
    def write(self, data: bytes) -> None: ...

    def is_closing(self) -> bool: ...

    def close(self) -> None: ...


_framed: tuple[bytes, bytes] = (b"", b"")


def chunk(data: bytes) -> bytes:
    """``data`` as one chunk of a chunked HTTP/1.1 body; the last one framed is kept."""
    global _framed
    last, framed = _framed
    if data is not last:
        framed = b"%x\r\n%b\r\n" % (len(data), data)
        _framed = (data, framed)
    return framed


class TransportOutlet:
    """A started response's transport: takes a frame at once, or says it cannot."""

    __slots__ = ("chunked", "flow", "transport")

    def __init__(self, transport: _Transport, flow: Any, chunked: bool) -> None:
        self.transport = transport
        self.flow = flow
        self.chunked = chunked

    @classmethod
    def of(cls, scope: Scope) -> TransportOutlet | None:
        """The outlet of the response ``scope``'s server has started, if it allows one."""
        if scope.get("method") != "GET" or scope.get("http_version") not in ("1.1", "1.0"):
            return None
        cycle = getattr(scope.get(SERVER_SEND), "__self__", None)
        transport = getattr(cycle, "transport", None)
        flow = getattr(cycle, "flow", None)
        chunked = getattr(cycle, "chunked_encoding", None)
        started = getattr(cycle, "response_started", False)
        if (
            cycle is None
            or type(cycle).__module__ != "uvicorn.protocols.http.httptools_impl"
            or not isinstance(chunked, bool)
            or started is not True
            or not isinstance(getattr(flow, "write_paused", None), bool)
            or not all(hasattr(transport, name) for name in ("write", "is_closing", "close"))
        ):
            return None
        return cls(cast(_Transport, transport), flow, chunked)

    @property
    def gone(self) -> bool:
        return self.transport.is_closing()

    def write(self, data: bytes) -> bool:
        if self.flow.write_paused or self.transport.is_closing():
            return False
        self.transport.write(chunk(data) if self.chunked else data)
        return True

    def close(self) -> None:
        if not self.transport.is_closing():
            if self.chunked:
                self.transport.write(b"0\r\n\r\n")
            self.transport.close()
