"""Groups' time budgets: how much of the floor a region, a development group, a stakeholder
group or the online channel may have in the meeting, and how much it has used.

A budget is optional, set and amended by the Chair (``SetBudget``, a ``BudgetSet`` in the
log) and counted as balance counts the floor (``balance``): statements and questions from
the floor, the speech under way up to ``now``. A budget may run out: the console and the
timer then show the time over, and the record reports budget against use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from podium.meeting.balance import Grouping, group_of, table
from podium.meeting.commands import SetBudget
from podium.meeting.entries import Budget, from_the_floor
from podium.meeting.events import BudgetSet, Event
from podium.meeting.refusal import N_, Refusal, refuse
from podium.meeting.state import MeetingState
from podium.meeting.words import BUDGET_DIMENSIONS, ActorRole

MAX_BUDGET = 24 * 3600


@dataclass(frozen=True)
class BudgetUse:
    """A budget and the floor's time its group has used so far."""

    budget: Budget
    used: float

    @property
    def left(self) -> float:
        """Seconds left: negative once the budget is overrun."""
        return self.budget.seconds - self.used


def uses(state: MeetingState, grouping: Grouping, now: datetime) -> tuple[BudgetUse, ...]:
    """Each budget in the order set, with its use at ``now``."""
    tables = {}
    used = []
    for budget in state.budgets:
        if budget.dimension not in tables:
            tables[budget.dimension] = table(state, grouping, budget.dimension, now)
        used.append(BudgetUse(budget, tables[budget.dimension].row(budget.group).seconds))
    return tuple(used)


def speaker_budgets(
    state: MeetingState, grouping: Grouping, now: datetime
) -> tuple[BudgetUse, ...]:
    """The budgets of the speaker under way, if they speak from the floor: what their
    groups have left, the speech under way counted up to ``now``."""
    speech = state.speech
    if speech is None or speech.request is None or not from_the_floor(speech.request):
        return ()
    mine = []
    for use in uses(state, grouping, now):
        dimension = use.budget.dimension
        channel = speech.request.channel
        if group_of(state, grouping, speech.participant_id, dimension, channel) == use.budget.group:
            mine.append(use)
    return tuple(mine)


def set_budget(
    state: MeetingState, command: SetBudget, by: ActorRole, now: datetime, grouping: Grouping
) -> tuple[Event, ...] | Refusal:
    dimension = command.dimension
    if dimension not in BUDGET_DIMENSIONS:
        return refuse(
            N_("'{dimension}' cannot have a budget; the groups are counted by {dimensions}."),
            dimension=dimension,
            dimensions=", ".join(BUDGET_DIMENSIONS),
        )
    known = set(grouping.known(dimension))
    known |= {grouping.group(p, dimension) for p in state.participants.values()}
    if command.group not in known:
        return refuse(
            N_("'{group}' is not a group of {dimension}; the groups are {groups}."),
            group=command.group,
            dimension=dimension,
            groups=", ".join(sorted(known)),
        )
    seconds = command.budget_seconds
    held = any((b.dimension, b.group) == (dimension, command.group) for b in state.budgets)
    if seconds is None and not held:
        return refuse(N_("This group has no budget to remove."))
    if seconds is not None and not 0 < seconds <= MAX_BUDGET:
        return refuse(N_("A budget must be between 1 second and 24 hours."))
    return (BudgetSet(at=now, by=by, dimension=dimension, group=command.group, seconds=seconds),)
