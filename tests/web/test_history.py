"""Pages and the live state hold what they show: the history of a long meeting is paged."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from podium.conceptnote.reader import read_note
from podium.meetings import MeetingService
from podium.web.app import create_app
from podium.web.history import PER_PAGE
from podium.web.live_schemas import InterventionsPage
from tests.conftest import PANEL_2024
from tests.support.growth import grow

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ROW = re.compile(r'<tr data-intervention="(\d+)">')
PAGES = ("chair", "secretariat", "screen", "me", "")


@dataclass
class Grown:
    service: MeetingService
    meeting: str
    clients: dict[str, TestClient]

    def get(self, page: str, query: str = "") -> str:
        client = self.clients[page or "public"]
        path = f"/m/{self.meeting}/{page}".rstrip("/") + query
        response = client.get(path)
        text: str = response.text
        assert response.status_code == 200, (path, text[:300])
        return text


def _grown(folder: Path, events: int) -> Grown:
    app = create_app(str(folder))
    service: MeetingService = app.state.service
    created = service.create(read_note(PANEL_2024))
    people = grow(service, created.id, events)
    tokens = {
        "chair": created.tokens["chair"],
        "secretariat": created.tokens["secretariat"],
        "screen": created.tokens["display"],
        "me": people[-1][1],
    }
    clients = {"public": TestClient(app)}
    for page, token in tokens.items():
        client = TestClient(app, follow_redirects=False)
        assert client.get(f"/join/{token}").status_code == 303
        clients[page] = client
    return Grown(service, created.id, clients)


@pytest.fixture(scope="module")
def meetings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Grown, Grown]]:
    small = _grown(tmp_path_factory.mktemp("small"), 600)  # past a page of the record
    large = _grown(tmp_path_factory.mktemp("large"), 2_000)
    yield small, large


def test_the_record_shows_fifty_interventions_a_page_newest_first(
    meetings: tuple[Grown, Grown],
) -> None:
    _small, large = meetings
    history = large.service.state(large.meeting).history
    assert len(history) > 8 * PER_PAGE
    first = [int(n) for n in ROW.findall(large.get("secretariat"))]
    assert first == [i.id for i in reversed(history)][:PER_PAGE]
    # Following the "Earlier" links, without script, reaches the oldest, each entry once.
    seen, query = [], ""
    while True:
        html = large.get("secretariat", query)
        rows = [int(n) for n in ROW.findall(html)]
        assert 0 < len(rows) <= PER_PAGE
        seen += rows
        earlier = re.search(r'<a href="(\?page=\d+)#record" rel="next">', html)
        if earlier is None:
            break
        query = earlier.group(1)
    assert seen == [i.id for i in reversed(history)]
    last = re.search(r'<a href="(\?page=\d+)#record" rel="last">', large.get("secretariat"))
    assert last is not None
    assert int(ROW.findall(large.get("secretariat", last.group(1)))[-1]) == history[0].id
    # A page past the last, or not a number, shows a page that exists.
    assert ROW.findall(large.get("secretariat", "?page=999999")) == ROW.findall(
        large.get("secretariat", last.group(1))
    )
    assert ROW.findall(large.get("secretariat", "?page=x")) == [str(n) for n in first]


def test_pages_and_the_state_weigh_the_same_at_three_times_the_history(
    meetings: tuple[Grown, Grown],
) -> None:
    small, large = meetings
    assert large.service.state(large.meeting).seq >= 3 * small.service.state(small.meeting).seq
    for page in PAGES:
        a, b = len(small.get(page)), len(large.get(page))
        # The same live state, drawn with the same room: only ids and numbers differ.
        assert b <= a * 1.05, (page, a, b)
    url = "/api/meetings/{}/state"
    a = len(small.clients["chair"].get(url.format(small.meeting)).content)
    b = len(large.clients["chair"].get(url.format(large.meeting)).content)
    assert b <= a * 1.05, (a, b)
    body = large.clients["public"].get(url.format(large.meeting)).json()
    assert "interventions" not in body and body["speech"] is not None


def test_the_interventions_route_pages_the_record(meetings: tuple[Grown, Grown]) -> None:
    _small, large = meetings
    history = large.service.state(large.meeting).history
    url = f"/api/meetings/{large.meeting}/interventions"
    chair = large.clients["chair"]
    page = InterventionsPage.model_validate_json(chair.get(url).content)
    assert page.page == 1 and page.total == len(history) and page.per_page == PER_PAGE
    assert [i.id for i in page.interventions] == [i.id for i in reversed(history)][:PER_PAGE]
    assert page.interventions[0].note  # the staff read the notes
    ids: list[int] = []
    for number in range(1, page.pages + 1):
        body = chair.get(url, params={"page": number, "per_page": 200}).json()
        ids += [i["id"] for i in body["interventions"]]
        if number == body["pages"]:
            break
    assert ids == [i.id for i in reversed(history)]
    hall = large.clients["public"].get(url, params={"page": 3}).json()
    assert hall["page"] == 3 and all("note" not in i for i in hall["interventions"])
    for bad in ({"page": 0}, {"page": "x"}, {"per_page": 201}, {"per_page": 0}):
        refused = chair.get(url, params=bad)
        assert refused.status_code == 422 and refused.json()["detail"], bad
    assert chair.get("/api/meetings/nosuchmeet/interventions").status_code == 404
