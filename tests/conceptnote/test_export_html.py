from __future__ import annotations

import gettext
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from itertools import pairwise

import pytest

from podium import i18n
from podium.conceptnote.html import event_data, write_html
from podium.meeting.plan import Document
from tests.conceptnote.plans import panel_2024, roundtable_2021


class Page(HTMLParser):
    """What the tests look at: the page's tags, headings, scripts and visible text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self.scripts: list[tuple[str | None, str]] = []
        self.text: list[str] = []
        self._open: str | None = None
        self._script_type: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag
        if tag == "script":
            self._script_type = dict(attrs).get("type")

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            self.scripts.append((self._script_type, data))
        elif self._open and re.fullmatch(r"h[1-6]", self._open):
            self.headings.append((int(self._open[1]), data.strip()))
        if self._open not in {"script", "style"}:
            self.text.append(data)

    def find(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


def json_ld(html: str) -> dict[str, object]:
    page = Page(html)
    blocks = [text for kind, text in page.scripts if kind == "application/ld+json"]
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert isinstance(data, dict)
    return data


def test_json_ld_describes_the_event() -> None:
    data = json_ld(write_html(panel_2024()))
    assert data["@type"] == "Event"
    assert data["name"] == panel_2024().title
    assert data["startDate"] == "2024-04-15T15:00:00+02:00"
    assert data["endDate"] == "2024-04-15T16:30:00+02:00"
    assert data["location"] == {"@type": "Place", "name": "Geneva", "address": "Geneva"}
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "United Nations Commission on Science and Technology for Development (CSTD)",
    }
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert str(data["description"]).startswith("The high-level panel aims")


def test_an_offset_only_meeting_keeps_its_offset_and_says_nothing_it_does_not_know() -> None:
    data = event_data(roundtable_2021())
    assert data["startDate"] == "2021-05-17T15:00:00+02:00"
    assert "location" not in data and "eventAttendanceMode" not in data


def test_page_is_accessible() -> None:
    page = Page(write_html(panel_2024()))
    assert page.find("html")[0]["lang"] == "en-GB"
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1
    # Headings go down one level at a time, never skipping one.
    assert all(b <= a + 1 for a, b in pairwise(levels))
    assert [t for lv, t in page.headings if lv == 2] == ["Concept note"]
    assert "Guiding questions" in [t for _, t in page.headings]
    times = page.find("time")
    assert times and times[0]["datetime"] == "2024-04-15T15:00:00+02:00"
    assert len(page.find("li")) == 6 + 3 + 3  # questions, programme, documents
    links = [a["href"] for a in page.find("a")]
    assert "https://unctad.org/system/files/official-document/ecn162024d3_en.pdf" in links


def test_page_is_printable() -> None:
    html = write_html(panel_2024())
    assert "@media print" in html and "@page" in html


def test_page_shows_the_note() -> None:
    text = " ".join(Page(write_html(panel_2024())).text)
    for words in (
        "Twenty-seventh Annual Session",
        "High-level panel on “Global Cooperation",
        "Monday, 15 April 2024, 15:00–16:30",
        "Presentations by the panelists (maximum 15 minutes each)",
        "(E/CN.16/2024/3)",
        *panel_2024().questions,
    ):
        assert words in text


def test_a_title_with_markup_is_escaped_everywhere() -> None:
    title = 'Evil </script><script>alert("x")</script> & <b>bold</b>'
    plan = replace(panel_2024(), title=title)
    html = write_html(plan)

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html  # the visible heading
    assert json_ld(html)["name"] == title  # the data still reads back whole
    page = Page(html)
    assert len(page.find("script")) == 1 and not page.find("b")


def test_only_web_addresses_become_links() -> None:
    plan = replace(panel_2024(), documents=(Document("Trap", url="javascript:alert(1)"),))
    page = Page(write_html(plan))
    assert page.find("a") == []
    assert "Trap" in " ".join(page.text)


def test_every_visible_word_goes_through_gettext(monkeypatch: pytest.MonkeyPatch) -> None:
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            # Placeholders stay as they are: "{kind} on “{title}”" → "{kind} ON “{title}”".
            parts = re.split(r"(\{[^}]*\})", message)
            return "".join(p if p.startswith("{") else p.upper() for p in parts)

    monkeypatch.setattr(i18n, "translations", lambda language: Shouting())
    headings = [t for _, t in Page(write_html(roundtable_2021())).headings]
    assert "CONCEPT NOTE" in headings and "GUIDING QUESTIONS" in headings
    assert "FORMAT" in headings and "OUTCOME" in headings
