"""The event log's contract, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import pytest

from podium.store import Conflict, CorruptEvent, EventStore, InvalidEvent, Notice
from tests.store.places import LogPlace


def event(kind: str, **fields: object) -> str:
    return json.dumps({"type": kind, "v": 1, **fields})


def test_append_numbers_events_from_one_and_reads_them_back(store: EventStore) -> None:
    stored = store.append("m1", 0, [event("Opened"), event("FloorGiven", speaker="Kenya")])
    assert [(e.meeting, e.seq) for e in stored] == [("m1", 1), ("m1", 2)]
    assert store.append("m1", 2, [event("Closed")])[0].seq == 3

    log = store.read("m1")
    assert [e.seq for e in log] == [1, 2, 3]
    assert json.loads(log[1].data)["speaker"] == "Kenya"
    assert log[0].recorded_at.utcoffset() is not None
    assert store.last_seq("m1") == 3


def test_read_after_a_seq_and_with_a_limit(store: EventStore) -> None:
    store.append("m1", 0, [event("E", n=n) for n in range(1, 11)])
    assert [e.seq for e in store.read("m1", after_seq=7)] == [8, 9, 10]
    assert [e.seq for e in store.read("m1", after_seq=2, limit=3)] == [3, 4, 5]
    assert store.read("m1", after_seq=10) == []
    assert store.read("unknown") == []


def test_a_stale_expected_seq_is_a_conflict_and_writes_nothing(store: EventStore) -> None:
    store.append("m1", 0, [event("A"), event("B")])
    with pytest.raises(Conflict) as stale:
        store.append("m1", 1, [event("C")])
    assert (stale.value.meeting, stale.value.expected, stale.value.actual) == ("m1", 1, 2)
    with pytest.raises(Conflict) as ahead:
        store.append("m1", 5, [event("C")])
    assert ahead.value.actual == 2
    with pytest.raises(Conflict):
        store.append("m1", 0, [event("C")])
    assert [e.seq for e in store.read("m1")] == [1, 2]


def test_a_new_meeting_expects_zero(store: EventStore) -> None:
    assert store.last_seq("fresh") == 0
    with pytest.raises(Conflict) as conflict:
        store.append("fresh", 3, [event("A")])
    assert conflict.value.actual == 0
    assert store.read("fresh") == []


def test_an_empty_append_only_checks_the_seq(store: EventStore) -> None:
    store.append("m1", 0, [event("A")])
    assert store.append("m1", 1, []) == []
    with pytest.raises(Conflict):
        store.append("m1", 0, [])


def test_two_chairs_pressing_next_at_once_give_one_advance(store: EventStore) -> None:
    store.append("m1", 0, [event("Opened")])
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def press_next(chair: int) -> None:
        barrier.wait()
        try:
            store.append("m1", 1, [event("Advanced", chair=chair)])
            outcomes.append("advanced")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=press_next, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["advanced"] + ["conflict"] * 7
    assert [e.seq for e in store.read("m1")] == [1, 2]


def test_concurrent_writers_that_retry_leave_one_gapless_log(store: EventStore) -> None:
    writers, each = 4, 25

    def write(writer: int) -> None:
        for n in range(each):
            while True:
                seq = store.last_seq("m1")
                try:
                    store.append("m1", seq, [event("Spoke", writer=writer, n=n)])
                    break
                except Conflict:
                    continue

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    log = store.read("m1")
    assert [e.seq for e in log] == list(range(1, writers * each + 1))
    written = sorted((json.loads(e.data)["writer"], json.loads(e.data)["n"]) for e in log)
    assert written == [(w, n) for w in range(writers) for n in range(each)]


def test_meetings_have_their_own_sequences(store: EventStore) -> None:
    store.append("panel-2024", 0, [event("A")])
    store.append("roundtable-2021", 0, [event("A"), event("B")])
    store.append("panel-2024", 1, [event("B")])
    assert store.meetings() == ["panel-2024", "roundtable-2021"]
    assert store.last_seq("panel-2024") == 2
    assert [e.seq for e in store.read("roundtable-2021")] == [1, 2]


@pytest.mark.parametrize(
    "bad",
    ["not json", "[1, 2]", json.dumps({"v": 1}), json.dumps({"type": "A"}), '{"type":"A","v":"1"}'],
)
def test_append_refuses_what_is_not_a_versioned_json_object(store: EventStore, bad: str) -> None:
    with pytest.raises(InvalidEvent, match="new event 2"):
        store.append("m1", 0, [event("A"), bad])
    assert store.read("m1") == []
    assert store.last_seq("m1") == 0


def test_a_corrupt_event_in_the_log_is_named_by_meeting_and_seq(
    store: EventStore, place: LogPlace
) -> None:
    store.append("m1", 0, [event("A"), event("B"), event("C")])
    place.execute(
        "UPDATE {events} SET data = %s WHERE meeting = %s AND seq = %s", ("{oops", "m1", 2)
    )
    with pytest.raises(CorruptEvent) as corrupt:
        store.read("m1")
    assert (corrupt.value.meeting, corrupt.value.seq) == ("m1", 2)
    assert "m1" in str(corrupt.value) and "2" in str(corrupt.value)
    assert [e.seq for e in store.read("m1", after_seq=2)] == [3]

    place.execute(
        "UPDATE {events} SET data = %s WHERE meeting = %s AND seq = %s", ('{"v": 1}', "m1", 3)
    )
    with pytest.raises(CorruptEvent) as untyped:
        store.read("m1", after_seq=2)
    assert untyped.value.seq == 3


def test_what_was_appended_is_there_after_reopening(
    open_log: Callable[[], EventStore],
) -> None:
    first = open_log()
    first.append("m1", 0, [event("A"), event("B")])
    first.put_token("hash-1", "m1", "chair")
    first.close()
    again = open_log()
    assert [e.seq for e in again.read("m1")] == [1, 2]
    assert again.append("m1", 2, [event("C")])[0].seq == 3
    assert again.find_token("hash-1") is not None


def test_tokens_are_kept_found_and_listed_by_meeting(store: EventStore) -> None:
    chair = store.put_token("h-chair", "m1", "chair")
    store.put_token("h-kenya", "m1", "participant", "kenya")
    store.put_token("h-other", "m2", "display")

    found = store.find_token("h-kenya")
    assert found is not None
    assert (found.meeting, found.role, found.participant) == ("m1", "participant", "kenya")
    assert store.find_token("h-chair") == chair
    assert store.find_token("nobody") is None
    assert [t.token_hash for t in store.tokens("m1")] == ["h-chair", "h-kenya"]
    assert store.tokens("m3") == []

    store.put_token("h-kenya", "m1", "panelist", "kenya")
    replaced = store.find_token("h-kenya")
    assert replaced is not None and replaced.role == "panelist"
    assert len(store.tokens("m1")) == 2


def test_statements_are_kept_by_meeting_and_digest_and_survive_reopening(
    open_log: Callable[[], EventStore],
) -> None:
    data = bytes(range(256)) * 40  # every byte value: a PDF is binary
    first = open_log()
    first.put_statement("m1", "d" * 64, data)
    first.put_statement("m1", "d" * 64, data)  # the same again: nothing changes
    assert first.statement("m1", "d" * 64) == data
    assert first.statement("m2", "d" * 64) is None  # another meeting's, not this one's
    assert first.statement("m1", "e" * 64) is None
    first.close()
    assert open_log().statement("m1", "d" * 64) == data


def test_many_tokens_are_kept_at_once(store: EventStore) -> None:
    store.put_tokens("m-batch", "participant", [("h-a", "p1"), ("h-b", "p2")])
    store.put_tokens("m-batch", "participant", [("h-b", "p3")])  # kept again: replaced
    store.put_tokens("m-batch", "participant", [])
    found = [(t.token_hash, t.role, t.participant) for t in store.tokens("m-batch")]
    assert sorted(found) == [("h-a", "participant", "p1"), ("h-b", "participant", "p3")]


def test_listeners_hear_of_each_append_until_they_unsubscribe(store: EventStore) -> None:
    heard: list[Notice] = []
    got = threading.Event()

    def listener(notice: Notice) -> None:
        if notice.events:  # in-process notices carry the events
            heard.append(notice)
            got.set()

    unsubscribe = store.subscribe(listener)
    store.append("m1", 0, [event("A"), event("B")])
    assert got.wait(5)
    assert heard[0].meeting == "m1" and heard[0].seq == 2
    assert [e.seq for e in heard[0].events] == [1, 2]

    unsubscribe()
    store.append("m1", 2, [event("C")])
    assert len(heard) == 1


@pytest.mark.postgres
@pytest.mark.parametrize("place", ["postgres"], indirect=True)
def test_another_process_store_hears_appends_through_notify(
    open_log: Callable[[], EventStore],
) -> None:
    writer, reader = open_log(), open_log()
    heard: list[Notice] = []
    got = threading.Event()

    def listener(notice: Notice) -> None:
        heard.append(notice)
        got.set()

    reader.subscribe(listener)
    writer.append("shared", 0, [event("A"), event("B")])
    assert got.wait(10)
    assert (heard[0].meeting, heard[0].seq, heard[0].events) == ("shared", 2, ())
    assert [e.seq for e in reader.read("shared")] == [1, 2]


def test_the_latest_snapshot_is_kept_and_read_back(store: EventStore) -> None:
    store.append("m1", 0, [event("E", n=n) for n in range(1, 11)])
    assert store.snapshot("m1") is None
    assert store.snapshot_seq("m1", "v1") == 0
    blob = bytes(range(256)) * 40  # any bytes, NUL included
    assert store.put_snapshot("m1", 4, "v1", blob)
    assert store.snapshot_seq("m1", "v1") == 4
    assert store.snapshot_seq("m1", "v2") == 0, "a snapshot of another version counts for none"
    assert store.snapshot_seq("m2", "v1") == 0
    kept = store.snapshot("m1")
    assert kept is not None
    assert (kept.meeting, kept.seq, kept.version, kept.data) == ("m1", 4, "v1", blob)
    assert kept.taken_at.utcoffset() is not None
    assert store.put_snapshot("m1", 10, "v1", b"later")
    assert not store.put_snapshot("m1", 7, "v1", b"older"), "an older snapshot replaces nothing"
    later = store.snapshot("m1")
    assert later is not None and (later.seq, later.data) == (10, b"later")
    assert store.put_snapshot("m1", 10, "v2", b"rewritten"), "the same seq in a new version"
    rewritten = store.snapshot("m1")
    assert rewritten is not None and (rewritten.version, rewritten.data) == ("v2", b"rewritten")


def test_a_snapshot_beyond_the_log_is_not_kept(store: EventStore) -> None:
    assert not store.put_snapshot("nothing-yet", 1, "v1", b"state")
    assert store.snapshot("nothing-yet") is None
    store.append("m1", 0, [event("A"), event("B")])
    assert not store.put_snapshot("m1", 3, "v1", b"ahead of the log")
    assert not store.put_snapshot("m1", 0, "v1", b"before the first event")
    assert store.snapshot("m1") is None
    assert store.put_snapshot("m1", 2, "v1", b"at the head")
    assert store.snapshot("other") is None, "each meeting has its own"


def test_a_snapshot_is_there_after_reopening(open_log: Callable[[], EventStore]) -> None:
    first = open_log()
    first.append("m1", 0, [event("A")])
    first.put_snapshot("m1", 1, "v1", b"state")
    first.close()
    kept = open_log().snapshot("m1")
    assert kept is not None and (kept.seq, kept.data) == (1, b"state")
