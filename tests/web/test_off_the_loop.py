"""A command from a page's form never waits on the event loop: while one waits for its
meeting (another command holding the meeting's lock), the server goes on serving every feed;
and a stranger's command is refused without waiting for a command thread. On a real uvicorn,
as ``podium serve`` runs the app."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from podium.conceptnote.reader import read_note
from podium.meeting.commands import OpenMeeting
from podium.meeting.words import CHAIR
from podium.meetings import MeetingService
from podium.web.app import create_app
from podium.web.auth import cookie_name
from podium.web.deps import COMMAND_THREADS
from podium.web.outlet import ServerSend
from tests.conftest import PANEL_2024
from tests.support.server import free_port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, MeetingService, str, str]]:
    app = create_app(tmp_path)
    service: MeetingService = app.state.service
    created = service.create(read_note(PANEL_2024))
    service.execute(created.id, OpenMeeting(), CHAIR)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(ServerSend(app), port=port, http="httptools", log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", service, created.id, created.tokens["chair"]
    server.should_exit = True
    thread.join(timeout=20)


def test_a_form_waiting_for_its_meeting_holds_up_no_feed(
    served: tuple[str, MeetingService, str, str],
) -> None:
    base, service, meeting, chair = served
    cookies = {cookie_name(meeting): chair}
    page = httpx.get(f"{base}/m/{meeting}/chair", cookies=cookies, timeout=10).text
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found
    form = {"csrf": found.group(1), "back": "chair", "type": "close_list"}
    answers: list[int] = []

    def press() -> None:
        answer = httpx.post(f"{base}/m/{meeting}/act", data=form, cookies=cookies, timeout=30)
        answers.append(answer.status_code)

    held = service._meetings.get(meeting)
    assert held is not None
    with held.lock:  # another command is being carried out for this meeting
        pressing = threading.Thread(target=press)
        pressing.start()
        time.sleep(0.5)  # the form is in, waiting for the meeting
        assert not answers
        started = time.monotonic()
        with httpx.stream("GET", f"{base}/api/meetings/{meeting}/feed", timeout=5) as feed:
            assert feed.status_code == 200
            assert next(feed.iter_lines()) == "retry: 2000"
        assert time.monotonic() - started < 3, "the feed waited for the form's command"
        assert not answers, "the command still waits for its meeting"
    pressing.join(10)
    assert answers == [303]
    assert service.state(meeting).list_closed


def test_a_stranger_is_refused_while_every_command_thread_waits_for_its_meeting(
    served: tuple[str, MeetingService, str, str],
) -> None:
    base, service, meeting, chair = served
    url = f"{base}/api/meetings/{meeting}/commands"
    chair_says = {"Authorization": f"Bearer {chair}"}
    assert httpx.post(url, json={"type": "close_list"}, headers=chair_says).status_code == 200
    answers: list[int] = []

    def press(kind: str) -> None:
        answer = httpx.post(url, json={"type": kind}, headers=chair_says, timeout=30)
        answers.append(answer.status_code)

    held = service._meetings.get(meeting)
    assert held is not None
    with held.lock:  # every command thread takes one of the Chair's commands, and waits
        pressing = [
            threading.Thread(target=press, args=("reopen_list" if n % 2 else "close_list",))
            for n in range(COMMAND_THREADS)
        ]
        for thread in pressing:
            thread.start()
        time.sleep(0.5)
        started = time.monotonic()
        stranger = httpx.post(
            url, json={"type": "close_list"}, headers={"Authorization": "Bearer " + "x" * 40}
        )
        assert stranger.status_code == 401
        assert time.monotonic() - started < 3, "the stranger waited for a command thread"
        assert not answers
    for thread in pressing:
        thread.join(20)
    assert sorted(answers)[0] == 200 and len(answers) == COMMAND_THREADS
