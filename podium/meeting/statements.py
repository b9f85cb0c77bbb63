"""Written statements: the text a delegation brings beside what it says on the floor.

As UN delegations do with e-Statements, a participant attaches a file (PDF,
Word or plain text) to their request for the floor or to their intervention;
the Chair and the secretariat may attach one for anyone. The log keeps what
the statement is (its digest, name, type and size, for whom, and whether the
delegation publishes it); the store keeps its bytes beside the log, under the
digest. A later statement for the same request or intervention replaces the
earlier one. The public sees a statement only once it is published and
delivered: its intervention has begun.
"""

from __future__ import annotations

import string
from datetime import datetime

from podium.meeting.commands import AttachStatement
from podium.meeting.entries import Intervention, Statement
from podium.meeting.events import StatementAttached
from podium.meeting.refusal import N_, Refusal, refuse
from podium.meeting.state import MeetingState
from podium.meeting.words import Actor

MAX_BYTES = 5 * 1024 * 1024
MAX_FILENAME = 120
# What a statement may be, by its media type, and the name's ending each is saved under.
MEDIA_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
}
_DIGEST = frozenset(string.hexdigits.lower())


def attach(
    state: MeetingState, command: AttachStatement, by: Actor, now: datetime
) -> tuple[StatementAttached] | Refusal:
    """The event that records ``command``'s statement, or why it cannot be attached."""
    if (command.request_id is None) == (command.intervention_id is None):
        return refuse(N_("Attach a statement to one request for the floor or one intervention."))
    if command.media_type not in MEDIA_TYPES:
        return refuse(N_("A written statement must be a PDF, Word (.docx) or plain text file."))
    if not 0 < command.size <= MAX_BYTES:
        return refuse(
            N_("A written statement may be at most {megabytes} MB."),
            megabytes=MAX_BYTES // (1024 * 1024),
        )
    if len(command.digest) != 64 or not set(command.digest) <= _DIGEST:
        return refuse(N_("The statement's digest must be 64 hexadecimal digits."))
    owner = _owner(state, command)
    if isinstance(owner, Refusal):
        return owner
    if by.role == "participant" and owner != by.participant_id:
        return refuse(N_("You may attach a statement only to your own request or intervention."))
    return (
        StatementAttached(
            at=now,
            digest=command.digest,
            filename=clean_filename(command.filename, command.media_type),
            media_type=command.media_type,
            size=command.size,
            participant_id=owner,
            request_id=command.request_id,
            intervention_id=command.intervention_id,
            publish=command.publish,
        ),
    )


def _owner(state: MeetingState, command: AttachStatement) -> str | Refusal:
    if command.request_id is not None:
        request = state.request(command.request_id)
        if request is None:
            return refuse(
                N_("Request {number} is not waiting: attach the statement to its intervention."),
                number=command.request_id,
            )
        return request.participant_id
    assert command.intervention_id is not None
    intervention = state.intervention(command.intervention_id)
    if intervention is None:
        return refuse(N_("There is no intervention {number}."), number=command.intervention_id)
    return intervention.participant_id


def clean_filename(name: str, media_type: str) -> str:
    """A name safe to offer for saving: no folders, no control or quoting characters, short,
    ending as its type does."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c for c in base if c.isprintable() and c not in '"<>:|?*;').strip(" .")
    ending = MEDIA_TYPES.get(media_type, "")
    stem = kept[: -len(ending)] if ending and kept.lower().endswith(ending) else kept
    stem = stem[: MAX_FILENAME - len(ending)].strip(" .") or "statement"
    return stem + ending


def current(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """The statements in force: for each request or intervention, the latest attached."""
    latest: dict[tuple[str, int | None], Statement] = {}
    for statement in statements:
        if statement.request_id is not None:
            latest[("request", statement.request_id)] = statement
        else:
            latest[("intervention", statement.intervention_id)] = statement
    return tuple(sorted(latest.values(), key=lambda s: s.number))


def delivered_in(
    statement: Statement, interventions: tuple[Intervention, ...]
) -> Intervention | None:
    """The intervention that delivered ``statement``, once it has begun."""
    for intervention in interventions:
        if statement.intervention_id is not None and intervention.id == statement.intervention_id:
            return intervention
        if statement.request_id is not None and intervention.request_id == statement.request_id:
            return intervention
    return None


def public(
    statements: tuple[Statement, ...], interventions: tuple[Intervention, ...]
) -> tuple[tuple[Statement, Intervention], ...]:
    """What the public may see: published statements whose intervention has begun."""
    shown = []
    for statement in current(statements):
        if not statement.publish:
            continue
        intervention = delivered_in(statement, interventions)
        if intervention is not None:
            shown.append((statement, intervention))
    return tuple(shown)
