"""Several processes on PostgreSQL: the Chair's command to every SSE client, with the clients
spread over ``podium serve --workers 2``, beside one ``podium serve`` on the same database in
the same run.

    .venv/bin/python bench/workers.py                   # 2,000 clients
    .venv/bin/python bench/workers.py --clients 10000   # as many as the descriptors allow

The clients are those of ``bench/fanout.py``: raw asyncio connections in two
processes of their own, at a lower priority, each noting (on the machine's
monotonic clock, the same in every process) when each event reaches it. The
Chair sends ``--commands`` commands, each once the one before has reached every
client; a command's delivery time is from just before it was sent to its
arrival at a client. Both servers run on the PostgreSQL at
``PODIUM_TEST_POSTGRES_URL`` (or ``--database-url``), each in a schema of its
own dropped at the end; each runs ``--repeat`` times (3), in turns, and each
figure is the median of its runs.
"""

from __future__ import annotations

import argparse
import json
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
from fanout import Clients
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


def measure(server: Server, clients: int, commands: int) -> dict[str, float]:
    """Every client on the feed, then ``commands`` commands, each once the one before has
    reached every client: connect time, p50 / p99 / max from just before each command is
    sent to its arrival at each client, and the events lost or received twice."""
    meeting, chair = server.meeting()
    opened = server.command(meeting, chair, "open_meeting")
    hall = Clients(server.port, f"/api/meetings/{meeting}/feed?after={opened}", "podium", clients)
    delays: list[float] = []
    try:
        connect_seconds = hall.connect()
        time.sleep(1.5)  # idle: the servers have settled (and frozen what they hold)
        first = last = 0
        for n in range(commands):
            before = time.perf_counter()
            last = server.command(meeting, chair, "close_list" if n % 2 == 0 else "reopen_list")
            first = first or last
            for times in hall.ask("arrived", last):
                delays += [(at - before) * 1000 for at in times]
            time.sleep(0.2)
        lost_doubled = hall.ask("check", first, last)
    except SystemExit as error:
        said = server.log_path.read_text(errors="replace").strip().splitlines()[-3:]
        raise RuntimeError(f"{error} (server: {' / '.join(said)})") from None
    finally:
        hall.close()
    delays.sort()
    return {
        "connect_s": connect_seconds,
        "p50_ms": statistics.median(delays),
        "p99_ms": delays[min(len(delays) - 1, int(len(delays) * 0.99))],
        "max_ms": delays[-1],
        "lost": float(sum(lost for lost, _doubled in lost_doubled)),
        "doubled": float(sum(doubled for _lost, doubled in lost_doubled)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--commands", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
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
    runs: dict[str, list[dict[str, float]]] = {}
    refused: dict[str, str] = {}
    for _run in range(options.repeat):
        for label, workers in (("one process (baseline)", 1), ("--workers 2", 2)):
            if label in refused:
                continue
            with tempfile.TemporaryDirectory() as folder:
                server = Server(options.database_url, workers, Path(folder))
                try:
                    runs.setdefault(label, []).append(
                        measure(server, options.clients, options.commands)
                    )
                except RuntimeError as error:  # e.g. one process's cap on feeds reached
                    refused[label] = str(error)
                finally:
                    server.stop()
    for label, message in refused.items():
        print(f"  {label:<24} {message}")
    for label, each in runs.items():
        if label in refused:
            continue
        figures = {name: statistics.median(run[name] for run in each) for name in each[0]}
        figures["lost"] = sum(run["lost"] for run in each)
        figures["doubled"] = sum(run["doubled"] for run in each)
        print(
            f"  {label:<24} connect {figures['connect_s']:6.2f} s   p50 {figures['p50_ms']:7.1f} ms"
            f"   p99 {figures['p99_ms']:7.1f} ms   max {figures['max_ms']:7.1f} ms"
            f"   lost {figures['lost']:.0f}, doubled {figures['doubled']:.0f}"
        )


if __name__ == "__main__":
    main()
