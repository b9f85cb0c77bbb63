"""Creating a meeting from the browser: upload the concept note, review the plan, create.

The upload (multipart, with the admin token) is read into a plan and shown
for review beside the note's text; the review form (urlencoded, carrying the
token and the whole plan, see ``podium.web.review``) creates the meeting, or
shows itself again with a sentence beside each wrong field. The form carries
the admin token itself, so it needs no cookie and no CSRF token; a wrong
token or an unreadable note shows the upload form again with the reason.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from podium.i18n import _
from podium.meeting.plan import ROLES
from podium.web.api import base_url, join_link, plan_and_text_from_file
from podium.web.deps import service
from podium.web.handoff import handoffs
from podium.web.review import (
    LANGUAGES,
    ReviewForm,
    form_from_plan,
    form_from_post,
    is_offset,
    plan_from_form,
    zones,
)
from podium.web.templating import render

router = APIRouter(include_in_schema=False)
MAX_REVIEW_FIELDS = 3000  # about 100 rows of each kind


@router.get("/new", response_class=HTMLResponse)
def new_meeting_form(request: Request) -> HTMLResponse:
    return render(request, "new.html", {})


@router.post("/new", response_model=None)
async def new_meeting(request: Request) -> HTMLResponse | RedirectResponse:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        return await _review(request)
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
        plan, note = await run_in_threadpool(plan_and_text_from_file, name, data)
    except HTTPException as refused:
        return _again(request, str(refused.detail), refused.status_code)
    return _show(request, form_from_plan(plan, note), token.strip(), 200)


async def _review(request: Request) -> HTMLResponse | RedirectResponse:
    try:
        async with request.form(max_files=0, max_fields=MAX_REVIEW_FIELDS) as posted:
            values: dict[str, list[str]] = {}
            for key, value in posted.multi_items():
                if isinstance(value, str):
                    values.setdefault(key, []).append(value)
    except Exception:  # the form parser's own errors, such as too many fields
        return _again(request, _("The form could not be read; please send it again."), 400)
    token = (values.get("token") or [""])[0].strip()
    meetings = service(request)
    if not meetings.is_admin(token):
        return _again(request, _("The administrator's token is not right."), 403)
    form, action = form_from_post(values)
    if action not in ("create", "check"):
        return _show(request, form, token, 200)
    plan = plan_from_form(form)
    if plan is None:
        return _show(request, form, token, 422)
    if action == "check":
        return _show(request, form, token, 200, _("Every field can be read: the plan is ready."))
    created = await run_in_threadpool(meetings.create, plan)
    links = [
        (_("Chair"), join_link(request, created.tokens["chair"])),
        (_("Secretariat"), join_link(request, created.tokens["secretariat"])),
        (_("Big screen"), join_link(request, created.tokens["display"])),
        (_("Public page"), f"{base_url(request)}/m/{created.id}"),
    ]
    # Post, redirect, get: reloading the page of links creates no second meeting.
    key = handoffs(request).put(created.id, {"plan": plan, "links": links})
    return RedirectResponse(f"/new/{created.id}?created={key}", status_code=303)


@router.get("/new/{meeting_id}", response_class=HTMLResponse)
def new_meeting_links(request: Request, meeting_id: str, created: str = "") -> HTMLResponse:
    """The links of a meeting just created, shown once."""
    kept = handoffs(request).take(meeting_id, created)
    if not isinstance(kept, dict):
        gone = _("These links were shown once already, to whoever created the meeting.")
        return render(request, "message.html", {"heading": gone}, 404)
    context = {**kept, "secretariat": kept["links"][1][1]}
    return render(request, "created.html", context)


def _show(
    request: Request, form: ReviewForm, token: str, status_code: int, status: str = ""
) -> HTMLResponse:
    top, near = form.warnings()
    context = {
        "form": form,
        "token": token,
        "top_warnings": top,
        "near": near,
        "zones": zones(),
        "zone_is_offset": is_offset(form.fields.get("timezone", "")),
        "roles": ROLES,
        "languages": LANGUAGES,
        "status": status,
        "message": _("Some fields need correcting: see the sentences beside them.")
        if form.errors
        else None,
    }
    response = render(request, "review.html", context, status_code)
    # The page holds the administrator's token: no cache may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response


def _again(request: Request, message: str, status_code: int) -> HTMLResponse:
    return render(request, "new.html", {"message": message}, status_code)
