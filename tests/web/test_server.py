"""End to end on a real ``podium serve``: real sockets, the real feed, resume without loss."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from tests.conftest import PANEL_2024
from tests.support.schemas import drop_schema
from tests.support.server import LiveServer, start_server, token_of
from tests.support.sse import frames, take

PEOPLE = [
    {"name": "Dr. Amara Okafor", "role": "panelist", "segment": 1, "stakeholder": "academia"},
    {"name": "H.E. Ms. Wanjiru Kamau", "delegation": "Kenya", "country": "KE"},
    {
        "name": "<script>alert(1)</script>",
        "delegation": "Fiji",
        "country": "FJ",
        "channel": "online",
    },
]
CSV = (
    "name,delegation,country,organisation,stakeholder,gender,channel\n"
    "Ms. Nusrat Jahan,Bangladesh,BD,,government,female,room\n"
    "Ms. Ana Lima,,,Women in Digital Futures,civil-society,female,online\n"
)


def test_a_meeting_runs_over_real_connections(live_server: LiveServer) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    assert meeting.links["public"] == f"{live_server.base_url}/m/{meeting.id}"
    registered = live_server.register(meeting, PEOPLE)
    assert [p["name"] for p in registered] == [p["name"] for p in PEOPLE]
    with live_server.client(meeting.secretariat_token) as client:
        response = client.post(
            f"/api/meetings/{meeting.id}/participants",
            content=CSV.encode(),
            headers={"Content-Type": "text/csv"},
        )
    assert response.status_code == 201, response.text
    assert [p["stakeholder"] for p in response.json()["participants"]] == [
        "government",
        "civil-society",
    ]
    kenya = registered[1]
    chair = meeting.chair_token
    assert live_server.command(meeting, chair, {"type": "open_meeting"}).status_code == 200
    asked = live_server.command(meeting, token_of(kenya["link"]), {"type": "request_floor"})
    assert asked.status_code == 200, asked.text
    given = live_server.command(meeting, chair, {"type": "give_floor"})
    assert given.status_code == 200
    assert given.json()["events"][0]["participant_id"] == kenya["id"]

    with live_server.client() as client:
        state = client.get(f"/api/meetings/{meeting.id}/state").json()
        plan = client.get(f"/api/meetings/{meeting.id}").json()
    assert state["seq"] == given.json()["seq"]
    assert state["speech"]["name"] == "H.E. Ms. Wanjiru Kamau"
    assert "server_time" in state
    assert plan["title"].startswith("Global Cooperation in Science")


def test_the_feed_resumes_after_last_event_id_without_loss_or_repeat(
    live_server: LiveServer,
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    people = live_server.register(meeting, PEOPLE)
    chair = meeting.chair_token
    live_server.command(meeting, chair, {"type": "open_meeting"})
    head = 1 + len(PEOPLE) + 1
    seen: list[int] = []
    url = f"{live_server.base_url}/api/meetings/{meeting.id}/feed"
    timeout = httpx.Timeout(10.0)
    with httpx.stream("GET", url, timeout=timeout) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        stream = frames(response)
        first = take(stream, head)
        assert [f.event for f in first[:2]] == ["meeting_created", "participant_added"]
        for frame in first:
            assert frame.json()["type"] == frame.event
        seen += [f.seq for f in first]
        # Sent while this client listens: it gets the events as they are appended.
        live_server.command(meeting, chair, {"type": "start_segment", "segment": 1})
        live_server.command(meeting, chair, {"type": "give_floor"})
        live = take(stream, 3)
        assert [f.event for f in live] == ["segment_started", "floor_requested", "floor_given"]
        seen += [f.seq for f in live]
    # Disconnected: the meeting goes on without this client.
    for person in people[1:]:
        token = token_of(person["link"])
        assert live_server.command(meeting, token, {"type": "request_floor"}).status_code == 200
    live_server.command(meeting, chair, {"type": "pause_speech"})
    headers = {"Last-Event-ID": str(seen[-1])}
    with httpx.stream("GET", url, headers=headers, timeout=timeout) as response:
        missed = take(frames(response), 3)
    assert [f.event for f in missed] == ["floor_requested", "floor_requested", "speech_paused"]
    seen += [f.seq for f in missed]
    assert seen == list(range(1, len(seen) + 1))
    with live_server.client() as client:
        assert client.get(f"/api/meetings/{meeting.id}/state").json()["seq"] == seen[-1]
    # ``?after=`` resumes the same way (for EventSource, which cannot set the header).
    with httpx.stream("GET", f"{url}?after={seen[-2]}", timeout=timeout) as response:
        (last,) = take(frames(response), 1)
    assert last.seq == seen[-1]


def test_cookie_commands_from_another_site_are_refused(live_server: LiveServer) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    cookies = {f"podium_{meeting.id}": meeting.chair_token}
    with live_server.client(cookies=cookies) as client:
        foreign = client.post(
            f"/api/meetings/{meeting.id}/commands",
            json={"type": "open_meeting"},
            headers={"Origin": "https://evil.example"},
        )
        ours = client.post(
            f"/api/meetings/{meeting.id}/commands",
            json={"type": "open_meeting"},
            headers={"Origin": live_server.base_url},
        )
    assert foreign.status_code == 403
    assert ours.status_code == 200


@pytest.mark.postgres
def test_two_servers_on_one_postgresql_log_share_the_feed(
    postgres_url: str, tmp_path: Path
) -> None:
    schema = f"podium_web_{uuid.uuid4().hex[:10]}"
    env = {"PODIUM_DATABASE_URL": postgres_url, "PODIUM_DATABASE_SCHEMA": schema}
    first = start_server(tmp_path / "a", env=env)
    second = start_server(tmp_path / "b", env=env)
    try:
        meeting = first.create_meeting(PANEL_2024)
        url = f"{second.base_url}/api/meetings/{meeting.id}/feed?after=1"
        with httpx.stream("GET", url, timeout=httpx.Timeout(10.0)) as response:
            assert response.status_code == 200
            stream = frames(response)
            assert (
                first.command(meeting, meeting.chair_token, {"type": "open_meeting"}).status_code
                == 200
            )
            (opened,) = take(stream, 1)
            assert (opened.seq, opened.event) == (2, "meeting_opened")
            # And the other way round: B acts, A's state knows it.
            assert (
                second.command(meeting, meeting.chair_token, {"type": "close_list"}).status_code
                == 200
            )
            (closed,) = take(stream, 1)
            assert closed.event == "list_closed"
        with first.client() as client:
            assert client.get(f"/api/meetings/{meeting.id}/state").json()["list_closed"] is True
    finally:
        first.stop()
        second.stop()
        drop_schema(postgres_url, schema)
