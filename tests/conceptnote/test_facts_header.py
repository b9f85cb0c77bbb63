"""The meeting's facts from anywhere in the note, with warnings that name their field."""

from __future__ import annotations

from podium.conceptnote.header import read_header
from podium.conceptnote.reader import parse_text
from podium.conceptnote.textblocks import elements


def _header(text: str, head_count: int, language: str = "en"):  # type: ignore[no-untyped-def]
    found = elements(text)
    return read_header(found[:head_count], found, language)


def test_the_meetings_own_date_line_beats_the_sessions_range_and_takes_its_year() -> None:
    note = (
        "**Human Rights Council**\n\n**Thirtieth session, 2–20 March 2026**\n\n"
        "**Panel on “Water and sanitation”**\n\n## Background\n\nText.\n\n"
        "## Date and venue\n\nThursday, 12 March, 15.00–18.00, Room XX, Palais des Nations\n"
    )
    plan = parse_text(note)
    assert plan.start is not None and plan.start.isoformat() == "2026-03-12T15:00:00+01:00"
    assert plan.end is not None and plan.end.isoformat() == "2026-03-12T18:00:00+01:00"
    assert plan.timezone == "Europe/Zurich"
    assert plan.venue == "Room XX, Palais des Nations"
    zone = [w for w in plan.warnings if w.field == "timezone"]
    assert [w.message for w in zone] == [
        "time zone taken from the venue 'Palais des Nations': Europe/Zurich"
    ]
    assert not any(w.field == "start" for w in plan.warnings)


def test_a_zone_in_a_line_under_a_heading_is_seen() -> None:
    note = (
        "**Regional dialogue on “Rivers”**\n\n**Monday, 9 March 2026, 10.00-12.00**\n\n"
        "## Logistics\n\nAll times are East Africa Time (UTC+3).\n"
    )
    plan = parse_text(note)
    assert plan.timezone == "+03:00"
    assert plan.start is not None and plan.start.isoformat() == "2026-03-09T10:00:00+03:00"


def test_an_offset_with_a_station_of_that_offset_is_the_stations_zone() -> None:
    plan = parse_text(
        "**Panel on “Oceans”**\n\n**2 July 2025, 10.00-13.00 (UTC-4)**\n"
        "**Conference Room 4, United Nations Headquarters**\n"
    )
    assert plan.timezone == "America/New_York"
    assert plan.warnings == ()


def test_an_abbreviation_out_of_season_is_read_as_the_places_time_and_said() -> None:
    plan = parse_text("**Dialogue on “Oceans”**\n\n**2 July 2025, 10 a.m. to 1 p.m. EST**\n")
    assert plan.timezone == "America/New_York"
    assert plan.start is not None and plan.start.isoformat() == "2025-07-02T10:00:00-04:00"
    (warning,) = plan.warnings
    assert warning.field == "timezone" and "'EST' (UTC-05:00)" in warning.message


def test_a_city_in_the_title_block_gives_the_zone_with_a_warning() -> None:
    plan = parse_text("**Roundtable on “Trade”**\n\n**Geneva, 19 February 2018, 15:00–17:00**\n")
    assert plan.timezone == "Europe/Zurich"
    assert [(w.field, w.message) for w in plan.warnings] == [
        ("timezone", "time zone taken from the city 'Geneva': Europe/Zurich")
    ]


def test_no_zone_at_all_is_utc_with_a_warning_on_the_timezone() -> None:
    plan = parse_text("**Panel on “X”**\n\n**1 March 2025, 10.00-11.00**\n")
    assert plan.timezone == "+00:00"
    assert [w.field for w in plan.warnings] == ["timezone"]


def test_a_bad_time_is_a_warning_on_the_start() -> None:
    plan = parse_text("**Panel on “Water”**\n\n**1 March 2025, 25.00-26.00 (Geneva time)**\n")
    assert plan.start is None
    assert {w.field for w in plan.warnings} == {"start"}


def test_french_header() -> None:
    header = _header(
        "**Conseil des droits de l’homme – Vingt-septième session**\n\n"
        "**Table ronde de haut niveau sur « La prévention »**\n\n"
        "Date et lieu : jeudi 18 septembre 2014, de 12 h 00 à 15 h 00, "
        "salle XX, Palais des Nations, Genève\n",
        3,
        "fr",
    )
    assert (header.body, header.session_number) == ("Conseil des droits de l’homme", 27)
    assert header.session_title == "Vingt-septième session"
    assert (header.kind, header.title) == ("table ronde de haut niveau", "La prévention")
    assert header.start is not None and header.start.isoformat() == "2014-09-18T12:00:00+02:00"
    assert header.venue == "salle XX, Palais des Nations, Genève"
    assert header.timezone == "Europe/Zurich"


def test_spanish_header() -> None:
    header = _header(
        "**Consejo de Derechos Humanos, 28.º período de sesiones**\n\n"
        "**Mesa redonda de alto nivel sobre “La pena de muerte”**\n\n"
        "Miércoles 4 de marzo de 2015, de 10:00 a 13:00 horas (hora de Ginebra)\n",
        3,
        "es",
    )
    assert (header.session_number, header.kind) == (28, "mesa redonda de alto nivel")
    assert header.title == "La pena de muerte"
    assert header.start is not None and header.start.isoformat() == "2015-03-04T10:00:00+01:00"
    assert header.end is not None and header.end.isoformat() == "2015-03-04T13:00:00+01:00"
    assert (header.timezone, header.problems) == ("Europe/Zurich", [])


def test_russian_header() -> None:
    header = _header(
        "**Совет по правам человека, двадцать седьмая сессия**\n\n"
        "**Дискуссионная группа высокого уровня на тему «Предупреждение»**\n\n"
        "Вторник, 1 марта 2016 года, с 9:00 до 12:00, зал XX, Дворец Наций, Женева\n",
        3,
        "ru",
    )
    assert (header.session_number, header.kind) == (27, "дискуссионная группа высокого уровня")
    assert header.title == "Предупреждение"
    assert header.start is not None and header.start.isoformat() == "2016-03-01T09:00:00+01:00"
    assert header.venue == "зал XX, Дворец Наций, Женева"


def test_arabic_header() -> None:
    header = _header(
        "**مجلس حقوق الإنسان، الدورة السابعة والعشرون**\n\n"
        "**حلقة نقاش رفيعة المستوى بشأن «منع الانتهاكات»**\n\n"
        "الخميس ١٨ أيلول/سبتمبر ٢٠١٤، الساعة ١٢:٠٠ - ١٥:٠٠ بتوقيت جنيف\n",
        3,
        "ar",
    )
    assert (header.session_number, header.kind) == (27, "حلقة نقاش رفيعة المستوى")
    assert header.title == "منع الانتهاكات"
    assert header.start is not None and header.start.isoformat() == "2014-09-18T12:00:00+02:00"
    assert header.timezone == "Europe/Zurich"


def test_chinese_header() -> None:
    header = _header(
        "**科学和技术促进发展委员会第二十七届会议**\n\n"
        "**关于“全球科技合作”的高级别小组讨论**\n\n"
        "2024年4月15日（星期一）下午3时至4时30分（日内瓦时间）\n",
        3,
        "zh",
    )
    assert (header.session_number, header.kind) == (27, "高级别小组讨论")
    assert header.title == "全球科技合作"
    assert header.start is not None and header.start.isoformat() == "2024-04-15T15:00:00+02:00"
    assert header.end is not None and header.end.isoformat() == "2024-04-15T16:30:00+02:00"


def test_an_upper_case_title_wrapped_over_two_lines_is_one_title() -> None:
    plan = parse_text(
        "ECONOMIC AND SOCIAL COUNCIL\n\nDIGITAL FINANCE FOR THE\n\n"
        "SUSTAINABLE DEVELOPMENT GOALS\n\n3 June 2025, 10 a.m. to 1 p.m. (New York time)\n"
    )
    assert plan.title == "DIGITAL FINANCE FOR THE SUSTAINABLE DEVELOPMENT GOALS"


def test_a_theme_line_is_the_title_when_the_kind_line_has_none_quoted() -> None:
    header = _header(
        "**Human Rights Council – Thirty-fourth session**\n\n"
        "**Biennial high-level panel discussion on the question of the death penalty**\n\n"
        "Theme: “The death penalty and the prohibition of torture”\n\n"
        "Wednesday, 1 March 2017, Room XX, Palais des Nations, Geneva | 3 to 6 p.m.\n",
        4,
    )
    assert header.kind == "biennial high-level panel discussion"
    assert header.title == "The death penalty and the prohibition of torture"
    assert header.venue == "Room XX, Palais des Nations, Geneva"
    assert header.start is not None and header.start.isoformat() == "2017-03-01T15:00:00+01:00"


def test_a_kind_named_alone_takes_its_title_from_a_quoted_line_and_two_ranges_are_one_meeting() -> (
    None
):
    header = _header(
        "**Consejo de Derechos Humanos – 28.º período de sesiones**\n\n"
        "**Sesión de apertura**\n\n"
        "«Esfuerzos regionales encaminados a la abolición»\n\n"
        "Miércoles 4 de marzo de 2015, de las 10:00 a las 13:00 y de 15:00 a 18:00 horas\n\n"
        "(hora de Ginebra)\n\n"
        "Sala XX, Palacio de las Naciones\n",
        6,
        "es",
    )
    assert (header.kind, header.title) == (
        "sesión de apertura",
        "Esfuerzos regionales encaminados a la abolición",
    )
    assert header.start is not None and header.start.isoformat() == "2015-03-04T10:00:00+01:00"
    assert header.end is not None and header.end.isoformat() == "2015-03-04T18:00:00+01:00"
    assert header.venue == "Sala XX, Palacio de las Naciones"


def test_a_where_row_and_a_theme_heading() -> None:
    header = _header(
        "**Economic and Social Council – 2020 session**\n\n"
        "**Meeting of the Council with the Chairs of the Functional Commissions**\n\n"
        "Theme\n\n“Accelerated action and transformative pathways”\n\n"
        "| When | Where |\n|---|---|\n| Friday, 31 January 2020, 10 a.m. to 12 p.m. | "
        "ECOSOC Chamber, United Nations Headquarters |\n",
        5,
    )
    assert (header.kind, header.title) == (
        "meeting",
        "Accelerated action and transformative pathways",
    )
    assert header.start is not None and header.start.isoformat() == "2020-01-31T10:00:00-05:00"
    assert header.timezone == "America/New_York"
    assert header.venue == "ECOSOC Chamber, United Nations Headquarters"


def test_the_facts_do_not_hang_on_the_language_said() -> None:
    note = (
        "**Commission de la science, vingt-deuxième session**\n\n"
        "**Réunion de haut niveau : « Donner des moyens d’action »**\n\n"
        "Lundi 13 mai 2019, de 10 h à 13 h, salle XX, Palais des Nations\n"
    )
    read = {language: _header(note, 3, language) for language in ("fr", "en", "es", "ru")}
    assert {(h.kind, h.title, h.session_number, h.venue) for h in read.values()} == {
        ("réunion de haut niveau", "Donner des moyens d’action", 22, "salle XX, Palais des Nations")
    }


def test_a_line_ending_with_its_kind_is_the_title() -> None:
    header = _header(
        "HUMAN RIGHTS COUNCIL\n\nTwenty-ninth session\n\n"
        "UPDATE BY THE HIGH COMMISSIONER FOLLOWED BY GENERAL DEBATE\n\n"
        "Monday, 15 June 2015, 9.00 - 12.00, Room XX\n",
        4,
    )
    assert header.kind == "general debate"
    assert header.title == "UPDATE BY THE HIGH COMMISSIONER FOLLOWED BY GENERAL DEBATE"
    assert (header.venue, header.timezone) == ("Room XX", "Europe/Zurich")


def test_a_meeting_over_several_days_ends_on_its_last_days_closing_time() -> None:
    note = (
        "**Regional forum on “Rivers”**\n\n**Bangkok, 4–8 May 2026**\n\n"
        "## Schedule\n\n"
        "| Date | Time | Item |\n| --- | --- | --- |\n"
        "| Monday, 4 May 2026 | 14:30–17:30 | Debate (first part) |\n"
        "| Tuesday, 5 May 2026 | 09:00–12:00 | Debate (second part) |\n\n"
        "## Registration\n\nRequests are due by Friday, 24 April 2026, 17:00–18:00.\n"
    )
    plan = parse_text(note)
    assert plan.start is not None and plan.start.isoformat() == "2026-05-04T14:30:00+07:00"
    assert plan.end is not None and plan.end.isoformat() == "2026-05-05T12:00:00+07:00"


def test_a_later_day_outside_the_programme_does_not_stretch_the_meeting() -> None:
    note = (
        "**Panel on “Oceans”**\n\n**Monday, 4 May 2026, 10:00–13:00, Bangkok**\n\n"
        "## Follow-up\n\nA briefing is held on Tuesday, 5 May 2026, 15:00–16:00.\n"
    )
    plan = parse_text(note)
    assert plan.end is not None and plan.end.isoformat() == "2026-05-04T13:00:00+07:00"


def test_a_main_heading_without_a_kind_is_the_title_and_the_prose_gives_the_kind() -> None:
    note = (
        "# What the first cycle taught us: how can it improve?\n\n"
        "**High-level political forum on sustainable development, convened by the Council,"
        " 2026**\n\n"
        "Thursday, 9 July 2026, 16:00–17:30, Conference Room 4\n\n"
        "## Format\n\nThe session is organized as a town hall meeting in two parts.\n"
    )
    plan = parse_text(note)
    assert plan.title == "What the first cycle taught us: how can it improve?"
    assert plan.kind == "town hall meeting"


def test_the_prose_names_the_meeting_when_the_title_block_does_not() -> None:
    english = parse_text(
        "# From words to deeds\n\nFriday, 10 July 2026, 10:00, New York\n\n"
        "## Background\n\nIn line with the Agenda, this session gives stakeholders a voice.\n"
    )
    assert english.kind == "session"
    french = parse_text(
        "# Troisième session du Forum régional africain\n\nThème : « Agir ensemble »\n\n"
        "Mercredi 17 mai 2017, 10 h 00, Addis-Abeba\n\n"
        "## Contexte\n\nLe Forum régional se tient avant le forum politique de haut niveau.\n"
    )
    assert french.kind == "forum régional"
    # "The session of the Commission" is another meeting, not this one's kind.
    other = parse_text(
        "# From words to deeds\n\nFriday, 10 July 2026, 10:00, New York\n\n"
        "## Background\n\nThe session of the Commission opened the year.\n"
    )
    assert other.kind is None


def test_questions_listed_inside_a_programme_cell_are_the_notes_questions() -> None:
    plan = parse_text(
        "**Panel on “Oceans”**\n\n**2 July 2025, 15:30–17:30, New York**\n\n## Programme\n\n"
        "| Time | Item |\n| --- | --- |\n"
        "| 15:30–17:30 | Panel. Key questions: What is needed today? Which commitments "
        "count most? |\n"
    )
    assert plan.questions == ("What is needed today?", "Which commitments count most?")


def test_a_venue_ends_before_a_clause_that_is_no_place_and_a_kind_before_and_is_whole() -> None:
    plan = parse_text(
        "# Informal focused consultation on patents\n\nFriday, 7 October 2022, 14:00–17:00\n\n"
        "Fully virtual, with interpretation in all official languages\n\n## Topics\n\n- Patents\n"
    )
    assert plan.venue == "Fully virtual"
    spanish = parse_text(
        "# Sesión de apertura y serie de sesiones de alto nivel\n\n"
        "Lunes 25 de febrero de 2019, 9.00 horas\n\nPalais des Nations, Ginebra\n"
    )
    assert spanish.kind == "sesión de apertura"
    assert spanish.title == "Sesión de apertura y serie de sesiones de alto nivel"
