"""A refusal: why a command was not carried out, in a sentence for the Chair.

Reasons are English; ``Refusal.translate`` renders them in the reader's
language at the edge, from the template marked with ``N_`` for extraction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def N_(message: str) -> str:
    """Marks a message for translation; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Refusal:
    """Why a command was not carried out, in a sentence for the Chair."""

    reason: str
    template: str = field(default="", compare=False)
    values: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    forbidden: bool = field(default=False, compare=False)
    """True when the sender's role may never do this (not when the meeting's state forbids it)."""
    item: int | None = field(default=None, compare=False)
    """In a batch, the 0-based place of the item refused, so that the edge can name its line."""
    field: str | None = field(default=None, compare=False)
    """The field of the command (or of the item) that is wrong, when it is one field."""

    def translate(self, gettext: Callable[[str], str]) -> str:
        """The reason in the language of ``gettext`` (e.g. ``podium.i18n._``)."""
        try:
            return gettext(self.template or self.reason).format(**dict(self.values))
        except (KeyError, IndexError, ValueError):
            return self.reason


def refuse(template: str, **values: Any) -> Refusal:
    """The command cannot be carried out now, for the reason ``template`` gives."""
    text = {key: str(value) for key, value in values.items()}
    return Refusal(template.format(**text), template, tuple(text.items()))


def forbid(template: str) -> Refusal:
    """The sender's role may not send this command at all."""
    return Refusal(template, template, forbidden=True)
