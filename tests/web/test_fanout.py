"""The feed on a real uvicorn, as ``podium serve`` runs it: frames written straight to each
transport by the hub, one per audience; the Chair answered while delivery goes on; a slow
reader and a reconnect storm of 500 clients that lose and double nothing."""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from podium.live.hub import Hub, Subscription
from podium.meeting.commands import CloseList, OpenMeeting, ReopenList
from podium.meeting.participants import ParticipantFields
from podium.meeting.plan import Plan
from podium.meeting.words import CHAIR, SECRETARIAT
from podium.meetings import MeetingService
from podium.web.app import create_app
from podium.web.connections import FeedCaps, descriptor_limit
from podium.web.outlet import ServerSend
from tests.support.server import free_port

ID = re.compile(rb"id: (\d+)\n")
ORGANISATION = "Institute for Quiet Studies"


@dataclass
class Served:
    base: str
    port: int
    app: FastAPI
    meeting: str
    tokens: dict[str, str]
    loop: asyncio.AbstractEventLoop | None = None

    @property
    def service(self) -> MeetingService:
        found: MeetingService = self.app.state.service
        return found

    @property
    def hub(self) -> Hub:
        found: Hub = self.app.state.hub
        return found

    @property
    def feed(self) -> str:
        return f"/api/meetings/{self.meeting}/feed"

    def seq(self) -> int:
        return self.service.state(self.meeting).seq

    def on_loop(self, call: Callable[[], Any]) -> Any:
        """Runs ``call`` on the server's loop and returns what it gave."""
        assert self.loop is not None

        async def wrapped() -> Any:
            return call()

        return asyncio.run_coroutine_threadsafe(wrapped(), self.loop).result(10)

    def joined(self) -> int:
        return int(self.on_loop(lambda: self.hub.joined(self.meeting)))

    def until_joined(self, count: int) -> None:
        deadline = time.monotonic() + 30
        while self.joined() != count:
            assert time.monotonic() < deadline, f"{self.joined()} joined, not {count}"
            time.sleep(0.01)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """``podium serve``'s application on uvicorn's httptools protocol, with one open meeting."""
    descriptor_limit()  # raised to the hard limit: the storm holds a thousand sockets
    app = create_app(tmp_path, feed_caps=FeedCaps(per_address=10_000, per_token=10_000))
    service: MeetingService = app.state.service
    created = service.create(Plan(title="A full hall"))
    service.execute(created.id, OpenMeeting(), CHAIR)
    port = free_port()
    config = uvicorn.Config(
        ServerSend(app), port=port, http="httptools", log_level="warning", backlog=2048
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    found = Served(f"http://127.0.0.1:{port}", port, app, created.id, created.tokens)
    found.loop = app.state.hub._loop
    yield found
    server.should_exit = True
    thread.join(timeout=20)


@dataclass
class Reader:
    """A raw SSE client: the ids it has read, in order."""

    seen: list[int] = field(default_factory=list)
    buffer: bytes = b""
    writer: asyncio.StreamWriter | None = None
    task: asyncio.Task[None] | None = None

    async def open(self, port: int, path: str, headers: dict[str, str]) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        lines = [f"GET {path} HTTP/1.1", "Host: 127.0.0.1", "Accept: text/event-stream"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head
        self.writer = writer
        self.task = asyncio.create_task(self.read(reader))

    async def read(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                self.buffer += await reader.readuntil(b"\n\n")
                self.seen += [int(seq) for seq in ID.findall(self.buffer)]
                self.buffer = b""
        except (asyncio.IncompleteReadError, ConnectionError):
            pass

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        if self.task is not None:
            await self.task


def frames_of(response: httpx.Response, count: int) -> list[str]:
    text, found = "", []
    for chunk in response.iter_text():
        text += chunk
        while "\n\n" in text:
            block, text = text.split("\n\n", 1)
            if block.startswith("id:"):
                found.append(block)
        if len(found) >= count:
            return found
    return found


def test_each_audience_gets_its_own_frame_from_the_hub(served: Served) -> None:
    url = f"{served.base}{served.feed}?after={served.seq()}"
    chair = {"Authorization": f"Bearer {served.tokens['chair']}"}
    got: dict[str, list[str]] = {}

    def listen(name: str, headers: dict[str, str]) -> None:
        with httpx.stream("GET", url, headers=headers, timeout=20) as response:
            got[name] = frames_of(response, 1)

    listeners = [
        threading.Thread(target=listen, args=("hall", {})),
        threading.Thread(target=listen, args=("chair", chair)),
    ]
    for listener in listeners:
        listener.start()
    served.until_joined(2)  # both caught up: what follows the hub writes itself
    person = ParticipantFields(name="Ana Gomez", organisation=ORGANISATION, gender="female")
    served.service.register(served.meeting, [person], SECRETARIAT)
    for listener in listeners:
        listener.join(timeout=20)
    assert "participant_added" in got["hall"][0] and "Ana Gomez" in got["hall"][0]
    assert ORGANISATION not in got["hall"][0] and "female" not in got["hall"][0]
    assert ORGANISATION in got["chair"][0]


def test_the_chair_is_answered_while_delivery_goes_on(served: Served) -> None:
    """The command's response comes once the event is in the log, not once every client has it:
    with a delivery made slow on purpose, most outlets still wait when the Chair is answered."""
    written: list[float] = []

    class Slow:
        def write(self, data: bytes) -> bool:
            time.sleep(0.002)
            written.append(time.monotonic())
            return True

        def close(self) -> None:
            pass

    head = served.seq()
    outlets = 200

    def join_all() -> None:
        async def joining() -> None:
            for _i in range(outlets):
                joined = Subscription(
                    served.meeting, head, "hall", lambda e, a: b"x", Slow(), print
                )
                assert await served.hub.join(joined)

        assert served.loop is not None
        asyncio.run_coroutine_threadsafe(joining(), served.loop).result(10)

    join_all()
    # A client that never reads is joined as well: it delays no one.
    with socket.create_connection(("127.0.0.1", served.port)) as stalled:
        stalled.sendall(f"GET {served.feed} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        served.until_joined(outlets + 1)
        response = httpx.post(
            f"{served.base}/api/meetings/{served.meeting}/commands",
            json={"type": "close_list"},
            headers={"Authorization": f"Bearer {served.tokens['chair']}"},
            timeout=30,
        )
        answered = time.monotonic()
        assert response.status_code == 200, response.text
        assert response.json()["seq"] == head + 1
        deadline = time.monotonic() + 30
        while len(written) < outlets and time.monotonic() < deadline:
            time.sleep(0.05)
    assert len(written) == outlets
    assert sum(1 for when in written if when < answered) < outlets / 2


def test_a_slow_reader_catches_up_in_order_and_joins_again(served: Served) -> None:
    store = served.service.store
    first = store.last_seq(served.meeting)
    # Large frames (the hub writes what the log holds; the meeting's state is not read here).
    big = '{"type":"list_closed","v":1,"pad":"' + "x" * 60_000 + '"}'

    def append() -> int:
        return store.append(served.meeting, store.last_seq(served.meeting), [big])[-1].seq

    slow = socket.socket()
    slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    slow.connect(("127.0.0.1", served.port))
    slow.sendall(f"GET {served.feed}?after={first} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    try:
        served.until_joined(1)
        for _i in range(100):  # 6 MB it does not read: its transport cannot take them all
            last = append()
        served.until_joined(0)  # left behind: it catches up on its own, through send
        received = b""
        slow.settimeout(30)
        while f"id: {last}\n".encode() not in received:
            chunk = slow.recv(1 << 20)
            assert chunk, "the server closed the slow reader's stream"
            received += chunk
        assert [int(seq) for seq in ID.findall(received)] == list(range(first + 1, last + 1))
        served.until_joined(1)  # caught up through its own task, it is joined again
        last = append()
        while f"id: {last}\n".encode() not in received:
            received += slow.recv(1 << 20)
        assert [int(seq) for seq in ID.findall(received)] == list(range(first + 1, last + 1))
    finally:
        slow.close()


def test_a_reconnect_storm_loses_and_doubles_nothing(served: Served) -> None:
    """500 clients drop at once and come back with Last-Event-ID while the Chair goes on."""
    clients = 500
    first = served.seq()

    def chair(commands: int) -> int:
        for number in range(commands):
            command = CloseList() if number % 2 == 0 else ReopenList()
            served.service.execute(served.meeting, command, CHAIR)
            time.sleep(0.01)
        return served.seq()

    async def storm() -> list[Reader]:
        readers = [Reader() for _i in range(clients)]
        path = f"{served.feed}?after={first}"
        await asyncio.gather(*(r.open(served.port, path, {}) for r in readers))
        await asyncio.to_thread(chair, 2)
        await asyncio.sleep(0.2)
        for reader in readers:
            assert reader.writer is not None
            reader.writer.close()
        going_on = asyncio.create_task(asyncio.to_thread(chair, 10))
        await asyncio.gather(*(r.task for r in readers if r.task))
        await asyncio.gather(
            *(r.open(served.port, served.feed, {"Last-Event-ID": str(r.seen[-1])}) for r in readers)
        )
        await going_on
        last = await asyncio.to_thread(chair, 1)
        for _i in range(3000):
            if all(r.seen and r.seen[-1] == last for r in readers):
                break
            await asyncio.sleep(0.01)
        for reader in readers:
            await reader.close()
        return readers

    readers = asyncio.run(asyncio.wait_for(storm(), 120))
    last = served.seq()
    for reader in readers:
        assert reader.seen == list(range(first + 1, last + 1))


def test_an_outlet_is_found_only_on_a_started_httptools_response() -> None:
    from podium.web.outlet import SERVER_SEND, TransportOutlet

    async def send(message: Any) -> None:
        pass

    assert TransportOutlet.of({"type": "http", "method": "GET", "http_version": "1.1"}) is None
    scope = {"type": "http", "method": "GET", "http_version": "1.1", SERVER_SEND: send}
    assert TransportOutlet.of(scope) is None  # not uvicorn's: the feed goes through send


def test_deliveries_are_held_while_a_command_is_answered_from_the_api_or_a_page() -> None:
    from types import SimpleNamespace

    happened: list[str] = []

    class Hub:
        def hold(self) -> Callable[[], None]:  # the hub's release counts once, as here
            happened.append("hold")
            released: list[bool] = []

            def release() -> None:
                if not released:
                    released.append(True)
                    happened.append("release")

            return release

    class App:
        state = SimpleNamespace(hub=Hub())

        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            await send({"type": "http.response.start", "status": 303, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            happened.append("answered")

    timings: list[bytes] = []

    async def send(message: Any) -> None:
        happened.append(message["type"])
        timings.extend(v for k, v in message.get("headers", ()) if k == b"server-timing")

    async def receive() -> Any:
        return {"type": "http.request", "body": b""}

    outer = ServerSend(App())  # type: ignore[arg-type]
    for method, path in (("POST", "/m/x/act"), ("POST", "/api/meetings/x/commands")):
        asyncio.run(outer({"type": "http", "method": method, "path": path}, receive, send))
        assert happened == [
            "hold",
            "http.response.start",
            "http.response.body",
            "release",  # as soon as the answer is sent
            "answered",
        ]
        happened.clear()
        # The answer says how long the server took (milliseconds).
        assert len(timings) == 1 and re.fullmatch(rb"app;dur=\d+\.\d\d", timings.pop())
    asyncio.run(outer({"type": "http", "method": "GET", "path": "/m/x"}, receive, send))
    assert happened == ["http.response.start", "http.response.body", "answered"]
    assert timings == []  # only commands are timed
