"""A server killed mid-speech comes back with the same speech, list and clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.conftest import PANEL_2024
from tests.support.server import start_server, token_of

TIMER_FIELDS = (
    "intervention_id",
    "started_at",
    "limit_seconds",
    "warn_seconds",
    "extended_seconds",
    "paused_at",
    "paused_seconds",
    "participant_id",
)


def test_sigkill_loses_nothing_and_the_timer_resumes(tmp_path: Path) -> None:
    server = start_server(tmp_path / "data")
    try:
        meeting = server.create_meeting(PANEL_2024)
        people = server.register(
            meeting,
            [
                {"name": n, "country": c}
                for n, c in (("Kenya", "KE"), ("Fiji", "FJ"), ("Peru", "PE"))
            ],
        )
        chair = meeting.chair_token
        for body in (
            {"type": "open_meeting"},
            {"type": "start_segment", "segment": 2},
        ):
            assert server.command(meeting, chair, body).status_code == 200
        for person in people:
            assert (
                server.command(
                    meeting, token_of(person["link"]), {"type": "request_floor"}
                ).status_code
                == 200
            )
        for body in (
            {"type": "give_floor"},
            {"type": "extend_speech", "seconds": 30},
            {"type": "pause_speech"},
            {"type": "resume_speech"},
            {"type": "pause_speech"},
        ):
            assert server.command(meeting, chair, body).status_code == 200
        with server.client() as client:
            before = client.get(f"/api/meetings/{meeting.id}/state").json()
        server.kill()
        server.start()
        with server.client() as client:
            after = client.get(f"/api/meetings/{meeting.id}/state").json()
    finally:
        server.stop()
    assert after["seq"] == before["seq"]
    assert {k: after["speech"][k] for k in TIMER_FIELDS} == {
        k: before["speech"][k] for k in TIMER_FIELDS
    }
    assert after["speech"]["paused_at"] is not None
    assert after["queue"] == before["queue"]
    assert [r["name"] for r in after["queue"]] == ["Fiji", "Peru"]
    # Paused: the time left, computed from the new server's clock, has not moved.
    assert after["speech"]["remaining_seconds"] == before["speech"]["remaining_seconds"]
    speech = after["speech"]
    spoken = (
        datetime.fromisoformat(speech["paused_at"]) - datetime.fromisoformat(speech["started_at"])
    ).total_seconds() - speech["paused_seconds"]
    assert abs(speech["allowed_seconds"] - spoken - speech["remaining_seconds"]) < 0.01
    assert datetime.fromisoformat(after["server_time"]) > datetime.fromisoformat(
        before["server_time"]
    )
