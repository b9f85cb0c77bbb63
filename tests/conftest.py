"""Shared fixtures: paths to the real concept notes, and real services.

Under ``CI=true`` a missing service, browser or tool fails the test instead
of skipping it, so that a green run means everything ran.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
NOTES = FIXTURES / "concept-notes"
PANEL_2024 = NOTES / "cstd27-2024-panel-global-cooperation-sti.md"
ROUNDTABLE_2021 = NOTES / "cstd24-2021-roundtable-covid-recovery.md"
SHARED_NOTES = (PANEL_2024, ROUNDTABLE_2021)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, where everything must run."""
    if IN_CI:
        pytest.fail(f"required under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of the real PostgreSQL server the tests use (``make test`` sets it)."""
    url = os.environ.get("PODIUM_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:  # any failure to connect means the server is not there
        unavailable(f"PostgreSQL at {url}: {exc}")
    yield url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("PODIUM_CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        unavailable(f"Chromium at {path} (make test installs it with apt-get)")
    return path
