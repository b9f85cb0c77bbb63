"""Text responses go compressed to those who accept gzip; the live feed is never held back."""

from __future__ import annotations

import gzip
import warnings
from pathlib import Path

from podium.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def test_pages_and_static_text_are_gzipped(tmp_path: Path) -> None:
    client = TestClient(create_app(str(tmp_path / "data")))
    for path in ("/", "/static/podium.css", "/static/live.js", "/new?lang=ar"):
        response = client.get(path, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200, path
        assert response.headers["content-encoding"] == "gzip", path
        assert "accept-encoding" in response.headers["vary"].lower()
        # The client undid the compression: the body is the page itself.
        assert len(gzip.compress(response.content)) < len(response.content), path


def test_nothing_is_compressed_for_a_client_that_does_not_ask(tmp_path: Path) -> None:
    client = TestClient(create_app(str(tmp_path / "data")))
    response = client.get("/", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in response.headers
    assert "<html" in response.text
