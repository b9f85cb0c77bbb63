"""The floor's balance at any past moment: ``/m/{id}/balance?at=SEQ`` shows the panel of the
Chair's console as it stood after event ``SEQ`` of the log (the latest without it), for the
Chair and the secretariat. The state is the log's fold up to that event, nothing else."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from podium.i18n import _
from podium.meeting.state import replay
from podium.web import view
from podium.web.balance import balance_view
from podium.web.deps import actor_for, service
from podium.web.templating import render
from podium.wire import decode_event

router = APIRouter(include_in_schema=False)
STAFF = frozenset({"chair", "secretariat"})


def _notice(request: Request, heading: str, status_code: int) -> HTMLResponse:
    return render(request, "message.html", {"heading": heading}, status_code)


@router.get("/m/{meeting_id}/balance", response_class=HTMLResponse)
def balance_at(request: Request, meeting_id: str, at: str | None = None) -> HTMLResponse:
    meetings = service(request)
    if not meetings.exists(meeting_id):
        return _notice(request, _("There is no such meeting."), 404)
    actor = actor_for(request, meeting_id)
    if actor is None:
        return _notice(request, _("Please open the link you were sent for this meeting."), 403)
    if actor.role not in STAFF:
        return _notice(request, _("Your link does not open this page."), 403)
    last = meetings.store.last_seq(meeting_id)
    seq = last
    if at is not None and at.strip():
        if not at.strip().isdigit() or int(at) < 1:
            message = _("'{at}' is not an event of the log: give a number from 1 to {last}.")
            return _notice(request, message.format(at=at[:20], last=last), 400)
        seq = min(int(at), last)
    events = [decode_event(e.data) for e in meetings.store.read(meeting_id, 0, seq)]
    state = replay(events)
    moment = events[-1].at
    context = {
        "meeting_id": meeting_id,
        "plan": state.plan,
        "live": view.live(state, moment),
        "balance": balance_view(state, moment),
        "may_balance": False,
        "back": "balance",
        "seq": seq,
        "last": last,
        "moment": moment.isoformat(timespec="seconds"),
        "body_class": "page balance-at",
        "page_url": f"/m/{meeting_id}/balance",
    }
    return render(request, "balance_page.html", context)
