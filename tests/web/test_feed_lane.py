"""The feed's own lane (``podium.web.feed.lane``), as ``podium serve`` hands it the feed's
requests on a real uvicorn: it answers as the app's route does, refusals and all, with the
same headers, host check and language, and streams the feed."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from podium.meeting.commands import OpenMeeting
from podium.meeting.plan import Plan
from podium.meeting.words import CHAIR
from podium.meetings import MeetingService
from podium.web.app import create_app
from podium.web.connections import FeedCaps
from podium.web.outlet import ServerSend
from tests.support.server import free_port

HOSTS = ["127.0.0.1", "testserver"]


def app_at(folder: Path) -> FastAPI:
    return create_app(folder, allowed_hosts=HOSTS, feed_caps=FeedCaps(per_address=1, per_token=1))


class Lane:
    """A real server, its meeting, and how many requests its lane took."""

    def __init__(self, base: str, meeting: str) -> None:
        self.base = base
        self.meeting = meeting
        self.taken = 0


@contextlib.contextmanager
def running(folder: Path, lane: bool) -> Iterator[Lane]:
    """The app on uvicorn's httptools protocol: as ``podium serve`` runs it (its feed's
    requests handed to the lane), or on its own (the feed's route)."""
    app = app_at(folder)
    service: MeetingService = app.state.service
    created = service.create(Plan(title="A hall reconnecting"))
    service.execute(created.id, OpenMeeting(), CHAIR)
    port = free_port()
    found = Lane(f"http://127.0.0.1:{port}", created.id)
    inner = app.state.feed_lane

    async def counted(scope: Scope, receive: Receive, send: Send) -> None:
        found.taken += 1
        await inner(scope, receive, send)

    app.state.feed_lane = counted
    served: Any = ServerSend(app) if lane else app
    server = uvicorn.Server(
        uvicorn.Config(served, port=port, http="httptools", log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield found
    finally:
        server.should_exit = True
        thread.join(timeout=20)


@pytest.fixture
def lane(tmp_path: Path) -> Iterator[Lane]:
    with running(tmp_path / "served", lane=True) as found:
        yield found


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/api/meetings/nosuchmeet/feed", {"Accept-Language": "fr"}, 404),
        ("/api/meetings/nosuchmeet/feed", {"Accept-Language": "ar"}, 404),
        ("/api/meetings/no%2525such/feed", {}, 404),
        ("/api/meetings/" + "x" * 5000 + "/feed", {}, 404),
        ("/api/meetings/{id}/feed?after=99999999999999999999", {}, 422),
        ("/api/meetings/{id}/feed?after=1&after=-2", {}, 422),
        ("/api/meetings/{id}/feed?after=-1", {}, 422),
        ("/api/meetings/{id}/feed?after=ten", {"Accept-Language": "es"}, 422),
        ("/api/meetings/{id}/feed?view=chair", {}, 422),
        ("/api/meetings/{id}/feed", {"Last-Event-ID": "twelve", "Accept-Language": "ru"}, 422),
    ],
)
def test_the_lane_refuses_as_the_route_does(
    lane: Lane, tmp_path: Path, path: str, headers: dict[str, str], status: int
) -> None:
    with running(tmp_path / "routed", lane=False) as route:
        served = httpx.get(lane.base + path.format(id=lane.meeting), headers=headers, timeout=10)
        routed = httpx.get(route.base + path.format(id=route.meeting), headers=headers, timeout=10)
    assert lane.taken == 1, "the real server's lane took the request"
    assert route.taken == 0, "the other took it by the app's route"
    assert served.status_code == routed.status_code == status
    detail = served.json()["detail"]
    assert detail == routed.json()["detail"].replace(route.meeting, lane.meeting)
    for name in ("content-security-policy", "x-frame-options", "x-content-type-options"):
        assert served.headers[name] == routed.headers[name], name


def test_the_lane_checks_the_host_and_the_caps_as_the_app_does(lane: Lane) -> None:
    path = f"/api/meetings/{lane.meeting}/feed"
    wrong = httpx.get(lane.base + path, headers={"Host": "attacker.example"}, timeout=10)
    assert wrong.status_code == 400 and lane.taken == 1
    with httpx.stream("GET", lane.base + path, timeout=10) as first:
        assert first.status_code == 200
        assert first.headers["content-type"].startswith("text/event-stream")
        assert first.headers["x-frame-options"] == "DENY"
        lines = first.iter_lines()
        assert next(lines) == "retry: 2000"
        # One feed per address here: the second waits its turn.
        second = httpx.get(lane.base + path, headers={"Accept-Language": "fr"}, timeout=10)
        assert second.status_code == 503 and second.headers["retry-after"]
        assert second.json()["detail"].startswith("Trop de pages"), second.json()
        assert lane.taken == 3


def test_the_lane_streams_the_feed_and_resumes_after_an_id(lane: Lane) -> None:
    path = f"/api/meetings/{lane.meeting}/feed?after=0"
    with socket.create_connection(("127.0.0.1", int(lane.base.rsplit(":", 1)[1]))) as raw:
        raw.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        raw.settimeout(10)
        received = b""
        while b"id: 2\n" not in received:
            chunk = raw.recv(65536)
            assert chunk, received
            received += chunk
    assert received.startswith(b"HTTP/1.1 200")
    assert b"event: meeting_created" in received and b"event: meeting_opened" in received
    with httpx.stream(
        "GET", lane.base + f"/api/meetings/{lane.meeting}/feed", headers={"Last-Event-ID": "1"}
    ) as resumed:
        text = ""
        for line in resumed.iter_lines():
            text += line + "\n"
            if line.startswith("id: "):
                break
        assert "id: 2" in text and "id: 1\n" not in text
    assert lane.taken == 2
