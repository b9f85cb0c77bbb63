"""Patterns first met in notes the reader had never seen: Co-Chairs, numbered panels, a
title before a semicolon list of people, an end given only in prose."""

from __future__ import annotations

from podium.conceptnote.dates import find_dates
from podium.conceptnote.reader import parse_text

HEAD = "**Panel on “Oceans”**\n\n**Monday, 3 March 2025, 10.00-12.00 (Geneva time)**\n\n"


def test_co_chairs_are_co_chairs_not_the_chair() -> None:
    plan = parse_text(
        HEAD + "## Participants\n\n"
        "Co-Chairs: Ms. Ann Lee, Ambassador of Chile; Mr. Tom Berg, Ambassador of Norway\n\n"
        "Moderator: Ms. Rita Moss, journalist\n"
    )
    assert [(s.role, s.speakers) for s in plan.segments][:2] == [("co-chair", 2), ("moderator", 1)]
    assert plan.segments[0].names == ("Ms. Ann Lee", "Mr. Tom Berg")


def test_a_french_coprésidence_is_the_co_chairs() -> None:
    plan = parse_text(
        "**Table ronde sur les océans**\n\n**Lundi 3 mars 2025, de 10 heures à 12 heures**\n\n"
        "## Participants\n\n"
        "Coprésidence : M. Jean Roux, Ambassadeur du Chili ; Mme Anne Leroy, Ambassadrice\n\n"
        "Modératrice : Mme Rita Moss, journaliste\n"
    )
    assert plan.segments[0].role == "co-chair"


def test_a_numbered_panel_is_a_panel_of_panelists() -> None:
    plan = parse_text(
        HEAD + "## Programme\n\n"
        "- Opening remarks by the Chair\n"
        "- Panel 1: challenges met during the pandemic\n"
        "- Panel II: recovering from the crisis\n"
        "- Panel discussion among the founders of the network\n"
    )
    assert [s.role for s in plan.segments] == ["chair", "panelist", "panelist", "panelist"]


def test_a_panel_named_in_passing_gives_no_role() -> None:
    plan = parse_text(
        HEAD + "## Programme\n\n- Opening remarks by the Chair\n- Report of the panel\n"
    )
    assert [s.role for s in plan.segments] == ["chair", "other"]


def test_a_title_before_the_person_keeps_the_persons_name() -> None:
    plan = parse_text(
        HEAD + "## Programme\n\n"
        "- Opening of the session: H.E. Mr. Coly Seck, President of the Council (Senegal)\n"
        "- Closing of the session: Ms. Ann Lee, Vice-President\n"
    )
    assert [s.names for s in plan.segments] == [("H.E. Mr. Coly Seck",), ("Ms. Ann Lee",)]


def test_spanish_main_statements_in_a_semicolon_list_are_keynotes_each_named() -> None:
    plan = parse_text(
        "**Consejo de Derechos Humanos**\n\n# Sesión de apertura\n\n"
        "Lunes 25 de febrero de 2019, 9.00 horas\n\nPalais des Nations, Ginebra\n\n"
        "## Antecedentes\n\nEl Consejo celebra su período de sesiones en Ginebra y los Estados "
        "exponen las cuestiones de derechos humanos de interés para la comunidad internacional.\n\n"
        "## Programa\n\n"
        "- Apertura del período de sesiones: Embajador Coly Seck, Presidente del Consejo\n"
        "- Declaraciones principales: Sr. Juan Pérez, Secretario General; "
        "Sra. Ana Gómez, Presidenta de la Asamblea General; Sr. Luis Mora, Ministro\n"
    )
    assert [(s.role, s.speakers) for s in plan.segments] == [("chair", 1), ("keynote", 3)]
    assert plan.segments[0].names == ("Embajador Coly Seck",)
    assert plan.segments[1].names == ("Sr. Juan Pérez", "Sra. Ana Gómez", "Sr. Luis Mora")


def test_a_date_ending_a_sentence_is_still_a_date() -> None:
    found = find_dates("La réunion se tient le jeudi 12 décembre. Les participants arrivent tôt.")
    assert [(d.day, d.month) for d in found] == [(12, 12)]


def test_the_end_given_only_in_prose_is_the_last_days_closing_time() -> None:
    plan = parse_text(
        "**Dialogue sur la protection**\n\nMercredi 11 et jeudi 12 décembre 2013\n\n"
        "Salle XVII, Palais des Nations, Genève\n\n## Organisation\n\n"
        "Les séances se tiennent de 10 heures à 13 heures et de 15 heures à 18 heures le "
        "mercredi 11 décembre, puis de 10 heures à 12 heures le jeudi 12 décembre. Les "
        "participants sont priés d'être à l'heure.\n\n## Déroulement\n\n"
        "La réunion s'ouvre par un débat interactif en séance plénière.\n"
    )
    assert plan.start is not None and plan.end is not None
    assert (plan.start.day, plan.start.hour) == (11, 10)
    assert (plan.end.day, plan.end.hour) == (12, 12)


def test_hours_written_after_each_day_give_the_last_days_close() -> None:
    plan = parse_text(
        "**Dialogue on protection**\n\n11-12 December 2013\n\n"
        "Room XVII, Palais des Nations, Geneva\n\n## Organization\n\n"
        "Meetings are held on Wednesday, 11 December, from 10 a.m. to 6 p.m., and on "
        "Thursday, 12 December, from 10 a.m. to 1 p.m.\n\n## Format\n\n"
        "The meeting opens with an interactive discussion in plenary.\n"
    )
    assert plan.start is not None and plan.end is not None
    assert (plan.start.day, plan.start.hour) == (11, 10)
    assert (plan.end.day, plan.end.hour) == (12, 13)


def test_joining_online_beside_the_room_is_no_part_of_the_venue() -> None:
    plan = parse_text(
        "# Technical symposium on vaccines\n\nFriday, 16 December 2022, 10.30-12.30\n\n"
        "World Intellectual Property Organization (WIPO), Geneva, and online\n\n"
        "## Programme\n\n- Opening remarks by the Chair\n"
    )
    assert plan.venue == "World Intellectual Property Organization (WIPO), Geneva"


def test_a_meeting_held_only_online_keeps_that_as_its_venue() -> None:
    plan = parse_text(
        "# Technical symposium on vaccines\n\nFriday, 16 December 2022, 10.30-12.30 (CET)\n\n"
        "Fully virtual\n\n## Programme\n\n- Opening remarks by the Chair\n"
    )
    assert plan.venue == "Fully virtual"


def test_the_floors_part_the_prose_describes_follows_the_lists_of_people() -> None:
    plan = parse_text(
        HEAD + "## Format\n\n"
        "The panel has two parts: first, the experts give their views; then an interactive "
        "discussion with Member States follows.\n\n"
        "## Participants\n\n"
        "Moderator: Ms. Rita Moss, journalist\n\n"
        "Experts: Mr. Carl Berg, economist; Ms. Ann Lee, lawyer\n"
    )
    assert [s.role for s in plan.segments] == ["moderator", "panelist", "participant"]
    assert plan.segments[2].names == ()


def test_prose_without_the_floors_part_adds_none_to_the_lists_of_people() -> None:
    plan = parse_text(
        HEAD + "## Format\n\n"
        "The experts give their views on the oceans and on trade, one after the other.\n\n"
        "## Participants\n\n"
        "Moderator: Ms. Rita Moss, journalist\n\n"
        "Experts: Mr. Carl Berg, economist; Ms. Ann Lee, lawyer\n"
    )
    assert [s.role for s in plan.segments] == ["moderator", "panelist"]


def test_french_opening_remarks_are_a_keynote() -> None:
    plan = parse_text(
        "**Dialogue sur la protection**\n\nMercredi 11 décembre 2013, de 10 heures à 13 heures\n\n"
        "Salle XVII, Palais des Nations, Genève\n\n## Déroulement\n\n"
        "La réunion s'ouvre par de courtes remarques liminaires du Haut Commissaire.\n\n"
        "Un débat interactif en séance plénière suit.\n"
    )
    assert [s.role for s in plan.segments] == ["keynote", "participant"]
