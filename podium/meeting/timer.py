"""The countdown of a speech, from timestamps: nothing ticks.

A speech holds when it started, its limit, its extensions and its pauses;
everything here is a pure function of that and the instant asked about, so
that the server, the big screen and every phone count the same way.

The lights: ``green`` while speaking; ``amber`` from the warning point;
``red`` at the limit and beyond; ``none`` when the speech has no limit. The
warning point is the low end of the segment's range (``5-7 minutes`` warns at
5) or, without a range, 30 seconds before the limit (half the limit when the
limit is under a minute, so that a short limit still starts green).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from podium.meeting.words import Light

if TYPE_CHECKING:
    from podium.meeting.state import Speech

WARNING_BEFORE_LIMIT = 30.0


def elapsed(speech: Speech, now: datetime) -> float:
    """Seconds spoken so far, pauses excluded; never negative."""
    until = speech.paused_at if speech.paused_at is not None and speech.paused_at < now else now
    seconds = (until - speech.started_at).total_seconds() - speech.paused_seconds
    return max(0.0, seconds)


def allowed(speech: Speech) -> int | None:
    """The limit with its extensions, in seconds; None when the speech has no limit."""
    if speech.limit_seconds is None:
        return None
    return speech.limit_seconds + speech.extended_seconds


def remaining(speech: Speech, now: datetime) -> float | None:
    """Seconds left before the limit: negative past it, None without a limit."""
    limit = allowed(speech)
    if limit is None:
        return None
    return limit - elapsed(speech, now)


def overrun(speech: Speech, spoken: float) -> float:
    """Seconds spoken past the limit in force at each moment; 0 within it or without a limit.

    An extension given after the limit was passed keeps the overrun until then
    (-0:03, then +1 min: 3 seconds over) and counts again from its new limit.
    """
    limit = allowed(speech)
    if limit is None:
        return 0.0
    return speech.overrun_carried + max(0.0, spoken - max(limit, speech.overrun_mark))


def overrun_until_now(speech: Speech, now: datetime) -> float:
    """The overrun not yet carried: what an extension given at ``now`` keeps."""
    return overrun(speech, elapsed(speech, now)) - speech.overrun_carried


def warn_point(speech: Speech) -> float | None:
    """Seconds into the speech at which the light turns amber; None without a limit."""
    limit = allowed(speech)
    if limit is None:
        return None
    if speech.warn_seconds is not None and speech.warn_seconds < limit:
        return float(speech.warn_seconds)
    return max(limit - WARNING_BEFORE_LIMIT, limit / 2)


def light(speech: Speech, now: datetime) -> Light:
    limit = allowed(speech)
    warn = warn_point(speech)
    if limit is None or warn is None:
        return "none"
    spoken = elapsed(speech, now)
    if spoken >= limit:
        return "red"
    if spoken >= warn:
        return "amber"
    return "green"
