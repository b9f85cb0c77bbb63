"""UN duty stations and the places UN bodies meet: cities, venues and rooms, with their zone.

The table is data (``data/duty_stations.toml``); this module finds its names in
a note's text. Names are looked up with plain substring search and checked for
word boundaries, so a long text costs one pass per name, never a backtracking regex.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from podium.conceptnote.dates import LOOKED_AT

PlaceKind = Literal["venue", "city", "room"]
# How much a name says about where the meeting is: a building beats a city, which
# beats a room that several places share a numbering of.
_STRENGTH: dict[PlaceKind, int] = {"venue": 3, "city": 2, "room": 1}
_ROMAN = r"(?-i:[IVXL]{1,6})(?![\w])"
_NUMBER = r"\d{1,2}(?!\d)"


@dataclass(frozen=True)
class Place:
    """A name of the table found in a text: ``words`` as the text writes them."""

    zone: str
    kind: PlaceKind
    words: str
    span: tuple[int, int]


@dataclass(frozen=True)
class _Name:
    zone: str
    kind: PlaceKind
    text: str
    key: str
    exact_case: bool


@cache
def _stations() -> list[dict[str, Any]]:
    raw = files("podium.conceptnote").joinpath("data/duty_stations.toml").read_text("utf-8")
    stations: list[dict[str, Any]] = tomllib.loads(raw)["station"]
    return stations


@cache
def _table() -> tuple[list[_Name], list[tuple[str, re.Pattern[str]]]]:
    names: list[_Name] = []
    rooms: list[tuple[str, re.Pattern[str]]] = []
    for station in _stations():
        zone = station["zone"]
        pairs: tuple[tuple[PlaceKind, str], ...] = (("venue", "venues"), ("city", "cities"))
        for kind, key in pairs:
            for text in station.get(key, []):
                # An acronym ("VIC", "FAO") is one only in capitals.
                exact = text.isupper() and " " not in text
                names.append(_Name(zone, kind, text, text if exact else text.lower(), exact))
        for template in station.get("rooms", []):
            pattern = re.escape(template).replace(r"\{roman\}", _ROMAN)
            pattern = pattern.replace(r"\{number\}", _NUMBER)
            rooms.append((zone, re.compile(rf"(?<!\w){pattern}(?!\w)", re.I)))
    names.sort(key=lambda n: len(n.text), reverse=True)
    return names, rooms


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as whole words (always, for Chinese)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if text[start] >= "\u3000" or text[end - 1] >= "\u3000":
        return True
    return not (before.isalnum() or before in "-'’") and not (after.isalnum() or after == "-")


def _first(haystack: str, name: _Name, text: str) -> int | None:
    position = haystack.find(name.key)
    while position >= 0:
        if _bounded(text, position, position + len(name.key)):
            return position
        position = haystack.find(name.key, position + 1)
    return None


def find_places(text: str, kinds: tuple[PlaceKind, ...] = ("venue", "city", "room")) -> list[Place]:
    """Every known place named in ``text``, the strongest first, then in the text's order."""
    text = text[:LOOKED_AT]
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text  # a rare letter whose lower case is longer; match by case
    names, rooms = _table()
    found: list[Place] = []
    taken: list[tuple[int, int]] = []
    for name in names:
        if name.kind not in kinds:
            continue
        at = _first(text if name.exact_case else lowered, name, text)
        if at is None:
            continue
        span = (at, at + len(name.key))
        if any(s <= span[0] and span[1] <= e for s, e in taken):
            continue  # "Geneva" inside "International Conference Centre Geneva"
        taken.append(span)
        found.append(Place(name.zone, name.kind, text[span[0] : span[1]], span))
    if "room" in kinds:
        for zone, pattern in rooms:
            if match := pattern.search(text):
                found.append(Place(zone, "room", match.group(0), match.span()))
    found.sort(key=lambda p: (-_STRENGTH[p.kind], p.span[0]))
    return found


def place_zone(text: str, kinds: tuple[PlaceKind, ...] = ("venue", "city", "room")) -> Place | None:
    """The place that best says where ``text`` puts the meeting, or None."""
    places = find_places(text, kinds)
    return places[0] if places else None


def city_zone(name: str) -> str | None:
    """The IANA zone of the city called ``name`` ("Genève" → "Europe/Zurich")."""
    key = name.strip().lower()
    for entry in _table()[0]:
        if entry.kind == "city" and entry.text.lower() == key:
            return entry.zone
    return None


def city_of(zone: str) -> str | None:
    """The city whose time a note names for ``zone`` ("Europe/Zurich" → "Geneva")."""
    for station in _stations():
        if station["zone"] == zone and station.get("cities"):
            return str(station["cities"][0])
    return None
