"""Random meetings: whatever is sent, by whoever, the rules hold and the log tells all."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podium.meeting import timer
from podium.meeting.commands import (
    AddDocument,
    AddParticipant,
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
from podium.meeting.events import ProgrammeAmended, RequestMoved, RequestRestored, SpeechExtended
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
            AddParticipant,
            name=st.sampled_from(["Kenya", "Chile", "UNCTAD", "ISOC", "", "Ada"]),
            role=st.sampled_from(["participant", "panelist", "discussant"]),
            country=st.none() | st.sampled_from(["ke", "CHL", "x"]),
            stakeholder=st.sampled_from(STAKEHOLDERS),
            observer=st.booleans(),
            channel=st.sampled_from(CHANNELS),
            segment=st.none() | segments,
            level=st.none() | st.sampled_from(LEVELS),
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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_random_meetings_keep_the_rules_and_replay_from_the_log(
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
    copied = [decode_event(encode_event(event)) for event in room.log]
    assert copied == room.log
    assert replay(copied) == room.state
    assert snapshot(replay(copied), room.now) == snapshot(room.state, room.now)


@settings(max_examples=60, deadline=None)
@given(steps, st.data())
def test_verify_action_snapshot_after_events_equals_fresh_replay(
    sequence: list[tuple[Command, Actor, float]], data: st.DataObject
) -> None:
    """The client's view (old snapshot state + a command's events) equals a fresh load."""
    room = Room()
    room.add("Kenya")
    room.add("Ada", role="panelist", segment=1)
    run(room, sequence)
    command, actor, gap = data.draw(st.tuples(commands, actors, gaps))
    stale = room.state
    room.wait(gap)
    result = decide(stale, command, actor, room.now)
    if isinstance(result, Refusal):
        return
    live = stale
    for event in result:
        live = evolve(live, event)
    fresh = replay(decode_event(encode_event(e)) for e in [*room.log, *result])
    assert snapshot(live, room.now) == snapshot(fresh, room.now)
    later = room.now + timedelta(seconds=42)
    assert snapshot(live, later) == snapshot(fresh, later)


junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=3),
    st.lists(st.lists(st.none(), max_size=1), max_size=2).map(tuple),
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
                AddParticipant,
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
