"""Pages and the live state as the meeting grows: 200, 2,000 and 20,000 events.

Three meetings of the 2024 panel are grown through the real core into one
SQLite log (``tests/support/growth.py``: forty delegates, then round after
round of a request, the floor, a tag and the end of the speech, with two
requests waiting and a speech under way at the end). A real ``podium serve``
on that log then serves every page and ``/state``, each fetched in turn
through one kept-alive connection as its reader would (with the role's
token); the figures are the median time of a fetch, its bytes and its bytes
gzipped on the wire, beside the same page of the 200-event meeting measured
in the same run, and the ratio.

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


def measure(base: str, path: str, token: str | None, fetches: int) -> tuple[float, int, int]:
    """Median milliseconds of a fetch, its bytes, and its bytes gzipped as sent."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    times = []
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        plain = client.get(path, headers={"Accept-Encoding": "identity"})
        plain.raise_for_status()
        zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
        wire = zipped.num_bytes_downloaded
        for _n in range(fetches):
            started = time.perf_counter()
            response = client.get(path, headers={"Accept-Encoding": "gzip"})
            response.read()
            times.append(time.perf_counter() - started)
            response.raise_for_status()
    return statistics.median(times) * 1000, len(plain.content), wire


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
            results = {
                (name, size): measure(
                    server.base_url,
                    path.format(m=made[size][0]),
                    made[size][1].get(role) if role else None,
                    args.fetches,
                )
                for size in sizes
                for name, path, role in TARGETS
            }
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
