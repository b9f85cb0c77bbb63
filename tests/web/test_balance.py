"""The balance panel: the Chair sets the order of the floor and groups' budgets from forms,
the console says why the next speaker is next, and the secretariat sees the same figures."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from podium.meeting.commands import EndSpeech, GiveFloor, OpenMeeting, RequestFloor, StartSegment
from podium.meeting.words import CHAIR, Actor
from tests.web.test_pages import Site, post, site

__all__ = ["site"]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 4, 15, 13, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _floor(site: Site) -> tuple[Clock, dict[str, str]]:
    clock = Clock()
    site.service.clock = clock
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    site.service.execute(site.meeting, StartSegment(segment=2), CHAIR)
    people = {
        country: site.register(f"Delegate of {country}", delegation=country, country=country)[0]
        for country in ("FR", "KE", "BR")
    }
    return clock, people


def _ask(site: Site, who: str) -> None:
    site.service.execute(site.meeting, RequestFloor(), Actor("participant", who))


def _speak(site: Site, clock: Clock, seconds: float) -> None:
    site.service.execute(site.meeting, GiveFloor(), CHAIR)
    clock.now += timedelta(seconds=seconds)
    site.service.execute(site.meeting, EndSpeech(), CHAIR)


def test_the_chair_balances_the_floor_by_region_and_is_told_why(site: Site) -> None:
    clock, people = _floor(site)
    _ask(site, people["FR"])
    _speak(site, clock, 180)
    for country in ("FR", "KE"):
        _ask(site, people[country])
    chair = site.client("chair")
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert "first come, first served" in page
    assert "First come, first served: Delegate of FR is first in the list." in page
    response = post(chair, site, "chair", type="set_ordering", ordering="region")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert site.service.state(site.meeting).ordering == "region"
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert "<strong>balanced by region</strong>" in page
    # Africa asked one of three requests: a third of the floor's three minutes.
    why = re.search(r"<p class=\"why\" data-why>(.*?)</p>", page, re.S)
    assert why is not None
    text = re.sub(r"<[^>]+>", "", why.group(1))
    assert text == "Next: Delegate of KE. Balanced by region: Africa has had 0:00 of 1:00."
    # France's row: one turn, three minutes, all of the time; a third of those registered.
    row = re.search(r'data-dimension="region".*?data-group="Europe">(.*?)</tr>', page, re.S)
    assert row is not None and "<td data-turns>1</td>" in row.group(1)
    assert "100% · 50% · 33%" in row.group(1)
    assert "Asked and not yet heard" in page and "Africa" in page
    site.service.execute(site.meeting, GiveFloor(), CHAIR)
    assert site.service.state(site.meeting).speech.participant_id == people["KE"]  # type: ignore[union-attr]


def test_a_budget_is_set_in_minutes_and_counts_down_with_the_speaker(site: Site) -> None:
    clock, people = _floor(site)
    chair = site.client("chair")
    response = post(
        chair,
        site,
        "chair",
        type="set_budget",
        dimension="region",
        group="Africa",
        budget_minutes="5",
    )
    assert response.status_code == 303  # type: ignore[attr-defined]
    (budget,) = site.service.state(site.meeting).budgets
    assert (budget.group, budget.seconds) == ("Africa", 300)
    _ask(site, people["KE"])
    site.service.execute(site.meeting, GiveFloor(), CHAIR)
    clock.now += timedelta(seconds=70)
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert re.search(
        r"Left in the budget of Africa: <span data-digits><bdi dir=\"ltr\">3:50</bdi>", page
    )
    assert 'data-limit="300.0"' in page
    row = re.search(r'data-budget="region:Africa">(.*?)</tr>', page, re.S)
    assert row is not None and "3:50" in row.group(1) and "1:10" in row.group(1)
    refused = post(
        chair,
        site,
        "chair",
        type="set_budget",
        dimension="region",
        group="Atlantis",
        budget_minutes="5",
    )
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert "is not a group of region" in refused.text  # type: ignore[attr-defined]
    # The secretariat sees the figures but may not set them.
    secretariat = site.client("secretariat").get(f"/m/{site.meeting}/secretariat").text
    assert "Balance of the floor" in secretariat and 'data-budget="region:Africa"' in secretariat
    assert 'value="set_budget"' not in secretariat and 'value="set_ordering"' not in secretariat
    forbidden = post(
        site.client("secretariat"), site, "secretariat", type="set_ordering", ordering="gender"
    )
    assert forbidden.status_code == 403  # type: ignore[attr-defined]


def test_the_balance_at_a_past_moment_is_read_from_the_log(site: Site) -> None:
    clock, people = _floor(site)
    _ask(site, people["FR"])
    _speak(site, clock, 120)
    then = site.service.state(site.meeting).seq
    _ask(site, people["KE"])
    _speak(site, clock, 45)
    chair = site.client("chair")
    now = chair.get(f"/m/{site.meeting}/balance").text
    past = chair.get(f"/m/{site.meeting}/balance?at={then}").text
    africa = r'data-group="Africa"><th scope="row">Africa</th><td data-turns>(\d)</td>'
    assert re.search(africa, now).group(1) == "1"  # type: ignore[union-attr]
    assert re.search(africa, past).group(1) == "0"  # type: ignore[union-attr]
    assert f'value="{then}"' in past and "balance at an earlier moment" not in past
    bad = chair.get(f"/m/{site.meeting}/balance?at=yesterday")
    assert bad.status_code == 400 and "is not an event of the log" in bad.text
    _who, token = site.register("Delegate of Chile", country="CL")
    assert site.client(token=token).get(f"/m/{site.meeting}/balance").status_code == 403
    assert site.client().get(f"/m/{site.meeting}/balance").status_code == 403
