"""A link re-issued from the secretariat's page: a new link with its QR code, the old one dead."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from tests.conftest import PANEL_2024
from tests.support.server import start_server


def test_a_reissued_link_replaces_the_old_one_at_once(tmp_path: Path) -> None:
    server = start_server(tmp_path)
    try:
        meeting = server.create_meeting(PANEL_2024)
        (person,) = server.register(meeting, [{"name": "Ms. Lost Phone", "delegation": "Fiji"}])
        old = person["link"].rsplit("/", 1)[-1]
        with httpx.Client(base_url=server.base_url, follow_redirects=False) as secretariat:
            assert secretariat.get(f"/join/{meeting.secretariat_token}").status_code == 303
            page = secretariat.get(f"/m/{meeting.id}/secretariat").text
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
            assert csrf and f'value="participant:{person["id"]}"' in page
            made = secretariat.post(
                f"/m/{meeting.id}/links",
                data={"csrf": csrf.group(1), "holder": f"participant:{person['id']}"},
            )
            # Post, redirect, get: the link is shown once, and a reload re-issues nothing.
            assert made.status_code == 303
            shown = secretariat.get(made.headers["location"])
            again = secretariat.get(made.headers["location"])
        assert shown.status_code == 200
        assert "<svg" in shown.text and 'class="segno"' in shown.text
        new = re.search(r'href="[^"]*/join/([^"]+)"', shown.text)
        assert new
        assert again.status_code == 410 and "shown once already" in again.text
        with httpx.Client(base_url=server.base_url, follow_redirects=False) as phone:
            assert phone.get(f"/join/{old}").status_code == 404
            assert phone.get(f"/join/{new.group(1)}").status_code == 303
        # The API does the same for a role's link; a participant may not.
        with server.client(meeting.chair_token) as chair:
            display = chair.post(f"/api/meetings/{meeting.id}/links", json={"role": "display"})
        assert display.status_code == 201
        with httpx.Client(base_url=server.base_url, follow_redirects=False) as screen:
            assert screen.get(f"/join/{meeting.display_token}").status_code == 404
        with server.client(new.group(1)) as participant:
            refused = participant.post(f"/api/meetings/{meeting.id}/links", json={"role": "chair"})
        assert refused.status_code == 403
    finally:
        server.stop()
