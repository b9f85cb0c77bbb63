"""What a screen reader hears, and the Chair's console run from the keyboard alone.

Each live page has one polite status node that stays in place; the script
writes into it a new speaker, the light changing, one minute left and "you have
the floor", and nothing else: the ticking timer sits in no live region. The
Chair gives the floor, calls the next speaker, pauses, hears a point of order
and closes the list with Tab, Enter and Space only, the focus always in sight.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.browser.test_live_meeting import CHROMIUM_ARGS, open_link
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, Meeting, token_of

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# Records every sentence the status node is given, and keeps the node itself to compare.
LISTEN = """() => {
  window.heard = [];
  window.statusNode = document.getElementById("announce");
  new MutationObserver(() => {
    const text = window.statusNode.textContent;
    if (text) window.heard.push(text);
  }).observe(window.statusNode, { childList: true, characterData: true, subtree: true });
}"""

# Every node a screen reader would read out by itself when it changes.
LIVE = """() => [...document.querySelectorAll(
  "[aria-live], [role=status], [role=alert], [role=log], [role=timer], [role=marquee]"
)].map((el) => el.id || el.outerHTML.slice(0, 60))"""


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def _discussion(live_server: LiveServer) -> tuple[Meeting, list[dict[str, Any]]]:
    meeting = live_server.create_meeting(PANEL_2024)
    people = live_server.register(
        meeting,
        [
            {"name": "Ana Gomez", "delegation": "Brazil", "country": "BR"},
            {"name": "Bikash Rai", "delegation": "Nepal", "country": "NP"},
            {"name": "Chen Li", "delegation": "China", "country": "CN"},
        ],
    )
    for command in ({"type": "open_meeting"}, {"type": "start_segment", "segment": 2}):
        assert live_server.command(meeting, meeting.chair_token, command).status_code == 200
    for person in people[:2]:
        asked = {"type": "request_floor"}
        assert live_server.command(meeting, token_of(person["link"]), asked).status_code == 200
    return meeting, people


def _heard(page: Page) -> list[str]:
    heard: list[str] = page.evaluate("window.heard")
    return heard


def _wait_to_hear(page: Page, sentence: str, timeout: float = 30_000) -> None:
    page.wait_for_function(
        "(s) => window.heard.some((h) => h.includes(s))", arg=sentence, timeout=timeout
    )


def test_a_screen_reader_hears_the_speaker_the_light_the_last_minute_and_nothing_else(
    live_server: LiveServer, browser: Browser
) -> None:
    meeting, (ana, _bikash, chen) = _discussion(live_server)
    chair = open_link(browser, meeting.links["chair"], viewport=LAPTOP)
    phone = open_link(browser, ana["link"], viewport=PHONE)
    pages = (chair, phone)
    for page in pages:
        page.wait_for_load_state("load")
        page.evaluate(LISTEN)
        assert page.evaluate(LIVE) == ["announce"]
        status = page.locator("#announce")
        expect(status).to_have_attribute("role", "status")
        expect(status).to_have_attribute("aria-live", "polite")

    # Ana is given the floor with a limit of 1:10: her phone says she has it, the Chair's
    # console who speaks; when a minute is left, both say so once. (Each step leaves the
    # pages 10 seconds to follow, so that a busy machine still hears each on its own.)
    command = {"type": "give_floor", "request_id": 1, "limit_seconds": 70}
    assert live_server.command(meeting, meeting.chair_token, command).status_code == 200
    _wait_to_hear(phone, "You have the floor.")
    _wait_to_hear(chair, "Now speaking: Ana Gomez")
    _wait_to_hear(chair, "One minute left.")
    _wait_to_hear(phone, "One minute left.")
    chair.wait_for_timeout(1_000)
    assert _heard(chair) == ["Now speaking: Ana Gomez", "One minute left."]
    assert _heard(phone) == ["You have the floor.", "One minute left."]

    # Bikash, with 20 seconds: the light turns amber at 10, red at 20; a minute more turns
    # it back to green, with a minute left.
    end = {"type": "end_speech"}
    assert live_server.command(meeting, meeting.chair_token, end).status_code == 200
    command = {"type": "give_floor", "request_id": 2, "limit_seconds": 20}
    assert live_server.command(meeting, meeting.chair_token, command).status_code == 200
    _wait_to_hear(phone, "Now speaking: Bikash Rai")
    for page in pages:  # each page's timer ticks on its own: both reach red before the minute
        _wait_to_hear(page, "The light is red: the time is up.")
    more = {"type": "extend_speech", "seconds": 60}
    assert live_server.command(meeting, meeting.chair_token, more).status_code == 200
    _wait_to_hear(chair, "The light is green.")
    chair.wait_for_timeout(1_000)
    expected = [
        "Now speaking: Bikash Rai",
        "The light is amber.",
        "The light is red: the time is up.",
        "One minute left. The light is green.",
    ]
    for page in pages:
        assert _heard(page)[2:] == expected, _heard(page)
        # The same node all along, and still the only live one: the timer ticks unheard.
        assert page.evaluate("document.getElementById('announce') === window.statusNode")
        assert page.evaluate(LIVE) == ["announce"]
        assert page.locator("[data-timer]").count() == 1
    # A point of order is on every page at once, yet no page reads it out by itself:
    # the big screen and the public page, too, have the status node as their only live part.
    meeting_id = meeting.id
    screen = open_link(browser, meeting.links["display"], viewport=LAPTOP)
    public = open_link(browser, f"{live_server.base_url}/m/{meeting_id}", viewport=PHONE)
    order = {"type": "request_floor", "kind": "point-of-order"}
    assert live_server.command(meeting, token_of(chen["link"]), order).status_code == 200
    expect(screen.locator(".alert")).to_contain_text("Chen Li")
    expect(chair.locator("#order .alert")).to_contain_text("Chen Li")
    for page in (*pages, screen, public):
        assert page.evaluate(LIVE) == ["announce"], page.url
        page.context.close()


FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    text: (el.getAttribute("aria-label") || el.textContent || "").trim(),
    tag: el.tagName, visible: el.matches(":focus-visible"),
    outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
    region: (el.closest("[id]") || {}).id || "",
  };
}"""


def _tab_to(page: Page, text: str, region: str, presses: int = 150) -> None:
    """Tab (and only Tab) until the button named ``text`` in ``region`` has the focus."""
    for _press in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        if focused is None:
            continue
        # Wherever the keyboard is, it is seen: a visible outline of 2 px at least.
        assert focused["visible"] and focused["outline"] >= 2, focused
        if focused["text"] == text and focused["region"] == region:
            return
    raise AssertionError(f"{text!r} in #{region} never took the focus")


def test_the_chairs_console_runs_from_the_keyboard_alone(
    live_server: LiveServer, browser: Browser
) -> None:
    meeting, (_ana, _bikash, chen) = _discussion(live_server)
    chair = open_link(browser, meeting.links["chair"], viewport=LAPTOP)
    chair.wait_for_load_state("load")

    # The floor to the second in the list, with Enter on its own "Give the floor".
    bikash_row = chair.locator("#list li", has_text="Bikash Rai")
    expect(bikash_row).to_be_visible()
    for _press in range(150):
        chair.keyboard.press("Tab")
        if chair.evaluate(
            "() => !!document.activeElement.closest('li') && "
            "document.activeElement.closest('li').textContent.includes('Bikash Rai') && "
            "document.activeElement.textContent.trim() === 'Give the floor'"
        ):
            break
    else:
        raise AssertionError("Bikash Rai's 'Give the floor' never took the focus")
    chair.screenshot(path="/tmp/podium-chair-focus.png")
    chair.keyboard.press("Enter")
    expect(chair.locator("#now .speaker")).to_contain_text("Bikash Rai")

    # Pause with Space, resume with Enter.
    _tab_to(chair, "Pause", "now")
    chair.keyboard.press(" ")
    expect(chair.locator("#now").get_by_role("button", name="Resume")).to_be_visible()
    _tab_to(chair, "Resume", "now")
    chair.keyboard.press("Enter")
    expect(chair.locator("#now").get_by_role("button", name="Pause")).to_be_visible()

    # The next speaker from the list: Ana.
    _tab_to(chair, "Next speaker", "next")
    chair.keyboard.press("Enter")
    expect(chair.locator("#now .speaker")).to_contain_text("Ana Gomez")

    # A point of order comes in from a phone: the Chair reaches its button and gives the floor.
    order = {"type": "request_floor", "kind": "point-of-order"}
    assert live_server.command(meeting, token_of(chen["link"]), order).status_code == 200
    expect(chair.locator("#order .alert")).to_contain_text("Chen Li")
    _tab_to(chair, "Give the floor", "order")
    chair.keyboard.press("Enter")
    expect(chair.locator("#now .speaker")).to_contain_text("Chen Li")
    expect(chair.locator("#order .alert")).to_have_count(0)

    # The list closed with Space.
    _tab_to(chair, "Close the list", "list")
    chair.keyboard.press(" ")
    expect(chair.locator("#list h2")).to_contain_text(re.compile("closed"))
    expect(chair.locator("#list").get_by_role("button", name="Reopen the list")).to_be_visible()
    chair.context.close()
