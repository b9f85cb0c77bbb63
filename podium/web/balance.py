"""The balance panel of the Chair's console and the secretariat's page, as its template needs it.

The figures are the core's (``podium.meeting.balance``, ``ordering``, ``budgets``), counted
with the reference data's groups (``podium.record.balance``) and named as the record names
them (``podium.record.groups.label``); this module only words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from podium.i18n import _, ngettext
from podium.meeting import budgets, ordering, timer
from podium.meeting.balance import Table, balance
from podium.meeting.state import MeetingState
from podium.meeting.words import BUDGET_DIMENSIONS, ORDERINGS, Dimension
from podium.record.balance import grouping
from podium.record.groups import dimension_title, label
from podium.web.templating import clock
from podium.web.view import someone


@dataclass(frozen=True)
class Bar:
    """One group's row: its time and turns, and its shares (0 to 100) for the bar."""

    group: str
    label: str
    turns: int
    seconds: float
    time: float
    asked: float
    registered: float
    budget_left: float | None


@dataclass(frozen=True)
class Dimensions:
    dimension: str
    title: str
    bars: tuple[Bar, ...]
    seconds: float


@dataclass(frozen=True)
class Unheard:
    title: str
    label: str
    waited: float


@dataclass(frozen=True)
class BudgetLine:
    dimension: str
    group: str
    title: str
    label: str
    seconds: int
    used: float
    left: float


@dataclass(frozen=True)
class SpeakerBudget:
    """A budget the speaker under way draws on: ``limit`` counts down with their timer."""

    label: str
    limit: float


@dataclass(frozen=True)
class BalanceView:
    ordering: str
    rule: str
    next_name: str | None
    why: Markup | None
    orderings: tuple[tuple[str, str], ...]
    dimensions: tuple[Dimensions, ...]
    unheard: tuple[Unheard, ...]
    budgets: tuple[BudgetLine, ...]
    speaker_budgets: tuple[SpeakerBudget, ...]
    budget_choices: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]


def ordering_name(key: str) -> str:
    names = {
        "arrival": _("first come, first served"),
        "region": _("balanced by region"),
        "development_group": _("balanced by development group"),
        "gender": _("alternating gender"),
    }
    return names.get(key, key)


def _percent(share: float) -> float:
    return round(100 * share, 1)


def _bars(table: Table, left: dict[tuple[str, str], float]) -> Dimensions:
    bars = tuple(
        Bar(
            group=row.group,
            label=label(table.dimension, row.group),
            turns=row.turns,
            seconds=row.seconds,
            time=_percent(table.time_share(row)),
            asked=_percent(table.asked_share(row)),
            registered=_percent(table.registered_share(row)),
            budget_left=left.get((table.dimension, row.group)),
        )
        for row in table.rows
        # Compact: the groups someone of the floor belongs to, asked from or spoke in.
        if row.registered or row.requests or row.turns
    )
    return Dimensions(table.dimension, dimension_title(table.dimension), bars, table.seconds)


def _why(state: MeetingState, choice: ordering.Choice | None) -> tuple[str | None, Markup | None]:
    if choice is None:
        return None, None
    name = someone(state, choice.request.participant_id).name
    rule = ordering_name(choice.ordering)
    if choice.why == "rules":
        text = Markup(_("{name} is next by the rules of the floor.")).format(name=name)
    elif choice.why == "waited":
        text = Markup(
            ngettext(
                "{name} has been overtaken {count} time: heard now.",
                "{name} has been overtaken {count} times: heard now.",
                choice.overtaken,
            )
        ).format(name=name, count=choice.overtaken)
    elif choice.why == "balance":
        group = label(choice.ordering, choice.group or "")
        text = Markup(_("{rule}: {group} has had {spoken} of {share}.")).format(
            rule=rule.capitalize(),
            group=group,
            spoken=clock(choice.seconds),
            share=clock(choice.fair_seconds),
        )
    elif choice.why == "alternate":
        text = Markup(_("{rule}: {group} after {last}.")).format(
            rule=rule.capitalize(),
            group=label("gender", choice.group or ""),
            last=label("gender", choice.last_group or ""),
        )
    elif choice.ordering == "arrival":
        text = Markup(_("First come, first served: {name} is first in the list.")).format(name=name)
    else:
        text = Markup(
            _("{rule}: the groups waiting are level, so first come, first served.")
        ).format(rule=rule.capitalize())
    return name, text


def balance_view(state: MeetingState, now: datetime) -> BalanceView:
    groups = grouping(state)
    uses = budgets.uses(state, groups, now)
    left: dict[tuple[str, str], float] = {
        (u.budget.dimension, u.budget.group): u.left for u in uses
    }
    tables = balance(state, groups, now)
    name, why = _why(state, ordering.next_speaker(state, groups, now))
    unheard = tuple(
        Unheard(
            dimension_title(table.dimension),
            label(table.dimension, row.group),
            (now - row.waiting_since).total_seconds() if row.waiting_since else 0.0,
        )
        for table in tables
        for row in table.unheard()
    )
    speech = state.speech
    elapsed = timer.elapsed(speech, now) if speech is not None else 0.0
    choices = []
    for dimension in BUDGET_DIMENSIONS:
        known: Dimension = dimension
        keys = [row.group for table in tables if table.dimension == known for row in table.rows]
        keys += [k for k in groups.known(known) if k not in keys]
        options = tuple((key, label(dimension, key)) for key in keys)
        choices.append((dimension, dimension_title(dimension), options))
    return BalanceView(
        ordering=state.ordering,
        rule=ordering_name(state.ordering),
        next_name=name,
        why=why,
        orderings=tuple((key, ordering_name(key)) for key in ORDERINGS),
        dimensions=tuple(_bars(table, left) for table in tables),
        unheard=unheard,
        budgets=tuple(
            BudgetLine(
                dimension=u.budget.dimension,
                group=u.budget.group,
                title=dimension_title(u.budget.dimension),
                label=label(u.budget.dimension, u.budget.group),
                seconds=u.budget.seconds,
                used=u.used,
                left=u.left,
            )
            for u in uses
        ),
        speaker_budgets=tuple(
            SpeakerBudget(label(u.budget.dimension, u.budget.group), u.left + elapsed)
            for u in budgets.speaker_budgets(state, groups, now)
        ),
        budget_choices=tuple(choices),
    )
