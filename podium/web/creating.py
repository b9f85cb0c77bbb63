"""Creating a meeting from the browser: the concept note uploaded with the admin token.

The same path as ``POST /api/meetings``, for a secretariat that does not use
the command line. The form carries the admin token itself, so it needs no
cookie and no CSRF token; a wrong token or an unreadable note shows the form
again with the reason.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from podium.i18n import _
from podium.web.api import base_url, join_link, plan_from_file
from podium.web.deps import service
from podium.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/new", response_class=HTMLResponse)
def new_meeting_form(request: Request) -> HTMLResponse:
    return render(request, "new.html", {})


@router.post("/new", response_class=HTMLResponse)
async def new_meeting(request: Request) -> HTMLResponse:
    try:
        async with request.form(max_files=1, max_fields=5) as form:
            token = form.get("token")
            upload = form.get("note")
            name = upload.filename if isinstance(upload, UploadFile) else None
            data = await upload.read() if isinstance(upload, UploadFile) else b""
    except Exception:  # the multipart parser's own errors
        return _again(request, _("The form could not be read; please send it again."), 400)
    meetings = service(request)
    if not isinstance(token, str) or not meetings.is_admin(token.strip()):
        return _again(request, _("The administrator's token is not right."), 403)
    if not name or not data:
        return _again(request, _("Choose the concept note to upload."), 422)
    try:
        plan = await run_in_threadpool(plan_from_file, name, data)
    except HTTPException as refused:
        return _again(request, str(refused.detail), refused.status_code)
    created = await run_in_threadpool(meetings.create, plan)
    links = [
        (_("Chair"), join_link(request, created.tokens["chair"])),
        (_("Secretariat"), join_link(request, created.tokens["secretariat"])),
        (_("Big screen"), join_link(request, created.tokens["display"])),
        (_("Public page"), f"{base_url(request)}/m/{created.id}"),
    ]
    context = {"plan": plan, "links": links, "secretariat": links[1][1]}
    return render(request, "created.html", context, 201)


def _again(request: Request, message: str, status_code: int) -> HTMLResponse:
    return render(request, "new.html", {"message": message}, status_code)
