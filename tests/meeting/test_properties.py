"""Random meetings: whatever is sent, by whoever, the rules hold and the log tells all."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.meeting import timer
from podium.meeting.commands import (
    AddDocument,
    AddQuestion,
    AddSegment,
    AmendDocument,
    AmendQuestion,
    AmendSegment,
    CloseList,
    CloseMeeting,
    CloseResponseRound,
    Command,
    EndSegment,
    EndSpeech,
    ExtendSpeech,
    GiveFloor,
    MoveQuestion,
    MoveRequest,
    MoveSegment,
    OpenMeeting,
    OpenResponseRound,
    PauseSpeech,
    RegisterParticipants,
    RemoveDocument,
    RemoveQuestion,
    RemoveRequest,
    RemoveSegment,
    ReopenList,
    RequestFloor,
    ResumeSpeech,
    StartSegment,
    TagIntervention,
    UndoGiveFloor,
    UndoRemoveRequest,
    WithdrawRequest,
)
from podium.meeting.decide import Refusal, decide
from podium.meeting.entries import from_the_floor, request_of
from podium.meeting.events import (
    Event,
    FloorGiven,
    FloorRequested,
    FloorTakenBack,
    ProgrammeAmended,
    RequestMoved,
    RequestRemoved,
    RequestRestored,
    RequestWithdrawn,
    SpeechEnded,
    SpeechExtended,
)
from podium.meeting.participants import PARTICIPANT_FIELDS, ParticipantFields
from podium.meeting.plan import ROLES
from podium.meeting.snapshot import snapshot
from podium.meeting.speakers import rank
from podium.meeting.state import MeetingState, evolve, replay
from podium.meeting.words import (
    ACTOR_ROLES,
    CHANNELS,
    FLOOR_CLASSES,
    LEVELS,
    REQUEST_KINDS,
    STAKEHOLDERS,
    Actor,
)
from podium.record.history import follow, follow_all
from podium.record.interventions import Record, read_record, record_from_texts
from podium.record.statistics import statistics
from podium.web import view
from podium.wire import CommandFormatError, command_from_json, decode_event, encode_event
from tests.meeting.room import PANEL, Room

pids = st.sampled_from(["p1", "p2", "p3", "p4", "p1", "p2", "p3", "p4", "p5", "p9"])
small = st.integers(min_value=-1, max_value=8)
segments = st.integers(min_value=-1, max_value=len(PANEL.segments))


def weighted(*choices: tuple[int, st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """One of the strategies, each as often as its weight."""
    pool = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.sampled_from(pool).flatmap(lambda strategy: strategy)


minutes = st.none() | st.sampled_from([2.0, 3, 5, 12.5, 0, -1, 2000])
segment_fields = {
    "title": st.sampled_from(["Panel", "Dialogue", "", "  "]),
    "role": st.sampled_from(ROLES),
    "speakers": st.none() | st.integers(min_value=-1, max_value=5),
    "minutes_min": minutes,
    "minutes_max": minutes,
    "per_speaker": st.booleans(),
    "names": st.lists(st.sampled_from(["Rosa Mendes", "Li Wei", " "]), max_size=2).map(tuple),
    "member_state_minutes": minutes,
}
amendments: st.SearchStrategy[Command] = weighted(
    (3, st.builds(AmendSegment, segment=segments, **segment_fields)),
    (2, st.builds(AddSegment, position=st.none() | segments, **segment_fields)),
    (1, st.builds(RemoveSegment, segment=segments)),
    (2, st.builds(MoveSegment, segment=segments, position=segments)),
    (1, st.builds(AmendQuestion, question=small, text=st.sampled_from(["Why?", "", "How?"]))),
    (
        1,
        st.builds(
            AddQuestion, text=st.sampled_from(["Why?", "What next?"]), position=st.none() | small
        ),
    ),
    (1, st.builds(RemoveQuestion, question=small)),
    (1, st.builds(MoveQuestion, question=small, position=small)),
    (
        1,
        st.builds(
            AddDocument,
            title=st.sampled_from(["Report", ""]),
            symbol=st.none() | st.just("E/CN.16/2024/2"),
            url=st.none() | st.sampled_from(["https://un.org/x", "javascript:x"]),
        ),
    ),
    (1, st.builds(AmendDocument, document=small, title=st.sampled_from(["Paper", ""]))),
    (1, st.builds(RemoveDocument, document=small)),
)

commands: st.SearchStrategy[Command] = weighted(
    (3, amendments),
    (
        2,
        st.builds(
            RegisterParticipants,
            participants=st.lists(
                st.builds(
                    ParticipantFields,
                    name=st.sampled_from(["Kenya", "Chile", "UNCTAD", "ISOC", "", "Ada"]),
                    role=st.sampled_from(["participant", "panelist", "discussant"]),
                    country=st.none() | st.sampled_from(["ke", "CHL", "x"]),
                    stakeholder=st.sampled_from(STAKEHOLDERS),
                    observer=st.booleans(),
                    channel=st.sampled_from(CHANNELS),
                    segment=st.none() | segments,
                    level=st.none() | st.sampled_from(LEVELS),
                ),
                min_size=1,
                max_size=3,
            ).map(tuple),
        ),
    ),
    (3, st.builds(StartSegment, segment=segments)),
    (1, st.just(EndSegment())),
    (
        10,
        st.builds(
            RequestFloor,
            kind=st.sampled_from(REQUEST_KINDS),
            participant_id=pids,
            channel=st.none() | st.sampled_from(CHANNELS),
            group=st.none() | st.none() | st.sampled_from(["g77", "eu", "nope"]),
            to=st.none() | st.none() | pids,
        ),
    ),
    (2, st.builds(OpenResponseRound, limit_seconds=st.none() | st.sampled_from([60, 0, 120]))),
    (1, st.just(CloseResponseRound())),
    (2, st.builds(UndoRemoveRequest, request_id=small)),
    (2, st.builds(UndoGiveFloor, intervention_id=small)),
    (2, st.builds(WithdrawRequest, request_id=small)),
    (
        8,
        st.builds(
            GiveFloor,
            request_id=st.none() | st.none() | small,
            participant_id=st.none() | st.none() | pids,
            limit_seconds=st.none() | st.integers(min_value=-5, max_value=400),
        ),
    ),
    (2, st.just(PauseSpeech())),
    (2, st.just(ResumeSpeech())),
    (4, st.builds(ExtendSpeech, seconds=st.sampled_from([30, 60, 120, 0, -5, 4000]))),
    (3, st.just(EndSpeech())),
    (2, st.builds(MoveRequest, request_id=small, position=small)),
    (1, st.builds(RemoveRequest, request_id=small)),
    (1, st.just(CloseList())),
    (1, st.just(ReopenList())),
    (
        2,
        st.builds(
            TagIntervention,
            intervention_id=st.none() | small,
            questions=st.lists(st.integers(min_value=-1, max_value=5), max_size=3).map(tuple),
            note=st.sampled_from(["", "Calls for a fund.", "x" * 2001]),
        ),
    ),
    (1, st.just(CloseMeeting())),
    (2, st.builds(UndoGiveFloor, intervention_id=small)),
    (1, st.builds(UndoRemoveRequest, request_id=small)),
    (1, st.builds(OpenResponseRound, limit_seconds=st.none() | st.just(120))),
    (1, st.just(CloseResponseRound())),
    (
        1,
        st.builds(
            OpenMeeting,
            class_order=st.none() | st.permutations(FLOOR_CLASSES).map(tuple),
            level_precedence=st.booleans(),
        ),
    ),
)
actors = weighted(
    (8, st.just(Actor("chair"))),
    (2, st.just(Actor("secretariat"))),
    (4, st.builds(Actor, role=st.just("participant"), participant_id=st.none() | pids)),
    (1, st.builds(Actor, role=st.sampled_from(ACTOR_ROLES))),
)
# Mostly a few seconds apart, sometimes minutes; never backwards.
gaps = st.one_of(st.floats(min_value=0, max_value=20), st.integers(min_value=0, max_value=600))
steps = st.lists(st.tuples(commands, actors, gaps), min_size=20, max_size=60)


def check_invariants(state: MeetingState) -> None:
    kinds = Counter((r.participant_id, r.kind) for r in state.queue)
    assert all(n == 1 for n in kinds.values()), kinds
    assert len({r.id for r in state.queue}) == len(state.queue)
    assert all(r.id < state.next_request_id for r in state.queue)
    interventions = state.interventions
    under_way = [i for i in interventions if i.end is None]
    assert len(under_way) <= 1
    assert (state.speech is None) == (not under_way)
    if under_way:
        assert interventions[-1] is not None and interventions[-1].end is None
    assert [i.id for i in interventions] == list(range(1, len(interventions) + 1))
    for done in interventions:
        if done.end is None:
            continue
        assert done.spoken_seconds is not None and done.spoken_seconds >= 0
        assert done.overrun_seconds is not None and done.overrun_seconds >= 0
        if done.limit_seconds is None:
            assert done.overrun_seconds == 0
        else:
            # Past the limit with its extensions at least; past the first limit at most.
            allowed = done.limit_seconds + done.extended_seconds
            assert done.overrun_seconds >= max(0.0, done.spoken_seconds - allowed) - 1e-3
            assert done.overrun_seconds <= max(0.0, done.spoken_seconds - done.limit_seconds) + 1e-3
    assert (state.segment is None) == all(run.end is not None for run in state.segment_runs)


def check_floor_counts(state: MeetingState, log: list[Event]) -> None:
    """The floor's counts the state keeps for balance are what its record and its log say."""
    heard: dict[tuple[str, str | None], tuple[int, float]] = {}
    for done in state.history:
        if from_the_floor(done):
            turns, seconds = heard.get((done.participant_id, done.channel), (0, 0.0))
            spoken = done.spoken_seconds or 0.0
            heard[done.participant_id, done.channel] = (turns + 1, seconds + spoken)
    assert dict(state.floor_heard) == heard
    requests = (request_of(e) for e in log if isinstance(e, FloorRequested))
    asked = Counter((r.participant_id, r.channel) for r in requests if from_the_floor(r))
    assert dict(state.floor_asked) == asked


def check_amendment(before: MeetingState, after: MeetingState, events: tuple[Any, ...]) -> None:
    """A segment that has started keeps its rule and place; a tag keeps its question's text,
    unless reworded; a programme speaker stays with their segment, unless it was removed."""
    assert before.plan is not None and after.plan is not None
    for run in before.segment_runs:
        assert after.plan.segments[run.index] == before.plan.segments[run.index]
    reworded = len(before.plan.questions) == len(after.plan.questions)
    for intervention in after.interventions:
        for number in intervention.questions:
            assert 1 <= number <= len(after.plan.questions)
            if not reworded:
                assert after.plan.questions[number - 1] == before.plan.questions[number - 1]
    amended = any(e.part == "segments" and e.action == "amend" for e in events)
    for pid, participant in after.participants.items():
        was = before.participants[pid].segment
        if amended:
            assert participant.segment == was
        elif participant.segment is not None:
            assert was is not None
            assert after.plan.segments[participant.segment] == before.plan.segments[was]
    for segment in after.plan.segments:
        assert segment.title.strip()
        assert segment.minutes_max is None or segment.minutes_max > 0


def check_order(state: MeetingState) -> None:
    """Unless the Chair moved someone, the list is by rank, then by arrival."""
    keys = [
        (rank(r, state.participants, state.class_order, state.level_precedence), r.id)
        for r in state.queue
    ]
    assert keys == sorted(keys), keys


def run(room: Room, sequence: list[tuple[Command, Actor, float]]) -> None:
    for command, actor, gap in sequence:
        before, then = room.state, room.now
        room.wait(gap)
        result = decide(room.state, command, actor, room.now)  # must not raise
        if isinstance(result, Refusal):
            assert result.reason and result.reason.endswith(".")
            continue
        for event in result:
            room.state = evolve(room.state, event)
        room.log.extend(result)
        after = room.state
        assert after.seq == len(room.log)
        check_invariants(after)
        check_floor_counts(after, room.log)
        if any(isinstance(e, ProgrammeAmended) for e in result):
            check_amendment(before, after, result)
        if not any(isinstance(e, RequestMoved | RequestRestored) for e in room.log):
            check_order(after)
        extended = any(isinstance(e, SpeechExtended) for e in result)
        same = (
            before.speech is not None
            and after.speech is not None
            and before.speech.intervention_id == after.speech.intervention_id
        )
        if same and not extended:
            left_then = timer.remaining(before.speech, then)  # type: ignore[arg-type]
            left_now = timer.remaining(after.speech, room.now)  # type: ignore[arg-type]
            if left_then is not None and left_now is not None:
                assert left_now <= left_then + 1e-9


def check_record_against_the_log(record: Record, log: list[Event]) -> None:
    """The record says what the log says, read straight from its events (not through evolve)."""
    given: dict[int, FloorGiven] = {}
    for e in log:  # a number taken back is the next speech's again
        if isinstance(e, FloorGiven):
            given[e.intervention_id] = e
        elif isinstance(e, FloorTakenBack):
            given.pop(e.intervention_id, None)
    ended = {e.intervention_id: e for e in log if isinstance(e, SpeechEnded)}
    assert [i.id for i in record.interventions] == sorted(given)
    for intervention in record.interventions:
        start = given[intervention.id]
        assert (intervention.start, intervention.speaker.participant_id) == (
            start.at,
            start.participant_id,
        )
        assert intervention.limit_seconds == start.limit_seconds
        if intervention.id in ended:
            stop = ended[intervention.id]
            assert intervention.end == stop.at
            assert intervention.spoken_seconds == pytest.approx(stop.spoken_seconds)
            assert intervention.overrun_seconds == pytest.approx(stop.overrun_seconds)
        assert intervention.spoken_seconds >= 0
    fates: dict[int, str] = {e.request_id: "waiting" for e in log if isinstance(e, FloorRequested)}
    heard_by = {
        e.request_id: e.intervention_id
        for e in log
        if isinstance(e, FloorGiven) and e.request_id is not None
    }
    for event in log:
        if isinstance(event, RequestWithdrawn):
            fates[event.request_id] = "withdrawn"
        elif isinstance(event, RequestRemoved):
            fates[event.request_id] = "removed"
        elif isinstance(event, FloorGiven) and event.request_id is not None:
            fates[event.request_id] = "heard"
        elif isinstance(event, RequestRestored):
            fates[event.request_id] = "waiting"
        elif isinstance(event, FloorTakenBack):
            for request, at in heard_by.items():
                if at == event.intervention_id:
                    fates[request] = "waiting"
    assert {r.request_id: r.outcome for r in record.requests} == fates
    stats = statistics(record)
    for breakdown in stats.breakdowns:
        assert sum(row.interventions for row in breakdown.rows) == len(record.interventions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_random_meetings_keep_the_rules_and_the_record_says_what_the_log_says(
    sequence: list[tuple[Command, Actor, float]],
) -> None:
    room = Room()
    for name, fields in (
        ("Kenya", {}),
        ("UNCTAD", {"stakeholder": "un-entity"}),
        ("ISOC", {"stakeholder": "civil-society"}),
        ("Ada", {"role": "panelist", "segment": 1}),
    ):
        room.add(name, **fields)
    run(room, sequence)
    texts = [(seq, encode_event(event)) for seq, event in enumerate(room.log, start=1)]
    from_the_log = record_from_texts("m", texts)
    check_record_against_the_log(from_the_log, room.log)
    # The record of the state the room built command by command equals the log's.
    assert read_record("m", room.state, follow_all(room.log)) == from_the_log


@settings(max_examples=60, deadline=None)
@given(steps, st.data())
def test_verify_action_stale_state_plus_events_equals_a_fresh_load(
    sequence: list[tuple[Command, Actor, float]], data: st.DataObject
) -> None:
    """What a page holds (an old state, plus the events a command produced) equals a fresh
    load of the log: the snapshot, every page's view model and the record."""
    room = Room()
    room.add("Kenya")
    room.add("ISOC", stakeholder="civil-society")
    room.add("Ada", role="panelist", segment=1)
    run(room, sequence)
    stale, stale_requests = room.state, follow_all(room.log)
    command, actor, gap = data.draw(st.tuples(commands, actors, gaps))
    room.wait(gap)
    before = view.live(stale, room.now)
    result = decide(stale, command, actor, room.now)
    if isinstance(result, Refusal):
        return
    live, requests = stale, stale_requests
    for event in result:
        live, requests = evolve(live, event), follow(requests, event)
    log = [*room.log, *result]
    fresh = replay(decode_event(encode_event(e)) for e in log)
    for at in (room.now, room.now + timedelta(seconds=42)):
        assert snapshot(live, at) == snapshot(fresh, at)
        assert view.live(live, at) == view.live(fresh, at)
        for person in fresh.participants:
            assert view.requests_of(view.live(live, at), person) == view.requests_of(
                view.live(fresh, at), person
            )
    assert view.live(stale, room.now) == before  # a state is a value: events made a new one
    texts = [(seq, encode_event(event)) for seq, event in enumerate(log, start=1)]
    assert read_record("m", live, requests) == record_from_texts("m", texts)


junk_person = st.fixed_dictionaries(
    {
        name: st.none() | st.booleans() | st.integers() | st.text(max_size=4)
        for name in PARTICIPANT_FIELDS
    }
).map(lambda values: ParticipantFields(**values))
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.lists(st.lists(st.none(), max_size=1), max_size=2).map(tuple),
    st.lists(junk_person, max_size=3).map(tuple),
)


def junk_command(cls: type[Any]) -> st.SearchStrategy[Any]:
    """A command's JSON with anything in its fields: the edge reads it or says why not."""
    import dataclasses

    return st.fixed_dictionaries(
        {f.name: junk for f in dataclasses.fields(cls)}, optional={"type": st.just(cls.type)}
    ).map(lambda values: {"type": cls.type, **values})


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        *(
            junk_command(cls)
            for cls in (
                OpenMeeting,
                RegisterParticipants,
                StartSegment,
                RequestFloor,
                WithdrawRequest,
                GiveFloor,
                ExtendSpeech,
                MoveRequest,
                RemoveRequest,
                TagIntervention,
                AmendSegment,
                AddSegment,
                RemoveSegment,
                MoveSegment,
                AmendQuestion,
                AddQuestion,
                RemoveQuestion,
                MoveQuestion,
                AmendDocument,
                AddDocument,
                RemoveDocument,
            )
        )
    ),
    st.builds(
        Actor, role=st.sampled_from(["chair", "secretariat", "participant"]), participant_id=junk
    ),
    st.booleans(),
)
def test_decide_never_raises_on_what_the_edge_lets_through(
    data: dict[str, Any], actor: Actor, speaking: bool
) -> None:
    """Ill-typed JSON is refused at the edge with a sentence; what passes, decide answers."""
    try:
        command = command_from_json(data)
    except CommandFormatError as error:
        assert str(error).startswith(data["type"])
        return
    room = Room()
    kenya = room.add("Kenya")
    room.ok(RequestFloor(participant_id=kenya))
    if speaking:
        room.ok(StartSegment(segment=3))
        room.ok(GiveFloor(participant_id=kenya))
    result = decide(room.state, command, actor, room.now)
    assert isinstance(result, Refusal | tuple)
    if isinstance(result, tuple):
        for event in result:
            evolve(room.state, event)
