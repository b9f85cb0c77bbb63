"""The JSON API: create meetings, register participants, read the plan and state, send commands.

Every failure is a 4xx with ``{"detail": "<a sentence>"}``; the codes are in
the OpenAPI schema so that other tools can rely on them.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from podium.conceptnote.reader import NotAConceptNote
from podium.conceptnote.worker import (
    ReaderBusy,
    parse_bounded,
    read_bounded,
    read_bounded_with_text,
)
from podium.i18n import _
from podium.meeting.participants import details
from podium.meeting.plan import Plan
from podium.meeting.privacy import audience, visible_intervention
from podium.meeting.registration import MAX_BATCH
from podium.meeting.snapshot import intervention as intervention_json
from podium.meeting.words import Actor
from podium.meetings import (
    Forbidden,
    NotFound,
    RateLimited,
    Refused,
    ServiceError,
    StaleSeq,
)
from podium.web import schemas
from podium.web.auth import bearer_token, cookie_token
from podium.web.deps import actor_for, off_the_loop, require, require_admin, service
from podium.web.history import MAX_PER_PAGE, PER_PAGE, history_page
from podium.web.live_schemas import InterventionsPage
from podium.web.plan_schema import PlanDocument
from podium.web.roster import Roster, RosterError, read_csv, read_json
from podium.web.schemas import CommandBody, Error
from podium.wire import CommandFormatError, command_from_json

router = APIRouter(prefix="/api", tags=["api"])
_Read = TypeVar("_Read")

NOTE_SUFFIXES = (".md", ".txt", ".docx", ".pdf")


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
    response_model=PlanDocument,
    response_model_exclude_unset=True,
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
                whole = {"id": me.id, **details(me), "floor_class": me.floor_class}
                mine = json.dumps({"me": whole}, separators=(",", ":"), ensure_ascii=False)
                body = body[:-1] + b"," + mine[1:].encode()
    except ServiceError as error:
        raise _http_error(error) from None
    return Response(body, media_type="application/json", headers={"Cache-Control": "no-store"})


@router.get(
    "/meetings/{meeting_id}/interventions",
    response_model=InterventionsPage,
    responses=_errors(404, 422),
    summary="The interventions heard, a page at a time, the most recent first",
)
def get_interventions(
    meeting_id: str,
    request: Request,
    page: int = Query(1, ge=1, le=10**9, description="From 1, the most recent."),
    per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE),
) -> Response:
    """Notes only with the Chair's or the secretariat's token, as in the live state. A page
    past the last gives the last (the earliest interventions)."""
    try:
        actor = actor_for(request, meeting_id)
        viewer = audience(actor.role if actor else None)
        state = service(request).state(meeting_id)
    except ServiceError as error:
        raise _http_error(error) from None
    found = history_page(state, page, per_page)
    data = {
        "seq": state.seq,
        "page": found.number,
        "pages": found.pages,
        "per_page": found.per_page,
        "total": found.total,
        "interventions": [
            visible_intervention(intervention_json(state, i), viewer) for i in found.items
        ],
    }
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return Response(body, media_type="application/json", headers={"Cache-Control": "no-store"})


# -- participants ----------------------------------------------------------------


@router.post(
    "/meetings/{meeting_id}/participants",
    status_code=201,
    response_model=schemas.Registered,
    responses=_errors(400, 401, 403, 404, 409, 413, 415, 422),
    summary="Register participants (JSON list or CSV), all or none",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "array",
                        "maxItems": MAX_BATCH,
                        "items": schemas.PARTICIPANT_IN_SCHEMA,
                    }
                },
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    },
)
async def register_participants(meeting_id: str, request: Request) -> schemas.Registered:
    """CSV columns: name, role, delegation, country, organisation, stakeholder, observer,
    gender, channel and segment (an index into the plan's segments); only name is required.
    A batch with one bad participant registers no one and says which line and column."""
    actor = await run_in_threadpool(require, request, meeting_id, ("chair", "secretariat"))
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    try:
        if kind == "application/json":
            roster = read_json(body)
        elif kind in ("text/csv", "text/plain"):
            roster = read_csv(body)
        else:
            raise HTTPException(415, _("Send the participants as a JSON list or as text/csv."))
    except RosterError as error:
        raise HTTPException(422, str(error)) from None
    registered = await run_in_threadpool(_register, request, meeting_id, roster, actor)
    return schemas.Registered(participants=registered)


def _register(
    request: Request, meeting_id: str, roster: Roster, actor: Actor
) -> list[schemas.Participant]:
    try:
        done = service(request).register(meeting_id, roster.people, actor)
    except Refused as error:
        raise HTTPException(422, roster.locate(error.item, error.field) + str(error)) from None
    except ServiceError as error:
        raise _http_error(error) from None
    return [
        schemas.Participant(
            id=participant.id, **details(participant), link=join_link(request, token)
        )
        for participant, token in done
    ]


# -- commands ------------------------------------------------------------------


@router.post(
    "/meetings/{meeting_id}/commands",
    response_model=schemas.Executed,
    responses=_errors(400, 401, 403, 404, 409, 413, 422, 429, 503),
    summary="Send a command to the meeting",
)
async def send_command(meeting_id: str, command: CommandBody, request: Request) -> Response:
    """One command, chosen by ``type``; with ``expected_seq`` it acts only on that state."""
    # One trip to a command thread for the whole command, answered with the events as
    # the log keeps them (JSON already): nothing between the log and the Chair but bytes.
    # A sender not in memory is first found in the log on the shared threads: a flood of
    # strangers' commands never takes the command threads from the Chair.
    token = bearer_token(request) or cookie_token(request, meeting_id)
    if not service(request).knows(meeting_id, token):
        await run_in_threadpool(require, request, meeting_id, COMMAND_ROLES)
    return await off_the_loop(request, _send_command, meeting_id, command, request)


COMMAND_ROLES = ("chair", "secretariat", "participant", "display", "public")


def _send_command(meeting_id: str, command: CommandBody, request: Request) -> Response:
    actor = require(request, meeting_id, COMMAND_ROLES)
    try:
        parsed = command_from_json(schemas.command_data(command))
    except CommandFormatError as exc:
        raise HTTPException(422, str(exc)) from None
    expected = getattr(command, "expected_seq", None)
    try:
        done = service(request).execute(meeting_id, parsed, actor, expected)
    except ServiceError as error:
        raise _http_error(error) from None
    events = ",".join(event.data for event in done.events)
    body = f'{{"seq":{done.seq},"events":[{events}]}}'
    return Response(body.encode(), media_type="application/json")
