"""Every page at 320 px and at 200% zoom, in a dark colour scheme and with reduced motion.

A page must never scroll sideways at 320 CSS pixels (a small phone, or a 1280 px
window at 400%) nor at 683 (a 1366 px laptop at 200%), in English and in
Arabic; in Chromium's dark colour scheme it turns dark, and axe finds no text
under its contrast; asked for reduced motion, nothing on it moves. The meeting
is at its busiest: a speech under way, a point of order waiting, the list long.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.test_access import REPORT_MS
from tests.browser.test_live_meeting import CHROMIUM_ARGS, SOON
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, token_of

pytestmark = pytest.mark.browser

WIDTHS = (320, 683)
LANGUAGES = ("en", "ar")
AXE = Axe()

# The widest thing on the page, when something sticks out past the viewport.
OVERFLOW = """() => {
  const root = document.documentElement, width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  let widest = null;
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    const out = Math.max(box.right - width, -box.left);
    if (out > 0.5 && (!widest || out > widest.out)) {
      widest = { out: Math.round(out), el: el.outerHTML.slice(0, 80).replace(/\\s+/g, " ") };
    }
  }
  return { scroll: root.scrollWidth, width, widest };
}"""

# Anything moving: running animations, and transitions that would run.
MOVING = """() => {
  const moving = document.getAnimations().map((a) => a.animationName || "an animation");
  for (const el of document.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (parseFloat(style.transitionDuration) > 0 || style.animationName !== "none") {
      moving.push(el.tagName + "." + el.className);
    }
  }
  return moving;
}"""


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def _busy_meeting(live_server: LiveServer) -> tuple[dict[str, str], dict[str, Any]]:
    """The 2024 panel at its busiest; the addresses of its pages, and a participant."""
    meeting = live_server.create_meeting(PANEL_2024)
    people = live_server.register(
        meeting,
        [
            {
                "name": "H.E. Ms. Wanjiru Kamau-Odhiambo Nyambura",
                "delegation": "Kenya",
                "country": "KE",
            },
            {"name": "Mr. Bikash Rai", "delegation": "Nepal", "country": "NP", "channel": "online"},
            {"name": "Ms. Chen Li", "delegation": "China", "country": "CN"},
            {"name": "Dr. Rosa Mendes", "stakeholder": "academia", "role": "panelist"},
        ],
    )
    chair = meeting.chair_token
    for command in ({"type": "open_meeting"}, {"type": "start_segment", "segment": 2}):
        assert live_server.command(meeting, chair, command).status_code == 200
    asks = [
        {"type": "request_floor"},
        {"type": "request_floor", "kind": "question", "channel": "online"},
        {"type": "request_floor", "kind": "right-of-reply"},
    ]
    for person, asked in zip(people, asks, strict=False):
        assert live_server.command(meeting, token_of(person["link"]), asked).status_code == 200
    give = {"type": "give_floor", "request_id": 1, "limit_seconds": 180}
    assert live_server.command(meeting, chair, give).status_code == 200
    order = {"type": "request_floor", "kind": "point-of-order"}
    assert live_server.command(meeting, token_of(people[2]["link"]), order).status_code == 200
    tag = {"type": "tag_intervention", "questions": [1, 2], "note": "Open data and capacity"}
    assert live_server.command(meeting, chair, tag).status_code == 200
    base = f"{live_server.base_url}/m/{meeting.id}"
    links = {
        "chair": meeting.links["chair"],
        "secretariat": meeting.links["secretariat"],
        "display": meeting.links["display"],
        "participant": people[0]["link"],
    }
    pages = {
        "landing": ("", f"{live_server.base_url}/"),
        "new meeting": ("", f"{live_server.base_url}/new"),
        "message": ("", f"{live_server.base_url}/m/no-such-meeting"),
        "public": ("", base),
        "participant": ("participant", f"{base}/me"),
        "big screen": ("display", f"{base}/screen"),
        "Chair": ("chair", f"{base}/chair"),
        "closing confirmation": ("chair", f"{base}/close"),
        "secretariat": ("secretariat", f"{base}/secretariat"),
        "HTML report": ("secretariat", f"{base}/report.html"),
    }
    return links, pages


def _pages(browser: Browser, links: dict[str, str], **options: Any) -> dict[str, Page]:
    """One page per role (its link followed, so its cookie set), and one without a role."""
    opened = {}
    for role in ("", *links):
        context = browser.new_context(**options)
        context.set_default_timeout(SOON)
        page = context.new_page()
        if role:
            page.goto(links[role])
        opened[role] = page
    return opened


def _close(pages: dict[str, Page]) -> None:
    for page in pages.values():
        page.context.close()


def test_no_page_scrolls_sideways_at_320_px_or_at_200_percent(
    live_server: LiveServer, browser: Browser
) -> None:
    links, addresses = _busy_meeting(live_server)
    pages = _pages(browser, links, viewport={"width": WIDTHS[0], "height": 640})
    problems = []
    for lang in LANGUAGES:
        for name, (role, address) in addresses.items():
            page = pages[role]
            page.goto(f"{address}?lang={lang}", timeout=REPORT_MS)
            page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 640})
                found = page.evaluate(OVERFLOW)
                if found:
                    problems.append(f"{name} at {width} px [{lang}]: {found}")
            if name == "participant" and lang == "ar":
                page.set_viewport_size({"width": 320, "height": 640})
                page.screenshot(path="/tmp/podium-phone-320-ar.png", full_page=True)
    _close(pages)
    assert not problems, "\n".join(problems)


def test_a_dark_scheme_reads_and_reduced_motion_keeps_pages_still(
    live_server: LiveServer, browser: Browser
) -> None:
    links, addresses = _busy_meeting(live_server)
    pages = _pages(
        browser,
        links,
        viewport={"width": 1366, "height": 900},
        color_scheme="dark",
        reduced_motion="reduce",
    )
    problems = []
    for name, (role, address) in addresses.items():
        page = pages[role]
        page.goto(address, timeout=REPORT_MS)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        if name not in ("big screen", "HTML report"):
            assert background == "rgb(18, 18, 18)", (name, background)
        results = AXE.run(page, options={"runOnly": ["color-contrast"]}).response
        for violation in results["violations"]:
            targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
            problems.append(f"{name} (dark): {violation['help']} at {targets}")
        moving = page.evaluate(MOVING)
        if moving:
            problems.append(f"{name} (reduced motion): {moving[:5]}")
        if name in ("Chair", "participant"):
            page.screenshot(path=f"/tmp/podium-dark-{role}.png")
    _close(pages)
    assert not problems, "\n".join(problems)
