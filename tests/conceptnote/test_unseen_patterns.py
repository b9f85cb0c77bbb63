"""Patterns first met in notes the reader had never seen: Co-Chairs, numbered panels, a
title before a semicolon list of people, an end given only in prose."""

from __future__ import annotations

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
    plan = parse_text(HEAD + "## Programme\n\n- Opening remarks by the Chair\n- Report of the panel\n")
    assert [s.role for s in plan.segments] == ["chair", "other"]
