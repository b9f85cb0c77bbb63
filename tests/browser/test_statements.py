"""A written statement from a phone in Chromium to the public page and the record."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from tests.browser.test_live_meeting import browser
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer

__all__ = ["browser"]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_statement_goes_from_a_phone_to_the_public_page_and_the_record(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    meeting = live_server.create_meeting(PANEL_2024)
    (kenya,) = live_server.register(meeting, [{"name": "Amina Odhiambo", "delegation": "Kenya"}])
    for command in ({"type": "open_meeting"}, {"type": "start_segment", "segment": 2}):
        assert live_server.command(meeting, meeting.chair_token, command).is_success
    statement = tmp_path / "Kenya statement.pdf"
    statement.write_bytes(PDF)

    phone = browser.new_context(viewport={"width": 360, "height": 740}, accept_downloads=True)
    me = phone.new_page()
    me.goto(kenya["link"])
    me.click("#ask button[type=submit]")
    me.set_input_files("#statements input[type=file]", str(statement))
    me.check("#statements input[name=publish]")
    me.click("#statements button[type=submit]")
    me.wait_for_selector("#statements a:has-text('Kenya statement.pdf')")

    hall = browser.new_page()
    hall.goto(f"{live_server.base_url}/m/{meeting.id}")
    assert hall.locator("#statements a").count() == 0  # not yet delivered
    assert live_server.command(meeting, meeting.chair_token, {"type": "give_floor"}).is_success
    link = hall.locator("#statements a:has-text('Kenya statement.pdf')")
    link.wait_for(timeout=10_000)  # the public page follows the feed

    with me.expect_download() as saving:
        me.click("#statements a")
    saved = saving.value
    assert saved.suggested_filename == "Kenya statement.pdf"
    assert Path(saved.path()).read_bytes() == PDF

    with live_server.client(meeting.secretariat_token) as client:
        record = client.get(f"/m/{meeting.id}/report.json").json()
    assert [i["statement"] for i in record["interventions"]] == ["Kenya statement.pdf"]
    phone.close()
    hall.close()
