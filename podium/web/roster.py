"""A list of participants to register, read from a CSV file or a JSON list: one reader for
the secretariat's page and the API alike.

The CSV has a header row naming its columns (``PARTICIPANT_FIELDS``, in any
order and case); it may be separated by commas or semicolons (Excel's habit
in French and Spanish), be UTF-8 with or without a byte-order mark, and end
its lines in any way. Every problem names its line and column (or, in JSON,
the participant's number and field); nothing is read past a problem, so a
batch is registered whole or not at all.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from podium.i18n import _
from podium.meeting.participants import PARTICIPANT_FIELDS, ParticipantFields
from podium.meeting.registration import MAX_BATCH

# The csv module's own limit on one field; a longer one is refused, never cut.
MAX_FIELD = csv.field_size_limit()
_PERSON = TypeAdapter(ParticipantFields)


Source = Literal["csv", "json", "form"]


class RosterError(ValueError):
    """The list cannot be read; the message says where and why, for the user."""


@dataclass(frozen=True)
class Entry:
    """One participant read, and where: a CSV line, or a JSON list's place (from 1)."""

    where: int
    person: ParticipantFields


@dataclass(frozen=True)
class Roster:
    entries: tuple[Entry, ...]
    source: Source

    @property
    def people(self) -> tuple[ParticipantFields, ...]:
        return tuple(entry.person for entry in self.entries)

    def locate(self, item: int | None, field: str | None) -> str:
        """Where the ``item``-th participant (from 0) is, as the user's file says it."""
        if item is None or not 0 <= item < len(self.entries):
            return ""
        return _place(self.source, self.entries[item].where, field)


def _place(source: Source, where: int, field: str | None) -> str:
    """ "Line 4, column segment: " in a CSV, "Participant 3, field country: " in JSON."""
    if source == "form":
        return f"{field}: " if field else ""
    if source == "csv":
        if field:
            return _("Line {line}, column {column}: ").format(line=where, column=field)
        return _("Line {line}: ").format(line=where)
    if field:
        return _("Participant {n}, field {field}: ").format(n=where, field=field)
    return _("Participant {n}: ").format(n=where)


def _read_one(source: Source, where: int, values: dict[str, Any]) -> Entry:
    try:
        return Entry(where, _PERSON.validate_python(values))
    except ValidationError as error:
        field, problem = _problem(error)
        raise RosterError(_place(source, where, field) + problem) from None


def _problem(error: ValidationError) -> tuple[str | None, str]:
    """The field at fault (if one) and what is wrong with it, from pydantic's first error."""
    first = error.errors(include_url=False)[0]
    location = [str(part) for part in first.get("loc", ())]
    field = location[-1] if location and location[-1] in PARTICIPANT_FIELDS else None
    kind = first.get("type", "")
    value = first.get("input")
    if kind == "missing":
        return field, _("a value is required.")
    if kind == "literal_error" and field is not None:
        return field, _("'{value}' is not one of {choices}.").format(
            value=value, choices=first.get("ctx", {}).get("expected", "")
        )
    if kind.startswith("bool"):
        return field, _("'{value}' is not yes or no (true or false).").format(value=value)
    if kind.startswith("int"):
        return field, _("'{value}' is not a whole number.").format(value=value)
    if kind.startswith("string"):
        return field, _("must be text.")
    return field, str(first.get("msg", _("is not valid.")))


def read_csv(data: bytes) -> Roster:
    """The participants of a CSV file; RosterError naming the line and column at fault."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RosterError(
            _("Line {line}: the file is not UTF-8 text; save it as “CSV UTF-8”.").format(line=line)
        ) from None
    # Universal newlines: "\r\n", "\n" and a lone "\r" all end a line.
    lines = io.StringIO(text, newline=None)
    first = lines.readline()
    lines.seek(0)
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter)
    entries: list[Entry] = []
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        _check_header(header)
        for row in reader:
            if len(entries) >= MAX_BATCH:
                raise RosterError(
                    _("At most {count} participants at a time: split the file.").format(
                        count=MAX_BATCH
                    )
                )
            line = reader.line_num
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
                raise RosterError(
                    _("Line {line}: {count} values for {columns} columns.").format(
                        line=line, count=len(row), columns=len(header)
                    )
                )
            values = {
                column: cell.strip()
                for column, cell in zip(header, row, strict=False)
                if column and cell.strip()
            }
            if not values:
                continue
            entries.append(_read_one("csv", line, values))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise RosterError(
                _("Line {line}: a value is longer than {count:,} characters.").format(
                    line=reader.line_num, count=MAX_FIELD
                )
            ) from None
        raise RosterError(
            _("Line {line}: the line cannot be read as CSV ({problem}).").format(
                line=reader.line_num, problem=exc
            )
        ) from None
    if not entries:
        raise RosterError(_("No participants were given."))
    return Roster(tuple(entries), "csv")


def _check_header(header: Sequence[str]) -> None:
    if "name" not in header:
        raise RosterError(_("Line 1: the first line must name the columns, with at least 'name'."))
    unknown = [column for column in header if column and column not in PARTICIPANT_FIELDS]
    if unknown:
        raise RosterError(
            _("Line 1: unknown column(s) {columns}; the columns are {known}.").format(
                columns=", ".join(unknown), known=", ".join(PARTICIPANT_FIELDS)
            )
        )
    doubled = sorted({column for column in header if column and header.count(column) > 1})
    if doubled:
        raise RosterError(
            _("Line 1: the column(s) {columns} appear more than once.").format(
                columns=", ".join(doubled)
            )
        )


def read_json(data: bytes) -> Roster:
    """The participants of a JSON list of objects; RosterError naming the one at fault."""
    try:
        people = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise RosterError(_("The body is not valid JSON.")) from None
    if not isinstance(people, list):
        raise RosterError(_("Send the participants as a JSON list of objects."))
    if not people:
        raise RosterError(_("No participants were given."))
    if len(people) > MAX_BATCH:
        raise RosterError(_("At most {count} participants at a time.").format(count=MAX_BATCH))
    entries = []
    for number, values in enumerate(people, start=1):
        if not isinstance(values, dict):
            raise RosterError(
                _("Participant {n}: each participant is a JSON object.").format(n=number)
            )
        unknown = sorted(key for key in values if key not in PARTICIPANT_FIELDS)
        if unknown:
            raise RosterError(
                _("Participant {n}: unknown field(s) {fields}; the fields are {known}.").format(
                    n=number, fields=", ".join(unknown), known=", ".join(PARTICIPANT_FIELDS)
                )
            )
        entries.append(_read_one("json", number, values))
    return Roster(tuple(entries), "json")


def read_form(values: Mapping[str, str]) -> Roster:
    """The one participant of the registration form (its other fields are ignored)."""
    person = {k: v.strip() for k, v in values.items() if k in PARTICIPANT_FIELDS and v.strip()}
    return Roster((_read_one("form", 1, person),), "form")
