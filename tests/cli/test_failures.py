"""Commands whose log cannot be reached end in one line and exit 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.server import free_port

PODIUM = Path(sys.executable).with_name("podium")


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PODIUM), *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_report_with_the_database_down_is_one_line(tmp_path: Path) -> None:
    nowhere = f"postgresql://postgres@127.0.0.1:{free_port()}/podium"
    env = {**os.environ, "PODIUM_DATABASE_URL": nowhere}
    done = _run("report", "abcdefghij", "--to", "md", "--data", str(tmp_path), env=env)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "event log" in lines[0], done.stderr


def test_a_database_url_that_is_no_url_is_an_error(tmp_path: Path) -> None:
    env = {**os.environ, "PODIUM_DATABASE_URL": "mysql://somewhere/podium"}
    done = _run("report", "abcdefghij", "--to", "md", "--data", str(tmp_path), env=env)
    assert done.returncode == 2
    assert "must be a postgresql:// or sqlite:/// URL" in done.stderr
