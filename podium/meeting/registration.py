"""Registering a participant: what a name, a country code or a segment must be."""

from __future__ import annotations

from datetime import datetime

from podium.meeting.commands import AddParticipant
from podium.meeting.events import Event, FloorRequested, ParticipantAdded
from podium.meeting.placing import placed
from podium.meeting.plan import ROLES
from podium.meeting.refusal import N_, Refusal, refuse
from podium.meeting.state import MeetingState, Participant, participant_of
from podium.meeting.words import CHANNELS, GENDERS, LEVELS, STAKEHOLDERS

MAX_NAME = 200


def is_whole_number(value: object) -> bool:
    """An int that is not a bool: commands built in code may carry anything."""
    return isinstance(value, int) and not isinstance(value, bool)


def _optional_text(value: str | None, what: str) -> str | Refusal | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > MAX_NAME:
        return refuse(
            N_("The {what} must be at most {count} characters."), what=what, count=MAX_NAME
        )
    return value or None


def add_participant(
    state: MeetingState, command: AddParticipant, now: datetime
) -> tuple[Event, ...] | Refusal:
    name = _optional_text(command.name, "name")
    if isinstance(name, Refusal):
        return name
    if name is None:
        return refuse(N_("A participant needs a name."))
    delegation = _optional_text(command.delegation, "delegation")
    if isinstance(delegation, Refusal):
        return delegation
    organisation = _optional_text(command.organisation, "organisation")
    if isinstance(organisation, Refusal):
        return organisation
    country = command.country
    if country is not None:
        country = country.strip().upper()
        if not (2 <= len(country) <= 3 and country.isascii() and country.isalpha()):
            return refuse(
                N_("'{code}' is not a country code: give 2 or 3 letters, such as KE or KEN."),
                code=command.country,
            )
    if command.role not in ROLES:
        return refuse(
            N_("'{role}' is not a role; the roles are {roles}."),
            role=command.role,
            roles=", ".join(ROLES),
        )
    if command.stakeholder not in STAKEHOLDERS:
        return refuse(
            N_("'{group}' is not a stakeholder group; the groups are {groups}."),
            group=command.stakeholder,
            groups=", ".join(STAKEHOLDERS),
        )
    if command.gender is not None and command.gender not in GENDERS:
        return refuse(
            N_("'{gender}' is not one of {genders}."),
            gender=command.gender,
            genders=", ".join(GENDERS),
        )
    if command.channel not in CHANNELS:
        return refuse(
            N_("'{channel}' is not one of {channels}."),
            channel=command.channel,
            channels=", ".join(CHANNELS),
        )
    if command.level is not None and command.level not in LEVELS:
        return refuse(
            N_("'{level}' is not a level of representation; the levels are {levels}."),
            level=command.level,
            levels=", ".join(LEVELS),
        )
    segment = command.segment
    if segment is not None:
        refusal = check_segment(state, segment)
        if refusal is not None:
            return refusal
    number = len(state.participants) + 1
    while f"p{number}" in state.participants:
        number += 1
    added = ParticipantAdded(
        at=now,
        participant_id=f"p{number}",
        name=name,
        role=command.role,
        delegation=delegation,
        country=country,
        organisation=organisation,
        stakeholder=command.stakeholder,
        observer=command.observer,
        gender=command.gender,
        channel=command.channel,
        segment=segment,
        level=command.level,
    )
    if segment is None or segment != state.segment:
        return (added,)
    # Their segment is under way: they join its list as its other speakers did at its start.
    speaker = participant_of(added)
    request = programme_request(speaker, segment, state.next_request_id, now)
    return (added, *placed(state, (request,), {**state.participants, speaker.id: speaker}))


def programme_request(
    participant: Participant, segment: int, request_id: int, now: datetime
) -> FloorRequested:
    """The request that puts a programme speaker in their segment's list."""
    return FloorRequested(
        at=now,
        request_id=request_id,
        participant_id=participant.id,
        kind="statement",
        channel=participant.channel,  # type: ignore[arg-type]
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
