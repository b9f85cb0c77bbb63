"""A meeting's folded state as bytes and back, for the snapshots kept beside its log.

A snapshot is only a cache of ``replay(events)``: whatever cannot be read back
exactly is refused with ``UnreadableState`` and the caller folds the log
instead. The bytes are a pickle of the state and its rate windows, read by an
unpickler that builds nothing but the classes the state is declared with
(found by walking its type hints), the standard library's dates and times,
and the containers below: a row of the log that someone altered can make a
wrong state at worst, never run code. ``LAYOUT`` names every class and field
read, so that a snapshot of another layout is known to be stale.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import io
import pickle
import sys
import types
import typing
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from podium.meeting.ledger import Ledger
from podium.meeting.rates import Rates
from podium.meeting.state import MeetingState

PROTOCOL = 5
CHUNK = 2000


class UnreadableState(ValueError):
    """The bytes are not a state this code wrote: corrupt, truncated, or of another layout."""


def _proxy(items: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    return types.MappingProxyType(items)


def _ledger(chunks: tuple[bytes, ...]) -> Ledger[Any]:
    items: list[Any] = []
    for chunk in chunks:
        items += _Unpickler(io.BytesIO(chunk)).load()
    return Ledger(items)


def _ledger_chunks(ledger: Ledger[Any]) -> tuple[Any, ...]:
    """A ledger (a meeting's every intervention) in pickles of CHUNK items each, so that a
    long one is written and read in short steps that leave the other threads their turn."""
    chunks = tuple(
        _dumps(list(ledger[start : start + CHUNK])) for start in range(0, len(ledger), CHUNK)
    )
    return (_ledger, (chunks,))


def _classes(root: type, found: dict[str, type]) -> None:
    """Every dataclass reachable from ``root``'s declared field types, by qualified name."""
    name = f"{root.__module__}.{root.__qualname__}"
    if name in found:
        return
    found[name] = root
    for hint in typing.get_type_hints(root).values():
        for leaf in _leaves(hint):
            if dataclasses.is_dataclass(leaf) and isinstance(leaf, type):
                _classes(leaf, found)


def _leaves(hint: Any) -> Iterator[Any]:
    yield hint
    for argument in typing.get_args(hint):
        yield from _leaves(argument)


def _layout(classes: dict[str, type]) -> str:
    lines = []
    for name in sorted(classes):
        hints = typing.get_type_hints(classes[name])
        fields = ",".join(f"{f.name}:{hints[f.name]}" for f in dataclasses.fields(classes[name]))
        lines.append(f"{name}({fields})")
    return "\n".join(lines)


_STATE_CLASSES: dict[str, type] = {}
_classes(MeetingState, _STATE_CLASSES)
_classes(Rates, _STATE_CLASSES)
LAYOUT = hashlib.sha256(_layout(_STATE_CLASSES).encode()).hexdigest()[:16]
"""A digest of every class and field a snapshot holds: another layout, another digest."""

_ALLOWED: dict[tuple[str, str], Any] = {
    (cls.__module__, cls.__qualname__): cls for cls in _STATE_CLASSES.values()
}
_ALLOWED.update(
    {
        (thing.__module__, thing.__qualname__): thing
        for thing in (_proxy, _ledger, datetime, date, time, timedelta, timezone)
    }
)
# The offset of an instant read from an event's JSON, by the module that reads events (not
# imported here: the core needs nothing but the standard library).
_READ_OFFSETS = ("pydantic_core._pydantic_core", "TzInfo")


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=PROTOCOL)
        # Read-only mappings and ledgers are written as what builds them again.
        self.dispatch_table = {
            types.MappingProxyType: lambda proxy: (_proxy, (dict(proxy),)),
            Ledger: _ledger_chunks,
        }


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        found = _ALLOWED.get((module, name))
        if found is None and (module, name) == _READ_OFFSETS:
            found = getattr(sys.modules.get(module), name, None)
        if found is None:
            raise UnreadableState(f"a snapshot may not hold {module}.{name}")
        return found


def _dumps(value: Any) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer).dump(value)
    return buffer.getvalue()


def dump(state: MeetingState, rates: Rates) -> bytes:
    """The state and its rate windows as bytes that ``load`` reads back equal."""
    return _dumps((state, rates))


def load(data: bytes) -> tuple[MeetingState, Rates]:
    """What ``dump`` wrote; ``UnreadableState`` for anything else."""
    collecting = gc.isenabled()
    # Every object read is new and none is garbage: the collector would only walk them.
    gc.disable()
    try:
        value = _Unpickler(io.BytesIO(data)).load()
    except UnreadableState:
        raise
    except Exception as error:  # a damaged pickle fails in many ways; all mean "not usable"
        raise UnreadableState(f"not a snapshot ({type(error).__name__}: {error})") from None
    finally:
        if collecting:
            gc.enable()
    match value:
        case (MeetingState() as state, Rates() as rates):
            return state, rates
    raise UnreadableState("a snapshot holds a state and its rate windows")
