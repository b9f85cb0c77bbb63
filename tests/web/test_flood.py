"""A flood of token-less feeds and bad commands on 127.0.0.1: refused with a 503 or a 4xx,
never a 500, and the Chair's commands still go through promptly."""

from __future__ import annotations

from pathlib import Path

import pytest

from podium.web.connections import PER_ADDRESS
from tests.conftest import PANEL_2024
from tests.support.flood import chair_latencies, p95, run_flood
from tests.support.server import start_server

FEEDS = 2000
COMMANDS = 2000


@pytest.mark.slow
def test_a_flood_is_refused_and_the_chair_goes_on(tmp_path: Path) -> None:
    server = start_server(tmp_path / "data")
    try:
        meeting = server.create_meeting(PANEL_2024)
        assert server.command(meeting, meeting.chair_token, {"type": "open_meeting"}).is_success
        (person,) = server.register(meeting, [{"name": "Ms. Flood", "delegation": "Nowhere"}])
        participant = person["link"].rsplit("/", 1)[-1]
        thread, result = run_flood(
            server.port, meeting.id, participant, feeds=FEEDS, commands=COMMANDS
        )
        seconds = chair_latencies(
            server.base_url, meeting.id, meeting.chair_token, until=thread, count=20
        )
        thread.join(120)
        (flood,) = result
    finally:
        server.stop()
    assert sum(flood.feeds.values()) == FEEDS
    assert flood.feeds[200] <= PER_ADDRESS
    assert set(flood.feeds) <= {200, 503}, flood.feeds
    assert flood.retry_after == {"30"}
    assert sum(flood.commands.values()) == COMMANDS
    assert set(flood.commands) <= {401, 422, 429}, flood.commands
    assert p95(seconds) < 2.0, f"the Chair's p95 under the flood: {p95(seconds):.3f} s"
    assert "Traceback" not in server.log.read_text()
