"""Creating a meeting from the browser: the note uploaded with the admin token, then reviewed."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from podium.conceptnote.docx import write_docx
from podium.conceptnote.reader import read_note
from podium.web.app import create_app
from tests.conftest import PANEL_2024, ROUNDTABLE_2021
from tests.support.forms import FORM_TYPE, encoded, form_fields

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ADMIN = "admin-token-for-the-form"


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(tmp_path, admin_token=ADMIN, base_url="https://podium.example")
    with TestClient(app, follow_redirects=False) as client:
        yield client


def _send(client: TestClient, name: str, data: bytes, token: str = ADMIN) -> tuple[int, str]:
    response = client.post("/new", data={"token": token}, files={"note": (name, data)})
    assert response.status_code != 500
    return response.status_code, response.text


def _create(client: TestClient, name: str, data: bytes) -> tuple[int, str]:
    """Upload, then create the meeting from the review form as it stands."""
    status, review = _send(client, name, data)
    assert status == 200, review
    fields = [*form_fields(review, "review"), ("action", "create")]
    response = client.post("/new", content=encoded(fields), headers=FORM_TYPE)
    if response.status_code != 303:
        return response.status_code, response.text
    # Post, redirect, get: the links are shown once, and reloading creates nothing.
    shown = client.get(response.headers["location"])
    assert shown.status_code == 200
    again = client.get(response.headers["location"])
    assert again.status_code == 404 and "join/" not in again.text
    return response.status_code, shown.text


def test_the_landing_page_leads_to_the_form(browser: TestClient) -> None:
    assert 'href="/new"' in browser.get("/").text
    form = browser.get("/new").text
    assert 'enctype="multipart/form-data"' in form
    assert 'name="note"' in form and 'name="token" type="password"' in form


def test_a_note_becomes_a_meeting_with_a_link_for_each_role(browser: TestClient) -> None:
    status, page = _create(browser, PANEL_2024.name, PANEL_2024.read_bytes())
    assert status == 303  # created, then redirected to its links
    assert "Global Cooperation in Science, Technology and Innovation for Development" in page
    joins = re.findall(r'href="https://podium\.example/join/([\w-]+)"', page)
    assert len(set(joins)) == 3  # Chair, secretariat, big screen
    (meeting,) = set(re.findall(r'href="https://podium\.example/m/(\w+)"', page))
    homes = set()
    for token in set(joins):
        followed = browser.get(f"/join/{token}")
        assert followed.status_code == 303
        homes.add(followed.headers["location"])
    assert homes == {f"/m/{meeting}/chair", f"/m/{meeting}/secretariat", f"/m/{meeting}/screen"}
    assert browser.get(f"/api/meetings/{meeting}").json()["session_number"] == 27


def test_a_word_note_is_read_too(browser: TestClient) -> None:
    status, page = _create(browser, "roundtable.docx", write_docx(read_note(ROUNDTABLE_2021)))
    assert status == 303  # created, then redirected to its links
    assert "sustainable and resilient recovery from the COVID-19 pandemic" in page


@pytest.mark.parametrize(
    ("name", "data", "token", "status", "words"),
    [
        ("note.md", b"# A note", "wrong", 403, "token is not right"),
        ("note.md", b"", ADMIN, 422, "Choose the concept note"),
        ("agenda.xlsx", b"PK\x03\x04", ADMIN, 422, "agenda.xlsx: cannot read '.xlsx' files"),
        ("broken.docx", b"not a zip", ADMIN, 422, "broken.docx: not a readable DOCX file"),
        ("shopping.md", b"eggs\nmilk\n", ADMIN, 422, "shopping.md"),
    ],
)
def test_what_cannot_be_made_into_a_meeting_shows_the_form_again_with_why(
    browser: TestClient, name: str, data: bytes, token: str, status: int, words: str
) -> None:
    got, page = _send(browser, name, data, token)
    assert got == status
    assert words in page.replace("&#39;", "'")
    assert 'name="note"' in page  # the form, to try again
