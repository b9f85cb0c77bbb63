"""Country names, regions and the SDGs' short titles in the six official languages."""

from __future__ import annotations

import csv

import pytest

from podium.i18n import speaking
from podium.meeting.commands import GiveFloor, OpenMeeting, RequestFloor, StartSegment
from podium.meeting.words import CHAIR, Actor
from podium.record.groups import label
from podium.reference import (
    REPORTING_REGIONS,
    SDGS,
    UN_LANGUAGES,
    countries,
    country,
    country_name,
    find_country_by_name,
    sdg,
    speaks_for,
)
from podium.reference.countries import DATA, NAMES
from tests.web.test_pages import Site, site  # noqa: F401 - the fixture

# M49's own names, as the UN prints them in each language.
NAMES_BY_LANGUAGE = {
    "en": {"VN": "Viet Nam", "PS": "State of Palestine", "TR": "Türkiye", "CN": "China"},
    "fr": {"VN": "Viet Nam", "PS": "État de Palestine", "BO": "Bolivie (État plurinational de)"},
    "es": {"PS": "Estado de Palestina", "BO": "Bolivia (Estado Plurinacional de)", "KE": "Kenya"},
    "ru": {"VN": "Вьетнам", "KE": "Кения", "NP": "Непал"},
    "zh": {"VN": "越南", "KE": "肯尼亚", "BO": "多民族玻利维亚国", "PS": "巴勒斯坦国"},
    "ar": {"PS": "دولة فلسطين", "KE": "كينيا", "CN": "الصين", "NP": "نيبال"},
}

TITLES_BY_LANGUAGE = {
    "en": {9: "Industry, innovation and infrastructure", 13: "Climate action"},
    "fr": {9: "Industrie, innovation et infrastructure", 1: "Pas de pauvreté"},
    "es": {9: "Industria, innovación e infraestructura", 2: "Hambre cero"},
    "ru": {9: "Индустриализация, инновации и инфраструктура", 5: "Гендерное равенство"},
    "zh": {9: "产业、创新和基础设施", 17: "促进目标实现的伙伴关系"},
    "ar": {9: "الصناعة والابتكار والهياكل الأساسية", 13: "العمل المناخي"},
}


def test_every_country_has_a_name_in_each_of_the_six_languages() -> None:
    for c in countries():
        assert set(c.names) == set(UN_LANGUAGES), c.alpha2
        assert all(name.strip() == name and name for name in c.names.values()), c.alpha2
        assert c.names["en"] == c.name  # the same M49 English name as the groupings table


def test_the_names_file_lists_the_same_countries_in_the_same_order() -> None:
    def codes(path: object) -> list[str]:
        with open(path, encoding="utf-8", newline="") as f:  # type: ignore[call-overload]
            return [row["alpha2"] for row in csv.DictReader(x for x in f if x[0] != "#")]

    assert codes(NAMES) == codes(DATA)


@pytest.mark.parametrize("language", sorted(NAMES_BY_LANGUAGE))
def test_a_country_is_named_in_the_language_spoken(language: str) -> None:
    with speaking(language):
        for code, name in NAMES_BY_LANGUAGE[language].items():
            assert country_name(code) == name
            assert country(code).name_in() == name
            # A delegation named for its own country, in any language, shows the UN's name once.
            assert speaks_for(country(code).names["en"], None, code) == (name, None)
            assert speaks_for(None, "Some University", code) == ("Some University", name)
    assert country_name("KE", language) == country("KE").names[language]


def test_a_country_is_found_by_its_name_in_any_of_the_six_languages() -> None:
    for name in ("Allemagne", "Alemania", "德国", "ألمانيا", "Германия", "germany"):
        found = find_country_by_name(name)
        assert found is not None and found.alpha2 == "DE", name


def test_a_language_other_than_the_six_falls_back_to_english() -> None:
    assert country_name("VN", "de") == "Viet Nam"
    assert sdg(9).title_in("de") == "Industry, innovation and infrastructure"


@pytest.mark.parametrize("language", sorted(TITLES_BY_LANGUAGE))
def test_the_goals_short_titles_in_the_language_spoken(language: str) -> None:
    with speaking(language):
        titles = {g.title for g in SDGS}
        assert len(titles) == 17
        for number, title in TITLES_BY_LANGUAGE[language].items():
            assert sdg(number).title == title
            assert title in sdg(number).label and str(number) in sdg(number).label
        if language != "en":
            assert not titles & {g.title_in("en") for g in SDGS}


@pytest.mark.parametrize(
    ("language", "cited"),
    [
        ("en", "SDG 9: Industry, innovation and infrastructure"),
        ("fr", "ODD 9 : Industrie, innovation et infrastructure"),
        ("es", "ODS 9: Industria, innovación e infraestructura"),
        ("ru", "ЦУР 9: Индустриализация, инновации и инфраструктура"),
    ],
)
def test_a_goal_is_cited_as_un_documents_cite_it(language: str, cited: str) -> None:
    with speaking(language):
        assert sdg(9).label == cited


@pytest.mark.parametrize("language", [lang for lang in UN_LANGUAGES if lang != "en"])
def test_the_regions_of_the_reports_are_named_in_each_language(language: str) -> None:
    english = [label("region", r) for r in REPORTING_REGIONS]
    with speaking(language):
        named = [label("region", r) for r in REPORTING_REGIONS]
    assert len(set(named)) == len(REPORTING_REGIONS)
    assert len(set(named) - set(english)) >= 4  # "Europe" is French too, "Asia" Spanish


def test_pages_name_a_country_in_the_readers_language(site: Site) -> None:  # noqa: F811
    site.service.execute(site.meeting, OpenMeeting(), CHAIR)
    site.service.execute(site.meeting, StartSegment(segment=2), CHAIR)
    who, _token = site.register("Speaker PS", delegation="State of Palestine", country="PS")
    site.service.execute(site.meeting, RequestFloor(), Actor("participant", who))
    site.service.execute(site.meeting, GiveFloor(participant_id=who), CHAIR)
    for language in UN_LANGUAGES:
        html = site.client("chair").get(f"/m/{site.meeting}/chair?lang={language}").text
        assert country("PS").names[language] in html, language
        if language not in ("en",):
            assert "State of Palestine" not in html, language
