"""Report downloads for the Chair and the secretariat: the summary, the record, the charts.

A report is built from the log as it stands; it is kept per meeting and
sequence number, so the secretariat's page can show every chart of the same
log without reading it again, and a changed log gives a fresh report. The
ETag is the sequence number: a browser that has this version gets a 304.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from fastapi import APIRouter, HTTPException, Request, Response

from podium.i18n import _, current, locale_name, speaking
from podium.record.charts import CHART_FORMATS, CHARTS
from podium.record.exports import FORMATS, MEDIA_TYPES, load_record, render
from podium.record.interventions import RecordError
from podium.record.report import Report, build_report
from podium.web.deps import require, service
from podium.web.locale import meeting_language
from podium.web.schemas import Error

# Their failures are the API's: a sentence under "detail", documented.
router = APIRouter(
    tags=["reports"],
    responses={code: {"model": Error} for code in (401, 403, 404, 422)},
)

READERS = ("chair", "secretariat")
_KEEP = 8  # reports kept in memory: a few meetings' latest versions


class _Reports:
    """The latest reports built, by (meeting, seq), and their rendered files."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reports: OrderedDict[tuple[str, int, str], Report] = OrderedDict()
        self._files: OrderedDict[tuple[str, int, str, str], bytes] = OrderedDict()

    def report(self, request: Request, meeting_id: str) -> Report:
        store = service(request).store
        seq = store.last_seq(meeting_id)
        key = (meeting_id, seq, current())
        with self._lock:
            if key in self._reports:
                self._reports.move_to_end(key)
                return self._reports[key]
        try:
            report = build_report(load_record(store, meeting_id), locale_name())
        except RecordError as exc:
            raise HTTPException(404, str(exc)) from None
        with self._lock:
            self._reports[key] = report
            while len(self._reports) > _KEEP:
                self._reports.popitem(last=False)
        return report

    def file(self, report: Report, fmt: str) -> bytes:
        key = (report.record.meeting_id, report.record.last_seq, fmt, current())
        with self._lock:
            if key in self._files:
                return self._files[key]
        content = render(report, fmt)
        with self._lock:
            self._files[key] = content
            while len(self._files) > _KEEP * 2:
                self._files.popitem(last=False)
        return content


_reports = _Reports()


def _etag(meeting_id: str, seq: int, what: str) -> str:
    return f'"{meeting_id}-{seq}-{what}"'


def _fresh(request: Request, etag: str) -> bool:
    return etag in {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}


@router.get(
    "/m/{meeting_id}/report.{fmt}",
    summary="The Chair's summary and the record (md, html, pdf, docx, csv, json)",
    responses={200: {"content": {MEDIA_TYPES[f].split(";")[0]: {} for f in FORMATS}}},
)
def report_file(request: Request, meeting_id: str, fmt: str) -> Response:
    require(request, meeting_id, READERS)
    if fmt not in FORMATS:
        raise HTTPException(
            404,
            _("There is no report as '{format}'; the formats are {formats}.").format(
                format=fmt, formats=", ".join(FORMATS)
            ),
        )
    # The meeting's documents speak its language unless ?lang= asks for another.
    plan = service(request).plan(meeting_id)
    with speaking(meeting_language(request, plan.language)):
        seq = service(request).store.last_seq(meeting_id)
        etag = _etag(meeting_id, seq, f"{fmt}-{current()}")
        headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
        if _fresh(request, etag):
            return Response(status_code=304, headers=headers)
        report = _reports.report(request, meeting_id)
        content = _reports.file(report, fmt)
        if fmt != "html":
            headers["Content-Disposition"] = (
                f'attachment; filename="{meeting_id}-chairs-summary.{fmt}"'
            )
        return Response(content, media_type=MEDIA_TYPES[fmt], headers=headers)


@router.get(
    "/m/{meeting_id}/charts/{name}.{fmt}",
    summary="A chart of who got to speak (svg or png)",
    responses={200: {"content": {"image/svg+xml": {}, "image/png": {}}}},
)
def chart_file(request: Request, meeting_id: str, name: str, fmt: str) -> Response:
    require(request, meeting_id, READERS)
    if name not in CHARTS or fmt not in CHART_FORMATS:
        raise HTTPException(
            404,
            _("There is no chart '{name}.{format}'; the charts are {names}, as svg or png.").format(
                name=name, format=fmt, names=", ".join(CHARTS)
            ),
        )
    # The meeting's documents speak its language unless ?lang= asks for another.
    plan = service(request).plan(meeting_id)
    with speaking(meeting_language(request, plan.language)):
        seq = service(request).store.last_seq(meeting_id)
        etag = _etag(meeting_id, seq, f"{name}.{fmt}-{current()}")
        headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
        if _fresh(request, etag):
            return Response(status_code=304, headers=headers)
        report = _reports.report(request, meeting_id)
        return Response(report.chart(name, fmt), media_type=MEDIA_TYPES[fmt], headers=headers)
