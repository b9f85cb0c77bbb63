"""Zones as notes state them, and the UN duty stations that suggest one."""

from __future__ import annotations

import pytest

from podium.conceptnote import stations
from podium.conceptnote.zones import ABBREVIATED, EXPLICIT, find_zone, find_zones


@pytest.mark.parametrize(
    ("text", "name", "strength"),
    [
        ("15.00-16.30 (Geneva time)", "Europe/Zurich", EXPLICIT),
        ("10 a.m. (New York time)", "America/New_York", EXPLICIT),
        ("15 h 00 (heure de Genève)", "Europe/Zurich", EXPLICIT),
        ("15:00 (hora de Ginebra)", "Europe/Zurich", EXPLICIT),
        ("в 15:00 по женевскому времени", "Europe/Zurich", EXPLICIT),
        ("الساعة 15:00 بتوقيت جنيف", "Europe/Zurich", EXPLICIT),
        ("日内瓦时间15:00", "Europe/Zurich", EXPLICIT),
        ("(UTC+3)", "+03:00", EXPLICIT),
        ("GMT-4", "-04:00", EXPLICIT),
        ("UTC +05:30", "+05:30", EXPLICIT),
        ("(CEST)", "Europe/Zurich", ABBREVIATED),
        ("14.00 CET", "Europe/Zurich", ABBREVIATED),
        ("3 p.m. EDT", "America/New_York", ABBREVIATED),
        ("10:00 EST", "America/New_York", ABBREVIATED),
        ("(EAT)", "Africa/Nairobi", ABBREVIATED),
        ("(ICT)", "Asia/Bangkok", ABBREVIATED),
        ("Time zone: MSK", "Europe/Moscow", ABBREVIATED),
        ("Central European Summer Time", "Europe/Zurich", ABBREVIATED),
        ("heure d'Europe centrale", "Europe/Zurich", ABBREVIATED),
    ],
)
def test_zones_in_six_languages(text: str, name: str, strength: int) -> None:
    zone = find_zone(text)
    assert zone is not None and (zone.name, zone.strength) == (name, strength)


def test_an_offset_beats_an_abbreviation_on_one_line() -> None:
    zones = find_zones("14.00 CET (UTC+1)")
    assert [z.name for z in zones] == ["+01:00", "Europe/Zurich"]


@pytest.mark.parametrize(
    "text",
    [
        "CAT members reviewed the report",  # the Committee against Torture
        "L'AFRIQUE DE L'EST",
        "UTC+99",
        "speaking time is three minutes",
    ],
)
def test_what_names_no_zone(text: str) -> None:
    assert find_zone(text) is None


@pytest.mark.parametrize(
    ("text", "zone", "kind", "words"),
    [
        ("Room XX, Palais des Nations", "Europe/Zurich", "venue", "Palais des Nations"),
        ("salle XX, Palais des Nations, Genève", "Europe/Zurich", "venue", "Palais des Nations"),
        ("Sala XX, Palacio de las Naciones", "Europe/Zurich", "venue", "Palacio de las Naciones"),
        ("зал XX, Дворец Наций, Женева", "Europe/Zurich", "venue", "Дворец Наций"),
        ("قصر الأمم، جنيف", "Europe/Zurich", "venue", "قصر الأمم"),
        ("会议在日内瓦万国宫举行", "Europe/Zurich", "venue", "万国宫"),
        ("CICG, Geneva", "Europe/Zurich", "venue", "CICG"),
        ("ECOSOC Chamber, North Lawn Building", "America/New_York", "venue", "North Lawn Building"),
        ("Trusteeship Council Chamber", "America/New_York", "room", "Trusteeship Council Chamber"),
        ("Conference Room 4", "America/New_York", "room", "Conference Room 4"),
        (
            "Board Room, Vienna International Centre",
            "Europe/Vienna",
            "venue",
            "Vienna International Centre",
        ),
        ("M-Building, VIC", "Europe/Vienna", "venue", "VIC"),
        ("UNON, Gigiri", "Africa/Nairobi", "venue", "UNON"),
        ("UN Conference Centre Bangkok", "Asia/Bangkok", "venue", "UN Conference Centre Bangkok"),
        ("Africa Hall", "Africa/Addis_Ababa", "venue", "Africa Hall"),
        ("Sala Raúl Prebisch, CEPAL", "America/Santiago", "venue", "Sala Raúl Prebisch"),
        ("UN House, Beirut", "Asia/Beirut", "venue", "UN House, Beirut"),
        ("UN Campus", "Europe/Berlin", "venue", "UN Campus"),
        ("Maison de l'UNESCO, place de Fontenoy", "Europe/Paris", "venue", "Maison de l'UNESCO"),
        ("Montréal", "America/Toronto", "city", "Montréal"),
        ("La Haye", "Europe/Amsterdam", "city", "La Haye"),
        ("Kigali", "Africa/Kigali", "city", "Kigali"),
        ("Bakú", "Asia/Baku", "city", "Bakú"),
        ("Dubai", "Asia/Dubai", "city", "Dubai"),
        ("Ciudad de Panamá", "America/Panama", "city", "Ciudad de Panamá"),
        ("Нью-Йорк", "America/New_York", "city", "Нью-Йорк"),
        ("نيروبي", "Africa/Nairobi", "city", "نيروبي"),
        ("曼谷", "Asia/Bangkok", "city", "曼谷"),
    ],
)
def test_duty_stations_in_six_languages(text: str, zone: str, kind: str, words: str) -> None:
    place = stations.place_zone(text)
    assert place is not None and (place.zone, place.kind, place.words) == (zone, kind, words)


@pytest.mark.parametrize("text", ["Genevan delegates", "the vic", "Romeo", "Room 12 is small"])
def test_what_is_no_known_place(text: str) -> None:
    assert stations.place_zone(text, ("venue", "city")) is None


def test_every_station_zone_is_a_real_zone_and_has_a_city() -> None:
    for zone in {"Europe/Zurich", "America/New_York", "Europe/Vienna", "Africa/Nairobi"}:
        city = stations.city_of(zone)
        assert city is not None and stations.city_zone(city) == zone
