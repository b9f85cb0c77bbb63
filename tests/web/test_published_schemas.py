"""Every event the core emits and the live state match what /openapi.json publishes."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from podium.conceptnote.reader import read_note
from podium.meeting.commands import (
    AddQuestion,
    AttachStatement,
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
    register,
)
from podium.meeting.events import EVENTS, Event
from podium.meeting.participants import ParticipantFields
from podium.meeting.words import CHAIR, SECRETARIAT
from podium.web.app import create_app
from podium.web.live_schemas import EVENT_MODELS
from podium.wire import encode_event
from tests.conftest import PANEL_2024
from tests.meeting.room import FLOOR, PANELISTS, Room, participant

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def spec(tmp_path: Path) -> dict[str, Any]:
    with TestClient(create_app(str(tmp_path / "data"))) as client:
        published: dict[str, Any] = client.get("/openapi.json").json()
    return published


def validator(published: dict[str, Any], name: str) -> Draft202012Validator:
    root = {"$ref": f"#/components/schemas/{name}", "components": published["components"]}
    return Draft202012Validator(root)


def open_objects(schema: Any, where: str = "") -> list[str]:
    """Every object in a schema that admits properties it does not name."""
    found = []
    if isinstance(schema, dict):
        admits = schema.get("additionalProperties")
        if schema.get("type") == "object" and admits is not False:
            found.append(where)
        for key, value in schema.items():
            found += open_objects(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found += open_objects(value, f"{where}/{index}")
    return found


def every_event() -> list[Event]:
    """A meeting that makes the core emit each kind of event at least once."""
    room = Room()
    kenya, chile = room.add("Kenya"), room.add("Chile")
    bo = room.add("Bo", role="panelist", segment=PANELISTS)
    room.ok(AddQuestion(text="What comes next?"), SECRETARIAT)
    room.ok(StartSegment(segment=PANELISTS))
    room.ok(GiveFloor())
    room.ok(PauseSpeech())
    room.wait(5)
    room.ok(ResumeSpeech())
    room.wait(900)
    room.ok(ExtendSpeech(seconds=60))
    room.ok(TagIntervention(add_questions=(1,), append_note="Open science."))
    room.ok(EndSpeech())
    room.ok(EndSegment())
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(group="g77"), participant(kenya))
    (asked,) = room.ok(RequestFloor(kind="question", to=bo), participant(chile))
    room.ok(MoveRequest(request_id=asked.request_id, position=0))  # type: ignore[union-attr]
    room.ok(RemoveRequest(request_id=asked.request_id))  # type: ignore[union-attr]
    room.ok(UndoRemoveRequest(request_id=asked.request_id))  # type: ignore[union-attr]
    room.ok(GiveFloor())
    room.ok(UndoGiveFloor(intervention_id=2))
    room.ok(GiveFloor())
    room.ok(OpenResponseRound(limit_seconds=120))
    room.ok(CloseResponseRound())
    room.ok(CloseList())
    room.ok(ReopenList())
    room.ok(SetOrdering(ordering="gender"))
    room.ok(SetBudget(dimension="channel", group="online", budget_seconds=600))
    room.ok(SetEmbedding(origins=("https://webtv.example.org",)), SECRETARIAT)
    room.ok(
        AttachStatement(
            digest="c" * 64,
            filename="k.pdf",
            media_type="application/pdf",
            size=9,
            intervention_id=1,
        )
    )
    (again,) = room.ok(RequestFloor(), participant(chile))
    room.ok(WithdrawRequest(request_id=again.request_id), participant(chile))  # type: ignore[union-attr]
    room.ok(register(name="Late", role="panelist", segment=PANELISTS), SECRETARIAT)
    room.ok(CloseMeeting(), CHAIR)
    return room.log


def test_every_event_the_core_emits_matches_the_published_schema(tmp_path: Path) -> None:
    published = spec(tmp_path)
    events = every_event()
    assert {event.type for event in events} == set(EVENTS)
    for event in events:
        name = EVENT_MODELS[event.type].__name__
        errors = [
            e.message
            for e in validator(published, name).iter_errors(json.loads(encode_event(event)))
        ]
        assert errors == [], (event.type, errors)


def test_the_published_events_and_state_are_closed(tmp_path: Path) -> None:
    schemas = spec(tmp_path)["components"]["schemas"]
    names = [model.__name__ for model in EVENT_MODELS.values()]
    assert set(names) <= set(schemas)
    found = [
        where
        for name in [*names, "State", "PlanDocument"]
        for where in open_objects(schemas[name], name)
    ]
    assert found == []


def test_the_live_state_matches_the_published_schema(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "data"))
    service = app.state.service
    created = service.create(read_note(PANEL_2024))
    meeting = created.id
    cuba, _ = service.register(meeting, [ParticipantFields(name="Cuba", level="minister")], CHAIR)[
        0
    ]
    ada, _ = service.register(
        meeting, [ParticipantFields(name="Ada", role="panelist", segment=1)], CHAIR
    )[0]
    service.execute(meeting, OpenMeeting(level_precedence=True), CHAIR)
    service.execute(meeting, StartSegment(segment=2), CHAIR)
    service.execute(meeting, RequestFloor(participant_id=cuba.id, group="g77"), SECRETARIAT)
    service.execute(
        meeting, RequestFloor(participant_id=cuba.id, kind="question", to=ada.id), SECRETARIAT
    )
    service.execute(meeting, RemoveRequest(request_id=2), CHAIR)
    service.execute(meeting, GiveFloor(), CHAIR)
    service.execute(meeting, TagIntervention(add_questions=(1,)), CHAIR)
    service.execute(meeting, OpenResponseRound(limit_seconds=90), CHAIR)
    with TestClient(app) as client:
        published = client.get("/openapi.json").json()
        client.get(f"/join/{created.tokens['chair']}")
        state = client.get(f"/api/meetings/{meeting}/state").json()
        hall = TestClient(app)
        hall.get(f"/join/{created.tokens['display']}")
        shown = hall.get(f"/api/meetings/{meeting}/state").json()
    assert state["speech"] and state["queue"] and state["removed"] and state["response_round"]
    assert "gender" in state["participants"][0] and "gender" not in shown["participants"][0]
    for seen in (state, shown):
        errors = [e.message for e in validator(published, "State").iter_errors(seen)]
        assert errors == []
