"""Hostile notes end in a sentence, quickly and within memory, never in a traceback."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from podium.conceptnote.reader import NotAConceptNote
from podium.conceptnote.worker import parse_bounded, read_bounded
from tests.conftest import PANEL_2024
from tests.support import hostile_files

PODIUM = Path(sys.executable).with_name("podium")

CASES: list[tuple[Callable[[Path], Path], str]] = [
    (hostile_files.zip_bomb, "unpacks to 60 MB"),
    (hostile_files.entity_bomb, "declares a DTD or entities"),
    (hostile_files.deep_docx, "nests deeper than 256"),
    (hostile_files.broken_xml_docx, "is not well-formed XML"),
    (hostile_files.long_pdf, "the PDF has 500 pages"),
    (hostile_files.encrypted_pdf, "the PDF is encrypted"),
]


@pytest.mark.parametrize(("make", "reason"), CASES, ids=[c[0].__name__ for c in CASES])
def test_a_hostile_file_is_refused_with_its_reason(
    make: Callable[[Path], Path], reason: str, tmp_path: Path
) -> None:
    path = make(tmp_path)
    started = time.monotonic()
    with pytest.raises(NotAConceptNote) as refused:
        read_bounded(path, shown=path.name)
    assert time.monotonic() - started < 10
    assert str(refused.value).startswith(f"{path.name}: ")
    assert reason in str(refused.value)


@pytest.mark.parametrize(("make", "reason"), CASES[:2], ids=["zip_bomb", "entity_bomb"])
def test_podium_import_says_one_line_and_exits_2(
    make: Callable[[Path], Path], reason: str, tmp_path: Path
) -> None:
    path = make(tmp_path)
    done = subprocess.run(
        [str(PODIUM), "import", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and reason in done.stderr


def test_a_read_past_its_time_is_stopped() -> None:
    with pytest.raises(NotAConceptNote, match="took more than"):
        read_bounded(PANEL_2024, shown="note.md", seconds=0.001)


def test_a_read_past_its_memory_is_stopped(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text(PANEL_2024.read_text(encoding="utf-8") + "x" * 9_000_000, encoding="utf-8")
    with pytest.raises(NotAConceptNote, match="memory"):
        read_bounded(note, shown="note.md", memory=64 * 1024)


def test_a_note_with_more_questions_than_any_meeting_is_refused() -> None:
    text = PANEL_2024.read_text(encoding="utf-8")
    many = "\n".join(f"{n}. Question number {n}?" for n in range(1, 400))
    heading = "Guiding questions"
    assert heading in text
    head, tail = text.split(heading, 1)
    hostile = f"{head}{heading}\n\n{many}\n\n{tail.split(chr(10), 1)[1]}"
    with pytest.raises(NotAConceptNote, match="a meeting has at most 100"):
        parse_bounded(hostile)


def test_a_real_note_reads_the_same_bounded() -> None:
    from podium.conceptnote.reader import read_note

    assert read_bounded(PANEL_2024) == read_note(PANEL_2024)
