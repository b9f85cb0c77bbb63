"""The feed's frames, and what a client too far behind is told (on a real uvicorn)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import uvicorn

from podium.live.hub import Hub
from podium.meeting.plan import Plan
from podium.store.base import StoredEvent
from podium.web.app import create_app
from podium.web.feed import frame, snapshot_frame
from tests.support.server import free_port
from tests.support.sse import frames, take


def test_a_frame_names_the_event_and_carries_its_json_as_stored() -> None:
    data = '{"type":"floor_given","v":1,"note":"a\\nb"}'
    event = StoredEvent("m1", 7, data, datetime.now(UTC))
    assert frame(event) == f"id: 7\nevent: floor_given\ndata: {data}\n\n".encode()
    assert frame(event) is frame(event)  # built once, shared by every connection
    assert snapshot_frame(9) == b'id: 9\nevent: snapshot\ndata: {"seq": 9}\n\n'


@pytest.fixture
def small_server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A server whose hub keeps 2 events and replays at most 3, with a meeting of 13 events."""
    app = create_app(tmp_path)
    service = app.state.service
    created = service.create(Plan(title="A short meeting"))
    for _i in range(12):
        # Events that change nothing but the seq: a meeting re-created is still one meeting.
        service.store.append(
            created.id,
            service.store.last_seq(created.id),
            ['{"type":"list_closed","v":1,"at":"2024-04-15T13:00:00+00:00"}'],
        )
    app.state.hub = Hub(service.store, buffer=2, replay_limit=3)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", created.id
    server.should_exit = True
    thread.join(timeout=10)


def test_a_client_too_far_behind_is_told_to_refetch_the_state(
    small_server: tuple[str, str],
) -> None:
    base, meeting = small_server
    with httpx.stream("GET", f"{base}/api/meetings/{meeting}/feed", timeout=10) as response:
        (first,) = take(frames(response), 1)
    assert (first.event, first.seq, first.json()) == ("snapshot", 13, {"seq": 13})
    headers = {"Last-Event-ID": "11"}
    with httpx.stream(
        "GET", f"{base}/api/meetings/{meeting}/feed", headers=headers, timeout=10
    ) as response:
        near = take(frames(response), 2)
    assert [(f.seq, f.event) for f in near] == [(12, "list_closed"), (13, "list_closed")]


def test_a_bad_last_event_id_is_a_422(small_server: tuple[str, str]) -> None:
    base, meeting = small_server
    response = httpx.get(
        f"{base}/api/meetings/{meeting}/feed", headers={"Last-Event-ID": "yesterday"}
    )
    assert response.status_code == 422
    assert "yesterday" in response.json()["detail"]
