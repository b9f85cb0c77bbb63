"""Two servers on a PostgreSQL cluster of the test's own, through a restart of the database:
503s that say the log cannot be written while it is down, no acknowledged event lost, one
log line each way, and the meeting goes on when it is back."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from podium.store import open_store
from tests.conftest import PANEL_2024, unavailable
from tests.support.pg_cluster import binaries, cluster
from tests.support.server import free_port, start_server

DOWN_SENTENCE = "cannot be written or read just now, so nothing was recorded"


@pytest.mark.postgres
@pytest.mark.slow
def test_two_servers_go_through_a_database_restart_losing_nothing(tmp_path: Path) -> None:
    if binaries() is None:
        unavailable("PostgreSQL's binaries (pg_ctl; make test installs them with apt-get)")
    with cluster(free_port()) as database:
        env = {"PODIUM_DATABASE_URL": database.url}
        servers = [start_server(tmp_path / name, env=env) for name in ("a", "b")]
        try:
            meeting = servers[0].create_meeting(PANEL_2024)
            assert (
                servers[0]
                .command(meeting, meeting.chair_token, {"type": "open_meeting"})
                .is_success
            )
            acknowledged: dict[int, str] = {}
            answers: list[int] = []
            stop = threading.Event()

            def chair(index: int) -> None:
                server = servers[index]
                with server.client(meeting.chair_token) as client:
                    n = 0
                    while not stop.is_set():
                        kind = "close_list" if n % 2 == 0 else "reopen_list"
                        try:
                            response = client.post(
                                f"/api/meetings/{meeting.id}/commands", json={"type": kind}
                            )
                        except httpx.TransportError:
                            continue
                        answers.append(response.status_code)
                        if response.status_code == 200:
                            for event in response.json()["events"]:
                                acknowledged[response.json()["seq"]] = event["type"]
                            n += 1
                        elif response.status_code == 503:
                            assert DOWN_SENTENCE in response.json()["detail"]
                            assert response.headers["retry-after"]
                        time.sleep(0.02)

            threads = [threading.Thread(target=chair, args=(i,)) for i in (0, 1)]
            for thread in threads:
                thread.start()
            time.sleep(2)
            database.stop()
            time.sleep(2)
            database.start()
            time.sleep(3)
            stop.set()
            for thread in threads:
                thread.join(30)
            assert 503 in answers, "the commands sent while the database was down got a 503"
            assert set(answers) <= {200, 409, 422, 503}, set(answers)
            after = answers[answers.index(503) :]
            assert 200 in after, "the meeting went on once the database was back"
        finally:
            for server in servers:
                server.stop()
        store = open_store(database.url)
        try:
            logged = {event.seq: event.data for event in store.read(meeting.id)}
        finally:
            store.close()
    lost = [seq for seq, kind in acknowledged.items() if kind not in logged.get(seq, "")]
    assert acknowledged and lost == []
    for server in servers:
        text = server.log.read_text()
        assert "Traceback" not in text
        assert text.count("The event log cannot be read or written") <= 2
