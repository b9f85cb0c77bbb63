"""Registration is one batch, all or none: one reader for CSV and JSON, on the page and the API."""

from __future__ import annotations

import io
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from podium.conceptnote.reader import read_note
from podium.meeting.events import ParticipantAdded
from podium.meetings import MeetingService
from podium.web.app import create_app
from podium.web.auth import hash_token
from podium.wire import decode_event
from tests.conftest import PANEL_2024

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@dataclass
class Office:
    client: TestClient
    service: MeetingService
    meeting: str
    secretariat: str

    def post(self, body: bytes, kind: str) -> tuple[int, dict[str, object]]:
        response = self.client.post(
            f"/api/meetings/{self.meeting}/participants",
            content=body,
            headers={"Authorization": f"Bearer {self.secretariat}", "Content-Type": kind},
        )
        assert response.status_code != 500, response.text
        data: dict[str, object] = response.json()
        return response.status_code, data

    def registered(self) -> list[ParticipantAdded]:
        events = (decode_event(e.data) for e in self.service.store.read(self.meeting))
        return [e for e in events if isinstance(e, ParticipantAdded)]

    def tokens(self) -> int:
        return len(self.service.store.tokens(self.meeting))


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    app = create_app(tmp_path / "data")
    service: MeetingService = app.state.service
    created = service.create(read_note(PANEL_2024))
    with TestClient(app) as client:
        yield Office(client, service, created.id, created.tokens["secretariat"])


def test_a_csv_with_a_bad_third_row_registers_no_one_and_names_line_and_column(
    office: Office,
) -> None:
    tokens = office.tokens()
    sheet = "name,country,segment\nAna,BR,\nBikash,NP,1\nChen,CN,9\nDana,BG,\n"
    status, body = office.post(sheet.encode(), "text/csv")
    assert status == 422
    detail = str(body["detail"])
    assert detail.startswith("Line 4, column segment: The programme has no segment 9"), detail
    assert "add_participant" not in detail and "register_participants" not in detail
    assert office.registered() == [] and office.tokens() == tokens
    # Fixed and sent again, the file registers each person once.
    status, body = office.post(sheet.replace("CN,9", "CN,2").encode(), "text/csv")
    assert status == 201
    assert [e.name for e in office.registered()] == ["Ana", "Bikash", "Chen", "Dana"]


def test_a_json_batch_with_a_bad_third_participant_registers_no_one(office: Office) -> None:
    people = [{"name": "Ana"}, {"name": "Bikash"}, {"name": "Chen", "country": "C1"}]
    status, body = office.post(json.dumps(people).encode(), "application/json")
    assert status == 422
    assert str(body["detail"]).startswith("Participant 3, field country: 'C1' is not a country")
    people[2] = {"name": "Chen", "gender": "unknown"}
    status, body = office.post(json.dumps(people).encode(), "application/json")
    assert (status, str(body["detail"])[:34]) == (422, "Participant 3, field gender: 'unkn")
    people[2] = {"name": "Chen", "shoe": 42}
    status, body = office.post(json.dumps(people).encode(), "application/json")
    assert status == 422 and "unknown field(s) shoe" in str(body["detail"])
    assert office.registered() == []


def test_each_link_s_hash_is_in_its_participant_s_event(office: Office) -> None:
    status, body = office.post(b"name\nAna\nBikash\n", "text/csv")
    assert status == 201
    people = body["participants"]
    assert isinstance(people, list)
    hashes = [hash_token(p["link"].rsplit("/", 1)[1]) for p in people]
    events = office.registered()
    assert [e.token_hash for e in events] == hashes
    assert [e.participant_id for e in events] == [p["id"] for p in people]
    # All of them in one append: their events are consecutive in the log.
    stored = office.service.store.read(office.meeting)
    seqs = [s.seq for s in stored if '"participant_added"' in s.data]
    assert seqs == list(range(seqs[0], seqs[0] + len(people)))


@pytest.mark.parametrize(
    "raw",
    [
        b"name;delegation;country;observer\r\nAna;Brasil;BR;no\r\nJos\xc3\xa9;Espa\xc3\xb1a;ES;yes\r\n",
        b"\xef\xbb\xbfName;Delegation;Country;Observer\nAna;Brasil;BR;no\nJos\xc3\xa9;Espa\xc3\xb1a;ES;1\n",
        b"name,delegation,country,observer\rAna,Brasil,BR,false\rJos\xc3\xa9,Espa\xc3\xb1a,ES,true\r",
        b'name,delegation,country,observer\n"Ana","Brasil","BR",\n"Jos\xc3\xa9","Espa\xc3\xb1a",ES,on\n',
    ],
    ids=["semicolons-crlf", "bom-semicolons", "cr-only", "quoted"],
)
def test_the_spreadsheets_csv_dialects_are_read_alike(office: Office, raw: bytes) -> None:
    status, body = office.post(raw, "text/csv")
    assert status == 201, body
    added = office.registered()
    assert [(e.name, e.delegation, e.country, e.observer) for e in added] == [
        ("Ana", "Brasil", "BR", False),
        ("José", "España", "ES", True),
    ]


def test_bad_files_are_refused_with_a_sentence(office: Office) -> None:
    huge = "name,organisation\nAna," + "x" * 131_073 + "\n"
    status, body = office.post(huge.encode(), "text/csv")
    assert (status, body["detail"]) == (422, "Line 2: a value is longer than 131,072 characters.")
    status, body = office.post(b"name,shoe size\nA,42\n", "text/csv")
    assert status == 422 and "unknown column(s) shoe size" in str(body["detail"])
    status, body = office.post(b"delegation\nKenya\n", "text/csv")
    assert status == 422 and "at least 'name'" in str(body["detail"])
    status, body = office.post(b"name\n\xff\xfe\n", "text/csv")
    assert (status, str(body["detail"])[:27]) == (422, "Line 2: the file is not UTF")
    status, body = office.post(b"name,observer\nAna,perhaps\n", "text/csv")
    assert (status, str(body["detail"])[:33]) == (422, "Line 2, column observer: 'perhaps")
    status, body = office.post(b"name\n", "text/csv")
    assert (status, body["detail"]) == (422, "No participants were given.")
    assert office.registered() == []


def test_a_long_list_is_registered_whole(office: Office) -> None:
    rows = "".join(f"Delegate {n},KE\n" for n in range(2100))
    status, _body = office.post(f"name,country\n{rows}".encode(), "text/csv")
    assert status == 201
    assert len(office.registered()) == 2100  # no 2,000-row cut-off


def test_the_page_uses_the_same_reader_and_says_the_line(office: Office) -> None:
    client = TestClient(office.client.app, follow_redirects=False)
    assert client.get(f"/join/{office.secretariat}").status_code == 303
    page = client.get(f"/m/{office.meeting}/secretariat").text
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found is not None
    sheet = b"name;country;segment\nAna;BR;\nBikash;NP;7\n"
    response = client.post(
        f"/m/{office.meeting}/participants",
        data={"csrf": found.group(1)},
        files={"file": ("people.csv", io.BytesIO(sheet), "text/csv")},
    )
    assert response.status_code == 422
    assert "Line 3, column segment: The programme has no segment 7" in response.text
    assert office.registered() == []
    response = client.post(
        f"/m/{office.meeting}/participants",
        data={"csrf": found.group(1)},
        files={"file": ("people.csv", io.BytesIO(sheet.replace(b";7", b";1")), "text/csv")},
    )
    assert response.status_code == 303  # post, redirect, get: the links are shown once
    page = client.get(response.headers["location"]).text
    assert len(re.findall(r'value="http://testserver/join/[^"]+"', page)) == 2
