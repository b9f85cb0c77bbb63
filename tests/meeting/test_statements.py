"""Written statements: attached to a request or an intervention, published once delivered."""

from __future__ import annotations

from podium.meeting.commands import (
    AttachStatement,
    CloseMeeting,
    EndSpeech,
    GiveFloor,
    RequestFloor,
    StartSegment,
    WithdrawRequest,
)
from podium.meeting.statements import MAX_BYTES, clean_filename, current, public
from podium.meeting.words import SECRETARIAT
from tests.meeting.room import FLOOR, Room, participant

DIGEST = "a" * 64
PDF = "application/pdf"


def _statement(**fields: object) -> AttachStatement:
    values: dict[str, object] = {
        "digest": DIGEST,
        "filename": "Kenya statement.pdf",
        "media_type": PDF,
        "size": 1000,
        **fields,
    }
    return AttachStatement(**values)  # type: ignore[arg-type]


def _floor(room: Room) -> tuple[str, int]:
    kenya = room.add("Kenya", country="KE")
    room.ok(StartSegment(segment=FLOOR))
    (asked,) = room.ok(RequestFloor(), participant(kenya))
    return kenya, asked.request_id  # type: ignore[attr-defined]


def test_a_delegation_attaches_to_its_request_and_the_public_sees_it_once_delivered() -> None:
    room = Room()
    kenya, request = _floor(room)
    room.ok(_statement(request_id=request, publish=True), participant(kenya))
    (statement,) = room.state.statements
    assert (statement.participant_id, statement.request_id, statement.publish) == (
        kenya,
        request,
        True,
    )
    assert public(room.state.statements, room.state.interventions) == ()  # not yet delivered
    room.ok(GiveFloor())
    ((shown, intervention),) = public(room.state.statements, room.state.interventions)
    assert shown == statement and intervention.participant_id == kenya


def test_an_unpublished_statement_stays_in_the_record_only() -> None:
    room = Room()
    kenya, request = _floor(room)
    room.ok(_statement(request_id=request), participant(kenya))
    room.ok(GiveFloor())
    assert len(room.state.statements) == 1
    assert public(room.state.statements, room.state.interventions) == ()


def test_a_later_statement_replaces_the_earlier_one_and_after_the_meeting_too() -> None:
    room = Room()
    kenya, _request = _floor(room)
    room.ok(GiveFloor())
    room.ok(EndSpeech())
    room.ok(CloseMeeting())
    room.ok(_statement(intervention_id=1, publish=True), participant(kenya))
    room.ok(_statement(intervention_id=1, digest="b" * 64, publish=True), participant(kenya))
    assert [s.digest for s in current(room.state.statements)] == ["b" * 64]


def test_only_ones_own_request_or_intervention() -> None:
    room = Room()
    kenya, request = _floor(room)
    chile = room.add("Chile")
    reason = room.refused(_statement(request_id=request), participant(chile))
    assert reason == "You may attach a statement only to your own request or intervention."
    room.ok(_statement(request_id=request), SECRETARIAT)  # the secretariat, for anyone
    assert room.state.statements[0].participant_id == kenya


def test_what_a_statement_must_be() -> None:
    room = Room()
    kenya, request = _floor(room)
    me = participant(kenya)
    assert "PDF, Word" in room.refused(_statement(request_id=request, media_type="text/html"), me)
    assert "at most 5 MB" in room.refused(_statement(request_id=request, size=MAX_BYTES + 1), me)
    assert "at most 5 MB" in room.refused(_statement(request_id=request, size=0), me)
    assert "64 hexadecimal" in room.refused(_statement(request_id=request, digest="../x"), me)
    both = _statement(request_id=request, intervention_id=1)
    assert room.refused(both, me).startswith("Attach a statement to one request")
    assert room.refused(_statement(intervention_id=9), me) == "There is no intervention 9."
    room.ok(WithdrawRequest(request_id=request), me)
    assert "is not waiting" in room.refused(_statement(request_id=request), me)
    assert room.state.statements == ()


def test_a_files_name_is_made_safe_to_save() -> None:
    assert clean_filename("C:\\Users\\me\\Kenya.PDF", PDF) == "Kenya.pdf"
    assert clean_filename('../../etc/"pass;wd"\n', PDF) == "passwd.pdf"
    assert clean_filename("", "text/plain") == "statement.txt"
    assert clean_filename("x" * 500 + ".pdf", PDF) == "x" * 116 + ".pdf"
