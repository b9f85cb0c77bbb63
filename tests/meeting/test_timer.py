"""Countdown math and lights, from timestamps."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from podium.meeting.state import Speech
from podium.meeting.timer import elapsed, light, overrun, remaining, warn_point
from tests.meeting.room import START


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def speech(limit: int | None = 180, warn: int | None = None, **fields: object) -> Speech:
    return Speech(1, "p1", None, "statement", None, START, limit, warn, **fields)  # type: ignore[arg-type]


def test_remaining_counts_down_and_goes_negative() -> None:
    s = speech(180)
    assert remaining(s, at(0)) == 180
    assert remaining(s, at(100)) == 80
    assert remaining(s, at(200)) == -20
    assert elapsed(s, at(-5)) == 0  # a clock a little behind never counts backwards


def test_no_limit_no_countdown() -> None:
    s = speech(None)
    assert remaining(s, at(100)) is None
    assert light(s, at(100)) == "none"
    assert warn_point(s) is None
    assert overrun(s, 1000) == 0


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "green"), (149, "green"), (150, "amber"), (179, "amber"), (180, "red"), (400, "red")],
)
def test_lights_without_range_warn_30_seconds_before(seconds: float, expected: str) -> None:
    assert light(speech(180), at(seconds)) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"), [(299, "green"), (300, "amber"), (419, "amber"), (420, "red")]
)
def test_lights_with_a_range_warn_at_its_low_end(seconds: float, expected: str) -> None:
    assert light(speech(420, 300), at(seconds)) == expected


def test_a_short_limit_warns_at_half() -> None:
    assert warn_point(speech(40)) == 20


def test_pauses_do_not_count() -> None:
    paused = speech(180, paused_at=at(60), paused_seconds=10)
    assert elapsed(paused, at(500)) == 50
    assert remaining(paused, at(500)) == 130
    resumed = speech(180, paused_seconds=100)
    assert elapsed(resumed, at(160)) == 60


def test_extensions_add_to_the_limit() -> None:
    s = speech(180, extended_seconds=60)
    assert remaining(s, at(200)) == 40
    assert light(s, at(200)) == "green"  # the warning moves with the limit
    assert light(s, at(210)) == "amber"
    assert overrun(s, 250) == 10
    assert overrun(s, 230) == 0
