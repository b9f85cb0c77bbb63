"""Several processes on PostgreSQL: the Chair's command to every SSE client, with the clients
spread over ``podium serve --workers 2``, beside one ``podium serve`` on the same database in
the same run.

    .venv/bin/python bench/workers.py                   # 2,000 clients
    .venv/bin/python bench/workers.py --clients 10000   # as many as the descriptors allow

The clients are raw asyncio connections in two processes of their own, each
reading its feed and noting (on the machine's monotonic clock, the same in
every process) when each event reaches it. The Chair sends ``--commands``
commands, one a second; a command's delivery time is from just before it was
sent to its arrival at a client. Both servers run on the PostgreSQL at
``PODIUM_TEST_POSTGRES_URL`` (or ``--database-url``), each in a schema of its
own dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
NOTE = ROOT / "podium" / "examples" / "cstd27-2024-panel-global-cooperation-sti.md"
ADMIN = "bench-admin-token-workers-0123456789"
CLIENT_PROCESSES = 2
OPENING = 200  # connections opened at once by each client process


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _more_descriptors() -> int:
    """As many descriptors as 10,000 feeds in one process need (the server's own cap on feeds
    is half of what its limit leaves): the hard limit too, where this user may raise it."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (65536, max(65536, hard)))
        return 65536
    except (ValueError, OSError):
        wanted = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        return wanted


def _call(method: str, url: str, token: str, body: bytes, kind: str) -> Any:
    request = urllib.request.Request(
        url,
        data=body,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": kind},
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


class Server:
    """A ``podium serve`` of its own on a PostgreSQL schema of its own."""

    def __init__(self, database: str, workers: int, folder: Path) -> None:
        self.database = database
        self.schema = f"podium_bench_{uuid.uuid4().hex[:8]}"
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "PODIUM_DATABASE_URL": database,
            "PODIUM_DATABASE_SCHEMA": self.schema,
            "PODIUM_ADMIN_TOKEN": ADMIN,
            "PODIUM_FEEDS_PER_ADDRESS": "100000",
        }
        command = [sys.executable, "-c", "from podium.cli import main; main()", "serve"]
        command += ["--port", str(self.port), "--data", str(folder), "--workers", str(workers)]
        self.log_path = folder / "server.log"
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            command,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/openapi.json", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"podium serve --workers {workers} did not answer")

    def meeting(self) -> tuple[str, str]:
        made = _call("POST", f"{self.base}/api/meetings", ADMIN, NOTE.read_bytes(), "text/markdown")
        chair: str = made["links"]["chair"].rsplit("/", 1)[-1]
        return made["id"], chair

    def command(self, meeting: str, chair: str, kind: str) -> int:
        done = _call(
            "POST",
            f"{self.base}/api/meetings/{meeting}/commands",
            chair,
            json.dumps({"type": kind}).encode(),
            "application/json",
        )
        seq: int = done["seq"]
        return seq

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        with psycopg.connect(self.database, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(self.schema))
            )


async def _feed(port: int, path: str, arrivals: dict[int, list[float]], ready: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    if b" 200 " not in head.split(b"\r\n", 1)[0]:
        raise RuntimeError(head.split(b"\r\n", 1)[0].decode())
    ready.append(1)
    while True:
        line = await reader.readline()
        if not line:
            return
        if line.startswith(b"id: "):
            arrivals.setdefault(int(line[4:]), []).append(time.monotonic())


def _clients(port: int, path: str, count: int, opened: Any, go: Any, out: Any) -> None:
    """One client process: ``count`` feeds, then the arrival times of each event."""
    _more_descriptors()

    async def main() -> None:
        arrivals: dict[int, list[float]] = {}
        ready: list[int] = []
        tasks = []
        for start in range(0, count, OPENING):
            for _n in range(min(OPENING, count - start)):
                tasks.append(asyncio.create_task(_feed(port, path, arrivals, ready)))
            while len(ready) < len(tasks):
                await asyncio.sleep(0.01)
                failed = [t for t in tasks if t.done() and t.exception() is not None]
                if failed:
                    raise RuntimeError(f"a feed failed: {failed[0].exception()}")
        opened.put(count)
        while not go.is_set():
            await asyncio.sleep(0.05)
        out.put(arrivals)
        for task in tasks:
            task.cancel()

    try:
        asyncio.run(main())
    except Exception as error:  # told to the parent, which stops the run
        opened.put(f"{type(error).__name__}: {error}")


def measure(server: Server, clients: int, commands: int) -> dict[str, float]:
    meeting, chair = server.meeting()
    server.command(meeting, chair, "open_meeting")
    path = f"/api/meetings/{meeting}/feed?after=2"
    context = multiprocessing.get_context("spawn")
    opened, out, done = context.Queue(), context.Queue(), context.Event()
    share = [clients // CLIENT_PROCESSES] * CLIENT_PROCESSES
    share[0] += clients - sum(share)
    started = time.monotonic()
    processes = [
        context.Process(target=_clients, args=(server.port, path, n, opened, done, out))
        for n in share
    ]
    for process in processes:
        process.start()
    arrivals: dict[int, list[float]] = {}
    sent: dict[int, float] = {}
    try:
        for _process in processes:
            told = opened.get(timeout=600)
            if isinstance(told, str):
                raise RuntimeError(f"the clients could not connect: {told}")
        connect_seconds = time.monotonic() - started
        for n in range(commands):
            time.sleep(1)
            before = time.monotonic()
            kind = "close_list" if n % 2 == 0 else "reopen_list"
            sent[server.command(meeting, chair, kind)] = before
        time.sleep(3)
        done.set()
        for _process in processes:
            for seq, times in out.get(timeout=120).items():
                arrivals.setdefault(seq, []).extend(times)
    except Exception as error:
        said = server.log_path.read_text(errors="replace").strip().splitlines()[-3:]
        raise RuntimeError(
            f"{type(error).__name__}: {error} (server: {' / '.join(said)})"
        ) from None
    finally:
        for process in processes:
            process.join(5)
            if process.is_alive():
                process.terminate()
                process.join(5)
    delays = [
        (at - sent[seq]) * 1000 for seq, times in arrivals.items() if seq in sent for at in times
    ]
    missing = clients * commands - len(delays)
    delays.sort()
    return {
        "connect_s": connect_seconds,
        "p50_ms": statistics.median(delays),
        "p99_ms": delays[int(len(delays) * 0.99) - 1],
        "max_ms": delays[-1],
        "missing": float(missing),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--commands", type=int, default=10)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "PODIUM_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
        ),
    )
    options = parser.parse_args()
    _more_descriptors()
    print(
        f"{options.clients:,} SSE clients in {CLIENT_PROCESSES} processes, "
        f"{options.commands} commands from the Chair, PostgreSQL"
    )
    results: dict[str, dict[str, float] | str] = {}
    for label, workers in (("one process (baseline)", 1), ("--workers 2", 2)):
        with tempfile.TemporaryDirectory() as folder:
            server = Server(options.database_url, workers, Path(folder))
            try:
                results[label] = measure(server, options.clients, options.commands)
            except RuntimeError as error:  # e.g. one process's cap on feeds reached
                results[label] = str(error)
            finally:
                server.stop()
    for label, figures in results.items():
        if isinstance(figures, str):
            print(f"  {label:<24} {figures}")
            continue
        print(
            f"  {label:<24} connect {figures['connect_s']:6.2f} s   p50 {figures['p50_ms']:7.1f} ms"
            f"   p99 {figures['p99_ms']:7.1f} ms   max {figures['max_ms']:7.1f} ms"
            f"   missing {figures['missing']:.0f}"
        )


if __name__ == "__main__":
    main()
