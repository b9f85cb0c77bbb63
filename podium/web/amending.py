"""What the secretariat page's amendment forms need to know of the meeting."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from podium.meeting.ledger import Ledger
from podium.meeting.plan import ROLES
from podium.meeting.state import Intervention, MeetingState
from podium.record.amendments import rule


@dataclass(frozen=True)
class AmendingView:
    started: frozenset[int]  # segments that have started: no longer amended
    tagged: frozenset[int]  # guiding questions (numbers) used in tags: reworded only
    rules: tuple[str, ...]  # each segment's time rule in words
    limits: tuple[dict[str, float], ...]  # each segment's limits by class of speaker
    roles: tuple[str, ...] = ROLES


# The questions used in tags, by the record they were read from: most events leave the record
# as it was, so a page reads a long record again only after an intervention ends or is tagged.
_TAGGED: OrderedDict[int, tuple[Ledger[Intervention], frozenset[int]]] = OrderedDict()
_TAGGED_KEPT = 64


def _tagged(history: Ledger[Intervention]) -> frozenset[int]:
    found = _TAGGED.get(id(history))
    if found is not None and found[0] is history:
        return found[1]
    tagged = frozenset(n for i in history for n in i.questions)
    _TAGGED[id(history)] = (history, tagged)
    while len(_TAGGED) > _TAGGED_KEPT:
        _TAGGED.popitem(last=False)
    return tagged


def amending_view(state: MeetingState) -> AmendingView:
    segments = state.plan.segments if state.plan else ()
    speech = state.speech.questions if state.speech else ()
    return AmendingView(
        started=frozenset(i for i in range(len(segments)) if state.segment_run(i) is not None),
        tagged=_tagged(state.history) | frozenset(speech),
        rules=tuple(rule(s) for s in segments),
        limits=tuple({c.floor_class: c.minutes_max for c in s.class_limits} for s in segments),
    )
