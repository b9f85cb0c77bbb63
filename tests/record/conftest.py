"""The simulated 2024 panel, run once per module into a real SQLite log."""

from __future__ import annotations

from pathlib import Path

import pytest

from podium.record.exports import load_record
from podium.record.interventions import Record
from podium.record.report import Report, build_report
from podium.store import open_store
from tests.support.panel import Panel, run_panel


@pytest.fixture(scope="package")
def panel_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("panel")


@pytest.fixture(scope="package")
def panel(panel_dir: Path) -> Panel:
    store = open_store(panel_dir)
    try:
        return run_panel(store)
    finally:
        store.close()


@pytest.fixture(scope="package")
def record(panel: Panel, panel_dir: Path) -> Record:
    store = open_store(panel_dir)
    try:
        return load_record(store, panel.meeting_id)
    finally:
        store.close()


@pytest.fixture(scope="package")
def report(record: Record) -> Report:
    return build_report(record)
