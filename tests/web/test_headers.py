"""Headers, the Host check, the log's file mode and a database URL set but empty."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import httpx

from podium.cli.server import allowed_hosts
from podium.web.app import create_app
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, free_port

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

PODIUM = Path(sys.executable).with_name("podium")
TEMPLATES = Path(__file__).resolve().parents[2] / "podium" / "web" / "templates"


def test_every_page_has_a_strict_policy_and_refuses_frames(live_server: LiveServer) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    with httpx.Client(base_url=live_server.base_url, follow_redirects=False) as browser:
        assert browser.get(f"/join/{meeting.chair_token}").status_code == 303
        for path in ("/", f"/m/{meeting.id}", f"/m/{meeting.id}/chair", "/new"):
            response = browser.get(path)
            assert response.status_code == 200, path
            policy = response.headers["content-security-policy"]
            script = re.search(r"script-src ([^;]*)", policy)
            assert script and script.group(1) == "'self'", policy
            assert "frame-ancestors 'none'" in policy
            assert response.headers["x-frame-options"] == "DENY"
            assert response.headers["referrer-policy"] == "no-referrer"
            assert response.headers["x-content-type-options"] == "nosniff"


def test_no_template_holds_a_script_to_run_inline() -> None:
    inline = [
        f"{path.name}: {tag}"
        for path in TEMPLATES.glob("*.html")
        for tag in re.findall(r"<script\b[^>]*>", path.read_text(encoding="utf-8"))
        if "src=" not in tag and "application/ld+json" not in tag
    ]
    handlers = [
        path.name
        for path in TEMPLATES.glob("*.html")
        if re.search(r"\son[a-z]+=", path.read_text(encoding="utf-8"))
    ]
    assert inline == [] and handlers == []


def test_a_host_not_allowed_is_refused(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "data"), allowed_hosts=["podium.example.org"])
    with TestClient(app, base_url="http://evil.example") as evil:
        assert evil.get("/").status_code == 400
    with TestClient(app, base_url="https://podium.example.org") as ours:
        assert ours.get("/").status_code == 200


def test_without_a_base_url_only_the_servers_own_names_are_hosts() -> None:
    hosts = allowed_hosts("127.0.0.1", None)
    assert "127.0.0.1" in hosts and "localhost" in hosts and "evil.example" not in hosts
    assert allowed_hosts("0.0.0.0", "https://podium.example.org/") == ["podium.example.org"]


def test_a_real_server_refuses_a_foreign_host_and_keeps_its_log_private(
    live_server: LiveServer,
) -> None:
    foreign = httpx.get(f"{live_server.base_url}/", headers={"Host": "evil.example"})
    assert foreign.status_code == 400
    log = live_server.data / "podium.sqlite3"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_an_empty_database_url_is_an_error(tmp_path: Path) -> None:
    env = {**os.environ, "PODIUM_DATABASE_URL": ""}
    done = subprocess.run(
        [str(PODIUM), "serve", "--port", str(free_port()), "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "PODIUM_DATABASE_URL is set but empty" in done.stderr
    assert "Traceback" not in done.stderr
