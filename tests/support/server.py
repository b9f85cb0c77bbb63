"""A real ``podium serve`` in a subprocess, for end-to-end and browser tests.

``start_server(data_dir)`` starts it on a free port and waits until it answers;
``LiveServer.create_meeting(note)`` creates a meeting through the API and
returns its links and tokens; ``register(...)`` adds participants.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ADMIN_TOKEN = "test-admin-token-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def token_of(link: str) -> str:
    """The token at the end of a ``/join/{token}`` link."""
    return link.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Meeting:
    """A meeting made on a live server: its id, links, and the tokens in them."""

    id: str
    links: dict[str, str]

    @property
    def chair_token(self) -> str:
        return token_of(self.links["chair"])

    @property
    def secretariat_token(self) -> str:
        return token_of(self.links["secretariat"])

    @property
    def display_token(self) -> str:
        return token_of(self.links["display"])


@dataclass
class LiveServer:
    base_url: str
    admin_token: str
    data: Path
    port: int
    env: dict[str, str]
    options: tuple[str, ...] = ()  # more options for ``podium serve``
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.data / "server.log"

    # -- life ------------------------------------------------------------------

    def start(self, timeout: float = 30.0) -> None:
        self.data.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-c",
            "from podium.cli import main; main()",
            "serve",
            "--port",
            str(self.port),
            "--data",
            str(self.data),
            *self.options,
        ]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, env=self.env
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"podium serve exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.base_url}/openapi.json", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"podium serve did not answer: {self.log.read_text()[-2000:]}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to tidy up."""
        self.stop(signal.SIGKILL)

    # -- talking to it ---------------------------------------------------------

    def client(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30, **kwargs)

    def create_meeting(self, note: Path) -> Meeting:
        """A meeting from a concept note, through ``POST /api/meetings``."""
        with self.client(self.admin_token) as client:
            response = client.post(
                "/api/meetings",
                content=note.read_bytes(),
                headers={"Content-Type": "text/markdown"},
            )
        response.raise_for_status()
        body = response.json()
        return Meeting(body["id"], body["links"])

    def register(
        self, meeting: Meeting, people: Sequence[Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Registers participants (as the secretariat); each comes back with ``id`` and ``link``."""
        with self.client(meeting.secretariat_token) as client:
            response = client.post(f"/api/meetings/{meeting.id}/participants", json=list(people))
        response.raise_for_status()
        registered: list[dict[str, Any]] = response.json()["participants"]
        return registered

    def command(self, meeting: Meeting, token: str, command: Mapping[str, Any]) -> httpx.Response:
        with self.client(token) as client:
            return client.post(f"/api/meetings/{meeting.id}/commands", json=dict(command))


def start_server(
    data: Path,
    *,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    admin_token: str = ADMIN_TOKEN,
    options: Sequence[str] = (),
    timeout: float = 30.0,
) -> LiveServer:
    """``podium serve`` on ``data`` (and ``env``, e.g. PODIUM_DATABASE_URL), answering."""
    chosen = port or free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PODIUM_DATABASE_URL", "PODIUM_DATABASE_SCHEMA")
    }
    environment.update({"PODIUM_ADMIN_TOKEN": admin_token, **(env or {})})
    server = LiveServer(
        f"http://127.0.0.1:{chosen}", admin_token, data, chosen, environment, tuple(options)
    )
    server.start(timeout)
    return server
