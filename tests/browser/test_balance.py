"""A discussion of twenty requests with budgets and balanced ordering, run from the Chair's
console in Chromium on a real server; the console's figures are checked against the log.

The Chair chooses "balanced by region" and sets two budgets from the page's forms, gives the
floor with "Next speaker" only, and the console says who is next before each press; at the
end every region's turns and time, and each budget's use, are read off the console and
recomputed from the events in the log, with the reference data's regions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from podium.meeting.events import FloorGiven, FloorRequested, ParticipantAdded, SpeechEnded
from podium.record.groups import label
from podium.reference import find_country, reporting_region
from podium.store.open import open_store
from podium.web.templating import clock
from podium.wire import decode_event
from tests.browser.test_live_meeting import CHROMIUM_ARGS, open_link
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, token_of

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 900}
# Ten delegations of five regions; Fiji's and Peru's speak online.
DELEGATIONS = {
    "KE": ("Kenya", "female"),
    "NG": ("Nigeria", "male"),
    "SN": ("Senegal", "female"),
    "FR": ("France", "male"),
    "DE": ("Germany", "female"),
    "BR": ("Brazil", "male"),
    "PE": ("Peru", "female"),
    "JP": ("Japan", "male"),
    "BD": ("Bangladesh", "female"),
    "FJ": ("Fiji", "male"),
}
ONLINE = {"FJ", "PE"}


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def _text(page: Page, selector: str) -> str:
    return re.sub(r"\s+", " ", page.locator(selector).first.inner_text()).strip()


def _plain(seconds: float) -> str:
    """The console's m:ss for ``seconds``, without its markup."""
    return re.sub(r"<[^>]+>", "", str(clock(seconds)))


def test_twenty_requests_balanced_by_region_with_budgets(
    live_server: LiveServer, browser: Browser
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    people = live_server.register(
        meeting,
        [
            {
                "name": f"Delegate of {name}",
                "delegation": name,
                "country": code,
                "gender": gender,
                "channel": "online" if code in ONLINE else "room",
            }
            for code, (name, gender) in DELEGATIONS.items()
        ],
    )
    tokens = {person["name"]: token_of(person["link"]) for person in people}
    chair_token = meeting.chair_token
    for command in ({"type": "open_meeting"}, {"type": "start_segment", "segment": 2}):
        assert live_server.command(meeting, chair_token, command).status_code == 200

    chair = open_link(browser, meeting.links["chair"], viewport=LAPTOP)
    balance = chair.locator("#balance")
    expect(balance).to_contain_text("first come, first served")
    # The Chair's choices, from the page's own forms.
    balance.locator("select[name=ordering]").select_option("region")
    balance.get_by_role("button", name="Apply").click()
    expect(chair.locator("#balance .rule")).to_contain_text("balanced by region")
    africa = balance.locator("form:has(input[name=dimension][value=region])")
    africa.locator("select[name=group]").select_option("Africa")
    africa.locator("input[name=budget_minutes]").fill("0:05")
    africa.get_by_role("button", name="Set the budget").click()
    expect(chair.locator("#balance [data-budget='region:Africa']")).to_be_visible()
    online = balance.locator("form:has(input[name=dimension][value=channel])")
    online.locator("select[name=group]").select_option("online")
    online.locator("input[name=budget_minutes]").fill("1")
    online.get_by_role("button", name="Set the budget").click()
    expect(chair.locator("#balance [data-budget='channel:online']")).to_be_visible()

    def ask(name: str) -> None:
        code = next(c for c, (n, _g) in DELEGATIONS.items() if f"Delegate of {n}" == name)
        asked = {"type": "request_floor", "channel": "online" if code in ONLINE else "room"}
        assert live_server.command(meeting, tokens[name], asked).status_code == 200

    for person in people:
        ask(person["name"])

    def settle() -> None:
        """Until the console shows the meeting as the server has it now."""
        with live_server.client(chair_token) as client:
            seq = client.get(f"/api/meetings/{meeting.id}/state").json()["seq"]
        expect(chair.locator("input[data-seq]").first).to_have_value(str(seq))

    asked_twice: set[str] = set()
    said = []
    for turn in range(20):
        settle()
        expect(chair.locator("#balance [data-why]")).to_be_visible()
        next_name = _text(chair, "#balance [data-next]")
        said.append(_text(chair, "#balance [data-why]"))
        chair.get_by_role("button", name="Next speaker").click()
        expect(chair.locator("#now .speaker")).to_contain_text(next_name)
        chair.wait_for_timeout(300 + 150 * (turn % 5))
        if next_name not in asked_twice:
            asked_twice.add(next_name)
            ask(next_name)  # each delegation asks twice: twenty requests in all
    chair.get_by_role("button", name="End speech").click()
    expect(chair.locator("#now")).to_contain_text("No one has the floor.")
    expect(chair.locator("#list li")).to_have_count(0)
    assert any("Balanced by region:" in line for line in said), said
    settle()
    chair.screenshot(path="/tmp/podium-balance-console.png", full_page=True)

    # The same figures from the log alone.
    events = [decode_event(e.data) for e in open_store(live_server.data).read(meeting.id)]
    country = {e.participant_id: e.country for e in events if isinstance(e, ParticipantAdded)}
    requests = {e.request_id: e for e in events if isinstance(e, FloorRequested)}
    assert len(requests) == 20
    given = {e.intervention_id: e for e in events if isinstance(e, FloorGiven)}
    turns: dict[str, int] = {}
    seconds: dict[str, float] = {}
    online_seconds = 0.0
    for ended in (e for e in events if isinstance(e, SpeechEnded)):
        start = given[ended.intervention_id]
        assert start.request_id is not None
        found = find_country(country[start.participant_id] or "")
        assert found is not None
        region = reporting_region(found)
        turns[region] = turns.get(region, 0) + 1
        seconds[region] = seconds.get(region, 0.0) + ended.spoken_seconds
        if requests[start.request_id].channel == "online":
            online_seconds += ended.spoken_seconds
    assert sum(turns.values()) == 20
    for region, count in turns.items():
        row = chair.locator(f"#balance table[data-dimension=region] tr[data-group='{region}']")
        expect(row.locator("[data-turns]")).to_have_text(str(count))
        expect(row.locator("[data-seconds]")).to_have_text(_plain(seconds[region]))
        # Two requests of twenty each: the delegations' share of those who asked.
        share = round(
            100
            * sum(1 for c in country.values() if c and reporting_region(find_country(c)) == region)
            / 10
        )  # type: ignore[arg-type]
        expect(row.locator(".shares-text")).to_contain_text(f"· {share}% ·")
    for key, used in (
        ("region:Africa", seconds[label("region", "Africa")]),
        ("channel:online", online_seconds),
    ):
        budget = chair.locator(f"#balance [data-budget='{key}'] td")
        expect(budget.nth(2)).to_have_text(_plain(used))
