"""``podium serve``, ``podium demo`` and ``podium create``: the meeting server and its links."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.table import Table

from podium.cli import app
from podium.cli.planning import fail, load_plan
from podium.i18n import _
from podium.meeting.participants import ParticipantFields
from podium.meeting.plan import Plan
from podium.meeting.state import Participant
from podium.meeting.words import SECRETARIAT
from podium.meetings import MeetingService, ServiceError
from podium.store.open import BadDatabaseURL, configured_url
from podium.web.auth import HideTokens, new_token
from podium.web.connections import RESERVED_DESCRIPTORS, Freezer, descriptor_limit, freeze_now

ADMIN_VARIABLE = "PODIUM_ADMIN_TOKEN"
DATA_VARIABLE = "PODIUM_DATA"
ADMIN_FILE = "admin-token"
ALLOWED_HOSTS_VARIABLE = "PODIUM_ALLOWED_HOSTS"
DEMO_FILE = "demo.json"

# Links must print whole to be followed: wider than a narrow terminal, which wraps them itself.
console = Console(width=max(Console().width, 132))

DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Data directory (default: $PODIUM_DATA or ./data)."),
]
HostOption = Annotated[str, typer.Option("--host", help="Address to listen on.")]
PORT_VARIABLE = "PODIUM_PORT"
PortOption = Annotated[
    int,
    typer.Option(
        "--port", min=1, max=65535, envvar=PORT_VARIABLE, help="Port to listen on ($PODIUM_PORT)."
    ),
]
BaseOption = Annotated[
    str | None,
    typer.Option("--base-url", help="The address people use to reach the server, for links."),
]


def data_dir(data: Path | None) -> Path:
    return data or Path(os.environ.get(DATA_VARIABLE) or "data")


def log_target(data: Path) -> str:
    """Where the event log is: ``PODIUM_DATABASE_URL``, else SQLite in the data directory."""
    try:
        return configured_url(data)
    except BadDatabaseURL as exc:
        fail(str(exc))


def admin_token(data: Path) -> tuple[str, bool]:
    """The admin token (``PODIUM_ADMIN_TOKEN``, else the data directory's), and if it is new."""
    configured = os.environ.get(ADMIN_VARIABLE)
    if configured:
        return configured, False
    path = data / ADMIN_FILE
    if path.is_file():
        kept = path.read_text(encoding="utf-8").strip()
        if kept:
            return kept, False
    token = new_token()
    try:
        data.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(token + "\n", encoding="utf-8")
    except OSError as exc:  # a read-only or missing data directory: say so, exit 2
        fail(
            _("cannot write the admin token in {path}: {reason}").format(
                path=data, reason=exc.strerror or exc
            )
        )
    return token, True


def _base(host: str, port: int, base_url: str | None) -> str:
    if base_url:
        return base_url.rstrip("/")
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    return f"http://{shown}:{port}"


def listen(host: str, port: int) -> socket.socket:
    """The server's listening socket, bound before anything is announced; a clear error if taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=8192)
    except (OSError, OverflowError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        fail(
            _(
                "cannot listen on {host}:{port} ({reason}); is another server running there? "
                "Choose another port with --port."
            ).format(host=host, port=port, reason=reason)
        )


def allowed_hosts(host: str, base_url: str | None) -> list[str]:
    """The Host headers the server answers: ``PODIUM_ALLOWED_HOSTS``, else the base URL's
    host, else the address it listens on (every address of this machine for 0.0.0.0)."""
    configured = os.environ.get(ALLOWED_HOSTS_VARIABLE, "")
    named = [name.strip() for name in configured.split(",") if name.strip()]
    if base_url:
        return [*named, urlsplit(base_url).hostname or "localhost"]
    if named:
        return named
    hosts = {host, "127.0.0.1", "localhost", "::1", "[::1]"}
    if host in ("0.0.0.0", "::"):
        name = socket.gethostname()
        hosts.add(name)
        with contextlib.suppress(OSError):
            hosts.update(str(info[4][0]) for info in socket.getaddrinfo(name, None))
    return sorted(hosts)


def _run(
    target: str,
    token: str,
    sock: socket.socket,
    base_url: str | None,
    access_log: bool,
    hosts: list[str],
) -> None:
    import uvicorn

    from podium.web.app import create_app
    from podium.web.outlet import ServerSend

    try:
        application = create_app(target, admin_token=token, base_url=base_url, allowed_hosts=hosts)
    except Exception as exc:  # the log cannot be opened: say why, no traceback
        fail(_("cannot open the event log at {target}: {reason}").format(target=target, reason=exc))
    console.print(_("Press Ctrl+C to stop."))
    application.state.feed_caps.freezer = Freezer()
    config = uvicorn.Config(
        # The server's own send stays within reach of the live feed (podium.web.outlet).
        ServerSend(application),
        log_level="info" if access_log else "warning",
        access_log=access_log,
        # Past this many connections at once, a 503: never a descriptor too many.
        limit_concurrency=descriptor_limit() - RESERVED_DESCRIPTORS // 2,
        backlog=8192,
        timeout_graceful_shutdown=2,
        timeout_keep_alive=30,
    )
    if access_log:
        # uvicorn logs each request at INFO (its Config has set its loggers up by now);
        # the filter hides the tokens in /join/ links.
        logging.getLogger("uvicorn.access").addFilter(HideTokens())
    freeze_now()
    uvicorn.Server(config).run(sockets=[sock])


@app.command("serve")
def serve_command(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    data: DataOption = None,
    base_url: BaseOption = None,
    access_log: Annotated[bool, typer.Option("--access-log", help="Log every request.")] = False,
) -> None:
    """Run the meeting server (SQLite in the data directory, or PODIUM_DATABASE_URL)."""
    folder = data_dir(data)
    sock = listen(host, port)
    token, new = admin_token(folder)
    base = _base(host, port, base_url)
    console.print(_("Podium is serving at {url}").format(url=base))
    if new:
        console.print(
            _("Admin token (to create meetings; kept in {path}): {token}").format(
                path=folder / ADMIN_FILE, token=token
            )
        )
    _run(log_target(folder), token, sock, base_url, access_log, allowed_hosts(host, base_url))


@app.command("create")
def create_command(
    note: Annotated[Path, typer.Argument(help="The concept note (md, txt, docx, pdf).")],
    data: DataOption = None,
    url: Annotated[
        str | None,
        typer.Option("--url", help="Create it on a running server at this address instead."),
    ] = None,
    base_url: BaseOption = None,
) -> None:
    """Create a meeting from a concept note and print its links."""
    folder = data_dir(data)
    if url is not None:
        links = _create_remote(note, url.rstrip("/"), folder)
    else:
        plan = load_plan(note)
        meetings = _service(folder)
        try:
            created = meetings.create(plan)
        finally:
            meetings.store.close()
        base = (base_url or "http://127.0.0.1:8000").rstrip("/")
        links = {
            "id": created.id,
            "links": {
                **{role: f"{base}/join/{token}" for role, token in created.tokens.items()},
                "public": f"{base}/m/{created.id}",
            },
        }
    table = Table(title=_("Meeting {id}").format(id=links["id"]))
    table.add_column(_("Role"))
    table.add_column(_("Link"), no_wrap=True, overflow="ignore")
    for role, link in links["links"].items():
        table.add_row(role, link)
    console.print(table)


def _create_remote(note: Path, url: str, folder: Path) -> dict[str, Any]:
    """Creates the meeting on a running server: a text note as Markdown, others uploaded."""
    import httpx

    if not note.is_file():
        fail(_("{path}: no such file").format(path=note))
    token, _new = admin_token(folder)
    headers = {"Authorization": f"Bearer {token}"}
    try:
        if note.suffix.lower() in (".md", ".txt"):
            headers["Content-Type"] = "text/markdown"
            response = httpx.post(
                f"{url}/api/meetings", content=note.read_bytes(), headers=headers, timeout=60
            )
        else:
            with note.open("rb") as upload:
                response = httpx.post(
                    f"{url}/api/meetings",
                    files={"file": (note.name, upload)},
                    headers=headers,
                    timeout=60,
                )
    except (httpx.HTTPError, OSError) as exc:
        fail(_("cannot reach {url}: {reason}").format(url=url, reason=exc))
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if response.status_code != 201 or not isinstance(answer, dict):
        detail = answer.get("detail") if isinstance(answer, dict) else None
        fail(_("the server refused: {detail}").format(detail=detail or response.text[:300]))
    return answer


def _service(folder: Path) -> MeetingService:
    from podium.store import open_store

    target = log_target(folder)
    try:
        store = open_store(target)
    except Exception as exc:  # the log cannot be opened: say why, no traceback
        fail(_("cannot open the event log at {target}: {reason}").format(target=target, reason=exc))
    return MeetingService(store)


# -- the demo --------------------------------------------------------------------


@dataclass
class DemoMeeting:
    id: str
    title: str
    tokens: dict[str, str]
    participants: list[tuple[str, str]]  # name, token


def demo_meetings(meetings: MeetingService, folder: Path) -> list[DemoMeeting]:
    """The example meetings of this data directory: those made before, or made now."""
    kept = folder / DEMO_FILE
    if kept.is_file():
        try:
            saved = json.loads(kept.read_text(encoding="utf-8"))
            found = [
                DemoMeeting(m["id"], m["title"], m["tokens"], [tuple(p) for p in m["participants"]])
                for m in saved["meetings"]
            ]
            if found and all(meetings.exists(m.id) for m in found):
                return found
        except (ValueError, KeyError, TypeError):
            pass  # remade below
    from podium.examples import NOTES, participants

    made = []
    for note in NOTES:
        plan = load_plan(note)
        created = meetings.create(plan)
        people = [
            (name, token)
            for name, token in _register(meetings, created.id, plan, participants(note))
        ]
        made.append(DemoMeeting(created.id, plan.title, created.tokens, people))
    folder.mkdir(parents=True, exist_ok=True)
    kept.write_text(
        json.dumps({"meetings": [m.__dict__ for m in made]}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return made


def _register(
    meetings: MeetingService, meeting_id: str, plan: Plan, people: list[dict[str, Any]]
) -> list[tuple[str, str]]:
    batch = []
    for person in people:
        fields = dict(person)
        role = fields.pop("segment_role", None)
        if role is not None:
            fields["segment"] = next(
                (i for i, s in enumerate(plan.segments) if s.role == role), None
            )
        batch.append(ParticipantFields(**fields))
    try:
        registered = meetings.register(meeting_id, batch, SECRETARIAT)
    except ServiceError as error:
        fail(_("demo participants: {reason}").format(reason=error))
    return [(participant.name, token) for participant, token in registered]


def demo_title(plan: Plan) -> str:
    """``CSTD, Twenty-seventh annual session, 2024: Global Cooperation …``: which meeting."""
    short = re.search(r"\(([A-Z][A-Za-z-]{1,14})\)", plan.body or "")
    body = short.group(1) if short else (plan.body or "")
    when = str(plan.start.year) if plan.start else ""
    heading = ", ".join(part for part in (body, plan.session_title, when) if part)
    return f"{heading}: {plan.title}" if heading else plan.title


def taking_part(person: Participant) -> str:
    """How a participant takes part: their role, online or in the room, observer."""
    roles = {
        "panelist": _("panelist"),
        "discussant": _("discussant"),
        "keynote": _("keynote speaker"),
        "moderator": _("moderator"),
        "co-chair": _("Co-Chair"),
        "secretariat": _("secretariat"),
    }
    parts = [roles.get(person.role, _("delegate") if person.delegation else _("participant"))]
    if person.observer:
        parts.append(_("observer"))
    parts.append(_("online") if person.channel == "online" else _("in the room"))
    return ", ".join(parts)


def _demo_table(meetings: MeetingService, meeting: DemoMeeting, base: str) -> Table:
    state = meetings.state(meeting.id)
    plan = state.plan or meetings.plan(meeting.id)
    table = Table(title=demo_title(plan), title_justify="left", show_lines=False)
    table.add_column(_("Who"))
    table.add_column(_("Taking part as"))
    table.add_column(_("Link"), no_wrap=True, overflow="ignore")
    table.add_row(_("Public page"), _("anyone"), f"{base}/m/{meeting.id}")
    for role, label in (
        ("chair", _("Chair")),
        ("secretariat", _("Secretariat")),
        ("display", _("Big screen")),
    ):
        table.add_row(label, _("the meeting's staff"), f"{base}/join/{meeting.tokens[role]}")
    by_name = {p.name: p for p in state.participants.values()}
    for name, person_token in meeting.participants:
        person = by_name.get(name)
        table.add_row(name, taking_part(person) if person else "", f"{base}/join/{person_token}")
    return table


@app.command("demo")
def demo_command(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    data: DataOption = None,
    base_url: BaseOption = None,
) -> None:
    """Run the server with the two example CSTD meetings, and print a link for each role."""
    folder = data_dir(data)
    sock = listen(host, port)
    token, _new = admin_token(folder)
    base = _base(host, port, base_url)
    meetings = _service(folder)
    try:
        for meeting in demo_meetings(meetings, folder):
            console.print(_demo_table(meetings, meeting, base))
    finally:
        meetings.store.close()
    console.print(_("Admin token (to create meetings): {token}").format(token=token))
    console.print(_("Podium is serving at {url}").format(url=base))
    _run(log_target(folder), token, sock, base_url, False, allowed_hosts(host, base_url))
