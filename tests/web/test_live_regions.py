"""The feed of a hall's page carries its live regions after each event, as a reload draws them."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import httpx

from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, Meeting, token_of
from tests.support.sse import Frame, frames

DIGITS = re.compile(r'(<span class="digits" data-digits>).*?(</span>)', re.S)


def _region(html: str, name: str) -> str:
    """A live region of a page, as the page draws it (its timer's digits left out)."""
    found = re.search(rf'<(section|main|div) id="{name}"[^>]*>.*?</\1>', html, re.S)
    assert found, name
    return DIGITS.sub(r"\1\2", found.group(0))


def _live_after(stream: Iterator[Frame], seq: int) -> Frame:
    for item in stream:
        if item.event == "live" and item.json()["seq"] >= seq:
            return item
    raise AssertionError("the feed ended")


def _follow(
    server: LiveServer, meeting: Meeting, query: str, token: str | None, done: list[Frame], at: int
) -> threading.Thread:
    ready = threading.Event()

    def run() -> None:
        with server.client(token) as client:
            url = f"/api/meetings/{meeting.id}/feed?after={at}&{query}"
            with client.stream("GET", url) as response:
                assert response.status_code == 200
                ready.set()
                done.append(_live_after(frames(response), at + 1))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    return thread


def test_each_page_of_the_hall_gets_its_regions_with_the_event(live_server: LiveServer) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    chair = meeting.chair_token
    ana, ben = live_server.register(
        meeting, [{"name": "Ana Gomez", "delegation": "Brazil"}, {"name": "Ben Ito"}]
    )
    for command in ({"type": "open_meeting"}, {"type": "start_segment", "segment": 0}):
        assert live_server.command(meeting, chair, command).status_code == 200
    ask = {"type": "request_floor", "participant_id": ben["id"]}
    at = live_server.command(meeting, chair, ask).json()["seq"]
    cases = {
        "public": ("view=public&lang=fr", None, f"/m/{meeting.id}?lang=fr"),
        "screen": ("view=screen&lang=en", meeting.display_token, f"/m/{meeting.id}/screen"),
        "me": ("view=me&lang=es", token_of(ana["link"]), f"/m/{meeting.id}/me?lang=es"),
    }
    got: dict[str, list[Frame]] = {page: [] for page in cases}
    threads = [
        _follow(live_server, meeting, query, token, got[page], at)
        for page, (query, token, _url) in cases.items()
    ]
    # The floor to Ben: every page's "now" changes; Ana's own places do not.
    seq = live_server.command(meeting, chair, {"type": "give_floor"}).json()["seq"]
    for thread in threads:
        thread.join(20)
    for page, (_query, token, url) in cases.items():
        (frame,) = got[page]
        payload = frame.json()
        assert payload["seq"] == seq
        with httpx.Client(base_url=live_server.base_url, timeout=20) as browser:
            if token:
                browser.get(f"/join/{token}")
            html = browser.get(url).text
        assert payload["regions"], page
        for name, fragment in payload["regions"].items():
            assert _region(fragment, name) == _region(html, name), (page, name)
        assert "Ben Ito" in "".join(payload["regions"].values())
    me = got["me"][0].json()
    assert me["self"][ben["id"]] != me["self_else"]  # Ben speaks: his own region changed
    assert ana["id"] not in me["self"]
    mine = re.search(r'<div id="mine"[^>]*data-self="([^"]*)"', html)
    assert mine and mine.group(1) == me["self_else"]  # Ana's phone has nothing to fetch


def test_a_feed_without_view_carries_the_events_alone(live_server: LiveServer) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    got: list[Frame] = []

    def run() -> None:
        with live_server.client() as client:
            url = f"/api/meetings/{meeting.id}/feed?after=0"
            with client.stream("GET", url) as response:
                stream = frames(response)
                got.append(next(stream))
                got.append(next(stream))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    live_server.command(meeting, meeting.chair_token, {"type": "open_meeting"})
    thread.join(20)
    assert [f.event for f in got] == ["meeting_created", "meeting_opened"]
    with live_server.client() as client:
        bad = client.get(f"/api/meetings/{meeting.id}/feed?view=chair")
    assert bad.status_code == 422 and bad.json()["detail"]
