"""The Chair's command under a flood: 2,000 token-less feeds and 2,000 bad commands.

A real ``podium serve`` on SQLite; the Chair closes and reopens the list of
speakers, timed, first with nothing else going on (the same run's baseline),
then while the flood hits the server from 127.0.0.1. Prints the median and
the 95th percentile of both and how the flood was answered.

    .venv/bin/python bench/flood.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import PANEL_2024  # noqa: E402
from tests.support.flood import chair_latencies, p95, run_flood  # noqa: E402
from tests.support.server import start_server  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as data:
        server = start_server(Path(data))
        try:
            meeting = server.create_meeting(PANEL_2024)
            server.command(meeting, meeting.chair_token, {"type": "open_meeting"})
            (person,) = server.register(meeting, [{"name": "Ms. Flood"}])
            participant = person["link"].rsplit("/", 1)[-1]
            quiet = chair_latencies(
                server.base_url, meeting.id, meeting.chair_token, until=None, count=100
            )
            thread, result = run_flood(server.port, meeting.id, participant)
            busy = chair_latencies(
                server.base_url, meeting.id, meeting.chair_token, until=thread, count=20
            )
            thread.join(120)
        finally:
            server.stop()
    (flood,) = result
    print("Chair command (close or reopen the list), milliseconds")
    print(f"{'':24}{'median':>10}{'p95':>10}{'n':>6}")
    for label, values in (("baseline, no flood", quiet), ("under the flood", busy)):
        median, high = statistics.median(values) * 1000, p95(values) * 1000
        print(f"{label:24}{median:10.1f}{high:10.1f}{len(values):6}")
    print(f"feeds answered: {dict(sorted(flood.feeds.items()))}")
    print(f"bad commands answered: {dict(sorted(flood.commands.items()))}")


if __name__ == "__main__":
    main()
