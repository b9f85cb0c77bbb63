"""Countries and areas with their UN M49 region and development groups.

The table is ``data/m49.csv`` (source, date and counts in ``data/README.md``),
read once per process. Names are M49's, the ones the UN prints, in the six
official languages (``data/m49-names.csv``): a name is given in the language
being spoken (``podium.i18n``), English where it is not one of the six.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pycountry

from podium.i18n import SOURCE_LANGUAGE, _, current

DATA = Path(__file__).parent / "data" / "m49.csv"
NAMES = Path(__file__).parent / "data" / "m49-names.csv"

UN_LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")
"""The six official languages of the United Nations, in which M49 names every country."""

REGIONS: tuple[str, ...] = ("Africa", "Americas", "Asia", "Europe", "Oceania")
"""The five M49 regions, in M49's order."""

LATIN_AMERICA_AND_THE_CARIBBEAN = "Latin America and the Caribbean"
NORTHERN_AMERICA = "Northern America"

REPORTING_REGIONS: tuple[str, ...] = (
    "Africa",
    "Asia",
    "Europe",
    LATIN_AMERICA_AND_THE_CARIBBEAN,
    NORTHERN_AMERICA,
    "Oceania",
)
"""The regions UN reports use: the Americas split into its two M49 sub-regions."""

LDC = "LDC"
LLDC = "LLDC"
SIDS = "SIDS"
DEVELOPING = "developing"
DEVELOPED = "developed"

DEVELOPMENT_GROUPS: tuple[str, ...] = (LDC, LLDC, SIDS, DEVELOPING, DEVELOPED)
"""Every group ``development_group`` can return, most specific first."""

LDC_GRADUATIONS: dict[str, date] = {
    "BT": date(2023, 12, 13),  # Bhutan, General Assembly resolution 70/78
    "ST": date(2024, 12, 13),  # Sao Tome and Principe, resolution 73/133
    "BD": date(2026, 11, 24),  # Bangladesh, resolution 76/8
    "LA": date(2026, 11, 24),  # Lao People's Democratic Republic, resolution 76/8
    "NP": date(2026, 11, 24),  # Nepal, resolution 76/8
    "SB": date(2027, 12, 13),  # Solomon Islands, resolution 76/8
}
"""The day each recent or scheduled graduate left (or leaves) the LDC category.

The ``ldc`` column of the table is the list on the date of the data; a
meeting is counted with the list in force on its own day, so that the record
of a 2024 panel shows Nepal as an LDC and that of a 2027 one does not.
"""


class UnknownCountry(ValueError):
    """A code that names no country or area of the M49 table."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            _(
                "Unknown country code '{code}': expected an ISO 3166-1 alpha-2 code "
                "(such as 'NP') or alpha-3 code (such as 'NPL') of a country or area in UN M49."
            ).format(code=code)
        )


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    name: str
    m49: str
    region: str
    subregion: str
    intermediate_region: str | None
    ldc: bool
    lldc: bool
    sids: bool
    developed: bool

    @property
    def names(self) -> dict[str, str]:
        """M49's name in each of the six languages, by language code."""
        return _names_table()[self.alpha2]

    def name_in(self, language: str | None = None) -> str:
        """M49's name in ``language`` (default: the language spoken now); English otherwise."""
        names = self.names
        return names.get(language or current()) or names[SOURCE_LANGUAGE]


@dataclass(frozen=True)
class _Table:
    rows: tuple[Country, ...]
    by_code: dict[str, Country]
    by_name: dict[str, Country]


def _flag(value: str) -> bool:
    return value.strip() == "1"


def _read(path: Path) -> tuple[Country, ...]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if not line.startswith("#"))
        return tuple(
            Country(
                alpha2=row["alpha2"],
                alpha3=row["alpha3"],
                name=row["name"],
                m49=row["m49"],
                region=row["region"],
                subregion=row["subregion"],
                intermediate_region=row["intermediate_region"] or None,
                ldc=_flag(row["ldc"]),
                lldc=_flag(row["lldc"]),
                sids=_flag(row["sids"]),
                developed=_flag(row["developed"]),
            )
            for row in csv.DictReader(lines)
        )


@cache
def _names_table() -> dict[str, dict[str, str]]:
    """M49's names in the six languages, by alpha-2 code."""
    with NAMES.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if not line.startswith("#"))
        return {
            row["alpha2"]: {language: row[language] for language in UN_LANGUAGES}
            for row in csv.DictReader(lines)
        }


def _names(c: Country) -> set[str]:
    """M49's names in six languages and pycountry's names, so "Turkey", "Türkiye",
    "Bolivia", "Allemagne" and "德国" all resolve."""
    names = {c.name, *c.names.values()}
    entry = pycountry.countries.get(alpha_2=c.alpha2)
    if entry is not None:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(entry, attribute, None)
            if isinstance(value, str):
                names.add(value)
    return {n.casefold() for n in names}


@cache
def _table() -> _Table:
    rows = _read(DATA)
    by_code: dict[str, Country] = {}
    by_name: dict[str, Country] = {}
    for c in rows:
        by_code[c.alpha2] = c
        by_code[c.alpha3] = c
    for c in rows:
        for name in _names(c):
            by_name.setdefault(name, c)
    return _Table(rows=rows, by_code=by_code, by_name=by_name)


def countries() -> list[Country]:
    """Every country or area of the table, by alpha-2 code."""
    return list(_table().rows)


def find_country(code: str) -> Country | None:
    """The country for an ISO alpha-2 or alpha-3 code, in any case; None if there is none."""
    return _table().by_code.get(code.strip().upper())


def country(code: str) -> Country:
    """The country for an ISO alpha-2 or alpha-3 code, in any case.

    Raises ``UnknownCountry`` (a ``ValueError``) with a message naming the code.
    """
    found = find_country(code)
    if found is None:
        raise UnknownCountry(code)
    return found


def find_country_by_name(name: str) -> Country | None:
    """The country whose M49 or ISO name (short, official or common) is ``name``, in any case."""
    return _table().by_name.get(" ".join(name.split()).casefold())


def country_name(code: str | None, language: str | None = None) -> str | None:
    """The UN's short name for an ISO alpha-2 or alpha-3 code ("Viet Nam", "State of
    Palestine"; "État de Palestine" in French), in ``language`` (default: the language
    spoken now); None for no code or one the table does not know."""
    found = find_country(code) if code else None
    return found.name_in(language) if found else None


def speaks_for(
    delegation: str | None, organisation: str | None, code: str | None
) -> tuple[str, str | None]:
    """Whom a participant speaks for, and the country to show beside it (None: nothing more).

    A delegation that names the participant's own country is shown by the UN's
    name for it in the language spoken ("Vietnam" with VN is "Viet Nam", "越南" in
    Chinese), never beside a second spelling of itself; an organisation keeps its
    own name, with its country's.
    """
    found = find_country(code) if code else None
    shown = delegation or organisation
    if found is None:
        return (shown or (code or "").strip().upper(), None)
    if not shown or find_country_by_name(shown) is found:
        return (found.name_in(), None)
    return (shown, found.name_in())


def is_ldc(c: Country, on: date | None = None) -> bool:
    """Whether ``c`` is a least developed country on the day ``on`` (default: the data's date)."""
    graduation = LDC_GRADUATIONS.get(c.alpha2)
    if on is None or graduation is None:
        return c.ldc
    return on < graduation


def groups(c: Country, on: date | None = None) -> tuple[str, ...]:
    """Every development group ``c`` belongs to on the day ``on``, most specific first.

    Ends with "developed" or "developing" (M49's last published distinction),
    so a landlocked developing country that M49 counted as developed, such as
    the Republic of Moldova, gives ("LLDC", "developed").
    """
    members = ((LDC, is_ldc(c, on)), (LLDC, c.lldc), (SIDS, c.sids))
    found = [group for group, member in members if member]
    found.append(DEVELOPED if c.developed else DEVELOPING)
    return tuple(found)


def development_group(c: Country, on: date | None = None) -> str:
    """The single most specific group, for reports that count each country once.

    Precedence: LDC > LLDC > SIDS > developing / developed. Nepal (LDC and
    LLDC) counts as "LDC"; Fiji (SIDS) as "SIDS"; Brazil as "developing".
    """
    return groups(c, on)[0]


def reporting_region(c: Country) -> str:
    """The region as UN reports give it: the M49 region, with the Americas split
    into "Latin America and the Caribbean" and "Northern America"."""
    if c.region == "Americas":
        return c.subregion
    return c.region
