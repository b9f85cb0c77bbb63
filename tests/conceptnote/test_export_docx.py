from __future__ import annotations

from io import BytesIO

from docx import Document as read_docx

from podium.conceptnote.docx import write_docx
from tests.conceptnote.plans import panel_2024, roundtable_2021


def test_docx_reads_back_with_the_note_in_order() -> None:
    plan = panel_2024()
    document = read_docx(BytesIO(write_docx(plan)))
    texts = [p.text for p in document.paragraphs]

    assert texts[0] == plan.body and texts[1] == "Twenty-seventh Annual Session"
    assert texts[2] == f"High-level panel on “{plan.title}”"
    assert texts[3] == "Monday, 15 April 2024, 15:00–16:30 (CEST, UTC+02:00)"
    assert texts[4] == "Geneva" and texts[5] == "Concept note"
    assert document.core_properties.title == texts[2]

    questions = [p for p in document.paragraphs if p.text in plan.questions]
    assert [p.text for p in questions] == list(plan.questions)
    assert all(p.style is not None and p.style.name == "List Number" for p in questions)
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 3"]
    assert headings == [
        "Background",
        "Objective",
        "Guiding questions",
        "Format",
        "Supporting documents",
        "Outcome",
    ]


def test_docx_documents_are_hyperlinks() -> None:
    plan = panel_2024()
    document = read_docx(BytesIO(write_docx(plan)))
    links = [link for p in document.paragraphs for link in p.hyperlinks]
    assert [link.url for link in links] == [d.url for d in plan.documents]
    assert links[0].text == (
        "Report of the Secretary-General: Global cooperation in science, technology and "
        "innovation for development (E/CN.16/2024/3)"
    )


def test_docx_without_venue_or_documents() -> None:
    plan = roundtable_2021()
    document = read_docx(BytesIO(write_docx(plan)))
    texts = [p.text for p in document.paragraphs]
    assert texts[3] == "Monday, 17 May 2021, 15:00–16:00 (UTC+02:00)"
    assert texts[4] == "Concept note"
    assert "Initial interventions of the high-level discussants (5–7 minutes each)" in texts
    assert not [link for p in document.paragraphs for link in p.hyperlinks]
