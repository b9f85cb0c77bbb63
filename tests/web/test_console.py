"""The consoles and phones tell the truth: a closed meeting offers nothing that would be
refused, closing asks first, a speaker sees that they have the floor, limits are minutes,
and the Chair sees whether the list fits the time left."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from podium.meeting.commands import OpenMeeting, RequestFloor, StartSegment
from podium.meeting.programme import list_fit
from podium.meeting.words import CHAIR, Actor
from podium.web.forms import seconds_from_minutes
from podium.web.view import fit_sentence
from tests.web.test_pages import Site, post, site

__all__ = ["site"]


def _closed(site: Site) -> tuple[str, str]:
    """A meeting closed with one participant still waiting; their id and token."""
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    site.service.execute(site.meeting, StartSegment(segment=2), CHAIR)
    who, token = site.register("Ana Gomez", delegation="Brazil", country="BR")
    other, _ = site.register("Bikash Rai", delegation="Nepal", country="NP")
    for person in (who, other):
        site.service.execute(site.meeting, RequestFloor(), Actor("participant", person))
    chair = site.client("chair")
    response = post(chair, site, "chair", type="close_meeting", confirmed="yes")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert site.service.state(site.meeting).status == "closed"
    return who, token


def test_a_closed_meeting_offers_no_place_withdraw_or_request_on_a_phone(site: Site) -> None:
    _who, token = _closed(site)
    page = site.client(token=token).get(f"/m/{site.meeting}/me").text
    assert "The meeting is closed." in page
    assert "Place 1 in the list" not in page
    assert "withdraw_request" not in page and "request_floor" not in page


def test_a_closed_meeting_lists_no_next_speakers_on_the_big_screen(site: Site) -> None:
    _closed(site)
    page = site.client("display").get(f"/m/{site.meeting}/screen").text
    assert "The meeting is closed." in page
    assert "Next speakers" not in page and "Bikash Rai" not in page


def test_a_closed_meeting_leaves_the_chair_only_tagging(site: Site) -> None:
    _closed(site)
    page = site.client("chair").get(f"/m/{site.meeting}/chair").text
    assert "The meeting is closed." in page
    actions = set(re.findall(r'name="type" value="([a-z_]+)"', page))
    assert actions <= {"tag_intervention"}, actions
    public = site.client().get(f"/m/{site.meeting}").text
    assert "The meeting is closed." in public


def test_closing_asks_first_without_javascript(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    chair = site.client("chair")
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert "data-confirm=" in page  # the script asks with a confirm()
    response = post(chair, site, "chair", type="close_meeting")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["location"] == f"/m/{site.meeting}/close"  # type: ignore[attr-defined]
    assert site.service.state(site.meeting).status == "open"
    asking = chair.get(f"/m/{site.meeting}/close")
    assert asking.status_code == 200 and "cannot be undone" in asking.text
    assert 'name="confirmed" value="yes"' in asking.text
    stranger = site.client()
    assert stranger.get(f"/m/{site.meeting}/close").status_code == 403
    response = post(chair, site, "close", type="close_meeting", confirmed="yes")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert site.service.state(site.meeting).status == "closed"


def test_a_speaker_with_another_request_waiting_sees_they_have_the_floor(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    site.service.execute(site.meeting, StartSegment(segment=2), CHAIR)
    who, token = site.register("Ana Gomez", delegation="Brazil", country="BR")
    site.service.execute(site.meeting, RequestFloor(), Actor("participant", who))
    reply = RequestFloor(kind="right-of-reply")
    site.service.execute(site.meeting, reply, Actor("participant", who))
    chair = site.client("chair")
    post(chair, site, "chair", type="give_floor")
    page = site.client(token=token).get(f"/m/{site.meeting}/me").text
    assert "You have the floor." in page
    assert "Place 1 in the list" in page  # the right of reply still waits


def test_the_chair_types_a_limit_in_minutes(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    who, _ = site.register("Ana Gomez")
    chair = site.client("chair")
    post(chair, site, "chair", type="give_floor", participant_id=who, limit_minutes="2:30")
    assert site.service.state(site.meeting).speech.limit_seconds == 150  # type: ignore[union-attr]
    post(chair, site, "chair", type="end_speech")
    response = post(chair, site, "chair", type="give_floor", participant_id=who, limit_minutes="x")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "write minutes, as 3 or 2:30" in response.text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("typed", "seconds"), [("3", 180), ("2:30", 150), ("2.5", 150), (" 2,5 ", 150), ("0:45", 45)]
)
def test_minutes_as_people_type_them(typed: str, seconds: int) -> None:
    assert seconds_from_minutes(typed) == seconds


@pytest.mark.parametrize("typed", ["2:3", "2:75", "three", "-1", "1e999", "nan"])
def test_a_limit_that_is_not_minutes_is_refused(typed: str) -> None:
    from podium.wire import CommandFormatError

    with pytest.raises(CommandFormatError):
        seconds_from_minutes(typed)


def test_the_list_against_the_time_left() -> None:
    over = list_fit([180] * 7, 14 * 60)
    assert fit_sentence(over) == "7 requests × 3 min = 21 min; 14 min left: 7 min over"
    fits = list_fit([150, 150], 20 * 60)
    assert fit_sentence(fits) == "2 requests × 2.5 min = 5 min; 20 min left: it fits"
    # States 3 minutes, observers 2: each request at its own class's limit.
    mixed = list_fit([180, 180, 120], None)
    assert fit_sentence(mixed) == "3 requests = 8 min"
    assert fit_sentence(list_fit([180, None, 180], 600)) == ""


def test_the_console_shows_the_time_left_and_whether_the_list_fits(site: Site) -> None:
    service = site.service
    plan = service.plan(site.meeting)
    assert plan.start is not None
    service.clock = lambda: plan.start + timedelta(minutes=5)  # type: ignore[operator]
    service.execute(site.meeting, OpenMeeting(), CHAIR)
    floor = next(i for i, s in enumerate(plan.segments) if s.role == "participant")
    service.execute(site.meeting, StartSegment(segment=floor), CHAIR)
    for name in ("Ana", "Ben", "Cai"):
        who, _ = site.register(name, delegation=name)
        service.execute(site.meeting, RequestFloor(), Actor("participant", who))
    page = site.client("chair").get(f"/m/{site.meeting}/chair").text
    found = re.search(r"3 requests × (\d+) min = (\d+) min; (\d+) min left", page)
    assert found, "the list against the time left"
    each, needed, left = (int(g) for g in found.groups())
    assert needed == 3 * each and 0 < left <= plan.minutes  # type: ignore[operator]
    assert "Left in the segment" in page and "Left in the meeting" in page


def test_the_secretariat_keeps_the_list_but_does_not_give_the_floor(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    for name in ("Ana", "Ben"):
        who, _ = site.register(name, delegation=name)
        site.service.execute(site.meeting, RequestFloor(), Actor("participant", who))
    office = site.client("secretariat")
    page = office.get(f"/m/{site.meeting}/secretariat").text
    listed = page.split('id="list"')[1].split("</section>")[0]
    assert "move_request" in listed and "remove_request" in listed
    assert "give_floor" not in listed and "close_list" not in listed
    second = site.service.state(site.meeting).queue[1].id
    response = post(office, site, "secretariat", type="move_request", request_id=second, position=0)
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert site.service.state(site.meeting).queue[0].id == second


def test_a_meeting_run_on_another_day_has_its_slot_from_its_opening() -> None:
    from podium.conceptnote.reader import read_note
    from podium.meeting.programme import meeting_seconds_left
    from tests.conftest import PANEL_2024

    plan = read_note(PANEL_2024)
    assert plan.start is not None and plan.end is not None
    slot = (plan.end - plan.start).total_seconds()
    on_the_day = plan.start + timedelta(minutes=10)
    assert meeting_seconds_left(plan, on_the_day, on_the_day) == slot - 600
    later = plan.start + timedelta(days=400)
    assert meeting_seconds_left(plan, later, later + timedelta(minutes=5)) == slot - 300
