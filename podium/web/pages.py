"""The pages: server-rendered HTML that works without JavaScript.

Every action is a plain form posted to ``/m/{id}/act`` (a command's ``type``
and fields, with the meeting's CSRF token) and answered with a redirect back
to the page (303); a refusal re-renders the page with its sentence and a 4xx
status. ``live.js`` only adds live updates, the local timer and shortcuts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData, UploadFile

from podium.i18n import _, speaking
from podium.meeting import floor
from podium.meeting.commands import SetOrdering
from podium.meeting.events import EVENTS
from podium.meeting.groups import GROUPS
from podium.meeting.permissions import may
from podium.meeting.privacy import audience
from podium.meeting.programme import planned
from podium.meeting.state import Participant
from podium.meeting.subject import has_subject
from podium.meeting.words import Actor
from podium.meetings import Forbidden, MeetingService, NotFound, RateLimited, Refused, StaleSeq
from podium.record.charts import CHARTS
from podium.web import view
from podium.web.amending import amending_view
from podium.web.auth import check_csrf, cookie_seconds, csrf_token
from podium.web.balance import balance_view
from podium.web.deps import actor_for, off_the_loop, service
from podium.web.forms import command_from_form
from podium.web.handoff import handoffs
from podium.web.history import history_page
from podium.web.locale import meeting_language
from podium.web.public import event_json_ld, programme_rows, when
from podium.web.regions import SHARED, self_key
from podium.web.roster import RosterError, read_csv, read_form
from podium.web.statement_view import listed, targets
from podium.web.templating import language, render
from podium.wire import CommandFormatError

router = APIRouter(include_in_schema=False)

# Each page: the roles that may see it and its template.
PAGES: dict[str, tuple[frozenset[str], str]] = {
    "chair": (frozenset({"chair"}), "chair.html"),
    "screen": (frozenset({"display", "chair", "secretariat"}), "screen.html"),
    "me": (frozenset({"participant"}), "me.html"),
    "secretariat": (frozenset({"secretariat", "chair"}), "secretariat.html"),
}
# Where a role's link leads.
HOME = {"chair": "chair", "secretariat": "secretariat", "display": "screen", "participant": "me"}


def _notice(request: Request, heading: str, status_code: int) -> HTMLResponse:
    return render(request, "message.html", {"heading": heading}, status_code)


def _now(request: Request) -> datetime:
    """The service's clock: the pages count time as the meeting's log does."""
    return service(request).clock()


def _base(request: Request) -> str:
    configured = getattr(request.app.state, "base_url", None)
    return str(configured or request.base_url).rstrip("/")


def _page(
    request: Request,
    meeting_id: str,
    page: str,
    actor: Actor,
    *,
    message: str | None = None,
    status_code: int = 200,
    extra: Mapping[str, Any] | None = None,
) -> HTMLResponse:
    meetings = service(request)
    state = meetings.state(meeting_id)
    plan = state.plan or meetings.plan(meeting_id)
    now = _now(request)
    live = view.live(state, now, audience(actor.role))
    context: dict[str, Any] = {
        "meeting_id": meeting_id,
        "plan": plan,
        "live": live,
        "csrf": csrf_token(request, meeting_id),
        "event_types": " ".join(EVENTS),
        "message": message,
        "body_class": "screen" if page == "screen" else f"page {page}",
        "page_url": f"/m/{meeting_id}/{page}",
    }
    if page in SHARED:
        context["live_view"] = page  # its feed carries its live regions (``regions``)
    if page == "me" and actor.participant_id is not None:
        context["self_key"] = self_key(live, actor.participant_id)
        context["me"] = view.someone(state, actor.participant_id)
        context["mine"] = view.requests_of(live, actor.participant_id)
        context["groups"] = [(key, _(name)) for key, name in GROUPS.items()]
        context["panelists"] = [p for p in state.participants.values() if floor.can_be_asked(p)]
    if page in ("chair", "secretariat"):
        removed, given = floor.undoable(state, now)
        context["undo_removed"] = [
            (number, view.someone(state, state.removed[number].request.participant_id))
            for number in removed
        ]
        context["undo_floor"] = given if page == "chair" else None
        context["balance"] = balance_view(state, now)
        context["may_balance"] = may(actor.role, SetOrdering)
        context["response_round"] = state.response_round
        # When each undo button goes: the page's script hides it then, as the core refuses it.
        window = timedelta(seconds=floor.UNDO_SECONDS)
        context["undo_until"] = {
            **{n: (state.removed[n].at + window).isoformat() for n in removed},
            "floor": (state.speech.started_at + window).isoformat() if state.speech else "",
        }
    if page in ("me", "secretariat"):
        mine = actor.participant_id if page == "me" else None
        context["statement_targets"] = targets(state, mine)
        context["statements"] = listed(state, actor)
    if page == "secretariat":
        record = history_page(state, _page_number(request.query_params.get("page")))
        context["record"] = record
        context["record_items"] = [view.spoken(state, i, "staff") for i in record.items]
        context["created"] = ()
        context["charts"] = tuple(CHARTS)
        context["amending"] = amending_view(state)
        context["embed_origins"] = state.embed_origins
    context.update(extra or {})
    return render(request, PAGES[page][1], context, status_code)


def _allowed(request: Request, meeting_id: str, page: str) -> Actor | HTMLResponse:
    try:
        service(request).plan(meeting_id)
    except NotFound:
        return _notice(request, _("There is no such meeting."), 404)
    actor = actor_for(request, meeting_id)
    if actor is None:
        return _notice(request, _("Please open the link you were sent for this meeting."), 403)
    if actor.role not in PAGES[page][0]:
        return _notice(request, _("Your link does not open this page."), 403)
    return actor


@router.get("/", response_class=HTMLResponse)
def landing(request: Request) -> HTMLResponse:
    return render(request, "landing.html", {"base": _base(request)})


@router.get("/join/{token}")
def join(request: Request, token: str) -> Response:
    """Follows an invitation link: keeps its token in a cookie, opens the role's page."""
    found = service(request).token_record(token)
    if found is None or found.role == "admin":
        invalid = _("This link is not valid. Ask the secretariat for a new one.")
        return _notice(request, invalid, 404)
    home = HOME.get(found.role)
    target = f"/m/{found.meeting}/{home}" if home else f"/m/{found.meeting}"
    response = RedirectResponse(target, status_code=303)
    response.headers["Referrer-Policy"] = "no-referrer"  # the address holds the token
    try:
        plan = service(request).plan(found.meeting)
    except NotFound:
        return _notice(request, _("There is no such meeting."), 404)
    response.set_cookie(
        f"podium_{found.meeting}",
        token,
        max_age=cookie_seconds(plan, _now(request)),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.get("/m/{meeting_id}", response_class=HTMLResponse)
def public(request: Request, meeting_id: str) -> HTMLResponse:
    meetings = service(request)
    try:
        state = meetings.state(meeting_id)
        plan = state.plan or meetings.plan(meeting_id)
    except NotFound:
        return _notice(request, _("There is no such meeting."), 404)
    context = {
        "meeting_id": meeting_id,
        "plan": plan,
        "live": view.live(state, _now(request), "hall"),
        "event_types": " ".join(EVENTS),
        "programme": programme_rows(state.programme or planned(plan)),
        "statements": listed(state, None),
        "when": when(plan, language(request)),
        "json_ld": event_json_ld(plan, f"{_base(request)}/m/{meeting_id}"),
        "body_class": "page public",
        "page_url": f"/m/{meeting_id}",
        "live_view": "public",
    }
    return render(request, "public.html", context)


def _role_page(request: Request, meeting_id: str, page: str) -> HTMLResponse:
    actor = _allowed(request, meeting_id, page)
    if isinstance(actor, HTMLResponse):
        return actor
    if page == "screen":
        # The room reads one language: the meeting's, not the browser's that shows it.
        spoken = meeting_language(request, service(request).plan(meeting_id).language)
        with speaking(spoken):
            return _page(request, meeting_id, page, actor)
    return _page(request, meeting_id, page, actor)


@router.get("/m/{meeting_id}/chair", response_class=HTMLResponse)
def chair(request: Request, meeting_id: str) -> HTMLResponse:
    """The Chair's console."""
    return _role_page(request, meeting_id, "chair")


@router.get("/m/{meeting_id}/screen", response_class=HTMLResponse)
def screen(request: Request, meeting_id: str) -> HTMLResponse:
    """The big screen in the hall."""
    return _role_page(request, meeting_id, "screen")


@router.get("/m/{meeting_id}/me", response_class=HTMLResponse)
def me(request: Request, meeting_id: str) -> HTMLResponse:
    """A participant's page, phone first."""
    return _role_page(request, meeting_id, "me")


@router.get("/m/{meeting_id}/secretariat", response_class=HTMLResponse)
def secretariat(request: Request, meeting_id: str, created: str = "") -> HTMLResponse:
    """The secretariat's page; after a registration, the new links, shown once."""
    actor = _allowed(request, meeting_id, "secretariat")
    if isinstance(actor, HTMLResponse):
        return actor
    if not created:
        return _page(request, meeting_id, "secretariat", actor)
    links = handoffs(request).take(meeting_id, created)
    if not isinstance(links, list | tuple):
        gone = _("These links were shown once already. A lost link can be issued again.")
        return _page(request, meeting_id, "secretariat", actor, message=gone)
    return _page(request, meeting_id, "secretariat", actor, extra={"created": links})


@router.get("/m/{meeting_id}/close", response_class=HTMLResponse)
def confirm_close(request: Request, meeting_id: str) -> HTMLResponse:
    """Asks the Chair to confirm closing the meeting (the console's script asks by itself)."""
    actor = _allowed(request, meeting_id, "chair")
    if isinstance(actor, HTMLResponse):
        return actor
    context = {
        "meeting_id": meeting_id,
        "plan": service(request).plan(meeting_id),
        "csrf": csrf_token(request, meeting_id),
        "closed": service(request).state(meeting_id).status == "closed",
    }
    return render(request, "close.html", context)


@router.post("/m/{meeting_id}/act", response_model=None)
async def act(request: Request, meeting_id: str) -> Response:
    """Carries out one command from a form, then shows the page it came from."""
    form = await request.form()
    values: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            values.setdefault(key, []).append(value)
    return await off_the_loop(request, _act, request, meeting_id, values)


def _act(request: Request, meeting_id: str, values: dict[str, list[str]]) -> Response:
    back = (values.get("back") or [""])[0]
    actor = actor_for(request, meeting_id)
    if actor is None:
        return _notice(request, _("Please open the link you were sent for this meeting."), 403)
    if back not in PAGES or actor.role not in PAGES[back][0]:
        back = HOME.get(actor.role, "")
    if back not in PAGES:
        return _notice(request, _("Your link does not open this page."), 403)
    if not _csrf_ok(request, meeting_id, (values.get("csrf") or [""])[0]):
        return _page(
            request,
            meeting_id,
            back,
            actor,
            message=_("This form has expired. Please try again."),
            status_code=403,
        )
    if (values.get("type") or [""])[0] == "close_meeting" and values.get("confirmed") != ["yes"]:
        # Closing cannot be undone: without the page's script to ask, a page asks.
        return RedirectResponse(f"/m/{meeting_id}/close", status_code=303)
    problem, status_code = _carry_out(service(request), meeting_id, values, actor)
    if problem is None:
        # A correction made on a page of the record comes back to that page.
        number = _page_number((values.get("page") or [""])[0])
        where = f"?page={number}#record" if back == "secretariat" and number > 1 else ""
        return RedirectResponse(f"/m/{meeting_id}/{back}{where}", status_code=303)
    return _page(request, meeting_id, back, actor, message=problem, status_code=status_code)


def _page_number(text: str | None) -> int:
    """A page of the record from the address: 1 (the newest) when absent or not a number."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) <= 9 else 1


def _csrf_ok(request: Request, meeting_id: str, value: str) -> bool:
    try:
        check_csrf(request, meeting_id, value)
    except HTTPException:
        return False
    return True


def _carry_out(
    meetings: MeetingService, meeting_id: str, values: Mapping[str, Sequence[str]], actor: Actor
) -> tuple[str | None, int]:
    """Executes the form's command: (None, 303) or (the sentence saying why not, status).

    Every form carries the seq of the page it was on; it guards the commands that act
    on what the page showed ("Next speaker", "End speech"), so that two presses give
    one advance.
    """
    try:
        command = command_from_form(values)
        expected = _expected_seq(values) if has_subject(command) else None
        meetings.execute(meeting_id, command, actor, expected)
    except CommandFormatError as exc:
        return str(exc), 422
    except Refused as exc:
        return str(exc), 422
    except Forbidden as exc:
        return str(exc), 403
    except RateLimited as exc:
        return str(exc), 429
    except StaleSeq as exc:
        return str(exc), 409
    except NotFound:
        return _("There is no such meeting."), 404
    return None, 303


def _expected_seq(values: Mapping[str, Sequence[str]]) -> int | None:
    text = (values.get("expected_seq") or [""])[0].strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 12:
        raise CommandFormatError(
            _("'{field}' must be a whole number, not '{value}'.").format(
                field="expected_seq", value=text[:40]
            )
        )
    return int(text)


@router.post("/m/{meeting_id}/participants", response_model=None)
async def register(request: Request, meeting_id: str) -> Response:
    """Registers one participant (the form) or many (a CSV file) and shows their links once."""
    actor = await off_the_loop(request, _allowed, request, meeting_id, "secretariat")
    if isinstance(actor, HTMLResponse):
        return actor
    async with request.form(max_files=1) as form:
        upload = form.get("file")
        data = await upload.read() if isinstance(upload, UploadFile) else None
        return await off_the_loop(request, _register, request, meeting_id, actor, form, data)


def _register(
    request: Request, meeting_id: str, actor: Actor, form: FormData, data: bytes | None
) -> Response:
    csrf = form.get("csrf")
    if not _csrf_ok(request, meeting_id, csrf if isinstance(csrf, str) else ""):
        return _page(
            request,
            meeting_id,
            "secretariat",
            actor,
            message=_("This form has expired. Please try again."),
            status_code=403,
        )
    created: list[tuple[Participant, str]] = []
    problem, status_code = None, 200
    try:
        if data is not None:
            roster = read_csv(data)
        else:
            roster = read_form({k: v for k, v in form.multi_items() if isinstance(v, str)})
        registered = service(request).register(meeting_id, roster.people, actor)
    except RosterError as exc:
        problem, status_code = str(exc), 422
    except Refused as exc:
        problem, status_code = roster.locate(exc.item, exc.field) + str(exc), 422
    except Forbidden as exc:
        problem, status_code = str(exc), 403
    if problem is not None:
        return _page(
            request,
            meeting_id,
            "secretariat",
            actor,
            message=problem,
            status_code=status_code,
            extra={"created": created},
        )
    created = [(who, f"{_base(request)}/join/{token}") for who, token in registered]
    # Post, redirect, get: reloading the page that shows the links registers no one again.
    key = handoffs(request).put(meeting_id, created)
    return RedirectResponse(f"/m/{meeting_id}/secretariat?created={key}", status_code=303)
