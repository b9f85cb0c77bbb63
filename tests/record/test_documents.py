"""The documents are accessible and readable in every language: a tagged PDF/UA in the
report's language, Word headings and repeating header rows, Arabic and Chinese text that
reads back in order, Arabic chart labels joined and right to left, and a long meeting's
report that summarises its rows instead of printing thousands of them."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import UTC, datetime
from io import BytesIO, StringIO
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from podium.i18n import _, locale_name, speaking
from podium.meeting.commands import (
    EndSpeech,
    GiveFloor,
    OpenMeeting,
    RequestFloor,
    StartSegment,
    TagIntervention,
    WithdrawRequest,
    register,
)
from podium.meeting.decide import Refusal, create_meeting, decide
from podium.meeting.events import Event
from podium.meeting.plan import Plan, Segment
from podium.meeting.state import evolve, initial_state
from podium.meeting.words import CHAIR, SECRETARIAT, Actor
from podium.record.charts import CHARTS, chart
from podium.record.exports import render
from podium.record.interventions import Record, record_from_events
from podium.record.report import FULL_ROWS, LONGEST, Report, annexes, build_report

ARABIC_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _report(record: Record, language: str) -> Report:
    with speaking(language):
        return build_report(record, locale_name())


def _render(report: Report, fmt: str) -> bytes:
    with speaking(report.language.split("_")[0]):
        return render(report, fmt)


@pytest.fixture(scope="module")
def pdfs(record: Record) -> dict[str, bytes]:
    return {lang: _render(_report(record, lang), "pdf") for lang in ("en", "ar", "zh")}


def _structure(element: Any, found: Counter[str], alt: list[str]) -> None:
    element = element.get_object()
    if not hasattr(element, "get") or "/S" not in element:
        return
    found[str(element["/S"])] += 1
    if element["/S"] == "/Figure" and "/Alt" in element:
        alt.append(str(element["/Alt"]))
    kids = element.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        _structure(kid, found, alt)


@pytest.mark.parametrize(("language", "tag"), [("en", "en-GB"), ("ar", "ar"), ("zh", "zh")])
def test_the_pdf_is_tagged_pdf_ua_in_the_reports_language(
    pdfs: dict[str, bytes], language: str, tag: str
) -> None:
    pdf = PdfReader(BytesIO(pdfs[language]))
    catalog = pdf.trailer["/Root"]
    assert catalog["/Lang"] == tag
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    with speaking(language):
        assert pdf.metadata is not None and pdf.metadata.title.startswith(_("Chair's summary"))
    xmp = pdf.xmp_metadata
    assert xmp is not None and b"pdfuaid" in xmp.stream.get_data()  # declares PDF/UA-1
    found: Counter[str] = Counter()
    alt: list[str] = []
    root = catalog["/StructTreeRoot"].get_object()
    kids = root["/K"].get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        _structure(kid, found, alt)
    assert found["/H1"] == 1 and found["/H2"] >= 6 and found["/H3"] >= 10
    assert found["/Table"] == found["/THead"] >= 10
    assert found["/TH"] >= 5 * found["/Table"] // 2 and found["/TD"] > found["/TH"]
    assert found["/Figure"] == len(CHARTS)  # every chart, each with its alternative text
    with speaking(language):
        assert all(text.startswith(_("Chart:")) for text in alt) and len(alt) == len(CHARTS)


def _words_in_order(text: str, words: list[str]) -> None:
    at = -1
    for word in words:
        where = text.find(word, at + 1)
        assert where > at, (word, text[max(at, 0) : max(at, 0) + 200])
        at = where


@pytest.mark.parametrize("language", ["ar", "zh"])
def test_arabic_and_chinese_pdfs_read_back_in_order(pdfs: dict[str, bytes], language: str) -> None:
    reader = PdfReader(BytesIO(pdfs[language]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert not ARABIC_PRESENTATION_FORMS.search(text)  # letters, not the glyphs drawn for them
    with speaking(language):
        words = [
            _("Chair's summary"),
            _("Guiding question {number}: {text}").split("{number}")[0].strip(),
            _("Programme as held"),
            # "Annex I", as far as the full stop: a text extractor may put a neutral full
            # stop's two sides of a right-to-left line either way round.
            *(
                title.split(".")[0]
                for title in (
                    _("Annex I. Who got to speak"),
                    _("Annex II. The programme as planned and as held"),
                    _("Annex III. Interventions"),
                    _("Annex IV. Requests for the floor that were not heard"),
                )
            ),
        ]
    _words_in_order(text, words)
    if language == "ar":
        # Whole Arabic phrases, their words in reading order, from the catalogue and M49.
        assert "موجز الرئيس" in text
        assert "طلبات الكلمة التي لم يُستمع إليها" in text
        assert "الولايات المتحدة الأمريكية" in text
    else:
        assert "主席摘要" in text and "2024年4月15日" in text
        assert "美利坚合众国" in text  # the United States of America, by M49's Chinese name


def test_the_arabic_pdf_reads_right_to_left(pdfs: dict[str, bytes]) -> None:
    import pdfplumber

    with pdfplumber.open(BytesIO(pdfs["ar"])) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
    # The title, centred; a numbered paragraph's number stands at the right margin.
    numbers = [w for w in words if re.fullmatch(r"\.?1\.?", w["text"])]
    assert numbers and numbers[0]["x0"] > page.width / 2


def _heading_level(paragraph: Any) -> int | None:
    name = paragraph.style.name
    return int(name.split()[-1]) if name.startswith("Heading ") else None


@pytest.mark.parametrize("language", ["en", "ar"])
def test_word_uses_real_headings_and_repeating_header_rows(record: Record, language: str) -> None:
    document = Document(BytesIO(_render(_report(record, language), "docx")))
    levels = [(p.text, _heading_level(p)) for p in document.paragraphs if _heading_level(p)]
    with speaking(language):
        assert levels[0] == (_("Chair's summary"), 1)
        assert (_("Annex I. Who got to speak"), 2) in levels
        assert (_("Programme as held"), 2) in levels
    previous = 0
    for text, level in levels:
        assert level is not None and level <= previous + 1, (text, level)  # no level skipped
        previous = level
    assert len(document.tables) >= 10
    for table in document.tables:
        rows = table.rows
        header = rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert all(
            r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows[1:]
        )
        rtl = table._tbl.tblPr.find(qn("w:bidiVisual")) is not None
        assert rtl == (language == "ar")
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == ("en-GB" if language == "en" else "ar")
    assert lang.get(qn("w:bidi")) == "ar-SA" and lang.get(qn("w:eastAsia")) == "zh-CN"
    fonts = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    assert fonts.get(qn("w:cs")) == "Noto Naskh Arabic"
    bidi = defaults.find(qn("w:pPrDefault"))
    assert (bidi is not None and bidi.find(qn("w:pPr")).find(qn("w:bidi")) is not None) == (
        language == "ar"
    )
    assert document.core_properties.language == ("en-GB" if language == "en" else "ar")


def _glyphs(svg: str) -> list[str]:
    """The glyphs an SVG chart draws, in the order it draws them."""
    return re.findall(r'xlink:href="#([^"]+)"', svg)


def test_arabic_chart_labels_are_joined_and_right_to_left(record: Record) -> None:
    from matplotlib.font_manager import FontProperties, findfont, get_font

    report = _report(record, "ar")
    with speaking("ar"):
        svg = chart(report.stats, "development-group", "svg").decode()
        word = "البلدان"
        assert word in _("Least developed countries (LDC)")
    font = get_font(findfont(FontProperties(family="Noto Sans Arabic"), fallback_to_default=False))
    font.set_size(9, 72)
    prefix = font.postscript_name + "-"
    # The shaped word: each letter in the form its neighbours call for, last letter leftmost.
    shaped = [prefix + f"{g:x}" for g in _shaped_ids(font, word)]
    isolated = [prefix + f"{font.get_char_index(ord(c)):x}" for c in word]
    assert shaped != isolated and shaped != isolated[::-1]
    drawn = _glyphs(svg)
    text = " ".join(drawn)
    assert " ".join(shaped) in text
    assert " ".join(isolated) not in text and " ".join(isolated[::-1]) not in text


def _shaped_ids(font: Any, word: str) -> list[int]:
    from matplotlib.textpath import TextToPath

    glyphs, _map, _rects = TextToPath().get_glyphs_with_font(font, word)
    return [int(str(key).rsplit("-", 1)[1], 16) for key, *_rest in glyphs]


def _long_meeting(interventions: int, unheard: int) -> list[Event]:
    """A meeting of ``interventions`` speeches and ``unheard`` withdrawn requests, decided
    by the core."""
    now = datetime(2024, 4, 15, 13, tzinfo=UTC)
    plan = Plan(
        title="A long meeting",
        questions=("One?",),
        segments=(Segment("Floor", "participant", minutes_max=3, per_speaker=True),),
    )
    events: list[Event] = list(create_meeting(plan, now))
    state = initial_state()
    for event in events:
        state = evolve(state, event)

    def send(command: Any, by: Actor = CHAIR, seconds: int = 7) -> None:
        nonlocal state, now
        now = now.replace() if seconds == 0 else now + _seconds(seconds)
        decision = decide(state, command, by, now)
        assert not isinstance(decision, Refusal), decision.reason
        for event in decision:
            state = evolve(state, event)
        events.extend(decision)

    send(OpenMeeting())
    codes = ("KE", "NP", "FR", "BR", "CN", "FJ")
    for n in range(12):
        send(register(name=f"Delegation {n}", country=codes[n % len(codes)]), SECRETARIAT)
    send(StartSegment(segment=0))
    for n in range(interventions):
        send(RequestFloor(), Actor("participant", f"p{n % 12 + 1}"))
        send(GiveFloor())
        if n % 4 == 0:
            send(TagIntervention(questions=(1,)), SECRETARIAT)
        send(EndSpeech(), seconds=150 + (n % 7) * 10)
    for n in range(unheard):
        who = Actor("participant", f"p{n % 12 + 1}")
        send(RequestFloor(), who)
        send(WithdrawRequest(request_id=state.queue[-1].id), who)
    return events


def _seconds(n: int) -> Any:
    from datetime import timedelta

    return timedelta(seconds=n)


@pytest.fixture(scope="module")
def long_record() -> Record:
    return record_from_events("long", _long_meeting(FULL_ROWS + 40, FULL_ROWS + 5))


def test_a_long_meetings_documents_summarise_the_rows_the_exports_keep_in_full(
    long_record: Record,
) -> None:
    report = build_report(long_record)
    third, fourth = annexes(report)[2:]
    assert third.note is not None and f"{FULL_ROWS + 40} interventions" in third.note
    by_kind, longest = third.tables
    assert by_kind.total is not None and by_kind.total[2] == str(FULL_ROWS + 40)
    assert sum(int(row[2]) for row in by_kind.rows) == FULL_ROWS + 40
    over = [i for i in long_record.interventions if i.overrun_seconds > 0]
    assert by_kind.total[4] == str(len(over)) and len(over) > LONGEST
    assert len(longest.rows) == LONGEST
    worst = sorted(over, key=lambda i: -i.overrun_seconds)[LONGEST - 1].overrun_seconds
    assert all(
        i.overrun_seconds >= worst for i in over if str(i.id) in {r[0] for r in longest.rows}
    )
    assert fourth.note is not None and f"{FULL_ROWS + 5} requests" in fourth.note
    (unheard,) = fourth.tables
    assert unheard.total == (_("Total"), "", str(FULL_ROWS + 5))

    markdown = render(report, "md").decode()
    assert third.note in markdown and markdown.count("\n| ") < 3 * LONGEST + 60
    rows = list(csv.DictReader(StringIO(render(report, "csv").decode())))
    assert sum(r["heard"] == "yes" for r in rows) == FULL_ROWS + 40
    assert sum(r["heard"] == "no" for r in rows) == FULL_ROWS + 5
    data = json.loads(render(report, "json"))
    assert len(data["interventions"]) == FULL_ROWS + 40


def test_a_meeting_at_the_limit_lists_every_row(long_record: Record) -> None:
    events = _long_meeting(FULL_ROWS, 0)
    report = build_report(record_from_events("short", events))
    third = annexes(report)[2]
    assert third.note is None and len(third.tables[0].rows) == FULL_ROWS


def _fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for font in fonts.get_object().values() if fonts is not None else ():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_chinese_is_set_in_simplified_faces_and_arabic_in_naskh(pdfs: dict[str, bytes]) -> None:
    chinese = _fonts(pdfs["zh"])
    assert any("CJK-SC" in name for name in chinese), chinese
    assert not any("CJK-JP" in name or "CJK-KR" in name for name in chinese), chinese
    arabic = _fonts(pdfs["ar"])
    assert any("Naskh-Arabic" in name for name in arabic), arabic
