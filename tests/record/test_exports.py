"""Every export of the panel's report opens and holds the same numbers."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from io import BytesIO, StringIO

import pytest
from docx import Document
from pypdf import PdfReader

from podium.meeting.commands import (
    EndSpeech,
    GiveFloor,
    OpenMeeting,
    RequestFloor,
    StartSegment,
    TagIntervention,
    register,
)
from podium.meeting.decide import Refusal, create_meeting, decide
from podium.meeting.plan import Plan, Segment
from podium.meeting.state import replay
from podium.meeting.words import CHAIR, SECRETARIAT
from podium.record.charts import CHARTS, UnknownChart, chart
from podium.record.exports import FORMATS, UnknownFormat, render
from podium.record.interventions import record_from_events
from podium.record.report import Report, build_report
from podium.record.summary import minutes


@pytest.fixture(scope="module")
def files(report: Report) -> dict[str, bytes]:
    return {fmt: render(report, fmt) for fmt in FORMATS}


def test_markdown_has_the_title_block_numbered_paragraphs_and_totals(
    files: dict[str, bytes], report: Report
) -> None:
    text = files["md"].decode()
    assert text.startswith("**United Nations Commission on Science and Technology")
    assert "# Chair's summary" in text
    assert "\n1. The High-level panel" in text
    assert "### Guiding question 6:" in text
    total = report.stats.breakdown("region")
    assert f"| **Total** | **{total.interventions}** | **{minutes(total.seconds)}** |" in text


def test_pdf_text_holds_the_summary_and_the_same_numbers(
    files: dict[str, bytes], report: Report
) -> None:
    pdf = PdfReader(BytesIO(files["pdf"]))
    text = " ".join(page.extract_text() for page in pdf.pages)
    flat = " ".join(text.split())
    assert "Chair's summary" in flat
    assert f"{len(report.record.interventions)} interventions were made" in flat
    assert f"{minutes(report.record.spoken_seconds)} minutes of speaking time" in flat
    for question in report.summary.questions:
        assert f"Guiding question {question.number}:" in flat
    assert "Annex IV. Requests for the floor that were not heard" in flat
    assert "Third World Network" in flat


def test_the_pdf_prints_wide_tables_on_landscape_pages_and_nothing_off_the_page(
    files: dict[str, bytes],
) -> None:
    import pdfplumber

    with pdfplumber.open(BytesIO(files["pdf"])) as pdf:
        shapes = []
        for page in pdf.pages:
            text = page.extract_text() or ""
            shapes.append((page.width > page.height, text))
            outside = [c["text"] for c in page.chars if c["x1"] > page.width or c["x0"] < 0]
            assert outside == [], (page.page_number, "".join(outside)[:80])
    assert not shapes[0][0]  # the summary itself stays portrait
    # The record of every intervention (13 columns) is on landscape pages, all of it.
    # (its header row is repeated on every page it runs over).
    record = [landscape for landscape, text in shapes if "Overrun Questions Note" in text]
    assert len(record) >= 2 and all(record), [landscape for landscape, _text in shapes]
    assert sum(landscape for landscape, _text in shapes) == len(record)


def test_docx_reads_back_laid_out_like_a_un_document(
    files: dict[str, bytes], report: Report
) -> None:
    document = Document(BytesIO(files["docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0].startswith("United Nations Commission on Science and Technology")
    assert "Chair's summary" in paragraphs
    numbered = [p for p in paragraphs if p[:1].isdigit() and ".\t" in p[:5]]
    shapes = [s.page_width > s.page_height for s in document.sections]
    assert shapes[0] is False and True in shapes  # the wide record of interventions turns
    assert [int(p.split(".")[0]) for p in numbered] == list(range(1, len(numbered) + 1))
    assert numbered[1] == "2.\t" + report.summary.parts[0].paragraphs[1]
    region = document.tables[1]  # role first, then region
    total = [c.text for c in region.rows[-1].cells]
    stats = report.stats.breakdown("region")
    assert total[:3] == ["Total", str(stats.interventions), minutes(stats.seconds)]
    assert len(document.inline_shapes) == len(CHARTS)


def test_csv_has_a_row_per_intervention_and_the_unheard_marked(
    files: dict[str, bytes], report: Report
) -> None:
    rows = list(csv.DictReader(StringIO(files["csv"].decode())))
    heard = [r for r in rows if r["heard"] == "yes"]
    unheard = [r for r in rows if r["heard"] == "no"]
    assert len(heard) == len(report.record.interventions)
    assert len(unheard) == len(report.record.unheard)
    assert {r["outcome"] for r in unheard} == {"withdrawn", "waiting"}
    assert sum(float(r["spoken_seconds"]) for r in heard) == pytest.approx(
        report.record.spoken_seconds, abs=0.1 * len(heard)
    )


def test_json_holds_the_record_and_the_same_statistics(
    files: dict[str, bytes], report: Report
) -> None:
    data = json.loads(files["json"])
    assert data["meeting_id"] == report.record.meeting_id
    assert len(data["interventions"]) == data["statistics"]["interventions"]
    assert sum(i["spoken_seconds"] for i in data["interventions"]) == pytest.approx(
        data["statistics"]["seconds"], abs=0.01
    )
    regions = data["statistics"]["breakdowns"]["region"]
    assert sum(r["interventions"] for r in regions) == len(data["interventions"])
    assert [q["speakers"] for q in data["summary"]["questions"]] == [
        list(q.speakers) for q in report.summary.questions
    ]


def test_html_embeds_every_chart(files: dict[str, bytes]) -> None:
    page = files["html"].decode()
    assert page.count("data:image/svg+xml;base64,") == len(CHARTS)
    assert '<p class="numbered"><span class="number">1.</span>' in page


def test_charts_are_the_same_bytes_each_time(report: Report) -> None:
    again = build_report(report.record)
    for name in CHARTS:
        svg = chart(report.stats, name, "svg")
        assert svg.startswith(b"<?xml") and b"<svg" in svg
        assert svg == chart(again.stats, name, "svg")
    png = chart(report.stats, "region", "png")
    assert png.startswith(b"\x89PNG") and png == chart(again.stats, "region", "png")


def test_unknown_format_or_chart_is_a_clear_error(report: Report) -> None:
    with pytest.raises(UnknownFormat, match="'odt' is not a report format"):
        render(report, "odt")
    with pytest.raises(UnknownChart, match="no chart 'pie'"):
        chart(report.stats, "pie", "svg")


def test_names_are_escaped_in_html() -> None:
    """A hostile name reaches the record through the core and comes out as text."""
    now = datetime(2024, 4, 15, 13, 0, tzinfo=UTC)
    plan = Plan(
        title="<b>T</b>",
        questions=("Q?",),
        segments=(Segment("Floor", "participant", minutes_max=3),),
    )
    events = list(create_meeting(plan, now))
    for command, by in (
        (register(name="<script>alert(1)</script>", delegation="<i>X</i>"), SECRETARIAT),
        (OpenMeeting(), CHAIR),
        (StartSegment(segment=0), CHAIR),
        (RequestFloor(participant_id="p1"), SECRETARIAT),
        (GiveFloor(), CHAIR),
        (TagIntervention(questions=(1,), note="<img src=x onerror=alert(1)>"), SECRETARIAT),
        (EndSpeech(), CHAIR),
    ):
        decision = decide(replay(events), command, by, now)
        assert not isinstance(decision, Refusal), decision
        events.extend(decision)
    page = render(build_report(record_from_events("m", events)), "html").decode()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;i&gt;X&lt;/i&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
