"""The 17 goals and their official short titles."""

from __future__ import annotations

import pytest

from podium.reference import SDGS, UnknownGoal, sdg


def test_seventeen_goals_numbered_in_order() -> None:
    assert len(SDGS) == 17
    assert [g.number for g in SDGS] == list(range(1, 18))
    assert len({g.title for g in SDGS}) == 17


@pytest.mark.parametrize(
    ("number", "title"),
    [
        (1, "No poverty"),
        (2, "Zero hunger"),
        (3, "Good health and well-being"),
        (4, "Quality education"),
        (5, "Gender equality"),
        (9, "Industry, innovation and infrastructure"),
        (13, "Climate action"),
        (16, "Peace, justice and strong institutions"),
        (17, "Partnerships for the goals"),
    ],
)
def test_official_short_titles(number: int, title: str) -> None:
    assert sdg(number).number == number
    assert sdg(number).title == title


def test_label() -> None:
    assert sdg(9).label == "SDG 9: Industry, innovation and infrastructure"


@pytest.mark.parametrize("number", [0, 18, -1, 100])
def test_unknown_goal(number: int) -> None:
    with pytest.raises(UnknownGoal) as caught:
        sdg(number)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == f"There is no SDG {number}: the goals are numbered 1 to 17."
