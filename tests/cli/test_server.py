"""``podium create`` and ``podium demo``: meetings made, links printed, links that work."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from podium.cli import app
from podium.cli import commands as _commands  # noqa: F401  (registers the commands)
from podium.cli.planning import load_plan
from podium.cli.server import demo_meetings
from podium.meetings import MeetingService
from podium.store import open_store
from podium.web.auth import hash_token
from tests.conftest import PANEL_2024
from tests.support.server import free_port


def test_create_makes_a_meeting_and_prints_its_links(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "create",
            str(PANEL_2024),
            "--data",
            str(tmp_path),
            "--base-url",
            "https://podium.example",
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    tokens = re.findall(r"https://podium\.example/join/([\w-]+)", result.output)
    assert len(tokens) == 3
    store = open_store(tmp_path)
    try:
        roles = {store.find_token(hash_token(t)).role for t in tokens}  # type: ignore[union-attr]
        assert roles == {"chair", "secretariat", "display"}
        (meeting,) = store.meetings()
        assert f"https://podium.example/m/{meeting}" in result.output
    finally:
        store.close()


def test_create_refuses_what_is_not_a_note(tmp_path: Path) -> None:
    junk = tmp_path / "junk.md"
    junk.write_text("")
    result = CliRunner().invoke(app, ["create", str(junk), "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "empty" in result.output
    assert "Traceback" not in result.output


def test_the_demo_is_made_once_and_reused(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        service = MeetingService(store)
        first = demo_meetings(service, tmp_path)
        again = demo_meetings(service, tmp_path)
        assert [m.id for m in again] == [m.id for m in first]
        assert len(store.meetings()) == 2
        panel, roundtable = first
        state = service.state(panel.id)
        panelists = [p for p in state.participants.values() if p.role == "panelist"]
        assert len(panelists) >= 3 and all(p.segment == 1 for p in panelists)
        assert any(p.observer for p in state.participants.values())
        assert any(p.stakeholder == "civil-society" for p in state.participants.values())
        assert any(p.channel == "online" for p in state.participants.values())
        discussants = [
            p for p in service.state(roundtable.id).participants.values() if p.role == "discussant"
        ]
        assert discussants and all(p.segment == 2 for p in discussants)
        # The secretariat's introduction has its speaker, in the programme's first segment.
        (introduces,) = [p for p in state.participants.values() if p.role == "secretariat"]
        assert introduces.segment == 0
        _name, token = panel.participants[-1]
        actor = service.actor(panel.id, token)
        assert actor is not None and actor.role == "participant"
    finally:
        store.close()


def test_podium_demo_serves_and_prints_working_links(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PODIUM_")}
    env["PODIUM_PORT"] = str(port)  # the port from the environment, as `make run PORT=…` does
    env["COLUMNS"] = "250"
    command = [
        sys.executable,
        "-c",
        "from podium.cli import main; main()",
        "demo",
        "--data",
        str(tmp_path),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    try:
        assert process.stdout is not None
        output = ""
        while "Press Ctrl+C to stop" not in output:
            line = process.stdout.readline().decode()
            assert line, output
            output += line
        links = re.findall(rf"http://127\.0\.0\.1:{port}/join/[\w-]+", output)
        assert len(links) == 2 * 3 + 24
        assert "Admin token" in output
        # Each table says which meeting it is, and how each person takes part.
        assert "CSTD, Twenty-seventh annual session, 2024: Global Cooperation" in output
        assert "CSTD, Twenty-fourth annual session, 2021:" in output
        assert re.search(r"Dr\. Amara Okafor\s+│?\s*panelist, in the room", output)
        assert re.search(r"Ms\. Mei Tanaka\s+│?\s*panelist, online", output)
        assert re.search(r"Mr\. Omar Haddad\s+│?\s*delegate, observer, in the room", output)
        assert re.search(r"Mr\. Anders Lindqvist\s+│?\s*secretariat, in the room", output)
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = httpx.get(links[-1], follow_redirects=False)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert answer.status_code == 303
        assert answer.headers["location"].endswith("/me")
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stdout is not None:
            process.stdout.close()


def test_a_port_in_use_is_a_clear_error_before_anything_is_announced(tmp_path: Path) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        for command in ("serve", "demo"):
            result = subprocess.run(
                [Path(sys.executable).parent / "podium", command, "--port", str(port),
                 "--data", str(tmp_path / command)],
                capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            assert result.returncode == 2, result.stderr
            assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
            assert "--port" in result.stderr and "Traceback" not in result.stderr
            assert "serving at" not in result.stdout


def test_create_on_a_running_server_sends_markdown_or_uploads_the_file(tmp_path: Path) -> None:
    from podium.conceptnote.docx import write_docx
    from tests.support.server import ADMIN_TOKEN, start_server

    word = tmp_path / "panel.docx"
    word.write_bytes(write_docx(load_plan(PANEL_2024)))
    server = start_server(tmp_path / "server")
    try:
        env = {"PODIUM_ADMIN_TOKEN": ADMIN_TOKEN, "COLUMNS": "200"}
        for note in (PANEL_2024, word):
            result = CliRunner().invoke(
                app, ["create", str(note), "--url", server.base_url], env=env
            )
            assert result.exit_code == 0, result.output
            (meeting,) = re.findall(rf"{server.base_url}/m/(\w+)", result.output)
            plan = httpx.get(f"{server.base_url}/api/meetings/{meeting}").json()
            assert plan["session_number"] == 27 and len(plan["questions"]) == 6
        env["PODIUM_ADMIN_TOKEN"] = "not-the-admin"
        refused = CliRunner().invoke(app, ["create", str(word), "--url", server.base_url], env=env)
        assert refused.exit_code == 2 and "the server refused" in refused.output
    finally:
        server.stop()


def test_a_port_out_of_range_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "99999"])
    assert result.exit_code == 2
    assert "--port" in result.output and "Traceback" not in result.output
