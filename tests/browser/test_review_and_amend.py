"""A plan corrected before the meeting and amended during it, in a real browser.

A Word note is uploaded at /new; on the review page the panelists' limit and
the zone are corrected; the Chair's console and the big screen then time the
panelists by the corrected limit. During the meeting the secretariat amends
a segment not yet started; the change is in the log, on every page and in the
report, and the floor is timed by it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from podium.conceptnote.docx import write_docx
from podium.conceptnote.reader import read_note
from podium.store.open import open_store
from tests.browser.test_live_meeting import CHROMIUM_ARGS, SOON, open_link
from tests.conftest import PANEL_2024
from tests.support.server import ADMIN_TOKEN, LiveServer, Meeting

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/podium-review-shots")


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def shot(page: Page, name: str) -> None:
    """A full-page screenshot, to look at when the layout is in doubt."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def link_of(page: Page, who: str) -> str:
    href = page.locator("table.links tr", has_text=who).locator("a").get_attribute("href")
    assert href is not None
    return href


def test_a_plan_corrected_at_new_then_amended_while_held(
    live_server: LiveServer, browser: Browser, tmp_path: Path
) -> None:
    note = tmp_path / "panel-2024.docx"
    note.write_bytes(write_docx(read_note(PANEL_2024)))

    admin = browser.new_context(viewport={"width": 1400, "height": 1000})
    admin.set_default_timeout(SOON)
    review = admin.new_page()
    review.goto(f"{live_server.base_url}/new")
    review.locator("#note").set_input_files(str(note))
    review.locator("#token").fill(ADMIN_TOKEN)
    review.get_by_role("button", name="Read the note").click()

    # The plan as read, beside the note's text.
    expect(review.locator("h1")).to_have_text("Review the plan")
    expect(review.locator(".note-text")).to_contain_text("Global Cooperation in Science")
    panel_limit = review.locator('input[name="segments-1-minutes_max"]')
    expect(panel_limit).to_have_value("15")
    expect(review.locator('select[name="segments-1-role"]')).to_have_value("panelist")
    shot(review, "1-review-as-read")

    # A wrong zone is refused beside its field, and what was typed stays.
    review.locator('input[name="timezone"]').fill("Geneva")
    panel_limit.fill("12")
    review.get_by_role("button", name="Create the meeting").click()
    expect(review.locator("#error-timezone")).to_contain_text("“Geneva” is not a time zone")
    expect(review.locator('input[name="segments-1-minutes_max"]')).to_have_value("12")
    shot(review, "2-review-with-an-error")
    review.locator('input[name="timezone"]').fill("America/New_York")
    review.get_by_role("button", name="Create the meeting").click()
    expect(review.locator("p[role=status]")).to_contain_text("The meeting is created")
    links = {who: link_of(review, who) for who in ("Chair", "Secretariat", "Big screen")}
    public_url = link_of(review, "Public page")
    meeting = Meeting(
        id=public_url.rstrip("/").rsplit("/", 1)[-1],
        links={
            "chair": links["Chair"],
            "secretariat": links["Secretariat"],
            "display": links["Big screen"],
        },
    )
    with live_server.client() as api:
        plan = api.get(f"/api/meetings/{meeting.id}").json()
    assert plan["timezone"] == "America/New_York"
    assert plan["start"] == "2024-04-15T15:00:00-04:00"
    assert plan["segments"][1]["minutes_max"] == 12

    _panelist, ana = live_server.register(
        meeting,
        [
            {"name": "Rosa Mendes", "stakeholder": "academia", "role": "panelist", "segment": 1},
            {"name": "Ana Gomez", "delegation": "Brazil", "country": "BR"},
        ],
    )
    chair = open_link(browser, meeting.links["chair"])
    screen = open_link(browser, meeting.links["display"], viewport={"width": 1280, "height": 720})
    secretariat = open_link(
        browser, meeting.links["secretariat"], viewport={"width": 1280, "height": 900}
    )

    # The panelists' segment runs on the corrected limit: 12 minutes, on both screens.
    chair.get_by_role("button", name="Open the meeting").click()
    chair.locator("#programme li").nth(1).get_by_role("button", name="Start segment").click()
    # "Next speaker" acts on the list the console shows: it is pressed once the panelist is in it.
    expect(chair.locator("#list li").first).to_contain_text("Rosa Mendes")
    chair.get_by_role("button", name="Next speaker").click()
    expect(screen.locator("h1.speaker")).to_have_text("Rosa Mendes")
    expect(screen.locator("[data-timer]")).to_have_attribute("data-limit", "720")
    expect(chair.locator("#now [data-timer]")).to_have_attribute("data-limit", "720")
    expect(screen.locator("[data-digits]")).to_have_text("12:00")

    # While it runs, the secretariat amends the discussion, not yet started.
    secretariat.reload()
    started = secretariat.locator("#amend-segment-1")
    expect(started).to_contain_text("started: no longer changed")
    discussion = secretariat.locator("#amend-segment-2")
    discussion.locator("summary").click()
    discussion.get_by_label("Segment title").fill("Open dialogue with delegations")
    discussion.get_by_label("Most minutes").fill("2")
    shot(secretariat, "3-secretariat-amending")
    discussion.get_by_role("button", name="Save the segment").click()
    expect(secretariat.locator("#message")).to_have_count(0)
    expect(secretariat.locator("#amend-segment-2")).to_contain_text("2 minutes each")

    # In the log ...
    store = open_store(live_server.data)
    try:
        logged = [json.loads(e.data) for e in store.read(meeting.id, 0)]
    finally:
        store.close()
    amended = [e for e in logged if e["type"] == "programme_amended"]
    assert len(amended) == 1
    assert amended[0]["by"] == "secretariat" and amended[0]["index"] == 2
    assert amended[0]["value"]["minutes_max"] == 2

    # ... on every page ...
    expect(chair.locator("#programme")).to_contain_text("Open dialogue with delegations")
    public = open_link(browser, public_url)
    expect(public.locator("body")).to_contain_text("Open dialogue with delegations")
    secretariat.reload()
    expect(secretariat.locator("#segments")).to_contain_text("Open dialogue with delegations")

    # ... and the floor is timed by it, on the Chair's console and the big screen.
    chair.locator("#programme li").nth(2).get_by_role("button", name="Start segment").click()
    expect(screen.locator(".segment")).to_have_text("Open dialogue with delegations")
    live_server.command(
        meeting,
        meeting.chair_token,
        {"type": "request_floor", "participant_id": ana["id"]},
    ).raise_for_status()
    expect(chair.locator("#list")).to_contain_text("Ana Gomez")
    chair.get_by_role("button", name="Next speaker").click()
    expect(screen.locator("h1.speaker")).to_have_text("Ana Gomez")
    expect(screen.locator("[data-timer]")).to_have_attribute("data-limit", "120")
    expect(chair.locator("#now [data-timer]")).to_have_attribute("data-limit", "120")
    shot(screen, "4-screen-amended-limit")
    shot(chair, "5-chair-amended")

    # ... and in the report: the programme as amended, and the amendment itself.
    with live_server.client(meeting.secretariat_token) as api:
        report = api.get(f"/m/{meeting.id}/report.md")
    assert report.status_code == 200
    assert "Amendments to the programme" in report.text
    assert "Segment 3 “Open dialogue with delegations” now: 2 minutes each" in report.text
    assert "| Open dialogue with delegations |" in report.text
