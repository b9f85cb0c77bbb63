"""``podium report`` in a subprocess, on a SQLite data directory holding the simulated panel."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from podium.store import open_store
from tests.support.panel import Panel, run_panel

PODIUM = Path(sys.executable).parent / "podium"
MEETING = "cstd27-cli"


def podium(*args: str | Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PODIUM_DATABASE_URL", "PODIUM_DATA")
    }
    environment.update({"COLUMNS": "200", "NO_COLOR": "1", **env})
    return subprocess.run(
        [str(PODIUM), *map(str, args)], capture_output=True, env=environment, timeout=120
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Panel]:
    directory = tmp_path_factory.mktemp("report-cli")
    store = open_store(directory)
    try:
        return directory, run_panel(store, MEETING)
    finally:
        store.close()


def test_report_json_to_stdout(data: tuple[Path, Panel]) -> None:
    directory, panel = data
    result = podium("report", MEETING, "--to", "json", "--data", directory)
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert len(record["interventions"]) == len(panel.spoken)
    assert sum(i["spoken_seconds"] for i in record["interventions"]) == pytest.approx(
        panel.floor_seconds
    )


def test_report_pdf_to_a_file_from_podium_data(data: tuple[Path, Panel], tmp_path: Path) -> None:
    directory, panel = data
    out = tmp_path / "summary.pdf"
    result = podium("report", MEETING, "--to", "pdf", "-o", out, PODIUM_DATA=str(directory))
    assert result.returncode == 0, result.stderr.decode()
    assert f"Wrote {out}" in result.stderr.decode()
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert f"{len(panel.spoken)} interventions were made" in " ".join(text.split())


def test_report_csv_marks_the_unheard(data: tuple[Path, Panel]) -> None:
    directory, panel = data
    result = podium("report", MEETING, "--to", "csv", "--data", directory)
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.DictReader(StringIO(result.stdout.decode())))
    assert sum(1 for r in rows if r["heard"] == "yes") == len(panel.spoken)
    withdrawn = {int(r["request_id"]) for r in rows if r["outcome"] == "withdrawn"}
    assert withdrawn == panel.withdrawn


def test_unknown_meeting_is_a_clear_error(data: tuple[Path, Panel]) -> None:
    directory, _panel = data
    result = podium("report", "no-such-meeting", "--data", directory)
    assert result.returncode == 2
    assert "There is no meeting 'no-such-meeting' in the store." in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_unknown_format_and_missing_directory_are_clear_errors(
    data: tuple[Path, Panel], tmp_path: Path
) -> None:
    directory, _panel = data
    result = podium("report", MEETING, "--to", "odt", "--data", directory)
    assert result.returncode == 2
    assert "'odt' is not a report format" in result.stderr.decode()
    missing = podium("report", MEETING, "--data", tmp_path / "nowhere")
    assert missing.returncode == 2
    assert "no such data directory" in missing.stderr.decode()


def test_a_terminal_sees_a_progress_bar_step_by_step(
    data: tuple[Path, Panel], tmp_path: Path
) -> None:
    directory, _panel = data
    out = tmp_path / "report.html"
    result = podium(
        "report", MEETING, "--to", "html", "-o", out, "--data", directory, TTY_COMPATIBLE="1"
    )
    assert result.returncode == 0, result.stderr.decode()
    shown = result.stderr.decode()
    steps = ["Counting who spoke", "Writing HTML", "Drawing the chart “region”"]
    assert [shown.find(step) for step in steps] == sorted(shown.find(step) for step in steps)
    assert all(step in shown for step in steps)
    assert "━" in shown  # the bar itself
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")
