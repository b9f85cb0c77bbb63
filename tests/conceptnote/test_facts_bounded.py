"""A megabyte of hostile text costs the fact readers a bounded, near-linear time."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest

from podium.conceptnote import dates, outcome, sessions, stations, zones
from podium.conceptnote.blocks import Element
from podium.conceptnote.header import read_header

MEGABYTE = 1_000_000
ADVERSARIAL = {
    "digits": "1" * MEGABYTE,
    "digits and spaces": "12 " * (MEGABYTE // 3),
    "dots": "1." * (MEGABYTE // 2),
    "dashes": "1-" * (MEGABYTE // 2),
    "spaces": "1" + " " * MEGABYTE + "x",
    "months": "12 March " * (MEGABYTE // 9),
    "month names": "March mars марта " * (MEGABYTE // 17),
    "clock": "15:00-" * (MEGABYTE // 6),
    "hours": "15 h 00 à " * (MEGABYTE // 10),
    "zones": "(UTC+3 CET Geneva time " * (MEGABYTE // 23),
    "ordinals": "twenty-seventh " * (MEGABYTE // 15),
    "sessions": "session " * (MEGABYTE // 8),
    "goals": "SDG 1, 2, 3, " * (MEGABYTE // 13),
    "arabic": "١٢ آذار/مارس " * (MEGABYTE // 13),
    "chinese": "第二十七届会议2024年4月" * (MEGABYTE // 16),
}
READERS: dict[str, Callable[[str], Any]] = {
    "dates": dates.find_dates,
    "times": lambda text: list(dates.find_times(text)),
    "zones": zones.find_zones,
    "unknown zone": zones.unknown_zone,
    "places": stations.find_places,
    "session": sessions.find_session,
    "kind and title": sessions.find_kind_and_title,
    "theme": sessions.find_theme,
    "sdgs": outcome.read_sdgs,
    "outcome": outcome.read_outcome,
}


@pytest.mark.timeout(10)
@pytest.mark.parametrize("reader", READERS, ids=str)
def test_a_megabyte_of_hostile_text_is_read_in_bounded_time(reader: str) -> None:
    for text in ADVERSARIAL.values():
        # "99:99" is an answer too, given in bounded time.
        with contextlib.suppress(dates.UnreadableTime):
            READERS[reader](text)


@pytest.mark.timeout(10)
def test_a_header_of_a_megabyte_is_read_in_bounded_time() -> None:
    found = [
        Element("paragraph" if i % 2 else "heading", ((i + 1, text[:200_000]),))
        for i, text in enumerate(ADVERSARIAL.values())
    ]
    read_header(found[:3], found, "en")
