"""``podium plan`` (the programme and its time budget) and ``podium export`` (the note, written)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Annotated, Any, NoReturn, cast

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from podium.cli import app
from podium.conceptnote import untrusted
from podium.conceptnote.export import BINARY_FORMATS, FORMATS, Format, export
from podium.conceptnote.extract import Unreadable
from podium.conceptnote.localtime import meeting_zone, named_zone, zone_label
from podium.i18n import _, known, languages, ngettext, speaking
from podium.meeting.plan import Plan, PlanFormatError
from podium.meeting.programme import Programme, SpeakerCountError, parse_speakers, schedule


def fail(message: str) -> NoReturn:
    """Bad input: say what was wrong, exit 2, no traceback."""
    typer.echo(_("Error: {message}").format(message=message), err=True)
    raise typer.Exit(2)


def load_plan(path: Path, *, notes_only: bool = False) -> Plan:
    """A concept note (any format the reader knows) or a plan saved as JSON.

    A note is read in a process of its own, bounded in time and memory, so that a
    hostile file ends in one line and exit 2, not a machine out of memory.
    """
    if not path.exists():
        fail(_("{path}: no such file").format(path=path))
    if path.suffix.lower() == ".json" and not notes_only:
        try:
            plan = untrusted.clean_plan(
                Plan.from_json(json.loads(path.read_text(encoding="utf-8")))
            )
            untrusted.check_plan(plan)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, PlanFormatError) as exc:
            fail(_("{path}: not a plan in JSON: {reason}").format(path=path, reason=exc))
        except Unreadable as exc:
            fail(f"{path}: {exc}")
        return plan
    from podium.conceptnote.reader import NotAConceptNote
    from podium.conceptnote.worker import ReaderBusy, read_bounded

    try:
        return read_bounded(path)
    except (NotAConceptNote, ReaderBusy) as exc:  # its message names the file
        fail(str(exc))


def parse_zones(values: list[str]) -> list[tuple[str, tzinfo]]:
    zones: list[tuple[str, tzinfo]] = []
    for value in values:
        for name in (n.strip() for n in value.split(",")):
            if not name:
                continue
            zone = named_zone(name)
            if zone is None:
                fail(
                    _(
                        "--tz: '{name}' is not a time zone; use an IANA name such as "
                        "America/New_York or Asia/Bangkok"
                    ).format(name=name)
                )
            zones.append((name, zone))
    return zones


@app.command("plan")
def plan_command(
    file: Annotated[
        Path, typer.Argument(help="The concept note (md, txt, docx, pdf) or plan JSON.")
    ],
    speakers: Annotated[
        list[str] | None,
        typer.Option(
            "--speakers",
            help="Speakers of a role, such as panelist=4; repeat for each role.",
        ),
    ] = None,
    tz: Annotated[
        list[str] | None,
        typer.Option("--tz", help="Show local times in these zones too: America/New_York,…"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the programme as JSON.")] = False,
) -> None:
    """The programme on the clock and its time budget: does the format fit the slot?"""
    try:
        counts = parse_speakers(speakers or [])
    except SpeakerCountError as exc:
        fail(_("--speakers {reason}").format(reason=exc))
    zones = parse_zones(tz or [])
    plan = load_plan(file)
    roles = {s.role for s in plan.segments}
    for role in counts:
        if role not in roles:
            fail(
                _("--speakers: the programme has no segment for the role '{role}'").format(
                    role=role
                )
            )

    programme = schedule(plan, counts)
    for warning in plan.warnings:
        typer.echo(
            _("Line {line}: {message}").format(line=warning.line, message=warning.message),
            err=True,
        )
    if as_json:
        typer.echo(json.dumps(programme_json(programme, zones), ensure_ascii=False, indent=2))
        return
    print_programme(Console(), programme, zones)


def programme_json(programme: Programme, zones: list[tuple[str, tzinfo]]) -> dict[str, Any]:
    data = programme.to_json()
    for segment, row in zip(programme.segments, data["segments"], strict=True):
        row["local"] = {
            name: {
                "start": segment.start.astimezone(zone).isoformat() if segment.start else None,
                "end": segment.end.astimezone(zone).isoformat() if segment.end else None,
            }
            for name, zone in zones
        }
    return data


def print_programme(
    console: Console, programme: Programme, zones: list[tuple[str, tzinfo]]
) -> None:
    plan = programme.plan
    home = meeting_zone(plan)
    label = zone_label(plan)
    table = Table(title=Text(plan.title), title_justify="left")
    table.add_column("#", justify="right")
    table.add_column(_("Segment"), min_width=16)
    table.add_column(label or _("Time"), no_wrap=True)
    for name, _zone in zones:
        table.add_column(name.rsplit("/", 1)[-1].replace("_", " "), no_wrap=True)
    table.add_column(_("Speakers"))
    table.add_column(_("Min."), justify="right")

    notes: list[str] = []
    day = plan.start.astimezone(home).date() if plan.start and home else None
    for s in programme.segments:
        marks = ""
        for note in s.notes:
            notes.append(note)
            marks += f" [{len(notes)}]"
        limit = ""
        if s.minutes_each is not None:
            limit = _("{minutes} min").format(minutes=_minutes(s.minutes_each))
            if s.warn_minutes is not None:
                limit = _("{low}–{high} min").format(
                    low=_minutes(s.warn_minutes), high=_minutes(s.minutes_each)
                )
            limit = (
                f"{s.speakers} × {limit}" if s.speakers else _("{limit} each").format(limit=limit)
            )
        elif s.speakers:
            limit = ngettext("{count} speaker", "{count} speakers", s.speakers).format(
                count=s.speakers
            )
        table.add_row(
            str(s.index + 1),
            Text.assemble(s.segment.title + marks, "\n", (s.segment.role, "dim")),
            _span(s.start, s.end, home, None),
            *[_span(s.start, s.end, zone, day) for _name, zone in zones],
            limit,
            _minutes(s.minutes_total),
        )
    console.print(table)
    for number, note in enumerate(notes, 1):
        console.print(Text(f"[{number}] {note}", style="dim"))
    console.print()
    for line in budget_lines(programme):
        console.print(Text(line))


def budget_lines(programme: Programme) -> list[str]:
    """The time budget in sentences."""
    budget = programme.budget
    plan = programme.plan
    if budget.slot_minutes is None or budget.spare_minutes is None:
        return [
            _(
                "The note gives no time slot: the segments set so far take {minutes} minutes."
            ).format(minutes=_minutes(budget.planned_minutes))
        ]
    home = meeting_zone(plan)
    lines = [
        _("Slot: {minutes} minutes, {start}–{end} ({zone}).").format(
            minutes=_minutes(budget.slot_minutes),
            start=_clock(plan.start, home),
            end=_clock(plan.end, home),
            zone=zone_label(plan),
        ),
        _("Segments of set length: {minutes} minutes.").format(
            minutes=_minutes(budget.planned_minutes)
        ),
    ]
    for s in programme.segments:
        if not s.is_floor:
            continue
        if s.floor_interventions is not None and s.minutes_each:
            lines.append(
                ngettext(
                    "{title}: {minutes} minutes, room for {count} intervention of {limit} minutes.",
                    "{title}: {minutes} minutes, room for {count} interventions of {limit} "
                    "minutes each.",
                    s.floor_interventions,
                ).format(
                    title=s.segment.title,
                    minutes=_minutes(s.minutes_total),
                    count=s.floor_interventions,
                    limit=_minutes(s.minutes_each),
                )
            )
        else:
            lines.append(
                _("{title}: {minutes} minutes (no limit per intervention in the note).").format(
                    title=s.segment.title, minutes=_minutes(s.minutes_total)
                )
            )
    if budget.fits:
        if not any(s.is_floor for s in programme.segments) and budget.spare_minutes > 0:
            lines.append(
                _("The format fits the slot, with {minutes} minutes to spare.").format(
                    minutes=_minutes(budget.spare_minutes)
                )
            )
        else:
            lines.append(_("The format fits the slot."))
    else:
        lines.append(_("The format does not fit the slot. To make it fit:"))
        lines += [f"  - {cut}" for cut in budget.cuts]
    return lines


def check_language(lang: str | None) -> None:
    """Stops the command when ``--lang`` names a language Podium does not speak."""
    if lang is not None and known(lang) is None:
        fail(
            _("--lang: '{lang}' is not one of the languages {languages}").format(
                lang=lang, languages=", ".join(sorted(languages()))
            )
        )


@app.command("export")
def export_command(
    file: Annotated[
        Path, typer.Argument(help="The concept note (md, txt, docx, pdf) or plan JSON.")
    ],
    to: Annotated[str, typer.Option("--to", help="md, html, pdf, docx, ics or json.")],
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of to the screen.")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language: ar, en, es, fr, ru or zh (default: the note's)."),
    ] = None,
) -> None:
    """Write the concept note as Markdown, HTML, PDF, Word, iCalendar or JSON."""
    to = to.lower().lstrip(".")
    check_language(lang)
    if to not in FORMATS:
        fail(
            _("--to: '{format}' is not a format; choose one of {formats}").format(
                format=to, formats=", ".join(FORMATS)
            )
        )
    if to in BINARY_FORMATS and out is None:
        fail(
            _(
                "{format} is a binary format: name the file to write with -o, "
                "such as -o note.{format}"
            ).format(format=to)
        )
    plan = load_plan(file)
    from podium.conceptnote.ics import NoDateError

    try:
        with speaking(lang or plan.language):
            content = export(plan, cast(Format, to), stamp=datetime.now(UTC))
    except NoDateError as exc:
        fail(str(exc))
    if out is None:
        sys.stdout.write(str(content))
        return
    try:
        if isinstance(content, bytes):
            out.write_bytes(content)
        else:
            # newline="": the calendar's CRLF line ends are part of the format.
            out.write_text(content, encoding="utf-8", newline="")
    except OSError as exc:
        fail(_("{path}: could not be written: {reason}").format(path=out, reason=exc.strerror))
    typer.echo(_("Wrote {path}").format(path=out), err=True)


def _span(
    start: datetime | None, end: datetime | None, zone: tzinfo | None, day: date | None
) -> str:
    """``15:00–15:10``; in another zone, ``(+1)`` when it falls on the next day there."""
    if start is None:
        return ""
    text = f"{_clock(start, zone)}–{_clock(end, zone)}"
    local = start.astimezone(zone) if zone else start
    if day is not None and local.date() != day:
        text += f" ({(local.date() - day).days:+d})"
    return text


def _clock(moment: datetime | None, zone: tzinfo | None) -> str:
    if moment is None:
        return ""
    return (moment.astimezone(zone) if zone else moment).strftime("%H:%M")


def _minutes(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"
