"""The catalogues: complete for every message of the template, placeholders kept exactly,
the glossary's UN terms used, and the compiled .mo files current with their .po."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from podium.i18n import LOCALE_DIR

POT = LOCALE_DIR / "podium.pot"
GLOSSARY = LOCALE_DIR / "GLOSSARY.md"
LANGUAGES = sorted(p.parent.parent.name for p in LOCALE_DIR.glob("*/LC_MESSAGES/podium.po"))
# str.format fields ({name}, {name!r}, {share:.0%}) and %-style ones (%(n)s).
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]")


def _catalogue(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def _forms(message: Message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _ids(message: Message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def test_the_six_languages_have_catalogues() -> None:
    assert set(LANGUAGES) == {"ar", "es", "fr", "ru", "zh"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_of_the_template_is_translated(lang: str) -> None:
    template = _catalogue(POT)
    catalogue = _catalogue(LOCALE_DIR / lang / "LC_MESSAGES" / "podium.po", lang)
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalogue.get(message.id)
        if found is None or found.fuzzy or not all(_forms(found)):
            missing.append(_ids(message)[0])
        elif isinstance(message.id, tuple):
            assert len(_forms(found)) == catalogue.num_plurals, message.id
    assert missing == [], f"{lang}: run `make messages` and translate {len(missing)} messages"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept_exactly(lang: str) -> None:
    catalogue = _catalogue(LOCALE_DIR / lang / "LC_MESSAGES" / "podium.po", lang)
    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        # A plural's forms may say the number in words ("one") but never lose another field.
        wanted = set(PLACEHOLDER.findall(_ids(message)[-1]))
        for form in _forms(message):
            if form and set(PLACEHOLDER.findall(form)) != wanted:
                wrong.append((_ids(message)[0], form))
    assert wrong == []


def _glossary() -> list[tuple[str, dict[str, list[str]]]]:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
        if line.startswith("|")
    ]
    header, terms = rows[0], rows[2:]
    return [
        (
            row[0],
            {
                lang: [t.strip() for t in cell.split(";")]
                for lang, cell in zip(header[1:], row[1:], strict=True)
            },
        )
        for row in terms
    ]


def test_the_glossary_names_each_language() -> None:
    terms = _glossary()
    assert len(terms) >= 8
    assert all(set(LANGUAGES) <= set(forms) for _term, forms in terms)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogues_use_the_glossarys_terms(lang: str) -> None:
    catalogue = _catalogue(LOCALE_DIR / lang / "LC_MESSAGES" / "podium.po", lang)
    astray = []
    for english, forms in _glossary():
        term = re.compile(rf"\b{re.escape(english)}\b", re.IGNORECASE)
        wanted = [form.casefold() for form in forms[lang]]
        for message in catalogue:
            if not message.id or not term.search(_ids(message)[0]):
                continue
            for form in _forms(message):
                if not any(w in form.casefold() for w in wanted):
                    astray.append(f"{english!r}: {form!r}")
    assert astray == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogue_is_current(lang: str) -> None:
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(folder / "podium.po", lang))
    assert (folder / "podium.mo").read_bytes() == compiled.getvalue(), "run `make messages`"
