"""Where the outcome goes, with its dates, and the Goals named inline, in the six languages."""

from __future__ import annotations

from datetime import date

import pytest

from podium.conceptnote.outcome import named_forum, read_outcome, read_sdgs
from podium.conceptnote.reader import parse_text
from podium.meeting.plan import Outcome


@pytest.mark.parametrize(
    ("sentence", "forum", "start", "end"),
    [
        (
            "The conclusions will be presented to the Council at its next session, 4–22 July 2026.",
            "Council, next session",
            date(2026, 7, 4),
            date(2026, 7, 22),
        ),
        (
            "The outcome will feed into the HLPF, 8 to 17 July 2024.",
            "HLPF",
            date(2024, 7, 8),
            date(2024, 7, 17),
        ),
        (
            "OHCHR will submit it to the Human Rights Council at its thirty-sixth session, "
            "11–29 September 2017.",
            "Human Rights Council, thirty-sixth session",
            date(2017, 9, 11),
            date(2017, 9, 29),
        ),
        (
            "Le Haut-Commissariat le présentera au Conseil à sa vingt-huitième session, "
            "du 2 au 27 mars 2015, et rédigera une étude.",
            "Conseil, vingt-huitième session",
            date(2015, 3, 2),
            date(2015, 3, 27),
        ),
        (
            "La Oficina lo presentará al Consejo en su 30.º período de sesiones.",
            "Consejo, 30.º período de sesiones",
            None,
            None,
        ),
        (
            "تُرفع رسائل المنتدى إلى المنتدى السياسي الرفيع المستوى الذي يُعقد في تموز/يوليو 2024.",
            "المنتدى السياسي الرفيع المستوى",
            None,
            None,
        ),
        (
            "A summary is prepared by the secretariat and included in the report of the session.",
            "report of the session",
            None,
            None,
        ),
    ],
)
def test_outcome_forums_and_their_dates(
    sentence: str, forum: str, start: date | None, end: date | None
) -> None:
    found = read_outcome(sentence)
    assert found is not None and (found.forum, found.start, found.end) == (forum, start, end)


def test_a_sentence_without_a_forum_gives_no_outcome() -> None:
    assert read_outcome("The panel will contribute to the debate in many ways.") is None
    assert read_outcome("Panellists will speak for seven minutes.") is None


@pytest.mark.parametrize(
    ("text", "goals"),
    [
        ("in support of SDG 4", {4}),
        ("Goal 16 on peace", {16}),
        ("contribuye al ODS 5 y a los ODS 10 y 13", {5, 10, 13}),
        ("les ODD 3, 4 et 5", {3, 4, 5}),
        ("достижение ЦУР 13", {13}),
        ("可持续发展目标4", {4}),
        ("目标4和5", {4, 5}),
        ("هدف التنمية المستدامة 4", {4}),
        ("الأهداف 1 و2 و13 و16 و17", {1, 2, 13, 16, 17}),
        ("SDGs 4, 5 and 10; also SDG9 and Goal 17", {4, 5, 9, 10, 17}),
        ("Goal 18 and 2030 Agenda", set()),
    ],
)
def test_goals_named_inline_in_six_languages(text: str, goals: set[int]) -> None:
    assert read_sdgs(text) == goals


def test_the_contribution_of_the_meeting_to_a_forum_is_its_outcome() -> None:
    found = read_outcome(
        "Les messages clefs constituent la contribution collective de la région au forum "
        "politique de haut niveau, qui se réunit à New York du 10 au 19 juillet 2017."
    )
    assert found is not None
    assert found.forum == "forum politique de haut niveau"
    assert (found.start, found.end) == (date(2017, 7, 10), date(2017, 7, 19))


def test_the_council_of_the_notes_own_body_is_named_in_full() -> None:
    plan = parse_text(
        "**Human Rights Council – twenty-seventh session**\n\n"
        "**Panel discussion on “Prevention”**\n\nThursday, 18 September 2014, 12:00, Geneva\n\n"
        "## Outcome\n\nA summary will be presented to the Council at its twenty-eighth "
        "session.\n"
    )
    assert plan.outcome is not None
    assert plan.outcome.forum == "Human Rights Council, twenty-eighth session"
    other = named_forum(Outcome("Assembly, next session", None, None), "Human Rights Council")
    assert other.forum == "Assembly, next session"
