"""A thousand generated hostile notes of each format: each read or refused in a sentence.

The notes are made by seeded mutation of a real note (runs of markup
characters, control characters, cut and repeated text; Word parts deepened,
declared, cut, removed or multiplied; PDFs with flipped bytes, lying page
counts and lengths). Each format runs in a process of its own with a memory
limit, as the worker reads a note, and the slowest read is bounded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTES_PER_FORMAT = 1000
SLOWEST_SECONDS = 5.0  # far under the worker's limit, whatever else runs on the machine


@pytest.mark.slow
def test_generated_hostile_notes_are_read_or_refused_in_a_sentence() -> None:
    runs = {
        kind: subprocess.Popen(
            [sys.executable, "-m", "tests.support.fuzz_notes", kind, str(NOTES_PER_FORMAT), "11"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # pypdf's warnings about the broken files
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        for kind in ("md", "docx", "pdf")
    }
    results = {}
    for kind, run in runs.items():
        out, _err = run.communicate(timeout=420)
        assert run.returncode == 0, f"{kind}: the fuzzing process ended with {run.returncode}"
        results[kind] = json.loads(out.strip().splitlines()[-1])
    for kind, result in results.items():
        assert result["failures"] == [], kind
        assert result["read"] + result["refused"] == NOTES_PER_FORMAT
        assert result["read"] > 0 and result["refused"] > 0, result  # both paths were exercised
        assert result["slowest_seconds"] < SLOWEST_SECONDS, (kind, result)
