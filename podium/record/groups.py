"""The groups a speaker is counted in: region, development group, stakeholder group, gender.

Region and development group come from the reference data by the speaker's
ISO country code. Speakers with no country are counted by what they are:
UN entities and intergovernmental bodies as international organisations,
a civil-society network as civil society (with no country), and so on, so
that every intervention is counted once in every breakdown.
"""

from __future__ import annotations

from podium.i18n import _
from podium.meeting.balance import (
    GENDER_KEYS,
    INTERNATIONAL,
    NO_COUNTRY,
    NOT_STATED,
    STAKEHOLDER_KEYS,
    stakeholder_group,
    without_country,
)
from podium.meeting.plan import ROLES
from podium.meeting.words import CHANNELS
from podium.reference import DEVELOPMENT_GROUPS, REPORTING_REGIONS

__all__ = [
    "CHANNEL_KEYS",
    "DEVELOPMENT_KEYS",
    "GENDER_KEYS",
    "INTERNATIONAL",
    "NOT_STATED",
    "NO_COUNTRY",
    "REGION_KEYS",
    "STAKEHOLDER_KEYS",
    "dimension_title",
    "label",
    "ordered",
    "stakeholder_group",
    "without_country",
]

REGION_KEYS: tuple[str, ...] = (*REPORTING_REGIONS, NO_COUNTRY)
DEVELOPMENT_KEYS: tuple[str, ...] = (*DEVELOPMENT_GROUPS, NO_COUNTRY)
CHANNEL_KEYS: tuple[str, ...] = CHANNELS


def label(dimension: str, key: str) -> str:
    """The readable name of a group, for tables and charts."""
    if key == NO_COUNTRY:
        return _("International organisations (no country)")
    if key.startswith(NO_COUNTRY + ":"):
        group = label("stakeholder_group", key.removeprefix(NO_COUNTRY + ":"))
        return _("{group} (no country)").format(group=group)
    if key == NOT_STATED:
        return _("Not stated")
    names = _LABELS.get(dimension, {})
    if key in names:
        return names[key]()
    return key


def dimension_title(dimension: str) -> str:
    return _TITLES[dimension]()


def ordered(dimension: str, present: set[str]) -> list[str]:
    """Every known group of ``dimension`` (those with no one too: who was not heard matters),
    then any other group found in the record, by name."""
    known = _KEYS[dimension]
    keep = [k for k in known if dimension != "role" or k in present]
    if dimension in ("region", "development_group"):
        keep += [
            k for k in map(without_country, STAKEHOLDER_KEYS) if k in present and k not in keep
        ]
    return keep + sorted(present - set(keep))


_KEYS: dict[str, tuple[str, ...]] = {
    "role": ROLES,  # in the order a programme calls them
    "region": REGION_KEYS,
    "development_group": DEVELOPMENT_KEYS,
    "stakeholder_group": STAKEHOLDER_KEYS,
    "gender": GENDER_KEYS,
    "channel": CHANNEL_KEYS,
}

_TITLES = {
    "role": lambda: _("Role"),
    "region": lambda: _("Region"),
    "development_group": lambda: _("Development group"),
    "stakeholder_group": lambda: _("Stakeholder group"),
    "gender": lambda: _("Gender"),
    "channel": lambda: _("Channel"),
}

_LABELS = {
    "role": {
        "chair": lambda: _("Chair"),
        "co-chair": lambda: _("Co-Chair"),
        "moderator": lambda: _("Moderator"),
        "secretariat": lambda: _("Secretariat"),
        "keynote": lambda: _("Keynote speaker"),
        "panelist": lambda: _("Panelist"),
        "discussant": lambda: _("Discussant"),
        "participant": lambda: _("Participant (the floor)"),
        "other": lambda: _("Other"),
    },
    # M49's regions, as the UN names them in each language.
    "region": {
        "Africa": lambda: _("Africa"),
        "Asia": lambda: _("Asia"),
        "Europe": lambda: _("Europe"),
        "Latin America and the Caribbean": lambda: _("Latin America and the Caribbean"),
        "Northern America": lambda: _("Northern America"),
        "Oceania": lambda: _("Oceania"),
    },
    "development_group": {
        "LDC": lambda: _("Least developed countries (LDC)"),
        "LLDC": lambda: _("Landlocked developing countries (LLDC)"),
        "SIDS": lambda: _("Small island developing States (SIDS)"),
        "developing": lambda: _("Other developing countries"),
        "developed": lambda: _("Developed countries"),
    },
    "stakeholder_group": {
        "member-state": lambda: _("Member States"),
        "observer-state": lambda: _("Observer States"),
        "un-entity": lambda: _("UN entities"),
        "intergovernmental": lambda: _("Intergovernmental organisations"),
        "business": lambda: _("Business"),
        "academia": lambda: _("Academia"),
        "civil-society": lambda: _("Civil society"),
        "other": lambda: _("Other stakeholders"),
    },
    "gender": {
        "female": lambda: _("Women"),
        "male": lambda: _("Men"),
        "other": lambda: _("Other gender"),
    },
    "channel": {
        "room": lambda: _("In the room"),
        "online": lambda: _("Online"),
    },
    "kind": {
        "statement": lambda: _("Statement"),
        "point-of-order": lambda: _("Point of order"),
        "right-of-reply": lambda: _("Right of reply"),
        "question": lambda: _("Question"),
        "response": lambda: _("Response"),
    },
    "outcome": {
        "heard": lambda: _("given the floor"),
        "withdrawn": lambda: _("withdrawn"),
        "removed": lambda: _("removed from the list"),
        "waiting": lambda: _("still waiting when the meeting ended"),
    },
}
