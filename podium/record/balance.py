"""The floor's balance counted by the reference data: a participant's region and
development group from their country (with the LDC list in force on the meeting's day),
as the record counts them; ``podium.meeting.balance`` does the counting."""

from __future__ import annotations

from podium.meeting.balance import Grouping
from podium.meeting.state import MeetingState
from podium.record.interventions import SpeakerGrouping, meeting_day


def grouping(state: MeetingState) -> Grouping:
    """How the meeting's participants are counted: by the LDC list of its own day."""
    return SpeakerGrouping(meeting_day(state))
