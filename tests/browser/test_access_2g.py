"""A participant's phone on a 2G-like link, through Chromium's network emulation.

At 250 kbps down, 50 kbps up and 300 ms of latency, from an empty cache: the
participant page, its stylesheet and its script come in under 10 KB on the
wire and the page can be used within 3 seconds; a request for the floor is
acknowledged; the live updates keep arriving (the Chair gives the floor, moves
the list, closes it) without a reload. On a second visit the stylesheet and
script come from the cache: only the page itself crosses the link.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, CDPSession, expect, sync_playwright

from tests.browser.test_live_meeting import CHROMIUM_ARGS
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, token_of

pytestmark = pytest.mark.browser

TWO_G = {
    "offline": False,
    "latency": 300,
    "downloadThroughput": 250_000 / 8,
    "uploadThroughput": 50_000 / 8,
}
PHONE = {"width": 390, "height": 844}
USABLE_MS = 3_000
LIVE_MS = 10_000  # an update through the throttled feed and page fetch


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


class Wire:
    """Bytes each finished response took on the wire, by URL, as Chromium counts them."""

    def __init__(self, cdp: CDPSession) -> None:
        self.urls: dict[str, str] = {}
        self.cached: set[str] = set()
        self.bytes: dict[str, float] = {}
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", self._cache)
        cdp.on("Network.loadingFinished", self._finished)

    def _response(self, event: dict[str, Any]) -> None:
        self.urls[event["requestId"]] = event["response"]["url"]
        if event["response"].get("fromDiskCache") or event["response"].get("fromMemoryCache"):
            self.cached.add(event["requestId"])

    def _cache(self, event: dict[str, Any]) -> None:
        self.cached.add(event["requestId"])

    def _finished(self, event: dict[str, Any]) -> None:
        url = self.urls.get(event["requestId"], "")
        if event["requestId"] not in self.cached:
            self.bytes[url] = self.bytes.get(url, 0) + event["encodedDataLength"]

    def page_and_assets(self, page_path: str) -> dict[str, float]:
        return {
            url: size
            for url, size in self.bytes.items()
            if url.split("?")[0].endswith(page_path) or "/static/" in url
        }


def test_a_phone_on_2g_uses_its_page_within_3_seconds_and_follows_the_meeting(
    live_server: LiveServer, browser: Browser
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    ana, bikash, chen = live_server.register(
        meeting,
        [
            {"name": "Ana Gomez", "delegation": "Brazil", "country": "BR"},
            {"name": "Bikash Rai", "delegation": "Nepal", "country": "NP"},
            {"name": "Chen Li", "delegation": "China", "country": "CN"},
        ],
    )
    chair = meeting.chair_token
    for command in ({"type": "open_meeting"}, {"type": "start_segment", "segment": 2}):
        assert live_server.command(meeting, chair, command).status_code == 200
    for person in (bikash, chen):
        asked = {"type": "request_floor"}
        assert live_server.command(meeting, token_of(person["link"]), asked).status_code == 200

    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    phone.goto(ana["link"])  # the link was opened once: the cookie is set
    address = f"{live_server.base_url}/m/{meeting.id}/me"
    phone.goto("about:blank")
    cdp = context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.emulateNetworkConditions", TWO_G)
    wire = Wire(cdp)

    # Usable within 3 s from an empty cache: the page, its style and its script have come.
    phone.goto(address, wait_until="load", timeout=USABLE_MS)
    ask = phone.get_by_role("button", name="Request the floor")
    expect(ask).to_be_enabled(timeout=1)
    assert phone.evaluate("getComputedStyle(document.body).marginTop") == "0px"  # the CSS
    weight = wire.page_and_assets("/me")
    assert len(weight) == 3, weight  # the page, podium.css and live.js
    assert sum(weight.values()) < 10 * 1024, weight
    expect(phone.locator("#mine")).to_contain_text("You have not asked for the floor.")

    # A request for the floor is acknowledged on the page.
    ask.click()
    expect(phone.locator("#mine")).to_contain_text("Place 3 in the list", timeout=LIVE_MS)

    # Live updates keep arriving over the slow link, without a reload.
    phone.evaluate("window.stillHere = true")
    give = {"type": "give_floor", "request_id": 1, "limit_seconds": 120}
    assert live_server.command(meeting, chair, give).status_code == 200
    expect(phone.locator("#now")).to_contain_text("Bikash Rai", timeout=LIVE_MS)
    expect(phone.locator("#mine")).to_contain_text("Place 2 in the list", timeout=LIVE_MS)
    move = {"type": "move_request", "request_id": 3, "position": 0}
    assert live_server.command(meeting, chair, move).status_code == 200
    expect(phone.locator("#mine")).to_contain_text("Place 1 in the list", timeout=LIVE_MS)
    assert live_server.command(meeting, chair, {"type": "close_list"}).status_code == 200
    expect(phone.locator("#mine")).to_contain_text(
        "The list of speakers is closed.", timeout=LIVE_MS
    )
    assert phone.evaluate("window.stillHere") is True

    # A second visit: the stylesheet and the script come from the cache.
    wire.bytes.clear()
    phone.goto(address, wait_until="load", timeout=USABLE_MS)
    again = wire.page_and_assets("/me")
    assert [url for url in again if "/static/" in url] == [], again
    context.close()
