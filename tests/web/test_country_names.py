"""Country names come from one source, the UN's, on every page, the big screen and the record."""

from __future__ import annotations

from podium.meeting.commands import EndSpeech, GiveFloor, OpenMeeting, RequestFloor, StartSegment
from podium.meeting.words import CHAIR, Actor
from podium.record.exports import load_record
from podium.reference import speaks_for
from tests.web.test_pages import Site, site  # noqa: F401 - the fixture

UN_NAMES = {
    "KR": "Republic of Korea",
    "IR": "Iran (Islamic Republic of)",
    "TZ": "United Republic of Tanzania",
    "VN": "Viet Nam",
    "PS": "State of Palestine",
}
OTHER_SPELLINGS = ("South Korea", "Tanzania,", "Vietnam", "Palestine, State of", ">Iran<")


def test_a_delegation_named_for_its_country_is_shown_once_by_the_uns_name() -> None:
    assert speaks_for("Vietnam", None, "VN") == ("Viet Nam", None)
    assert speaks_for("State of Palestine", None, "PS") == ("State of Palestine", None)
    assert speaks_for("viet  nam", None, "vnm") == ("Viet Nam", None)
    assert speaks_for(None, None, "KR") == ("Republic of Korea", None)
    assert speaks_for(None, "KAIST", "KR") == ("KAIST", "Republic of Korea")
    assert speaks_for("European Union", None, None) == ("European Union", None)
    assert speaks_for(None, None, "ZZ") == ("ZZ", None)


def test_every_page_and_the_record_use_the_uns_short_names(site: Site) -> None:  # noqa: F811
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    site.service.execute(site.meeting, StartSegment(segment=2), CHAIR)
    delegations = {"KR": "South Korea", "IR": None, "TZ": "Tanzania", "VN": "Vietnam", "PS": None}
    ids = {}
    for code, delegation in delegations.items():
        who, _token = site.register(f"Speaker {code}", delegation=delegation, country=code)
        ids[code] = who
        site.service.execute(site.meeting, RequestFloor(), Actor("participant", who))
    site.service.execute(site.meeting, GiveFloor(participant_id=ids["KR"]), CHAIR)
    pages = {
        "chair": site.client("chair").get(f"/m/{site.meeting}/chair").text,
        "screen": site.client("display").get(f"/m/{site.meeting}/screen").text,
        "secretariat": site.client("secretariat").get(f"/m/{site.meeting}/secretariat").text,
    }
    for page, html in pages.items():
        for spelling in OTHER_SPELLINGS:
            assert spelling not in html, (page, spelling)
    screen = pages["screen"]
    assert '<p class="delegation">Republic of Korea</p>' in screen
    for name in ("United Republic of Tanzania", "Iran (Islamic Republic of)", "Viet Nam"):
        assert name in pages["chair"]
        assert f"{name} ({name})" not in pages["chair"]
    site.service.execute(site.meeting, EndSpeech(), CHAIR)
    record = load_record(site.service.store, site.meeting)
    represents = {s.participant_id: s.represents for s in record.speakers}
    assert {code: represents[ids[code]] for code in UN_NAMES} == UN_NAMES
