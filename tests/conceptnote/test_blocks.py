"""Every format becomes the same blocks: headings with levels, paragraphs, items, tables."""

from __future__ import annotations

from pathlib import Path

import docx
import weasyprint
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from podium.conceptnote.blocks import Element
from podium.conceptnote.extract import file_blocks
from podium.conceptnote.textblocks import elements


def _shape(found: list[Element]) -> list[tuple[str, str, int]]:
    return [(e.kind, e.text, e.level) for e in found]


def test_markdown_gives_headings_items_and_a_table_with_lines() -> None:
    text = (
        "# Panel on oceans\n"
        "\n"
        "## Programme\n"
        "\n"
        "1. Opening remarks\n"
        "   - Ms. A\n"
        "2. Interactive discussion\n"
        "\n"
        "| Time | Item | Speaker |\n"
        "|------|------|---------|\n"
        "| 10.00–10.10 | Opening | **Chair** |\n"
    )
    found = elements(text)
    assert _shape(found) == [
        ("heading", "Panel on oceans", 1),
        ("heading", "Programme", 2),
        ("item", "Opening remarks", 0),
        ("item", "Ms. A", 1),
        ("item", "Interactive discussion", 0),
        ("table", "Time | Item | Speaker\n10.00–10.10 | Opening | Chair", 0),
    ]
    assert [e.number for e in found[2:5]] == ["1.", "", "2."]
    assert [e.line for e in found] == [1, 3, 5, 6, 7, 9]
    assert found[-1].rows[0] == ("Time", "Item", "Speaker")
    assert [n for n, _t in found[-1].lines] == [9, 10]


def test_plain_text_numbered_headings_are_not_items() -> None:
    text = (
        "1. Background\n\nThe oceans matter.\n\n"
        "2. Guiding questions\n\n(a) What works?\n(b) What does not?\n\n"
        "II. Programme\n\n1. Opening by the Chair\n2. Open discussion\n"
    )
    found = elements(text)
    assert _shape(found) == [
        ("heading", "Background", 0),
        ("paragraph", "The oceans matter.", 0),
        ("heading", "Guiding questions", 0),
        ("item", "What works?", 0),
        ("item", "What does not?", 0),
        ("heading", "Programme", 0),
        ("item", "Opening by the Chair", 0),
        ("item", "Open discussion", 0),
    ]
    assert [e.number for e in found if e.kind == "item"][:2] == ["(a)", "(b)"]


def test_plain_text_title_in_capitals_over_two_lines_is_one_heading() -> None:
    found = elements("HIGH-LEVEL ROUNDTABLE ON\nOCEANS AND CLIMATE\n\n• First point\n• Second\n")
    assert _shape(found) == [
        ("heading", "HIGH-LEVEL ROUNDTABLE ON OCEANS AND CLIMATE", 0),
        ("item", "First point", 0),
        ("item", "Second", 0),
    ]


def test_indented_lines_are_text_not_code() -> None:
    found = elements("Moderator:\n\n    Ms. Jane Doe, Kenya\n    Mr. John Roe, Chile\n")
    assert found[1].kind == "paragraph"
    assert [t for _n, t in found[1].lines] == ["Ms. Jane Doe, Kenya", "Mr. John Roe, Chile"]


def test_docx_localized_and_outline_headings_numbering_and_merged_cells(tmp_path: Path) -> None:
    document = docx.Document()
    titre = document.styles.add_style("Titre 2", WD_STYLE_TYPE.PARAGRAPH)
    outlined = document.styles.add_style("Section head", WD_STYLE_TYPE.PARAGRAPH)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "0")
    outlined.element.get_or_add_pPr().append(outline)
    document.add_paragraph("Contexte", style="Titre 2")
    document.add_paragraph("Programme", style="Section head")
    document.add_paragraph("Opening remarks", style="List Number")
    document.add_paragraph("Open discussion", style="List Number")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Morning session"
    for i, text in enumerate(("10.00", "Opening", "Chair")):
        table.cell(1, i).text = text
    document.add_paragraph().add_run("Supporting documents").bold = True
    assert titre.name == "Titre 2"
    path = tmp_path / "note.docx"
    document.save(str(path))
    found = file_blocks(path)
    assert _shape(found) == [
        ("heading", "Contexte", 2),
        ("heading", "Programme", 1),
        ("item", "Opening remarks", 0),
        ("item", "Open discussion", 0),
        ("table", "Morning session\n10.00 | Opening | Chair", 0),
        ("heading", "Supporting documents", 0),
    ]
    assert [e.number for e in found[2:4]] == ["1.", "2."]
    assert found[4].rows == (("Morning session",), ("10.00", "Opening", "Chair"))
    assert [e.line for e in found] == [1, 2, 3, 4, 5, 7]
    assert found[5].bold


def test_pdf_headings_by_size_and_ruled_table_in_place(tmp_path: Path) -> None:
    html = (
        "<style>td{border:1px solid black} table{border-collapse:collapse}</style>"
        "<h1>Panel on oceans</h1><h2>Programme</h2><p>The panel is in two parts.</p>"
        "<table><tr><td>Time</td><td>Item</td></tr>"
        "<tr><td>10.00–10.10</td><td>Opening by the Chair</td></tr></table>"
        "<ul><li>Interactive discussion</li></ul>"
    )
    path = tmp_path / "note.pdf"
    path.write_bytes(weasyprint.HTML(string=html).write_pdf())
    found = file_blocks(path)
    assert _shape(found) == [
        ("heading", "Panel on oceans", 1),
        ("heading", "Programme", 2),
        ("paragraph", "The panel is in two parts.", 0),
        ("table", "Time | Item\n10.00–10.10 | Opening by the Chair", 0),
        ("item", "Interactive discussion", 0),
    ]
    assert [e.line for e in found] == [1, 2, 3, 4, 6]


def test_a_numbered_heading_over_indented_paragraphs_heads_them() -> None:
    text = (
        "2. Guiding question\n\n   (a) What has been the role of policy?\n\n"
        "3. Format\n\n      Moderator and Chairman:\n         Mr. Jan Pronk, Minister\n\n"
        "      Policy debate among ministers\n"
    )
    found = [(e.kind, e.text) for e in elements(text)]
    assert found == [
        ("heading", "Guiding question"),
        ("item", "What has been the role of policy?"),
        ("heading", "Format"),
        ("paragraph", "Moderator and Chairman: Mr. Jan Pronk, Minister"),
        ("paragraph", "Policy debate among ministers"),
    ]
