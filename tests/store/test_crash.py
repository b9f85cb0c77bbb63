"""kill -9 loses nothing: every append a writer had confirmed is in the log."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from tests.store.places import LogPlace

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).parents[2]


def test_every_confirmed_append_survives_a_kill_9(place: LogPlace) -> None:
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), place.target, place.schema, "crash"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert writer.stdout is not None
    confirmed: list[int] = []
    try:
        for line in writer.stdout:
            confirmed.append(int(line))
            if len(confirmed) >= 150:
                break
        writer.send_signal(signal.SIGKILL)
        # Lines already printed before the kill are confirmations too.
        rest, errors = writer.communicate(timeout=30)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    confirmed += [int(line) for line in rest.split()]
    assert writer.returncode == -signal.SIGKILL, errors
    assert confirmed == list(range(1, len(confirmed) + 1))

    store = place.open()
    try:
        logged = [event.seq for event in store.read("crash")]
        last = store.last_seq("crash")
    finally:
        store.close()
    assert logged[: len(confirmed)] == confirmed
    # At most the one append in flight at the kill may be there unconfirmed.
    assert len(logged) - len(confirmed) in (0, 1)
    assert last == len(logged)
