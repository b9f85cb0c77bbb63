"""The record as JSON for analysts: the plan, every intervention and request, the statistics."""

from __future__ import annotations

import json
from typing import Any

from podium.record.csv import intervention_csv_row
from podium.record.interventions import FloorRequest, Record, Speaker
from podium.record.report import Report

FORMAT_VERSION = 1


def _instant(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _speaker(s: Speaker) -> dict[str, Any]:
    return {
        "participant_id": s.participant_id,
        "name": s.name,
        "role": s.role,
        "delegation": s.delegation,
        "organisation": s.organisation,
        "country": s.country,
        "country_name": s.country_name,
        "region": s.region,
        "subregion": s.subregion,
        "development_group": s.development_group,
        "stakeholder": s.stakeholder,
        "stakeholder_group": s.stakeholder_group,
        "observer": s.observer,
        "gender": s.group("gender"),
        "channel": s.channel,
        "segment": s.segment,
    }


def _request(r: FloorRequest) -> dict[str, Any]:
    return {
        "request_id": r.request_id,
        "participant_id": r.speaker.participant_id,
        "kind": r.kind,
        "channel": r.channel,
        "segment": r.segment,
        "requested_at": _instant(r.requested_at),
        "outcome": r.outcome,
        "outcome_at": _instant(r.outcome_at),
        "intervention_id": r.intervention_id,
        "programme": r.programme,
    }


def record_json(report: Report) -> dict[str, Any]:
    record: Record = report.record
    return {
        "format": FORMAT_VERSION,
        "meeting_id": record.meeting_id,
        "seq": record.last_seq,
        "plan": record.plan.to_json(),
        # The plan as created, when amendments changed it since ("plan" is as amended).
        "planned": record.planned.to_json()
        if record.planned is not None and record.amendments
        else None,
        "amendments": [
            {"at": _instant(a.at), "by": a.by, "change": a.change} for a in record.amendments
        ],
        "opened_at": _instant(record.opened_at),
        "closed_at": _instant(record.closed_at),
        "participants": [_speaker(s) for s in record.speakers],
        "interventions": [
            {
                "id": i.id,
                "participant_id": i.speaker.participant_id,
                "request_id": i.request_id,
                "kind": i.kind,
                "segment": i.segment,
                "channel": i.channel,
                "start": _instant(i.start),
                "end": _instant(i.end),
                "spoken_seconds": i.spoken_seconds,
                "limit_seconds": i.limit_seconds,
                "extended_seconds": i.extended_seconds,
                "overrun_seconds": i.overrun_seconds,
                "questions": list(i.questions),
                "note": i.note,
                "statement": i.statement,
                "speaker": intervention_csv_row(record, i)["speaker"],
            }
            for i in record.interventions
        ],
        "requests": [_request(r) for r in record.requests],
        "segments": [
            {
                "index": s.index,
                "title": s.title,
                "role": s.role,
                "planned_minutes": s.planned_minutes,
                "planned_start": _instant(s.planned_start),
                "planned_end": _instant(s.planned_end),
                "started": _instant(s.started),
                "ended": _instant(s.ended),
                "held_seconds": s.held_seconds,
                "interventions": s.interventions,
                "spoken_seconds": s.spoken_seconds,
                "overruns": s.overruns,
                "overrun_seconds": s.overrun_seconds,
            }
            for s in record.segments
        ],
        "statistics": report.stats.to_json(),
        "summary": {
            "questions": [
                {
                    "number": q.number,
                    "text": q.text,
                    "speakers": list(q.speakers),
                    "points": [{"speaker": p.speaker, "note": p.note} for p in q.points],
                }
                for q in report.summary.questions
            ],
            "other_points": [
                {"speaker": p.speaker, "note": p.note} for p in report.summary.other_points
            ],
            "paragraphs": [
                {"number": n, "heading": part.heading, "text": text}
                for part in report.summary.parts
                for n, text in enumerate(part.paragraphs, start=part.first)
            ],
        },
    }


def write_json(report: Report) -> str:
    return json.dumps(record_json(report), ensure_ascii=False, indent=2) + "\n"
