"""A segment of the 2024 panel run in real browsers on a real server.

The Chair, the big screen and three participants each have their own browser
context (their own cookie); every page must follow the meeting live, without
reloading, and show the right thing within a few seconds.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import PANEL_2024
from tests.support.server import LiveServer

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SOON = 8_000  # milliseconds: a page must show a change well within this
PHONE = {"width": 390, "height": 844}
RED = (0x9B, 0x1C, 0x1C)  # the big screen's red: white on it reads at 8:1


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def open_link(browser: Browser, link: str, **options: object) -> Page:
    """A fresh browser context that follows an invitation link."""
    context = browser.new_context(**options)  # type: ignore[arg-type]
    context.set_default_timeout(SOON)
    page = context.new_page()
    page.goto(link)
    return page


def press(page: Page, key: str) -> None:
    """A shortcut on a page that has finished loading (its script listens for keys)."""
    page.wait_for_load_state("load")
    page.keyboard.press(key)


def colour_at(page: Page, x: int, y: int) -> tuple[int, int, int]:
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    red, green, blue = image.getpixel((x, y))  # type: ignore[misc]
    return (red, green, blue)


def near(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(colour, expected, strict=True))


def test_a_panel_segment_live_in_five_browsers(live_server: LiveServer, browser: Browser) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    people = live_server.register(
        meeting,
        [
            {"name": "Ana Gomez", "delegation": "Brazil", "country": "BR"},
            {"name": "Bikash Rai", "delegation": "Nepal", "country": "NP", "channel": "online"},
            {"name": "Chen Li", "delegation": "China", "country": "CN"},
        ],
    )
    chair = open_link(browser, meeting.links["chair"])
    screen = open_link(browser, meeting.links["display"], viewport={"width": 1280, "height": 720})
    ana, bikash, chen = (open_link(browser, p["link"], viewport=PHONE) for p in people)
    expect(chair.locator("h1")).to_contain_text("Global Cooperation")
    expect(ana.locator("#mine")).to_contain_text("You have not asked for the floor.")

    chair.get_by_role("button", name="Open the meeting").click()
    chair.locator("#programme li").nth(2).get_by_role("button", name="Start segment").click()
    expect(chair.locator("#programme li.current")).to_contain_text("Interactive discussion")

    # Requests from the phones; a point of order jumps the list on every page, live.
    ana.get_by_role("button", name="Request the floor").click()
    expect(ana.locator("#mine")).to_contain_text("Place 1 in the list")
    bikash.get_by_label("Online").check()
    bikash.get_by_role("button", name="Request the floor").click()
    chen.get_by_label("Point of order").check()
    chen.get_by_role("button", name="Request the floor").click()
    expect(chair.locator("#order .alert")).to_contain_text("Chen Li")
    expect(chair.locator("#list li").first).to_contain_text("Chen Li")
    expect(chair.locator("#list li").nth(2)).to_contain_text("Statement online")
    expect(screen.locator(".alert")).to_contain_text("Chen Li")
    expect(screen.locator(".upcoming li").first).to_contain_text("Chen Li")
    expect(ana.locator("#mine")).to_contain_text("Place 2 in the list")

    # The point of order is heard first, then ended from the keyboard.
    chair.get_by_role("button", name="Next speaker").click()
    expect(screen.locator("h1.speaker")).to_have_text("Chen Li")
    expect(screen.locator(".delegation")).to_contain_text("China")
    expect(chair.locator("#order .alert")).to_have_count(0)
    expect(chair.locator("#now")).to_contain_text("Chen Li")
    press(chair, "e")
    expect(screen.locator("h1.speaker")).not_to_have_text("Chen Li")
    expect(chair.locator("#now")).to_contain_text("No one has the floor.")

    # Ana speaks with a 6-second limit: green, amber from 3 s, red from 6 s on the big screen.
    chair.get_by_label("Time limit (minutes, optional)").first.fill("0:06")
    chair.get_by_role("button", name="Next speaker").click()
    expect(screen.locator("h1.speaker")).to_have_text("Ana Gomez")
    expect(screen.locator(".delegation")).to_contain_text("Brazil")
    expect(screen.locator("body")).to_have_class(re.compile(r"\blight-(green|amber)\b"))
    expect(screen.locator("body")).to_have_class(re.compile(r"\blight-amber\b"))
    expect(screen.locator("body")).to_have_class(re.compile(r"\blight-red\b"))
    expect(screen.locator("[data-digits]")).to_have_text(re.compile(r"^-0:\d\d$"))
    assert near(colour_at(screen, 5, 5), RED)
    expect(bikash.locator("#now")).to_contain_text("Ana Gomez")
    expect(bikash.locator("#now [data-digits]")).to_have_text(re.compile(r"^-0:\d\d$"))
    expect(ana.locator("#mine")).to_contain_text("You have the floor.")

    # Pause and resume with the keyboard; then a minute more takes the light off red
    # (the warning point moves with the limit: 30 s before it).
    press(chair, "p")
    expect(chair.get_by_role("button", name="Resume")).to_be_visible()
    expect(screen.locator(".paused")).to_be_visible()
    frozen = screen.locator("[data-digits]").text_content()
    screen.wait_for_timeout(1500)
    assert screen.locator("[data-digits]").text_content() == frozen
    press(chair, " ")
    expect(chair.get_by_role("button", name="Pause")).to_be_visible()
    chair.get_by_role("button", name="+1 min").click()
    expect(screen.locator("body")).to_have_class(re.compile(r"\blight-(green|amber)\b"))
    expect(screen.locator("[data-digits]")).to_have_text(re.compile(r"^0:5\d$"))
    assert not near(colour_at(screen, 5, 5), RED)

    # A phone that loses its connection catches up when it is back.
    bikash.context.set_offline(True)
    chair.get_by_role("button", name="Close the list").click()
    expect(chair.locator("#list")).to_contain_text("closed")
    bikash.context.set_offline(False)
    expect(bikash.locator("#mine")).to_contain_text("The list of speakers is closed.")

    # Bikash withdraws; the chair's list and his phone follow.
    bikash.get_by_role("button", name="Withdraw").click()
    expect(bikash.locator("#mine")).to_contain_text("You have not asked for the floor.")
    expect(chair.locator("#list")).not_to_contain_text("Bikash Rai")
    expect(chair.locator("#list")).to_contain_text("The list of speakers is empty.")

    press(chair, "e")
    expect(screen.locator("h1.speaker")).to_have_class(re.compile(r"\bidle\b"))
    expect(screen.locator("body")).to_have_class(re.compile(r"\blight-none\b"))
    # A refusal is shown on the page, which goes back to its own address.
    chair.get_by_role("button", name="Next speaker").click()
    expect(chair.get_by_role("alert")).to_be_visible()
    expect(chair).to_have_url(re.compile(rf"/m/{meeting.id}/chair$"))

    for page in (chair, screen, ana, bikash, chen):
        page.context.close()


def test_a_phone_without_javascript_requests_the_floor(
    live_server: LiveServer, browser: Browser
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    (person,) = live_server.register(meeting, [{"name": "Dana Ivanova", "country": "BG"}])
    live_server.command(meeting, meeting.chair_token, {"type": "open_meeting"}).raise_for_status()
    phone = open_link(browser, person["link"], java_script_enabled=False, viewport=PHONE)
    expect(phone.locator("#mine")).to_contain_text("You have not asked for the floor.")
    phone.get_by_label("Right of reply").check()
    phone.get_by_role("button", name="Request the floor").click()
    expect(phone.locator("#mine")).to_contain_text("Place 1 in the list")
    expect(phone.locator("#mine")).to_contain_text("Right of reply")
    phone.context.close()
