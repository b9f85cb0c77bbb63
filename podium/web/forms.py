"""Commands from HTML forms: every field arrives as text and is read by its type.

The command's own JSON reader (``command_from_json``) then checks the values,
so a form and the JSON API accept exactly the same commands.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from podium.i18n import _
from podium.meeting.commands import COMMANDS, Command
from podium.wire import CommandFormatError, command_from_json

TRUE = frozenset({"true", "on", "1", "yes"})


def command_from_form(values: Mapping[str, Sequence[str]]) -> Command:
    """The command a form describes (``type`` and the command's fields, each a list of texts).

    An empty field takes the command's default; a bad value raises
    CommandFormatError saying which field and why.
    """
    name = _first(values, "type")
    cls = COMMANDS.get(name or "")
    if cls is None:
        raise CommandFormatError(_("Unknown action {name!r}.").format(name=name))
    hints = typing.get_type_hints(cls)
    data: dict[str, Any] = {"type": name}
    for f in dataclasses.fields(cls):
        hint = _without_none(hints[f.name])
        if typing.get_origin(hint) is tuple:
            # No value given: the field's default (an empty tuple, or None for "as set").
            # A text area gives one item a line ("names": one speaker a line).
            items = [
                line.strip()
                for v in values.get(f.name, ())
                for line in v.splitlines()
                if line.strip()
            ]
            # A form sends no unticked boxes: an empty hidden field of the name says "none".
            if items or (f.name in values and f.default is None):
                (item,) = typing.get_args(hint)[:1]
                data[f.name] = [_read(f.name, item, v) for v in items]
            continue
        text = _first(values, f.name)
        if f.name.endswith("_seconds") and not (text or "").strip():
            # People type limits in minutes ("3" or "2:30"); the command counts seconds.
            typed = _first(values, f.name.removesuffix("_seconds") + "_minutes")
            if typed is not None and typed.strip():
                data[f.name] = seconds_from_minutes(typed)
                continue
        if hint is bool:
            data[f.name] = (text or "").lower() in TRUE
        elif text is not None and text.strip() != "":
            data[f.name] = _read(f.name, hint, text.strip())
    return command_from_json(data)


def seconds_from_minutes(text: str) -> int:
    """``3`` → 180, ``2:30`` → 150, ``2.5`` or ``2,5`` → 150: minutes as people type them."""
    value = text.strip()
    minutes, colon, seconds = value.partition(":")
    try:
        if colon:
            if not (minutes.isdigit() and seconds.isdigit() and len(seconds) == 2):
                raise ValueError(value)
            if int(seconds) >= 60:
                raise ValueError(value)
            return int(minutes) * 60 + int(seconds)
        number = float(value.replace(",", "."))
    except ValueError:
        raise CommandFormatError(
            _("'{value}' is not a time limit: write minutes, as 3 or 2:30.").format(
                value=value[:20]
            )
        ) from None
    if not math.isfinite(number) or number < 0:
        raise CommandFormatError(
            _("'{value}' is not a time limit: write minutes, as 3 or 2:30.").format(
                value=value[:20]
            )
        )
    return round(number * 60)


def _first(values: Mapping[str, Sequence[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0] if found else None


def _without_none(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [o for o in typing.get_args(hint) if o is not type(None)]
        if len(options) == 1:
            return options[0]
    return hint


def _read(field: str, hint: Any, text: str) -> Any:
    if hint is int:
        try:
            return int(text)
        except ValueError:
            raise CommandFormatError(
                _("'{field}' must be a whole number, not '{value}'.").format(
                    field=field, value=text
                )
            ) from None
    if hint is float:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise CommandFormatError(
                _("'{field}' must be a number, not '{value}'.").format(field=field, value=text)
            ) from None
    return text
