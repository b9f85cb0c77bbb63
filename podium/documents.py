"""What the written documents share: the Jinja environment of their HTML (and so their PDF)."""

from __future__ import annotations

from functools import cache
from io import BytesIO
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from jinja2 import Environment, PackageLoader, select_autoescape

from podium.i18n import _, ngettext


@cache
def environment(package: str) -> Environment:
    """The templates in ``package``/templates, autoescaped, with gettext installed."""
    env = Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_, ngettext=ngettext, newstyle=True
    )
    return env


def centred(document: Any, text: str, *, bold: bool) -> None:
    """A centred paragraph of a Word document, as a UN title block has them."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def docx_bytes(document: Any) -> bytes:
    """The Word document as the bytes of a .docx file."""
    out = BytesIO()
    document.save(out)
    return out.getvalue()
