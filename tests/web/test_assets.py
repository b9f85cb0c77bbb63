"""Static files under content-hashed names, cached for a year; old names sent on to new ones."""

from __future__ import annotations

import hashlib
import re
import warnings
from pathlib import Path

import pytest

from podium.web import assets
from podium.web.app import create_app
from podium.web.headers import POLICY

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(str(tmp_path / "data")))


def test_pages_name_their_files_by_content_and_they_are_cached_for_good(client: TestClient) -> None:
    html = client.get("/new").text
    named = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert [n.rsplit(".", 1)[-1] for n in named] == ["css"]
    css = assets.lean("podium.css", (assets.STATIC / "podium.css").read_text()).encode()
    digest = hashlib.sha256(css).hexdigest()[: assets.DIGITS]
    assert named == [f"/static/podium.{digest}.css"]
    answer = client.get(named[0])
    assert answer.status_code == 200 and answer.content == css
    assert answer.headers["content-type"] == "text/css; charset=utf-8"
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    # A stylesheet is no document: no policy to obey, but never sniffed as one.
    assert "content-security-policy" not in answer.headers
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert client.get("/new").headers["content-security-policy"] == POLICY


def test_a_live_page_names_its_script_by_content(client: TestClient) -> None:
    script = assets.asset("live.js")
    assert re.fullmatch(r"/static/live\.[0-9a-f]{10}\.js", script)
    answer = client.get(script)
    assert (
        answer.content == assets.lean("live.js", (assets.STATIC / "live.js").read_text()).encode()
    )
    assert "javascript" in answer.headers["content-type"]
    assert "immutable" in answer.headers["cache-control"]


@pytest.mark.parametrize("old", ["/static/podium.css", "/static/podium.0123456789.css"])
def test_an_old_name_is_sent_on_to_the_current_file_and_not_cached(
    client: TestClient, old: str
) -> None:
    answer = client.get(old, follow_redirects=False)
    assert answer.status_code == 308
    assert answer.headers["location"] == assets.asset("podium.css")
    assert answer.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    "missing", ["/static/nothing.css", "/static/podium.css.map", "/static/..%2Fapp.py"]
)
def test_any_other_name_is_a_404_that_says_so(client: TestClient, missing: str) -> None:
    answer = client.get(missing, follow_redirects=False)
    assert answer.status_code == 404
    assert "no such file" in answer.text
    assert "immutable" not in answer.headers["cache-control"]


def test_a_changed_file_gets_a_new_name(tmp_path: Path) -> None:
    first = assets._hashed_name("podium.css", b"body { color: #111 }")
    second = assets._hashed_name("podium.css", b"body { color: #000 }")
    assert first != second
    assert first.startswith("podium.") and first.endswith(".css")


def test_served_files_lose_their_comments_and_indentation_only() -> None:
    css = "/* a note */\n.a { color: red; }\n  .b { margin: 0; } /* more */\n"
    assert assets.lean("x.css", css) == ".a { color: red; }\n.b { margin: 0; }\n"
    js = '(function () {\n  // a note\n  var a = "//x"; // kept\n})();\n'
    assert assets.lean("x.js", js) == '(function () {\nvar a = "//x"; // kept\n})();\n'
    served = assets.assets()
    for name in ("podium.css", "live.js"):
        source = (assets.STATIC / name).read_bytes()
        assert len(served[name].body) < len(source)
    assert b"/*" not in served["podium.css"].body
