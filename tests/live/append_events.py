"""Appends COUNT events to MEETING from another process; run by test_hub.py.

Usage: append_events.py TARGET SCHEMA MEETING COUNT
"""

from __future__ import annotations

import json
import sys

from podium.store import open_store


def main() -> None:
    target, schema, meeting, count = sys.argv[1:5]
    store = open_store(target, schema=schema)
    try:
        for _ in range(int(count)):
            seq = store.last_seq(meeting)
            store.append(meeting, seq, [json.dumps({"type": "Remote", "v": 1, "n": seq + 1})])
    finally:
        store.close()


if __name__ == "__main__":
    main()
