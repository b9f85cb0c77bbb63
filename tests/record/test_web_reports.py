"""Report downloads from the secretariat's page: the panel's log served by the real app."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document

from podium.store import open_store
from podium.web.app import create_app
from podium.web.auth import hash_token
from tests.support.panel import run_panel

with warnings.catch_warnings():
    # Starlette's test client warns about its httpx backend at import time only.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

MEETING = "panel24web"
TOKENS = {"chair": "chair-token-x", "secretariat": "secretariat-token-x", "display": "display-x"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data: Path = tmp_path_factory.mktemp("web-reports")
    store = open_store(data)
    try:
        run_panel(store, MEETING)
        for role, token in TOKENS.items():
            store.put_token(hash_token(token), MEETING, role)
        store.put_token(hash_token("participant-x"), MEETING, "participant", "p7")
    finally:
        store.close()
    with TestClient(create_app(data, admin_token="admin-x")) as test_client:
        yield test_client


def test_the_secretariat_downloads_the_record_as_json(client: TestClient) -> None:
    response = client.get(
        f"/m/{MEETING}/report.json", headers={"Authorization": "Bearer secretariat-token-x"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["statistics"]["interventions"] == len(data["interventions"]) == 34
    again = client.get(
        f"/m/{MEETING}/report.json",
        headers={
            "Authorization": "Bearer secretariat-token-x",
            "If-None-Match": response.headers["etag"],
        },
    )
    assert again.status_code == 304


def test_the_chair_downloads_word_with_a_file_name(client: TestClient) -> None:
    response = client.get(
        f"/m/{MEETING}/report.docx", headers={"Authorization": "Bearer chair-token-x"}
    )
    assert response.status_code == 200
    assert f'filename="{MEETING}-chairs-summary.docx"' in response.headers["content-disposition"]
    assert "Chair's summary" in [p.text for p in Document(BytesIO(response.content)).paragraphs]


def test_charts_come_as_svg_and_png(client: TestClient) -> None:
    auth = {"Authorization": "Bearer secretariat-token-x"}
    svg = client.get(f"/m/{MEETING}/charts/region.svg", headers=auth)
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    png = client.get(f"/m/{MEETING}/charts/gender.png", headers=auth)
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    missing = client.get(f"/m/{MEETING}/charts/pie.svg", headers=auth)
    assert missing.status_code == 404 and "no chart 'pie.svg'" in missing.json()["detail"]


@pytest.mark.parametrize(
    ("path", "token", "status"),
    [
        (f"/m/{MEETING}/report.csv", None, 401),
        (f"/m/{MEETING}/report.csv", "participant-x", 403),
        (f"/m/{MEETING}/report.csv", "display-x", 403),
        (f"/m/{MEETING}/charts/region.svg", "participant-x", 403),
        (f"/m/{MEETING}/report.odt", "secretariat-token-x", 404),
        ("/m/nosuchmeeting/report.md", "secretariat-token-x", 404),
    ],
)
def test_only_the_chair_and_the_secretariat_get_reports(
    client: TestClient, path: str, token: str | None, status: int
) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.get(path, headers=headers)
    assert response.status_code == status
    assert response.json()["detail"]
