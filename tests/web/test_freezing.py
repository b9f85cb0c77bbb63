"""After a burst of connections the server freezes what it holds out of the collector's way,
and thaws it once most of those connections have gone."""

from __future__ import annotations

import asyncio
import gc

import pytest

from podium.web.connections import FeedCaps, Freezer


def test_a_burst_is_frozen_once_over_and_thawed_once_the_hall_has_emptied(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    monkeypatch.setattr(gc, "collect", lambda generation=2: calls.append(f"collect {generation}"))
    monkeypatch.setattr(Freezer, "QUIET_SECONDS", 0.05)
    monkeypatch.setattr(Freezer, "EVERY", 1000)

    async def until(expected: list[str]) -> None:
        for _i in range(1000):
            if calls == expected:
                break
            await asyncio.sleep(0.01)
        assert calls == expected
        calls.clear()

    async def scenario() -> None:
        freezer = Freezer()
        caps = FeedCaps(per_address=1000, total=1000, freezer=freezer)
        places = [caps.take("127.0.0.1", None) for _i in range(300)]
        assert calls == [] and freezer.pending is not None  # not while the burst goes on
        await until(["collect 1", "freeze"])  # young objects collected, the rest frozen
        for give_back in places[:100]:
            assert give_back is not None
            give_back()
        await until(["collect 1", "freeze"])  # most are still there: no full collection
        for give_back in places[100:]:
            assert give_back is not None
            give_back()
        await until(["unfreeze", "collect 2", "freeze"])  # thawed and collected once

    asyncio.run(scenario())


def test_a_long_burst_is_frozen_as_it_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "collect", lambda generation=2: calls.append(f"collect {generation}"))
    monkeypatch.setattr(Freezer, "EVERY", 100)

    async def scenario() -> None:
        caps = FeedCaps(per_address=1000, total=1000, freezer=Freezer())
        for _i in range(250):
            caps.take("127.0.0.1", None)
        assert calls == ["collect 1", "freeze"] * 2, calls  # no full collection in the burst

    asyncio.run(scenario())
