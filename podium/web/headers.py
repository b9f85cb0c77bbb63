"""Headers on every response that keep the pages to themselves.

Content-Security-Policy: scripts, styles, images and connections only from
this server, no inline script (the pages' JavaScript is in /static), no
plugin, no ``<base>``, forms only to this server, and no framing; with it
``X-Frame-Options: DENY`` for older browsers. The one exception is the big
screen's public view, which the sites a meeting names may frame (``framed_by``).
``Referrer-Policy: no-referrer`` so that a page's address, which may hold a
meeting's id, never leaves with a link followed from it. ``/docs`` (FastAPI's
page, which loads its viewer from a CDN) gets its own script sources, and the
HTML report its inline stylesheet.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
# A stylesheet or a script is never a document: the policy and the framing rule, which
# only documents obey, would be some 300 bytes more on each for a phone on a slow link.
_SUBRESOURCE = (".css", ".js")
# The HTML report is a document to keep: it carries its own stylesheet.
REPORT_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
_DOCS = ("/docs", "/redoc")


def framed_by(origins: tuple[str, ...]) -> str:
    """The policy of a page that the sites ``origins`` (``podium.meeting.embedding`` checked
    them) may show in a frame; a response that sets its own policy gets no X-Frame-Options."""
    return POLICY.replace("frame-ancestors 'none'", "frame-ancestors " + " ".join(origins))


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        policy = POLICY
        if path.startswith(_DOCS):
            policy = DOCS_POLICY
        elif path.endswith("/report.html"):
            policy = REPORT_POLICY
        added = [
            (b"content-security-policy", policy.encode()),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-content-type-options", b"nosniff"),
        ]
        if path.startswith("/static/") and path.endswith(_SUBRESOURCE):
            added = added[2:]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _value in message.get("headers", [])}
                extra = [(name, value) for name, value in added if name not in present]
                own = [v for n, v in message.get("headers", []) if n == b"content-security-policy"]
                if own and b"frame-ancestors 'none'" not in own[0]:
                    # The page chose who may frame it (``framed_by``): no blanket DENY.
                    extra = [(name, value) for name, value in extra if name != b"x-frame-options"]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
