"""A meeting read cold starts from its latest snapshot; a bad snapshot is passed over; meetings
and tokens in memory are bounded and an evicted meeting comes back as it was. Both backends."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

import pytest

from podium.conceptnote.reader import read_note
from podium.meeting.commands import CloseList, OpenMeeting, ReopenList, RequestFloor
from podium.meeting.participants import ParticipantFields
from podium.meeting.words import CHAIR, Actor
from podium.meetings import MeetingService
from podium.snapshots import VERSION, Snapshots
from podium.store import CorruptEvent, EventStore
from tests.conftest import PANEL_2024
from tests.store.places import LogPlace

EVERY = 5


def held_meeting(service: MeetingService, events: int) -> str:
    """A meeting with a participant who asked for the floor, then the list closed and reopened
    until the log has at least ``events`` events."""
    meeting = service.create(read_note(PANEL_2024)).id
    service.execute(meeting, OpenMeeting(), CHAIR)
    person, _token = service.register(meeting, [ParticipantFields(name="Ms. Osei")], CHAIR)[0]
    service.execute(meeting, RequestFloor(), Actor("participant", person.id))
    while service.state(meeting).seq < events:
        service.execute(meeting, CloseList(), CHAIR)
        service.execute(meeting, ReopenList(), CHAIR)
    assert service.snapshots.wait(30)
    return meeting


def cold(store: EventStore, every: int = EVERY) -> MeetingService:
    return MeetingService(store, snapshots=Snapshots(store, every=every))


def test_a_cold_read_starts_from_the_snapshot_and_folds_the_rest(
    open_log: Callable[[], EventStore], place: LogPlace
) -> None:
    store = open_log()
    warm = cold(store)
    meeting = held_meeting(warm, 23)
    kept = store.snapshot(meeting)
    assert kept is not None and kept.version == VERSION
    assert kept.seq >= 20, "a snapshot every five events"
    # An event before the snapshot made unreadable: only a read from the snapshot gets by.
    place.execute("UPDATE {events} SET data = 'garbage' WHERE meeting = %s AND seq = 2", (meeting,))
    again = cold(open_log())
    assert again.state(meeting) == warm.state(meeting)
    with pytest.raises(CorruptEvent):  # as folding the log from its first event would
        open_log().read(meeting)
    # And a command acts on the state so restored.
    done = again.execute(meeting, CloseList(), CHAIR)
    assert done.seq == warm.state(meeting).seq


@pytest.mark.parametrize("damage", ["data", "version", "seq"])
def test_a_snapshot_that_cannot_be_believed_is_passed_over_and_the_log_folded(
    open_log: Callable[[], EventStore], damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = open_log()
    warm = cold(store)
    meeting = held_meeting(warm, 12)
    kept = store.snapshot(meeting)
    assert kept is not None
    head = warm.state(meeting).seq
    if damage == "data":
        assert store.put_snapshot(meeting, head, VERSION, kept.data[: len(kept.data) // 3])
    elif damage == "version":
        assert store.put_snapshot(meeting, head, "an-older-core", kept.data)
    else:  # the state of an earlier event, filed under the head
        assert store.put_snapshot(meeting, head, VERSION, kept.data)
    caplog.set_level(logging.INFO, logger="podium.snapshots")
    again = cold(open_log(), every=10_000)
    assert again.state(meeting) == warm.state(meeting)
    said = [r.getMessage() for r in caplog.records if r.name == "podium.snapshots"]
    assert len(said) == 1 and "folding the log" in said[0], said


def test_an_evicted_meeting_comes_back_from_its_snapshot(
    open_log: Callable[[], EventStore],
) -> None:
    store = open_log()
    service = MeetingService(store, snapshots=Snapshots(store, every=1000), meetings_kept=2)
    first = held_meeting(service, 9)
    before = service.state(first)
    others = [held_meeting(service, 6) for _n in range(2)]
    assert len(service._meetings) == 2 and first not in service._meetings
    assert service.snapshots.wait(30)
    kept = store.snapshot(first)
    assert kept is not None and kept.seq == before.seq, "its state went to a snapshot"
    assert service.state(first) == before
    done = service.execute(first, CloseList(), CHAIR)
    assert done.seq == before.seq + 1
    assert len(service._meetings) == 2 and others[0] not in service._meetings


def test_tokens_in_memory_are_bounded(open_log: Callable[[], EventStore]) -> None:
    store = open_log()
    service = MeetingService(store, tokens_kept=3)
    meeting = service.create(read_note(PANEL_2024))
    for token in meeting.tokens.values():
        assert service.actor(meeting.id, token) is not None
    people = service.register(
        meeting.id, [ParticipantFields(name=f"Delegate {n}") for n in range(5)], CHAIR
    )
    for person, token in people:
        assert service.actor(meeting.id, token) == Actor("participant", person.id)
    assert len(service._tokens) == 3
    # A token forgotten is read from the log again.
    chair = meeting.tokens["chair"]
    assert service.actor(meeting.id, chair) == CHAIR


def test_unknown_ids_never_push_a_meeting_out_of_memory(
    open_log: Callable[[], EventStore],
) -> None:
    store = open_log()
    service = MeetingService(store, meetings_kept=1)
    meeting = held_meeting(service, 5)
    for n in range(5):
        assert not service.exists(f"nosuchmeeting{n}")
    assert meeting in service._meetings and len(service._meetings) == 1


def test_processes_sharing_the_log_take_each_snapshot_once(
    open_log: Callable[[], EventStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two services on one log (two workers on PostgreSQL) each appending in turn: the one
    that appends the event a snapshot is due at takes it; the other, folding that event,
    neither takes it again nor takes one of its own a few events later."""
    store = open_log()
    written: list[int] = []
    put = store.put_snapshot

    def counted(meeting: str, seq: int, version: str, data: bytes) -> bool:
        written.append(seq)
        return put(meeting, seq, version, data)

    monkeypatch.setattr(store, "put_snapshot", counted)
    first, second = cold(store), cold(store)
    meeting = first.create(read_note(PANEL_2024)).id
    first.execute(meeting, OpenMeeting(), CHAIR)
    for turn in range(30):
        acting, other = (first, second) if turn % 2 else (second, first)
        command = ReopenList() if acting.state(meeting).list_closed else CloseList()
        acting.execute(meeting, command, CHAIR)
        assert acting.snapshots.wait(30)
        other.state(meeting)  # folds the other's event, as a worker told by PostgreSQL
        assert other.snapshots.wait(30)
    assert written, "snapshots were taken"
    assert len(set(written)) == len(written), f"a snapshot taken twice: {written}"
    apart = [later - earlier for earlier, later in itertools.pairwise(written)]
    assert all(gap >= EVERY for gap in apart), written
    assert second.state(meeting) == first.state(meeting)
