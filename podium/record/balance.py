"""The floor's balance counted by the reference data: a participant's region and
development group from their country (with the LDC list in force on the meeting's day),
as the record counts them; ``podium.meeting.balance`` does the counting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from podium.meeting.balance import Grouping
from podium.meeting.state import MeetingState, Participant
from podium.meeting.words import Dimension
from podium.record.groups import (
    CHANNEL_KEYS,
    DEVELOPMENT_KEYS,
    GENDER_KEYS,
    REGION_KEYS,
    STAKEHOLDER_KEYS,
)
from podium.record.interventions import Speaker, meeting_day, speaker_from

_KNOWN: dict[str, tuple[str, ...]] = {
    "region": REGION_KEYS,
    "development_group": DEVELOPMENT_KEYS,
    "stakeholder_group": STAKEHOLDER_KEYS,
    "gender": GENDER_KEYS,
    "channel": CHANNEL_KEYS,
}


@lru_cache(maxsize=50_000)
def _speaker(participant: Participant, on: date | None) -> Speaker:
    return speaker_from(participant, on)


class ReferenceGrouping:
    """Groups as the record has them (``record.interventions.speaker_from``)."""

    def __init__(self, on: date | None) -> None:
        self.on = on

    def group(self, participant: Participant, dimension: Dimension) -> str:
        if dimension == "channel":
            return participant.channel
        return _speaker(participant, self.on).group(dimension)

    def known(self, dimension: Dimension) -> Sequence[str]:
        return _KNOWN.get(dimension, ())


def grouping(state: MeetingState) -> Grouping:
    """How the meeting's participants are counted: by the LDC list of its own day."""
    return ReferenceGrouping(meeting_day(state))
