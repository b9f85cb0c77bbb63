"""Pages and the live state as the meeting grows: 200, 2,000 and 20,000 events.

Three meetings of the 2024 panel are grown through the real core into one
SQLite log (``tests/support/growth.py``: forty delegates, then round after
round of a request, the floor, a tag and the end of the speech, with two
requests waiting and a speech under way at the end). A real ``podium serve``
on that log then serves every page and ``/state``, each fetched through a
kept-alive connection of its own as its reader would (with the role's
token), all of them taking turns; the figures are the median time of a
fetch, its bytes and its bytes gzipped on the wire, beside the same page
of the 200-event meeting measured in the same run, and the ratio.

    .venv/bin/python bench/growth.py                   # 200, 2,000 and 20,000 events
    .venv/bin/python bench/growth.py --events 200 --events 5000 --fetches 30
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podium.conceptnote.reader import read_note  # noqa: E402
from podium.web.app import create_app  # noqa: E402
from tests.conftest import PANEL_2024  # noqa: E402
from tests.support.growth import grow  # noqa: E402
from tests.support.server import start_server  # noqa: E402

# What is fetched: its name, its address (``{m}`` the meeting) and whose token it carries.
TARGETS = (
    ("Chair's console", "/m/{m}/chair", "chair"),
    ("secretariat", "/m/{m}/secretariat", "secretariat"),
    ("big screen", "/m/{m}/screen", "display"),
    ("participant's phone", "/m/{m}/me", "participant"),
    ("public page", "/m/{m}", None),
    ("/state (Chair)", "/api/meetings/{m}/state", "chair"),
    ("/state (hall)", "/api/meetings/{m}/state", None),
    ("interventions, page 1", "/api/meetings/{m}/interventions", "chair"),
)


def build(data: Path, sizes: list[int]) -> dict[int, tuple[str, dict[str, str]]]:
    """Each size's meeting, grown in ``data``, with a token for each role."""
    app = create_app(str(data))
    service = app.state.service
    made = {}
    for size in sizes:
        created = service.create(read_note(PANEL_2024))
        started = time.perf_counter()
        people = grow(service, created.id, size)
        took = time.perf_counter() - started
        print(f"grew a meeting of {service.state(created.id).seq:,} events in {took:.1f} s")
        made[size] = (created.id, {**created.tokens, "participant": people[-1][1]})
    service.store.close()
    return made


def measure(
    base: str, targets: dict[tuple[str, int], tuple[str, str | None]], fetches: int
) -> dict[tuple[str, int], tuple[float, int, int]]:
    """For each target: the median milliseconds of a fetch, its bytes, and its bytes gzipped
    as sent. The fetches take turns (one of each target, then again), so that whatever else
    the machine does weighs on every size alike."""
    clients = {
        key: httpx.Client(
            base_url=base,
            headers={"Authorization": f"Bearer {token}"} if token else {},
            timeout=120,
        )
        for key, (_path, token) in targets.items()
    }
    sizes: dict[tuple[str, int], tuple[int, int]] = {}
    times: dict[tuple[str, int], list[float]] = {key: [] for key in targets}
    try:
        for key, (path, _token) in targets.items():
            plain = clients[key].get(path, headers={"Accept-Encoding": "identity"})
            plain.raise_for_status()
            zipped = clients[key].get(path, headers={"Accept-Encoding": "gzip"})
            sizes[key] = (len(plain.content), zipped.num_bytes_downloaded)
        for _n in range(fetches):
            for key, (path, _token) in targets.items():
                started = time.perf_counter()
                response = clients[key].get(path, headers={"Accept-Encoding": "gzip"})
                response.read()
                times[key].append(time.perf_counter() - started)
                response.raise_for_status()
    finally:
        for client in clients.values():
            client.close()
    return {key: (statistics.median(times[key]) * 1000, *sizes[key]) for key in targets}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append", help="a meeting's size")
    parser.add_argument("--fetches", type=int, default=20, help="fetches of each, timed")
    args = parser.parse_args()
    sizes = sorted(args.events or [200, 2_000, 20_000])
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        made = build(data, sizes)
        server = start_server(data)
        try:
            targets = {
                (name, size): (
                    path.format(m=made[size][0]),
                    made[size][1].get(role) if role else None,
                )
                for size in sizes
                for name, path, role in TARGETS
            }
            results = measure(server.base_url, targets, args.fetches)
        finally:
            server.stop()
    first = sizes[0]
    print(
        f"{'':24}{'events':>8}{'ms':>8}{'bytes':>10}{'gzip':>9}"
        f"   baseline: {first:,} events{'ms':>8}{'bytes':>10}   ratio ms, bytes"
    )
    for name, _path, _role in TARGETS:
        base_ms, base_bytes, _wire = results[(name, first)]
        for size in sizes:
            ms, size_bytes, wire = results[(name, size)]
            print(
                f"{name:24}{size:>8,}{ms:>8.1f}{size_bytes:>10,}{wire:>9,}"
                f"{'':23}{base_ms:>8.1f}{base_bytes:>10,}"
                f"   {ms / base_ms:.2f}x, {size_bytes / base_bytes:.2f}x"
            )


if __name__ == "__main__":
    main()
