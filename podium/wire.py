"""Commands and events as JSON: read and checked once, here at the edge, by pydantic.

A command comes from a client (the API, a form) and is checked strictly: only
its own fields, each of its exact type. An event comes from the log, which
only ``decide`` writes; it is read by the same adapters. Inside, the core
trusts the dataclasses it is given.

On the wire an event is ``{"type": "floor_given", "v": 1, "at": "…", …}``:
its name and version beside its fields.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter, ValidationError

from podium.i18n import _
from podium.meeting.commands import COMMANDS, Command
from podium.meeting.events import EVENTS, Event
from podium.meeting.text import typed_text


class CommandFormatError(ValueError):
    """A command's JSON is not of a known shape; the message says what is wrong and where."""


class EventFormatError(ValueError):
    """An event in the log is unknown or malformed; the message says which and why."""


# Fields that travel with a command but are not its own.
ENVELOPE = frozenset({"type", "expected_seq"})

COMMAND_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(cls) for name, cls in COMMANDS.items()
}
EVENT_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(cls) for name, cls in EVENTS.items()
}


def problem(error: ValidationError) -> str:
    """The first problem of a validation error, naming the field: "'questions.0': …"."""
    first = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    message = str(first.get("msg", ""))
    if first.get("type") == "unexpected_keyword_argument":
        message = _("no such field")
    elif first.get("type") == "missing_keyword_argument":
        message = _("this field is required")
    return f"'{where}': {message}" if where else message


def command_from_json(data: Any) -> Command:
    """The command a JSON object describes; a wrong shape raises CommandFormatError."""
    if not isinstance(data, dict):
        raise CommandFormatError(_("A command must be a JSON object."))
    name = data.get("type")
    adapter = COMMAND_ADAPTERS.get(name) if isinstance(name, str) else None
    if adapter is None:
        raise CommandFormatError(
            _("Unknown command type {name!r}; expected one of: {names}.").format(
                name=name, names=", ".join(sorted(COMMANDS))
            )
        )
    fields = {
        key: _plain(str(name), key, value) for key, value in data.items() if key not in ENVELOPE
    }
    try:
        # As JSON, so that strict types hold: a list for a tuple, never "3" for 3.
        command: Command = adapter.validate_json(json.dumps(fields))
    except ValidationError as error:
        raise CommandFormatError(f"{name}: {problem(error)}") from None
    except (TypeError, ValueError) as error:  # a value JSON cannot carry
        raise CommandFormatError(f"{name}: {error}") from None
    return command


def _plain(command: str, field: str, value: Any) -> Any:
    """A field's text with line ends made ``\\n``; a control character is refused, named."""
    try:
        if isinstance(value, str):
            return typed_text(value)
        if isinstance(value, list):
            return [typed_text(item) if isinstance(item, str) else item for item in value]
    except ValueError as exc:
        raise CommandFormatError(f"{command}: '{field}' {exc}.") from None
    return value


def event_to_json(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {"type": event.type, "v": event.version}
    data.update(EVENT_ADAPTERS[event.type].dump_python(event, mode="json"))
    return data


def encode_event(event: Event) -> str:
    """The event as compact JSON text: serialised once, stored and sent as is."""
    return json.dumps(event_to_json(event), separators=(",", ":"), ensure_ascii=False)


def event_from_json(data: Any) -> Event:
    if not isinstance(data, dict):
        raise EventFormatError("an event must be a JSON object")
    name = data.get("type")
    cls = EVENTS.get(name) if isinstance(name, str) else None
    if cls is None or not isinstance(name, str):
        raise EventFormatError(f"unknown event type {name!r}")
    if data.get("v") != cls.version:
        raise EventFormatError(f"{name}: unsupported version {data.get('v')!r}")
    fields = {key: value for key, value in data.items() if key not in ("type", "v")}
    try:
        event: Event = EVENT_ADAPTERS[name].validate_python(fields)
    except ValidationError as error:
        raise EventFormatError(f"{name}: {problem(error)}") from None
    if event.at.tzinfo is None:
        raise EventFormatError(f"{name}: 'at' has no UTC offset")
    return event


def decode_event(text: str) -> Event:
    """Reads an event from its JSON text; an unknown or malformed one raises EventFormatError."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EventFormatError(f"not JSON: {exc.msg}") from None
    return event_from_json(data)
