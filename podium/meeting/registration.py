"""Registering participants, a batch at a time: what a name, a country code or a segment must be."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from podium.meeting.commands import RegisterParticipants
from podium.meeting.events import Event, FloorRequested, ParticipantAdded
from podium.meeting.participants import ParticipantFields, details
from podium.meeting.placing import placed
from podium.meeting.plan import ROLES
from podium.meeting.refusal import N_, Refusal, refuse
from podium.meeting.state import MeetingState, Participant, participant_of
from podium.meeting.text import forbidden_character
from podium.meeting.words import CHANNELS, GENDERS, LEVELS, STAKEHOLDERS

MAX_NAME = 200
MAX_BATCH = 5000


def is_whole_number(value: object) -> bool:
    """An int that is not a bool: commands built in code may carry anything."""
    return isinstance(value, int) and not isinstance(value, bool)


def _optional_text(value: object, what: str) -> str | Refusal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return refuse(N_("The {what} must be text."), what=what)
    bad = forbidden_character(value)
    if bad is not None:
        return refuse(
            N_("The {what} holds a control character (U+{code}): only tab and new line may."),
            what=what,
            code=f"{ord(bad):04X}",
        )
    value = value.strip()
    if len(value) > MAX_NAME:
        return refuse(
            N_("The {what} must be at most {count} characters."), what=what, count=MAX_NAME
        )
    return value or None


def register_participants(
    state: MeetingState, command: RegisterParticipants, now: datetime
) -> tuple[Event, ...] | Refusal:
    """One event per participant, all or none; a refusal names the first one that is wrong."""
    people, hashes = command.participants, command.token_hashes
    if not isinstance(people, tuple | list) or not people:
        return refuse(N_("No participants were given."))
    if len(people) > MAX_BATCH:
        return refuse(N_("At most {count} participants at a time."), count=MAX_BATCH)
    if not isinstance(hashes, tuple | list) or len(hashes) not in (0, len(people)):
        return refuse(N_("Each participant needs the hash of their link, or none does."))
    taken = set(state.participants)
    number = len(taken) + 1
    events: list[Event] = []
    joining: list[Participant] = []  # programme speakers of the segment under way
    for item, person in enumerate(people):
        checked = _checked(state, person)
        if isinstance(checked, Refusal):
            return replace(checked, item=item)
        while f"p{number}" in taken:
            number += 1
        taken.add(f"p{number}")
        token_hash = hashes[item] if hashes else None
        added = ParticipantAdded(
            at=now,
            participant_id=f"p{number}",
            token_hash=token_hash if isinstance(token_hash, str) else None,
            **details(checked),
        )
        events.append(added)
        if added.segment is not None and added.segment == state.segment:
            joining.append(participant_of(added))
    if not joining:
        return tuple(events)
    # Their segment is under way: they join its list as its other speakers did at its start.
    requests = [
        programme_request(speaker, speaker.segment, state.next_request_id + n, now)  # type: ignore[arg-type]
        for n, speaker in enumerate(joining)
    ]
    everyone = {**state.participants, **{speaker.id: speaker for speaker in joining}}
    return (*events, *placed(state, requests, everyone))


def _wrong(field: str, template: str, **values: object) -> Refusal:
    return replace(refuse(template, **values), field=field)


def _checked(state: MeetingState, person: object) -> ParticipantFields | Refusal:
    """The participant with their text trimmed and country code upper-cased, or why not."""
    if not isinstance(person, ParticipantFields):
        return refuse(N_("A participant must have at least a name."))
    texts: dict[str, str | None] = {}
    for what in ("name", "delegation", "organisation"):
        text = _optional_text(getattr(person, what), what)
        if isinstance(text, Refusal):
            return replace(text, field=what)
        texts[what] = text
    if texts["name"] is None:
        return _wrong("name", N_("A participant needs a name."))
    country = person.country
    if country is not None:
        if not isinstance(country, str):
            return _wrong("country", N_("A country is given by its code of 2 or 3 letters."))
        country = country.strip().upper() or None
        if country is not None and not (
            2 <= len(country) <= 3 and country.isascii() and country.isalpha()
        ):
            return _wrong(
                "country",
                N_("'{code}' is not a country code: give 2 or 3 letters, such as KE or KEN."),
                code=person.country,
            )
    if person.role not in ROLES:
        return _wrong(
            "role",
            N_("'{role}' is not a role; the roles are {roles}."),
            role=person.role,
            roles=", ".join(ROLES),
        )
    if person.stakeholder not in STAKEHOLDERS:
        return _wrong(
            "stakeholder",
            N_("'{group}' is not a stakeholder group; the groups are {groups}."),
            group=person.stakeholder,
            groups=", ".join(STAKEHOLDERS),
        )
    if person.gender is not None and person.gender not in GENDERS:
        return _wrong(
            "gender",
            N_("'{gender}' is not one of {genders}."),
            gender=person.gender,
            genders=", ".join(GENDERS),
        )
    if person.channel not in CHANNELS:
        return _wrong(
            "channel",
            N_("'{channel}' is not one of {channels}."),
            channel=person.channel,
            channels=", ".join(CHANNELS),
        )
    if person.level is not None and person.level not in LEVELS:
        return _wrong(
            "level",
            N_("'{level}' is not a level of representation; the levels are {levels}."),
            level=person.level,
            levels=", ".join(LEVELS),
        )
    if not isinstance(person.observer, bool):
        return _wrong("observer", N_("Say whether the participant is an observer: true or false."))
    if person.segment is not None:
        refusal = check_segment(state, person.segment)
        if refusal is not None:
            return replace(refusal, field="segment")
    return replace(
        person,
        name=texts["name"],
        delegation=texts["delegation"],
        organisation=texts["organisation"],
        country=country,
    )


def programme_request(
    participant: Participant, segment: int, request_id: int, now: datetime
) -> FloorRequested:
    """The request that puts a programme speaker in their segment's list."""
    return FloorRequested(
        at=now,
        request_id=request_id,
        participant_id=participant.id,
        kind="statement",
        channel=participant.channel,
        segment=segment,
        by="secretariat",
        programme=True,
    )


def check_segment(state: MeetingState, index: object) -> Refusal | None:
    count = len(state.plan.segments) if state.plan else 0
    if not is_whole_number(index) or not 0 <= index < count:  # type: ignore[operator]
        if count == 0:
            return refuse(N_("The programme has no segments."))
        return refuse(
            N_("The programme has no segment {index}: segments are numbered 0 to {last}."),
            index=index,
            last=count - 1,
        )
    return None
