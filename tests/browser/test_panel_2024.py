"""The 2024 panel's discussion as the UN runs it, in Chromium on a real server.

The Chair on a 1366×768 laptop, the big screen at 1920×1080 and two phones at
360×740: a statement on behalf of a group, heard first; a question to a named
panelist and the panel's response round; the floor given by mistake and taken
back within ten seconds; a lost phone's link re-issued by the secretariat.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from tests.browser.test_live_meeting import CHROMIUM_ARGS, open_link, press
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, token_of

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
HALL = {"width": 1920, "height": 1080}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def test_a_group_statement_a_question_to_a_panelist_its_response_and_an_undo(
    live_server: LiveServer, browser: Browser
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    _okafor, kenya, brazil = live_server.register(
        meeting,
        [
            {
                "name": "Dr. Amara Okafor",
                "delegation": "University of Lagos",
                "stakeholder": "academia",
                "role": "panelist",
                "segment": 1,
            },
            {"name": "H.E. Ms. Wanjiru Kamau", "delegation": "Kenya", "country": "KE"},
            {"name": "Mr. Rafael Souza", "delegation": "Brazil", "country": "BR"},
        ],
    )
    chair = open_link(browser, meeting.links["chair"], viewport=LAPTOP)
    screen = open_link(browser, meeting.links["display"], viewport=HALL)
    kenya_phone = open_link(browser, kenya["link"], viewport=PHONE)
    brazil_phone = open_link(browser, brazil["link"], viewport=PHONE)

    chair.get_by_role("button", name="Open the meeting").click()
    chair.locator("#programme li").nth(2).get_by_role("button", name="Start segment").click()
    expect(chair.locator("#programme li.current")).to_contain_text("Interactive discussion")

    # Brazil asks Dr. Okafor a question from online; Kenya speaks for the African Group.
    brazil_phone.get_by_label("Question to a panelist").check()
    brazil_phone.get_by_label("Question for").select_option(label="Dr. Amara Okafor")
    brazil_phone.get_by_label("Online").check()
    brazil_phone.get_by_role("button", name="Request the floor").click()
    expect(brazil_phone.locator("#mine")).to_contain_text("Place 1 in the list")
    kenya_phone.get_by_label("Statement on behalf of").select_option(label="African Group")
    kenya_phone.get_by_role("button", name="Request the floor").click()

    # A group's statement is heard first, everywhere.
    first = chair.locator("#list li").first
    expect(first).to_contain_text("Kenya")
    expect(first).to_contain_text("on behalf of the African Group")
    expect(chair.locator("#list li").nth(1)).to_contain_text("to Dr. Amara Okafor")
    expect(chair.locator("#list li").nth(1).locator(".online")).to_be_visible()
    expect(screen.locator(".upcoming li").first).to_contain_text("on behalf of the African Group")
    expect(brazil_phone.locator("#mine")).to_contain_text("Place 2 in the list")

    # The floor goes to Brazil by mistake, and is taken back within ten seconds.
    chair.locator("#list li").nth(1).get_by_role("button", name="Give the floor").click()
    expect(screen.locator("h1.speaker")).to_have_text("Mr. Rafael Souza")
    expect(chair.get_by_role("button", name="Undo: take back the floor")).to_be_visible()
    press(chair, "u")
    expect(chair.locator("#now")).to_contain_text("No one has the floor.")
    expect(chair.locator("#list li").nth(1)).to_contain_text("Mr. Rafael Souza")
    expect(screen.locator("h1.speaker")).to_have_class(re.compile(r"\bidle\b"))
    expect(brazil_phone.locator("#mine")).to_contain_text("Place 2 in the list")

    # Kenya, then Brazil's question; both ended from the keyboard.
    press(chair, "n")
    expect(screen.locator("h1.speaker")).to_have_text("H.E. Ms. Wanjiru Kamau")
    expect(screen.locator(".delegation")).to_contain_text("on behalf of the African Group")
    expect(kenya_phone.locator("#mine")).to_contain_text("You have the floor.")
    press(chair, "e")
    press(chair, "n")
    expect(screen.locator("h1.speaker")).to_have_text("Mr. Rafael Souza")
    expect(screen.locator(".delegation")).to_contain_text("to Dr. Amara Okafor")
    press(chair, "e")
    expect(screen.locator("h1.speaker")).to_have_class(re.compile(r"\bidle\b"))

    # "The panel will respond to questions": Dr. Okafor is called, with 2 minutes.
    chair.get_by_label("Each response (minutes, optional)").fill("2")
    chair.get_by_role("button", name="The panel will respond to questions").click()
    expect(chair.locator("#list li").first).to_contain_text("Dr. Amara Okafor")
    expect(chair.locator("#list li").first).to_contain_text("Response")
    press(chair, "n")
    expect(screen.locator("h1.speaker")).to_have_text("Dr. Amara Okafor")
    expect(screen.locator("[data-timer]")).to_have_attribute("data-limit", "120")
    chair.screenshot(path="/tmp/podium-chair-response.png")
    screen.screenshot(path="/tmp/podium-screen-response.png")
    press(chair, "e")
    chair.get_by_role("button", name="End the panel's responses").click()
    expect(chair.get_by_role("button", name="The panel will respond to questions")).to_be_visible()
    assert chair.evaluate("window.scrollY") == 0

    # Kenya's phone is lost: the secretariat re-issues her link; the old one stops working.
    secretariat = open_link(browser, meeting.links["secretariat"], viewport=LAPTOP)
    secretariat.get_by_label("Whose link").select_option(label="H.E. Ms. Wanjiru Kamau · Kenya")
    secretariat.get_by_role("button", name="Re-issue (the old link stops working)").click()
    expect(secretariat.locator("figure.qr svg")).to_be_visible()
    new_link = secretariat.locator("p.link a").get_attribute("href")
    assert new_link and new_link != kenya["link"]
    secretariat.reload()
    expect(secretariat.locator("body")).to_contain_text("shown once already")
    lost = open_link(browser, kenya["link"], viewport=PHONE)
    expect(lost.locator("body")).not_to_contain_text("Wanjiru Kamau")
    found = open_link(browser, new_link, viewport=PHONE)
    expect(found.get_by_role("button", name="Request the floor")).to_be_visible()

    for page in (chair, screen, kenya_phone, brazil_phone, secretariat, lost, found):
        page.context.close()


def test_a_form_half_filled_on_a_phone_survives_the_live_updates(
    live_server: LiveServer, browser: Browser
) -> None:
    """A delegate picks a group, someone else asks for the floor meanwhile: the pick stays."""
    meeting = live_server.create_meeting(PANEL_2024)
    kenya, brazil = live_server.register(
        meeting,
        [
            {"name": "H.E. Ms. Wanjiru Kamau", "delegation": "Kenya", "country": "KE"},
            {"name": "Mr. Rafael Souza", "delegation": "Brazil", "country": "BR"},
        ],
    )
    live_server.command(meeting, meeting.chair_token, {"type": "open_meeting"})
    phone = open_link(browser, kenya["link"], viewport=PHONE)
    phone.wait_for_load_state("load")
    phone.get_by_label("Statement on behalf of").select_option(label="African Group")
    phone.locator("body").click(position={"x": 5, "y": 5})  # the select loses the focus
    seq = phone.locator("input[data-seq]").first.get_attribute("value")
    asked = live_server.command(
        meeting, token_of(brazil["link"]), {"type": "request_floor", "kind": "statement"}
    )
    assert asked.status_code == 200, asked.text
    # The page has taken the new event in (its forms now carry the new seq) ...
    expect(phone.locator("input[data-seq]").first).not_to_have_value(seq or "")
    # ... and the delegate's choice is still there when they send it.
    expect(phone.get_by_label("Statement on behalf of")).to_have_value(
        re.compile(r"african", re.IGNORECASE)
    )
    phone.get_by_role("button", name="Request the floor").click()
    expect(phone.locator("#mine")).to_contain_text("Place 1 in the list")
    phone.context.close()
