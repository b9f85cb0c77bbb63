"""The M49 table: counts against the published figures, spot checks, lookups."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pycountry
import pytest

from podium.reference import (
    DEVELOPMENT_GROUPS,
    LDC_GRADUATIONS,
    REGIONS,
    REPORTING_REGIONS,
    UnknownCountry,
    countries,
    country,
    development_group,
    find_country,
    find_country_by_name,
    groups,
    is_ldc,
    reporting_region,
)
from podium.reference.countries import DATA


def codeset(text: str) -> set[str]:
    return set(text.split())


# The UN list after Sao Tome and Principe's graduation (13 December 2024).
LDCS = codeset(
    """
    AF AO BD BF BI BJ CD CF DJ ER ET GM GN GW HT KH KI KM LA LR LS MG
    ML MM MR MW MZ NE NP RW SB SD SL SN SO SS TD TG TL TV TZ UG YE ZM
    """
)
LLDCS = codeset(
    """
    AF AM AZ BF BI BO BT BW CF ET KG KZ LA LS MD MK
    ML MN MW NE NP PY RW SS SZ TD TJ TM UG UZ ZM ZW
    """
)
SIDS_MEMBERS = codeset(
    """
    AG BS BB BZ CV KM CU DM DO FJ GD GW GY HT JM KI MV MH MU
    FM NR PW PG WS ST SC SG KN LC VC SB SR TL TO TT TV VU
    """
)
SIDS_OTHER_AREAS = codeset("AI AS AW BQ CK CW GU MP MS NC NU PF PR SX VG VI")


def codes(predicate: str) -> set[str]:
    return {c.alpha2 for c in countries() if getattr(c, predicate)}


def test_the_table_holds_m49_less_antarctica_and_sark() -> None:
    assert len(countries()) == 247
    assert find_country("AQ") is None
    assert len({c.alpha2 for c in countries()}) == 247
    assert len({c.alpha3 for c in countries()}) == 247
    assert len({c.m49 for c in countries()}) == 247
    assert len({c.name for c in countries()}) == 247


def test_group_counts_match_the_published_totals() -> None:
    assert codes("ldc") == LDCS
    assert len(LDCS) == 44
    assert codes("lldc") == LLDCS
    assert len(LLDCS) == 32
    assert codes("sids") == SIDS_MEMBERS | SIDS_OTHER_AREAS
    assert (len(SIDS_MEMBERS), len(SIDS_OTHER_AREAS)) == (37, 16)
    assert len(codes("developed")) == 65


def test_region_counts() -> None:
    assert Counter(c.region for c in countries()) == {
        "Africa": 60,
        "Americas": 57,
        "Asia": 50,
        "Europe": 51,
        "Oceania": 29,
    }
    assert Counter(reporting_region(c) for c in countries()) == {
        "Africa": 60,
        "Asia": 50,
        "Europe": 51,
        "Latin America and the Caribbean": 52,
        "Northern America": 5,
        "Oceania": 29,
    }


def test_counts_stated_in_the_data_header_and_readme_are_true() -> None:
    header = DATA.read_text(encoding="utf-8").splitlines()[1]
    assert "44 LDCs, 32 LLDCs, 53 SIDS; 247 areas" in header
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    stated = dict(
        re.findall(r"^\| (LDC|LLDC|SIDS|developed|countries or areas) \| (\d+) \|", readme, re.M)
    )
    assert stated == {
        "countries or areas": str(len(countries())),
        "LDC": str(len(codes("ldc"))),
        "LLDC": str(len(codes("lldc"))),
        "SIDS": str(len(codes("sids"))),
        "developed": str(len(codes("developed"))),
    }


def test_every_code_agrees_with_iso_3166() -> None:
    for c in countries():
        entry = pycountry.countries.get(alpha_2=c.alpha2)
        assert entry is not None, c.alpha2
        assert entry.alpha_3 == c.alpha3, c
        assert entry.numeric == c.m49, c


def test_regions_and_subregions_are_m49s() -> None:
    intermediate = {
        ("Sub-Saharan Africa", "Eastern Africa"),
        ("Sub-Saharan Africa", "Middle Africa"),
        ("Sub-Saharan Africa", "Southern Africa"),
        ("Sub-Saharan Africa", "Western Africa"),
        ("Latin America and the Caribbean", "Caribbean"),
        ("Latin America and the Caribbean", "Central America"),
        ("Latin America and the Caribbean", "South America"),
        ("Northern Europe", "Channel Islands"),
    }
    for c in countries():
        assert c.region in REGIONS
        assert reporting_region(c) in REPORTING_REGIONS
        if c.intermediate_region is not None:
            assert (c.subregion, c.intermediate_region) in intermediate, c
        elif c.subregion in ("Sub-Saharan Africa", "Latin America and the Caribbean"):
            pytest.fail(f"{c.name} has no intermediate region")


def test_nepal_is_ldc_and_lldc_in_southern_asia() -> None:
    np = country("NP")
    assert (np.name, np.region, np.subregion, np.intermediate_region) == (
        "Nepal",
        "Asia",
        "Southern Asia",
        None,
    )
    assert np.ldc and np.lldc and not np.sids and not np.developed
    assert groups(np) == ("LDC", "LLDC", "developing")
    assert development_group(np) == "LDC"


def test_fiji_is_sids_in_melanesia() -> None:
    fj = country("FJ")
    assert (fj.region, fj.subregion) == ("Oceania", "Melanesia")
    assert development_group(fj) == "SIDS"
    assert groups(fj) == ("SIDS", "developing")


def test_switzerland_is_developed_in_western_europe() -> None:
    ch = country("CHE")
    assert (ch.alpha2, ch.m49, ch.region, ch.subregion) == ("CH", "756", "Europe", "Western Europe")
    assert development_group(ch) == "developed"


def test_brazil_is_developing_in_latin_america() -> None:
    br = country("br")
    assert (br.region, br.subregion, br.intermediate_region) == (
        "Americas",
        "Latin America and the Caribbean",
        "South America",
    )
    assert reporting_region(br) == "Latin America and the Caribbean"
    assert development_group(br) == "developing"


def test_northern_america_is_reported_apart_and_developed() -> None:
    for code in ("US", "CA", "BM", "GL", "PM"):
        c = country(code)
        assert reporting_region(c) == "Northern America"
        assert c.developed


def test_graduates_have_left_the_ldc_category() -> None:
    bhutan = country("BT")  # graduated 13 December 2023
    assert not bhutan.ldc and bhutan.lldc
    assert development_group(bhutan) == "LLDC"
    sao_tome = country("STP")  # graduated 13 December 2024
    assert not sao_tome.ldc and sao_tome.sids
    assert development_group(sao_tome) == "SIDS"


def test_the_ldc_list_is_the_one_in_force_on_the_day_asked() -> None:
    nepal, bhutan, bangladesh = country("NP"), country("BT"), country("BD")
    assert groups(nepal, date(2024, 4, 15)) == ("LDC", "LLDC", "developing")
    assert groups(nepal, date(2026, 11, 23)) == ("LDC", "LLDC", "developing")
    assert groups(nepal, date(2026, 11, 24)) == ("LLDC", "developing")
    assert development_group(bangladesh, date(2027, 4, 12)) == "developing"
    assert development_group(bhutan, date(2021, 4, 1)) == "LDC"
    assert development_group(bhutan, date(2024, 4, 15)) == "LLDC"
    assert is_ldc(country("SB"), date(2027, 12, 12)) and not is_ldc(
        country("SB"), date(2027, 12, 13)
    )
    assert is_ldc(country("TD"), date(2030, 1, 1))  # no graduation scheduled


def test_the_table_agrees_with_the_graduation_dates_on_its_own_date() -> None:
    data_date = date(2026, 11, 22)  # "Status as at" in data/README.md
    for code, graduated in LDC_GRADUATIONS.items():
        assert country(code).ldc == (data_date < graduated), code


def test_m49s_developed_distinction() -> None:
    assert {c.alpha2 for c in countries() if c.developed and c.region == "Asia"} == {
        "JP",
        "IL",
        "CY",
    }
    assert all(c.developed for c in countries() if c.region == "Europe")
    assert all(c.developed for c in countries() if c.subregion == "Australia and New Zealand")
    assert not any(c.developed for c in countries() if c.region == "Africa")
    for code in ("KR", "SG", "CN", "MX", "TR"):
        assert not country(code).developed, code
    # No LDC or SIDS was ever counted developed; two European LLDCs were.
    assert not any(c.developed for c in countries() if c.ldc or c.sids)
    assert {c.alpha2 for c in countries() if c.developed and c.lldc} == {"MD", "MK"}
    assert groups(country("MD")) == ("LLDC", "developed")


def test_every_country_has_one_development_group_and_they_nest() -> None:
    for c in countries():
        g = groups(c)
        assert g[-1] in ("developed", "developing")
        assert development_group(c) == g[0]
        assert set(g) <= set(DEVELOPMENT_GROUPS)
        assert list(g) == sorted(g, key=DEVELOPMENT_GROUPS.index)


def test_uses_m49_names() -> None:
    assert country("TR").name == "Türkiye"
    assert country("GB").name == "United Kingdom of Great Britain and Northern Ireland"
    assert country("BO").name == "Bolivia (Plurinational State of)"
    assert country("HK").name == "China, Hong Kong Special Administrative Region"


@pytest.mark.parametrize("code", ["np", "NP", "npl", "NPL", " Np "])
def test_lookup_is_case_insensitive_for_both_code_lengths(code: str) -> None:
    assert country(code).alpha2 == "NP"


@pytest.mark.parametrize("code", ["XX", "ZZZ", "", "N", "NEPAL", "TW", "XK"])
def test_unknown_code(code: str) -> None:
    assert find_country(code) is None
    with pytest.raises(UnknownCountry) as caught:
        country(code)
    assert isinstance(caught.value, ValueError)
    assert caught.value.code == code
    message = str(caught.value)
    assert f"Unknown country code '{code}'" in message
    assert "alpha-2" in message and "alpha-3" in message


@pytest.mark.parametrize(
    ("name", "alpha2"),
    [
        ("Nepal", "NP"),
        ("türkiye", "TR"),
        ("Laos", "LA"),
        ("South Korea", "KR"),
        ("Tanzania", "TZ"),
        ("Bolivia", "BO"),
        ("Bolivia (Plurinational State of)", "BO"),
        ("United  Kingdom", "GB"),
        ("Republic of Korea", "KR"),
        ("Côte d’Ivoire", "CI"),
        ("Côte d'Ivoire", "CI"),
    ],
)
def test_find_by_name(name: str, alpha2: str) -> None:
    found = find_country_by_name(name)
    assert found is not None and found.alpha2 == alpha2


def test_find_by_name_unknown() -> None:
    assert find_country_by_name("Atlantis") is None


def test_countries_returns_a_fresh_list_of_the_same_values() -> None:
    first = countries()
    first.clear()
    assert len(countries()) == 247
    assert country("NP") is country("npl")
