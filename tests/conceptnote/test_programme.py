"""One programme per note: a table or list is the programme; the prose only adds its rules."""

from __future__ import annotations

from podium.conceptnote.people import names_in
from podium.conceptnote.reader import parse_text
from podium.meeting.plan import ClassLimit

HEAD = "**Panel on “Oceans”**\n\n**Monday, 3 March 2025, 10.00-12.00 (Geneva time)**\n\n"


def _segments(body: str) -> list[tuple[str, int | None, float | None, bool]]:
    plan = parse_text(HEAD + body)
    return [(s.role, s.speakers, s.minutes_max, s.per_speaker) for s in plan.segments]


def test_a_programme_table_is_the_programme_and_the_prose_only_adds_limits() -> None:
    plan = parse_text(
        HEAD + "## Modalities\n\n"
        "The Chair opens the panel. Each panelist will speak for up to 7 minutes. "
        "Interventions from the floor are limited to 3 minutes each.\n\n"
        "## Programme\n\n"
        "| Time | Item | Speaker |\n|---|---|---|\n"
        "| 10.00–10.05 | Opening remarks | Chair |\n"
        "| 10.05–10.45 | Presentations by the panellists | Ms. Ana Lima, Brazil<br>"
        "Mr. Ole Berg, Norway |\n"
        "| 10.45–11.55 | Interactive dialogue<br>What works? | Member States |\n"
    )
    assert [(s.role, s.speakers, s.minutes_max, s.per_speaker) for s in plan.segments] == [
        ("chair", 1, 5, False),
        ("panelist", 2, 7, True),
        ("participant", None, 3, True),
    ]
    assert plan.segments[1].names == ("Ms. Ana Lima", "Mr. Ole Berg")
    assert all("Time" not in s.title and "What works" not in s.title for s in plan.segments)


def test_speaking_time_for_all_is_the_floors_limit() -> None:
    assert _segments(
        "Format\n\n- Opening by the Chair (5 minutes)\n- Open discussion (60 minutes)\n\n"
        "Speaking time is 2 minutes for all.\n"
    ) == [("chair", 1, 5, False), ("participant", None, 2, True)]


def test_limits_by_class_of_speaker() -> None:
    plan = parse_text(
        HEAD + "Format\n\nThe Chair opens the meeting (5 minutes). "
        "Statements by delegations follow: 3 minutes for member States, "
        "2 minutes for observers.\n"
    )
    floor = plan.segments[-1]
    assert floor.role == "participant"
    assert floor.per_speaker
    assert floor.class_limits == (ClassLimit("member-state", 3), ClassLimit("observer", 2))


def test_rounds_become_segments_not_a_limit_per_speaker() -> None:
    assert _segments(
        "Format\n\nThe dialogue runs in two slots of 60 minutes each: "
        "45 for the floor, 15 for the panel's answers.\n"
    ) == [
        ("participant", None, 45, False),
        ("panelist", None, 15, False),
        ("participant", None, 45, False),
        ("panelist", None, 15, False),
    ]


def test_lists_of_people_give_names() -> None:
    plan = parse_text(
        HEAD + "Background\n\nThe oceans matter.\n\n"
        "Convened by\n\n- Dr. Mukhisa Kituyi, Secretary-General, UNCTAD\n\n"
        "Speakers\n\n- Baroness Valerie Amos, Director, SOAS\n- Ms. Anabel Gonzalez, World Bank\n"
    )
    assert [(s.role, s.speakers, s.names) for s in plan.segments] == [
        ("chair", 1, ("Dr. Mukhisa Kituyi",)),
        ("panelist", 2, ("Baroness Valerie Amos", "Ms. Anabel Gonzalez")),
    ]


def test_semicolon_list_and_labels_give_names() -> None:
    plan = parse_text(
        HEAD + "Programme\n\n"
        "- Fireside chat: H.E. Ms. Leila Benali, President; Ms. Inger Andersen, Director\n"
        "- Interactive discussion: Member States and stakeholders\n\n"
        "Participants\n\nModerator: Ms. Ruth Dreifuss, former President\n"
    )
    assert [(s.role, s.names) for s in plan.segments] == [
        ("keynote", ("H.E. Ms. Leila Benali", "Ms. Inger Andersen")),
        ("participant", ()),
    ]


def test_a_recognised_section_that_gives_nothing_is_a_warning_with_its_field() -> None:
    plan = parse_text(
        HEAD + "Guiding questions\n\nTo be circulated.\n\nProgramme\n\nTo be announced.\n\n"
        "Documents\n\nForthcoming.\n"
    )
    fields = {w.field: w.line for w in plan.warnings if w.field}
    assert fields["questions"] == 5
    assert fields["segments"] == 9
    assert fields["documents"] == 13


def test_a_states_delegate_speaks_but_is_no_persons_name() -> None:
    plan = parse_text(
        HEAD + "Speakers\n\n- Mr. Ole Berg, Minister of Trade of Norway\n"
        "- Ms. Ana Lima, Director, UNCTAD\n"
        "- Representative of Argentina, Chair of the previous session\n"
    )
    assert [(s.role, s.speakers, s.names) for s in plan.segments] == [
        ("panelist", 3, ("Mr. Ole Berg", "Ms. Ana Lima")),
    ]


def test_chinese_names_are_read_before_the_form_of_address_that_follows_them() -> None:
    text = (
        "欢迎词：经济及社会理事会主席英加·朗达·金阁下\n"
        "回顾：拉扎勒斯·卡潘布韦阁下，赞比亚常驻联合国代表\n"
        "总结：王毅先生\n"
        "问答"
    )
    assert names_in(text, "zh") == ["英加·朗达·金阁下", "拉扎勒斯·卡潘布韦阁下", "王毅先生"]


def test_an_items_label_names_its_role_over_roles_named_later_in_it() -> None:
    assert _segments(
        "## Format\n\n"
        "- Moderator: opens the session and allocates time to the panelists and discussants\n"
        "- Panelists: interventions of up to five minutes each\n"
        "- Discussants: reactions of up to three minutes each\n"
    ) == [("moderator", 1, None, False), ("panelist", None, 5, True), ("discussant", None, 3, True)]


def test_a_name_after_the_words_of_a_speech_is_a_speakers_name() -> None:
    text = (
        "Ms. Rola Dashti, Executive Secretary of ESCWA\n"
        "Statement by Mr. Saad Hariri, President of the Council of Ministers of Lebanon\n"
        "Opening remarks by the Chair"
    )
    assert names_in(text, "en") == ["Ms. Rola Dashti", "Mr. Saad Hariri"]
    assert names_in("Palabras de la Sra. Alicia Bárcena, CEPAL", "es") == ["Sra. Alicia Bárcena"]


def test_a_labelled_person_in_the_title_block_opens_the_programme() -> None:
    plan = parse_text(
        "**Informal consultations with non-governmental organizations**\n\n"
        "Thursday, 22 October 2015, 10:00 AM - 1:00 PM, Conference Room 2\n\n"
        "Convened by: H.E. Mr. Andrej Logar, Chairperson of the Second Committee\n\n"
        "## Purpose\n\nThe consultations give civil society a voice.\n\n"
        "## Speakers\n\n- Ms. Ana Lima, Oxfam\n- Mr. Ole Berg, CIVICUS\n"
    )
    assert [(s.role, s.names) for s in plan.segments] == [
        ("chair", ("H.E. Mr. Andrej Logar",)),
        ("panelist", ("Ms. Ana Lima", "Mr. Ole Berg")),
    ]


def test_arabic_opening_statements_list_their_speakers_up_to_the_arabic_comma() -> None:
    plan = parse_text(
        "# الجلسة الافتتاحية\n\n"
        "الثلاثاء 5 آذار/مارس 2024، الساعة 9:00 صباحًا بتوقيت بيروت\n\n"
        "## نبذة عن المنتدى\n\nتنظّم الإسكوا المنتدى العربي للتنمية المستدامة.\n\n"
        "## كلمات الافتتاح\n\n"
        "- السيد نجيب ميقاتي، رئيس حكومة تصريف الأعمال في لبنان\n"
        "- السيدة رولا دشتي، الأمينة التنفيذية للإسكوا\n"
    )
    assert [(s.role, s.speakers, s.names) for s in plan.segments] == [
        ("keynote", 2, ("السيد نجيب ميقاتي", "السيدة رولا دشتي")),
    ]
