"""Fan-out of the live feed: how long until every connected client has the Chair's event.

N clients (raw asyncio sockets in two processes of their own) hold the SSE
feed of one meeting on a real ``podium serve``; the Chair sends commands; each
client notes when each event reaches it. The same run measures, with the same
clients, two baselines: a minimal Starlette SSE broadcaster on uvicorn and
``websockets.broadcast`` (websockets' own server), all three on uvloop. For
each it prints the time to connect every client, p50 / p99 / max from the
command to each client, the server's memory per idle connection and its
garbage collections (the longest pause, and how many were full ones). For
Podium it also prints the Chair's command's own response time with every
client connected, each command sent once the one before has reached every
client (beside the same commands with no client connected), and a reconnect storm:
every client drops and comes back at once with ``Last-Event-ID`` while the
Chair goes on, counting the events lost and the events received twice.

Each server runs ``--repeat`` times (3) at each size, in turns; each figure is
the median of its runs. The Chair's command is timed as the Chair's client
sees it and as the server reports it (``Server-Timing``), over every run.

    python bench/fanout.py                  # 1,000, 5,000 and 10,000 clients
    python bench/fanout.py --clients 2000   # one size (repeatable)
    python bench/fanout.py --clients 10000 --repeat 1 --servers podium
    python bench/fanout.py --clients 10000 --servers podium --behind 10   # after a restart

Loopback only; every server and client stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import gc
import http.client
import json
import multiprocessing
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOTE = ROOT / "podium" / "examples" / "cstd27-2024-panel-global-cooperation-sti.md"
ADMIN = "bench-admin-token-0123456789"
BATCH = 250  # clients connecting at once, in each client process
WORKERS = 2  # client processes
ROUNDS = 5  # events fanned out per size and server
COMMANDS = 40  # the Chair's commands timed with every client connected
STORM_COMMANDS = 5  # commands sent while the clients reconnect
WAIT = 120.0  # seconds before a step is given up
REPEAT = 3  # runs of each server at each size; each figure is the median of the runs
# The clients stand for thousands of devices elsewhere: on this machine they run at a
# lower priority, so that the Chair's client and the servers are not kept off the cores
# by them (the same for every server).
CLIENT_NICE = 10
ID = re.compile(rb"id: (\d+)\n")
SERVERS = ("podium", "starlette", "websockets")


def raise_file_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"no answer from {url}")


def post(url: str, body: bytes, kind: str, token: str | None = None) -> dict[str, object]:
    headers = {"Content-Type": kind}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        data: dict[str, object] = json.loads(response.read() or b"{}")
        return data


@contextlib.contextmanager
def podium_with_meeting() -> Iterator[tuple[int, str, dict[str, str], int]]:
    """A real ``podium serve`` on SQLite with the 2024 panel: port, meeting, tokens, pid."""
    with server("podium", opened=False) as running:
        tokens = dict(running.tokens)
        yield running.port, running.meeting, tokens, running.process.pid


def install_uvloop() -> None:
    with contextlib.suppress(ImportError):
        import uvloop

        uvloop.install()


# -- the servers' garbage collections ----------------------------------------------


def record_collections(path: str) -> None:
    """Notes each collection of this process (when, generation, how long), written at exit."""
    import atexit

    kept: list[tuple[float, int, float]] = []
    started = [0.0]

    def callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            kept.append(
                (time.perf_counter(), int(info["generation"]), time.perf_counter() - started[0])
            )

    gc.callbacks.append(callback)
    atexit.register(lambda: Path(path).write_text(json.dumps(kept)))
    signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))


# -- the baselines -----------------------------------------------------------------


def frame_of(seq: int, kind: str) -> bytes:
    data = json.dumps({"type": kind, "v": 1, "at": "2024-04-15T13:00:00+00:00"})
    return f"id: {seq}\nevent: {kind}\ndata: {data}\n\n".encode()


def starlette_server(port: int) -> None:
    """A minimal Starlette app: every client has a queue; /publish puts into each."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route

    queues: set[asyncio.Queue[bytes]] = set()

    async def feed(request: Request) -> StreamingResponse:
        queue: asyncio.Queue[bytes] = asyncio.Queue()
        queues.add(queue)

        async def stream() -> Any:
            try:
                yield b"retry: 2000\n\n"
                while True:
                    yield await queue.get()
            finally:
                queues.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream")

    async def publish(request: Request) -> Response:
        frame = frame_of(int(request.query_params["seq"]), request.query_params["type"])
        for queue in queues:
            queue.put_nowait(frame)
        return Response(b"{}", media_type="application/json")

    async def ready(request: Request) -> Response:
        return Response(b"ok")

    app = Starlette(
        routes=[Route("/feed", feed), Route("/publish", publish), Route("/ready", ready)]
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", backlog=8192)


def websockets_server(port: int) -> None:
    """websockets' own server: /publish sends the frame to every client with ``broadcast``."""
    from urllib.parse import parse_qs, urlsplit

    from websockets.asyncio.server import ServerConnection, broadcast, serve
    from websockets.http11 import Request, Response

    async def handler(connection: ServerConnection) -> None:
        await connection.wait_closed()

    async def main() -> None:
        def process_request(connection: ServerConnection, request: Request) -> Response | None:
            url = urlsplit(request.path)
            if url.path == "/publish":
                query = parse_qs(url.query)
                frame = frame_of(int(query["seq"][0]), query["type"][0])
                broadcast(listening.connections, frame.decode())
                return connection.respond(200, "{}\n")
            if url.path == "/ready":
                return connection.respond(200, "ok\n")
            return None

        async with serve(
            handler,
            "127.0.0.1",
            port,
            process_request=process_request,
            ping_interval=None,
            compression=None,
            backlog=8192,
        ) as listening:
            stop = asyncio.get_running_loop().create_future()
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
            await stop

    asyncio.run(main())


# -- the clients -------------------------------------------------------------------


@dataclass
class Client:
    """One connection: every event id it received, in order, and when."""

    seen: list[int] = field(default_factory=list)
    task: asyncio.Task[None] | None = None
    writer: asyncio.StreamWriter | None = None


class Worker:
    """The clients of one process, driven over a pipe."""

    def __init__(self, port: int, path: str, kind: str) -> None:
        self.port = port
        self.path = path
        self.kind = kind
        self.clients: list[Client] = []
        self.arrivals: dict[int, list[float]] = {}
        self.complete: dict[int, asyncio.Event] = {}

    def request(self, last: int | None) -> bytes:
        lines = [f"GET {self.path} HTTP/1.1", "Host: 127.0.0.1"]
        if self.kind == "websockets":
            key = base64.b64encode(os.urandom(16)).decode()
            lines += [
                "Upgrade: websocket",
                "Connection: Upgrade",
                f"Sec-WebSocket-Key: {key}",
                "Sec-WebSocket-Version: 13",
            ]
        else:
            lines.append("Accept: text/event-stream")
        if last is not None:
            lines.append(f"Last-Event-ID: {last}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    async def connect(self, client: Client) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        writer.write(self.request(client.seen[-1] if client.seen else None))
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith((b"HTTP/1.1 200", b"HTTP/1.1 101")):
            raise RuntimeError(head.decode(errors="replace").splitlines()[0])
        if self.kind != "websockets":
            await reader.readuntil(b"retry: 2000\n\n")
        client.writer = writer
        client.task = asyncio.create_task(self.read(client, reader))

    async def read(self, client: Client, reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while True:
                block = await reader.readuntil(b"\n\n")
                now = time.perf_counter()
                for match in ID.finditer(block):
                    seq = int(match.group(1))
                    client.seen.append(seq)
                    arrived = self.arrivals.setdefault(seq, [])
                    arrived.append(now)
                    if len(arrived) >= len(self.clients) and seq in self.complete:
                        self.complete[seq].set()

    async def connect_all(self, clients: list[Client]) -> tuple[float, float]:
        started = time.perf_counter()
        for start in range(0, len(clients), BATCH):
            await asyncio.gather(*(self.connect(c) for c in clients[start : start + BATCH]))
        return started, time.perf_counter()

    async def arrived(self, seq: int) -> list[float]:
        event = self.complete.setdefault(seq, asyncio.Event())
        if len(self.arrivals.get(seq, ())) >= len(self.clients):
            event.set()
        await asyncio.wait_for(event.wait(), WAIT)
        return self.arrivals[seq]

    async def drop_all(self) -> None:
        for client in self.clients:
            if client.writer is not None:
                client.writer.close()
        await asyncio.gather(*(c.task for c in self.clients if c.task), return_exceptions=True)

    def check(self, first: int, last: int) -> tuple[int, int]:
        """Events lost and events received twice, over every client."""
        lost = doubled = 0
        wanted = list(range(first, last + 1))
        for client in self.clients:
            got = [seq for seq in client.seen if first <= seq <= last]
            doubled += len(got) - len(set(got))
            lost += len(set(wanted) - set(got))
        return lost, doubled

    async def serve(self, pipe: Connection) -> None:
        loop = asyncio.get_running_loop()
        while True:
            command, *args = await loop.run_in_executor(None, pipe.recv)
            if command == "ready":
                pipe.send(True)
            elif command == "connect":
                self.clients = [Client() for _i in range(args[0])]
                pipe.send(await self.connect_all(self.clients))
            elif command == "arrived":
                pipe.send(await self.arrived(args[0]))
            elif command == "storm":
                await self.drop_all()
                pipe.send(await self.connect_all(self.clients))
            elif command == "check":
                pipe.send(self.check(args[0], args[1]))
            elif command == "close":
                await self.drop_all()
                pipe.send(None)
                return


def worker_main(pipe: Connection, port: int, path: str, kind: str) -> None:
    os.nice(CLIENT_NICE)
    raise_file_limit()
    install_uvloop()
    asyncio.run(Worker(port, path, kind).serve(pipe))


class Clients:
    """The client processes, each with its share of the clients."""

    def __init__(self, port: int, path: str, kind: str, count: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.pipes: list[Connection] = []
        self.processes = []
        for _i in range(WORKERS):
            mine, theirs = context.Pipe()
            process = context.Process(target=worker_main, args=(theirs, port, path, kind))
            process.start()
            self.pipes.append(mine)
            self.processes.append(process)
        self.shares = [count // WORKERS + (i < count % WORKERS) for i in range(WORKERS)]
        self.ask("ready")  # both started: their connecting starts together

    def ask(self, *message: Any) -> list[Any]:
        for pipe in self.pipes:
            pipe.send(message)
        answers = []
        for pipe in self.pipes:
            if not pipe.poll(WAIT * 2):
                raise SystemExit(f"no answer from the clients to {message[0]}")
            answers.append(pipe.recv())
        return answers

    def connect(self) -> float:
        for pipe, share in zip(self.pipes, self.shares, strict=True):
            pipe.send(("connect", share))
        spans = [pipe.recv() for pipe in self.pipes]
        return float(max(end for _s, end in spans) - min(start for start, _e in spans))

    def storm(self) -> float:
        for pipe in self.pipes:
            pipe.send(("storm",))
        return self.collect_span()

    def collect_span(self) -> float:
        spans = [pipe.recv() for pipe in self.pipes]
        return float(max(end for _s, end in spans) - min(start for start, _e in spans))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ask("close")
        for process in self.processes:
            process.join(timeout=20)
            if process.is_alive():
                process.kill()


# -- the runs ----------------------------------------------------------------------


@dataclass
class Figures:
    connect: float = 0.0
    latencies: list[float] = field(default_factory=list)
    kb_per_connection: float = 0.0
    longest_gc: float = 0.0
    full_gcs: int = 0
    commands: list[float] = field(default_factory=list)
    commands_alone: list[float] = field(default_factory=list)
    commands_server: list[float] = field(default_factory=list)  # the server's own time
    storm: float = 0.0
    lost: int = 0
    doubled: int = 0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


@dataclass
class Server:
    kind: str
    port: int
    process: subprocess.Popen[bytes]
    collections: Path
    path: str = "/feed"
    chair: str = ""
    meeting: str = ""
    tokens: dict[str, str] = field(default_factory=dict)
    commands: str = ""
    seq: int = 0
    server_times: list[float] = field(default_factory=list)  # Server-Timing, seconds
    closed: bool = False  # the meeting's speakers' list, for the next command
    collected: list[tuple[float, int, float]] = field(default_factory=list)

    def send(self) -> tuple[int, float, float]:
        """The next event: its seq, when it was sent and how long the sender waited."""
        if self.kind == "podium":
            command = "reopen_list" if self.closed else "close_list"
            self.closed = not self.closed
            started = time.perf_counter()
            answer = self.post(self.commands, {"type": command})
            waited = time.perf_counter() - started
            self.seq = int(answer["seq"])
            return self.seq, started, waited
        self.seq += 1
        kind = "list_closed" if self.seq % 2 else "list_opened"
        started = time.perf_counter()
        self.get(f"/publish?seq={self.seq}&type={kind}")
        return self.seq, started, time.perf_counter() - started

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT)
        try:
            headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.chair}"}
            connection.request("POST", path, json.dumps(body), headers)
            response = connection.getresponse()
            data: dict[str, Any] = json.loads(response.read())
            timing = re.search(r"app;dur=([\d.]+)", response.getheader("Server-Timing") or "")
            if timing:
                self.server_times.append(float(timing.group(1)) / 1000)
            if response.status != 200:
                raise SystemExit(f"the command was refused: {data}")
            return data
        finally:
            connection.close()

    def get(self, path: str) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT)
        try:
            connection.request("GET", path)
            connection.getresponse().read()
        finally:
            connection.close()

    def pauses(self, since: float) -> list[tuple[float, int, float]]:
        return [each for each in self.collected if each[0] >= since]


@contextlib.contextmanager
def server(kind: str, opened: bool = True) -> Iterator[Server]:
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        collections = Path(folder) / "collections.json"
        env = {**os.environ, "PODIUM_ADMIN_TOKEN": ADMIN, "PODIUM_FEEDS_PER_ADDRESS": "1000000"}
        env.pop("PODIUM_DATABASE_URL", None)
        command = [sys.executable, __file__, "--serve", kind, str(port), folder, str(collections)]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        running = Server(kind, port, process, collections)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/openapi.json" if kind == "podium" else f"{base}/ready", process)
            if kind == "podium":
                request = urllib.request.Request(
                    f"{base}/api/meetings",
                    data=NOTE.read_bytes(),
                    headers={"Content-Type": "text/markdown", "Authorization": f"Bearer {ADMIN}"},
                    method="POST",
                )
                with urllib.request.urlopen(request, timeout=60) as response:
                    created = json.loads(response.read())
                links = created["links"]
                running.tokens = {role: str(link).rsplit("/", 1)[1] for role, link in links.items()}
                running.chair = running.tokens["chair"]
                running.meeting = str(created["id"])
                running.commands = f"/api/meetings/{created['id']}/commands"
                if opened:
                    opening = running.post(running.commands, {"type": "open_meeting"})
                    running.seq = int(opening["seq"])
                running.path = f"/api/meetings/{created['id']}/feed?after={running.seq}"
            yield running
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            with contextlib.suppress(OSError, ValueError):
                kept = json.loads(collections.read_text())
                running.collected = [(float(t), int(g), float(p)) for t, g, p in kept]


def serve_one(kind: str, port: int, folder: str, collections: str) -> None:
    """Runs one of the servers in this process (the bench starts each so)."""
    record_collections(collections)
    if kind == "starlette":
        install_uvloop()
        starlette_server(port)
    elif kind == "websockets":
        install_uvloop()
        websockets_server(port)
    else:
        from podium.cli import main as podium

        sys.argv = ["podium", "serve", "--port", str(port), "--data", folder]
        podium()


def run(kind: str, size: int, behind: int = 0) -> Figures:
    figures = Figures()
    with server(kind) as running:
        if kind == "podium":
            for _i in range(COMMANDS // 4):
                figures.commands_alone.append(running.send()[2])
            # The clients open the feed where the meeting is, as a page just loaded does (or
            # ``behind`` events before, as a hall coming back after a restart).
            after = max(0, running.seq - behind)
            running.path = f"/api/meetings/{running.meeting}/feed?after={after}"
        clients = Clients(running.port, running.path, kind, size)
        try:
            first = running.seq + 1
            before = rss_kb(running.process.pid)
            figures.connect = clients.connect()
            time.sleep(1.5)  # idle: the server has settled (and frozen what it holds)
            figures.kb_per_connection = (rss_kb(running.process.pid) - before) / size
            window = time.perf_counter()
            for _round in range(ROUNDS):
                seq, sent, _waited = running.send()
                for times in clients.ask("arrived", seq):
                    figures.latencies += [arrival - sent for arrival in times]
                time.sleep(0.2)
            if kind == "podium":
                running.server_times.clear()
                for _i in range(COMMANDS):  # each one on its own, with its own fan-out
                    seq, _sent, waited = running.send()
                    figures.commands.append(waited)
                    clients.ask("arrived", seq)
                figures.commands_server = list(running.server_times)
                for pipe in clients.pipes:
                    pipe.send(("storm",))
                for _i in range(STORM_COMMANDS):
                    running.send()
                    time.sleep(0.05)
                figures.storm = clients.collect_span()
                seq = running.send()[0]
                clients.ask("arrived", seq)
                lost_doubled = clients.ask("check", first, seq)
                figures.lost = sum(lost for lost, _d in lost_doubled)
                figures.doubled = sum(doubled for _l, doubled in lost_doubled)
        finally:
            clients.close()
    pauses = running.pauses(window)
    figures.longest_gc = max((pause for _t, _g, pause in pauses), default=0.0) * 1000
    figures.full_gcs = sum(1 for _t, generation, _p in pauses if generation == 2)
    return figures


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def say(line: str) -> None:
    print(line, flush=True)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


@dataclass
class Medians:
    """Each figure of one server at one size: the median of its runs."""

    connect: float
    p50: float
    p99: float
    most: float
    kb: float
    gc: float
    full: int

    @classmethod
    def of(cls, runs: list[Figures]) -> Medians:
        return cls(
            connect=median([run.connect for run in runs]),
            p50=median([run.percentile(0.5) for run in runs]),
            p99=median([run.percentile(0.99) for run in runs]),
            most=median([run.percentile(1.0) for run in runs]),
            kb=median([run.kb_per_connection for run in runs]),
            gc=median([run.longest_gc for run in runs]),
            full=max(run.full_gcs for run in runs),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, action="append", help="clients (repeatable)")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs of each server per size")
    parser.add_argument(
        "--servers", default=",".join(SERVERS), help="which of podium,starlette,websockets"
    )
    parser.add_argument(
        "--behind", type=int, default=0, help="Podium's clients open the feed this many events back"
    )
    parser.add_argument("--serve", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    raise_file_limit()
    if args.serve:
        kind, port, folder, collections = args.serve
        serve_one(kind, int(port), folder, collections)
        return
    sizes = args.clients or [1000, 5000, 10_000]
    kinds = [kind for kind in SERVERS if kind in args.servers.split(",")]
    say(f"each figure the median of {args.repeat} run(s)")
    say(
        f"{'clients':>8} {'server':>10} {'connect s':>9} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'max ms':>8} {'KB/conn':>8} {'GC max ms':>9} {'full GCs':>8}"
    )
    for size in sizes:
        runs: dict[str, list[Figures]] = {kind: [] for kind in kinds}
        for _run in range(args.repeat):
            for kind in kinds:  # in turns, so that a slow minute falls on every server
                runs[kind].append(run(kind, size, args.behind))
        medians = {kind: Medians.of(figures) for kind, figures in runs.items()}
        for kind, each in medians.items():
            say(
                f"{size:>8} {kind:>10} {each.connect:>9.2f} {each.p50:>8.1f} {each.p99:>8.1f}"
                f" {each.most:>8.1f} {each.kb:>8.1f} {each.gc:>9.1f} {each.full:>8}"
            )
        if "podium" not in runs:
            continue
        podium_runs = runs["podium"]
        if "websockets" in medians:
            ours, bare = medians["podium"], medians["websockets"]
            say(
                f"{size:>8} {'÷websockets':>10} {ours.connect / bare.connect:>9.2f}"
                f" {ours.p50 / bare.p50:>8.2f} {ours.p99 / bare.p99:>8.2f}"
                f" {ours.most / bare.most:>8.2f} {ours.kb / max(bare.kb, 0.1):>8.2f}"
            )
        commands = [each for figures in podium_runs for each in figures.commands]
        served = [each for figures in podium_runs for each in figures.commands_server]
        alone = [each for figures in podium_runs for each in figures.commands_alone]
        say(
            f"{size:>8} the Chair's command with every client connected ({len(commands)}"
            f" commands): p50 {percentile(commands, 0.5):.1f} ms,"
            f" p99 {percentile(commands, 0.99):.1f} ms, max {percentile(commands, 1.0):.1f} ms"
            f" at the Chair's client; the server's own time p50"
            f" {percentile(served, 0.5):.1f} ms, p99 {percentile(served, 0.99):.1f} ms"
            f" (with no client connected: p50 {percentile(alone, 0.5):.1f} ms,"
            f" p99 {percentile(alone, 0.99):.1f} ms)"
        )
        say(
            f"{size:>8} reconnect storm with Last-Event-ID:"
            f" {median([each.storm for each in podium_runs]):.2f} s (median),"
            f" {sum(each.lost for each in podium_runs)} events lost,"
            f" {sum(each.doubled for each in podium_runs)} received twice"
        )


if __name__ == "__main__":
    main()
