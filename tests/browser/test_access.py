"""Every page checked by axe-core in Chromium, on a real server, in English and Arabic.

The pages of a meeting are checked in each of its states (before opening, a
speech under way, a point of order waiting, the list closed, the meeting
closed), the webcast's caption and the big screen framed by another site
among them; the others once each: the landing page, /new and its review, the
links of a meeting just created, a message page, the Chair's confirmation of
closing, a re-issued link and the HTML report. No violation of impact serious
or critical is allowed, nor any of axe's rules on landmarks; and each page has
one ``main`` and every section with a heading is named by it, so that a screen reader lists its
regions by their headings. One browser and one page per role are reused; where
a state changes only the live regions, axe looks at those alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.test_live_meeting import CHROMIUM_ARGS, SOON
from tests.conftest import PANEL_2024
from tests.support.server import ADMIN_TOKEN, LiveServer, token_of

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "ar")
BLOCKING = {"serious", "critical"}
REPORT_MS = 60_000
AXE = Axe()

# What axe cannot say: one main, and every section (a region once named) named.
LANDMARKS = """() => {
  const named = (el) => (el.getAttribute("aria-label") || "").trim() ||
    (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
      .map((id) => (document.getElementById(id) || {}).textContent || "").join("").trim();
  const problems = [];
  const mains = document.querySelectorAll("main, [role=main]").length;
  if (mains !== 1) problems.push(mains + " main landmarks");
  // A section with a heading is a region of the page: the heading must name it.
  for (const el of document.querySelectorAll("section, [role=region]")) {
    if (el.querySelector("h1, h2, h3, h4") && !named(el)) {
      problems.push("a region without a name: " + el.outerHTML.slice(0, 60).replace(/\\s+/g, " "));
    }
  }
  return problems;
}"""


def _blocking(results: dict[str, Any]) -> list[str]:
    found = []
    for violation in results["violations"]:
        rule = violation["id"]
        if violation["impact"] in BLOCKING or rule == "region" or rule.startswith("landmark"):
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            found.append(f"{rule} ({violation['impact']}): {violation['help']} at {targets}")
    return found


class Checker:
    """Runs axe and the landmark check on pages, and keeps every problem with where it was."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.checked = 0

    def check(self, page: Page, where: str, live_only: bool = False) -> None:
        """axe on the page (``live_only``: on the parts that change as the meeting goes)."""
        page.wait_for_load_state("load")
        # What a click would show is checked too: every <details> opened.
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        context = {"include": ["[data-live]", "#announce"]} if live_only else None
        results = AXE.run(page, context=context).response
        found = _blocking(results) + page.evaluate(LANDMARKS)
        self.problems.extend(f"{where}: {problem}" for problem in found)
        self.checked += 1


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def _role_page(browser: Browser, link: str, viewport: dict[str, int]) -> Page:
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    context.set_default_timeout(SOON)
    page = context.new_page()
    page.goto(link)
    return page


def test_every_page_of_a_meeting_in_every_state_and_both_directions(
    live_server: LiveServer, browser: Browser
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    ana, bikash, chen, dana = live_server.register(
        meeting,
        [
            {"name": "Ana Gomez", "delegation": "Brazil", "country": "BR"},
            {"name": "Bikash Rai", "delegation": "Nepal", "country": "NP", "channel": "online"},
            {"name": "Chen Li", "delegation": "China", "country": "CN"},
            {"name": "Dana Ivanova", "stakeholder": "academia", "role": "panelist", "segment": 1},
        ],
    )
    base = live_server.base_url
    laptop, hall, phone = (
        {"width": 1366, "height": 768},
        {"width": 1920, "height": 1080},
        {"width": 390, "height": 844},
    )
    pages = {
        "chair": (_role_page(browser, meeting.links["chair"], laptop), "chair"),
        "secretariat": (_role_page(browser, meeting.links["secretariat"], laptop), "secretariat"),
        "screen": (_role_page(browser, meeting.links["display"], hall), "screen"),
        "participant": (_role_page(browser, ana["link"], phone), "me"),
        "public": (_role_page(browser, f"{base}/m/{meeting.id}", phone), ""),
    }
    # The webcast's caption and the big screen as other sites frame it: public pages too.
    public_page = pages["public"][0]
    pages["caption"] = (public_page, "caption")
    pages["embedded big screen"] = (public_page, "embed")
    checker = Checker()

    def run(token: str, command: dict[str, Any]) -> None:
        answer = live_server.command(meeting, token, command)
        assert answer.status_code == 200, answer.text

    def check_all(state: str) -> None:
        # A point of order and the list closed change only the live regions: there, those
        # (with the light and colours of the page around them); in the other states, all.
        for lang in LANGUAGES:
            for name, (page, path) in pages.items():
                address = f"{base}/m/{meeting.id}" + (f"/{path}" if path else "")
                page.goto(f"{address}?lang={lang}")
                live_only = state in ("a point of order waiting", "the list closed")
                checker.check(page, f"{name} [{state}, {lang}]", live_only=live_only)

    chair = meeting.chair_token
    run(chair, {"type": "set_embedding", "origins": ["https://webtv.example.org"]})
    check_all("before opening")
    run(chair, {"type": "open_meeting"})
    run(chair, {"type": "start_segment", "segment": 2})
    run(token_of(ana["link"]), {"type": "request_floor"})
    run(
        token_of(bikash["link"]), {"type": "request_floor", "kind": "question", "channel": "online"}
    )
    run(chair, {"type": "give_floor", "request_id": 1, "limit_seconds": 180})
    run(chair, {"type": "tag_intervention", "questions": [1], "note": "Open data"})
    check_all("a speech under way")
    run(token_of(chen["link"]), {"type": "request_floor", "kind": "point-of-order"})
    check_all("a point of order waiting")
    run(chair, {"type": "close_list"})
    check_all("the list closed")
    page, _path = pages["chair"]
    for lang in LANGUAGES:
        page.goto(f"{base}/m/{meeting.id}/close?lang={lang}")
        checker.check(page, f"closing confirmation [{lang}]")
    run(chair, {"type": "close_meeting"})
    check_all("the meeting closed")

    secretariat, _path = pages["secretariat"]
    for lang in LANGUAGES:
        # The report draws its charts first: on a busy machine that takes longer than a page.
        secretariat.goto(f"{base}/m/{meeting.id}/report.html?lang={lang}", timeout=REPORT_MS)
        checker.check(secretariat, f"HTML report [{lang}]")
        secretariat.goto(f"{base}/m/{meeting.id}/secretariat?lang={lang}")
        secretariat.locator("#links select").select_option(f"participant:{dana['id']}")
        secretariat.locator("#links button").click()
        secretariat.wait_for_url("**/links?shown=*")
        checker.check(secretariat, f"re-issued link [{lang}]")
        secretariat.reload()
        checker.check(secretariat, f"message page [{lang}]")
    for page in {page for page, _path in pages.values()}:
        page.context.close()

    assert checker.checked == 2 * (7 * 5 + 1 + 3)
    assert not checker.problems, "\n".join(checker.problems)


def test_the_pages_before_a_meeting_exists(
    live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    checker = Checker()
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(SOON)
    page = context.new_page()
    base = live_server.base_url
    for lang in LANGUAGES:
        page.goto(f"{base}/?lang={lang}")
        checker.check(page, f"landing [{lang}]")
        page.goto(f"{base}/m/no-such-meeting?lang={lang}")
        checker.check(page, f"no such meeting [{lang}]")
        page.goto(f"{base}/new?lang={lang}")
        checker.check(page, f"new meeting [{lang}]")
        page.locator("#note").set_input_files(str(PANEL_2024))
        page.locator("#token").fill(ADMIN_TOKEN)
        page.locator("form button[type=submit]").click()
        page.wait_for_selector(".review")
        checker.check(page, f"review [{lang}]")
        page.locator('input[name="timezone"]').fill("Geneva")
        page.locator("button[value=create]").click()
        page.wait_for_selector("#error-timezone")
        checker.check(page, f"review with an error [{lang}]")
        page.locator('input[name="timezone"]').fill("Europe/Zurich")
        page.locator("button[value=create]").click()
        page.wait_for_url("**/new/*")
        checker.check(page, f"created [{lang}]")
    context.close()
    assert checker.checked == 2 * 6
    assert not checker.problems, "\n".join(checker.problems)
