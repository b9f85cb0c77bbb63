"""What each role may see of a meeting: the one place that says which data is private.

The hall sees who speaks, for which delegation and country, who waits in the
list and from where (the room or online), and which guiding question a
speech answered. A participant's gender, stakeholder group and organisation,
and the notes the Chair and the secretariat keep on interventions, are for
them alone. The public page, the big screen and a participant's phone get
what the hall sees (a participant also sees its own registration, on its page).

The live state (``snapshot``), the feed's events and the pages' people all
pass through here on their way out.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from podium.meeting.state import Participant
from podium.meeting.words import ActorRole

Audience = Literal["staff", "hall"]

# Who may see everything: those who run the meeting.
STAFF_ROLES: frozenset[str] = frozenset({"chair", "secretariat"})
# A participant's fields that only the staff see.
PRIVATE_FIELDS: tuple[str, ...] = ("organisation", "stakeholder", "gender")
# Fields of interventions and speeches that only the staff see.
PRIVATE_NOTES: tuple[str, ...] = ("note",)
# Events that carry private data, and which of their fields.
_PRIVATE_IN_EVENTS: dict[str, tuple[str, ...]] = {
    # The hash of a participant's link is the log's, not the hall's.
    "participant_added": (*PRIVATE_FIELDS, "token_hash"),
    "intervention_tagged": PRIVATE_NOTES,
    # A written statement's name and digest: the hall reads a statement only once it is
    # published and delivered, on the public page (``podium.meeting.statements.public``).
    "statement_attached": ("filename", "digest"),
}


def audience(role: ActorRole | str | None) -> Audience:
    """``staff`` for the Chair and the secretariat; ``hall`` for everyone else."""
    return "staff" if role in STAFF_ROLES else "hall"


def visible_participant(participant: Participant, viewer: Audience) -> Participant:
    """The participant as ``viewer`` may see them: private fields emptied for the hall."""
    if viewer == "staff":
        return participant
    # No stakeholder group at all for the hall, rather than a wrong one.
    hidden: Any = ""
    return dataclasses.replace(participant, organisation=None, stakeholder=hidden, gender=None)


def visible_note(note: str, viewer: Audience) -> str:
    return note if viewer == "staff" else ""


def visible_snapshot(data: dict[str, Any], viewer: Audience) -> dict[str, Any]:
    """A ``snapshot`` (as JSON data) without what ``viewer`` may not see."""
    if viewer == "staff":
        return data
    shown = dict(data)
    shown["participants"] = [_without(p, PRIVATE_FIELDS) for p in data.get("participants", ())]
    if isinstance(data.get("speech"), dict):
        shown["speech"] = visible_intervention(data["speech"], viewer)
    return shown


def visible_intervention(data: dict[str, Any], viewer: Audience) -> dict[str, Any]:
    """An intervention or a speech (as JSON data) without the notes ``viewer`` may not see."""
    return data if viewer == "staff" else _without(data, PRIVATE_NOTES)


def visible_event(data: dict[str, Any], viewer: Audience) -> dict[str, Any]:
    """An event (as JSON data) without the fields ``viewer`` may not see."""
    private = _PRIVATE_IN_EVENTS.get(str(data.get("type")), ())
    if viewer == "staff" or not private:
        return data
    return _without(data, private)


def private_fields(event_type: str) -> tuple[str, ...]:
    """The fields of events of this type that the hall's copy leaves out."""
    return _PRIVATE_IN_EVENTS.get(event_type, ())


def has_private_fields(event_type: str) -> bool:
    """Whether the hall gets a shortened copy of events of this type."""
    return event_type in _PRIVATE_IN_EVENTS


def _without(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in fields}
