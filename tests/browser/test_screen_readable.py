"""The big screen read from the back of the hall, measured in Chromium at 1920×1080.

Every piece of text on the screen, in every light and state (a waiting point of
order, paused, the list closed, online speakers, the meeting closed), must be at
least 32 px high and at least 7:1 against the colour behind it; the contrast is
computed here from the colours Chromium resolved from the stylesheet. The Chair's
red alert must read at 4.5:1. The pages come from the application in process, on
a clock the test sets, so that each light is exactly the one asked for.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from podium.conceptnote.reader import read_note
from podium.meeting.commands import (
    CloseList,
    CloseMeeting,
    GiveFloor,
    OpenMeeting,
    PauseSpeech,
    RequestFloor,
    StartSegment,
    TagIntervention,
)
from podium.meeting.participants import ParticipantFields
from podium.meeting.words import CHAIR, Actor
from podium.meetings import MeetingService
from podium.web.app import create_app
from tests.browser.test_live_meeting import CHROMIUM_ARGS
from tests.conftest import PANEL_2024

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.browser

ORIGIN = "http://podium.test"
HALL = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1366, "height": 768}

# Every element's own text, its size, its colour and the first opaque background behind it.
TEXTS = """() => {
  const opaque = (el) => {
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      if (!/rgba\\(.*,\\s*0\\)$/.test(bg) && bg !== "transparent") return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    found.push({
      text: own.slice(0, 40), size: parseFloat(style.fontSize), color: style.color, bg: opaque(el),
    });
  }
  return found;
}"""


def _rgb(css: str) -> tuple[float, float, float]:
    numbers = re.findall(r"[\d.]+", css)
    red, green, blue = (float(n) for n in numbers[:3])
    return red, green, blue


def _luminance(colour: tuple[float, float, float]) -> float:
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two CSS colours."""
    light, dark = sorted((_luminance(_rgb(foreground)), _luminance(_rgb(background))))[::-1]
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert round(contrast("rgb(255, 255, 255)", "rgb(0, 0, 0)"), 1) == 21.0
    assert round(contrast("rgb(255, 255, 255)", "rgb(253, 232, 232)"), 2) == 1.17  # bug 2
    assert round(contrast("rgb(68, 68, 68)", "rgb(198, 40, 40)"), 2) == 1.73  # bug 2


class Hall:
    """The application in process, a clock the test moves, and Chromium pages served from it."""

    def __init__(self, data: Path, browser: Browser) -> None:
        self.app = create_app(str(data))
        self.service: MeetingService = self.app.state.service
        plan = read_note(PANEL_2024)
        assert plan.start is not None
        self.now: datetime = plan.start
        self.service.clock = lambda: self.now
        created = self.service.create(plan)
        self.meeting = created.id
        self.tokens = dict(created.tokens)
        self.browser = browser

    def run(self, command: object, by: Actor = CHAIR, after: float = 0.0) -> None:
        self.now += timedelta(seconds=after)
        self.service.execute(self.meeting, command, by)  # type: ignore[arg-type]

    def person(self, name: str, **fields: Any) -> str:
        participant, _token = self.service.register(
            self.meeting, [ParticipantFields(name=name, **fields)], CHAIR
        )[0]
        return participant.id

    def open(self, role: str, page: str, viewport: dict[str, int]) -> Page:
        """The page as ``role`` sees it, without its script (the server's light is the one)."""
        client = TestClient(self.app)  # type: ignore[arg-type]
        client.get(f"/join/{self.tokens[role]}")

        def serve(route: Route) -> None:
            answer = client.get(route.request.url.removeprefix(ORIGIN))
            route.fulfill(
                status=answer.status_code,
                body=answer.content,
                headers={"content-type": answer.headers["content-type"]},
            )

        context = self.browser.new_context(viewport=viewport, java_script_enabled=False)  # type: ignore[arg-type]
        context.route(f"{ORIGIN}/**", serve)
        shown = context.new_page()
        shown.goto(f"{ORIGIN}/m/{self.meeting}/{page}")
        return shown


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def hall(tmp_path: Path, browser: Browser) -> Hall:
    return Hall(tmp_path / "data", browser)


def _waiting(hall: Hall) -> tuple[str, str]:
    """An open discussion with a point of order, a question from online and a statement."""
    hall.run(OpenMeeting())
    hall.run(StartSegment(segment=2))
    speaker = hall.person("H.E. Ms. Wanjiru Kamau", delegation="Kenya", country="KE")
    online = hall.person("Mr. Rafael Souza", delegation="Brazil", country="BR", channel="online")
    order = hall.person("Ms. Nusrat Jahan", delegation="Bangladesh", country="BD")
    hall.run(RequestFloor(), Actor("participant", speaker))
    hall.run(RequestFloor(kind="question", channel="online"), Actor("participant", online))
    hall.run(RequestFloor(kind="point-of-order"), Actor("participant", order))
    return speaker, order


def _readable(page: Page, least_contrast: float, least_size: float, state: str) -> int:
    texts = page.evaluate(TEXTS)
    assert texts, state
    for text in texts:
        ratio = contrast(text["color"], text["bg"])
        assert ratio >= least_contrast, f"{state}: {text} at {ratio:.2f}:1"
        assert text["size"] >= least_size, f"{state}: {text} at {text['size']} px"
    return len(texts)


def _screenshot(page: Page, name: str) -> None:
    page.screenshot(path=f"/tmp/podium-{name}.png")


def test_every_label_on_the_big_screen_reads_from_the_back_in_every_light(hall: Hall) -> None:
    _waiting(hall)
    hall.run(CloseList())
    idle = hall.open("display", "screen", HALL)
    assert "light-none" in (idle.locator("body").get_attribute("class") or "")
    assert idle.locator(".alert").is_visible() and idle.locator(".online").count() == 1
    assert idle.locator(".upcoming").get_by_text("The list is closed").is_visible()
    _readable(idle, 7, 32, "between speeches, a point of order waiting")
    _screenshot(idle, "screen-idle")

    hall.run(GiveFloor(request_id=1, limit_seconds=180))
    hall.run(TagIntervention(questions=(1,)))
    seen: dict[str, int] = {}
    for light, after in (("green", 10), ("amber", 160), ("red", 20)):
        hall.now += timedelta(seconds=after)
        page = hall.open("display", "screen", HALL)
        assert f"light-{light}" in (page.locator("body").get_attribute("class") or ""), light
        assert page.locator(".alert").is_visible()
        seen[light] = _readable(page, 7, 32, f"{light} light, a point of order waiting")
        _screenshot(page, f"screen-{light}")
    hall.run(PauseSpeech())
    paused = hall.open("display", "screen", HALL)
    assert paused.get_by_text("Paused").is_visible()
    _readable(paused, 7, 32, "paused in the red")
    # The busiest screen still fits the hall's screen: nothing below the fold.
    assert paused.evaluate("document.documentElement.scrollHeight") <= HALL["height"]
    _screenshot(paused, "screen-paused")


def test_paused_does_not_move_the_timer(hall: Hall) -> None:
    _waiting(hall)
    hall.run(GiveFloor(request_id=1, limit_seconds=180))
    hall.now += timedelta(seconds=5)
    running = hall.open("display", "screen", HALL).locator("[data-digits]").bounding_box()
    hall.run(PauseSpeech())
    paused_page = hall.open("display", "screen", HALL)
    paused = paused_page.locator("[data-digits]").bounding_box()
    label = paused_page.locator(".timer .paused").bounding_box()
    assert running and paused and label
    assert (round(running["x"]), round(running["y"])) == (round(paused["x"]), round(paused["y"]))
    assert label["height"] >= 32


def test_a_closed_meeting_on_the_big_screen_is_readable(hall: Hall) -> None:
    _waiting(hall)
    hall.run(CloseMeeting())
    page = hall.open("display", "screen", HALL)
    assert page.get_by_text("The meeting is closed.").is_visible()
    assert page.locator(".upcoming").count() == 0
    _readable(page, 7, 32, "closed")


def test_the_chairs_red_alert_is_readable(hall: Hall) -> None:
    _waiting(hall)
    page = hall.open("chair", "chair", LAPTOP)
    alert = page.locator("#order .alert")
    assert alert.is_visible()
    texts = [t for t in page.evaluate(TEXTS) if t["bg"] in _alert_backgrounds(page)]
    assert any("Bangladesh" in t["text"] for t in texts)
    for text in texts:
        ratio = contrast(text["color"], text["bg"])
        assert ratio >= 4.5, f"{text} at {ratio:.2f}:1"
    _screenshot(page, "chair-alert")


def _alert_backgrounds(page: Page) -> set[str]:
    colour: str = page.locator("#order .alert").evaluate(
        "(el) => getComputedStyle(el).backgroundColor"
    )
    return {colour}
