"""An append-only sequence that states share, so that replaying a long log stays linear.

A meeting's interventions only grow. Copying a tuple on every append would make
a replay quadratic; a ``Ledger`` instead shares one list with the ledgers it was
grown from, each seeing only its own first ``len`` items. Appending to a ledger
that is not the newest (an older state evolved a second way) copies first, so
every ledger still behaves as an immutable value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar, overload

T = TypeVar("T")


class Ledger(Sequence[T], Generic[T]):
    __slots__ = ("_items", "_size")

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items: list[T] = list(items)
        self._size = len(self._items)

    @classmethod
    def _sharing(cls, items: list[T], size: int) -> Ledger[T]:
        ledger: Ledger[T] = cls.__new__(cls)
        ledger._items = items
        ledger._size = size
        return ledger

    def append(self, item: T) -> Ledger[T]:
        """A new ledger with ``item`` at the end; this one is unchanged."""
        if len(self._items) == self._size:
            self._items.append(item)
            return Ledger._sharing(self._items, self._size + 1)
        items = self._items[: self._size]
        items.append(item)
        return Ledger._sharing(items, self._size + 1)

    def replace(self, index: int, item: T) -> Ledger[T]:
        """A new ledger with the item at ``index`` replaced (a copy: rare, so kept simple)."""
        items = self._items[: self._size]
        items[index] = item
        return Ledger._sharing(items, self._size)

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return tuple(self._items[: self._size][index])
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("ledger index out of range")
        return self._items[index]

    def __iter__(self) -> Iterator[T]:
        items = self._items
        for i in range(self._size):
            yield items[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ledger):
            return NotImplemented
        return self._size == other._size and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Ledger({list(self)!r})"
