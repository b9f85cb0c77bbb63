from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
import vobject

from podium.conceptnote.ics import NoDateError, uid, write_ics
from tests.conceptnote.plans import panel_2024, roundtable_2021

STAMP = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def test_panel_is_local_time_with_its_zone_and_reads_back_as_the_right_instant() -> None:
    text = write_ics(panel_2024(), STAMP)
    assert "DTSTART;TZID=Europe/Zurich:20240415T150000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Zurich" in text

    calendar = vobject.readOne(text)
    event = calendar.vevent
    assert event.dtstart.value.astimezone(UTC) == datetime(2024, 4, 15, 13, 0, tzinfo=UTC)
    assert event.dtend.value.astimezone(UTC) == datetime(2024, 4, 15, 14, 30, tzinfo=UTC)
    assert event.summary.value == f"High-level panel on “{panel_2024().title}”"
    assert event.location.value == "Geneva"
    assert event.url.value.endswith("ecn162024d3_en.pdf")
    assert event.uid.value == uid(panel_2024()) and event.uid.value.endswith("@podium")
    for question in panel_2024().questions:
        assert question in event.description.value
    assert len(calendar.contents["vevent"]) == 1


def test_an_offset_only_zone_is_written_in_utc() -> None:
    text = write_ics(roundtable_2021(), STAMP)
    assert "DTSTART:20210517T130000Z" in text and "VTIMEZONE" not in text
    event = vobject.readOne(text).vevent
    assert event.dtstart.value == datetime(2021, 5, 17, 13, 0, tzinfo=UTC)


def test_uid_is_stable_and_tells_meetings_apart() -> None:
    plan = panel_2024()
    assert uid(plan) == uid(panel_2024())
    assert uid(plan) != uid(roundtable_2021())
    assert uid(plan) != uid(replace(plan, start=plan.end))
    # The UID does not change with the time of writing.
    assert f"UID:{uid(plan)}" in write_ics(plan, datetime(2030, 1, 1, tzinfo=UTC))


def test_lines_end_as_the_standard_says() -> None:
    text = write_ics(panel_2024(), STAMP)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_plan_without_a_date_cannot_become_an_event() -> None:
    with pytest.raises(NoDateError, match="no date"):
        write_ics(replace(panel_2024(), start=None, end=None), STAMP)
