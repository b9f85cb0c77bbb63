"""The Chair's console on a 1366×768 laptop, in Chromium on a real server.

Everything the Chair uses during a speech is in view without scrolling; the list
is reordered in place, without a reload; the keys listed on the page work; and
closing the meeting asks first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.browser.test_live_meeting import CHROMIUM_ARGS, open_link, press
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, Meeting, token_of

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
DELEGATIONS = ("Kenya", "Brazil", "Bangladesh", "Fiji", "Germany", "Peru", "Japan", "Chile")


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def _discussion(live_server: LiveServer) -> Meeting:
    """The 2024 panel in its discussion, with eight delegations waiting, one online."""
    meeting = live_server.create_meeting(PANEL_2024)
    people = live_server.register(
        meeting,
        [
            {
                "name": f"Delegate of {country}",
                "delegation": country,
                "channel": "online" if country == "Fiji" else "room",
            }
            for country in DELEGATIONS
        ],
    )
    chair = meeting.chair_token
    for command in ({"type": "open_meeting"}, {"type": "start_segment", "segment": 2}):
        assert live_server.command(meeting, chair, command).status_code == 200
    for person in people:
        channel = "online" if "Fiji" in person["name"] else "room"
        asked = {"type": "request_floor", "channel": channel}
        assert live_server.command(meeting, token_of(person["link"]), asked).status_code == 200
    return meeting


def _in_view(page: Page, selector: str) -> None:
    located = page.locator(selector).first
    expect(located).to_be_in_viewport(ratio=1)
    # The live script may be swapping the region for its fresh copy this very moment:
    # the element is then briefly detached, and is looked up again until it is back.
    box = located.bounding_box()
    for _attempt in range(50):
        if box is not None:
            break
        page.wait_for_timeout(100)
        box = located.bounding_box()
    assert box is not None, selector
    assert box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], (selector, box)
    assert box["x"] + box["width"] <= LAPTOP["width"], (selector, box)


def test_a_speech_is_run_from_one_screen_at_1366_by_768(
    live_server: LiveServer, browser: Browser
) -> None:
    meeting = _discussion(live_server)
    chair = open_link(browser, meeting.links["chair"], viewport=LAPTOP)
    chair.get_by_role("button", name="Next speaker").click()
    expect(chair.locator("#now")).to_contain_text("Delegate of Kenya")
    expect(chair.locator("#now").get_by_role("button", name="Pause")).to_be_visible()
    for selector in (
        "#now .speaker",
        "#now .timer",
        "#now button:has-text('Pause')",
        "#now button:has-text('+1 min')",
        "#now button:has-text('End speech')",
        "#next button:has-text('Next speaker')",
        "#list .fit",
        "#list li:nth-child(1)",
        "#list li:nth-child(6)",
        "#list button:has-text('Close the list')",
    ):
        _in_view(chair, selector)
    assert chair.evaluate("window.scrollY") == 0
    expect(chair.locator("#list li", has_text="Fiji").locator(".online")).to_have_text("online")
    expect(chair.locator("#list .fit")).to_have_text(
        re.compile(r"^7 requests × 3 min = 21 min; \d+ min left: (it fits|\d+ min over)$")
    )
    chair.screenshot(path="/tmp/podium-chair-1366.png")

    # Keys, as listed on the page: a minute more, pause.
    press(chair, "m")
    expect(chair.locator("#now .timer")).to_have_attribute("data-limit", "240")
    press(chair, "p")
    expect(chair.get_by_role("button", name="Resume")).to_be_visible()
    press(chair, " ")
    expect(chair.get_by_role("button", name="Pause")).to_be_visible()


def test_the_list_is_reordered_in_place(live_server: LiveServer, browser: Browser) -> None:
    meeting = _discussion(live_server)
    chair = open_link(browser, meeting.links["chair"], viewport=LAPTOP)
    chair.wait_for_load_state("load")
    chair.evaluate("window.stillHere = true")
    third = chair.locator("#list li").nth(2)
    expect(third).to_contain_text("Bangladesh")
    third.get_by_role("button", name="Move up").click()
    expect(chair.locator("#list li").nth(1)).to_contain_text("Bangladesh")
    # The keyboard stays on the entry moved: Enter moves it once more.
    chair.keyboard.press("Enter")
    expect(chair.locator("#list li").first).to_contain_text("Bangladesh")
    assert chair.evaluate("window.stillHere") is True  # no reload
    chair.locator("#list li").nth(3).get_by_role("button", name="Remove").click()
    expect(chair.locator("#list li")).to_have_count(len(DELEGATIONS) - 1)
    assert chair.evaluate("window.stillHere") is True


def test_closing_the_meeting_asks_first(live_server: LiveServer, browser: Browser) -> None:
    meeting = _discussion(live_server)
    chair = open_link(browser, meeting.links["chair"], viewport=LAPTOP)
    asked: list[str] = []

    def refuse(dialog: object) -> None:
        asked.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    chair.once("dialog", refuse)
    chair.get_by_role("button", name="Close the meeting").click()
    expect(chair.locator("#closed")).to_be_empty()
    assert asked and "cannot be undone" in asked[0]
    chair.once("dialog", lambda dialog: dialog.accept())
    chair.get_by_role("button", name="Close the meeting").click()
    expect(chair.locator("#closed")).to_contain_text("The meeting is closed.")
    expect(chair.locator("#list button")).to_have_count(0)
    expect(chair.locator("#now button")).to_have_count(0)
