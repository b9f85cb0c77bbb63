"""What a press acts on: "the next speaker", "the current speech", "the segment under way".

A Chair presses "Next speaker" on the page as it was; by the time the press
arrives, another Chair (or the same one, twice) may have moved the meeting on.
Such a command is carried out only if what it acts on is still what the page
showed: the subject of the command in the state the page was made from
equals its subject now. A command that names what it acts on (a request, an
intervention by its id) has no subject: it means the same in any state.
"""

from __future__ import annotations

from collections.abc import Hashable

from podium.meeting.commands import (
    Command,
    EndSegment,
    EndSpeech,
    ExtendSpeech,
    GiveFloor,
    PauseSpeech,
    ResumeSpeech,
    StartSegment,
    TagIntervention,
)
from podium.meeting.refusal import N_
from podium.meeting.state import MeetingState

FLOOR_CHANGED = N_("The list changed: nobody else was given the floor.")
SPEECH_CHANGED = N_("The speech changed meanwhile: nothing was done. Check and try again.")
SEGMENT_CHANGED = N_("The programme changed meanwhile: nothing was done. Check and try again.")


def has_subject(command: Command) -> bool:
    """Whether the command acts on something its sender saw rather than named."""
    match command:
        case GiveFloor() | PauseSpeech() | ResumeSpeech() | ExtendSpeech() | EndSpeech():
            return True
        case StartSegment() | EndSegment():
            return True
        case TagIntervention():
            return command.intervention_id is None
    return False


def subject(state: MeetingState, command: Command) -> Hashable:
    """What ``command`` would act on in ``state``; None for a command without a subject."""
    speech = state.speech
    speaking = speech.intervention_id if speech is not None else None
    match command:
        case GiveFloor():
            # Giving the floor ends the speech under way, so that speech is part of it;
            # "next" also means the request at the head of the list.
            named = command.request_id is not None or command.participant_id is not None
            if named or not state.queue:
                return ("floor", speaking, None)
            if state.ordering != "arrival":
                # Balanced, "next" depends on the whole list and the rule: both are part of it.
                return ("floor", speaking, state.ordering, tuple(r.id for r in state.queue))
            return ("floor", speaking, state.queue[0].id)
        case ExtendSpeech():
            # Two presses of "+1 min" are one minute: the extension so far is part of it.
            extended = speech.extended_seconds if speech is not None else None
            return ("speech", speaking, extended)
        case PauseSpeech() | ResumeSpeech():
            paused = speech.paused_at if speech is not None else None
            return ("speech", speaking, paused)
        case EndSpeech():
            return ("speech", speaking)
        case TagIntervention() if command.intervention_id is None:
            return ("speech", speaking)
        case StartSegment() | EndSegment():
            return ("segment", state.segment, len(state.segment_runs))
    return None


def changed_message(command: Command) -> str:
    """The sentence (untranslated) that says a stale press was not carried out."""
    match command:
        case GiveFloor():
            return FLOOR_CHANGED
        case StartSegment() | EndSegment():
            return SEGMENT_CHANGED
    return SPEECH_CHANGED
