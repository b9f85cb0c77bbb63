"""``podium serve --workers 2`` on PostgreSQL: a meeting run across both processes, every feed
of either hearing every event once, in order; on SQLite, one clear line instead."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.conftest import PANEL_2024
from tests.support.processes import holder, workers
from tests.support.schemas import drop_schema
from tests.support.server import LiveServer, start_server
from tests.support.sse import frames

PODIUM = Path(sys.executable).with_name("podium")
COMMANDS = 24


def test_several_workers_on_sqlite_are_refused_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PODIUM_DATABASE_URL"}
    done = subprocess.run(
        [str(PODIUM), "serve", "--workers", "2", "--data", str(tmp_path), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--workers needs the log in PostgreSQL" in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def _client_port(response: httpx.Response) -> int:
    stream = response.extensions["network_stream"]
    port: int = stream.get_extra_info("client_addr")[1]
    return port


def _spread(
    server: LiveServer, pids: list[int], opened: list[httpx.Client]
) -> dict[int, httpx.Client]:
    """A kept-alive client held by each worker: new ones are opened until both have one."""
    by_worker: dict[int, httpx.Client] = {}
    for _attempt in range(40):
        client = httpx.Client(base_url=server.base_url, timeout=30)
        opened.append(client)
        response = client.get("/openapi.json")
        owner = holder(pids, server.port, _client_port(response))
        if owner is not None and owner not in by_worker:
            by_worker[owner] = client
        if len(by_worker) == len(pids):
            break
    return dict(by_worker)


@pytest.mark.postgres
@pytest.mark.slow
def test_a_meeting_runs_across_two_workers_and_every_feed_hears_each_event_once(
    postgres_url: str, tmp_path: Path
) -> None:
    schema = f"podium_workers_{uuid.uuid4().hex[:10]}"
    env = {"PODIUM_DATABASE_URL": postgres_url, "PODIUM_DATABASE_SCHEMA": schema}
    # Each process starts afresh (spawned, not forked): slower to answer than one.
    server = start_server(tmp_path, env=env, options=("--workers", "2"), timeout=120)
    opened: list[httpx.Client] = []
    try:
        assert server.process is not None
        pids = workers(server.process.pid)
        assert len(pids) == 2, pids
        meeting = server.create_meeting(PANEL_2024)
        senders = _spread(server, pids, opened)
        assert len(senders) == 2, "commands go to both processes"
        # Feeds on both processes, each on a connection of its own.
        feeds: dict[int, list[httpx.Response]] = {pid: [] for pid in pids}
        streams: list[tuple[httpx.Client, httpx.Response]] = []
        for _attempt in range(40):
            if all(len(held) >= 2 for held in feeds.values()):
                break
            client = httpx.Client(base_url=server.base_url, timeout=httpx.Timeout(30.0))
            opened.append(client)
            response = client.send(
                client.build_request("GET", f"/api/meetings/{meeting.id}/feed?after=1"),
                stream=True,
            )
            assert response.status_code == 200
            owner = holder(pids, server.port, _client_port(response))
            if owner is None or len(feeds[owner]) >= 2:
                response.close()
                continue
            feeds[owner].append(response)
            streams.append((client, response))
        assert all(len(held) == 2 for held in feeds.values()), "two feeds on each process"

        heard: list[list[tuple[int, str]]] = [[] for _stream in streams]
        expected = 1 + COMMANDS  # the meeting opened, then the list closed and reopened

        def listen(index: int, response: httpx.Response) -> None:
            for frame in frames(response):
                heard[index].append((frame.seq, frame.event))
                if len(heard[index]) >= expected:
                    return

        listeners = [
            threading.Thread(target=listen, args=(i, response), daemon=True)
            for i, (_client, response) in enumerate(streams)
        ]
        for thread in listeners:
            thread.start()
        chair = {"Authorization": f"Bearer {meeting.chair_token}"}
        path = f"/api/meetings/{meeting.id}/commands"
        order = list(senders.values())
        sent = [order[0].post(path, json={"type": "open_meeting"}, headers=chair)]
        for n in range(COMMANDS):
            kind = "close_list" if n % 2 == 0 else "reopen_list"
            client = order[n % 2]  # each command to the other process than the last
            sent.append(client.post(path, json={"type": kind}, headers=chair))
        assert [answer.status_code for answer in sent] == [200] * (1 + COMMANDS)
        seqs = [answer.json()["seq"] for answer in sent]
        assert seqs == list(range(2, 2 + expected))
        deadline = time.monotonic() + 30
        for thread in listeners:
            thread.join(max(0.1, deadline - time.monotonic()))
        for got in heard:  # every event, once, in order, on every feed of either process
            assert [seq for seq, _event in got] == seqs, got
            assert got[0][1] == "meeting_opened"
            assert {event for _seq, event in got[1:]} == {"list_closed", "list_reopened"}
    finally:
        for client in opened:
            client.close()
        server.stop()
        drop_schema(postgres_url, schema)
