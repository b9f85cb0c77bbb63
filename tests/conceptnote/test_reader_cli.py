"""``podium import FILE`` run as a user runs it: a real process, its output and exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NOTES, PANEL_2024, ROUNDTABLE_2021

PODIUM = Path(sys.executable).with_name("podium")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    if not PODIUM.exists():
        pytest.fail(f"the podium command is not installed at {PODIUM}")
    return subprocess.run([str(PODIUM), *args], capture_output=True, text=True, timeout=60)


def test_import_prints_the_plan() -> None:
    done = _run("import", str(PANEL_2024))
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["start"] == "2024-04-15T15:00:00+02:00"
    assert plan["timezone"] == "Europe/Zurich"
    assert len(plan["questions"]) == 6
    assert plan["documents"][0]["symbol"] == "E/CN.16/2024/3"
    assert "“" not in done.stdout.split('"title"')[1][:10]  # no quotes kept around the title
    assert done.stderr == ""


def test_import_keeps_non_ascii_text() -> None:
    done = _run("import", str(ROUNDTABLE_2021))
    assert done.returncode == 0, done.stderr
    assert "–" in done.stdout and "\\u2013" not in done.stdout
    assert json.loads(done.stdout)["sdgs"] == [1, 2, 3, 8, 10, 12, 13, 16, 17]


def test_warnings_go_to_stderr_with_their_lines() -> None:
    done = _run("import", str(NOTES / "varied" / "unctad-ruritania-warnings.md"))
    assert done.returncode == 0
    assert json.loads(done.stdout)["warnings"]
    assert "Line 7: could not read the time zone 'Ruritania time'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_that_is_no_note_exits_2(tmp_path: Path) -> None:
    shopping = tmp_path / "shopping.txt"
    shopping.write_text("Shopping list\n\n- eggs\n- milk\n")
    done = _run("import", str(shopping))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("Error: ") and "not a concept note" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    done = _run("import", str(tmp_path / "nowhere.md"))
    assert done.returncode == 2
    assert "no such file" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("nowhere", "nowhere: no such file"),  # no suffix: still "no such file"
        ("folder", "folder: is a folder; give the concept note's file"),
        ("agenda.xlsx", "agenda.xlsx: cannot read '.xlsx' files"),
    ],
)
def test_what_is_wrong_with_the_path_is_said_once(tmp_path: Path, name: str, words: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "agenda.xlsx").write_bytes(b"PK")
    for command in ("import", "plan", "create"):
        done = _run(
            command, str(tmp_path / name), *(["--data", str(tmp_path)] * (command == "create"))
        )
        assert done.returncode == 2, command
        assert words in done.stderr, (command, done.stderr)
        assert done.stderr.count(str(tmp_path)) == 1, done.stderr  # the path, said once
        assert "Traceback" not in done.stderr
