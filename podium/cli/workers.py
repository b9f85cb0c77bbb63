"""``podium serve --workers N``: N processes answering on one socket, sharing a PostgreSQL log.

uvicorn's supervisor starts the processes (and starts one again should it
die); each builds its own app with ``worker_app`` from the options the parent
put in its environment. Every process holds its meetings' states, folds what
the others appended as PostgreSQL tells it (LISTEN/NOTIFY), and feeds its own
clients: a command sent to one process reaches every feed of every process.
On SQLite a process hears only of its own appends, so several are refused.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from typing import Any

from podium.web.auth import HideTokens

# Private to the parent and its workers, not a setting.
OPTIONS_VARIABLE = "_PODIUM_WORKER_OPTIONS"
HEALTHCHECK_SECONDS = 60


def worker_app() -> Any:
    """The app of one worker process, as its parent configured it."""
    from podium.cli.server import served
    from podium.web.app import create_app
    from podium.web.connections import freeze_now

    options = json.loads(os.environ[OPTIONS_VARIABLE])
    if options["access_log"]:
        logging.getLogger("uvicorn.access").addFilter(HideTokens())
    application = served(
        create_app(
            options["target"],
            admin_token=options["admin_token"],
            base_url=options["base_url"],
            allowed_hosts=options["hosts"],
        )
    )
    freeze_now()  # what start-up made, out of the collector's way, as in one process
    return application


def run_workers(
    count: int,
    target: str,
    token: str,
    sock: socket.socket,
    base_url: str | None,
    access_log: bool,
    hosts: list[str],
    settings: dict[str, Any],
) -> None:
    """Serves on ``sock`` from ``count`` processes until stopped (Ctrl+C or SIGTERM)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ[OPTIONS_VARIABLE] = json.dumps(
        {
            "target": target,
            "admin_token": token,
            "base_url": base_url,
            "hosts": hosts,
            "access_log": access_log,
        }
    )
    config = uvicorn.Config(
        f"{__name__}:worker_app",
        factory=True,
        workers=count,
        # A worker busy with thousands of feeds may answer the supervisor's ping late: killing
        # it (the default after 5 s) would drop every one of them.
        timeout_worker_healthcheck=HEALTHCHECK_SECONDS,
        log_level="info" if access_log else "warning",
        access_log=access_log,
        **settings,
    )
    Multiprocess(config, sockets=[sock]).run()
