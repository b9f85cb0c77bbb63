"""Reading concept notes: the two real CSTD notes, the varied corpus, and what is no note."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podium.conceptnote.dates import find_date, find_time
from podium.conceptnote.durations import find_duration
from podium.conceptnote.outcome import read_sdgs
from podium.conceptnote.reader import NotAConceptNote, parse_text, read_note
from podium.conceptnote.zones import find_zone
from tests.conftest import NOTES, PANEL_2024, ROUNDTABLE_2021

VARIED = sorted(p for p in (NOTES / "varied").iterdir() if not p.name.endswith(".json"))


def test_panel_2024() -> None:
    plan = read_note(PANEL_2024)
    assert plan.body == "United Nations Commission on Science and Technology for Development (CSTD)"
    assert plan.session_number == 27
    assert plan.session_title == "Twenty-seventh annual session"
    assert plan.kind == "high-level panel"
    assert plan.title == "Global Cooperation in Science, Technology and Innovation for Development"
    assert plan.start is not None and plan.start.isoformat() == "2024-04-15T15:00:00+02:00"
    assert plan.end is not None and plan.end.isoformat() == "2024-04-15T16:30:00+02:00"
    assert plan.timezone == "Europe/Zurich"
    assert plan.venue == "Geneva"
    assert [s.heading for s in plan.sections] == ["Background", "Objective"]
    assert plan.sections[0].text.count("\n\n") == 1
    assert len(plan.questions) == 6
    assert plan.questions[0].startswith("What role could the CSTD play")
    assert plan.questions[0].endswith("global STI development?")
    assert [(s.role, s.minutes_max, s.per_speaker) for s in plan.segments] == [
        ("secretariat", None, False),
        ("panelist", 15, True),
        ("participant", 3, True),
    ]
    assert "Interventions from participants" in plan.segments[2].source
    assert len(plan.documents) == 3
    first, _second, third = plan.documents
    assert first.symbol == "E/CN.16/2024/3"
    assert first.url == "https://unctad.org/system/files/official-document/ecn162024d3_en.pdf"
    assert third.title == "Other documents are available on the website of the CSTD"
    assert third.url == (
        "https://unctad.org/meeting/commission-science-and-technology-development-twenty-seventh-session"
    )
    assert plan.outcome is None
    assert plan.sdgs == (9, 17)
    assert plan.warnings == ()


def test_roundtable_2021() -> None:
    plan = read_note(ROUNDTABLE_2021)
    assert plan.session_number == 24
    assert plan.kind == "high-level roundtable"
    assert plan.title.startswith("The role of science, technology, and innovation")
    assert plan.title.endswith("from the COVID-19 pandemic")
    assert plan.start is not None and plan.start.isoformat() == "2021-05-17T15:00:00+02:00"
    assert plan.end is not None and plan.end.isoformat() == "2021-05-17T16:00:00+02:00"
    assert plan.timezone == "Europe/Zurich"  # "(CEST)" names Geneva's summer time
    assert plan.venue is None
    assert len(plan.questions) == 3
    assert all(q.startswith("How can") and q.endswith("?") for q in plan.questions)
    # The questions' introduction is structure, not prose.
    assert not any("Three key questions" in s.text for s in plan.sections)
    roles = [
        (s.role, s.speakers, s.minutes_min, s.minutes_max, s.per_speaker) for s in plan.segments
    ]
    assert roles == [
        ("secretariat", None, None, None, False),
        ("co-chair", 1, None, None, False),
        ("discussant", None, 5, 7, True),
        ("participant", None, None, None, False),
    ]
    assert plan.segments[1].title == "Remarks of the Co-Chair of the STI Forum"
    assert plan.outcome is not None
    assert plan.outcome.forum.startswith("high-level political forum (HLPF)")
    assert (plan.outcome.start, plan.outcome.end) == (date(2021, 7, 6), date(2021, 7, 15))
    assert plan.sdgs == (1, 2, 3, 8, 10, 12, 13, 16, 17)


@pytest.mark.parametrize("path", VARIED, ids=lambda p: p.name)
def test_varied_corpus(path: Path) -> None:
    expected = json.loads(
        path.with_name(path.name.rsplit(".", 1)[0] + ".expected.json").read_text()
    )
    got = read_note(path).to_json()
    got["section_headings"] = [s["heading"] for s in got["sections"]]
    # A segment is compared on the keys its expectation names.
    got["segments"] = [
        {k: v for k, v in s.items() if k in want}
        for s, want in zip(got["segments"], expected.get("segments", []), strict=False)
    ] + got["segments"][len(expected.get("segments", [])) :]
    got["warnings"] = [{k: v for k, v in w.items() if k != "field"} for w in got["warnings"]]
    for key, value in expected.items():
        assert got[key] == value, key


def test_corpus_is_varied() -> None:
    """The corpus covers the phrasings the reader must know."""
    texts = {p.name: p.read_text() for p in VARIED}
    everything = "\n".join(texts.values())
    assert len(VARIED) >= 8
    assert any(name.endswith(".txt") for name in texts)
    assert any(t.startswith("# ") for t in texts.values())
    for phrase in ("Programme", "Moderator", "Keynote", "up to", "5 to 7", "5-7 mins", "10 min."):
        assert phrase in everything, phrase
    assert any(read_note(p).warnings for p in VARIED)


def test_a_warning_names_its_line_and_the_rest_is_read() -> None:
    plan = read_note(NOTES / "varied" / "unctad-ruritania-warnings.md")
    lines = (NOTES / "varied" / "unctad-ruritania-warnings.md").read_text().splitlines()
    zone = next(w for w in plan.warnings if "Ruritania" in w.message)
    assert "Ruritania time" in lines[zone.line - 1]
    timing = next(w for w in plan.warnings if "speaking time" in w.message)
    assert "a few minutes" in lines[timing.line - 1]
    assert len(plan.segments) == 3 and len(plan.questions) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Shopping list\n\n- eggs\n- milk\n- bread\n",
        "Dear colleague,\n\nThank you for your letter.\n\nBest regards\n",
        "   \n\n",
        "",
    ],
)
def test_not_a_concept_note(text: str) -> None:
    with pytest.raises(NotAConceptNote):
        parse_text(text)


def test_files_that_are_no_notes(tmp_path: Path) -> None:
    binary = tmp_path / "image.md"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    fake_docx = tmp_path / "note.docx"
    fake_docx.write_text("not a zip")
    fake_pdf = tmp_path / "note.pdf"
    fake_pdf.write_text("not a pdf")
    odd = tmp_path / "note.xlsx"
    odd.write_text("x")
    for path in (binary, empty, fake_docx, fake_pdf, odd, tmp_path / "missing.md"):
        with pytest.raises(NotAConceptNote) as raised:
            read_note(path)
        assert str(path) in str(raised.value)


@pytest.mark.parametrize(
    ("text", "minimum", "maximum"),
    [
        ("up to 5 minutes", None, 5),
        ("5 to 7 minutes", 5, 7),
        ("(5-7 mins)", 5, 7),
        ("between 5 and 7 minutes", 5, 7),
        ("10 min. each", None, 10),
        ("three minutes", None, 3),
        ("maximum 15 minutes each", None, 15),
        ("a duration of maximum 3 minutes", None, 3),
        ("no more than 2 minutes", None, 2),
        ("half an hour", None, 30),
        ("1.5 hours", None, 90),
        ("at least 5 minutes", 5, None),
    ],
)
def test_durations(text: str, minimum: float | None, maximum: float | None) -> None:
    found = find_duration(text)
    assert found is not None
    assert (found.minutes_min, found.minutes_max) == (minimum, maximum)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Monday, 15 April 2024", date(2024, 4, 15), None),
        ("April 15, 2024", date(2024, 4, 15), None),
        ("15-19 April 2024", date(2024, 4, 15), date(2024, 4, 19)),
        ("15.04.2024", date(2024, 4, 15), None),
        ("from 6 to 15 July 2021", date(2021, 7, 6), date(2021, 7, 15)),
        ("30 June to 9 July 2021", date(2021, 6, 30), date(2021, 7, 9)),
        ("31 February 2024", None, None),
    ],
)
def test_dates(text: str, start: date | None, end: date | None) -> None:
    found = find_date(text)
    assert (found.start if found else None, found.end if found else None) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("15.00-16.30", time(15), time(16, 30)),
        ("3:00 p.m. – 4:30 p.m.", time(15), time(16, 30)),
        ("10 a.m. to 1 p.m.", time(10), time(13)),
        ("15h00-16h30", time(15), time(16, 30)),
        ("11-1 pm", time(11), time(13)),
    ],
)
def test_times(text: str, start: time, end: time) -> None:
    found = find_time(text)
    assert found is not None and (found.start, found.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("(Geneva time)", "Europe/Zurich"),
        ("New York time", "America/New_York"),
        ("Nairobi time", "Africa/Nairobi"),
        ("(Bangkok time)", "Asia/Bangkok"),
        ("(CEST)", "Europe/Zurich"),
        ("CET", "Europe/Zurich"),
        ("EDT", "America/New_York"),
        ("EAT", "Africa/Nairobi"),
        ("ICT", "Asia/Bangkok"),
        ("UTC+3", "+03:00"),
        ("GMT-5", "-05:00"),
        ("GMT", "+00:00"),
    ],
)
def test_zones(text: str, name: str) -> None:
    zone = find_zone(text)
    assert zone is not None and zone.name == name


def test_bad_time_is_a_warning_on_its_line() -> None:
    note = "**Panel on “Water”**\n\n**1 March 2025, 25.00-26.00 (Geneva time)**\n"
    plan = parse_text(note)
    assert plan.start is None
    assert [w.line for w in plan.warnings] == [3, 3]
    assert "25.00-26.00" in plan.warnings[0].message


def test_an_impossible_offset_is_a_warning_not_a_crash() -> None:
    plan = parse_text("**Panel on “X”**\n\n**1 March 2025, 10.00-11.00 (UTC+99)**\n")
    assert plan.timezone == "+00:00"
    assert [w.line for w in plan.warnings] == [3, 3]
    assert "UTC+99" in plan.warnings[0].message


def test_eastern_time_in_summer_has_its_summer_offset() -> None:
    plan = parse_text(
        "**Dialogue on “Oceans”**\n\n**2 July 2025, 10 a.m. to 1 p.m. (New York time)**\n"
    )
    assert plan.start == datetime.fromisoformat("2025-07-02T10:00:00-04:00")
    assert plan.start is not None and plan.start.utcoffset() is not None


def test_sdg_phrasings() -> None:
    assert read_sdgs("Sustainable Development Goals (SDGs) 9 and 17 in supporting") == {9, 17}
    assert read_sdgs("SDGs 4, 5 and 10; also SDG9 and Goal 17") == {4, 5, 9, 10, 17}
    assert read_sdgs("SDG-related technologies in 2030") == set()


_PIECES = st.sampled_from(
    [
        "**",
        "# ",
        "- ",
        "1. ",
        "Background",
        "Format",
        "Guiding questions",
        "15 April 2024",
        "15.00-16.30",
        "25.99-3 p.m.",
        "(Geneva time)",
        "UTC+14",
        "UTC+99",
        "GMT-5:75",
        "(5-7 mins)",
        "maximum 3 minutes each",
        "Panel on “X”",
        "SDGs 9 and 17",
        "E/CN.16/2024/3",
        "<https://x.org>",
        "the Chair",
        "?",
        "\n",
        "\n\n",
        ", ",
        "(",
        ")",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40))
def test_any_text_gives_a_plan_or_a_clear_refusal(pieces: list[str]) -> None:
    try:
        plan = parse_text("".join(pieces))
    except NotAConceptNote as refusal:
        assert str(refusal)
    else:
        assert plan.title
        assert all(w.line >= 1 for w in plan.warnings)
