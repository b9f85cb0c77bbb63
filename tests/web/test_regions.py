"""The live regions of the hall's pages: built once per event, from the state as of that event."""

from __future__ import annotations

import re
from pathlib import Path

from podium.conceptnote.reader import read_note
from podium.meeting.commands import GiveFloor, OpenMeeting, RequestFloor, StartSegment
from podium.meeting.decide import Refusal, decide
from podium.meeting.participants import ParticipantFields
from podium.meeting.words import CHAIR
from podium.meetings import MeetingService
from podium.store.base import StoredEvent
from podium.web.app import create_app
from podium.web.feed import frame, frames
from podium.web.regions import Deltas
from podium.wire import encode_event
from tests.conftest import PANEL_2024


def _meeting(tmp_path: Path) -> tuple[MeetingService, str, list[str]]:
    service: MeetingService = create_app(str(tmp_path)).state.service
    meeting = service.create(read_note(PANEL_2024)).id
    people = [ParticipantFields(name=name) for name in ("Ana Gomez", "Ben Ito")]
    ids = [p.id for p, _token in service.register(meeting, people, CHAIR)]
    service.execute(meeting, OpenMeeting(), CHAIR)
    service.execute(meeting, StartSegment(segment=0), CHAIR)
    return service, meeting, ids


def _last(service: MeetingService, meeting: str) -> StoredEvent:
    return service.store.read(meeting, service.state(meeting).seq - 1)[-1]


def test_a_frame_is_built_once_per_event_page_language_and_audience(tmp_path: Path) -> None:
    service, meeting, ids = _meeting(tmp_path)
    service.execute(meeting, RequestFloor(participant_id=ids[1]), CHAIR)
    event = _last(service, meeting)
    deltas = Deltas(service)
    first = deltas.frame(event, "me", "fr", "hall")
    assert first.startswith(b"event: live\ndata: {") and first.endswith(b"\n\n")
    assert deltas.frame(event, "me", "fr", "hall") is first
    assert deltas.frame(event, "me", "en", "hall") != first  # another language, drawn anew
    assert b"Ben Ito" in deltas.frame(event, "screen", "en", "hall")
    encode = deltas.encoder("public", "xx", frames)
    assert encode is not None and deltas.encoder("public", "en", frames) is encode  # shared
    drawn = encode((event,), "hall")
    assert drawn.startswith(frame(event, "hall") + b"event: live")
    assert b"Ben Ito" not in drawn.split(b"event: live")[1]  # nobody speaks yet
    assert deltas.encoder(None, "en", frames) is None
    assert deltas.encoder("chair", "en", frames) is None  # the consoles fetch their page


def test_an_event_the_service_has_not_folded_yet_is_drawn_from_the_state_before(
    tmp_path: Path,
) -> None:
    service, meeting, ids = _meeting(tmp_path)
    service.execute(meeting, RequestFloor(participant_id=ids[0]), CHAIR)
    deltas = Deltas(service)
    before = service.state(meeting)
    deltas.frame(_last(service, meeting), "me", "en", "hall")
    # Another process gives the floor: the log has the event, this service has not read it.
    (given,) = service.store.append(meeting, before.seq, [_encode_floor(service, meeting)])
    assert service.state_at(meeting, given.seq) is None
    frame = deltas.frame(given, "screen", "en", "hall")
    assert re.search(rb'class=\\"speaker\\"[^>]*>Ana Gomez<', frame)  # she has the floor
    # With no state at hand (a process that has not read the meeting): nothing, and the page
    # fetches itself.
    elsewhere = Deltas(MeetingService(service.store))
    assert elsewhere.frame(given, "screen", "en", "hall") == b""


def _encode_floor(service: MeetingService, meeting: str) -> str:
    decided = decide(service.state(meeting), GiveFloor(), CHAIR, service.clock())
    assert not isinstance(decided, Refusal)
    (event,) = decided
    return encode_event(event)
