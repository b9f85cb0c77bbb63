"""Pages of the hall kept current by the feed's regions: no refetch, and the same as a reload.

A phone, the big screen and the public page follow a meeting while the Chair
runs it. None of them fetches its page again for events that do not concern
it, and each live region then reads exactly as the page fetched afresh.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Request, expect, sync_playwright

from tests.browser.test_live_meeting import CHROMIUM_ARGS, PHONE, open_link
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer

pytestmark = pytest.mark.browser

REGIONS = "Array.from(document.querySelectorAll('[data-live]'), e => e.outerHTML)"


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def _plain(regions: list[str]) -> list[str]:
    """The regions without what changes by the second or by the script's own hand: the
    timer's digits, each form's seq (kept current as a property) and a touched mark."""
    out = []
    for html in regions:
        html = re.sub(r"(data-digits[^>]*>).*?(</span>)", r"\1\2", html, flags=re.S)
        html = re.sub(r'name="expected_seq" value="\d+"', 'name="expected_seq"', html)
        out.append(html.replace(' data-touched=""', ""))
    return out


def _fresh(page: Page) -> list[str]:
    """The live regions of the same page fetched again, in a tab of the same browser."""
    other = page.context.new_page()
    other.goto(page.url)
    regions: list[str] = other.evaluate(REGIONS)
    other.close()
    return _plain(regions)


def test_the_hall_follows_the_feed_without_fetching_its_pages(
    live_server: LiveServer, browser: Browser
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    ana, ben, cleo = live_server.register(
        meeting,
        [
            {"name": "Ana Gomez", "delegation": "Brazil", "country": "BR"},
            {"name": "Ben Ito", "delegation": "Japan", "country": "JP", "channel": "online"},
            {"name": "Cleo Mensah", "delegation": "Ghana", "country": "GH"},
        ],
    )
    chair = meeting.chair_token
    phone = open_link(browser, ana["link"], viewport=PHONE)
    screen = open_link(browser, meeting.links["display"])
    public = open_link(browser, meeting.links["public"])
    fetched: dict[str, list[str]] = {"phone": [], "screen": [], "public": []}
    for name, page in (("phone", phone), ("screen", screen), ("public", public)):
        page.wait_for_load_state("load")
        expect(page.locator("body")).to_have_attribute("data-view", re.compile(r"\w+"))

        def seen(request: Request, name: str = name, url: str = page.url) -> None:
            if request.url == url:
                fetched[name].append(request.url)

        page.on("request", seen)
    for command in ({"type": "open_meeting"}, {"type": "start_segment", "segment": 0}):
        assert live_server.command(meeting, chair, command).status_code == 200
    for who in (ben, cleo):
        ask = {"type": "request_floor", "participant_id": who["id"]}
        assert live_server.command(meeting, chair, ask).status_code == 200
    expect(screen.locator(".upcoming li").first).to_contain_text("Ben Ito")
    assert live_server.command(meeting, chair, {"type": "give_floor"}).status_code == 200
    expect(screen.locator("h1.speaker")).to_have_text("Ben Ito")
    expect(phone.locator("#now")).to_contain_text("Ben Ito")
    expect(public.locator("#now")).to_contain_text("Ben Ito")
    # Not one of these events concerned Ana: her phone fetched nothing.
    assert fetched == {"phone": [], "screen": [], "public": []}
    for page in (phone, screen, public):
        assert _plain(page.evaluate(REGIONS)) == _fresh(page), page.url

    # Ana asks for the floor from elsewhere (the Chair, for her): a request of her own appears,
    # and her phone, and only hers, fetches its page once to show it.
    ask = {"type": "request_floor", "participant_id": ana["id"]}
    assert live_server.command(meeting, chair, ask).status_code == 200
    expect(phone.locator("#mine")).to_contain_text("Place 2 in the list")
    assert len(fetched["phone"]) == 1
    # She moves up a place: the phone writes the new place itself, as a reload would.
    assert live_server.command(meeting, chair, {"type": "end_speech"}).status_code == 200
    assert live_server.command(meeting, chair, {"type": "give_floor"}).status_code == 200
    expect(phone.locator("#mine")).to_contain_text("Place 1 in the list")
    expect(screen.locator("h1.speaker")).to_have_text("Cleo Mensah")
    assert len(fetched["phone"]) == 1 and fetched["screen"] == fetched["public"] == []
    for page in (phone, screen, public):
        assert _plain(page.evaluate(REGIONS)) == _fresh(page), page.url
    for command in ({"type": "close_list"}, {"type": "close_meeting"}):
        assert live_server.command(meeting, chair, command).status_code == 200
    expect(public.locator("#closed")).to_contain_text("The meeting is closed.")
    expect(phone.locator("#mine")).to_contain_text("Thank you for taking part")
    expect(screen.locator("#stage")).to_contain_text("The meeting is closed.")
    for page in (phone, screen, public):
        assert _plain(page.evaluate(REGIONS)) == _fresh(page), page.url
    assert fetched["screen"] == fetched["public"] == []
