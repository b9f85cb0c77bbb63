"""The big screen framed by another site, in Chromium: the named site shows it live, others not.

Two small web servers on their own loopback ports stand for two sites (an
origin is scheme, host and port): each serves a page that frames the real
server's ``/m/{id}/embed``, and the meeting names one of them. Chromium, not
this test, applies the Content-Security-Policy.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import Browser, Frame, Page

from tests.browser.test_live_meeting import browser
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer

__all__ = ["browser"]


@contextmanager
def site_framing(src: str) -> Iterator[str]:
    """A web site on a loopback port whose one page frames ``src``; yields its origin."""
    page = f'<!doctype html><title>Web TV</title><iframe src="{src}" width="960" height="540">'

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _embedded(page: Page) -> Frame | None:
    return next((f for f in page.frames if f.url.endswith("/embed")), None)


def _text(frame: Frame | None) -> str:
    if frame is None:
        return ""
    return str(frame.evaluate("() => document.body ? document.body.innerText : ''"))


def test_only_the_named_site_shows_the_big_screen_and_it_follows_the_floor(
    browser: Browser, live_server: LiveServer
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    (kenya,) = live_server.register(meeting, [{"name": "Amina Odhiambo", "delegation": "Kenya"}])
    src = f"{live_server.base_url}/m/{meeting.id}/embed"
    chair = meeting.chair_token
    with site_framing(src) as webtv, site_framing(src) as elsewhere:
        for command in (
            {"type": "set_embedding", "origins": [webtv]},
            {"type": "open_meeting"},
            {"type": "start_segment", "segment": 2},
        ):
            assert live_server.command(meeting, chair, command).status_code == 200, command

        named = browser.new_page()
        named.goto(webtv)
        frame = _embedded(named)
        assert frame is not None, [f.url for f in named.frames]
        frame.wait_for_selector("#stage h1.speaker.idle")

        # The floor moves; the framed screen follows it through its feed.
        participant = kenya["link"].rsplit("/", 1)[1]
        assert live_server.command(meeting, participant, {"type": "request_floor"}).is_success
        assert live_server.command(meeting, chair, {"type": "give_floor"}).is_success
        frame.wait_for_selector("#stage h1.speaker:has-text('Amina Odhiambo')", timeout=10_000)

        other = browser.new_page()
        other.goto(elsewhere)
        other.wait_for_timeout(1000)
        assert "Amina Odhiambo" not in _text(_embedded(other))
        assert "Amina Odhiambo" in _text(_embedded(named))
        named.close()
        other.close()
