"""The JSON API: create meetings, register participants, read the plan and state, send commands.

Every failure is a 4xx with ``{"detail": "<a sentence>"}``; the codes are in
the OpenAPI schema so that other tools can rely on them.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import UploadFile

from podium.conceptnote.reader import NotAConceptNote
from podium.conceptnote.worker import (
    ReaderBusy,
    parse_bounded,
    read_bounded,
    read_bounded_with_text,
)
from podium.i18n import _
from podium.meeting.commands import AddParticipant
from podium.meeting.plan import Plan
from podium.meeting.privacy import audience
from podium.meeting.words import Actor
from podium.meetings import (
    Forbidden,
    NotFound,
    RateLimited,
    ServiceError,
    StaleSeq,
)
from podium.web import schemas
from podium.web.deps import actor_for, require, require_admin, service
from podium.web.schemas import CommandBody, Error
from podium.wire import CommandFormatError, command_from_json

router = APIRouter(prefix="/api", tags=["api"])
_Read = TypeVar("_Read")

NOTE_SUFFIXES = (".md", ".txt", ".docx", ".pdf")
PARTICIPANT_COLUMNS = (
    "name",
    "delegation",
    "country",
    "organisation",
    "stakeholder",
    "gender",
    "channel",
    "role",
    "segment",
    "observer",
)


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    meaning = {
        400: "The body could not be read.",
        401: "No token, or a token this meeting does not know.",
        403: "The token's role may not do this.",
        404: "No such meeting.",
        409: "The meeting moved on since expected_seq.",
        413: "The body is too large.",
        415: "The body is of a type this path does not take.",
        422: "The input is wrong, or the meeting's rules refuse the command.",
        429: "Too many requests for the floor; wait a minute.",
        503: "The server cannot do this now (see Retry-After).",
    }
    return {code: {"model": Error, "description": meaning[code]} for code in codes}


def base_url(request: Request) -> str:
    configured: str | None = request.app.state.base_url
    return (configured or str(request.base_url)).rstrip("/")


def join_link(request: Request, token: str) -> str:
    return f"{base_url(request)}/join/{token}"


def _http_error(error: ServiceError) -> HTTPException:
    status = 422
    if isinstance(error, NotFound):
        status = 404
    elif isinstance(error, Forbidden):
        status = 403
    elif isinstance(error, StaleSeq):
        status = 409
    elif isinstance(error, RateLimited):
        status = 429
    return HTTPException(status, str(error))


# -- meetings ------------------------------------------------------------------


@router.post(
    "/meetings",
    status_code=201,
    response_model=schemas.Created,
    responses=_errors(400, 401, 403, 413, 415, 422, 503),
    summary="Create a meeting from a concept note",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/markdown": {"schema": {"type": "string"}},
                "text/plain": {"schema": {"type": "string"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
            },
        }
    },
)
async def create_meeting(request: Request) -> schemas.Created:
    """The note as text (Markdown or plain) or as an uploaded file (md, txt, docx, pdf)."""
    require_admin(request)
    plan = await _read_plan(request)
    created = await run_in_threadpool(service(request).create, plan)
    return schemas.Created(
        id=created.id,
        links=schemas.Links(
            chair=join_link(request, created.tokens["chair"]),
            secretariat=join_link(request, created.tokens["secretariat"]),
            display=join_link(request, created.tokens["display"]),
            public=f"{base_url(request)}/m/{created.id}",
        ),
    )


async def _read_plan(request: Request) -> Plan:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        try:
            async with request.form(max_files=1, max_fields=10) as form:
                upload = form.get("file")
                if not isinstance(upload, UploadFile):
                    raise HTTPException(422, _("Upload the concept note in a field named 'file'."))
                name = upload.filename or "note.md"
                data = await upload.read()
        except HTTPException:
            raise
        except Exception as exc:  # the multipart parser's own errors
            raise HTTPException(
                400, _("The upload could not be read: {reason}").format(reason=exc)
            ) from None
        return await run_in_threadpool(plan_from_file, name, data)
    if kind in ("text/markdown", "text/plain", "text/x-markdown"):
        body = await request.body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPException(422, _("The note must be UTF-8 text.")) from None
        return await run_in_threadpool(_plan_from_text, text)
    raise HTTPException(
        415, _("Send the concept note as text/markdown, text/plain or a multipart upload.")
    )


def _plan_from_text(text: str) -> Plan:
    try:
        return parse_bounded(text)
    except NotAConceptNote as exc:
        raise HTTPException(422, str(exc)) from None
    except ReaderBusy as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": "30"}) from None


def plan_from_file(name: str, data: bytes) -> Plan:
    """The plan of an uploaded note (md, txt, docx, pdf); a 422 that names the file if not."""
    return _from_upload(name, data, read_bounded)


def plan_and_text_from_file(name: str, data: bytes) -> tuple[Plan, str]:
    """As ``plan_from_file``, with the note's lines as read (numbered), for its review."""
    return _from_upload(name, data, read_bounded_with_text)


def _from_upload(name: str, data: bytes, read: Callable[..., _Read]) -> _Read:
    suffix = Path(name).suffix.lower()
    if suffix not in NOTE_SUFFIXES:
        raise HTTPException(
            422,
            _("{name}: cannot read '{suffix}' files; use .md, .txt, .docx or .pdf").format(
                name=name, suffix=suffix or name
            ),
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"note{suffix}"
        path.write_bytes(data)
        try:
            return read(path, shown=name)
        except NotAConceptNote as exc:
            raise HTTPException(422, str(exc)) from None
        except ReaderBusy as exc:
            raise HTTPException(503, str(exc), headers={"Retry-After": "30"}) from None


@router.get(
    "/meetings/{meeting_id}",
    responses=_errors(404),
    summary="The meeting's plan",
)
def get_plan(meeting_id: str, request: Request) -> dict[str, Any]:
    try:
        return service(request).plan(meeting_id).to_json()
    except ServiceError as error:
        raise _http_error(error) from None


@router.get(
    "/meetings/{meeting_id}/state",
    response_model=schemas.State,
    responses=_errors(404),
    summary="The live state, with seq and server_time",
)
def get_state(meeting_id: str, request: Request) -> Response:
    """Gender, stakeholder group, organisation and notes only with the Chair's or the
    secretariat's token; anyone else sees what the hall sees, and a participant, as ``me``,
    its own registration whole."""
    try:
        actor = actor_for(request, meeting_id)
        viewer = audience(actor.role if actor else None)
        body = service(request).snapshot_body(meeting_id, viewer)
        if actor is not None and actor.participant_id is not None:
            me = service(request).state(meeting_id).participant(actor.participant_id)
            if me is not None:
                whole = {**asdict(me), "floor_class": me.floor_class}
                mine = json.dumps({"me": whole}, separators=(",", ":"), ensure_ascii=False)
                body = body[:-1] + b"," + mine[1:].encode()
    except ServiceError as error:
        raise _http_error(error) from None
    return Response(body, media_type="application/json", headers={"Cache-Control": "no-store"})


# -- participants ----------------------------------------------------------------

_PARTICIPANT_LIST = TypeAdapter(list[schemas.ParticipantIn])


@router.post(
    "/meetings/{meeting_id}/participants",
    status_code=201,
    response_model=schemas.Registered,
    responses=_errors(400, 401, 403, 404, 409, 413, 415, 422),
    summary="Register participants (JSON list or CSV)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "array",
                        "maxItems": schemas.MAX_PARTICIPANTS,
                        "items": schemas.ParticipantIn.model_json_schema(),
                    }
                },
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    },
)
async def register_participants(meeting_id: str, request: Request) -> schemas.Registered:
    """CSV columns: name, delegation, country, organisation, stakeholder, gender, channel,
    and optionally role, segment (an index into the plan's segments) and observer."""
    actor = await run_in_threadpool(require, request, meeting_id, ("chair", "secretariat"))
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if kind == "application/json":
        people = _participants_from_json(body)
    elif kind in ("text/csv", "text/plain"):
        people = _participants_from_csv(body)
    else:
        raise HTTPException(415, _("Send the participants as a JSON list or as text/csv."))
    registered = await run_in_threadpool(_register, request, meeting_id, people, actor)
    return schemas.Registered(participants=registered)


def _participants_from_json(body: bytes) -> list[schemas.ParticipantIn]:
    try:
        people = _PARTICIPANT_LIST.validate_json(body)
    except ValidationError as exc:
        raise HTTPException(422, describe(exc, _("Participant {n}"))) from None
    return _bounded(people)


def _participants_from_csv(body: bytes) -> list[schemas.ParticipantIn]:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HTTPException(422, _("The CSV file must be UTF-8 text.")) from None
    try:
        return _bounded(_csv_people(csv.DictReader(io.StringIO(text, newline=""))))
    except csv.Error as exc:
        raise HTTPException(
            422, _("The CSV file could not be read: {reason}.").format(reason=exc)
        ) from None


def _csv_people(rows: csv.DictReader[str]) -> list[schemas.ParticipantIn]:
    header = [column.strip().lower() for column in rows.fieldnames or []]
    if "name" not in header:
        raise HTTPException(422, _("Line 1: the CSV needs a 'name' column."))
    unknown = [c for c in header if c and c not in PARTICIPANT_COLUMNS]
    if unknown:
        raise HTTPException(
            422,
            _("Line 1: unknown column(s) {columns}; the columns are {known}.").format(
                columns=", ".join(unknown), known=", ".join(PARTICIPANT_COLUMNS)
            ),
        )
    rows.fieldnames = header
    people = []
    for row in rows:
        line = rows.line_num
        values: dict[str, Any] = {
            key: value.strip()
            for key, value in row.items()
            if key in PARTICIPANT_COLUMNS and isinstance(value, str) and value.strip()
        }
        if not values:
            continue
        if "segment" in values:
            if not values["segment"].isdigit():
                raise HTTPException(
                    422,
                    _("Line {line}: the segment must be a number, not '{value}'.").format(
                        line=line, value=values["segment"]
                    ),
                )
            values["segment"] = int(values["segment"])
        if "observer" in values:
            values["observer"] = values["observer"].lower() in ("1", "yes", "true", "y", "x")
        try:
            people.append(schemas.ParticipantIn.model_validate(values))
        except ValidationError as exc:
            raise HTTPException(422, describe(exc, _("Line {n}"), number=line)) from None
    return people


def _bounded(people: list[schemas.ParticipantIn]) -> list[schemas.ParticipantIn]:
    if not people:
        raise HTTPException(422, _("No participants were given."))
    if len(people) > schemas.MAX_PARTICIPANTS:
        raise HTTPException(
            422,
            _("At most {count} participants at a time.").format(count=schemas.MAX_PARTICIPANTS),
        )
    return people


def _register(
    request: Request, meeting_id: str, people: list[schemas.ParticipantIn], actor: Actor
) -> list[schemas.Participant]:
    meetings = service(request)
    registered = []
    for number, person in enumerate(people, start=1):
        command = AddParticipant(**person.model_dump())
        try:
            participant, token = meetings.add_participant(meeting_id, command, actor)
        except ServiceError as error:
            failed = _http_error(error)
            failed.detail = _("Participant {n} ({name}): {reason}").format(
                n=number, name=person.name, reason=failed.detail
            )
            raise failed from None
        registered.append(
            schemas.Participant(**asdict(participant), link=join_link(request, token))
        )
    return registered


# -- commands ------------------------------------------------------------------


@router.post(
    "/meetings/{meeting_id}/commands",
    response_model=schemas.Executed,
    responses=_errors(401, 403, 404, 409, 413, 422, 429),
    summary="Send a command to the meeting",
)
def send_command(meeting_id: str, command: CommandBody, request: Request) -> schemas.Executed:
    """One command, chosen by ``type``; with ``expected_seq`` it acts only on that state."""
    roles = ("chair", "secretariat", "participant", "display", "public")
    actor = require(request, meeting_id, roles)
    try:
        parsed = command_from_json(schemas.command_data(command))
    except CommandFormatError as exc:
        raise HTTPException(422, str(exc)) from None
    expected = getattr(command, "expected_seq", None)
    try:
        done = service(request).execute(meeting_id, parsed, actor, expected)
    except ServiceError as error:
        raise _http_error(error) from None
    events = [_json(event.data) for event in done.events]
    return schemas.Executed.model_validate({"seq": done.seq, "events": events})


def _json(text: str) -> dict[str, Any]:
    import json

    data: dict[str, Any] = json.loads(text)
    return data


def describe(error: ValidationError, where: str, *, number: int | None = None) -> str:
    """The first problem of a validation error, as a sentence naming where it is."""
    first = error.errors()[0]
    location = [str(part) for part in first.get("loc", ()) if part != "body"]
    prefix = ""
    if location and location[0].isdigit() and number is None:
        prefix = where.format(n=int(location.pop(0)) + 1) + ": "
    elif number is not None:
        prefix = where.format(n=number) + ": "
    field = ".".join(location)
    message = str(first.get("msg", _("is not valid")))
    return f"{prefix}{field}: {message}" if field else f"{prefix}{message}"
