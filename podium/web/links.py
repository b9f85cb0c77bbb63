"""Re-issuing a link: a new token for a role or a participant, the old one revoked at once.

A lost phone, a link forwarded to the wrong person, a Chair replaced: the
secretariat (or the Chair) makes a new link, shown once with a QR code to
print or to show on a screen; the old link stops working in this process at
once and in every other within a couple of seconds.
"""

from __future__ import annotations

from typing import Any

import segno
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, Field

from podium.i18n import _
from podium.meetings import Forbidden, NotFound, ServiceError
from podium.web.api import _errors, _http_error, join_link
from podium.web.auth import check_csrf
from podium.web.deps import actor_for, off_the_loop, require, service
from podium.web.handoff import handoffs
from podium.web.templating import render

router = APIRouter(tags=["api"])
ROLES = ("chair", "secretariat", "display", "participant")


class LinkRequest(BaseModel):
    role: str = Field(description="chair, secretariat, display or participant")
    participant_id: str | None = Field(None, max_length=64)


class Reissued(BaseModel):
    role: str
    participant_id: str | None
    link: str


def qr_svg(link: str) -> Markup:
    """The link as a QR code, an SVG to put in the page (safe: segno writes only paths)."""
    code = segno.make(link, error="m")
    return Markup(code.svg_inline(scale=5, title=_("The new link as a QR code")))


@router.post(
    "/api/meetings/{meeting_id}/links",
    status_code=201,
    response_model=Reissued,
    responses=_errors(401, 403, 404, 422),
    summary="Re-issue a link (the old one stops working)",
)
def reissue(meeting_id: str, body: LinkRequest, request: Request) -> Reissued:
    actor = require(request, meeting_id, ("chair", "secretariat"))
    try:
        token = service(request).reissue_link(meeting_id, body.role, body.participant_id, actor)
    except ServiceError as error:
        raise _http_error(error) from None
    return Reissued(
        role=body.role, participant_id=body.participant_id, link=join_link(request, token)
    )


@router.post("/m/{meeting_id}/links", include_in_schema=False, response_model=None)
async def reissue_from_page(request: Request, meeting_id: str) -> Response:
    form = await request.form()
    values: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    return await off_the_loop(request, _reissue_from_page, request, meeting_id, values)


def _reissue_from_page(request: Request, meeting_id: str, values: dict[str, Any]) -> Response:
    actor = actor_for(request, meeting_id)
    if actor is None:
        return _message(request, _("Please open the link you were sent for this meeting."), 403)
    try:
        check_csrf(request, meeting_id, values.get("csrf"))
    except HTTPException as refused:
        return _message(request, str(refused.detail), 403)
    holder = values.get("holder", "")
    role, _sep, participant = holder.partition(":")
    if role not in ROLES:
        return _message(request, _("Choose whose link to re-issue."), 422)
    try:
        token = service(request).reissue_link(meeting_id, role, participant or None, actor)
    except NotFound:
        return _message(request, _("There is no such meeting."), 404)
    except Forbidden as refused:
        return _message(request, str(refused), 403)
    except ServiceError as refused:
        return _message(request, str(refused), 422)
    back = f"/m/{meeting_id}/{'chair' if actor.role == 'chair' else 'secretariat'}"
    # Post, redirect, get: reloading the page that shows the link re-issues nothing.
    key = handoffs(request).put(meeting_id, {"link": join_link(request, token), "back": back})
    return RedirectResponse(f"/m/{meeting_id}/links?shown={key}", status_code=303)


@router.get("/m/{meeting_id}/links", include_in_schema=False, response_model=None)
def reissued(request: Request, meeting_id: str, shown: str = "") -> Response:
    """The link just re-issued, with its QR code, shown once."""
    actor = actor_for(request, meeting_id)
    if actor is None or actor.role not in ("chair", "secretariat"):
        return _message(request, _("Please open the link you were sent for this meeting."), 403)
    kept = handoffs(request).take(meeting_id, shown) if shown else None
    if not isinstance(kept, dict):
        gone = _("This link was shown once already. A lost link can be issued again.")
        return _message(request, gone, 410)
    context = {
        "heading": _("A new link"),
        "link": kept["link"],
        "qr": qr_svg(kept["link"]),
        "return_to": kept["back"],
    }
    page = render(request, "reissued.html", context)
    page.headers["Cache-Control"] = "no-store"
    return page


def _message(request: Request, heading: str, status_code: int) -> HTMLResponse:
    return render(request, "message.html", {"heading": heading}, status_code)
