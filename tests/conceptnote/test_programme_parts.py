"""Parts of the programme as notes write them: a row that gives the floor to several roles in
turn, a sentence that lists the parts, a table whose header names the item's column, questions
in a programme's cell, limits set under a label of people."""

from __future__ import annotations

from podium.conceptnote.people import Group, groups_in
from podium.conceptnote.reader import parse_text

HEAD = "**Panel on “Oceans”**\n\n**Monday, 3 March 2025, 10.00-12.00 (Geneva time)**\n\n"


def _read(body: str) -> list[tuple[str, int | None, float | None, bool]]:
    plan = parse_text(HEAD + body)
    return [(s.role, s.speakers, s.minutes_max, s.per_speaker) for s in plan.segments]


def test_a_row_mixing_roles_gives_each_role_its_segment_and_its_own_limit() -> None:
    plan = parse_text(
        HEAD + "## Programme\n\n| Time | Item |\n|---|---|\n"
        "| 10.00–10.05 | Opening remarks by the Chair |\n"
        "| 10.05–11.35 | “Oceans and trade”: lead discussants (up to 5 minutes each), "
        "responses from Member States, then the floor |\n"
    )
    assert [(s.role, s.minutes_max, s.per_speaker) for s in plan.segments] == [
        ("chair", 5, False),
        ("discussant", 5, True),
        ("discussant", None, False),
        ("participant", None, False),
    ]
    assert plan.segments[1].title.endswith("Lead discussants")
    assert plan.segments[3].title.startswith("“Oceans and trade”")


def test_a_labels_limit_goes_to_the_segments_its_words_name() -> None:
    plan = parse_text(
        HEAD + "## Participants\n\n"
        "Moderator: Ms. Ruth Dreifuss, former President\n\n"
        "Lead discussants: 12 lead discussants, speaking for a maximum of 5 minutes each\n\n"
        "## Programme\n\n| Time | Item |\n|---|---|\n"
        "| 10.00–10.45 | Oceans: lead discussants, responses from Member States, then the floor |\n"
        "| 10.45–11.30 | Trade: lead discussants, responses from Member States, then the floor |\n"
    )
    assert [(s.role, s.speakers, s.minutes_max, s.per_speaker) for s in plan.segments] == [
        ("discussant", None, 5, True),
        ("discussant", None, None, False),
        ("participant", None, None, False),
        ("discussant", None, 5, True),
        ("discussant", None, None, False),
        ("participant", None, None, False),
    ]


def test_a_sentence_listing_the_parts_gives_one_segment_each() -> None:
    assert _read(
        "## Format\n\nThe meeting consists of an opening segment and an interactive panel "
        "discussion, during which the moderator engages Member States and other stakeholders. "
        "Senior leaders are invited to take part.\n"
    ) == [("keynote", None, None, False), ("panelist", None, None, False)]


def test_a_sentence_with_long_pieces_lists_no_parts() -> None:
    assert _read(
        "## Format\n\nThe meeting comprises those who finance the green transition and "
        "those who regulate its markets. Interventions are limited to 3 minutes each.\n"
    ) == [("participant", None, 3, True)]


def test_the_header_names_the_items_column_and_the_speakers_column_counts_them() -> None:
    plan = parse_text(
        HEAD + "## Format\n\n| Part | Item | Speakers |\n|---|---|---|\n"
        "| Opening | Intergenerational dialogue on the SDGs | Representatives of all ages |\n"
        "| Part 1 | How the forum has worked since 2016 | Participants from all constituencies |\n"
        "| Part 2 | Main messages of the forum to the Summit | Two Rapporteurs |\n"
    )
    assert [(s.title, s.role, s.speakers) for s in plan.segments] == [
        ("Intergenerational dialogue on the SDGs", "other", None),
        ("How the forum has worked since 2016", "participant", None),
        ("Main messages of the forum to the Summit", "other", 2),
    ]


def test_questions_in_a_programme_cell_stay_out_of_the_segments_title() -> None:
    plan = parse_text(
        HEAD + "## Programme\n\n| Time | Item | Participants |\n|---|---|---|\n"
        "| 15:30–17:30 | High-level panel. Key questions:<br>What is needed today to promote "
        "mutual respect?<br>What commitments are needed? | Heads of State |\n"
    )
    assert [(s.title, s.role, s.minutes_max) for s in plan.segments] == [
        ("High-level panel", "panelist", 120),
    ]


def test_questions_wrapped_over_a_cells_lines_stay_out_of_its_parts() -> None:
    plan = parse_text(
        HEAD + "## Programme\n\n| Time | Item |\n|---|---|\n"
        "| 10:10–11:40 | “No one left behind”: lead discussants, then the floor<br>"
        "Possible questions for discussion:<br>What activities has your organization implemented "
        "towards achieving the<br>Sustainable Development Goals?<br>What is one best practice? |\n"
    )
    assert [(s.role, s.title) for s in plan.segments] == [
        ("discussant", "“No one left behind”: Lead discussants"),
        ("participant", "“No one left behind”: Floor"),
    ]


def test_a_single_representative_is_one_speaker() -> None:
    assert _read(
        "## Programme\n\n- Statement by a representative of civil society\n"
        "- Statements by the representatives of the commissions\n"
    ) == [("other", 1, None, False), ("other", None, None, False)]


def test_headings_under_an_empty_programme_heading_are_its_parts() -> None:
    plan = parse_text(
        "**Meeting of the Council with the Chairs of its commissions**\n\n"
        "Friday, 31 January 2020, 10 a.m. to 12 p.m., ECOSOC Chamber\n\n"
        "Convened by H.E. Ms. Mona Juul (Norway), President of the Council\n\n"
        "## Purpose\n\nThe meeting takes stock of the commissions' work.\n\n"
        "## Programme\n\n"
        "### Remarks by the President of the Council\n\n"
        "- H.E. Ms. Mona Juul, President of the Council\n\n"
        "### Statements by the Chairs of the commissions\n\n"
        "- Commission for Social Development\n- Statistical Commission\n"
        "- Commission on the Status of Women\n\n"
        "### Statement by a representative of civil society\n\n"
        "### Interactive dialogue with Member States\n\n"
        "## Reference documents\n\n- Resolution on the Council (A/RES/72/305)\n"
    )
    assert [(s.role, s.speakers, s.names) for s in plan.segments] == [
        ("chair", 1, ("H.E. Ms. Mona Juul",)),
        ("panelist", 3, ()),
        ("other", 1, ()),
        ("participant", None, ()),
    ]
    assert len(plan.documents) == 1


def test_a_heading_over_a_table_is_no_part_of_the_programme() -> None:
    assert _read(
        "## Schedule\n\n### The general debate is held in two slots\n\n"
        "| Time | Item |\n|---|---|\n| 14:30–17:30 | General debate (first slot) |\n"
        "| 09:00–12:00 | General debate (second slot) |\n"
    ) == [("participant", None, 180, False), ("participant", None, 180, False)]


def test_a_discussion_with_loosely_named_speakers_is_the_floors() -> None:
    assert _read(
        "## Programme\n\n| Time | Item |\n|---|---|\n"
        "| 10.00–11.00 | Morning meeting: presentations by experts and discussion |\n"
        "| 11.00–12.00 | Presentations by the panellists and discussion |\n"
    ) == [("participant", None, 60, False), ("panelist", None, 60, False)]


def test_a_russian_session_of_experts_and_discussion_is_the_floors() -> None:
    plan = parse_text(
        "# Тематическая сессия\n\nВторник, 19 октября 2021 года\n\n"
        "10:30–13:30 (по венскому времени)\n\n## Программа дня\n\n"
        "| Время | Заседание |\n|---|---|\n"
        "| 10:30–13:30 | Утреннее заседание: выступления экспертов и обсуждение |\n"
    )
    assert [(s.role, s.minutes_max) for s in plan.segments] == [("participant", 180)]


def test_heads_of_state_speaking_on_the_theme_are_the_floor_not_a_keynote() -> None:
    plan = parse_text(
        "# 开幕会议\n\n2023年5月15日(星期一)，10:00–12:30 曼谷联合国会议中心\n\n## 议程\n\n"
        "| 时间 | 议程项目 | 发言者 |\n|---|---|---|\n"
        "| 10:00–12:30 | 议程项目1. 会议开幕 | 国家元首或政府首脑就会议主题发言 |\n"
    )
    assert [(s.role, s.speakers, s.minutes_max) for s in plan.segments] == [
        ("participant", None, 150)
    ]


def test_a_participation_section_that_names_the_floor_is_its_part() -> None:
    assert _read(
        "## Background\n\nThe oceans matter.\n\n## Participation\n\n"
        "The round table is held among ministers and heads of delegation; journalists may "
        "attend.\n"
    ) == [("participant", None, None, False)]
    assert (
        _read(
            "## Background\n\nThe oceans matter.\n\n## Participation\n\n"
            "Registration closes on 1 March.\n"
        )
        == []
    )


def test_an_arabic_participation_section_is_the_floors_part() -> None:
    plan = parse_text(
        "مائدة مستديرة وزارية حول «التنمية المستدامة»\n\n"
        "الأربعاء 9 أيار/مايو 2012، من الساعة 11:00 حتى الساعة 13:00 بيت الأمم المتحدة، بيروت\n\n"
        "أولاً- الخلفية\n\nتنعقد الدورة الوزارية في بيروت.\n\n"
        "ثانياً- المشاركة\n\nتُعقد المائدة المستديرة بين الوزراء ورؤساء الوفود.\n"
    )
    assert [(s.role, s.speakers) for s in plan.segments] == [("participant", None)]


def test_a_moderator_named_in_a_sentence_opens_the_programme() -> None:
    plan = parse_text(
        HEAD + "## Modalities\n\n"
        "The dialogue is open to all participants accredited to the session.\n\n"
        "A professional moderator, Ms. Salina Abraham, Chief of Staff of CIFOR-ICRAF, "
        "facilitates an interactive discussion among the participants. There is no list of "
        "speakers: delegations ask for the floor once it is opened for interventions.\n"
    )
    assert [(s.role, s.speakers, s.names) for s in plan.segments] == [
        ("moderator", 1, ("Ms. Salina Abraham",)),
        ("participant", None, ()),
    ]


def test_labelled_paragraphs_in_a_programme_list_their_people_in_order() -> None:
    plan = parse_text(
        "PANEL ON HUMAN RIGHTS MAINSTREAMING\n\n"
        "Date and venue: Monday, 27 February 2017, 3-6 p.m. Palais des Nations, Room XX, Geneva\n\n"
        "OBJECTIVE\n\nThe panel takes stock of the work done.\n\n"
        "PROGRAMME\n\n"
        "Opening:            H.E. Mr. Joaquin Maza Martelli, President of the Human\n"
        "                    Rights Council\n\n"
        "Keynote statements: Mr. Zeid Ra'ad Al Hussein, High Commissioner for\n"
        "                    Human Rights\n"
        "                    H.E. Mr. Peter Thomson, President of the General Assembly\n\n"
        "Moderator and Chairman: Ms. Kate Gilmore, Deputy High Commissioner\n\n"
        "MODALITIES\n\n"
        "The interactive discussion with the panellists is divided into two slots. In each "
        "slot, States Members of the Council, observer States and other observers make "
        "statements and ask the panellists questions, and the panellists then respond.\n"
    )
    assert [(s.role, s.speakers, len(s.names)) for s in plan.segments] == [
        ("chair", 1, 1),
        ("keynote", 2, 2),
        ("moderator", 1, 1),
        ("participant", None, 0),
        ("panelist", None, 0),
        ("participant", None, 0),
        ("panelist", None, 0),
    ]
    assert plan.segments[0].names == ("H.E. Mr. Joaquin Maza Martelli",)
    assert plan.segments[5].title.startswith("Slot 2")


def test_an_opening_by_someone_who_does_not_preside_is_a_keynote() -> None:
    assert _read(
        "## Programme\n\nOpening: Ms. Flavia Pansieri, Deputy High Commissioner\n\n"
        "Panellists: Ms. Rita Izsák, Special Rapporteur\nMr. Ole Berg, Norway\n"
    ) == [("keynote", 1, None, False), ("panelist", 2, None, False)]


def test_an_order_of_the_days_agenda_items_are_its_programme() -> None:
    plan = parse_text(
        "HUMAN RIGHTS COUNCIL Twenty-ninth session\n\n"
        "Monday, 15 June 2015 Morning, 9.00 - 12.00 (1st meeting)\n\n"
        "Item 1 Organizational and procedural matters\n\n"
        "Item 2 Annual report of the High Commissioner\n\n"
        "UPDATE BY THE HIGH COMMISSIONER FOLLOWED BY GENERAL DEBATE\n\n"
        "Modalities for participation in the general debate\n\n"
        "Speaking time is 3 minutes for States Members of the Council, and 2 minutes for "
        "observer States and other observers.\n"
    )
    assert [(s.title, s.role, s.speakers, s.per_speaker) for s in plan.segments] == [
        ("Organizational and procedural matters", "other", None, False),
        ("Update by the high commissioner", "keynote", 1, False),
        ("General debate", "participant", None, True),
    ]
    assert {c.floor_class: c.minutes_max for c in plan.segments[2].class_limits} == {
        "member-state": 3,
        "observer": 2,
    }


def test_a_section_on_people_written_as_prose_gives_its_parts() -> None:
    plan = parse_text(
        "**Ministerial round tables**\n\nAntalya, Turkey, 27 May 2016, 10:00-13:00\n\n"
        "## Background\n\nFour round tables are held in parallel with the plenary.\n\n"
        "## Chairs and panellists\n\n"
        "Each round table is co-chaired by two Chairs, one from the least developed countries "
        "and one from the development partners.\n\n"
        "The Secretary-General selects up to four panellists for each round table. The panel "
        "discussion is followed by an interactive debate among States and stakeholders.\n\n"
        "## Participation and seating\n\n"
        "The round tables are interactive and open to all participants.\n\n"
        "## Speaking arrangements\n\n"
        "To allow the widest participation, interventions should not exceed three minutes.\n"
    )
    assert [(s.role, s.speakers, s.minutes_max, s.per_speaker) for s in plan.segments] == [
        ("co-chair", 2, None, False),
        ("panelist", 4, None, False),
        ("participant", None, 3, True),
    ]


def test_a_rule_after_the_purpose_it_serves_is_the_floors_limit() -> None:
    assert _read(
        "## Format\n\n- Opening by the Chair (5 minutes)\n- Open discussion\n\n"
        "To allow the widest participation, interventions should not exceed three minutes.\n"
    ) == [("chair", 1, 5, False), ("participant", None, 3, True)]


def test_a_lone_line_after_the_programmes_people_is_a_part_not_a_section() -> None:
    plan = parse_text(
        "**High-level segment on globalization**\n\n"
        "Thursday, 23 October 1997, 9.30 a.m. - 1.30 p.m. Assembly Hall, Palais des Nations\n\n"
        "## Background\n\nThe Board discusses globalization.\n\n## Format\n\n"
        "Moderator and Chairman:\n"
        "Mr. Jan Pronk, Minister for Development Cooperation of the Netherlands\n\n"
        "Policy debate among ministers and other senior officials\n"
    )
    assert [(s.role, s.speakers, s.names) for s in plan.segments] == [
        ("moderator", 1, ("Mr. Jan Pronk",)),
        ("participant", None, ()),
    ]
    assert [s.heading for s in plan.sections] == ["Background"]


def test_a_list_item_mixing_roles_gives_each_role_its_own_limit() -> None:
    assert _read(
        "## Format\n\n- Opening by the Chair (5 minutes)\n"
        "- Lead discussants (up to 5 minutes each), responses from the panellists, then the floor\n"
    ) == [
        ("chair", 1, 5, False),
        ("discussant", None, 5, True),
        ("panelist", None, None, False),
        ("participant", None, None, False),
    ]


def test_french_parts_listed_in_a_sentence_and_the_floors_rule() -> None:
    plan = parse_text(
        "# Table ronde sur les océans\n\n"
        "Lundi 3 mars 2025, 10 h 00 – 12 h 00, Palais des Nations, Genève\n\n"
        "## Contexte\n\nLes océans sont au cœur du développement durable et de la coopération.\n\n"
        "## Déroulement\n\n"
        "La réunion comprend une séance d'ouverture et un débat interactif, au cours duquel les "
        "délégations prennent la parole. Les interventions sont limitées à 3 minutes chacune.\n"
    )
    assert plan.language == "fr"
    assert [(s.role, s.minutes_max, s.per_speaker) for s in plan.segments] == [
        ("other", None, False),
        ("participant", 3, True),
    ]


def test_a_spanish_table_names_its_items_column_and_counts_its_rapporteurs() -> None:
    plan = parse_text(
        "# Mesa redonda sobre los océanos\n\n"
        "Lunes, 3 de marzo de 2025, de 10.00 a 12.00 horas, Palacio de las Naciones, Ginebra\n\n"
        "## Antecedentes\n\nLos océanos son esenciales para el desarrollo sostenible.\n\n"
        "## Programa\n\n| Parte | Tema | Oradores |\n|---|---|---|\n"
        "| Apertura | Diálogo intergeneracional sobre los océanos | Jóvenes |\n"
        "| Parte 1 | Conclusiones para la Cumbre | Dos relatores |\n"
    )
    assert plan.language == "es"
    assert [(s.title, s.speakers) for s in plan.segments] == [
        ("Diálogo intergeneracional sobre los océanos", None),
        ("Conclusiones para la Cumbre", 2),
    ]


def test_a_participation_section_does_not_replace_the_programme_the_prose_gives() -> None:
    assert _read(
        "## Modalities\n\nA moderator opens the dialogue (5 minutes).\n\n"
        "## Participation\n\nDelegations register with the secretariat.\n"
    ) == [("moderator", 1, 5, False)]


def test_a_label_run_into_its_name_keeps_the_names_on_the_lines_after() -> None:
    assert groups_in(
        "Chaired by H.E. Mr. Andrej Logar, Chair\nMs. Ana Lima, Oxfam\nMr. Ole Berg, CIVICUS", "en"
    ) == [
        Group("Chaired by", "chair", ("H.E. Mr. Andrej Logar",)),
        Group(None, None, ("Ms. Ana Lima", "Mr. Ole Berg")),
    ]
    assert groups_in("Convened by H.E. Ms. Mona Juul (Norway), President", "en") == [
        Group("Convened by", "chair", ("H.E. Ms. Mona Juul",)),
    ]
