"""A meeting run on a real server: its report over HTTP and from ``podium report`` agree."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.test_report import podium
from tests.conftest import PANEL_2024
from tests.support.server import LiveServer, start_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = start_server(tmp_path_factory.mktemp("live-report"))
    yield live
    live.stop()


def test_report_of_a_meeting_run_on_a_live_server(server: LiveServer) -> None:
    meeting = server.create_meeting(PANEL_2024)
    people = server.register(
        meeting,
        [
            {"name": "Ms. Tadesse", "delegation": "Ethiopia", "country": "ET", "gender": "female"},
            {"name": "Mx. Rivera", "organisation": "Third World Network",
             "stakeholder": "civil-society", "channel": "online"},
        ],
    )  # fmt: skip
    chair, secretariat = meeting.chair_token, meeting.secretariat_token
    ethiopia, network = people[0]["id"], people[1]["id"]
    for token, command in (
        (chair, {"type": "open_meeting"}),
        (chair, {"type": "start_segment", "segment": 2}),
        (secretariat, {"type": "request_floor", "participant_id": ethiopia}),
        (secretariat, {"type": "request_floor", "participant_id": network}),
        (chair, {"type": "give_floor"}),
        (secretariat, {"type": "tag_intervention", "questions": [2], "note": "Foresight."}),
        (chair, {"type": "end_speech"}),
        (chair, {"type": "close_meeting"}),
        # After the meeting the secretariat still corrects the record; a tag replaces the last.
        (
            secretariat,
            {
                "type": "tag_intervention",
                "intervention_id": 1,
                "questions": [2, 5],
                "note": "Foresight.",
            },
        ),
    ):
        response = server.command(meeting, token, command)
        assert response.status_code == 200, response.text

    with server.client(secretariat) as client:
        served = client.get(f"/m/{meeting.id}/report.json")
    assert served.status_code == 200, served.text
    record = served.json()
    (intervention,) = record["interventions"]
    assert (intervention["participant_id"], intervention["note"]) == (ethiopia, "Foresight.")
    addressed = {q["number"]: q for q in record["summary"]["questions"] if q["speakers"]}
    assert sorted(addressed) == [2, 5]
    assert addressed[2]["points"] == [{"speaker": "Ethiopia", "note": "Foresight."}]
    (unheard,) = [r for r in record["requests"] if r["outcome"] != "heard"]
    assert (unheard["participant_id"], unheard["outcome"]) == (network, "waiting")
    assert record["summary"]["other_points"] == []

    data: Path = server.data
    result = podium("report", meeting.id, "--to", "json", "--data", data)
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout) == record
