"""A flood on 127.0.0.1: token-less feeds and bad commands, with the Chair timed meanwhile.

``run_flood`` opens ``feeds`` token-less feeds (keeping those the server
accepts open) and sends ``commands`` bad commands (half with an unknown
token, half a participant withdrawing requests that do not exist), at most
``concurrency`` at a time, in a thread of its own; meanwhile the caller's
thread sends Chair commands and times them. Everything is bounded in count
and in time.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx


@dataclass
class Flood:
    feeds: Counter[int] = field(default_factory=Counter)
    commands: Counter[int] = field(default_factory=Counter)
    retry_after: set[str] = field(default_factory=set)
    done: threading.Event = field(default_factory=threading.Event)


async def _status(reader: asyncio.StreamReader) -> tuple[int, str]:
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
    status = int(head.split(b" ", 2)[1])
    retry = ""
    for line in head.decode("latin-1").split("\r\n"):
        if line.lower().startswith("retry-after:"):
            retry = line.split(":", 1)[1].strip()
    return status, retry


async def _feed(port: int, path: str, flood: Flood, held: list[asyncio.StreamWriter]) -> None:
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        await writer.drain()
        status, retry = await _status(reader)
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
        flood.feeds[0] += 1  # refused at the socket: counted apart
        return
    flood.feeds[status] += 1
    if retry:
        flood.retry_after.add(retry)
    if status == 200:
        held.append(writer)
    else:
        writer.close()


async def _command(port: int, path: str, token: str, body: bytes, flood: Flood) -> None:
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            ).encode()
            + body
        )
        await writer.drain()
        status, _retry = await _status(reader)
        writer.close()
    except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
        status = 0
    flood.commands[status] += 1


async def _flood(
    port: int, meeting: str, participant: str, feeds: int, commands: int, concurrency: int
) -> Flood:
    flood = Flood()
    held: list[asyncio.StreamWriter] = []
    gate = asyncio.Semaphore(concurrency)
    feed_path = f"/api/meetings/{meeting}/feed"
    command_path = f"/api/meetings/{meeting}/commands"

    async def bounded(job: object) -> None:
        async with gate:
            await job  # type: ignore[misc]

    jobs = []
    for n in range(max(feeds, commands)):
        if n < feeds:
            jobs.append(bounded(_feed(port, feed_path, flood, held)))
        if n < commands:
            body = json.dumps({"type": "withdraw_request", "request_id": 900_000 + n}).encode()
            token = participant if n % 2 else f"not-a-token-{n}"
            jobs.append(bounded(_command(port, command_path, token, body, flood)))
    await asyncio.gather(*jobs)
    for writer in held:
        writer.close()
    return flood


def run_flood(
    port: int,
    meeting: str,
    participant: str,
    *,
    feeds: int = 2000,
    commands: int = 2000,
    concurrency: int = 200,
) -> tuple[threading.Thread, list[Flood]]:
    """Starts the flood in a thread; the list gets its tally when it is over."""
    result: list[Flood] = []

    def run() -> None:
        result.append(asyncio.run(_flood(port, meeting, participant, feeds, commands, concurrency)))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, result


def chair_latencies(
    base_url: str, meeting: str, chair: str, *, until: threading.Thread | None, count: int
) -> list[float]:
    """Seconds per Chair command (closing and reopening the list), ``count`` of them at least,
    and as long as ``until`` runs (at most 60 s)."""
    seconds: list[float] = []
    stop = time.monotonic() + 60
    with httpx.Client(
        base_url=base_url, headers={"Authorization": f"Bearer {chair}"}, timeout=30
    ) as client:
        while time.monotonic() < stop and (
            len(seconds) < count or (until is not None and until.is_alive())
        ):
            kind = "close_list" if len(seconds) % 2 == 0 else "reopen_list"
            started = time.perf_counter()
            response = client.post(f"/api/meetings/{meeting}/commands", json={"type": kind})
            seconds.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise AssertionError(f"the Chair's {kind} got {response.status_code}")
    return seconds


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]
