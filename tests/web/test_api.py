"""The JSON API in process: every failure a clear 4xx with a sentence, never a 500."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from podium.web.app import create_app
from tests.conftest import PANEL_2024, ROUNDTABLE_2021
from tests.support.server import token_of

with warnings.catch_warnings():
    # Starlette's test client warns about its httpx backend at import time only.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ADMIN = "admin-token-for-tests"


@dataclass
class Api:
    client: TestClient
    meeting: str
    chair: str
    secretariat: str
    display: str
    people: dict[str, str]  # name -> token

    def send(self, token: str | None, body: object) -> tuple[int, dict[str, object]]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.client.post(
            f"/api/meetings/{self.meeting}/commands", json=body, headers=headers
        )
        assert response.status_code != 500
        return response.status_code, response.json()


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    app = create_app(tmp_path, admin_token=ADMIN)
    with TestClient(app, base_url="http://podium.test") as client:
        created = client.post(
            "/api/meetings",
            content=PANEL_2024.read_bytes(),
            headers={"Authorization": f"Bearer {ADMIN}", "Content-Type": "text/markdown"},
        )
        assert created.status_code == 201, created.text
        body = created.json()
        links = body["links"]
        secretariat = token_of(links["secretariat"])
        registered = client.post(
            f"/api/meetings/{body['id']}/participants",
            json=[
                {"name": "Kenya", "delegation": "Kenya", "country": "KE"},
                {"name": "Fiji", "delegation": "Fiji", "country": "FJ", "channel": "online"},
            ],
            headers={"Authorization": f"Bearer {secretariat}"},
        )
        assert registered.status_code == 201, registered.text
        people = {p["name"]: token_of(p["link"]) for p in registered.json()["participants"]}
        yield Api(
            client,
            body["id"],
            token_of(links["chair"]),
            secretariat,
            token_of(links["display"]),
            people,
        )


def test_creating_gives_absolute_links_for_each_role(api: Api) -> None:
    response = api.client.post(
        "/api/meetings",
        content=ROUNDTABLE_2021.read_bytes(),
        headers={"Authorization": f"Bearer {ADMIN}", "Content-Type": "text/markdown"},
    )
    assert response.status_code == 201
    links = response.json()["links"]
    assert set(links) == {"chair", "secretariat", "display", "public"}
    assert links["chair"].startswith("http://podium.test/join/")
    assert links["public"] == f"http://podium.test/m/{response.json()['id']}"
    plan = api.client.get(f"/api/meetings/{response.json()['id']}").json()
    assert plan["session_number"] == 24


def test_a_note_can_be_uploaded_as_a_file(api: Api) -> None:
    response = api.client.post(
        "/api/meetings",
        files={"file": (PANEL_2024.name, PANEL_2024.read_bytes(), "text/markdown")},
        headers={"Authorization": f"Bearer {ADMIN}"},
    )
    assert response.status_code == 201, response.text
    bad = api.client.post(
        "/api/meetings",
        files={"file": ("note.exe", b"MZ", "application/octet-stream")},
        headers={"Authorization": f"Bearer {ADMIN}"},
    )
    assert bad.status_code == 422
    assert "note.exe" in bad.json()["detail"]


def test_creating_needs_the_admin_token(api: Api) -> None:
    note = {"content": PANEL_2024.read_bytes(), "headers": {"Content-Type": "text/markdown"}}
    assert api.client.post("/api/meetings", **note).status_code == 401  # type: ignore[arg-type]
    as_chair = api.client.post(
        "/api/meetings",
        content=PANEL_2024.read_bytes(),
        headers={"Authorization": f"Bearer {api.chair}", "Content-Type": "text/markdown"},
    )
    assert as_chair.status_code == 403
    not_a_note = api.client.post(
        "/api/meetings",
        content=b"   ",
        headers={"Authorization": f"Bearer {ADMIN}", "Content-Type": "text/markdown"},
    )
    assert not_a_note.status_code == 422
    assert "empty" in not_a_note.json()["detail"]


def test_a_participant_cannot_act_as_the_chair(api: Api) -> None:
    kenya = api.people["Kenya"]
    assert api.send(api.chair, {"type": "open_meeting"})[0] == 200
    status, body = api.send(kenya, {"type": "give_floor"})
    assert status == 403
    assert body["detail"] == "Only the Chair may give the floor."
    assert api.send(api.display, {"type": "close_list"})[0] == 403
    # The secretariat assists but does not give the floor.
    assert api.send(api.secretariat, {"type": "give_floor"})[0] == 403
    # A participant asks only for themself.
    fiji_id = "p2"
    status, body = api.send(kenya, {"type": "request_floor", "participant_id": fiji_id})
    assert status == 422
    assert body["detail"] == "You may ask for the floor only for yourself."


def test_a_stale_expected_seq_is_a_conflict(api: Api) -> None:
    status, body = api.send(api.chair, {"type": "open_meeting", "expected_seq": 3})
    assert status == 200
    seq = body["seq"]
    status, body = api.send(api.chair, {"type": "close_list", "expected_seq": seq - 1})
    assert status == 409
    assert str(seq) in str(body["detail"])
    assert api.send(api.chair, {"type": "close_list", "expected_seq": seq})[0] == 200


def test_a_refusal_is_a_422_with_the_rule_in_a_sentence(api: Api) -> None:
    api.send(api.chair, {"type": "open_meeting"})
    api.send(api.chair, {"type": "close_list"})
    status, body = api.send(api.people["Kenya"], {"type": "request_floor"})
    assert (status, body) == (422, {"detail": "The list of speakers is closed."})


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"type": "no_such_command"}, "type"),
        ({"type": "give_floor", "request_id": "seven"}, "request_id"),
        ({"type": "give_floor", "bogus": 1}, "bogus"),
        ({"type": "extend_speech", "seconds": -5}, "seconds"),
        ([1, 2, 3], "type"),
    ],
)
def test_bad_commands_are_422_naming_what_is_wrong(api: Api, body: object, words: str) -> None:
    status, answer = api.send(api.chair, body)
    assert status == 422
    assert isinstance(answer["detail"], str)
    assert words in answer["detail"]


def test_bad_json_is_a_422(api: Api) -> None:
    response = api.client.post(
        f"/api/meetings/{api.meeting}/commands",
        content=b'{"type": "open_meeting",',
        headers={"Authorization": f"Bearer {api.chair}", "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json() == {"detail": "The body is not valid JSON."}


def test_huge_bodies_are_413(api: Api) -> None:
    huge = b'{"type": "tag_intervention", "note": "' + b"x" * 100_000 + b'"}'
    response = api.client.post(
        f"/api/meetings/{api.meeting}/commands",
        content=huge,
        headers={"Authorization": f"Bearer {api.chair}", "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "64 KB" in response.json()["detail"]
    upload = api.client.post(
        "/api/meetings",
        content=b"# x\n" * 700_000,
        headers={"Authorization": f"Bearer {ADMIN}", "Content-Type": "text/markdown"},
    )
    assert upload.status_code == 413


def test_flooding_requests_for_the_floor_is_429(api: Api) -> None:
    api.send(api.chair, {"type": "open_meeting"})
    kenya = api.people["Kenya"]
    codes = []
    for _i in range(6):
        codes.append(api.send(kenya, {"type": "request_floor"})[0])
        request_id = api.client.get(f"/api/meetings/{api.meeting}/state").json()["queue"][0][
            "request_id"
        ]
        codes.append(api.send(kenya, {"type": "withdraw_request", "request_id": request_id})[0])
    assert codes == [200] * 12  # six requests (each withdrawn) in a minute are fine
    status, body = api.send(kenya, {"type": "request_floor"})
    assert status == 429
    assert "wait a minute" in str(body["detail"])
    # The Chair and the other delegations are not held back.
    assert api.send(api.people["Fiji"], {"type": "request_floor"})[0] == 200


def test_unknown_meetings_are_404(api: Api) -> None:
    for path in ("/api/meetings/nosuch", "/api/meetings/nosuch/state", "/api/meetings/nosuch/feed"):
        response = api.client.get(path)
        assert response.status_code == 404, path
        assert "nosuch" in response.json()["detail"]
    assert (
        api.client.post(
            "/api/meetings/nosuch/commands",
            json={"type": "open_meeting"},
            headers={"Authorization": f"Bearer {api.chair}"},
        ).status_code
        == 404
    )


def test_acting_needs_a_token_of_this_meeting(api: Api) -> None:
    assert api.send(None, {"type": "open_meeting"})[0] == 401
    assert api.send("made-up-token", {"type": "open_meeting"})[0] == 401
    other = api.client.post(
        "/api/meetings",
        content=ROUNDTABLE_2021.read_bytes(),
        headers={"Authorization": f"Bearer {ADMIN}", "Content-Type": "text/markdown"},
    ).json()
    # The Chair of one meeting is nobody in another.
    assert api.send(token_of(other["links"]["chair"]), {"type": "open_meeting"})[0] == 401
    registering = api.client.post(
        f"/api/meetings/{api.meeting}/participants",
        json=[{"name": "Brazil"}],
        headers={"Authorization": f"Bearer {api.people['Kenya']}"},
    )
    assert registering.status_code == 403


def test_participants_come_from_csv_with_line_numbers_on_errors(api: Api) -> None:
    def post(text: str) -> tuple[int, dict[str, object]]:
        response = api.client.post(
            f"/api/meetings/{api.meeting}/participants",
            content=text.encode(),
            headers={"Authorization": f"Bearer {api.secretariat}", "Content-Type": "text/csv"},
        )
        return response.status_code, response.json()

    status, body = post(
        "name,delegation,country,stakeholder,gender,channel,role,segment\n"
        "Dr. Okafor,,NG,academia,female,room,panelist,1\n"
        "Holy See,Holy See,VA,government,,online,,\n"
    )
    assert status == 201
    people = body["participants"]
    assert isinstance(people, list)
    assert [(p["role"], p["segment"]) for p in people] == [("panelist", 1), ("participant", None)]
    status, body = post("name,stakeholder\nOk,government\nBad,martians\n")
    assert status == 422
    assert str(body["detail"]).startswith("Line 3, column stakeholder: 'martians' is not")
    status, body = post("name,shoe size\nA,42\n")
    assert (status, str(body["detail"])[:30]) == (422, "Line 1: unknown column(s) shoe")


def test_the_state_is_cached_per_seq_and_stamped_per_request(api: Api) -> None:
    first = api.client.get(f"/api/meetings/{api.meeting}/state").json()
    second = api.client.get(f"/api/meetings/{api.meeting}/state").json()
    assert first["seq"] == second["seq"] == 3
    assert first["server_time"] != second["server_time"]
    assert {k: v for k, v in first.items() if k not in ("server_time", "now")} == {
        k: v for k, v in second.items() if k not in ("server_time", "now")
    }
    api.send(api.chair, {"type": "open_meeting"})
    third = api.client.get(f"/api/meetings/{api.meeting}/state").json()
    assert (third["seq"], third["status"]) == (4, "open")


def test_the_speech_in_the_state_counts_down_between_requests(api: Api) -> None:
    api.send(api.chair, {"type": "open_meeting"})
    api.send(api.chair, {"type": "start_segment", "segment": 2})
    api.send(api.people["Kenya"], {"type": "request_floor"})
    api.send(api.chair, {"type": "give_floor"})
    one = api.client.get(f"/api/meetings/{api.meeting}/state").json()
    two = api.client.get(f"/api/meetings/{api.meeting}/state").json()
    assert one["speech"]["limit_seconds"] == 180
    assert two["speech"]["elapsed_seconds"] >= one["speech"]["elapsed_seconds"]
    assert two["speech"]["remaining_seconds"] <= one["speech"]["remaining_seconds"]
    assert one["speech"]["started_at"] == two["speech"]["started_at"]


def test_every_command_type_is_in_the_openapi_schema(api: Api) -> None:
    from podium.meeting.commands import COMMANDS
    from podium.meeting.participants import PARTICIPANT_FIELDS

    spec = api.client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    names = {
        s["properties"]["type"].get("const")
        for s in schemas.values()
        if "properties" in s and "type" in s["properties"]
    }
    # Participants are registered at their own path, which hands back their links.
    assert set(COMMANDS) - {"register_participants"} <= names
    register = spec["paths"]["/api/meetings/{meeting_id}/participants"]["post"]
    person = register["requestBody"]["content"]["application/json"]["schema"]["items"]
    assert set(person["properties"]) == set(PARTICIPANT_FIELDS)
    responses = spec["paths"]["/api/meetings/{meeting_id}/commands"]["post"]["responses"]
    assert {"200", "401", "403", "404", "409", "413", "422", "429"} <= set(responses)


def test_an_intervention_is_tagged_with_questions_given_as_a_json_list(api: Api) -> None:
    api.send(api.chair, {"type": "open_meeting"})
    api.send(api.chair, {"type": "start_segment", "segment": 2})
    api.send(api.people["Kenya"], {"type": "request_floor"})
    api.send(api.chair, {"type": "give_floor"})
    status, body = api.send(
        api.secretariat, {"type": "tag_intervention", "questions": [2, 5], "note": "Open data"}
    )
    assert status == 200, body
    (event,) = body["events"]  # type: ignore[misc]
    assert (event["questions"], event["note"]) == ([2, 5], "Open data")
    status, body = api.send(api.chair, {"type": "tag_intervention", "questions": [9]})
    assert status == 422
    assert body["detail"] == "There is no guiding question 9: they are numbered 1 to 6."


@pytest.mark.parametrize(
    ("path", "method", "content", "headers"),
    [
        ("commands", "post", b"{not json", {"Content-Type": "application/json"}),
        ("commands", "post", b"[1, 2]", {"Content-Type": "application/json"}),
        ("feed", "get", None, {"Last-Event-ID": "yesterday"}),
    ],
)
def test_every_answer_to_bad_input_is_documented(
    api: Api, path: str, method: str, content: bytes | None, headers: dict[str, str]
) -> None:
    """An integrator reads in /openapi.json every status a path may answer with."""
    documented = api.client.get("/openapi.json").json()["paths"]
    url = f"/api/meetings/{api.meeting}/{path}"
    sent = {**headers, "Authorization": f"Bearer {api.chair}"}
    answer = api.client.request(method.upper(), url, content=content, headers=sent)
    assert 400 <= answer.status_code < 500, answer.text
    spec = documented["/api/meetings/{meeting_id}/" + path][method]
    assert str(answer.status_code) in spec["responses"], (answer.status_code, spec["responses"])


def test_the_plan_is_served_as_podium_import_prints_it(api: Api) -> None:
    """GET /api/meetings/{id} goes through its closed schema and comes out unchanged."""
    from podium.conceptnote.reader import read_note

    served = api.client.get(f"/api/meetings/{api.meeting}").json()
    printed = read_note(PANEL_2024).to_json()
    assert {k: v for k, v in served.items() if k != "warnings"} == {
        k: v for k, v in printed.items() if k != "warnings"
    }
