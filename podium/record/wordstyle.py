"""What makes a Word document readable by every reader: its language, its direction, its fonts,
and table header rows that repeat on every page, in the document's own styles."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from podium.i18n import direction

# Debian's Noto faces (installed with the PDF's fonts): Word falls back to its own otherwise.
EAST_ASIAN_FONT = "Noto Sans CJK SC"
COMPLEX_SCRIPT_FONT = "Noto Naskh Arabic"

# The language tags Word writes for text in each script: the document's own where it is
# of that script, a regional default otherwise (Word needs a region for its proofing tools).
_EAST_ASIAN = {"zh": "zh-CN"}
_BIDI = {"ar": "ar-SA"}
_DEFAULT_EAST_ASIAN = "zh-CN"
_DEFAULT_BIDI = "ar-SA"


def _child(parent: Any, tag: str) -> Any:
    """``parent``'s child element ``tag``, added when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_language(document: Any, language: str) -> None:
    """Marks every run of ``document`` as written in ``language`` (a Babel locale name such
    as ``fr`` or ``en_GB``), with the fonts that write Chinese and Arabic, and lays every
    paragraph and table right to left when the language is written so."""
    tag = language.replace("_", "-")
    base = tag.split("-")[0]
    defaults = _child(document.styles.element, "w:docDefaults")
    run = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    fonts = _child(run, "w:rFonts")
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    fonts.set(qn("w:cs"), COMPLEX_SCRIPT_FONT)
    lang = _child(run, "w:lang")
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), _EAST_ASIAN.get(base, _DEFAULT_EAST_ASIAN))
    lang.set(qn("w:bidi"), _BIDI.get(base, _DEFAULT_BIDI))
    document.core_properties.language = tag
    if direction(language) == "rtl":
        paragraph = _child(_child(defaults, "w:pPrDefault"), "w:pPr")
        _child(paragraph, "w:bidi")


def right_to_left(table: Any) -> None:
    """The table's columns run from the right, as an Arabic reader reads them."""
    _child(table._tbl.tblPr, "w:bidiVisual")


def repeat_header(row: Any) -> None:
    """The row is the table's header: repeated at the top of every page the table runs
    over, and announced as the header by screen readers; it is never split across pages."""
    properties = row._tr.get_or_add_trPr()
    _child(properties, "w:tblHeader").set(qn("w:val"), "true")
    _child(properties, "w:cantSplit").set(qn("w:val"), "true")
