"""Written statements on the web: sent from the phone or the secretariat's page, read back.

``POST /m/{id}/statements`` (a form with the file) attaches a statement to a
waiting request or an intervention; ``GET /m/{id}/statements/{number}`` gives
it back, always as a download (``Content-Disposition: attachment``, a
sandboxing policy, never HTML), to the Chair and the secretariat, to the
delegation whose it is, and to anyone once it is published and delivered.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile

from podium.i18n import _
from podium.meeting import statements
from podium.meeting.words import Actor
from podium.meetings import Forbidden, NotFound, RateLimited, Refused
from podium.web.deps import actor_for, off_the_loop, service
from podium.web.pages import _allowed, _csrf_ok, _notice, _page
from podium.web.statement_view import listed

router = APIRouter(include_in_schema=False)

# A statement is a download in a sandbox: never run, never shown as a page.
DOWNLOAD_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"
READ_LIMIT = statements.MAX_BYTES + 1


def _target(value: str) -> tuple[int | None, int | None] | None:
    kind, _colon, number = value.partition(":")
    if not number.isdigit() or len(number) > 9:
        return None
    if kind == "request":
        return int(number), None
    if kind == "intervention":
        return None, int(number)
    return None


@router.post("/m/{meeting_id}/statements", response_model=None)
async def attach(request: Request, meeting_id: str) -> Response:
    """Attaches the form's file; back to the page it came from, or the page with why not."""
    page, allowed = await off_the_loop(request, _who, request, meeting_id)
    if isinstance(allowed, HTMLResponse):
        return allowed
    async with request.form(max_files=1, max_fields=10) as form:
        csrf = form.get("csrf")
        upload = form.get("file")
        target = _target(str(form.get("target") or ""))
        publish = str(form.get("publish") or "") in ("1", "on", "true", "yes")
        problem: tuple[str, int] | None = None
        if not _csrf_ok(request, meeting_id, csrf if isinstance(csrf, str) else ""):
            problem = (_("This form has expired. Please try again."), 403)
        elif target is None:
            problem = (_("Choose the request or intervention the statement is for."), 422)
        elif not isinstance(upload, UploadFile) or not upload.filename:
            problem = (_("Choose the file of the statement."), 422)
        if problem is None and isinstance(upload, UploadFile) and target is not None:
            data = await upload.read(READ_LIMIT)
            keep = (page, allowed, data, upload.filename or "", target, publish)
            return await off_the_loop(request, _attached, request, meeting_id, *keep)
    message, status = problem or (_("Choose the file of the statement."), 422)
    return await off_the_loop(request, _fails, request, meeting_id, page, allowed, message, status)


def _who(request: Request, meeting_id: str) -> tuple[str, Actor | HTMLResponse]:
    """The page the statement comes from, and its sender (or the page saying why not)."""
    actor = actor_for(request, meeting_id)
    page = "me" if actor is not None and actor.role == "participant" else "secretariat"
    return page, _allowed(request, meeting_id, page)


def _attached(
    request: Request,
    meeting_id: str,
    page: str,
    allowed: Actor,
    data: bytes,
    filename: str,
    target: tuple[int | None, int | None],
    publish: bool,
) -> Response:
    """Keeps the statement (on a command thread: its bytes and its event go to the log)."""
    if len(data) > statements.MAX_BYTES:
        message = _("A written statement may be at most {megabytes} MB.").format(
            megabytes=statements.MAX_BYTES // (1024 * 1024)
        )
        return _fails(request, meeting_id, page, allowed, message, 413)
    try:
        service(request).attach_statement(
            meeting_id,
            allowed,
            data,
            filename=filename,
            request_id=target[0],
            intervention_id=target[1],
            publish=publish,
        )
    except Forbidden as exc:
        return _fails(request, meeting_id, page, allowed, str(exc), 403)
    except Refused as exc:
        return _fails(request, meeting_id, page, allowed, str(exc), 422)
    except RateLimited as exc:
        return _fails(request, meeting_id, page, allowed, str(exc), 429)
    return RedirectResponse(f"/m/{meeting_id}/{page}#statements", status_code=303)


def _fails(
    request: Request, meeting_id: str, page: str, actor: Actor, message: str, status: int
) -> HTMLResponse:
    return _page(request, meeting_id, page, actor, message=message, status_code=status)


@router.get("/m/{meeting_id}/statements/{number}", response_model=None)
def download(request: Request, meeting_id: str, number: int) -> Response:
    meetings = service(request)
    try:
        state = meetings.state(meeting_id)
    except NotFound:
        return _notice(request, _("There is no such meeting."), 404)
    readable = {s.number: s for s, _whose in listed(state, actor_for(request, meeting_id))}
    statement = readable.get(number)
    data = meetings.statement_bytes(meeting_id, statement.digest) if statement else None
    if statement is None or data is None:
        return _notice(request, _("There is no such statement, or it is not public."), 404)
    public = any(
        s.number == number for s, _i in statements.public(state.statements, state.interventions)
    )
    headers: dict[str, Any] = {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(statement.filename)}",
        "Content-Security-Policy": DOWNLOAD_POLICY,
        "Cache-Control": "public, max-age=300" if public else "private, no-store",
    }
    media_type = statement.media_type
    if media_type == "text/plain":
        media_type = "text/plain; charset=utf-8"
    return Response(data, media_type=media_type, headers=headers)
