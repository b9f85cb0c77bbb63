"""Which written statements a page lists, and what a statement may be attached to."""

from __future__ import annotations

from itertools import islice

from podium.i18n import _
from podium.meeting import statements
from podium.meeting.entries import Statement
from podium.meeting.privacy import STAFF_ROLES
from podium.meeting.state import MeetingState
from podium.meeting.words import Actor
from podium.web import view
from podium.web.history import PER_PAGE as RECENT


def targets(state: MeetingState, participant_id: str | None = None) -> list[tuple[str, str]]:
    """What a statement may be attached to, as (form value, label): the waiting requests and
    the latest interventions (``RECENT``), of ``participant_id`` only when given."""
    found: list[tuple[str, str]] = []
    for place, request in enumerate(state.queue, start=1):
        if participant_id is None or request.participant_id == participant_id:
            name = view.someone(state, request.participant_id).name
            label = _("{name}: request for the floor, place {place}").format(name=name, place=place)
            found.append((f"request:{request.id}", label))
    # Among the latest interventions only, as the record's first page: a page does not grow
    # with the meeting.
    for intervention in islice(reversed(state.interventions), RECENT):
        if participant_id is not None and intervention.participant_id != participant_id:
            continue
        name = view.someone(state, intervention.participant_id).name
        label = _("{name}: intervention {number}").format(name=name, number=intervention.id)
        found.append((f"intervention:{intervention.id}", label))
    return found


def listed(state: MeetingState, actor: Actor | None) -> list[tuple[Statement, str]]:
    """The statements ``actor`` may read (None: the public), each with whose it is."""
    if actor is not None and actor.role in STAFF_ROLES:
        shown = statements.current(state.statements)
    elif actor is not None and actor.role == "participant":
        shown = tuple(
            s
            for s in statements.current(state.statements)
            if s.participant_id == actor.participant_id
        )
    else:
        shown = tuple(s for s, _i in statements.public(state.statements, state.interventions))
    return [(s, _whose(state, s)) for s in shown]


def _whose(state: MeetingState, statement: Statement) -> str:
    person = view.someone(state, statement.participant_id, "hall")
    return f"{person.name} ({person.delegation})" if person.delegation else person.name
