"""The programme: a plan's segments laid on its time slot, and the time budget.

Pure functions of a ``Plan`` and the number of speakers per role: no I/O, no
clock. The live meeting takes each segment's limits from here for its timer.

Where the note is silent, the defaults of ``Defaults`` apply, and every
scheduled segment says in ``notes`` what was assumed:

- a segment with a stated length takes it; a range (``5-7 minutes``) is
  planned at its high end, and its low end is where the timer warns;
- a secretariat introduction takes 10 minutes, a keynote 10, remarks by the
  chair, co-chair or moderator 5, anything else 5;
- panelists, discussants or other speakers of a per-speaker segment number 3
  when neither the note nor the caller says how many; a presentation with no
  limit takes 10 minutes each;
- the interactive discussion (the participants' segment) takes what remains
  of the slot; the floor gets ``discussion minutes // limit`` interventions.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from podium.i18n import _, ngettext
from podium.meeting.limits import (
    FLOOR_ROLE,
    PRESENTER_ROLES,
    SpeechLimit,
    speech_limit,
    speech_minutes,
)
from podium.meeting.plan import ROLES, Plan, Role, Segment
from podium.meeting.words import FloorClass


class SpeakerCountError(ValueError):
    """A ``role=count`` value that cannot be read; the message says which and why."""


@dataclass(frozen=True)
class Defaults:
    """What to plan with where the note says nothing."""

    secretariat_minutes: float = 10
    keynote_minutes: float = 10
    remarks_minutes: float = 5  # chair, co-chair, moderator
    other_minutes: float = 5
    speakers: int = 3  # panelists, discussants: a panel of three is the common case
    minutes_each: float = 10  # a presentation with no stated limit
    # Less than this is no interactive discussion: the format does not fit.
    discussion_minimum: float = 10


DEFAULTS = Defaults()


@dataclass(frozen=True)
class ScheduledSegment:
    """One segment placed on the clock.

    ``minutes_each`` is the limit of each speech (the timer's red light) and
    ``warn_minutes`` the low end of a range (its amber light), as
    ``limits.speech_minutes`` reads them; ``minutes_total`` is the segment's
    share of the slot.
    """

    index: int
    segment: Segment
    start: datetime | None
    end: datetime | None
    speakers: int | None
    minutes_each: float | None
    minutes_total: float
    warn_minutes: float | None = None
    is_floor: bool = False
    floor_interventions: int | None = None
    notes: tuple[str, ...] = ()

    def limit(self, floor_class: FloorClass | None = None) -> SpeechLimit:
        """The limit of one speech in this segment (by a speaker of ``floor_class``)."""
        return speech_limit(self.minutes_each, self.warn_minutes, self.segment, floor_class)


@dataclass(frozen=True)
class Budget:
    """Does the format fit the slot?

    ``planned_minutes`` counts the segments of set length (everything but the
    open discussion); ``spare_minutes`` is the slot less those, which the
    discussion takes (negative: the programme overruns). Without a slot in the
    note, ``slot_minutes``, ``fits`` and ``spare_minutes`` are ``None``.
    """

    slot_minutes: float | None
    planned_minutes: float
    fits: bool | None
    spare_minutes: float | None
    floor_interventions: int | None
    cuts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Programme:
    plan: Plan
    segments: tuple[ScheduledSegment, ...]
    budget: Budget

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.plan.title,
            "start": _iso(self.plan.start),
            "end": _iso(self.plan.end),
            "timezone": self.plan.timezone,
            "segments": [
                {
                    "index": s.index,
                    "title": s.segment.title,
                    "role": s.segment.role,
                    "start": _iso(s.start),
                    "end": _iso(s.end),
                    "speakers": s.speakers,
                    "minutes_each": _number(s.minutes_each),
                    "warn_minutes": _number(s.warn_minutes),
                    "minutes_total": _number(s.minutes_total),
                    "floor": s.is_floor,
                    "floor_interventions": s.floor_interventions,
                    "notes": list(s.notes),
                }
                for s in self.segments
            ],
            "budget": {
                "slot_minutes": _number(self.budget.slot_minutes),
                "planned_minutes": _number(self.budget.planned_minutes),
                "fits": self.budget.fits,
                "spare_minutes": _number(self.budget.spare_minutes),
                "floor_interventions": self.budget.floor_interventions,
                "cuts": list(self.budget.cuts),
            },
        }


def parse_speakers(values: Iterable[str]) -> dict[str, int]:
    """Read ``role=count`` values such as ``panelist=4`` (a plural role is accepted too)."""
    counts: dict[str, int] = {}
    for value in values:
        for item in value.split(","):
            item = item.strip()
            if not item:
                continue
            name, sep, count_text = item.partition("=")
            if not sep:
                raise SpeakerCountError(
                    _("'{value}': write the role and a count, such as panelist=4").format(
                        value=item
                    )
                )
            role = _role(name.strip().lower())
            if role is None:
                raise SpeakerCountError(
                    _("'{value}': '{role}' is not a role; roles are {roles}").format(
                        value=item, role=name.strip(), roles=", ".join(ROLES)
                    )
                )
            try:
                count = int(count_text.strip())
            except ValueError:
                raise SpeakerCountError(
                    _("'{value}': '{count}' is not a whole number of speakers").format(
                        value=item, count=count_text.strip()
                    )
                ) from None
            if count < 0:
                raise SpeakerCountError(
                    _("'{value}': the number of speakers cannot be negative").format(value=item)
                )
            counts[role] = count
    return counts


def schedule(
    plan: Plan,
    speakers: Mapping[str, int] | None = None,
    defaults: Defaults = DEFAULTS,
    registered: Mapping[int, int] | None = None,
) -> Programme:
    """Lay the plan's segments on its slot and weigh the time budget.

    ``speakers`` gives the number of speakers per role (``{"panelist": 4}``)
    and ``registered`` per segment index (the programme speakers registered
    there); either overrides the note's own count, ``registered`` first.
    """
    speakers = speakers or {}
    registered = registered or {}
    sized = [
        _size(
            i, s, {**speakers, s.role: registered[i]} if registered.get(i) else speakers, defaults
        )
        for i, s in enumerate(plan.segments)
    ]
    planned = sum(s.minutes_total for s in sized if not s.is_floor)
    slot = plan.minutes
    floors = [s for s in sized if s.is_floor]

    spare = None if slot is None else slot - planned
    if floors and spare is not None:
        share = max(spare, 0) / len(floors)
        sized = [_open(s, share) if s.is_floor else s for s in sized]
    timed = _place(sized, plan.start)

    fits: bool | None = None
    cuts: tuple[str, ...] = ()
    if slot is not None and spare is not None:
        needed = planned + (defaults.discussion_minimum * len(floors))
        fits = needed <= slot
        if not fits:
            cuts = _cuts(timed, needed - slot, plan)
    counts = [s.floor_interventions for s in timed if s.floor_interventions is not None]
    budget = Budget(
        slot_minutes=slot,
        planned_minutes=planned,
        fits=fits,
        spare_minutes=spare,
        floor_interventions=sum(counts) if counts else None,
        cuts=cuts,
    )
    return Programme(plan=plan, segments=tuple(timed), budget=budget)


def planned(plan: Plan, speaker_segments: Iterable[int | None] = ()) -> Programme:
    """The programme as planned for the programme speakers registered in each segment.

    The one plan every page, the timer and the record read; ``speaker_segments``
    holds the segment of each registered participant (None for the floor).
    """
    counts = Counter(index for index in speaker_segments if index is not None)
    return schedule(plan, registered=counts)


def _size(
    index: int, segment: Segment, speakers: Mapping[str, int], defaults: Defaults
) -> ScheduledSegment:
    notes: list[str] = []
    limit = segment.minutes_max
    warn = segment.minutes_min if limit is not None and segment.minutes_min != limit else None
    if warn is not None:
        notes.append(
            _("{low}–{high} minutes: planned at {high}").format(low=_show(warn), high=_show(limit))
        )

    if segment.role == FLOOR_ROLE and not (limit is not None and not segment.per_speaker):
        return ScheduledSegment(
            index=index,
            segment=segment,
            start=None,
            end=None,
            speakers=None,
            minutes_each=limit,
            minutes_total=0,
            warn_minutes=warn,
            is_floor=True,
            notes=(*notes, _("takes what remains of the slot")),
        )

    if segment.per_speaker or segment.role in PRESENTER_ROLES:
        count = _count(segment, speakers, defaults, notes)
        if limit is None:
            limit = defaults.minutes_each
            notes.append(
                _("no limit in the note: {minutes} minutes each assumed").format(
                    minutes=_show(limit)
                )
            )
            return ScheduledSegment(
                index, segment, None, None, count, limit, count * limit, warn, notes=tuple(notes)
            )
        if not segment.per_speaker:
            # "The panel, 30 minutes": the stated minutes are the segment's, shared by its speakers.
            each = speech_minutes(segment, limit, count)
            return ScheduledSegment(
                index, segment, None, None, count, each, limit, None, notes=tuple(notes)
            )
        return ScheduledSegment(
            index, segment, None, None, count, limit, count * limit, warn, notes=tuple(notes)
        )

    heads = speakers.get(segment.role, segment.speakers)
    if limit is None:
        limit = _role_minutes(segment.role, defaults)
        notes.append(
            _("no length in the note: {minutes} minutes assumed").format(minutes=_show(limit))
        )
    each = speech_minutes(segment, limit, heads)
    return ScheduledSegment(
        index, segment, None, None, heads, each, limit, None, notes=tuple(notes)
    )


def _count(
    segment: Segment, speakers: Mapping[str, int], defaults: Defaults, notes: list[str]
) -> int:
    if segment.role in speakers:
        return speakers[segment.role]
    if segment.speakers is not None:
        return segment.speakers
    notes.append(
        ngettext(
            "number of speakers not given: {count} assumed",
            "number of speakers not given: {count} assumed",
            defaults.speakers,
        ).format(count=defaults.speakers)
    )
    return defaults.speakers


def _role_minutes(role: str, defaults: Defaults) -> float:
    if role == "secretariat":
        return defaults.secretariat_minutes
    if role == "keynote":
        return defaults.keynote_minutes
    if role in {"chair", "co-chair", "moderator"}:
        return defaults.remarks_minutes
    return defaults.other_minutes


def _open(segment: ScheduledSegment, minutes: float) -> ScheduledSegment:
    interventions = None
    if segment.minutes_each:
        interventions = math.floor(minutes / segment.minutes_each)
    return ScheduledSegment(
        index=segment.index,
        segment=segment.segment,
        start=None,
        end=None,
        speakers=segment.speakers,
        minutes_each=segment.minutes_each,
        minutes_total=minutes,
        warn_minutes=segment.warn_minutes,
        is_floor=True,
        floor_interventions=interventions,
        notes=segment.notes,
    )


def _place(segments: list[ScheduledSegment], start: datetime | None) -> list[ScheduledSegment]:
    if start is None:
        return segments
    placed = []
    clock = start
    for s in segments:
        end = clock + timedelta(minutes=s.minutes_total)
        placed.append(
            ScheduledSegment(
                index=s.index,
                segment=s.segment,
                start=clock,
                end=end,
                speakers=s.speakers,
                minutes_each=s.minutes_each,
                minutes_total=s.minutes_total,
                warn_minutes=s.warn_minutes,
                is_floor=s.is_floor,
                floor_interventions=s.floor_interventions,
                notes=s.notes,
            )
        )
        clock = end
    return placed


def _cuts(segments: list[ScheduledSegment], over: float, plan: Plan) -> tuple[str, ...]:
    """Ways to win back ``over`` minutes, one per segment that has speakers to cut."""
    cuts = []
    for s in segments:
        if s.is_floor or s.minutes_each is None or not s.speakers:
            continue
        keep = s.minutes_total - over
        if keep < 0:
            continue
        fewer = math.floor(keep / s.minutes_each)
        shorter = math.floor(keep / s.speakers)
        who = _plural(s.segment.role)
        if fewer > 0 and shorter > 0:
            cuts.append(
                _("Reduce {who} to {count} or their limit to {minutes} minutes").format(
                    who=who, count=fewer, minutes=shorter
                )
            )
        elif fewer > 0:
            cuts.append(_("Reduce {who} to {count}").format(who=who, count=fewer))
    if plan.end is not None:
        later = plan.end + timedelta(minutes=over)
        cuts.append(
            ngettext(
                "Cut {minutes} minute from the programme or extend the slot to {end}",
                "Cut {minutes} minutes from the programme or extend the slot to {end}",
                math.ceil(over),
            ).format(minutes=_show(math.ceil(over)), end=later.strftime("%H:%M"))
        )
    return tuple(cuts)


def _plural(role: str) -> str:
    names = {
        "panelist": _("panelists"),
        "discussant": _("discussants"),
        "keynote": _("keynote speakers"),
        "secretariat": _("secretariat speakers"),
        "chair": _("chairs"),
        "co-chair": _("co-chairs"),
        "moderator": _("moderators"),
        "participant": _("participants"),
    }
    return names.get(role, _("speakers"))


def _role(name: str) -> Role | None:
    for role in ROLES:
        if name in (role, role + "s"):
            return cast(Role, role)
    return None


def _show(minutes: float | None) -> str:
    """15.0 reads 15; 2.5 stays 2.5."""
    if minutes is None:
        return ""
    return str(int(minutes)) if minutes == int(minutes) else f"{minutes:g}"


def _number(value: float | None) -> int | float | None:
    if value is not None and value == int(value):
        return int(value)
    return value


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class ListFit:
    """Whether the list of speakers fits the time left.

    ``needed_minutes`` is the waiting requests each at its own limit (``minutes_each``
    when they share one); ``over_minutes`` is how far that runs past ``left_minutes``
    (negative: it fits with that much to spare). Either is None when a request has
    no limit or the time left is unknown.
    """

    requests: int
    minutes_each: float | None
    needed_minutes: float | None
    left_minutes: float | None
    over_minutes: float | None


def list_fit(limits: Sequence[int | None], left_seconds: float | None) -> ListFit:
    """Requests with these limits (seconds; None: no limit), against ``left_seconds``."""
    known = [limit for limit in limits if limit]
    needed = sum(known) / 60 if limits and len(known) == len(limits) else None
    each = known[0] / 60 if needed is not None and len(set(known)) == 1 else None
    left = max(left_seconds, 0.0) / 60 if left_seconds is not None else None
    over = needed - left if needed is not None and left is not None else None
    return ListFit(len(limits), each, needed, left, over)


def segment_seconds_left(
    programme: Programme, segment: int, started: datetime, now: datetime
) -> float | None:
    """Seconds left of a running segment's planned share of the slot (negative: overrun)."""
    segments = programme.segments
    if not 0 <= segment < len(segments) or not segments[segment].minutes_total:
        return None
    planned = segments[segment].minutes_total * 60
    return planned - (now - started).total_seconds()


def meeting_seconds_left(plan: Plan, opened: datetime | None, now: datetime) -> float | None:
    """Seconds until the slot's end (negative: past it); None without a slot in the note.

    A meeting opened on the day the note gives ends when the note says (the room is
    booked); one run on another day (a rehearsal, a postponement) has its slot's
    length from the moment it opened.
    """
    if plan.end is None:
        return None
    end = plan.end
    if plan.start is not None and opened is not None and abs(opened - plan.start) > _SAME_DAY:
        end = opened + (plan.end - plan.start)
    return (end - now).total_seconds()


_SAME_DAY = timedelta(hours=12)
