"""The meeting on air: the big screen framed by the sites a meeting names, and the caption."""

from __future__ import annotations

import warnings

from podium.meeting.commands import (
    GiveFloor,
    OpenMeeting,
    RequestFloor,
    SetEmbedding,
    StartSegment,
    TagIntervention,
)
from podium.meeting.participants import ParticipantFields
from podium.meeting.words import CHAIR, Actor
from tests.web.test_pages import Site, csrf, site

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SECRET = "Quiet Foundation 5e1d"
__all__ = ["site"]


def _name_sites(site: Site, origins: str) -> object:
    """The secretariat sends its page's form naming ``origins`` (one a line)."""
    secretariat = site.client("secretariat")
    page = secretariat.get(f"/m/{site.meeting}/secretariat").text
    form = {"csrf": csrf(page), "back": "secretariat", "type": "set_embedding", "origins": origins}
    return secretariat.post(f"/m/{site.meeting}/act", data=form)


def _speaking(site: Site) -> None:
    """Kenya's delegate has the floor, tagged with the first guiding question."""
    person = ParticipantFields(
        name="Amina Odhiambo",
        delegation="Kenya",
        country="KE",
        organisation=SECRET,
        gender="female",
    )
    ((kenya, _token),) = site.service.register(site.meeting, [person], CHAIR)
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    floor = next(
        i for i, s in enumerate(site.service.plan(site.meeting).segments) if s.role == "participant"
    )
    site.service.execute(site.meeting, StartSegment(segment=floor), CHAIR)
    site.service.execute(site.meeting, RequestFloor(), Actor("participant", kenya.id))
    site.service.execute(site.meeting, GiveFloor(), CHAIR)
    site.service.execute(site.meeting, TagIntervention(add_questions=(1,)), CHAIR)


def test_no_site_may_frame_any_page_until_the_secretariat_names_one(site: Site) -> None:
    anyone = site.client()
    embed = anyone.get(f"/m/{site.meeting}/embed")
    assert embed.status_code == 404
    assert "not shown on other sites" in embed.text
    assert embed.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in embed.headers["content-security-policy"]


def test_the_secretariat_names_a_site_and_only_it_may_frame_the_big_screen(site: Site) -> None:
    _speaking(site)
    sent = _name_sites(site, "https://webtv.example.org\n\nhttps://*.example.net")
    secretariat = site.client("secretariat")
    assert sent.status_code == 303
    shown = secretariat.get(f"/m/{site.meeting}/secretariat").text
    assert "https://webtv.example.org\nhttps://*.example.net</textarea>" in shown
    assert f'href="/m/{site.meeting}/embed"' in shown

    embed = site.client().get(f"/m/{site.meeting}/embed")  # no link needed: what the hall sees
    assert embed.status_code == 200
    policy = embed.headers["content-security-policy"]
    assert "frame-ancestors https://webtv.example.org https://*.example.net" in policy
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "x-frame-options" not in embed.headers
    assert "Amina Odhiambo" in embed.text and SECRET not in embed.text
    assert f'data-page="/m/{site.meeting}/embed"' in embed.text  # live.js refreshes this page
    # Every other page still refuses every frame.
    for page in ("", "/chair", "/screen", "/caption"):
        other = site.client("chair").get(f"/m/{site.meeting}{page}")
        assert other.headers["x-frame-options"] == "DENY", page
        assert "frame-ancestors 'none'" in other.headers["content-security-policy"], page


def test_a_bad_site_is_refused_with_its_reason_and_the_old_list_kept(site: Site) -> None:
    site.service.execute(site.meeting, SetEmbedding(origins=("https://kept.example.org",)), CHAIR)
    refused = _name_sites(site, "https://ok.example.org/path")
    assert refused.status_code == 422
    assert "is not a site&#39;s address" in refused.text
    assert site.service.state(site.meeting).embed_origins == ("https://kept.example.org",)


def test_the_caption_shows_who_speaks_in_the_meetings_language(site: Site) -> None:
    anyone = site.client()
    idle = anyone.get(f"/m/{site.meeting}/caption")
    assert idle.status_code == 200
    assert 'class="third"' not in idle.text  # nobody speaks: nothing on air
    assert 'class="caption' in idle.text and "languages" not in idle.text
    _speaking(site)
    shown = anyone.get(f"/m/{site.meeting}/caption", headers={"Accept-Language": "fr"}).text
    assert "Amina Odhiambo" in shown and "Kenya" in shown and SECRET not in shown
    assert 'lang="en"' in shown  # the meeting's language, not the browser's
    question = site.service.plan(site.meeting).questions[0]
    assert question not in shown
    with_question = anyone.get(f"/m/{site.meeting}/caption?question=1").text
    assert question in with_question


def test_an_unknown_meeting_has_no_caption_nor_embed(site: Site) -> None:
    for page in ("caption", "embed"):
        assert site.client().get(f"/m/nope/{page}").status_code == 404


def test_the_caption_needs_no_cookie_and_sets_none(site: Site) -> None:
    client = TestClient(site.app)  # type: ignore[arg-type]
    response = client.get(f"/m/{site.meeting}/caption")
    assert response.status_code == 200
    assert "set-cookie" not in response.headers
