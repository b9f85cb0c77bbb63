"""The pages' landmarks and live regions, read from the HTML itself (no browser needed).

Every page has one ``main``; a section with a heading is named by it; a live
page has exactly one live node, the status node the script writes into, and the
timer is inside no live region. The browser tests check the same with axe-core
in Chromium; this one runs everywhere, fast, over every page and state.
"""

from __future__ import annotations

from lxml import html as lxml_html

from podium.meeting.commands import (
    CloseList,
    CloseMeeting,
    GiveFloor,
    OpenMeeting,
    RequestFloor,
    StartSegment,
)
from podium.meeting.words import CHAIR, Actor
from tests.web.test_pages import Site, site  # noqa: F401 - the fixture

LIVE = "//*[@aria-live or @role='status' or @role='alert' or @role='log' or @role='timer']"


def problems_of(page: str, live: bool) -> list[str]:
    tree = lxml_html.fromstring(page)
    found = []
    mains = tree.xpath("//main | //*[@role='main']")
    if len(mains) != 1:
        found.append(f"{len(mains)} main landmarks")
    for section in tree.xpath("//section"):
        if not section.xpath(".//h1 | .//h2 | .//h3 | .//h4"):
            continue
        named = section.get("aria-label") or "".join(
            "".join(tree.get_element_by_id(i).itertext())
            for i in (section.get("aria-labelledby") or "").split()
            if tree.xpath(f"//*[@id='{i}']")
        )
        if not named.strip():
            found.append(f"section {section.get('id') or section.get('class')} has no name")
    if live:
        nodes = [node.get("id") for node in tree.xpath(LIVE) if node.get("id") != "message"]
        if nodes != ["announce"]:
            found.append(f"live nodes: {nodes}")
        announce = tree.xpath("//*[@id='announce']")
        if not announce or announce[0].getparent().tag != "main":
            found.append("no status node in main")
        elif announce[0].get("aria-live") != "polite":
            found.append("the status node is not a polite child of main")
        if tree.xpath(LIVE + "//*[@data-timer]"):
            found.append("a timer inside a live region")
    return found


def test_the_check_finds_what_is_wrong() -> None:
    wrong = (
        "<html><body><main></main><main><section><h2>Untitled</h2></section>"
        '<div aria-live="polite"><div data-timer></div></div></main></body></html>'
    )
    found = problems_of(wrong, live=False)
    assert found == ["2 main landmarks", "section None has no name"]
    assert problems_of(wrong, live=True)[2:] == [
        "live nodes: [None]",
        "no status node in main",
        "a timer inside a live region",
    ]


def test_pages_in_every_state_have_landmarks_and_one_live_node(site: Site) -> None:  # noqa: F811
    ana, ana_token = site.register("Ana Gomez", delegation="Brazil", country="BR")
    chen, _ = site.register("Chen Li", delegation="China", country="CN")
    pages = {
        "chair": site.client("chair"),
        "secretariat": site.client("secretariat"),
        "screen": site.client("display"),
        "me": site.client(token=ana_token),
        "": site.client(),
    }
    steps = [
        ("before opening", []),
        (
            "a speech under way",
            [
                (OpenMeeting(), CHAIR),
                (StartSegment(segment=2), CHAIR),
                (RequestFloor(), Actor("participant", ana)),
                (GiveFloor(limit_seconds=180), CHAIR),
            ],
        ),
        ("a point of order", [(RequestFloor(kind="point-of-order"), Actor("participant", chen))]),
        ("the list closed", [(CloseList(), CHAIR)]),
        ("the meeting closed", [(CloseMeeting(), CHAIR)]),
    ]
    found = []
    for state, commands in steps:
        for command, actor in commands:
            site.service.execute(site.meeting, command, actor)  # type: ignore[arg-type]
        for lang in ("en", "ar"):
            for page, client in pages.items():
                for path in (page,) if page else ("", "caption"):
                    address = f"/m/{site.meeting}" + (f"/{path}" if path else "")
                    answer = client.get(f"{address}?lang={lang}")
                    assert answer.status_code == 200, address
                    for problem in problems_of(answer.text, live=True):
                        found.append(f"{address} [{state}, {lang}]: {problem}")
    plain = site.client()
    for address in ("/", "/new", "/m/no-such-meeting"):
        for problem in problems_of(plain.get(address).text, live=False):
            found.append(f"{address}: {problem}")
    assert found == []
