"""Appends to a log as fast as it can, printing each confirmed seq; run by test_crash.py.

Usage: crash_writer.py TARGET SCHEMA MEETING
"""

from __future__ import annotations

import json
import sys

from podium.store import open_store


def main() -> None:
    target, schema, meeting = sys.argv[1:4]
    store = open_store(target, schema=schema)
    seq = store.last_seq(meeting)
    while True:
        stored = store.append(meeting, seq, [json.dumps({"type": "Tick", "v": 1, "n": seq + 1})])
        seq = stored[-1].seq
        # Printed only once the append returned, so every line is a promise kept on disk.
        sys.stdout.write(f"{seq}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
