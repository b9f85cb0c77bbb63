"""The review of a plan at /new: every field editable, errors beside their field, nothing lost."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podium.web.app import create_app
from podium.web.review import form_from_post, plan_from_form
from tests.conftest import PANEL_2024
from tests.support.forms import FORM_TYPE, changed, encoded, form_fields

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ADMIN = "admin-token-for-the-review"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(tmp_path, admin_token=ADMIN, base_url="https://podium.example")
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


def upload(client: TestClient, name: str, data: bytes) -> str:
    response = client.post("/new", data={"token": ADMIN}, files={"note": (name, data)})
    assert response.status_code == 200, response.text
    return str(response.text)


def send(client: TestClient, fields: list[tuple[str, str]], action: str) -> tuple[int, str]:
    response = client.post(
        "/new", content=encoded([*fields, ("action", action)]), headers=FORM_TYPE
    )
    assert response.status_code != 500
    if response.status_code == 303:  # created: the links are shown at the address it gives
        return 303, client.get(response.headers["location"]).text
    return response.status_code, response.text


def created_plan(client: TestClient, page: str) -> Any:
    (meeting,) = set(re.findall(r'href="https://podium\.example/m/(\w+)"', page))
    return client.get(f"/api/meetings/{meeting}").json()


def errors(page: str) -> list[str]:
    return [e.replace("&#34;", '"') for e in re.findall(r'class="error"[^>]*>([^<]*)<', page)]


def test_the_plan_as_read_is_shown_beside_the_notes_text_escaped(client: TestClient) -> None:
    note = PANEL_2024.read_text() + "\n\nA remark with <script>alert(1)</script> in it.\n"
    page = upload(client, "panel.md", note.encode())
    fields = dict(form_fields(page, "review"))
    assert fields["title"].startswith("Global Cooperation in Science")
    assert fields["date"] == "2024-04-15" and fields["start"] == "15:00"
    assert fields["segments-0-role"] == "secretariat"
    assert fields["questions-count"] == "6" and fields["segments-count"] == "3"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert '<option value="Europe/Zurich">' in page  # the zone picker
    assert (
        "no-store"
        in client.post(
            "/new", data={"token": ADMIN}, files={"note": ("p.md", note.encode())}
        ).headers["cache-control"]
    )


def test_corrections_make_the_meeting(client: TestClient) -> None:
    fields = form_fields(upload(client, "panel.md", PANEL_2024.read_bytes()), "review")
    fixed = changed(
        fields,
        timezone="America/New_York",
        start="10:00",
        end="13:00",
        segments__2__minutes_max="2",
        segments__2__member_state="3",
        questions__0__text="What should change first?",
        documents__0__symbol="E/CN.16/2024/2",
    )
    status, page = send(client, fixed, "create")
    assert status == 303, errors(page)
    plan = created_plan(client, page)
    assert plan["timezone"] == "America/New_York"
    assert plan["start"] == "2024-04-15T10:00:00-04:00"
    assert plan["end"] == "2024-04-15T13:00:00-04:00"
    segment = plan["segments"][2]
    assert segment["minutes_max"] == 2 and segment["limits_by_class"] == {"member-state": 3}
    assert plan["questions"][0] == "What should change first?"
    assert plan["documents"][0]["symbol"] == "E/CN.16/2024/2"
    assert plan["sections"] and plan["sdgs"] == [9, 17]  # kept from the note


def test_bad_fields_come_back_with_a_sentence_each_and_the_values_kept(
    client: TestClient,
) -> None:
    fields = form_fields(upload(client, "panel.md", PANEL_2024.read_bytes()), "review")
    bad = changed(
        fields,
        title="",
        timezone="Mars/Olympus_Mons",
        end="14:00",
        segments__1__minutes_max="about ten",
        segments__2__minutes_min="9",
        segments__2__minutes_max="3",
        documents__0__url="javascript:alert(1)",
        questions__1__text="   ",
    )
    status, page = send(client, bad, "create")
    assert status == 422
    said = errors(page)
    assert "The meeting needs a title." in said
    assert (
        "“Mars/Olympus_Mons” is not a time zone; choose one from the list, such as Europe/Zurich."
        in said
    )
    assert "The meeting must end after it starts." in said
    assert "Write a number of minutes, such as 3 or 2.5." in said
    assert "The least minutes must not exceed the most." in said
    assert "An address must start with https:// or http://." in said
    assert "A guiding question must not be empty." in said
    again = dict(form_fields(page, "review"))
    assert again["timezone"] == "Mars/Olympus_Mons"
    assert again["segments-1-minutes_max"] == "about ten"
    assert again["documents-0-url"] == "javascript:alert(1)"
    assert 'name="segments-1-minutes_max" type="text" value="about ten" aria-invalid="true"' in page


def test_rows_are_added_removed_and_reordered_without_javascript(client: TestClient) -> None:
    fields = form_fields(upload(client, "panel.md", PANEL_2024.read_bytes()), "review")
    status, page = send(client, fields, "add-questions")
    assert status == 200
    grown = form_fields(page, "review")
    assert dict(grown)["questions-count"] == "7" and dict(grown)["questions-6-text"] == ""
    first = dict(grown)["questions-0-text"]
    third = dict(grown)["questions-2-text"]
    edited = changed(
        grown,
        questions__6__text="A seventh question?",
        questions__2__order="1",
        questions__5__remove="true",
        segments__0__remove="true",
    )
    status, page = send(client, edited, "create")
    assert status == 303, errors(page)
    plan = created_plan(client, page)
    questions = plan["questions"]
    assert questions[0] == third and questions[1] == first
    assert questions[-1] == "A seventh question?" and len(questions) == 6
    assert [s["role"] for s in plan["segments"]] == ["panelist", "participant"]


def test_each_warning_is_shown_beside_its_field(client: TestClient) -> None:
    fields = dict(form_fields(upload(client, "panel.md", PANEL_2024.read_bytes()), "review"))
    kept = json.loads(fields["kept"])
    kept["warnings"] = [
        {"line": 3, "message": "zone taken from the venue", "field": "timezone"},
        {"line": 9, "message": "limit unclear", "field": "segments[1].minutes_max"},
        {"line": 1, "message": "no outcome found", "field": None},
    ]
    fields["kept"] = json.dumps(kept)
    status, page = send(client, list(fields.items()), "check")
    assert status == 200
    assert "Every field can be read: the plan is ready." in page
    zone_at = page.index('name="timezone"')
    assert page.index("Line 3: zone taken from the venue", zone_at) - zone_at in range(0, 400)
    segment_at = page.index('name="segments-1-title"')
    near = page.index("Line 9: limit unclear", page.index('id="review"'))
    assert near in range(segment_at - 400, segment_at)
    assert page.index("Line 1: no outcome found") < page.index('id="review"')
    # At the top, every warning: those with no field of their own, then links to the others.
    top = page[page.index('id="warnings"') : page.index('id="review"')]
    assert top.index("Line 1: no outcome found") < top.index('href="#warning-timezone-1"')
    assert '<a href="#warning-segments-1-1">Line 9: limit unclear</a>' in top
    assert 'id="warning-timezone-1">Line 3: zone taken from the venue' in page


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"token": "wrong"}, 403, "token is not right"),
        ({"kept": "[1, 2"}, 422, "changed in transit"),
        ({"segments-count": "many"}, 303, ""),
        ({"segments-0-role": "emperor"}, 422, "Choose a role from the list."),
        ({"segments-0-speakers": "-4"}, 422, "The number of speakers must be between 0 and 1,000."),
        ({"language": "tlh"}, 422, "Choose one of the six UN languages."),
        ({"date": "15/04/2024"}, 422, "Write the date as year-month-day"),
    ],
)
def test_a_tampered_or_odd_form_is_answered_never_a_500(
    client: TestClient, change: dict[str, str], status: int, words: str
) -> None:
    fields = dict(form_fields(upload(client, "panel.md", PANEL_2024.read_bytes()), "review"))
    fields.update(change)
    got, page = send(client, list(fields.items()), "create")
    assert got == status
    assert words in page


field_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "12", "2.5", "-1", "nan", "inf", "1e9", "15:00", "2024-04-15", "+02:00"]),
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "title",
                "date",
                "start",
                "end",
                "timezone",
                "language",
                "kept",
                "segments-count",
                "segments-0-title",
                "segments-0-role",
                "segments-0-speakers",
                "segments-0-minutes_min",
                "segments-0-minutes_max",
                "segments-0-member_state",
                "segments-0-order",
                "questions-count",
                "questions-0-text",
                "documents-count",
                "documents-0-url",
                "action",
            ]
        ),
        field_text,
    )
)
def test_any_posted_form_gives_a_plan_or_sentences_never_an_exception(
    values: dict[str, str],
) -> None:
    form, _action = form_from_post({key: [value] for key, value in values.items()})
    plan = plan_from_form(form)
    assert (plan is None) == bool(form.errors)
    assert all(isinstance(text, str) and text for text in form.errors.values())


def test_an_arabic_note_reads_right_to_left_in_its_fields(client: TestClient) -> None:
    """Each field and the note's text take their direction from their own words."""
    from tests.conftest import NOTES

    note = NOTES / "corpus" / "afsd-2024-jalsa-iftitahiya.docx"
    page = upload(client, note.name, note.read_bytes())
    title = re.search(r'<input name="title"[^>]*>', page)
    assert title and 'dir="auto"' in title.group()
    assert '<pre class="note-text" dir="auto" tabindex="0">' in page
