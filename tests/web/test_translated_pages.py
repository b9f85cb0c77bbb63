"""Every page and the HTML report, rendered in each language, leave no message of the
catalogue in English: whatever text the English page shows from the catalogue, the
translated page shows translated."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from podium.conceptnote.reader import read_note
from podium.i18n import LOCALE_DIR, direction
from podium.meeting.commands import GiveFloor, OpenMeeting, RequestFloor, StartSegment
from podium.meeting.participants import ParticipantFields
from podium.meeting.words import CHAIR, Actor
from podium.meetings import MeetingService
from podium.web.app import create_app
from podium.web.templating import TEMPLATES
from tests.conftest import PANEL_2024

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

LANGUAGES = ("fr", "es", "ar", "zh", "ru")
# Attributes a reader sees or hears.
SHOWN = frozenset({"title", "placeholder", "alt", "aria-label"})
# The data- attributes that carry a sentence for live.js to show or speak: those the templates
# fill from the catalogue. Others (data-group="Africa") hold codes, which stay as they are.
SENTENCES = frozenset(
    re.findall(
        r'(data-[a-z-]+)="\{\{ _\(', "".join(p.read_text() for p in TEMPLATES.glob("*.html"))
    )
)


class _Texts(HTMLParser):
    """Each text node and shown attribute of a page, whole and stripped."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        # A button's value is its label; any other value is a code the form sends.
        button = tag == "input" and dict(attrs).get("type") in ("submit", "button")
        for name, value in attrs:
            shown = name in SHOWN or name in SENTENCES or (button and name == "value")
            if shown and value and value.strip():
                self.found.add(value.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.found.add(" ".join(data.split()))


def texts(html: str) -> set[str]:
    parser = _Texts()
    parser.feed(html)
    parser.close()
    return parser.found


@cache
def translated(lang: str) -> frozenset[str]:
    """The catalogue's messages (without placeholders) that read otherwise in ``lang``."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "podium.po").open("rb") as file:
        catalogue = read_po(file, locale=lang)
    return frozenset(
        str(m.id)
        for m in catalogue
        if m.id and isinstance(m.id, str) and m.string and m.string != m.id and "{" not in m.id
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, str]]]:
    """Each page's address and the link that opens it, with a meeting under way."""
    app = create_app(str(tmp_path_factory.mktemp("translated") / "data"))
    service: MeetingService = app.state.service
    created = service.create(read_note(PANEL_2024))
    meeting, tokens = created.id, dict(created.tokens)
    service.execute(meeting, OpenMeeting(), CHAIR)
    service.execute(meeting, StartSegment(segment=2), CHAIR)
    people = []
    for name in ("Ana Gomez", "Kofi Mensah", "Li Wei"):
        person = ParticipantFields(name=name, delegation="Ghana", country="GH")
        ((participant, token),) = service.register(meeting, [person], CHAIR)
        people.append((participant.id, token))
    speaker, waiting, ordered = people
    service.execute(meeting, RequestFloor(), Actor("participant", speaker[0]))
    service.execute(meeting, GiveFloor(limit_seconds=180), CHAIR)
    service.execute(meeting, RequestFloor(), Actor("participant", waiting[0]))
    service.execute(meeting, RequestFloor(kind="point-of-order"), Actor("participant", ordered[0]))
    yield (
        {
            "landing": ("/", ""),
            "new": ("/new", ""),
            "public": (f"/m/{meeting}", ""),
            "chair": (f"/m/{meeting}/chair", tokens["chair"]),
            "secretariat": (f"/m/{meeting}/secretariat", tokens["secretariat"]),
            "screen": (f"/m/{meeting}/screen", tokens["display"]),
            "speaker": (f"/m/{meeting}/me", speaker[1]),
            "waiting": (f"/m/{meeting}/me", waiting[1]),
            "report": (f"/m/{meeting}/report.html", tokens["chair"]),
        },
        app,
    )  # type: ignore[misc]


def _get(app: object, path: str, token: str, lang: str) -> str:
    client = TestClient(app, follow_redirects=False)  # type: ignore[arg-type]
    if token:
        assert client.get(f"/join/{token}").status_code == 303
    response = client.get(path, params={"lang": lang})
    assert response.status_code == 200, response.text[:300]
    return response.text


PAGES = ("landing", "new", "public", "chair", "secretariat", "screen", "speaker", "waiting")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", (*PAGES, "report"))
def test_no_message_is_left_in_english(
    pages: tuple[dict[str, tuple[str, str]], object], page: str, lang: str
) -> None:
    addresses, app = pages
    path, token = addresses[page]
    english = texts(_get(app, path, token, "en"))
    shown = english & translated(lang)
    assert len(shown) >= 3, "the English page shows messages of the catalogue"
    html = _get(app, path, token, lang)
    left = shown & texts(html)
    assert left == set(), f"{page} in {lang} still shows {sorted(left)}"
    if page != "report":
        assert f'<html lang="{lang}" dir="{direction(lang)}">' in html


def test_the_check_finds_english_left_behind(
    pages: tuple[dict[str, tuple[str, str]], object],
) -> None:
    assert "Request the floor" in translated("fr")
    english = texts('<p>Request the floor</p><button title="Full screen">x</button>')
    assert {"Request the floor", "Full screen"} <= english & translated("fr")


def test_rendered_pages_are_not_cached_across_languages(
    pages: tuple[dict[str, tuple[str, str]], object], tmp_path: Path
) -> None:
    addresses, app = pages
    path, token = addresses["speaker"]
    assert "Vous avez la parole." in _get(app, path, token, "fr")
    assert "You have the floor." in _get(app, path, token, "en")
