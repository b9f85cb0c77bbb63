"""Privacy by role: the live state, the feed and the pages give each role only what it may see.

The hall (the public page, the big screen, a participant's phone, anyone without a
token) sees who speaks and for which delegation; gender, stakeholder group,
organisation and the notes on interventions are for the Chair and the secretariat.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from podium.conceptnote.reader import read_note
from podium.meeting.commands import (
    AddQuestion,
    CloseList,
    CloseMeeting,
    CloseResponseRound,
    EndSegment,
    EndSpeech,
    ExtendSpeech,
    GiveFloor,
    MoveRequest,
    OpenMeeting,
    OpenResponseRound,
    PauseSpeech,
    RemoveRequest,
    ReopenList,
    RequestFloor,
    ResumeSpeech,
    SetBudget,
    SetEmbedding,
    SetOrdering,
    StartSegment,
    TagIntervention,
    UndoGiveFloor,
    UndoRemoveRequest,
    WithdrawRequest,
)
from podium.meeting.events import EVENTS
from podium.meeting.participants import ParticipantFields
from podium.meeting.privacy import PRIVATE_FIELDS
from podium.meeting.words import CHAIR, Actor
from podium.meetings import MeetingService
from podium.web.app import create_app
from podium.web.feed import frame
from podium.web.live_schemas import InterventionsPage, State
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, token_of
from tests.support.sse import frames, take

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

ORGANISATION = "Quiet Foundation 7f3a"
NOTE = "Chair's note: ask her to shorten 91c2"
# An unpublished statement's name (and its bytes' digest) are the staff's.
DRAFT = "Draft for the Chair only 3c9e.txt"
STATEMENT = b"Our statement, not yet published.\n"
SECRETS = (
    ORGANISATION,
    NOTE,
    "female",
    "civil-society",
    DRAFT,
    hashlib.sha256(STATEMENT).hexdigest(),
)


def _speaker(service: MeetingService, meeting: str, name: str) -> str:
    command = ParticipantFields(
        name=name,
        delegation=f"Delegation of {name}",
        country="BR",
        organisation=ORGANISATION,
        stakeholder="civil-society",
        gender="female",
    )
    participant, _token = service.register(meeting, [command], CHAIR)[0]
    return participant.id


@pytest.fixture
def busy(tmp_path: Path) -> Iterator[tuple[object, MeetingService, str, dict[str, str]]]:
    """A meeting whose log holds every event type the core emits, with private data in it."""
    app = create_app(str(tmp_path / "data"))
    service: MeetingService = app.state.service
    created = service.create(read_note(PANEL_2024))
    meeting = created.id
    ana = _speaker(service, meeting, "Ana Gomez")
    ben = _speaker(service, meeting, "Ben Ode")
    cai = _speaker(service, meeting, "Cai Lun")
    _dee, phone = service.register(meeting, [ParticipantFields(name="Dee Nwosu")], CHAIR)[0]
    panelist = ParticipantFields(name="Eva Lind", role="panelist", delegation="Lund University")
    service.register(meeting, [panelist], CHAIR)[0]

    def run(command: object, by: Actor = CHAIR) -> None:
        service.execute(meeting, command, by)  # type: ignore[arg-type]

    run(OpenMeeting())
    run(AddQuestion(text="What would the hall like to ask?"))
    run(StartSegment(segment=1))
    run(EndSegment())
    run(StartSegment(segment=2))
    for who in (ana, ben, cai):
        run(RequestFloor(), Actor("participant", who))
    queue = service.state(meeting).queue
    run(MoveRequest(request_id=queue[2].id, position=0))
    run(WithdrawRequest(request_id=queue[1].id), Actor("participant", ben))
    run(RemoveRequest(request_id=queue[0].id))
    run(UndoRemoveRequest(request_id=queue[0].id))
    run(RemoveRequest(request_id=queue[0].id))
    run(GiveFloor())
    run(UndoGiveFloor(intervention_id=service.state(meeting).speech.intervention_id))  # type: ignore[union-attr]
    run(GiveFloor())
    run(PauseSpeech())
    run(ResumeSpeech())
    run(ExtendSpeech(seconds=60))
    run(TagIntervention(questions=(1,), note=NOTE))
    spoken = service.state(meeting).speech.intervention_id  # type: ignore[union-attr]
    service.attach_statement(meeting, CHAIR, STATEMENT, filename=DRAFT, intervention_id=spoken)
    run(EndSpeech())
    run(OpenResponseRound(limit_seconds=120))
    run(CloseResponseRound())
    run(CloseList())
    run(ReopenList())
    run(SetOrdering(ordering="region"))
    run(SetBudget(dimension="channel", group="online", budget_seconds=300))
    run(SetEmbedding(origins=("https://webtv.example.org",)))
    run(CloseMeeting())
    yield app, service, meeting, {**created.tokens, "participant": phone}


def test_the_feed_gives_the_hall_no_private_field_of_any_event(
    busy: tuple[object, MeetingService, str, dict[str, str]],
) -> None:
    _app, service, meeting, _tokens = busy
    stored = list(service.store.read(meeting, 0))
    kinds = {json.loads(e.data)["type"] for e in stored}
    assert kinds == set(EVENTS), f"missing: {set(EVENTS) - kinds}"
    for event in stored:
        kind = json.loads(event.data)["type"]
        hall = frame(event, "hall").decode()
        staff = frame(event, "staff").decode()
        for secret in SECRETS:
            assert secret not in hall, (kind, secret)
        hall_data = json.loads(hall.split("data: ", 1)[1])
        assert not set(PRIVATE_FIELDS) & set(hall_data), kind
        assert "note" not in hall_data, kind
        assert hall_data["type"] == kind and f"event: {kind}\n" in hall
        # The staff get every event whole, as stored.
        assert json.loads(staff.split("data: ", 1)[1]) == json.loads(event.data), kind
    tagged = next(e for e in stored if '"intervention_tagged"' in e.data)
    assert json.loads(frame(tagged, "hall").decode().split("data: ", 1)[1])["questions"] == [1]


def test_the_state_gives_each_role_only_what_it_may_see(
    busy: tuple[object, MeetingService, str, dict[str, str]],
) -> None:
    app, _service, meeting, tokens = busy
    client = TestClient(app)  # type: ignore[arg-type]
    url = f"/api/meetings/{meeting}/state"
    heard = f"/api/meetings/{meeting}/interventions"
    for token in (None, tokens["display"], tokens["participant"], "not-a-token"):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = client.get(url, headers=headers).text
        for secret in (*SECRETS, NOTE):
            assert secret not in body, (token, secret)
        state = json.loads(body)
        assert all("gender" not in p and "organisation" not in p for p in state["participants"])
        assert {p["delegation"] for p in state["participants"]} >= {"Delegation of Ana Gomez"}
        page = client.get(heard, headers=headers)
        assert page.status_code == 200 and NOTE not in page.text
        assert page.json()["interventions"] and all(
            "note" not in i for i in page.json()["interventions"]
        )
        InterventionsPage.model_validate_json(page.text)
    participant = tokens["participant"]
    body = client.get(url, headers={"Authorization": f"Bearer {participant}"}).text
    assert ORGANISATION not in body and NOTE not in body
    # A participant sees itself whole, and no one else's private data.
    assert json.loads(body)["me"]["name"] == "Dee Nwosu"
    State.model_validate_json(body)  # as the published schema says
    assert "me" not in client.get(url).json()
    for role in ("chair", "secretariat"):
        state = client.get(url, headers={"Authorization": f"Bearer {tokens[role]}"}).json()
        assert state["participants"][0]["organisation"] == ORGANISATION
        assert state["participants"][0]["gender"] == "female"
        page = client.get(heard, headers={"Authorization": f"Bearer {tokens[role]}"}).json()
        assert page["interventions"][-1]["note"] == NOTE


def test_the_pages_of_the_hall_show_no_private_data(
    busy: tuple[object, MeetingService, str, dict[str, str]],
) -> None:
    app, _service, meeting, tokens = busy

    def page(path: str, token: str | None = None) -> str:
        client = TestClient(app)  # type: ignore[arg-type]
        if token:
            client.get(f"/join/{token}")
        return client.get(path).text

    hall = {
        "public": page(f"/m/{meeting}"),
        "screen": page(f"/m/{meeting}/screen", tokens["display"]),
        "me": page(f"/m/{meeting}/me", tokens["participant"]),
    }
    for name, html in hall.items():
        assert ORGANISATION not in html and "Chair&#39;s note" not in html, name
    office = page(f"/m/{meeting}/secretariat", tokens["secretariat"])
    assert ORGANISATION in office and "Chair&#39;s note" in office


def test_a_feed_without_a_token_carries_no_private_data(live_server: LiveServer) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    live_server.register(
        meeting,
        [{"name": "Ana Gomez", "organisation": ORGANISATION, "gender": "female"}],
    )
    url = f"{live_server.base_url}/api/meetings/{meeting.id}/feed?after=0"
    with httpx.stream("GET", url, timeout=10) as response:
        added = next(f for f in frames(response) if f.event == "participant_added")
    assert ORGANISATION not in added.data and "female" not in added.data
    assert added.json()["name"] == "Ana Gomez"
    chair = {"Authorization": f"Bearer {meeting.chair_token}"}
    with httpx.stream("GET", url, headers=chair, timeout=10) as response:
        first_two = take(frames(response), 2)
    assert first_two[1].json()["organisation"] == ORGANISATION
    assert token_of(meeting.links["chair"]) == meeting.chair_token
