"""Caps on request bodies: 2 MB for an uploaded note, 5 MB for a written statement, 64 KB for
anything else (413)."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from podium.i18n import _
from podium.meeting.statements import MAX_BYTES

UPLOAD_LIMIT = 2 * 1024 * 1024
BODY_LIMIT = 64 * 1024
# A written statement (``podium.meeting.statements.MAX_BYTES``) and its form around it.
STATEMENT_LIMIT = MAX_BYTES + BODY_LIMIT
_WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def limit_for(scope: Scope) -> int:
    path: str = scope.get("path", "")
    kind = b""
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            kind = value.lower()
    if path.endswith("/statements"):
        return STATEMENT_LIMIT
    if kind.startswith(b"multipart/") or path in ("/api/meetings", "/new"):
        return UPLOAD_LIMIT
    if path.endswith("/participants"):
        return UPLOAD_LIMIT  # a CSV of a large meeting's delegations
    return BODY_LIMIT


class BodyLimit:
    """Reads a request's body up to its cap before the app sees it; past the cap, a 413."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _WITH_BODY:
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope)
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await _too_large(send, limit)
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _too_large(send, limit)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(send: Send, limit: int) -> None:
    detail = _("The request is too large: at most {size} KB.").format(size=limit // 1024)
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
