"""Hostile uploads on a real server: a sentence and a 422, and the meetings go on meanwhile."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from tests.conftest import PANEL_2024
from tests.support import hostile_files
from tests.support.server import LiveServer


def test_a_zip_bomb_upload_is_a_422_with_a_sentence(
    live_server: LiveServer, tmp_path: Path
) -> None:
    bomb = hostile_files.zip_bomb(tmp_path)
    with live_server.client(live_server.admin_token) as client:
        response = client.post(
            "/api/meetings", files={"file": ("note.docx", bomb.read_bytes(), "application/zip")}
        )
    assert response.status_code == 422
    assert response.json()["detail"].startswith("note.docx: the Word file unpacks to 60 MB")


def test_the_chair_is_answered_at_once_while_a_slow_note_is_read(
    live_server: LiveServer,
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    # Runs that made the note reader backtrack for seconds on end.
    slow = PANEL_2024.read_text(encoding="utf-8") + "\n" + "[" * 6_000 + "\n" + "-" * 6_000 + "\n"
    done: list[httpx.Response] = []

    def upload() -> None:
        with live_server.client(live_server.admin_token) as client:
            done.append(
                client.post(
                    "/api/meetings",
                    content=slow.encode(),
                    headers={"Content-Type": "text/markdown"},
                    timeout=60,
                )
            )

    reading = threading.Thread(target=upload)
    reading.start()
    waits = []
    with live_server.client(meeting.chair_token) as chair:
        while reading.is_alive() and len(waits) < 200:
            started = time.monotonic()
            assert chair.get(f"/api/meetings/{meeting.id}/state").status_code == 200
            waits.append(time.monotonic() - started)
            time.sleep(0.05)
    reading.join(60)
    assert done and done[0].status_code in (201, 422), done[0].text
    assert max(waits) < 1.0, f"the Chair waited {max(waits):.2f} s"
