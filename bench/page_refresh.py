"""Every phone up to date: from the Chair's command to the last participant holding a fresh page.

What a phone does in the room: it holds the meeting's feed, and on an event it
fetches its own participant page again (``live.js``). N registered
participants do that against a real ``podium serve``; the figure is the time
from the Chair's command to each phone having its new page, rendered for it.
The baseline, in the same run on the same server with the same phones, fetches
a static file instead of the page: the network and HTTP cost without the
rendering, so the ratio shows what rendering a page per phone adds.

    .venv/bin/python bench/page_refresh.py                 # 200 and 1,000 phones
    .venv/bin/python bench/page_refresh.py --phones 500    # one size
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import urllib.request

from fanout import podium_with_meeting, post, raise_file_limit

from podium.web.assets import asset

BATCH = 100


class Phone:
    """A participant's phone: one connection holding the feed, one fetching pages."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.feed: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.page: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def connect(self, port: int, feed_path: str) -> None:
        self.feed = await asyncio.open_connection("127.0.0.1", port)
        self.feed[1].write(
            f"GET {feed_path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await self.feed[1].drain()
        await self.feed[0].readuntil(b"retry: 2000\n\n")
        self.page = await asyncio.open_connection("127.0.0.1", port)

    async def refresh_on_event(self, path: str, started: list[float]) -> float:
        """Waits for the next event, fetches ``path``; the seconds since ``started``."""
        assert self.feed is not None
        await self.feed[0].readuntil(b"\n\n")
        await self.fetch(path)
        return time.perf_counter() - started[0]

    async def fetch(self, path: str) -> None:
        assert self.page is not None
        reader, writer = self.page
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {self.token}\r\n\r\n".encode()
        )
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise SystemExit(f"{path}: {head.splitlines()[0].decode()}")
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        await reader.readexactly(length)

    def close(self) -> None:
        for pair in (self.feed, self.page):
            if pair is not None:
                pair[1].close()


async def one_round(phones: list[Phone], path: str, send: object) -> list[float]:
    """Every phone fetches ``path`` (with its own token) on the event ``send`` makes."""
    started = [0.0]
    waits = [asyncio.ensure_future(p.refresh_on_event(path, started)) for p in phones]
    await asyncio.sleep(0.3)
    started[0] = time.perf_counter()
    await asyncio.to_thread(send)  # type: ignore[arg-type]
    return sorted(await asyncio.gather(*waits))


def figures(times: list[float]) -> dict[str, float]:
    return {
        "p50": statistics.median(times) * 1000,
        "p99": times[min(len(times) - 1, int(len(times) * 0.99))] * 1000,
        "max": times[-1] * 1000,
    }


async def measure(
    port: int, meeting: str, seq: int, tokens: list[str], commands: list[object]
) -> dict[str, dict[str, float]]:
    phones = [Phone(token) for token in tokens]
    seq_path = f"/api/meetings/{meeting}/feed?after={seq}"  # only the events to come
    for start in range(0, len(phones), BATCH):
        await asyncio.gather(*(p.connect(port, seq_path) for p in phones[start : start + BATCH]))
    for start in range(0, len(phones), BATCH):  # each phone opened its page when it joined
        await asyncio.gather(*(p.fetch(f"/m/{meeting}/me") for p in phones[start : start + BATCH]))
    await asyncio.sleep(0.5)
    try:
        page = await one_round(phones, f"/m/{meeting}/me", commands[0])
        static = await one_round(phones, asset("podium.css"), commands[1])
    finally:
        for phone in phones:
            phone.close()
    return {"page": figures(page), "static": figures(static)}


def run(phones: int) -> dict[str, dict[str, float]]:
    with podium_with_meeting() as (port, meeting, tokens, _pid):
        base = f"http://127.0.0.1:{port}"
        people = [
            {"name": f"Delegate {n}", "delegation": f"Delegation {n}", "country": "KE"}
            for n in range(phones)
        ]
        registered = post(
            f"{base}/api/meetings/{meeting}/participants",
            json.dumps(people).encode(),
            "application/json",
            tokens["secretariat"],
        )
        found = registered["participants"]
        assert isinstance(found, list)
        phone_tokens = [str(p["link"]).rsplit("/", 1)[1] for p in found]
        url = f"{base}/api/meetings/{meeting}/commands"
        for body in (b'{"type": "open_meeting"}', b'{"type": "start_segment", "segment": 2}'):
            post(url, body, "application/json", tokens["chair"])
        # A realistic list: 30 delegations waiting, so each page shows the list and a place.
        for token in phone_tokens[:30]:
            post(url, b'{"type": "request_floor"}', "application/json", token)

        def give_floor() -> None:
            post(url, b'{"type": "give_floor"}', "application/json", tokens["chair"])

        def pause() -> None:
            post(url, b'{"type": "pause_speech"}', "application/json", tokens["chair"])

        with urllib.request.urlopen(f"{base}/api/meetings/{meeting}/state") as answer:
            seq = int(json.loads(answer.read())["seq"])
        return asyncio.run(measure(port, meeting, seq, phone_tokens, [give_floor, pause]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, action="append", help="phones (repeatable)")
    args = parser.parse_args()
    raise_file_limit()
    print(f"{'phones':>7} {'each fetches':>22} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for size in args.phones or [200, 1000]:
        result = run(size)
        for name, label in (("page", "its own page"), ("static", "a static file (baseline)")):
            f = result[name]
            print(f"{size:>7} {label:>22} {f['p50']:>8.1f} {f['p99']:>8.1f} {f['max']:>8.1f}")
        ratio = result["page"]["max"] / result["static"]["max"]
        print(f"{size:>7} {'ratio of the last':>22} {ratio:>26.2f}")


if __name__ == "__main__":
    main()
