from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podium.meeting.plan import Plan, Segment
from podium.meeting.programme import (
    DEFAULTS,
    Defaults,
    SpeakerCountError,
    parse_speakers,
    schedule,
)
from tests.conceptnote.plans import ZURICH, panel_2024, roundtable_2021


def test_panel_with_four_panelists_leaves_twenty_minutes_for_the_floor() -> None:
    programme = schedule(panel_2024(), {"panelist": 4})
    intro, panel, floor = programme.segments

    assert intro.minutes_total == DEFAULTS.secretariat_minutes == 10
    assert any("assumed" in n for n in intro.notes)
    assert (panel.speakers, panel.minutes_each, panel.minutes_total) == (4, 15, 60)
    assert floor.is_floor and floor.minutes_total == 90 - 10 - 60
    assert floor.minutes_each == 3
    assert floor.floor_interventions == 20 // 3 == programme.budget.floor_interventions

    budget = programme.budget
    assert (budget.slot_minutes, budget.planned_minutes, budget.spare_minutes) == (90, 70, 20)
    assert budget.fits is True and budget.cuts == ()


def test_segments_follow_each_other_on_the_clock() -> None:
    programme = schedule(panel_2024(), {"panelist": 4})
    starts = [s.start for s in programme.segments]
    ends = [s.end for s in programme.segments]

    assert starts[0] == datetime(2024, 4, 15, 15, 0, tzinfo=ZURICH)
    assert starts[1:] == ends[:-1]
    assert ends[-1] == datetime(2024, 4, 15, 16, 30, tzinfo=ZURICH)
    assert [s.index for s in programme.segments] == [0, 1, 2]


def test_unknown_panel_size_is_assumed_and_said() -> None:
    programme = schedule(panel_2024())
    panel = programme.segments[1]
    assert panel.speakers == DEFAULTS.speakers == 3
    assert any("not given" in n for n in panel.notes)
    assert programme.segments[2].minutes_total == 90 - 10 - 45


def test_too_many_panelists_do_not_fit_and_the_cuts_say_how_to_fix_it() -> None:
    programme = schedule(panel_2024(), {"panelist": 6})
    budget = programme.budget

    assert budget.fits is False
    assert budget.spare_minutes == 90 - 10 - 90
    assert programme.segments[2].minutes_total == 0
    assert programme.segments[2].floor_interventions == 0
    # 10 minutes of discussion at least: 90 - 10 - 10 = 70 for the panel.
    assert "Reduce panelists to 4 or their limit to 11 minutes" in budget.cuts
    assert any("extend the slot to 16:50" in c for c in budget.cuts)


def test_suggested_cuts_do_fit() -> None:
    plan = panel_2024()
    programme = schedule(plan, {"panelist": 6})
    fewer = schedule(plan, {"panelist": 4})
    shorter_panel = replace(plan.segments[1], minutes_max=11)
    shorter = schedule(
        replace(plan, segments=(plan.segments[0], shorter_panel, plan.segments[2])), {"panelist": 6}
    )
    assert programme.budget.fits is False
    assert fewer.budget.fits is True and shorter.budget.fits is True


def test_a_range_is_planned_at_its_high_end_and_warns_at_its_low_end() -> None:
    programme = schedule(roundtable_2021())
    secretariat, co_chair, discussants, floor = programme.segments

    assert secretariat.minutes_total == 10
    assert (co_chair.speakers, co_chair.minutes_total) == (1, DEFAULTS.remarks_minutes)
    assert (discussants.minutes_each, discussants.warn_minutes) == (7, 5)
    assert discussants.minutes_total == 3 * 7
    assert any("planned at 7" in n for n in discussants.notes)
    assert floor.minutes_total == 60 - 10 - 5 - 21
    # No limit on the floor's interventions: they cannot be counted.
    assert floor.floor_interventions is None and programme.budget.floor_interventions is None
    assert programme.budget.fits is True


def test_without_a_slot_the_budget_cannot_be_weighed() -> None:
    programme = schedule(replace(panel_2024(), start=None, end=None), {"panelist": 2})
    assert programme.budget.slot_minutes is None and programme.budget.fits is None
    assert programme.budget.planned_minutes == 40
    assert all(s.start is None for s in programme.segments)


def test_defaults_can_be_changed() -> None:
    programme = schedule(panel_2024(), {"panelist": 4}, Defaults(secretariat_minutes=5))
    assert programme.segments[2].minutes_total == 25
    assert programme.budget.floor_interventions == 8


def test_programme_json_is_plain_data() -> None:
    data = json.loads(json.dumps(schedule(panel_2024(), {"panelist": 4}).to_json()))
    assert data["segments"][2]["floor_interventions"] == 6
    assert data["segments"][0]["start"] == "2024-04-15T15:00:00+02:00"
    assert data["budget"] == {
        "slot_minutes": 90,
        "planned_minutes": 70,
        "fits": True,
        "spare_minutes": 20,
        "floor_interventions": 6,
        "cuts": [],
    }


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["panelist=4"], {"panelist": 4}),
        (["panelists=4", "discussant=5"], {"panelist": 4, "discussant": 5}),
        (["panelist=4,co-chair=2"], {"panelist": 4, "co-chair": 2}),
        ([], {}),
    ],
)
def test_speaker_counts_are_read(values: list[str], expected: dict[str, int]) -> None:
    assert parse_speakers(values) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("panelist=x", "'x' is not a whole number"),
        ("juggler=3", "'juggler' is not a role"),
        ("panelist", "write the role and a count"),
        ("panelist=-1", "cannot be negative"),
    ],
)
def test_bad_speaker_counts_say_what_is_wrong(value: str, message: str) -> None:
    with pytest.raises(SpeakerCountError, match=message):
        parse_speakers([value])


@given(
    st.integers(min_value=0, max_value=12),
    st.integers(min_value=1, max_value=20),
    st.integers(min_value=30, max_value=240),
)
def test_segments_fill_the_slot_whenever_it_fits(count: int, limit: int, slot: int) -> None:
    start = datetime(2024, 4, 15, 15, 0, tzinfo=ZURICH)
    plan = Plan(
        title="T",
        start=start,
        end=start + timedelta(minutes=slot),
        segments=(
            Segment("Intro", "secretariat"),
            Segment("Panel", "panelist", minutes_max=limit, per_speaker=True),
            Segment("Floor", "participant", minutes_max=3, per_speaker=True),
        ),
    )
    programme = schedule(plan, {"panelist": count})
    total = sum(s.minutes_total for s in programme.segments)
    fixed = 10 + count * limit
    assert programme.budget.fits == (fixed + DEFAULTS.discussion_minimum <= slot)
    if fixed <= slot:
        assert total == slot and programme.segments[-1].end == plan.end
    else:
        assert programme.budget.spare_minutes == slot - fixed
    for cut in programme.budget.cuts:
        assert cut  # every suggestion is a sentence
