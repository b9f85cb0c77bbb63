"""Dates and times as notes write them, in the six UN languages."""

from __future__ import annotations

from datetime import date, time

import pytest

from podium.conceptnote.dates import UnreadableTime, find_date, find_dates, find_time, month_number


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Thursday, 12 March 2026", date(2026, 3, 12), None),
        ("March 12-13, 2026", date(2026, 3, 12), date(2026, 3, 13)),
        ("jeudi 12 mars 2026", date(2026, 3, 12), None),
        ("du 2 au 20 mars 2026", date(2026, 3, 2), date(2026, 3, 20)),
        ("le 1er juillet 2025", date(2025, 7, 1), None),
        ("30 juin au 9 juillet 2021", date(2021, 6, 30), date(2021, 7, 9)),
        ("jueves 12 de marzo de 2026", date(2026, 3, 12), None),
        ("del 2 al 20 de marzo de 2026", date(2026, 3, 2), date(2026, 3, 20)),
        ("12 setiembre 2025", date(2025, 9, 12), None),
        ("12 марта 2026 г.", date(2026, 3, 12), None),
        ("с 2 по 20 марта 2026 года", date(2026, 3, 2), date(2026, 3, 20)),
        ("2026年3月12日（星期四）", date(2026, 3, 12), None),
        ("2026年3月2日至20日", date(2026, 3, 2), date(2026, 3, 20)),
        ("الخميس ١٢ آذار/مارس ٢٠٢٦", date(2026, 3, 12), None),
        ("15 أبريل 2024", date(2024, 4, 15), None),
        ("15 كانون الثاني 2025", date(2025, 1, 15), None),
        ("１２ March ２０２６", date(2026, 3, 12), None),
        ("12/03/2026", date(2026, 3, 12), None),
        ("2026-03-12", date(2026, 3, 12), None),
        ("30 février 2024", None, None),
    ],
)
def test_dates_in_six_languages(text: str, start: date | None, end: date | None) -> None:
    found = find_date(text)
    assert (found.start if found else None, found.end if found else None) == (start, end)


def test_a_date_without_its_year_is_found_and_takes_one_from_its_context() -> None:
    mentions = find_dates("Thirtieth session, 2–20 March 2026 … Thursday, 12 March, 15.00–18.00")
    assert [(m.day, m.month, m.end_day, m.year) for m in mentions] == [
        (2, 3, 20, 2026),
        (12, 3, None, None),
    ]
    resolved = mentions[1].resolve(2026)
    assert resolved is not None and resolved.start == date(2026, 3, 12)
    assert find_date("Thursday, 12 March") is None


def test_a_month_first_without_year_must_look_like_a_month() -> None:
    assert find_dates("speakers may 5 minutes each") == []
    assert [(m.day, m.month) for m in find_dates("on March 12")] == [(12, 3)]


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("March", 3),
        ("mars", 3),
        ("marzo", 3),
        ("марта", 3),
        ("март", 3),
        ("مارس", 3),
        ("آذار", 3),
        ("آذار/مارس", 3),
        ("3月", 3),
        ("sept.", 9),
        ("févr.", 2),
        ("Brexit", None),
    ],
)
def test_month_names_come_from_cldr(word: str, number: int | None) -> None:
    assert month_number(word) == number


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("15.00-16.30", time(15), time(16, 30)),
        ("15h00-16h30", time(15), time(16, 30)),
        ("de 15 h 00 à 18 h 00", time(15), time(18)),
        ("de 15 h à 18 h", time(15), time(18)),
        ("de 15:00 a 18:00 horas", time(15), time(18)),
        ("de 10:00 a. m. a 1:00 p. m.", time(10), time(13)),
        ("de 10.00 a mediodía", time(10), time(12)),
        ("с 15:00 до 18:00", time(15), time(18)),
        ("15时至18时", time(15), time(18)),
        ("下午3时至4时30分", time(15), time(16, 30)),
        ("下午3:00", time(15), None),
        ("الساعة 15:00 - 18:00", time(15), time(18)),
        ("الساعة ١٥:٠٠ - ١٨:٠٠", time(15), time(18)),
        ("الساعة 9:00 صباحًا", time(9), None),
        ("１５：００－１８：００", time(15), time(18)),
        ("3 p.m.", time(15), None),
        ("10.00 a.m. – 1.00 p.m.", time(10), time(13)),
        ("12 noon to 1.30 p.m.", time(12), time(13, 30)),
    ],
)
def test_times_in_six_languages(text: str, start: time, end: time | None) -> None:
    found = find_time(text)
    assert found is not None and (found.start, found.end) == (start, end)


@pytest.mark.parametrize("text", ["15-19 April", "2 h de débat", "Room 12", "A/HRC/18/24"])
def test_what_is_no_time(text: str) -> None:
    assert find_time(text) is None


def test_an_impossible_time_says_so() -> None:
    with pytest.raises(UnreadableTime):
        find_time("25.00-26.00")
