"""Amending the programme from the secretariat page: plain forms, refusals in a sentence."""

from __future__ import annotations

from podium.meeting.commands import OpenMeeting, StartSegment
from podium.meeting.words import CHAIR
from tests.web.test_pages import Site, post, site

__all__ = ["site"]


def test_the_secretariat_amends_a_segment_and_every_page_reads_it(site: Site) -> None:
    secretariat = site.client("secretariat")
    page = secretariat.get(f"/m/{site.meeting}/secretariat").text
    assert 'id="amend"' in page and 'value="amend_segment"' in page
    response = post(
        secretariat,
        site,
        "secretariat",
        type="amend_segment",
        segment=2,
        title="Interactive dialogue with the floor",
        role="participant",
        minutes_max="2",
        per_speaker="true",
        member_state_minutes="3",
        names="",
    )
    assert response.status_code == 303  # type: ignore[attr-defined]
    plan = site.service.plan(site.meeting)
    segment = plan.segments[2]
    assert segment.title == "Interactive dialogue with the floor"
    assert segment.minutes_max == 2 and segment.per_speaker
    assert [(c.floor_class, c.minutes_max) for c in segment.class_limits] == [("member-state", 3)]
    for role, path in (("chair", "chair"), (None, "")):
        html = site.client(role).get(f"/m/{site.meeting}/{path}".rstrip("/")).text
        assert "Interactive dialogue with the floor" in html, path
    report = secretariat.get(f"/m/{site.meeting}/report.md").text
    assert "Amendments to the programme" in report
    assert "Segment 3 “Interactive dialogue with the floor” now: 2 minutes each" in report


def test_a_started_segment_is_refused_with_a_sentence(site: Site) -> None:
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    site.service.execute(site.meeting, StartSegment(segment=0), CHAIR)
    chair = site.client("chair")
    response = post(chair, site, "secretariat", type="remove_segment", segment=0)
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "has started: only segments not yet started may change" in response.text  # type: ignore[attr-defined]
    page = chair.get(f"/m/{site.meeting}/secretariat").text
    assert "started: no longer changed" in page


def test_a_bad_number_in_a_form_is_a_sentence(site: Site) -> None:
    secretariat = site.client("secretariat")
    response = post(
        secretariat,
        site,
        "secretariat",
        type="amend_segment",
        segment=1,
        title="Panel",
        role="panelist",
        minutes_max="ten",
    )
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "'minutes_max' must be a number, not 'ten'." in response.text.replace("&#39;", "'")  # type: ignore[attr-defined]


def test_questions_and_documents_are_amended_from_the_page(site: Site) -> None:
    secretariat = site.client("secretariat")
    post(secretariat, site, "secretariat", type="add_question", text="What comes next?")
    post(secretariat, site, "secretariat", type="move_question", question=7, position=1)
    post(
        secretariat,
        site,
        "secretariat",
        type="add_document",
        title="Report of the Secretary-General",
        symbol="E/CN.16/2024/2",
        url="https://unctad.org/report",
    )
    plan = site.service.plan(site.meeting)
    assert plan.questions[0] == "What comes next?" and len(plan.questions) == 7
    assert plan.documents[-1].symbol == "E/CN.16/2024/2"
    public = site.client().get(f"/m/{site.meeting}").text
    assert "What comes next?" in public and "E/CN.16/2024/2" in public


def test_the_api_documents_and_takes_the_amendments(site: Site) -> None:
    client = site.client()
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for name in ("AmendSegmentCommand", "MoveQuestionCommand", "RemoveDocumentCommand"):
        assert name in schemas
    headers = {"Authorization": f"Bearer {site.tokens['chair']}"}
    url = f"/api/meetings/{site.meeting}/commands"
    done = client.post(
        url,
        headers=headers,
        json={"type": "add_segment", "title": "Closing", "role": "chair", "minutes_max": 5},
    )
    assert done.status_code == 200, done.text
    (event,) = done.json()["events"]
    assert event["type"] == "programme_amended" and event["value"]["title"] == "Closing", event
    refused = client.post(
        url, headers=headers, json={"type": "amend_question", "question": 9, "text": "Why?"}
    )
    assert refused.status_code == 422
    assert "numbered 1 to 6" in refused.json()["detail"]
    wrong = client.post(
        url, headers=headers, json={"type": "amend_segment", "segment": 0, "title": 3}
    )
    assert wrong.status_code == 422
    assert client.get(f"/api/meetings/{site.meeting}").json()["segments"][-1]["title"] == "Closing"
