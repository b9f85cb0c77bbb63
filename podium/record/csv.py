"""The record as CSV for analysts: one row per intervention, then the requests not heard."""

from __future__ import annotations

import csv
import re
from io import StringIO

from podium.record.interventions import FloorRequest, Intervention, Record, Speaker

COLUMNS: tuple[str, ...] = (
    "row",
    "heard",
    "outcome",
    "intervention_id",
    "request_id",
    "participant_id",
    "speaker",
    "role",
    "delegation",
    "organisation",
    "country",
    "country_name",
    "region",
    "subregion",
    "development_group",
    "stakeholder_group",
    "gender",
    "channel",
    "segment",
    "segment_title",
    "kind",
    "requested_at",
    "start",
    "end",
    "spoken_seconds",
    "limit_seconds",
    "extended_seconds",
    "overrun_seconds",
    "questions",
    "note",
    "statement",
)


def _who(speaker: Speaker) -> dict[str, str]:
    return {
        "participant_id": speaker.participant_id,
        "speaker": speaker.name,
        "role": speaker.role,
        "delegation": speaker.delegation or "",
        "organisation": speaker.organisation or "",
        "country": speaker.country or "",
        "country_name": speaker.country_name or "",
        "region": speaker.region,
        "subregion": speaker.subregion or "",
        "development_group": speaker.development_group,
        "stakeholder_group": speaker.stakeholder_group,
        "gender": speaker.group("gender"),
    }


def _seconds(value: float | int | None) -> str:
    return "" if value is None else f"{value:.1f}"


def intervention_csv_row(record: Record, i: Intervention) -> dict[str, str]:
    return {
        "row": "intervention",
        "heard": "yes",
        "outcome": "heard",
        "intervention_id": str(i.id),
        "request_id": "" if i.request_id is None else str(i.request_id),
        **_who(i.speaker),
        "channel": i.channel,
        "segment": "" if i.segment is None else str(i.segment),
        "segment_title": i.segment_title or "",
        "kind": i.kind,
        "requested_at": i.requested_at.isoformat() if i.requested_at else "",
        "start": i.start.isoformat(),
        "end": i.end.isoformat() if i.end else "",
        "spoken_seconds": _seconds(i.spoken_seconds),
        "limit_seconds": _seconds(i.allowed_seconds),
        "extended_seconds": str(i.extended_seconds),
        "overrun_seconds": _seconds(i.overrun_seconds),
        "questions": " ".join(str(n) for n in i.questions),
        "note": i.note,
        "statement": i.statement or "",
    }


def unheard_csv_row(record: Record, r: FloorRequest) -> dict[str, str]:
    segments = record.plan.segments
    return {
        "row": "request",
        "heard": "no",
        "outcome": r.outcome,
        "intervention_id": "",
        "request_id": str(r.request_id),
        **_who(r.speaker),
        "channel": r.channel,
        "segment": "" if r.segment is None else str(r.segment),
        "segment_title": (
            segments[r.segment].title
            if r.segment is not None and 0 <= r.segment < len(segments)
            else ""
        ),
        "kind": r.kind,
        "requested_at": r.requested_at.isoformat(),
        "start": "",
        "end": r.outcome_at.isoformat() if r.outcome_at else "",
        "spoken_seconds": "",
        "limit_seconds": "",
        "extended_seconds": "",
        "overrun_seconds": "",
        "questions": "",
        "note": "",
        "statement": "",
    }


# A cell a spreadsheet would take for a formula (OWASP's list); a number stays a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def inert(cell: str) -> str:
    """The cell as text a spreadsheet shows and never runs: a formula gets a leading quote."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def write_csv(record: Record) -> str:
    out = StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    rows = [intervention_csv_row(record, i) for i in record.interventions]
    rows += [unheard_csv_row(record, r) for r in record.unheard]
    for row in rows:
        writer.writerow({column: inert(cell) for column, cell in row.items()})
    return out.getvalue()
