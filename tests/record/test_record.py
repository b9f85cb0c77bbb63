"""The record, the statistics and the summary of the simulated panel, read from its log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from podium.meeting.commands import (
    CloseMeeting,
    GiveFloor,
    RequestFloor,
    StartSegment,
    TagIntervention,
    UndoGiveFloor,
)
from podium.meeting.events import (
    FloorGiven,
    FloorRequested,
    InterventionTagged,
    MeetingClosed,
    MeetingCreated,
    MeetingOpened,
    ParticipantAdded,
    SegmentStarted,
    SpeechPaused,
    SpeechResumed,
)
from podium.meeting.plan import Plan, Segment
from podium.meeting.words import SECRETARIAT
from podium.record.exports import load_record
from podium.record.groups import NO_COUNTRY
from podium.record.interventions import (
    Record,
    RecordError,
    record_from_events,
    record_from_texts,
)
from podium.record.report import Report
from podium.record.statistics import statistics
from podium.record.summary import chair_summary
from podium.store import open_store
from podium.wire import encode_event
from tests.meeting.room import FLOOR, PANELISTS, Room
from tests.support.panel import DELEGATIONS, NOTES, Panel


def test_durations_add_up_to_the_time_the_floor_was_held(panel: Panel, record: Record) -> None:
    assert len(record.interventions) == len(panel.spoken)
    for intervention in record.interventions:
        assert intervention.spoken_seconds == pytest.approx(panel.spoken[intervention.id])
        assert intervention.end is not None
        held = (intervention.end - intervention.start).total_seconds()
        assert intervention.spoken_seconds <= held + 1e-6
    assert record.spoken_seconds == pytest.approx(panel.floor_seconds)
    by_segment = sum(s.spoken_seconds for s in record.segments)
    assert by_segment == pytest.approx(record.spoken_seconds)


def test_the_floor_asked_thirty_times_from_twenty_five_delegations(
    panel: Panel, record: Record
) -> None:
    from_floor = [r for r in record.floor_requests if r.speaker.role == "participant"]
    assert len(from_floor) == panel.requests == 30
    assert len({r.speaker.participant_id for r in from_floor}) == len(DELEGATIONS) == 25
    kinds = {i.kind for i in record.interventions}
    assert {"point-of-order", "right-of-reply", "response", "question"} <= kinds


def test_who_asked_and_was_not_heard_is_in_the_record(panel: Panel, record: Record) -> None:
    withdrawn = {r.request_id for r in record.unheard if r.outcome == "withdrawn"}
    assert withdrawn == panel.withdrawn
    waiting = [r for r in record.unheard if r.outcome == "waiting"]
    assert len(waiting) == 2
    assert {r.request_id for r in record.unheard} == {r.id for r in panel.state.queue} | withdrawn
    heard = {i.request_id for i in record.interventions}
    assert not heard & {r.request_id for r in record.unheard}


def test_speakers_are_placed_by_country_or_as_organisations(record: Record) -> None:
    by_name = {s.represents: s for s in record.speakers}
    assert by_name["Nepal"].development_group == "LDC"
    assert by_name["Kazakhstan"].development_group == "LLDC"
    assert by_name["Fiji"].development_group == "SIDS"
    assert by_name["Germany"].development_group == "developed"
    assert by_name["Brazil"].region == "Latin America and the Caribbean"
    assert by_name["UNESCO"].region == NO_COUNTRY
    assert by_name["UNESCO"].stakeholder_group == "un-entity"
    assert by_name["State of Palestine"].stakeholder_group == "observer-state"
    assert by_name["University of Cape Town"].region == "Africa"


def test_a_country_is_counted_with_the_ldc_list_of_the_meetings_day() -> None:
    def nepal(year: int) -> str:
        plan = Plan(title="T", start=datetime(year, 4, 15, 13, tzinfo=UTC))
        events = [
            # Registered in 2024 for a meeting planned on the day asked: the meeting's day counts.
            MeetingCreated(at=datetime(2024, 1, 1, tzinfo=UTC), plan=plan.to_json()),
            ParticipantAdded(
                at=datetime(2024, 1, 2, tzinfo=UTC),
                participant_id="p1",
                name="Nepal",
                role="participant",
                country="NP",
            ),
        ]
        (speaker,) = record_from_events("m", events).speakers
        return speaker.development_group

    # Nepal left the LDC category on 24 November 2026; it stays landlocked.
    assert (nepal(2024), nepal(2027)) == ("LDC", "LLDC")


def test_the_programme_as_held_against_the_programme_as_planned(
    panel: Panel, record: Record
) -> None:
    assert [s.planned_minutes for s in record.segments] == [10, 60, 20]
    starts = [e for e in panel.events if isinstance(e, SegmentStarted)]
    assert [s.started for s in record.segments] == [e.at for e in starts]
    for segment in record.segments:
        assert segment.started is not None and segment.ended is not None
        assert segment.held_seconds == (segment.ended - segment.started).total_seconds()
    assert sum(s.interventions for s in record.segments) == len(record.interventions)


def test_every_group_adds_up_to_the_totals(report: Report) -> None:
    stats = report.stats
    assert stats.interventions == len(report.record.interventions)
    for breakdown in stats.breakdowns:
        assert sum(r.interventions for r in breakdown.rows) == stats.interventions
        assert sum(r.seconds for r in breakdown.rows) == pytest.approx(stats.seconds)
        assert sum(breakdown.share(r) for r in breakdown.rows) == pytest.approx(1.0)
    for requests in stats.requests:
        total = requests.total
        assert total.requests == len(report.record.floor_requests)
        for field in ("requests", "heard", "withdrawn", "removed", "waiting"):
            assert sum(getattr(r, field) for r in requests.rows) == getattr(total, field)
        assert total.heard + total.withdrawn + total.removed + total.waiting == total.requests
    overruns = sum(o.overrun_seconds for o in stats.overruns)
    assert overruns == pytest.approx(sum(i.overrun_seconds for i in report.record.interventions))
    assert sum(o.interventions for o in stats.overruns) == stats.interventions
    assert any(o.overruns for o in stats.overruns)


def test_groups_with_no_one_heard_are_shown(report: Report) -> None:
    regions = {r.key: r for r in report.stats.breakdown("region").rows}
    assert set(regions) >= {"Africa", "Asia", "Europe", "Oceania", NO_COUNTRY}
    genders = {r.key for r in report.stats.breakdown("gender").rows}
    assert {"female", "male", "other", "not-stated"} == genders


def test_the_summary_lists_under_each_question_exactly_the_speakers_tagged(
    panel: Panel, report: Report
) -> None:
    labels = {s.participant_id: s.label for s in report.record.speakers}
    summary = report.summary
    assert [q.number for q in summary.questions] == list(range(1, 7))
    for question in summary.questions:
        expected = {labels[pid] for pid in panel.tagged.get(question.number, set())}
        assert set(question.speakers) == expected
        assert len(question.speakers) == len(set(question.speakers))


def test_the_summary_holds_only_what_the_record_holds(report: Report) -> None:
    summary = report.summary
    notes = {p.note for q in summary.questions for p in q.points} | {
        p.note for p in summary.other_points
    }
    assert notes <= set(NOTES)
    text = " ".join(p for part in summary.parts for p in part.paragraphs)
    assert "SDG 9: Industry, innovation and infrastructure" in text
    assert "SDG 17" in text
    assert f"{len(report.record.interventions)} interventions were made" in text
    numbers = [part.first + n for part in summary.parts for n in range(len(part.paragraphs))]
    assert numbers == list(range(1, len(numbers) + 1))


def test_record_of_an_unknown_meeting_is_a_clear_error(panel_dir: object) -> None:
    store = open_store(str(panel_dir))
    try:
        with pytest.raises(RecordError, match="no meeting 'nope'"):
            load_record(store, "nope")
    finally:
        store.close()


def test_an_unreadable_event_is_named(panel: Panel) -> None:
    good = encode_event(panel.events[0])
    with pytest.raises(RecordError, match="event 2"):
        record_from_texts("m", [(1, good), (2, '{"type": "floor_given", "v": 1}')])


AT = datetime(2024, 4, 15, 13, 0, tzinfo=UTC)


def _at(minutes: float) -> datetime:
    return AT + timedelta(minutes=minutes)


def test_a_speech_cut_by_the_close_counts_to_the_close_less_its_pause() -> None:
    plan = Plan(title="T", segments=(Segment("Floor", "participant", minutes_max=3),))
    events = [
        MeetingCreated(at=_at(-60), plan=plan.to_json()),
        ParticipantAdded(at=_at(-50), participant_id="p1", name="A", role="participant",
                         delegation="Narnia", country="ZZ", gender=None),
        ParticipantAdded(at=_at(-50), participant_id="p2", name="B", role="participant",
                         organisation="NGO", stakeholder="civil-society", channel="online"),
        MeetingOpened(at=_at(0), class_order=("member-state", "observer", "stakeholder")),
        SegmentStarted(at=_at(0), segment=0),
        FloorRequested(at=_at(1), request_id=1, participant_id="p1", kind="statement",
                       channel="room", segment=0, by="participant"),
        FloorRequested(at=_at(1), request_id=2, participant_id="p2", kind="statement",
                       channel="online", segment=0, by="participant"),
        FloorGiven(at=_at(2), intervention_id=1, participant_id="p1", request_id=1,
                   kind="statement", segment=0, limit_seconds=180, warn_seconds=None),
        SpeechPaused(at=_at(3), intervention_id=1),
        SpeechResumed(at=_at(4), intervention_id=1),
        InterventionTagged(at=_at(4), intervention_id=1, questions=(), note="A point."),
        MeetingClosed(at=_at(7)),
    ]  # fmt: skip
    record = record_from_events("m", events)
    (only,) = record.interventions
    assert only.spoken_seconds == 4 * 60
    assert only.overrun_seconds == 60
    # An unknown code counts as no country: a government, so not an international organisation.
    assert only.speaker.region == "no-country:member-state"
    assert only.speaker.group("gender") == "not-stated"
    (unheard,) = record.unheard
    assert (unheard.speaker.name, unheard.outcome, unheard.channel) == ("B", "waiting", "online")
    assert record.segments[0].held_seconds == 7 * 60
    stats = statistics(record)
    assert stats.request_breakdown("channel").rows[1].waiting == 1
    assert stats.breakdown("region").rows[-1].seconds == 240
    # A civil-society organisation with no country is civil society, not an international one.
    regions = {row.label: row for row in stats.request_breakdown("region").rows}
    assert regions["Civil society (no country)"].waiting == 1
    assert regions["International organisations (no country)"].requests == 0
    assert unheard.speaker.development_group == "no-country:civil-society"


def test_a_report_read_while_the_meeting_runs_says_what_is_under_way() -> None:
    from podium.record.charts import CHARTS
    from podium.record.summary import chair_summary

    plan = Plan(title="T", segments=(Segment("Floor", "participant", minutes_max=3),))
    events = [
        MeetingCreated(at=_at(-60), plan=plan.to_json()),
        MeetingOpened(at=_at(0), class_order=("member-state", "observer", "stakeholder")),
        SegmentStarted(at=_at(0), segment=0),
    ]
    record = record_from_events("m", events)
    paragraphs = [p for part in chair_summary(record).parts for p in part.paragraphs]
    assert "Floor: planned 3 minutes; under way since 13:00; 0 interventions." in paragraphs
    for name, draw in CHARTS.items():
        (axes,) = draw(statistics(record)).axes
        assert axes.get_xlim() == (0, 1), name  # nothing spoken: an axis from 0, not ±0.06


def test_the_summary_names_the_panelists_and_the_moderator(report: Report) -> None:
    from podium.record.summary import chair_summary

    opening = report.summary.parts[0].paragraphs
    assert (
        "The panelists were Prof. Amina Diallo (Université Cheikh Anta Diop), "
        "Mr. Tomás Ferreira (Ministry of Science of Portugal), Dr. Ana Maria Quispe "
        "(Andean Innovation Network) and Mr. Kenji Sato (Global Tech Alliance)."
    ) in opening
    plan = Plan(
        title="T",
        segments=(
            Segment("Moderated discussion", "moderator", names=("Ms. N. Okonjo",)),
            Segment("Discussants", "discussant", names=("Dr. A", "Dr. B")),
        ),
    )
    events = [
        MeetingCreated(at=_at(-60), plan=plan.to_json()),
        ParticipantAdded(
            at=_at(-50), participant_id="p1", name="Mr. K. Lee", role="moderator",
            organisation="KAIST", country="KR",
        ),
    ]  # fmt: skip
    paragraphs = chair_summary(record_from_events("m", events)).parts[0].paragraphs
    # Registered people are named with whom they speak for; else the note's own names.
    assert "The discussion was moderated by Mr. K. Lee (KAIST)." in paragraphs
    assert "The lead discussants were Dr. A and Dr. B." in paragraphs


def test_the_record_names_the_group_and_forgets_a_floor_taken_back() -> None:
    room = Room()
    cuba, chile = room.add("Cuba", delegation="Cuba"), room.add("Chile", delegation="Chile")
    bo = room.add("Bo", role="panelist", segment=PANELISTS)
    room.ok(StartSegment(segment=FLOOR))
    room.ok(RequestFloor(group="g77", participant_id=cuba), SECRETARIAT)
    room.ok(RequestFloor(kind="question", to=bo, participant_id=chile), SECRETARIAT)
    room.ok(GiveFloor())
    room.wait(2)
    room.ok(UndoGiveFloor(intervention_id=1))
    room.ok(GiveFloor())
    room.wait(60)
    room.ok(TagIntervention(append_note="Calls for technology transfer."))
    room.ok(GiveFloor())
    room.wait(30)
    room.ok(CloseMeeting())
    record = record_from_events("m", room.log)
    first, second = record.interventions
    assert first.on_behalf_of == "g77" and second.question_to == bo
    assert first.speaking_as == "Cuba, on behalf of the Group of 77 and China"
    assert [r.outcome for r in record.requests] == ["heard", "heard"]
    summary = chair_summary(record)
    assert "Cuba, on behalf of the Group of 77 and China" in str(summary)
