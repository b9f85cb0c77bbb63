"""One advance per press: "Next speaker" pressed at once by two Chairs gives the floor once.

The presses go the way a browser sends them: the Chair's page, then its form
with the CSRF token and the seq of the page it came from, over real sockets,
to one server process on SQLite and to two server processes sharing one
PostgreSQL log.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.conftest import PANEL_2024
from tests.support.schemas import drop_schema
from tests.support.server import LiveServer, Meeting, start_server

ROUNDS = 10
PRESSES_PER_CHAIR = 5  # two Chairs: 10 presses a round, 100 in all
FLOOR_CHANGED = "The list changed: nobody else was given the floor."


def _chair(server: LiveServer, meeting: Meeting) -> httpx.Client:
    client = httpx.Client(base_url=server.base_url, timeout=30, follow_redirects=False)
    assert client.get(f"/join/{meeting.chair_token}").status_code == 303
    return client


def _form(client: httpx.Client, meeting: Meeting) -> dict[str, str]:
    """The "Next speaker" form of the Chair's page as it stands."""
    html = client.get(f"/m/{meeting.id}/chair").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    seq = re.search(r'name="expected_seq" value="(\d+)"', html)
    assert csrf and seq, "the Chair's forms carry the CSRF token and the page's seq"
    return {
        "csrf": csrf.group(1),
        "expected_seq": seq.group(1),
        "back": "chair",
        "type": "give_floor",
    }


def _prepare(server: LiveServer, meeting: Meeting) -> None:
    assert server.command(meeting, meeting.chair_token, {"type": "open_meeting"}).is_success
    people = [{"name": f"Delegate {n}", "delegation": f"Delegation {n}"} for n in range(ROUNDS + 2)]
    for person in server.register(meeting, people):
        token = person["link"].rsplit("/", 1)[-1]
        assert server.command(meeting, token, {"type": "request_floor"}).is_success


def _press_at_once(
    forms: list[tuple[LiveServer, httpx.Client, dict[str, str]]], meeting: Meeting
) -> list[httpx.Response]:
    """Each Chair's form sent PRESSES_PER_CHAIR times, all released at the same instant."""
    start = threading.Barrier(len(forms) * PRESSES_PER_CHAIR)
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    def press(server: LiveServer, client: httpx.Client, form: dict[str, str]) -> None:
        with httpx.Client(base_url=server.base_url, cookies=client.cookies, timeout=30) as own:
            start.wait()
            answer = own.post(f"/m/{meeting.id}/act", data=form)
        with lock:
            answers.append(answer)

    threads = [
        threading.Thread(target=press, args=chair)
        for chair in forms
        for _n in range(PRESSES_PER_CHAIR)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


def _press_rounds(servers: list[LiveServer], meeting: Meeting) -> None:
    chairs = [(server, _chair(server, meeting)) for server in servers]
    if len(chairs) == 1:
        chairs.append((servers[0], _chair(servers[0], meeting)))  # a second Chair, one process
    history: list[int] = []
    try:
        for _round in range(ROUNDS):
            forms = [(server, client, _form(client, meeting)) for server, client in chairs]
            assert len({form["expected_seq"] for _s, _c, form in forms}) == 1
            answers = _press_at_once(forms, meeting)
            codes = Counter(answer.status_code for answer in answers)
            assert codes == {303: 1, 409: len(answers) - 1}, codes
            refused = [a for a in answers if a.status_code == 409]
            assert all(FLOOR_CHANGED in a.text for a in refused)
            with servers[0].client(meeting.chair_token) as api:
                state = api.get(f"/api/meetings/{meeting.id}/state").json()
            history.append(state["speech"]["intervention_id"])
    finally:
        for _server, client in chairs:
            client.close()
    # One intervention per round, one after the other: nobody's turn was skipped.
    assert history == list(range(history[0], history[0] + ROUNDS))


def test_two_chairs_pressing_next_at_once_give_the_floor_once(live_server: LiveServer) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    _prepare(live_server, meeting)
    _press_rounds([live_server], meeting)


@pytest.mark.postgres
def test_two_chairs_on_two_processes_give_the_floor_once(postgres_url: str, tmp_path: Path) -> None:
    schema = f"podium_press_{uuid.uuid4().hex[:10]}"
    env = {"PODIUM_DATABASE_URL": postgres_url, "PODIUM_DATABASE_SCHEMA": schema}
    first = start_server(tmp_path / "a", env=env)
    second = start_server(tmp_path / "b", env=env)
    try:
        meeting = first.create_meeting(PANEL_2024)
        _prepare(first, meeting)
        _press_rounds([first, second], meeting)
    finally:
        first.stop()
        second.stop()
        drop_schema(postgres_url, schema)


def test_a_press_still_acts_when_only_something_else_changed(tmp_path: Path) -> None:
    from podium.conceptnote.reader import read_note
    from podium.meeting.commands import (
        ExtendSpeech,
        GiveFloor,
        OpenMeeting,
        RequestFloor,
    )
    from podium.meeting.participants import ParticipantFields
    from podium.meeting.words import CHAIR, Actor
    from podium.meetings import MeetingService, StaleSeq
    from podium.store import open_store

    service = MeetingService(open_store(tmp_path))
    meeting = service.create(read_note(PANEL_2024)).id
    service.execute(meeting, OpenMeeting(), CHAIR)
    people = [
        service.register(meeting, [ParticipantFields(name=f"Delegate {n}")], CHAIR)[0][0].id
        for n in range(3)
    ]
    service.execute(meeting, RequestFloor(), Actor("participant", people[0]))
    seen = service.state(meeting).seq
    # A request joins the end of the list: "next" still means the same person.
    service.execute(meeting, RequestFloor(), Actor("participant", people[1]))
    given = service.execute(meeting, GiveFloor(limit_seconds=180), CHAIR, expected_seq=seen)
    with pytest.raises(StaleSeq, match="nobody else was given the floor"):
        service.execute(meeting, GiveFloor(), CHAIR, expected_seq=seen)
    assert service.state(meeting).speech.participant_id == people[0]  # type: ignore[union-attr]
    # Two presses of "+1 min" made on one page are one minute.
    service.execute(meeting, ExtendSpeech(), CHAIR, expected_seq=given.seq)
    with pytest.raises(StaleSeq):
        service.execute(meeting, ExtendSpeech(), CHAIR, expected_seq=given.seq)
    assert service.state(meeting).speech.extended_seconds == 60  # type: ignore[union-attr]
