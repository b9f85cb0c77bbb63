"""The state of a meeting as JSON, for the API, the feed and every screen.

A snapshot is what a client needs to draw the room at ``now`` and to go on
counting by itself, whatever the length of the meeting: the interventions
heard are read a page at a time (``intervention`` gives each one's JSON). The
speech carries ``started_at``, ``paused_at``,
``paused_seconds`` and ``allowed_seconds`` beside the ``elapsed``,
``remaining`` and ``light`` computed for ``now``. Instants are ISO 8601 in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from podium.meeting import timer
from podium.meeting.participants import details
from podium.meeting.state import Intervention, MeetingState, Participant, Request, Speech


def snapshot(state: MeetingState, now: datetime) -> dict[str, Any]:
    return {
        "seq": state.seq,
        "now": _instant(now),
        "status": state.status,
        "created_at": _instant(state.created_at),
        "opened_at": _instant(state.opened_at),
        "closed_at": _instant(state.closed_at),
        "plan": _plan(state),
        "segment": state.segment,
        "class_order": list(state.class_order),
        "list_closed": state.list_closed,
        "level_precedence": state.level_precedence,
        "response_round": _round(state),
        # The latest removals, for an undo within ``floor.UNDO_SECONDS`` of ``removed_at``.
        "removed": [
            {
                "request_id": r.request.id,
                **_who(state, r.request.participant_id),
                "removed_at": _instant(r.at),
            }
            for r in list(state.removed.values())[-5:]
        ],
        "speech": _speech(state, state.speech, now) if state.speech else None,
        "queue": [_request(state, r, i) for i, r in enumerate(state.queue)],
        "participants": [_participant(p) for p in state.participants.values()],
        # The interventions heard are paged on a route of their own (``intervention``).
    }


def _instant(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _seconds(value: float | None) -> float | None:
    # Milliseconds are as fine as any screen shows; rounding keeps the JSON short.
    return round(value, 3) if value is not None else None


def _plan(state: MeetingState) -> dict[str, Any] | None:
    plan = state.plan
    if plan is None:
        return None
    segments = []
    programme = state.programme
    assert programme is not None  # a plan has a programme
    for index, segment in enumerate(plan.segments):
        run = state.segment_run(index)
        planned = programme.segments[index]
        limit = planned.limit()
        segments.append(
            {
                "index": index,
                "title": segment.title,
                "role": segment.role,
                "speakers": segment.speakers,
                "minutes_min": segment.minutes_min,
                "minutes_max": segment.minutes_max,
                "per_speaker": segment.per_speaker,
                "limit_seconds": limit.seconds,
                "warn_seconds": limit.warn_seconds,
                "minutes_total": planned.minutes_total,
                "class_limits": [
                    {
                        "floor_class": rule.floor_class,
                        "limit_seconds": planned.limit(rule.floor_class).seconds,
                    }
                    for rule in segment.class_limits
                ],
                "state": (
                    "running"
                    if state.segment == index
                    else "done"
                    if run is not None
                    else "pending"
                ),
                "start": _instant(run.start) if run else None,
                "end": _instant(run.end) if run else None,
            }
        )
    return {
        "title": plan.title,
        "body": plan.body,
        "kind": plan.kind,
        "start": _instant(plan.start),
        "end": _instant(plan.end),
        "timezone": plan.timezone,
        "venue": plan.venue,
        "questions": list(plan.questions),
        "segments": segments,
    }


def _round(state: MeetingState) -> dict[str, Any] | None:
    round_ = state.response_round
    if round_ is None:
        return None
    return {"opened_at": _instant(round_.at), "limit_seconds": round_.limit_seconds}


def _who(state: MeetingState, participant_id: str) -> dict[str, Any]:
    participant = state.participants.get(participant_id)
    return {
        "participant_id": participant_id,
        "name": participant.name if participant else participant_id,
        "delegation": participant.delegation if participant else None,
        "country": participant.country if participant else None,
        "floor_class": participant.floor_class if participant else None,
    }


def _participant(participant: Participant) -> dict[str, Any]:
    return {"id": participant.id, **details(participant), "floor_class": participant.floor_class}


def _request(state: MeetingState, request: Request, position: int) -> dict[str, Any]:
    return {
        "request_id": request.id,
        "position": position,
        **_who(state, request.participant_id),
        "kind": request.kind,
        "channel": request.channel,
        "segment": request.segment,
        "programme": request.programme,
        "group": request.group,
        "to": request.to,
        "at": _instant(request.at),
    }


def _speech(state: MeetingState, speech: Speech, now: datetime) -> dict[str, Any]:
    return {
        "intervention_id": speech.intervention_id,
        **_who(state, speech.participant_id),
        "request_id": speech.request_id,
        "kind": speech.kind,
        "segment": speech.segment,
        "started_at": _instant(speech.started_at),
        "paused": speech.paused_at is not None,
        "paused_at": _instant(speech.paused_at),
        "paused_seconds": _seconds(speech.paused_seconds),
        "limit_seconds": speech.limit_seconds,
        "warn_seconds": speech.warn_seconds,
        "extended_seconds": speech.extended_seconds,
        "allowed_seconds": timer.allowed(speech),
        "warn_at_seconds": _seconds(timer.warn_point(speech)),
        "elapsed_seconds": _seconds(timer.elapsed(speech, now)),
        "remaining_seconds": _seconds(timer.remaining(speech, now)),
        "light": timer.light(speech, now),
        "questions": list(speech.questions),
        "note": speech.note,
        "group": speech.request.group if speech.request else None,
        "to": speech.request.to if speech.request else None,
    }


def intervention(state: MeetingState, intervention: Intervention) -> dict[str, Any]:
    return {
        "id": intervention.id,
        **_who(state, intervention.participant_id),
        "request_id": intervention.request_id,
        "kind": intervention.kind,
        "segment": intervention.segment,
        "start": _instant(intervention.start),
        "end": _instant(intervention.end),
        "limit_seconds": intervention.limit_seconds,
        "extended_seconds": intervention.extended_seconds,
        "spoken_seconds": _seconds(intervention.spoken_seconds),
        "overrun_seconds": _seconds(intervention.overrun_seconds),
        "questions": list(intervention.questions),
        "note": intervention.note,
        "group": intervention.group,
        "to": intervention.to,
    }
