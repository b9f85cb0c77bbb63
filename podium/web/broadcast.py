"""The meeting on air: the big screen embedded on other sites, and the webcast's caption.

Both show only what the hall sees (``privacy``), need no link, and speak the
meeting's language, as the big screen does. The big screen's public view at
``/m/{id}/embed`` exists only while the secretariat names sites that may frame
it; the Content-Security-Policy then lets those sites, and no other, frame it.
The caption at ``/m/{id}/caption`` is a lower third for a vision mixer's
browser source (OBS, vMix): the speaker's name, level and delegation on a
transparent page; ``?question=1`` adds the guiding question under discussion.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from podium.i18n import _, speaking
from podium.meeting.events import EVENTS
from podium.meeting.state import MeetingState
from podium.meetings import NotFound
from podium.web import view
from podium.web.deps import service
from podium.web.headers import framed_by
from podium.web.locale import meeting_language
from podium.web.templating import render

router = APIRouter(include_in_schema=False)


def _on_air(
    request: Request, meeting_id: str, page: str
) -> tuple[MeetingState, dict[str, Any]] | HTMLResponse:
    meetings = service(request)
    try:
        state = meetings.state(meeting_id)
        plan = state.plan or meetings.plan(meeting_id)
    except NotFound:
        return render(request, "message.html", {"heading": _("There is no such meeting.")}, 404)
    context = {
        "meeting_id": meeting_id,
        "plan": plan,
        "live": view.live(state, meetings.clock(), "hall"),
        "event_types": " ".join(EVENTS),
        "page_url": f"/m/{meeting_id}/{page}",
    }
    return state, context


@router.get("/m/{meeting_id}/embed", response_class=HTMLResponse)
def embedded_screen(request: Request, meeting_id: str) -> HTMLResponse:
    """The big screen's public view, for the sites the secretariat named."""
    found = _on_air(request, meeting_id, "embed")
    if isinstance(found, HTMLResponse):
        return found
    state, context = found
    if not state.embed_origins:
        heading = _("This meeting's big screen is not shown on other sites.")
        return render(request, "message.html", {"heading": heading}, 404)
    with speaking(meeting_language(request, context["plan"].language)):
        # Its feed carries the big screen's regions (``regions``): a webcast's viewers fetch
        # nothing on an event.
        page = render(
            request, "screen.html", {**context, "body_class": "screen", "live_view": "screen"}
        )
    page.headers["Content-Security-Policy"] = framed_by(state.embed_origins)
    return page


@router.get("/m/{meeting_id}/caption", response_class=HTMLResponse)
def caption(request: Request, meeting_id: str, question: bool = False) -> HTMLResponse:
    """The lower third of the webcast: who speaks now, on a transparent page."""
    found = _on_air(request, meeting_id, "caption")
    if isinstance(found, HTMLResponse):
        return found
    _state, context = found
    context.update(body_class="caption", show_question=question)
    with speaking(meeting_language(request, context["plan"].language)):
        return render(request, "caption.html", context)
