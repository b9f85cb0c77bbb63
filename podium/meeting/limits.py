"""How long each speech of a segment may last: the one rule the programme, timer and record share.

A segment's minutes are read one way everywhere:

- "maximum 15 minutes each" (``per_speaker``) limits each speech to 15;
- "a panel with three panelists (30 minutes)" is 30 minutes for the segment,
  shared: each of its three speeches gets 10;
- a segment that is one person speaking (the secretariat's introduction, a
  keynote, the Chair's remarks) gives that speech all the segment's minutes;
- the floor (the participants' segment) limits a speech only when the note
  gives minutes per speaker, and a class of speaker may have its own limit
  ("3 minutes for States, 2 for observers");
- a range ("5-7 minutes") limits at its high end and warns at its low end.

The programme works out each segment's minutes (defaults included) and
speakers; ``speech_minutes`` divides, ``speech_limit`` turns it into the
seconds the timer counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from podium.meeting.plan import Segment
from podium.meeting.words import FloorClass

# Speakers of these segments each get a share of the minutes, or the stated minutes each.
PRESENTER_ROLES: frozenset[str] = frozenset({"panelist", "discussant"})
# A segment of these roles is one person speaking unless the note says how many.
SINGLE_SPEAKER_ROLES: frozenset[str] = frozenset(
    {"secretariat", "keynote", "chair", "co-chair", "moderator"}
)
# The floor: its segment takes what the slot leaves.
FLOOR_ROLE = "participant"


@dataclass(frozen=True)
class SpeechLimit:
    """A speech's limit and the point its light turns amber, in seconds (None: no limit)."""

    seconds: int | None = None
    warn_seconds: int | None = None


NO_LIMIT = SpeechLimit()


def speech_minutes(segment: Segment, minutes_total: float, speakers: int | None) -> float | None:
    """The minutes of each speech in ``segment``, planned at ``minutes_total`` for ``speakers``."""
    if segment.per_speaker:
        return segment.minutes_max
    if segment.role == FLOOR_ROLE:
        return None
    if speakers is None and segment.role in SINGLE_SPEAKER_ROLES:
        speakers = 1
    if not speakers or minutes_total <= 0:
        return None
    return minutes_total / speakers


def speech_limit(
    minutes_each: float | None,
    warn_minutes: float | None,
    segment: Segment | None = None,
    floor_class: FloorClass | None = None,
) -> SpeechLimit:
    """The limit of one speech: its class's own limit if the segment has one, else the minutes each.

    ``minutes_each`` and ``warn_minutes`` are the programme's for the segment.
    """
    if segment is not None and floor_class is not None:
        for rule in segment.class_limits:
            if rule.floor_class == floor_class and rule.minutes_max > 0:
                return SpeechLimit(round(rule.minutes_max * 60))
    if minutes_each is None or minutes_each <= 0:
        return NO_LIMIT
    limit = round(minutes_each * 60)
    warn = None
    if warn_minutes is not None and 0 < warn_minutes < minutes_each:
        warn = round(warn_minutes * 60)
    return SpeechLimit(limit, warn)
