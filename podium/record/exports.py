"""Every format of the report, from the log to bytes: what the CLI and the web serve."""

from __future__ import annotations

from podium.conceptnote.layout import LANGUAGE
from podium.i18n import _
from podium.record.interventions import Record, RecordError, record_from_texts
from podium.record.report import Progress, Report, build_report
from podium.store import EventStore

FORMATS: tuple[str, ...] = ("md", "html", "pdf", "docx", "csv", "json")
MEDIA_TYPES: dict[str, str] = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "svg": "image/svg+xml",
    "png": "image/png",
}
BINARY: frozenset[str] = frozenset({"pdf", "docx", "png"})


class UnknownFormat(ValueError):
    def __init__(self, fmt: str) -> None:
        super().__init__(
            _("'{format}' is not a report format; the formats are {formats}.").format(
                format=fmt, formats=", ".join(FORMATS)
            )
        )


def _quiet(step: str) -> None:
    """Nobody is watching the build."""


def load_record(store: EventStore, meeting_id: str) -> Record:
    """The record of ``meeting_id`` from the store's log; ``RecordError`` when there is none."""
    if not meeting_id or store.last_seq(meeting_id) == 0:
        raise RecordError(
            _("There is no meeting '{meeting}' in the store.").format(meeting=meeting_id)
        )
    return record_from_texts(meeting_id, [(e.seq, e.data) for e in store.read(meeting_id)])


def render(report: Report, fmt: str, progress: Progress = _quiet) -> bytes:
    """The report in ``fmt`` as bytes (UTF-8 for the text formats)."""
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    progress(_("Writing {format}").format(format=fmt.upper()))
    if fmt == "md":
        from podium.record.markdown import write_markdown

        return write_markdown(report).encode()
    if fmt == "html":
        from podium.record.html import write_html

        return write_html(report, progress=progress).encode()
    if fmt == "pdf":
        from podium.record.pdf import write_pdf

        return write_pdf(report, progress)
    if fmt == "docx":
        from podium.record.docx import write_docx

        return write_docx(report, progress)
    if fmt == "csv":
        from podium.record.csv import write_csv

        return write_csv(report.record).encode()
    from podium.record.json import write_json

    return write_json(report).encode()


def export(
    store: EventStore,
    meeting_id: str,
    fmt: str,
    progress: Progress = _quiet,
    language: str = LANGUAGE,
) -> bytes:
    """Reads the log, builds the report and writes it in ``fmt``."""
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    progress(_("Reading the log"))
    record = load_record(store, meeting_id)
    progress(_("Counting who spoke"))
    return render(build_report(record, language), fmt, progress)
