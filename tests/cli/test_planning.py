"""``podium plan`` and ``podium export`` run as a user runs them: the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
import vobject
from docx import Document as read_docx
from pypdf import PdfReader

from podium.conceptnote.reader import read_note
from tests.conceptnote.plans import panel_2024
from tests.conftest import PANEL_2024, ROUNDTABLE_2021

PODIUM = Path(sys.executable).parent / "podium"


def podium(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [str(PODIUM), *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


def test_plan_shows_the_programme_on_the_clock() -> None:
    result = podium("plan", PANEL_2024, "--speakers", "panelist=4")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "15:00" in out and "16:30" in out
    for segment in read_note(PANEL_2024).segments:
        assert segment.title in out
    assert "room for 6 interventions of 3 minutes" in out
    assert "The format fits the slot." in out


def test_plan_json_counts_the_floor_interventions() -> None:
    result = podium("plan", PANEL_2024, "--speakers", "panelist=4", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    floor = [s for s in data["segments"] if s["floor"]]
    assert len(floor) == 1
    remaining = 90 - 10 - 4 * 15  # the slot, the secretariat's default, four panelists
    assert floor[0]["minutes_total"] == remaining
    assert (
        floor[0]["floor_interventions"] == remaining // 3 == data["budget"]["floor_interventions"]
    )
    assert data["segments"][0]["start"] == "2024-04-15T15:00:00+02:00"
    assert data["segments"][-1]["end"] == "2024-04-15T16:30:00+02:00"


def test_plan_adds_other_zones() -> None:
    result = podium("plan", PANEL_2024, "--tz", "America/New_York,Asia/Bangkok", "--json")
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)["segments"][0]["local"]
    assert first["America/New_York"]["start"] == "2024-04-15T09:00:00-04:00"
    assert first["Asia/Bangkok"]["start"] == "2024-04-15T20:00:00+07:00"

    table = podium("plan", PANEL_2024, "--tz", "America/New_York", "--tz", "Asia/Bangkok")
    assert "New York" in table.stdout and "09:00–09:10" in table.stdout
    assert "Bangkok" in table.stdout and "20:00–20:10" in table.stdout


def test_plan_says_what_to_cut_when_the_format_does_not_fit() -> None:
    result = podium("plan", PANEL_2024, "--speakers", "panelists=6")
    assert result.returncode == 0, result.stderr
    assert "does not fit" in result.stdout
    assert "Reduce panelists to 4 or their limit to 11 minutes" in result.stdout


def test_plan_of_the_roundtable_plans_a_range_at_its_high_end() -> None:
    result = podium("plan", ROUNDTABLE_2021, "--speakers", "discussant=5", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    discussants = next(s for s in data["segments"] if s["role"] == "discussant")
    assert (discussants["minutes_each"], discussants["warn_minutes"]) == (7, 5)
    assert discussants["minutes_total"] == 35
    assert any("planned at 7" in n for n in discussants["notes"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--speakers", "panelist=x"], "'x' is not a whole number"),
        (["--speakers", "juggler=3"], "'juggler' is not a role"),
        (["--speakers", "keynote=1"], "no segment for the role 'keynote'"),
        (["--tz", "America/New_York,Mars/Olympus"], "'Mars/Olympus' is not a time zone"),
    ],
)
def test_plan_refuses_bad_options_clearly(args: list[str], message: str) -> None:
    result = podium("plan", PANEL_2024, *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_plan_refuses_a_file_that_is_not_there(tmp_path: Path) -> None:
    result = podium("plan", tmp_path / "missing.md")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_plan_reads_a_plan_saved_as_json(tmp_path: Path) -> None:
    saved = tmp_path / "plan.json"
    saved.write_text(json.dumps(panel_2024().to_json()), encoding="utf-8")
    result = podium("plan", saved, "--speakers", "panelist=4", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["budget"]["floor_interventions"] == 6


def test_export_text_formats_to_stdout() -> None:
    as_json = podium("export", PANEL_2024, "--to", "json")
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["start"] == "2024-04-15T15:00:00+02:00"

    html = podium("export", PANEL_2024, "--to", "html")
    assert html.returncode == 0, html.stderr
    assert html.stdout.startswith("<!DOCTYPE html>") and '"@type": "Event"' in html.stdout

    markdown = podium("export", PANEL_2024, "--to", "md")
    assert markdown.returncode == 0, markdown.stderr
    assert "Global Cooperation in Science, Technology and Innovation" in markdown.stdout


def test_export_ics_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "panel.ics"
    result = podium("export", PANEL_2024, "--to", "ics", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    event = vobject.readOne(out.read_bytes().decode()).vevent
    assert event.dtstart.value.astimezone(UTC) == datetime(2024, 4, 15, 13, 0, tzinfo=UTC)


def test_export_binary_formats_to_files(tmp_path: Path) -> None:
    pdf, docx = tmp_path / "note.pdf", tmp_path / "note.docx"
    assert podium("export", PANEL_2024, "--to", "pdf", "-o", pdf).returncode == 0
    assert podium("export", PANEL_2024, "--to", "docx", "-o", docx).returncode == 0

    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.read_bytes())).pages)
    assert "Global Cooperation in Science" in " ".join(text.split())
    paragraphs = [p.text for p in read_docx(str(docx)).paragraphs]
    assert "Concept note" in paragraphs


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "pdf"], "-o"),
        (["--to", "docx"], "-o"),
        (["--to", "odt"], "'odt' is not a format"),
    ],
)
def test_export_refuses_clearly(args: list[str], message: str) -> None:
    result = podium("export", PANEL_2024, *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_export_says_why_it_cannot_write(tmp_path: Path) -> None:
    undated = tmp_path / "undated.json"
    undated.write_text(json.dumps({**panel_2024().to_json(), "start": None, "end": None}))
    result = podium("export", undated, "--to", "ics")
    assert result.returncode == 2 and "no date and time" in result.stderr

    nowhere = tmp_path / "missing-folder" / "note.html"
    result = podium("export", PANEL_2024, "--to", "html", "-o", nowhere)
    assert result.returncode == 2 and "could not be written" in result.stderr
    assert "Traceback" not in result.stderr
