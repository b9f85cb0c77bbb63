"""Placing new requests in the list of speakers, once, when they are decided.

The place a request takes is written into its ``FloorRequested``: the fold
then only follows it, so that a meeting replays to the same list whatever the
ordering rules (``speakers``) become later.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from podium.meeting import speakers
from podium.meeting.events import FloorRequested
from podium.meeting.state import MeetingState, Participant, request_of


def placed(
    state: MeetingState,
    requests: Iterable[FloorRequested],
    participants: Mapping[str, Participant] | None = None,
) -> tuple[FloorRequested, ...]:
    """``requests``, in the order given, each with the position the rules give it then."""
    who = state.participants if participants is None else participants
    queue = state.queue
    done = []
    for event in requests:
        request = request_of(event)
        at = speakers.insert_position(
            queue, request, who, state.class_order, state.level_precedence
        )
        queue = (*queue[:at], request, *queue[at:])
        done.append(dataclasses.replace(event, position=at))
    return tuple(done)
