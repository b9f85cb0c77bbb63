"""Writing a plan as a Markdown concept note that reads back to the same plan."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from podium.conceptnote.markdown import segment_line, write_markdown
from podium.conceptnote.reader import parse_text, read_note
from podium.meeting.plan import Segment
from tests.conftest import NOTES, PANEL_2024, SHARED_NOTES

EVERY_NOTE = [
    *SHARED_NOTES,
    *sorted(p for p in (NOTES / "varied").iterdir() if p.suffix != ".json"),
]


@pytest.mark.parametrize("path", EVERY_NOTE, ids=lambda p: p.name)
def test_round_trip(path: Path) -> None:
    plan = read_note(path)
    again = parse_text(write_markdown(plan))
    if plan.warnings:
        # What could not be read is not written; every field that was read comes back.
        assert again.segments == plan.segments
        assert again.questions == plan.questions
        assert replace(again, start=plan.start, end=plan.end, timezone=plan.timezone) == plan
    else:
        assert again == plan
        assert again.warnings == ()


def test_written_note_has_the_shape_of_the_cstd_notes() -> None:
    text = write_markdown(read_note(PANEL_2024))
    assert text.startswith(
        "**United Nations Commission on Science and Technology for Development (CSTD)\n"
        "Twenty-seventh annual session**"
    )
    assert "**Monday, 15 April 2024, 15.00-16.30 (Geneva time)\nGeneva**" in text
    assert "\nGuiding questions\n\n- What role could the CSTD play" in text
    assert "- Panelists will make their presentations (maximum 15 minutes each)" in text
    assert (
        "- Report of the Secretary-General: Global cooperation in science, technology and "
        "innovation for development (E/CN.16/2024/3), available at: https://unctad.org/"
    ) in text


def test_outcome_and_goals_are_written_when_no_section_says_them() -> None:
    plan = read_note(NOTES / "cstd24-2021-roundtable-covid-recovery.md")
    bare = replace(plan, sections=())
    text = write_markdown(bare)
    assert "will contribute to the high-level political forum" in text
    assert "from 6 to 15 July 2021" in text
    assert parse_text(text) == bare


@pytest.mark.parametrize(
    "segment",
    [
        Segment("Opening", "chair", speakers=None, minutes_max=5),
        Segment(
            "Statements", "discussant", speakers=4, minutes_min=5, minutes_max=7, per_speaker=True
        ),
        Segment("Presentations by panelists", "panelist", minutes_max=40),
        Segment("Coffee break", "other", minutes_max=15),
    ],
)
def test_a_programme_line_reads_back_to_its_segment(segment: Segment) -> None:
    head = "**Panel on “Water”**\n\n**1 March 2025, 10.00-11.00 (CET)**\n\n"
    note = f"{head}Format\n\n- {segment_line(segment)}\n"
    assert parse_text(note).segments == (segment,)
