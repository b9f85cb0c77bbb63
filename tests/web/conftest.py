"""The live server fixture: one real ``podium serve`` for the tests that need a socket."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.server import LiveServer, start_server


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real server on a free port with a fresh SQLite data directory, shared by the session."""
    server = start_server(tmp_path_factory.mktemp("live-server"))
    yield server
    server.stop()
