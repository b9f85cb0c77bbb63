"""The vocabulary shared by commands, events and state: who acts, what they ask for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

ActorRole = Literal["chair", "secretariat", "participant", "display", "public"]
ACTOR_ROLES: tuple[str, ...] = get_args(ActorRole)

RequestKind = Literal["statement", "point-of-order", "right-of-reply", "question", "response"]
REQUEST_KINDS: tuple[str, ...] = get_args(RequestKind)

Stakeholder = Literal[
    "government",
    "un-entity",
    "intergovernmental",
    "business",
    "academia",
    "civil-society",
    "other",
]
STAKEHOLDERS: tuple[str, ...] = get_args(Stakeholder)

Channel = Literal["room", "online"]
CHANNELS: tuple[str, ...] = get_args(Channel)

Gender = Literal["female", "male", "other"]
GENDERS: tuple[str, ...] = get_args(Gender)

# Classes of the floor, heard in the meeting's order (a setting): member States
# first, then observer States, UN entities and intergovernmental bodies, then
# the other stakeholders.
FloorClass = Literal["member-state", "observer", "stakeholder"]
FLOOR_CLASSES: tuple[FloorClass, ...] = get_args(FloorClass)
DEFAULT_CLASS_ORDER: tuple[FloorClass, ...] = ("member-state", "observer", "stakeholder")

# Level of representation, highest first: where the meeting gives it precedence, a Head of
# State or Government speaks before a minister, a minister before a vice-minister, and so on
# (the General Assembly's practice in its general debate and high-level meetings).
Level = Literal["head-of-state-or-government", "minister", "vice-minister", "ambassador", "other"]
LEVELS: tuple[Level, ...] = get_args(Level)

Light = Literal["none", "green", "amber", "red"]

# The groups the floor's balance is counted by (``balance``): a participant's region and
# development group (from their country), stakeholder group and gender, and the channel a
# request came by.
Dimension = Literal["region", "development_group", "stakeholder_group", "gender", "channel"]
DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)

# How the list hears the floor within a class (``ordering``): first come, first served, or
# balanced by region, by development group, or alternating gender.
Ordering = Literal["arrival", "region", "development_group", "gender"]
ORDERINGS: tuple[Ordering, ...] = get_args(Ordering)

# The groups a time budget may be set for (``budgets``).
BudgetDimension = Literal["region", "development_group", "stakeholder_group", "channel"]
BUDGET_DIMENSIONS: tuple[BudgetDimension, ...] = get_args(BudgetDimension)


@dataclass(frozen=True)
class Actor:
    """Who sends a command: a role, and for a participant which one."""

    role: ActorRole
    participant_id: str | None = None


CHAIR = Actor("chair")
SECRETARIAT = Actor("secretariat")
