"""Each request speaks its own language: ``?lang=``, the picker's cookie, Accept-Language,
and the meeting's own language for the big screen and its documents."""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from podium.conceptnote.reader import read_note
from podium.i18n import _, current, speaking
from podium.meetings import MeetingService
from podium.web.app import create_app
from podium.web.assets import asset
from podium.web.locale import COOKIE
from tests.conftest import PANEL_2024

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[object, str, dict[str, str]]]:
    app = create_app(str(tmp_path / "data"))
    service: MeetingService = app.state.service
    created = service.create(read_note(PANEL_2024))
    yield app, created.id, dict(created.tokens)


def _html_tag(page: str) -> str:
    found = re.search(r"<html[^>]*>", page)
    assert found
    return found.group(0)


def _client(app: object) -> TestClient:
    return TestClient(app, follow_redirects=False)  # type: ignore[arg-type]


def test_query_then_cookie_then_accept_language(site: tuple[object, str, dict[str, str]]) -> None:
    app, _meeting, _tokens = site
    client = _client(app)
    assert _html_tag(client.get("/").text) == '<html lang="en" dir="ltr">'
    assert _html_tag(client.get("/?lang=fr").text) == '<html lang="fr" dir="ltr">'
    # The most wanted language a catalogue speaks, by weight, region tags reduced.
    header = {"accept-language": "de;q=1.0, es-MX;q=0.5, fr-CA;q=0.8"}
    assert _html_tag(client.get("/", headers=header).text) == '<html lang="fr" dir="ltr">'
    assert "Créer une réunion" in client.get("/", headers=header).text
    # A language no catalogue speaks falls back to English, never an error.
    assert _html_tag(client.get("/?lang=xx").text) == '<html lang="en" dir="ltr">'

    picked = client.get("/language", params={"lang": "fr", "back": "/new"})
    assert picked.status_code == 303 and picked.headers["location"] == "/new"
    assert picked.cookies.get(COOKIE) == "fr"
    # The cookie outranks the browser's wish; ?lang= outranks the cookie.
    client.cookies.set(COOKIE, "fr")
    assert 'lang="fr"' in _html_tag(client.get("/new", headers={"accept-language": "en"}).text)
    assert 'lang="en"' in _html_tag(client.get("/new?lang=en").text)


def test_the_picker_is_a_plain_link_back_to_the_same_page(
    site: tuple[object, str, dict[str, str]],
) -> None:
    app, meeting, _tokens = site
    page = _client(app).get(f"/m/{meeting}?lang=fr").text
    nav = re.search(r'<nav class="languages".*?</nav>', page, re.S)
    assert nav, "the public page offers the languages"
    assert f'href="/language?lang=en&amp;back=/m/{meeting}"' in nav.group(0)
    assert 'aria-current="true">Français<' in nav.group(0)
    # Never sends anyone off the site.
    away = _client(app).get("/language", params={"lang": "fr", "back": "//evil.example/"})
    assert away.headers["location"] == "/"


def test_the_big_screen_speaks_the_meetings_language(
    site: tuple[object, str, dict[str, str]],
) -> None:
    app, meeting, tokens = site
    service: MeetingService = app.state.service  # type: ignore[attr-defined]
    assert service.plan(meeting).language == "en"
    screen = _client(app)
    screen.get(f"/join/{tokens['display']}")
    # The browser showing the screen wants French; the room reads the meeting's English.
    page = screen.get(f"/m/{meeting}/screen", headers={"accept-language": "fr"}).text
    assert 'lang="en"' in _html_tag(page)
    assert 'lang="fr"' in _html_tag(screen.get(f"/m/{meeting}/screen?lang=fr").text)
    # The Chair's own console follows the Chair's browser.
    chair = _client(app)
    chair.get(f"/join/{tokens['chair']}")
    page = chair.get(f"/m/{meeting}/chair", headers={"accept-language": "fr"}).text
    assert 'lang="fr"' in _html_tag(page)


def test_the_report_speaks_the_meetings_language_unless_asked(
    site: tuple[object, str, dict[str, str]],
) -> None:
    app, meeting, tokens = site
    chair = _client(app)
    chair.get(f"/join/{tokens['chair']}")
    english = chair.get(f"/m/{meeting}/report.md", headers={"accept-language": "fr"})
    assert "Chair's summary" in english.text
    french = chair.get(f"/m/{meeting}/report.md?lang=fr")
    assert "Résumé du/de la Président(e)" in french.text
    assert french.headers["etag"] != english.headers["etag"]


def test_refusals_speak_the_requests_language(
    site: tuple[object, str, dict[str, str]],
) -> None:
    app, _meeting, _tokens = site
    client = _client(app)
    answer = client.get("/m/nowhere/chair", headers={"accept-language": "fr"})
    assert answer.status_code == 404
    assert "Cette réunion n&#39;existe pas." in answer.text


def test_each_context_keeps_its_own_language() -> None:
    seen: dict[str, str] = {}

    def speak(lang: str) -> None:
        with speaking(lang):
            seen[lang] = _("Request the floor")

    threads = [threading.Thread(target=speak, args=(lang,)) for lang in ("fr", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"fr": "Demander la parole", "en": "Request the floor"}
    assert current() == "en"


@pytest.mark.parametrize(
    ("lang", "day"),
    [
        ("en", "15 April 2024"),
        ("fr", "15 avril 2024"),
        ("es", "15 de abril de 2024"),
        ("zh", "2024年4月15日"),
        ("ru", "15 апреля 2024"),
    ],
)
def test_the_reports_date_is_written_in_its_language(
    site: tuple[object, str, dict[str, str]], lang: str, day: str
) -> None:
    app, meeting, tokens = site
    chair = _client(app)
    chair.get(f"/join/{tokens['chair']}")
    assert day in chair.get(f"/m/{meeting}/report.md?lang={lang}").text


def test_timers_read_left_to_right_on_an_arabic_page(
    site: tuple[object, str, dict[str, str]],
) -> None:
    from podium.meeting.commands import GiveFloor, OpenMeeting, RequestFloor
    from podium.meeting.participants import ParticipantFields
    from podium.meeting.words import CHAIR, Actor
    from podium.web.templating import clock

    assert str(clock(-12)) == '<bdi dir="ltr">-0:12</bdi>'
    app, meeting, tokens = site
    service: MeetingService = app.state.service  # type: ignore[attr-defined]
    service.execute(meeting, OpenMeeting(), CHAIR)
    ((who, _token),) = service.register(meeting, [ParticipantFields(name="Ana Gomez")], CHAIR)
    service.execute(meeting, RequestFloor(), Actor("participant", who.id))
    service.execute(meeting, GiveFloor(limit_seconds=120), CHAIR)
    chair = _client(app)
    chair.get(f"/join/{tokens['chair']}")
    page = chair.get(f"/m/{meeting}/chair?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in page
    assert re.search(r'data-digits><bdi dir="ltr">\d+:\d\d</bdi>', page)
    # The script rewrites the digits' text: the element itself is isolated left to right.
    css = chair.get(asset("podium.css")).text
    assert re.search(r"\.digits[^{]*\{[^}]*direction: ltr;[^}]*unicode-bidi: isolate", css)
