"""Fan-out of the live feed: how long until every connected client has the Chair's event.

N clients hold the SSE feed of one meeting on a real ``podium serve``; the
Chair sends a command; each client notes when the event reaches it. The same
run measures a bare baseline (a minimal Starlette SSE broadcaster on uvicorn,
defined below) with the same clients, and prints both and their ratio, and
the server's memory per idle connection.

    python bench/fanout.py                 # 1,000 and 5,000 clients
    python bench/fanout.py --clients 2000  # one size
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE = ROOT / "podium" / "examples" / "cstd27-2024-panel-global-cooperation-sti.md"
ADMIN = "bench-admin-token-0123456789"
BATCH = 250


def raise_file_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, 65536), hard))


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
    deadline = time.monotonic() + 30
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


# -- the baseline: a bare SSE broadcaster ------------------------------------------


def baseline_server(port: int) -> None:
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

        async def stream() -> AsyncIterator[bytes]:
            try:
                yield b"retry: 2000\n\n"
                while True:
                    yield await queue.get()
            finally:
                queues.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream")

    async def publish(request: Request) -> Response:
        frame = b"id: 1\nevent: list_closed\ndata: " + await request.body() + b"\n\n"
        for queue in queues:
            queue.put_nowait(frame)
        return Response(b"{}", media_type="application/json")

    async def ready(request: Request) -> Response:
        return Response(b"ok")

    app = Starlette(
        routes=[
            Route("/feed", feed),
            Route("/publish", publish, methods=["POST"]),
            Route("/ready", ready),
        ]
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", backlog=8192)


# -- the clients -------------------------------------------------------------------


class Client:
    """One SSE connection over a raw asyncio stream."""

    def __init__(self) -> None:
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def connect(self, port: int, path: str) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", port)
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        await self.writer.drain()
        await self.reader.readuntil(b"retry: 2000\n\n")

    async def wait_for(self, marker: bytes, started: list[float]) -> float:
        assert self.reader is not None
        await self.reader.readuntil(marker)
        return time.perf_counter() - started[0]

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def measure(port: int, path: str, clients: int, send: object, pid: int) -> dict[str, float]:
    before = rss_kb(pid)
    connected: list[Client] = []
    for start in range(0, clients, BATCH):
        batch = [Client() for _i in range(min(BATCH, clients - start))]
        await asyncio.gather(*(c.connect(port, path) for c in batch))
        connected += batch
    await asyncio.sleep(1.0)
    after = rss_kb(pid)
    started = [0.0]
    waits = [asyncio.ensure_future(c.wait_for(b"event: list_closed\n", started)) for c in connected]
    await asyncio.sleep(0.2)
    started[0] = time.perf_counter()
    await asyncio.to_thread(send)  # type: ignore[arg-type]
    times = sorted(await asyncio.gather(*waits))
    for client in connected:
        client.close()
    await asyncio.sleep(0.5)
    return {
        "p50": statistics.median(times) * 1000,
        "p99": times[min(len(times) - 1, int(len(times) * 0.99))] * 1000,
        "max": times[-1] * 1000,
        "kb_per_connection": (after - before) / clients,
    }


@contextlib.contextmanager
def podium_with_meeting() -> Iterator[tuple[int, str, dict[str, str], int]]:
    """A real ``podium serve`` on SQLite with the 2024 panel: port, meeting, tokens, pid."""
    port = free_port()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "PODIUM_ADMIN_TOKEN": ADMIN}
        env["PODIUM_FEEDS_PER_ADDRESS"] = "1000000"  # every client here comes from 127.0.0.1
        env.pop("PODIUM_DATABASE_URL", None)
        command = [sys.executable, "-c", "from podium.cli import main; main()", "serve"]
        command += ["--port", str(port), "--data", data]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/openapi.json", process)
            created = post(f"{base}/api/meetings", NOTE.read_bytes(), "text/markdown", ADMIN)
            links = created["links"]
            assert isinstance(links, dict)
            tokens = {role: str(link).rsplit("/", 1)[1] for role, link in links.items()}
            yield port, str(created["id"]), tokens, process.pid
        finally:
            process.terminate()
            process.wait(timeout=20)


def run_podium(clients: int) -> dict[str, float]:
    with podium_with_meeting() as (port, meeting, tokens, pid):
        commands = f"http://127.0.0.1:{port}/api/meetings/{meeting}/commands"
        post(commands, b'{"type": "open_meeting"}', "application/json", tokens["chair"])
        seq = 2

        def send() -> None:
            post(commands, b'{"type": "close_list"}', "application/json", tokens["chair"])

        path = f"/api/meetings/{meeting}/feed?after={seq}"
        return asyncio.run(measure(port, path, clients, send, pid))


def run_baseline(clients: int) -> dict[str, float]:
    port = free_port()
    command = [sys.executable, __file__, "--baseline-server", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/ready", process)

        def send() -> None:
            post(f"{base}/publish", b'{"type":"list_closed"}', "application/json")

        return asyncio.run(measure(port, "/feed", clients, send, process.pid))
    finally:
        process.terminate()
        process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, action="append", help="clients (repeatable)")
    parser.add_argument("--baseline-server", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    raise_file_limit()
    if args.baseline_server:
        baseline_server(args.baseline_server)
        return
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    sizes = args.clients or [1000, 5000]
    print(f"{'clients':>8} {'server':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'KB/conn':>8}")
    for size in sizes:
        podium = run_podium(size)
        baseline = run_baseline(size)
        for name, figures in (("podium", podium), ("baseline", baseline)):
            print(
                f"{size:>8} {name:>9} {figures['p50']:>8.1f} {figures['p99']:>8.1f}"
                f" {figures['max']:>8.1f} {figures['kb_per_connection']:>8.1f}"
            )
        print(
            f"{size:>8} {'ratio':>9} {podium['p50'] / baseline['p50']:>8.2f}"
            f" {podium['p99'] / baseline['p99']:>8.2f} {podium['max'] / baseline['max']:>8.2f}"
        )


if __name__ == "__main__":
    main()
