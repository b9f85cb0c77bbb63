"""HEAD answers like GET on every page; the browser's icon is served, not a 404."""

from __future__ import annotations

from podium.web.assets import asset
from tests.web.test_pages import Site, site  # noqa: F401 - the fixture


def test_head_answers_like_get_without_a_body(site: Site) -> None:  # noqa: F811
    for role, path in (
        (None, "/"),
        (None, f"/m/{site.meeting}"),
        ("chair", f"/m/{site.meeting}/chair"),
        ("display", f"/m/{site.meeting}/screen"),
        (None, f"/api/meetings/{site.meeting}"),
        (None, asset("podium.css")),
    ):
        client = site.client(role)
        got, head = client.get(path), client.head(path)
        assert (head.status_code, head.content) == (got.status_code, b""), path
        assert head.headers["content-type"] == got.headers["content-type"], path
    assert site.client().head("/m/nope").status_code == site.client().get("/m/nope").status_code


def test_the_favicon_is_a_real_icon(site: Site) -> None:  # noqa: F811
    response = site.client().get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert site.client().head("/favicon.ico").status_code == 200
