"""The order of the list of speakers: where a new request for the floor goes.

The rules, in the order the room hears them:

1. a point of order, at once, before anyone else (first come, first served
   among points of order);
2. programme speakers (panelists, discussants) queued by the start of their
   segment, in programme order;
3. the floor: statements on behalf of a group of States first, then by class
   in the meeting's ``class_order`` (by default member States, then observers
   and UN entities, then other stakeholders), and within a class by level of
   representation when the meeting gives it precedence (a Head of State or
   Government, then a minister, a vice-minister, an ambassador, others);
   first come, first served among equals; questions are heard as statements
   are, and the panel's responses in a response round as programme speakers;
4. rights of reply, after every statement, first come, first served.

The Chair may move any request anywhere. A request that arrives afterwards is
placed right behind the last request that the rules hear before it or with it,
so that it never overtakes anyone the Chair has placed ahead of it nor anyone
who came first; with nobody such, it goes to the front.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from podium.meeting.words import DEFAULT_CLASS_ORDER, LEVELS, FloorClass

if TYPE_CHECKING:
    from podium.meeting.state import Participant, Request

POINT_OF_ORDER = 0
PROGRAMME = 1
FLOOR = 2
RIGHT_OF_REPLY = 3


def rank(
    request: Request,
    participants: Mapping[str, Participant],
    class_order: Sequence[FloorClass] = DEFAULT_CLASS_ORDER,
    level_precedence: bool = False,
) -> tuple[int, int, int, int]:
    """The request's place under the rules: smaller is heard earlier, equal is by arrival."""
    if request.kind == "point-of-order":
        return (POINT_OF_ORDER, 0, 0, 0)
    if request.programme:
        return (PROGRAMME, 0, 0, 0)
    if request.kind == "right-of-reply":
        return (RIGHT_OF_REPLY, 0, 0, 0)
    # A statement on behalf of a group is heard before anyone speaking for themself.
    group = 0 if request.group is not None else 1
    participant = participants.get(request.participant_id)
    floor_class: FloorClass = participant.floor_class if participant else "stakeholder"
    order = tuple(class_order)
    # A class missing from a custom order is heard after the listed ones.
    heard = order.index(floor_class) if floor_class in order else len(order)
    level = len(LEVELS)
    if level_precedence and participant is not None and participant.level in LEVELS:
        level = LEVELS.index(participant.level)
    return (FLOOR, group, heard, level)


def insert_position(
    queue: Sequence[Request],
    request: Request,
    participants: Mapping[str, Participant],
    class_order: Sequence[FloorClass] = DEFAULT_CLASS_ORDER,
    level_precedence: bool = False,
) -> int:
    """Where ``request`` goes in ``queue``: right behind the last one heard before or with it."""
    mine = rank(request, participants, class_order, level_precedence)
    for index in range(len(queue) - 1, -1, -1):
        if rank(queue[index], participants, class_order, level_precedence) <= mine:
            return index + 1
    return 0
