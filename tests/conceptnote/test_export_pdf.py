from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO

import pytest
from pypdf import PdfReader

from podium.meeting.plan import Plan
from tests.conceptnote.plans import panel_2024, roundtable_2021


def pdf_text(plan: Plan) -> str:
    from podium.conceptnote.pdf import write_pdf

    data = write_pdf(plan)
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    # Lines wrap where the page ends: compare words, not line breaks.
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("make", [panel_2024, roundtable_2021])
def test_pdf_holds_the_title_and_the_questions(make: Callable[[], Plan]) -> None:
    plan = make()
    text = pdf_text(plan)
    assert plan.title in text
    assert "Concept note" in text
    for question in plan.questions:
        assert question in text


def test_pdf_lays_out_the_note() -> None:
    text = pdf_text(panel_2024())
    assert "Twenty-seventh Annual Session" in text
    assert "Monday, 15 April 2024, 15:00–16:30" in text
    assert "E/CN.16/2024/3" in text
    assert "Presentations by the panelists (maximum 15 minutes each)" in text
