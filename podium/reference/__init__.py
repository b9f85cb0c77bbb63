"""Reference data: countries with their UN M49 region and development groups, and the SDGs."""

from __future__ import annotations

from podium.reference.countries import (
    DEVELOPMENT_GROUPS,
    LDC_GRADUATIONS,
    REGIONS,
    REPORTING_REGIONS,
    UN_LANGUAGES,
    Country,
    UnknownCountry,
    countries,
    country,
    country_name,
    development_group,
    find_country,
    find_country_by_name,
    groups,
    is_ldc,
    reporting_region,
    speaks_for,
)
from podium.reference.sdgs import SDGS, Goal, UnknownGoal, sdg

__all__ = [
    "DEVELOPMENT_GROUPS",
    "LDC_GRADUATIONS",
    "REGIONS",
    "REPORTING_REGIONS",
    "SDGS",
    "UN_LANGUAGES",
    "Country",
    "Goal",
    "UnknownCountry",
    "UnknownGoal",
    "countries",
    "country",
    "country_name",
    "development_group",
    "find_country",
    "find_country_by_name",
    "groups",
    "is_ldc",
    "reporting_region",
    "sdg",
    "speaks_for",
]
