"""Notes in the six UN languages: the language is told, the questions and the programme read."""

from __future__ import annotations

from pathlib import Path

import pytest

from podium.conceptnote import vocabulary
from podium.conceptnote.durations import find_duration
from podium.conceptnote.languages import LANGUAGES, words
from podium.conceptnote.reader import read_note
from tests.conftest import NOTES

LANGUAGE_NOTES = NOTES / "languages"


def _note(language: str) -> Path:
    return next(LANGUAGE_NOTES.glob(f"ocean-roundtable.{language}.*"))


@pytest.mark.parametrize("language", ["fr", "es", "zh", "ru", "ar"])
def test_the_ocean_roundtable_reads_the_same_in_every_language(language: str) -> None:
    plan = read_note(_note(language))
    assert plan.language == language
    assert len(plan.questions) == 2
    assert all(q.rstrip().endswith(("?", "？", "؟")) for q in plan.questions)
    assert [(s.role, s.speakers, s.minutes_max, s.per_speaker) for s in plan.segments] == [
        ("chair", 1, 5, False),
        ("panelist", 3, 10, True),
        ("participant", None, 3, True),
    ]
    assert [d.symbol for d in plan.documents] == ["E/CN.16/2025/2"]


def test_segment_titles_keep_their_words_without_the_time_rule() -> None:
    titles = {lang: [s.title for s in read_note(_note(lang)).segments] for lang in ("fr", "es")}
    assert titles["fr"][:2] == ["Déclaration liminaire du Président", "Exposés de trois panélistes"]
    assert titles["es"][0] == "Palabras de apertura del Presidente"


def test_english_notes_are_english() -> None:
    for path in NOTES.glob("cstd*.md"):
        assert read_note(path).language == "en"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The panel will discuss the role of science and technology for the goals.", "en"),
        (
            "La table ronde portera sur le rôle de la science et de la technique pour les pays.",
            "fr",
        ),
        (
            "La mesa redonda tratará sobre el papel de la ciencia y la tecnología para los países.",
            "es",
        ),
        ("小组讨论将探讨科学技术在实现可持续发展目标方面的作用。", "zh"),
        ("Дискуссия будет посвящена роли науки и техники в достижении целей.", "ru"),
        ("ستناقش حلقة النقاش دور العلم والتكنولوجيا في تحقيق الأهداف.", "ar"),
    ],
)
def test_language_is_told_from_script_and_common_words(text: str, language: str) -> None:
    assert vocabulary.detect(text) == language


@pytest.mark.parametrize(
    ("text", "language", "minutes"),
    [
        ("trois minutes au maximum", "fr", (None, 3)),
        ("de 5 à 7 minutes", "fr", (5, 7)),
        ("no más de cinco minutos", "es", (None, 5)),
        ("media hora", "es", (None, 30)),
        ("不超过3分钟", "zh", (None, 3)),
        ("不超过三分钟", "zh", (None, 3)),
        ("не более пяти минут", "ru", (None, 5)),
        ("لمدة ٣ دقائق", "ar", (None, 3)),
    ],
)
def test_speaking_times_in_each_language(
    text: str, language: str, minutes: tuple[float | None, float]
) -> None:
    found = find_duration(text, language)
    assert found is not None
    assert (found.minutes_min, found.minutes_max) == minutes


def test_every_language_table_has_the_reader_sections() -> None:
    for language in LANGUAGES:
        table = words(language)
        for section in ("headings", "roles", "units", "numbers"):
            assert table.get(section), f"{language}.toml has no [{section}]"
        for kind in ("questions", "format", "documents"):
            assert table["headings"].get(kind), f"{language}.toml: [headings] {kind}"
        for unit in ("minute", "hour", "maximum", "each"):
            assert table["units"].get(unit), f"{language}.toml: [units] {unit}"


def test_a_chinese_role_word_is_not_matched_inside_a_longer_word() -> None:
    from podium.conceptnote import vocabulary

    chair = vocabulary.pattern("zh", "roles", "cues.chair")
    assert chair.search("经济及社会理事会主席英加·朗达·金阁下")
    assert chair.search("前主席团成员的回顾") is None  # the Bureau
    assert chair.search("2011年经社理事会前主席") is None  # a former Chair


def test_chinese_lines_are_joined_without_a_space() -> None:
    from podium.conceptnote.blocks import join_lines

    assert join_lines(["经社理事会前", "主席"]) == "经社理事会前主席"
    assert join_lines(["the Council's", "President"]) == "the Council's President"
