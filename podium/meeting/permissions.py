"""Who may send which command: one table, read by ``decide`` and by the pages.

The Chair may do everything. The secretariat keeps the meeting and its list
of speakers (opening, registering, segments, the timer, moving, removing and
restoring requests, closing and reopening the list, tags, amendments) but
never gives the floor, takes it back or calls the panel to respond: that is
the Chair's. A participant asks for the floor for themself and withdraws
their own request. The big screen and the public only watch.
"""

from __future__ import annotations

from podium.meeting.commands import (
    AMENDMENTS,
    AttachStatement,
    CloseList,
    CloseMeeting,
    CloseResponseRound,
    Command,
    EndSegment,
    EndSpeech,
    ExtendSpeech,
    GiveFloor,
    MoveRequest,
    OpenMeeting,
    OpenResponseRound,
    PauseSpeech,
    RegisterParticipants,
    RemoveRequest,
    ReopenList,
    RequestFloor,
    ResumeSpeech,
    SetBudget,
    SetEmbedding,
    SetOrdering,
    StartSegment,
    TagIntervention,
    UndoGiveFloor,
    UndoRemoveRequest,
    WithdrawRequest,
)
from podium.meeting.refusal import N_
from podium.meeting.words import ActorRole

CHAIR: frozenset[ActorRole] = frozenset({"chair"})
STAFF: frozenset[ActorRole] = frozenset({"chair", "secretariat"})
EVERYONE_IN_THE_ROOM: frozenset[ActorRole] = frozenset({"chair", "secretariat", "participant"})

# Command: (the roles that may send it, what to tell anyone else).
PERMISSIONS: dict[type[Command], tuple[frozenset[ActorRole], str]] = {
    OpenMeeting: (STAFF, N_("Only the Chair or the secretariat may open the meeting.")),
    RegisterParticipants: (
        STAFF,
        N_("Only the Chair or the secretariat may register participants."),
    ),
    StartSegment: (STAFF, N_("Only the Chair or the secretariat may start a segment.")),
    EndSegment: (STAFF, N_("Only the Chair or the secretariat may end a segment.")),
    RequestFloor: (EVERYONE_IN_THE_ROOM, N_("Only a participant may ask for the floor.")),
    WithdrawRequest: (EVERYONE_IN_THE_ROOM, N_("Only a participant may withdraw a request.")),
    GiveFloor: (CHAIR, N_("Only the Chair may give the floor.")),
    UndoGiveFloor: (CHAIR, N_("Only the Chair may take back the floor.")),
    PauseSpeech: (STAFF, N_("Only the Chair or the secretariat may pause a speech.")),
    ResumeSpeech: (STAFF, N_("Only the Chair or the secretariat may resume a speech.")),
    ExtendSpeech: (STAFF, N_("Only the Chair or the secretariat may give more time.")),
    EndSpeech: (STAFF, N_("Only the Chair or the secretariat may end a speech.")),
    MoveRequest: (
        STAFF,
        N_("Only the Chair or the secretariat may reorder the list of speakers."),
    ),
    RemoveRequest: (STAFF, N_("Only the Chair or the secretariat may remove a request.")),
    UndoRemoveRequest: (STAFF, N_("Only the Chair or the secretariat may restore a request.")),
    CloseList: (STAFF, N_("Only the Chair or the secretariat may close the list of speakers.")),
    ReopenList: (STAFF, N_("Only the Chair or the secretariat may reopen the list of speakers.")),
    AttachStatement: (
        EVERYONE_IN_THE_ROOM,
        N_("Only a participant, the Chair or the secretariat may attach a written statement."),
    ),
    SetEmbedding: (
        STAFF,
        N_("Only the Chair or the secretariat may choose which sites may embed the big screen."),
    ),
    TagIntervention: (STAFF, N_("Only the Chair or the secretariat may tag an intervention.")),
    OpenResponseRound: (CHAIR, N_("Only the Chair may call the panel to respond.")),
    CloseResponseRound: (CHAIR, N_("Only the Chair may end the panel's responses.")),
    SetOrdering: (CHAIR, N_("Only the Chair may choose how the floor is ordered.")),
    SetBudget: (CHAIR, N_("Only the Chair may set a group's time budget.")),
    CloseMeeting: (STAFF, N_("Only the Chair or the secretariat may close the meeting.")),
    **{
        kind: (STAFF, N_("Only the Chair or the secretariat may amend the programme."))
        for kind in AMENDMENTS
    },
}


def may(role: str, command: type[Command]) -> bool:
    """Whether ``role`` may ever send a command of this type (the pages show only those)."""
    allowed = PERMISSIONS.get(command)
    return allowed is not None and role in allowed[0]
