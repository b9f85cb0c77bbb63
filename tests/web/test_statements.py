"""Written statements from a phone and the secretariat's page, to the record and the public page."""

from __future__ import annotations

import io
import re
import zipfile

from podium.meeting.commands import (
    GiveFloor,
    OpenMeeting,
    RequestFloor,
    StartSegment,
    TagIntervention,
)
from podium.meeting.words import CHAIR, Actor
from podium.web.limits import STATEMENT_LIMIT
from tests.web.test_pages import Site, csrf, site

__all__ = ["site"]

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _waiting(site: Site) -> tuple[str, str, int]:
    """Kenya asks for the floor in the floor's segment: (participant id, link token, request)."""
    kenya, token = site.register("Amina Odhiambo", delegation="Kenya", country="KE")
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    segments = site.service.plan(site.meeting).segments
    floor = next(i for i, s in enumerate(segments) if s.role == "participant")
    site.service.execute(site.meeting, StartSegment(segment=floor), CHAIR)
    site.service.execute(site.meeting, RequestFloor(), Actor("participant", kenya))
    return kenya, token, site.service.state(site.meeting).queue[0].id


def _send(client: object, site: Site, page: str, data: bytes, name: str, **fields: str) -> object:
    html = client.get(f"/m/{site.meeting}/{page}").text  # type: ignore[attr-defined]
    form = {"csrf": csrf(html), **fields}
    return client.post(  # type: ignore[attr-defined]
        f"/m/{site.meeting}/statements", data=form, files={"file": (name, data)}
    )


def test_a_phone_attaches_a_statement_that_the_public_reads_once_delivered(site: Site) -> None:
    _kenya, token, request = _waiting(site)
    phone = site.client(token=token)
    assert (
        "Amina Odhiambo: request for the floor, place 1" in phone.get(f"/m/{site.meeting}/me").text
    )
    sent = _send(phone, site, "me", PDF, "Kenya.pdf", target=f"request:{request}", publish="1")
    assert sent.status_code == 303  # type: ignore[attr-defined]
    mine = phone.get(f"/m/{site.meeting}/me").text
    assert f'href="/m/{site.meeting}/statements/1"' in mine

    public = site.client()
    assert "Written statements" not in public.get(f"/m/{site.meeting}").text  # not delivered
    assert public.get(f"/m/{site.meeting}/statements/1").status_code == 404

    site.service.execute(site.meeting, GiveFloor(), CHAIR)
    page = public.get(f"/m/{site.meeting}").text
    assert "Amina Odhiambo (Kenya): Kenya.pdf" in page
    got = public.get(f"/m/{site.meeting}/statements/1")
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"] == "attachment; filename*=UTF-8''Kenya.pdf"
    assert "sandbox" in got.headers["content-security-policy"]
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["x-frame-options"] == "DENY"


def test_an_unpublished_statement_is_for_its_delegation_and_the_staff_only(site: Site) -> None:
    _kenya, token, request = _waiting(site)
    phone = site.client(token=token)
    _send(
        phone,
        site,
        "me",
        "Déclaration du Kenya\n".encode(),
        "kenya.txt",
        target=f"request:{request}",
    )
    site.service.execute(site.meeting, GiveFloor(), CHAIR)
    assert site.client().get(f"/m/{site.meeting}/statements/1").status_code == 404
    _chile, chile_token = site.register("Chile")
    assert site.client(token=chile_token).get(f"/m/{site.meeting}/statements/1").status_code == 404
    for reader in (phone, site.client("secretariat"), site.client("chair")):
        got = reader.get(f"/m/{site.meeting}/statements/1")
        assert got.status_code == 200 and got.text == "Déclaration du Kenya\n"
        assert got.headers["content-type"] == "text/plain; charset=utf-8"
    listed = site.client("secretariat").get(f"/m/{site.meeting}/secretariat").text
    assert "Amina Odhiambo (Kenya): kenya.txt" in listed and "not published" in listed


def test_the_secretariat_attaches_one_for_an_intervention(site: Site) -> None:
    _waiting(site)
    site.service.execute(site.meeting, GiveFloor(), CHAIR)
    secretariat = site.client("secretariat")
    page = secretariat.get(f"/m/{site.meeting}/secretariat").text
    assert 'value="intervention:1"' in page
    sent = _send(secretariat, site, "secretariat", _docx(), "Kenya.docx", target="intervention:1")
    assert sent.status_code == 303  # type: ignore[attr-defined]
    (statement,) = site.service.state(site.meeting).statements
    assert statement.media_type.endswith("wordprocessingml.document")
    assert statement.intervention_id == 1


def test_what_is_not_a_statement_is_refused_with_a_sentence_and_nothing_kept(site: Site) -> None:
    _kenya, token, request = _waiting(site)
    phone = site.client(token=token)
    target = f"request:{request}"
    for data, name in (
        (b"<html><script>alert(1)</script></html>\x00", "evil.pdf"),
        (b"PK\x03\x04 not really a zip", "x.docx"),
        (b"MZ\x90\x00\x03", "setup.exe"),
    ):
        refused = _send(phone, site, "me", data, name, target=target)
        assert refused.status_code == 422, name  # type: ignore[attr-defined]
        assert "must be a PDF, Word (.docx) or plain text file" in refused.text  # type: ignore[attr-defined]
    wrong = _send(phone, site, "me", PDF, "k.pdf", target="request:x")
    assert wrong.status_code == 422  # type: ignore[attr-defined]
    assert site.service.state(site.meeting).statements == ()


def test_a_statement_over_five_megabytes_is_refused_before_it_is_read(site: Site) -> None:
    _kenya, token, request = _waiting(site)
    phone = site.client(token=token)
    big = PDF + b"0" * STATEMENT_LIMIT
    refused = _send(phone, site, "me", big, "big.pdf", target=f"request:{request}")
    assert refused.status_code == 413  # type: ignore[attr-defined]
    almost = PDF + b"0" * (5 * 1024 * 1024 - len(PDF) + 1)
    refused = _send(phone, site, "me", almost, "big.pdf", target=f"request:{request}")
    assert refused.status_code == 413  # type: ignore[attr-defined]
    assert "at most 5 MB" in refused.text  # type: ignore[attr-defined]


def test_the_json_api_cannot_name_bytes_never_received(site: Site) -> None:
    _kenya, _token, request = _waiting(site)
    api = site.client()
    answer = api.post(
        f"/api/meetings/{site.meeting}/commands",
        json={
            "type": "attach_statement",
            "digest": "a" * 64,
            "filename": "x.pdf",
            "media_type": "application/pdf",
            "size": 10,
            "request_id": request,
        },
        headers={"Authorization": f"Bearer {site.tokens['chair']}"},
    )
    assert answer.status_code == 422
    assert re.search(r"No statement with this digest was received", answer.text)


def test_the_record_and_the_chairs_summary_say_a_statement_is_available(site: Site) -> None:
    _kenya, token, request = _waiting(site)
    phone = site.client(token=token)
    _send(phone, site, "me", PDF, "Kenya.pdf", target=f"request:{request}", publish="1")
    site.service.execute(site.meeting, GiveFloor(), CHAIR)
    site.service.execute(site.meeting, TagIntervention(add_questions=(1,)), CHAIR)
    secretariat = site.client("secretariat")
    csv = secretariat.get(f"/m/{site.meeting}/report.csv").text
    header, row = csv.splitlines()[:2]
    assert header.endswith(",note,statement") and row.endswith(",Kenya.pdf")
    record = secretariat.get(f"/m/{site.meeting}/report.json").json()
    assert [i["statement"] for i in record["interventions"]] == ["Kenya.pdf"]
    summary = secretariat.get(f"/m/{site.meeting}/report.md").text
    assert "Addressed by: Kenya (statement available)." in summary
