"""The pure core of a meeting: plan, vocabulary, rules (``decide``) and state (``evolve``)."""

from __future__ import annotations

from podium.meeting.decide import create_meeting, decide
from podium.meeting.refusal import Refusal
from podium.meeting.snapshot import snapshot
from podium.meeting.speakers import insert_position
from podium.meeting.state import (
    Intervention,
    MeetingState,
    Participant,
    Request,
    SegmentRun,
    Speech,
    evolve,
    initial_state,
    replay,
)
from podium.meeting.timer import elapsed, light, remaining, warn_point

__all__ = [
    "Intervention",
    "MeetingState",
    "Participant",
    "Refusal",
    "Request",
    "SegmentRun",
    "Speech",
    "create_meeting",
    "decide",
    "elapsed",
    "evolve",
    "initial_state",
    "insert_position",
    "light",
    "remaining",
    "replay",
    "snapshot",
    "warn_point",
]
