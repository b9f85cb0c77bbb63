"""Who is heard next: first come, first served, or balanced, as the Chair has chosen.

The rule is an option, never silent: the console says which rule is in force and why the
next speaker is next. It acts only within a class, and only on the floor:

- the candidates are the requests at the head of the list that the rules of the floor
  (``speakers.rank``) hear together with the first one: the same class, the same level,
  statements and questions from the floor. A point of order, a programme speaker, a
  statement on behalf of a group or a right of reply at the head is heard as the list says,
  and nobody is ever taken from behind one of them: balance never skips them;
- ``arrival``: the first candidate, as the list stands;
- ``region`` or ``development_group``: the first candidate of the group that has had the
  least of the floor's time relative to its share of the requests for the floor (time
  spoken over requests made); ties by place in the list, so that when every group is
  level the order is first come, first served;
- ``gender``: alternating: the first candidate whose gender (stated) differs from that of
  the last speaker from the floor; none such, the first;
- the speech under way counts as its whole time limit (its time spoken when it has none):
  who is next does not change with the second "Next speaker" is pressed, so the console
  names the speaker the press will call;
- nobody starves: a request overtaken by ``OVERTAKEN_AT_MOST`` requests made after it is
  heard next (it is then the earliest waiting: whoever overtook a later request overtook
  it too). A request is thus heard after at
  most the requests before it in the list plus ``OVERTAKEN_AT_MOST`` made after it.

The choice is made when the Chair gives the floor, and the ``FloorGiven`` names the request
chosen: a meeting replays the same whatever the rule becomes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from podium.meeting import speakers
from podium.meeting.balance import Grouping, group_of, table
from podium.meeting.entries import Request, from_the_floor
from podium.meeting.state import MeetingState
from podium.meeting.words import Ordering

OVERTAKEN_AT_MOST = 3
"""K: a waiting request is overtaken by at most this many requests made after it."""

Why = Literal["rules", "arrival", "balance", "alternate", "waited"]


@dataclass(frozen=True)
class Choice:
    """The next speaker under the rule in force, and why.

    ``why``: ``rules`` (the head of the list is not the floor's: a point of order, a
    programme speaker ...), ``arrival`` (first come, first served, or every group level),
    ``balance`` (``group`` has had ``seconds`` of the ``fair_seconds`` its share of requests
    gives it), ``alternate`` (gender: ``group`` after ``last_group``), ``waited`` (overtaken
    ``overtaken`` times: heard now).
    """

    request: Request
    ordering: Ordering
    why: Why
    group: str | None = None
    seconds: float = 0.0
    fair_seconds: float = 0.0
    last_group: str | None = None
    overtaken: int = 0


def candidates(state: MeetingState) -> tuple[Request, ...]:
    """The requests the rule may choose from: those heard together with the first."""
    queue = state.queue
    if not queue:
        return ()
    head = queue[0]
    if not from_the_floor(head) or head.group is not None:
        return (head,)
    who, order, precedence = state.participants, state.class_order, state.level_precedence
    first = speakers.rank(head, who, order, precedence)
    chosen = []
    for request in queue:
        if not from_the_floor(request) or request.group is not None:
            break
        if speakers.rank(request, who, order, precedence) != first:
            break
        chosen.append(request)
    return tuple(chosen)


def overtaken(state: MeetingState, request: Request, enough: int | None = None) -> int:
    """How many requests made after ``request`` have been heard from the floor while it
    waited (counting stops at ``enough``, when given)."""
    count = 0
    for done in reversed(state.interventions):
        if done.start < request.at or (enough is not None and count >= enough):
            break
        if from_the_floor(done) and done.request_id is not None and done.request_id > request.id:
            count += 1
    return count


def next_speaker(state: MeetingState, grouping: Grouping, now: datetime) -> Choice | None:
    """The request "Next speaker" gives the floor to; None when the list is empty."""
    if not state.queue:
        return None
    ordering, first = state.ordering, state.queue[0]
    if ordering == "arrival" or not from_the_floor(first) or first.group is not None:
        why: Why = "arrival" if from_the_floor(first) and first.group is None else "rules"
        return Choice(first, ordering, why)
    choices = candidates(state)
    # The earliest request has been overtaken at least as often as any later one (whoever
    # overtook a later request overtook it too): it alone can have reached the bound.
    earliest = min(choices, key=lambda r: r.id)
    count = overtaken(state, earliest, OVERTAKEN_AT_MOST)
    if count >= OVERTAKEN_AT_MOST:
        return Choice(earliest, ordering, "waited", overtaken=count)
    if ordering == "gender":
        return _alternate(state, grouping, choices)
    return _balanced(state, grouping, choices, ordering, now)


def _balanced(
    state: MeetingState,
    grouping: Grouping,
    choices: tuple[Request, ...],
    ordering: Literal["region", "development_group"],
    now: datetime,
) -> Choice:
    balance = table(state, grouping, ordering, now, allowed=True)
    rows = [balance.row(group_of(state, grouping, r.participant_id, ordering)) for r in choices]
    scores = [row.seconds / max(1, row.requests) for row in rows]
    place = min(range(len(choices)), key=lambda n: (scores[n], n))
    chosen, row = choices[place], rows[place]
    level = len(set(scores)) == 1
    return Choice(
        chosen,
        ordering,
        "arrival" if level else "balance",
        group=row.group,
        seconds=row.seconds,
        fair_seconds=balance.fair_seconds(row),
    )


def _alternate(state: MeetingState, grouping: Grouping, choices: tuple[Request, ...]) -> Choice:
    last = None
    for done in reversed(state.interventions):
        if from_the_floor(done):
            last = group_of(state, grouping, done.participant_id, "gender")
            break
    stated = set(grouping.known("gender")) - {"not-stated"}
    if last in stated:
        for request in choices:
            gender = group_of(state, grouping, request.participant_id, "gender")
            if gender in stated and gender != last:
                why: Why = "arrival" if request is choices[0] else "alternate"
                return Choice(request, "gender", why, group=gender, last_group=last)
    return Choice(choices[0], "gender", "arrival", last_group=last)
