"""Tokens: the admin token from the environment replaces the stored one, a link's cookie ends
with its meeting, and the access log never holds a working link."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import httpx
import pytest

from podium.conceptnote.reader import read_note
from podium.web.app import create_app
from tests.conftest import PANEL_2024
from tests.support.server import start_server

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def _create(base_url: str, token: str) -> int:
    response = httpx.post(
        f"{base_url}/api/meetings",
        content=PANEL_2024.read_bytes(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "text/markdown"},
        timeout=30,
    )
    return response.status_code


def test_a_new_admin_token_in_the_environment_retires_the_old_one(tmp_path: Path) -> None:
    old, new = "old-admin-token-0123456789", "new-admin-token-0123456789"
    first = start_server(tmp_path, admin_token=old)
    try:
        assert _create(first.base_url, old) == 201
    finally:
        first.stop()
    second = start_server(tmp_path, admin_token=new)
    try:
        assert _create(second.base_url, old) == 403
        assert _create(second.base_url, new) == 201
    finally:
        second.stop()


def _cookie_age(tmp_path: Path) -> int:
    app = create_app(str(tmp_path / "data"))
    created = app.state.service.create(read_note(PANEL_2024))
    with TestClient(app, follow_redirects=False) as client:
        response = client.get(f"/join/{created.tokens['chair']}")
    assert response.status_code == 303
    assert response.headers["referrer-policy"] == "no-referrer"
    found = re.search(r"Max-Age=(\d+)", response.headers["set-cookie"])
    assert found
    return int(found.group(1))


def test_a_links_cookie_ends_with_its_meeting_and_the_grace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The 2024 panel ended long ago: past its grace, the cookie lasts an hour.
    assert _cookie_age(tmp_path / "a") == 3600
    # With a grace of 10,000 days, it lasts until 16:30 on 15 April 2024 plus those days.
    monkeypatch.setenv("PODIUM_COOKIE_GRACE_DAYS", "10000")
    from datetime import UTC, datetime, timedelta

    end = datetime(2024, 4, 15, 14, 30, tzinfo=UTC) + timedelta(days=10000)
    expected = (end - datetime.now(UTC)).total_seconds()
    assert abs(_cookie_age(tmp_path / "b") - expected) < 120


def test_the_access_log_records_requests_without_their_tokens(tmp_path: Path) -> None:
    server = start_server(tmp_path, options=["--access-log"])
    try:
        meeting = server.create_meeting(PANEL_2024)
        with httpx.Client(base_url=server.base_url, follow_redirects=False) as browser:
            assert browser.get(f"/join/{meeting.chair_token}").status_code == 303
            assert browser.get(f"/m/{meeting.id}").status_code == 200
    finally:
        server.stop()
    log = server.log.read_text()
    assert f"/m/{meeting.id}" in log
    assert "/join/[hidden]" in log
    assert meeting.chair_token not in log
