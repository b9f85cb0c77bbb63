"""Every phone up to date: from the Chair's command to the last phone showing what changed.

What a phone does in the room: it holds the meeting's feed with ``?view=me``,
and after each event reads the ``live`` frame that follows it (its page's
regions, drawn once for every phone); a phone whose own places in the list
moved up writes its new places itself, and one whose requests changed
(``self``) fetches its page, as ``live.js`` does. N registered
participants, 30 of them waiting in the list, do that against a real
``podium serve``; the figure is the time from the Chair's command to each
phone being current. The baseline, in the same run on the same server with
the same phones, is a bare SSE feed: the time for the event alone to reach
each phone. For comparison, the same phones fetching their whole page on
each event (what ``live.js`` did before the feed carried the regions).

The phones are simulated in one process; on the day each is a device of its
own. So a phone's time is when its bytes arrived plus its own work (reading
the frame, and the page it fetches, if any), timed for that phone alone, not
the time it waited for the other simulated phones' work. The bare feed and
the regions take turns over ``--rounds`` events (5) each; each figure is the
median of the rounds'.

    .venv/bin/python bench/page_refresh.py                 # 500 phones
    .venv/bin/python bench/page_refresh.py --phones 200 --phones 1000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import time
import urllib.request
from collections.abc import Callable

from fanout import podium_with_meeting, post, raise_file_limit

BATCH = 100
LIVE = b"event: live\ndata: "
SELF = re.compile(rb'data-self="([^"]*)" data-participant="([^"]*)"')


def ended(data: bytes, start: bytes) -> bool:
    """Whether ``data`` (the body as sent, in HTTP chunks) holds a frame that begins with
    ``start`` and has ended (the blank line after it)."""
    at = data.rfind(start)
    return at >= 0 and b"\n\n" in data[at:]


def moved(was: str, now: str) -> bool:
    """As ``live.js``: the same requests, only their places changed (written in place)."""
    a, b = was.split("|"), now.split("|")
    if a[:3] != b[:3]:
        return False
    before = [pair.split(":")[0] for pair in a[3].split(",") if pair]
    return before == [pair.split(":")[0] for pair in b[3].split(",") if pair]


class Phone:
    """A participant's phone: one connection holding the feed, one fetching pages."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.feed: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.page: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.key = ""  # what its own region is drawn from, as its page said
        self.participant = ""
        self.fetched = 0
        self.buffer = b""

    async def connect(self, port: int, feed_path: str) -> None:
        if self.feed is not None:
            self.feed[1].close()
        self.feed = await asyncio.open_connection("127.0.0.1", port)
        self.feed[1].write(
            f"GET {feed_path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        await self.feed[1].drain()
        await self.feed[0].readuntil(b"retry: 2000\n\n")
        self.buffer = b""
        if self.page is None:
            self.page = await asyncio.open_connection("127.0.0.1", port)

    async def until(self, done: Callable[[bytes], bool]) -> bytes:
        """Reads what the feed sends, a chunk at a time as a browser's EventSource does,
        until ``done`` says it has all it waits for (the same reading, whatever the feed)."""
        assert self.feed is not None
        while not done(self.buffer):
            chunk = await self.feed[0].read(65536)
            if not chunk:
                raise SystemExit("a feed ended")
            self.buffer += chunk
        data, self.buffer = self.buffer, b""
        return data

    async def next_event(self) -> bytes:
        """The feed up to the end of the next event (a heartbeat comment is no event)."""
        return await self.until(lambda data: ended(data, b"id: "))

    async def event(self, started: list[float], everyone: Arrivals) -> float:
        """Waits for the next event; the seconds since ``started``."""
        await self.next_event()
        arrived = time.perf_counter() - started[0]
        await everyone.arrived()
        return arrived

    async def refresh_on_event(self, path: str, started: list[float]) -> float:
        """Waits for the next event, fetches ``path``; the seconds since ``started``."""
        await self.next_event()
        await self.fetch(path)
        return time.perf_counter() - started[0]

    async def live_on_event(self, path: str, started: list[float], everyone: Arrivals) -> float:
        """Waits for the event and its regions; fetches ``path`` only if its own places
        changed. The seconds since ``started`` to its bytes, and its own work after them."""
        data = await self.until(lambda data: ended(data, LIVE))
        arrived = time.perf_counter() - started[0]
        await everyone.arrived()  # its own work, not the other phones' in this process
        working = time.perf_counter()
        live = json.loads(data.split(LIVE, 1)[1].split(b"\n", 1)[0])
        key = live["self"].get(self.participant, live["self_else"])
        if key != self.key and not moved(self.key, key):
            await self.fetch(path)
        self.key = key
        return arrived + time.perf_counter() - working

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
        body = await reader.readexactly(length)
        found = SELF.search(body)
        if found:
            self.key, self.participant = found.group(1).decode(), found.group(2).decode()
        self.fetched += 1

    def close(self) -> None:
        for pair in (self.feed, self.page):
            if pair is not None:
                pair[1].close()


class Arrivals:
    """Holds each phone's own work until every phone's bytes have arrived."""

    def __init__(self, count: int) -> None:
        self.left = count
        self.all = asyncio.Event()

    async def arrived(self) -> None:
        self.left -= 1
        if self.left == 0:
            self.all.set()
        await self.all.wait()


async def one_round(phones: list[Phone], wait: object, send: object) -> list[float]:
    """Every phone's ``wait`` for the event ``send`` makes."""
    started = [0.0]
    everyone = Arrivals(len(phones))
    waits = [
        asyncio.ensure_future(wait(p, started, everyone))  # type: ignore[operator]
        for p in phones
    ]
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


async def connect_all(phones: list[Phone], port: int, path: str) -> None:
    for start in range(0, len(phones), BATCH):
        await asyncio.gather(*(p.connect(port, path) for p in phones[start : start + BATCH]))
    await asyncio.sleep(0.5)


def medians(rounds: list[dict[str, float]]) -> dict[str, float]:
    return {name: statistics.median(r[name] for r in rounds) for name in rounds[0]}


async def measure(
    port: int, meeting: str, head: object, tokens: list[str], command: object, rounds: int
) -> dict[str, dict[str, float]]:
    phones = [Phone(token) for token in tokens]
    page = f"/m/{meeting}/me"
    feed = f"/api/meetings/{meeting}/feed?after={{}}"  # only the events to come
    bare: list[dict[str, float]] = []
    live: list[dict[str, float]] = []
    fetched = 0
    try:
        await connect_all(phones, port, feed.format(head()))  # type: ignore[operator]
        for start in range(0, len(phones), BATCH):  # each phone opened its page when it joined
            await asyncio.gather(*(p.fetch(page) for p in phones[start : start + BATCH]))
        for _round in range(rounds):
            await connect_all(phones, port, feed.format(head()))  # type: ignore[operator]
            bare.append(figures(await one_round(phones, lambda p, s, e: p.event(s, e), command)))
            path = feed.format(head()) + "&view=me&lang=en"  # type: ignore[operator]
            await connect_all(phones, port, path)
            before = sum(p.fetched for p in phones)
            times = await one_round(phones, lambda p, s, e: p.live_on_event(page, s, e), command)
            fetched += sum(p.fetched for p in phones) - before
            live.append(figures(times))
        await connect_all(phones, port, feed.format(head()))  # type: ignore[operator]
        whole = await one_round(phones, lambda p, s, e: p.refresh_on_event(page, s), command)
    finally:
        for phone in phones:
            phone.close()
    return {
        "bare": medians(bare),
        "live": {**medians(live), "fetched": fetched / rounds},
        "page": figures(whole),
    }


def run(phones: int, rounds: int) -> dict[str, dict[str, float]]:
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

        def chair(body: bytes) -> object:
            return lambda: post(url, body, "application/json", tokens["chair"])

        def head() -> int:
            with urllib.request.urlopen(f"{base}/api/meetings/{meeting}/state") as answer:
                return int(json.loads(answer.read())["seq"])

        # Each round's event moves everyone waiting up a place: the phone given the floor
        # fetches its page, the others write their new places.
        given = chair(b'{"type": "give_floor"}')
        return asyncio.run(measure(port, meeting, head, phone_tokens, given, rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, action="append", help="phones (repeatable)")
    parser.add_argument("--rounds", type=int, default=5, help="events timed in each way")
    args = parser.parse_args()
    raise_file_limit()
    print(f"{'phones':>7} {'each phone':>40} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    labels = (
        ("bare", "gets the event (bare feed: baseline)"),
        ("live", "applies the regions (as live.js does)"),
        ("page", "fetches its whole page (before)"),
    )
    for size in args.phones or [500]:
        result = run(size, args.rounds)
        for name, label in labels:
            f = result[name]
            print(f"{size:>7} {label:>40} {f['p50']:>8.1f} {f['p99']:>8.1f} {f['max']:>8.1f}")
        ratio = result["live"]["max"] / result["bare"]["max"]
        median = result["live"]["p50"] / result["bare"]["p50"]
        print(f"{size:>7} {'regions against the bare feed, p50':>40} {median:>8.2f}")
        print(f"{size:>7} {'regions against the bare feed, last':>40} {ratio:>26.2f}")
        fetched = result["live"]["fetched"]
        print(f"{size:>7} {'phones that fetched their page, a round':>40} {fetched:>8.1f}")


if __name__ == "__main__":
    main()
