"""The pages, in process: each role's page, its forms, escaping, and the weight of a phone page."""

from __future__ import annotations

import gzip
import io
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

import pytest

from podium.conceptnote.reader import read_note
from podium.meeting.commands import OpenMeeting, RequestFloor, StartSegment
from podium.meeting.participants import ParticipantFields
from podium.meeting.words import CHAIR, Actor
from podium.meetings import MeetingService
from podium.record.exports import load_record
from podium.web.app import create_app
from podium.web.assets import asset
from podium.web.templating import direction
from tests.conftest import PANEL_2024

with warnings.catch_warnings():
    # Starlette's test client warns about its httpx backend at import time only.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EVIL = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@dataclass
class Site:
    app: object
    service: MeetingService
    meeting: str
    tokens: dict[str, str]

    def client(self, role: str | None = None, token: str | None = None) -> TestClient:
        """A browser holding the link of ``role`` (or of ``token``)."""
        client = TestClient(self.app, follow_redirects=False)  # type: ignore[arg-type]
        token = token or (self.tokens[role] if role else None)
        if token:
            response = client.get(f"/join/{token}")
            assert response.status_code == 303
        return client

    def register(self, name: str, **fields: object) -> tuple[str, str]:
        person = ParticipantFields(name=name, **fields)  # type: ignore[arg-type]
        ((participant, token),) = self.service.register(self.meeting, [person], CHAIR)
        return participant.id, token


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    app = create_app(str(tmp_path / "data"))
    service: MeetingService = app.state.service
    created = service.create(read_note(PANEL_2024))
    yield Site(app, service, created.id, dict(created.tokens))


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "the page has a form with a CSRF token"
    return found.group(1)


def post(client: TestClient, site: Site, page: str, **fields: object) -> object:
    html = client.get(f"/m/{site.meeting}/{page}").text
    data = {"csrf": csrf(html), "back": page, **{k: str(v) for k, v in fields.items()}}
    return client.post(f"/m/{site.meeting}/act", data=data)


def test_each_role_link_opens_its_page(site: Site) -> None:
    client = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    for role, page in (("chair", "chair"), ("secretariat", "secretariat"), ("display", "screen")):
        response = client.get(f"/join/{site.tokens[role]}")
        assert response.status_code == 303
        assert response.headers["location"] == f"/m/{site.meeting}/{page}"
        cookie = response.headers["set-cookie"]
        assert f"podium_{site.meeting}=" in cookie
        assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
        assert "secure" not in cookie.lower()  # plain http in tests
    _, token = site.register("Ana Gomez", delegation="Brazil", country="BR")
    response = client.get(f"/join/{token}")
    assert response.headers["location"] == f"/m/{site.meeting}/me"
    assert client.get("/join/not-a-token").status_code == 404


def test_pages_need_the_right_link(site: Site) -> None:
    stranger = site.client()
    assert stranger.get(f"/m/{site.meeting}/chair").status_code == 403
    assert stranger.get(f"/m/{site.meeting}").status_code == 200
    assert stranger.get("/m/nosuchmeeting/chair").status_code == 404
    _, token = site.register("Ana Gomez", delegation="Brazil", country="BR")
    participant = site.client(token=token)
    assert participant.get(f"/m/{site.meeting}/chair").status_code == 403
    assert participant.get(f"/m/{site.meeting}/secretariat").status_code == 403
    assert participant.get(f"/m/{site.meeting}/me").status_code == 200
    screen = site.client("display")
    assert screen.get(f"/m/{site.meeting}/screen").status_code == 200
    assert screen.get(f"/m/{site.meeting}/chair").status_code == 403


def test_participant_requests_the_floor_with_a_plain_form(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    _, token = site.register("Ana Gomez", delegation="Brazil", country="BR")
    phone = site.client(token=token)
    page = phone.get(f"/m/{site.meeting}/me").text
    assert "Request the floor" in page and "You have not asked for the floor." in page
    response = post(phone, site, "me", type="request_floor", kind="statement", channel="online")
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["location"] == f"/m/{site.meeting}/me"  # type: ignore[attr-defined]
    page = phone.get(f"/m/{site.meeting}/me").text
    assert "Place 1 in the list" in page
    chair = site.client("chair").get(f"/m/{site.meeting}/chair").text
    assert "Ana Gomez" in chair and 'Statement <span class="online">online</span>' in chair
    # Withdrawing with the button on the page empties the list.
    request_id = re.search(r'name="request_id" value="(\d+)"', page)
    assert request_id
    post(phone, site, "me", type="withdraw_request", request_id=request_id.group(1))
    assert "You have not asked for the floor." in phone.get(f"/m/{site.meeting}/me").text
    assert site.service.state(site.meeting).queue == ()


def test_a_refusal_shows_its_sentence_on_the_page(site: Site) -> None:
    _, token = site.register("Ana Gomez")
    phone = site.client(token=token)
    response = post(phone, site, "me", type="request_floor", kind="statement")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "The meeting has not been opened yet." in response.text  # type: ignore[attr-defined]
    assert 'role="alert"' in response.text  # type: ignore[attr-defined]
    # The page says where it lives, so that the script can put the address back.
    assert f'data-page="/m/{site.meeting}/me"' in response.text  # type: ignore[attr-defined]


def test_a_form_without_its_csrf_token_is_refused(site: Site) -> None:
    chair = site.client("chair")
    before = site.service.state(site.meeting).seq
    response = chair.post(
        f"/m/{site.meeting}/act", data={"type": "open_meeting", "back": "chair", "csrf": "0" * 64}
    )
    assert response.status_code == 403
    assert site.service.state(site.meeting).seq == before


def test_a_participant_cannot_act_as_the_chair(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    _, token = site.register("Ana Gomez")
    phone = site.client(token=token)
    response = post(phone, site, "me", type="close_list")
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert not site.service.state(site.meeting).list_closed


def test_the_chair_runs_a_speech_from_the_console(site: Site) -> None:
    chair = site.client("chair")
    post(chair, site, "chair", type="open_meeting")
    post(chair, site, "chair", type="start_segment", segment=2)
    who, _ = site.register("Ana Gomez", delegation="Brazil", country="BR")
    point_of_order = RequestFloor(kind="point-of-order")
    site.service.execute(site.meeting, point_of_order, Actor("participant", who))
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert re.search(r'<div class="alert">\s*<strong>Point of order</strong>', page)
    response = post(chair, site, "chair", type="give_floor", limit_seconds=90)
    assert response.status_code == 303  # type: ignore[attr-defined]
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert "Ana Gomez" in page and 'data-limit="90"' in page and "light-green" in page
    post(chair, site, "chair", type="pause_speech")
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert "Resume" in page and "Paused" in page
    post(chair, site, "chair", type="resume_speech")
    post(chair, site, "chair", type="extend_speech", seconds=60)
    assert 'data-limit="150"' in chair.get(f"/m/{site.meeting}/chair").text
    post(chair, site, "chair", type="tag_intervention", questions="2", note="On data")
    screen = site.client("display").get(f"/m/{site.meeting}/screen").text
    question = site.service.plan(site.meeting).questions[1]
    assert "Guiding question" in screen
    assert question.replace("'", "&#39;").replace('"', "&#34;")[:40] in screen
    post(chair, site, "chair", type="end_speech")
    state = site.service.state(site.meeting)
    assert state.speech is None
    assert state.history[-1].questions == (2,) and state.history[-1].note == "On data"


def test_the_chairs_tag_form_adds_to_what_the_intervention_holds(site: Site) -> None:
    chair = site.client("chair")
    post(chair, site, "chair", type="open_meeting")
    who, _ = site.register("Ana Gomez", delegation="Brazil", country="BR")
    post(chair, site, "chair", type="give_floor", participant_id=who)
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert 'name="questions"' in page and 'name="append_note"' in page
    post(chair, site, "chair", type="tag_intervention", add_questions="2", append_note="On data")
    post(chair, site, "chair", type="tag_intervention", append_note="And skills")
    speech = site.service.state(site.meeting).speech
    assert speech is not None
    assert speech.questions == (2,) and speech.note == "On data\nAnd skills"
    # The form shows what the intervention holds: question 2 ticked, the note so far.
    page = chair.get(f"/m/{site.meeting}/chair").text
    tag = page.split('id="tag"')[1].split("</section>")[0]
    assert re.search(r'name="questions" value="2" checked', tag)
    assert not re.search(r'name="questions" value="1" checked', tag)
    assert "On data\nAnd skills" in tag
    secretariat = site.client("secretariat")
    post(secretariat, site, "secretariat", type="tag_intervention", intervention_id=1, questions="")
    speech = site.service.state(site.meeting).speech
    assert speech is not None and speech.questions == () and speech.note == "On data\nAnd skills"


def test_forms_for_groups_questions_to_panelists_responses_and_undo(site: Site) -> None:
    chair = site.client("chair")
    post(chair, site, "chair", type="open_meeting")
    panelist, _ = site.register("Ada Panel", role="panelist", segment=1)
    who, token = site.register("Ana Gomez", delegation="Cuba", country="CU")
    phone = site.client(token=token)
    page = phone.get(f"/m/{site.meeting}/me").text
    assert f'<option value="{panelist}">Ada Panel</option>' in page
    assert '<option value="g77">Group of 77 and China</option>' in page
    post(phone, site, "me", type="request_floor", kind="statement", group="g77")
    post(phone, site, "me", type="request_floor", kind="question", to=panelist)
    queue = site.service.state(site.meeting).queue
    assert [(r.group, r.to) for r in queue] == [("g77", None), (None, panelist)]
    post(chair, site, "chair", type="remove_request", request_id=queue[0].id)
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert "Undo: put Ana Gomez back in the list" in page
    post(chair, site, "chair", type="undo_remove_request", request_id=queue[0].id)
    assert site.service.state(site.meeting).queue == queue
    post(chair, site, "chair", type="give_floor")
    assert "Undo: take back the floor" in chair.get(f"/m/{site.meeting}/chair").text
    post(chair, site, "chair", type="undo_give_floor", intervention_id=1)
    state = site.service.state(site.meeting)
    assert state.speech is None and state.queue == queue
    post(chair, site, "chair", type="give_floor")
    post(chair, site, "chair", type="give_floor")  # the question, for Ada
    post(chair, site, "chair", type="open_response_round", limit_seconds="120")
    state = site.service.state(site.meeting)
    assert state.response_round is not None and state.response_round.limit_seconds == 120
    assert [(r.participant_id, r.kind) for r in state.queue] == [(panelist, "response")]
    page = chair.get(f"/m/{site.meeting}/chair").text
    assert "End the panel's responses" in page
    post(chair, site, "chair", type="give_floor")
    speech = site.service.state(site.meeting).speech
    assert speech is not None and speech.limit_seconds == 120 and speech.kind == "response"
    assert who != panelist


def test_the_big_screen_shows_speaker_country_timer_and_next_three(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    names = ["Ana Gomez", "Bikash Rai", "Chen Li", "Dana Ivanova"]
    countries = ["BR", "NP", "CN", "BG"]
    for name, country in zip(names, countries, strict=True):
        who, _ = site.register(name, delegation=f"Delegation of {name}", country=country)
        site.service.execute(site.meeting, RequestFloor(), Actor("participant", who))
    chair = site.client("chair")
    post(chair, site, "chair", type="give_floor", limit_seconds=180)
    screen = site.client("display").get(f"/m/{site.meeting}/screen").text
    assert re.search(r'<h1 class="speaker" data-speaker="\d+">Ana Gomez</h1>', screen)
    assert "Brazil" in screen  # the country's name, from its code
    assert "3:00" in screen and '<body class="screen light-green"' in screen
    upcoming = screen.split('class="upcoming"')[1]
    assert "Bikash Rai" in upcoming and "Chen Li" in upcoming and "Dana Ivanova" in upcoming
    assert 'http-equiv="refresh"' in screen  # inside <noscript>, for a screen without JS


def test_between_speeches_the_big_screen_shows_the_segment(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    screen = site.client("display")
    assert 'class="segment"' not in screen.get(f"/m/{site.meeting}/screen").text
    site.service.execute(site.meeting, StartSegment(segment=1), CHAIR)
    page = screen.get(f"/m/{site.meeting}/screen").text
    title = site.service.plan(site.meeting).segments[1].title
    assert f'<p class="segment">{html_escape(title)}</p>' in page


def test_user_text_is_escaped_on_every_page(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    site.service.execute(site.meeting, StartSegment(segment=2), CHAIR)
    who, token = site.register(EVIL, delegation=EVIL, organisation=EVIL)
    other, _ = site.register("Bikash Rai", delegation=EVIL)
    site.service.execute(site.meeting, RequestFloor(), Actor("participant", other))
    site.service.execute(site.meeting, RequestFloor(), Actor("participant", who))
    chair = site.client("chair")
    post(chair, site, "chair", type="give_floor", participant_id=who)
    post(chair, site, "chair", type="tag_intervention", note=EVIL)
    pages = {
        "chair": chair.get(f"/m/{site.meeting}/chair").text,
        "screen": site.client("display").get(f"/m/{site.meeting}/screen").text,
        "me": site.client(token=token).get(f"/m/{site.meeting}/me").text,
        "secretariat": site.client("secretariat").get(f"/m/{site.meeting}/secretariat").text,
        "public": site.client().get(f"/m/{site.meeting}").text,
    }
    for name, html in pages.items():
        assert EVIL not in html, name
        assert ESCAPED in html, name
    post(chair, site, "chair", type="end_speech")
    record = site.client("secretariat").get(f"/m/{site.meeting}/secretariat").text
    assert EVIL not in record and f'value="{ESCAPED}"' in record


def test_the_secretariat_registers_by_form_and_by_csv(site: Site) -> None:
    office = site.client("secretariat")
    page = office.get(f"/m/{site.meeting}/secretariat").text
    response = office.post(
        f"/m/{site.meeting}/participants",
        data={
            "csrf": csrf(page),
            "name": "Ana Gomez",
            "delegation": "Brazil",
            "country": "BR",
            "stakeholder": "government",
            "channel": "online",
            "role": "panelist",
            "segment": "1",
        },
    )
    # Post, redirect, get: the links are shown once, and reloading registers no one again.
    assert response.status_code == 303
    shown = office.get(response.headers["location"])
    links = re.findall(r'value="(http://testserver/join/[^"]+)"', shown.text)
    assert len(links) == 1
    again = office.get(response.headers["location"])
    assert "join/" not in again.text and "shown once already" in again.text
    assert len(site.service.state(site.meeting).participants) == 1
    sheet = (
        "name,delegation,country,stakeholder,gender,channel\n"
        "Bikash Rai,Nepal,NP,government,male,room\n"
        "Chen Li,,CN,academia,female,online\n"
    )
    response = office.post(
        f"/m/{site.meeting}/participants",
        data={"csrf": csrf(page)},
        files={"file": ("people.csv", io.BytesIO(sheet.encode()), "text/csv")},
    )
    assert response.status_code == 303
    shown = office.get(response.headers["location"]).text
    links = re.findall(r'value="http://testserver(/join/[^"]+)"', shown)
    assert len(links) == 2
    phone = TestClient(site.app)  # type: ignore[arg-type]
    assert "Bikash Rai" in phone.get(links[0]).text
    state = site.service.state(site.meeting)
    by_name = {p.name: p for p in state.participants.values()}
    assert by_name["Ana Gomez"].segment == 1 and by_name["Ana Gomez"].role == "panelist"
    assert by_name["Chen Li"].stakeholder == "academia"
    bad = "name,stakeholder\nDana,pirates\n"
    response = office.post(
        f"/m/{site.meeting}/participants",
        data={"csrf": csrf(page)},
        files={"file": ("bad.csv", io.BytesIO(bad.encode()), "text/csv")},
    )
    assert response.status_code == 422
    assert "Line 2, column stakeholder:" in response.text


def test_the_secretariat_corrects_the_record(site: Site) -> None:
    chair = site.client("chair")
    post(chair, site, "chair", type="open_meeting")
    who, _ = site.register("Ana Gomez")
    post(chair, site, "chair", type="give_floor", participant_id=who)
    post(chair, site, "chair", type="end_speech")
    office = site.client("secretariat")
    page = office.get(f"/m/{site.meeting}/secretariat").text
    assert "Correct the record" in page
    response = office.post(
        f"/m/{site.meeting}/act",
        data={
            "csrf": csrf(page),
            "back": "secretariat",
            "type": "tag_intervention",
            "intervention_id": "1",
            "questions": ["1", "3"],
            "note": "Answered the first and third questions",
        },
    )
    assert response.status_code == 303
    done = site.service.state(site.meeting).history[0]
    assert done.questions == (1, 3) and done.note.startswith("Answered")
    page = office.get(f"/m/{site.meeting}/secretariat").text
    assert f"/m/{site.meeting}/report.pdf" in page and f"/m/{site.meeting}/charts/" in page


def test_the_public_page_has_the_note_programme_and_event_data(site: Site) -> None:
    page = site.client().get(f"/m/{site.meeting}").text
    plan = site.service.plan(site.meeting)
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found
    event = json.loads(found.group(1))
    assert event["@type"] == "Event" and event["name"] == plan.title
    assert event["startDate"] == plan.start.isoformat()  # type: ignore[union-attr]
    assert "Guiding questions" in page and "Supporting documents" in page
    assert "15:00" in page  # the programme in Geneva time
    for segment in plan.segments:
        assert segment.title.replace("'", "&#39;") in page


def test_the_public_page_and_the_record_plan_the_same_programme(site: Site) -> None:
    for name in ("A. Diallo", "B. Rossi", "C. Wang", "D. Okafor"):
        site.register(name, role="panelist", segment=1)
    page = site.client().get(f"/m/{site.meeting}").text
    # Four panelists of 15 minutes each, after the secretariat's 10: 15:10-16:10 in Geneva.
    assert "15:10–16:10" in page
    record = load_record(site.service.store, site.meeting)
    panel = record.segments[1]
    assert panel.planned_start is not None and panel.planned_end is not None
    zone = site.service.plan(site.meeting).start.tzinfo  # type: ignore[union-attr]
    times = (panel.planned_start.astimezone(zone), panel.planned_end.astimezone(zone))
    assert [f"{t:%H:%M}" for t in times] == ["15:10", "16:10"]


def test_the_participant_page_weighs_under_10_kb_compressed(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    _, token = site.register("Ana Gomez", delegation="Brazil", country="BR")
    phone = site.client(token=token)
    html = phone.get(f"/m/{site.meeting}/me").text
    plan = site.service.plan(site.meeting)
    assert all(html_escape(q) in html for q in plan.questions)
    assert "E/CN.16/2024/3" in html  # the supporting documents, on the phone too
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets)
    bodies = [html.encode()] + [phone.get(a).content for a in assets]
    total = sum(len(gzip.compress(body)) for body in bodies)
    assert total < 10 * 1024, f"{total} bytes compressed"


def test_pages_follow_the_language_direction(site: Site) -> None:
    page = site.client().get(f"/m/{site.meeting}").text
    assert '<html lang="en" dir="ltr">' in page
    assert direction("ar") == "rtl" and direction("he") == "rtl" and direction("fr") == "ltr"
    css = site.client().get(asset("podium.css")).text
    assert "margin-left" not in css and "margin-right" not in css
    assert "margin-inline" in css


def test_the_participants_table_names_groups_in_the_pages_language(site: Site) -> None:
    site.register("Ana", stakeholder="civil-society", gender="female")
    page = site.client("secretariat").get(f"/m/{site.meeting}/secretariat?lang=fr").text
    assert "<td>Société civile</td><td>Femme</td>" in page
    assert "civil-society</td>" not in page
