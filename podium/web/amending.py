"""What the secretariat page's amendment forms need to know of the meeting."""

from __future__ import annotations

from dataclasses import dataclass

from podium.meeting.plan import ROLES
from podium.meeting.state import MeetingState
from podium.record.amendments import rule


@dataclass(frozen=True)
class AmendingView:
    started: frozenset[int]  # segments that have started: no longer amended
    tagged: frozenset[int]  # guiding questions (numbers) used in tags: reworded only
    rules: tuple[str, ...]  # each segment's time rule in words
    limits: tuple[dict[str, float], ...]  # each segment's limits by class of speaker
    roles: tuple[str, ...] = ROLES


def amending_view(state: MeetingState) -> AmendingView:
    segments = state.plan.segments if state.plan else ()
    return AmendingView(
        started=frozenset(i for i in range(len(segments)) if state.segment_run(i) is not None),
        tagged=frozenset(n for i in state.interventions for n in i.questions),
        rules=tuple(rule(s) for s in segments),
        limits=tuple({c.floor_class: c.minutes_max for c in s.class_limits} for s in segments),
    )
