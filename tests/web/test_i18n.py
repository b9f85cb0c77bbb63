"""Every string a page shows goes through gettext, and extraction finds them."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
TEMPLATES = ROOT / "podium" / "web" / "templates"
POT = ROOT / "podium" / "locale" / "podium.pot"
PAGE_STRINGS = ("Request the floor", "Next speaker", "Place %(n)s in the list", "Full screen")
# Attributes a reader sees or hears.
VISIBLE_ATTRIBUTES = frozenset({"title", "placeholder", "alt", "aria-label"})
# Elements whose text is not prose: code shown as typed, scripts, styles.
NOT_PROSE = frozenset({"code", "pre", "script", "style"})
JINJA = re.compile(r"\{%-?\s*trans\b.*?endtrans\s*-?%\}|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


class _BareText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NOT_PROSE:
            self._skip += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value and re.search(r"[^\W\d_]", value):
                self.found.append(f"{tag}[{name}]={value!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_PROSE and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and re.search(r"[^\W\d_]", data):
            self.found.append(data.strip())


def bare_text(source: str) -> list[str]:
    """Visible text of a template that is outside ``{% trans %}``, ``_()`` and expressions."""
    parser = _BareText()
    parser.feed(JINJA.sub(" ", source))
    parser.close()
    return parser.found


def test_the_check_finds_bare_text() -> None:
    assert bare_text("<p>Hello</p>") == ["Hello"]
    assert bare_text('<input placeholder="Your name">') == ["input[placeholder]='Your name'"]
    assert bare_text('<p>{{ _("Hello") }} · {% trans n=1 %}{{ n }} left{% endtrans %}</p>') == []
    assert bare_text("<pre><code>podium demo</code></pre>") == []


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_text_outside_gettext(template: Path) -> None:
    assert bare_text(template.read_text(encoding="utf-8")) == []


def test_extraction_finds_the_page_strings(tmp_path: Path) -> None:
    out = tmp_path / "podium.pot"
    command = ["-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", str(out)]
    subprocess.run(
        [sys.executable, *command, "podium"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    extracted = out.read_text(encoding="utf-8")
    shipped = POT.read_text(encoding="utf-8")
    for text in PAGE_STRINGS:
        assert f'msgid "{text}"' in extracted, text
    # The catalogue template is current: `make messages` refreshes it.
    assert _msgids(shipped) == _msgids(extracted)


def _msgids(pot: str) -> set[str]:
    from babel.messages.pofile import read_po

    return {str(m.id) for m in read_po(io.StringIO(pot)) if m.id}
