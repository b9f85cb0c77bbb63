"""Reading a Server-Sent Events stream the way a browser does: frames of id, event, data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Frame:
    id: str | None
    event: str
    data: str

    @property
    def seq(self) -> int:
        assert self.id is not None
        return int(self.id)

    def json(self) -> Any:
        return json.loads(self.data)


def frames(response: httpx.Response) -> Iterator[Frame]:
    """The frames of a streaming response; comments (``: ping``) and ``retry:`` are skipped."""
    ident: str | None = None
    event = "message"
    data: list[str] = []
    for line in response.iter_lines():
        if line == "":
            if data:
                yield Frame(ident, event, "\n".join(data))
            ident, event, data = None, "message", []
            continue
        if line.startswith(":"):
            continue
        name, _sep, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "id":
            ident = value
        elif name == "event":
            event = value
        elif name == "data":
            data.append(value)


def take(stream: Iterator[Frame], count: int) -> list[Frame]:
    return [next(stream) for _i in range(count)]
